package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

var langs = i18n.Languages()

func article(title, audience, threat, related string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\nsummary: \"S\"\naudience: " + audience +
		"\nthreat: " + threat + "\nreviewed: 2026-11-23\nrelated: [" + related + "]\n---\nIntro.\n\n## Steps\n\n1. One\n2. Two\n")}
}

// tree is a valid two-article library in three languages.
func tree() fstest.MapFS {
	fs := fstest.MapFS{}
	for _, l := range langs {
		fs[l+"/a.md"] = article("Fraudé "+l, "citizens", "phishing", "b")
		fs[l+"/b.md"] = article("Other "+l, "business", "ransomware", "a")
	}
	return fs
}

func TestLoadValidLibrary(t *testing.T) {
	t.Parallel()
	lib, err := Load(tree(), langs)
	if err != nil {
		t.Fatal(err)
	}
	a, ok := lib.Get("fr", "a")
	if !ok || a.Title != "Fraudé fr" || a.Audience != "citizens" || a.Reviewed.Year() != 2026 {
		t.Fatalf("Get: %+v %v", a, ok)
	}
	if !strings.Contains(string(a.HTML), "<ol>\n<li>One</li>") {
		t.Errorf("Markdown not rendered: %s", a.HTML)
	}
	if r := lib.Related(a); len(r) != 1 || r[0].Slug != "b" || r[0].Lang != "fr" {
		t.Errorf("Related: %v", r)
	}
}

// TestLoadRejects proves that each inconsistency between languages, and each
// broken file, stops the portal from starting, with a message naming the file.
func TestLoadRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"missing language", func(fs fstest.MapFS) { delete(fs, "fr/b.md") }, "fr/b.md is missing"},
		{"audience differs", func(fs fstest.MapFS) { fs["en/a.md"] = article("T", "business", "phishing", "b") }, "en/a.md: audience"},
		{"threat differs", func(fs fstest.MapFS) { fs["fr/a.md"] = article("T", "citizens", "ddos", "b") }, "fr/a.md: threat"},
		{"related differs", func(fs fstest.MapFS) { fs["en/a.md"] = article("T", "citizens", "phishing", "") }, "en/a.md: related"},
		{"unknown related", func(fs fstest.MapFS) {
			for _, l := range langs {
				fs[l+"/a.md"] = article("T", "citizens", "phishing", "zzz")
			}
		}, `related article "zzz" does not exist`},
		{"keys differ", func(fs fstest.MapFS) {
			fs["en/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\nthreat: ransomware\naudience: business\nreviewed: 2026-11-23\nrelated: [a]\n---\nx\n")}
		}, "en/b.md: front matter keys"},
		{"unknown key", func(fs fstest.MapFS) {
			fs["nl/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\naudience: business\nthreat: ransomware\nreviewed: 2026-11-23\nrelated: [a]\nauthor: me\n---\nx\n")}
		}, "nl/b.md: front matter"},
		{"bad audience", func(fs fstest.MapFS) { fs["nl/a.md"] = article("T", "everyone", "phishing", "b") }, `nl/a.md: audience "everyone"`},
		{"bad threat", func(fs fstest.MapFS) { fs["nl/a.md"] = article("T", "citizens", "aliens", "b") }, `nl/a.md: threat "aliens"`},
		{"empty title", func(fs fstest.MapFS) { fs["en/a.md"] = article("", "citizens", "phishing", "b") }, "en/a.md: title is empty"},
		{"no front matter", func(fs fstest.MapFS) { fs["en/a.md"] = &fstest.MapFile{Data: []byte("# Hello\n")} }, "en/a.md: missing front matter"},
		{"unclosed front matter", func(fs fstest.MapFS) { fs["en/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: x\n")} }, "en/a.md: front matter is not closed"},
		{"bad YAML", func(fs fstest.MapFS) { fs["en/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [x\n---\n")} }, "en/a.md: front matter"},
		{"statement page missing in a language", func(fs fstest.MapFS) {
			fs["pages/nl/privacy.md"] = &fstest.MapFile{Data: []byte("---\ntitle: P\nsummary: S\n---\nx\n")}
		}, "pages/en/privacy.md is missing"},
		{"no articles", func(fs fstest.MapFS) {
			for k := range fs {
				delete(fs, k)
			}
		}, "no articles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := tree()
			tt.change(fs)
			_, err := Load(fs, langs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	lib, err := Load(tree(), langs)
	if err != nil {
		t.Fatal(err)
	}
	slugs := func(as []*Article) string {
		var s []string
		for _, a := range as {
			s = append(s, a.Slug)
		}
		return strings.Join(s, ",")
	}
	tests := []struct{ lang, audience, q, want string }{
		{"fr", "", "fraude", "a"},
		{"fr", "", "FRAUDÉ", "a"},
		{"nl", "", "", "a,b"},
		{"nl", "business", "", "b"},
		{"nl", "citizens", "", "a"},
		{"en", "", "steps", "a,b"},
		{"en", "", "other", "b"},
		{"en", "", "steps other", "b"},
		{"en", "", "nothing-like-this", ""},
	}
	for _, tt := range tests {
		if got := slugs(lib.Search(tt.lang, tt.audience, tt.q)); got != tt.want {
			t.Errorf("Search(%s, %q, %q) = %q, want %q", tt.lang, tt.audience, tt.q, got, tt.want)
		}
	}
}

// TestShippedContent checks the real articles: all there in every language,
// each with the sections the portal promises readers.
func TestShippedContent(t *testing.T) {
	t.Parallel()
	lib, err := Load(Files, langs)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(lib.Slugs()); n < 14 {
		t.Errorf("%d articles, want at least 14", n)
	}
	for _, slug := range lib.Slugs() {
		for _, l := range langs {
			a, _ := lib.Get(l, slug)
			html := string(a.HTML)
			if strings.Count(html, "<h2") < 5 {
				t.Errorf("%s/%s: %d sections, want 5 (what, recognise, protect, what to do, report)", l, slug, strings.Count(html, "<h2"))
			}
			if !strings.Contains(html, "<ol>") {
				t.Errorf("%s/%s: no numbered steps", l, slug)
			}
			if !strings.Contains(html, `href="/`+l+`/report"`) {
				t.Errorf("%s/%s: no link to the report form in its own language", l, slug)
			}
		}
	}
	for _, name := range []string{"privacy", "accessibility"} {
		for _, l := range langs {
			if _, ok := lib.Page(l, name); !ok {
				t.Errorf("statement %s missing in %s", name, l)
			}
		}
	}
}

// TestThreatsAreReportCodes checks that an article can be about exactly the
// incidents a report can name, plus general advice: a new incident code is
// a threat as soon as it is a report code, and nothing else is.
func TestThreatsAreReportCodes(t *testing.T) {
	t.Parallel()
	want := append(vocab.Incident.Codes(), "general")
	if got := Threats(); !slices.Equal(got, want) {
		t.Errorf("Threats() = %v, want the report's incident codes and general: %v", got, want)
	}
	for _, threat := range append(want, "not_a_code") {
		a := &Article{Title: "T", Summary: "S", Audience: AudienceBoth, Threat: threat, Reviewed: time.Now()}
		err := a.validate()
		if (err == nil) != (threat != "not_a_code") {
			t.Errorf("threat %q: validate() = %v", threat, err)
		}
	}
}
