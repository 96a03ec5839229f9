package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, SecretKeySize) }

// rawSecret reads an account's TOTP secret as the file holds it.
func rawSecret(t *testing.T, s *Store, id int64) []byte {
	t.Helper()
	var b []byte
	if err := s.r.QueryRow(`SELECT totp_secret FROM staff WHERE id = ?`, id).Scan(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTOTPSecretsSealedAtRest: secrets stored in plain text before there
// was a key are sealed by UseSecretKey; new ones are sealed as they are
// stored; the store hands them out opened; another key, or none, cannot
// open them; a sealed secret does not work for another account.
func TestTOTPSecretsSealedAtRest(t *testing.T) {
	s, ctx := openTest(t)
	old, oldKey := activeStaff(t, s, "old@example.nl", RoleAdmin)
	if !bytes.Equal(rawSecret(t, s, old.ID), oldKey) {
		t.Fatal("without a key the secret should be stored as it is (as before this change)")
	}
	n, err := s.UseSecretKey(ctx, testKey(1))
	if err != nil || n != 1 {
		t.Fatalf("UseSecretKey: sealed %d, %v; want 1", n, err)
	}
	if n, _ := s.UseSecretKey(ctx, testKey(1)); n != 0 {
		t.Errorf("a second start sealed %d again", n)
	}
	newer, newKey := activeStaff(t, s, "new@example.nl", RoleEditor)
	for _, m := range []struct {
		id  int64
		key []byte
	}{{old.ID, oldKey}, {newer.ID, newKey}} {
		raw := rawSecret(t, s, m.id)
		if !isSealed(raw) || bytes.Contains(raw, m.key) {
			t.Errorf("account %d: secret not sealed at rest: %x", m.id, raw)
		}
		got, err := s.StaffByID(ctx, m.id)
		if err != nil || !bytes.Equal(got.TOTPSecret, m.key) {
			t.Errorf("account %d: opened secret %x (%v), want %x", m.id, got.TOTPSecret, err, m.key)
		}
	}
	// Another key: refused, nothing changed.
	path := s.path
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.UseSecretKey(ctx, testKey(2)); !errors.Is(err, ErrSecretKey) {
		t.Errorf("another key: %v, want ErrSecretKey", err)
	}
	if m, err := other.StaffByID(ctx, old.ID); err != nil || bytes.Equal(m.TOTPSecret, oldKey) {
		t.Errorf("without a key: %x %v, want the secret still sealed", m.TOTPSecret, err)
	}
	// A sealed secret copied to another account does not open there.
	if _, err := s.w.Exec(`UPDATE staff SET totp_secret = (SELECT totp_secret FROM staff WHERE id = ?) WHERE id = ?`, old.ID, newer.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StaffByID(ctx, newer.ID); !errors.Is(err, ErrSecretKey) {
		t.Errorf("a secret moved to another account opened: %v", err)
	}
}

func TestLoadSecretKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "secret.key")
	key, created, err := LoadSecretKey(path)
	if err != nil || !created || len(key) != SecretKeySize {
		t.Fatalf("first start: %x %v %v", key, created, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	again, created, err := LoadSecretKey(path)
	if err != nil || created || !bytes.Equal(again, key) {
		t.Errorf("second start: %x %v %v", again, created, err)
	}
	tests := []struct {
		name, content string
		mode          os.FileMode
		want          string
	}{
		{"too short", "abcd\n", 0o600, "hex digits"},
		{"not hex", strings.Repeat("zz", 32), 0o600, "hex digits"},
		{"readable by others", strings.Repeat("ab", 32), 0o644, "readable by others"},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
		os.WriteFile(p, []byte(tt.content), tt.mode)
		os.Chmod(p, tt.mode)
		if _, _, err := LoadSecretKey(p); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error saying %q", tt.name, err, tt.want)
		}
	}
}
