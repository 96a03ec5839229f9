package server

import (
	"net/http"
	"strings"
	"testing"

	"cyberportal/i18n"
)

// TestStatisticsAreas: by default the page shows the municipality and
// Nederland (so the latest national figures, 2023); the reader chooses
// other areas with check boxes in a plain GET form, and an area without
// figures gives the form back with a message, never a 500. Downloads follow
// the choice.
func TestStatisticsAreas(t *testing.T) {
	s := newTestServer(t)
	notAvailable := map[string]string{"nl": "niet beschikbaar", "en": "not available", "fr": "non disponible"}
	for _, lang := range i18n.Languages() {
		_, body := get(t, s, "/"+lang+"/statistics")
		mustContain(t, body, `<form class="filter stats-filter stats-areas" method="get" action="/`+lang+`/statistics#monitor">`,
			`name="area" value="maastricht" checked`, `name="area" value="nederland" checked`,
			`name="area" value="zuid-nederland">`, `name="area" value="west-nederland">`)
		rows := tableRows(t, body, "monitor-cybercrime")
		// method, Maastricht, Nederland, Nederland's interval
		if got := rows["2023"]; len(got) != 4 || got[1] != notAvailable[lang] || !strings.HasPrefix(got[2], "15") || !strings.HasPrefix(got[3], "15") {
			t.Errorf("%s: 2023 row %q", lang, got)
		}

		_, body = get(t, s, "/"+lang+"/statistics?area=zuid-nederland&area=nederland")
		mustContain(t, body, `name="area" value="zuid-nederland" checked`, `name="area" value="maastricht">`,
			`href="/`+lang+`/statistics/monitor-cybercrime.csv?area=zuid-nederland&amp;area=nederland"`)
		rows = tableRows(t, body, "monitor-cybercrime")
		// Zuid-Nederland first (a region before the country): its 2021
		// figure has no published interval, so it has no interval column.
		if got := rows["2021"]; len(got) != 4 || !strings.HasPrefix(got[1], "17") || !strings.HasPrefix(got[3], "16") {
			t.Errorf("%s: 2021 row for Zuid-Nederland and Nederland %q", lang, got)
		}
		if got := rows["2019"]; len(got) != 4 || got[1] != notAvailable[lang] {
			t.Errorf("%s: 2019 row %q: Zuid-Nederland not available", lang, got)
		}

		res, body := get(t, s, "/"+lang+"/statistics?area=atlantis")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: unknown area: status %d", lang, res.StatusCode)
		}
		mustContain(t, body, `id="area-error"`, i18nLabel(t, lang, "statistics.error.area"), `name="area" value="maastricht" checked`)
		if res, _ := get(t, s, "/"+lang+"/statistics/monitor-cybercrime.csv?area=atlantis"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: download for an unknown area: status %d, want 400", lang, res.StatusCode)
		}
	}
}

// TestStatisticsIntervalDownloads: the CSV and JSON files carry the 95%
// interval, the method and the kind of area next to each value, and cite
// the source in the file's language.
func TestStatisticsIntervalDownloads(t *testing.T) {
	s := newTestServer(t)
	for _, lang := range i18n.Languages() {
		_, body := get(t, s, "/"+lang+"/statistics/monitor-cybercrime.csv")
		rows := csvRows(t, body)
		r := csvRow(t, rows, "nederland", "2021")
		if r["value"] != "16.9" || r["lower"] != "16.7" || r["upper"] != "17.2" || r["method"] != "vm2021" || r["area_kind"] != "country" ||
			!strings.Contains(r["source"], "85472NED") {
			t.Errorf("%s: CSV Nederland 2021 %v", lang, r)
		}
		r = csvRow(t, rows, "nederland", "2019")
		if r["value"] != "13" || r["lower"] != "" || r["upper"] != "" || r["method"] != "vm2012" {
			t.Errorf("%s: CSV Nederland 2019 %v", lang, r)
		}
		r = csvRow(t, rows, "maastricht", "2021")
		if r["value"] != "" || r["status"] != "not_available" || r["area_kind"] != "municipality" {
			t.Errorf("%s: CSV Maastricht 2021 %v", lang, r)
		}
		_, body = get(t, s, "/"+lang+"/statistics/monitor-cybercrime.json")
		oc := jsonChart(t, body)
		jr := jsonRow(t, oc, "nederland", "2023")
		if jr.Lower == nil || *jr.Lower != 15.4 || jr.Upper == nil || *jr.Upper != 15.9 || jr.Method == nil || *jr.Method != "vm2021" {
			t.Errorf("%s: JSON Nederland 2023 %+v", lang, jr)
		}
		if len(oc.Series) != 2 || oc.Series[1].Kind != "country" {
			t.Errorf("%s: JSON series %+v", lang, oc.Series)
		}
		wantSource := map[string]string{"nl": "met 95%-interval", "en": "with 95% interval", "fr": "avec intervalle à 95"}[lang]
		if !strings.Contains(jr.Source, wantSource) {
			t.Errorf("%s: JSON source %q is not in the file's language", lang, jr.Source)
		}
		// Report charts have the columns too, empty.
		_, body = get(t, s, "/"+lang+"/statistics/reports-by-type.json")
		if !strings.Contains(body, `"lower": null`) || !strings.Contains(body, `"method": null`) {
			t.Errorf("%s: report JSON lacks the null interval and method", lang)
		}
	}
}

// TestStatisticsSurveyAndReports: one view puts the Safety Monitor and the
// reports of the same years side by side, with the caveat in words; the
// report counts are published as the report charts publish them.
func TestStatisticsSurveyAndReports(t *testing.T) {
	s, _ := newStatsServer(t, crafted(), true)
	for _, lang := range i18n.Languages() {
		_, body := get(t, s, "/"+lang+"/statistics")
		mustContain(t, body, i18nLabel(t, lang, "statistics.compare.caveat"), `<a href="#compare">`)
		rows := tableRows(t, body, "compare")
		// Maastricht has no figure in the new series: only Nederland is a column.
		want := map[string][]string{
			"2021": {"16" + map[string]string{"nl": ",9%", "en": ".9%", "fr": ",9\u00a0%"}[lang]},
			"2023": {"15" + map[string]string{"nl": ",6%", "en": ".6%", "fr": ",6\u00a0%"}[lang]},
			"2024": {i18nLabel(t, lang, "statistics.compare.no_survey")},
		}
		for year, w := range want {
			if got := rows[year]; len(got) != 3 || got[0] != w[0] || got[2] != i18nLabel(t, lang, "statistics.compare.no_reports") {
				t.Errorf("%s: %s row %q, want %q and no reports yet", lang, year, got, w)
			}
		}
		// 30 + 12 + 4 reports count in 2026 (spam and hidden do not).
		if got := rows["2026"]; len(got) != 3 || got[2] != "46" {
			t.Errorf("%s: 2026 row %q, want 46 reports", lang, got)
		}
	}
}
