package server

import (
	"context"
	"time"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/i18n"
)

// The public report statistics change only in releases (data/release.go):
// at most once per -stats-release, and only after -min-count reports came
// in, were deleted or changed status. The hourly job checks whether a
// release is due; the state is in the database, so a restart cannot force
// one. Staff pages and the trend alert read the live numbers.

// releaseCheck is how often the server checks whether a release is due.
const releaseCheck = time.Hour

// releaseRule is the rule of the report statistics' releases.
func (s *Server) releaseRule() data.ReleaseRule {
	return data.ReleaseRule{Interval: s.cfg.StatsRelease, MinChanges: s.cfg.MinCount}
}

// runHourlyJobs releases the statistics when due, checkpoints the WAL and
// writes the summary of the report routes' requests (report_log.go), at
// start-up and then every hour, until ctx ends with the server.
func (s *Server) runHourlyJobs(ctx context.Context) { runEvery(ctx, releaseCheck, s.hourlyJobs) }

// hourlyJobs runs each job once. A release is logged with its version
// only: how many reports it holds is for the page to say, rounded and
// perturbed.
func (s *Server) hourlyJobs(ctx context.Context) {
	if s.store == nil {
		return
	}
	if released, err := s.store.MaybeRelease(ctx, data.ReleaseReports, s.staff.now(), s.releaseRule(), false); err != nil {
		s.log.Error("statistics release", "err", err)
	} else if released {
		s.log.Info("statistics released")
	}
	s.checkpoint(ctx, "hourly")
	s.flushRouteCounts()
}

// releaseNote says in words when the report numbers were released, how
// often they change and that they are perturbed, for the page.
type releaseNote struct {
	When, Schedule, Perturbed string
}

// releaseNote reads the state of the report statistics' release.
func (s *Server) releaseNote(ctx context.Context, p *i18n.Printer) (releaseNote, error) {
	r, err := s.store.ReleaseState(ctx, data.ReleaseReports)
	if err != nil {
		return releaseNote{}, err
	}
	n := releaseNote{
		When:      p.T("statistics.release.none"),
		Schedule:  p.T("statistics.release.schedule", p.Int(s.cfg.MinCount)),
		Perturbed: p.T("statistics.release.perturbed", p.Int(charts.MaxNoise)),
	}
	if !r.At.IsZero() {
		n.When = p.T("statistics.release.last", p.Date(r.At.In(s.staff.zone)))
	}
	return n, nil
}
