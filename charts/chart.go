// Package charts turns numbers into chart options, data tables and sentences
// for the portal's trend pages. It never touches the database or HTTP: callers
// hand in numbers and a Printer for the page's language, and get back a Chart
// that the templates (chart, table, summary) and the CSV/JSON downloads share.
//
// Chart options are built with go-echarts and marshalled here with
// encoding/json, never rendered with go-echarts' HTML renderer: the page puts
// them in a <script type="application/json"> block and the bundle in
// Static (static/charts.js, built from assets/) draws them from our own
// origin, so a strict "script-src 'self'" policy holds.
package charts

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Units of a chart's numbers.
const (
	UnitPercent = "percent" // values are percentages, e.g. 13.8 for 13.8%
	UnitCount   = "count"   // values are counts of reports
)

// Chart is one chart with everything a page and a download need: the ECharts
// options, the same numbers as a table, and a summary in words.
type Chart struct {
	ID      string // stable, URL-safe, e.g. "monitor-cybercrime", "reports-by-type"
	Title   string // translated
	Summary string // one or two sentences in words, generated from the data in the page's language
	Source  string // e.g. "Veiligheidsmonitor" / "Meldingen via dit portaal"
	Unit    string // UnitPercent or UnitCount
	Note    string // explains "<10" when a count chart hides numbers; empty otherwise
	Table   Table  // the same numbers as the chart
	Options []byte // ECharts option JSON, HTML-escaped so it is safe inside <script type="application/json">
}

// OptionsJS gives Options for a <script type="application/json"> block in an
// html/template, which treats that element as JavaScript and would otherwise
// quote the value as a string:
//
//	<div data-chart="{{.ID}}"></div>
//	<script type="application/json" id="{{.ID}}-options">{{.OptionsJS}}</script>
//
// It is safe because Options comes from json.Marshal, which escapes <, > and
// & (and U+2028, U+2029), so text from the data cannot close the element.
func (c Chart) OptionsJS() template.JS {
	return template.JS(c.Options) // json.Marshal output with HTML escaping, see above
}

// Table holds the numbers of a chart as display strings and raw values.
type Table struct {
	RowHead Column   // heads the first column, which holds the row labels (years, categories, months)
	Columns []Column // what the page shows after RowHead: per area its value (and interval), or the number of reports
	Rows    []Row
	Total   *Row // the total of a count table; nil for the safety monitor
}

// Column names a table column for people (Heading) and for downloads (Key).
type Column struct {
	Key     string // stable and the same in every language, e.g. "year", "maastricht", "reports"
	Heading string // translated
}

// Row is one table row.
type Row struct {
	Key    string   // stable code or period, the same in every language: "2019", "phishing", "2026-03", "total"
	Label  string   // translated row label, the table's first column
	Cells  []string // display strings, one per column: "13,8%", "16,7–17,2%", "1.234", "<10", "niet gemeten"
	Values []Value  // the raw values, one per series (area, or reports), for downloads
}

// Status tells whether a Value holds a number.
type Status string

// Statuses of a Value.
const (
	StatusOK           Status = "ok"            // Number holds the value
	StatusNotMeasured  Status = "not_measured"  // the survey did not measure this year
	StatusNotAvailable Status = "not_available" // measured, but no figure for this area is published (yet)
	StatusSuppressed   Status = "suppressed"    // below the threshold, shown as "<10"; Number is 0
	StatusHidden       Status = "hidden"        // hidden so that a suppressed count cannot be worked out; Number is 0
)

// Value is one raw number behind a table cell, for CSV and JSON downloads.
// Number is 0 unless Status is StatusOK, so a hidden count never travels.
type Value struct {
	Number float64
	Status Status
	// The safety monitor's 95% interval where one is published (nil
	// otherwise), and the method (series) the number belongs to.
	Lower, Upper *float64
	Method       string
}

// Raw gives the value for a CSV file: the number with a full stop as decimal
// separator and no grouping, or "" when there is no number.
func (v Value) Raw() string {
	if v.Status != StatusOK {
		return ""
	}
	return strconv.FormatFloat(v.Number, 'f', -1, 64)
}

