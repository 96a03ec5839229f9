package charts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Breakdown says what the rows of a count chart are; each has a title, a
// column heading and a sentence in the catalogues (charts.reports.<breakdown>.*).
type Breakdown string

// Breakdowns of the reports made through the portal.
const (
	ByType    Breakdown = "type"    // reports per incident type
	ByMonth   Breakdown = "month"   // reports per month
	ByVictim  Breakdown = "victim"  // reports per kind of victim
	ByChannel Breakdown = "channel" // reports per channel through which the incident came
	ByLoss    Breakdown = "loss"    // reports per band of financial loss
	ByPolice  Breakdown = "police"  // reports per answer to "did you go to the police?"
)

// breakdowns lists the known breakdowns.
var breakdowns = []Breakdown{ByType, ByMonth, ByVictim, ByChannel, ByLoss, ByPolice}

// CountRow is one bar of a count chart, in the order the caller wants them.
type CountRow struct {
	Key    string     // stable code, e.g. "phishing"; ignored for ByMonth, where it is "2026-03"
	Label  string     // translated label; ignored for ByMonth, where it comes from Year and Month
	Phrase string     // Label as it reads inside a sentence, e.g. "phishing" for "Phishing"; Label when empty
	Year   int        // ByMonth only
	Month  time.Month // ByMonth only
	Count  int
	Other  bool // a catch-all such as "Other": drawn and counted, but never named as the largest in the summary
}

// Counts is the input of a count bar chart.
type Counts struct {
	ID        string // optional; "reports-by-" + Breakdown when empty
	Breakdown Breakdown
	Rows      []CountRow
	Threshold int // smallest count shown; DefaultThreshold when 0 or below
	// Total is the total to publish when it is not the sum of the rows:
	// with the cell-key method it is perturbed as a cell of its own.
	Total *int
}

// countLabels are the texts of one row: on the axis, in the table, in a sentence.
type countLabels struct {
	key, axis, table, phrase string
	other                    bool
}

// NewCountChart builds the bar chart, table and summary of report counts in
// p's language. It applies Suppress first: a hidden count is drawn as an open
// marker labelled "<10" (or "hidden" for a secondary suppression) with no bar
// (null in the options), says the same in the table, has no raw value in the
// downloads and is never named in the summary.
func NewCountChart(p Printer, in Counts) (Chart, error) {
	if !slices.Contains(breakdowns, in.Breakdown) {
		return Chart{}, fmt.Errorf("charts: unknown breakdown %q", in.Breakdown)
	}
	id := in.ID
	if id == "" {
		id = "reports-by-" + string(in.Breakdown)
	}
	if err := checkKey("chart ID", id); err != nil {
		return Chart{}, err
	}
	labels, err := countRowLabels(p, in)
	if err != nil {
		return Chart{}, err
	}
	counts := make([]int, len(in.Rows))
	for i, r := range in.Rows {
		counts[i] = r.Count
	}
	threshold := normalThreshold(in.Threshold)
	sum := 0
	for _, n := range counts {
		sum += n
	}
	if in.Total != nil {
		sum = *in.Total
	}
	cells, total, err := SuppressWithTotal(counts, sum, threshold)
	if err != nil {
		return Chart{}, err
	}

	c := Chart{
		ID:     id,
		Title:  p.T("charts.reports." + string(in.Breakdown) + ".title"),
		Source: p.T("charts.source.reports"),
		Unit:   UnitCount,
	}
	c.Table = countTable(p, in.Breakdown, labels, cells, total, threshold)
	c.Summary = countSummary(p, in.Breakdown, labels, cells, total, threshold)
	if total.Suppressed || slices.ContainsFunc(cells, func(c Cell) bool { return c.Suppressed }) {
		c.Note = p.T("charts.reports.note", p.Int(threshold), suppressedText(p, threshold), p.T("charts.hidden"))
	}
	c.Options, err = countOptions(p, c, in.Breakdown, labels, cells, threshold)
	if err != nil {
		return Chart{}, err
	}
	return c, nil
}

