package server

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"
)

// statsCacheSize bounds the cache: enough for every language with the
// common filters, while a visitor who tries every filter only makes us
// render pages as we would without a cache.
const statsCacheSize = 256

// statsCache keeps rendered statistics pages and downloads until the
// statistics change. Rendering a page costs milliseconds (six charts, their
// tables and options), far more than the queries behind it; the published
// numbers only change with a release or a safety-monitor figure, which
// data.Store.PublishedVersion tells with one lookup per request. (Never a
// live version: a page that is slow right after a report would tell that
// one came in.) A response is
// stored under the version read before its numbers were, so it can only be
// newer than its version says, never older.
type statsCache struct {
	mu      sync.Mutex
	version int64
	entries map[string]*statsResponse
}

// statsResponse is a finished response: its bytes, gzipped once, and headers.
type statsResponse struct {
	ctype, disposition string
	body, gz           []byte
	etag               string
}

func newStatsCache() *statsCache {
	return &statsCache{entries: map[string]*statsResponse{}}
}

// get gives the response stored for key at this version, or nil.
func (sc *statsCache) get(version int64, key string) *statsResponse {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if version != sc.version {
		clear(sc.entries)
		sc.version = version
		return nil
	}
	return sc.entries[key]
}

// put stores a response built from numbers read at version or later.
func (sc *statsCache) put(version int64, key string, r *statsResponse) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if version != sc.version {
		return // the statistics moved on while this was built
	}
	if len(sc.entries) >= statsCacheSize {
		clear(sc.entries)
	}
	sc.entries[key] = r
}

// newStatsResponse gzips body once.
func newStatsResponse(ctype, disposition string, body []byte) *statsResponse {
	r := &statsResponse{ctype: ctype, disposition: disposition, body: bytes.Clone(body), etag: etagOf(body)}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	zw.Write(r.body)
	zw.Close()
	r.gz = gz.Bytes()
	return r
}

// send writes the response, compressed when the client accepts it, or 304
// when the client has this version. The statistics routes are left out of
// the gzip middleware (precompressed).
func (r *statsResponse) send(c echo.Context) error {
	h := c.Response().Header()
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", r.etag)
	if r.disposition != "" {
		h.Set("Content-Disposition", r.disposition)
	}
	if c.Request().Header.Get("If-None-Match") == r.etag {
		return c.NoContent(http.StatusNotModified)
	}
	body := r.body
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = r.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, r.ctype, body)
}
