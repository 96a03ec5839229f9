package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// YearMonth is a calendar month written as year*100 + month, e.g. 202603 for
// March 2026: the period of the report statistics (the month the incident
// happened, as the reporter gave it).
type YearMonth int

// MakeYearMonth gives the YearMonth of a year and month.
func MakeYearMonth(year int, m time.Month) YearMonth { return YearMonth(year*100 + int(m)) }

// Year is the month's year.
func (ym YearMonth) Year() int { return int(ym) / 100 }

// Month is the month of the year.
func (ym YearMonth) Month() time.Month { return time.Month(int(ym) % 100) }

// Valid reports whether ym is a real month between the years 1 and 9999.
func (ym YearMonth) Valid() bool {
	return ym.Year() >= 1 && ym.Year() <= 9999 && ym.Month() >= time.January && ym.Month() <= time.December
}

// Next is the month after ym.
func (ym YearMonth) Next() YearMonth {
	if ym.Month() == time.December {
		return MakeYearMonth(ym.Year()+1, time.January)
	}
	return ym + 1
}

// String writes the month as in URLs and downloads: "2026-03".
func (ym YearMonth) String() string { return fmt.Sprintf("%04d-%02d", ym.Year(), int(ym.Month())) }

// ParseYearMonth reads "2026-03". Anything else, including a month 13, is
// an error.
func ParseYearMonth(s string) (YearMonth, error) {
	bad := len(s) != 7 || s[4] != '-'
	for i := 0; i < len(s) && !bad; i++ {
		bad = i != 4 && (s[i] < '0' || s[i] > '9')
	}
	if !bad {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[5:])
		if ym := MakeYearMonth(y, time.Month(m)); ym.Valid() {
			return ym, nil
		}
	}
	return 0, fmt.Errorf("month %q is not YYYY-MM", s)
}

// Breakdowns of the report statistics: the report field each one counts by.
const (
	DimIncident = "incident"
	DimVictim   = "victim"
	DimChannel  = "channel"
	DimLoss     = "loss"
	DimPolice   = "police"
)

// StatsFilter selects the reports a statistic counts. An empty Victim or
// Incident means any.
type StatsFilter struct {
	From, To YearMonth // inclusive
	Victim   string
	Incident string
}

// anyCode is how report_stats writes "any value" for a filter.
const anyCode = "*"

func (f StatsFilter) keys() (victim, incident string) {
	victim, incident = f.Victim, f.Incident
	if victim == "" {
		victim = anyCode
	}
	if incident == "" {
		incident = anyCode
	}
	return victim, incident
}

// ReportStats are the counts of the reports that count (not spam, not
// hidden) for one filter. Codes without reports are absent: a caller that
// publishes them lists every code it knows and reads 0.
type ReportStats struct {
	By      map[string]map[string]int // breakdown (DimIncident...) -> code -> reports
	ByMonth map[YearMonth]int         // reports per month; months without reports are absent
	Total   int

	// The sums of the reports' record keys of each of the counts above,
	// for the cell-key method (charts.KeyOf, charts.Perturb).
	KeyBy      map[string]map[string]int64
	KeyByMonth map[YearMonth]int64
	KeyTotal   int64
}

// The two queries read only the rows of one filter combination, in primary
// key order, so SQLite groups without sorting: months × codes rows.
// %[1]s is the table: report_stats (live) or report_stats_released.
const (
	statsByDimSQL = `SELECT dim, value, SUM(n), SUM(k) FROM %[1]s
		WHERE victim = ? AND incident = ? AND dim IN ('incident', 'victim', 'channel', 'loss', 'police')
		AND ym BETWEEN ? AND ? GROUP BY dim, value`
	statsByMonthSQL = `SELECT ym, n, k FROM %[1]s
		WHERE victim = ? AND incident = ? AND dim = 'total' AND value = '' AND ym BETWEEN ? AND ? AND n > 0`
)

// ReportStats counts the reports that match f, by every breakdown and by
// month, as they are now: for staff.
func (s *Store) ReportStats(ctx context.Context, f StatsFilter) (ReportStats, error) {
	return s.reportStats(ctx, "report_stats", f)
}

// ReleasedReportStats is ReportStats as of the last release: for the public.
func (s *Store) ReleasedReportStats(ctx context.Context, f StatsFilter) (ReportStats, error) {
	return s.reportStats(ctx, "report_stats_released", f)
}

