package i18n

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// sameAllowed are keys whose text may rightly be the same in two languages.
var sameAllowed = map[string]bool{
	"nav.home": true, "advice.count.one": true, "advice.count.other": true,
	"month.short.3": true, "month.short.5": true, "month.9": true, "month.11": true, "month.short.9": true,
	"month.short.6": true, "month.short.8": true,
	// Loanwords inside sentences of the statistics (lower case, so not names).
	"statistics.phrase.incident.phishing": true, "statistics.phrase.incident.ransomware": true,
	"statistics.phrase.incident.sextortion": true, "statistics.phrase.channel.email": true,
	"statistics.phrase.incident.malware": true,
}

// TestCatalogueComplete fails on a key missing in any language (both
// directions), an empty message, a message left in another language, or
// translations that take different arguments.
func TestCatalogueComplete(t *testing.T) {
	t.Parallel()
	c, err := Load(Locales)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, l := range Languages() {
		for _, k := range c.Keys(l) {
			all[k] = true
		}
	}
	for key := range all {
		var first []string
		for i, l := range Languages() {
			if !c.Has(l, key) {
				t.Errorf("%s: key %q is missing", l, key)
				continue
			}
			msg := c.Message(l, key)
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: key %q is empty", l, key)
			}
			v := verbs(msg)
			if i == 0 {
				first = v
			} else if !reflect.DeepEqual(v, first) {
				t.Errorf("%s: key %q takes %v, %s takes %v", l, key, v, Default, first)
			}
		}
		if sameAllowed[key] || len(c.Message("en", key)) < 4 {
			continue
		}
		for _, pair := range [][2]string{{"nl", "en"}, {"fr", "en"}, {"nl", "fr"}} {
			a, b := c.Message(pair[0], key), c.Message(pair[1], key)
			if a == b && strings.ContainsAny(a, "abcdefghijklmnopqrstuvwxyz") && !onlyNames(a) {
				t.Errorf("key %q is the same in %s and %s (%q): untranslated?", key, pair[0], pair[1], a)
			}
		}
	}
}

// onlyNames is true for messages that are proper names, codes or numbers,
// which stay the same in every language.
func onlyNames(s string) bool {
	for _, w := range strings.Fields(s) {
		if w != strings.ToLower(w) || strings.ContainsAny(w, "%0123456789@/") {
			continue
		}
		return false
	}
	return true
}

func TestLoadRejectsBrokenCatalogues(t *testing.T) {
	t.Parallel()
	ok := `{"a": "x"}`
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"missing language", fstest.MapFS{"locales/nl/a.json": {Data: []byte(ok)}, "locales/en/a.json": {Data: []byte(ok)}}, `no catalogue files for "fr"`},
		{"bad JSON", fstest.MapFS{"locales/nl/a.json": {Data: []byte(`{"a": 1}`)}, "locales/en/a.json": {Data: []byte(ok)}, "locales/fr/a.json": {Data: []byte(ok)}}, "locales/nl/a.json"},
		{"duplicate key", fstest.MapFS{"locales/nl/a.json": {Data: []byte(ok)}, "locales/nl/b.json": {Data: []byte(ok)}, "locales/en/a.json": {Data: []byte(ok)}, "locales/fr/a.json": {Data: []byte(ok)}}, `key "a" is defined twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct{ accept, want string }{
		{"fr-BE", "fr"}, {"fr-BE,fr;q=0.9", "fr"}, {"en-GB,en;q=0.9", "en"}, {"en-US", "en"},
		{"nl-BE", "nl"}, {"nl", "nl"}, {"de-DE", "nl"}, {"", "nl"}, {"*", "nl"}, {";;;", "nl"},
		{"de-DE,en;q=0.5", "en"}, {"zh,fr;q=0.1", "fr"},
	}
	for _, tt := range tests {
		if got := Match(tt.accept); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.accept, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	c, err := Load(Locales)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, time.March, 5, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		lang                                          string
		percent, number, integer, date, month, monthY string
	}{
		{"nl", "13,8%", "1.234,5", "1.234.567", "5 maart 2026", "mrt", "maart 2026"},
		{"en", "13.8%", "1,234.5", "1,234,567", "5 March 2026", "Mar", "March 2026"},
		{"fr", "13,8\u00a0%", "1\u00a0234,5", "1\u00a0234\u00a0567", "5 mars 2026", "mars", "mars 2026"},
	}
	for _, tt := range tests {
		p := c.Printer(tt.lang)
		got := []string{p.Percent(13.8, 1), p.Number(1234.5, 1), p.Int(1234567), p.Date(day), p.MonthShort(time.March), p.MonthYear(2026, time.March)}
		want := []string{tt.percent, tt.number, tt.integer, tt.date, tt.month, tt.monthY}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q", tt.lang, got, want)
		}
	}
}

func TestPluralsFollowEachLanguage(t *testing.T) {
	t.Parallel()
	files := fstest.MapFS{
		"locales/nl/a.json": {Data: []byte(`{"n.one": "%[1]s ding", "n.other": "%[1]s dingen"}`)},
		"locales/en/a.json": {Data: []byte(`{"n.one": "%[1]s thing", "n.other": "%[1]s things"}`)},
		"locales/fr/a.json": {Data: []byte(`{"n.one": "%[1]s chose", "n.other": "%[1]s choses"}`)},
	}
	c, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"nl", 0, "0 dingen"}, {"nl", 1, "1 ding"}, {"nl", 2, "2 dingen"},
		{"en", 0, "0 things"}, {"en", 1, "1 thing"}, {"en", 1500, "1,500 things"},
		{"fr", 0, "0 chose"}, {"fr", 1, "1 chose"}, {"fr", 2, "2 choses"},
	}
	for _, tt := range tests {
		if got := c.Printer(tt.lang).N("n", tt.n); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestMissingKeyShowsTheKey(t *testing.T) {
	t.Parallel()
	c, err := Load(Locales)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Printer("fr").T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key gave %q", got)
	}
	if got := c.Printer("de").Lang(); got != "nl" {
		t.Errorf("unknown language falls back to %q, want nl", got)
	}
}

func TestHTMLEscapesArguments(t *testing.T) {
	t.Parallel()
	files := fstest.MapFS{}
	for _, l := range Languages() {
		files["locales/"+l+"/a.json"] = &fstest.MapFile{Data: []byte(`{"k": "<b>%[1]s</b>"}`)}
	}
	c, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(c.Printer("en").HTML("k", "<script>")); got != "<b>&lt;script&gt;</b>" {
		t.Errorf("HTML = %q", got)
	}
}

// TestLanguages checks the one language list: the default first, each with
// its own name, Match answering each of them, and copies that cannot change it.
func TestLanguages(t *testing.T) {
	t.Parallel()
	langs := Languages()
	if langs[0] != Default {
		t.Errorf("Languages()[0] = %q, want the default %q", langs[0], Default)
	}
	for _, l := range langs {
		if Name(l) == "" {
			t.Errorf("%s has no name", l)
		}
		if got := Match(l); got != l {
			t.Errorf("Match(%q) = %q", l, got)
		}
	}
	langs[0] = "xx"
	if Languages()[0] != Default {
		t.Error("changing the returned list changed the languages")
	}
}
