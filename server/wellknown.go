package server

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/i18n"
)

func (s *Server) robots(c echo.Context) error {
	body := "User-agent: *\nDisallow: /staff/\nDisallow: /*/report/status\nSitemap: " + s.cfg.BaseURL + "/sitemap.xml\n"
	return c.String(http.StatusOK, body)
}

// publicPaths are the pages a search engine may list, after /{lang}.
func (s *Server) publicPaths() []string {
	paths := []string{"/", "/advice", "/privacy", "/accessibility"}
	for _, slug := range s.lib.Slugs() {
		paths = append(paths, "/advice/"+slug)
	}
	return append(paths, s.extraPublicPaths...)
}

type sitemapURL struct {
	Loc   string        `xml:"loc"`
	Links []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every public page in every language, each with its
// alternates, as search engines expect for multilingual sites.
func (s *Server) sitemap(c echo.Context) error {
	type urlset struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		XHTML   string       `xml:"xmlns:xhtml,attr"`
		URLs    []sitemapURL `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, path := range s.publicPaths() {
		var links []sitemapLink
		for _, l := range i18n.Languages() {
			links = append(links, sitemapLink{Rel: "alternate", Hreflang: l, Href: s.cfg.BaseURL + "/" + l + path})
		}
		for _, l := range i18n.Languages() {
			set.URLs = append(set.URLs, sitemapURL{Loc: s.cfg.BaseURL + "/" + l + path, Links: links})
		}
	}
	out, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return fmt.Errorf("server: sitemap: %w", err)
	}
	return c.Blob(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// securityTxt follows RFC 9116; Expires is kept under a year ahead, as it asks.
func (s *Server) securityTxt(c echo.Context) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Contact: %s\n", s.cfg.Contact)
	fmt.Fprintf(&b, "Expires: %s\n", s.started.AddDate(0, 6, 0).UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "Preferred-Languages: %s\n", strings.Join(i18n.Languages(), ", "))
	fmt.Fprintf(&b, "Canonical: %s/.well-known/security.txt\n", s.cfg.BaseURL)
	return c.String(http.StatusOK, b.String())
}
