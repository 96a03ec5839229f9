package server

import (
	"context"
	"runtime"
	"sync"
)

// statsCacheSize bounds the filtered responses kept: enough for every
// language with the common filters, while a visitor who tries every filter
// only makes us render pages as we would without a cache.
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
//
// Random filters must not push out what most visitors read: responses
// without a filter are pinned (a few per language and day, never evicted
// but by a new version), filtered ones share statsCacheSize places, and a
// full cache drops one of them, not everything. Rendering a filtered page
// takes one of a few slots (half the CPUs), so a flood of filters queues
// there while the pinned pages are answered from memory. Responses for
// invalid filters are never stored.
type statsCache struct {
	mu       sync.Mutex
	version  int64
	pinned   map[string]*packed
	filtered map[string]*packed

	renders chan struct{} // slots for rendering filtered responses
}

func newStatsCache() *statsCache {
	return &statsCache{
		pinned: map[string]*packed{}, filtered: map[string]*packed{},
		renders: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2)),
	}
}

// get gives the response stored for key at this version, or nil.
func (sc *statsCache) get(version int64, key string) *packed {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if version != sc.version {
		clear(sc.pinned)
		clear(sc.filtered)
		sc.version = version
		return nil
	}
	if r := sc.pinned[key]; r != nil {
		return r
	}
	return sc.filtered[key]
}

// put stores a response built from numbers read at version or later;
// unfiltered ones are pinned.
func (sc *statsCache) put(version int64, key string, unfiltered bool, r *packed) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if version != sc.version {
		return // the statistics moved on while this was built
	}
	if unfiltered {
		sc.pinned[key] = r
		return
	}
	if len(sc.filtered) >= statsCacheSize {
		for k := range sc.filtered { // one entry, any: map order is random
			delete(sc.filtered, k)
			break
		}
	}
	sc.filtered[key] = r
}

// renderSlot waits for a slot to render a filtered response and returns
// its release, or gives up with the request.
func (sc *statsCache) renderSlot(ctx context.Context) (func(), error) {
	select {
	case sc.renders <- struct{}{}:
		return func() { <-sc.renders }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
