package data

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFilesArePrivate: a new database folder is 0700; the database, its WAL
// and index, and backups are 0600, under any umask; an existing database
// made world-readable by an older version is made 0600 on open.
func TestFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "var")
	path := filepath.Join(dir, "portal.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.w.ExecContext(ctx, `UPDATE readiness SET checks = 1`); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want fs.FileMode
	}{
		{dir, 0o700 | fs.ModeDir}, {path, 0o600}, {path + "-wal", 0o600}, {path + "-shm", 0o600}, {backup, 0o600},
	}
	for _, tt := range tests {
		fi, err := os.Stat(tt.path)
		if err != nil || fi.Mode() != tt.want {
			t.Errorf("%s: %v (%v), want %v", filepath.Base(tt.path), fi.Mode(), err, tt.want)
		}
	}
	s.Close()
	os.Chmod(path, 0o644)
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, _ := os.Stat(path); fi.Mode() != 0o600 {
		t.Errorf("reopened database: %v, want 0600", fi.Mode())
	}
}

// TestOpenReadOnlyNeverMigrates: a database of an older schema is checked
// as it is, and a missing file is not created.
func TestOpenReadOnlyNeverMigrates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Make it look like a database from before the newest migration.
	var latest int
	s.w.QueryRow(`SELECT MAX(version) FROM schema_version`).Scan(&latest)
	if _, err := s.w.Exec(`DELETE FROM schema_version WHERE version = ?`, latest); err != nil {
		t.Fatal(err)
	}
	var before int
	s.w.QueryRow(`SELECT MAX(version) FROM schema_version`).Scan(&before)
	s.Close()
	ctx := context.Background()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Check(ctx); err != nil {
		t.Error(err)
	}
	if _, err := ro.r.Exec(`UPDATE readiness SET checks = 2`); err == nil {
		t.Error("a read-only store wrote")
	}
	ro.Close()
	db, _ := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	defer db.Close()
	var v int
	if db.QueryRow(`SELECT MAX(version) FROM schema_version`).Scan(&v); v != before {
		t.Errorf("schema version %d after a read-only open, want %d (not migrated)", v, before)
	}
	missing := filepath.Join(t.TempDir(), "missing.db")
	if _, err := OpenReadOnly(ctx, missing); err == nil {
		t.Error("opened a missing database")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a read-only open created the file")
	}
}

// TestOpenReadOnlyOnReadOnlyMedia checks a database on a read-only bind
// mount, where SQLite cannot create its WAL index. It needs root.
func TestOpenReadOnlyOnReadOnlyMedia(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("skipped: a read-only bind mount needs root")
	}
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, args := range [][]string{{"--bind", dir, dir}, {"-o", "remount,ro,bind", dir}} {
		if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
			t.Skipf("skipped: mount %v: %v %s", args, err, out)
		}
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	ctx := context.Background()
	ro, err := OpenReadOnly(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Check(ctx); err != nil {
		t.Error(err)
	}
}