// countRowLabels checks the rows and gives their keys and texts.
func countRowLabels(p Printer, in Counts) ([]countLabels, error) {
	labels := make([]countLabels, len(in.Rows))
	seen := map[string]bool{}
	for i, r := range in.Rows {
		var l countLabels
		if in.Breakdown == ByMonth {
			if r.Month < time.January || r.Month > time.December || r.Year < 1 || r.Year > 9999 {
				return nil, fmt.Errorf("charts: row %d has no valid month (%d-%d)", i, r.Year, r.Month)
			}
			full := p.MonthYear(r.Year, r.Month)
			l = countLabels{
				key:    fmt.Sprintf("%04d-%02d", r.Year, int(r.Month)),
				axis:   fmt.Sprintf("%s %d", p.MonthShort(r.Month), r.Year),
				table:  full,
				phrase: full,
			}
		} else {
			if err := checkKey("row key", r.Key); err != nil {
				return nil, err
			}
			if strings.TrimSpace(r.Label) == "" {
				return nil, fmt.Errorf("charts: row %q has no label", r.Key)
			}
			l = countLabels{key: r.Key, axis: r.Label, table: r.Label, phrase: r.Phrase, other: r.Other}
			if l.phrase == "" {
				l.phrase = r.Label
			}
		}
		if seen[l.key] {
			return nil, fmt.Errorf("charts: row %q appears twice", l.key)
		}
		seen[l.key] = true
		labels[i] = l
	}
	return labels, nil
}

// countTable lays the published cells out as a table with a total row.
func countTable(p Printer, b Breakdown, labels []countLabels, cells []Cell, total Cell, threshold int) Table {
	t := Table{
		RowHead: Column{Key: string(b), Heading: p.T("charts.reports." + string(b) + ".heading")},
		Columns: []Column{{Key: "reports", Heading: p.T("charts.reports.axis.count")}},
	}
	row := func(key, label string, c Cell) Row {
		return Row{
			Key:    key,
			Label:  label,
			Cells:  []string{c.Format(p, threshold)},
			Values: []Value{cellValue(c)},
		}
	}
	for i, c := range cells {
		t.Rows = append(t.Rows, row(labels[i].key, labels[i].table, c))
	}
	tr := row("total", p.T("charts.reports.total"), total)
	t.Total = &tr
	return t
}

// cellValue gives the raw value of a published cell.
func cellValue(c Cell) Value {
	switch {
	case c.Secondary:
		return Value{Status: StatusHidden}
	case c.Suppressed:
		return Value{Status: StatusSuppressed}
	}
	return Value{Number: float64(c.Value), Status: StatusOK}
}

// countSummary names the total and the largest shown category. It only ever
// reads published cells, so a hidden number cannot reach the sentence.
func countSummary(p Printer, b Breakdown, labels []countLabels, cells []Cell, total Cell, threshold int) string {
	switch {
	case total.Secondary:
		return p.T("charts.reports.summary.total.hidden")
	case total.Suppressed:
		return p.T("charts.reports.summary.total.other", suppressedText(p, threshold))
	}
	// A shown total is at least the threshold, which is at least 2: no singular.
	sentences := []string{p.T("charts.reports.summary.total.other", p.Int(total.Value))}

	// The largest shown row; a hidden one is never larger (a secondary
	// suppression takes the smallest shown cell), and a catch-all is skipped.
	largest, shown := -1, false
	for i, c := range cells {
		if !c.Suppressed {
			shown = true
			if !labels[i].other {
				largest = max(largest, c.Value)
			}
		}
	}
	var top []string
	for i, c := range cells {
		if !c.Suppressed && !labels[i].other && c.Value == largest {
			top = append(top, labels[i].phrase)
		}
	}
	switch {
	case !shown:
		sentences = append(sentences, p.T("charts.reports.summary.all_suppressed"))
	case len(top) == 0:
		// Only catch-all rows are shown: nothing worth naming.
	case len(top) == 1:
		sentences = append(sentences, p.T("charts.reports."+string(b)+".largest", top[0], p.Int(largest)))
	default:
		sentences = append(sentences, p.T("charts.reports.summary.tie", joinList(p, top), p.Int(largest)))
	}
	return strings.Join(sentences, " ")
}

// joinList joins items as "a, b and c" in p's language.
func joinList(p Printer, items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return p.T("charts.list.and", strings.Join(items[:len(items)-1], ", "), items[len(items)-1])
}

// barItem is one shown bar: its count, and its label as the page's language
// writes it.
type barItem struct {
	Value int         `json:"value"`
	Label *opts.Label `json:"label,omitempty"`
}

