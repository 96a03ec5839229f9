package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Warning statuses.
const (
	WarningDraft     = "draft"
	WarningPublished = "published"
	WarningWithdrawn = "withdrawn"
)

// ErrWarningIncomplete is returned when a warning would be public while its
// title or text is missing in a language.
var ErrWarningIncomplete = errors.New("the warning is not written in every language")

// Warning is a warning for the public about a scam that is going round, in
// every language, written in Markdown by an editor.
type Warning struct {
	ID          int64
	Texts       map[string]WarningText // by language
	Article     string                 // slug of an advice article, or ""
	Status      string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time // zero until published
	Version     int       // grows with every change
}

// WarningText is a warning's title and Markdown body in one language.
type WarningText struct {
	Title, Body string
}

// Missing returns the languages of langs in which the title or body is empty.
func (w *Warning) Missing(langs []string) []string {
	var out []string
	for _, l := range langs {
		t := w.Texts[l]
		if strings.TrimSpace(t.Title) == "" || strings.TrimSpace(t.Body) == "" {
			out = append(out, l)
		}
	}
	return out
}

func warningTarget(id int64) string { return strconv.FormatInt(id, 10) }

// OnWarningsChange registers f to run after every committed change to a
// warning, so that pages showing warnings can be dropped from a cache. Call
// it before the store is used.
func (s *Store) OnWarningsChange(f func()) { s.onWarnings = f }

func (s *Store) warningsChanged() {
	if s.onWarnings != nil {
		s.onWarnings()
	}
}

// CreateWarning stores a new draft and returns its id.
func (s *Store) CreateWarning(ctx context.Context, w *Warning, by int64, now time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stamp := staffStamp(now)
		var who sql.NullInt64
		if by > 0 {
			who = sql.NullInt64{Int64: by, Valid: true}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO warnings (article, status, created_by, created_at, updated_at) VALUES (?, 'draft', ?, ?, ?)`,
			w.Article, who, stamp, stamp)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := saveWarningTexts(ctx, tx, id, w.Texts); err != nil {
			return err
		}
		return auditTx(ctx, tx, by, "warning.create", warningTarget(id), now)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create warning: %w", err)
	}
	return id, nil
}

func saveWarningTexts(ctx context.Context, tx *sql.Tx, id int64, texts map[string]WarningText) error {
	for lang, t := range texts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO warning_texts (warning_id, lang, title, body) VALUES (?, ?, ?, ?)
			ON CONFLICT (warning_id, lang) DO UPDATE SET title = excluded.title, body = excluded.body`, id, lang, t.Title, t.Body); err != nil {
			return err
		}
	}
	return nil
}

// UpdateWarning saves new texts and article link. A published warning must
// stay complete in langs, or ErrWarningIncomplete is returned.
func (s *Store) UpdateWarning(ctx context.Context, w *Warning, langs []string, by int64, now time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM warnings WHERE id = ?`, w.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if status == WarningPublished && len(w.Missing(langs)) > 0 {
			return ErrWarningIncomplete
		}
		if _, err := tx.ExecContext(ctx, `UPDATE warnings SET article = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			w.Article, staffStamp(now), w.ID); err != nil {
			return err
		}
		if err := saveWarningTexts(ctx, tx, w.ID, w.Texts); err != nil {
			return err
		}
		return auditTx(ctx, tx, by, "warning.update", warningTarget(w.ID), now)
	})
	if err != nil {
		return fmt.Errorf("store: update warning %d: %w", w.ID, err)
	}
	s.warningsChanged()
	return nil
}

// PublishWarning makes a warning public, if it is complete in langs. A
// warning published again after a withdrawal counts as new from now.
func (s *Store) PublishWarning(ctx context.Context, id int64, langs []string, by int64, now time.Time) error {
	w, err := s.Warning(ctx, id)
	if err != nil {
		return err
	}
	if len(w.Missing(langs)) > 0 {
		return fmt.Errorf("store: publish warning %d: %w", id, ErrWarningIncomplete)
	}
	if w.Status == WarningPublished {
		return nil
	}
	return s.setWarningStatus(ctx, id, w.Version, WarningPublished, "warning.publish", by, now)
}

