package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"cyberportal/data"
)

// TestStaffWorkWithRandomIDs: a report sent through the form has a random
// 63-bit id, and everything that names a report by its id works with it:
// the staff list and detail page, moderation, the audit log, the export;
// and the reporter still finds it by the receipt code.
func TestStaffWorkWithRandomIDs(t *testing.T) {
	s := newTestServer(t)
	answers := validAnswers()
	answers.Set("description", "The webshop never delivered.")
	_, _, code := sendReport(t, s, "en", answers)
	var id int64
	if err := s.store.ExportReports(t.Context(), data.ModerationFilter{}, func(r *data.ModerationReport) error {
		id = r.ID
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if id < 1<<32 {
		t.Fatalf("report id %d is not a random 63-bit number", id)
	}
	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	cookies := m.session(t, s)
	_, body := staffGet(t, s, "/staff/reports", cookies)
	mustContain(t, body, `href="/staff/reports/`+itoa(id)+`"`)
	res, body := staffGet(t, s, "/staff/reports/"+itoa(id), cookies)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "The webshop never delivered.") {
		t.Fatalf("report page: %d", res.StatusCode)
	}
	if res, _ := staffPost(t, s, "/staff/reports/"+itoa(id)+"/status", url.Values{"status": {"reviewed"}}, cookies); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("moderation: %d", res.StatusCode)
	}
	entries, _, _ := s.store.ListAudit(t.Context(), 0, 1)
	if len(entries) != 1 || entries[0].Target != itoa(id) {
		t.Errorf("audit log: %+v, want target %d", entries, id)
	}
	_, csvBody := staffGet(t, s, "/staff/reports.csv", cookies)
	mustContain(t, csvBody, "The webshop never delivered.", "reviewed")
	if _, body := lookUp(t, s, "en", code, nil); !strings.Contains(body, "The webshop never delivered.") {
		t.Error("the reporter cannot find the report by the receipt code")
	}
}
