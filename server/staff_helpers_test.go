package server

import (
	"context"
	"encoding/base32"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/vocab"
)

// Helpers for the staff tests: accounts made straight in the store, a
// clock the test moves, and requests with a session and the form token.

// testPassword is every test account's password.
const testPassword = "tulip drizzle orbit canoe"

// testCSRF is the form token the tests send, as cookie and field alike.
const testCSRF = "test-csrf-token-0123456789abcdef"

// lightPasswordParams make argon2id cheap in tests; the login code under
// test is the same.
var lightPasswordParams = auth.PasswordParams{Memory: 64, Time: 1, Threads: 1}

// testClock is a clock the test sets and moves.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// useTestClock makes the server's staff area run on a clock the test moves,
// starting on Wednesday 25 November 2026 (ISO week 2026-W48), and with
// cheap password hashing.
func useTestClock(s *Server) *testClock {
	c := &testClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	s.now = c.now
	s.staff.params = lightPasswordParams
	s.staff.dummyHash = func() (string, error) { return auth.HashPassword("dummy", lightPasswordParams) }
	return c
}

// testStaff is an active account with what a test needs to log in as it.
type testStaff struct {
	*data.StaffMember
	Key []byte
}

// addTestStaff creates an active account with testPassword and a TOTP key.
func addTestStaff(t *testing.T, s *Server, email, role string) testStaff {
	t.Helper()
	ctx := context.Background()
	now := s.now()
	m, token, err := s.store.AddStaff(ctx, email, role, "en", 0, now)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := auth.NewTOTPSecret()
	if key, err = s.store.OfferTOTPKey(ctx, m.ID, key); err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword(testPassword, lightPasswordParams)
	// The step before the clock's: the current code is still unused.
	if err := s.store.CompleteSetup(ctx, m.ID, token, hash, "en", auth.TOTPStep(now)-2, now); err != nil {
		t.Fatal(err)
	}
	if m, err = s.store.StaffByID(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	return testStaff{m, key}
}

// session logs the member in directly in the store and returns the cookies
// a browser would send: the session and the form token.
func (m testStaff) session(t *testing.T, s *Server) []*http.Cookie {
	t.Helper()
	token, err := s.store.StartSession(context.Background(), m.ID, s.now())
	if err != nil {
		t.Fatal(err)
	}
	return []*http.Cookie{{Name: staffCookie, Value: token}, {Name: "csrf", Value: testCSRF}}
}

// loggedInStaff is how most staff tests begin: a portal on the test clock
// with one active account of role, logged in (its cookies).
func loggedInStaff(t *testing.T, email, role string) (*Server, *testClock, testStaff, []*http.Cookie) {
	t.Helper()
	s := newTestServer(t)
	clock := useTestClock(s)
	m := addTestStaff(t, s, email, role)
	return s, clock, m, m.session(t, s)
}

// staffGet sends a GET with cookies.
func staffGet(t *testing.T, s *Server, target string, cookies []*http.Cookie, header ...string) (*http.Response, string) {
	t.Helper()
	var hs []string
	if len(cookies) > 0 {
		var parts []string
		for _, c := range cookies {
			parts = append(parts, c.Name+"="+c.Value)
		}
		hs = append(hs, "Cookie", strings.Join(parts, "; "))
	}
	return get(t, s, target, append(hs, header...)...)
}

// staffPost posts a form with the form token added, from address addr
// (httptest's default when "").
func staffPost(t *testing.T, s *Server, target string, form url.Values, cookies []*http.Cookie) (*http.Response, string) {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("_csrf") == "" {
		form.Set("_csrf", testCSRF)
		for _, c := range cookies {
			if c.Name == staffCookie {
				form.Set("_csrf", s.sessionCSRF(c.Value)) // staff forms are bound to the session
			}
		}
	}
	if !hasCookie(cookies, "csrf") {
		cookies = append(cookies, &http.Cookie{Name: "csrf", Value: testCSRF})
	}
	return postForm(t, s, target, form, cookies)
}

func hasCookie(cookies []*http.Cookie, name string) bool {
	for _, c := range cookies {
		if c.Name == name {
			return true
		}
	}
	return false
}

// postFrom posts a form from a given client address.
func postFrom(t *testing.T, s *Server, addr, target string, form url.Values) *http.Response {
	t.Helper()
	form.Set("_csrf", testCSRF)
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.RemoteAddr = addr
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "csrf", Value: testCSRF})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Result()
}

// addTestReport stores a report of a resident through the store's API, as
// the public form and staff would, and returns its id.
func addTestReport(t *testing.T, s *Server, week, incident, status, description string) int64 {
	t.Helper()
	r := &data.Report{Lang: "nl", Week: week, Victim: "citizen", Incident: incident, Channel: "sms", IncidentYear: 2026,
		IncidentMonth: 11, Municipality: "maastricht", Loss: "none", Police: "no", Description: description}
	if vocab.AsksRansom(incident) {
		r.RansomPaid = "no"
	}
	id, _ := submitTestReport(t, s, r, status)
	return id
}

// submitTestReport submits r to the report queue, as the public form does,
// and moderates it to status (by the command line) unless that is "new".
// It returns the report's id, found as the one id that was not there
// before, whatever ids look like, and its receipt code.
func submitTestReport(t *testing.T, s *Server, r *data.Report, status string) (int64, auth.ReceiptCode) {
	t.Helper()
	ctx := context.Background()
	ids := func() map[int64]bool {
		out := map[int64]bool{}
		if err := s.store.ExportReports(ctx, data.ModerationFilter{}, func(r *data.ModerationReport) error {
			out[r.ID] = true
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := ids()
	code, err := auth.NewReceiptCode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.report.queue.Submit(ctx, code, r); err != nil {
		t.Fatal(err)
	}
	for id := range ids() {
		if before[id] {
			continue
		}
		if status != "new" {
			if err := s.store.SetReportStatus(ctx, id, status, 0, s.now()); err != nil {
				t.Fatal(err)
			}
		}
		return id, code
	}
	t.Fatal("the submitted report is not among the reports")
	return 0, ""
}

// responseCookie finds a cookie the response sets.
func responseCookie(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// newFormRequest builds a form POST with cookies and headers, sent as is.
func newFormRequest(target string, form url.Values, cookies []*http.Cookie, header ...string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	return req
}

func serve(s *Server, req *http.Request) *http.Response {
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec.Result()
}

func base32NoPad(s string) ([]byte, error) {
	return base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
}
