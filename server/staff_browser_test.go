package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// Browser tests of the staff area: set-up and login with TOTP, moderating
// a report, publishing a warning in three languages, and axe-core on every
// staff page in every language.

// submit clicks a form's button and waits for the page that follows.
func submit(t *testing.T, ctx context.Context, sel string) int64 {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("submit %s: %v", sel, err)
	}
	return res.Status
}

// open navigates and waits for the page.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// freshCode is the member's first unused code that the server accepts now.
func freshCode(t *testing.T, s *Server, id int64, key []byte) string {
	t.Helper()
	m, err := s.store.StaffByID(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	// The server's clock stands still (startPortalOn), so its step is the
	// one the code is made for.
	step := max(auth.TOTPStep(s.now()), m.TOTPLastStep+1)
	if step > auth.TOTPStep(s.now())+1 {
		t.Fatal("no unused code left in this time window")
	}
	return auth.TOTPCode(key, step)
}

// browserLogin logs in through the login form, in lang.
func browserLogin(t *testing.T, ctx context.Context, base string, s *Server, m testStaff, lang string) {
	t.Helper()
	open(t, ctx, base+"/staff/login?lang="+lang)
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), m.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#code"), freshCode(t, s, m.ID, m.Key)),
	); err != nil {
		t.Fatal(err)
	}
	if status := submit(t, ctx, `form button[type="submit"]`); status != 200 {
		t.Fatalf("login: status %d", status)
	}
	if url, _ := chromedp.Run(ctx, chromedp.Location()); url != base+"/staff/" {
		t.Fatalf("after login at %s", url)
	}
}

// TestBrowserStaffSetupAndLogin follows a set-up link, enrols the
// authenticator with the key the page shows, logs in with a code, and logs
// out.
func TestBrowserStaffSetupAndLogin(t *testing.T) {
	base, s := startPortal(t)
	ctx, probe := newTab(t)
	m, token, err := s.store.AddStaff(t.Context(), "nieuw@maastricht.nl", data.RoleEditor, "nl", 0, s.now())
	if err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"/staff/setup/"+token+"?lang=fr")
	probe.check(t, "set-up page")
	checkAccessible(t, ctx, "fr set-up page")
	screenshot(t, ctx, "staff-fr-setup")
	qrOK, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector('.qr img'); return i.complete && i.naturalWidth > 0 })()`))
	if err != nil || !qrOK {
		t.Errorf("the QR code image does not load (%v)", err)
	}
	secret := text(t, ctx, ".secret code")
	key, err := base32NoPad(strings.ReplaceAll(secret, " ", ""))
	if err != nil {
		t.Fatalf("key %q: %v", secret, err)
	}
	// A weak password first: the page says why, in French, and is accessible.
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#password"), "motdepasse123"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "motdepasse123"),
		chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(key, auth.TOTPStep(s.now()))),
	); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form button[type="submit"]`)
	if msg := text(t, ctx, ".error-summary"); !strings.Contains(msg, "trop courant") {
		t.Errorf("error summary %q", msg)
	}
	checkAccessible(t, ctx, "fr set-up page with errors")
	screenshot(t, ctx, "staff-fr-setup-errors")
	if again := text(t, ctx, ".secret code"); again != secret {
		t.Errorf("the key changed after an error: %q, was %q", again, secret)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#confirm"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#code"), auth.TOTPCode(key, auth.TOTPStep(s.now()))),
	); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form button[type="submit"]`)
	if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "Votre compte est prêt") {
		t.Fatalf("after set-up: %q", notice)
	}
	checkAccessible(t, ctx, "fr login page")
	screenshot(t, ctx, "staff-fr-login")

	browserLogin(t, ctx, base, s, testStaff{m, key}, "fr")
	if h1 := text(t, ctx, "h1"); h1 != "Vue d’ensemble" {
		t.Errorf("home h1 %q", h1)
	}
	probe.check(t, "staff home")
	checkAccessible(t, ctx, "fr staff home")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.staff-logout button`), chromedp.NodeVisible)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, base+"/staff/reports")
	if url, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasPrefix(url, base+"/staff/login") {
		t.Errorf("after logout, /staff/reports shows %s", url)
	}
}

