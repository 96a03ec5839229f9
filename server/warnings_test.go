package server

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/i18n"
)

// warningValues is the editor's form with the texts given per language.
func warningValues(texts map[string][2]string, article string) url.Values {
	f := url.Values{"article": {article}}
	for l, t := range texts {
		f.Set("title-"+l, t[0])
		f.Set("body-"+l, t[1])
	}
	return f
}

var threeLanguages = map[string][2]string{
	"nl": {"Nep-sms over uw pakket", "Klik **niet** op de link in een sms over een pakket."},
	"en": {"Fake parcel texts", "Do **not** click the link in a text about a parcel."},
	"fr": {"Faux SMS de colis", "Ne cliquez **pas** sur le lien d’un SMS sur un colis."},
}

// TestWarningPublishing writes a warning, tries to publish it while French
// is missing, completes it, publishes it, finds it on every public page in
// every language, and withdraws it.
func TestWarningPublishing(t *testing.T) {
	t.Parallel()
	s, clock, _, c := loggedInStaff(t, "e@example.nl", data.RoleEditor)

	partial := map[string][2]string{"nl": threeLanguages["nl"], "en": threeLanguages["en"]}
	res, _ := staffPost(t, s, "/staff/warnings", warningValues(partial, "online-shopping-fraud"), c)
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?done=saved") {
		t.Fatalf("create: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	edit := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	_, body := staffGet(t, s, edit+"?done=saved", c)
	mustContain(t, body, "The warning has been saved.", "Draft", `value="Fake parcel texts"`, "<strong>not</strong>",
		`<option value="online-shopping-fraud" selected>`)

	res, body = staffPost(t, s, edit+"/publish", nil, c)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("publish without French: %d", res.StatusCode)
	}
	mustContain(t, body, "Write the French title and text before the warning can be public", `href="#title-fr"`)
	mustNotContain(t, body, "Write the Dutch title")
	if _, home := get(t, s, "/en/"); strings.Contains(home, "Fake parcel texts") {
		t.Fatal("an unpublished warning is on the home page")
	}

	clock.advance(time.Minute)
	if res, _ := staffPost(t, s, edit, warningValues(threeLanguages, "online-shopping-fraud"), c); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", res.StatusCode)
	}
	clock.advance(time.Minute)
	if res, _ := staffPost(t, s, edit+"/publish", nil, c); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	for lang, text := range threeLanguages {
		_, home := get(t, s, "/"+lang+"/")
		mustContain(t, home, `class="home-warnings"`, text[0], "<strong>", `href="/`+lang+`/advice/online-shopping-fraud"`,
			`<link rel="alternate" type="application/atom+xml" href="/`+lang+`/warnings.atom"`)
		_, list := get(t, s, "/"+lang+"/warnings")
		mustContain(t, list, text[0], `id="warning-1"`, `type="application/atom+xml" href="/`+lang+`/warnings.atom"`)
	}
	_, list := get(t, s, "/fr/warnings")
	mustContain(t, list, "Publiée le 25 novembre 2026")

	// A published warning cannot lose a language.
	res, body = staffPost(t, s, edit, warningValues(partial, ""), c)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("emptying French of a published warning: %d", res.StatusCode)
	}
	mustContain(t, body, "Write the French title and text before the warning can be public")

	if res, _ := staffPost(t, s, edit+"/withdraw", nil, c); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", res.StatusCode)
	}
	_, home := get(t, s, "/nl/")
	mustNotContain(t, home, threeLanguages["nl"][0], `class="home-warnings"`)
	_, list = get(t, s, "/en/warnings")
	mustContain(t, list, "There are no current warnings.")
	_, body = staffGet(t, s, "/staff/warnings", c)
	mustContain(t, body, "Fake parcel texts", "Withdrawn")
}

