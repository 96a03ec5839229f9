package data

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Staff roles, each allowed everything the one before it is.
const (
	RoleAnalyst = "analyst" // reads, moderates and exports reports
	RoleEditor  = "editor"  // also writes and publishes warnings
	RoleAdmin   = "admin"   // also manages staff accounts and reads the audit log
)

// StaffRoles are the roles from least to most allowed.
func StaffRoles() []string { return []string{RoleAnalyst, RoleEditor, RoleAdmin} }

// Staff account statuses.
const (
	StaffPending  = "pending"  // created, set-up link not used yet
	StaffActive   = "active"   // password and two-factor authentication set up
	StaffDisabled = "disabled" // may not log in
)

// SetupValidity is how long a set-up link works.
const SetupValidity = 72 * time.Hour

// Errors about staff accounts.
var (
	ErrStaffExists  = errors.New("a staff account with this e-mail address exists")
	ErrInvalidEmail = errors.New("not an e-mail address")
	ErrInvalidRole  = errors.New("unknown role (analyst, editor or admin)")
)

// StaffMember is one staff account.
type StaffMember struct {
	ID           int64
	Email        string
	Role         string
	Status       string
	Lang         string
	PasswordHash string
	TOTPSecret   []byte // nil until enrolled
	TOTPPending  []byte // the key offered during set-up
	TOTPLastStep int64
	SetupExpires time.Time // zero when there is no set-up link
	CreatedAt    time.Time
	LastLogin    time.Time // zero when never
}

// Can reports whether the member's role includes role.
func (m *StaffMember) Can(role string) bool {
	return m != nil && m.Status == StaffActive && roleRank(m.Role) >= roleRank(role) && roleRank(role) > 0
}

// Enrolled reports whether two-factor authentication is set up.
func (m *StaffMember) Enrolled() bool { return len(m.TOTPSecret) > 0 }

func roleRank(role string) int {
	for i, r := range StaffRoles() {
		if r == role {
			return i + 1
		}
	}
	return 0
}

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// NormalizeEmail trims and lower-cases an address and checks its shape.
func NormalizeEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	if len(e) > 254 || !emailPattern.MatchString(e) {
		return "", fmt.Errorf("%w: %q", ErrInvalidEmail, email)
	}
	return e, nil
}

// staffStamp is how staff tables store a moment: UTC to the second, so that
// text order is time order.
const staffStampLayout = "2006-01-02T15:04:05Z"

func staffStamp(t time.Time) string { return t.UTC().Format(staffStampLayout) }

