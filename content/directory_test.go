package content

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var testLangs = []string{"nl", "en", "fr"}

const goodBody = `country: NL
name: {nl: Politie, en: Dutch police, fr: Police néerlandaise}
purpose: {nl: Aangifte doen, en: Report a crime, fr: Porter plainte}
phone: "0900-8844"
phone_abroad: "+31 343 578 844"
web: "https://www.politie.nl"
email: "info@example.org"
hours: {nl: Altijd, en: Always, fr: Toujours}
languages: [nl, en]
situations: [money-gone, threatened]
checked: 2026-11-30
source: "https://www.politie.nl/contact"
`

func TestLoadDirectory(t *testing.T) {
	d, err := LoadDirectory(fstest.MapFS{"directory/police.yaml": {Data: []byte(goodBody)}}, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := d.Body("police")
	if !ok {
		t.Fatal("no police entry")
	}
	if b.Phone != "0900-8844" || b.PhoneAbroad != "+31 343 578 844" || b.Name["fr"] != "Police néerlandaise" ||
		!b.Checked.Equal(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)) || len(b.Situations) != 2 {
		t.Errorf("entry read wrongly: %+v", b)
	}
}

// TestLoadDirectoryRejects checks that every kind of mistake an editor can
// make in an entry stops the start-up with the file's name.
func TestLoadDirectoryRejects(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown key", "country: NL", "country: NL\ntelephone: \"1\"", "telephone"},
		{"missing language", "fr: Police néerlandaise}", "}", "name is missing in fr"},
		{"missing purpose", "purpose: {nl: Aangifte doen, en: Report a crime, fr: Porter plainte}\n", "", "purpose is missing"},
		{"bad date", "checked: 2026-11-30", "checked: 30-11-2026", "not YYYY-MM-DD"},
		{"impossible date", "checked: 2026-11-30", "checked: 2026-02-30", "not YYYY-MM-DD"},
		{"no date", "checked: 2026-11-30\n", "", "checked date is missing"},
		{"no source", "source: \"https://www.politie.nl/contact\"", "source: \"\"", "source"},
		{"letters in a phone number", `phone: "0900-8844"`, `phone: "0900-POLITIE"`, "phone number"},
		{"abroad without country code", `phone_abroad: "+31 343 578 844"`, `phone_abroad: "0343 578 844"`, "phone_abroad"},
		{"plain http", `web: "https://www.politie.nl"`, `web: "http://www.politie.nl"`, "https://"},
		{"bad e-mail", `email: "info@example.org"`, `email: "info at example"`, "e-mail address"},
		{"unknown country", "country: NL", "country: XX", "country"},
		{"unknown situation", "[money-gone, threatened]", "[money-gone, robbed]", "situation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(goodBody, tt.from, tt.to, 1)
			if src == goodBody {
				t.Fatalf("test does not change the entry")
			}
			_, err := LoadDirectory(fstest.MapFS{"directory/police.yaml": {Data: []byte(src)}}, testLangs)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), "directory/police.yaml") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name the file and %q", err, tt.want)
			}
		})
	}
	if _, err := LoadDirectory(fstest.MapFS{"directory/Police_NL.yaml": {Data: []byte(goodBody)}}, testLangs); err == nil {
		t.Error("an id with capitals and underscores was accepted")
	}
}

