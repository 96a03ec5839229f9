package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"cyberportal/data/vocab"
)

// What staff do with reports: list, read, moderate, export, the retention
// job that erases old free text, and the trend alert. Only reports with
// status new or reviewed count in the statistics; spam and hidden ones leave
// them (the statistics' triggers follow the status column).

// ModerationStatuses are a report's statuses, in the order staff see them.
func ModerationStatuses() []string { return []string{"new", "reviewed", "spam", "hidden"} }

// ModerationFilter selects reports; empty fields select everything.
type ModerationFilter struct {
	From, To     string // ISO weeks such as 2026-W03, both included
	Incident     string
	Victim       string
	Municipality string
	Status       string
}

// where is the filter as SQL conditions on reports, with their arguments.
func (f ModerationFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond, v string) {
		if v != "" {
			conds = append(conds, cond)
			args = append(args, v)
		}
	}
	add("week >= ?", f.From)
	add("week <= ?", f.To)
	add("incident = ?", f.Incident)
	add("victim = ?", f.Victim)
	add("municipality = ?", f.Municipality)
	add("status = ?", f.Status)
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ModerationReport is a report as staff see it: every stored answer, its
// status and demo mark, never the receipt hash. Report's Updates are only
// filled by (*Store).ModerationReport.
type ModerationReport struct {
	ID int64
	Report
	Status string
	Demo   bool
}

const moderationColumns = `id, lang, week, victim, company_size, sector, incident, channel, incident_year, incident_month,
	municipality, loss, recovered, ransom_paid, police, description, status, demo`

func scanModeration(row interface{ Scan(...any) error }) (*ModerationReport, error) {
	var r ModerationReport
	err := row.Scan(&r.ID, &r.Lang, &r.Week, &r.Victim, &r.CompanySize, &r.Sector, &r.Incident, &r.Channel, &r.IncidentYear,
		&r.IncidentMonth, &r.Municipality, &r.Loss, &r.Recovered, &r.RansomPaid, &r.Police, &r.Description, &r.Status, &r.Demo)
	return &r, err
}

// ModerationReports returns a page of the reports that f selects, newest
// week first, and how many it selects in all.
func (s *Store) ModerationReports(ctx context.Context, f ModerationFilter, offset, limit int) ([]*ModerationReport, int, error) {
	where, args := f.where()
	var total int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count reports: %w", err)
	}
	var out []*ModerationReport
	err := s.eachModeration(ctx, `SELECT `+moderationColumns+` FROM reports`+where+` ORDER BY week DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, limit, offset), func(r *ModerationReport) error {
			out = append(out, r)
			return nil
		})
	return out, total, err
}

// ExportReports calls fn for every report f selects, newest week first,
// streaming them so an export of every report does not sit in memory.
func (s *Store) ExportReports(ctx context.Context, f ModerationFilter, fn func(*ModerationReport) error) error {
	where, args := f.where()
	return s.eachModeration(ctx, `SELECT `+moderationColumns+` FROM reports`+where+` ORDER BY week DESC, id DESC`, args, fn)
}

func (s *Store) eachModeration(ctx context.Context, query string, args []any, fn func(*ModerationReport) error) error {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanModeration(rows)
		if err != nil {
			return fmt.Errorf("store: reports: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reports: %w", err)
	}
	return nil
}

// ModerationReport returns one report with its updates.
func (s *Store) ModerationReport(ctx context.Context, id int64) (*ModerationReport, error) {
	r, err := scanModeration(s.r.QueryRowContext(ctx, `SELECT `+moderationColumns+` FROM reports WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: report %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: report %d: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, updatesOfReport, id)
	if err != nil {
		return nil, fmt.Errorf("store: report %d updates: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var u ReportUpdate
		if err := rows.Scan(&u.Week, &u.Body); err != nil {
			return nil, fmt.Errorf("store: report %d updates: %w", id, err)
		}
		r.Updates = append(r.Updates, u)
	}
	return r, rows.Err()
}

// SetReportStatus moderates a report: new, reviewed, spam or hidden. The
// action is audited as report.{status}; setting the status it has already
// changes nothing and records nothing.
func (s *Store) SetReportStatus(ctx context.Context, id int64, status string, by int64, now time.Time) error {
	valid := false
	for _, st := range ModerationStatuses() {
		valid = valid || st == status
	}
	if !valid {
		return fmt.Errorf("store: report status %q is not one of %v", status, ModerationStatuses())
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE reports SET status = ? WHERE id = ? AND status <> ?`, status, id, status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM reports WHERE id = ?`, id).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err // nil: the report has this status already
		}
		return auditTx(ctx, tx, by, "report."+status, strconv.FormatInt(id, 10), now)
	})
	if err != nil {
		return fmt.Errorf("store: set report %d status: %w", id, err)
	}
	return nil
}