// TestWarningChangesReachKeptPages: the home page and the warnings list are
// kept in memory once rendered. Every change to what is published must show
// on the next visit, in every language: publishing, editing a published
// warning, withdrawing.
func TestWarningChangesReachKeptPages(t *testing.T) {
	t.Parallel()
	s, clock, _, c := loggedInStaff(t, "e@example.nl", data.RoleEditor)
	// visit renders (or re-reads) every kept page and checks what it shows.
	visit := func(step string, want func(lang string) string, shown bool) {
		t.Helper()
		for _, lang := range i18n.Languages() {
			for _, path := range []string{"/" + lang + "/", "/" + lang + "/warnings"} {
				for range 2 { // the second answer comes from the page cache
					_, body := get(t, s, path)
					if strings.Contains(body, want(lang)) != shown {
						t.Fatalf("%s: %s shows %q: %v, want %v", step, path, want(lang), !shown, shown)
					}
				}
			}
		}
	}
	title := func(lang string) string { return threeLanguages[lang][0] }

	res, _ := staffPost(t, s, "/staff/warnings", warningValues(threeLanguages, ""), c)
	edit := strings.TrimSuffix(res.Header.Get("Location"), "?done=saved")
	visit("draft", title, false)

	clock.advance(time.Minute)
	staffPost(t, s, edit+"/publish", nil, c)
	visit("published", title, true)

	edited := map[string][2]string{}
	for l, t := range threeLanguages {
		edited[l] = [2]string{t[0] + " (bijgewerkt)", t[1]}
	}
	clock.advance(time.Minute)
	staffPost(t, s, edit, warningValues(edited, ""), c)
	visit("edited", func(lang string) string { return edited[lang][0] }, true)

	clock.advance(time.Minute)
	staffPost(t, s, edit+"/withdraw", nil, c)
	visit("withdrawn", title, false)
}

func TestWarningFormValidation(t *testing.T) {
	t.Parallel()
	s, _, _, c := loggedInStaff(t, "e@example.nl", data.RoleEditor)
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"empty", warningValues(nil, ""), "Write a title in at least one language"},
		{"long title", warningValues(map[string][2]string{"nl": {strings.Repeat("é", 121), "x"}}, ""), "The title must be at most 120 characters long"},
		{"long text", warningValues(map[string][2]string{"en": {"t", strings.Repeat("a", 5001)}}, ""), "The text must be at most 5,000 characters long"},
		{"unknown article", warningValues(threeLanguages, "../../etc/passwd"), "Choose an advice article from the list"},
	}
	for _, tt := range tests {
		res, body := staffPost(t, s, "/staff/warnings", tt.form, c)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", tt.name, res.StatusCode)
		}
		mustContain(t, body, tt.want, `class="error-summary"`)
	}
	if ws, _ := s.store.ListWarnings(t.Context()); len(ws) != 0 {
		t.Errorf("%d warnings saved from invalid forms", len(ws))
	}
}

// TestWarningMarkdownIsSanitised: an editor's Markdown cannot put script
// or unsafe links on public pages, in HTML, the feed or the preview.
func TestWarningMarkdownIsSanitised(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	body := "Hello <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) " +
		"<a href=\"https://evil.example\" onclick=\"alert(4)\">x</a>\n\n[ok](https://www.politie.nl/) <iframe src=//evil></iframe>"
	id, editor := publishInAllLanguages(t, s, `<b>Title</b> "%s"`, body)
	unsafe := []string{"<script", "onerror", "javascript:", "onclick", "<iframe", "<b>Title", "alert(2)>"}
	for _, page := range []string{"/nl/", "/en/warnings", "/fr/warnings.atom"} {
		_, out := get(t, s, page)
		if page == "/fr/warnings.atom" {
			// The feed's content carries the HTML escaped once; unescape it
			// to look at it. (Its title is text, and may show <b>.)
			var f struct {
				Content string `xml:"entry>content"`
			}
			if err := xml.Unmarshal([]byte(out), &f); err != nil {
				t.Fatal(err)
			}
			out = f.Content
			mustContain(t, out, `<a href="https://www.politie.nl/" rel="nofollow">ok</a>`)
		} else {
			mustContain(t, out, `&lt;b&gt;Title&lt;/b&gt;`, `<a href="https://www.politie.nl/" rel="nofollow">ok</a>`)
		}
		mustNotContain(t, out, unsafe...)
	}
	// The editor shows the Markdown escaped in the text boxes and the
	// preview sanitised.
	_, preview := staffGet(t, s, "/staff/warnings/"+itoa(id), editor.session(t, s))
	mustContain(t, preview, `&lt;script&gt;alert(1)&lt;/script&gt;`, `<a href="https://www.politie.nl/" rel="nofollow">ok</a>`)
	mustNotContain(t, preview, "<script", "<img", `href="javascript`, "<iframe")
}

