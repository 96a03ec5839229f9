package data

import (
	"context"
	"fmt"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// minFree is the free space below which the store is not ready: a report
// commit needs a few pages in the WAL, and SQLite reuses an old WAL's space
// without growing, so a probe write alone can pass on a full disk.
const minFree = 1 << 20

// Ready reports whether a write can commit now: the database's file system
// has room, and a one-row update commits (it fails on a full disk, read-only
// media or a lock held past ctx). The error says which.
func (s *Store) Ready(ctx context.Context) error {
	var st unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(s.path), &st); err != nil {
		return fmt.Errorf("store: ready: %w", err)
	}
	if free := st.Bavail * uint64(st.Bsize); free < minFree {
		return fmt.Errorf("store: ready: %d KiB free on the database's file system (want at least %d KiB)", free>>10, minFree>>10)
	}
	// The same value every time: the probe proves a commit and keeps no
	// count of probes to set beside the reports' commits.
	if _, err := s.w.ExecContext(ctx, `UPDATE readiness SET checks = 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("store: ready: a write cannot commit: %w", err)
	}
	return nil
}