func parseStaffStamp(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(staffStampLayout, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// newToken returns 256 random bits in URL-safe base64 and their SHA-256,
// which is all the database keeps.
func newToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("store: token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token), nil
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// staffColumns are qualified with their table so they also work in joins.
const staffColumns = `staff.id, staff.email, staff.role, staff.status, staff.lang, staff.password_hash, staff.totp_secret,
	staff.totp_pending, staff.totp_last_step, staff.setup_expires, staff.created_at, staff.last_login`

// scanStaff reads staffColumns, after the extra columns a query puts first.
// TOTP secrets come out opened (see secrets.go).
func (s *Store) scanStaff(row interface{ Scan(...any) error }, extra ...any) (*StaffMember, error) {
	var m StaffMember
	var setup, created, last sql.NullString
	dest := append(extra, &m.ID, &m.Email, &m.Role, &m.Status, &m.Lang, &m.PasswordHash, &m.TOTPSecret, &m.TOTPPending,
		&m.TOTPLastStep, &setup, &created, &last)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	m.SetupExpires, m.CreatedAt, m.LastLogin = parseStaffStamp(setup), parseStaffStamp(created), parseStaffStamp(last)
	if err := s.openSecrets(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

const insertStaff = `INSERT INTO staff (email, role, lang, setup_hash, setup_expires, created_at) VALUES (?, ?, ?, ?, ?, ?)`

// AddStaff creates a pending account and returns it with the one-time token
// of its set-up link. by is the admin who adds it (0: the command line).
func (s *Store) AddStaff(ctx context.Context, email, role, lang string, by int64, now time.Time) (*StaffMember, string, error) {
	email, err := NormalizeEmail(email)
	if err != nil {
		return nil, "", err
	}
	if roleRank(role) == 0 {
		return nil, "", fmt.Errorf("%w: %q", ErrInvalidRole, role)
	}
	token, hash, err := newToken()
	if err != nil {
		return nil, "", err
	}
	var id int64
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff WHERE email = ?`, email).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrStaffExists
		}
		res, err := tx.ExecContext(ctx, insertStaff, email, role, lang, hash, staffStamp(now.Add(SetupValidity)), staffStamp(now))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return auditTx(ctx, tx, by, "staff.add", email+" ("+role+")", now)
	})
	if err != nil {
		return nil, "", fmt.Errorf("store: add staff %s: %w", email, err)
	}
	m, err := s.StaffByID(ctx, id)
	return m, token, err
}

const resetStaff = `UPDATE staff SET status = 'pending', password_hash = '', totp_secret = NULL, totp_pending = NULL,
	totp_last_step = 0, setup_hash = ?, setup_expires = ? WHERE email = ?`

// ResetStaff starts an account's set-up again, for a lost password or phone:
// the password and two-factor key are erased, every session ends, and a new
// set-up link's token is returned.
func (s *Store) ResetStaff(ctx context.Context, email string, by int64, now time.Time) (string, error) {
	email, err := NormalizeEmail(email)
	if err != nil {
		return "", err
	}
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := staffIDTx(ctx, tx, email)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, resetStaff, hash, staffStamp(now.Add(SetupValidity)), email); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_sessions WHERE staff_id = ?`, id); err != nil {
			return err
		}
		return auditTx(ctx, tx, by, "staff.reset", email, now)
	})
	if err != nil {
		return "", fmt.Errorf("store: reset staff %s: %w", email, err)
	}
	return token, nil
}

// DisableStaff stops an account from logging in and ends all its sessions.
func (s *Store) DisableStaff(ctx context.Context, email string, by int64, now time.Time) error {
	email, err := NormalizeEmail(email)
	if err != nil {
		return err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := staffIDTx(ctx, tx, email)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET status = 'disabled', setup_hash = NULL, setup_expires = NULL WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_sessions WHERE staff_id = ?`, id); err != nil {
			return err
		}
		return auditTx(ctx, tx, by, "staff.disable", email, now)
	})
	if err != nil {
		return fmt.Errorf("store: disable staff %s: %w", email, err)
	}
	return nil
}

func staffIDTx(ctx context.Context, tx *sql.Tx, email string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM staff WHERE email = ?`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// ListStaff returns every account, by e-mail address.
func (s *Store) ListStaff(ctx context.Context) ([]*StaffMember, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+staffColumns+` FROM staff ORDER BY email`)
	if err != nil {
		return nil, fmt.Errorf("store: list staff: %w", err)
	}
	defer rows.Close()
	var out []*StaffMember
	for rows.Next() {
		m, err := s.scanStaff(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list staff: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// StaffByID returns one account.
func (s *Store) StaffByID(ctx context.Context, id int64) (*StaffMember, error) {
	return s.oneStaff(ctx, `SELECT `+staffColumns+` FROM staff WHERE id = ?`, id)
}

// StaffByEmail returns the account with this address (any case).
func (s *Store) StaffByEmail(ctx context.Context, email string) (*StaffMember, error) {
	return s.oneStaff(ctx, `SELECT `+staffColumns+` FROM staff WHERE email = ?`, strings.ToLower(strings.TrimSpace(email)))
}

// StaffBySetupToken returns the pending account whose set-up link carries
// token, if the link has not expired.
func (s *Store) StaffBySetupToken(ctx context.Context, token string, now time.Time) (*StaffMember, error) {
	m, err := s.oneStaff(ctx, `SELECT `+staffColumns+` FROM staff WHERE setup_hash = ? AND status = 'pending'`, tokenHash(token))
	if err != nil {
		return nil, err
	}
	if !now.Before(m.SetupExpires) {
		return nil, fmt.Errorf("store: set-up link expired: %w", ErrNotFound)
	}
	return m, nil
}

func (s *Store) oneStaff(ctx context.Context, query string, args ...any) (*StaffMember, error) {
	m, err := s.scanStaff(s.r.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: staff: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: staff: %w", err)
	}
	return m, nil
}

// OfferTOTPKey keeps key as the account's pending two-factor key unless it
// already has one, and returns the pending key, so reloading the set-up page
// shows the same QR code that the phone may already have scanned.
func (s *Store) OfferTOTPKey(ctx context.Context, id int64, key []byte) ([]byte, error) {
	sealed, err := s.seal(id, key)
	if err != nil {
		return nil, fmt.Errorf("store: offer totp key: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE staff SET totp_pending = ? WHERE id = ? AND totp_pending IS NULL AND status = 'pending'`, sealed, id); err != nil {
		return nil, fmt.Errorf("store: offer totp key: %w", err)
	}
	var pending []byte
	if err := s.w.QueryRowContext(ctx, `SELECT totp_pending FROM staff WHERE id = ?`, id).Scan(&pending); err != nil {
		return nil, fmt.Errorf("store: offer totp key: %w", err)
	}
	if len(pending) == 0 {
		return nil, fmt.Errorf("store: offer totp key: %w", ErrNotFound)
	}
	return s.open(id, pending)
}

const completeSetup = `UPDATE staff SET status = 'active', password_hash = ?, totp_secret = totp_pending, totp_pending = NULL,
	totp_last_step = ?, lang = ?, setup_hash = NULL, setup_expires = NULL
	WHERE id = ? AND status = 'pending' AND setup_hash = ? AND setup_expires > ? AND totp_pending IS NOT NULL`

// CompleteSetup activates a pending account with its password hash and the
// pending two-factor key, confirmed by a code of step. The set-up token must
// still be valid: it is used up here.
func (s *Store) CompleteSetup(ctx context.Context, id int64, token, passwordHash, lang string, step int64, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, completeSetup, passwordHash, step, lang, id, tokenHash(token), staffStamp(now))
		if err != nil {
			return fmt.Errorf("store: complete set-up: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("store: complete set-up: %w", ErrNotFound)
		}
		return auditTx(ctx, tx, id, "staff.setup", "", now)
	})
}

// UseTOTPStep records step as the account's last used code, only if it is
// later than the last one. It reports false when the step was used already
// (a replayed code, or two logins racing with one code).
func (s *Store) UseTOTPStep(ctx context.Context, id, step int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, step, id, step)
	if err != nil {
		return false, fmt.Errorf("store: use totp step: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetStaffLang keeps a member's language for the staff pages.
func (s *Store) SetStaffLang(ctx context.Context, id int64, lang string) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE staff SET lang = ? WHERE id = ?`, lang, id); err != nil {
		return fmt.Errorf("store: set staff language: %w", err)
	}
	return nil
}

// Login failures per e-mail address (known or not) are counted in windows
// of LoginWindow. From LoginFailureLimit failures on, the server slows
// attempts on that address down for every client; it never locks it, so an
// attacker cannot lock the owner out.
const (
	LoginFailureLimit = 5
	LoginWindow       = 15 * time.Minute
)

func loginKey(email string) []byte {
	h := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(email))))
	return h[:]
}

// LoginFailures returns the failures for an address in the current window.
func (s *Store) LoginFailures(ctx context.Context, email string, now time.Time) (int, error) {
	var failures int
	err := s.r.QueryRowContext(ctx, `SELECT failures FROM staff_login_failures WHERE key = ? AND since >= ?`,
		loginKey(email), staffStamp(now.Add(-LoginWindow))).Scan(&failures)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: login failures: %w", err)
	}
	return failures, nil
}

// RecordLoginFailure counts a failed login for an address, known or not,
// and records it in the audit log as action "login.failed.REASON" with the
// address tried as its target, in one transaction. It returns the failures
// in the window so far. Rows of ended windows are removed on the way, so
// the table stays small.
func (s *Store) RecordLoginFailure(ctx context.Context, email, reason string, now time.Time) (int, error) {
	key := loginKey(email)
	var failures int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_login_failures WHERE since < ?`, staffStamp(now.Add(-LoginWindow))); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO staff_login_failures (key, failures, since) VALUES (?, 1, ?)
			ON CONFLICT (key) DO UPDATE SET failures = failures + 1 RETURNING failures`, key, staffStamp(now)).Scan(&failures)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, 0, "login.failed."+reason, strings.ToLower(email), now)
	})
	if err != nil {
		return 0, fmt.Errorf("store: record login failure: %w", err)
	}
	return failures, nil
}

// ClearLoginFailures forgets an address's failures after a good login.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM staff_login_failures WHERE key = ?`, loginKey(email)); err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}
