package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// The self-check's shared answers on the statistics page (issue 14): the
// share of businesses with each measure in place, by size band, with the
// same disclosure control as the report counts. The public figures are
// those of the last release of the shares (data.ReleaseSelfCheck, by the
// same rule and hourly job as the report statistics), every count
// perturbed by the cell-key method before suppression. Staff see the same
// figures live and unperturbed (/staff/statistics/self-check).

// selfCheckChartID names the chart in the page and its downloads.
const selfCheckChartID = "selfcheck-measures"

// selfCheckStats is the chart with its words; Extra says when the figures
// were released and that they are perturbed.
type selfCheckStats struct {
	chartView
	Release  string    // when the figures were released, in words
	Released time.Time // the day of the last release; zero before the first, and when live
	Live     bool
}

// selfCheckStats builds the chart from the released shares, or live ones.
func (s *Server) selfCheckStats(ctx context.Context, p *i18n.Printer, live bool) (*selfCheckStats, error) {
	tallies, err := s.store.SelfCheckTallies(ctx, !live)
	if err != nil {
		return nil, err
	}
	// Published, every count is a cell of its own, perturbed with the sum
	// of its shares' record keys (charts/cellkey.go); a band's yes count
	// perturbed above its perturbed number of businesses is capped by it.
	count := func(n int, k int64) int {
		if live {
			return n
		}
		return charts.Perturb(n, charts.KeyOf(k))
	}
	in := charts.Shares{
		ID: selfCheckChartID, Title: p.T("selfcheck.stats.title"), Source: p.T("selfcheck.stats.source"),
		RowHeading: p.T("selfcheck.stats.measure"), AllLabel: p.T("selfcheck.stats.all"),
		CountLabel: p.T("selfcheck.stats.answered"), Threshold: s.cfg.MinCount,
	}
	for _, q := range data.SelfCheckQuestions {
		in.Rows = append(in.Rows, charts.ShareRow{Key: q, Label: p.T("selfcheck.short." + q)})
	}
	all := data.SelfCheckTally{Yes: map[string]int{}, YesKey: map[string]int64{}}
	group := func(t *data.SelfCheckTally, g *charts.ShareGroup) {
		g.N = count(t.N, t.Key)
		g.Yes = make([]int, len(in.Rows))
		for i, q := range data.SelfCheckQuestions {
			g.Yes[i] = min(count(t.Yes[q], t.YesKey[q]), g.N)
		}
	}
	for _, size := range append(vocab.CompanySize.Codes(), "") {
		g := charts.ShareGroup{Key: sizeBandKey(size), Label: p.T("selfcheck.stats.size_unknown")}
		if size != "" {
			g.Label = p.T("code.size." + size)
		}
		t := tallies[size]
		if t == nil {
			t = &data.SelfCheckTally{}
		}
		group(t, &g)
		all.N, all.Key = all.N+t.N, all.Key+t.Key
		for q, n := range t.Yes {
			all.Yes[q], all.YesKey[q] = all.Yes[q]+n, all.YesKey[q]+t.YesKey[q]
		}
		in.Groups = append(in.Groups, g)
	}
	if !live {
		in.All = &charts.ShareGroup{}
		group(&all, in.All)
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
	if live {
		st.Release = p.T("selfcheck.stats.release.live")
		st.Extra = []string{st.Release}
		return st, nil
	}
	r, err := s.store.ReleaseState(ctx, data.ReleaseSelfCheck)
	if err != nil {
		return nil, err
	}
	st.Released = r.Day
	st.Release = p.T("selfcheck.stats.release.none")
	if !r.Day.IsZero() {
		st.Release = p.T("selfcheck.stats.release.last", p.Date(r.Day))
	}
	st.Extra = []string{st.Release, p.T("selfcheck.stats.release.schedule", p.Int(s.cfg.MinCount)),
		p.T("selfcheck.stats.perturbed", p.Int(charts.MaxNoise))}
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
	"businesses", "businesses_status", "share_in_place", "share_status", "released_on", "source"}

// downloadSelfCheck serves the chart's published numbers as CSV or JSON.
func (s *Server) downloadSelfCheck(c echo.Context, p *i18n.Printer, ext string) error {
	ctx := c.Request().Context()
	version, err := s.store.PublishedVersion(ctx)
	if err != nil {
		return err
	}
	key := p.Lang() + "|" + selfCheckChartID + ext
	if r := s.statsCache.get(version, key); r != nil {
		return r.send(c)
	}
	st, err := s.selfCheckStats(ctx, p, false)
	if err != nil {
		return err
	}
	body, ctype, err := downloadBody(ext, func() ([]byte, error) { return selfCheckCSV(st) },
		func() ([]byte, error) { return selfCheckJSON(p, st, s.cfg.MinCount) })
	if err != nil {
		return err
	}
	return s.sendDownload(c, version, key, true, selfCheckChartID+ext, ctype, body)
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

// releasedOn is the day of the last release as the downloads give it
// (2026-11-30), "" before the first.
func (st *selfCheckStats) releasedOn() string {
	if st.Released.IsZero() {
		return ""
	}
	return st.Released.Format(time.DateOnly)
}

func selfCheckCSV(st *selfCheckStats) ([]byte, error) {
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
			f(r.Businesses), r.BusinessesStatus, f(r.Share), r.ShareStatus, st.releasedOn(), csvSafe(st.Source)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("server: write CSV %s: %w", selfCheckChartID, err)
	}
	return buf.Bytes(), nil
}

func selfCheckJSON(p *i18n.Printer, st *selfCheckStats, threshold int) ([]byte, error) {
	out := struct {
		openHead
		Release    string         `json:"release"`
		ReleasedOn string         `json:"released_on"`
		Threshold  int            `json:"threshold"`
		MaxNoise   int            `json:"max_noise"`
		Data       []selfCheckRow `json:"data"`
	}{openHead{selfCheckChartID, st.Title, p.Lang(), st.Unit, st.Source, st.Summary, st.Note}, st.Release, st.releasedOn(), threshold,
		charts.MaxNoise, selfCheckRows(st)}
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
