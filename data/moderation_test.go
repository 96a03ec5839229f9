package data

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"cyberportal/data/vocab"
)

// addModerationReport inserts a report as the public form would store it.
func addModerationReport(t *testing.T, s *Store, week, incident, victim, municipality, status, description string) int64 {
	t.Helper()
	res, err := s.w.Exec(`INSERT INTO reports (receipt_hash, lang, week, victim, incident, channel, incident_year, incident_month,
		municipality, loss, police, description, status) VALUES (randomblob(32), 'nl', ?, ?, ?, 'email', 2026, 1, ?, 'none', 'no', ?, ?)`,
		week, victim, incident, municipality, description, status)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

func TestModerationFiltersAndPaging(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	for i := 0; i < 30; i++ {
		week := fmt.Sprintf("2026-W%02d", 1+i%10)
		incident := []string{"phishing", "helpdesk_fraud", "ransomware"}[i%3]
		victim := []string{"citizen", "business"}[i%2]
		addModerationReport(t, s, week, incident, victim, []string{"maastricht", "elsewhere"}[i%2], ModerationStatuses()[i%4], "text")
	}
	tests := []struct {
		name string
		f    ModerationFilter
		want int
	}{
		{"all", ModerationFilter{}, 30},
		{"incident", ModerationFilter{Incident: "phishing"}, 10},
		{"victim", ModerationFilter{Victim: "business"}, 15},
		{"municipality", ModerationFilter{Municipality: "elsewhere"}, 15},
		{"status", ModerationFilter{Status: "spam"}, 7},
		{"from", ModerationFilter{From: "2026-W09"}, 6},
		{"to", ModerationFilter{To: "2026-W02"}, 6},
		{"period", ModerationFilter{From: "2026-W03", To: "2026-W04"}, 6},
		{"combined", ModerationFilter{Incident: "phishing", Victim: "citizen"}, 5},
		{"nothing", ModerationFilter{Incident: "ddos"}, 0},
	}
	for _, tt := range tests {
		list, total, err := s.ModerationReports(ctx, tt.f, 0, 100)
		if err != nil || total != tt.want || len(list) != tt.want {
			t.Errorf("%s: %d rows, total %d (%v), want %d", tt.name, len(list), total, err, tt.want)
		}
		n := 0
		s.ExportReports(ctx, tt.f, func(*ModerationReport) error { n++; return nil })
		if n != tt.want {
			t.Errorf("%s: export has %d rows, want %d", tt.name, n, tt.want)
		}
	}
	page1, total, _ := s.ModerationReports(ctx, ModerationFilter{}, 0, 12)
	page3, _, _ := s.ModerationReports(ctx, ModerationFilter{}, 24, 12)
	if total != 30 || len(page1) != 12 || len(page3) != 6 {
		t.Errorf("paging: %d, %d of %d", len(page1), len(page3), total)
	}
	if page1[0].Week != "2026-W10" || page3[5].Week != "2026-W01" {
		t.Errorf("not newest week first: %s ... %s", page1[0].Week, page3[5].Week)
	}
	stop := errors.New("stop")
	if err := s.ExportReports(ctx, ModerationFilter{}, func(*ModerationReport) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("export did not pass on the callback's error: %v", err)
	}
	munis, _ := s.ReportMunicipalities(ctx)
	if len(munis) != 2 || munis[0] != "elsewhere" {
		t.Errorf("municipalities %v", munis)
	}
}

func TestSetReportStatus(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	analyst, _ := activeStaff(t, s, "a@example.nl", RoleAnalyst)
	id := addModerationReport(t, s, "2026-W10", "phishing", "citizen", "maastricht", "new", "<script>x</script>")
	s.w.Exec(`INSERT INTO report_updates (report_id, seq, week, body) VALUES (?, 1, '2026-W11', 'later')`, id)
	for _, st := range []string{"spam", "hidden", "reviewed", "reviewed"} {
		if err := s.SetReportStatus(ctx, id, st, analyst.ID, staffNow); err != nil {
			t.Fatal(err)
		}
		r, _ := s.ModerationReport(ctx, id)
		if r.Status != st {
			t.Errorf("status %q, want %q", r.Status, st)
		}
	}
	r, err := s.ModerationReport(ctx, id)
	if err != nil || r.Description != "<script>x</script>" || len(r.Updates) != 1 || r.Updates[0].Body != "later" {
		t.Errorf("report: %+v %v", r, err)
	}
	if err := s.SetReportStatus(ctx, id, "deleted", analyst.ID, staffNow); err == nil {
		t.Error("accepted an unknown status")
	}
	if err := s.SetReportStatus(ctx, 999, "spam", analyst.ID, staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown report: %v", err)
	}
	if _, err := s.ModerationReport(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown report: %v", err)
	}
	counts, _ := s.ReportStatusCounts(ctx)
	if counts["reviewed"] != 1 || counts["new"] != 0 || len(counts) != 4 {
		t.Errorf("counts %v", counts)
	}
	entries, total, _ := s.ListAudit(ctx, 0, 10)
	// activeStaff adds the account from the command line (no e-mail in the
	// log) and sets it up. Setting a status it already has is not an action.
	want := []string{"report.reviewed", "report.hidden", "report.spam"}
	for i, w := range want {
		if entries[i].Action != w || entries[i].Target != fmt.Sprint(id) || entries[i].Email != "a@example.nl" || !entries[i].At.Equal(staffNow) {
			t.Errorf("audit entry %d: %+v, want %s", i, entries[i], w)
		}
	}
	if total != 5 {
		t.Errorf("%d audit entries, want 5 (add, set-up and three statuses)", total)
	}
	if entries[3].Action != "staff.setup" || entries[4].Action != "staff.add" || entries[4].Email != "" {
		t.Errorf("older entries: %+v", entries[3:])
	}

	// Setting the status a report has already changes no row, and then a
	// second query tells "has it already" from "no such report". When that
	// query fails, the failure is the answer, not "nothing to do". Here
	// the writer refuses a SELECT which starts by reading reports.id: the
	// existence check. The UPDATE goes through (and changes nothing); the
	// SELECTs in its triggers start otherwise.
	if err := s.w.Close(); err != nil {
		t.Fatal(err)
	}
	s.w = sql.OpenDB(connector{
		dsn: "file:" + url.PathEscape(s.path) + "?_busy_timeout=5000&_txlock=immediate",
		driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			last := 0
			c.RegisterAuthorizer(func(op int, table, column, _ string) int {
				prev := last
				last = op
				if prev == sqlite3.SQLITE_SELECT && op == sqlite3.SQLITE_READ && table == "reports" && column == "id" {
					return sqlite3.SQLITE_DENY
				}
				return 0 // SQLITE_OK
			})
			return nil
		}},
	})
	s.w.SetMaxOpenConns(1)
	err = s.SetReportStatus(ctx, id, "reviewed", analyst.ID, staffNow)
	if err == nil || errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "access to reports.id is prohibited") {
		t.Errorf("a failed existence check gave %v, want the refused query's error", err)
	}
}

