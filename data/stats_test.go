package data

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
	"time"

	"cyberportal/data/monitor"

	"cyberportal/data/demo"
)

func TestParseYearMonth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want YearMonth
		ok   bool
	}{
		{"2026-03", 202603, true},
		{"2026-12", 202612, true},
		{"0001-01", 101, true},
		{"2026-13", 0, false},
		{"2026-00", 0, false},
		{"2026-3", 0, false},
		{"2026/03", 0, false},
		{"+202-03", 0, false},
		{"2026-+3", 0, false},
		{"", 0, false},
		{"2026-03x", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseYearMonth(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseYearMonth(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("%q round-trips to %q", tt.in, got.String())
		}
	}
	if MakeYearMonth(2025, time.December).Next() != 202601 || YearMonth(202603).Next() != 202604 {
		t.Error("Next does not roll over the year")
	}
}

// statsKey is one row of report_stats.
type statsKey struct {
	victim, incident, dim, value string
	ym                           YearMonth
}

// expectedStats is report_stats as it should be: a GROUP BY over reports,
// computed here in Go, independently of the SQL in the migration.
func expectedStats(t *testing.T, s *Store) map[statsKey]int {
	t.Helper()
	rows, err := s.r.Query(`SELECT victim, incident, channel, loss, police, incident_year, incident_month, status, demo FROM reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[statsKey]int{}
	for rows.Next() {
		var victim, incident, channel, loss, police, status string
		var year, month, demo int
		if err := rows.Scan(&victim, &incident, &channel, &loss, &police, &year, &month, &status, &demo); err != nil {
			t.Fatal(err)
		}
		if status != "new" && status != "reviewed" {
			continue
		}
		ym := MakeYearMonth(year, time.Month(month))
		for _, v := range []string{victim, "*"} {
			for _, i := range []string{incident, "*"} {
				for dim, value := range map[string]string{"incident": incident, "victim": victim, "channel": channel, "loss": loss, "police": police, "total": ""} {
					want[statsKey{v, i, dim, value, ym}]++
				}
			}
		}
		if demo == 1 {
			want[statsKey{"*", "*", "demo", "", ym}]++
		}
	}
	return want
}

func storedStats(t *testing.T, s *Store) map[statsKey]int {
	t.Helper()
	rows, err := s.r.Query(`SELECT victim, incident, dim, value, ym, n FROM report_stats WHERE n <> 0`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[statsKey]int{}
	for rows.Next() {
		var k statsKey
		var n int
		if err := rows.Scan(&k.victim, &k.incident, &k.dim, &k.value, &k.ym, &n); err != nil {
			t.Fatal(err)
		}
		got[k] = n
	}
	return got
}

func compareStats(t *testing.T, s *Store, when string) {
	t.Helper()
	want, got := expectedStats(t, s), storedStats(t, s)
	if maps.Equal(want, got) {
		return
	}
	bad := 0
	for k, n := range want {
		if got[k] != n && bad < 5 {
			t.Errorf("%s: %+v is %d, want %d", when, k, got[k], n)
			bad++
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok && bad < 10 {
			t.Errorf("%s: %+v is %d, want no row", when, k, n)
			bad++
		}
	}
	t.Fatalf("%s: report_stats differs from a GROUP BY over reports", when)
}

var (
	testVictims   = []string{"citizen", "business", "organisation"}
	testIncidents = []string{"phishing", "helpdesk_fraud", "ransomware", "other"}
	testChannels  = []string{"email", "sms", "phone"}
	testLosses    = []string{"none", "lt100", "gt100000"}
	testPolice    = []string{"yes", "no", "plan"}
	testStatuses  = []string{"new", "reviewed", "spam", "hidden"}
)

func oneOf(rng *rand.Rand, s []string) string { return s[rng.IntN(len(s))] }

func randomReport(rng *rand.Rand) demo.Report {
	return demo.Report{
		Victim: oneOf(rng, testVictims), Incident: oneOf(rng, testIncidents), Channel: oneOf(rng, testChannels),
		Loss: oneOf(rng, testLosses), Police: oneOf(rng, testPolice), Status: oneOf(rng, testStatuses),
		Year: 2024 + rng.IntN(3), Month: time.Month(1 + rng.IntN(12)),
	}
}

// TestTriggersKeepStatsEqualToReports makes random inserts, updates of every
// counted column (status above all: spam, hidden and back) and deletes, and
// checks after each round that report_stats equals a GROUP BY over reports.
func TestTriggersKeepStatsEqualToReports(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("a property test over thousands of random reports; skipped with -short")
	}
	s, ctx := openTest(t)
	rng := rand.New(rand.NewPCG(1, 2))
	columns := map[string][]string{
		"status": testStatuses, "victim": testVictims, "incident": testIncidents,
		"channel": testChannels, "loss": testLosses, "police": testPolice,
	}
	names := []string{"status", "victim", "incident", "channel", "loss", "police", "incident_month", "incident_year", "demo", "lang"}
	for round := 0; round < 30; round++ {
		var batch []demo.Report
		for range 1 + rng.IntN(40) {
			batch = append(batch, randomReport(rng))
		}
		if err := s.AddDemoReports(ctx, batch); err != nil {
			t.Fatal(err)
		}
		for range rng.IntN(30) {
			col := names[rng.IntN(len(names))]
			var value any
			switch col {
			case "incident_month":
				value = 1 + rng.IntN(12)
			case "incident_year":
				value = 2023 + rng.IntN(4)
			case "demo":
				value = rng.IntN(2)
			case "lang": // not counted: must change nothing
				value = "fr"
			default:
				value = oneOf(rng, columns[col])
			}
			// Several rows at once, as a moderation action on a selection would.
			if _, err := s.w.Exec(fmt.Sprintf(`UPDATE reports SET %s = ? WHERE id %% ? = ?`, col), value, 2+rng.IntN(7), rng.IntN(2)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.w.Exec(`DELETE FROM reports WHERE id IN (SELECT id FROM reports ORDER BY random() LIMIT ?)`, rng.IntN(8)); err != nil {
			t.Fatal(err)
		}
		compareStats(t, s, fmt.Sprintf("round %d", round))
	}
	var n int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&n)
	if n < 100 {
		t.Fatalf("only %d reports left: the test exercised too little", n)
	}
}

// TestMigrationCountsExistingReports: reports written before migration 0003
// (by a portal that had only 0001) count as well.
func TestMigrationCountsExistingReports(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	rng := rand.New(rand.NewPCG(3, 4))
	var batch []demo.Report
	for range 200 {
		batch = append(batch, randomReport(rng))
	}
	if err := s.AddDemoReports(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	want := storedStats(t, s)
	body, err := migrations.ReadFile("migrations/0003_statistics.sql")
	if err != nil {
		t.Fatal(err)
	}
	// Replay the migration on the same reports, from empty aggregates.
	if _, err := s.w.Exec(`DROP TABLE report_stats; DROP TABLE stats_version; DROP TABLE monitor_series;
		DROP TRIGGER reports_stats_insert; DROP TRIGGER reports_stats_delete;
		DROP TRIGGER reports_stats_update_old; DROP TRIGGER reports_stats_update_new; DROP VIEW report_stats_change;`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(string(body)); err != nil {
		t.Fatal(err)
	}
	if got := storedStats(t, s); !maps.Equal(got, want) {
		t.Errorf("the migration's backfill gives %d rows, the triggers %d, and they differ", len(got), len(want))
	}
	compareStats(t, s, "after backfill")
}

func TestReportStatsFilters(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	if _, _, err := s.ReportMonths(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReportMonths on no reports: %v, want ErrNotFound", err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var all []demo.Report
	for range 500 {
		all = append(all, randomReport(rng))
	}
	if err := s.AddDemoReports(ctx, all); err != nil {
		t.Fatal(err)
	}
	first, last, err := s.ReportMonths(ctx)
	if err != nil || first < 202401 || last > 202612 || first > last {
		t.Fatalf("ReportMonths = %v, %v, %v", first, last, err)
	}
	filters := []StatsFilter{
		{From: 202401, To: 202612},
		{From: 202403, To: 202507, Victim: "business"},
		{From: 202401, To: 202612, Incident: "phishing"},
		{From: 202511, To: 202602, Victim: "citizen", Incident: "ransomware"},
		{From: 202606, To: 202606},
		{From: 203001, To: 203012},
	}
	for _, f := range filters {
		got, err := s.ReportStats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want := ReportStats{By: map[string]map[string]int{}, ByMonth: map[YearMonth]int{}}
		for _, r := range all {
			ym := MakeYearMonth(r.Year, r.Month)
			if r.Status == "spam" || r.Status == "hidden" || ym < f.From || ym > f.To ||
				(f.Victim != "" && r.Victim != f.Victim) || (f.Incident != "" && r.Incident != f.Incident) {
				continue
			}
			for dim, v := range map[string]string{DimIncident: r.Incident, DimVictim: r.Victim, DimChannel: r.Channel, DimLoss: r.Loss, DimPolice: r.Police} {
				if want.By[dim] == nil {
					want.By[dim] = map[string]int{}
				}
				want.By[dim][v]++
			}
			want.ByMonth[ym]++
			want.Total++
		}
		if got.Total != want.Total || !maps.Equal(got.ByMonth, want.ByMonth) {
			t.Errorf("%+v: total %d months %v; want %d %v", f, got.Total, got.ByMonth, want.Total, want.ByMonth)
		}
		for dim, counts := range want.By {
			if !maps.Equal(nonZero(got.By[dim]), counts) {
				t.Errorf("%+v: by %s %v, want %v", f, dim, got.By[dim], counts)
			}
		}
	}
	counted := 0
	for _, r := range all {
		if r.Status == "new" || r.Status == "reviewed" {
			counted++
		}
	}
	if n, err := s.DemoReports(ctx); n != counted || err != nil {
		t.Errorf("DemoReports = %d, %v; want %d", n, err, counted)
	}
	if _, err := s.ReportStats(ctx, StatsFilter{From: 202413, To: 202501}); err == nil {
		t.Error("an invalid month was accepted")
	}
}

func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

func TestStatsVersionMovesWithReportsAndMonitor(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	v0, err := s.StatsVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddDemoReports(ctx, []demo.Report{{Victim: "citizen", Incident: "phishing", Channel: "email", Loss: "none", Police: "no", Year: 2026, Month: 3}}); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.StatsVersion(ctx)
	if _, err := s.w.Exec(`UPDATE reports SET status = 'spam'`); err != nil {
		t.Fatal(err)
	}
	v2, _ := s.StatsVersion(ctx)
	if _, err := s.ImportMonitor(ctx, []monitor.Value{{Area: "Nederland", Indicator: "cybercrime", Year: 2019, Value: 13, Unit: "percent", Source: "CBS"}}); err != nil {
		t.Fatal(err)
	}
	v3, _ := s.StatsVersion(ctx)
	if !(v0 < v1 && v1 < v2 && v2 < v3) {
		t.Errorf("versions %d %d %d %d do not move with every change", v0, v1, v2, v3)
	}
	if _, err := s.w.Exec(`UPDATE reports SET lang = 'en'`); err != nil {
		t.Fatal(err)
	}
	if v4, _ := s.StatsVersion(ctx); v4 != v3 {
		t.Errorf("an update of an uncounted column on an uncounted report moved the version")
	}
}
