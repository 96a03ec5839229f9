package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
)

// loginForm is what the login page posts.
func loginValues(email, password, code string) url.Values {
	return url.Values{"email": {email}, "password": {password}, "code": {code}}
}

func TestStaffLogin(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	m := addTestStaff(t, s, "analyst@example.nl", data.RoleAnalyst)
	code := auth.TOTPCode(m.Key, auth.TOTPStep(clock.now()))

	res, body := staffGet(t, s, "/staff/login", nil, "Accept-Language", "fr-BE")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("login page: %d", res.StatusCode)
	}
	mustContain(t, body, `<html lang="fr">`, "Connexion du personnel", `autocomplete="one-time-code"`, `name="_csrf"`, `<meta name="robots" content="noindex">`)
	mustNotContain(t, body, `hreflang="nl" href=`, `class="emergency"`)
	if res.Header.Get("Cache-Control") != "no-store" || responseCookie(res, "csrf") == nil {
		t.Errorf("login page: Cache-Control %q, csrf cookie %v", res.Header.Get("Cache-Control"), responseCookie(res, "csrf"))
	}

	res, _ = staffPost(t, s, "/staff/login", loginValues(" Analyst@Example.NL ", testPassword, code[:3]+" "+code[3:]), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/" {
		t.Fatalf("login: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	ck := responseCookie(res, staffCookie)
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/staff" || ck.Secure || len(ck.Value) < 43 {
		t.Fatalf("session cookie %+v", ck)
	}
	res, body = staffGet(t, s, "/staff/", []*http.Cookie{ck})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("home after login: %d", res.StatusCode)
	}
	mustContain(t, body, "analyst@example.nl", "Unusual increase this week")

	// The same code does not work twice, even with the right password.
	res, body = staffPost(t, s, "/staff/login?lang=en", loginValues("analyst@example.nl", testPassword, code), nil)
	if res.StatusCode != http.StatusUnauthorized || responseCookie(res, staffCookie) != nil {
		t.Errorf("replayed code: %d", res.StatusCode)
	}
	mustContain(t, body, "The e-mail address, password or code is not right.")

	// The next code works; a login page with a session goes to the home.
	clock.advance(30 * time.Second)
	res, _ = staffPost(t, s, "/staff/login", loginValues("analyst@example.nl", testPassword,
		auth.TOTPCode(m.Key, auth.TOTPStep(clock.now()))), []*http.Cookie{})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("next code: %d", res.StatusCode)
	}
	res, _ = staffGet(t, s, "/staff/login", []*http.Cookie{ck})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/" {
		t.Errorf("login page while logged in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}

}

// TestStaffLoginReturnsToPage: a page asked for without a session is shown
// after the login, but the login never sends anyone off the staff area.
func TestStaffLoginReturnsToPage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	for next, want := range map[string]string{
		"/staff/reports?status=new": "/staff/reports?status=new",
		"https://evil.example/":     "/staff/",
		"//evil.example/staff/":     "/staff/",
		"/staff//evil.example":      "/staff/",
		"/nl/":                      "/staff/",
		"/staff/login":              "/staff/",
	} {
		clock.advance(30 * time.Second)
		f := loginValues("a@example.nl", testPassword, auth.TOTPCode(m.Key, auth.TOTPStep(clock.now())))
		f.Set("next", next)
		res, _ := staffPost(t, s, "/staff/login", f, nil)
		if res.Header.Get("Location") != want {
			t.Errorf("next %q: sent to %q, want %q", next, res.Header.Get("Location"), want)
		}
	}
}

