package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
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

// TestEachCommandListsItsFlags runs every command with -h and checks that
// it lists exactly the flags it uses: the server's settings only for serve.
func TestEachCommandListsItsFlags(t *testing.T) {
	all := []string{"addr", "base-url", "behind-tls", "content-licence", "db", "min-count", "municipality", "report-rate", "retention-months",
		"security-contact", "site-name", "staff-idle", "staff-max", "stats-release", "status-global-rate", "status-rate"}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"serve"}, all},
		{[]string{"check"}, []string{"db"}},
		{[]string{"backup"}, []string{"db", "to"}},
		{[]string{"import-monitor"}, []string{"db"}},
		{[]string{"seed-demo"}, []string{"db", "n", "seed", "years"}},
		{[]string{"staff", "add"}, []string{"base-url", "db", "email", "role"}},
		{[]string{"staff", "reset"}, []string{"base-url", "db", "email"}},
		{[]string{"staff", "disable"}, []string{"db", "email"}},
		{[]string{"staff", "list"}, []string{"db"}},
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