// TestBrowserModerateReport marks a report as spam and sees it leave the
// staff's live counts at once and the public statistics at the next
// release, then restores it.
func TestBrowserModerateReport(t *testing.T) {
	base, s := startPortal(t)
	ctx, probe := newTab(t)
	m := addTestStaff(t, s, "analist@maastricht.nl", data.RoleAnalyst)
	week := vocab.Week(s.now())
	for i := 0; i < 11; i++ {
		addTestReport(t, s, week, "shopping_fraud", "new", fmt.Sprintf("Webshop %d took my money", i))
	}
	spam := addTestReport(t, s, week, "shopping_fraud", "new", `Buy cheap pills <a href="http://spam.example">here</a>`)
	// Reports of other types, so the published total is not suppressed.
	for i := 0; i < 15; i++ {
		addTestReport(t, s, week, "phishing", "reviewed", "")
		addTestReport(t, s, week, "helpdesk_fraud", "reviewed", "")
	}
	// The public total: 42 reports, perturbed, from the next release on.
	november := data.StatsFilter{From: 202611, To: 202611} // addTestReport's month
	release(t, s)
	publicTotal := published(t, s, november, data.DimIncident, "", 10)
	if got := strconv.Itoa(publishedTotal(t, base)); got != publicTotal {
		t.Fatalf("public statistics before moderation: total %s, want %s", got, publicTotal)
	}
	browserLogin(t, ctx, base, s, m, "en")
	counted := func() string { return text(t, ctx, "#counts-title + .table-wrap + p") }
	if c := counted(); !strings.HasPrefix(c, "42 reports count") {
		t.Fatalf("before: %q", c)
	}
	if alert := text(t, ctx, ".trend-alert"); !strings.Contains(alert, "Online shopping fraud") {
		t.Errorf("trend alert %q", alert)
	}
	screenshot(t, ctx, "staff-en-home-alert")

	open(t, ctx, base+"/staff/reports?incident=shopping_fraud")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/staff/reports/%d"]`, spam)), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(".free-text"))); err != nil {
		t.Fatal(err)
	}
	// The free text shows as text: the link in it is not a link.
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.free-text a').length`)); n != 0 {
		t.Error("free text became HTML")
	}
	if txt := text(t, ctx, ".free-text"); !strings.Contains(txt, `<a href="http://spam.example">`) {
		t.Errorf("free text shows %q", txt)
	}
	checkAccessible(t, ctx, "en report detail")
	screenshot(t, ctx, "staff-en-report")
	submit(t, ctx, `button[value="spam"]`)
	if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "no longer counts in any statistic") {
		t.Errorf("after spam: %q", notice)
	}
	probe.check(t, "report detail")
	open(t, ctx, base+"/staff/")
	if c := counted(); !strings.HasPrefix(c, "41 reports count") {
		t.Errorf("after marking spam: %q", c)
	}
	if got := strconv.Itoa(publishedTotal(t, base)); got != publicTotal {
		t.Errorf("public statistics after marking spam, before a release: total %s, want still %s", got, publicTotal)
	}
	release(t, s)
	if got, want := strconv.Itoa(publishedTotal(t, base)), published(t, s, november, data.DimIncident, "", 10); got != want {
		t.Errorf("public statistics after marking spam and a release: total %s, want %s (41, perturbed)", got, want)
	}
	open(t, ctx, fmt.Sprintf("%s/staff/reports/%d", base, spam))
	submit(t, ctx, `button[value="reviewed"]`)
	open(t, ctx, base+"/staff/")
	if c := counted(); !strings.HasPrefix(c, "42 reports count") {
		t.Errorf("after restoring: %q", c)
	}
	release(t, s)
	if got := strconv.Itoa(publishedTotal(t, base)); got != publicTotal {
		t.Errorf("public statistics after restoring and a release: total %s, want %s (the same cell, the same number)", got, publicTotal)
	}
}

