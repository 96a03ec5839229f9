package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"cyberportal/data/auth"
)

var staffNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// activeStaff creates an account and completes its set-up, as the set-up
// page does, and returns it with its two-factor key.
// lightParams keep tests fast; production uses auth.DefaultPasswordParams.
var lightParams = auth.PasswordParams{Memory: 64, Time: 1, Threads: 1}

func activeStaff(t *testing.T, s *Store, email, role string) (*StaffMember, []byte) {
	t.Helper()
	ctx := context.Background()
	m, token, err := s.AddStaff(ctx, email, role, "en", 0, staffNow)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := auth.NewTOTPSecret()
	if key, err = s.OfferTOTPKey(ctx, m.ID, key); err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("tulip drizzle orbit canoe", lightParams)
	if err := s.CompleteSetup(ctx, m.ID, token, hash, "en", auth.TOTPStep(staffNow), staffNow); err != nil {
		t.Fatal(err)
	}
	m, err = s.StaffByID(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m, key
}

func TestAddStaffAndSetUp(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	m, token, err := s.AddStaff(ctx, " An.Analist@Maastricht.NL ", RoleAnalyst, "nl", 0, staffNow)
	if err != nil {
		t.Fatal(err)
	}
	if m.Email != "an.analist@maastricht.nl" || m.Status != StaffPending || m.Enrolled() || m.Can(RoleAnalyst) {
		t.Errorf("new account: %+v", m)
	}
	if len(token) < 22 {
		t.Errorf("set-up token %q is shorter than 128 bits", token)
	}
	if _, _, err := s.AddStaff(ctx, "an.analist@maastricht.nl", RoleAdmin, "nl", 0, staffNow); !errors.Is(err, ErrStaffExists) {
		t.Errorf("second account with one address: %v", err)
	}
	for _, bad := range [][2]string{{"not-an-address", RoleAdmin}, {"x@y.nl", "root"}} {
		if _, _, err := s.AddStaff(ctx, bad[0], bad[1], "nl", 0, staffNow); err == nil {
			t.Errorf("AddStaff(%q, %q) succeeded", bad[0], bad[1])
		}
	}

	// The token finds the account until it expires; the database has only its hash.
	var stored []byte
	s.r.QueryRow(`SELECT setup_hash FROM staff WHERE id = ?`, m.ID).Scan(&stored)
	if string(stored) == token || len(stored) != 32 {
		t.Errorf("stored set-up token %q is not a SHA-256", stored)
	}
	if _, err := s.StaffBySetupToken(ctx, token, staffNow.Add(71*time.Hour)); err != nil {
		t.Errorf("token within 72 hours: %v", err)
	}
	if _, err := s.StaffBySetupToken(ctx, token, staffNow.Add(72*time.Hour)); !errors.Is(err, ErrNotFound) {
		t.Errorf("token after 72 hours: %v", err)
	}
	if _, err := s.StaffBySetupToken(ctx, token+"x", staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("wrong token: %v", err)
	}

	// The offered key stays the same on a reload.
	k1, _ := auth.NewTOTPSecret()
	k2, _ := auth.NewTOTPSecret()
	got1, err := s.OfferTOTPKey(ctx, m.ID, k1)
	if err != nil {
		t.Fatal(err)
	}
	got2, _ := s.OfferTOTPKey(ctx, m.ID, k2)
	if string(got1) != string(k1) || string(got2) != string(k1) {
		t.Error("the offered key changed on a second offer")
	}
	hash, _ := auth.HashPassword("tulip drizzle orbit canoe", lightParams)
	if err := s.CompleteSetup(ctx, m.ID, "wrong-token", hash, "fr", 5, staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("set-up with a wrong token: %v", err)
	}
	if err := s.CompleteSetup(ctx, m.ID, token, hash, "fr", 5, staffNow); err != nil {
		t.Fatal(err)
	}
	m, _ = s.StaffByID(ctx, m.ID)
	if m.Status != StaffActive || !m.Enrolled() || string(m.TOTPSecret) != string(k1) || m.TOTPLastStep != 5 || m.Lang != "fr" || m.PasswordHash != hash {
		t.Errorf("after set-up: %+v", m)
	}
	if err := s.CompleteSetup(ctx, m.ID, token, hash, "fr", 6, staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("the set-up link worked twice: %v", err)
	}
	if _, err := s.StaffBySetupToken(ctx, token, staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("used token still finds the account: %v", err)
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		role, status string
		can          map[string]bool
	}{
		{RoleAnalyst, StaffActive, map[string]bool{RoleAnalyst: true, RoleEditor: false, RoleAdmin: false, "": false}},
		{RoleEditor, StaffActive, map[string]bool{RoleAnalyst: true, RoleEditor: true, RoleAdmin: false}},
		{RoleAdmin, StaffActive, map[string]bool{RoleAnalyst: true, RoleEditor: true, RoleAdmin: true, "root": false}},
		{RoleAdmin, StaffDisabled, map[string]bool{RoleAnalyst: false}},
		{RoleAdmin, StaffPending, map[string]bool{RoleAnalyst: false}},
	}
	for _, tt := range tests {
		m := &StaffMember{Role: tt.role, Status: tt.status}
		for role, want := range tt.can {
			if got := m.Can(role); got != want {
				t.Errorf("%s (%s).Can(%q) = %v", tt.role, tt.status, role, got)
			}
		}
	}
}

func TestUseTOTPStepRefusesReplay(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	m, _ := activeStaff(t, s, "a@example.nl", RoleAnalyst)
	ctx := context.Background()
	step := m.TOTPLastStep + 1
	if ok, err := s.UseTOTPStep(ctx, m.ID, step); !ok || err != nil {
		t.Fatalf("first use: %v %v", ok, err)
	}
	for _, st := range []int64{step, step - 1} {
		if ok, _ := s.UseTOTPStep(ctx, m.ID, st); ok {
			t.Errorf("step %d accepted after step %d", st, step)
		}
	}
}

func TestResetAndDisableEndSessions(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	m, _ := activeStaff(t, s, "e@example.nl", RoleEditor)
	lim := SessionLimits{Idle: 30 * time.Minute, Max: 12 * time.Hour}
	tok, _ := s.StartSession(ctx, m.ID, staffNow)

	token, err := s.ResetStaff(ctx, "E@example.nl", 0, staffNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ResumeSession(ctx, tok, staffNow, lim); !errors.Is(err, ErrNotFound) {
		t.Errorf("session survives a reset: %v", err)
	}
	r, err := s.StaffBySetupToken(ctx, token, staffNow)
	if err != nil || r.Enrolled() || r.PasswordHash != "" || r.Status != StaffPending {
		t.Errorf("after reset: %+v %v", r, err)
	}

	m, _ = activeStaff(t, s, "d@example.nl", RoleAdmin)
	tok1, _ := s.StartSession(ctx, m.ID, staffNow)
	tok2, _ := s.StartSession(ctx, m.ID, staffNow)
	if n := countSessions(t, s, m.ID); n != 2 {
		t.Fatalf("%d sessions, want 2", n)
	}
	if err := s.DisableStaff(ctx, "d@example.nl", 0, staffNow); err != nil {
		t.Fatal(err)
	}
	if n := countSessions(t, s, m.ID); n != 0 {
		t.Errorf("%d sessions after disabling", n)
	}
	for _, tok := range []string{tok1, tok2} {
		if _, err := s.ResumeSession(ctx, tok, staffNow, lim); !errors.Is(err, ErrNotFound) {
			t.Errorf("session of a disabled account: %v", err)
		}
	}
	if err := s.DisableStaff(ctx, "nobody@example.nl", 0, staffNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("disable an unknown account: %v", err)
	}
	entries, _, _ := s.ListAudit(ctx, 0, 100)
	found := map[string]bool{}
	for _, e := range entries {
		found[e.Action+" "+e.Target] = true
	}
	for _, want := range []string{"staff.reset e@example.nl", "staff.disable d@example.nl", "staff.add d@example.nl (admin)", "login "} {
		if !found[want] {
			t.Errorf("audit log lacks %q: %v", want, found)
		}
	}
}

func TestLoginFailuresPerAddress(t *testing.T) {
	s, ctx := openTest(t)
	activeStaff(t, s, "known@example.nl", RoleAnalyst)
	for _, email := range []string{"known@example.nl", "unknown@example.nl"} {
		now := staffNow
		for i := 1; i <= LoginFailureLimit+2; i++ {
			n, err := s.RecordLoginFailure(ctx, email, "password", now)
			if err != nil || n != i {
				t.Fatalf("%s: failure %d counted as %d: %v", email, i, n, err)
			}
			now = now.Add(time.Minute)
		}
		if n, _ := s.LoginFailures(ctx, "  "+strings.ToUpper(email), now); n != LoginFailureLimit+2 {
			t.Errorf("%s: %d failures, want %d", email, n, LoginFailureLimit+2)
		}
		if n, _ := s.LoginFailures(ctx, email, staffNow.Add(LoginWindow+time.Second)); n != 0 {
			t.Errorf("%s: %d failures after the window", email, n)
		}
	}
	// Every failure is in the audit log with the address tried and the reason.
	entries, _, err := s.ListAudit(ctx, 0, 100)
	failed := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Action, "login.failed.") {
			failed++
		}
	}
	if err != nil || failed != 2*(LoginFailureLimit+2) {
		t.Fatalf("audit: %d failed logins, %v", failed, err)
	}
	if e := entries[0]; e.Action != "login.failed.password" || e.Target != "unknown@example.nl" || e.Email != "" {
		t.Errorf("audit entry %+v", e)
	}
	// A good login clears the count.
	s.ClearLoginFailures(ctx, "known@example.nl")
	if n, _ := s.RecordLoginFailure(ctx, "known@example.nl", "code", staffNow); n != 1 {
		t.Errorf("the count survived a good login: %d", n)
	}
}