func TestEraseOldReportText(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC) // 2026-W48; 24 months back is 2024-11-23, 2024-W47
	weeks := map[string]bool{"2023-W01": true, "2024-W01": true, "2024-W46": true, "2024-W47": false, "2025-W30": false, "2026-W48": false}
	ids := map[string]int64{}
	for w := range weeks {
		ids[w] = addModerationReport(t, s, w, "phishing", "citizen", "maastricht", "new", "free text of "+w)
		s.w.Exec(`INSERT INTO report_updates (report_id, seq, week, body) VALUES (?, 1, ?, 'update')`, ids[w], w)
	}
	r, err := s.EraseOldReportText(ctx, now, 24)
	if err != nil {
		t.Fatal(err)
	}
	if r.Before != "2024-W47" || r.Reports != 3 || r.Updates != 3 {
		t.Errorf("retention %+v, want before 2024-W47, 3 and 3", r)
	}
	for w, erased := range weeks {
		rep, _ := s.ModerationReport(ctx, ids[w])
		if (rep.Description == "") != erased || (rep.Updates[0].Body == "") != erased {
			t.Errorf("%s: description %q, update %q; erased want %v", w, rep.Description, rep.Updates[0].Body, erased)
		}
		if rep.Incident != "phishing" || rep.Week != w {
			t.Errorf("%s: coded answers changed: %+v", w, rep)
		}
	}
	if r, _ := s.EraseOldReportText(ctx, now, 24); r.Reports != 0 || r.Updates != 0 {
		t.Errorf("second run erased %+v", r)
	}
	if r, _ := s.EraseOldReportText(ctx, now, 1); r.Reports != 2 || r.Before != "2026-W43" {
		t.Errorf("one month: %+v", r)
	}
}

