package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/demo"
	"cyberportal/data/monitor"
	"cyberportal/i18n"
)

// chartIDs are every chart of the statistics page on a fresh database.
var chartIDs = []string{
	"monitor-cybercrime", "reports-by-type", "reports-by-month", "reports-by-victim",
	"reports-by-channel", "reports-by-loss", "reports-by-police",
}

// crafted are reports made for the disclosure tests, all in spring 2026:
// 30 residents (phishing), 12 businesses (invoice fraud) and 4
// organisations (ransomware) that count, and 35 that moderation took out.
func crafted() []demo.Report {
	var out []demo.Report
	add := func(n int, r demo.Report) {
		for i := range n {
			r.Year, r.Month = 2026, time.Month(3+i%3)
			out = append(out, r)
		}
	}
	add(30, demo.Report{Victim: "citizen", Incident: "phishing", Channel: "email", Loss: "none", Police: "no"})
	add(12, demo.Report{Victim: "business", Incident: "invoice_fraud", Channel: "email", Loss: "1000-10000", Police: "yes"})
	add(4, demo.Report{Victim: "organisation", Incident: "ransomware", Channel: "other", Loss: "gt100000", Police: "yes"})
	add(20, demo.Report{Victim: "citizen", Incident: "sextortion", Channel: "email", Loss: "none", Police: "no", Status: "spam"})
	add(15, demo.Report{Victim: "business", Incident: "sextortion", Channel: "sms", Loss: "lt100", Police: "plan", Status: "hidden"})
	return out
}

// newStatsServer is a test server whose database holds reports; real says
// whether they are submitted as real reports, through the report queue and
// moderation, or stored as demo data. For real reports it returns their
// receipt codes, in the order of reports.
func newStatsServer(t *testing.T, reports []demo.Report, real bool) (*Server, []auth.ReceiptCode) {
	t.Helper()
	s := newTestServer(t)
	if !real {
		if err := s.store.AddDemoReports(context.Background(), reports); err != nil {
			t.Fatal(err)
		}
		release(t, s)
		return s, nil
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var codes []auth.ReceiptCode
	for _, r := range reports {
		row := demo.Complete(rng, r)
		rep := &data.Report{Lang: row.Lang, Week: row.Week, Victim: r.Victim, CompanySize: row.CompanySize, Incident: r.Incident,
			Channel: r.Channel, IncidentYear: r.Year, IncidentMonth: int(r.Month), Municipality: row.Municipality, Loss: r.Loss,
			Recovered: row.Recovered, RansomPaid: row.RansomPaid, Police: r.Police}
		if r.Victim == "business" {
			rep.Sector = "retail"
		}
		_, code := submitTestReport(t, s, rep, row.Status)
		codes = append(codes, code)
	}
	release(t, s)
	return s, codes
}

// release publishes the live statistics now, whatever the rule says.
func release(t *testing.T, s *Server) {
	t.Helper()
	if _, err := s.store.MaybeRelease(context.Background(), data.ReleaseReports, time.Now(), s.releaseRule(), true); err != nil {
		t.Fatal(err)
	}
}

// craftedPeriod is every month of crafted().
var craftedPeriod = data.StatsFilter{From: 202603, To: 202605}

// published is what the public statistics must show for one cell right
// after a release, worked out as the method prescribes: every row of the
// table and its total perturbed by the cell-key method with the sum of the
// row's record keys, then primary and secondary suppression with the
// perturbed total. The table is the breakdown by dim ("" is the one by
// month); code "" is its total. The text is the number, "<10" (below the
// threshold) or "hidden" (suppressed to protect another cell), as the English
// page and csvText write them.
func published(t *testing.T, s *Server, f data.StatsFilter, dim, code string, threshold int) string {
	t.Helper()
	st, err := s.store.ReportStats(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	var counts []int
	if dim == "" {
		for ym := f.From; ym <= f.To; ym = ym.Next() {
			keys = append(keys, strconv.Itoa(int(ym)))
			counts = append(counts, charts.Perturb(st.ByMonth[ym], charts.KeyOf(st.KeyByMonth[ym])))
		}
	} else {
		for c := range st.By[dim] {
			if !slices.Contains(statsCodes[dim], c) {
				t.Fatalf("%s %q is not in the list; fold it into \"other\" here as the page does", dim, c)
			}
		}
		for _, c := range statsCodes[dim] {
			keys = append(keys, c)
			counts = append(counts, charts.Perturb(st.By[dim][c], charts.KeyOf(st.KeyBy[dim][c])))
		}
	}
	cells, total, err := charts.SuppressWithTotal(counts, charts.Perturb(st.Total, charts.KeyOf(st.KeyTotal)), threshold)
	if err != nil {
		t.Fatal(err)
	}
	cell := total
	if code != "" {
		i := slices.Index(keys, code)
		if i < 0 {
			t.Fatalf("no row %q in the table by %q", code, dim)
		}
		cell = cells[i]
	}
	switch {
	case cell.Secondary:
		return "hidden"
	case cell.Suppressed:
		return "<" + strconv.Itoa(threshold)
	}
	return strconv.Itoa(cell.Value)
}

// csvText is a statistics CSV row's value as published returns it.
func csvText(t *testing.T, r map[string]string) string {
	t.Helper()
	switch charts.Status(r["status"]) {
	case charts.StatusOK:
		return r["value"]
	case charts.StatusSuppressed:
		return "<10"
	case charts.StatusHidden:
		return "hidden"
	}
	t.Fatalf("CSV row with status %q", r["status"])
	return ""
}

// csvRows reads a statistics CSV file, checking its header.
func csvRows(t *testing.T, body string) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, body)
	}
	if len(records) < 2 || !slices.Equal(records[0], csvColumns) {
		t.Fatalf("CSV header %v, want %v", records[0], csvColumns)
	}
	var out []map[string]string
	for _, r := range records[1:] {
		m := map[string]string{}
		for i, col := range records[0] {
			m[col] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func csvRow(t *testing.T, rows []map[string]string, series, key string) map[string]string {
	t.Helper()
	for _, r := range rows {
		if r["series"] == series && r["key"] == key {
			return r
		}
	}
	t.Fatalf("no CSV row %s/%s", series, key)
	return nil
}

func jsonChart(t *testing.T, body string) openChart {
	t.Helper()
	var oc openChart
	if err := json.Unmarshal([]byte(body), &oc); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, body)
	}
	return oc
}

