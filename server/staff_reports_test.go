package server

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"cyberportal/data"
)

func TestStaffReportList(t *testing.T) {
	t.Parallel()
	s, _, _, c := loggedInStaff(t, "a@example.nl", data.RoleAnalyst)
	xss := addTestReport(t, s, "2026-W48", "phishing", "new", `<script>alert("x")</script> & <b>bold</b>`)
	addTestReport(t, s, "2026-W40", "ransomware", "spam", "old ransomware")
	for i := 0; i < 60; i++ {
		addTestReport(t, s, "2026-W45", "helpdesk_fraud", "reviewed", "bank call")
	}
	tests := []struct {
		name, query   string
		want, notWant []string
	}{
		{"all", "", []string{"62 reports found.", "Page 1 of 2", `href="/staff/reports?page=2"`, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;`}, []string{"<script>alert", "<b>bold"}},
		{"incident", "?incident=ransomware", []string{"1 report found.", "old ransomware", `<option value="ransomware" selected>`}, []string{"bank call"}},
		{"status", "?status=spam", []string{"1 report found.", "old ransomware"}, nil},
		{"period", "?from=2026-W44&to=2026w46", []string{"60 reports found.", `value="2026-W46"`}, []string{"old ransomware"}},
		{"page 2", "?incident=helpdesk_fraud&page=2", []string{"Page 2 of 2", `href="/staff/reports?incident=helpdesk_fraud"`}, nil},
		{"bad week", "?from=last+week", []string{"Enter a week as year-W-week", `class="error-summary"`, "62 reports found."}, nil},
		{"bad period", "?from=2026-W46&to=2026-W44", []string{"The last week must not come before the first week"}, nil},
		{"unknown value", "?incident=<x>&municipality=atlantis", []string{"Choose a value from the list", "62 reports found."}, []string{"<x>"}},
		{"export link keeps the filter", "?victim=citizen&status=reviewed", []string{`href="/staff/reports.csv?status=reviewed&amp;victim=citizen"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := staffGet(t, s, "/staff/reports"+tt.query, c)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%d", res.StatusCode)
			}
			mustContain(t, body, tt.want...)
			mustNotContain(t, body, tt.notWant...)
		})
	}
	res, body := staffGet(t, s, "/staff/reports/"+itoa(xss), c)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("detail: %d", res.StatusCode)
	}
	mustContain(t, body, `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`, "Phishing", "Mark as spam", "counts in the public statistics")
	mustNotContain(t, body, "<script>alert")
	for _, bad := range []string{"/staff/reports/999", "/staff/reports/x", "/staff/reports/-1"} {
		if res, _ := staffGet(t, s, bad, c); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
	}
}

// TestStaffModeration moves a report through every status and checks what
// counts in the statistics, the confirmation and the audit log.
func TestStaffModeration(t *testing.T) {
	t.Parallel()
	s, _, _, c := loggedInStaff(t, "a@example.nl", data.RoleAnalyst)
	id := addTestReport(t, s, "2026-W48", "phishing", "new", "text")
	counted := func() int {
		counts, _ := s.store.ReportStatusCounts(t.Context())
		return counts["new"] + counts["reviewed"]
	}
	steps := []struct {
		status, confirm, button string
		counted                 int
	}{
		{"spam", "marked as spam and no longer counts", "Restore", 0},
		{"reviewed", "marked as reviewed and counts", "Mark as spam", 1},
		{"hidden", "is hidden and no longer counts", "Restore", 0},
		{"reviewed", "marked as reviewed and counts", "Hide", 1},
	}
	for _, st := range steps {
		res, _ := staffPost(t, s, "/staff/reports/"+itoa(id)+"/status", url.Values{"status": {st.status}}, c)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d", st.status, res.StatusCode)
		}
		_, body := staffGet(t, s, res.Header.Get("Location"), c)
		mustContain(t, body, st.confirm, st.button)
		if n := counted(); n != st.counted {
			t.Errorf("after %s: %d reports count, want %d", st.status, n, st.counted)
		}
	}
	for _, bad := range []string{"new", "deleted", ""} {
		if res, _ := staffPost(t, s, "/staff/reports/"+itoa(id)+"/status", url.Values{"status": {bad}}, c); res.StatusCode != http.StatusBadRequest {
			t.Errorf("status %q: %d, want 400", bad, res.StatusCode)
		}
	}
	if res, _ := staffPost(t, s, "/staff/reports/999/status", url.Values{"status": {"spam"}}, c); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown report: %d", res.StatusCode)
	}
	entries, _, _ := s.store.ListAudit(t.Context(), 0, 10)
	if entries[0].Action != "report.reviewed" || entries[1].Action != "report.hidden" || entries[0].Email != "a@example.nl" || entries[0].Target != itoa(id) {
		t.Errorf("audit log: %+v", entries[:2])
	}
}

