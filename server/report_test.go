package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/scrub"
	"cyberportal/i18n"
)

func TestReportFormInEveryLanguage(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	words := map[string][]string{
		"nl": {"Anoniem melden", "Wie is er getroffen?", "geen aangifte", "Valkenburg aan de Geul", "Kies een maand", "Laat dit veld leeg"},
		"en": {"Report anonymously", "Who was affected?", "not an official report to the police", "Bank helpdesk fraud", "Choose a month", "Leave this field empty"},
		"fr": {"Signaler anonymement", "Qui a été touché ?", "pas une plainte officielle", "Rançongiciel", "Choisissez un mois", "Laissez ce champ vide"},
	}
	for _, lang := range i18n.Languages() {
		res, body := get(t, s, "/"+lang+"/report")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, res.StatusCode)
		}
		mustContain(t, body, words[lang]...)
		mustContain(t, body,
			`<form method="post" action="/`+lang+`/report" novalidate id="report-form">`,
			`<input type="hidden" name="_csrf"`,
			`<legend>`, `<fieldset aria-describedby="incident-hint">`,
			`<input type="radio" id="victim" name="victim" value="citizen">`,
			`<input type="radio" id="incident-helpdesk-fraud" name="incident" value="helpdesk_fraud" aria-describedby="incident-helpdesk-fraud-item-hint">`,
			`<select id="month" name="month">`, `<option value="2026">2026</option>`, `<option value="2000">2000</option>`,
			`<textarea id="description" name="description" rows="8" autocomplete="off"`,
			`class="visually-hidden-honeypot" aria-hidden="true"`, `tabindex="-1" autocomplete="off"`,
			`href="/`+lang+`/report" aria-current="page"`)
		mustNotContain(t, body, `<option value="2027">`, `<option value="1999">`, "error-summary", "maxlength")
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", lang, cc)
		}
		if names := cookieNames(res); names != "csrf" {
			t.Errorf("%s: the form sets cookies %q, want only csrf", lang, names)
		}
	}
	// Readers of other pages get no cookie at all.
	for _, path := range []string{"/nl/", "/en/advice/phishing"} {
		if res, _ := get(t, s, path); len(res.Cookies()) > 0 {
			t.Errorf("%s sets a cookie", path)
		}
	}
}

func cookieNames(res *http.Response) string {
	var names []string
	for _, c := range res.Cookies() {
		names = append(names, c.Name)
	}
	return strings.Join(names, ",")
}

func TestReportFormErrorsKeepEveryAnswer(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	wants := map[string][]string{
		"nl": {"<title>Fout: Anoniem melden", "Er is een probleem", "Kies hoe het bij je binnenkwam"},
		"en": {"<title>Error: Report anonymously", "There is a problem", "Choose how it reached you"},
		"fr": {"<title>Erreur : Signaler anonymement", "Il y a un problème", "Choisissez comment cela vous est parvenu"},
	}
	for _, lang := range i18n.Languages() {
		cookies, token := reportSession(t, s, lang)
		answers := validAnswers()
		answers.Del("channel")
		answers.Set("victim", "business")
		answers.Set("company_size", "10-49") // sector missing
		answers.Set("description", "Line one\nline <b>two</b> & \"three\"")
		res, body := postReport(t, s, "/"+lang+"/report", answers, cookies, token)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", lang, res.StatusCode)
		}
		mustContain(t, body, wants[lang]...)
		mustContain(t, body,
			`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>`,
			`<li><a href="#sector">`, `<li><a href="#channel">`,
			`<p class="error-message" id="channel-error">`, `<fieldset aria-describedby="channel-hint channel-error">`,
			`<select id="sector" name="sector" aria-describedby="sector-error">`,
			// every answer is still there
			`value="business" checked>`, `value="10-49" checked>`, `value="phishing" checked aria-describedby`,
			`<option value="11" selected>`, `<option value="2026" selected>`, `<option value="maastricht" selected>`,
			`value="100-1000" checked>`, `value="partly" checked>`, `value="plan" checked>`,
			"Line one\nline &lt;b&gt;two&lt;/b&gt; &amp; &#34;three&#34;</textarea>")
		// The summary lists problems in the order of the page.
		if strings.Index(body, `href="#sector"`) > strings.Index(body, `href="#channel"`) {
			t.Errorf("%s: error summary out of page order", lang)
		}
		if n := strings.Count(body, `<li><a href="#`); n != 2 {
			t.Errorf("%s: %d errors in the summary, want 2", lang, n)
		}
		// The receipt code is drawn now and kept through corrections.
		if hidden := hiddenFields(body); len(hidden.Get("receipt")) != 16 || hidden.Get("receipt_sig") == "" {
			t.Errorf("%s: no signed receipt code carried in the form: %v", lang, hidden)
		}
	}
}