func TestExpandShortcodes(t *testing.T) {
	d, err := LoadDirectory(fstest.MapFS{"directory/police.yaml": {Data: []byte(goodBody)}}, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, src     string
		markdown      bool
		want, wantErr string
	}{
		{"en", "Call {{phone:police}}.", true, "Call [0900-8844](tel:09008844).", ""},
		{"en", "Call {{phone:police}}.", false, "Call 0900-8844.", ""},
		{"fr", "{{name:police}}", false, "Police néerlandaise", ""},
		{"nl", "From abroad: {{phone-abroad:police}}", true, "From abroad: [+31 343 578 844](tel:+31343578844)", ""},
		{"en", "See {{web:police}}.", true, "See [politie.nl](https://www.politie.nl).", ""},
		{"en", "See {{web:police}}.", false, "See politie.nl.", ""},
		{"en", "[the police]({{url:police}})", true, "[the police](https://www.politie.nl)", ""},
		{"en", "Mail {{email:police}}", true, "Mail [info@example.org](mailto:info@example.org)", ""},
		{"en", "{{contact:police}}", true, "Dutch police ([0900-8844](tel:09008844), [politie.nl](https://www.politie.nl))", ""},
		{"en", "{{contact:police}}", false, "Dutch police (0900-8844, politie.nl)", ""},
		{"en", "{{phone:nobody}}", true, "", `no directory entry "nobody"`},
		{"en", "{{fax:police}}", true, "", "unknown shortcode kind"},
		{"en", "{{phone:police}", true, "", "is not a shortcode"},
		{"en", "{{ phone:police }}", true, "", "is not a shortcode"},
	}
	for _, tt := range tests {
		got, err := d.Expand(tt.lang, tt.src, tt.markdown)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Expand(%q) error %v, want %q", tt.src, err, tt.wantErr)
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("Expand(%q, markdown %v) = %q, %v; want %q", tt.src, tt.markdown, got, err, tt.want)
		}
	}
	// An entry without a phone number cannot be asked for one.
	noPhone := strings.Replace(goodBody, "phone: \"0900-8844\"\n", "", 1)
	d, err = LoadDirectory(fstest.MapFS{"directory/police.yaml": {Data: []byte(noPhone)}}, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Expand("en", "{{phone:police}}", true); err == nil || !strings.Contains(err.Error(), "has no phone") {
		t.Errorf("a missing phone number gave %v", err)
	}
}

// TestArticleShortcodesFailTheLoad: an article that names a body the
// directory lacks does not load, so no page shows an empty contact.
func TestArticleShortcodesFailTheLoad(t *testing.T) {
	fsys := fstest.MapFS{"directory/police.yaml": {Data: []byte(goodBody)}}
	for _, lang := range testLangs {
		fsys[lang+"/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\naudience: citizens\nthreat: phishing\nreviewed: 2026-11-30\n---\nCall {{phone:police}}.\n")}
	}
	lib, err := Load(fsys, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := lib.Get("en", "a")
	if !strings.Contains(string(a.HTML), `<a href="tel:09008844">0900-8844</a>`) {
		t.Errorf("phone not rendered as a link: %s", a.HTML)
	}
	fsys["fr/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\naudience: citizens\nthreat: phishing\nreviewed: 2026-11-30\n---\nAppelez {{phone:polize}}.\n")}
	if _, err := Load(fsys, testLangs); err == nil || !strings.Contains(err.Error(), "fr/a.md") {
		t.Errorf("an unknown body gave %v, want an error naming fr/a.md", err)
	}
}

// TestDirectoryIsFresh fails when an entry of the shipped directory was
// last checked more than twelve months ago: the editors learn that a fact
// may have gone stale before a reader does.
func TestDirectoryIsFresh(t *testing.T) {
	d, err := LoadDirectory(Files, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Bodies()) < 30 {
		t.Errorf("only %d entries in the directory", len(d.Bodies()))
	}
	if stale := d.Stale(time.Now()); len(stale) > 0 {
		t.Errorf("entries not checked for more than %d months: %v (check them again and update checked and source)", StaleAfter, stale)
	}
	for _, b := range d.Bodies() {
		if b.Checked.After(time.Now()) {
			t.Errorf("%s: checked date %s is in the future", b.ID, b.Checked.Format(time.DateOnly))
		}
	}
}

