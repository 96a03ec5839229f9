package data

import (
	"testing"
	"time"

	"cyberportal/data/demo"
)

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("seeds 30,000 reports to check their distribution; skipped with -short")
	}
	s, ctx := openTest(t)
	now := time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)
	const n = 30_000
	var progress []int
	if err := s.SeedDemo(ctx, n, demo.Options{Seed: 42, Now: now}, func(done int) { progress = append(progress, done) }); err != nil {
		t.Fatal(err)
	}
	if len(progress) != 2 || progress[len(progress)-1] != n {
		t.Errorf("progress %v, want two batches ending at %d", progress, n)
	}
	var total, marked, counted int
	s.r.QueryRow(`SELECT COUNT(*), SUM(demo), SUM(status IN ('new', 'reviewed')) FROM reports`).Scan(&total, &marked, &counted)
	if total != n || marked != n {
		t.Fatalf("%d reports, %d marked demo; want %d, all demo", total, marked, n)
	}
	if got, _ := s.DemoReports(ctx); got != counted {
		t.Errorf("DemoReports %d, want %d", got, counted)
	}
	if counted < n*90/100 || counted > n*99/100 {
		t.Errorf("%d of %d count: moderation should take out a few percent", counted, n)
	}
	first, last, err := s.ReportMonths(ctx)
	if err != nil || first != 202201 || last != 202611 {
		t.Errorf("months %v to %v (%v), want 2022-01 to 2026-11: five calendar years up to now", first, last, err)
	}

	share := func(f StatsFilter, dim, code string) float64 {
		st, err := s.ReportStats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return float64(st.By[dim][code]) / float64(st.Total)
	}
	all := StatsFilter{From: first, To: last}
	wave := StatsFilter{From: 202409, To: 202411}
	if normal, during := share(StatsFilter{From: 202309, To: 202311}, DimIncident, "phishing"), share(wave, DimIncident, "phishing"); during < 1.5*normal {
		t.Errorf("phishing share %.2f during the wave, %.2f a year before: no wave", during, normal)
	}
	if c := share(all, DimVictim, "citizen"); c < 0.7 || c > 0.9 {
		t.Errorf("citizens are %.2f of victims; residents should be most", c)
	}
	if b := share(StatsFilter{From: first, To: last, Incident: "ransomware"}, DimVictim, "business"); b < 0.4 {
		t.Errorf("businesses are %.2f of ransomware victims", b)
	}
	if e := share(StatsFilter{From: first, To: last, Incident: "helpdesk_fraud"}, DimChannel, "phone"); e < 0.6 {
		t.Errorf("helpdesk fraud comes by phone in %.2f", e)
	}
	st, _ := s.ReportStats(ctx, all)
	if dec, jul := st.ByMonth[202512], st.ByMonth[202507]; dec <= jul {
		t.Errorf("December %d, July %d: no holiday peak", dec, jul)
	}
	if y22, y25 := st.ByMonth[202203], st.ByMonth[202503]; y25 <= y22 {
		t.Errorf("March 2022 %d, March 2025 %d: no growth over the years", y22, y25)
	}

	// The same seed gives the same reports.
	s2, _ := openTest(t)
	if err := s2.SeedDemo(ctx, 1000, demo.Options{Seed: 42, Now: now}, nil); err != nil {
		t.Fatal(err)
	}
	s3, _ := openTest(t)
	if err := s3.SeedDemo(ctx, 1000, demo.Options{Seed: 42, Now: now}, nil); err != nil {
		t.Fatal(err)
	}
	a, _ := s2.ReportStats(ctx, all)
	b, _ := s3.ReportStats(ctx, all)
	if a.Total != b.Total || a.By[DimChannel]["email"] != b.By[DimChannel]["email"] {
		t.Error("the same seed gave different reports")
	}
	if err := s.SeedDemo(ctx, -1, demo.Options{}, nil); err == nil {
		t.Error("a negative number was accepted")
	}
}
