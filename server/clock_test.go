package server

import (
	"io"
	"testing"
	"time"
)

// TestOneClock runs a server on a clock years from now, at a time that is
// Sunday evening in UTC and already Monday in Maastricht, and checks that
// every reader of the time takes it from that one clock (Deps.Now): the
// week a report keeps, security.txt's expiry, and the retention job.
func TestOneClock(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.RetentionMonths = 24
	at := time.Date(2031, time.March, 9, 23, 30, 0, 0, time.UTC) // 2031-W10 in UTC, Monday 00:30 of W11 in Maastricht
	s := newServerWith(t, cfg, io.Discard, func(d *Deps) { d.Now = func() time.Time { return at } })

	_, _, code := sendReport(t, s, "en", validAnswers())
	r, err := s.store.ReportByReceipt(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	if r.Week != "2031-W11" {
		t.Errorf("report week %s, want 2031-W11: the week in Maastricht by the server's clock", r.Week)
	}

	_, body := get(t, s, "/.well-known/security.txt")
	mustContain(t, body, "Expires: 2031-09-09T23:30:00Z")

	// Retention runs on the same clock: 24 months before 2031-W11.
	old := addTestReport(t, s, "2029-W09", "phishing", "reviewed", "old story")
	s.dailyJobs(t.Context())
	if r, _ := s.store.ModerationReport(t.Context(), old); r.Description != "" {
		t.Errorf("the retention job did not run on the server's clock: %+v", r)
	}
}
