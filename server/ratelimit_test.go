package server

import (
	"bytes"
	"flag"
	"testing"
	"time"
)

func TestRateFlag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Rate
		shown   string
		invalid bool // parses, but Validate refuses it
		bad     bool // does not parse
	}{
		{"20/10m", Rate{20, 10 * time.Minute}, "20/10m", false, false},
		{"600/1m", Rate{600, time.Minute}, "600/1m", false, false},
		{"5/30s", Rate{5, 30 * time.Second}, "5/30s", false, false},
		{"100000/1h", Rate{100000, time.Hour}, "100000/1h", false, false},
		{" 3/1h30m ", Rate{3, 90 * time.Minute}, "3/1h30m", true, false},
		{"0/1m", Rate{0, time.Minute}, "", true, false},
		{"10/0s", Rate{10, 0}, "10/0s", true, false},
		{"10/500ms", Rate{10, 500 * time.Millisecond}, "10/500ms", true, false},
		{"10", Rate{}, "", false, true},
		{"x/1m", Rate{}, "", false, true},
		{"10/soon", Rate{}, "", false, true},
	}
	for _, tt := range tests {
		var r Rate
		err := r.Set(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("Set(%q): %v", tt.in, err)
			continue
		}
		if tt.bad {
			continue
		}
		if r != tt.want || r.String() != tt.shown {
			t.Errorf("Set(%q) = %+v shown %q; want %+v %q", tt.in, r, r.String(), tt.want, tt.shown)
		}
		if err := r.validate("x"); (err != nil) != tt.invalid {
			t.Errorf("validate(%q): %v", tt.in, err)
		}
	}
}

func TestRateConfig(t *testing.T) {
	t.Setenv("PORTAL_STATUS_RATE", "nonsense")
	var cfg Config
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(new(bytes.Buffer))
	cfg.Flags(fs)
	if err := fs.Parse([]string{"-report-rate", "5000/1m"}); err != nil {
		t.Fatal(err)
	}
	if cfg.ReportRate != (Rate{5000, time.Minute}) || cfg.StatusGlobalRate != (Rate{600, time.Minute}) {
		t.Errorf("rates %+v %+v", cfg.ReportRate, cfg.StatusGlobalRate)
	}
	err := cfg.Validate()
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("-status-rate")) {
		t.Errorf("an unreadable PORTAL_STATUS_RATE must fail validation by name, got %v", err)
	}
	if err := fs.Parse([]string{"-report-rate", "0/1m"}); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err == nil || !bytes.Contains([]byte(err.Error()), []byte("-report-rate")) {
		t.Errorf("a zero rate must not switch the limit off: %v", err)
	}
}

func TestLimiter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	l := newLimiter(Rate{3, 10 * time.Minute}, Rate{5, time.Minute}, func() time.Time { return now })
	allow := func(addr string) bool { ok, _ := l.allow(addr); return ok }
	for i := range 3 {
		if !allow("192.0.2.1") {
			t.Fatalf("request %d refused", i+1)
		}
	}
	ok, retry := l.allow("192.0.2.1")
	if ok || retry != 10*time.Minute {
		t.Errorf("4th request: %v, retry after %v; want refused for 10m", ok, retry)
	}
	if !allow("192.0.2.2") || !allow("::ffff:192.0.2.3") {
		t.Error("other clients refused")
	}
	// The global cap (5 a minute) is reached by the five allowed requests.
	if allow("192.0.2.4") {
		t.Error("the global cap did not hold")
	}
	now = now.Add(time.Minute)
	if !allow("192.0.2.4") {
		t.Error("the global cap did not reopen after its minute")
	}
	if allow("192.0.2.1") {
		t.Error("client 1 allowed again before its 10 minutes")
	}
	now = now.Add(9 * time.Minute)
	if !allow("192.0.2.1") {
		t.Error("client 1 still refused after 10 minutes")
	}
}

func TestLimiterCountsIPv6PerBlock(t *testing.T) {
	t.Parallel()
	now := time.Now()
	l := newLimiter(Rate{2, time.Minute}, Rate{}, func() time.Time { return now })
	for _, addr := range []string{"2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff"} {
		if ok, _ := l.allow(addr); !ok {
			t.Fatalf("%s refused", addr)
		}
	}
	if ok, _ := l.allow("2001:db8:1:2::99"); ok {
		t.Error("a third address in the same /64 was allowed: one client could rotate addresses")
	}
	if ok, _ := l.allow("2001:db8:1:3::1"); !ok {
		t.Error("the next /64 was refused")
	}
}

func TestLimiterForgetsWithItsKey(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	l := newLimiter(Rate{1, time.Hour}, Rate{}, func() time.Time { return now })
	l.allow("192.0.2.1")
	l.mu.Lock()
	var before clientID
	for id := range l.clients {
		before = id
	}
	l.mu.Unlock()
	if ok, _ := l.allow("192.0.2.1"); ok {
		t.Fatal("second request in the hour allowed")
	}
	now = now.Add(keyLifetime)
	if ok, _ := l.allow("192.0.2.1"); !ok {
		t.Error("the counter outlived the key")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.clients) != 1 {
		t.Errorf("%d clients after rotation, want 1", len(l.clients))
	}
	for id := range l.clients {
		if id == before {
			t.Error("the same client has the same id under the new key: the key did not change")
		}
	}
}

func TestLimiterSweepsExpiredWindows(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	l := newLimiter(Rate{1, time.Minute}, Rate{}, func() time.Time { return now })
	for i := range maxClients {
		l.allow(string(rune(i)) + "-client")
	}
	now = now.Add(2 * time.Minute)
	l.allow("one more")
	if n := len(l.clients); n != 1 {
		t.Errorf("%d windows kept after they all expired, want 1", n)
	}
}

func TestRotatingKeyKeepsThePreviousForAnHour(t *testing.T) {
	t.Parallel()
	var k rotatingKey
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	a, prev, rotated := k.keys(t0)
	if prev != nil || !rotated {
		t.Fatal("first key")
	}
	b, prev, rotated := k.keys(t0.Add(keyLifetime))
	if !rotated || bytes.Equal(a, b) || !bytes.Equal(prev, a) {
		t.Error("after an hour: a new key, the old one as previous")
	}
	_, prev, _ = k.keys(t0.Add(4 * keyLifetime))
	if prev != nil {
		t.Error("after hours of silence the previous key is still accepted")
	}
}
