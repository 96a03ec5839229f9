package server

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSystemdUnit checks the shipped unit (testdata/systemd, also in the
// README) with systemd-analyze where it exists: `verify` must pass without
// a single warning, and the offline security review must rate it 2.0 or
// better (0 is fully locked down, 10 not at all).
func TestSystemdUnit(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "systemd", "cyberportal.service"))
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	inReadme(t, unit)
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("skipped: systemd-analyze is not installed")
	}
	for _, want := range []string{"ProtectSystem=strict", "ReadWritePaths=/var/lib/cyberportal", "NoNewPrivileges=yes",
		"DynamicUser=yes", "PORTAL_BEHIND_TLS=true", "PORTAL_TRUSTED_PROXIES=127.0.0.1/32"} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit lacks %s", want)
		}
	}
	// verify checks that ExecStart can run: point it at an executable here.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cyberportal.service")
	if err := os.WriteFile(file, []byte(strings.Replace(unit, "ExecStart=/usr/local/bin/cyberportal", "ExecStart="+self, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("systemd-analyze", "verify", file).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err := exec.Command("systemd-analyze", "security", "--offline=true", "--threshold=20", file).CombinedOutput()
	if err != nil {
		t.Errorf("systemd-analyze security: %v\n%s", err, out)
	}
	t.Logf("%s", out[strings.LastIndex(string(out), "→")+len("→"):])
}
