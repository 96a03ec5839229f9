package server

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"cyberportal/data/demo"
	"cyberportal/data/monitor"
	"cyberportal/i18n"
)

// startStatsPortal runs the portal with demo reports and a second area, as
// after `seed-demo` and `import-monitor`.
func startStatsPortal(t *testing.T) (string, *Server) {
	t.Helper()
	base, s := startPortal(t)
	ctx := context.Background()
	if err := s.store.SeedDemo(ctx, 3000, demo.Options{Seed: 7, Years: 3, Now: s.now()}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../data/testdata/monitor-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	values, err := monitor.ParseCSV(f, []string{"cybercrime", "hacking"}, s.now().Year())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.store.ImportMonitor(ctx, values); err != nil {
		t.Fatal(err)
	}
	release(t, s) // as the first hourly job after seed-demo would
	return base, s
}

// chartsDrawn waits until every [data-chart] holds an <svg> and returns
// how many charts there are and how many were drawn.
func chartsDrawn(t *testing.T, ctx context.Context, where string) (charts, drawn int) {
	t.Helper()
	_, err := waitFor(ctx, `[...document.querySelectorAll('[data-chart]')].every(el => el.querySelector('svg'))`)
	if err != nil {
		t.Errorf("%s: the charts were not drawn: %v", where, err)
	}
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
	d, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart] svg').length`))
	return n, d
}

// waitForURL waits up to ten seconds for the tab's address to contain
// part, as after a form is sent, and returns the address.
func waitForURL(ctx context.Context, part string) string {
	var url string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if u, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
			url = u
			if strings.Contains(u, part) {
				break
			}
		}
	}
	return url
}

// waitFor polls a JavaScript condition for up to ten seconds.
func waitFor(ctx context.Context, cond string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond)))
}

// TestBrowserStatistics: in every language the charts are drawn (an SVG in
// every chart), with no console error and no CSP violation, and axe finds
// no WCAG 2.1 A/AA violation, on a desktop and a phone.
func TestBrowserStatistics(t *testing.T) {
	base, s := startStatsPortal(t)
	ctx, probe := newTab(t)
	for _, width := range []int64{1280, 320} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Languages() {
			for _, query := range []string{"", "?from=" + monthsAgo(s.now(), 14) + "&victim=business"} {
				where := fmt.Sprintf("%s statistics%s at %dpx", lang, query, width)
				if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/statistics"+query)); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				charts, drawn := chartsDrawn(t, ctx, where)
				// + the imported hacking series and the shared self-checks
				if charts != len(chartIDs)+2 || drawn != charts {
					t.Errorf("%s: %d of %d charts drawn, want %d", where, drawn, charts, len(chartIDs)+2)
				}
				// The chart is a picture with a name; its words are in the page.
				label, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`[data-chart="reports-by-type"]`), "aria-label"))
				if err != nil || !strings.Contains(label.Value, ".") {
					t.Errorf("%s: chart label %q (%v)", where, label.Value, err)
				}
				if width == 320 {
					overflow, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
					if overflow > 0 {
						t.Errorf("%s: the page scrolls sideways by %dpx", where, overflow)
					}
				}
				probe.check(t, where)
				checkAccessible(t, ctx, where)
				if query == "" {
					screenshot(t, ctx, lang+"-statistics-"+map[int64]string{1280: "desktop", 320: "phone"}[width])
				}
			}
		}
	}
}

// TestBrowserStatisticsFormErrors: a wrong filter gives the form back
// with an error summary that takes the focus and passes axe.
func TestBrowserStatisticsFormErrors(t *testing.T) {
	base, _ := startStatsPortal(t)
	ctx, probe := newTab(t)
	for _, lang := range i18n.Languages() {
		where := lang + " statistics with a wrong filter"
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"+lang+"/statistics?victim=alien&from=1999-01"),
			chromedp.WaitVisible(chromedp.CSS(".error-summary")),
		); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		focused, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
		if focused != "error-summary" {
			t.Errorf("%s: focus on %q, want the error summary", where, focused)
		}
		links, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.error-summary a')].map(a => a.getAttribute('href'))`))
		if strings.Join(links, " ") != "#from #victim" {
			t.Errorf("%s: error links %v", where, links)
		}
		probe.check(t, where)
		checkAccessible(t, ctx, where)
	}
}

// monthsAgo is the month n months before now's, as the filter writes it;
// the demo reports reach up to now's month.
func monthsAgo(now time.Time, n int) string {
	return time.Date(now.Year(), now.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// TestBrowserStatisticsWithoutJavaScript: with scripts off, the chart boxes
// are not shown, the tables and sentences are, and the filter form works.
func TestBrowserStatisticsWithoutJavaScript(t *testing.T) {
	base, _ := startStatsPortal(t)
	ctx, probe := newTab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		where := lang + " statistics without JavaScript"
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"+lang+"/statistics"),
			chromedp.WaitVisible(chromedp.CSS("#victim")),
		); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[
			document.querySelectorAll('[data-chart] svg').length,
			[...document.querySelectorAll('[data-chart]')].filter(el => el.offsetHeight > 0).length,
			[...document.querySelectorAll('table')].filter(el => el.offsetHeight > 0).length]`))
		if err != nil {
			t.Fatal(err)
		}
		if state[0] != 0 || state[1] != 0 || state[2] != len(chartIDs)+2 { // + hacking and the self-checks
			t.Errorf("%s: %d charts drawn, %d empty chart boxes shown, %d tables shown; want 0, 0, %d", where, state[0], state[1], state[2], len(chartIDs)+2)
		}
		// Choose a kind of victim and press the button: the page's scripts
		// play no part (the harness sets the value as a visitor's choice would).
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS("#victim"), "business"),
			chromedp.Click(chromedp.CSS(`.stats-filter button[type="submit"]`), chromedp.NodeVisible),
		); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		url := waitForURL(ctx, "victim=business")
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".stats-selection"))); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if !strings.Contains(url, "victim=business") || !strings.HasSuffix(url, "#reports") {
			t.Errorf("%s: the form went to %s", where, url)
		}
		selection, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".stats-selection")))
		business := strings.ToLower(i18nLabel(t, lang, "code.victim.business"))
		if !strings.Contains(selection, business) {
			t.Errorf("%s: after filtering, the page says %q", where, selection)
		}
		href, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#reports-by-type a[type="text/csv"]`), "href"))
		if !strings.Contains(href.Value, "victim=business") {
			t.Errorf("%s: the CSV link %q ignores the filter", where, href.Value)
		}
		probe.check(t, where)
		screenshot(t, ctx, lang+"-statistics-nojs")
		// axe is a script: let it run on the page as it is, then turn
		// scripts off again. The page's own scripts do not run again.
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
			t.Fatal(err)
		}
		checkAccessible(t, ctx, where)
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart] svg').length`)); n != 0 {
			t.Errorf("%s: charts were drawn after all", where)
		}
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
	}
}
