package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"cyberportal/data"
	"cyberportal/i18n"
)

// The browser tests drive Debian's chromium through the DevTools protocol
// against a real server on a loopback port. They do not run in parallel:
// their tabs share one browser, and with it its cookies, which do not tell
// ports apart. `make test` installs chromium and
// axe-core; a plain `go test` without them skips these tests, except in CI
// (CI=true), where a missing browser is a failure.

var browser struct {
	once     sync.Once
	alloc    context.Context
	root     context.Context
	cancel   []context.CancelFunc
	axe      string
	startErr error
}

// chromiumPath finds the browser, or says why it is missing.
func chromiumPath() (string, error) {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no chromium found (run `make test`, which installs Debian's chromium)")
}

// newTab opens a fresh tab in the shared headless browser and returns its
// context and a probe that collects console errors, uncaught exceptions and
// CSP violations.
func newTab(t *testing.T) (context.Context, *pageProbe) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests take minutes; skipped with -short")
	}
	browser.once.Do(startBrowser)
	if browser.startErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests cannot run in CI: %v", browser.startErr)
		}
		t.Skipf("browser tests skipped: %v", browser.startErr)
	}
	ctx, cancel := chromedp.NewContext(browser.root)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	probe := &pageProbe{}
	go probe.collect(ctx)
	return ctx, probe
}

func startBrowser() {
	path, err := chromiumPath()
	if err != nil {
		browser.startErr = err
		return
	}
	axe, err := os.ReadFile(filepath.Join("testdata", "browser", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		browser.startErr = fmt.Errorf("axe-core is not installed (run `make test`, which runs npm ci): %w", err)
		return
	}
	browser.axe = string(axe)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("headless", "new"),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 900),
	)
	alloc, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	root, cancelR := chromedp.NewContext(alloc)
	browser.alloc, browser.root = alloc, root
	browser.cancel = []context.CancelFunc{cancelR, cancelA}
	if err := chromedp.Do(root); err != nil {
		browser.startErr = fmt.Errorf("start chromium: %w", err)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range browser.cancel {
		c()
	}
	os.Exit(code)
}

// pageProbe gathers what the page reported: console errors, uncaught
// exceptions and log entries such as Content-Security-Policy violations.
type pageProbe struct {
	mu     sync.Mutex
	errors []string
}

func (p *pageProbe) collect(ctx context.Context) {
	for msg, err := range chromedp.Console(ctx) {
		if err != nil {
			return
		}
		if msg.Type == chromedp.ConsoleError || msg.Type == chromedp.ConsoleException {
			p.mu.Lock()
			p.errors = append(p.errors, string(msg.Type)+": "+msg.Text+" "+msg.URL)
			p.mu.Unlock()
		}
	}
}

// check fails the test for anything the page reported since the last check.
func (p *pageProbe) check(t *testing.T, where string) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errors {
		if strings.Contains(e, "favicon.ico") || (strings.Contains(where, "404") && strings.Contains(e, "404")) {
			continue // the browser's own favicon probe, and a 404 page's own status
		}
		t.Errorf("%s: %s", where, e)
	}
	p.errors = nil
}

// startPortal runs the portal on a loopback port, as `make run` does, on a
// fresh database, and returns its base URL.
func startPortal(t *testing.T) (string, *Server) {
	t.Helper()
	return startPortalOn(t, testConfig(t).DB)
}