func (s *Store) reportStats(ctx context.Context, table string, f StatsFilter) (ReportStats, error) {
	if !f.From.Valid() || !f.To.Valid() {
		return ReportStats{}, fmt.Errorf("store: report statistics: invalid period %d to %d", f.From, f.To)
	}
	victim, incident := f.keys()
	st := ReportStats{By: map[string]map[string]int{}, ByMonth: map[YearMonth]int{},
		KeyBy: map[string]map[string]int64{}, KeyByMonth: map[YearMonth]int64{}}
	// One read transaction, so both queries see the same snapshot and the
	// months add up to the breakdowns even while reports come in.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ReportStats{}, fmt.Errorf("store: report statistics: %w", err)
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, fmt.Sprintf(statsByDimSQL, table), victim, incident, f.From, f.To)
	if err != nil {
		return ReportStats{}, fmt.Errorf("store: report statistics: %w", err)
	}
	for rows.Next() {
		var dim, value string
		var n int
		var k int64
		if err := rows.Scan(&dim, &value, &n, &k); err != nil {
			rows.Close()
			return ReportStats{}, fmt.Errorf("store: report statistics: %w", err)
		}
		if st.By[dim] == nil {
			st.By[dim], st.KeyBy[dim] = map[string]int{}, map[string]int64{}
		}
		st.By[dim][value], st.KeyBy[dim][value] = n, k
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return ReportStats{}, fmt.Errorf("store: report statistics: %w", err)
	}

	rows, err = tx.QueryContext(ctx, fmt.Sprintf(statsByMonthSQL, table), victim, incident, f.From, f.To)
	if err != nil {
		return ReportStats{}, fmt.Errorf("store: reports per month: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ym YearMonth
		var n int
		var k int64
		if err := rows.Scan(&ym, &n, &k); err != nil {
			return ReportStats{}, fmt.Errorf("store: reports per month: %w", err)
		}
		st.ByMonth[ym], st.KeyByMonth[ym] = n, k
		st.Total += n
		st.KeyTotal += k
	}
	if err := rows.Err(); err != nil {
		return ReportStats{}, fmt.Errorf("store: reports per month: %w", err)
	}
	return st, nil
}

const reportMonthsSQL = `SELECT MIN(ym), MAX(ym) FROM %s
	WHERE victim = '*' AND incident = '*' AND dim = 'total' AND value = '' AND n > 0`

// ReportMonths gives the first and last month with reports that count, or
// ErrNotFound when there are none.
func (s *Store) ReportMonths(ctx context.Context) (first, last YearMonth, err error) {
	return s.reportMonths(ctx, "report_stats")
}

// ReleasedReportMonths is ReportMonths as of the last release.
func (s *Store) ReleasedReportMonths(ctx context.Context) (first, last YearMonth, err error) {
	return s.reportMonths(ctx, "report_stats_released")
}

func (s *Store) reportMonths(ctx context.Context, table string) (first, last YearMonth, err error) {
	var lo, hi sql.NullInt64
	if err := s.r.QueryRowContext(ctx, fmt.Sprintf(reportMonthsSQL, table)).Scan(&lo, &hi); err != nil {
		return 0, 0, fmt.Errorf("store: report months: %w", err)
	}
	if !lo.Valid {
		return 0, 0, fmt.Errorf("store: report months: %w", ErrNotFound)
	}
	return YearMonth(lo.Int64), YearMonth(hi.Int64), nil
}

const demoReportsSQL = `SELECT COALESCE(SUM(n), 0) FROM %s
	WHERE victim = '*' AND incident = '*' AND dim = 'demo' AND value = ''`

// DemoReports counts the synthetic demo reports (seed-demo) among the reports
// that count, so the statistics can say they hold demo data.
func (s *Store) DemoReports(ctx context.Context) (int, error) {
	return s.demoReports(ctx, "report_stats")
}

// ReleasedDemoReports is DemoReports as of the last release.
func (s *Store) ReleasedDemoReports(ctx context.Context) (int, error) {
	return s.demoReports(ctx, "report_stats_released")
}

func (s *Store) demoReports(ctx context.Context, table string) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, fmt.Sprintf(demoReportsSQL, table)).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: demo reports: %w", err)
	}
	return n, nil
}

const statsVersionSQL = `SELECT version FROM stats_version WHERE id = 1`

// StatsVersion changes (in this process or any other writing the same file)
// whenever a report that counts or a safety-monitor figure changes, so a
// caller can keep what it built from the statistics until then.
func (s *Store) StatsVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.r.QueryRowContext(ctx, statsVersionSQL).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: statistics version: %w", err)
	}
	return v, nil
}