// TestWarningsFeedIsAtom checks the feed against RFC 4287's rules for
// atom:feed and atom:entry, parsing it with encoding/xml.
func TestWarningsFeedIsAtom(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	editor := addTestStaff(t, s, "e@example.nl", data.RoleEditor)
	var ids []int64
	for i := 0; i < 2; i++ {
		id, _ := s.store.CreateWarning(t.Context(), &data.Warning{Texts: map[string]data.WarningText{
			"nl": {Title: "Titel", Body: "Tekst *een*"}, "en": {Title: "Title " + itoa(int64(i)), Body: "Text *one*"}, "fr": {Title: "Titre", Body: "Texte *un*"}},
			Article: "phishing"}, editor.ID, clock.now())
		clock.advance(time.Hour)
		s.store.PublishWarning(t.Context(), id, i18n.Languages(), editor.ID, clock.now())
		ids = append(ids, id)
	}
	type link struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	}
	type text struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		ID        []string `xml:"id"`
		Title     []string `xml:"title"`
		Updated   []string `xml:"updated"`
		Published []string `xml:"published"`
		Links     []link   `xml:"link"`
		Content   []text   `xml:"content"`
		Authors   []struct {
			Name string `xml:"name"`
		} `xml:"author"`
	}
	type feed struct {
		XMLName xml.Name
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		ID      []string `xml:"id"`
		Title   []string `xml:"title"`
		Updated []string `xml:"updated"`
		Links   []link   `xml:"link"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	for _, lang := range i18n.Languages() {
		res, body := get(t, s, "/"+lang+"/warnings.atom")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("%s: %d %q", lang, res.StatusCode, res.Header.Get("Content-Type"))
		}
		var f feed
		if err := xml.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		base := "https://cyberhulp.example/" + lang + "/warnings"
		// 4.1.1: the feed is atom:feed in the Atom namespace, with exactly one
		// id, title and updated, an author (or one in every entry), a self link.
		if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" || f.Lang != lang {
			t.Errorf("%s: root %v lang %q", lang, f.XMLName, f.Lang)
		}
		if len(f.ID) != 1 || len(f.Title) != 1 || len(f.Updated) != 1 || len(f.Authors) < 1 || f.Authors[0].Name == "" {
			t.Errorf("%s: id %v title %v updated %v authors %v", lang, f.ID, f.Title, f.Updated, f.Authors)
		}
		checkIRI(t, f.ID[0])
		checkDate(t, lang+" feed updated", f.Updated[0])
		rels := map[string]string{}
		for _, l := range f.Links {
			rels[l.Rel] = l.Href
		}
		if rels["self"] != base+".atom" || rels["alternate"] != base {
			t.Errorf("%s: links %v", lang, f.Links)
		}
		if len(f.Entries) != 2 {
			t.Fatalf("%s: %d entries", lang, len(f.Entries))
		}
		if f.Updated[0] != f.Entries[0].Updated[0] {
			t.Errorf("%s: feed updated %s is not its newest entry's %s", lang, f.Updated[0], f.Entries[0].Updated[0])
		}
		seen := map[string]bool{}
		for i, e := range f.Entries {
			// 4.1.2: exactly one id, title, updated; content or an alternate link.
			if len(e.ID) != 1 || len(e.Title) != 1 || len(e.Updated) != 1 || len(e.Published) > 1 || len(e.Content) > 1 {
				t.Errorf("%s entry %d: id %v title %v updated %v published %v content %d", lang, i, e.ID, e.Title, e.Updated, e.Published, len(e.Content))
				continue
			}
			checkIRI(t, e.ID[0])
			if seen[e.ID[0]] {
				t.Errorf("%s: two entries with id %s", lang, e.ID[0])
			}
			seen[e.ID[0]] = true
			checkDate(t, lang+" entry updated", e.Updated[0])
			checkDate(t, lang+" entry published", e.Published[0])
			if len(e.Content) != 1 || e.Content[0].Type != "html" || !strings.Contains(e.Content[0].Body, "<em>") ||
				!strings.Contains(e.Content[0].Body, "/"+lang+"/advice/phishing") {
				t.Errorf("%s entry %d: content %+v", lang, i, e.Content)
			}
			if e.ID[0] != base+"#warning-"+itoa(ids[1-i]) {
				t.Errorf("%s entry %d: id %s, want the newest first", lang, i, e.ID[0])
			}
		}
	}
	// An empty feed is still a valid feed.
	for _, id := range ids {
		s.store.WithdrawWarning(t.Context(), id, editor.ID, clock.now())
	}
	_, body := get(t, s, "/en/warnings.atom")
	mustContain(t, body, "<updated>", "<id>https://cyberhulp.example/en/warnings</id>", "<author>")
	mustNotContain(t, body, "<entry>")
}

func checkIRI(t *testing.T, s string) {
	t.Helper()
	if u, err := url.Parse(s); err != nil || !u.IsAbs() {
		t.Errorf("id %q is not an absolute IRI", s)
	}
}

// checkDate checks an RFC 3339 date with an upper-case T and Z, as RFC
// 4287 section 3.3 asks.
func checkDate(t *testing.T, what, s string) {
	t.Helper()
	if _, err := time.Parse(time.RFC3339, s); err != nil || strings.ContainsAny(s, "tz") {
		t.Errorf("%s %q is not an RFC 3339 date-time", what, s)
	}
}

func TestWarningsInSitemap(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	_, body := get(t, s, "/sitemap.xml")
	for _, lang := range i18n.Languages() {
		mustContain(t, body, "<loc>https://cyberhulp.example/"+lang+"/warnings</loc>")
	}
	mustNotContain(t, body, "/staff")
}

// TestWarningImagesOnlyFromOurOrigin: an editor's Markdown image from
// another origin (a tracking pixel) is dropped from the page and the Atom
// feed; an image on our own site stays.
func TestWarningImagesOnlyFromOurOrigin(t *testing.T) {
	s := newTestServer(t)
	publishInAllLanguages(t, s, "Images %s", "![a](https://tracker.example/a.gif) ![b](//tracker.example/b.gif) "+
		"![c](http://tracker.example/c.gif) ![d](/\\tracker.example/d.gif) ![e](data:image/gif;base64,R0lGODlhAQABAAAAACw=) "+
		"![ours](/static/ours.png)")
	for _, page := range []string{"/nl/", "/en/warnings", "/fr/warnings.atom"} {
		_, out := get(t, s, page)
		out = html.UnescapeString(out) // the feed carries the HTML escaped
		mustContain(t, out, `src="/static/ours.png"`)
		mustNotContain(t, out, "tracker.example", "data:image/gif")
	}
}

// publishInAllLanguages publishes a warning with body in nl, en and fr,
// titled by title with the language in place of %s, written by a new
// editor, on a test clock.
func publishInAllLanguages(t *testing.T, s *Server, title, body string) (int64, testStaff) {
	t.Helper()
	clock := useTestClock(s)
	editor := addTestStaff(t, s, "e@example.nl", data.RoleEditor)
	texts := map[string]data.WarningText{}
	for _, l := range []string{"nl", "en", "fr"} {
		texts[l] = data.WarningText{Title: fmt.Sprintf(title, l), Body: body}
	}
	id, err := s.store.CreateWarning(t.Context(), &data.Warning{Texts: texts}, editor.ID, clock.now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.store.PublishWarning(t.Context(), id, []string{"nl", "en", "fr"}, editor.ID, clock.now()); err != nil {
		t.Fatal(err)
	}
	return id, editor
}
