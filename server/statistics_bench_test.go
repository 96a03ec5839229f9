package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/demo"
)

// benchReports is how many demo reports TestBenchStatistics loads.
const benchReports = 1_000_000

// benchDatabase gives a database with benchReports demo reports: the file
// in BENCH_STATS_DB when it already has them (seeding takes minutes), else
// a new one, seeded here and kept at BENCH_STATS_DB when that is set.
func benchDatabase(t *testing.T) string {
	t.Helper()
	path := os.Getenv("BENCH_STATS_DB")
	if path == "" {
		path = filepath.Join(t.TempDir(), "bench.db")
	}
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	have, err := store.DemoReports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if have >= benchReports*9/10 {
		fmt.Printf("\nUsing %s: %d demo reports that count (of %d written; the rest are spam or hidden)\n", path, have, benchReports)
		return path
	}
	if have > 0 {
		t.Fatalf("%s has %d demo reports, not %d: remove it or point BENCH_STATS_DB elsewhere", path, have, benchReports)
	}
	start := time.Now()
	if err := store.SeedDemo(ctx, benchReports, demo.Options{Seed: 42}, nil); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	fmt.Printf("\nseed-demo: %d reports in %v (%.0f a second), into %s\n", benchReports, took.Round(time.Second), benchReports/took.Seconds(), path)
	return path
}

