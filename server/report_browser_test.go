package server

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cyberportal/i18n"
)

// setRates changes a limiter's rates while the server may be running.
func (l *limiter) setRates(perClient, global Rate) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.perClient, l.global = perClient, global
}

// startReportPortal is startPortal with limits that a test's many requests
// from one loopback address stay under.
func startReportPortal(t *testing.T) (string, *Server) {
	t.Helper()
	base, s := startPortal(t)
	s.report.submits.setRates(Rate{10000, time.Minute}, Rate{})
	s.report.lookups.setRates(Rate{10000, time.Minute}, Rate{10000, time.Minute})
	return base, s
}

// answerValidly fills in the report form with short valid answers: a
// citizen, phishing through a website in March 2024 in Maastricht, no loss,
// not reported. The description is left as it is.
func answerValidly(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#victim")), // the first option has the field's id
		chromedp.Click(chromedp.CSS("#incident")),
		chromedp.Click(chromedp.CSS("#channel-website")),
		chromedp.SetValue(chromedp.CSS("#month"), "3"),
		chromedp.SetValue(chromedp.CSS("#year"), "2024"),
		chromedp.SetValue(chromedp.CSS("#municipality"), "maastricht"),
		chromedp.Click(chromedp.CSS("#loss")),
		chromedp.Click(chromedp.CSS("#police-no")),
	); err != nil {
		t.Fatal(err)
	}
}

// submitAndLoad clicks a submit button and waits for the page it loads.
func submitAndLoad(t *testing.T, ctx context.Context, where, selector string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))); err != nil {
		t.Fatalf("%s: click %s: %v", where, selector, err)
	}
}

// reportStep checks a page of the flow: no console errors or CSP
// violations, no WCAG 2.1 A/AA violation, and a screenshot when asked.
func reportStep(t *testing.T, ctx context.Context, probe *pageProbe, lang, name string) {
	t.Helper()
	where := lang + " " + name
	probe.check(t, where)
	checkAccessible(t, ctx, where)
	screenshot(t, ctx, lang+"-report-"+name)
}

// The labels the check and status pages show for "[email]" and "[phone]".
var (
	emailLabel = map[string]string{"nl": "e-mailadres", "en": "email address", "fr": "adresse e-mail"}
	phoneLabel = map[string]string{"nl": "telefoonnummer", "en": "phone number", "fr": "numéro de téléphone"}
)

