package server

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"cyberportal/data"
	"cyberportal/i18n"
)

// TestBrowserSelfCheck: in every language, with JavaScript off, the
// self-check is answered with the keyboard's space bar on each radio,
// sent, and the plan is accessible (axe); printed (print media emulated),
// the navigation, forms and footer are hidden and the links' addresses are
// written out. Sharing needs the box ticked: the first send without it
// stores nothing, the second with it stores one share.
func TestBrowserSelfCheck(t *testing.T) {
	base, s := startPortal(t)
	ctx, probe := newTab(t)
	// noJS runs the actions that load pages with scripts off; axe and the
	// checks below are scripts of the test, run after scripts are on again
	// (a loaded page's own scripts do not run again).
	noJS := func(actions ...chromedp.Action[chromedp.Void]) error {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return err
		}
		err := chromedp.Do(ctx, actions...)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
			t.Fatal(err)
		}
		return err
	}
	answers := []string{"no", "partly", "unknown", "yes"}
	for li, lang := range i18n.Languages() {
		where := lang + " self-check"
		if err := noJS(chromedp.Navigate(base+"/"+lang+"/self-check"), chromedp.WaitVisible(chromedp.CSS("form button[type=submit]"))); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		probe.check(t, where)
		checkAccessible(t, ctx, where)
		legends, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('fieldset.selfcheck-theme > legend').length`))
		if legends != 6 { // five themes and the business
			t.Errorf("%s: %d theme fieldsets with a legend, want 6", where, legends)
		}
		screenshot(t, ctx, lang+"-selfcheck-desktop")
		// Answer with the keyboard: focus each chosen radio and press space.
		for i, q := range data.SelfCheckQuestions {
			a := answers[(i+li)%len(answers)]
			id := "q_" + q
			if a != "yes" {
				id += "-" + a
			}
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#"+id)), chromedp.KeyEvent(" ")); err != nil {
				t.Fatalf("%s: answer %s: %v", where, id, err)
			}
		}
		if err := noJS(chromedp.SetValue(chromedp.CSS("#size"), "2-9"),
			chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".plan-actions"))); err != nil {
			t.Fatalf("%s: send: %v", where, err)
		}
		url, _ := chromedp.Run(ctx, chromedp.Location())
		if url != base+"/"+lang+"/self-check" {
			t.Errorf("%s: the plan is at %s: answers must not go into the address", where, url)
		}
		top, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section[aria-labelledby=top-title] .plan-action').length`))
		if top != planTop {
			t.Errorf("%s: %d actions on top, want %d", where, top, planTop)
		}
		probe.check(t, where+" plan")
		checkAccessible(t, ctx, where+" plan")
		screenshot(t, ctx, lang+"-selfcheck-plan-desktop")

		// Printed: no navigation, no forms; addresses written out.
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(794, 1123)); err != nil { // A4 at 96 dpi
			t.Fatal(err)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(() => {
			const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.offsetHeight > 0).length;
			return {nav: shown('.main-nav, .lang-switch, .site-footer, .skip-link'), forms: shown('form'),
				urls: [...document.querySelectorAll('.print-url')].filter(el => el.offsetHeight > 0).map(el => el.textContent.trim()),
				fill: shown('.plan-fill .fill-line')};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		urls, _ := state["urls"].([]any)
		if state["nav"].(float64) != 0 || state["forms"].(float64) != 0 {
			t.Errorf("%s printed: %v navigation parts and %v forms shown, want none", where, state["nav"], state["forms"])
		}
		joined := fmt.Sprint(urls...)
		if len(urls) < planTop || !strings.Contains(joined, base+"/"+lang+"/advice/") || !strings.Contains(joined, "https://") {
			t.Errorf("%s printed: addresses written out: %v", where, urls)
		}
		if state["fill"].(float64) < 2*planTop {
			t.Errorf("%s printed: %v lines to fill in, want two per action", where, state["fill"])
		}
		if pages := pdfPages(t, ctx); pages < 1 || pages > 2 {
			t.Errorf("%s printed: %d A4 pages, want one or two", where, pages)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(718, 1123)); err != nil { // A4 less the 12 mm margins
			t.Fatal(err)
		}
		screenshot(t, ctx, lang+"-selfcheck-plan-print")
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Fatal(err)
		}

		// Share without the tick: nothing stored. With it: one share.
		before := shares(t, s)
		if err := noJS(chromedp.Click(chromedp.CSS(".share-form button")), chromedp.WaitVisible(chromedp.CSS(".plan [role=status]"))); err != nil {
			t.Fatalf("%s: share unticked: %v", where, err)
		}
		if n := shares(t, s); n != before {
			t.Errorf("%s: sending the share form unticked stored %d shares", where, n-before)
		}
		if err := noJS(chromedp.Focus(chromedp.CSS("#share")), chromedp.KeyEvent(" "),
			chromedp.Click(chromedp.CSS(".share-form button")), chromedp.WaitNotPresent(chromedp.CSS("#share"))); err != nil {
			t.Fatalf("%s: share ticked: %v", where, err)
		}
		if n := shares(t, s); n != before+1 {
			t.Errorf("%s: sharing with the box ticked stored %d shares, want 1", where, n-before)
		}
		probe.check(t, where+" shared")
		checkAccessible(t, ctx, where+" shared")

		// The longest plan: "don't know" everywhere, sixteen actions each
		// with whom to ask, still prints on two pages.
		if err := noJS(chromedp.Navigate(base + "/" + lang + "/self-check")); err != nil {
			t.Fatal(err)
		}
		for _, q := range data.SelfCheckQuestions {
			if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#q_"+q+"-unknown")), chromedp.KeyEvent(" ")); err != nil {
				t.Fatal(err)
			}
		}
		if err := noJS(chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".plan-actions"))); err != nil {
			t.Fatal(err)
		}
		if pages := pdfPages(t, ctx); pages != 2 {
			t.Errorf("%s, all don't know, printed: %d A4 pages, want two", where, pages)
		}
	}
}

