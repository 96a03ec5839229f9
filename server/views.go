package server

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/i18n"
)

//go:embed templates
var templateFS embed.FS

// views are the parsed page templates: each page file is parsed on top of a
// clone of the layout and partials, once, at start-up.
type views struct {
	pages map[string]*template.Template
}

func loadViews(fsys fs.FS, as *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset": as.URL,
		"add":   func(a, b int) int { return a + b },
		// contact facts from the directory (contacts.go)
		"contactCard": contactCard,
		"tel":         content.Tel,
		"webText":     content.WebText,
	}
	base, err := template.New("").Funcs(funcs).ParseFS(fsys, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("server: parse layout: %w", err)
	}
	names, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("server: parse %s: %w", name, err)
		}
		v.pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return v, nil
}

// page is what every template gets. The embedded Printer gives templates
// .T, .N, .Number, .Percent and .Date in the page's language.
type page struct {
	*i18n.Printer
	Path        string // path after the language prefix, e.g. "/advice/phishing"
	Title       string // already translated; the site name is added by the layout
	Description string
	Nav         string // the active navigation item
	CSRF        string // the form token, on pages with a form
	NoIndex     bool   // keep the page out of search engines
	Site        *Config
	Staff       *staffView // on staff pages: their header replaces the public one
	Data        any

	// Query is the page's query string without "?" (a search, a filter),
	// kept when the reader switches language.
	Query string
	// SwitchForm is the id of the page's form, on pages where the reader
	// types answers: the language switch then submits that form to the
	// same page in the other language with change=1, so the answers typed
	// so far come along, without JavaScript.
	SwitchForm string
}

// alternate is the same page in another language.
type alternate struct {
	Lang, Name, URL string
	Current         bool
}

// Alternates lists the page in every language, for hreflang and the switcher.
func (p *page) Alternates() []alternate {
	if p.Staff != nil {
		return nil // staff pages have no public translations
	}
	out := make([]alternate, 0, len(i18n.Languages()))
	for _, l := range i18n.Languages() {
		url := "/" + l + p.Path
		if p.Query != "" {
			url += "?" + p.Query
		}
		out = append(out, alternate{Lang: l, Name: i18n.Name(l), URL: url, Current: l == p.Lang()})
	}
	return out
}

// URL is a path in the page's language: {{.URL "/advice"}} gives /nl/advice.
func (p *page) URL(rest string) string { return "/" + p.Lang() + rest }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// rendered is a page kept by the page cache, with the Echo route that
// rendered it, for the request log of the front cache (cached.go).
type rendered struct {
	*packed
	route string
}

// execute runs a page template into a buffer from the pool, so a template
// error becomes a clean error page instead of half a page. The caller puts
// the buffer back.
func (s *Server) execute(c echo.Context, name string, p *page) (*bytes.Buffer, error) {
	t, ok := s.views.pages[name]
	if !ok {
		return nil, fmt.Errorf("server: no template %q", name)
	}
	if p.Printer == nil {
		p.Printer = s.printer(c)
	}
	p.Site = &s.cfg
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		bufPool.Put(buf)
		return nil, fmt.Errorf("server: render %s: %w", name, err)
	}
	return buf, nil
}

// render renders a page and answers conditional requests with 304, using an
// ETag of the bytes.
func (s *Server) render(c echo.Context, status int, name string, p page) error {
	buf, err := s.execute(c, name, &p)
	if err != nil {
		return err
	}
	defer bufPool.Put(buf)
	etag := ""
	if status == http.StatusOK {
		etag = etagOf(buf.Bytes())
	}
	return send(c, status, buf.Bytes(), etag)
}

// packPage renders a page and packs it, gzipped at level, with its ETag,
// for a cache to keep.
func (s *Server) packPage(c echo.Context, name string, p *page, level int) (*packed, error) {
	buf, err := s.execute(c, name, p)
	if err != nil {
		return nil, err
	}
	defer bufPool.Put(buf)
	return pack(buf.Bytes(), echo.MIMETextHTMLCharsetUTF8, "no-cache", etagOf(buf.Bytes()), level)
}

// renderOnce serves a page that changes only with the binary (an article,
// a statement) or with the published warnings (home, warnings list; see
// warningsChanged): rendered on first request, then served from memory, by
// the front cache. Templates call methods through reflection, which costs
// far more than writing bytes, and these pages are most of the traffic.
// build returns keep false for a page that must not be kept, such as a home
// page rendered without its warnings because the database did not answer.
func (s *Server) renderOnce(c echo.Context, name string, build func() (p page, keep bool, err error)) error {
	key := c.Request().URL.Path
	if r, ok := s.pageCache.Load(key); ok {
		_, err := r.(*rendered).serve(c.Response(), c.Request())
		return err
	}
	// A page built from data that changes during the build must not be
	// kept: compare the generation from before the build with the one at
	// the time of keeping.
	s.cacheMu.Lock()
	gen := s.cacheGen
	s.cacheMu.Unlock()
	p, keep, err := build()
	if err != nil {
		return err
	}
	pk, err := s.packPage(c, name, &p, gzip.BestCompression)
	if err != nil {
		return err
	}
	r := &rendered{packed: pk, route: c.Path()}
	if keep {
		s.cacheMu.Lock()
		if s.cacheGen == gen {
			s.pageCache.Store(key, r)
		}
		s.cacheMu.Unlock()
	}
	_, err = r.serve(c.Response(), c.Request())
	return err
}

// warningsChanged drops the pages that show warnings from the page cache,
// so the next visitor sees the change. The store calls it after every
// committed change to a warning (New registers it). Warnings change only
// in the running portal (the staff area); another process that changed
// them would not reach this cache.
func (s *Server) warningsChanged() {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	s.cacheGen++
	for _, l := range i18n.Languages() {
		s.pageCache.Delete("/" + l + "/")
		s.pageCache.Delete("/" + l + "/warnings")
	}
}

// send writes an HTML page, or 304 when the client has this version.
func send(c echo.Context, status int, body []byte, etag string) error {
	h := c.Response().Header()
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if etag != "" {
		h.Set("ETag", etag)
		if c.Request().Header.Get("If-None-Match") == etag {
			return c.NoContent(http.StatusNotModified)
		}
	}
	// A known length spares chunked encoding on every page.
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.HTMLBlob(status, body)
}
