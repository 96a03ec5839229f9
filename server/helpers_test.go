package server

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
)

// testConfig is a valid configuration for tests.
func testConfig(t *testing.T) Config {
	cfg := DefaultConfig()
	cfg.Addr, cfg.DB = "127.0.0.1:0", filepath.Join(t.TempDir(), "test.db")
	cfg.BaseURL, cfg.Contact = "https://cyberhulp.example", "mailto:security@cyberhulp.example"
	return cfg
}

// newTestServer builds the portal on a fresh database with the shipped
// content and catalogues.
func newTestServer(t *testing.T) *Server {
	t.Helper()
	return newServerWith(t, testConfig(t), io.Discard)
}

// newServerWith builds the portal on cfg's database, logging to logs;
// opts may change the other dependencies (the clock).
func newServerWith(t testing.TB, cfg Config, logs io.Writer, opts ...func(*Deps)) *Server {
	t.Helper()
	store, err := data.Open(cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	deps := Deps{Store: store, Logger: slog.New(slog.NewTextHandler(logs, nil))}
	for _, o := range opts {
		o(&deps)
	}
	s, err := New(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// do sends a request through the whole middleware stack and returns the
// response with its body read.
func do(t *testing.T, s *Server, method, target string, body io.Reader, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func get(t *testing.T, s *Server, target string, header ...string) (*http.Response, string) {
	t.Helper()
	return do(t, s, http.MethodGet, target, nil, header...)
}

// postForm posts form values, with the cookies given.
func postForm(t *testing.T, s *Server, target string, form url.Values, cookies []*http.Cookie) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func mustContain(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("body does not contain %q", w)
		}
	}
}

func mustNotContain(t *testing.T, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("body contains %q", w)
		}
	}
}

// listeningPortal waits until the portal whose log is log, started with
// -addr 127.0.0.1:0, says where it listens, and returns its base URL: the
// kernel picks the port, so no other process can take it first.
func listeningPortal(t testing.TB, log fmt.Stringer, exited <-chan struct{}) string {
	t.Helper()
	listening := regexp.MustCompile(`msg=listening addr=(127\.0\.0\.1:[0-9]+)`)
	deadline := time.After(30 * time.Second)
	for {
		if m := listening.FindStringSubmatch(log.String()); m != nil {
			return "http://" + m[1]
		}
		select {
		case <-exited:
			t.Fatalf("the portal stopped before it listened:\n%s", log)
		case <-deadline:
			t.Fatalf("the portal did not say where it listens:\n%s", log)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
