package data

import (
	"errors"
	"testing"
	"time"
)

func TestSessionTimeouts(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	m, _ := activeStaff(t, s, "a@example.nl", RoleAnalyst)
	lim := SessionLimits{Idle: 30 * time.Minute, Max: 12 * time.Hour}
	t.Run("stored hashed", func(t *testing.T) {
		tok, _ := s.StartSession(ctx, m.ID, staffNow)
		var n int
		s.r.QueryRow(`SELECT COUNT(*) FROM staff_sessions WHERE token_hash = ?`, tok).Scan(&n)
		if n != 0 || len(tok) < 43 {
			t.Errorf("the token itself is stored, or short: %q", tok)
		}
	})
	t.Run("idle", func(t *testing.T) {
		tok, _ := s.StartSession(ctx, m.ID, staffNow)
		if _, err := s.ResumeSession(ctx, tok, staffNow.Add(29*time.Minute), lim); err != nil {
			t.Fatalf("after 29 idle minutes: %v", err)
		}
		// Each request moves the idle timeout on.
		if _, err := s.ResumeSession(ctx, tok, staffNow.Add(58*time.Minute), lim); err != nil {
			t.Fatalf("29 minutes after the last request: %v", err)
		}
		if _, err := s.ResumeSession(ctx, tok, staffNow.Add(88*time.Minute), lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("after 30 idle minutes: %v", err)
		}
		// An expired session is gone, even if the clock went back.
		if _, err := s.ResumeSession(ctx, tok, staffNow, lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("expired session came back: %v", err)
		}
	})
	t.Run("absolute", func(t *testing.T) {
		tok, _ := s.StartSession(ctx, m.ID, staffNow)
		at := staffNow
		for at.Before(staffNow.Add(12*time.Hour - 20*time.Minute)) {
			at = at.Add(20 * time.Minute)
			if _, err := s.ResumeSession(ctx, tok, at, lim); err != nil {
				t.Fatalf("busy session ended at %s: %v", at.Sub(staffNow), err)
			}
		}
		if _, err := s.ResumeSession(ctx, tok, staffNow.Add(12*time.Hour), lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("session lives past 12 hours: %v", err)
		}
	})
	t.Run("logout", func(t *testing.T) {
		tok, _ := s.StartSession(ctx, m.ID, staffNow)
		if err := s.EndSession(ctx, tok, staffNow); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ResumeSession(ctx, tok, staffNow, lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("session after logout: %v", err)
		}
		if err := s.EndSession(ctx, tok, staffNow); err != nil {
			t.Errorf("second logout: %v", err)
		}
	})
	t.Run("purge", func(t *testing.T) {
		fresh, _ := s.StartSession(ctx, m.ID, staffNow.Add(24*time.Hour))
		n, err := s.PurgeSessions(ctx, staffNow.Add(24*time.Hour), lim)
		if err != nil || n == 0 {
			t.Errorf("purge: %d, %v", n, err)
		}
		if c := countSessions(t, s, m.ID); c != 1 {
			t.Errorf("%d sessions left, want the fresh one", c)
		}
		if _, err := s.ResumeSession(ctx, fresh, staffNow.Add(24*time.Hour), lim); err != nil {
			t.Errorf("fresh session: %v", err)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, err := s.ResumeSession(ctx, "nope", staffNow, lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown token: %v", err)
		}
	})
}

// countSessions counts a member's sessions.
func countSessions(t *testing.T, s *Store, staffID int64) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(`SELECT COUNT(*) FROM staff_sessions WHERE staff_id = ?`, staffID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
