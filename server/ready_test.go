package server

import (
	"database/sql"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readyzAt asks /readyz after moving the probe's clock past its interval.
func readyzAt(t *testing.T, s *Server, clock *time.Time) (int, string) {
	t.Helper()
	*clock = clock.Add(2 * time.Second)
	res, body := get(t, s, "/readyz")
	return res.StatusCode, body
}

// TestReadyzLocked: a write lock held past the probe's patience makes the
// portal not ready, with the reason in the log; /healthz stays ok.
func TestReadyzLocked(t *testing.T) {
	var logs strings.Builder
	s := newServerWith(t, testConfig(t), &logs)
	clock := time.Now()
	s.ready.now = func() time.Time { return clock }
	if st, body := readyzAt(t, s, &clock); st != http.StatusOK || body != "ready\n" {
		t.Fatalf("readyz: %d %q", st, body)
	}
	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE readiness SET checks = checks WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if st, _ := readyzAt(t, s, &clock); st != http.StatusServiceUnavailable {
		t.Errorf("readyz while another writer holds the lock: %d, want 503", st)
	}
	mustContain(t, logs.String(), `msg="not ready"`, "a write cannot commit", "locked")
	if res, _ := get(t, s, "/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("healthz while locked: %d; liveness must not depend on writes", res.StatusCode)
	}
	tx.Rollback()
	if st, _ := readyzAt(t, s, &clock); st != http.StatusOK {
		t.Errorf("readyz after the lock: %d", st)
	}
}

// TestReadyzFullDisk runs the portal on a 2 MB tmpfs and fills it: /readyz
// answers 503 with the reason in the log, /healthz stays 200, and /readyz
// is 200 again once there is room. (Media turning read-only under a running
// portal cannot be staged here: Linux refuses to remount a file system
// read-only while SQLite holds files open for writing.)
func TestReadyzFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("skipped: mounting a small tmpfs to fill needs root; run the tests as root to check /readyz on a full disk")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipped: cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	cfg := testConfig(t)
	cfg.DB = filepath.Join(dir, "portal.db")
	var logs strings.Builder
	s := newServerWith(t, cfg, &logs)
	clock := time.Now()
	s.ready.now = func() time.Time { return clock }
	if st, _ := readyzAt(t, s, &clock); st != http.StatusOK {
		t.Fatalf("readyz on an empty disk: %d\n%s", st, logs.String())
	}

	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 16<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	f.Close()
	if st, _ := readyzAt(t, s, &clock); st != http.StatusServiceUnavailable {
		t.Errorf("readyz on a full disk: %d, want 503", st)
	}
	mustContain(t, logs.String(), `msg="not ready"`, "KiB free on the database's file system")
	if res, _ := get(t, s, "/healthz"); res.StatusCode != http.StatusOK {
		t.Errorf("healthz on a full disk: %d; liveness must not depend on writes", res.StatusCode)
	}
	os.Remove(filler)
	if st, _ := readyzAt(t, s, &clock); st != http.StatusOK {
		t.Errorf("readyz once there is room again: %d\n%s", st, logs.String())
	}

}
