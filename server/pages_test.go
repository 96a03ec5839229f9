package server

import (
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"cyberportal/i18n"
)

func TestRedirectToLanguage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	tests := []struct {
		accept, want string
	}{
		{"fr-BE,fr;q=0.9,en;q=0.5", "/fr/"},
		{"en-GB,en;q=0.8", "/en/"},
		{"nl-NL", "/nl/"},
		{"de-DE,de;q=0.9", "/nl/"},
		{"", "/nl/"},
		{"garbage;;q=x", "/nl/"},
		{"de,fr;q=0.5", "/fr/"},
	}
	for _, tt := range tests {
		res, _ := get(t, s, "/", "Accept-Language", tt.accept)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.want {
			t.Errorf("Accept-Language %q: got %d %q, want 303 %q", tt.accept, res.StatusCode, res.Header.Get("Location"), tt.want)
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
			t.Errorf("redirect lacks Vary: Accept-Language")
		}
	}
}

// TestPagesInEveryLanguage renders every page type in every language and
// checks what each must carry: the lang attribute, hreflang alternates, the
// switcher pointing at the same page, and words in the page's own language.
func TestPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	words := map[string][]string{
		"/":                  {"nl:Opgelicht, gehackt of afgeperst?", "en:Scammed, hacked or blackmailed?", "fr:Arnaqué, piraté ou victime de chantage ?"},
		"/advice":            {"nl:Zoek in het advies", "en:Search the advice", "fr:Rechercher dans les conseils"},
		"/advice/ransomware": {"nl:Gecontroleerd op 30 november 2026", "en:Checked on 30 November 2026", "fr:Vérifié le 30 novembre 2026"},
		"/privacy":           {"nl:Privacyverklaring", "en:Privacy statement", "fr:Déclaration de confidentialité"},
		"/accessibility":     {"nl:Toegankelijkheidsverklaring", "en:Accessibility statement", "fr:<h1>Déclaration d&#39;accessibilité</h1>"},
	}
	for path, perLang := range words {
		for _, lw := range perLang {
			lang, want, _ := strings.Cut(lw, ":")
			res, body := get(t, s, "/"+lang+path)
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET /%s%s: status %d", lang, path, res.StatusCode)
				continue
			}
			mustContain(t, body, `<html lang="`+lang+`">`, want)
			for _, l := range i18n.Languages() {
				mustContain(t, body,
					`<link rel="alternate" hreflang="`+l+`" href="https://cyberhulp.example/`+l+path+`">`,
					`<a href="/`+l+path+`" hreflang="`+l+`" lang="`+l+`"`)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html; charset=UTF-8") {
				t.Errorf("GET /%s%s: Content-Type %q", lang, path, ct)
			}
		}
	}
}

func TestEveryArticleInEveryLanguage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	if n := len(s.lib.Slugs()); n < 14 {
		t.Fatalf("%d articles, want at least 14", n)
	}
	for _, slug := range s.lib.Slugs() {
		for _, lang := range i18n.Languages() {
			res, body := get(t, s, "/"+lang+"/advice/"+slug)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s/%s: status %d", lang, slug, res.StatusCode)
				continue
			}
			a, _ := s.lib.Get(lang, slug)
			mustContain(t, body, "<h1>"+htmlEscape(a.Title)+"</h1>", `<ol>`, `href="/`+lang+`/report"`)
			for _, rel := range s.lib.Related(a) {
				mustContain(t, body, `href="/`+lang+`/advice/`+rel.Slug+`"`)
			}
		}
	}
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

func TestAdviceSearchAndFilter(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	tests := []struct {
		name, target  string
		want, notWant []string
	}{
		{"accents ignored", "/fr/advice?q=fraude", []string{"/fr/advice/invoice-and-ceo-fraud", "/fr/advice/identity-fraud"}, nil},
		{"case ignored", "/nl/advice?q=RANSOMWARE", []string{"/nl/advice/ransomware"}, nil},
		{"accented query finds plain text", "/en/advice?q=ransómware", []string{"/en/advice/ransomware"}, nil},
		{"all words must match", "/en/advice?q=ransomware+whatsapp", nil, []string{"/en/advice/phishing\""}},
		{"business filter", "/en/advice?for=business", []string{"/en/advice/ransomware", "/en/advice/phishing"}, []string{"/en/advice/sextortion"}},
		{"citizens filter", "/nl/advice?for=citizens", []string{"/nl/advice/sextortion", "/nl/advice/phishing"}, []string{"/nl/advice/ddos"}},
		{"no results says so", "/en/advice?q=zzzqqq", []string{"We found no advice that matches", "0 articles found for ‘zzzqqq’"}, nil},
		{"query is escaped", "/en/advice?q=%3Cscript%3Ealert(1)%3C/script%3E", []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>alert(1)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, s, tt.target)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			mustContain(t, body, tt.want...)
			mustNotContain(t, body, tt.notWant...)
		})
	}
}