func TestReportValidation(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	long := strings.Repeat("é", data.MaxReportText)
	tests := []struct {
		name   string
		change func(url.Values)
		errs   []string // ids in the error summary; none means the check page
	}{
		{"valid", func(v url.Values) {}, nil},
		{"description at the limit", func(v url.Values) { v.Set("description", long) }, nil},
		{"description with CRLF at the limit", func(v url.Values) { v.Set("description", long[:len(long)-4]+"\r\n") }, nil},
		{"description one over", func(v url.Values) { v.Set("description", long+"x") }, []string{"description"}},
		{"no description", func(v url.Values) { v.Del("description") }, nil},
		{"questions that do not apply are ignored", func(v url.Values) {
			v.Set("sector", "<script>")
			v.Set("ransom_paid", "maybe")
		}, nil},
		{"nothing at all", func(v url.Values) {
			for k := range v {
				v.Del(k)
			}
		}, []string{"victim", "incident", "channel", "month", "municipality", "loss", "police"}},
		{"tampered incident", func(v url.Values) { v.Set("incident", `"><img src=x onerror=alert(1)>`) }, []string{"incident"}},
		{"tampered channel", func(v url.Values) { v.Set("channel", "javascript:alert(1)") }, []string{"channel"}},
		{"code in the wrong case", func(v url.Values) { v.Set("victim", "Citizen") }, []string{"victim"}},
		{"month 13", func(v url.Values) { v.Set("month", "13") }, []string{"month"}},
		{"month with a sign", func(v url.Values) { v.Set("month", "+1") }, []string{"month"}},
		{"before 2000", func(v url.Values) { v.Set("year", "1999") }, []string{"month"}},
		{"next month", func(v url.Values) { v.Set("month", "12") }, []string{"month"}},
		{"next year", func(v url.Values) { v.Set("year", "2027"); v.Set("month", "1") }, []string{"month"}},
		{"business needs size and sector", func(v url.Values) { v.Set("victim", "business") }, []string{"company_size", "sector"}},
		{"loss needs recovered", func(v url.Values) { v.Del("recovered") }, []string{"recovered"}},
		{"no loss needs no recovered", func(v url.Values) { v.Set("loss", "none"); v.Del("recovered") }, nil},
		{"ransomware needs ransom answer", func(v url.Values) { v.Set("incident", "ransomware") }, []string{"ransom_paid"}},
		{"unknown municipality", func(v url.Values) { v.Set("municipality", "amsterdam") }, []string{"municipality"}},
	}
	cookies, token := reportSession(t, s, "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := validAnswers()
			tt.change(v)
			res, body := postReport(t, s, "/en/report", v, cookies, token)
			var got []string
			for _, m := range regexp.MustCompile(`<li><a href="#([a-z_]+)">`).FindAllStringSubmatch(body, -1) {
				got = append(got, m[1])
			}
			if strings.Join(got, " ") != strings.Join(tt.errs, " ") {
				t.Errorf("errors %v, want %v", got, tt.errs)
			}
			if len(tt.errs) == 0 && (res.StatusCode != http.StatusOK || !strings.Contains(body, "Check what will be stored")) {
				t.Errorf("valid answers: %d, not the check page", res.StatusCode)
			}
			mustNotContain(t, body, "<img src=x", "<script>")
		})
	}
	_, body := postReport(t, s, "/en/report", url.Values{"description": {long + "é"}}, cookies, token)
	mustContain(t, body, "Your text can have at most 5,000 characters. It now has 5,001")
}

