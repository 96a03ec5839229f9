package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"cyberportal/data/vocab"
	"cyberportal/i18n"

	"cyberportal/data/auth"
)

// The anonymous reports as their reporters see them: what a report holds,
// the fixed lists its answers come from, and what a reporter can do later
// with the receipt code (read, add an update, delete). Storing a new report
// goes through ReportQueue (batch.go), which commits many at once.

// FirstReportYear is the earliest year an incident may be reported for.
const FirstReportYear = 2000

// MaxReportText is the longest description or update, in runes, that a
// reporter may type; the anonymised text may differ slightly in length.
const MaxReportText = 5000

// MaxReportUpdates is how many updates one report can collect, so a receipt
// code cannot be used to fill the disk.
const MaxReportUpdates = 20

// ErrTooManyUpdates is returned when a report already has MaxReportUpdates.
var ErrTooManyUpdates = errors.New("report has the maximum number of updates")

// Report is an anonymous report: answers as codes, the reporter's language,
// the ISO week it was sent, and the anonymised description.
type Report struct {
	Lang          string
	Week          string
	Victim        string
	CompanySize   string // business only
	Sector        string // business only
	Incident      string
	Channel       string
	IncidentYear  int
	IncidentMonth int
	Municipality  string
	Loss          string
	Recovered     string // only when money was lost
	RansomPaid    string // only for ransomware and sextortion
	Police        string
	Description   string         // already anonymised
	Updates       []ReportUpdate // filled when read back
}

// ReportUpdate is text a reporter added later, anonymised the same way.
type ReportUpdate struct {
	Week, Body string
}

// Check is the store's own guard: every answer must be a code from its list
// and the answers must fit together. The web form checks the same with
// messages for people; this catches anything that bypasses it.
func (r *Report) Check() error {
	var errs []error
	in := func(l vocab.List, v string) {
		if !l.Has(v) {
			errs = append(errs, fmt.Errorf("%s %q is not a known code", l.Name(), v))
		}
	}
	only := func(l vocab.List, v string, asked bool) {
		if asked {
			in(l, v)
		} else if v != "" {
			errs = append(errs, fmt.Errorf("%s %q given where it is not asked", l.Name(), v))
		}
	}
	if !slices.Contains(i18n.Languages(), r.Lang) {
		errs = append(errs, fmt.Errorf("lang %q is not a known code", r.Lang))
	}
	in(vocab.Victim, r.Victim)
	only(vocab.CompanySize, r.CompanySize, r.Victim == "business")
	only(vocab.Sector, r.Sector, r.Victim == "business")
	in(vocab.Incident, r.Incident)
	in(vocab.Channel, r.Channel)
	in(vocab.Municipality, r.Municipality)
	in(vocab.Loss, r.Loss)
	only(vocab.Recovered, r.Recovered, r.Loss != "none")
	only(vocab.RansomPaid, r.RansomPaid, vocab.AsksRansom(r.Incident))
	in(vocab.Police, r.Police)
	if r.IncidentYear < FirstReportYear || r.IncidentYear > 9999 || r.IncidentMonth < 1 || r.IncidentMonth > 12 {
		errs = append(errs, fmt.Errorf("incident month %d-%d is out of range", r.IncidentYear, r.IncidentMonth))
	}
	if !vocab.IsWeek(r.Week) {
		errs = append(errs, fmt.Errorf("week %q is not an ISO week like 2026-W47", r.Week))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: report: %w", err)
	}
	return nil
}

const reportByHash = `SELECT id, lang, week, victim, company_size, sector, incident, channel, incident_year, incident_month,
	municipality, loss, recovered, ransom_paid, police, description FROM reports WHERE receipt_hash = ?`

const updatesOfReport = `SELECT week, body FROM report_updates WHERE report_id = ? ORDER BY seq`

// ReportByReceipt returns the report stored under code, as a person typed
// it, with its updates; ErrNotFound if there is none. A malformed code costs
// the same work as an unknown one (normalise, hash, one indexed lookup), so
// the answer's timing does not tell the two apart.
func (s *Store) ReportByReceipt(ctx context.Context, typed string) (*Report, error) {
	code, ok := auth.ParseReceiptCode(typed)
	r := &Report{}
	var id int64
	err := s.r.QueryRowContext(ctx, reportByHash, code.Hash()).Scan(&id, &r.Lang, &r.Week, &r.Victim, &r.CompanySize,
		&r.Sector, &r.Incident, &r.Channel, &r.IncidentYear, &r.IncidentMonth, &r.Municipality, &r.Loss, &r.Recovered,
		&r.RansomPaid, &r.Police, &r.Description)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !ok) {
		return nil, fmt.Errorf("store: report by receipt: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: report by receipt: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, updatesOfReport, id)
	if err != nil {
		return nil, fmt.Errorf("store: report updates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u ReportUpdate
		if err := rows.Scan(&u.Week, &u.Body); err != nil {
			return nil, fmt.Errorf("store: report updates: %w", err)
		}
		r.Updates = append(r.Updates, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: report updates: %w", err)
	}
	return r, nil
}

const (
	reportIDByHash = `SELECT id FROM reports WHERE receipt_hash = ?`
	updateState    = `SELECT COUNT(*), COALESCE((SELECT body FROM report_updates WHERE report_id = ?1 ORDER BY seq DESC LIMIT 1), '')
		FROM report_updates WHERE report_id = ?1`
	// seq, not the (random) id, keeps a report's updates in order.
	insertUpdate = `INSERT INTO report_updates (id, report_id, seq, week, body)
		SELECT ?1, ?2, COALESCE(MAX(seq), 0) + 1, ?3, ?4 FROM report_updates WHERE report_id = ?2 ON CONFLICT DO NOTHING`
)

// AddReportUpdate appends body, already anonymised, to the report stored
// under code. It returns false without adding anything when body repeats the
// last update, which is what a reloaded page sends again. ErrNotFound if the
// code is unknown, ErrTooManyUpdates if the report is full.
func (s *Store) AddReportUpdate(ctx context.Context, typed, week, body string) (bool, error) {
	code, ok := auth.ParseReceiptCode(typed)
	if !ok {
		return false, fmt.Errorf("store: add report update: %w", ErrNotFound)
	}
	if !vocab.IsWeek(week) || body == "" {
		return false, fmt.Errorf("store: add report update: week %q or empty body", week)
	}
	added := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, reportIDByHash, code.Hash()).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		var n int
		var last string
		if err := tx.QueryRowContext(ctx, updateState, id).Scan(&n, &last); err != nil {
			return err
		}
		if last == body {
			return nil
		}
		if n >= MaxReportUpdates {
			return ErrTooManyUpdates
		}
		stmt, err := tx.PrepareContext(ctx, insertUpdate)
		if err != nil {
			return err
		}
		defer stmt.Close()
		added, err = s.insertWithRandomID(ctx, stmt, nil, id, week, body)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: add report update: %w", err)
	}
	return added, nil
}

const deleteReport = `DELETE FROM reports WHERE receipt_hash = ?`

// DeleteReport removes the report stored under code and its updates for
// good (the updates go by ON DELETE CASCADE). ErrNotFound if there is none.
func (s *Store) DeleteReport(ctx context.Context, typed string) error {
	code, ok := auth.ParseReceiptCode(typed)
	if !ok {
		return fmt.Errorf("store: delete report: %w", ErrNotFound)
	}
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, deleteReport, code.Hash())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete report: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("store: delete report: %w", ErrNotFound)
	}
	return nil
}
