package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // staff times are shown in Europe/Amsterdam, also on hosts without zone files

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/i18n"
)

// The staff area: municipal staff log in under /staff/ to review reports,
// publish warnings and manage accounts. Pages have no language prefix: each
// member reads them in the language kept with their account.

// staffCookie holds a staff session's token; only its hash is stored.
const staffCookie = "staff_session"

// staffArea is the state the staff pages keep in memory: the per-client
// login throttle and the password hashing settings.
type staffArea struct {
	clients *clientThrottle // failures per client
	pairs   *clientThrottle // failures per account and client
	gate    *accountGate    // spaces out attempts on an account under attack
	// sleep waits for an attempt's slot at the gate; a field so tests can
	// move their clock instead.
	sleep  func(ctx context.Context, d time.Duration) error
	params auth.PasswordParams
	// verify checks a password against a hash; a field so tests can count
	// that every login attempt, for a known address or not, hashes once.
	verify func(hash, password string) (bool, error)
	// hashing admits a few argon2id computations at a time, so a burst of
	// logins cannot take all memory; the others wait their turn.
	hashing chan struct{}
	// dummyHash is checked for unknown addresses, so they take as long as a
	// wrong password for a real account.
	dummyHash func() (string, error)
	warnings  *warningCache
}

func newStaffArea() *staffArea {
	params := auth.DefaultPasswordParams()
	return &staffArea{
		clients: newClientThrottle(loginClientLimit, 15*time.Minute),
		pairs:   newClientThrottle(data.LoginFailureLimit, data.LoginWindow),
		gate:    newAccountGate(loginSpacing, loginMaxWait),
		sleep:   sleepCtx,
		params:  params,
		verify:  auth.VerifyPassword,
		hashing: make(chan struct{}, 2),
		dummyHash: sync.OnceValues(func() (string, error) {
			return auth.HashPassword("no account has this password", params)
		}),
		warnings: newWarningCache(),
	}
}

// Staff login limits besides data.LoginFailureLimit: failures per client
// in 15 minutes, and the spacing of attempts on an account under attack
// with how long an attempt may wait for its turn (within the request
// timeout of 10 seconds).
const (
	loginClientLimit = 20
	loginSpacing     = 5 * time.Second
	loginMaxWait     = 5 * time.Second
)

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// withHashSlot runs fn when a hashing slot is free, or gives up with the
// request.
func (a *staffArea) withHashSlot(ctx context.Context, fn func() error) error {
	select {
	case a.hashing <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-a.hashing }()
	return fn()
}

// sessionLimits are the configured session timeouts.
func (s *Server) sessionLimits() data.SessionLimits {
	return data.SessionLimits{Idle: s.cfg.StaffIdle, Max: s.cfg.StaffMax}
}

// staffSession runs for every /staff/ request: it resumes the session of
// the cookie, if any and valid, and sets the page language to the member's,
// or for visitors not logged in to ?lang= or their browser's language.
func (s *Server) staffSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(s.cookieName(staffCookie)); err == nil && ck.Value != "" {
			sess, err := s.store.ResumeSession(c.Request().Context(), ck.Value, s.now(), s.sessionLimits())
			switch {
			case err == nil:
				c.Set("staff", sess.Member)
				c.Set("staff_token", ck.Value) // for staffCSRF
				c.Set("lang", sess.Member.Lang)
			case errors.Is(err, data.ErrNotFound):
				s.clearStaffCookie(c) // expired or ended: do not send it again
				c.Set("staff_expired", true)
			default:
				return err
			}
		}
		if _, ok := c.Get("lang").(string); !ok {
			l := c.QueryParam("lang")
			if !i18n.Valid(l) {
				l = i18n.Match(c.Request().Header.Get("Accept-Language"))
			}
			c.Set("lang", l)
		}
		c.Response().Header().Add("Vary", "Cookie")
		return next(c)
	}
}

// staffGuard refuses POSTs without a session from a client that the staff
// throttle has blocked (failed logins, set-up codes and refused forms),
// before anything else is done for them. Members with a session are not
// held up: colleagues behind the same office address keep working while
// someone there, or an attacker, fails to log in.
func (s *Server) staffGuard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method == http.MethodPost && member(c) == nil && s.staff.clients.blocked(c.RealIP(), s.now()) {
			return s.loginThrottled(c, limitStaffClient, 0)
		}
		return next(c)
	}
}