func TestReportFlowStoresOnceAndShowsTheCode(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	answers := validAnswers()
	answers.Set("victim", "business")
	answers.Set("company_size", "2-9")
	answers.Set("sector", "retail")
	check, done, code := sendReport(t, s, "nl", answers)

	mustContain(t, check, "Controleer wat we bewaren", "<dd>Bedrijf of zzp&#39;er</dd>", "<dd>2–9 mensen</dd>",
		"<dd>Detailhandel en groothandel</dd>", "<dd>november 2026</dd>", "<dd>2026-W48</dd>", "<dd>Nederlands</dd>",
		`Sms van <span class="placeholder">[telefoonnummer]</span> met link hxxps://rabo-veilig[.]com/inlog, ik maakte €250 over.</div>`,
		"We hebben persoonsgegevens vervangen")
	mustNotContain(t, check, "06-12345678</div>", `href="https://rabo`)
	if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$`).MatchString(code) {
		t.Errorf("receipt code %q is not four groups of four", code)
	}
	mustContain(t, done, "Je melding is ontvangen", "Je ontvangstcode", "Schrijf deze code nu op",
		"Dit is geen aangifte bij de politie", "politie.nl", "0900-8844", `href="tel:09008844"`,
		"Bel nu je bank", `<ol class="steps">`, "Vertel het meteen aan je IT-leverancier", "Digital Trust Center",
		`href="/nl/advice/phishing"`, `href="/nl/advice/scammed-first-hour"`, `href="/nl/report/status"`)
	mustNotContain(t, done, "We hadden deze melding al ontvangen")

	r, err := s.store.ReportByReceipt(context.Background(), code)
	if err != nil {
		t.Fatalf("the acknowledged report is not stored: %v", err)
	}
	want := data.Report{Lang: "nl", Week: "2026-W48", Victim: "business", CompanySize: "2-9", Sector: "retail",
		Incident: "phishing", Channel: "sms", IncidentYear: 2026, IncidentMonth: 11, Municipality: "maastricht",
		Loss: "100-1000", Recovered: "partly", Police: "plan",
		Description: "Sms van [phone] met link hxxps://rabo-veilig[.]com/inlog, ik maakte €250 over."}
	if r.Description != want.Description || r.Week != want.Week || r.Sector != want.Sector || r.Recovered != want.Recovered ||
		r.Lang != want.Lang || r.IncidentMonth != want.IncidentMonth || r.CompanySize != want.CompanySize {
		t.Errorf("stored %+v\nwant   %+v", *r, want)
	}

	// The same confirmation again (a reload, a double click): the same code,
	// a note, and still one report.
	cookies, token := reportSession(t, s, "nl")
	res, again := postReport(t, s, "/nl/report/done", hiddenFields(check), cookies, token)
	if res.StatusCode != http.StatusOK || !strings.Contains(again, `id="receipt-code">`+code+`<`) {
		t.Fatalf("resending: %d, code not shown again", res.StatusCode)
	}
	mustContain(t, again, "We hadden deze melding al ontvangen")
	if n := countReports(t, s); n != 1 {
		t.Errorf("%d reports after sending the same form twice", n)
	}
}

// countReports counts stored reports, as the staff's report list does.
func countReports(t *testing.T, s *Server) int {
	t.Helper()
	_, n, err := s.store.ModerationReports(context.Background(), data.ModerationFilter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReportChangeMyAnswers(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	check, cookies, token := checkPage(t, s, "fr", validAnswers())
	hidden := hiddenFields(check)
	hidden.Set("change", "1")
	res, form := postReport(t, s, "/fr/report", hidden, cookies, token)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("change: %d", res.StatusCode)
	}
	mustContain(t, form, "Signaler anonymement", `value="phishing" checked`, `<option value="maastricht" selected>`,
		"Sms van 06-12345678 met link https://rabo-veilig.com/inlog, ik maakte €250 over.</textarea>")
	mustNotContain(t, form, "error-summary")
	if got := hiddenFields(form); got.Get("receipt") != hidden.Get("receipt") || got.Get("receipt_sig") != hidden.Get("receipt_sig") {
		t.Errorf("changing the answers drew a new receipt code: the same report sent twice would be stored twice")
	}
}

func TestReportConfirmRefusesUnsignedOrStaleCodes(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	check, cookies, token := checkPage(t, s, "en", validAnswers())
	chosen, _ := auth.NewReceiptCode()
	for name, change := range map[string]func(url.Values){
		"a code we did not sign":   func(v url.Values) { v.Set("receipt", string(chosen)) },
		"a forged signature":       func(v url.Values) { v.Set("receipt_sig", "AAAAAAAAAAAAAAAAAAAAAA") },
		"a variant of our code":    func(v url.Values) { v.Set("receipt", strings.ToLower(v.Get("receipt"))) },
		"a signature that expired": func(v url.Values) {},
	} {
		t.Run(name, func(t *testing.T) {
			hidden := hiddenFields(check)
			change(hidden)
			if name == "a signature that expired" {
				s.report.receipts.keys(reportClock) // the key of the check page...
				later := reportClock.Add(2*keyLifetime + time.Minute)
				s.now = func() time.Time { return later } // ...and two rotations later
				defer func() { s.now = func() time.Time { return reportClock } }()
			}
			res, body := postReport(t, s, "/en/report/done", hidden, cookies, token)
			if res.StatusCode != http.StatusOK || !strings.Contains(body, "This page was open for a long time") {
				t.Fatalf("%d, not the check page asking again:\n%s", res.StatusCode, mainOf(body))
			}
			if strings.Contains(body, "receipt-code") {
				t.Error("a receipt code was shown")
			}
			if again := hiddenFields(body); again.Get("receipt") == hidden.Get("receipt") {
				t.Error("the check page kept the refused code")
			}
		})
	}
	if n := countReports(t, s); n != 0 {
		t.Errorf("%d reports stored from refused codes", n)
	}
}

// TestReportStoresTheTextItShowed checks that the confirmation stores the
// anonymised text of the check page only when its signature matches, so a
// tampered "clean" text cannot bypass the scrubber.
func TestReportStoresTheTextItShowed(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	check, cookies, token := checkPage(t, s, "en", validAnswers())
	hidden := hiddenFields(check)
	const want = "Sms van [phone] met link hxxps://rabo-veilig[.]com/inlog, ik maakte €250 over."
	if hidden.Get("clean") != want || hidden.Get("clean_sig") == "" {
		t.Fatalf("the check page carries %q", hidden.Get("clean"))
	}
	for name, change := range map[string]func(url.Values){
		"as shown":          func(v url.Values) {},
		"tampered clean":    func(v url.Values) { v.Set("clean", "call me on 06-12345678") },
		"changed original":  func(v url.Values) { v.Set("description", "mail jan@example.nl") },
		"signature removed": func(v url.Values) { v.Del("clean_sig"); v.Set("clean", "06-12345678") },
	} {
		v := hiddenFields(check)
		v.Del("receipt") // a fresh code each time
		change(v)
		_, done := postReport(t, s, "/en/report/done", v, cookies, token)
		m := receiptOnPage.FindStringSubmatch(done)
		if m == nil {
			t.Fatalf("%s: not stored", name)
		}
		r, err := s.store.ReportByReceipt(context.Background(), m[1])
		if err != nil {
			t.Fatal(err)
		}
		if wantNow := scrub.Anonymise(v.Get("description")); r.Description != wantNow {
			t.Errorf("%s: stored %q, want %q", name, r.Description, wantNow)
		}
	}
}

// TestReportLongTextInAnyScript sends the longest description in scripts
// that take many bytes: the confirmation must stay under the body limit.
func TestReportLongTextInAnyScript(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	for name, char := range map[string]string{"Cyrillic": "ж", "Chinese": "骗", "emoji": "😡"} {
		v := validAnswers()
		v.Set("description", strings.Repeat(char, data.MaxReportText-12)+" 06-12345678")
		_, done, code := sendReport(t, s, "en", v)
		if !strings.Contains(done, "Your report has been received") {
			t.Fatalf("%s: not stored", name)
		}
		r, err := s.store.ReportByReceipt(context.Background(), code)
		if err != nil || !strings.HasSuffix(r.Description, " [phone]") {
			t.Errorf("%s: stored %v, %v", name, err, r != nil)
		}
	}
}

func TestReportWithoutCodeGetsAFreshOne(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	cookies, token := reportSession(t, s, "en")
	res, body := postReport(t, s, "/en/report/done", validAnswers(), cookies, token)
	m := receiptOnPage.FindStringSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("%d, no receipt code", res.StatusCode)
	}
	if _, err := s.store.ReportByReceipt(context.Background(), m[1]); err != nil {
		t.Errorf("report under the fresh code: %v", err)
	}
}

func TestReportHoneypot(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	answers := validAnswers()
	answers.Set("website", "http://spam.example")
	_, done, code := sendReport(t, s, "en", answers)
	mustContain(t, done, "Your report has been received", "What to do now")
	if n := countReports(t, s); n != 0 {
		t.Errorf("a filled honeypot stored %d reports", n)
	}
	if _, err := s.store.ReportByReceipt(context.Background(), code); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the honeypot's code works: %v", err)
	}
}

func TestReportNeedsCSRFToken(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	cookies, _ := reportSession(t, s, "en")
	for _, path := range []string{"/en/report", "/en/report/done", "/en/report/status"} {
		res, body := postForm(t, s, path, validAnswers(), cookies)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s without token: %d, want 403", path, res.StatusCode)
		}
		mustContain(t, body, "This form has expired")
		res, _ = postReport(t, s, path, validAnswers(), nil, "forged")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a token but no cookie: %d, want 403", path, res.StatusCode)
		}
	}
	if n := countReports(t, s); n != 0 {
		t.Errorf("%d reports stored without a valid token", n)
	}
}

func TestReportBodyTooLarge(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	wants := map[string]string{"nl": "te groot", "en": "What you sent is too large", "fr": "trop volumineux"}
	for _, lang := range i18n.Languages() {
		cookies, token := reportSession(t, s, lang)
		v := validAnswers()
		v.Set("description", strings.Repeat("a", 65<<10))
		res, body := postReport(t, s, "/"+lang+"/report", v, cookies, token)
		if res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: %d, want 413", lang, res.StatusCode)
		}
		mustContain(t, body, `<html lang="`+lang+`">`, wants[lang])
	}
}

func TestReportStatusPages(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	_, _, code := sendReport(t, s, "en", validAnswers())

	res, body := get(t, s, "/fr/report/status")
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET status: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	mustContain(t, body, "Code de suivi", `<input type="text" class="input-code" id="code" name="code" value="" autocomplete="off"`)

	// The code works however it is typed, and shows the report as stored.
	for _, typed := range []string{code, strings.ToLower(code), strings.ReplaceAll(code, "-", " "), strings.ReplaceAll(code, "-", "")} {
		res, body := lookUp(t, s, "fr", typed, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("look up %q: %d", typed, res.StatusCode)
		}
		mustContain(t, body, "Votre signalement", "2026-W48", "<dd>Hameçonnage (phishing)</dd>", "<dd>En partie</dd>",
			`hxxps://rabo-veilig[.]com/inlog`, `name="code" value="`+strings.ReplaceAll(code, "-", "")+`"`)
		mustNotContain(t, body, "06-12345678")
	}

	// An update is anonymised, appended, and not added twice by a reload.
	update := url.Values{"action": {"update"}, "update": {"Bank gaf €100 terug. Mail me: jan@example.nl"}}
	_, body = lookUp(t, s, "en", code, update)
	mustContain(t, body, "Your update has been added.", "Added in week 2026-W48", `Bank gaf €100 terug. Mail me: <span class="placeholder">[email address]</span>`)
	mustNotContain(t, body, "jan@example.nl")
	_, body = lookUp(t, s, "en", code, update)
	mustContain(t, body, "This update had already been added.")
	if n := strings.Count(body, "Added in week"); n != 1 {
		t.Errorf("%d updates after a reload, want 1", n)
	}
	res, body = lookUp(t, s, "en", code, url.Values{"action": {"update"}, "update": {strings.Repeat("x", data.MaxReportText+1)}})
	if res.StatusCode != http.StatusOK {
		t.Errorf("update too long: %d", res.StatusCode)
	}
	mustContain(t, body, `<li><a href="#update">`, "at most 5,000 characters", `<p class="error-message" id="update-error">`)
	res, body = lookUp(t, s, "en", code, url.Values{"action": {"update"}, "update": {"  <b></b>  "}})
	mustContain(t, body, "Write your update")

	// Delete asks first, then deletes for good.
	_, body = lookUp(t, s, "nl", code, url.Values{"action": {"delete"}})
	mustContain(t, body, "Weet je zeker dat je je melding wilt verwijderen?", `value="delete-confirmed"`)
	if want, _ := auth.ParseReceiptCode(code); hiddenFields(body).Get("code") != string(want) || hiddenFields(body).Get("_csrf") == "" {
		t.Errorf("the delete page does not carry the code and token on: %v", hiddenFields(body))
	}
	if _, err := s.store.ReportByReceipt(context.Background(), code); err != nil {
		t.Fatalf("the report went before the confirmation: %v", err)
	}
	_, body = lookUp(t, s, "nl", code, url.Values{"action": {"delete-confirmed"}})
	mustContain(t, body, "Je melding is verwijderd")
	if _, err := s.store.ReportByReceipt(context.Background(), code); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	res, body = lookUp(t, s, "nl", code, nil)
	if res.StatusCode != http.StatusOK {
		t.Errorf("a deleted report's code: %d", res.StatusCode)
	}
	mustContain(t, body, "We kunnen geen melding vinden met deze ontvangstcode")
}

