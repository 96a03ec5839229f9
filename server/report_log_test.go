package server

import (
	"net/url"
	"strings"
	"testing"
)

// TestReportRouteErrorsAreLoggedAtOnce: when the database is gone, a
// receipt-code lookup fails with 500, and that is logged at once, with the
// route and status only: not the code, not the answers.
func TestReportRouteErrorsAreLoggedAtOnce(t *testing.T) {
	var logs syncBuffer
	s := newServerWith(t, testConfig(t), &logs)
	_, _, code := sendReport(t, s, "en", validAnswers())
	s.store.Close()
	res, _ := lookUp(t, s, "en", code, url.Values{"action": {"update"}, "update": {"Kangaroomarker later"}})
	if res.StatusCode != 500 {
		t.Fatalf("lookup with the database closed: %d, want 500", res.StatusCode)
	}
	log := logs.String()
	if !strings.Contains(log, "route=/:lang/report/status status=500") {
		t.Errorf("the error was not logged at once:\n%s", log)
	}
	for _, bad := range []string{code, strings.ReplaceAll(code, "-", ""), "Kangaroomarker", "route=/:lang/report/done status=200"} {
		if strings.Contains(log, bad) {
			t.Errorf("the log holds %q:\n%s", bad, log)
		}
	}
}
