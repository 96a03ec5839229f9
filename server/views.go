package server

import (
	"bytes"
	"embed"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"cyberportal/i18n"
)

//go:embed templates
var templateFS embed.FS

// views are the parsed page templates: each page file is parsed on top of a
// clone of the layout and partials, once, at start-up.
type views struct {
	pages map[string]*template.Template
}

func loadViews(as *assets) (*views, error) {
	funcs := template.FuncMap{
		"asset": as.URL,
		"add":   func(a, b int) int { return a + b },
	}
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("server: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
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
}

// alternate is the same page in another language.
type alternate struct {
	Lang, Name, URL string
	Current         bool
}

// Alternates lists the page in every language, for hreflang and the switcher.
func (p page) Alternates() []alternate {
	if p.Staff != nil {
		return nil // staff pages have no public translations
	}
	out := make([]alternate, 0, len(i18n.Languages))
	for _, l := range i18n.Languages {
		out = append(out, alternate{Lang: l, Name: languageNames[l], URL: "/" + l + p.Path, Current: l == p.Lang()})
	}
	return out
}

// URL is a path in the page's language: {{.URL "/advice"}} gives /nl/advice.
func (p page) URL(rest string) string { return "/" + p.Lang() + rest }

// languageNames are each language's name in itself, as switchers show them.
var languageNames = map[string]string{"nl": "Nederlands", "en": "English", "fr": "Français"}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes a page into a buffer first, so a template error becomes a
// clean error page instead of half a page, and answers conditional requests
// with 304 using an ETag of the bytes.
func (s *Server) render(c echo.Context, status int, name string, p page) error {
	t, ok := s.views.pages[name]
	if !ok {
		return fmt.Errorf("server: no template %q", name)
	}
	if p.Printer == nil {
		p.Printer = s.printer(c)
	}
	p.Site = &s.cfg
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		return fmt.Errorf("server: render %s: %w", name, err)
	}
	h := c.Response().Header()
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if status == http.StatusOK {
		sum := fnv.New64a()
		sum.Write(buf.Bytes())
		etag := `W/"` + strconv.FormatUint(sum.Sum64(), 36) + `"`
		h.Set("ETag", etag)
		if c.Request().Header.Get("If-None-Match") == etag {
			return c.NoContent(http.StatusNotModified)
		}
	}
	return c.HTMLBlob(status, buf.Bytes())
}