// TestWrongCodesLookAlike sends codes that fail for different reasons: the
// answers must be the same page, status and cookies, never before minWrong.
func TestWrongCodesLookAlike(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	s.report.minWrong = 60 * time.Millisecond
	_, _, deleted := sendReport(t, s, "en", validAnswers())
	if _, body := lookUp(t, s, "en", deleted, url.Values{"action": {"delete-confirmed"}}); !strings.Contains(body, "has been deleted") {
		t.Fatal("could not delete")
	}
	unknown, _ := auth.NewReceiptCode()
	token := regexp.MustCompile(`name="_csrf" value="[^"]+"`)
	var first string
	for _, typed := range []string{unknown.String(), deleted, "K7QM-9XTD-H3WP-2RBU", "short", "", "<script>alert(1)</script>"} {
		for _, action := range []string{"show", "update", "delete", "delete-confirmed"} {
			start := time.Now()
			res, body := lookUp(t, s, "en", typed, url.Values{"action": {action}, "update": {"x"}})
			took := time.Since(start)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%q %s: status %d", typed, action, res.StatusCode)
			}
			if took < s.report.minWrong {
				t.Errorf("%q %s: answered after %v, before %v", typed, action, took, s.report.minWrong)
			}
			page := token.ReplaceAllString(strings.Replace(body, `value="`+htmlEscape(typed)+`"`, `value=""`, 1), "")
			if first == "" {
				first = page
			} else if page != first {
				t.Errorf("%q %s: a different page from the first wrong code", typed, action)
			}
		}
	}
	mustContain(t, first, "We cannot find a report with this receipt code")
}

