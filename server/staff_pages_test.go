package server

import (
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/i18n"
)

// staffDynamicKeys are the staff and warnings keys completed at run time,
// from printf in templates and from codes in Go.
var staffDynamicKeys = map[string][]string{
	"staff.status.":                data.ModerationStatuses(),
	"staff.role.":                  data.StaffRoles(),
	"staff.role.%s.hint":           data.StaffRoles(),
	"staff.lang.":                  i18n.Languages(),
	"staff.warning.status.":        {data.WarningDraft, data.WarningPublished, data.WarningWithdrawn},
	"staff.account.status.":        {data.StaffPending, data.StaffActive, data.StaffDisabled},
	"staff.report.done.":           data.ModerationStatuses(),
	"staff.warning.done.":          warningNotices,
	"staff.accounts.done.":         accountNotices,
	"staff.setup.error.password.":  {auth.PasswordTooShort, auth.PasswordTooLong, auth.PasswordCommon, auth.PasswordPersonal},
	"staff.warning.error.missing.": i18n.Languages(),
	"staff.audit.action.": {"login", "logout", "staff.add", "staff.reset", "staff.disable", "staff.setup", "report.new",
		"report.reviewed", "report.spam", "report.hidden", "report.export", "warning.create", "warning.update",
		"warning.publish", "warning.withdraw", "login.failed.password", "login.failed.code", "login.failed.replay",
		"login.failed.account", "login.throttled.client", "login.throttled.pair", "login.slowed", "access.denied.csrf",
		"access.denied.role"},
}

// TestStaffKeysExist finds every staff and warnings key that Go code or a
// template names, literally or as a prefix completed at run time, and checks
// that all three languages define it. (TestEveryUsedKeyExists only sees keys
// passed straight to .T and .N; staff pages also pass keys around in form
// errors and notices.)
func TestStaffKeysExist(t *testing.T) {
	t.Parallel()
	cat, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`"((?:staff|warnings)\.[a-z0-9_.%]+)"`)
	var srcs []string
	fs.WalkDir(templateFS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(templateFS, name)
			srcs = append(srcs, string(b))
		}
		return err
	})
	goFiles, _ := filepath.Glob("*.go")
	for _, name := range goFiles {
		if !strings.HasSuffix(name, "_test.go") {
			b, _ := os.ReadFile(name)
			srcs = append(srcs, string(b))
		}
	}
	keys := map[string]bool{}
	for _, src := range srcs {
		for _, m := range literal.FindAllStringSubmatch(src, -1) {
			k := strings.Replace(m[1], "%s", "", 1)
			if strings.HasSuffix(k, ".") || strings.Contains(m[1], "%s") {
				values, ok := staffDynamicKeys[m[1]]
				if !ok {
					values, ok = staffDynamicKeys[k]
				}
				if !ok {
					t.Errorf("key prefix %q is completed at run time: list its values in staffDynamicKeys", m[1])
				}
				for _, v := range values {
					if strings.Contains(m[1], "%s") {
						keys[strings.Replace(m[1], "%s", v, 1)] = true
					} else {
						keys[k+v] = true
					}
				}
				continue
			}
			keys[k] = true
		}
	}
	if len(keys) < 150 {
		t.Fatalf("found only %d staff keys: the pattern no longer matches", len(keys))
	}
	plural := map[string]bool{"staff.trend.alerts": true, "staff.trend.count": true, "staff.home.counted": true, "staff.reports.found": true}
	for k := range keys {
		for _, l := range i18n.Languages() {
			if plural[k] {
				if !cat.Has(l, k+".one") || !cat.Has(l, k+".other") {
					t.Errorf("%s: plural key %q lacks .one or .other", l, k)
				}
			} else if !cat.Has(l, k) {
				t.Errorf("%s: key %q is used but not defined", l, k)
			}
		}
	}
}

