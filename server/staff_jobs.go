package server

import (
	"context"
	"time"

	"cyberportal/data"
)

// runDailyJobs runs the retention job, which erases the free text of old
// reports, and the purge of expired staff sessions: once at start-up and
// then every day, until ctx ends with the server.
func (s *Server) runDailyJobs(ctx context.Context) { runEvery(ctx, 24*time.Hour, s.dailyJobs) }

// runEvery runs jobs now and then every period until ctx ends.
func runEvery(ctx context.Context, period time.Duration, jobs func(context.Context)) {
	tick := time.NewTicker(period)
	defer tick.Stop()
	for {
		jobs(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// dailyJobs runs each job once and logs what it did; a failure is logged
// and tried again the next day.
func (s *Server) dailyJobs(ctx context.Context) {
	if s.store == nil {
		return
	}
	now := s.now()
	if r, err := s.store.EraseOldReportText(ctx, now, s.cfg.RetentionMonths); err != nil {
		s.log.Error("retention", "err", err)
	} else {
		s.log.Info("retention", "months", s.cfg.RetentionMonths, "before_week", r.Before, "reports", r.Reports, "updates", r.Updates)
		s.checkpoint(ctx, "retention")
	}
	if n, err := s.store.PurgeSessions(ctx, now, s.sessionLimits()); err != nil {
		s.log.Error("purge staff sessions", "err", err)
	} else if n > 0 {
		s.log.Info("purged staff sessions", "expired", n)
	}
}

// hourly is how often the hourly jobs run, among them the check whether a
// statistics release is due.
const hourly = time.Hour

// runHourlyJobs releases the statistics when due, rewrites the database
// file and checkpoints the WAL (data.Store.Compact), and writes the summary of the report routes' requests (report_log.go), at
// start-up and then every hour, until ctx ends with the server.
func (s *Server) runHourlyJobs(ctx context.Context) { runEvery(ctx, hourly, s.hourlyJobs) }

// hourlyJobs runs each job once. A release is logged by name only: how
// many reports it holds is for the page to say, perturbed.
func (s *Server) hourlyJobs(ctx context.Context) {
	if s.store == nil {
		return
	}
	for _, name := range data.Releases() {
		if released, err := s.store.MaybeRelease(ctx, name, s.local(), s.releaseRule(), false); err != nil {
			s.log.Error("statistics release", "release", name, "err", err)
		} else if released {
			s.log.Info("statistics released", "release", name)
		}
	}
	if err := s.store.Compact(ctx); err != nil {
		s.log.Warn("compact the database", "err", err)
	}
	s.flushRouteCounts()
}

// checkpoint empties the WAL into the database file (data.Store.Checkpoint)
// after personal text was deleted or reports were stored. A failure is
// logged with what caused the checkpoint, never with a report; readers that
// kept it from finishing leave the work to the next one.
func (s *Server) checkpoint(ctx context.Context, after string) {
	if err := s.store.Checkpoint(ctx); err != nil {
		s.log.Warn("WAL checkpoint", "after", after, "err", err)
	}
}
