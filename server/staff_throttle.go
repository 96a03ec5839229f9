package server

import (
	"crypto/rand"
	"sync"
	"time"
)

// clientThrottle counts failed staff logins per client in fixed windows.
// A client is known only by an HMAC of its address under a key that lives in
// memory and is replaced, with every count, when a window ends: no address
// is kept, nothing is written to disk, and keys of one window cannot be
// linked to the next. Clients are keyed by clientKey, as the report
// limiter keys them (IPv6 per /64).
type clientThrottle struct {
	mu     sync.Mutex
	limit  int
	period time.Duration
	start  time.Time
	key    []byte
	counts map[clientID]int
}

func newClientThrottle(limit int, period time.Duration) *clientThrottle {
	return &clientThrottle{limit: limit, period: period}
}

// rotate starts a new window with a new key when the current one has ended.
// The caller holds mu.
func (t *clientThrottle) rotate(now time.Time) {
	if t.key != nil && now.Sub(t.start) < t.period && !now.Before(t.start) {
		return
	}
	t.key = make([]byte, 32)
	rand.Read(t.key) // crypto/rand.Read does not fail (Go 1.24+)
	t.start = now
	t.counts = map[clientID]int{}
}

// blocked reports whether the client has failed too often in this window.
func (t *clientThrottle) blocked(addr string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rotate(now)
	return t.counts[clientKey(t.key, addr)] >= t.limit
}

// fail counts one failure for the client.
func (t *clientThrottle) fail(addr string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rotate(now)
	t.counts[clientKey(t.key, addr)]++
}
