package server

import (
	"errors"
	"net/http"
	"strings"

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
// the address is not an active account) and one recorded failure. Failures
// are throttled per client (in memory) and per address (in the database,
// for unknown addresses too), both with a 429 page.
func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	now := s.now()
	client := c.RealIP()
	if s.staff.clients.blocked(client, now) {
		return echo.NewHTTPError(http.StatusTooManyRequests)
	}
	f := readLoginForm(c)
	if errs := f.Validate(); len(errs) > 0 {
		f.Password = ""
		return s.renderStaff(c, http.StatusOK, "staff_login", "staff.login.title", "", loginPage{Form: f, Errors: errs})
	}
	if until, err := s.store.LoginLockedUntil(ctx, f.Email, now); err != nil {
		return err
	} else if !until.IsZero() {
		return echo.NewHTTPError(http.StatusTooManyRequests)
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
	ok = ok && m != nil && m.Status == data.StaffActive && m.Enrolled()
	if ok {
		step, match := auth.MatchTOTP(m.TOTPSecret, f.Code, now, m.TOTPLastStep)
		ok = match
		if match {
			// Compare-and-set: of two logins racing with one code, one wins.
			if ok, err = s.store.UseTOTPStep(ctx, m.ID, step); err != nil {
				return err
			}
		}
	}
	if !ok {
		s.staff.clients.fail(client, now)
		if _, err := s.store.RecordLoginFailure(ctx, f.Email, now); err != nil {
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

// logout ends the session on the server, not only the cookie, so a copied
// cookie is worthless afterwards.
func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(staffCookie); err == nil && ck.Value != "" {
		if err := s.store.EndSession(c.Request().Context(), ck.Value, s.now()); err != nil {
			return err
		}
	}
	s.clearStaffCookie(c)
	return c.Redirect(http.StatusSeeOther, "/staff/login?done=out&lang="+lang(c))
}
