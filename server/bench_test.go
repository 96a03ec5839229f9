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
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The benchmarks run with `make bench` (BENCH=1). They load real servers on
// loopback with wrk, the same way for the portal and its reference, in the
// same run, and print the figures and the ratio. They never fail on speed:
// the numbers are for people to read.

func skipUnlessBench(t *testing.T) {
	t.Helper()
	if os.Getenv("BENCH") == "" {
		t.Skip("benchmarks run with `make bench` (BENCH=1)")
	}
	for _, tool := range []string{"wrk", "nginx"} {
		if _, err := exec.LookPath(tool); err != nil {
			if _, err := os.Stat("/usr/sbin/" + tool); err != nil {
				t.Fatalf("%s is not installed (make bench installs it)", tool)
			}
		}
	}
}

// wrkResult is what one wrk run measured.
type wrkResult struct {
	RPS      float64
	P50, P99 time.Duration
	Requests int
	Errors   string
}

func (r wrkResult) String() string {
	s := fmt.Sprintf("%9.0f req/s   p50 %8v   p99 %8v   (%d requests)", r.RPS, r.P50, r.P99, r.Requests)
	if r.Errors != "" {
		s += "   ERRORS: " + r.Errors
	}
	return s
}

var (
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkTotal    = regexp.MustCompile(`(\d+) requests in`)
	wrkLatency  = regexp.MustCompile(`(?m)^\s+(50|99)(?:\.000)?%\s+([0-9.]+)(us|ms|s)`)
	wrkProblems = regexp.MustCompile(`(?m)^\s*(Non-2xx or 3xx responses: \d+|Socket errors: .*)$`)
)

// runWrk loads url with wrk and parses its report. extra are further wrk
// arguments, such as -s script.lua for POST requests.
func runWrk(t *testing.T, url string, connections int, duration time.Duration, extra ...string) wrkResult {
	t.Helper()
	args := append([]string{"-t2", "-c" + strconv.Itoa(connections), "-d" + duration.String(), "--latency"}, extra...)
	out, err := exec.Command("wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		t.Fatalf("wrk: %v\n%s", err, out)
	}
	var r wrkResult
	if m := wrkRPS.FindSubmatch(out); m != nil {
		r.RPS, _ = strconv.ParseFloat(string(m[1]), 64)
	}
	if m := wrkTotal.FindSubmatch(out); m != nil {
		r.Requests, _ = strconv.Atoi(string(m[1]))
	}
	for _, m := range wrkLatency.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[string(m[3])]
		d := time.Duration(v * float64(unit))
		if string(m[1]) == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	var problems []string
	for _, m := range wrkProblems.FindAllSubmatch(out, -1) {
		problems = append(problems, string(m[1]))
	}
	r.Errors = strings.Join(problems, "; ")
	if r.RPS == 0 {
		t.Fatalf("could not read wrk's report:\n%s", out)
	}
	return r
}

// startNginx serves dir's index.html for every path on a loopback port and
// returns its base URL.
func startNginx(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	conf := filepath.Join(dir, "nginx.conf")
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	err = os.WriteFile(conf, []byte(fmt.Sprintf(`%s
worker_processes auto;
daemon off;
pid %s/nginx.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %[2]s; proxy_temp_path %[2]s; fastcgi_temp_path %[2]s; uwsgi_temp_path %[2]s; scgi_temp_path %[2]s;
  server {
    listen %s;
    root %[2]s/www;
    location / { default_type "text/html; charset=UTF-8"; try_files /index.html =404; }
  }
}
`, user, dir, addr)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	bin := "nginx"
	if _, err := exec.LookPath(bin); err != nil {
		bin = "/usr/sbin/nginx"
	}
	cmd := exec.Command(bin, "-c", conf, "-p", dir)
	cmd.Stderr = os.Stderr
	// nginx forks workers: give them a process group so all of them stop.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); cmd.Wait() })
	base := "http://" + addr
	for i := 0; i < 100; i++ {
		if res, err := http.Get(base + "/"); err == nil {
			res.Body.Close()
			return base
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("nginx did not start")
	return ""
}

// TestBenchArticle serves an article page with the portal and the very same
// bytes as a static file with nginx, and loads both with wrk in turn.
// Target: the portal at 70% or more of nginx's requests per second.
func TestBenchArticle(t *testing.T) {
	skipUnlessBench(t)
	base, _ := startPortal(t)
	page := base + "/en/advice/phishing"
	res, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()

	dir, err := os.MkdirTemp("", "bench-nginx-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	os.MkdirAll(filepath.Join(dir, "www"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "www", "index.html"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	ref := startNginx(t, dir)
	bare := startBareGo(t, body)

	const conns, dur = 64, 10 * time.Second
	for _, u := range []string{page, ref + "/", bare + "/"} {
		runWrk(t, u, conns, 2*time.Second) // warm up
	}
	portal := runWrk(t, page, conns, dur)
	nginx := runWrk(t, ref+"/", conns, dur)
	goHTTP := runWrk(t, bare+"/", conns, dur)

	ratio := portal.RPS / nginx.RPS
	verdict := "met"
	if ratio < 0.70 {
		verdict = "NOT met"
	}
	fmt.Printf("\nArticle page /en/advice/phishing (%d bytes), wrk -t2 -c%d -d%v, all on this machine:\n", len(body), conns, dur)
	fmt.Printf("  portal           %s\n", portal)
	fmt.Printf("  nginx            %s\n", nginx)
	fmt.Printf("  bare Go net/http %s   (same bytes, no framework: the ceiling for any Go server here)\n", goHTTP)
	fmt.Printf("  portal/nginx: %.0f%% of requests/s (target at least 70%%: %s)\n", 100*ratio, verdict)
	fmt.Printf("  portal/bare Go: %.0f%%; bare Go/nginx: %.0f%%\n\n", 100*portal.RPS/goHTTP.RPS, 100*goHTTP.RPS/nginx.RPS)
}

// startBareGo serves body from a plain net/http handler in this process, to
// tell the cost of Go's HTTP server apart from the cost of the portal.
func startBareGo(t *testing.T, body []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	length := strconv.Itoa(len(body))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("Content-Length", length)
		w.Write(body)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
