package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/i18n"
)

// Admins manage staff accounts on /staff/accounts, as `cyberportal staff`
// does on the command line, and read the audit log on /staff/audit.

type accountsPage struct {
	Members []*data.StaffMember
	Roles   []string
	Email   string
	Role    string
	Errors  formErrors
	Done    string
}

var accountNotices = []string{"disabled"}

func (s *Server) renderAccounts(c echo.Context, status int, pg accountsPage) error {
	members, err := s.store.ListStaff(c.Request().Context())
	if err != nil {
		return err
	}
	pg.Members, pg.Roles = members, data.StaffRoles()
	if done := c.QueryParam("done"); slices.Contains(accountNotices, done) {
		pg.Done = done
	}
	return s.renderStaff(c, status, "staff_accounts", "staff.accounts.title", "accounts", pg)
}

// listAccounts is /staff/accounts.
func (s *Server) listAccounts(c echo.Context) error {
	return s.renderAccounts(c, http.StatusOK, accountsPage{Role: data.RoleAnalyst})
}

type setupLinkPage struct {
	Email string
	Link  string
	Reset bool
}

// addAccount is POST /staff/accounts: a new account, whose set-up link is
// shown once, for the admin to pass on.
func (s *Server) addAccount(c echo.Context) error {
	email, role := strings.TrimSpace(c.FormValue("email")), c.FormValue("role")
	var errs formErrors
	if _, err := data.NormalizeEmail(email); err != nil {
		errs.add("email", "staff.accounts.error.email")
	}
	if !slices.Contains(data.StaffRoles(), role) {
		errs.add("role", "staff.accounts.error.role")
	}
	if len(errs) == 0 {
		m, token, err := s.store.AddStaff(c.Request().Context(), email, role, i18n.Default, member(c).ID, s.now())
		switch {
		case errors.Is(err, data.ErrStaffExists):
			errs.add("email", "staff.accounts.error.exists")
		case err != nil:
			return err
		default:
			return s.renderStaff(c, http.StatusOK, "staff_setup_link", "staff.link.title", "accounts",
				setupLinkPage{Email: m.Email, Link: s.setupLink(token)})
		}
	}
	return s.renderAccounts(c, http.StatusOK, accountsPage{Email: email, Role: role, Errors: errs})
}

// setupLink is the address a new member sets up their account at.
func (s *Server) setupLink(token string) string {
	return s.cfg.BaseURL + "/staff/setup/" + token
}

// accountParam is the account of the {id} in the path; an admin cannot
// disable or reset their own account here, so they cannot lock themselves
// out by a slip (the command line can).
func (s *Server) accountParam(c echo.Context) (*data.StaffMember, error) {
	id, err := idParam(c)
	if err != nil {
		return nil, err
	}
	m, err := s.store.StaffByID(c.Request().Context(), id)
	if errors.Is(err, data.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if m.ID == member(c).ID {
		return nil, echo.NewHTTPError(http.StatusBadRequest)
	}
	return m, nil
}

// disableAccount is POST /staff/accounts/{id}/disable; it ends the
// account's sessions.
func (s *Server) disableAccount(c echo.Context) error {
	m, err := s.accountParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DisableStaff(c.Request().Context(), m.Email, member(c).ID, s.now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/staff/accounts?done=disabled")
}

// resetAccount is POST /staff/accounts/{id}/reset: for a lost password or
// phone, a new set-up link; the old password and key stop working.
func (s *Server) resetAccount(c echo.Context) error {
	m, err := s.accountParam(c)
	if err != nil {
		return err
	}
	token, err := s.store.ResetStaff(c.Request().Context(), m.Email, member(c).ID, s.now())
	if err != nil {
		return err
	}
	return s.renderStaff(c, http.StatusOK, "staff_setup_link", "staff.link.title", "accounts",
		setupLinkPage{Email: m.Email, Link: s.setupLink(token), Reset: true})
}

// auditPerPage is the length of a page of the audit log.
const auditPerPage = 100

// auditRow is an audit entry with its moment in the portal's time zone and
// a link to its target, when that is a report or warning.
type auditRow struct {
	data.AuditEntry
	When string
	Link string
	// Refused is an entry for a refusal (a failed login, a throttle, a
	// refused form) by someone not logged in.
	Refused bool
}

type auditPage struct {
	Entries []auditRow
	Pager   pager
}

// showAudit is /staff/audit: who did what, when, newest first.
func (s *Server) showAudit(c echo.Context) error {
	n, _ := strconv.Atoi(c.QueryParam("page"))
	n = max(n, 1)
	entries, total, err := s.store.ListAudit(c.Request().Context(), (n-1)*auditPerPage, auditPerPage)
	if err != nil {
		return err
	}
	p := s.printer(c)
	rows := make([]auditRow, 0, len(entries))
	for _, e := range entries {
		local := e.At.In(s.zone)
		row := auditRow{AuditEntry: e, When: p.Date(local) + " " + local.Format("15:04:05 MST"),
			Refused: strings.HasPrefix(e.Action, "login.") || strings.HasPrefix(e.Action, "access.")}
		if _, err := strconv.ParseInt(e.Target, 10, 64); err == nil {
			switch {
			case strings.HasPrefix(e.Action, "report."):
				row.Link = "/staff/reports/" + e.Target
			case strings.HasPrefix(e.Action, "warning."):
				row.Link = "/staff/warnings/" + e.Target
			}
		}
		rows = append(rows, row)
	}
	return s.renderStaff(c, http.StatusOK, "staff_audit", "staff.audit.title", "audit", auditPage{
		Entries: rows,
		Pager:   newPager(n, total, auditPerPage, func(page int) string { return "/staff/audit?page=" + strconv.Itoa(page) }),
	})
}
