package server

import (
	"database/sql"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"cyberportal/data"
)

// selfCheckAnswers gives every question the answer all, then applies set.
func selfCheckAnswers(all string, set map[string]string) url.Values {
	v := url.Values{}
	for _, q := range data.SelfCheckQuestions {
		v.Set("q_"+q, all)
	}
	for q, a := range set {
		v.Set("q_"+q, a)
	}
	return v
}

// selfCheckSession opens the self-check in lang: its CSRF cookie and token.
func selfCheckSession(t *testing.T, s *Server, lang string) ([]*http.Cookie, string) {
	t.Helper()
	res, body := get(t, s, "/"+lang+"/self-check")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /%s/self-check: %d", lang, res.StatusCode)
	}
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil || len(res.Cookies()) == 0 {
		t.Fatal("the self-check has no CSRF token or cookie")
	}
	return res.Cookies(), m[1]
}

// shares counts the stored self-check shares.
func shares(t *testing.T, s *Server) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM selfcheck_shares`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSelfCheckSmoke(t *testing.T) {
	s := newReportServer(t)
	for _, lang := range []string{"nl", "en", "fr"} {
		cookies, token := selfCheckSession(t, s, lang)
		res, body := postReport(t, s, "/"+lang+"/self-check", selfCheckAnswers("no", nil), cookies, token)
		if res.StatusCode != 200 || !strings.Contains(body, "plan-action") {
			t.Fatalf("%s: %d\n%s", lang, res.StatusCode, mainOf(body))
		}
		t.Log(mainOf(body)[:3000])
	}
}

// selfCheckKeyValues are the completions of selfcheck.<kind>. for the key test.
func selfCheckKeyValues(kind string) []string {
	var out []string
	for _, q := range data.SelfCheckQuestions {
		out = append(out, q)
		if kind == "q" {
			out = append(out, q+".why")
		}
	}
	return out
}