// countOptions builds the ECharts options of the bar chart: horizontal bars
// for categories (long labels stay readable), vertical bars for months.
func countOptions(p Printer, c Chart, b Breakdown, labels []countLabels, cells []Cell, threshold int) ([]byte, error) {
	horizontal := b != ByMonth
	axisLabels := make([]string, len(labels))
	for i, l := range labels {
		axisLabels[i] = l.axis
	}
	heading := p.T("charts.reports." + string(b) + ".heading")
	countName := p.T("charts.reports.axis.count")
	below, secondary := suppressedText(p, threshold), p.T("charts.hidden")
	hiddenText := make([]string, len(cells)) // what each null value stands for, for the tooltip
	color := palette[0]

	categoryLabel := &opts.AxisLabel{Show: opts.Bool(true)}
	// On a narrow screen the numbers of the value axis would run into each
	// other: ECharts leaves out the ones that do not fit.
	valueLabel := &opts.AxisLabel{HideOverlap: opts.Bool(true)}
	valueAxisX := opts.XAxis{Type: "value", Name: countName, MinInterval: 1, NameLocation: "middle", NameGap: 30, AxisLabel: valueLabel}
	categoryAxisX := opts.XAxis{Type: "category", Name: heading, NameLocation: "middle", NameGap: 30, AxisLabel: categoryLabel}
	valueAxisY := opts.YAxis{Type: "value", Name: countName, MinInterval: 1, AxisLabel: valueLabel}
	// Inverse keeps the caller's order from the top down; the axis name then
	// goes on top ("start"), clear of the value axis.
	categoryAxisY := opts.YAxis{Type: "category", Name: heading, NameLocation: "start", Inverse: opts.Bool(true), AxisLabel: categoryLabel}
	labelPosition := "top"
	if horizontal {
		// Long category names wrap instead of running into the chart.
		categoryLabel.Width = 160
		categoryLabel.Overflow = "break"
		labelPosition = "right"
	}

	bar := echarts.NewBar()
	bar.SetGlobalOptions(sharedOptions(p, c)...)
	bar.SetGlobalOptions(
		echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		echarts.WithGridOpts(opts.Grid{Top: "80", Bottom: "60", Left: "20", Right: "60"}),
	)
	if horizontal {
		bar.SetGlobalOptions(echarts.WithXAxisOpts(valueAxisX), echarts.WithYAxisOpts(categoryAxisY))
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(echarts.WithXAxisOpts(categoryAxisX), echarts.WithYAxisOpts(valueAxisY))
	}
	bar.SetXAxis(axisLabels)

	data := make([]any, len(cells)) // a hidden count stays nil: no bar at all
	var markers []any
	for i, cell := range cells {
		if !cell.Suppressed {
			data[i] = barItem{Value: cell.Value, Label: &opts.Label{Formatter: p.Int(cell.Value)}}
			continue
		}
		// An open, dashed marker at the base of the axis says "<10" without a
		// height that would hint at the hidden number.
		hidden := below
		if cell.Secondary {
			hidden = secondary
		}
		hiddenText[i] = hidden
		coord, offset := []int{i, 0}, []int{0, -6}
		if horizontal {
			coord, offset = []int{0, i}, []int{8, 0}
		}
		markers = append(markers, map[string]any{
			"name":         labels[i].axis,
			"value":        hidden,
			"coord":        coord,
			"symbol":       "rect",
			"symbolSize":   []int{16, 12},
			"symbolOffset": offset,
			"itemStyle": map[string]any{
				"color":       "#ffffff",
				"borderColor": color,
				"borderWidth": 1.5,
				"borderType":  "dashed",
			},
			"label": map[string]any{
				"show":      true,
				"position":  labelPosition,
				"formatter": hidden,
				"color":     "#333333",
			},
		})
	}
	bar.AddSeries(countName, nil,
		echarts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
		echarts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: labelPosition}),
		// Many bars on a narrow screen: labels that would overlap are left
		// out (the tooltip and the table have every number).
		echarts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
		echarts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}),
		echarts.WithSeriesOpts(func(s *echarts.SingleSeries) {
			s.Data = data
			if len(markers) > 0 {
				s.MarkPoints = &opts.MarkPoints{Data: markers}
			}
		}),
	)
	bar.Validate()

	obj := bar.JSON()
	obj["tooltip"] = tooltip("shadow")
	if horizontal {
		// go-echarts types axisLabel.lineHeight as a string, which ECharts
		// misreads; wrapped category names need it as a number.
		axes, ok := obj["yAxis"].([]opts.YAxis)
		if !ok || len(axes) != 1 {
			return nil, fmt.Errorf("charts: unexpected y axes %T", obj["yAxis"])
		}
		axis, err := toMap(axes[0])
		if err != nil {
			return nil, err
		}
		label, _ := axis["axisLabel"].(map[string]any)
		if label == nil {
			label = map[string]any{}
		}
		label["lineHeight"] = 15
		axis["axisLabel"] = label
		obj["yAxis"] = []any{axis}
	}
	return finishOptions(obj, formatHint{
		Lang:     p.Lang(),
		Unit:     UnitCount,
		Decimals: 0,
		Missing:  below,
		Hidden:   hiddenText,
	})
}
