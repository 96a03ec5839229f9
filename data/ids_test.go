package data

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"cyberportal/data/auth"
)

// TestReportIDsTellNoOrder: reports and updates stored one after another
// get ids that are neither in that order nor small, and a report's updates
// still come back in the order they were added.
func TestReportIDsTellNoOrder(t *testing.T) {
	s, ctx := openTest(t)
	q := NewReportQueue(s, 8)
	var ids []int64
	var codes []auth.ReceiptCode
	for range 40 {
		code, _ := auth.NewReceiptCode()
		if _, err := q.Submit(ctx, code, testReport()); err != nil {
			t.Fatal(err)
		}
		var id int64
		if err := s.r.QueryRow(`SELECT id FROM reports WHERE receipt_hash = ?`, code.Hash()).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids, codes = append(ids, id), append(codes, code)
	}
	if slices.IsSorted(ids) {
		t.Errorf("report ids follow the order of submission: %v", ids)
	}
	for _, id := range ids {
		if id < 1<<40 {
			t.Errorf("report id %d is small: not 63 random bits", id)
		}
	}
	var updateIDs []int64
	for i, body := range []string{"first", "second", "third", "fourth", "fifth"} {
		if _, err := s.AddReportUpdate(ctx, string(codes[0]), "2026-W48", body); err != nil {
			t.Fatal(err)
		}
		var id int64
		s.r.QueryRow(`SELECT id FROM report_updates WHERE seq = ?`, i+1).Scan(&id)
		updateIDs = append(updateIDs, id)
	}
	r, err := s.ReportByReceipt(ctx, string(codes[0]))
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, u := range r.Updates {
		bodies = append(bodies, u.Body)
	}
	if fmt.Sprint(bodies) != "[first second third fourth fifth]" {
		t.Errorf("updates %v, want them in the order they were added", bodies)
	}
	if slices.IsSorted(updateIDs) || updateIDs[0] < 1<<40 {
		t.Errorf("update ids %v follow the order of adding", updateIDs)
	}
	// A repeated update (a reloaded page) is still recognised by seq.
	if added, err := s.AddReportUpdate(ctx, string(codes[0]), "2026-W48", "fifth"); err != nil || added {
		t.Errorf("repeated update added %v %v", added, err)
	}
}

// TestRandomIDCollisionIsRetried: an id that is taken costs a new draw,
// and a receipt code that is taken is not mistaken for a collision.
func TestRandomIDCollisionIsRetried(t *testing.T) {
	s, ctx := openTest(t)
	draws := []int64{77, 77, 77, 91} // then 77 for ever
	var drawn int
	s.newID = func() (int64, error) {
		drawn++
		if drawn <= len(draws) {
			return draws[drawn-1], nil
		}
		return 77, nil
	}
	q := NewReportQueue(s, 1)
	a, _ := auth.NewReceiptCode()
	b, _ := auth.NewReceiptCode()
	for _, code := range []auth.ReceiptCode{a, b} {
		if stored, err := q.Submit(ctx, code, testReport()); err != nil || !stored {
			t.Fatalf("stored %v, %v", stored, err)
		}
	}
	var got []int64
	rows, _ := s.r.Query(`SELECT id FROM reports ORDER BY id`)
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		got = append(got, id)
	}
	rows.Close()
	if fmt.Sprint(got) != "[77 91]" || drawn != 4 {
		t.Errorf("ids %v after %d draws, want [77 91] after 4", got, drawn)
	}
	drawn = 4
	if stored, err := q.Submit(ctx, a, testReport()); err != nil || stored {
		t.Errorf("the same receipt again: stored %v, %v", stored, err)
	}
	if drawn != 5 {
		t.Errorf("%d draws for a taken receipt code, want 1", drawn-4)
	}
	// Every draw taken: an error, not a loop.
	c, _ := auth.NewReceiptCode()
	if _, err := q.Submit(ctx, c, testReport()); err == nil {
		t.Error("a report was stored although every id was taken")
	}
}

// TestMigrationGivesOldReportsRandomIDs: a database made before migration
// 0005, with counting ids, keeps its reports, updates (in order), receipt
// codes and statistics, under random ids.
func TestMigrationGivesOldReportsRandomIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/*.sql")
	sort.Strings(names)
	old.Exec(`CREATE TABLE schema_version (version INTEGER NOT NULL)`)
	for _, name := range names {
		var version int
		fmt.Sscanf(filepath.Base(name), "%04d", &version)
		if version >= 5 {
			break
		}
		body, _ := fs.ReadFile(migrations, name)
		if _, err := old.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		old.Exec(`INSERT INTO schema_version VALUES (?)`, version)
	}
	code, _ := auth.NewReceiptCode()
	for i := range 30 {
		hash := []byte(fmt.Sprintf("%032d", i))
		if i == 7 {
			hash = code.Hash()
		}
		status := []string{"new", "reviewed", "spam"}[i%3]
		if _, err := old.Exec(`INSERT INTO reports (receipt_hash, lang, week, victim, incident, channel, incident_year,
			incident_month, municipality, loss, police, status) VALUES (?, 'nl', '2026-W10', 'citizen', ?, 'email', 2026, ?,
			'maastricht', 'none', 'no', ?)`, hash, []string{"phishing", "ddos"}[i%2], 1+i%4, status); err != nil {
			t.Fatal(err)
		}
	}
	for _, body := range []string{"one", "two", "three"} {
		old.Exec(`INSERT INTO report_updates (report_id, week, body) VALUES (8, '2026-W11', ?)`, body)
	}
	statsQuery := `SELECT victim || incident || dim || value || ym || ':' || n FROM report_stats WHERE n <> 0 ORDER BY 1`
	before := column(t, old, statsQuery)
	old.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := column(t, s.r, statsQuery); fmt.Sprint(after) != fmt.Sprint(before) || len(before) == 0 {
		t.Errorf("statistics changed in the migration:\n%v\n%v", before, after)
	}
	ids := column(t, s.r, `SELECT id FROM reports`)
	if len(ids) != 30 {
		t.Fatalf("%d reports after the migration", len(ids))
	}
	small := 0
	for _, id := range ids {
		var n int64
		fmt.Sscan(id, &n)
		if n <= 30 {
			small++
		}
	}
	if small > 0 {
		t.Errorf("%d reports kept their counting ids", small)
	}
	r, err := s.ReportByReceipt(context.Background(), string(code))
	if err != nil || len(r.Updates) != 3 || r.Updates[0].Body != "one" || r.Updates[2].Body != "three" {
		t.Fatalf("report by its receipt code after the migration: %+v %v", r, err)
	}
	var keys, distinct int
	s.r.QueryRow(`SELECT COUNT(*), COUNT(DISTINCT record_key) FROM reports`).Scan(&keys, &distinct)
	if distinct < 29 {
		t.Errorf("%d distinct record keys among %d reports", distinct, keys)
	}
}

func column(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		rows.Scan(&v)
		out = append(out, v)
	}
	return out
}
