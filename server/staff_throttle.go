package server

import (
	"crypto/rand"
	"crypto/sha256"
	"strings"
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

// fail counts one failure for the client and returns its failures in
// this window.
func (t *clientThrottle) fail(addr string, now time.Time) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rotate(now)
	id := clientKey(t.key, addr)
	t.counts[id]++
	return t.counts[id]
}

// pairKey is what the per-account-and-client throttle counts: the address
// tried with the client's prefix. It is hashed like a client address.
func pairKey(email, client string) string {
	return strings.ToLower(email) + " " + clientPrefix(client)
}

// accountGate spaces out login attempts on an account that is under
// attack: each attempt takes the next free slot, spacing apart, and waits
// for it up to maxWait; an attempt whose slot is further off is refused
// with the time to retry. It bounds guessing on one account across all
// clients to one attempt per spacing, without ever locking the account:
// the owner's attempt waits its turn like any other.
type accountGate struct {
	spacing, maxWait time.Duration

	mu   sync.Mutex
	next map[[32]byte]time.Time // by SHA-256 of the lower-case address
}

func newAccountGate(spacing, maxWait time.Duration) *accountGate {
	return &accountGate{spacing: spacing, maxWait: maxWait, next: map[[32]byte]time.Time{}}
}

// reserve takes the account's next slot at or after now. It returns how
// long to wait for it, or ok false and how long until a slot would be
// within reach.
func (g *accountGate) reserve(email string, now time.Time) (wait time.Duration, ok bool) {
	key := sha256.Sum256([]byte(strings.ToLower(email)))
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.next) >= maxClients {
		for k, t := range g.next {
			if t.Before(now) {
				delete(g.next, k)
			}
		}
	}
	slot := now
	if t := g.next[key]; t.After(now) {
		slot = t
	}
	if wait = slot.Sub(now); wait > g.maxWait {
		return wait - g.maxWait, false
	}
	g.next[key] = slot.Add(g.spacing)
	return wait, true
}
