package data

import (
	"testing"
	"time"

	"cyberportal/data/demo"
)

// TestReleaseRule: the published report statistics change only just after
// midnight, once the interval has passed and enough reports changed since
// the last release (the first release at any hour);
// the state survives reopening the database, so a restart forces nothing;
// and nothing a single report does changes PublishedVersion.
func TestReleaseRule(t *testing.T) {
	s, ctx := openTest(t)
	rule := ReleaseRule{Interval: 24 * time.Hour, MinChanges: 10}
	day := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	add := func(n int) {
		t.Helper()
		batch := make([]demo.Report, n)
		for i := range batch {
			batch[i] = demo.Report{Victim: "citizen", Incident: "phishing", Channel: "email", Loss: "none", Police: "no", Year: 2026, Month: 11}
		}
		if err := s.AddDemoReports(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	published := func() int {
		t.Helper()
		st, err := s.ReleasedReportStats(ctx, StatsFilter{From: 202601, To: 202612})
		if err != nil {
			t.Fatal(err)
		}
		return st.Total
	}
	version := func() int64 {
		t.Helper()
		v, err := s.PublishedVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	add(9)
	midnight := time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)
	steps := []struct {
		name      string
		add       int
		at        time.Time
		published int
	}{
		{"9 reports, never released", 0, day, 0},
		{"the 10th: the first release may come at any hour", 1, day, 10},
		{"10 more, a day later but not just after midnight", 10, day.Add(24 * time.Hour), 10},
		{"just after the next midnight", 0, midnight, 20},
		{"10 more, the same night", 10, midnight.Add(15 * time.Minute), 20},
		{"the next night", 0, midnight.Add(24 * time.Hour), 30},
		{"5 more, nights later", 5, midnight.Add(96 * time.Hour), 30},
	}
	for _, st := range steps {
		add(st.add)
		before := version()
		released, err := s.MaybeRelease(ctx, ReleaseReports, st.at, rule, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := published(); got != st.published {
			t.Errorf("%s: %d published, want %d", st.name, got, st.published)
		}
		if changed := version() != before; changed != released {
			t.Errorf("%s: released %v but the published version changed %v", st.name, released, changed)
		}
	}
	if version() == v0 {
		t.Error("the published version never changed")
	}
	// Reports alone never change the version that caches follow.
	v := version()
	add(3)
	if version() != v {
		t.Error("a report changed the published version")
	}
	// Reopened, as after a restart: still 8 pending, the last release kept.
	path := s.path
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	r, err := s2.ReleaseState(ctx, ReleaseReports)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC); r.Pending != 8 || !r.Day.Equal(want) {
		t.Errorf("after reopening: %+v, want 8 pending since %v", r, want)
	}
	if released, _ := s2.MaybeRelease(ctx, ReleaseReports, midnight.Add(240*time.Hour), rule, false); released {
		t.Error("released with 8 changes after a restart")
	}
}
