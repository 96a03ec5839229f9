package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AuditEntry is one staff action: who did what to which target, when.
type AuditEntry struct {
	ID     int64
	Email  string // the member; "" for the command line
	Action string // a code such as "report.spam" or "warning.publish"
	Target string // what it was done to, e.g. a report or warning id
	At     time.Time
}

// auditTx records an action in the transaction that performs it, so an
// action and its record are kept or lost together. by 0 is the command line.
func auditTx(ctx context.Context, tx *sql.Tx, by int64, action, target string, now time.Time) error {
	var who sql.NullInt64
	if by > 0 {
		who = sql.NullInt64{Int64: by, Valid: true}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO staff_audit (staff_id, action, target, at) VALUES (?, ?, ?, ?)`,
		who, action, target, staffStamp(now))
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// Audit records an action that changes nothing else, such as an export.
func (s *Store) Audit(ctx context.Context, by int64, action, target string, now time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return auditTx(ctx, tx, by, action, target, now) })
}

const listAudit = `SELECT a.id, COALESCE(s.email, ''), a.action, a.target, a.at
	FROM staff_audit a LEFT JOIN staff s ON s.id = a.staff_id ORDER BY a.id DESC LIMIT ? OFFSET ?`

// ListAudit returns a page of the audit log, newest first, and the number
// of entries in all.
func (s *Store) ListAudit(ctx context.Context, offset, limit int) ([]AuditEntry, int, error) {
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM staff_audit`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count audit: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, listAudit, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at sql.NullString
		if err := rows.Scan(&e.ID, &e.Email, &e.Action, &e.Target, &at); err != nil {
			return nil, 0, fmt.Errorf("store: list audit: %w", err)
		}
		e.At = parseStaffStamp(at)
		out = append(out, e)
	}
	return out, total, rows.Err()
}