// TestStaffLoginFailuresLookAlike: an unknown address, a wrong password, a
// wrong code and a disabled account get the same answer, and each costs one
// password hash, so neither the page nor the time tells them apart.
func TestStaffLoginFailuresLookAlike(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	m := addTestStaff(t, s, "known@example.nl", data.RoleEditor)
	addTestStaff(t, s, "gone@example.nl", data.RoleEditor)
	s.store.DisableStaff(t.Context(), "gone@example.nl", 0, clock.now())
	if _, _, err := s.store.AddStaff(t.Context(), "pending@example.nl", data.RoleAdmin, "en", 0, clock.now()); err != nil {
		t.Fatal(err)
	}
	var hashes atomic.Int32
	verify := s.staff.verify
	s.staff.verify = func(h, p string) (bool, error) { hashes.Add(1); return verify(h, p) }
	code := auth.TOTPCode(m.Key, auth.TOTPStep(clock.now()))
	wrongCode := "000000"
	if wrongCode == code {
		wrongCode = "111111"
	}
	tests := []struct{ name, email, password, code string }{
		{"unknown address", "nobody@example.nl", testPassword, code},
		{"wrong password", "known@example.nl", "tulip drizzle orbit kayak", code},
		{"wrong code", "known@example.nl", testPassword, wrongCode},
		{"disabled account", "gone@example.nl", testPassword, code},
		{"account not set up", "pending@example.nl", testPassword, code},
	}
	var first string
	value := regexp.MustCompile(`value="[^"]*@example\.nl"`)
	for _, tt := range tests {
		hashes.Store(0)
		res, body := staffPost(t, s, "/staff/login", loginValues(tt.email, tt.password, tt.code), nil)
		if res.StatusCode != http.StatusUnauthorized || responseCookie(res, staffCookie) != nil {
			t.Errorf("%s: %d", tt.name, res.StatusCode)
		}
		if n := hashes.Load(); n != 1 {
			t.Errorf("%s: %d password hashes, want exactly 1", tt.name, n)
		}
		body = value.ReplaceAllString(body, `value="…"`)
		if first == "" {
			first = body
		} else if body != first {
			t.Errorf("%s: the answer differs from an unknown address's", tt.name)
		}
		mustNotContain(t, body, testPassword, tt.code)
	}
}

func TestStaffLoginThrottle(t *testing.T) {
	t.Run("an attacker cannot lock the owner out", func(t *testing.T) {
		cfg := testConfig(t)
		var logs strings.Builder
		s := newServerWith(t, cfg, &logs)
		clock := useTestClock(s)
		var waits []time.Duration
		s.staff.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
		m := addTestStaff(t, s, "known@example.nl", data.RoleAnalyst)
		good := func() url.Values {
			return loginValues("known@example.nl", testPassword, auth.TOTPCode(m.Key, auth.TOTPStep(clock.now())))
		}
		// One attacking client: its own attempts on the account end in 429.
		for i := 0; i < data.LoginFailureLimit; i++ {
			if res := postFrom(t, s, "198.51.100.7:4000", "/staff/login", loginValues("known@example.nl", "wrong password 123", "123456")); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, res.StatusCode)
			}
		}
		if res := postFrom(t, s, "198.51.100.7:4000", "/staff/login", good()); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the attacking client with the right password: %d, want 429", res.StatusCode)
		}
		// The owner, from another client, gets in: the account is slowed
		// down, not locked.
		if res := postFrom(t, s, "203.0.113.9:4000", "/staff/login", good()); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the owner during the attack: %d, want 303", res.StatusCode)
		}
		if len(waits) != 1 {
			t.Errorf("the owner's attempt passed the account gate %d times, want once", len(waits))
		}

		// Many clients together: attempts on the account are spaced out,
		// so guessing is bounded across clients. At one instant, one
		// attempt goes at once, the next waits its 5s slot, the third is
		// refused with Retry-After.
		for i := 0; i < data.LoginFailureLimit; i++ {
			postFrom(t, s, "198.51.100.8:4000", "/staff/login", loginValues("known@example.nl", "wrong password 123", "123456"))
		}
		clock.advance(time.Minute)
		waits = nil
		var codes []int
		var retry string
		for i := range 3 {
			res := postFrom(t, s, "192.0.2."+itoa(int64(10+i))+":4000", "/staff/login", loginValues("known@example.nl", "wrong password 123", "123456"))
			codes = append(codes, res.StatusCode)
			retry = res.Header.Get("Retry-After")
		}
		if want := []int{401, 401, 429}; !slices.Equal(codes, want) || !slices.Equal(waits, []time.Duration{0, loginSpacing}) || retry != "5" {
			t.Errorf("three clients at once: %v, waits %v, Retry-After %q; want %v, waits [0 5s], 5", codes, waits, retry, want)
		}
		clock.advance(2 * loginSpacing)
		if res := postFrom(t, s, "203.0.113.10:4000", "/staff/login", good()); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the owner once the slot is free: %d, want 303", res.StatusCode)
		}

		// Failures and throttles are in the audit log with the address
		// tried, and in the server log; the client's address is in neither.
		entries, _, err := s.store.ListAudit(t.Context(), 0, 200)
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]string{}
		for _, e := range entries {
			found[e.Action] = e.Target
			if strings.Contains(e.Target, "198.51.100") {
				t.Errorf("audit entry %+v holds a client address", e)
			}
		}
		for _, action := range []string{"login.failed.password", "login.throttled.pair", "login.slowed"} {
			if found[action] != "known@example.nl" {
				t.Errorf("audit log: %s concerning %q, want known@example.nl", action, found[action])
			}
		}
		mustContain(t, logs.String(), `level=WARN msg="staff login failed" email=known@example.nl reason=password`,
			`level=WARN msg="staff security event" action=login.slowed target=known@example.nl`)
		mustNotContain(t, logs.String(), "198.51.100", "203.0.113")
	})
	t.Run("per client", func(t *testing.T) {
		s := newTestServer(t)
		clock := useTestClock(s)
		m := addTestStaff(t, s, "known@example.nl", data.RoleAnalyst)
		for i := 0; i < 20; i++ {
			// Different addresses, so no account lock is reached.
			res := postFrom(t, s, "198.51.100.7:4000", "/staff/login", loginValues("guess"+string(rune('a'+i))+"@example.nl", "wrong password 123", "123456"))
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i+1, res.StatusCode)
			}
		}
		good := func() url.Values {
			return loginValues("known@example.nl", testPassword, auth.TOTPCode(m.Key, auth.TOTPStep(clock.now())))
		}
		if res := postFrom(t, s, "198.51.100.7:4001", "/staff/login", good()); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("21st attempt from one client: %d, want 429", res.StatusCode)
		}
		if res := postFrom(t, s, "203.0.113.9:4000", "/staff/login", good()); res.StatusCode != http.StatusSeeOther {
			t.Errorf("another client: %d, want 303", res.StatusCode)
		}
		clock.advance(16 * time.Minute)
		if res := postFrom(t, s, "198.51.100.7:4000", "/staff/login", good()); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the next window: %d, want 303", res.StatusCode)
		}
	})
}

