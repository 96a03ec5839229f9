package server

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestLanguageSwitchKeepsTheQuery: switching language on a search or a
// filtered page keeps what the reader asked for.
func TestLanguageSwitchKeepsTheQuery(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		path  string
		wants []string
	}{
		{"/en/advice?q=phish&for=citizens", []string{`<a href="/nl/advice?for=citizens&amp;q=phish" hreflang="nl"`, `<a href="/fr/advice?for=citizens&amp;q=phish" hreflang="fr"`}},
		{"/fr/advice?q=banque", []string{`<a href="/nl/advice?q=banque" hreflang="nl"`}},
		// Only what the page understands is kept, not whatever was appended.
		{"/nl/advice?q=bank&utm_source=x", []string{`<a href="/en/advice?q=bank" hreflang="en"`}},
		{"/en/advice", []string{`<a href="/nl/advice" hreflang="nl"`}},
		{"/en/statistics?incident=phishing", []string{`<a href="/nl/statistics?incident=phishing" hreflang="nl"`}},
	}
	for _, tt := range tests {
		res, body := get(t, s, tt.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", tt.path, res.StatusCode)
		}
		mustContain(t, body, tt.wants...)
		mustNotContain(t, body, "utm_source")
	}
}

// TestLanguageSwitchKeepsTheAnswers: on the report form, the check page and
// the receipt-code form the switch is a submit button of the form, posting
// to the same step in the other language with change=1; the answers come
// back there, without error messages.
func TestLanguageSwitchKeepsTheAnswers(t *testing.T) {
	s := newReportServer(t)
	cookies, token := reportSession(t, s, "nl")
	_, form := get(t, s, "/nl/report")
	mustContain(t, form, `id="report-form"`,
		`<button type="submit" form="report-form" formaction="/en/report" formmethod="post" formnovalidate name="change" value="1" lang="en">English</button>`,
		`<button type="submit" form="report-form" formaction="/fr/report" formmethod="post" formnovalidate name="change" value="1" lang="fr">Français</button>`)

	// Half a form, as typed so far: no municipality, no loss yet.
	partial := url.Values{"victim": {"citizen"}, "incident": {"sextortion"}, "channel": {"email"},
		"description": {"Hij dreigt mijn foto's te delen."}, "change": {"1"}}
	res, en := postReport(t, s, "/en/report", partial, cookies, token)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("switch to English: %d", res.StatusCode)
	}
	mustContain(t, en, `<html lang="en"`, `value="sextortion" checked`, `value="email" checked`, "Hij dreigt mijn foto&#39;s te delen.</textarea>",
		`formaction="/nl/report"`)
	mustNotContain(t, en, "error-summary", "error-message")

	// From the check page the switch goes back to the form, answers kept.
	_, check := postReport(t, s, "/nl/report", validAnswers(), cookies, token)
	mustContain(t, check, `id="check-form"`, `form="check-form" formaction="/fr/report"`)
	hidden := hiddenFields(check)
	hidden.Set("change", "1")
	_, fr := postReport(t, s, "/fr/report", hidden, cookies, token)
	mustContain(t, fr, `<html lang="fr"`, `value="phishing" checked`, `<option value="maastricht" selected>`)
	mustNotContain(t, fr, "error-summary")

	// The receipt-code form keeps the code typed, unchecked.
	_, status := get(t, s, "/en/report/status")
	mustContain(t, status, `form="status-form" formaction="/nl/report/status"`)
	_, nl := postReport(t, s, "/nl/report/status", url.Values{"code": {"ABCD-EFGH"}, "action": {"show"}, "change": {"1"}}, cookies, token)
	mustContain(t, nl, `<html lang="nl"`, `value="ABCD-EFGH"`)
	mustNotContain(t, nl, "error-summary")
}

// TestDonePageStepsAndChannelsOverHTTP sends reports through the whole flow
// and reads the next steps as the reporter gets them: keeping the evidence
// comes before blocking or deleting, and the channels carry the directory's
// phone numbers (Fraudehelpdesk, Helpwanted, 113, CMI).
func TestDonePageStepsAndChannelsOverHTTP(t *testing.T) {
	s := newReportServer(t)
	tests := []struct {
		name          string
		change        func(url.Values)
		before, after string // step keys: before must come first
		phones        []string
	}{
		{"sextortion", func(v url.Values) {
			v.Set("incident", "sextortion")
			v.Set("loss", "none")
			v.Del("recovered")
			v.Set("ransom_paid", "no")
		}, "keep_evidence", "report_images", []string{`<a href="tel:0202615275">020-261 52 75</a>`, `<a href="tel:113">113</a>`}},
		{"friend in need", func(v url.Values) { v.Set("incident", "friend_in_need") }, "keep_evidence", "block_number",
			[]string{`<a href="tel:0887867372">088-786 73 72</a>`}},
		{"identity fraud", func(v url.Values) { v.Set("incident", "identity_fraud"); v.Set("loss", "none"); v.Del("recovered") },
			"keep_evidence", "identity_organisation", []string{`<a href="tel:0889001000">088-900 10 00</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := validAnswers()
			tt.change(v)
			_, done, _ := sendReport(t, s, "en", v)
			p := s.cat.Printer("en")
			before := strings.Index(done, html.EscapeString(p.T("report.step."+tt.before)))
			after := strings.Index(done, html.EscapeString(p.T("report.step."+tt.after)))
			if before < 0 || after < 0 || before > after {
				t.Errorf("step %s (at %d) must come before %s (at %d)", tt.before, before, tt.after, after)
			}
			mustContain(t, done, tt.phones...)
		})
	}
}