func TestNotFoundIsTranslated(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	tests := []struct{ path, want string }{
		{"/nl/bestaat-niet", "Deze pagina bestaat niet"},
		{"/en/advice/no-such-article", "This page does not exist"},
		{"/fr/nope", "Cette page n’existe pas"},
		{"/de/", "Deze pagina bestaat niet"},
		{"/xx/advice", "Deze pagina bestaat niet"},
	}
	for _, tt := range tests {
		res, body := get(t, s, tt.path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", tt.path, res.StatusCode)
		}
		mustContain(t, body, tt.want, `role="search"`)
		mustNotContain(t, body, "goroutine", ".go:")
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, path := range []string{"/nl/", "/en/advice/phishing", "/nl/nope", "/robots.txt", "/healthz", s.assets.urlOf["site.css"]} {
		res, _ := get(t, s, path)
		csp := res.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "script-src 'self'", "style-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-") {
			t.Errorf("%s: CSP allows unsafe: %q", path, csp)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", path, h, got, want)
			}
		}
		if !strings.Contains(res.Header.Get("Permissions-Policy"), "camera=()") {
			t.Errorf("%s: Permissions-Policy %q", path, res.Header.Get("Permissions-Policy"))
		}
		for _, h := range []string{"Server", "X-Powered-By", "Strict-Transport-Security", "Set-Cookie"} {
			if v := res.Header.Get(h); v != "" {
				t.Errorf("%s: unexpected %s: %q", path, h, v)
			}
		}
	}
}

func TestHSTSBehindTLS(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	s.cfg.BehindTLS = true
	res, _ := get(t, s, "/nl/")
	if !strings.Contains(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Errorf("no HSTS behind TLS: %q", res.Header.Get("Strict-Transport-Security"))
	}
}

// TestNoThirdPartyResources checks that pages reference nothing on another
// origin: every src and stylesheet href is a path on our own site.
func TestNoThirdPartyResources(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	for _, path := range []string{"/nl/", "/en/advice", "/fr/advice/sextortion"} {
		_, body := get(t, s, path)
		for _, tag := range regexp.MustCompile(`<(script|link|img|iframe)[^>]*>`).FindAllString(body, -1) {
			if strings.Contains(tag, `rel="alternate"`) {
				continue // hreflang alternates name our own base URL
			}
			for _, m := range ref.FindAllStringSubmatch(tag, -1) {
				if !strings.HasPrefix(m[1], "/") || strings.HasPrefix(m[1], "//") {
					t.Errorf("%s: %s loads %q from elsewhere", path, tag, m[1])
				}
			}
		}
	}
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	url := s.assets.urlOf["site.css"]
	if !regexp.MustCompile(`^/static/site\.[0-9a-f]{12}\.css$`).MatchString(url) {
		t.Fatalf("site.css URL %q is not content-hashed", url)
	}
	res, body := get(t, s, url)
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("GET %s: %d %q %q", url, res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Content-Type"))
	}
	if !strings.Contains(body, "--brand") {
		t.Errorf("unexpected stylesheet body")
	}
	res, _ = get(t, s, url, "If-None-Match", res.Header.Get("ETag"))
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", res.StatusCode)
	}
	res, _ = get(t, s, url, "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("no gzip for a stylesheet")
	}
	res, _ = get(t, s, "/static/site.000000000000.css")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", res.StatusCode)
	}
}

func TestPagesSupportConditionalGET(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	res, _ := get(t, s, "/en/advice/phishing")
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on an article")
	}
	res, body := get(t, s, "/en/advice/phishing", "If-None-Match", etag)
	if res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and no body", res.StatusCode, len(body))
	}
}

func TestGzipForPages(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	res, _ := get(t, s, "/nl/advice", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("advice index not compressed")
	}
}