// TestStaffPagesInEveryLanguage renders each staff page in each language
// (the member's preference) and checks that it is the staff chrome: no
// public language switcher or hreflang, noindex, no-store.
func TestStaffPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	s, clock, admin, c := loggedInStaff(t, "admin@example.nl", data.RoleAdmin)
	id := addTestReport(t, s, "2026-W48", "sextortion", "new", "tekst")
	wid, _ := s.store.CreateWarning(t.Context(), &data.Warning{Texts: map[string]data.WarningText{"nl": {Title: "T", Body: "B"}}}, admin.ID, clock.now())
	words := map[string]map[string]string{
		"/staff/":                      {"nl": "Meldingen per status", "en": "Reports by status", "fr": "Signalements par statut"},
		"/staff/reports":               {"nl": "Meldingen filteren", "en": "Filter reports", "fr": "Filtrer les signalements"},
		"/staff/reports/" + itoa(id):   {"nl": "Markeren als spam", "en": "Mark as spam", "fr": "Marquer comme indésirable"},
		"/staff/warnings":              {"nl": "Nieuwe waarschuwing schrijven", "en": "Write a new warning", "fr": "Rédiger une nouvelle alerte"},
		"/staff/warnings/new":          {"nl": "Link naar advies", "en": "Link to advice", "fr": "Lien vers un conseil"},
		"/staff/warnings/" + itoa(wid): {"nl": "Publiceren", "en": "Publish", "fr": "Publier"},
		"/staff/accounts":              {"nl": "Account toevoegen", "en": "Add an account", "fr": "Ajouter un compte"},
		"/staff/audit":                 {"nl": "Logboek", "en": "Audit log", "fr": "Journal"},
	}
	for _, lang := range i18n.Languages() {
		res, _ := staffPost(t, s, "/staff/lang", url.Values{"lang": {lang}, "back": {"/staff/audit?page=1"}}, c)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/audit?page=1" {
			t.Fatalf("switch to %s: %d %q", lang, res.StatusCode, res.Header.Get("Location"))
		}
		for path, want := range words {
			res, body := staffGet(t, s, path, c, "Accept-Language", "de")
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: %d", lang, path, res.StatusCode)
				continue
			}
			mustContain(t, body, `<html lang="`+lang+`">`, want[lang], `<meta name="robots" content="noindex">`,
				`action="/staff/lang"`, `aria-current="true">`+i18n.Name(lang), `action="/staff/logout"`, `href="/staff/"`)
			mustNotContain(t, body, `hreflang="en" href=`, `class="emergency"`, `href="/`+lang+`/report"`)
			if res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s: Cache-Control %q", lang, path, res.Header.Get("Cache-Control"))
			}
		}
	}
	if res, _ := staffPost(t, s, "/staff/lang", url.Values{"lang": {"de"}}, c); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown language: %d", res.StatusCode)
	}
	if res, _ := staffPost(t, s, "/staff/lang", url.Values{"lang": {"nl"}, "back": {"https://evil.example/"}}, c); res.Header.Get("Location") != "/staff/" {
		t.Errorf("switcher sent to %q", res.Header.Get("Location"))
	}
	// Readers of public pages still get no cookie; staff pages do.
	if res, _ := get(t, s, "/nl/warnings"); len(res.Cookies()) != 0 {
		t.Errorf("public warnings page sets %v", res.Cookies())
	}
	if res, _ := get(t, s, "/staff"); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/staff/" {
		t.Errorf("/staff: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestStaffAccountsPage(t *testing.T) {
	t.Parallel()
	s, clock, admin, c := loggedInStaff(t, "admin@example.nl", data.RoleAdmin)
	res, body := staffPost(t, s, "/staff/accounts", url.Values{"email": {"New.Person@Maastricht.nl"}, "role": {"editor"}}, c)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("add: %d", res.StatusCode)
	}
	link := regexp.MustCompile(`https://cyberhulp\.example/staff/setup/[A-Za-z0-9_-]{43}`).FindString(body)
	if link == "" {
		t.Fatalf("no set-up link shown:\n%s", body)
	}
	if res, _ := staffGet(t, s, strings.TrimPrefix(link, "https://cyberhulp.example"), nil); res.StatusCode != http.StatusOK {
		t.Errorf("the shown link does not work: %d", res.StatusCode)
	}
	for _, tt := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"email": {"new.person@maastricht.nl"}, "role": {"editor"}}, "There is already an account with this e-mail address"},
		{url.Values{"email": {"not an address"}, "role": {"editor"}}, "Enter an e-mail address"},
		{url.Values{"email": {"x@example.nl"}, "role": {"root"}}, "Choose a role"},
	} {
		res, body := staffPost(t, s, "/staff/accounts", tt.form, c)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%v: %d", tt.form, res.StatusCode)
		}
		mustContain(t, body, tt.want, `class="error-summary"`)
	}

	other := addTestStaff(t, s, "other@example.nl", data.RoleAnalyst)
	oc := other.session(t, s)
	res, _ = staffPost(t, s, "/staff/accounts/"+itoa(other.ID)+"/disable", nil, c)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.StatusCode)
	}
	if res, _ := staffGet(t, s, "/staff/", oc); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled member's session still works: %d", res.StatusCode)
	}
	_, body = staffGet(t, s, "/staff/accounts?done=disabled", c)
	mustContain(t, body, "The account has been disabled", "other@example.nl", "Disabled", "Waiting for set-up")
	// An admin cannot lock themselves out here.
	if res, _ := staffPost(t, s, "/staff/accounts/"+itoa(admin.ID)+"/disable", nil, c); res.StatusCode != http.StatusBadRequest {
		t.Errorf("disabling oneself: %d", res.StatusCode)
	}
	res, body = staffPost(t, s, "/staff/accounts/"+itoa(other.ID)+"/reset", nil, c)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("reset: %d", res.StatusCode)
	}
	mustContain(t, body, "no longer work", "/staff/setup/")

	clock.advance(time.Minute)
	_, body = staffGet(t, s, "/staff/audit", c)
	for _, want := range []string{"Added an account", "new.person@maastricht.nl (editor)", "Disabled an account", "Issued a new set-up link",
		"admin@example.nl", "command line", "25 November 2026 11:00:00 CET"} {
		mustContain(t, body, want)
	}
}

func TestDailyJobsEraseOldText(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	useTestClock(s) // 2026-W48; 24 months back is 2024-W48
	s.cfg.RetentionMonths = 24
	old := addTestReport(t, s, "2024-W47", "phishing", "reviewed", "old story")
	edge := addTestReport(t, s, "2024-W48", "phishing", "reviewed", "edge story")
	s.dailyJobs(t.Context())
	if r, _ := s.store.ModerationReport(t.Context(), old); r.Description != "" || r.Incident != "phishing" {
		t.Errorf("old report: %+v", r)
	}
	if r, _ := s.store.ModerationReport(t.Context(), edge); r.Description != "edge story" {
		t.Errorf("report of the boundary week erased: %+v", r)
	}
}