// member is the logged-in staff member, or nil.
func member(c echo.Context) *data.StaffMember {
	m, _ := c.Get("staff").(*data.StaffMember)
	return m
}

// requireStaff lets a request through only with a session whose role
// includes role. Without a session, pages redirect to the login (which
// returns here afterwards) and data answers 401; with too small a role the
// answer is 403.
func (s *Server) requireStaff(role string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			m := member(c)
			if m == nil {
				if strings.HasSuffix(c.Request().URL.Path, ".csv") {
					return echo.NewHTTPError(http.StatusUnauthorized)
				}
				q := url.Values{}
				if c.Request().Method == http.MethodGet {
					q.Set("next", c.Request().URL.RequestURI())
				}
				if expired, _ := c.Get("staff_expired").(bool); expired {
					q.Set("done", "expired")
				}
				target := "/staff/login"
				if len(q) > 0 {
					target += "?" + q.Encode()
				}
				return c.Redirect(http.StatusSeeOther, target)
			}
			if !m.Can(role) {
				if err := s.securityEvent(c, "access.denied.role", c.Request().Method+" "+c.Path()); err != nil {
					return err
				}
				return s.renderStaff(c, http.StatusForbidden, "staff_forbidden", "staff.forbidden.title", "", nil)
			}
			return next(c)
		}
	}
}

// safeNext keeps a return address only if it is a staff page on this site,
// so the login cannot be used to send someone elsewhere.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/staff/") || strings.HasPrefix(next, "/staff/login") || strings.ContainsAny(next, "\\\r\n") ||
		strings.Contains(next, "//") {
		return "/staff/"
	}
	return next
}

func (s *Server) setStaffCookie(c echo.Context, token string) {
	c.SetCookie(s.staffCookie(token, int(s.cfg.StaffMax/time.Second)))
}

func (s *Server) clearStaffCookie(c echo.Context) { c.SetCookie(s.staffCookie("", -1)) }

// staffCookie is the session cookie: for /staff only, except behind TLS,
// where the __Host- prefix requires Path=/ (and protects it better).
func (s *Server) staffCookie(token string, maxAge int) *http.Cookie {
	path := "/staff"
	if s.cfg.BehindTLS {
		path = "/"
	}
	return &http.Cookie{
		Name: s.cookieName(staffCookie), Value: token, Path: path, HttpOnly: true, Secure: s.cfg.BehindTLS,
		SameSite: http.SameSiteStrictMode, MaxAge: maxAge,
	}
}

// staffView is what the layout needs on staff pages: their own header with
// the staff menu and language switcher instead of the public ones.
type staffView struct {
	Member *data.StaffMember // nil on the login and set-up pages
	Nav    string            // the active staff menu item
	Back   string            // this page, where the language switcher returns
}

// Languages are the staff language switcher's choices.
func (v *staffView) Languages() []alternate {
	out := make([]alternate, 0, len(i18n.Languages()))
	for _, l := range i18n.Languages() {
		out = append(out, alternate{Lang: l, Name: i18n.Name(l)})
	}
	return out
}

// renderStaff renders a staff page: never indexed, never cached, with the
// form token and the staff header.
func (s *Server) renderStaff(c echo.Context, status int, name, titleKey, nav string, data any) error {
	p := s.printer(c)
	back := c.Request().URL.RequestURI()
	if c.Request().Method != http.MethodGet {
		back = c.Request().URL.Path
	}
	return s.render(c, status, name, page{
		Printer: p, Path: c.Request().URL.Path, Title: p.T(titleKey), NoIndex: true, CSRF: csrfToken(c),
		Staff: &staffView{Member: member(c), Nav: nav, Back: back},
		Data:  data,
	})
}

// setStaffLanguage is the staff language switcher: it keeps the choice with
// the account and returns to the page it was on.
func (s *Server) setStaffLanguage(c echo.Context) error {
	m := member(c)
	l := c.FormValue("lang")
	if !i18n.Valid(l) {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	if err := s.store.SetStaffLang(c.Request().Context(), m.ID, l); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("back")))
}