// TestClientThrottleKeepsNoAddress checks that the throttle's memory holds
// keyed hashes, not addresses, and that its key changes with the window.
func TestClientThrottleKeepsNoAddress(t *testing.T) {
	t.Parallel()
	th := newClientThrottle(2, time.Minute)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	th.fail("192.0.2.1", now)
	key := string(th.key)
	for id := range th.counts {
		if strings.Contains(string(id[:]), "192.0.2.1") {
			t.Error("the address is kept as it is")
		}
	}
	th.fail("192.0.2.1", now.Add(30*time.Second))
	if !th.blocked("192.0.2.1", now.Add(30*time.Second)) || th.blocked("192.0.2.2", now.Add(30*time.Second)) {
		t.Error("limit not applied per client")
	}
	if th.blocked("192.0.2.1", now.Add(time.Minute)) || string(th.key) == key {
		t.Error("a new window keeps the old counts or key")
	}
}

func TestStaffSessionExpiry(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	expired := func(t *testing.T, cookies []*http.Cookie, where string) {
		t.Helper()
		res, _ := staffGet(t, s, "/staff/reports", cookies)
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=expired") {
			t.Errorf("%s: %d %q, want a redirect to the login saying the session ended", where, res.StatusCode, res.Header.Get("Location"))
		}
		if ck := responseCookie(res, staffCookie); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("%s: the cookie is not cleared: %+v", where, ck)
		}
	}
	alive := func(t *testing.T, cookies []*http.Cookie, where string) {
		t.Helper()
		if res, _ := staffGet(t, s, "/staff/reports", cookies); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", where, res.StatusCode)
		}
	}
	t.Run("idle", func(t *testing.T) {
		c := m.session(t, s)
		clock.advance(29 * time.Minute)
		alive(t, c, "after 29 idle minutes")
		clock.advance(29 * time.Minute)
		alive(t, c, "29 minutes after the last request")
		clock.advance(30 * time.Minute)
		expired(t, c, "after 30 idle minutes")
	})
	t.Run("absolute", func(t *testing.T) {
		c := m.session(t, s)
		for i := 0; i < 12*3-1; i++ {
			clock.advance(20 * time.Minute)
			alive(t, c, "busy session")
		}
		clock.advance(20 * time.Minute)
		expired(t, c, "after 12 hours")
	})
	t.Run("logout", func(t *testing.T) {
		c := m.session(t, s)
		res, _ := staffPost(t, s, "/staff/logout", nil, c)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/staff/login?done=out") {
			t.Fatalf("logout: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		if ck := responseCookie(res, staffCookie); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("logout leaves the cookie: %+v", ck)
		}
		// The old cookie, sent again, no longer works: the session is gone
		// on the server.
		expired(t, c, "after logout")
		_, body := staffGet(t, s, "/staff/login?done=out&lang=en", nil)
		mustContain(t, body, "You are logged out.")
	})
	t.Run("disabled", func(t *testing.T) {
		c := m.session(t, s)
		s.store.DisableStaff(t.Context(), "a@example.nl", 0, clock.now())
		expired(t, c, "after the account was disabled")
	})
}