func TestReportRateLimits(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	s.report.submits.perClient = Rate{3, 10 * time.Minute}
	s.report.lookups.perClient = Rate{2, 10 * time.Minute}
	s.report.lookups.global = Rate{5, time.Minute}
	cookies, token := reportSession(t, s, "fr")
	post := func(path, addr string) *http.Response {
		v := validAnswers()
		v.Set("_csrf", token)
		req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = addr
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := newRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Result()
	}
	for i := range 3 {
		if res := post("/fr/report", "198.51.100.7:4000"); res.StatusCode != http.StatusOK {
			t.Fatalf("post %d: %d", i+1, res.StatusCode)
		}
	}
	res := post("/fr/report/done", "198.51.100.7:4001")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("4th post: %d, Retry-After %q; want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	body := readBody(res)
	mustContain(t, body, `<html lang="fr">`, "Trop de tentatives")
	if res := post("/fr/report", "198.51.100.8:4000"); res.StatusCode != http.StatusOK {
		t.Errorf("another client was limited too: %d", res.StatusCode)
	}
	if res := post("/fr/report", "[2001:db8:1:2:aaaa::1]:4000"); res.StatusCode != http.StatusOK {
		t.Errorf("an IPv6 client: %d", res.StatusCode)
	}

	// Lookups: 2 per client, 2 for everyone beyond each client's first.
	s.report.lookups.global = Rate{2, time.Minute}
	s.report.lookups.reserved = 1
	for i, addr := range []string{"203.0.113.1:1", "203.0.113.1:2", "203.0.113.2:1", "203.0.113.2:2"} {
		if res := post("/fr/report/status", addr); res.StatusCode != http.StatusOK {
			t.Fatalf("lookup %d: %d", i+1, res.StatusCode)
		}
	}
	if res := post("/fr/report/status", "203.0.113.1:3"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("third lookup of one client: %d, want 429", res.StatusCode)
	}
	if res := post("/fr/report/status", "203.0.113.9:1"); res.StatusCode != http.StatusOK {
		t.Errorf("a new client's first lookup over the global cap: %d, want 200", res.StatusCode)
	}
	if res := post("/fr/report/status", "203.0.113.9:2"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a second lookup over the global cap: %d, want 429", res.StatusCode)
	}
	// Reading the form is never limited.
	for range 5 {
		if res, _ := get(t, s, "/fr/report"); res.StatusCode != http.StatusOK {
			t.Fatalf("GET limited: %d", res.StatusCode)
		}
	}
}

// TestStatusOpenDuringDistributedGuessing replays the attack of issue 12 on
// the shipped limits: 62 addresses × 10 wrong codes use up the global budget
// of 600 a minute; the owner of a real code, from a fresh address, still
// reads, adds to and deletes the report, while the attackers are refused.
func TestStatusOpenDuringDistributedGuessing(t *testing.T) {
	s := newReportServer(t)
	s.report.lookups.perClient, s.report.lookups.global = defaultRate(t, defaultStatusRate), defaultRate(t, defaultStatusGlobalRate)
	_, _, code := sendReport(t, s, "en", validAnswers())
	cookies, token := reportSession(t, s, "en")
	post := func(addr string, v url.Values) (int, string) {
		v.Set("_csrf", token)
		req := newFormRequest("/en/report/status", v, cookies)
		req.RemoteAddr = addr
		res := serve(s, req)
		return res.StatusCode, readBody(res)
	}
	for a := range 62 {
		for range 10 {
			post("198.51.100."+itoa(int64(a+1))+":999", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}})
		}
	}
	if st, _ := post("198.51.100.99:999", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}}); st != http.StatusOK {
		t.Fatalf("a fresh attacker's first guess: %d", st)
	}
	for a := range 62 {
		for range 10 {
			post("198.51.100."+itoa(int64(a+101))+":999", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}})
		}
	}
	var got []int
	for range 4 {
		st, _ := post("198.51.100.200:999", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}})
		got = append(got, st)
	}
	if !slices.Equal(got, []int{200, 200, 200, 429}) {
		t.Errorf("a new attacker: %v; want its 3 reserved guesses, then 429 for the used-up global budget", got)
	}
	for i, v := range []url.Values{{"code": {code}}, {"code": {code}}, {"code": {code}}} {
		st, body := post("203.0.113.50:1", v)
		if st != http.StatusOK || strings.Contains(body, "cannot find") {
			t.Fatalf("the owner's lookup %d during the attack: %d\n%s", i+1, st, mainOf(body))
		}
	}
}

