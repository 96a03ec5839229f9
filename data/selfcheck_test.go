package data

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestMigrationMergedLateIsApplied: branches are merged in any order, so a
// database can hold 0010 before 0009 is shipped; 0009 is applied when it
// comes, not skipped for being below the highest version. (0009 is the one
// left out: it needs 0003 and 0007, and nothing later needs it.)
func TestMigrationMergedLateIsApplied(t *testing.T) {
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	fsys := func(skip string) fstest.MapFS {
		m := fstest.MapFS{}
		for _, name := range names {
			if strings.Contains(name, skip) && skip != "" {
				continue
			}
			body, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			m[name] = &fstest.MapFile{Data: body}
		}
		return m
	}
	path := filepath.Join(t.TempDir(), "late.db")
	s, err := open(path, fsys("0009_"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = open(path, fsys("")); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n, late int
	if err := s.r.QueryRow(`SELECT COUNT(*), SUM(version = 9) FROM schema_version`).Scan(&n, &late); err != nil {
		t.Fatal(err)
	}
	if n != len(names) || late != 1 {
		t.Errorf("%d of %d migrations recorded, 0009 %d times: one merged after 0010 was skipped", n, len(names), late)
	}
}

// TestSaveSelfCheckRefusesWhatIsNotACode: the store's own guard.
func TestSaveSelfCheckRefusesWhatIsNotACode(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good := func() SelfCheckShare {
		a := map[string]string{}
		for _, q := range SelfCheckQuestions {
			a[q] = "yes"
		}
		return SelfCheckShare{Week: "2026-W48", Sector: "retail", Size: "2-9", Answers: a}
	}
	cases := map[string]func(*SelfCheckShare){
		"week":     func(sh *SelfCheckShare) { sh.Week = "2026-11-23" },
		"sector":   func(sh *SelfCheckShare) { sh.Sector = "banking" },
		"size":     func(sh *SelfCheckShare) { sh.Size = "3" },
		"answer":   func(sh *SelfCheckShare) { sh.Answers["mfa"] = "maybe" },
		"missing":  func(sh *SelfCheckShare) { delete(sh.Answers, "mfa") },
		"too many": func(sh *SelfCheckShare) { sh.Answers["extra"] = "yes" },
	}
	for name, change := range cases {
		sh := good()
		change(&sh)
		if err := s.SaveSelfCheck(t.Context(), sh); err == nil {
			t.Errorf("%s: stored", name)
		}
	}
	if err := s.SaveSelfCheck(t.Context(), good()); err != nil {
		t.Fatal(err)
	}
	tallies, err := s.SelfCheckTallies(t.Context(), false)
	if err != nil || tallies["2-9"] == nil || tallies["2-9"].N != 1 || tallies["2-9"].Yes["mfa"] != 1 || len(tallies) != 1 {
		t.Errorf("tallies %v (%v)", tallies, err)
	}
	if released, _ := s.SelfCheckTallies(t.Context(), true); len(released) != 0 {
		t.Errorf("a share counted as released before any release: %v", released)
	}
}

// TestSelfCheckReleased: the public tallies are a copy of the live ones
// made by a release, each count with the sum of its shares' record keys;
// shares stored before 0011 get record keys and count as pending.
func TestSelfCheckReleased(t *testing.T) {
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	before, all := fstest.MapFS{}, fstest.MapFS{}
	for _, name := range names {
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		all[name] = &fstest.MapFile{Data: body}
		if !strings.Contains(name, "0011_") {
			before[name] = &fstest.MapFile{Data: body}
		}
	}
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := open(path, before)
	if err != nil {
		t.Fatal(err)
	}
	n := len(SelfCheckQuestions)
	for i, answers := range []string{strings.Repeat("y", n), "n" + strings.Repeat("y", n-1), strings.Repeat("n", n)} {
		if _, err := s.w.Exec(`INSERT INTO selfcheck_shares (id, week, size, version, answers) VALUES (?, '2026-W40', '2-9', 1, ?)`,
			i+1, answers); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = open(path, all); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := t.Context()
	var keys, distinct int64
	if err := s.r.QueryRow(`SELECT SUM(record_key), COUNT(DISTINCT record_key) FROM selfcheck_shares`).Scan(&keys, &distinct); err != nil {
		t.Fatal(err)
	}
	if distinct != 3 {
		t.Errorf("%d distinct record keys for 3 shares", distinct)
	}
	if r, err := s.ReleaseState(ctx, ReleaseSelfCheck); err != nil || r.Pending != 3 || !r.Day.IsZero() {
		t.Errorf("release state after 0011: %+v (%v)", r, err)
	}
	first := SelfCheckQuestions[0]
	live, err := s.SelfCheckTallies(ctx, false)
	if err != nil || live["2-9"] == nil || live["2-9"].N != 3 || live["2-9"].Key != keys ||
		live["2-9"].Yes[first] != 1 || live["2-9"].Yes[SelfCheckQuestions[1]] != 2 {
		t.Fatalf("live tallies %+v (%v)", live["2-9"], err)
	}
	if released, _ := s.SelfCheckTallies(ctx, true); len(released) != 0 {
		t.Errorf("published before a release: %+v", released["2-9"])
	}
	if ok, err := s.MaybeRelease(ctx, ReleaseSelfCheck, time.Now(), ReleaseRule{Interval: 24 * time.Hour, MinChanges: 3}, false); !ok || err != nil {
		t.Fatalf("first release with 3 changes pending: %v %v", ok, err)
	}
	released, err := s.SelfCheckTallies(ctx, true)
	if err != nil || !reflect.DeepEqual(released, live) {
		t.Errorf("released %+v, want the live %+v (%v)", released["2-9"], live["2-9"], err)
	}
	if r, _ := s.ReleaseState(ctx, ReleaseSelfCheck); r.Pending != 0 || r.Version != 1 {
		t.Errorf("after the release: %+v", r)
	}
}
