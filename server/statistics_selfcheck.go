package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// The self-check's shared answers on the statistics page (issue 14): the
// share of businesses with each measure in place, by size band, with the
// same disclosure control as the report counts (charts.NewShareChart).
//
// Releases: the public page counts the shares of completed ISO weeks only,
// so its numbers change once a week (at the first request of a new week)
// and one new share never shows as a +1 between two visits. Staff see the
// same figures live (/staff/statistics/self-check). The statistics
// releases and cell-key perturbation planned for the report counts (issue
// 6 and 9) are meant to replace this weekly cut-off when they land: this
// file is the one place that decides which shares a published figure reads.

// selfCheckChartID names the chart in the page and its downloads.
const selfCheckChartID = "selfcheck-measures"

// selfCheckStats is the chart with its words; Extra says which weeks it counts.
type selfCheckStats struct {
	chartView
	Release string // which weeks the figures cover, in words
	Live    bool
}

// selfCheckUpTo is the first week a published figure does not count: the
// current ISO week, in Maastricht; "" when live.
func (s *Server) selfCheckUpTo(live bool) string {
	if live {
		return ""
	}
	return vocab.Week(s.local())
}

// selfCheckStats builds the chart from the shares before the week upTo.
func (s *Server) selfCheckStats(ctx context.Context, p *i18n.Printer, live bool) (*selfCheckStats, error) {
	upTo := s.selfCheckUpTo(live)
	tallies, err := s.store.SelfCheckTallies(ctx, upTo)
	if err != nil {
		return nil, err
	}
	in := charts.Shares{
		ID: selfCheckChartID, Title: p.T("selfcheck.stats.title"), Source: p.T("selfcheck.stats.source"),
		RowHeading: p.T("selfcheck.stats.measure"), AllLabel: p.T("selfcheck.stats.all"),
		CountLabel: p.T("selfcheck.stats.answered"), Threshold: s.cfg.MinCount,
	}
	for _, q := range data.SelfCheckQuestions {
		in.Rows = append(in.Rows, charts.ShareRow{Key: q, Label: p.T("selfcheck.short." + q)})
	}
	for _, size := range append(vocab.CompanySize.Codes(), "") {
		g := charts.ShareGroup{Key: sizeBandKey(size), Label: p.T("selfcheck.stats.size_unknown"), Yes: make([]int, len(in.Rows))}
		if size != "" {
			g.Label = p.T("code.size." + size)
		}
		if t := tallies[size]; t != nil {
			g.N = t.N
			for i, q := range data.SelfCheckQuestions {
				g.Yes[i] = t.Yes[q]
			}
		}
		in.Groups = append(in.Groups, g)
	}
	c, err := charts.NewShareChart(p, in)
	if err != nil {
		return nil, fmt.Errorf("server: self-check chart: %w", err)
	}
	c.Summary = selfCheckSummary(p, c.Table, s.cfg.MinCount)
	if c.Note != "" {
		c.Note = p.T("selfcheck.stats.note", p.Int(s.cfg.MinCount), c.Note, p.T("charts.hidden"))
	}
	st := &selfCheckStats{Live: live, chartView: chartView{
		Chart: c, P: p, SourceLine: p.T("statistics.source", c.Source),
		CSV: "/" + p.Lang() + "/statistics/" + selfCheckChartID + ".csv", JSON: "/" + p.Lang() + "/statistics/" + selfCheckChartID + ".json",
	}}
	st.Release = p.T("selfcheck.stats.release.live")
	if !live {
		st.Release = p.T("selfcheck.stats.release", upTo)
	}
	st.Extra = []string{st.Release}
	return st, nil
}

// sizeBandKey is a size code as a column key ("2-9" stays, "250+" becomes "250plus").
func sizeBandKey(size string) string {
	switch size {
	case "":
		return "unknown"
	case "250+":
		return "250plus"
	}
	return size
}

// selfCheckSummary says in words how many shared and which measures are
// most and least often in place, from the published "all" column only.
func selfCheckSummary(p *i18n.Printer, t charts.Table, threshold int) string {
	n := t.Total.Values[0]
	if n.Status != charts.StatusOK {
		return p.T("selfcheck.stats.summary.few", p.T("charts.suppressed", p.Int(threshold)))
	}
	out := p.T("selfcheck.stats.summary.total", p.Int(int(n.Number)))
	most, least := -1, -1
	for i, r := range t.Rows {
		v := r.Values[0]
		if v.Status != charts.StatusOK {
			continue
		}
		if most < 0 || v.Number > t.Rows[most].Values[0].Number {
			most = i
		}
		if least < 0 || v.Number < t.Rows[least].Values[0].Number {
			least = i
		}
	}
	if most >= 0 && most != least {
		out += " " + p.T("selfcheck.stats.summary.range", t.Rows[most].Label, p.Percent(t.Rows[most].Values[0].Number, 0),
			t.Rows[least].Label, p.Percent(t.Rows[least].Values[0].Number, 0))
	}
	return out
}

