package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"cyberportal/data"
)

// staffRoute is one route under /staff/ with the least role it needs.
type staffRoute struct {
	method, path string
	role         string // "" for the login and set-up pages, open to all
	data         bool   // answers 401 instead of redirecting to the login
	form         url.Values
}

// TestStaffAccessControl tries every staff route without a session, with a
// role one step too small, and with the right role. It fails when a staff
// route is added without being listed here.
func TestStaffAccessControl(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	useTestClock(s)
	analyst := addTestStaff(t, s, "analyst@example.nl", data.RoleAnalyst)
	editor := addTestStaff(t, s, "editor@example.nl", data.RoleEditor)
	admin := addTestStaff(t, s, "admin@example.nl", data.RoleAdmin)
	other := addTestStaff(t, s, "other@example.nl", data.RoleAnalyst)
	report := addTestReport(t, s, "2026-W48", "phishing", "new", "text")
	wid, err := s.store.CreateWarning(t.Context(), &data.Warning{Texts: map[string]data.WarningText{
		"nl": {Title: "Titel", Body: "Tekst"}, "en": {Title: "Title", Body: "Text"}, "fr": {Title: "Titre", Body: "Texte"}}}, editor.ID, s.now())
	if err != nil {
		t.Fatal(err)
	}
	r, w, o := strconv.FormatInt(report, 10), strconv.FormatInt(wid, 10), strconv.FormatInt(other.ID, 10)
	warningForm := url.Values{"title-nl": {"Titel"}, "body-nl": {"Tekst"}, "title-en": {"Title"}, "body-en": {"Text"},
		"title-fr": {"Titre"}, "body-fr": {"Texte"}}
	routes := []staffRoute{
		{"GET", "/staff/login", "", false, nil},
		{"POST", "/staff/login", "", false, nil},
		{"GET", "/staff/setup/:token", "", false, nil},
		{"POST", "/staff/setup/:token", "", false, nil},
		{"POST", "/staff/logout", "", false, nil},
		{"POST", "/staff/lang", data.RoleAnalyst, false, url.Values{"lang": {"en"}, "back": {"/staff/reports"}}},
		{"GET", "/staff/", data.RoleAnalyst, false, nil},
		{"GET", "/staff/reports", data.RoleAnalyst, false, nil},
		{"GET", "/staff/reports.csv", data.RoleAnalyst, true, nil},
		{"GET", "/staff/reports/" + r, data.RoleAnalyst, false, nil},
		{"POST", "/staff/reports/" + r + "/status", data.RoleAnalyst, false, url.Values{"status": {"spam"}}},
		{"GET", "/staff/warnings", data.RoleEditor, false, nil},
		{"GET", "/staff/warnings/new", data.RoleEditor, false, nil},
		{"POST", "/staff/warnings", data.RoleEditor, false, warningForm},
		{"GET", "/staff/warnings/" + w, data.RoleEditor, false, nil},
		{"POST", "/staff/warnings/" + w, data.RoleEditor, false, warningForm},
		{"POST", "/staff/warnings/" + w + "/publish", data.RoleEditor, false, nil},
		{"POST", "/staff/warnings/" + w + "/withdraw", data.RoleEditor, false, nil},
		{"GET", "/staff/accounts", data.RoleAdmin, false, nil},
		{"POST", "/staff/accounts", data.RoleAdmin, false, url.Values{"email": {"new@example.nl"}, "role": {"analyst"}}},
		{"POST", "/staff/accounts/" + o + "/reset", data.RoleAdmin, false, nil},
		{"POST", "/staff/accounts/" + o + "/disable", data.RoleAdmin, false, nil},
		{"GET", "/staff/audit", data.RoleAdmin, false, nil},
		{"GET", "/staff/statistics/self-check", data.RoleAnalyst, false, nil},
	}

	// Every staff route of the router must be in the table.
	listed := map[string]bool{}
	for _, rt := range routes {
		p := strings.NewReplacer("/"+r+"/", "/:id/", "/"+w+"/", "/:id/", "/"+o+"/", "/:id/").Replace(rt.path + "/")
		listed[rt.method+" "+strings.TrimSuffix(p, "/")] = true
		listed[rt.method+" "+rt.path] = true
	}
	for _, er := range s.echo.Routes() {
		if strings.HasPrefix(er.Path, "/staff/") && (er.Method == "GET" || er.Method == "POST") && !listed[er.Method+" "+er.Path] {
			t.Errorf("route %s %s is not in the access control table", er.Method, er.Path)
		}
	}

	tooSmall := map[string]testStaff{data.RoleEditor: analyst, data.RoleAdmin: editor}
	enough := map[string]testStaff{data.RoleAnalyst: analyst, data.RoleEditor: editor, data.RoleAdmin: admin}
	send := func(rt staffRoute, cookies []*http.Cookie) (*http.Response, string) {
		if rt.method == "GET" {
			return staffGet(t, s, rt.path, cookies)
		}
		form := url.Values{}
		for k, v := range rt.form {
			form[k] = v
		}
		return staffPost(t, s, rt.path, form, cookies)
	}
	for _, rt := range routes {
		if rt.role == "" {
			continue
		}
		name := rt.method + " " + rt.path
		t.Run(name, func(t *testing.T) {
			// No session: a page sends to the login, data answers 401.
			res, _ := send(rt, nil)
			switch {
			case rt.data:
				if res.StatusCode != http.StatusUnauthorized {
					t.Errorf("no session: %d, want 401", res.StatusCode)
				}
			case res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/staff/login"):
				t.Errorf("no session: %d %q, want 303 to the login", res.StatusCode, res.Header.Get("Location"))
			case rt.method == "GET" && res.Header.Get("Location") != "/staff/login?next="+url.QueryEscape(rt.path):
				t.Errorf("no session: redirect to %q does not return to the page", res.Header.Get("Location"))
			}
			// A role too small: 403, in the member's language.
			if small, ok := tooSmall[rt.role]; ok {
				res, body := send(rt, small.session(t, s))
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("as %s: %d, want 403", small.Role, res.StatusCode)
				}
				mustContain(t, body, "Not allowed for your role")
			}
			// The right role (and every larger one) passes.
			for _, role := range data.StaffRoles()[slicesIndex(data.StaffRoles(), rt.role):] {
				res, body := send(rt, enough[role].session(t, s))
				want := http.StatusOK
				if rt.method == "POST" && rt.path != "/staff/accounts" && !strings.HasSuffix(rt.path, "/reset") {
					want = http.StatusSeeOther
				}
				if res.StatusCode != want {
					t.Errorf("as %s: %d, want %d\n%.300s", role, res.StatusCode, want, body)
				}
				if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("as %s: Cache-Control %q, want no-store", role, cc)
				}
			}
		})
	}
}

func slicesIndex(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
