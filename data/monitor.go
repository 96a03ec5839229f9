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
	rows, err := s.r.QueryContext(ctx, monitorSeriesSQL)
	if err != nil {
		return nil, fmt.Errorf("store: monitor series: %w", err)
	}
	defer rows.Close()
	var out []monitor.Value
	for rows.Next() {
		var v monitor.Value
		if err := rows.Scan(&v.Area, &v.Indicator, &v.Year, &v.Value, &v.Unit, &v.Source); err != nil {
			return nil, fmt.Errorf("store: monitor series: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: monitor series: %w", err)
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