// TestBrowserReportFlow sends a report in each language through the real
// browser: a wrong answer first, corrected, then the check page, the
// receipt code, the status page with that code, an update, and deleting
// the report. axe-core checks every step.
func TestBrowserReportFlow(t *testing.T) {
	base, s := startReportPortal(t)
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			ctx, probe := newTab(t)
			next := s.local().AddDate(0, 1, 0)
			if err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/"+lang+"/report"),
				chromedp.WaitVisible(chromedp.CSS("#victim")),
			); err != nil {
				t.Fatal(err)
			}
			reportStep(t, ctx, probe, lang, "form")

			// Fill in everything, with a month in the future and the
			// police question forgotten.
			if err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS("#victim-business")),
				chromedp.Click(chromedp.CSS("#company_size-2-9")),
				chromedp.SetValue(chromedp.CSS("#sector"), "hospitality"),
				chromedp.Click(chromedp.CSS("#incident-ransomware")),
				chromedp.Click(chromedp.CSS("#channel")), // e-mail, the first option, has the field's id
				chromedp.SetValue(chromedp.CSS("#month"), fmt.Sprint(int(next.Month()))),
				chromedp.SetValue(chromedp.CSS("#year"), fmt.Sprint(next.Year())),
				chromedp.SetValue(chromedp.CSS("#municipality"), "meerssen"),
				chromedp.Click(chromedp.CSS("#loss-1000-10000")),
				chromedp.Click(chromedp.CSS("#recovered-no")),
				chromedp.Click(chromedp.CSS("#ransom_paid-no")),
				chromedp.SendKeys(chromedp.CSS("#description"), "Ons netwerk ging plat.\nMail van boss@evil.example, link https://evil.example/pay"),
			); err != nil {
				t.Fatal(err)
			}
			submitAndLoad(t, ctx, lang+" form", `main button[type="submit"]`)
			summary := text(t, ctx, ".error-summary")
			if n := strings.Count(summary, "\n"); !strings.Contains(summary, "\n") || n > 4 {
				t.Errorf("%s: error summary %q, want two problems", lang, summary)
			}
			focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
			if focused != "error-summary" {
				t.Errorf("%s: focus on %q after an error, want the error summary", lang, focused)
			}
			kept, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
				`[document.querySelector('#incident-ransomware').checked, document.querySelector('#sector').value, document.querySelector('#description').value].join('|')`))
			if kept != "true|hospitality|Ons netwerk ging plat.\nMail van boss@evil.example, link https://evil.example/pay" {
				t.Errorf("%s: answers lost after an error: %q", lang, kept)
			}
			reportStep(t, ctx, probe, lang, "errors")

			// Follow the summary's link to the police question, correct both.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.error-summary a[href="#police"]`), chromedp.NodeVisible)); err != nil {
				t.Fatal(err)
			}
			if id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`)); id != "police" {
				t.Errorf("%s: the summary's link moves focus to %q, want #police", lang, id)
			}
			if err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS("#police-plan")),
				chromedp.SetValue(chromedp.CSS("#month"), "1"),
				chromedp.SetValue(chromedp.CSS("#year"), "2025"),
			); err != nil {
				t.Fatal(err)
			}
			submitAndLoad(t, ctx, lang+" corrected form", `main button[type="submit"]`)
			stored := text(t, ctx, "#stored-description")
			if want := "Ons netwerk ging plat.\nMail van [" + emailLabel[lang] + "], link hxxps://evil[.]example/pay"; stored != want {
				t.Errorf("%s: check page shows %q", lang, stored)
			}
			reportStep(t, ctx, probe, lang, "check")

			submitAndLoad(t, ctx, lang+" check", "#send-report")
			code := text(t, ctx, "#receipt-code")
			if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$`).MatchString(code) {
				t.Fatalf("%s: receipt code %q", lang, code)
			}
			reportStep(t, ctx, probe, lang, "done")

			// The status page, with the code typed in lower case.
			if err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/"+lang+"/report/status"),
				chromedp.SendKeys(chromedp.CSS("#code"), strings.ToLower(code)),
			); err != nil {
				t.Fatal(err)
			}
			reportStep(t, ctx, probe, lang, "status")
			submitAndLoad(t, ctx, lang+" status", `form button[type="submit"]`)
			if got := text(t, ctx, "#stored-description"); got != stored {
				t.Errorf("%s: status page shows %q, stored %q", lang, got, stored)
			}
			reportStep(t, ctx, probe, lang, "view")

			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#update"), "Backups teruggezet. Tel 06-12345678")); err != nil {
				t.Fatal(err)
			}
			submitAndLoad(t, ctx, lang+" update", `.report-update button[type="submit"]`)
			if got := text(t, ctx, ".update-list .stored-text"); got != "Backups teruggezet. Tel ["+phoneLabel[lang]+"]" {
				t.Errorf("%s: update shows %q", lang, got)
			}
			text(t, ctx, ".notice-success")
			reportStep(t, ctx, probe, lang, "updated")

			submitAndLoad(t, ctx, lang+" delete", "#delete-report")
			reportStep(t, ctx, probe, lang, "delete")
			submitAndLoad(t, ctx, lang+" confirm delete", "#confirm-delete")
			reportStep(t, ctx, probe, lang, "deleted")

			// The code no longer works.
			if err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/"+lang+"/report/status"),
				chromedp.SendKeys(chromedp.CSS("#code"), code),
			); err != nil {
				t.Fatal(err)
			}
			submitAndLoad(t, ctx, lang+" deleted code", `form button[type="submit"]`)
			text(t, ctx, ".error-summary")
			reportStep(t, ctx, probe, lang, "wrong-code")
		})
	}
}

// TestBrowserReportPhoneWidth looks at the form, its errors and the done
// page at 320 pixels: nothing may scroll sideways.
func TestBrowserReportPhoneWidth(t *testing.T) {
	base, _ := startReportPortal(t)
	ctx, _ := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/report")); err != nil {
			t.Fatal(err)
		}
		submitAndLoad(t, ctx, lang, `main button[type="submit"]`)
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil {
			t.Fatal(err)
		}
		if overflow > 0 {
			t.Errorf("%s report form at 320px scrolls sideways by %dpx", lang, overflow)
		}
		checkAccessible(t, ctx, lang+" report form with errors at 320px")
		screenshot(t, ctx, lang+"-report-errors-phone")
	}
}

// xssPayloads are classic injections; each must come back as text.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(1)`,
	`</textarea><svg onload=alert(1)>`,
	`'><a href="javascript:alert(1)">x</a>`,
}

