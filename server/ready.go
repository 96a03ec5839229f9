package server

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"cyberportal/data"
)

// readiness runs the store's write probe at most once per interval and
// keeps its answer meanwhile.
type readiness struct {
	interval time.Duration
	now      func() time.Time
	log      *slog.Logger
	metrics  *metrics

	mu   sync.Mutex
	last time.Time
	err  error
}

func (r *readiness) check(ctx context.Context, store *data.Store) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if now := r.now(); r.last.IsZero() || now.Sub(r.last) >= r.interval || now.Before(r.last) {
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		r.err, r.last = nil, now
		if store != nil {
			r.err = store.Ready(ctx)
		}
		if r.err != nil {
			r.log.Error("not ready", "err", r.err)
			if data.IsDatabaseError(r.err) {
				r.metrics.dbErrors.WithLabelValues("readiness").Inc()
			}
		}
	}
	return r.err
}
