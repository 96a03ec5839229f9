package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

func benchServer(b *testing.B) *Server {
	cfg := DefaultConfig()
	cfg.SiteName, cfg.Municipality, cfg.BaseURL, cfg.DB = "S", "M", "http://x", filepath.Join(b.TempDir(), "b.db")
	return newServerWith(b, cfg, io.Discard)
}

// BenchmarkArticleHandler measures the CPU cost of one request for an
// article already rendered, without the network: through Echo's router and
// middleware (the first request for each page, and what every other page
// pays), and answered by the front cache before Echo (cached.go).
func BenchmarkArticleHandler(b *testing.B) {
	s := benchServer(b)
	for _, path := range []struct {
		name string
		h    http.Handler
	}{{"echo", headAsGet(s.echo)}, {"front-cache", s.Handler()}} {
		for _, enc := range []string{"identity", "gzip"} {
			b.Run(path.name+"/"+enc, func(b *testing.B) {
				req := httptest.NewRequest("GET", "/en/advice/phishing", nil)
				req.Header.Set("Accept-Encoding", enc)
				w := &discardWriter{h: http.Header{}}
				s.Handler().ServeHTTP(w, req) // render it once
				b.ReportAllocs()
				for b.Loop() {
					clear(w.h)
					path.h.ServeHTTP(w, req)
				}
			})
		}
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so a benchmark
// measures the handler rather than a recorder copying the body.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}
