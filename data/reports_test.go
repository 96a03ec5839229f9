package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"cyberportal/data/auth"
)

// testReport is a valid report that tests change one answer of.
func testReport() *Report {
	return &Report{
		Lang: "nl", Week: "2026-W47", Victim: "citizen", Incident: "phishing", Channel: "sms",
		IncidentYear: 2026, IncidentMonth: 11, Municipality: "maastricht", Loss: "100-1000", Recovered: "no",
		Police: "plan", Description: "Sms van [phone] met link hxxps://rabo-veilig[.]com",
	}
}

// storeTestReport stores a report through a queue and returns its code.
func storeTestReport(t *testing.T, s *Store, r *Report) auth.ReceiptCode {
	t.Helper()
	code, err := auth.NewReceiptCode()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := NewReportQueue(s, 8).Submit(context.Background(), code, r)
	if err != nil || !stored {
		t.Fatalf("Submit: %v, %v", stored, err)
	}
	return code
}

func TestReportCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Report)
		want   string // part of the error, "" for valid
	}{
		{"valid citizen", func(r *Report) {}, ""},
		{"valid business", func(r *Report) { r.Victim, r.CompanySize, r.Sector = "business", "10-49", "retail" }, ""},
		{"valid ransomware", func(r *Report) { r.Incident, r.RansomPaid = "ransomware", "no" }, ""},
		{"no loss, nothing recovered", func(r *Report) { r.Loss, r.Recovered = "none", "" }, ""},
		{"first month allowed", func(r *Report) { r.IncidentYear, r.IncidentMonth = 2000, 1 }, ""},
		{"unknown incident", func(r *Report) { r.Incident = "hacking" }, "incident"},
		{"markup as a code", func(r *Report) { r.Channel = "<script>" }, "channel"},
		{"unknown language", func(r *Report) { r.Lang = "de" }, "lang"},
		{"business without size", func(r *Report) { r.Victim, r.Sector = "business", "retail" }, "company_size"},
		{"citizen with a sector", func(r *Report) { r.Sector = "retail" }, "sector"},
		{"recovered without loss", func(r *Report) { r.Loss = "none" }, "recovered"},
		{"loss without recovered", func(r *Report) { r.Recovered = "" }, "recovered"},
		{"ransom for phishing", func(r *Report) { r.RansomPaid = "yes" }, "ransom"},
		{"sextortion without ransom answer", func(r *Report) { r.Incident = "sextortion" }, "ransom"},
		{"month 13", func(r *Report) { r.IncidentMonth = 13 }, "month"},
		{"before 2000", func(r *Report) { r.IncidentYear = 1999 }, "month"},
		{"exact date as week", func(r *Report) { r.Week = "2026-11-23" }, "week"},
		{"week 54", func(r *Report) { r.Week = "2026-W54" }, "week"},
		{"unknown municipality", func(r *Report) { r.Municipality = "amsterdam" }, "municipality"},
		{"unknown police answer", func(r *Report) { r.Police = "maybe" }, "police"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testReport()
			tt.change(r)
			err := r.Check()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("valid report rejected: %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("invalid report accepted")
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestReportByReceipt(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	want := testReport()
	want.Victim, want.CompanySize, want.Sector = "business", "2-9", "ict"
	code := storeTestReport(t, s, want)

	for _, typed := range []string{code.String(), string(code), strings.ToLower(code.String()), " " + code.String() + " "} {
		got, err := s.ReportByReceipt(ctx, typed)
		if err != nil {
			t.Fatalf("ReportByReceipt(%q): %v", typed, err)
		}
		if got.Victim != "business" || got.CompanySize != "2-9" || got.Sector != "ict" || got.Description != want.Description ||
			got.Week != want.Week || got.IncidentYear != 2026 || got.IncidentMonth != 11 || got.Recovered != "no" || got.Lang != "nl" {
			t.Errorf("read back %+v, stored %+v", got, want)
		}
	}
	other, _ := auth.NewReceiptCode()
	for _, typed := range []string{string(other), "", "nonsense", code.String() + "X", strings.Repeat("Z", 1000)} {
		if _, err := s.ReportByReceipt(ctx, typed); !errors.Is(err, ErrNotFound) {
			t.Errorf("ReportByReceipt(%q): %v, want ErrNotFound", typed, err)
		}
	}
}

func TestAddReportUpdate(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	code := storeTestReport(t, s, testReport())

	added, err := s.AddReportUpdate(ctx, code.String(), "2026-W48", "The bank got €200 back.")
	if err != nil || !added {
		t.Fatalf("first update: %v, %v", added, err)
	}
	if added, err := s.AddReportUpdate(ctx, string(code), "2026-W48", "The bank got €200 back."); err != nil || added {
		t.Errorf("the same update again (a reloaded page): added %v, %v; want it ignored", added, err)
	}
	if _, err := s.AddReportUpdate(ctx, code.String(), "2026-W49", "Second update"); err != nil {
		t.Fatal(err)
	}
	r, err := s.ReportByReceipt(ctx, code.String())
	if err != nil {
		t.Fatal(err)
	}
	want := []ReportUpdate{{"2026-W48", "The bank got €200 back."}, {"2026-W49", "Second update"}}
	if !slices.Equal(r.Updates, want) {
		t.Errorf("updates %v, want %v", r.Updates, want)
	}

	for i := len(want); i < MaxReportUpdates; i++ {
		if _, err := s.AddReportUpdate(ctx, code.String(), "2026-W49", fmt.Sprint("update ", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddReportUpdate(ctx, code.String(), "2026-W49", "one too many"); !errors.Is(err, ErrTooManyUpdates) {
		t.Errorf("update %d: %v, want ErrTooManyUpdates", MaxReportUpdates+1, err)
	}
	other, _ := auth.NewReceiptCode()
	for _, typed := range []string{string(other), "garbage"} {
		if _, err := s.AddReportUpdate(ctx, typed, "2026-W49", "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("update with code %q: %v, want ErrNotFound", typed, err)
		}
	}
	if _, err := s.AddReportUpdate(ctx, code.String(), "2026-11-23", "x"); err == nil {
		t.Error("an update with a date instead of a week was accepted")
	}
}

func TestDeleteReport(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	code := storeTestReport(t, s, testReport())
	keep := storeTestReport(t, s, testReport())
	if _, err := s.AddReportUpdate(ctx, code.String(), "2026-W48", "update"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteReport(ctx, strings.ToLower(code.String())); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReportByReceipt(ctx, code.String()); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted report still found: %v", err)
	}
	var reports, updates int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&reports)
	s.r.QueryRow(`SELECT COUNT(*) FROM report_updates`).Scan(&updates)
	if reports != 1 || updates != 0 {
		t.Errorf("after delete: %d reports, %d updates; want 1 (the other one) and 0", reports, updates)
	}
	if _, err := s.ReportByReceipt(ctx, keep.String()); err != nil {
		t.Errorf("the other report is gone too: %v", err)
	}
	if err := s.DeleteReport(ctx, code.String()); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	if err := s.DeleteReport(ctx, "garbage"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete with a malformed code: %v, want ErrNotFound", err)
	}
}

// TestReportsTableHoldsNothingIdentifying guards the schema: a column for an
// address, a browser or a time finer than a week must never appear.
func TestReportsTableHoldsNothingIdentifying(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	for _, table := range []string{"reports", "report_updates"} {
		rows, err := s.r.Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		if len(cols) == 0 {
			t.Fatalf("table %s has no columns", table)
		}
		for _, c := range cols {
			for _, bad := range []string{"ip", "addr", "agent", "ua", "time", "date", "created", "at", "email", "name"} {
				if c == bad || strings.HasPrefix(c, bad+"_") || strings.HasSuffix(c, "_"+bad) {
					t.Errorf("%s.%s looks like identifying data", table, c)
				}
			}
		}
	}
}
