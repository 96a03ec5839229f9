package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPostsReadTheBodyOnly: a receipt code, an action or an answer in the
// query string of a POST is ignored, the same value in the body works.
// A code in a URL lands in proxy logs and browser history.
func TestPostsReadTheBodyOnly(t *testing.T) {
	s := newTestServer(t)
	_, _, code := sendReport(t, s, "en", validAnswers())
	found := i18nLabel(t, "en", "report.view.title")
	wrong := i18nLabel(t, "en", "report.status.error.code")
	cookies, token := reportSession(t, s, "en")
	q := url.Values{"code": {code}, "action": {"delete-confirmed"}}.Encode()
	for _, tc := range []struct {
		name, target string
		body         url.Values
		want         string
	}{
		{"code in the query", "/en/report/status?" + q, url.Values{}, wrong},
		{"delete in the query", "/en/report/status?" + q, url.Values{"code": {code}}, found},
		{"code in the body", "/en/report/status", url.Values{"code": {code}}, found},
		{"answers in the query", "/en/report?" + validAnswers().Encode(), url.Values{}, i18nLabel(t, "en", "report.error_summary")},
	} {
		res, body := postReport(t, s, tc.target, tc.body, cookies, token)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d, page without %q:\n%s", tc.name, res.StatusCode, tc.want, mainOf(body))
		}
	}
	// The CSRF token counts in the body only, too.
	res, _ := postForm(t, s, "/en/report/status?_csrf="+url.QueryEscape(token), url.Values{"code": {code}}, cookies)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("CSRF token in the query: %d, want 403", res.StatusCode)
	}
}