// benchFilters are filters a policymaker might choose: businesses and
// phishing over the whole period (valid on an empty database too, for the
// reference), and the same for the last twelve months.
func benchFilters() (kinds, lastYear string) {
	now := time.Now()
	from := time.Date(now.Year()-1, now.Month()+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	kinds = "?victim=business&incident=phishing"
	return kinds, kinds + "&from=" + from + "&to=" + now.Format("2006-01")
}

// benchMonths are the months with reports, as the filter offers them.
func benchMonths(t *testing.T, s *Server) []string {
	t.Helper()
	first, last, err := s.store.ReportMonths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var months []string
	for ym := first; ym <= last; ym = ym.Next() {
		months = append(months, ym.String())
	}
	return months
}

// varyingFilterScript is a wrk script that asks for the page with a random
// filter each time, so almost every request misses the page cache and
// shows what building the page costs.
func varyingFilterScript(t *testing.T, months []string) string {
	t.Helper()
	quoted := make([]string, len(months))
	for i, m := range months {
		quoted[i] = `"` + m + `"`
	}
	script := `
local months = {` + strings.Join(quoted, ",") + `}
local victims = {"", "citizen", "business", "organisation"}
local incidents = {"", "phishing", "helpdesk_fraud", "shopping_fraud", "ransomware", "account_takeover", "other"}
local counter = 0
function init(args)
  math.randomseed(os.time() + counter)
  counter = counter + 1
end
function request()
  local a = math.random(#months)
  local b = math.random(a, #months)
  local path = "/en/statistics?from=" .. months[a] .. "&to=" .. months[b]
  local v = victims[math.random(#victims)]
  local i = incidents[math.random(#incidents)]
  if v ~= "" then path = path .. "&victim=" .. v end
  if i ~= "" then path = path .. "&incident=" .. i end
  return wrk.format(nil, path)
end
`
	name := filepath.Join(t.TempDir(), "filters.lua")
	if err := os.WriteFile(name, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// monthTotal reads the published total of the reports-by-month chart.
func monthTotal(t *testing.T, base string) float64 {
	t.Helper()
	res, err := http.Get(base + "/en/statistics/reports-by-month.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var oc openChart
	if err := json.NewDecoder(res.Body).Decode(&oc); err != nil {
		t.Fatal(err)
	}
	for _, r := range oc.Data {
		if r.Key == "total" && r.Value != nil {
			return *r.Value
		}
	}
	t.Fatal("no total in reports-by-month.json")
	return 0
}

// TestBenchStatistics loads the statistics page and every CSV with wrk at
// 20 concurrent clients, on a database with a million demo reports and, as
// the reference, on an empty one; then it times how long one new report
// takes to show in the statistics. Target: p99 under 50 ms for the page at
// a million reports.
func TestBenchStatistics(t *testing.T) {
	skipUnlessBench(t)
	const conns, dur = 20, 10 * time.Second
	path := benchDatabase(t)
	big, s := startPortalOn(t, path)
	empty, _ := startPortal(t)

	months := benchMonths(t, s)
	script := varyingFilterScript(t, months)
	first, _ := data.ParseYearMonth(months[0])
	last, _ := data.ParseYearMonth(months[len(months)-1])

	type target struct{ name, path string }
	kinds, lastYear := benchFilters()
	targets := []target{
		{"page, no filter", "/en/statistics"},
		{"page, victim+incident", "/en/statistics" + kinds},
		{"page, + last 12 months", "/en/statistics" + lastYear},
	}
	for _, id := range chartIDs {
		targets = append(targets, target{id + ".csv", "/en/statistics/" + id + ".csv"})
	}
	fmt.Printf("\nStatistics, wrk -t2 -c%d -d%v on this machine; %d reports vs an empty database:\n", conns, dur, benchReports)
	for _, tg := range targets {
		runWrk(t, big+tg.path, conns, 2*time.Second) // warm up
		r := runWrk(t, big+tg.path, conns, dur)
		verdict := ""
		if strings.HasPrefix(tg.name, "page") {
			verdict = "   target p99 < 50ms: met"
			if r.P99 >= 50*time.Millisecond {
				verdict = "   target p99 < 50ms: NOT met"
			}
		}
		fmt.Printf("  %-26s 1M    %s%s\n", tg.name, r, verdict)
		// The reference: the same page on an empty database, whose only
		// month is this one (so the last-12-months filter does not apply).
		if slices.Contains([]string{"page, no filter", "page, victim+incident"}, tg.name) {
			runWrk(t, empty+tg.path, conns, 2*time.Second)
			ref := runWrk(t, empty+tg.path, conns, dur)
			fmt.Printf("  %-26s empty %s\n", tg.name, ref)
		}
	}
	runWrk(t, big+"/", conns, 2*time.Second, "-s", script)
	r := runWrk(t, big+"/", conns, dur, "-s", script)
	fmt.Printf("  %-26s 1M    %s   (a random filter per request: nearly every one misses the page cache)\n", "page, varying filter", r)
	r = runWrk(t, empty+"/", conns, dur, "-s", script)
	fmt.Printf("  %-26s empty %s\n", "page, varying filter", r)

	// The queries alone: the aggregates for a random filter, against one
	// GROUP BY over the reports themselves (one breakdown of the six the
	// page needs), which is what a page without aggregates would run.
	rng := rand.New(rand.NewPCG(1, 2))
	var agg []time.Duration
	for range 500 {
		i := rng.IntN(len(months))
		j := i + rng.IntN(len(months)-i)
		var f data.StatsFilter
		f.From, _ = data.ParseYearMonth(months[i])
		f.To, _ = data.ParseYearMonth(months[j])
		start := time.Now()
		if _, err := s.store.ReportStats(context.Background(), f); err != nil {
			t.Fatal(err)
		}
		agg = append(agg, time.Since(start))
	}
	slices.Sort(agg)
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	rows, err := db.Query(`SELECT incident, COUNT(*) FROM reports WHERE status IN ('new', 'reviewed')
		AND incident_year * 100 + incident_month BETWEEN ? AND ? GROUP BY incident`, first, last)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
	fmt.Printf("  queries: aggregates for a random filter p50 %v, p99 %v (500 calls); one GROUP BY over all reports %v\n",
		agg[len(agg)/2].Round(time.Microsecond), agg[len(agg)*99/100].Round(time.Microsecond), time.Since(start).Round(time.Millisecond))

	// One new report, written as the report form would (through data), then
	// a release (forced here; the hourly job makes one when it is due) and
	// the published total read again: the public numbers change only so.
	ctx := context.Background()
	now := time.Now()
	var waits []time.Duration
	for range 5 {
		start := time.Now()
		report := demo.Report{Victim: "citizen", Incident: "phishing", Channel: "email", Loss: "none", Police: "no", Year: now.Year(), Month: now.Month()}
		if err := s.store.AddDemoReports(ctx, []demo.Report{report}); err != nil {
			t.Fatal(err)
		}
		written := time.Since(start)
		release(t, s)
		monthTotal(t, big)
		waits = append(waits, time.Since(start))
		fmt.Printf("  one report: written (trigger included, fsync) in %v; released and the page rebuilt %v after the write began\n",
			written.Round(time.Microsecond), time.Since(start).Round(time.Microsecond))
	}
	slices.Sort(waits)
	fmt.Printf("  write, release and rebuild: %v (median of 5; max %v)\n\n", waits[2].Round(time.Microsecond), waits[4].Round(time.Microsecond))
}