// ReportMunicipalities returns the municipality codes that reports name,
// sorted, for the staff filter.
func (s *Store) ReportMunicipalities(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT municipality FROM reports ORDER BY municipality`)
	if err != nil {
		return nil, fmt.Errorf("store: municipalities: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, fmt.Errorf("store: municipalities: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ReportStatusCounts counts reports per status; every status is present.
func (s *Store) ReportStatusCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT status, COUNT(*) FROM reports GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("store: status counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for _, st := range ModerationStatuses() {
		out[st] = 0
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: status counts: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Retention is the outcome of one run of EraseOldReportText.
type Retention struct {
	Before  string // reports of weeks before this one were erased
	Reports int64  // descriptions erased
	Updates int64  // updates erased
}

// EraseOldReportText erases the free text (description and updates) of
// reports submitted more than months months before now; their coded answers
// stay for the statistics. Text that is already empty is not counted.
func (s *Store) EraseOldReportText(ctx context.Context, now time.Time, months int) (Retention, error) {
	r := Retention{Before: vocab.Week(now.AddDate(0, -months, 0))}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE reports SET description = '' WHERE week < ? AND description <> ''`, r.Before)
		if err != nil {
			return err
		}
		if r.Reports, err = res.RowsAffected(); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `UPDATE report_updates SET body = '' WHERE body <> ''
			AND report_id IN (SELECT id FROM reports WHERE week < ?)`, r.Before)
		if err != nil {
			return err
		}
		r.Updates, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return Retention{}, fmt.Errorf("store: erase old report text: %w", err)
	}
	return r, nil
}

// TrendWeeks is how many earlier weeks the trend alert compares with.
const TrendWeeks = 12

// TrendMinimum is the fewest reports in a week that can raise an alert, so
// that a quiet type going from 0 to 2 is not called a wave.
const TrendMinimum = 5

// TrendAlert is an incident type with clearly more reports this week than
// its usual weekly level.
type TrendAlert struct {
	Incident string
	Week     string  // this week
	Count    int     // reports this week
	Mean     float64 // mean per week over the TrendWeeks before
	SD       float64 // their standard deviation
}

// TrendAlerts finds the incident types whose count this week (the ISO week
// of now) is above the mean plus two standard deviations of the TrendWeeks
// weeks before it, and at least TrendMinimum. Only reports that count in
// the statistics (new, reviewed) count here. Most-reported first.
func (s *Store) TrendAlerts(ctx context.Context, now time.Time) ([]TrendAlert, error) {
	weeks := make([]string, TrendWeeks+1) // oldest first; the last is this week
	for i := range weeks {
		weeks[i] = vocab.Week(now.AddDate(0, 0, -7*(TrendWeeks-i)))
	}
	rows, err := s.r.QueryContext(ctx, `SELECT incident, week, COUNT(*) FROM reports
		WHERE week >= ? AND week <= ? AND status IN ('new', 'reviewed') GROUP BY incident, week`, weeks[0], weeks[TrendWeeks])
	if err != nil {
		return nil, fmt.Errorf("store: trend: %w", err)
	}
	defer rows.Close()
	index := map[string]int{}
	for i, w := range weeks {
		index[w] = i
	}
	counts := map[string][]int{}
	for rows.Next() {
		var incident, week string
		var n int
		if err := rows.Scan(&incident, &week, &n); err != nil {
			return nil, fmt.Errorf("store: trend: %w", err)
		}
		i, ok := index[week]
		if !ok {
			continue // a malformed week that sorts within the range
		}
		if counts[incident] == nil {
			counts[incident] = make([]int, TrendWeeks+1)
		}
		counts[incident][i] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: trend: %w", err)
	}
	alerts := trendAlerts(counts)
	for i := range alerts {
		alerts[i].Week = weeks[TrendWeeks]
	}
	return alerts, nil
}

// trendAlerts applies the rule to weekly counts per incident type, each
// TrendWeeks earlier weeks followed by this week. Weeks without reports are
// zeros, so they pull the mean down as they should.
func trendAlerts(counts map[string][]int) []TrendAlert {
	var out []TrendAlert
	for incident, c := range counts {
		if len(c) != TrendWeeks+1 {
			continue
		}
		var sum float64
		for _, n := range c[:TrendWeeks] {
			sum += float64(n)
		}
		mean := sum / TrendWeeks
		var sq float64
		for _, n := range c[:TrendWeeks] {
			sq += (float64(n) - mean) * (float64(n) - mean)
		}
		sd := math.Sqrt(sq / TrendWeeks)
		now := c[TrendWeeks]
		if now >= TrendMinimum && float64(now) > mean+2*sd {
			out = append(out, TrendAlert{Incident: incident, Count: now, Mean: mean, SD: sd})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Incident < out[j].Incident
	})
	return out
}
