package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFrontCache: the first request for a page goes through Echo, which
// renders and keeps it; the next ones are answered before Echo. Both must
// be the same answer, headers included, for every way the page is asked for.
func TestFrontCache(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.BehindTLS = true // HSTS must come from the front cache too
	var logs bytes.Buffer
	s := newServerWith(t, cfg, &logs)
	serve := func(method, target string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	etag := ""
	cases := []struct {
		name, method, path string
		header             []string
		status             int
	}{
		{"article", "GET", "/en/advice/phishing", nil, 200},
		{"article, gzip", "GET", "/en/advice/phishing", []string{"Accept-Encoding", "gzip, br"}, 200},
		{"article, HEAD", "HEAD", "/en/advice/phishing", nil, 200},
		{"article, revalidated", "GET", "/en/advice/phishing", []string{"If-None-Match", "ETAG"}, 304},
		{"statement", "GET", "/fr/privacy", nil, 200},
		{"article with a query", "GET", "/nl/advice/ransomware?utm=x", nil, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for i, h := range tc.header {
				if h == "ETAG" {
					tc.header[i] = etag
				}
			}
			s.pageCache.Clear()
			logs.Reset()
			viaEcho := serve(tc.method, tc.path, tc.header...)
			if _, ok := s.pageCache.Load(strings.Split(tc.path, "?")[0]); !ok {
				t.Fatalf("%s was not kept in the page cache", tc.path)
			}
			viaCache := serve(tc.method, tc.path, tc.header...)
			if viaEcho.Code != tc.status || viaCache.Code != tc.status {
				t.Fatalf("status via Echo %d, via the cache %d, want %d", viaEcho.Code, viaCache.Code, tc.status)
			}
			if !bytes.Equal(viaEcho.Body.Bytes(), viaCache.Body.Bytes()) {
				t.Errorf("bodies differ: %d bytes via Echo, %d via the cache", viaEcho.Body.Len(), viaCache.Body.Len())
			}
			if a, b := viaEcho.Header(), viaCache.Header(); !equalHeaders(a, b) {
				t.Errorf("headers differ:\nvia Echo  %v\nvia cache %v", a, b)
			}
			if viaCache.Header().Get("Strict-Transport-Security") == "" || viaCache.Header().Get("Content-Security-Policy") == "" {
				t.Errorf("the cache left out security headers: %v", viaCache.Header())
			}
			if etag == "" {
				etag = viaCache.Header().Get("Etag")
			}
			// Both requests are logged, with the route, never the client.
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			if len(lines) != 2 || !strings.Contains(lines[1], "route=/:lang/") || strings.Contains(lines[1], "192.0.2.1") {
				t.Errorf("request log:\n%s", logs.String())
			}
		})
	}

	// Other methods, and paths that were never rendered, go to Echo.
	serve("GET", "/en/advice/phishing")
	if rec := serve("POST", "/en/advice/phishing"); rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST to a cached page: %d, want Echo's 404 or 405", rec.Code)
	}
	if rec := serve("GET", "/en/advice/no-such-thing"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown article: %d, want 404", rec.Code)
	}
}

func equalHeaders(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if strings.Join(a[k], ",") != strings.Join(b[k], ",") {
			return false
		}
	}
	return true
}

// A page whose data changed while it was being rendered is served but not
// kept: the next visitor gets it rendered afresh.
func TestPageChangedWhileRenderingIsNotKept(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, tc := range []struct {
		name   string
		change bool
		kept   bool
	}{{"unchanged", false, true}, {"changed meanwhile", true, false}} {
		t.Run(tc.name, func(t *testing.T) {
			s.pageCache.Clear()
			rec := httptest.NewRecorder()
			c := s.echo.NewContext(httptest.NewRequest("GET", "/nl/", nil), rec)
			err := s.renderOnce(c, "home", func() (page, bool, error) {
				if tc.change {
					s.warningsChanged()
				}
				return page{Path: "/", Title: "Home", Data: homePage{}}, true, nil
			})
			if err != nil || rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "</html>") {
				t.Fatalf("render: %v, %d", err, rec.Code)
			}
			if _, kept := s.pageCache.Load("/nl/"); kept != tc.kept {
				t.Errorf("kept %v, want %v", kept, tc.kept)
			}
		})
	}
}

// Without its database the home page still gives its advice, but that page
// lacks the warnings and is not kept.
func TestHomeWithoutDatabaseIsNotKept(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	s.store.Close()
	res, body := get(t, s, "/nl/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("home with a closed database: %d", res.StatusCode)
	}
	mustContain(t, body, `href="/nl/advice/scammed-first-hour"`)
	if _, kept := s.pageCache.Load("/nl/"); kept {
		t.Error("a home page without its warnings was kept")
	}
}
