package server

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/data/monitor"
	"cyberportal/data/scrub"
	"cyberportal/i18n"
)

// usedKey finds literal keys in templates ({{.T "x"}}, {{$.N "y" ...}}) and
// in Go code (p.T("x"), p.N("y", ...)).
var usedKey = regexp.MustCompile(`\.(T|N|HTML)[ (]"([a-z0-9_.\-]+)"`)

// dynamicKeys are keys built at run time from a prefix and a known value.
var dynamicKeys = map[string][]string{
	// Staff pages and warnings; staff_pages_test.go checks more.
	"staff.status.": data.ModerationStatuses(),
	"staff.role.":   data.StaffRoles(), "staff.lang.": i18n.Languages(), "staff.audit.action.": staffDynamicKeys["staff.audit.action."],
	// Reporting: the lists come from the code (report_keys_test.go).
	"code.victim.": reportKeyValues("code.victim."), "code.size.": reportKeyValues("code.size."),
	"code.sector.": reportKeyValues("code.sector."), "code.incident.": reportKeyValues("code.incident."),
	"code.channel.": reportKeyValues("code.channel."), "code.municipality.": reportKeyValues("code.municipality."),
	"code.loss.": reportKeyValues("code.loss."), "code.recovered.": reportKeyValues("code.recovered."),
	"code.ransom.": reportKeyValues("code.ransom."), "code.police.": reportKeyValues("code.police."),
	"report.incident_hint.": reportKeyValues("report.incident_hint."), "report.error.": reportKeyValues("report.error."),
	"report.step.": reportKeyValues("report.step."), "report.channel.": reportKeyValues("report.channel."),

	// Statistics: code labels and their phrases in sentences.
	"code.":              statsCodeKeys(),
	"statistics.phrase.": statsCodeKeys(),
	// Safety Monitor areas (issue 13): the kinds of area.
	"statistics.areas.kind.": monitor.AreaKinds,

	// Self-check (issue 14): selfcheck_test.go lists the values.
	"selfcheck.q.": selfCheckKeyValues("q"), "selfcheck.short.": selfCheckKeyValues("short"),
	"selfcheck.action.": selfCheckKeyValues("action"), "selfcheck.ask.": selfCheckKeyValues("ask"),
	"selfcheck.theme.": selfCheckThemes, "selfcheck.answer.": data.SelfCheckAnswers,

	"scrub.placeholder.": scrub.Kinds[:],
	// Contacts (issue 11): the directory's situations, countries and languages.
	"contacts.situation.": content.Situations, "contacts.country.": content.Countries,
	"contacts.language.": content.BodyLanguages,

	"audience.":     {"citizens", "business", "both"},
	"audience.for.": {"citizens", "business", "both"},
	"error.":        {"400.title", "400.text", "401.title", "401.text", "403.title", "403.text", "404.title", "404.text", "405.title", "405.text", "413.title", "413.text", "429.title", "429.text", "500.title", "500.text", "503.title", "503.text", "other.title", "other.text"},
}

// statsCodeKeys are "incident.phishing" and the like: every answer code the
// statistics label.
func statsCodeKeys() []string {
	var keys []string
	for kind, codes := range statsCodes {
		for _, c := range codes {
			keys = append(keys, kind+"."+c)
		}
	}
	return keys
}

// TestEveryUsedKeyExists fails when a template or handler uses a key that
// some language does not define.
func TestEveryUsedKeyExists(t *testing.T) {
	t.Parallel()
	cat, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	found := func(src string) {
		for _, m := range usedKey.FindAllStringSubmatch(src, -1) {
			if strings.HasSuffix(m[2], ".") {
				if _, ok := dynamicKeys[m[2]]; !ok {
					t.Errorf("key prefix %q is completed at run time: list its values in dynamicKeys", m[2])
				}
				continue
			}
			if m[1] == "N" {
				keys = append(keys, m[2]+".one", m[2]+".other")
			} else {
				keys = append(keys, m[2])
			}
		}
	}
	err = fs.WalkDir(templateFS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, name)
		found(string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	goFiles, _ := filepath.Glob("*.go")
	for _, name := range goFiles {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		found(string(b))
	}
	for prefix, values := range dynamicKeys {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: the pattern no longer matches how templates use keys", len(keys))
	}
	for _, key := range keys {
		for _, l := range i18n.Languages() {
			if !cat.Has(l, key) {
				t.Errorf("%s: key %q is used but not defined", l, key)
			}
		}
	}
}
