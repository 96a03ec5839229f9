package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"cyberportal/i18n"
)

// csp allows nothing but our own origin: no inline script or style at all.
// data: images are for the server-rendered TOTP QR code.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// baseHeaders are the headers every response carries, errors included,
// kept as ready-made values: they are set on every request.
var baseHeaders = map[string][]string{
	"Content-Security-Policy":      {csp},
	"X-Content-Type-Options":       {"nosniff"},
	"X-Frame-Options":              {"DENY"},
	"Referrer-Policy":              {"no-referrer"},
	"Permissions-Policy":           {"accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()"},
	"Cross-Origin-Opener-Policy":   {"same-origin"},
	"Cross-Origin-Resource-Policy": {"same-origin"},
}

var hsts = []string{"max-age=63072000; includeSubDomains"}

// frame does for a response what every response gets, whether Echo routed
// it or the front cache (cached.go) answered it: the security headers before
// serve writes anything, and the request log line after. serve returns the
// route pattern and the status sent.
func (s *Server) frame(h http.Header, method string, serve func() (route string, status int)) {
	start := time.Now()
	s.setSecurityHeaders(h)
	route, status := serve()
	s.logRequest(method, route, status, time.Since(start))
}

// framed is frame for the routes: an error becomes its page here (the
// central handleError), so the log line has the status the client got.
func (s *Server) framed(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		s.frame(c.Response().Header(), c.Request().Method, func() (string, int) {
			if err := next(c); err != nil {
				c.Error(err)
			}
			return c.Path(), c.Response().Status
		})
		return nil
	}
}

// setSecurityHeaders sets baseHeaders, and HSTS behind TLS. The slices are
// shared and never changed, so no response copies them.
func (s *Server) setSecurityHeaders(h http.Header) {
	for k, v := range baseHeaders {
		h[k] = v
	}
	if s.cfg.BehindTLS {
		h["Strict-Transport-Security"] = hsts
	}
}

// requestLine is the message of request log lines, which the logger
// gathers before writing (logging.go).
const requestLine = "request"

// logRequest is the one request log line: method, route pattern, status and
// latency, also counted in the metrics; never the client's address, user
// agent, query string or anything from the body.
func (s *Server) logRequest(method, route string, status int, latency time.Duration) {
	s.metrics.observeRequest(method, route, status, latency)
	if s.routeCounts.count(method, route, status) {
		return // report routes: one summary an hour (report_log.go)
	}
	s.log.LogAttrs(context.Background(), slog.LevelInfo, requestLine,
		slog.String("method", method), slog.String("route", route),
		slog.Int("status", status), slog.Duration("latency", latency))
}

// recoverPanics turns a panic into a 500 page; the stack goes to the log only.
func (s *Server) recoverPanics() echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisablePrintStack: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", "route", c.Path(), "err", err, "stack", string(stack))
			return fmt.Errorf("panic: %w", err)
		},
	})
}

// gzipSkipper leaves pages with forms uncompressed: they carry a CSRF token
// and echo the visitor's input, which together with compression opens BREACH.
// It also skips the routes that send packed responses, gzipped already
// (packedGET). Echo routes before middleware runs, so c.Path() is the
// matched route.
func (s *Server) gzipSkipper(c echo.Context) bool {
	p := c.Request().URL.Path
	return s.packedRoutes[c.Path()] || strings.HasPrefix(p, "/staff") || strings.Contains(p, "/report") ||
		strings.Contains(p, "/self-check")
}

// timeout gives each request's context a deadline, so a slow query is cut
// off. Pages answered by the front cache (cached.go) never get here.
func timeout(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

// language checks the /{lang} prefix and keeps the language on the context.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		lang := c.Param("lang")
		if !i18n.Valid(lang) {
			return echo.ErrNotFound
		}
		c.Set("lang", lang)
		return next(c)
	}
}

// lang is the request's language: from the route, else the path prefix
// (for 404s on unknown paths), else the default.
func lang(c echo.Context) string {
	if l, ok := c.Get("lang").(string); ok {
		return l
	}
	p := strings.TrimPrefix(c.Request().URL.Path, "/")
	if l, _, _ := strings.Cut(p, "/"); i18n.Valid(l) {
		return l
	}
	return i18n.Default
}

func (s *Server) printer(c echo.Context) *i18n.Printer { return s.cat.Printer(lang(c)) }

// noStore keeps a response out of every cache: pages about a reporter's own
// report, and staff pages.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return next(c)
	}
}

// csrf protects the forms of a route group. Only groups with forms get it, so
// a visitor who only reads gets no cookie at all.
func (s *Server) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf",
		CookieName:     s.cookieName("csrf"),
		CookiePath:     "/",
		CookieSecure:   s.cfg.BehindTLS,
		CookieHTTPOnly: true,
		CookieSameSite: http.SameSiteStrictMode,
		ErrorHandler: func(err error, c echo.Context) error {
			if strings.HasPrefix(c.Path(), "/staff") {
				return s.staffCSRFRefused(c, err)
			}
			return echo.NewHTTPError(http.StatusForbidden, "csrf").SetInternal(err)
		},
	})
}

// cookieName is a cookie's name: with -behind-tls it has the __Host-
// prefix, which browsers accept only from a secure origin, with Path=/ and
// no Domain, so a sibling subdomain cannot plant or overwrite it.
func (s *Server) cookieName(base string) string {
	if s.cfg.BehindTLS {
		return "__Host-" + base
	}
	return base
}

// bodyOnlyForms makes every form value of a POST come from its body. Echo's
// FormValue and FormParams merge the query string in (NOTES.md), so a
// receipt code, an answer or a password could be sent in a URL, which lands
// in proxy logs and browser history. The body is parsed here and the parsed
// form is the body's alone; handlers and the CSRF check then read only that.
func bodyOnlyForms(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodPost {
			return next(c)
		}
		var err error
		if strings.HasPrefix(r.Header.Get(echo.HeaderContentType), echo.MIMEMultipartForm) {
			err = r.ParseMultipartForm(32 << 10)
		} else {
			err = r.ParseForm()
		}
		var tooLarge *echo.HTTPError
		if errors.As(err, &tooLarge) {
			return tooLarge
		} else if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
		}
		r.Form = r.PostForm
		return next(c)
	}
}

// csrfToken is the token for the form on this response.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	return t
}

// headAsGet routes HEAD requests to the GET handlers, which Echo v4 does not
// do by itself, and it routes on the request it is given, so this wraps
// Echo. The handlers see a copy with method GET; the connection still holds
// the HEAD request, so net/http sends the headers (Content-Length included)
// and drops the body.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			get := r.Clone(r.Context())
			get.Method = http.MethodGet
			r = get
		}
		next.ServeHTTP(w, r)
	})
}
