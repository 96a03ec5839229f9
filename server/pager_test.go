package server

import (
	"strings"
	"testing"
)

// TestStaffListsArePaged: the report list (with its filter kept in the
// links) and the audit log share one pager.
func TestStaffListsArePaged(t *testing.T) {
	t.Parallel()
	s, _, _, c := loggedInStaff(t, "admin@example.org", "admin")
	// Two pages of each: every report is moderated, and so audited.
	for range max(2*reportsPerPage, auditPerPage) + 1 {
		addTestReport(t, s, "2026-W48", "phishing", "reviewed", "")
	}
	for _, tc := range []struct {
		first, second string
		want1, want2  []string
	}{
		{"/staff/reports?incident=phishing", "/staff/reports?incident=phishing&page=2",
			[]string{"Page 1 of 3", `href="/staff/reports?incident=phishing&amp;page=2" rel="next"`},
			[]string{"Page 2 of 3", `href="/staff/reports?incident=phishing" rel="prev"`, `href="/staff/reports?incident=phishing&amp;page=3" rel="next"`}},
		{"/staff/audit", "/staff/audit?page=2", []string{"Page 1 of 2"}, []string{"Page 2 of 2", `href="/staff/audit?page=1" rel="prev"`}},
	} {
		_, body := staffGet(t, s, tc.first, c)
		mustContain(t, body, append(tc.want1, `rel="next"`, `aria-label="Pages"`)...)
		mustNotContain(t, body, `rel="prev"`)
		_, body = staffGet(t, s, tc.second, c)
		mustContain(t, body, append(tc.want2, `rel="prev"`)...)
		if strings.Contains(body, "2 of 2") && strings.Contains(body, `rel="next"`) {
			t.Errorf("%s: a next link on the last page", tc.second)
		}
	}
}