// startPortalOn runs the portal on loopback on the database at path, on a
// clock that stands still.
func startPortalOn(t *testing.T, path string) (string, *Server) {
	t.Helper()
	cfg := testConfig(t)
	cfg.DB = path
	store, err := data.Open(cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.BaseURL = "http://" + ln.Addr().String()
	// The clock stands still at the start: what the test computes from it
	// (a TOTP code, an ISO week, next month) is what the server computes,
	// even if a step, week or month ends while the test runs.
	at := time.Now()
	s, err := New(cfg, Deps{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done; store.Close() })
	return cfg.BaseURL, s
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// checkAccessible runs axe-core in the page with the WCAG 2.1 A and AA rules
// and fails the test for every violation, naming it and where it is.
func checkAccessible(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	for _, v := range axeViolations(t, ctx, where) {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: axe %s (%s): %s at %s", where, v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
	}
}

func axeViolations(t *testing.T, ctx context.Context, where string) []axeViolation {
	t.Helper()
	script := browser.axe + `;
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
  .then(r => JSON.stringify(r.violations))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: run axe: %v", where, err)
	}
	var violations []axeViolation
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		t.Fatalf("%s: axe result: %v", where, err)
	}
	return violations
}

// TestBrowserAxeFindsViolations proves the accessibility check can fail: a
// page with known WCAG failures must give exactly those violations.
func TestBrowserAxeFindsViolations(t *testing.T) {
	ctx, _ := newTab(t)
	bad := `data:text/html,<html><head><title>x</title></head><body><main><img src="x.png"><input type="text">` +
		`<p style="color:%23777;background:%23888">low contrast</p></main></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate(bad)); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, v := range axeViolations(t, ctx, "broken page") {
		found[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "label", "color-contrast"} {
		if !found[want] {
			t.Errorf("axe did not report %s on a page that has it; found %v", want, found)
		}
	}
}

// screenshot saves a full-page PNG when SCREENSHOTS is set to a folder, so a
// person can look at the pages (`make screenshots`).
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

func TestBrowserEveryPageAccessible(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	pages := map[string]string{
		"home": "/", "advice": "/advice", "advice-search": "/advice?q=bank&for=citizens", "article": "/advice/phishing",
		"article-business": "/advice/ransomware", "privacy": "/privacy", "accessibility": "/accessibility", "404": "/no-such-page",
	}
	for _, lang := range i18n.Languages() {
		for name, path := range pages {
			where := lang + " " + name
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+path)); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			htmlLang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
			if err != nil || htmlLang.Value != lang {
				t.Errorf("%s: <html lang=%q> (%v)", where, htmlLang.Value, err)
			}
			probe.check(t, where)
			checkAccessible(t, ctx, where)
			screenshot(t, ctx, lang+"-"+name+"-desktop")
		}
	}
}

func TestBrowserPhoneWidth(t *testing.T) {
	base, _ := startPortal(t)
	ctx, _ := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		for _, path := range []string{"/", "/advice/bank-helpdesk-fraud"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+path)); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				t.Errorf("%s%s at 320px: the page scrolls sideways by %dpx", lang, path, overflow)
			}
			checkAccessible(t, ctx, lang+path+" at 320px")
			screenshot(t, ctx, lang+"-"+strings.Trim(strings.ReplaceAll(path, "/", "-"), "-")+"-phone")
		}
	}
}

func TestBrowserLanguageSwitcherKeepsThePage(t *testing.T) {
	base, _ := startPortal(t)
	ctx, _ := newTab(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/nl/advice/phishing"),
		chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="fr"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="fr"] h1`)),
	); err != nil {
		t.Fatal(err)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	if url != base+"/fr/advice/phishing" {
		t.Errorf("after switching to French: %s", url)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.lang-switch a[hreflang="en"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] h1`)),
	); err != nil {
		t.Fatal(err)
	}
	url, _ = chromedp.Run(ctx, chromedp.Location())
	current, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.lang-switch a[aria-current]`)))
	if url != base+"/en/advice/phishing" || current != "English" {
		t.Errorf("after switching to English: %s, current %q", url, current)
	}
}

func TestBrowserSearchWithoutJavaScript(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/fr/advice"),
		chromedp.SendKeys(chromedp.CSS("#q"), "fraude"),
		chromedp.Click(chromedp.CSS("#for-all")),
		chromedp.Submit(chromedp.CSS("#q")),
	); err != nil {
		t.Fatal(err)
	}
	// #results is on the page before the search too: wait for the new page.
	for i := 0; i < 50; i++ {
		if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(loc, "q=fraude") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#results`))); err != nil {
		t.Fatal(err)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(url, "q=fraude") {
		t.Errorf("search went to %s", url)
	}
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.card-title a')].map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(hrefs, " ")
	for _, want := range []string{"/fr/advice/invoice-and-ceo-fraud", "/fr/advice/identity-fraud"} {
		if !strings.Contains(joined, want) {
			t.Errorf("search for 'fraude' misses %s: %v", want, hrefs)
		}
	}
	probe.check(t, "search")
	checkAccessible(t, ctx, "search results")
}

func TestBrowserSkipLinkAndKeyboard(t *testing.T) {
	base, _ := startPortal(t)
	ctx, _ := newTab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/en/"), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent("\r")); err != nil {
		t.Fatal(err)
	}
	after, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if focused != "skip-link" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}
	if after != "main" {
		t.Errorf("skip link moves focus to %q, want main", after)
	}
}
