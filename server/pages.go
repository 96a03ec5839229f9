package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/i18n"
)

// redirectToLanguage sends / to the visitor's best language.
func (s *Server) redirectToLanguage(c echo.Context) error {
	c.Response().Header().Set("Vary", "Accept-Language")
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Redirect(http.StatusSeeOther, "/"+i18n.Match(c.Request().Header.Get("Accept-Language"))+"/")
}

// featured are the articles most people need first, in the order shown.
var featured = []string{"scammed-first-hour", "phishing", "bank-helpdesk-fraud", "friend-in-need-fraud", "online-shopping-fraud", "account-takeover"}

// forBusiness are the articles shown to business owners on the home page.
var forBusiness = []string{"ransomware", "invoice-and-ceo-fraud", "backups-and-recovery", "data-breach"}

type homePage struct {
	Featured, Business []*content.Article
	Warnings           []publicWarning // the newest published warnings
}

func (s *Server) showHome(c echo.Context) error {
	p := s.printer(c)
	return s.renderOnce(c, "home", func() (page, bool, error) {
		// Without its database the home page still gives its advice: a
		// failure to read warnings is logged, not shown, and that page is
		// not kept.
		warnings, err := s.publicWarnings(c, p.Lang(), homeWarnings)
		if err != nil {
			s.log.Error("home page warnings", "err", err)
		}
		return page{
			Printer: p, Path: "/", Title: p.T("home.title"), Description: p.T("home.description"), Nav: "home",
			Data: homePage{Featured: s.articles(p.Lang(), featured), Business: s.articles(p.Lang(), forBusiness), Warnings: warnings},
		}, err == nil, nil
	})
}

func (s *Server) articles(lang string, slugs []string) []*content.Article {
	out := make([]*content.Article, 0, len(slugs))
	for _, slug := range slugs {
		if a, ok := s.lib.Get(lang, slug); ok {
			out = append(out, a)
		}
	}
	return out
}

type advicePage struct {
	Query    string
	For      string
	Articles []*content.Article
}

// listAdvice is the advice index, filtered by audience (?for=) and searched
// (?q=). Unknown audience values are ignored rather than an error: the form
// only offers valid ones.
func (s *Server) listAdvice(c echo.Context) error {
	p := s.printer(c)
	q := strings.TrimSpace(c.QueryParam("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	audience := c.QueryParam("for")
	if audience != content.AudienceCitizens && audience != content.AudienceBusiness {
		audience = ""
	}
	title := p.T("advice.title")
	if q != "" {
		title = p.T("advice.results_for", q)
	}
	return s.render(c, http.StatusOK, "advice", page{
		Printer: p, Path: "/advice", Title: title, Description: p.T("advice.description"), Nav: "advice",
		NoIndex: q != "", Query: adviceQuery(q, audience),
		Data: advicePage{Query: q, For: audience, Articles: s.lib.Search(p.Lang(), audience, q)},
	})
}

// adviceQuery is the advice page's query string as the language switch
// keeps it: the search and the audience, and nothing else.
func adviceQuery(q, audience string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if audience != "" {
		v.Set("for", audience)
	}
	return v.Encode()
}

type articlePage struct {
	Article *content.Article
	Related []*content.Article
	Sheet   printSheet // what the printed sheet adds (materials.go)
}

func (s *Server) showArticle(c echo.Context) error {
	p := s.printer(c)
	a, ok := s.lib.Get(p.Lang(), c.Param("slug"))
	if !ok {
		return echo.ErrNotFound
	}
	return s.renderOnce(c, "article", func() (page, bool, error) {
		sheet, err := s.sheetFor(p, a)
		if err != nil {
			return page{}, false, err
		}
		return page{
			Printer: p, Path: "/advice/" + a.Slug, Title: a.Title, Description: a.Summary, Nav: "advice",
			Data: articlePage{Article: a, Related: s.lib.Related(a), Sheet: sheet},
		}, true, nil
	})
}

// showStatement serves the privacy and accessibility statements, which are
// Markdown pages under content/pages.
func (s *Server) showStatement(name string) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := s.printer(c)
		return s.renderOnce(c, "statement", func() (page, bool, error) {
			doc, ok := s.lib.Page(p.Lang(), name)
			if !ok {
				return page{}, false, fmt.Errorf("server: statement %q missing in %s", name, p.Lang())
			}
			return page{Printer: p, Path: "/" + name, Title: doc.Title, Description: doc.Summary, Nav: name, Data: doc}, true, nil
		})
	}
}

// readyz answers 200 when a report could be stored now and 503 when a
// write to the database cannot commit (disk full, read-only, locked), with
// the reason in the log. One probe a second at most, shared by concurrent
// requests, so polling it cannot load the single writer.
func (s *Server) readyz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if err := s.ready.check(c.Request().Context(), s.store); err != nil {
		return c.String(http.StatusServiceUnavailable, "not ready\n")
	}
	return c.String(http.StatusOK, "ready\n")
}

// healthz is the liveness check: the process answers and the database
// can be read.
func (s *Server) healthz(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	if s.store != nil {
		if err := s.store.Ping(c.Request().Context()); err != nil {
			s.log.Error("health check", "err", err)
			return c.String(http.StatusServiceUnavailable, "database unavailable\n")
		}
	}
	return c.String(http.StatusOK, "ok\n")
}
