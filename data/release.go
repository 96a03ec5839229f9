package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Published statistics change only in releases (migration 0006): a released
// table's live counts are copied to its published copy at most once per
// interval, and only when enough changes came in since the last release,
// so that two snapshots of the public numbers never differ by one report.
// The state lives in the database, so a restart cannot force a release.

// The releases: of the report statistics (report_stats) and of the shared
// self-check answers (selfcheck_stats, migration 0011).
const (
	ReleaseReports   = "reports"
	ReleaseSelfCheck = "selfcheck"
)

// releasedTables gives, per release, its live table and its published copy,
// which have the same columns (n being the count). Another count table that
// must follow the same rules adds its pair here, its row to stats_releases
// and a trigger that adds 1 to pending for every change; the hourly job then
// releases it too (Releases).
var releasedTables = map[string]struct{ live, published string }{
	ReleaseReports:   {"report_stats", "report_stats_released"},
	ReleaseSelfCheck: {"selfcheck_stats", "selfcheck_stats_released"},
}

// Releases lists the names of every released table, sorted, so that the
// job that checks whether a release is due checks them all.
func Releases() []string {
	names := make([]string, 0, len(releasedTables))
	for name := range releasedTables {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// ReleaseRule says when a table may be released again. Releases happen in
// the first hour of a day only (in now's time zone): released whenever
// enough changes came in, the moment of a release would tell that the
// last of them came in during the hour before it. The first release,
// when there has been none, may happen at any hour.
type ReleaseRule struct {
	Interval   time.Duration // whole days (rounded up) since the day of the last release
	MinChanges int           // and at least this many changes since it
}

// days is the interval in whole days, at least 1.
func (rule ReleaseRule) days() int {
	return max(1, int((rule.Interval+24*time.Hour-1)/(24*time.Hour)))
}

// Release is the state of a released table.
type Release struct {
	Day     time.Time // the day of the last release (midnight UTC of that date); zero before the first
	Version int64     // grows with every release
	Pending int       // changes since the last release
}

// Due says whether r may be released at now under rule.
func (r Release) Due(now time.Time, rule ReleaseRule) bool {
	if r.Pending < rule.MinChanges {
		return false
	}
	if r.Day.IsZero() {
		return true
	}
	return now.Hour() == 0 && !releaseDay(now).Before(r.Day.AddDate(0, 0, rule.days()))
}

// releaseDay is now's date, as Release.Day holds it.
func releaseDay(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

const releaseStateSQL = `SELECT released_on, version, pending FROM stats_releases WHERE name = ?`

// ReleaseState reads the state of the release name.
func (s *Store) ReleaseState(ctx context.Context, name string) (Release, error) {
	return releaseState(ctx, s.r, name)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func releaseState(ctx context.Context, db queryer, name string) (Release, error) {
	var r Release
	var at string
	err := db.QueryRowContext(ctx, releaseStateSQL, name).Scan(&at, &r.Version, &r.Pending)
	if errors.Is(err, sql.ErrNoRows) {
		return Release{}, fmt.Errorf("store: release %q: %w", name, ErrNotFound)
	}
	if err != nil {
		return Release{}, fmt.Errorf("store: release %q: %w", name, err)
	}
	if at != "" {
		if r.Day, err = time.Parse(time.DateOnly, at); err != nil {
			return Release{}, fmt.Errorf("store: release %q: %w", name, err)
		}
	}
	return r, nil
}

// MaybeRelease publishes the live counts of release name when rule allows
// it at now (give now in the portal's time zone: the day and hour count),
// or always when force is set (for tests and a first start
// with demo data), and says whether it did. Check and copy are one
// transaction, so two processes cannot release twice.
func (s *Store) MaybeRelease(ctx context.Context, name string, now time.Time, rule ReleaseRule, force bool) (bool, error) {
	tables, ok := releasedTables[name]
	if !ok {
		return false, fmt.Errorf("store: release %q: %w", name, ErrNotFound)
	}
	released := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := releaseState(ctx, tx, name)
		if err != nil {
			return err
		}
		if !force && !r.Due(now, rule) {
			return nil
		}
		for _, q := range []string{
			`DELETE FROM ` + tables.published,
			`INSERT INTO ` + tables.published + ` SELECT * FROM ` + tables.live + ` WHERE n <> 0`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE stats_releases SET released_on = ?, version = version + 1, pending = 0
			WHERE name = ?`, releaseDay(now).Format(time.DateOnly), name)
		released = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: release %q: %w", name, err)
	}
	return released, nil
}

// PublishedVersion changes whenever a published statistic may have: at
// every release and every change of the safety-monitor figures, never with
// a single report. Caches of public pages follow it, so that how fast a
// page comes says nothing about a new report either.
func (s *Store) PublishedVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.r.QueryRowContext(ctx, `SELECT COALESCE(SUM(version), 0) FROM stats_releases`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: published version: %w", err)
	}
	return v, nil
}
