package server

import (
	"context"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/i18n"
)

// The public report statistics change only in releases (data/release.go):
// at most once per -stats-release, in the first hour of a day, and only
// after -min-count reports came in, were deleted or changed status. The
// hourly job (staff_jobs.go) checks whether a release is due; the state is
// in the database, so a restart cannot force one. Staff pages and the trend
// alert read the live numbers.

// releaseRule is the rule of the report statistics' releases.
func (s *Server) releaseRule() data.ReleaseRule {
	return data.ReleaseRule{Interval: s.cfg.StatsRelease, MinChanges: s.cfg.MinCount}
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
	if !r.Day.IsZero() {
		n.When = p.T("statistics.release.last", p.Date(r.Day))
	}
	return n, nil
}
