package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// keyLifetime is how long an in-memory key lives before it is replaced.
// Rate-limit counters are dropped with their key, so no trace of a client
// outlives it.
const keyLifetime = time.Hour

// Rate is how many requests are allowed per period, written "20/10m".
type Rate struct {
	N   int
	Per time.Duration
}

// String is the rate as flags show and take it.
func (r *Rate) String() string {
	if r == nil || r.N == 0 {
		return ""
	}
	per := r.Per.String() // "10m0s": drop the zero units people do not write
	if strings.HasSuffix(per, "m0s") {
		per = per[:len(per)-2]
	}
	if strings.HasSuffix(per, "h0m") {
		per = per[:len(per)-2]
	}
	return strconv.Itoa(r.N) + "/" + per
}

// Set parses "N/duration", such as 20/10m or 600/1m, for the flag package.
func (r *Rate) Set(s string) error {
	n, per, ok := strings.Cut(strings.TrimSpace(s), "/")
	count, err := strconv.Atoi(n)
	if !ok || err != nil {
		return fmt.Errorf("rate %q: want requests/period, such as 20/10m", s)
	}
	d, err := time.ParseDuration(per)
	if err != nil {
		return fmt.Errorf("rate %q: %w", s, err)
	}
	r.N, r.Per = count, d
	return nil
}

// validate refuses rates that would switch a limit off or outlive the key.
func (r Rate) validate(flag string) error {
	if r.N < 1 || r.Per < time.Second || r.Per > keyLifetime {
		return fmt.Errorf("-%s %d/%v: want at least 1 request per period, the period from 1s to 1h", flag, r.N, r.Per)
	}
	return nil
}

// rotatingKey is an HMAC key that exists only in memory and is replaced
// every keyLifetime; the one before it is kept so that what was signed just
// before a rotation still verifies.
type rotatingKey struct {
	mu        sync.Mutex
	cur, prev []byte
	born      time.Time
}

// keys returns the current and previous key at now, rotating when due.
// rotated is true when this call replaced the key.
func (k *rotatingKey) keys(now time.Time) (cur, prev []byte, rotated bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if age := now.Sub(k.born); k.cur == nil || age >= keyLifetime || age < 0 {
		k.prev = k.cur
		if age >= 2*keyLifetime || age < 0 {
			k.prev = nil // the previous key's hour is over as well
		}
		k.cur, k.born = make([]byte, 32), now
		if _, err := rand.Read(k.cur); err != nil {
			panic("crypto/rand failed: " + err.Error()) // Read never fails on Linux; without it nothing is safe
		}
		rotated = true
	}
	return k.cur, k.prev, rotated
}

// clientID is a client's address hashed with the rotating key: enough to
// count requests, useless for finding out who sent them.
type clientID [16]byte

// window counts requests in one fixed period.
type window struct {
	start time.Time
	n     int
}

// hit counts a request at now against r; when the window is full it returns
// false and how long until it opens again.
func (w *window) hit(now time.Time, r Rate) (bool, time.Duration) {
	if w.start.IsZero() || now.Sub(w.start) >= r.Per || now.Before(w.start) {
		w.start, w.n = now, 0
	}
	if w.n >= r.N {
		return false, w.start.Add(r.Per).Sub(now)
	}
	w.n++
	return true, 0
}

// maxClients is when the limiter sweeps out windows that have expired.
const maxClients = 50_000

// limiter allows each client perClient requests, and everyone together
// global ones (unless global is zero), in fixed windows. A client's first
// reserved requests in its window pass whatever the global count says, so
// clients guessing from many addresses cannot use up everyone's budget: the
// owner of a receipt code, trying once or twice, still gets in. It keeps no
// address: clients are known by an HMAC of their address under a key that
// lives in memory and rotates every hour, taking every counter with it.
type limiter struct {
	name              string // for the refusals metric: limitReport, limitStatus
	perClient, global Rate
	reserved          int // first requests per client not held to global
	now               func() time.Time

	mu      sync.Mutex
	key     rotatingKey
	clients map[clientID]*window
	all     window
}

func newLimiter(perClient, global Rate, now func() time.Time) *limiter {
	return &limiter{perClient: perClient, global: global, now: now, clients: map[clientID]*window{}}
}

// allow counts a request from addr and says whether it may go ahead, and if
// not, when to try again.
func (l *limiter) allow(addr string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	key, _, rotated := l.key.keys(now)
	if rotated {
		l.clients = map[clientID]*window{}
	}
	id := clientKey(key, addr)
	w := l.clients[id]
	if w == nil {
		if len(l.clients) >= maxClients {
			l.sweep(now)
		}
		w = &window{}
		l.clients[id] = w
	}
	if ok, retry := w.hit(now, l.perClient); !ok {
		return false, retry
	}
	if l.global.N > 0 && w.n > l.reserved {
		return l.all.hit(now, l.global)
	}
	return true, 0
}

// sweep drops the windows that have run out.
func (l *limiter) sweep(now time.Time) {
	for id, w := range l.clients {
		if now.Sub(w.start) >= l.perClient.Per {
			delete(l.clients, id)
		}
	}
}

// clientKey hashes a client's address (its clientPrefix).
func clientKey(key []byte, addr string) clientID {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(clientPrefix(addr)))
	var id clientID
	copy(id[:], mac.Sum(nil))
	return id
}

// clientPrefix is what a client is counted by. IPv6 clients are counted per
// /64, the block one household or phone usually gets, or a single client
// could take a fresh address for every request.
func clientPrefix(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// limit is middleware that answers 429 (translated, with Retry-After) when
// the client is over l's limit. The address comes from e.IPExtractor:
// trustedProxies.clientIP.
func (s *Server) limit(l *limiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ok, retry := l.allow(c.RealIP()); !ok {
				s.metrics.refusals.WithLabelValues(l.name).Inc()
				secs := max(1, int((retry+time.Second-1)/time.Second))
				c.Response().Header().Set("Retry-After", strconv.Itoa(secs))
				return echo.NewHTTPError(429)
			}
			return next(c)
		}
	}
}
