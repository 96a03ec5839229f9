package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMigrationMergedLateIsApplied: branches are merged in any order, so a
// database can hold 0010 before 0007 is shipped; 0007 is applied when it
// comes, not skipped for being below the highest version.
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
	s, err := open(path, fsys("0007_"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = open(path, fsys("")); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n, seven int
	if err := s.r.QueryRow(`SELECT COUNT(*), SUM(version = 7) FROM schema_version`).Scan(&n, &seven); err != nil {
		t.Fatal(err)
	}
	if n != len(names) || seven != 1 {
		t.Errorf("%d of %d migrations recorded, 0007 %d times: one merged after 0010 was skipped", n, len(names), seven)
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
	tallies, err := s.SelfCheckTallies(t.Context(), "")
	if err != nil || tallies["2-9"] == nil || tallies["2-9"].N != 1 || tallies["2-9"].Yes["mfa"] != 1 || len(tallies) != 1 {
		t.Errorf("tallies %v (%v)", tallies, err)
	}
	if before, _ := s.SelfCheckTallies(t.Context(), "2026-W48"); len(before) != 0 {
		t.Errorf("a share of 2026-W48 counted before 2026-W48: %v", before)
	}
}
