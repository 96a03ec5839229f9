package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestEveryRouteHasTheSecurityHeaders walks every route Echo knows, with
// every method it has, as a visitor and as a logged-in admin, through the
// whole handler: the first GET of a page goes through Echo, the second is
// answered by the front cache. Whatever the status (a page, a redirect, a
// 403 for a form without its token, a 404 for an unknown id), each response
// carries the same security headers, and no response is gzipped twice.
func TestEveryRouteHasTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.BehindTLS = true
	s := newServerWith(t, cfg, io.Discard)
	useTestClock(s)
	admin := addTestStaff(t, s, "admin@example.org", "admin")
	cookies := admin.session(t, s)
	var cookieHeader []string
	for _, c := range cookies {
		cookieHeader = append(cookieHeader, c.Name+"="+c.Value)
	}
	want := http.Header{}
	s.setSecurityHeaders(want)
	if want.Get("Strict-Transport-Security") == "" || want.Get("Content-Security-Policy") == "" {
		t.Fatalf("the expected set is incomplete: %v", want)
	}
	asset, err := s.assets.URL("site.css")
	if err != nil {
		t.Fatal(err)
	}
	params := strings.NewReplacer(":lang", "fr", ":slug", s.lib.Slugs()[0], ":file", "monitor-cybercrime.csv",
		":id", "1", ":token", "not-a-token", "/static/*", asset)

	seen := 0
	for _, r := range s.echo.Routes() {
		path := params.Replace(r.Path)
		methods := []string{r.Method}
		if r.Method == http.MethodGet {
			methods = append(methods, http.MethodGet, http.MethodHead) // the second GET may come from the cache
		}
		for _, method := range methods {
			for _, who := range []string{"visitor", "admin"} {
				req := httptest.NewRequest(method, path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				if who == "admin" {
					req.Header.Set("Cookie", strings.Join(cookieHeader, "; "))
				}
				rec := httptest.NewRecorder()
				s.Handler().ServeHTTP(rec, req)
				seen++
				for k := range want {
					if got := rec.Header().Values(k); !slices.Equal(got, want.Values(k)) {
						t.Errorf("%s %s (%s, route %s, status %d): %s is %q, want %q", method, path, who, r.Path, rec.Code, k, got, want.Values(k))
					}
				}
				if rec.Header().Get("Content-Encoding") == "gzip" && method != http.MethodHead {
					zr, err := gzip.NewReader(rec.Body)
					if err != nil {
						t.Errorf("%s %s: says gzip, is not: %v", method, path, err)
						continue
					}
					plain, err := io.ReadAll(zr)
					if err != nil || bytes.HasPrefix(plain, []byte{0x1f, 0x8b}) {
						t.Errorf("%s %s (route %s): gzipped twice, or broken (%v)", method, path, r.Path, err)
					}
				}
			}
		}
	}
	if seen < 100 {
		t.Errorf("only %d requests: the routes were not walked", seen)
	}
	// Paths and methods no route has get their error page the same way.
	for _, rq := range [][2]string{{"GET", "/nope"}, {"GET", "/xx/advice"}, {"DELETE", "/nl/"}, {"GET", "/static/nope.css"}} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(rq[0], rq[1], nil))
		for k := range want {
			if got := rec.Header().Values(k); !slices.Equal(got, want.Values(k)) {
				t.Errorf("%s %s (%d): %s is %q", rq[0], rq[1], rec.Code, k, got)
			}
		}
	}
}

// TestPackedRoutesAreGzippedOnce checks the routes registered as sending
// packed responses against what they send: each answers a client that takes
// gzip with its own compressed bytes, which the gzip middleware must not
// touch, and a client that does not with the plain bytes.
func TestPackedRoutesAreGzippedOnce(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	asset, err := s.assets.URL("site.css")
	if err != nil {
		t.Fatal(err)
	}
	params := strings.NewReplacer(":lang", "en", ":slug", s.lib.Slugs()[0], ":file", "monitor-cybercrime.csv", "/static/*", asset)
	if len(s.packedRoutes) < 5 {
		t.Fatalf("packed routes: %v", s.packedRoutes)
	}
	for route := range s.packedRoutes {
		path := params.Replace(route)
		_, plain := get(t, s, path)
		res, body := get(t, s, path, "Accept-Encoding", "gzip")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: %d, Content-Encoding %q", path, res.StatusCode, res.Header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if got, err := io.ReadAll(zr); err != nil || string(got) != plain {
			t.Errorf("%s: gunzipped once, %d bytes (%v); the plain answer has %d", path, len(got), err, len(plain))
		}
	}
}
