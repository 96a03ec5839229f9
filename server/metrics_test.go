package server

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// scrape reads the metrics as Prometheus would.
func scrape(t *testing.T, s *Server) string {
	t.Helper()
	rec := httptest.NewRecorder()
	s.MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics: %d", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// TestMetrics drives the portal through HTTP and reads the metrics back:
// requests by route pattern and status (pages from the front cache too),
// latency, report commits and batch sizes, refusals by limit, login
// failures, the release age and the Go runtime. No label names a client.
// The report routes and commits are held back until their hour is over.
func TestMetrics(t *testing.T) {
	s := newReportServer(t)
	clock := useTestClock(s)
	for range 2 {
		get(t, s, "/en/") // the second comes from the front cache
	}
	get(t, s, "/en/no-such-page")
	_, _, code := sendReport(t, s, "en", validAnswers())
	s.report.lookups.perClient = Rate{1, time.Minute}
	lookUp(t, s, "en", code, nil)
	if res, _ := lookUp(t, s, "en", code, nil); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("second lookup: %d", res.StatusCode)
	}
	postFrom(t, s, "198.51.100.23:5000", "/staff/login", loginValues("nobody@example.nl", "wrong password 123", "123456"))

	body := scrape(t, s)
	for _, held := range []string{`route="/:lang/report/done"`, `route="/:lang/report"`, `cyberportal_report_batch_size_count 1`} {
		if strings.Contains(body, held) {
			t.Errorf("%s shows within the hour of the report", held)
		}
	}
	mustContain(t, body, `cyberportal_report_commits_total{result="ok"} 0`)
	clock.advance(time.Hour)
	body = scrape(t, s)
	for _, want := range []string{
		`cyberportal_http_requests_total{method="POST",route="/:lang/report/done",status="200"} 1`,
		`cyberportal_http_requests_total{method="GET",route="/:lang/",status="200"} 2`,
		`cyberportal_http_requests_total{method="GET",route="/:lang/*",status="404"} 1`,
		`cyberportal_http_request_duration_seconds_count{route="/:lang/"} 2`,
		`cyberportal_report_commits_total{result="ok"} 1`,
		`cyberportal_report_commits_total{result="error"} 0`,
		`cyberportal_report_batch_size_count 1`,
		`cyberportal_report_batch_size_bucket{le="1"} 1`,
		`cyberportal_rate_limit_refusals_total{limit="status"} 1`,
		`cyberportal_rate_limit_refusals_total{limit="staff_account"} 0`,
		`cyberportal_staff_login_failures_total{reason="account"} 1`,
		`cyberportal_database_errors_total{source="request"} 0`,
		`cyberportal_statistics_release_age_seconds NaN`,
		"go_goroutines ", "go_gc_duration_seconds", "process_resident_memory_bytes",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, leak := range []string{"198.51.100", "192.0.2", "nobody@example.nl", code, strings.ReplaceAll(code, "-", "")} {
		if strings.Contains(body, leak) {
			t.Errorf("metrics hold %q", leak)
		}
	}

	// The release age is fed by a function (lastRelease, the day of the
	// last statistics release: none here yet).
	s.releaseTime = func() time.Time { return time.Now().Add(-time.Hour) }
	if body := scrape(t, s); !strings.Contains(body, "cyberportal_statistics_release_age_seconds 3600") {
		t.Errorf("release age after an hour: %s", grepLine(body, "cyberportal_statistics_release_age_seconds "))
	}
	// The site does not serve the metrics.
	if res, _ := get(t, s, "/metrics"); res.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the site: %d, want 404", res.StatusCode)
	}
}

// TestMetricsCountDatabaseErrors: a report commit that fails is counted as
// a database error and an error commit.
func TestMetricsCountDatabaseErrors(t *testing.T) {
	s := newReportServer(t)
	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER fail_reports BEFORE INSERT ON reports BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`); err != nil {
		t.Fatal(err)
	}
	check, cookies, token := checkPage(t, s, "en", validAnswers())
	if res, _ := postReport(t, s, "/en/report/done", hiddenFields(check), cookies, token); res.StatusCode != http.StatusInternalServerError {
		t.Errorf("a report that cannot be stored: %d, want 500", res.StatusCode)
	}
	s.now = func() time.Time { return time.Now().Add(time.Hour) } // past the hour the commits are held for
	body := scrape(t, s)
	if !strings.Contains(body, `cyberportal_report_commits_total{result="error"}`) || strings.Contains(body, `cyberportal_report_commits_total{result="error"} 0`) {
		t.Errorf("a failed commit is not counted: %s", grepLine(body, "cyberportal_report_commits_total"))
	}
	if !strings.Contains(body, `cyberportal_database_errors_total{source="report_commit"}`) || strings.Contains(body, `cyberportal_database_errors_total{source="report_commit"} 0`) {
		t.Errorf("database errors: %s", grepLine(body, "cyberportal_database_errors_total"))
	}
}

func grepLine(body, prefix string) string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestMetricsAddrConfig(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{{"", true}, {"127.0.0.1:9100", true}, {":9100", true}, {"9100", false}, {"127.0.0.1:8080", false}}
	for _, tt := range tests {
		cfg := testConfig(t)
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		cfg.Flags(fs)
		if err := fs.Parse([]string{"-metrics-addr", tt.addr, "-addr", "127.0.0.1:8080", "-min-count", "10", "-site-name", "x", "-security-contact", "mailto:a@b"}); err != nil {
			t.Fatal(err)
		}
		err := cfg.Validate()
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), "-metrics-addr")) {
			t.Errorf("-metrics-addr %q: %v", tt.addr, err)
		}
	}
}

// TestMetricsListener: with -metrics-addr, Serve answers /metrics on that
// address and only there; the site's listener does not.
func TestMetricsListener(t *testing.T) {
	cfg := testConfig(t)
	cfg.MetricsAddr = freeAddr(t)
	s := newServerWith(t, cfg, io.Discard)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	var res *http.Response
	for range 100 {
		if res, err = http.Get("http://" + cfg.MetricsAddr + "/metrics"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "cyberportal_rate_limit_refusals_total") {
		t.Errorf("metrics listener: %d", res.StatusCode)
	}
	if res, err := http.Get("http://" + ln.Addr().String() + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Errorf("the site's listener answers /metrics: %v %v", res, err)
	}
}
