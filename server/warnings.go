package server

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	mdtext "github.com/yuin/goldmark/text"

	"cyberportal/content"
	"cyberportal/data"
)

// Warnings for the public: editors write them in Markdown in every language
// (staff_warnings.go); published ones show on the home page, at
// /{lang}/warnings and in an Atom feed per language.

// warningCache keeps warnings' Markdown rendered and sanitised, per warning
// version and language, so the home page does not render Markdown on every
// visit. A change makes a new version, hence a new entry.
type warningCache struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	mu     sync.Mutex
	html   map[warningKey]template.HTML
}

type warningKey struct {
	id      int64
	version int
	lang    string
}

func newWarningCache() *warningCache {
	// goldmark leaves raw HTML out by default; bluemonday's UGC policy then
	// removes anything dangerous that Markdown itself can express, such as
	// javascript: links, so even a staff account cannot put script on
	// public pages.
	return &warningCache{md: goldmark.New(), policy: bluemonday.UGCPolicy(), html: map[warningKey]template.HTML{}}
}

// sameOriginPath is a path on our own site: one slash, then not another
// (which would make "//host/..." another origin) nor a backslash.
var sameOriginPath = regexp.MustCompile(`^/[^/\\]`)

// dropForeignImages replaces every image that is not on our own origin by
// its alt text. An image from elsewhere would tell its host who reads the
// warning: on the page (where the CSP blocks it too) and in the Atom feed,
// which feed readers show without our CSP. Markdown is the only source of
// images here: goldmark leaves raw HTML out.
func dropForeignImages(doc ast.Node) {
	var foreign []*ast.Image
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && !sameOriginPath.Match(img.Destination) {
			foreign = append(foreign, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range foreign {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; c = img.FirstChild() {
			img.RemoveChild(img, c)
			parent.InsertBefore(parent, img, c)
		}
		parent.RemoveChild(parent, img)
	}
}

// render turns editor Markdown into safe HTML.
func (wc *warningCache) render(markdown string) (template.HTML, error) {
	src := []byte(markdown)
	doc := wc.md.Parser().Parse(mdtext.NewReader(src))
	dropForeignImages(doc)
	var buf bytes.Buffer
	if err := wc.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("server: render warning: %w", err)
	}
	return template.HTML(wc.policy.SanitizeBytes(buf.Bytes())), nil
}

// body is a warning's body in lang as safe HTML, from the cache.
func (wc *warningCache) body(w *data.Warning, lang string) (template.HTML, error) {
	k := warningKey{w.ID, w.Version, lang}
	wc.mu.Lock()
	h, ok := wc.html[k]
	wc.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := wc.render(w.Texts[lang].Body)
	if err != nil {
		return "", err
	}
	wc.mu.Lock()
	if len(wc.html) > 1000 { // old versions pile up; start afresh now and then
		clear(wc.html)
	}
	wc.html[k] = h
	wc.mu.Unlock()
	return h, nil
}

// publicWarning is a published warning in one language, ready for a page.
type publicWarning struct {
	ID        int64
	Title     string
	Body      template.HTML
	Published time.Time
	Updated   time.Time
	Article   *content.Article // the advice article it links to, or nil
}

// publicWarnings returns up to limit published warnings in lang, newest first.
func (s *Server) publicWarnings(c echo.Context, lang string, limit int) ([]publicWarning, error) {
	ws, err := s.store.PublishedWarnings(c.Request().Context(), limit)
	if err != nil {
		return nil, err
	}
	out := make([]publicWarning, 0, len(ws))
	for _, w := range ws {
		body, err := s.staff.warnings.body(w, lang)
		if err != nil {
			return nil, err
		}
		pw := publicWarning{ID: w.ID, Title: w.Texts[lang].Title, Body: body, Published: w.PublishedAt, Updated: w.UpdatedAt}
		if a, ok := s.lib.Get(lang, w.Article); ok {
			pw.Article = a
		}
		out = append(out, pw)
	}
	return out, nil
}

// homeWarnings is how many warnings the home page shows.
const homeWarnings = 3

type warningsPage struct {
	Warnings []publicWarning
}

// listWarnings is /{lang}/warnings: the published warnings, newest first.
func (s *Server) listWarnings(c echo.Context) error {
	p := s.printer(c)
	return s.renderOnce(c, "warnings", func() (page, bool, error) {
		ws, err := s.publicWarnings(c, p.Lang(), 50)
		if err != nil {
			return page{}, false, err
		}
		return page{
			Printer: p, Path: "/warnings", Title: p.T("warnings.title"), Description: p.T("warnings.description"), Nav: "warnings",
			Data: warningsPage{Warnings: ws},
		}, true, nil
	})
}

// Atom (RFC 4287) documents, as encoding/xml writes them.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Updated   string      `xml:"updated"`
	Published string      `xml:"published"`
	Links     []atomLink  `xml:"link"`
	Content   atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// warningsFeed is /{lang}/warnings.atom. Entry ids are the warnings' stable
// URLs; the content is the sanitised HTML, escaped as RFC 4287 asks for
// type="html".
func (s *Server) warningsFeed(c echo.Context) error {
	p := s.printer(c)
	ws, err := s.publicWarnings(c, p.Lang(), 20)
	if err != nil {
		return err
	}
	page := s.cfg.BaseURL + "/" + p.Lang() + "/warnings"
	updated := s.started // a feed must have an update time, even when empty
	if len(ws) > 0 {
		updated = ws[0].Updated
		for _, w := range ws[1:] {
			if w.Updated.After(updated) {
				updated = w.Updated
			}
		}
	}
	feed := atomFeed{
		Lang: p.Lang(), ID: page, Title: p.T("warnings.feed.title", s.cfg.SiteName), Updated: updated.UTC().Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: page + ".atom"},
			{Rel: "alternate", Type: "text/html", Href: page},
		},
		Author: atomPerson{Name: p.T("warnings.feed.author", s.cfg.Municipality), URI: s.cfg.BaseURL + "/" + p.Lang() + "/"},
	}
	for _, w := range ws {
		link := page + "#warning-" + strconv.FormatInt(w.ID, 10)
		body := string(w.Body)
		if w.Article != nil {
			href := s.cfg.BaseURL + "/" + p.Lang() + "/advice/" + url.PathEscape(w.Article.Slug)
			body += `<p><a href="` + template.HTMLEscapeString(href) + `">` + template.HTMLEscapeString(w.Article.Title) + `</a></p>`
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID: link, Title: w.Title, Updated: w.Updated.UTC().Format(time.RFC3339), Published: w.Published.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: link}},
			Content: atomContent{Type: "html", Body: body},
		})
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return fmt.Errorf("server: warnings feed: %w", err)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}