// injected finds what an injection would have added to the page: inline
// scripts, event-handler attributes, javascript: links, or the payloads'
// img and svg elements (the layout's own logo is an svg without handlers).
const injected = `(() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) found.push(e.tagName + ' ' + a.name);
      if ((a.name === 'href' || a.name === 'src' || a.name === 'action' || a.name === 'formaction') && /^\s*javascript:/i.test(a.value)) found.push(e.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const s of document.querySelectorAll('script')) if (!s.src) found.push('inline script');
  for (const i of document.querySelectorAll('img[src="x"], svg:not(.brand-mark)')) found.push(i.outerHTML);
  return found.join('; ');
})()`

// TestBrowserReportXSSIsInert puts injection payloads in every field a
// reporter can type in, and a tampered select value, then visits every page
// that shows them. It fails if a JavaScript dialog opens or an injected
// element exists.
func TestBrowserReportXSSIsInert(t *testing.T) {
	base, _ := startReportPortal(t)
	ctx, probe := newTab(t)
	var mu sync.Mutex
	var dialogs []string
	go func() {
		for ev, err := range chromedp.Events(ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	all := strings.Join(xssPayloads, "\n")
	inert := func(where string) {
		t.Helper()
		time.Sleep(100 * time.Millisecond) // an onload or onerror would have fired by now
		found, err := chromedp.Run(ctx, chromedp.Evaluate[string](injected))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if found != "" {
			t.Errorf("%s: injected elements: %s", where, found)
		}
		mu.Lock()
		if len(dialogs) > 0 {
			t.Errorf("%s: a JavaScript dialog opened: %v", where, dialogs)
			dialogs = nil
		}
		mu.Unlock()
		probe.check(t, where)
	}

	// A tampered select value goes back as an error: the allow-list
	// refuses it, and it is not echoed.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/en/report"),
		chromedp.Evaluate[chromedp.Void](`(() => {
			const m = document.querySelector('#municipality');
			m.options[1].value = '"><img src=x onerror=alert(1)>';
			m.selectedIndex = 1;
			const r = document.querySelector('#incident');
			r.value = '<script>alert(1)</script>';
			r.checked = true;
		})()`),
		chromedp.SendKeys(chromedp.CSS("#description"), all),
	); err != nil {
		t.Fatal(err)
	}
	submitAndLoad(t, ctx, "tampered form", `main button[type="submit"]`)
	summary := text(t, ctx, ".error-summary")
	if !strings.Contains(summary, "Choose a municipality") || !strings.Contains(summary, "Choose what happened") {
		t.Errorf("tampered values were not refused: %q", summary)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#description"))); got != all {
		t.Errorf("the payloads did not come back as typed text: %q", got)
	}
	inert("form with errors")

	// Answer properly; the payloads stay in the description.
	answerValidly(t, ctx)
	submitAndLoad(t, ctx, "form", `main button[type="submit"]`)
	stored := text(t, ctx, "#stored-description")
	if !strings.Contains(stored, "javascript:alert(1)") {
		t.Errorf("check page: %q", stored)
	}
	inert("check page")

	submitAndLoad(t, ctx, "change my answers", "#change-report")
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#description"))); got != all {
		t.Errorf("change my answers: the description came back as %q", got)
	}
	inert("form after change")
	submitAndLoad(t, ctx, "form again", `main button[type="submit"]`)
	submitAndLoad(t, ctx, "send", "#send-report")
	code := text(t, ctx, "#receipt-code")
	inert("done page")

	// The status page echoes a wrong code; the update is shown as stored.
	for _, payload := range xssPayloads {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/en/report/status"),
			chromedp.SendKeys(chromedp.CSS("#code"), payload),
		); err != nil {
			t.Fatal(err)
		}
		submitAndLoad(t, ctx, "wrong code", `form button[type="submit"]`)
		if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#code"))); got != payload {
			t.Errorf("the wrong code came back as %q, typed %q", got, payload)
		}
		inert("wrong code " + payload)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/en/report/status"),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
	); err != nil {
		t.Fatal(err)
	}
	submitAndLoad(t, ctx, "lookup", `form button[type="submit"]`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#update"), all)); err != nil {
		t.Fatal(err)
	}
	submitAndLoad(t, ctx, "update", `.report-update button[type="submit"]`)
	if got := text(t, ctx, ".update-list .stored-text"); !strings.Contains(got, "javascript:alert(1)") {
		t.Errorf("update shows %q", got)
	}
	inert("status page with update")

	// An update too long comes back in the textarea, as typed.
	long := all + strings.Repeat(" x", 2600)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#update').value = %q`, long))); err != nil {
		t.Fatal(err)
	}
	submitAndLoad(t, ctx, "long update", `.report-update button[type="submit"]`)
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#update"))); got != long {
		t.Errorf("the long update did not come back as typed (%d of %d bytes)", len(got), len(long))
	}
	inert("status page with an error")
}
