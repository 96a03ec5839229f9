package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/auth"
)

// fieldError is a form error: the field's id and the message's key.
type fieldError struct {
	Field, Key string
}

// formErrors are a form's errors in the order of its fields, for the error
// summary on top and the message beside each field.
type formErrors []fieldError

// Get is the message key for a field, or "".
func (e formErrors) Get(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Key
		}
	}
	return ""
}

func (e *formErrors) add(field, key string) { *e = append(*e, fieldError{field, key}) }

// loginForm is the staff login: address, password and authenticator code in
// one form, so that a wrong password and a wrong code look the same and the
// form does not tell an attacker which half was right.
type loginForm struct {
	Email    string
	Password string
	Code     string
	Next     string
}

func readLoginForm(c echo.Context) loginForm {
	return loginForm{
		Email:    strings.TrimSpace(c.FormValue("email")),
		Password: c.FormValue("password"),
		Code:     strings.TrimSpace(c.FormValue("code")),
		Next:     safeNext(c.FormValue("next")),
	}
}

// Validate checks that every field is filled in and not absurdly long.
func (f loginForm) Validate() formErrors {
	var errs formErrors
	if f.Email == "" || len(f.Email) > 254 {
		errs.add("email", "staff.login.error.email")
	}
	if f.Password == "" || len([]rune(f.Password)) > auth.PasswordMaxRunes {
		errs.add("password", "staff.login.error.password")
	}
	if f.Code == "" || len(f.Code) > 12 {
		errs.add("code", "staff.login.error.code")
	}
	return errs
}

type loginPage struct {
	Form   loginForm
	Errors formErrors // wrong credentials give one message for every cause
	Notice string     // a message key: logged out, set-up done, session ended
}

var loginNotices = map[string]string{"out": "staff.login.notice.out", "setup": "staff.login.notice.setup", "expired": "staff.login.notice.expired"}

func (s *Server) showLogin(c echo.Context) error {
	if member(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/staff/")
	}
	return s.renderStaff(c, http.StatusOK, "staff_login", "staff.login.title", "", loginPage{
		Form:   loginForm{Next: safeNext(c.QueryParam("next"))},
		Notice: loginNotices[c.QueryParam("done")],
	})
}

// login checks address, password and code. Every failure gets the same
// answer after the same work: one argon2id run (against a dummy hash when
// the address is not an active account) and one recorded failure.
//
// Throttling never locks an account: failures are counted per client and
// per account and client (in memory, 429 for that client only), and once an
// address has data.LoginFailureLimit failures in the window, attempts on it
// from every client are spaced out by the account gate, which bounds
// guessing without keeping the owner out.
func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	now := s.now()
	client := c.RealIP() // staffGuard has let it through the client throttle
	f := readLoginForm(c)
	if errs := f.Validate(); len(errs) > 0 {
		f.Password = ""
		return s.renderStaff(c, http.StatusOK, "staff_login", "staff.login.title", "", loginPage{Form: f, Errors: errs})
	}
	if s.staff.pairs.blocked(pairKey(f.Email, client), now) {
		return s.loginThrottled(c, limitStaffPair, 0)
	}
	failures, err := s.store.LoginFailures(ctx, f.Email, now)
	if err != nil {
		return err
	}
	if failures >= data.LoginFailureLimit {
		wait, ok := s.staff.gate.reserve(f.Email, now)
		if !ok {
			return s.loginThrottled(c, limitStaffAccount, wait)
		}
		if err := s.staff.sleep(ctx, wait); err != nil {
			return err
		}
		now = s.now()
	}
	m, err := s.store.StaffByEmail(ctx, f.Email)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	hash, err := s.staff.dummyHash()
	if err != nil {
		return err
	}
	if m != nil && m.Status == data.StaffActive && m.PasswordHash != "" {
		hash = m.PasswordHash
	}
	ok := false
	if err := s.staff.withHashSlot(ctx, func() error {
		var err error
		ok, err = s.staff.verify(hash, f.Password)
		return err
	}); err != nil {
		return err
	}
	reason := "password"
	switch {
	case m == nil || m.Status != data.StaffActive || !m.Enrolled():
		ok, reason = false, "account"
	case ok:
		step, match := auth.MatchTOTP(m.TOTPSecret, f.Code, now, m.TOTPLastStep)
		ok, reason = match, "code"
		if match {
			// Compare-and-set: of two logins racing with one code, one wins.
			if ok, err = s.store.UseTOTPStep(ctx, m.ID, step); err != nil {
				return err
			}
			reason = "replay"
		}
	}
	if !ok {
		if err := s.loginFailed(c, f.Email, reason, now); err != nil {
			return err
		}
		f.Password, f.Code = "", ""
		return s.renderStaff(c, http.StatusUnauthorized, "staff_login", "staff.login.title", "", loginPage{
			Form: f, Errors: formErrors{{"email", "staff.login.error.failed"}},
		})
	}
	if err := s.store.ClearLoginFailures(ctx, f.Email); err != nil {
		return err
	}
	token, err := s.store.StartSession(ctx, m.ID, now)
	if err != nil {
		return err
	}
	s.setStaffCookie(c, token)
	return c.Redirect(http.StatusSeeOther, f.Next)
}

