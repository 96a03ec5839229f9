package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseTrustedProxies(t *testing.T) {
	tests := []struct {
		in   string
		want string // the parsed prefixes, joined; "" with bad set
		bad  string // the entry the error must name
	}{
		{"", "", ""},
		{"127.0.0.1/32", "127.0.0.1/32", ""},
		{" 10.0.0.0/8 , ::1/128,192.0.2.7", "10.0.0.0/8 ::1/128 192.0.2.7/32", ""},
		{"10.1.2.3/8", "10.0.0.0/8", ""},
		{"::ffff:10.0.0.0/104", "10.0.0.0/8", ""},
		{"127.0.0.1/32,10.0.0.0/33", "", "10.0.0.0/33"},
		{"localhost", "", "localhost"},
	}
	for _, tt := range tests {
		got, err := parseTrustedProxies(tt.in)
		if tt.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tt.bad) || !strings.Contains(err.Error(), "-trusted-proxies") {
				t.Errorf("%q: error %v, want one naming -trusted-proxies and %q", tt.in, err, tt.bad)
			}
			continue
		}
		var s []string
		for _, p := range got {
			s = append(s, p.String())
		}
		if err != nil || strings.Join(s, " ") != tt.want {
			t.Errorf("%q: %v %v, want %s", tt.in, s, err, tt.want)
		}
	}
}

func TestClientIP(t *testing.T) {
	proxies, err := parseTrustedProxies("127.0.0.1/32, 10.0.0.0/8, fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, peer string
		header     []string // name, value pairs, each added
		trusted    trustedProxies
		want       string
	}{
		{"no proxies configured: headers ignored", "127.0.0.1:5000", []string{"X-Forwarded-For", "198.51.100.1"}, nil, "127.0.0.1"},
		{"untrusted peer: headers ignored", "203.0.113.5:5000", []string{"X-Forwarded-For", "198.51.100.1"}, proxies, "203.0.113.5"},
		{"trusted peer, one hop", "127.0.0.1:5000", []string{"X-Forwarded-For", "198.51.100.1"}, proxies, "198.51.100.1"},
		{"spoofed entries left of the client are skipped", "127.0.0.1:5000", []string{"X-Forwarded-For", "1.2.3.4, 5.6.7.8, 198.51.100.1"}, proxies, "198.51.100.1"},
		{"trusted hops are skipped", "127.0.0.1:5000", []string{"X-Forwarded-For", "1.2.3.4, 198.51.100.1, 10.1.1.1"}, proxies, "198.51.100.1"},
		{"several header lines are one list", "127.0.0.1:5000", []string{"X-Forwarded-For", "1.2.3.4", "X-Forwarded-For", "198.51.100.2, 10.0.0.2"}, proxies, "198.51.100.2"},
		{"only trusted hops: the left-most", "127.0.0.1:5000", []string{"X-Forwarded-For", "10.0.0.9, 10.0.0.1"}, proxies, "10.0.0.9"},
		{"no header: the proxy", "127.0.0.1:5000", nil, proxies, "127.0.0.1"},
		{"garbage: the proxy that wrote it", "127.0.0.1:5000", []string{"X-Forwarded-For", "198.51.100.1, unknown"}, proxies, "127.0.0.1"},
		{"IPv6 peer and client", "[fd00::1]:443", []string{"X-Forwarded-For", "2001:db8::7"}, proxies, "2001:db8::7"},
		{"Forwarded wins over X-Forwarded-For", "127.0.0.1:5000", []string{"Forwarded", "for=198.51.100.3;proto=https", "X-Forwarded-For", "198.51.100.4"}, proxies, "198.51.100.3"},
		{"Forwarded chain with port and quotes", "127.0.0.1:5000", []string{"Forwarded", `for=1.2.3.4, for="198.51.100.5:4711";by=10.0.0.1, for=10.0.0.3`}, proxies, "198.51.100.5"},
		{"Forwarded IPv6 in brackets", "127.0.0.1:5000", []string{"Forwarded", `for="[2001:db8:cafe::17]:4711"`}, proxies, "2001:db8:cafe::17"},
		{"Forwarded obfuscated node", "127.0.0.1:5000", []string{"Forwarded", `for=198.51.100.1, for=_hidden`}, proxies, "127.0.0.1"},
		{"mapped IPv4 peer", "[::ffff:127.0.0.1]:5000", []string{"X-Forwarded-For", "198.51.100.6"}, proxies, "198.51.100.6"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.RemoteAddr = tt.peer
		for i := 0; i+1 < len(tt.header); i += 2 {
			req.Header.Add(tt.header[i], tt.header[i+1])
		}
		if got := tt.trusted.clientIP(req); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRateLimitsBehindProxy sends receipt-code lookups through HTTP from a
// trusted proxy: each client behind it has its own count, a client cannot
// escape its count by writing addresses into the header, and without
// -trusted-proxies everyone behind the proxy shares one.
func TestRateLimitsBehindProxy(t *testing.T) {
	for _, trusted := range []bool{true, false} {
		cfg := testConfig(t)
		if trusted {
			cfg.TrustedProxies = "127.0.0.1/32"
		}
		s := newServerWith(t, cfg, &strings.Builder{})
		s.report.lookups.perClient = Rate{2, 10 * time.Minute}
		cookies, token := reportSession(t, s, "en")
		lookup := func(xff string) int {
			v := validAnswers()
			v.Set("_csrf", token)
			req := newFormRequest("/en/report/status", v, cookies, "X-Forwarded-For", xff)
			req.RemoteAddr = "127.0.0.1:40000"
			return serve(s, req).StatusCode
		}
		got := []int{
			lookup("198.51.100.1"), lookup("198.51.100.1"),
			lookup("203.0.113.77, 198.51.100.1"), // spoofed left entry: still client 1
			lookup("198.51.100.2"),
		}
		want := []int{200, 200, 429, 200}
		if !trusted {
			want = []int{200, 200, 429, 429}
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("trusted=%v: lookups %v, want %v", trusted, got, want)
				break
			}
		}
	}
}