// publishedTotal reads the total number of reports from the public open
// data, as anyone can.
func publishedTotal(t *testing.T, base string) int {
	t.Helper()
	res, err := http.Get(base + "/en/statistics/reports-by-type.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		Data []struct {
			Key    string `json:"key"`
			Value  *int   `json:"value"`
			Status string `json:"status"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for _, row := range doc.Data {
		if row.Key == "total" && row.Value != nil {
			return *row.Value
		}
	}
	t.Fatalf("no published total in %+v", doc.Data)
	return 0
}

// TestBrowserPublishWarning writes a warning in three languages, publishes
// it, and finds it on the home page in each language.
func TestBrowserPublishWarning(t *testing.T) {
	base, s := startPortal(t)
	ctx, probe := newTab(t)
	m := addTestStaff(t, s, "redactie@maastricht.nl", data.RoleEditor)
	browserLogin(t, ctx, base, s, m, "nl")
	// The account's language is English; the switcher makes it Dutch.
	switchLanguage(t, ctx, "nl")
	open(t, ctx, base+"/staff/warnings")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/staff/warnings/new"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS("#title-nl"))); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{"nl": "Pas op voor nep-sms over een pakket", "en": "Beware of fake parcel texts", "fr": "Attention aux faux SMS de colis"}
	bodies := map[string]string{
		"nl": "Oplichters sturen een sms over een pakket. **Klik niet** op de link.",
		"en": "Scammers send a text about a parcel. **Do not click** the link.",
		"fr": "Des escrocs envoient un SMS sur un colis. **Ne cliquez pas** sur le lien.",
	}
	// Dutch and English first: publishing must refuse while French is missing.
	for _, l := range []string{"nl", "en"} {
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#title-"+l), titles[l]), chromedp.SendKeys(chromedp.CSS("#body-"+l), bodies[l])); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS("#article"), "online-shopping-fraud")); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form[action="/staff/warnings"] button[type="submit"]`)
	submit(t, ctx, `form[action$="/publish"] button`)
	if msg := text(t, ctx, ".error-summary"); !strings.Contains(msg, "Schrijf de Franse titel en tekst") {
		t.Fatalf("publishing without French: %q", msg)
	}
	checkAccessible(t, ctx, "nl warning editor with errors")
	screenshot(t, ctx, "staff-nl-warning-errors")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#title-fr"), titles["fr"]), chromedp.SendKeys(chromedp.CSS("#body-fr"), bodies["fr"])); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form button.button[type="submit"]`)
	submit(t, ctx, `form[action$="/publish"] button`)
	if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "gepubliceerd") {
		t.Fatalf("after publishing: %q", notice)
	}
	probe.check(t, "warning editor")
	checkAccessible(t, ctx, "nl warning editor")
	screenshot(t, ctx, "staff-nl-warning")

	for _, lang := range i18n.Languages() {
		open(t, ctx, base+"/"+lang+"/")
		block := text(t, ctx, ".home-warnings")
		if !strings.Contains(block, titles[lang]) || !strings.Contains(block, strings.ReplaceAll(strings.SplitN(bodies[lang], "**", 2)[0], "**", "")) {
			t.Errorf("%s home: warning block %q", lang, block)
		}
		if strong := text(t, ctx, ".home-warnings strong"); strong == "" {
			t.Errorf("%s home: Markdown not rendered", lang)
		}
		probe.check(t, lang+" home with a warning")
		checkAccessible(t, ctx, lang+" home with a warning")
		screenshot(t, ctx, lang+"-home-warning")
		open(t, ctx, base+"/"+lang+"/warnings")
		checkAccessible(t, ctx, lang+" warnings page")
		screenshot(t, ctx, lang+"-warnings")
	}
}

