package server

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
)

// TestBenchWarnings loads the pages that issue 5 puts on the public's hot
// path (the home page with its warnings block, the warnings page, the Atom
// feed) with wrk, next to nginx serving the same bytes of the home page as
// the reference, and times one staff login's argon2id. Run with `make bench`
// (BENCH=1); the figures vary ±25% between runs on this kind of machine.
func TestBenchWarnings(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip("benchmarks run with BENCH=1 (make bench)")
	}
	base, s := startPortal(t)
	editor := addTestStaff(t, s, "bench@example.nl", data.RoleEditor)
	fmt.Printf("\n%-44s %10s %9s %9s\n", "issue 5 (wrk -t2 -c64 -d8s)", "req/s", "p50", "p99")
	rps, p50, p99 := runWrk(t, base+"/nl/")
	fmt.Printf("%-44s %10.0f %9s %9s\n", "portal: /nl/ without warnings", rps, p50, p99)
	for i := 0; i < 3; i++ {
		texts := map[string]data.WarningText{}
		for _, l := range []string{"nl", "en", "fr"} {
			texts[l] = data.WarningText{Title: fmt.Sprintf("Waarschuwing %d", i),
				Body: "Oplichters sturen een **sms** over een pakket. Klik niet op de link, maar kijk in de app van de vervoerder.\n\n- Betaal niets\n- Bel bij twijfel de afzender"}
		}
		id, err := s.store.CreateWarning(t.Context(), &data.Warning{Texts: texts, Article: "phishing"}, editor.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.store.PublishWarning(t.Context(), id, []string{"nl", "en", "fr"}, editor.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := http.Get(base + "/nl/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(home), "home-warnings") {
		t.Fatal("the home page shows no warnings")
	}
	ref := startNginx(t, home)
	for _, tt := range []struct{ name, url string }{
		{"nginx: the same home page bytes (reference)", ref + "/index.html"},
		{"portal: /nl/ with 3 warnings", base + "/nl/"},
		{"portal: /nl/advice (no database)", base + "/nl/advice"},
		{"portal: /nl/warnings", base + "/nl/warnings"},
		{"portal: /nl/warnings.atom", base + "/nl/warnings.atom"},
	} {
		rps, p50, p99 := runWrk(t, tt.url)
		fmt.Printf("%-44s %10.0f %9s %9s\n", tt.name, rps, p50, p99)
	}

	hash, _ := data.HashPassword(testPassword, data.DefaultPasswordParams())
	start := time.Now()
	const n = 20
	for i := 0; i < n; i++ {
		data.VerifyPassword(hash, testPassword)
	}
	per := time.Since(start) / n
	fmt.Printf("%-44s %10.1f logins/s per hashing slot (%v each, 2 slots)\n", "argon2id 19 MiB, t=2 (one login)", float64(time.Second)/float64(per), per.Round(time.Millisecond))
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkLatency = regexp.MustCompile(`(?m)^\s+(50|99)%\s+(\S+)`)
)

// runWrk loads url for a few seconds and returns requests per second and
// the median and 99th percentile latency as wrk prints them.
func runWrk(t *testing.T, url string) (rps float64, p50, p99 string) {
	t.Helper()
	out, err := exec.Command("wrk", "-t2", "-c64", "-d8s", "--latency", url).CombinedOutput()
	if err != nil {
		t.Fatalf("wrk %s: %v\n%s", url, err, out)
	}
	if strings.Contains(string(out), "Non-2xx") {
		t.Errorf("wrk %s: errors:\n%s", url, out)
	}
	m := wrkRPS.FindSubmatch(out)
	if m == nil {
		t.Fatalf("wrk %s: no Requests/sec in\n%s", url, out)
	}
	fmt.Sscan(string(m[1]), &rps)
	for _, l := range wrkLatency.FindAllSubmatch(out, -1) {
		if string(l[1]) == "50" {
			p50 = string(l[2])
		} else {
			p99 = string(l[2])
		}
	}
	return rps, p50, p99
}

// startNginx serves body as /index.html from nginx on a loopback port, with
// as many workers as the machine has cores, and returns its base URL.
func startNginx(t *testing.T, body []byte) string {
	t.Helper()
	if _, err := exec.LookPath("nginx"); err != nil {
		t.Skip("nginx is not installed (make bench installs it)")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), body, 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	conf := fmt.Sprintf(`daemon off; worker_processes auto; user root; pid %[1]s/nginx.pid; error_log %[1]s/error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; sendfile on; keepalive_requests 100000;
  client_body_temp_path %[1]s; proxy_temp_path %[1]s; fastcgi_temp_path %[1]s; uwsgi_temp_path %[1]s; scgi_temp_path %[1]s;
  server { listen %[2]s; root %[1]s; } }`, dir, addr)
	os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644)
	cmd := exec.Command("nginx", "-c", filepath.Join(dir, "nginx.conf"), "-p", dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() })
	for i := 0; i < 50; i++ {
		if res, err := http.Get("http://" + addr + "/index.html"); err == nil {
			res.Body.Close()
			return "http://" + addr
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("nginx did not start")
	return ""
}
