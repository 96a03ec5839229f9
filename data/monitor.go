package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"cyberportal/data/monitor"
)

const monitorSeriesSQL = `SELECT area, area_kind, indicator, series, year, value, lower, upper, unit, source
	FROM monitor_series ORDER BY indicator, area, year`

// MonitorSeries gives every safety-monitor figure, by indicator, area and year.
func (s *Store) MonitorSeries(ctx context.Context) ([]monitor.Value, error) {
	return s.monitorValues(ctx, "monitor series", monitorSeriesSQL)
}

const monitorSeriesInSQL = `SELECT m.area, m.area_kind, m.indicator, m.series, m.year, m.value, m.lower, m.upper, m.unit,
	COALESCE(t.text, m.source)
	FROM monitor_series m LEFT JOIN monitor_source_text t ON t.source = m.source AND t.lang = ?
	ORDER BY m.indicator, m.area, m.year`

// MonitorSeriesIn is MonitorSeries with each source in lang, where the
// source has words in that language (monitor_source_text, migrations 0007
// and 0009); an imported source without them is given as imported.
func (s *Store) MonitorSeriesIn(ctx context.Context, lang string) ([]monitor.Value, error) {
	return s.monitorValues(ctx, "monitor series in "+lang, monitorSeriesInSQL, lang)
}

// monitorValues runs a query that selects area, area_kind, indicator,
// series, year, value, lower, upper, unit and source.
func (s *Store) monitorValues(ctx context.Context, what, query string, args ...any) ([]monitor.Value, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []monitor.Value
	for rows.Next() {
		var v monitor.Value
		var lower, upper sql.NullFloat64
		if err := rows.Scan(&v.Area, &v.AreaKind, &v.Indicator, &v.Series, &v.Year, &v.Value, &lower, &upper, &v.Unit, &v.Source); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		if lower.Valid && upper.Valid {
			v.Lower, v.Upper = &lower.Float64, &upper.Float64
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// ImportResult says what an import changed.
type ImportResult struct {
	Inserted, Updated, Unchanged int
}

const (
	monitorAreasSQL  = `SELECT DISTINCT area FROM monitor_series`
	monitorGetSQL    = `SELECT area_kind, series, value, lower, upper, unit, source FROM monitor_series WHERE area = ? AND indicator = ? AND year = ?`
	monitorInsertSQL = `INSERT INTO monitor_series (area, area_kind, indicator, series, year, value, lower, upper, unit, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	monitorUpdateSQL = `UPDATE monitor_series SET area_kind = ?, series = ?, value = ?, lower = ?, upper = ?, unit = ?, source = ?
		WHERE area = ? AND indicator = ? AND year = ?`
)

// ImportMonitor stores figures from monitor.ParseCSV in one transaction: new
// ones are added, changed ones replaced, the same ones left alone, so
// importing a file twice changes nothing. An area spelled differently from
// one already stored ("maastricht" for "Maastricht") is refused, since both
// would be one series.
func (s *Store) ImportMonitor(ctx context.Context, values []monitor.Value) (ImportResult, error) {
	var res ImportResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stored := map[string]string{} // AreaKey -> spelling
		rows, err := tx.QueryContext(ctx, monitorAreasSQL)
		if err != nil {
			return err
		}
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				rows.Close()
				return err
			}
			stored[monitor.AreaKey(a)] = a
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		for _, v := range values {
			if v.Series == "" {
				v.Series = monitor.DefaultSeries(v.Year)
			}
			if v.AreaKind == "" {
				v.AreaKind = monitor.DefaultAreaKind(v.Area)
			}
			if have, ok := stored[monitor.AreaKey(v.Area)]; ok && have != v.Area {
				return fmt.Errorf("area %q is stored as %q: use that spelling", v.Area, have)
			}
			old := monitor.Value{Area: v.Area, Indicator: v.Indicator, Year: v.Year}
			var lower, upper sql.NullFloat64
			err := tx.QueryRowContext(ctx, monitorGetSQL, v.Area, v.Indicator, v.Year).
				Scan(&old.AreaKind, &old.Series, &old.Value, &lower, &upper, &old.Unit, &old.Source)
			if lower.Valid && upper.Valid {
				old.Lower, old.Upper = &lower.Float64, &upper.Float64
			}
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if _, err := tx.ExecContext(ctx, monitorInsertSQL, v.Area, v.AreaKind, v.Indicator, v.Series, v.Year,
					v.Value, v.Lower, v.Upper, v.Unit, v.Source); err != nil {
					return err
				}
				res.Inserted++
			case err != nil:
				return err
			case monitor.Same(old, v):
				res.Unchanged++
			default:
				if _, err := tx.ExecContext(ctx, monitorUpdateSQL, v.AreaKind, v.Series, v.Value, v.Lower, v.Upper, v.Unit, v.Source,
					v.Area, v.Indicator, v.Year); err != nil {
					return err
				}
				res.Updated++
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, fmt.Errorf("store: import monitor series: %w", err)
	}
	return res, nil
}
