package server

import "sync"

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
	entries map[string]*packed
}

func newStatsCache() *statsCache {
	return &statsCache{entries: map[string]*packed{}}
}

// get gives the response stored for key at this version, or nil.
func (sc *statsCache) get(version int64, key string) *packed {
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
func (sc *statsCache) put(version int64, key string, r *packed) {
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