func defaultRate(t *testing.T, s string) Rate {
	var r Rate
	if err := r.Set(s); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReportDoneLater(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	for lang, want := range map[string]string{"nl": "Je ontvangstcode zie je maar één keer", "en": "Your receipt code is shown only once", "fr": "ne s’affiche qu’une fois"} {
		res, body := get(t, s, "/"+lang+"/report/done")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", lang, res.StatusCode)
		}
		mustContain(t, body, want, `href="/`+lang+`/report/status"`, "0900-8844")
		mustNotContain(t, body, "receipt-code")
	}
}

func TestReportInSitemapNotStatus(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	_, body := get(t, s, "/sitemap.xml")
	mustContain(t, body, "<loc>https://cyberhulp.example/fr/report</loc>")
	mustNotContain(t, body, "/report/status", "/report/done")
	_, robots := get(t, s, "/robots.txt")
	mustContain(t, robots, "Disallow: /*/report/status")
}

// TestSignedTextSurvivesLineBreaks checks the check page's signed text
// still verifies after the browser turns its line breaks into CRLF.
func TestSignedTextSurvivesLineBreaks(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	sig := s.report.signText("a\nb", "X\nY") // a pair only the signature can vouch for
	f := readReportForm(url.Values{"description": {"a\r\nb"}, "clean": {"X\r\nY"}, "clean_sig": {sig}})
	if got := s.report.anonymised(&f); got != "X\nY" {
		t.Errorf("the signed text was not used: %q", got)
	}
	f.Clean = "X\nZ"
	if got := s.report.anonymised(&f); got != "a\nb" {
		t.Errorf("a changed text was used: %q", got)
	}
}
