package server

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// diskBytes is every byte of the database's files: the database, its WAL
// and the WAL index.
func diskBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// TestErasedTextIsGoneFromTheDisk writes markers into a report and its
// update through the real form, erases them (a reporter's delete, and the
// retention job), and searches the bytes of the database file and its WAL.
// Without secure_delete and a checkpoint the text stays in a free page or
// an old WAL frame.
func TestErasedTextIsGoneFromTheDisk(t *testing.T) {
	for _, tc := range []struct {
		name  string
		erase func(t *testing.T, s *Server, code string)
	}{
		{"reporter deletes", func(t *testing.T, s *Server, code string) {
			lookUp(t, s, "en", code, url.Values{"action": {"delete-confirmed"}})
		}},
		{"retention", func(t *testing.T, s *Server, code string) {
			s.now = func() time.Time { return reportClock.AddDate(3, 0, 0) }
			s.dailyJobs(context.Background())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestServer(t)
			s.now = func() time.Time { return reportClock }
			s.report.submits.setRates(Rate{1000, time.Minute}, Rate{}) // raised for the test, not off
			answers := validAnswers()
			answers.Set("description", "Quokkadescription marker text that must vanish.")
			_, _, code := sendReport(t, s, "en", answers)
			lookUp(t, s, "en", code, url.Values{"action": {"update"}, "update": {"Wombatupdate marker text, later."}})
			// Many reports around it, as on a real day.
			for range 20 {
				sendReport(t, s, "en", validAnswers())
			}
			if err := s.store.Checkpoint(context.Background()); err != nil {
				t.Fatal(err)
			}
			disk := diskBytes(t, s.cfg.DB)
			for _, marker := range []string{"Quokkadescription", "Wombatupdate"} {
				if !bytes.Contains(disk, []byte(marker)) {
					t.Fatalf("%s is not on the disk before erasing: the test would prove nothing", marker)
				}
			}
			tc.erase(t, s, code)
			disk = diskBytes(t, s.cfg.DB)
			for _, marker := range []string{"Quokkadescription", "Wombatupdate", "marker text"} {
				if i := bytes.Index(disk, []byte(marker)); i >= 0 {
					t.Errorf("%q is still on the disk: …%s…", marker, strings.ToValidUTF8(string(disk[max(0, i-40):i+40]), "?"))
				}
			}
			if st, err := os.Stat(s.cfg.DB + "-wal"); err == nil && st.Size() != 0 {
				t.Errorf("the WAL holds %d bytes after erasing, want 0 (truncated)", st.Size())
			}
		})
	}
}
