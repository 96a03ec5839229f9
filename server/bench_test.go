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
	"runtime/debug"
	"sort"
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
// returns its base URL. conf is added to the server block, for headers and
// logging. nginx cannot be told to take any free port and say which, so a
// port that was free a moment ago is tried, and another one if nginx could
// not bind it (another process took it first).
func startNginx(t *testing.T, dir, conf string) string {
	t.Helper()
	for range 3 {
		if base, ok := tryNginx(t, dir, conf, freeAddr(t)); ok {
			return base
		}
	}
	t.Fatal("nginx did not start on any of three ports")
	return ""
}

// tryNginx starts nginx on addr; false when it stopped before it answered.
func tryNginx(t *testing.T, dir, conf, addr string) (string, bool) {
	t.Helper()
	exited := runNginx(t, dir, fmt.Sprintf(`access_log off;
  server {
    listen %s;
    root %s/www;
    %s
    location / { default_type "text/html; charset=UTF-8"; try_files /index.html =404; }
  }`, addr, dir, conf))
	base := "http://" + addr
	for range 200 {
		select {
		case <-exited:
			return "", false
		default:
		}
		// Only nginx's answer counts: another process may hold the port.
		if res, err := http.Get(base + "/"); err == nil {
			res.Body.Close()
			if strings.HasPrefix(res.Header.Get("Server"), "nginx") {
				return base, true
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("nginx on %s did not come up", addr)
	return "", false
}

// runNginx starts Debian's nginx in the foreground with http as the body of
// its http block, and every path it writes (pid, temp files, the error log
// on stderr) under dir; relative includes are read from dir. It stops with
// the test; the channel closes when it has exited.
func runNginx(t *testing.T, dir, http string) <-chan struct{} {
	t.Helper()
	file := filepath.Join(dir, "nginx-"+strconv.FormatInt(time.Now().UnixNano(), 36)+".conf")
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;"
	}
	err := os.WriteFile(file, []byte(fmt.Sprintf(`%s
worker_processes auto;
daemon off;
pid %s.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
  server_tokens off;
  client_body_temp_path %[3]s; proxy_temp_path %[3]s; fastcgi_temp_path %[3]s; uwsgi_temp_path %[3]s; scgi_temp_path %[3]s;
  %[4]s
}
`, user, file, dir, http)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	bin := "nginx"
	if _, err := exec.LookPath(bin); err != nil {
		bin = "/usr/sbin/nginx"
	}
	cmd := exec.Command(bin, "-c", file, "-p", dir)
	cmd.Stderr = os.Stderr
	// nginx forks workers: give them a process group so all of them stop.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start nginx: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); <-exited })
	return exited
}

// freeAddr is a loopback address with a port that was free a moment ago.
// Only for what cannot report the port it was given: nginx, -metrics-addr.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitUp waits until url answers.
func waitUp(t *testing.T, url string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not come up", url)
}

// startBinary builds the portal's binary and runs `cyberportal serve` as
// shipped, on a port the kernel picks, with its log going to a file as a
// service manager would keep it.
func startBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := buildPortal(t, dir)
	logPath := filepath.Join(dir, "portal.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "portal.db"))
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatalf("start portal: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); <-exited; logFile.Close() })
	base := listeningPortal(t, fileLog(logPath), exited)
	waitUp(t, base+"/healthz")
	return base
}

// fileLog is a log file as its text so far.
type fileLog string

func (f fileLog) String() string {
	b, _ := os.ReadFile(string(f))
	return string(b)
}

// likeForLike is nginx configuration that makes nginx do the portal's job
// for a page: send the same response headers (taken from the portal's own
// response) and write an access log line per request, buffered as the
// portal buffers its log.
func likeForLike(dir string, h http.Header) string {
	own := map[string]bool{"Date": true, "Content-Length": true, "Content-Type": true, "Etag": true}
	var b strings.Builder
	fmt.Fprintf(&b, "access_log %s/nginx-access.log combined buffer=32k flush=1s;\n", dir)
	keys := make([]string, 0, len(h))
	for k := range h {
		if !own[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "    add_header %s %q;\n", k, h.Get(k))
	}
	return b.String()
}

// TestBenchArticle serves an article page with the portal's binary and the
// very same bytes as a static file with nginx, and loads each in turn with
// wrk, in interleaved rounds so a passing disturbance does not favour one.
// Target: the portal at 70% or more of nginx's requests per second, where
// nginx sends the same headers and keeps an access log, as the portal does.
// nginx without those, and a bare net/http handler, are shown alongside.
func TestBenchArticle(t *testing.T) {
	skipUnlessBench(t)
	dir, err := os.MkdirTemp("", "bench-article-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)

	base := startBinary(t, dir)
	page := base + "/en/advice/phishing"
	res, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", page, res.Status)
	}
	os.MkdirAll(filepath.Join(dir, "www"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "www", "index.html"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	same := startNginx(t, dir, likeForLike(dir, res.Header))
	plain := startNginx(t, dir, "")
	// The binary collects garbage less often than Go's default (main.go);
	// the bare handler in this process gets the same setting.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	bare := startBareGo(t, body)

	servers := []struct{ name, url string }{
		{"portal (binary)", page},
		{"nginx, same job", same + "/"},
		{"nginx, bare file", plain + "/"},
		{"Go net/http, bare", bare + "/"},
	}
	const conns, dur, rounds = 64, 8 * time.Second, 3
	for _, s := range servers {
		runWrk(t, s.url, conns, 2*time.Second) // warm up
	}
	runs := make([][]wrkResult, len(servers))
	for r := 0; r < rounds; r++ {
		for i, s := range servers {
			runs[i] = append(runs[i], runWrk(t, s.url, conns, dur))
		}
	}
	med := make([]wrkResult, len(servers))
	for i := range runs {
		sort.Slice(runs[i], func(a, b int) bool { return runs[i][a].RPS < runs[i][b].RPS })
		med[i] = runs[i][rounds/2]
	}

	ratio := med[0].RPS / med[1].RPS
	verdict := "met"
	if ratio < 0.70 {
		verdict = "NOT met"
	}
	fmt.Printf("\nArticle page /en/advice/phishing (%d bytes), wrk -t2 -c%d -d%v, median of %d interleaved rounds, all on this machine:\n",
		len(body), conns, dur, rounds)
	for i, s := range servers {
		var each []string
		for _, r := range runs[i] {
			each = append(each, fmt.Sprintf("%.0f", r.RPS))
		}
		fmt.Printf("  %-18s %s   [rounds: %s]\n", s.name, med[i], strings.Join(each, ", "))
	}
	fmt.Printf("  portal/nginx doing the same job: %.0f%% of requests/s (target at least 70%%: %s)\n", 100*ratio, verdict)
	fmt.Printf("  portal/nginx bare file: %.0f%%; portal/bare Go: %.0f%%; bare Go/nginx bare file: %.0f%%\n\n",
		100*med[0].RPS/med[2].RPS, 100*med[0].RPS/med[3].RPS, 100*med[3].RPS/med[2].RPS)
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