func TestStaffCSRF(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	useTestClock(s)
	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	id := addTestReport(t, s, "2026-W48", "phishing", "new", "")
	target := "/staff/reports/" + itoa(id) + "/status"
	session := m.session(t, s)[0]
	other := m.session(t, s)[0]
	right := s.sessionCSRF(session.Value)
	tests := []struct {
		name    string
		token   string
		cookie  string
		want    int
		headers []string
	}{
		{"no token", "", testCSRF, http.StatusForbidden, nil},
		{"wrong token", "forged", testCSRF, http.StatusForbidden, nil},
		{"planted cookie and matching token", testCSRF, testCSRF, http.StatusForbidden, nil},
		{"another session's token", s.sessionCSRF(other.Value), "", http.StatusForbidden, nil},
		{"the session's token, cross-site", right, "", http.StatusForbidden, []string{"Sec-Fetch-Site", "cross-site"}},
		{"the session's token", right, "", http.StatusSeeOther, nil},
	}
	for _, tt := range tests {
		form := url.Values{"status": {"spam"}}
		if tt.token != "" {
			form.Set("_csrf", tt.token)
		}
		s.store.SetReportStatus(t.Context(), id, "new", m.ID, time.Now())
		cookies := []*http.Cookie{session}
		if tt.cookie != "" {
			cookies = append(cookies, &http.Cookie{Name: "csrf", Value: tt.cookie})
		}
		req := newFormRequest(target, form, cookies, tt.headers...)
		res := serve(s, req)
		if res.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, res.StatusCode, tt.want)
		}
		r, _ := s.store.ModerationReport(t.Context(), id)
		if (r.Status == "spam") != (tt.want == http.StatusSeeOther) {
			t.Errorf("%s: status %q", tt.name, r.Status)
		}
	}
	// The login form is protected too.
	req := newFormRequest("/staff/login", loginValues("a@example.nl", testPassword, "123456"), nil)
	if res := serve(s, req); res.StatusCode != http.StatusForbidden {
		t.Errorf("login without a token: %d", res.StatusCode)
	}
}

// TestStaffRefusalsAudited: a staff form without its CSRF token and a page
// the role does not allow are refused with 403 and recorded in the audit
// log and the server log; the audit page names them in every language.
// A refused form on the public report flow is not recorded: reporters
// leave no trace.
func TestStaffRefusalsAudited(t *testing.T) {
	var logs strings.Builder
	s := newServerWith(t, testConfig(t), &logs)
	useTestClock(s)
	analyst := addTestStaff(t, s, "analyst@example.nl", data.RoleAnalyst)
	admin := addTestStaff(t, s, "admin@example.nl", data.RoleAdmin)
	tests := []struct {
		name   string
		req    *http.Request
		action string
	}{
		{"form without token", newFormRequest("/staff/login", loginValues("a@example.nl", "x", "1"), nil), "access.denied.csrf"},
		{"role too small", httptest.NewRequest(http.MethodGet, "/staff/accounts", nil), "access.denied.role"},
		{"report form without token", newFormRequest("/en/report", validAnswers(), nil), ""},
	}
	for _, tt := range tests {
		if tt.action == "access.denied.role" {
			for _, ck := range analyst.session(t, s) {
				tt.req.AddCookie(ck)
			}
		}
		before, _, _ := s.store.ListAudit(t.Context(), 0, 1)
		if res := serve(s, tt.req); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", tt.name, res.StatusCode)
		}
		after, _, _ := s.store.ListAudit(t.Context(), 0, 1)
		switch {
		case tt.action == "" && after[0].ID != before[0].ID:
			t.Errorf("%s: recorded as %+v", tt.name, after[0])
		case tt.action != "" && after[0].Action != tt.action:
			t.Errorf("%s: last audit entry %+v, want %s", tt.name, after[0], tt.action)
		case tt.action != "":
			mustContain(t, logs.String(), "action="+tt.action)
		}
	}
	for _, l := range []string{"nl", "fr", "en"} {
		ck := admin.session(t, s)
		staffPost(t, s, "/staff/lang", url.Values{"lang": {l}}, ck)
		_, body := staffGet(t, s, "/staff/audit", ck)
		mustNotContain(t, body, "staff.audit.action.")
	}
	_, body := staffGet(t, s, "/staff/audit", admin.session(t, s))
	mustContain(t, body, "Form refused: security token missing or wrong", "not logged in", "Page refused: the role does not allow it")
}

