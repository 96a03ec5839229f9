package server

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// openRaw opens the database file read-only, beside the store, so a test
// can look at what is really in it.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func readBody(res *http.Response) string {
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// syncBuffer is a log sink that tests can read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	n   int // writes
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	return b.buf.Write(p)
}

func (b *syncBuffer) writes() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestReportingKeepsNoTrace sends reports, an update and lookups from a
// recognisable address and browser, then searches the whole database, the
// log and the cookies for anything that could identify the reporter or the
// time of reporting.
func TestReportingKeepsNoTrace(t *testing.T) {
	t.Parallel()
	const (
		addr = "203.0.113.77"
		ua   = "Mozilla/5.0 (X11; Linux) ProbeAgent/9.9 unique-ua-marker"
	)
	cfg := testConfig(t)
	var logs syncBuffer
	s := newServerWith(t, cfg, &logs)
	s.now = func() time.Time { return reportClock }

	var cookieNames []string
	send := func(method, path string, v url.Values, cookies []*http.Cookie) (*http.Response, string) {
		req := httptest.NewRequest(method, path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("User-Agent", ua)
		req.Header.Set("X-Forwarded-For", "198.51.100.99")
		req.RemoteAddr = addr + ":40123"
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		res := rec.Result()
		for _, c := range res.Cookies() {
			cookieNames = append(cookieNames, c.Name)
		}
		return res, readBody(res)
	}
	res, form := send(http.MethodGet, "/en/report", nil, nil)
	cookies := res.Cookies()
	token := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(form)[1]
	answers := validAnswers()
	answers.Set("description", "It happened on 23-11-2026 at 14:05, from my PC at 203.0.113.77.")
	answers.Set("_csrf", token)
	_, check := send(http.MethodPost, "/en/report", answers, cookies)
	hidden := hiddenFields(check)
	hidden.Set("_csrf", token)
	_, done := send(http.MethodPost, "/en/report/done", hidden, cookies)
	code := receiptOnPage.FindStringSubmatch(done)[1]
	send(http.MethodPost, "/en/report/status", url.Values{"_csrf": {token}, "code": {code}, "action": {"update"}, "update": {"Today 10:15 my bank called."}}, cookies)
	send(http.MethodPost, "/en/report/status", url.Values{"_csrf": {token}, "code": {"WRONG"}}, cookies)
	send(http.MethodGet, "/en/report/status", nil, cookies)

	// Everything in every table, as text.
	db := openRaw(t, cfg.DB)
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	var stored strings.Builder
	for _, table := range names {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			for i, v := range vals {
				if b, ok := v.([]byte); ok && cols[i] == "receipt_hash" {
					v = fmt.Sprintf("%x", b)
				} else if ok {
					v = string(b)
				}
				fmt.Fprintf(&stored, "%s.%s=%v\n", table, cols[i], v)
			}
		}
		rows.Close()
	}
	dump := stored.String()
	if !strings.Contains(dump, "reports.week=2026-W48") || !strings.Contains(dump, "report_updates.week=2026-W48") {
		t.Fatalf("the report or its update is not stored:\n%s", dump)
	}
	for _, bad := range []string{addr, "198.51.100.99", "ProbeAgent", "unique-ua-marker", "Mozilla", strings.ReplaceAll(code, "-", "")} {
		if strings.Contains(dump, bad) {
			t.Errorf("the database holds %q", bad)
		}
	}
	// The reporter's own text may mention times; anything else may not
	// hold a date, a time of day or a timestamp of now.
	now := fmt.Sprint(time.Now().Unix() / 100000) // the leading digits of a current Unix time
	for _, line := range strings.Split(dump, "\n") {
		if strings.HasPrefix(line, "reports.description=") || strings.HasPrefix(line, "report_updates.body=") {
			if strings.Contains(line, addr) {
				t.Errorf("the address the reporter typed was not scrubbed: %s", line)
			}
			continue
		}
		if regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|T\d{2}`).MatchString(line) || strings.Contains(line, "="+now) {
			t.Errorf("finer than a week: %s", line)
		}
	}

	// No line per request on the report routes: the n-th "report/done 200"
	// with its time would give the n-th report's time. One summary an hour.
	if log := logs.String(); strings.Contains(log, "route=/:lang/report") {
		t.Errorf("a request on a report route was logged on its own:\n%s", log)
	}
	s.flushRouteCounts()
	log := logs.String()
	for _, want := range []string{
		`msg="requests this hour" method=POST route=/:lang/report/done status=200 count=1`,
		`msg="requests this hour" method=POST route=/:lang/report/status status=200 count=2`,
		`msg="requests this hour" method=GET route=/:lang/report status=200 count=1`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the hourly summary has no line %s:\n%s", want, log)
		}
	}
	for _, bad := range []string{addr, "198.51.100.99", "ProbeAgent", code, "rabo-veilig", "bank called", "WRONG"} {
		if strings.Contains(log, bad) {
			t.Errorf("the log holds %q", bad)
		}
	}
	for _, n := range cookieNames {
		if n != "csrf" {
			t.Errorf("the report pages set a cookie %q", n)
		}
	}
	// The limiter keeps a keyed hash, never the address.
	s.report.submits.mu.Lock()
	defer s.report.submits.mu.Unlock()
	if len(s.report.submits.clients) != 1 {
		t.Errorf("%d clients counted, want 1 (X-Forwarded-For must not count as a client)", len(s.report.submits.clients))
	}
	for id := range s.report.submits.clients {
		if bytes.Contains(id[:], []byte(addr)) || bytes.Contains(id[:], []byte{203, 0, 113, 77}) {
			t.Errorf("the limiter keeps the address: %x", id)
		}
	}
}