func TestStaffReportExport(t *testing.T) {
	t.Parallel()
	s, _, _, c := loggedInStaff(t, "a@example.nl", data.RoleAnalyst)
	addTestReport(t, s, "2026-W48", "phishing", "new", "=HYPERLINK(\"http://evil\")")
	addTestReport(t, s, "2026-W47", "phishing", "reviewed", "line one\nline two, with \"quotes\"")
	addTestReport(t, s, "2026-W47", "ransomware", "hidden", "-1+1")

	res, body := staffGet(t, s, "/staff/reports.csv?incident=phishing", c)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), `attachment; filename="reports-2026-11-25.csv"`) {
		t.Fatalf("export: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") || len(csvHeader) != 16 {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want header and 2", len(rows))
	}
	want := []string{"2026-W48", "nl", "citizen", "", "", "phishing", "sms", "2026", "11", "maastricht", "none", "", "", "no", "new", `'=HYPERLINK("http://evil")`}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("row 1:\n got %q\nwant %q", rows[1], want)
	}
	if rows[2][15] != "line one\nline two, with \"quotes\"" {
		t.Errorf("row 2 description %q", rows[2][15])
	}
	mustNotContain(t, body, "receipt", "demo")
	entries, _, _ := s.store.ListAudit(t.Context(), 0, 1)
	if entries[0].Action != "report.export" || entries[0].Target != "incident=phishing" {
		t.Errorf("audit: %+v", entries[0])
	}
	if res, _ := staffGet(t, s, "/staff/reports.csv?from=yesterday", c); res.StatusCode != http.StatusBadRequest {
		t.Errorf("bad filter: %d, want 400", res.StatusCode)
	}
	_, all := staffGet(t, s, "/staff/reports.csv", c)
	if n := strings.Count(all, "\n2026-W"); n != 3 {
		t.Errorf("export of everything has %d rows", n)
	}
	if !strings.Contains(all, "'-1+1") {
		t.Error("a description starting with - is not defused")
	}
}

func TestStaffHomeTrendAlert(t *testing.T) {
	t.Parallel()
	s, clock, _, c := loggedInStaff(t, "a@example.nl", data.RoleAnalyst) // Wednesday of 2026-W48
	_, body := staffGet(t, s, "/staff/", c)
	mustContain(t, body, "No type of incident has clearly more reports this week than usual.", "This week is 2026-W48.")
	for back := 1; back <= 12; back++ {
		y, w := clock.now().AddDate(0, 0, -7*back).ISOWeek()
		week := fmt.Sprintf("%04d-W%02d", y, w)
		for i := 0; i < 2; i++ {
			addTestReport(t, s, week, "helpdesk_fraud", "new", "")
		}
	}
	for i := 0; i < 9; i++ {
		addTestReport(t, s, "2026-W48", "helpdesk_fraud", "new", "")
	}
	addTestReport(t, s, "2026-W48", "helpdesk_fraud", "spam", "")
	_, body = staffGet(t, s, "/staff/", c)
	mustContain(t, body, "1 type of incident has clearly more reports this week than usual.",
		`href="/staff/reports?incident=helpdesk_fraud&amp;from=2026-W48&amp;to=2026-W48"`, "Bank helpdesk fraud",
		"9 reports this week; usually 2.0 a week (standard deviation 0.0)", "33 reports count in the public statistics")
}
