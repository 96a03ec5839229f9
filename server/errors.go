package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
)

// errorKeys are the statuses with their own explanation; others use "other".
var errorKeys = map[int]bool{400: true, 401: true, 403: true, 404: true, 405: true, 413: true, 429: true, 500: true, 503: true}

// handleError is the one place errors become responses: server errors are
// logged in detail, visitors get a translated page without internals.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code := http.StatusInternalServerError
	var he *echo.HTTPError
	if errors.As(err, &he) {
		code = he.Code
	}
	if data.IsDatabaseError(err) {
		s.metrics.dbErrors.WithLabelValues("request").Inc()
	}
	if code >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "route", c.Path(), "status", code, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		c.NoContent(code)
		return
	}
	p := s.printer(c)
	key := "other"
	if errorKeys[code] {
		key = strconv.Itoa(code)
	}
	path := c.Request().URL.Path
	if strings.HasSuffix(path, ".json") || strings.HasPrefix(path, "/api/") {
		c.JSON(code, map[string]any{"status": code, "error": p.T("error." + key + ".title")})
		return
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	if rerr := s.render(c, code, "error", page{
		Printer: p,
		Title:   p.T("error." + key + ".title"),
		NoIndex: true,
		Data:    errorPage{Code: code, Key: key},
	}); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		c.String(code, http.StatusText(code))
	}
}

type errorPage struct {
	Code int
	Key  string
}
