package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"cyberportal/data/monitor"
)

const monitorSeriesSQL = `SELECT area, indicator, year, value, unit, source FROM monitor_series
	ORDER BY indicator, area, year`

// MonitorSeries gives every safety-monitor figure, by indicator, area and year.
func (s *Store) MonitorSeries(ctx context.Context) ([]monitor.Value, error) {
	return s.monitorValues(ctx, "monitor series", monitorSeriesSQL)
}

const monitorSeriesInSQL = `SELECT m.area, m.indicator, m.year, m.value, m.unit, COALESCE(t.text, m.source)
	FROM monitor_series m LEFT JOIN monitor_source_text t ON t.source = m.source AND t.lang = ?
	ORDER BY m.indicator, m.area, m.year`

// MonitorSeriesIn is MonitorSeries with each source in lang, where the
// source has words in that language (monitor_source_text, migration 0007);
// an imported source without them is given as imported.
func (s *Store) MonitorSeriesIn(ctx context.Context, lang string) ([]monitor.Value, error) {
	return s.monitorValues(ctx, "monitor series in "+lang, monitorSeriesInSQL, lang)
}

// monitorValues runs a query that selects area, indicator, year, value,
// unit and source.
func (s *Store) monitorValues(ctx context.Context, what, query string, args ...any) ([]monitor.Value, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []monitor.Value
	for rows.Next() {
		var v monitor.Value
		if err := rows.Scan(&v.Area, &v.Indicator, &v.Year, &v.Value, &v.Unit, &v.Source); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
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
	monitorGetSQL    = `SELECT value, unit, source FROM monitor_series WHERE area = ? AND indicator = ? AND year = ?`
	monitorInsertSQL = `INSERT INTO monitor_series (area, indicator, year, value, unit, source) VALUES (?, ?, ?, ?, ?, ?)`
	monitorUpdateSQL = `UPDATE monitor_series SET value = ?, unit = ?, source = ? WHERE area = ? AND indicator = ? AND year = ?`
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
			if have, ok := stored[monitor.AreaKey(v.Area)]; ok && have != v.Area {
				return fmt.Errorf("area %q is stored as %q: use that spelling", v.Area, have)
			}
			var old monitor.Value
			err := tx.QueryRowContext(ctx, monitorGetSQL, v.Area, v.Indicator, v.Year).Scan(&old.Value, &old.Unit, &old.Source)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if _, err := tx.ExecContext(ctx, monitorInsertSQL, v.Area, v.Indicator, v.Year, v.Value, v.Unit, v.Source); err != nil {
					return err
				}
				res.Inserted++
			case err != nil:
				return err
			case old.Value == v.Value && old.Unit == v.Unit && old.Source == v.Source:
				res.Unchanged++
			default:
				if _, err := tx.ExecContext(ctx, monitorUpdateSQL, v.Value, v.Unit, v.Source, v.Area, v.Indicator, v.Year); err != nil {
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
