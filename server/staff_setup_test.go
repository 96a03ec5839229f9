package server

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
)

// setupSecret reads the key in text from the set-up page.
var setupSecret = regexp.MustCompile(`<code lang="en">([A-Z2-7 ]+)</code>`)

func secretFromPage(t *testing.T, body string) []byte {
	t.Helper()
	m := setupSecret.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no key on the set-up page")
	}
	key, err := base32NoPad(strings.ReplaceAll(m[1], " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestStaffSetup(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	m, token, err := s.store.AddStaff(t.Context(), "new@maastricht.nl", data.RoleEditor, "nl", 0, clock.now())
	if err != nil {
		t.Fatal(err)
	}
	link := "/staff/setup/" + token

	res, body := staffGet(t, s, link+"?lang=en", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("set-up page: %d", res.StatusCode)
	}
	mustContain(t, body, "Set up your staff account", "new@maastricht.nl", "Editor", `<img src="data:image/svg&#43;xml;base64,`,
		`autocomplete="new-password"`, `<meta name="robots" content="noindex">`)
	key := secretFromPage(t, body)
	// A reload shows the same key: the phone may have scanned the first.
	_, again := staffGet(t, s, link+"?lang=en", nil)
	if string(secretFromPage(t, again)) != string(key) {
		t.Error("the key changed on a reload")
	}
	img := regexp.MustCompile(`data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)`).FindStringSubmatch(strings.ReplaceAll(body, "&#43;", "+"))
	svg, _ := base64.StdEncoding.DecodeString(img[1])
	if !strings.HasPrefix(string(svg), `<svg xmlns="http://www.w3.org/2000/svg"`) || strings.Count(string(svg), "h1v1h-1z") < 200 {
		t.Errorf("QR code SVG looks wrong: %.200s", svg)
	}

	code := auth.TOTPCode(key, auth.TOTPStep(clock.now()))
	tests := []struct {
		name, password, confirm, code, want string
	}{
		{"short password", "short", "short", code, "The password must be at least 12 characters long"},
		{"common password", "Password1234", "Password1234", code, "This password is too common"},
		{"password with the address", "new@maastricht.nl!", "new@maastricht.nl!", code, "must not contain your e-mail address"},
		{"password with the site name", "my cyberhulp login", "my cyberhulp login", code, "must not contain your e-mail address or the name"},
		{"different confirmation", testPassword, testPassword + "x", code, "The two passwords are not the same"},
		{"wrong code", testPassword, testPassword, "000000", "The code is not right"},
	}
	for _, tt := range tests {
		if tt.code == "000000" && code == "000000" {
			continue
		}
		res, body := staffPost(t, s, link+"?lang=en", url.Values{"password": {tt.password}, "confirm": {tt.confirm}, "code": {tt.code}}, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", tt.name, res.StatusCode)
		}
		mustContain(t, body, tt.want, `class="error-summary"`)
		mustNotContain(t, body, `value="`+tt.password+`"`)
	}
	if m, _ := s.store.StaffByID(t.Context(), m.ID); m.Status != data.StaffPending {
		t.Fatalf("an invalid set-up activated the account")
	}

	res, _ = staffPost(t, s, link+"?lang=fr", url.Values{"password": {testPassword}, "confirm": {testPassword}, "code": {code}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/login?done=setup&lang=fr" {
		t.Fatalf("set-up: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	m, _ = s.store.StaffByID(t.Context(), m.ID)
	if m.Status != data.StaffActive || m.Lang != "fr" || !strings.HasPrefix(m.PasswordHash, "$argon2id$") {
		t.Errorf("after set-up: %+v", m)
	}
	// The link worked once; the first code is used up.
	res, body = staffGet(t, s, link+"?lang=en", nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("used link: %d", res.StatusCode)
	}
	mustContain(t, body, "This set-up link does not work")
	res, _ = staffPost(t, s, "/staff/login", loginValues("new@maastricht.nl", testPassword, code), nil)
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("login with the set-up code: %d", res.StatusCode)
	}
	clock.advance(30 * time.Second)
	res, _ = staffPost(t, s, "/staff/login", loginValues("new@maastricht.nl", testPassword, auth.TOTPCode(key, auth.TOTPStep(clock.now()))), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("first login: %d", res.StatusCode)
	}
	// French, as chosen during set-up.
	_, body = staffGet(t, s, "/staff/", []*http.Cookie{responseCookie(res, staffCookie)})
	mustContain(t, body, `<html lang="fr">`, "Vue d’ensemble")
}

func TestStaffSetupLinkExpires(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	clock := useTestClock(s)
	_, token, _ := s.store.AddStaff(t.Context(), "late@example.nl", data.RoleAnalyst, "nl", 0, clock.now())
	clock.advance(72 * time.Hour)
	for _, target := range []string{"/staff/setup/" + token, "/staff/setup/not-a-token"} {
		res, body := staffGet(t, s, target, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", target, res.StatusCode)
		}
		mustContain(t, body, "Deze instellink werkt niet")
	}
}
