package server

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// reportClock is the time the report tests run at: Monday 23 November 2026,
// 10:00 in Maastricht, ISO week 2026-W48.
var reportClock = time.Date(2026, time.November, 23, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// newReportServer is a test server at reportClock with roomy rate limits,
// so tests that are not about the limits never meet them.
func newReportServer(t *testing.T) *Server {
	t.Helper()
	s := newTestServer(t)
	s.now = func() time.Time { return reportClock }
	s.report.submits.perClient = Rate{1000, time.Minute}
	s.report.lookups.perClient = Rate{1000, time.Minute}
	s.report.lookups.global = Rate{1000, time.Minute}
	s.report.minWrong = 0
	return s
}

// validAnswers are answers that pass, for tests to change one of.
func validAnswers() url.Values {
	return url.Values{
		"victim": {"citizen"}, "incident": {"phishing"}, "channel": {"sms"}, "month": {"11"}, "year": {"2026"},
		"municipality": {"maastricht"}, "loss": {"100-1000"}, "recovered": {"partly"}, "police": {"plan"},
		"description": {"Sms van 06-12345678 met link https://rabo-veilig.com/inlog, ik maakte €250 over."},
	}
}

// reportSession opens the form in lang and returns the CSRF cookie and token.
func reportSession(t *testing.T, s *Server, lang string) ([]*http.Cookie, string) {
	t.Helper()
	return formSession(t, s, "/"+lang+"/report")
}

// formSession opens the form at path and returns its CSRF cookie and token.
func formSession(t *testing.T, s *Server, path string) ([]*http.Cookie, string) {
	t.Helper()
	res, body := get(t, s, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil || len(res.Cookies()) == 0 {
		t.Fatalf("%s has no CSRF token or cookie", path)
	}
	return res.Cookies(), m[1]
}

// postReport posts values with the session's token to path.
func postReport(t *testing.T, s *Server, path string, values url.Values, cookies []*http.Cookie, token string) (*http.Response, string) {
	t.Helper()
	v := url.Values{}
	for k, vs := range values {
		v[k] = append([]string(nil), vs...)
	}
	v.Set("_csrf", token)
	return postForm(t, s, path, v, cookies)
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenFields are the hidden inputs of a page, as the browser would send them.
func hiddenFields(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	return v
}

var receiptOnPage = regexp.MustCompile(`id="receipt-code">([0-9A-Z-]+)<`)

// sendReport runs the whole flow in lang: form, check page, confirm. It
// returns the check page, the done page and the receipt code shown.
func sendReport(t *testing.T, s *Server, lang string, answers url.Values) (check, done, code string) {
	t.Helper()
	check, cookies, token := checkPage(t, s, lang, answers)
	res, done := postReport(t, s, "/"+lang+"/report/done", hiddenFields(check), cookies, token)
	m := receiptOnPage.FindStringSubmatch(done)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("POST /%s/report/done: %d, no receipt code:\n%s", lang, res.StatusCode, mainOf(done))
	}
	return check, done, m[1]
}

// checkPage sends answers in lang in a new session and returns the check
// page, with the session's cookies and token for the next step.
func checkPage(t *testing.T, s *Server, lang string, answers url.Values) (check string, cookies []*http.Cookie, token string) {
	t.Helper()
	cookies, token = reportSession(t, s, lang)
	res, check := postReport(t, s, "/"+lang+"/report", answers, cookies, token)
	if res.StatusCode != http.StatusOK || !strings.Contains(check, `action="/`+lang+`/report/done"`) {
		t.Fatalf("POST /%s/report: %d, not the check page:\n%s", lang, res.StatusCode, mainOf(check))
	}
	return check, cookies, token
}

// lookUp posts a receipt code to the status page with an action.
func lookUp(t *testing.T, s *Server, lang, code string, extra url.Values) (*http.Response, string) {
	t.Helper()
	cookies, token := reportSession(t, s, lang)
	v := url.Values{"code": {code}}
	for k, vs := range extra {
		v[k] = vs
	}
	return postReport(t, s, "/"+lang+"/report/status", v, cookies, token)
}

// mainOf is the page's main element, for readable failure messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if i := strings.Index(body, "</main>"); i >= 0 {
		body = body[:i]
	}
	return body
}
