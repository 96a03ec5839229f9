package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/server"
)

func TestStaffCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	ctx := context.Background()
	run := func(args ...string) (string, error) {
		var out bytes.Buffer
		args = append(args, "-db", db)
		if len(args) > 0 && (args[0] == "add" || args[0] == "reset") {
			args = append(args, "-base-url", "https://cyberhulp.example/")
		}
		err := staffCommand(ctx, args, &out)
		return out.String(), err
	}
	out, err := run("add", "-email", "Beheer@Maastricht.nl", "-role", "admin")
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`https://cyberhulp\.example/staff/setup/([A-Za-z0-9_-]{43})\n`).FindStringSubmatch(out)
	if link == nil {
		t.Fatalf("no set-up link in %q", out)
	}
	if _, err := run("add", "-email", "beheer@maastricht.nl", "-role", "admin"); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("second add: %v", err)
	}
	for _, bad := range [][]string{{"add", "-email", "x@example.nl", "-role", "root"}, {"add", "-role", "admin"}, {"disable"}, {"delete", "-email", "x@example.nl"}} {
		if _, err := run(bad...); err == nil {
			t.Errorf("staff %v succeeded", bad)
		}
	}

	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	m, err := store.StaffBySetupToken(ctx, link[1], time.Now())
	if err != nil || m.Role != data.RoleAdmin || m.Email != "beheer@maastricht.nl" {
		t.Fatalf("the printed link does not find the account: %+v %v", m, err)
	}
	store.Close()

	out, _ = run("list")
	if !regexp.MustCompile(`beheer@maastricht\.nl\s+admin\s+pending\s+no\s+never`).MatchString(out) {
		t.Errorf("list:\n%s", out)
	}
	out, err = run("reset", "-email", "beheer@maastricht.nl")
	if err != nil || !strings.Contains(out, "https://cyberhulp.example/staff/setup/") || strings.Contains(out, link[1]) {
		t.Errorf("reset: %q %v", out, err)
	}
	if _, err := run("disable", "-email", "beheer@maastricht.nl"); err != nil {
		t.Fatal(err)
	}
	out, _ = run("list")
	if !strings.Contains(out, "disabled") {
		t.Errorf("list after disable:\n%s", out)
	}
	if _, err := run("disable", "-email", "nobody@maastricht.nl"); err == nil {
		t.Error("disabling an unknown account succeeded")
	}
}

// TestCheckIsReadOnly: check reads the database as it is; a missing one is
// an error, not a new empty database.
func TestCheckIsReadOnly(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "missing.db")
	if err := check(ctx, []string{"-db", missing}, new(bytes.Buffer)); err == nil {
		t.Error("check of a missing database passed")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("check created the database")
	}
	db := filepath.Join(t.TempDir(), "portal.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var out bytes.Buffer
	if err := check(ctx, []string{"-db", db}, &out); err != nil || !strings.Contains(out.String(), "ok:") {
		t.Errorf("check: %v %q", err, out.String())
	}
}

// TestSecretKeyFile: the key is created beside the database on first start
// (0600); a malformed key file or another key stops start-up naming
// -secret-key-file. (Sealing itself: data's TestTOTPSecretsSealedAtRest.)
func TestSecretKeyFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := server.Config{DB: db}
	if cfg.SecretKeyPath() != filepath.Join(dir, "secret.key") {
		t.Fatalf("default key file %q", cfg.SecretKeyPath())
	}
	store, _, err := openWithKey(ctx, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	if fi, err := os.Stat(cfg.SecretKeyPath()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	bad := filepath.Join(dir, "bad.key")
	os.WriteFile(bad, []byte("not a key"), 0o600)
	cfg.SecretKeyFile = bad
	if _, _, err := openWithKey(ctx, cfg, quiet); err == nil || !strings.Contains(err.Error(), "-secret-key-file") {
		t.Errorf("malformed key: %v", err)
	}
}

// TestStaffResetWithoutTheKey: when the key is lost, serve refuses to start,
// and staff reset (the way out it names) still works.
func TestStaffResetWithoutTheKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "portal.db")
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	m, token, err := store.AddStaff(ctx, "a@example.nl", data.RoleAdmin, "en", 0, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.UseSecretKey(ctx, bytes.Repeat([]byte{7}, data.SecretKeySize)); err != nil {
		t.Fatal(err)
	}
	if _, err := store.OfferTOTPKey(ctx, m.ID, bytes.Repeat([]byte{1}, 20)); err != nil {
		t.Fatal(err)
	}
	if err := store.CompleteSetup(ctx, m.ID, token, "x", "en", 1, now); err != nil {
		t.Fatal(err)
	}
	store.Close()
	// secret.key beside the database is another key than the one used.
	cfg := server.Config{DB: db}
	if _, _, err := openWithKey(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil ||
		!strings.Contains(err.Error(), "-secret-key-file") || !strings.Contains(err.Error(), "staff reset") {
		t.Fatalf("serve with another key: %v", err)
	}
	if err := staffCommand(ctx, []string{"reset", "-email", "a@example.nl", "-db", db}, new(bytes.Buffer)); err != nil {
		t.Fatalf("staff reset without the key: %v", err)
	}
	if store, _, err := openWithKey(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Errorf("serve after the reset: %v", err)
	} else {
		store.Close()
	}
}

// TestEachCommandListsItsFlags runs every command with -h and checks that
// it lists exactly the flags it uses: the server's settings only for serve.
func TestEachCommandListsItsFlags(t *testing.T) {
	all := []string{"addr", "base-url", "behind-tls", "content-licence", "db", "metrics-addr", "min-count", "municipality", "report-rate",
		"retention-months", "secret-key-file", "security-contact", "site-name", "staff-idle", "staff-max", "stats-release",
		"status-global-rate", "status-rate", "trusted-proxies"}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"serve"}, all},
		{[]string{"check"}, []string{"db"}},
		{[]string{"backup"}, []string{"db", "to"}},
		{[]string{"import-monitor"}, []string{"db"}},
		{[]string{"seed-demo"}, []string{"db", "n", "seed", "years"}},
		{[]string{"staff", "add"}, []string{"base-url", "db", "email", "role", "secret-key-file"}},
		{[]string{"staff", "reset"}, []string{"base-url", "db", "email", "secret-key-file"}},
		{[]string{"staff", "disable"}, []string{"db", "email", "secret-key-file"}},
		{[]string{"staff", "list"}, []string{"db", "secret-key-file"}},
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr := os.Stderr
		os.Stderr = w
		err = commands[tc.args[0]](context.Background(), append(tc.args[1:], "-h"), io.Discard)
		os.Stderr = stderr
		w.Close()
		out, _ := io.ReadAll(r)
		var got []string
		for _, m := range regexp.MustCompile(`(?m)^  -([a-z-]+)`).FindAllStringSubmatch(string(out), -1) {
			got = append(got, m[1])
		}
		if !errors.Is(err, flag.ErrHelp) || !slices.Equal(got, tc.want) {
			t.Errorf("%v -h (%v) lists %v, want %v", tc.args, err, got, tc.want)
		}
	}
}
