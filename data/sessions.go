package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SessionLimits are a staff session's timeouts.
type SessionLimits struct {
	Idle time.Duration // ends after this long without a request
	Max  time.Duration // ends this long after login, however busy
}

// StaffSession is a logged-in staff member's session.
type StaffSession struct {
	Member    *StaffMember
	CreatedAt time.Time
	SeenAt    time.Time
}

// touchEvery limits writes: a session's last-seen time is only moved when it
// is older than this, which is precise enough for a 30-minute idle timeout.
const touchEvery = time.Minute

// StartSession creates a session for an active member, records the login,
// and returns the token for the cookie. Only the token's hash is stored.
func (s *Store) StartSession(ctx context.Context, staffID int64, now time.Time) (string, error) {
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		stamp := staffStamp(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO staff_sessions (token_hash, staff_id, created_at, seen_at) VALUES (?, ?, ?, ?)`,
			hash, staffID, stamp, stamp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET last_login = ? WHERE id = ?`, stamp, staffID); err != nil {
			return err
		}
		return auditTx(ctx, tx, staffID, "login", "", now)
	})
	if err != nil {
		return "", fmt.Errorf("store: start session: %w", err)
	}
	return token, nil
}

const sessionByHash = `SELECT staff_sessions.created_at, seen_at, ` + staffColumns + `
	FROM staff_sessions JOIN staff ON staff.id = staff_sessions.staff_id WHERE token_hash = ?`

// ResumeSession returns the session for a cookie's token if it is still
// valid: its member active, not idle longer than lim.Idle and not older than
// lim.Max. An expired session is deleted; an unknown or expired one gives
// ErrNotFound.
func (s *Store) ResumeSession(ctx context.Context, token string, now time.Time, lim SessionLimits) (*StaffSession, error) {
	hash := tokenHash(token)
	var created, seen sql.NullString
	m, err := s.scanStaff(s.r.QueryRowContext(ctx, sessionByHash, hash), &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: session: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	sess := &StaffSession{Member: m, CreatedAt: parseStaffStamp(created), SeenAt: parseStaffStamp(seen)}
	if m.Status != StaffActive || !now.Before(sess.CreatedAt.Add(lim.Max)) || !now.Before(sess.SeenAt.Add(lim.Idle)) {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM staff_sessions WHERE token_hash = ?`, hash); err != nil {
			return nil, fmt.Errorf("store: end expired session: %w", err)
		}
		return nil, fmt.Errorf("store: session expired: %w", ErrNotFound)
	}
	if now.Sub(sess.SeenAt) >= touchEvery {
		if _, err := s.w.ExecContext(ctx, `UPDATE staff_sessions SET seen_at = ? WHERE token_hash = ?`, staffStamp(now), hash); err != nil {
			return nil, fmt.Errorf("store: touch session: %w", err)
		}
		sess.SeenAt = now
	}
	return sess, nil
}

// EndSession deletes the session of a token: logging out.
func (s *Store) EndSession(ctx context.Context, token string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var staffID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM staff_sessions WHERE token_hash = ? RETURNING staff_id`, tokenHash(token)).Scan(&staffID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: end session: %w", err)
		}
		return auditTx(ctx, tx, staffID, "logout", "", now)
	})
}

// PurgeSessions deletes every expired session, for the daily job.
func (s *Store) PurgeSessions(ctx context.Context, now time.Time, lim SessionLimits) (int64, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM staff_sessions WHERE created_at <= ? OR seen_at <= ?`,
		staffStamp(now.Add(-lim.Max)), staffStamp(now.Add(-lim.Idle)))
	if err != nil {
		return 0, fmt.Errorf("store: purge sessions: %w", err)
	}
	return res.RowsAffected()
}
