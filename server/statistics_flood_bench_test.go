package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/demo"
)

// TestBenchStatisticsFilterFlood measures what random filters do to the
// plain statistics page: its requests per second with wrk -c8, alone, and
// while 8 more connections ask for the page with a random valid filter
// each time, or with an invalid one. Run with BENCH=1 ONLY=StatisticsFilterFlood.
func TestBenchStatisticsFilterFlood(t *testing.T) {
	skipUnlessBench(t)
	const conns, dur, reports = 8, 10 * time.Second, 50_000
	path := filepath.Join(t.TempDir(), "flood.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SeedDemo(context.Background(), reports, demo.Options{Seed: 7}, nil); err != nil {
		t.Fatal(err)
	}
	store.Close()
	base, s := startPortalOn(t, path)
	valid := varyingFilterScript(t, benchMonths(t, s))
	invalid := filepath.Join(t.TempDir(), "invalid.lua")
	if err := os.WriteFile(invalid, []byte(`
function request()
  return wrk.format(nil, "/en/statistics?victim=x" .. math.random(1, 1000000000) .. "&from=" .. math.random(1000, 9999) .. "-13")
end
`), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := base + "/en/statistics"
	runWrk(t, plain, conns, 2*time.Second) // warm up
	fmt.Printf("\nStatistics page under a filter flood (%d demo reports; wrk -t2 -c%d -d%v each; machine shared with other work):\n", reports, conns, dur)
	fmt.Printf("  %-34s %s\n", "plain page alone", runWrk(t, plain, conns, dur))
	for _, flood := range []struct{ name, script string }{{"random valid filters", valid}, {"random invalid filters", invalid}} {
		var wg sync.WaitGroup
		var f wrkResult
		wg.Add(1)
		go func() { defer wg.Done(); f = runWrk(t, base+"/", conns, dur, "-s", flood.script) }()
		time.Sleep(200 * time.Millisecond)
		r := runWrk(t, plain, conns, dur-time.Second)
		wg.Wait()
		fmt.Printf("  %-34s %s\n", "plain page, "+flood.name, r)
		fmt.Printf("  %-34s %s\n", "  the flood itself", f)
	}
}
