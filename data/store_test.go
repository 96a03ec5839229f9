package data

import (
	"context"
	"path/filepath"
	"testing"
)

// openTest opens a store on a fresh file in a temporary folder, and
// gives the context most tests then ask it with.
func openTest(t *testing.T) (*Store, context.Context) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, context.Background()
}

func TestOpenMigratesAFreshDatabase(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	var version int
	if err := s.r.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version < 1 {
		t.Errorf("schema version %d after migrating", version)
	}
	var mode string
	if err := s.r.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q (%v), want wal", mode, err)
	}
	var sync int
	if err := s.w.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil || sync != 2 {
		t.Errorf("synchronous %d (%v), want 2 (FULL)", sync, err)
	}
	var temp int
	if err := s.w.QueryRowContext(ctx, `PRAGMA temp_store`).Scan(&temp); err != nil || temp != 2 {
		t.Errorf("writer temp_store %d (%v), want 2 (MEMORY)", temp, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Error(err)
	}
}

func TestReopenKeepsDataAndSkipsAppliedMigrations(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`INSERT INTO reports (receipt_hash, lang, week, victim, incident, channel, incident_year, incident_month, municipality, loss, police)
		VALUES (x'01', 'nl', '2026-W47', 'citizen', 'phishing', 'email', 2026, 11, 'maastricht', 'none', 'no')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n, versions int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&n)
	s.r.QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&versions)
	if n != 1 {
		t.Errorf("%d reports after reopening, want 1", n)
	}
	if names, _ := migrations.ReadDir("migrations"); versions != len(names) {
		t.Errorf("%d versions recorded for %d migrations: a migration ran twice or not at all", versions, len(names))
	}
}

func TestReadersCannotWrite(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	if _, err := s.r.Exec(`DELETE FROM reports`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	if _, err := s.w.Exec(`INSERT INTO reports (receipt_hash, lang, week, victim, incident, channel, incident_year, incident_month, municipality, loss, police)
		VALUES (x'02', 'fr', '2026-W47', 'business', 'ransomware', 'email', 2026, 10, 'elsewhere', 'gt100000', 'yes')`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, path); err == nil {
		t.Error("a second backup overwrote the first")
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Check(ctx); err != nil {
		t.Error(err)
	}
	var incident string
	if err := b.r.QueryRow(`SELECT incident FROM reports`).Scan(&incident); err != nil || incident != "ransomware" {
		t.Errorf("backup holds %q (%v)", incident, err)
	}
}