// pdfPages prints the page to PDF on A4, as a browser's Print does with
// our @page rule, and counts the pages.
func pdfPages(t *testing.T, ctx context.Context) int {
	t.Helper()
	css := true
	res, err := chromedp.Call(ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &css})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(res.Data, -1))
}

// TestBrowserMaterialsAndSheets: the materials page and the poster are
// accessible, and an article printed shows its QR code, contacts, address
// and licence without the navigation or the related articles.
func TestBrowserMaterialsAndSheets(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	for _, lang := range i18n.Languages() {
		for _, path := range []string{"/materials", "/materials/poster", "/advice/ransomware"} {
			where := lang + path
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			probe.check(t, where)
			checkAccessible(t, ctx, where)
			name := lang + "-" + strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
			if path == "/materials" {
				screenshot(t, ctx, name+"-desktop")
				continue
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			state, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
				const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.getBoundingClientRect().height > 0).length;
				return [shown('.main-nav, .site-footer, .related-advice, .callout'), shown('svg.qr'), shown('.sheet-footer')];
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			wantQR := map[string]int{"/materials/poster": 2, "/advice/ransomware": 1}[path]
			if state[0] != 0 || state[1] != wantQR {
				t.Errorf("%s printed: %d navigation parts shown (want 0), %d QR codes (want %d)", where, state[0], state[1], wantQR)
			}
			if path == "/advice/ransomware" && state[2] != 1 {
				t.Errorf("%s printed: no sheet footer with contacts, address and licence", where)
			}
			screenshot(t, ctx, name+"-print")
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestBrowserSelfCheckPhone: at 320 px the questions and the plan do not
// scroll sideways and axe finds nothing.
func TestBrowserSelfCheckPhone(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/self-check"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		for i, q := range data.SelfCheckQuestions {
			id := "#q_" + q + "-" + []string{"no", "partly", "unknown"}[i%3]
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(id))); err != nil {
				t.Fatal(err)
			}
		}
		for _, step := range []string{"questions", "plan"} {
			where := lang + " self-check " + step + " at 320px"
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				t.Errorf("%s: the page scrolls sideways by %dpx", where, overflow)
			}
			probe.check(t, where)
			checkAccessible(t, ctx, where)
			screenshot(t, ctx, lang+"-selfcheck-"+step+"-phone")
			if step == "questions" {
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".plan-actions"))); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestBrowserStaffSelfCheck: an analyst finds the live self-check figures
// from the staff home page, in every staff language, and axe finds nothing.
func TestBrowserStaffSelfCheck(t *testing.T) {
	base, s := startPortal(t)
	ctx, probe := newTab(t)
	m := addTestStaff(t, s, "analist@maastricht.nl", data.RoleAnalyst)
	browserLogin(t, ctx, base, s, m, "nl")
	for _, lang := range i18n.Languages() {
		switchLanguage(t, ctx, lang)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/staff/statistics/self-check"]`)),
			chromedp.WaitVisible(chromedp.CSS("table.stat-table"))); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		probe.check(t, lang+" staff self-check")
		checkAccessible(t, ctx, lang+" staff self-check")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/staff/")); err != nil {
			t.Fatal(err)
		}
	}
}