func jsonRow(t *testing.T, oc openChart, series, key string) downloadRow {
	t.Helper()
	for _, r := range oc.Data {
		if r.Series == series && r.Key == key {
			return r
		}
	}
	t.Fatalf("%s: no JSON row %s/%s", oc.Chart, series, key)
	return downloadRow{}
}

// tableRows gives a chart's table on the page as row label -> cells.
func tableRows(t *testing.T, body, id string) map[string][]string {
	t.Helper()
	start := strings.Index(body, `<section class="stat" id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no chart %s on the page", id)
	}
	section := body[start:]
	section = section[:strings.Index(section, "</section>")]
	rows := map[string][]string{}
	rowRe := regexp.MustCompile(`<tr><th scope="row">([^<]*)</th>(.*?)</tr>`)
	cellRe := regexp.MustCompile(`<td class="num">([^<]*)</td>`)
	for _, m := range rowRe.FindAllStringSubmatch(section, -1) {
		var cells []string
		for _, c := range cellRe.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, html.UnescapeString(c[1]))
		}
		rows[html.UnescapeString(m[1])] = cells
	}
	return rows
}

// chartOptions gives the ECharts options of a chart on the page.
func chartOptions(t *testing.T, body, id string) map[string]any {
	t.Helper()
	re := regexp.MustCompile(`<script type="application/json" id="` + id + `-options">(.*?)</script>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no options for %s", id)
	}
	var opts map[string]any
	if err := json.Unmarshal([]byte(m[1]), &opts); err != nil {
		t.Fatalf("options of %s: %v", id, err)
	}
	return opts
}

// seriesData gives the data of the first series in the options.
func seriesData(t *testing.T, opts map[string]any) []any {
	t.Helper()
	series, _ := opts["series"].([]any)
	if len(series) == 0 {
		t.Fatal("options without series")
	}
	d, _ := series[0].(map[string]any)["data"].([]any)
	return d
}