// loginFailed counts a failure against the client, the account and client,
// and the account, and records it: the failure itself in the audit log
// (with the address tried and the reason), and each throttle as it starts.
// Every one also gets a warning line in the server log. The client's
// address is neither logged nor stored.
func (s *Server) loginFailed(c echo.Context, email, reason string, now time.Time) error {
	ctx := c.Request().Context()
	client := c.RealIP()
	perClient := s.staff.clients.fail(client, now)
	perPair := s.staff.pairs.fail(pairKey(email, client), now)
	perAccount, err := s.store.RecordLoginFailure(ctx, email, reason, now)
	if err != nil {
		return err
	}
	s.metrics.loginFailures.WithLabelValues(reason).Inc()
	s.log.Warn("staff login failed", "email", strings.ToLower(email), "reason", reason)
	for _, t := range []struct {
		started        bool
		action, target string
	}{
		{perClient == loginClientLimit, "login.throttled.client", ""},
		{perPair == data.LoginFailureLimit, "login.throttled.pair", strings.ToLower(email)},
		{perAccount == data.LoginFailureLimit, "login.slowed", strings.ToLower(email)},
	} {
		if t.started {
			if err := s.securityEvent(c, t.action, t.target); err != nil {
				return err
			}
		}
	}
	return nil
}

// loginThrottled answers a refused login attempt: 429 with Retry-After when
// known. The throttle was recorded when it started, not on every refusal,
// so refused attempts cannot fill the audit log.
func (s *Server) loginThrottled(c echo.Context, limit string, retry time.Duration) error {
	s.metrics.refusals.WithLabelValues(limit).Inc()
	if retry > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, int((retry+time.Second-1)/time.Second))))
	}
	return echo.NewHTTPError(http.StatusTooManyRequests)
}

// securityEvent records a refusal in the staff area in the audit log, by
// the logged-in member if any, and as a warning line in the server log.
func (s *Server) securityEvent(c echo.Context, action, target string) error {
	var by int64
	if m := member(c); m != nil {
		by = m.ID
	}
	s.log.Warn("staff security event", "action", action, "target", target)
	return s.store.Audit(c.Request().Context(), by, action, target, s.now())
}

// logout ends the session on the server, not only the cookie, so a copied
// cookie is worthless afterwards.
func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(s.cookieName(staffCookie)); err == nil && ck.Value != "" {
		if err := s.store.EndSession(c.Request().Context(), ck.Value, s.now()); err != nil {
			return err
		}
	}
	s.clearStaffCookie(c)
	return c.Redirect(http.StatusSeeOther, "/staff/login?done=out&lang="+lang(c))
}
