package server

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestBrokenDatabaseIsAnError checks that a database that stops answering
// is never taken for an answer: a receipt code looked up, a report
// moderated or a set-up link opened give the translated 500 page and a log
// line, not "wrong code", "saved" or "this link does not work".
func TestBrokenDatabaseIsAnError(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	s := newServerWith(t, testConfig(t), &logs)
	s.report.minWrong = 0
	useTestClock(s)
	admin := addTestStaff(t, s, "admin@example.org", "admin")
	cookies := admin.session(t, s)
	_, _, code := sendReport(t, s, "en", validAnswers())
	id := addTestReport(t, s, "2026-W48", "phishing", "new", "text")
	if err := s.store.Close(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name string
		send func() (*http.Response, string)
	}{
		{"receipt code", func() (*http.Response, string) { return lookUp(t, s, "en", code, nil) }},
		{"update", func() (*http.Response, string) {
			return lookUp(t, s, "en", code, url.Values{"action": {"update"}, "update": {"More news."}})
		}},
		{"set-up link", func() (*http.Response, string) { return get(t, s, "/staff/setup/some-token?lang=en") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			res, body := tc.send()
			if res.StatusCode != http.StatusInternalServerError {
				t.Errorf("status %d, want 500:\n%s", res.StatusCode, mainOf(body))
			}
			mustContain(t, body, "Something went wrong on our side")
			if !strings.Contains(logs.String(), "request failed") || !strings.Contains(logs.String(), "status=500") {
				t.Errorf("no error in the log:\n%s", logs.String())
			}
		})
	}
	// The staff page answers through the session check first, which fails
	// the same way.
	res, _ := staffPost(t, s, "/staff/reports/"+itoa(id)+"/status", url.Values{"status": {"reviewed"}}, cookies)
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("moderation on a broken database: %d", res.StatusCode)
	}
}