// MarshalJSON writes {"value": 13.8, "status": "ok"}, with a null value when
// there is no number.
func (v Value) MarshalJSON() ([]byte, error) {
	var out struct {
		Value  *float64 `json:"value"`
		Status Status   `json:"status"`
	}
	out.Status = v.Status
	if v.Status == StatusOK {
		n := v.Number
		out.Value = &n
	}
	return json.Marshal(out)
}

// palette holds the series colours, in order. Each has a contrast of at least
// 3:1 against white (WCAG 1.4.11 for graphics); series are also told apart by
// symbol and line type, never by colour alone. Based on the Okabe–Ito
// colour-blind-safe palette, darkened where needed:
//
//	#0072B2 blue          5.2:1
//	#D55E00 vermilion     3.9:1
//	#007A5A bluish green  5.3:1
//	#8E3F8F purple        6.5:1
//	#5F5F5F grey          6.4:1
var palette = []string{"#0072B2", "#D55E00", "#007A5A", "#8E3F8F", "#5F5F5F"}

// seriesSymbols and lineTypes tell line series apart without colour; they
// cycle together with palette.
var (
	seriesSymbols = []string{"circle", "rect", "triangle", "diamond", "roundRect"}
	lineTypes     = []string{"solid", "dashed", "dotted", "solid", "dashed"}
)

// idPattern is what IDs and keys may look like: URL-safe, usable in an HTML id.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// checkKey reports an error when s is not a valid ID or key.
func checkKey(what, s string) error {
	if !idPattern.MatchString(s) {
		return fmt.Errorf("charts: %s %q must be lower-case letters, digits, '-' or '_' (at most 64)", what, s)
	}
	return nil
}

// formatHint is read, and removed, by static/charts.js before it hands the
// options to ECharts: ECharts cannot format numbers per language from JSON
// alone, so the script builds Intl.NumberFormat formatters for the value axis
// and the tooltip from it. Everything text-like that Go can format (data
// labels, table, summary) is formatted here with the Printer.
type formatHint struct {
	Lang     string   `json:"lang"`
	Unit     string   `json:"unit"`
	Decimals int      `json:"decimals"`
	Missing  string   `json:"missing"`          // shown in the tooltip for a null value
	Hidden   []string `json:"hidden,omitempty"` // per data index: what a null value stands for ("<10", "hidden")
}

// formatHintKey is the top-level option key that carries the formatHint.
const formatHintKey = "_format"

// finishOptions sets what every chart shares and marshals the options.
func finishOptions(obj map[string]any, hint formatHint) ([]byte, error) {
	// No toolbox: its features (save as image, data view) are not needed next
	// to the table and downloads, and it is not in our bundle.
	delete(obj, "toolbox")
	// Animation off for everyone, which also respects reduced motion.
	obj["animation"] = false
	obj[formatHintKey] = hint
	// json.Marshal escapes <, > and & as \u003c, \u003e and \u0026, so labels
	// from data cannot close the <script> element the options live in.
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("charts: marshal options: %w", err)
	}
	return b, nil
}

// tooltip is the tooltip of every chart. renderMode "richText" draws it
// inside the chart instead of as HTML, so no text from data ever reaches
// innerHTML.
func tooltip(pointer string) map[string]any {
	return map[string]any{
		"show":        true,
		"trigger":     "axis",
		"renderMode":  "richText",
		"confine":     true,
		"axisPointer": map[string]any{"type": pointer},
	}
}

// toMap turns an option component into a map, to set what go-echarts has no
// field (or a wrongly typed one) for.
func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("charts: marshal option: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("charts: unmarshal option: %w", err)
	}
	return m, nil
}

// finite reports whether v is a usable number.
func finite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}

// sharedOptions are what every chart has: its title with the source under
// it, the palette, and a description for screen readers.
func sharedOptions(p Printer, c Chart) []echarts.GlobalOpts {
	return []echarts.GlobalOpts{
		echarts.WithTitleOpts(opts.Title{Title: c.Title, Subtitle: p.T("charts.source.label", c.Source), Left: "0"}),
		echarts.WithColorsOpts(opts.Colors(palette)),
		echarts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: p.T("charts.aria.description", c.Title, c.Summary)},
		}),
	}
}