// selfCheckCSVColumns are the columns of selfcheck-measures.csv, documented
// in the README.
var selfCheckCSVColumns = []string{"chart", "measure", "measure_label", "size_band", "size_band_label",
	"businesses", "businesses_status", "share_in_place", "share_status", "weeks_before", "source"}

// downloadSelfCheck serves the chart's published numbers as CSV or JSON.
func (s *Server) downloadSelfCheck(c echo.Context, p *i18n.Printer, ext string) error {
	ctx := c.Request().Context()
	version, err := s.store.StatsVersion(ctx)
	if err != nil {
		return err
	}
	upTo := s.selfCheckUpTo(false)
	key := p.Lang() + "|" + selfCheckChartID + ext + "|" + upTo
	if r := s.statsCache.get(version, key); r != nil {
		return r.send(c)
	}
	st, err := s.selfCheckStats(ctx, p, false)
	if err != nil {
		return err
	}
	var body []byte
	ctype := "text/csv; charset=utf-8"
	if ext == ".csv" {
		body, err = selfCheckCSV(st, upTo)
	} else {
		ctype = echo.MIMEApplicationJSON
		body, err = selfCheckJSON(p, st, upTo, s.cfg.MinCount)
	}
	if err != nil {
		return err
	}
	return s.sendDownload(c, version, key, selfCheckChartID+ext, ctype, body)
}

// selfCheckRow is one cell of the table in the downloads: a measure in a size band.
type selfCheckRow struct {
	Measure          string   `json:"measure"`
	MeasureLabel     string   `json:"measure_label"`
	SizeBand         string   `json:"size_band"`
	SizeBandLabel    string   `json:"size_band_label"`
	Businesses       *float64 `json:"businesses"`
	BusinessesStatus string   `json:"businesses_status"`
	Share            *float64 `json:"share_in_place"`
	ShareStatus      string   `json:"share_status"`
}

func selfCheckRows(st *selfCheckStats) []selfCheckRow {
	var out []selfCheckRow
	t := st.Table
	num := func(v charts.Value) *float64 {
		if v.Status != charts.StatusOK {
			return nil
		}
		n := v.Number
		return &n
	}
	for _, r := range t.Rows {
		for i, col := range t.Columns {
			n := t.Total.Values[i]
			out = append(out, selfCheckRow{
				Measure: r.Key, MeasureLabel: r.Label, SizeBand: col.Key, SizeBandLabel: col.Heading,
				Businesses: num(n), BusinessesStatus: string(n.Status), Share: num(r.Values[i]), ShareStatus: string(r.Values[i].Status),
			})
		}
	}
	return out
}

func selfCheckCSV(st *selfCheckStats, upTo string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(selfCheckCSVColumns)
	f := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, r := range selfCheckRows(st) {
		w.Write([]string{selfCheckChartID, r.Measure, csvSafe(r.MeasureLabel), r.SizeBand, csvSafe(r.SizeBandLabel),
			f(r.Businesses), r.BusinessesStatus, f(r.Share), r.ShareStatus, upTo, csvSafe(st.Source)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("server: write CSV %s: %w", selfCheckChartID, err)
	}
	return buf.Bytes(), nil
}

func selfCheckJSON(p *i18n.Printer, st *selfCheckStats, upTo string, threshold int) ([]byte, error) {
	out := struct {
		openHead
		Release     string         `json:"release"`
		WeeksBefore string         `json:"weeks_before"`
		Threshold   int            `json:"threshold"`
		Data        []selfCheckRow `json:"data"`
	}{openHead{selfCheckChartID, st.Title, p.Lang(), st.Unit, st.Source, st.Summary, st.Note}, st.Release, upTo, threshold, selfCheckRows(st)}
	return openJSON(selfCheckChartID, out)
}

// showStaffSelfCheck shows staff the same figures live.
func (s *Server) showStaffSelfCheck(c echo.Context) error {
	p := s.printer(c)
	st, err := s.selfCheckStats(c.Request().Context(), p, true)
	if err != nil {
		return err
	}
	return s.renderStaff(c, http.StatusOK, "staff_selfcheck", "selfcheck.stats.title", "home", st)
}
