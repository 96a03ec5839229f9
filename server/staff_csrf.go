package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Staff forms carry a CSRF token bound to the session: an HMAC of the
// session token. A token planted in a cookie (from a sibling subdomain, say)
// is worth nothing, and a token from one session is refused in another.
// Pages without a session (the login and set-up forms) use the double-submit
// cookie of csrf().

// newCSRFKey derives the key of staff CSRF tokens from the secret key, so
// tokens survive a restart; without one, a random key for this process.
func newCSRFKey(secret []byte) []byte {
	if secret == nil {
		key := make([]byte, 32)
		rand.Read(key) // crypto/rand.Read does not fail (Go 1.24+)
		return key
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("cyberportal staff csrf v1"))
	return mac.Sum(nil)
}

// sessionCSRF is the form token for the session with this token.
func (s *Server) sessionCSRF(sessionToken string) string {
	mac := hmac.New(sha256.New, s.csrfKey)
	mac.Write([]byte(sessionToken))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// staffCSRF checks staff POSTs: with a session, against the session's
// token; without one, with the double-submit cookie. It runs after
// staffSession, which resumes the session.
func (s *Server) staffCSRF() echo.MiddlewareFunc {
	cookie := s.csrf()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		anonymous := cookie(next)
		return func(c echo.Context) error {
			session, ok := c.Get("staff_token").(string)
			if !ok {
				if c.Request().Method == http.MethodPost && c.Path() == "/staff/logout" {
					return next(c) // no session to end: nothing to protect
				}
				return anonymous(c)
			}
			want := s.sessionCSRF(session)
			c.Set(middleware.DefaultCSRFConfig.ContextKey, want)
			switch c.Request().Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				return next(c)
			}
			if err := c.Request().ParseForm(); err != nil {
				return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
			}
			got := c.Request().PostForm.Get("_csrf")
			if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
				return s.staffCSRFRefused(c, errors.New("token not of this session"))
			}
			if c.Request().Header.Get("Sec-Fetch-Site") == "cross-site" {
				// The browser says another site sent this form.
				return s.staffCSRFRefused(c, errors.New("cross-site form"))
			}
			return next(c)
		}
	}
}

// staffCSRFRefused answers a staff form without its token: 403, recorded in
// the audit and server logs, and counted against the client's staff
// throttle, so refusals cannot fill the log.
func (s *Server) staffCSRFRefused(c echo.Context, err error) error {
	s.staff.clients.fail(c.RealIP(), s.now())
	if aerr := s.securityEvent(c, "access.denied.csrf", c.Request().Method+" "+c.Path()); aerr != nil {
		return aerr
	}
	return echo.NewHTTPError(http.StatusForbidden, "csrf").SetInternal(err)
}
