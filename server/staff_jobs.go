package server

import (
	"context"
	"time"
)

// runDailyJobs runs the retention job, which erases the free text of old
// reports, and the purge of expired staff sessions: once at start-up and
// then every day, until ctx ends with the server.
func (s *Server) runDailyJobs(ctx context.Context) {
	tick := time.NewTicker(24 * time.Hour)
	defer tick.Stop()
	for {
		s.dailyJobs(ctx)
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
	}
	if n, err := s.store.PurgeSessions(ctx, now, s.sessionLimits()); err != nil {
		s.log.Error("purge staff sessions", "err", err)
	} else if n > 0 {
		s.log.Info("purged staff sessions", "expired", n)
	}
}