func TestTrendAlerts(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) // 2026-W48
	week := func(back int) string { return vocab.Week(now.AddDate(0, 0, -7*back)) }
	add := func(incident string, back, n int, status string) {
		for i := 0; i < n; i++ {
			addModerationReport(t, s, week(back), incident, "citizen", "maastricht", status, "")
		}
	}
	for back := 1; back <= 12; back++ {
		add("phishing", back, 4+back%3, "new") // steady 4 to 6 a week
		add("helpdesk_fraud", back, 5, "reviewed")
		add("ransomware", back, back%2, "new")
	}
	add("phishing", 0, 20, "new")          // a wave
	add("helpdesk_fraud", 0, 6, "new")     // within the usual level? sd 0, mean 5: 6 > 5 is an alert
	add("ransomware", 0, 4, "new")         // far above its level, but fewer than five
	add("shopping_fraud", 0, 5, "new")     // new type, five reports
	add("investment_fraud", 0, 30, "spam") // spam does not count
	add("phishing", 13, 50, "new")         // outside the twelve weeks

	alerts, err := s.TrendAlerts(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]TrendAlert{}
	for _, a := range alerts {
		got[a.Incident] = a
	}
	if len(alerts) != 3 || alerts[0].Incident != "phishing" || alerts[0].Count != 20 || alerts[0].Week != "2026-W48" {
		t.Fatalf("alerts %+v", alerts)
	}
	if a := got["phishing"]; math.Abs(a.Mean-5) > 1e-9 || math.Abs(a.SD-math.Sqrt(2.0/3)) > 1e-9 {
		t.Errorf("phishing mean %v sd %v, want 5 and 0.816", a.Mean, a.SD)
	}
	for _, want := range []string{"helpdesk_fraud", "shopping_fraud"} {
		if _, ok := got[want]; !ok {
			t.Errorf("no alert for %s", want)
		}
	}
	for _, not := range []string{"ransomware", "investment_fraud"} {
		if _, ok := got[not]; ok {
			t.Errorf("alert for %s", not)
		}
	}
}

func TestTrendRule(t *testing.T) {
	t.Parallel()
	series := func(before []int, now int) []int { return append(append([]int{}, before...), now) }
	flat := []int{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}
	noisy := []int{2, 18, 2, 18, 2, 18, 2, 18, 2, 18, 2, 18} // mean 10, sd 8: alert above 26
	tests := []struct {
		name   string
		counts []int
		alert  bool
	}{
		{"flat, same", series(flat, 10), false},
		{"flat, one more", series(flat, 11), true},
		{"noisy, at mean+2sd", series(noisy, 26), false},
		{"noisy, above", series(noisy, 27), true},
		{"from nothing to four", series(make([]int, 12), 4), false},
		{"from nothing to five", series(make([]int, 12), 5), true},
		{"fewer this week", series(flat, 3), false},
	}
	for _, tt := range tests {
		got := trendAlerts(map[string][]int{"x": tt.counts})
		if (len(got) == 1) != tt.alert {
			t.Errorf("%s: %+v, want alert %v", tt.name, got, tt.alert)
		}
	}
}