// WithdrawWarning takes a published warning off the public pages.
func (s *Store) WithdrawWarning(ctx context.Context, id int64, by int64, now time.Time) error {
	w, err := s.Warning(ctx, id)
	if err != nil {
		return err
	}
	if w.Status != WarningPublished {
		return nil
	}
	return s.setWarningStatus(ctx, id, w.Version, WarningWithdrawn, "warning.withdraw", by, now)
}

// setWarningStatus changes the status if the warning is still the version
// that was checked, so an edit in between cannot publish unchecked text.
func (s *Store) setWarningStatus(ctx context.Context, id int64, version int, status, action string, by int64, now time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stamp := staffStamp(now)
		q := `UPDATE warnings SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`
		args := []any{status, stamp, id, version}
		if status == WarningPublished {
			q = `UPDATE warnings SET status = ?, updated_at = ?, published_at = ?, version = version + 1 WHERE id = ? AND version = ?`
			args = []any{status, stamp, stamp, id, version}
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errors.New("the warning was changed meanwhile")
		}
		return auditTx(ctx, tx, by, action, warningTarget(id), now)
	})
	if err != nil {
		return fmt.Errorf("store: %s %d: %w", action, id, err)
	}
	s.warningsChanged()
	return nil
}

const warningColumns = `id, article, status, created_at, updated_at, published_at, version`

// Warning returns one warning with its texts.
func (s *Store) Warning(ctx context.Context, id int64) (*Warning, error) {
	ws, err := s.queryWarnings(ctx, `SELECT `+warningColumns+` FROM warnings WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ws) == 0 {
		return nil, fmt.Errorf("store: warning %d: %w", id, ErrNotFound)
	}
	return ws[0], nil
}

// ListWarnings returns every warning, the last changed first, for editors.
func (s *Store) ListWarnings(ctx context.Context) ([]*Warning, error) {
	return s.queryWarnings(ctx, `SELECT `+warningColumns+` FROM warnings ORDER BY updated_at DESC, id DESC`)
}

// PublishedWarnings returns up to limit published warnings, newest first.
func (s *Store) PublishedWarnings(ctx context.Context, limit int) ([]*Warning, error) {
	return s.queryWarnings(ctx, `SELECT `+warningColumns+` FROM warnings WHERE status = 'published'
		ORDER BY published_at DESC, id DESC LIMIT ?`, limit)
}

func (s *Store) queryWarnings(ctx context.Context, query string, args ...any) ([]*Warning, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: warnings: %w", err)
	}
	defer rows.Close()
	var out []*Warning
	byID := map[int64]*Warning{}
	var ids []any
	for rows.Next() {
		w := &Warning{Texts: map[string]WarningText{}}
		var created, updated, published sql.NullString
		if err := rows.Scan(&w.ID, &w.Article, &w.Status, &created, &updated, &published, &w.Version); err != nil {
			return nil, fmt.Errorf("store: warnings: %w", err)
		}
		w.CreatedAt, w.UpdatedAt, w.PublishedAt = parseStaffStamp(created), parseStaffStamp(updated), parseStaffStamp(published)
		out = append(out, w)
		byID[w.ID] = w
		ids = append(ids, w.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: warnings: %w", err)
	}
	rows.Close()
	if len(ids) == 0 {
		return out, nil
	}
	q := `SELECT warning_id, lang, title, body FROM warning_texts WHERE warning_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `)`
	trows, err := s.r.QueryContext(ctx, q, ids...)
	if err != nil {
		return nil, fmt.Errorf("store: warning texts: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var id int64
		var lang string
		var t WarningText
		if err := trows.Scan(&id, &lang, &t.Title, &t.Body); err != nil {
			return nil, fmt.Errorf("store: warning texts: %w", err)
		}
		byID[id].Texts[lang] = t
	}
	return out, trows.Err()
}
