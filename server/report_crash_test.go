package server

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// buildPortal compiles the real binary into dir once per test run.
func buildPortal(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "cyberportal")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// portalProcess is the real binary serving on a loopback port.
type portalProcess struct {
	cmd    *exec.Cmd
	base   string
	log    *syncBuffer
	exited chan struct{} // closed when the process has ended
}

// startProcess starts bin serving on a port the kernel picks, with args after
// serve's -addr, and returns once it listens.
func startProcess(t *testing.T, bin string, args ...string) *portalProcess {
	t.Helper()
	p := &portalProcess{cmd: exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...),
		log: new(syncBuffer), exited: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { p.cmd.Process.Kill(); <-p.exited })
	p.base = listeningPortal(t, p.log, p.exited)
	return p
}

// runPortal starts bin on db with limits that loopback load stays under
// (set explicitly: the limits have no off switch).
func runPortal(t *testing.T, bin, db string, extra ...string) *portalProcess {
	t.Helper()
	return startProcess(t, bin, append([]string{"-db", db, "-report-rate", "1000000/1m", "-status-rate", "1000000/1m",
		"-status-global-rate", "1000000/1m"}, extra...)...)
}

// reporter is one simulated person with their own browser cookies.
type reporter struct {
	base   string
	client *http.Client
	token  string
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func newReporter(base string) (*reporter, error) {
	jar, _ := cookiejar.New(nil)
	r := &reporter{base: base, client: &http.Client{Jar: jar, Timeout: 20 * time.Second}}
	body, err := r.do(http.MethodGet, "/en/report", nil)
	if err != nil {
		return nil, err
	}
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("no CSRF token on the form")
	}
	r.token = m[1]
	return r, nil
}

func (r *reporter) do(method, path string, form url.Values) (string, error) {
	var body io.Reader
	if form != nil {
		form.Set("_csrf", r.token)
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, r.base+path, body)
	if err != nil {
		return "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := r.client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%s %s: %d", method, path, res.StatusCode)
	}
	return string(b), nil
}

// send sends one report as a browser does (form, check page, confirm) and
// returns the receipt code shown, which is the acknowledgement.
func (r *reporter) send(answers url.Values) (string, error) {
	check, err := r.do(http.MethodPost, "/en/report", answers)
	if err != nil {
		return "", err
	}
	hidden := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(check, -1) {
		hidden.Add(m[1], html.UnescapeString(m[2]))
	}
	done, err := r.do(http.MethodPost, "/en/report/done", hidden)
	if err != nil {
		return "", err
	}
	m := receiptOnPage.FindStringSubmatch(done)
	if m == nil {
		return "", fmt.Errorf("no receipt code on the done page")
	}
	return m[1], nil
}

// TestCrashKeepsAcknowledgedReports submits reports concurrently to the
// real binary, kills it with SIGKILL in the middle of the load, starts it
// again on the same database, and looks up every report whose receipt code
// was shown: each must be there, with its own description.
func TestCrashKeepsAcknowledgedReports(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary and loads it for seconds; skipped with -short")
	}
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	dir := t.TempDir()
	bin := buildPortal(t, dir)
	db := filepath.Join(dir, "var", "portal.db")
	p := runPortal(t, bin, db)

	type ack struct{ code, marker string }
	var (
		mu       sync.Mutex
		acked    []ack
		inFlight atomic.Int64
		failures atomic.Int64
		wg       sync.WaitGroup
	)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	const workers = 24
	for w := range workers {
		wg.Go(func() {
			r, err := newReporter(p.base)
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
				return
			}
			for i := 0; ctx.Err() == nil; i++ {
				marker := fmt.Sprintf("crash-test report w%d-n%d", w, i)
				answers := validAnswers()
				answers.Set("description", marker)
				answers.Set("month", "1")
				answers.Set("year", "2025")
				inFlight.Add(1)
				code, err := r.send(answers)
				inFlight.Add(-1)
				if err != nil {
					failures.Add(1)
					continue // after the kill every request fails; keep trying until stopped
				}
				mu.Lock()
				acked = append(acked, ack{code, marker})
				mu.Unlock()
			}
		})
	}
	// Let the load build up, then kill the server in the middle of it.
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 400 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	open := inFlight.Load()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.exited
	time.Sleep(200 * time.Millisecond) // the workers see refused connections
	stop()
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d reports acknowledged; %d requests open when the server was killed; %d failed (cut off, or refused after the kill)",
		len(acked), open, failures.Load())
	if len(acked) < 50 {
		t.Fatalf("only %d reports acknowledged before the kill: the load never built up\n%s", len(acked), p.log)
	}
	if open == 0 {
		t.Fatal("no request was open: the kill did not land in the middle of the load")
	}

	// Start again on the same file: every acknowledged report is there.
	p = runPortal(t, bin, db)
	checker, err := newReporter(p.base)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, a := range acked {
		page, err := checker.do(http.MethodPost, "/en/report/status", url.Values{"code": {a.code}})
		if err != nil || !strings.Contains(page, ">"+a.marker+"</div>") {
			missing++
			if missing <= 5 {
				t.Errorf("acknowledged report %s (%s) is lost after the crash (%v)", a.code, a.marker, err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged reports lost", missing, len(acked))
	}
	out, err := exec.Command(bin, "check", "-db", db).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok") {
		t.Errorf("cyberportal check after the crash: %v\n%s", err, out)
	}
}