// TestStatisticsEveryEndpointInEveryLanguage requests the page and every
// chart's CSV and JSON in every language, with and without a filter.
func TestStatisticsEveryEndpointInEveryLanguage(t *testing.T) {
	t.Parallel()
	s, _ := newStatsServer(t, crafted(), true)
	words := map[string][]string{
		"nl": {"Cybercrime in cijfers", "Meldingen per soort incident", "Slachtoffers van cybercrime", "Maastricht: Veiligheidsmonitor, zoals gepubliceerd door de gemeente Maastricht", "maart 2026"},
		"en": {"Cybercrime in figures", "Reports by type of incident", "Victims of cybercrime", "Maastricht: Safety Monitor (Veiligheidsmonitor), as published by the municipality of Maastricht", "March 2026"},
		"fr": {"La cybercriminalité en chiffres", "Signalements par type d’incident", "Victimes de cybercriminalité", "Maastricht: Veiligheidsmonitor (enquête néerlandaise sur la sécurité), publié par la commune de Maastricht", "mars 2026"},
	}
	for _, lang := range i18n.Languages() {
		for _, query := range []string{"", "?from=2026-03&incident=phishing&to=2026-04&victim=citizen"} {
			res, body := get(t, s, "/"+lang+"/statistics"+query, "Accept-Encoding", "identity")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s%s: status %d", lang, query, res.StatusCode)
			}
			mustContain(t, body, `<html lang="`+lang+`">`, `<script src="/static/charts/charts.`)
			mustContain(t, body, words[lang]...)
			for _, id := range chartIDs {
				q := strings.ReplaceAll(query, "&", "&amp;")
				if strings.HasPrefix(id, "monitor-") {
					q = "" // the filter is about reports
				}
				mustContain(t, body, `data-chart="`+id+`"`, `id="`+id+`-options"`, `<caption>`,
					`href="/`+lang+`/statistics/`+id+`.csv`+q+`"`, `href="/`+lang+`/statistics/`+id+`.json`+q+`"`)
				chartOptions(t, body, id)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
				t.Errorf("%s: inline script or style on the page", lang)
			}
			for _, id := range chartIDs {
				for _, ext := range []string{".csv", ".json"} {
					target := "/" + lang + "/statistics/" + id + ext + query
					res, body := get(t, s, target)
					if res.StatusCode != http.StatusOK {
						t.Errorf("%s: status %d", target, res.StatusCode)
						continue
					}
					wantType := map[string]string{".csv": "text/csv; charset=utf-8", ".json": "application/json"}[ext]
					if ct := res.Header.Get("Content-Type"); ct != wantType {
						t.Errorf("%s: Content-Type %q, want %q", target, ct, wantType)
					}
					if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename="`+id+ext+`"` {
						t.Errorf("%s: Content-Disposition %q", target, cd)
					}
					if ext == ".csv" {
						for _, r := range csvRows(t, body) {
							if r["chart"] != id || r["label"] == "" || r["source"] == "" {
								t.Errorf("%s: row %v", target, r)
							}
						}
					} else {
						oc := jsonChart(t, body)
						if oc.Chart != id || oc.Lang != lang || oc.Title == "" || oc.Summary == "" || len(oc.Data) == 0 {
							t.Errorf("%s: %+v", target, oc)
						}
					}
				}
			}
		}
	}
}

// TestStatisticsMonitorGap: 2018 was not measured; the chart has a gap
// (null) there, never a zero, and the table, CSV and JSON say so.
func TestStatisticsMonitorGap(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	sentences := map[string]string{
		"nl": "In 2019 was 13,8% van de inwoners van Maastricht slachtoffer van cybercrime, tegen 12,4% in 2017.",
		"en": "In 2019, 13.8% of residents of Maastricht were a victim of cybercrime, up from 12.4% in 2017.",
		"fr": "En 2019, 13,8\u00a0% des habitants de Maastricht ont été victimes de cybercriminalité, contre 12,4\u00a0% en 2017.",
	}
	notMeasured := map[string]string{"nl": "niet gemeten", "en": "not measured", "fr": "non mesuré"}
	for _, lang := range i18n.Languages() {
		// Maastricht alone: one method, one column.
		_, body := get(t, s, "/"+lang+"/statistics?area=maastricht")
		mustContain(t, body, html.EscapeString(sentences[lang]))
		rows := tableRows(t, body, "monitor-cybercrime")
		if got := rows["2018"]; len(got) != 1 || got[0] != notMeasured[lang] {
			t.Errorf("%s: 2018 in the table: %v", lang, got)
		}
		if got := rows["2016"]; len(got) != 1 || !strings.HasPrefix(got[0], map[string]string{"nl": "9,7", "en": "9.7", "fr": "9,7"}[lang]) {
			t.Errorf("%s: 2016 in the table: %v", lang, got)
		}
		d := seriesData(t, chartOptions(t, body, "monitor-cybercrime"))
		if len(d) != 6 || d[4] != nil {
			t.Errorf("%s: line data %v: want six years with null for 2018", lang, d)
		}

		_, body = get(t, s, "/"+lang+"/statistics/monitor-cybercrime.csv?area=maastricht")
		r := csvRow(t, csvRows(t, body), "maastricht", "2018")
		if r["value"] != "" || r["status"] != "not_measured" {
			t.Errorf("%s: CSV 2018 %v", lang, r)
		}
		r = csvRow(t, csvRows(t, body), "maastricht", "2019")
		if r["value"] != "13.8" || r["unit"] != "percent" || r["status"] != "ok" || !strings.Contains(r["source"], "https://veiligheidmaastricht.nl/") {
			t.Errorf("%s: CSV 2019 %v", lang, r)
		}
		_, body = get(t, s, "/"+lang+"/statistics/monitor-cybercrime.json?area=maastricht")
		if jr := jsonRow(t, jsonChart(t, body), "maastricht", "2018"); jr.Value != nil || jr.Status != "not_measured" {
			t.Errorf("%s: JSON 2018 %+v", lang, jr)
		}
		if !strings.Contains(body, `"value": null`) {
			t.Errorf("%s: JSON has no null for 2018", lang)
		}
	}
}

// TestStatisticsSuppression proves disclosure control through the HTTP
// interface on crafted data: the 4 organisations are "<10" everywhere, the
// 12 businesses are hidden as well (else 46 − 30 would give them away), and
// the 35 reports taken out by moderation count nowhere. The shown numbers
// are perturbed (cell-key method): 30 and 46 come out within 2 of that.
func TestStatisticsSuppression(t *testing.T) {
	t.Parallel()
	s, _ := newStatsServer(t, crafted(), true)
	residents := published(t, s, craftedPeriod, data.DimVictim, "citizen", 10)
	all := published(t, s, craftedPeriod, data.DimVictim, "", 10)
	hidden := map[string]string{"nl": "verborgen", "en": "hidden", "fr": "masqué"}
	for _, lang := range i18n.Languages() {
		_, body := get(t, s, "/"+lang+"/statistics")
		victims := tableRows(t, body, "reports-by-victim")
		want := map[string]string{
			i18nLabel(t, lang, "code.victim.citizen"):      residents,
			i18nLabel(t, lang, "code.victim.business"):     hidden[lang],
			i18nLabel(t, lang, "code.victim.organisation"): "<10",
		}
		for label, cell := range want {
			if got := victims[label]; len(got) != 1 || got[0] != cell {
				t.Errorf("%s: victims %q = %v, want %q", lang, label, got, cell)
			}
		}
		total := i18nLabel(t, lang, "charts.reports.total")
		if got := victims[total]; len(got) != 1 || got[0] != all {
			t.Errorf("%s: total %v, want %s: 46 perturbed (spam and hidden reports do not count)", lang, got, all)
		}
		// The bars: null for the hidden counts, so the chart cannot show them.
		d := seriesData(t, chartOptions(t, body, "reports-by-victim"))
		if len(d) != 3 || d[1] != nil || d[2] != nil {
			t.Errorf("%s: bar data %v: the hidden counts must be null", lang, d)
		}
		types := tableRows(t, body, "reports-by-type")
		if got := types[i18nLabel(t, lang, "code.incident.sextortion")]; len(got) != 1 || got[0] != "<10" {
			t.Errorf("%s: sextortion (all spam or hidden) shows %v", lang, got)
		}
		// No sentence or cell names a hidden number: the 4 organisations (and
		// ransomware reports) nowhere, the 12 businesses not in the victims
		// chart, and the 35 or 81 with spam and hidden reports nowhere. (12
		// invoice frauds are shown in the types chart, which does not say
		// who the victims were.)
		// From the survey-and-reports view on: the Safety Monitor's published
		// percentages above it are not report counts.
		reportsPart := body[strings.Index(body, `<section class="stat" id="compare"`):]
		text := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`).ReplaceAllString(reportsPart, " ")
		victimsText := text[strings.Index(text, i18nLabel(t, lang, "charts.reports.victim.title")):]
		victimsText = victimsText[:strings.Index(victimsText, i18nLabel(t, lang, "charts.reports.channel.title"))]
		for n, text := range map[string]string{"4": text, "35": text, "81": text, "12": victimsText} {
			if m := regexp.MustCompile(`.{0,30}(^|[^0-9.,\x{a0}\x{202f}])` + n + `([^0-9.,]|$).{0,30}`).FindString(text); m != "" {
				t.Errorf("%s: the page's text contains the number %s: %q", lang, n, m)
			}
		}

		_, body = get(t, s, "/"+lang+"/statistics/reports-by-victim.csv")
		rows := csvRows(t, body)
		for key, want := range map[string][2]string{
			"citizen": {residents, "ok"}, "business": {"", "hidden"}, "organisation": {"", "suppressed"}, "total": {all, "ok"},
		} {
			if r := csvRow(t, rows, "reports", key); r["value"] != want[0] || r["status"] != want[1] {
				t.Errorf("%s: CSV %s = %v, want %v", lang, key, r, want)
			}
		}
		if strings.Contains(body, ",12,") || strings.Contains(body, ",4,") {
			t.Errorf("%s: the CSV holds a hidden count:\n%s", lang, body)
		}
		_, body = get(t, s, "/"+lang+"/statistics/reports-by-victim.json")
		oc := jsonChart(t, body)
		for _, key := range []string{"business", "organisation"} {
			if r := jsonRow(t, oc, "reports", key); r.Value != nil {
				t.Errorf("%s: JSON %s has value %v", lang, key, *r.Value)
			}
		}
		if strings.Contains(body, `"value": 12,`) || strings.Contains(body, `"value": 4,`) {
			t.Errorf("%s: the JSON holds a hidden count", lang)
		}
		if !strings.Contains(body, `<10`) {
			t.Errorf("%s: the JSON does not say <10 as it is", lang)
		}
		if oc.Threshold != 10 || oc.Note == "" {
			t.Errorf("%s: JSON threshold %d note %q", lang, oc.Threshold, oc.Note)
		}

		// The police chart: "yes" is 16 (shown), "plan" 0 (suppressed), so
		// the share that went to the police is not given either.
		_, body = get(t, s, "/"+lang+"/statistics/reports-by-police.json")
		if oc := jsonChart(t, body); !strings.Contains(oc.Summary, i18nLabel(t, lang, "statistics.police.share_hidden")) {
			t.Errorf("%s: police summary %q", lang, oc.Summary)
		}
	}
}

func i18nLabel(t *testing.T, lang, key string) string {
	t.Helper()
	cat, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	if !cat.Has(lang, key) {
		t.Fatalf("no %s in %s", key, lang)
	}
	return cat.Message(lang, key)
}

// TestStatisticsMoveOnlyInReleases: reports marked as spam or hidden, and
// restored or deleted ones, change the public numbers only at the next
// release, and then to the perturbed count of what counts. The cached page
// must not hide the release.
func TestStatisticsMoveOnlyInReleases(t *testing.T) {
	s, codes := newStatsServer(t, crafted(), true)
	total := func() string {
		_, body := get(t, s, "/en/statistics/reports-by-month.csv")
		return csvText(t, csvRow(t, csvRows(t, body), "reports", "total"))
	}
	if got, want := total(), published(t, s, craftedPeriod, "", "", 10); got != want {
		t.Fatalf("total %q, want %s (46, perturbed)", got, want)
	}
	get(t, s, "/en/statistics") // fill the cache
	ctx := context.Background()
	moderate := func(f data.ModerationFilter, status string) func() error {
		return func() error {
			var ids []int64
			if err := s.store.ExportReports(ctx, f, func(r *data.ModerationReport) error {
				ids = append(ids, r.ID)
				return nil
			}); err != nil {
				return err
			}
			for _, id := range ids {
				if err := s.store.SetReportStatus(ctx, id, status, 0, s.now()); err != nil {
					return err
				}
			}
			return nil
		}
	}
	steps := []struct {
		what, want string
		do         func() error
	}{
		{"business reports marked spam", "34", moderate(data.ModerationFilter{Victim: "business", Status: "new"}, "spam")},
		{"hidden reports restored", "49", moderate(data.ModerationFilter{Status: "hidden"}, "reviewed")},
		{"reviewed reports hidden", "34", moderate(data.ModerationFilter{Status: "reviewed"}, "hidden")},
		{"spam business reports restored", "46", moderate(data.ModerationFilter{Victim: "business", Status: "spam"}, "new")},
		{"15 residents deleted their reports", "31", func() error {
			for i := 0; i < 30; i += 2 { // crafted() starts with 30 residents' phishing reports
				if err := s.store.DeleteReport(ctx, codes[i].String()); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, st := range steps {
		before := total()
		if err := st.do(); err != nil {
			t.Fatal(err)
		}
		if got := total(); got != before {
			t.Errorf("after %s: total %q before any release, want the released %s", st.what, got, before)
		}
		live, err := s.store.ReportStats(ctx, craftedPeriod)
		if err != nil {
			t.Fatal(err)
		}
		if strconv.Itoa(live.Total) != st.want {
			t.Errorf("after %s: %d reports count, want %s", st.what, live.Total, st.want)
		}
		release(t, s)
		want := published(t, s, craftedPeriod, "", "", 10)
		if got := total(); got != want {
			t.Errorf("after %s and a release: total %q, want %s (%s, perturbed)", st.what, got, want, st.want)
		}
		_, body := get(t, s, "/en/statistics")
		if got := tableRows(t, body, "reports-by-month")["Total"]; len(got) != 1 || got[0] != want {
			t.Errorf("after %s and a release: the page says %v, want %s", st.what, got, want)
		}
	}
}

// TestStatisticsThresholdIsConfigurable: with -min-count 40 the 30
// residents are hidden too.
func TestStatisticsThresholdIsConfigurable(t *testing.T) {
	t.Parallel()
	cfg := testConfig(t)
	cfg.MinCount = 40
	store, err := data.Open(cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if err := store.AddDemoReports(context.Background(), crafted()); err != nil {
		t.Fatal(err)
	}
	s, err := New(cfg, Deps{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	release(t, s)
	_, body := get(t, s, "/en/statistics")
	victims := tableRows(t, body, "reports-by-victim")
	if got := victims[i18nLabel(t, "en", "code.victim.citizen")]; len(got) != 1 || got[0] != "<40" {
		t.Errorf("residents %v, want <40", got)
	}
	mustContain(t, body, "numbers below 40 are shown as ‘&lt;40’", "Numbers below 40 are shown as &lt;40 so that no one can be recognised")
	cfg.MinCount = 1
	if err := cfg.Validate(); err == nil {
		t.Error("-min-count 1 was accepted: \"<1\" would say 0")
	}
}

// TestStatisticsFilter: the filter narrows every report chart and its
// downloads; wrong values bring the form back with a translated error.
func TestStatisticsFilter(t *testing.T) {
	t.Parallel()
	s, _ := newStatsServer(t, crafted(), true)
	aprilMay := data.StatsFilter{From: 202604, To: 202605}
	phishing := published(t, s, aprilMay, data.DimIncident, "phishing", 10)
	aprilMay.Victim = "citizen"
	residents := published(t, s, aprilMay, "", "", 10)
	_, body := get(t, s, "/en/statistics?from=2026-04&to=2026-05&victim=citizen")
	citizen := i18nLabel(t, "en", "code.victim.citizen")
	mustContain(t, body, "You are looking at reports of incidents from April 2026 to May 2026. Kind of victim: "+strings.ToLower(citizen)+". Type of incident: all.",
		`<option value="2026-04" selected>April 2026</option>`, `<option value="citizen" selected>`+citizen+`</option>`,
		`<meta name="robots" content="noindex">`)
	months := tableRows(t, body, "reports-by-month")
	if _, ok := months["March 2026"]; ok || len(months) != 3 || months["Total"][0] != residents {
		t.Errorf("months %v, want April, May and a total of %s residents (20, perturbed)", months, residents)
	}
	_, body = get(t, s, "/en/statistics?from=2026-04&to=2026-05")
	if got := tableRows(t, body, "reports-by-type")["Phishing"]; len(got) != 1 || got[0] != phishing {
		t.Errorf("phishing in April and May: %v, want %s (20, perturbed)", got, phishing)
	}
	_, csvBody := get(t, s, "/en/statistics/reports-by-month.csv?from=2026-04&to=2026-05&victim=citizen")
	r := csvRow(t, csvRows(t, csvBody), "reports", "total")
	if csvText(t, r) != residents || r["period_from"] != "2026-04" || r["period_to"] != "2026-05" || r["victim"] != "citizen" || r["incident"] != "" {
		t.Errorf("filtered CSV row %v", r)
	}

	bad := []struct {
		query string
		want  map[string]string
	}{
		{"?from=2025-01", map[string]string{"en": "Choose a start month from the list", "nl": "Kies een beginmaand uit de lijst", "fr": "Choisissez un mois de début dans la liste"}},
		{"?to=garbage", map[string]string{"en": "Choose an end month from the list", "nl": "Kies een eindmaand uit de lijst", "fr": "Choisissez un mois de fin dans la liste"}},
		{"?from=2026-05&to=2026-03", map[string]string{"en": "The end month must be the same as or after the start month", "nl": "De eindmaand moet gelijk zijn aan of na de beginmaand liggen", "fr": "Le mois de fin doit être identique ou postérieur au mois de début"}},
		{"?victim=alien", map[string]string{"en": "Choose a kind of victim from the list", "nl": "Kies een soort slachtoffer uit de lijst", "fr": "Choisissez un type de victime dans la liste"}},
		{"?incident=%3Cscript%3E", map[string]string{"en": "Choose a type of incident from the list", "nl": "Kies een soort incident uit de lijst", "fr": "Choisissez un type d’incident dans la liste"}},
		{"?from=2026-13&victim=x", map[string]string{"en": "Choose a start month from the list", "nl": "Kies een beginmaand uit de lijst", "fr": "Choisissez un mois de début dans la liste"}},
	}
	for _, b := range bad {
		for _, lang := range i18n.Languages() {
			res, body := get(t, s, "/"+lang+"/statistics"+b.query)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s %s: status %d, want 200 with the form and its errors", lang, b.query, res.StatusCode)
			}
			mustContain(t, body, `class="error-summary" role="alert"`, html.EscapeString(b.want[lang]), `class="field field-error"`,
				`data-chart="monitor-cybercrime"`)
			mustNotContain(t, body, `data-chart="reports-by-type"`, "<script>")
			res, _ = get(t, s, "/"+lang+"/statistics/reports-by-type.csv"+b.query)
			if res.StatusCode != http.StatusBadRequest {
				t.Errorf("%s CSV %s: status %d, want 400", lang, b.query, res.StatusCode)
			}
		}
	}
}

func TestStatisticsUnknownDownloads(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, target := range []string{
		"/en/statistics/reports-by-nothing.csv", "/en/statistics/monitor-burglary.json", "/en/statistics/reports-by-type.xml",
		"/en/statistics/reports-by-type", "/en/statistics/..csv", "/de/statistics/reports-by-type.csv",
	} {
		if res, _ := get(t, s, target); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, res.StatusCode)
		}
	}
	res, body := get(t, s, "/en/statistics/nothing.json")
	if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"status":404`) {
		t.Errorf("unknown JSON chart: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}

// TestStatisticsImportedSeries: an imported area is a second line; text
// from the file cannot run as a spreadsheet formula or close the options'
// script element.
func TestStatisticsImportedSeries(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	_, err := s.store.ImportMonitor(context.Background(), []monitor.Value{
		{Area: "Utrecht", Indicator: "cybercrime", Year: 2019, Value: 13.1, Unit: "percent", Source: "CBS"},
		{Area: "=HYPERLINK(\"http://x\")</script>", Indicator: "cybercrime", Year: 2017, Value: 10, Unit: "percent", Source: "@SUM(A1)"},
	})
	if err != nil {
		t.Fatal(err)
	}
	const areas = "?area=maastricht&area=utrecht&area=hyperlink-http-x-script"
	_, body := get(t, s, "/en/statistics"+areas)
	mustContain(t, body, "For comparison: Utrecht 13.1% in 2019.")
	mustNotContain(t, body, `</script>"`, `"</script>`)
	opts := chartOptions(t, body, "monitor-cybercrime")
	if series, _ := opts["series"].([]any); len(series) != 3 {
		t.Errorf("%d series, want Maastricht and two imported areas", len(series))
	}
	_, csvBody := get(t, s, "/en/statistics/monitor-cybercrime.csv"+areas)
	for _, r := range csvRows(t, csvBody) {
		for _, col := range []string{"series_label", "label", "source"} {
			if v := r[col]; v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
				t.Errorf("CSV cell %s = %q starts a formula", col, v)
			}
		}
	}
	mustContain(t, csvBody, `"'=HYPERLINK(""http://x"")</script>"`, "'@SUM(A1)")
	// The first series is the municipality's, whatever the names.
	rows := csvRows(t, csvBody)
	if rows[0]["series"] != "maastricht" {
		t.Errorf("first series %q, want maastricht", rows[0]["series"])
	}
}

func TestStatisticsDemoNotice(t *testing.T) {
	t.Parallel()
	s, _ := newStatsServer(t, crafted()[:20], false)
	for _, lang := range i18n.Languages() {
		_, body := get(t, s, "/"+lang+"/statistics")
		mustContain(t, body, `class="demo-notice"`, i18nLabel(t, lang, "statistics.demo.title"))
		_, js := get(t, s, "/"+lang+"/statistics/reports-by-type.json")
		if oc := jsonChart(t, js); !oc.Demo || !strings.Contains(oc.Source, i18nLabel(t, lang, "statistics.demo.source")[len("%[1]s "):]) {
			t.Errorf("%s: JSON demo %v source %q", lang, oc.Demo, oc.Source)
		}
	}
	real, _ := newStatsServer(t, crafted()[:20], true)
	_, body := get(t, real, "/en/statistics")
	mustNotContain(t, body, `class="demo-notice"`)
}

// TestStatisticsEmptyDatabase: no reports at all is a page full of "<10",
// not an error.
func TestStatisticsEmptyDatabase(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for _, lang := range i18n.Languages() {
		res, body := get(t, s, "/"+lang+"/statistics")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, res.StatusCode)
		}
		if got := tableRows(t, body, "reports-by-type")[i18nLabel(t, lang, "charts.reports.total")]; len(got) != 1 || got[0] != "<10" {
			t.Errorf("%s: total %v", lang, got)
		}
	}
}

func TestStatisticsCachingHeaders(t *testing.T) {
	t.Parallel()
	s, _ := newStatsServer(t, crafted(), true)
	for _, target := range []string{"/en/statistics", "/en/statistics/reports-by-type.csv"} {
		res, plain := get(t, s, target, "Accept-Encoding", "identity")
		etag := res.Header.Get("ETag")
		if etag == "" || res.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: headers %v", target, res.Header)
		}
		res, gz := get(t, s, target, "Accept-Encoding", "gzip")
		if res.Header.Get("Content-Encoding") != "gzip" || len(gz) >= len(plain) {
			t.Errorf("%s: not compressed (%d of %d bytes)", target, len(gz), len(plain))
		}
		if res, _ := get(t, s, target, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match gives %d", target, res.StatusCode)
		}
		if res.Header.Get("Set-Cookie") != "" {
			t.Errorf("%s sets a cookie", target)
		}
	}
}

func TestSitemapListsStatistics(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	_, body := get(t, s, "/sitemap.xml")
	for _, lang := range i18n.Languages() {
		mustContain(t, body, fmt.Sprintf("<loc>https://cyberhulp.example/%s/statistics</loc>", lang))
	}
}

// TestChartBundleIsServed: the loader and the ECharts bundle come from our
// origin under hashed names, precompressed, within their budget; the page
// loads only the loader and names the bundle for it.
func TestChartBundleIsServed(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	total := 0
	urls := map[string]string{}
	for _, name := range []string{"charts/charts.js", "charts/draw.js"} {
		u, err := s.assets.URL(name)
		if err != nil {
			t.Fatal(err)
		}
		urls[name] = u
		res, body := get(t, s, u, "Accept-Encoding", "gzip")
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" ||
			!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(res.Header.Get("Content-Type"), "javascript") {
			t.Errorf("%s: %d %v", name, res.StatusCode, res.Header)
		}
		total += len(body)
		if !bytes.HasPrefix([]byte(u), []byte("/static/"+strings.TrimSuffix(name, ".js")+".")) {
			t.Errorf("%s: URL %s", name, u)
		}
	}
	if total > 250<<10 {
		t.Errorf("the bundle is %d bytes gzipped, budget 250 KB", total)
	}
	_, page := get(t, s, "/en/statistics")
	mustContain(t, page, `<script src="`+urls["charts/charts.js"]+`" data-draw="`+urls["charts/draw.js"]+`" defer></script>`)
	mustNotContain(t, page, `<script src="`+urls["charts/draw.js"]+`"`)
}

// TestStatisticsCacheBounds: a page for an invalid filter is answered with
// its errors and not kept; random valid filters fill at most
// statsCacheSize places, one dropped at a time, and never push out the
// pages without a filter.
func TestStatisticsCacheBounds(t *testing.T) {
	s, _ := newStatsServer(t, crafted(), true)
	for _, path := range []string{"/en/statistics", "/nl/statistics", "/en/statistics/reports-by-type.csv"} {
		if res, _ := get(t, s, path); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
	}
	counts := func() (pinned, filtered int) {
		s.statsCache.mu.Lock()
		defer s.statsCache.mu.Unlock()
		return len(s.statsCache.pinned), len(s.statsCache.filtered)
	}
	if p, f := counts(); p != 3 || f != 0 {
		t.Fatalf("after the plain pages: %d pinned, %d filtered; want 3, 0", p, f)
	}
	for i := range 50 {
		res, body := get(t, s, "/en/statistics?victim=junk"+itoa(int64(i)))
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `class="error-summary"`) {
			t.Fatalf("invalid filter: %d without its errors", res.StatusCode)
		}
		get(t, s, "/en/statistics/reports-by-type.csv?from=junk"+itoa(int64(i)))
	}
	if p, f := counts(); p != 3 || f != 0 {
		t.Errorf("after 100 invalid filters: %d pinned, %d filtered; want 3, 0 (invalid filters are not kept)", p, f)
	}
	// Valid filters, more than fit: the months of crafted() with every
	// victim and incident.
	months := []string{"", "2026-03", "2026-04", "2026-05"}
	n := 0
	for _, from := range months {
		for _, to := range months {
			for _, v := range append([]string{""}, statsCodes[data.DimVictim]...) {
				for _, inc := range append([]string{""}, statsCodes[data.DimIncident]...) {
					q := url.Values{"from": {from}, "to": {to}, "victim": {v}, "incident": {inc}}
					get(t, s, "/fr/statistics?"+q.Encode())
					n++
				}
			}
		}
	}
	if n <= statsCacheSize {
		t.Fatalf("only %d filters tried: not enough to fill the cache", n)
	}
	if p, f := counts(); p < 3 || f != statsCacheSize {
		t.Errorf("after %d filters: %d pinned, %d filtered; want the 3 plain pages still there and %d filtered", n, p, f, statsCacheSize)
	}
	s.statsCache.mu.Lock()
	_, ok := s.statsCache.pinned[statsCacheKey(s.cat.Printer("en"), "page", statsForm{}, s.now())]
	s.statsCache.mu.Unlock()
	if !ok {
		t.Error("the plain English page was pushed out")
	}
}

// TestStatisticsSaysWhenAndHow: the page says, in every language, the day
// of the last release, that the numbers change at most once a day, and
// that they are perturbed and why; so does the JSON note. Before the first
// release it says none was made.
func TestStatisticsSaysWhenAndHow(t *testing.T) {
	fresh := newTestServer(t)
	_, body := get(t, fresh, "/en/statistics")
	mustContain(t, body, html.EscapeString(i18nLabel(t, "en", "statistics.release.none")))

	s, _ := newStatsServer(t, crafted(), true)
	day := map[string]string{"nl": "november", "en": "November", "fr": "novembre"}
	for _, lang := range i18n.Languages() {
		p := s.cat.Printer(lang)
		r, err := s.store.ReleaseState(context.Background(), data.ReleaseReports)
		if err != nil {
			t.Fatal(err)
		}
		_, body := get(t, s, "/"+lang+"/statistics")
		want := []string{
			p.T("statistics.release.last", p.Date(r.Day)),
			p.T("statistics.release.schedule", p.Int(10)),
			p.T("statistics.release.perturbed", p.Int(2)),
		}
		for _, w := range want {
			mustContain(t, body, html.EscapeString(w))
		}
		if !strings.Contains(want[0], fmt.Sprint(r.Day.Year())) || (r.Day.Month() == time.November && !strings.Contains(want[0], day[lang])) {
			t.Errorf("%s: %q does not name the day", lang, want[0])
		}
		_, body = get(t, s, "/"+lang+"/statistics/reports-by-type.json")
		if oc := jsonChart(t, body); !strings.Contains(oc.Note, want[2]) {
			t.Errorf("%s: JSON note %q does not say the numbers are perturbed", lang, oc.Note)
		}
	}
}