// TestStaffLoginWithSealedSecrets: with the secret key in use (as serve
// runs), a member enrolled before the key and one enrolled after both log
// in with their authenticator codes.
func TestStaffLoginWithSealedSecrets(t *testing.T) {
	s := newTestServer(t)
	clock := useTestClock(s)
	before := addTestStaff(t, s, "before@example.nl", data.RoleAnalyst)
	if n, err := s.store.UseSecretKey(t.Context(), []byte("0123456789abcdef0123456789abcdef")); err != nil || n != 1 {
		t.Fatalf("UseSecretKey: %d %v", n, err)
	}
	after := addTestStaff(t, s, "after@example.nl", data.RoleAnalyst)
	for _, m := range []testStaff{before, after} {
		clock.advance(30 * time.Second)
		res, _ := staffPost(t, s, "/staff/login", loginValues(m.Email, testPassword, auth.TOTPCode(m.Key, auth.TOTPStep(clock.now()))), nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("%s: %d, want 303", m.Email, res.StatusCode)
		}
	}
}

// TestStaffCookiesBehindTLS: with -behind-tls the form and session cookies
// are Secure, Path=/ and __Host- prefixed, so a sibling subdomain cannot
// plant them; a session cookie without the prefix is not accepted.
func TestStaffCookiesBehindTLS(t *testing.T) {
	cfg := testConfig(t)
	cfg.BehindTLS = true
	s := newServerWith(t, cfg, io.Discard)
	clock := useTestClock(s)
	m := addTestStaff(t, s, "analyst@example.nl", data.RoleAnalyst)
	res, page := staffGet(t, s, "/staff/login", nil)
	csrf := responseCookie(res, "__Host-csrf")
	if csrf == nil || !csrf.Secure || csrf.Path != "/" || csrf.Domain != "" || !csrf.HttpOnly {
		t.Fatalf("form cookie behind TLS: %+v", csrf)
	}
	token := csrfField.FindStringSubmatch(page)
	if token == nil {
		t.Fatal("no token on the login form")
	}
	form := loginValues("analyst@example.nl", testPassword, auth.TOTPCode(m.Key, auth.TOTPStep(clock.now())))
	form.Set("_csrf", token[1])
	res = serve(s, newFormRequest("/staff/login", form, []*http.Cookie{csrf}))
	ck := responseCookie(res, "__Host-"+staffCookie)
	if res.StatusCode != http.StatusSeeOther || ck == nil || !ck.Secure || ck.Path != "/" || ck.Domain != "" || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
		t.Fatalf("login behind TLS: %d, session cookie %+v", res.StatusCode, ck)
	}
	if res, _ := staffGet(t, s, "/staff/", []*http.Cookie{ck}); res.StatusCode != http.StatusOK {
		t.Errorf("staff home with the __Host- cookie: %d", res.StatusCode)
	}
	plain := &http.Cookie{Name: staffCookie, Value: ck.Value}
	if res, _ := staffGet(t, s, "/staff/", []*http.Cookie{plain}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("staff home with an unprefixed cookie: %d, want 303 to the login", res.StatusCode)
	}
}

// TestStaffThrottleSparesSessions: a client address blocked for failed
// logins (an office behind one address, say) does not stop members who are
// logged in from that address; new logins from it wait for the window.
func TestStaffThrottleSparesSessions(t *testing.T) {
	s := newTestServer(t)
	useTestClock(s)
	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	id := addTestReport(t, s, "2026-W48", "phishing", "new", "")
	cookies := m.session(t, s)
	for i := range loginClientLimit {
		postFrom(t, s, "198.51.100.7:4000", "/staff/login", loginValues("guess"+itoa(int64(i))+"@example.nl", "wrong password 123", "123456"))
	}
	if res := postFrom(t, s, "198.51.100.7:4000", "/staff/login", loginValues("x@example.nl", "wrong password 123", "123456")); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("login from the blocked address: %d, want 429", res.StatusCode)
	}
	form := url.Values{"status": {"spam"}, "_csrf": {s.sessionCSRF(cookies[0].Value)}}
	req := newFormRequest("/staff/reports/"+itoa(id)+"/status", form, cookies[:1])
	req.RemoteAddr = "198.51.100.7:4001"
	if res := serve(s, req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a logged-in member's form from the blocked address: %d, want 303", res.StatusCode)
	}
}
