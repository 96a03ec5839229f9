package server

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
)

// TestBenchReports loads POST /en/report/done, the step that stores a
// report, with wrk at 50 connections. Each 200 is a report acknowledged
// after its durable commit (WAL, synchronous=FULL). The reference, measured
// in the same run on the same file, is SQLite's own ceiling without group
// commit: one row per transaction in a loop. Target: 2,000 reports/s.
func TestBenchReports(t *testing.T) {
	skipUnlessBench(t)
	base, s := startPortal(t)
	// The per-client limit would stop loopback load at 20 reports; it is
	// raised explicitly for the bench, never switched off.
	bench := Rate{10_000_000, time.Minute}
	s.report.submits.setRates(bench, Rate{})

	r, err := newReporter(base)
	if err != nil {
		t.Fatal(err)
	}
	// The body is what a browser sends from the check page, without the
	// receipt code: each request then gets a fresh code and stores a new
	// report (one code sent twice would be stored once).
	answers := validAnswers()
	answers.Set("description", "Ik werd gebeld door iemand van ‘de bank’ op 06-12345678. Hij zei dat mijn rekening "+
		"NL91 ABNA 0417 1643 00 niet veilig was en dat ik €2.500 moest overmaken naar een veilige rekening. "+
		"Daarna kreeg ik een sms met een link naar https://rabo-veilig-inlog.com/verify. Mijn mail is jan@example.nl.")
	check, err := r.do("POST", "/en/report", answers)
	if err != nil {
		t.Fatal(err)
	}
	form := hiddenFields(check)
	if form.Get("clean_sig") == "" {
		t.Fatal("the check page carries no signed description")
	}
	form.Del("receipt")
	form.Del("receipt_sig")
	form.Set("_csrf", r.token)
	var cookie string
	u, _ := url.Parse(base)
	for _, c := range r.client.Jar.Cookies(u) {
		if c.Name == "csrf" {
			cookie = c.Value
		}
	}
	t.Setenv("REPORT_PATH", "/en/report/done")
	t.Setenv("REPORT_BODY", form.Encode())
	t.Setenv("REPORT_CSRF", cookie)
	script := filepath.Join("testdata", "report_bench.lua")

	before := countReports(t, s)
	commitsBefore := s.report.queue.Commits()
	runWrk(t, base+"/", 50, 2*time.Second, "-s", script) // warm up
	warm := countReports(t, s)
	const conns, dur = 50, 10 * time.Second
	res := runWrk(t, base+"/", conns, dur, "-s", script)
	stored := countReports(t, s) - warm
	commits := s.report.queue.Commits() - commitsBefore
	all := countReports(t, s) - before

	raw := rawCommitRate(t, s.store, 5*time.Second)

	verdict := "met"
	if res.RPS < 2000 || res.Errors != "" {
		verdict = "NOT met"
	}
	fmt.Printf("\nReport submissions POST /en/report/done, wrk -t2 -c%d -d%v, each answered after a durable commit:\n", conns, dur)
	fmt.Printf("  portal            %s\n", res)
	fmt.Printf("  stored            %d reports in the measured run (wrk counted %d answers); %d commits in all for %d reports, %.1f per commit\n",
		stored, res.Requests, commits, all, float64(all)/float64(max(commits, 1)))
	fmt.Printf("  reference         %9.0f commits/s: one report per transaction through the store, WAL and synchronous=FULL, same file\n", raw)
	fmt.Printf("  portal/reference: %.1f×   target at least 2,000 durable reports/s: %s\n", res.RPS/raw, verdict)
	fmt.Printf("  (per-client limit raised to %s for the bench)\n\n", bench.String())
	if stored < res.Requests {
		t.Errorf("wrk counted %d answers but only %d reports were stored: an answer came without a report", res.Requests, stored)
	}
}

// rawCommitRate stores one report per transaction, through a report queue
// of its own that never batches, into the portal's store for d, and returns
// the commits per second: the fsync-bound rate of this disk that group
// commit is measured against.
func rawCommitRate(t *testing.T, store *data.Store, d time.Duration) float64 {
	t.Helper()
	q := data.NewReportQueue(store, 1)
	r := &data.Report{Lang: "en", Week: "2026-W48", Victim: "citizen", Incident: "phishing", Channel: "sms",
		IncidentYear: 2026, IncidentMonth: 11, Municipality: "maastricht", Loss: "none", Police: "no"}
	n := 0
	start := time.Now()
	for time.Since(start) < d {
		code, err := auth.NewReceiptCode()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := q.Submit(context.Background(), code, r); err != nil {
			t.Fatal(err)
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds()
}
