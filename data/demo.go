package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"cyberportal/data/demo"
)

const demoInsertSQL = `INSERT INTO reports (id, receipt_hash, lang, week, victim, company_size, sector, incident, channel,
	incident_year, incident_month, municipality, loss, recovered, ransom_paid, police, description, status, demo)
	VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, 1) ON CONFLICT DO NOTHING`

// demoBatch is how many reports one transaction writes: big enough that the
// fsync per commit does not matter, small enough to keep the WAL in check.
const demoBatch = 20_000

// AddDemoReports stores reports as demo data, in transactions of demoBatch,
// with the rest of each report drawn at random (demo.Complete).
func (s *Store) AddDemoReports(ctx context.Context, reports []demo.Report) error {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for start := 0; start < len(reports); start += demoBatch {
		batch := reports[start:min(start+demoBatch, len(reports))]
		rows := make([]demo.Row, len(batch))
		for i, r := range batch {
			rows[i] = demo.Complete(rng, r)
		}
		if err := s.insertDemo(ctx, rows); err != nil {
			return err
		}
	}
	return nil
}

// SeedDemo fills the database with n reports from demo.New(opt), as demo
// data; progress, when not nil, hears how many are stored after each batch.
func (s *Store) SeedDemo(ctx context.Context, n int, opt demo.Options, progress func(done int)) error {
	if n < 0 {
		return fmt.Errorf("store: seed demo: negative number of reports %d", n)
	}
	g := demo.New(opt)
	for done := 0; done < n; {
		rows := g.Rows(min(demoBatch, n-done))
		if err := s.insertDemo(ctx, rows); err != nil {
			return err
		}
		done += len(rows)
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

func (s *Store) insertDemo(ctx context.Context, rows []demo.Row) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, demoInsertSQL)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := s.insertWithRandomID(ctx, stmt, nil, r.Hash, r.Lang, r.Week, r.Victim, r.CompanySize, r.Incident,
				r.Channel, r.Year, int(r.Month), r.Municipality, r.Loss, r.Recovered, r.RansomPaid, r.Police, r.Status); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add demo reports: %w", err)
	}
	return nil
}
