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

// chartsDrawn scrolls each [data-chart] into view in turn, as a reader
// would, waits until it holds an <svg>, and returns how many charts there
// are and how many were drawn. Charts are drawn only when they come into
// view, so a chart that is never scrolled to stays empty.
func chartsDrawn(t *testing.T, ctx context.Context, where string) (charts, drawn int) {
	t.Helper()
	n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart]').length`))
	for i := range n {
		el := fmt.Sprintf(`document.querySelectorAll('[data-chart]')[%d]`, i)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](el+`.scrollIntoView({block: 'center'}) === undefined`)); err != nil {
			t.Fatalf("%s: scroll to chart %d: %v", where, i, err)
		}
		if _, err := waitFor(ctx, `!!`+el+`.querySelector('svg')`); err != nil {
			id, _ := chromedp.Run(ctx, chromedp.Evaluate[string](el+`.dataset.chart`))
			t.Errorf("%s: chart %s was not drawn after scrolling into view: %v", where, id, err)
		}
	}
	d, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-chart] svg').length`))
	return n, d
}

// monitorCharts is how many safety-monitor charts the page shows by
// default (Maastricht and Nederland): cybercrime, hacking, purchase fraud,
// identity fraud and online harassment.
const monitorCharts = 5

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
				// Nothing far below the first screen is drawn before the reader scrolls.
				lazy, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`![...document.querySelectorAll('[data-chart]')].pop().querySelector('svg')`))
				if !lazy {
					t.Errorf("%s: the last chart was drawn before it came into view", where)
				}
				charts, drawn := chartsDrawn(t, ctx, where)
				// the report charts, the safety-monitor charts, and the shared self-checks
				if want := len(chartIDs) - 1 + monitorCharts + 1; charts != want || drawn != charts {
					t.Errorf("%s: %d of %d charts drawn, want %d", where, drawn, charts, want)
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
		// A table per chart (with the shared self-checks), and the survey-and-reports table.
		if want := len(chartIDs) - 1 + monitorCharts + 1 + 1; state[0] != 0 || state[1] != 0 || state[2] != want {
			t.Errorf("%s: %d charts drawn, %d empty chart boxes shown, %d tables shown; want 0, 0, %d", where, state[0], state[1], state[2], want)
		}
		// The areas form works without scripts too: Zuid-Nederland instead of the municipality.
		if err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`#area-maastricht`), chromedp.NodeVisible),
			chromedp.Click(chromedp.CSS(`#area-zuid-nederland`), chromedp.NodeVisible),
			chromedp.Click(chromedp.CSS(`.stats-areas button[type="submit"]`), chromedp.NodeVisible),
		); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if url := waitForURL(ctx, "area=zuid-nederland"); !strings.Contains(url, "area=zuid-nederland&area=nederland") || strings.Contains(url, "maastricht") || !strings.HasSuffix(url, "#monitor") {
			t.Errorf("%s: the areas form went to %s", where, url)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#monitor-cybercrime table"))); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		heads, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#monitor-cybercrime thead th')].map(th => th.textContent).join('|')`))
		if !strings.Contains(heads, "Zuid-Nederland") || strings.Contains(heads, "Maastricht") {
			t.Errorf("%s: after choosing areas the table has columns %q", where, heads)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/statistics"), chromedp.WaitVisible(chromedp.CSS("#victim"))); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		// Choose a kind of victim and press the button: the page's scripts
		// play no part (the harness sets the value as a visitor's choice would).
		if err := chromedp.Do(ctx,
			chromedp.SetValue(chromedp.CSS("#victim"), "business"),
			chromedp.Click(chromedp.CSS(`#reports .stats-filter button[type="submit"]`), chromedp.NodeVisible),
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

// TestBrowserStatisticsIntervalBand: the Nederland line from 2021 has its
// 95% interval drawn as a visible filled band, the method break is marked
// with a labelled line, and hovering a year gives a tooltip (the chart is
// interactive) on a phone and a desktop.
func TestBrowserStatisticsIntervalBand(t *testing.T) {
	base, _ := startStatsPortal(t)
	ctx, probe := newTab(t)
	for _, width := range []int64{1280, 375} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Languages() {
			where := fmt.Sprintf("%s interval band at %dpx", lang, width)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/statistics")); err != nil {
				t.Fatal(err)
			}
			chart := `document.querySelector('[data-chart="monitor-cybercrime"]')`
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](chart+`.scrollIntoView({block: 'center'}) === undefined`)); err != nil {
				t.Fatal(err)
			}
			if _, err := waitFor(ctx, `!!`+chart+`.querySelector('svg')`); err != nil {
				t.Fatalf("%s: chart not drawn: %v", where, err)
			}
			// The band: a filled, half-transparent path in Nederland's colour
			// (the second area), spanning 2021 to 2023.
			band, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
				const paths = [...`+chart+`.querySelectorAll('svg path')].filter(p => {
					const op = parseFloat(p.getAttribute('fill-opacity') || p.getAttribute('opacity') || '1');
					const fill = (p.getAttribute('fill') || '').toLowerCase();
					return (fill === '#d55e00' || fill === 'rgb(213,94,0)') && op > 0.1 && op < 0.5;
				});
				if (paths.length === 0) return [0, 0, 0, 0];
				const r = paths[0].getBoundingClientRect();
				const box = `+chart+`.getBoundingClientRect();
				return [r.width, r.height, box.width, box.height];
			})()`))
			// 2021 to 2023 is two of the twelve years on the axis; the band
			// (15.4 to 17.2%) is a narrow strip, not an area down to the axis.
			if err != nil || len(band) != 4 || band[0] < band[2]/12 || band[1] < 1 || band[1] > band[3]/4 {
				t.Errorf("%s: no visible interval band (width, height, chart width, height %v, %v)", where, band, err)
			}
			// Interactive: pointing at the chart brings up the tooltip, drawn
			// inside the SVG (renderMode richText), so the chart gains text.
			texts := `document.querySelectorAll('[data-chart="monitor-cybercrime"] svg text').length`
			before, _ := chromedp.Run(ctx, chromedp.Evaluate[int](texts))
			box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = `+chart+`.getBoundingClientRect();
				return [r.left + r.width * 0.85, r.top + r.height * 0.5]; })()`))
			if err != nil || len(box) != 2 {
				t.Fatalf("%s: chart box %v %v", where, box, err)
			}
			if err := chromedp.Do(ctx, chromedp.MouseEvent("mouseMoved", box[0], box[1])); err != nil {
				t.Fatalf("%s: move the mouse: %v", where, err)
			}
			if ok, _ := waitFor(ctx, texts+` > `+fmt.Sprint(before)); !ok {
				t.Errorf("%s: no tooltip when pointing at the chart", where)
			}
			label := i18nLabel(t, lang, "charts.monitor.break.label")
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](chart+`.querySelector('svg').textContent`))
			if !strings.Contains(text, label) {
				t.Errorf("%s: the break is not labelled %q in the chart", where, label)
			}
			probe.check(t, where)
			if lang == "en" {
				screenshot(t, ctx, fmt.Sprintf("statistics-interval-band-%d", width))
			}
		}
	}
}