func TestWellKnownFiles(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	res, body := get(t, s, "/robots.txt")
	if res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	mustContain(t, body, "User-agent: *", "Disallow: /staff/", "Sitemap: https://cyberhulp.example/sitemap.xml")

	res, body = get(t, s, "/sitemap.xml")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("sitemap: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, lang := range i18n.Languages() {
		mustContain(t, body, "<loc>https://cyberhulp.example/"+lang+"/advice/phishing</loc>",
			`<xhtml:link rel="alternate" hreflang="`+lang+`" href="https://cyberhulp.example/`+lang+`/privacy">`)
	}
	if n := strings.Count(body, "<url>"); n != 3*(4+len(s.lib.Slugs())+len(s.extraPublicPaths)) {
		t.Errorf("sitemap has %d URLs", n)
	}

	res, body = get(t, s, "/.well-known/security.txt")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("security.txt: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	mustContain(t, body, "Contact: mailto:security@cyberhulp.example\n", "Expires: ", "Preferred-Languages: nl, en, fr",
		"Canonical: https://cyberhulp.example/.well-known/security.txt")
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	res, body := get(t, s, "/healthz")
	if res.StatusCode != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
	s.store.Close()
	res, _ = get(t, s, "/healthz")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with a closed database: %d, want 503", res.StatusCode)
	}
}

func TestMethodNotAllowedAndOversizedBodies(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	res, body := do(t, s, http.MethodPost, "/en/advice", strings.NewReader("x=1"))
	if res.StatusCode != http.StatusMethodNotAllowed && res.StatusCode != http.StatusNotFound {
		t.Errorf("POST /en/advice: %d", res.StatusCode)
	}
	mustNotContain(t, body, "goroutine")

	big := strings.NewReader("q=" + strings.Repeat("a", 70<<10))
	res, body = do(t, s, http.MethodPost, "/fr/advice", big, "Content-Type", "application/x-www-form-urlencoded")
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("70 KiB body: %d, want 413", res.StatusCode)
	}
	mustContain(t, body, "Votre envoi est trop volumineux")
}

func TestPanicsBecomeTranslatedErrorPages(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	s.echo.GET("/:lang/panic", func(c echo.Context) error { panic("boom") }, s.language)
	res, body := get(t, s, "/en/panic")
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, body, "Something went wrong on our side")
	mustNotContain(t, body, "boom", "goroutine", "panic")
}

// TestRenderedOncePagesMatchCompressed checks that an article served from
// memory, plain or precompressed, is the same page, with one ETag for both.
func TestRenderedOncePagesMatchCompressed(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	first, plain := get(t, s, "/fr/advice/ransomware")
	second, zipped := get(t, s, "/fr/advice/ransomware", "Accept-Encoding", "gzip")
	if second.Header.Get("Content-Encoding") != "gzip" || strings.Count(second.Header.Get("Vary"), "Accept-Encoding") != 1 {
		t.Fatalf("headers: %v", second.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, _ := io.ReadAll(zr)
	if string(unzipped) != plain || first.Header.Get("ETag") != second.Header.Get("ETag") {
		t.Errorf("compressed page differs from the plain one")
	}
	if first.Header.Get("Content-Length") != strconv.Itoa(len(plain)) {
		t.Errorf("Content-Length %q for %d bytes", first.Header.Get("Content-Length"), len(plain))
	}
}

func TestMethodNotAllowedNamesTheAllowedMethods(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	// Routes in groups with middleware answer unknown methods with 404
	// (Echo v4 routes them to the group's catch-all); top-level ones say 405.
	res, body := do(t, s, http.MethodPost, "/robots.txt", nil)
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(res.Header.Get("Allow"), "GET") || strings.Contains(res.Header.Get("Allow"), "POST") {
		t.Errorf("POST /robots.txt: %d Allow %q, want 405 allowing GET only", res.StatusCode, res.Header.Get("Allow"))
	}
	mustNotContain(t, body, "goroutine")
}

// TestHeadRequests checks HEAD through a real connection, where net/http
// drops the body: the status and headers must be those of GET.
func TestHeadRequests(t *testing.T) {
	t.Parallel()
	base, _ := startPortal(t)
	for _, path := range []string{"/nl/", "/en/advice/phishing", "/robots.txt", "/fr/nope"} {
		getRes, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		getRes.Body.Close()
		headRes, err := http.Head(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(headRes.Body)
		headRes.Body.Close()
		if headRes.StatusCode != getRes.StatusCode || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes, GET gave %d", path, headRes.StatusCode, len(body), getRes.StatusCode)
		}
		if h, g := headRes.Header.Get("Content-Type"), getRes.Header.Get("Content-Type"); h != g {
			t.Errorf("HEAD %s: Content-Type %q, GET %q", path, h, g)
		}
	}
}
