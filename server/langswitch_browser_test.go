package server

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLanguageSwitchKeepsAnswersAndQuery types half a report in
// Dutch and switches to English and then French with the switcher, which
// is a submit button of the form: the answers must come along, with no
// error messages, and the page must pass axe. A search keeps its words
// when the language changes.
func TestBrowserLanguageSwitchKeepsAnswersAndQuery(t *testing.T) {
	base, _ := startReportPortal(t)
	ctx, probe := newTab(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/nl/report"),
		chromedp.Click(chromedp.CSS("#victim")), // citizen, the first option, has the field's id
		chromedp.Click(chromedp.CSS("#incident-sextortion")),
		chromedp.SetValue(chromedp.CSS("#municipality"), "meerssen"),
		chromedp.SendKeys(chromedp.CSS("#description"), "Hij dreigt mijn foto's te delen."),
	); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ lang, name string }{{"en", "English"}, {"fr", "Français"}} {
		submitAndLoad(t, ctx, "switch to "+step.lang, `.lang-switch button[lang="`+step.lang+`"]`)
		htmlLang, err1 := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		url, err2 := chromedp.Run(ctx, chromedp.Location())
		desc, err3 := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#description")))
		municipality, err4 := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#municipality")))
		victim, err5 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('input[name=victim][value=citizen]:checked').length`))
		incident, err6 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('input[name=incident][value=sextortion]:checked').length`))
		errors, err7 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.error-summary, .error-message').length`))
		for _, err := range []error{err1, err2, err3, err4, err5, err6, err7} {
			if err != nil {
				t.Fatal(err)
			}
		}
		if htmlLang != step.lang || url != base+"/"+step.lang+"/report" {
			t.Errorf("after %s: lang %q at %s", step.name, htmlLang, url)
		}
		if desc != "Hij dreigt mijn foto's te delen." || municipality != "meerssen" || victim != 1 || incident != 1 {
			t.Errorf("after %s the answers are lost: description %q, municipality %q, victim %d, incident %d", step.name, desc, municipality, victim, incident)
		}
		if errors != 0 {
			t.Errorf("after %s: %d error messages on a form the reader has not sent", step.name, errors)
		}
		probe.check(t, step.lang+" report after switching")
		checkAccessible(t, ctx, step.lang+" report after switching")
		screenshot(t, ctx, step.lang+"-report-switched")
	}

	// A search keeps its words.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/en/advice?q=bank&for=citizens")); err != nil {
		t.Fatal(err)
	}
	submitAndLoad(t, ctx, "search to Dutch", `.lang-switch a[hreflang="nl"]`)
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	q, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="q"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if url != base+"/nl/advice?for=citizens&q=bank" || q != "bank" {
		t.Errorf("after switching the search to Dutch: %s, search box %q", url, q)
	}
}
