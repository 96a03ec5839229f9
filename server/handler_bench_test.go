package server

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"cyberportal/data"
)

// BenchmarkArticleHandler measures the CPU cost of one article request
// through the whole middleware chain, without the network.
func BenchmarkArticleHandler(b *testing.B) {
	cfg := Config{SiteName: "S", Municipality: "M", BaseURL: "http://x", MinCount: 10, DB: filepath.Join(b.TempDir(), "b.db")}
	store, err := data.Open(cfg.DB)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	s, err := New(cfg, Deps{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	for _, enc := range []string{"identity", "gzip"} {
		b.Run(enc, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/en/advice/phishing", nil)
			req.Header.Set("Accept-Encoding", enc)
			b.ReportAllocs()
			for b.Loop() {
				s.Handler().ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