func TestStaleAfterTwelveMonths(t *testing.T) {
	fsys := fstest.MapFS{}
	for id, date := range map[string]string{"old": "2025-11-29", "fresh": "2025-12-01", "today": "2026-11-30"} {
		fsys["directory/"+id+".yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(goodBody, "2026-11-30", date, 1))}
	}
	d, err := LoadDirectory(fsys, testLangs)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if got := d.Stale(now); len(got) != 1 || got[0] != "old" {
		t.Errorf("Stale(%s) = %v, want [old]", now.Format(time.DateOnly), got)
	}
	if got := d.Stale(now.AddDate(1, 0, 0)); len(got) != 3 {
		t.Errorf("a year later Stale = %v, want all three", got)
	}
}

// Contact facts as they may appear in text: phone numbers (Dutch, Belgian
// and French forms, international, and the short service numbers), e-mail
// addresses and web addresses.
var (
	rawPhone  = regexp.MustCompile(`\+\d{2}[\d ()-]{6,}\d|\b0\d{2,3}[- ]?\d{2,4}(?:[- ]?\d{2,4}){0,3}\b|\b(?:112|113|101|1813|3114|33700|116 ?000|116 ?111)\b`)
	rawEmail  = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`)
	rawWeb    = regexp.MustCompile(`(?i)https?://[^\s)"'<>\]]+|\bwww\.[a-z0-9.-]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:nl|be|fr|de|eu|org|com|net|gouv\.fr)\b`)
	anyCode   = regexp.MustCompile(`\{\{[a-z-]+:[a-z0-9-]+\}\}`)
	tplAction = regexp.MustCompile(`\{\{[^}]*\}\}`)
)

// notContacts are strings that look like contact facts but are not: form
// placeholders in the staff area that show the shape of an answer.
var notContacts = map[string]string{
	"naam@maastricht.nl": "placeholder of the staff e-mail field", "name@maastricht.nl": "placeholder of the staff e-mail field",
	"nom@maastricht.nl": "placeholder of the staff e-mail field",
	"https://adres":     "placeholder of the warning link field", "https://address": "placeholder of the warning link field",
	"https://adresse": "placeholder of the warning link field",
}

// rawContacts returns the phone numbers, e-mail and web addresses in text
// that are not written as directory shortcodes.
func rawContacts(text string) []string {
	text = anyCode.ReplaceAllString(text, "")
	var out []string
	for _, re := range []*regexp.Regexp{rawEmail, rawWeb, rawPhone} {
		for _, m := range re.FindAllString(text, -1) {
			if notContacts[m] == "" {
				out = append(out, m)
			}
			text = strings.ReplaceAll(text, m, "") // an e-mail's domain is not a web address too
		}
	}
	return out
}

func TestRawContacts(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Bel 0900-8844 of 088-786 73 72.", 2},
		{"Call +31 343 578 844 from abroad.", 1},
		{"Card Stop: 078 170 170.", 1},
		{"Bel 112, 113 of 1813, of 116 000.", 4},
		{"Stuur sms'jes door naar 33700.", 1},
		{"Mail valse-email@fraudehelpdesk.nl.", 1},
		{"Zie [politie.nl](https://www.politie.nl) of www.politie.nl of cybermalveillance.gouv.fr.", 4},
		{"Bel {{phone:police}} of kijk op {{web:police}}, [hier]({{url:police}}).", 0},
		{"Je verloor € 1.500 in 2026, 72 uur, 5 000 tekens, week 48.", 0},
		{"Read [the report form](/en/report).", 0},
	}
	for _, tt := range tests {
		if got := rawContacts(tt.text); len(got) != tt.want {
			t.Errorf("rawContacts(%q) = %q, want %d", tt.text, got, tt.want)
		}
	}
}

// TestNoContactFactsOutsideTheDirectory reads every article, statement,
// catalogue message and template as written and fails on any phone number,
// e-mail or web address that is not a directory shortcode: a contact fact
// typed by hand is one nobody keeps true.
func TestNoContactFactsOutsideTheDirectory(t *testing.T) {
	check := func(name, text string) {
		for _, m := range rawContacts(text) {
			t.Errorf("%s: %q is typed by hand; add it to content/directory and write a shortcode ({{phone:ID}}, {{web:ID}}, {{url:ID}}, {{email:ID}})", name, m)
		}
	}
	var files int
	err := fs.WalkDir(Files, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(name, ".md") {
			return err
		}
		b, err := fs.ReadFile(Files, name)
		files++
		check("content/"+name, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	catalogues, _ := filepath.Glob("../i18n/locales/*/*.json")
	for _, name := range catalogues {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range msgs {
			check(name+" "+k, v)
		}
		files++
	}
	templates, _ := filepath.Glob("../server/templates/*/*.html")
	for _, name := range templates {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		check(name, tplAction.ReplaceAllString(string(b), "")) // actions are code, not text
		files++
	}
	if files < 100 || len(catalogues) < 3 || len(templates) < 5 {
		t.Fatalf("read only %d files (%d catalogues, %d templates): is the test looking in the right place?", files, len(catalogues), len(templates))
	}
}
