package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"cyberportal/data"
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

// failingReread is the store with its reads failing from the second on:
// the lookup finds the report, the update is stored, and the read that
// shows the report again meets a broken database.
type failingReread struct {
	receiptStore
	reads int
}

func (f *failingReread) ReportByReceipt(ctx context.Context, typed string) (*data.Report, error) {
	if f.reads++; f.reads > 1 {
		return nil, errors.New("disk I/O error")
	}
	return f.receiptStore.ReportByReceipt(ctx, typed)
}

// TestUpdateThenBrokenDatabase: when the report cannot be read back after
// an update, the reporter gets the translated 500 page and the log a line,
// not the "wrong code" page, which would say their code no longer works.
func TestUpdateThenBrokenDatabase(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ lang, want string }{
		{"en", "Something went wrong on our side"},
		{"nl", "Er ging iets mis aan onze kant"},
		{"fr", "Un problème est survenu de notre côté"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			var logs bytes.Buffer
			s := newServerWith(t, testConfig(t), &logs)
			s.report.minWrong = 0
			useTestClock(s)
			_, _, code := sendReport(t, s, tc.lang, validAnswers())
			store := &failingReread{receiptStore: s.report.store}
			s.report.store = store
			logs.Reset()
			res, body := lookUp(t, s, tc.lang, code, url.Values{"action": {"update"}, "update": {"More news."}})
			if res.StatusCode != http.StatusInternalServerError {
				t.Errorf("status %d, want 500:\n%s", res.StatusCode, mainOf(body))
			}
			mustContain(t, body, tc.want)
			if store.reads != 2 {
				t.Errorf("%d reads, want 2 (the lookup and the read after the update)", store.reads)
			}
			if l := logs.String(); !strings.Contains(l, "request failed") || !strings.Contains(l, "status=500") || !strings.Contains(l, "disk I/O error") {
				t.Errorf("no error in the log:\n%s", l)
			}
			// The update itself was stored.
			if r, err := s.store.ReportByReceipt(context.Background(), code); err != nil || len(r.Updates) != 1 {
				t.Errorf("after the update: %+v, %v", r, err)
			}
		})
	}
}
