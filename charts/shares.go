package charts

import (
	"fmt"
	"math"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Shares is the input of a share chart: for each row (such as a security
// measure), the share of the respondents in each group (such as a size
// band) who said yes. The chart adds a first column for all groups
// together. Words come from the caller, so the chart serves any survey.
type Shares struct {
	ID, Title, Source string
	RowHeading        string // heads the row labels, e.g. "Measure"
	AllLabel          string // the column of all groups together
	CountLabel        string // the row of respondents per group, e.g. "Businesses that answered"
	Rows              []ShareRow
	Groups            []ShareGroup
	Threshold         int // smallest count published; DefaultThreshold when 0 or below
	// All, when set, gives the counts of the column of all groups, for
	// counts that are not the sums of the groups' because each is perturbed
	// as a cell of its own (Perturb); its Key and Label are not used.
	All *ShareGroup
}

// ShareRow is one row of a share chart.
type ShareRow struct{ Key, Label string }

// ShareGroup is one group: how many answered, and per row how many said yes.
type ShareGroup struct {
	Key, Label string
	N          int
	Yes        []int // one per row
}

// ShareAllKey is the key of the column of all groups together.
const ShareAllKey = "all"

// NewShareChart builds a horizontal bar chart of shares in percent with
// its table, whose last row is the number of respondents per column.
//
// Disclosure control: the respondents per group go through Suppress (a
// group below the threshold is hidden, and another with it when the total
// would give it away); a share is published only when its column is shown
// and both the yes count and the rest are at least the threshold, so that
// neither "everyone in this group said yes" nor a small count can be read
// from it. Shares are whole percentages.
func NewShareChart(p Printer, in Shares) (Chart, error) {
	if err := checkKey("chart ID", in.ID); err != nil {
		return Chart{}, err
	}
	t := normalThreshold(in.Threshold)
	ns := make([]int, len(in.Groups))
	all := ShareGroup{Key: ShareAllKey, Label: in.AllLabel, Yes: make([]int, len(in.Rows))}
	for i, g := range in.Groups {
		if err := checkKey("group key", g.Key); err != nil {
			return Chart{}, err
		}
		if len(g.Yes) != len(in.Rows) {
			return Chart{}, fmt.Errorf("charts: group %q has %d counts for %d rows", g.Key, len(g.Yes), len(in.Rows))
		}
		ns[i] = g.N
		all.N += g.N
		for r, y := range g.Yes {
			if y < 0 || y > g.N {
				return Chart{}, fmt.Errorf("charts: group %q row %d: %d yes of %d", g.Key, r, y, g.N)
			}
			all.Yes[r] += y
		}
	}
	if in.All != nil {
		if len(in.All.Yes) != len(in.Rows) {
			return Chart{}, fmt.Errorf("charts: all groups have %d counts for %d rows", len(in.All.Yes), len(in.Rows))
		}
		for r, y := range in.All.Yes {
			if y < 0 || y > in.All.N {
				return Chart{}, fmt.Errorf("charts: all groups row %d: %d yes of %d", r, y, in.All.N)
			}
		}
		all.N, all.Yes = in.All.N, in.All.Yes
	}
	cells, total, err := SuppressWithTotal(ns, all.N, t)
	if err != nil {
		return Chart{}, err
	}
	groups := append([]ShareGroup{all}, in.Groups...)
	counts := append([]Cell{total}, cells...)

	c := Chart{ID: in.ID, Title: in.Title, Source: in.Source, Unit: UnitPercent}
	c.Table = Table{RowHead: Column{Key: "measure", Heading: in.RowHeading}}
	for _, g := range groups {
		c.Table.Columns = append(c.Table.Columns, Column{Key: g.Key, Heading: g.Label})
	}
	anyHidden := false
	shares := make([][]Value, len(in.Rows)) // [row][column]
	for r, row := range in.Rows {
		if err := checkKey("row key", row.Key); err != nil {
			return Chart{}, err
		}
		tr := Row{Key: row.Key, Label: row.Label}
		for gi, g := range groups {
			v := Value{Status: StatusSuppressed}
			switch {
			case counts[gi].Secondary:
				v.Status = StatusHidden
			case counts[gi].Suppressed:
			case g.Yes[r] < t || g.N-g.Yes[r] < t:
			default:
				v = Value{Number: math.Round(100 * float64(g.Yes[r]) / float64(g.N)), Status: StatusOK}
			}
			anyHidden = anyHidden || v.Status != StatusOK
			tr.Values = append(tr.Values, v)
			tr.Cells = append(tr.Cells, shareText(p, v, t))
		}
		shares[r] = tr.Values
		c.Table.Rows = append(c.Table.Rows, tr)
	}
	nrow := Row{Key: "respondents", Label: in.CountLabel}
	for _, cell := range counts {
		nrow.Values = append(nrow.Values, cellValue(cell))
		nrow.Cells = append(nrow.Cells, cell.Format(p, t))
	}
	c.Table.Total = &nrow
	if anyHidden {
		c.Note = suppressedText(p, t)
	}
	c.Options, err = shareOptions(p, c, in.Rows, groups, shares, t)
	if err != nil {
		return Chart{}, err
	}
	return c, nil
}

// shareText is a share as the table shows it.
func shareText(p Printer, v Value, threshold int) string {
	switch v.Status {
	case StatusOK:
		return p.Percent(v.Number, 0)
	case StatusHidden:
		return p.T("charts.hidden")
	}
	return suppressedText(p, threshold)
}

// shareOptions draws one bar series per column that has a published share;
// hidden shares have no bar. The table beside the chart has every value,
// so the series (told apart by colour and legend order) need no markers.
func shareOptions(p Printer, c Chart, rows []ShareRow, groups []ShareGroup, shares [][]Value, threshold int) ([]byte, error) {
	labels := make([]string, len(rows))
	for i, r := range rows {
		labels[i] = r.Label
	}
	bar := echarts.NewBar()
	bar.SetGlobalOptions(sharedOptions(p, c)...)
	bar.SetGlobalOptions(
		echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "45"}),
		echarts.WithGridOpts(opts.Grid{Top: "90", Bottom: "40", Left: "20", Right: "40", ContainLabel: opts.Bool(true)}),
		echarts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100, AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}),
		echarts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Width: 160, Overflow: "break"}}),
	)
	bar.XYReversal()
	bar.SetXAxis(labels)
	n := 0
	for gi, g := range groups {
		data := make([]any, len(rows))
		shown := false
		for r := range rows {
			if v := shares[r][gi]; v.Status == StatusOK {
				data[r] = opts.BarData{Value: v.Number}
				shown = true
			}
		}
		if !shown {
			continue
		}
		bar.AddSeries(g.Label, nil,
			echarts.WithItemStyleOpts(opts.ItemStyle{Color: palette[n%len(palette)]}),
			echarts.WithSeriesOpts(func(s *echarts.SingleSeries) { s.Data = data }))
		n++
	}
	bar.Validate()
	obj := bar.JSON()
	obj["tooltip"] = tooltip("shadow")
	// Wrapped measure names need a numeric lineHeight, which go-echarts
	// types as a string (as in countOptions).
	if axes, ok := obj["yAxis"].([]opts.YAxis); ok && len(axes) == 1 {
		axis, err := toMap(axes[0])
		if err != nil {
			return nil, err
		}
		if label, ok := axis["axisLabel"].(map[string]any); ok {
			label["lineHeight"] = 15
		}
		obj["yAxis"] = []any{axis}
	}
	// Bars of several columns are told apart by pattern as well as colour.
	if aria, ok := obj["aria"]; ok {
		m, err := toMap(aria)
		if err != nil {
			return nil, err
		}
		m["decal"] = map[string]any{"show": true}
		obj["aria"] = m
	}
	return finishOptions(obj, formatHint{Lang: p.Lang(), Unit: UnitPercent, Decimals: 0, Missing: suppressedText(p, threshold)})
}
