package server

import (
	"fmt"
	"slices"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/i18n"
)

// chartView is one chart on the page and in the downloads: the chart, the
// sentences that go with it, where its numbers come from, and its links.
type chartView struct {
	charts.Chart
	P          *i18n.Printer // for the words around the chart in the template
	Extra      []string      // further sentences, such as the share that went to the police
	SourceLine string        // "Source: …", translated
	Series     []seriesInfo  // the value columns, for downloads
	Filter     *data.StatsFilter
	Demo       bool // the report numbers hold demo data
	CSV        string
	JSON       string
}

// seriesInfo describes one value column of a chart for the downloads.
type seriesInfo struct {
	Key, Label, Source string
	Kind               string // a safety-monitor area's kind (monitor.AreaMunicipality...); "" for reports
}

// reportBreakdown is one report chart: what it counts by.
type reportBreakdown struct {
	Breakdown charts.Breakdown
	Dim       string // the data.Dim… it reads; "" for months
}

// reportBreakdowns are the report charts in the order of the page.
var reportBreakdowns = []reportBreakdown{
	{charts.ByType, data.DimIncident},
	{charts.ByMonth, ""},
	{charts.ByVictim, data.DimVictim},
	{charts.ByChannel, data.DimChannel},
	{charts.ByLoss, data.DimLoss},
	{charts.ByPolice, data.DimPolice},
}

// reportChartID is the ID charts gives a report chart.
func reportChartID(b charts.Breakdown) string { return "reports-by-" + string(b) }

// reportCharts builds every report chart for the filter.
func (s *Server) reportCharts(p *i18n.Printer, st data.ReportStats, f data.StatsFilter, query string, demo bool) ([]chartView, error) {
	out := make([]chartView, 0, len(reportBreakdowns))
	for _, b := range reportBreakdowns {
		cv, err := s.reportChart(p, b, st, f, query, demo)
		if err != nil {
			return nil, err
		}
		out = append(out, cv)
	}
	return out, nil
}

// reportChart builds one report chart. Every code is a row, with 0 when no
// report has it, so a small number and a zero look the same ("<10"). A code
// in the database that the list does not know counts as "other" where there
// is one, so the charts' totals agree.
func (s *Server) reportChart(p *i18n.Printer, b reportBreakdown, st data.ReportStats, f data.StatsFilter, query string, demo bool) (chartView, error) {
	// Every count, and the total as a cell of its own, is perturbed by the
	// cell-key method before suppression (charts/cellkey.go).
	total := charts.Perturb(st.Total, charts.KeyOf(st.KeyTotal))
	in := charts.Counts{Breakdown: b.Breakdown, Threshold: s.cfg.MinCount, Total: &total}
	if b.Dim == "" {
		for ym := f.From; ym <= f.To; ym = ym.Next() {
			n := charts.Perturb(st.ByMonth[ym], charts.KeyOf(st.KeyByMonth[ym]))
			in.Rows = append(in.Rows, charts.CountRow{Year: ym.Year(), Month: ym.Month(), Count: n})
		}
	} else {
		codes := statsCodes[b.Dim]
		counts, keys := map[string]int{}, map[string]int64{}
		for code, n := range st.By[b.Dim] {
			k := st.KeyBy[b.Dim][code]
			if !slices.Contains(codes, code) && slices.Contains(codes, "other") {
				code = "other"
			}
			counts[code] += n
			keys[code] += k
		}
		for _, code := range codes {
			in.Rows = append(in.Rows, charts.CountRow{
				Key:    code,
				Label:  codeLabel(p, b.Dim, code),
				Phrase: p.T("statistics.phrase." + b.Dim + "." + code),
				Count:  charts.Perturb(counts[code], charts.KeyOf(keys[code])),
				Other:  code == "other",
			})
		}
	}
	c, err := charts.NewCountChart(p, in)
	if err != nil {
		return chartView{}, fmt.Errorf("server: report chart %s: %w", b.Breakdown, err)
	}
	if demo {
		c.Source = p.T("statistics.demo.source", c.Source)
	}
	cv := chartView{
		Chart: c, P: p, Filter: &f, Demo: demo, SourceLine: p.T("statistics.source", c.Source),
		Series: []seriesInfo{{Key: "reports", Label: c.Table.Columns[0].Heading, Source: c.Source}},
	}
	if b.Breakdown == charts.ByPolice {
		cv.Extra = []string{policeShare(p, c.Table)}
	}
	cv.CSV, cv.JSON = downloadURLs(p, c.ID, query)
	return cv, nil
}

// policeShare says which share of the reporters went to the police, from
// the published cells only: when the "yes" row or the total is not shown,
// neither is the share.
func policeShare(p *i18n.Printer, t charts.Table) string {
	var yes *charts.Value
	for i := range t.Rows {
		if t.Rows[i].Key == "yes" {
			yes = &t.Rows[i].Values[0]
		}
	}
	for _, r := range t.Rows {
		if r.Values[0].Status != charts.StatusOK {
			return p.T("statistics.police.share_hidden")
		}
	}
	if yes == nil || t.Total == nil || t.Total.Values[0].Status != charts.StatusOK || t.Total.Values[0].Number == 0 {
		return p.T("statistics.police.share_hidden")
	}
	return p.T("statistics.police.share", p.Percent(100*yes.Number/t.Total.Values[0].Number, 0))
}

// downloadURLs are the chart's open-data links, with the page's filter.
func downloadURLs(p *i18n.Printer, id, query string) (csvURL, jsonURL string) {
	base := "/" + p.Lang() + "/statistics/" + id
	return base + ".csv" + query, base + ".json" + query
}