// switchLanguage uses the staff language switcher.
func switchLanguage(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.staff-lang button[value="`+lang+`"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="`+lang+`"] h1`))); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserStaffPagesAccessible runs axe-core on every staff page in
// every language, and at phone width. Tabs share the browser's cookies, so
// one login serves them all.
func TestBrowserStaffPagesAccessible(t *testing.T) {
	base, s := startPortal(t)
	admin := addTestStaff(t, s, "beheer@maastricht.nl", data.RoleAdmin)
	analyst := addTestStaff(t, s, "analist@maastricht.nl", data.RoleAnalyst)
	id := addTestReport(t, s, vocab.Week(s.now()), "phishing", "new", "Een sms van 'de bank' met een link.\nTweede regel.")
	wid, _ := s.store.CreateWarning(t.Context(), &data.Warning{Texts: map[string]data.WarningText{
		"nl": {Title: "Titel", Body: "Tekst met een [link](https://www.politie.nl)."}}}, admin.ID, s.now())
	// Failed logins and their throttles in the audit log, so its page shows
	// refusals too.
	for range data.LoginFailureLimit {
		postFrom(t, s, "198.51.100.7:4000", "/staff/login", loginValues("analist@maastricht.nl", "wrong password 123", "123456"))
	}
	pages := map[string]string{
		"home": "/staff/", "reports": "/staff/reports", "reports-error": "/staff/reports?from=gisteren",
		"report": fmt.Sprintf("/staff/reports/%d", id), "warnings": "/staff/warnings", "warning-new": "/staff/warnings/new",
		"warning": fmt.Sprintf("/staff/warnings/%d", wid), "accounts": "/staff/accounts", "audit": "/staff/audit",
	}
	ctx, _ := newTab(t)
	browserLogin(t, ctx, base, s, admin, "nl")
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			ctx, probe := newTab(t)
			open(t, ctx, base+"/staff/")
			switchLanguage(t, ctx, lang)
			for name, path := range pages {
				where := lang + " staff " + name
				open(t, ctx, base+path)
				if l, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang")); l.Value != lang {
					t.Errorf("%s: <html lang=%q>", where, l.Value)
				}
				probe.check(t, where)
				checkAccessible(t, ctx, where)
				screenshot(t, ctx, "staff-"+lang+"-"+name)
			}
		})
	}
	t.Run("set-up link and phone width", func(t *testing.T) {
		ctx, _ := newTab(t)
		open(t, ctx, base+"/staff/accounts")
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#email"), "nieuw@maastricht.nl")); err != nil {
			t.Fatal(err)
		}
		submit(t, ctx, `form[action="/staff/accounts"] button[type="submit"]`)
		checkAccessible(t, ctx, "set-up link page")
		screenshot(t, ctx, "staff-setup-link")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/staff/", "/staff/reports", fmt.Sprintf("/staff/reports/%d", id), fmt.Sprintf("/staff/warnings/%d", wid),
			"/staff/accounts", "/staff/audit"} {
			open(t, ctx, base+path)
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				t.Errorf("%s at 320px: the page scrolls sideways by %dpx", path, overflow)
			}
			checkAccessible(t, ctx, path+" at 320px")
			screenshot(t, ctx, "staff-phone"+strings.ReplaceAll(strings.TrimSuffix(path, "/"), "/", "-"))
		}
	})
	t.Run("forbidden and invalid link", func(t *testing.T) {
		ctx, _ := newTab(t)
		// The tabs share the admin's session cookie: log out first.
		open(t, ctx, base+"/staff/")
		submit(t, ctx, ".staff-logout button")
		browserLogin(t, ctx, base, s, analyst, "en")
		open(t, ctx, base+"/staff/audit")
		if h1 := text(t, ctx, "h1"); h1 != "Not allowed for your role" {
			t.Errorf("analyst on the audit log: %q", h1)
		}
		checkAccessible(t, ctx, "403 page")
		screenshot(t, ctx, "staff-en-forbidden")
		for _, lang := range i18n.Languages() {
			open(t, ctx, base+"/staff/setup/no-such-token?lang="+lang)
			checkAccessible(t, ctx, lang+" invalid set-up link")
		}
	})
}
