package charts

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Safety-monitor (Veiligheidsmonitor) indicators that have a title and a
// sentence in the catalogues (charts.monitor.<indicator>.*). All are the
// percentage of residents aged 15 or over who were a victim in the past year.
const (
	IndicatorCybercrime       = "cybercrime"        // victim of any form of cybercrime
	IndicatorHacking          = "hacking"           // victim of hacking
	IndicatorPurchaseFraud    = "purchase_fraud"    // victim of online buying or selling fraud
	IndicatorIdentityFraud    = "identity_fraud"    // victim of identity fraud
	IndicatorOnlineHarassment = "online_harassment" // victim of online bullying or harassment
)

// indicators lists the known indicator codes.
var indicators = []string{
	IndicatorCybercrime, IndicatorHacking, IndicatorPurchaseFraud,
	IndicatorIdentityFraud, IndicatorOnlineHarassment,
}

// Indicators gives the known indicator codes, for checking imported series.
func Indicators() []string { return slices.Clone(indicators) }

// Methods (series) of the safety monitor. CBS redesigned the monitor in
// 2021 and says that its figures from then on cannot be compared with
// 2012-2019: points of two methods are never joined by a line, and no
// sentence compares across them. Labels are charts.monitor.method.<code>.
const (
	MethodVM2012 = "vm2012" // 2012-2019
	MethodVM2021 = "vm2021" // from 2021 on
)

// methods lists the known methods, oldest first. "" is a point of no named
// method (one series of its own).
var methods = []string{"", MethodVM2012, MethodVM2021}

// monitorDecimals is how the safety monitor publishes its percentages.
const monitorDecimals = 1

// maxYears bounds the x axis, so a typo in a year cannot build a huge chart.
const maxYears = 100

// Point is one year of a safety-monitor indicator for one area.
type Point struct {
	Year   int
	Value  float64 // in percent: 13.8 means 13.8%
	OK     bool    // false when the indicator was not measured that year
	Method string  // MethodVM2012, MethodVM2021, or "" for none
	// The 95% interval, when Interval is set: Lower <= Value <= Upper.
	Lower, Upper float64
	Interval     bool
}

// Series is one area's line on a safety-monitor chart.
type Series struct {
	Key    string // stable, e.g. "maastricht"; the column key in downloads
	Name   string // the area as shown, e.g. "Maastricht", "Nederland"
	Points []Point
}

// Monitor is the input of a safety-monitor line chart.
type Monitor struct {
	ID        string   // optional; "monitor-" + Indicator (with '-' for '_') when empty
	Indicator string   // one of the Indicator constants
	Series    []Series // the first is the area the summary is about (the municipality); the others are compared with it
}

// NewMonitorChart builds the line chart, table and summary of a
// safety-monitor indicator in p's language. The x axis holds every year from
// the first to the last; a year that was not measured has no point (null in
// the options, never 0; the line of a method runs on to its next measured
// year) and is "not measured" in the table; a year
// measured for another area but not this one is "not available". Each
// method is a line of its own; where a point has a 95% interval, the line
// has a band and the table an interval column.
func NewMonitorChart(p Printer, m Monitor) (Chart, error) {
	if !slices.Contains(indicators, m.Indicator) {
		return Chart{}, fmt.Errorf("charts: unknown safety-monitor indicator %q", m.Indicator)
	}
	id := m.ID
	if id == "" {
		id = "monitor-" + strings.ReplaceAll(m.Indicator, "_", "-")
	}
	if err := checkKey("chart ID", id); err != nil {
		return Chart{}, err
	}
	g, err := monitorGrid(m.Series)
	if err != nil {
		return Chart{}, err
	}

	c := Chart{
		ID:     id,
		Title:  p.T("charts.monitor." + m.Indicator + ".title"),
		Source: p.T("charts.source.monitor"),
		Unit:   UnitPercent,
	}
	if g.breakYear != 0 {
		c.Note = p.T("charts.monitor.break", strconv.Itoa(g.breakYear+1))
	}
	c.Table = monitorTable(p, m.Series, g)
	c.Summary = monitorSummary(p, m.Indicator, m.Series, g)
	c.Options, err = monitorOptions(p, c, m.Series, g)
	if err != nil {
		return Chart{}, err
	}
	return c, nil
}

// grid lays the series on one axis of consecutive years.
type grid struct {
	years     []int
	cells     [][]*Point // cells[s][y]: series s in years[y], or nil when not measured
	measured  []bool     // measured[y]: some series has a figure in years[y]
	methods   []string   // the methods the chart holds, oldest first
	breakYear int        // the year the line breaks at (the year before the newer method's first), or 0
	lastYear  int        // the last year with a figure
}

// monitorGrid checks the series and lays them on one axis of consecutive
// years.
func monitorGrid(series []Series) (grid, error) {
	var g grid
	if len(series) == 0 {
		return g, errors.New("charts: a safety-monitor chart needs at least one series")
	}
	first, last := math.MaxInt, math.MinInt
	keys := map[string]bool{}
	used := map[string]bool{}
	for _, s := range series {
		if err := checkKey("series key", s.Key); err != nil {
			return g, err
		}
		if keys[s.Key] {
			return g, fmt.Errorf("charts: series key %q used twice", s.Key)
		}
		keys[s.Key] = true
		if strings.TrimSpace(s.Name) == "" {
			return g, fmt.Errorf("charts: series %q has no name", s.Key)
		}
		seen := map[int]bool{}
		for _, pt := range s.Points {
			if seen[pt.Year] {
				return g, fmt.Errorf("charts: series %q has year %d twice", s.Key, pt.Year)
			}
			seen[pt.Year] = true
			if !pt.OK {
				first, last = min(first, pt.Year), max(last, pt.Year)
				continue
			}
			if !finite(pt.Value) {
				return g, fmt.Errorf("charts: series %q has no finite value for %d", s.Key, pt.Year)
			}
			if !slices.Contains(methods, pt.Method) {
				return g, fmt.Errorf("charts: series %q has unknown method %q in %d", s.Key, pt.Method, pt.Year)
			}
			if pt.Interval && !(finite(pt.Lower) && finite(pt.Upper) && pt.Lower <= pt.Value && pt.Value <= pt.Upper) {
				return g, fmt.Errorf("charts: series %q has an interval in %d that does not hold its value", s.Key, pt.Year)
			}
			used[pt.Method] = true
			first, last = min(first, pt.Year), max(last, pt.Year)
		}
	}
	if first > last {
		return g, errors.New("charts: a safety-monitor chart needs at least one year")
	}
	if first < 1 || last-first >= maxYears {
		return g, fmt.Errorf("charts: years %d to %d are out of range", first, last)
	}

	for y := first; y <= last; y++ {
		g.years = append(g.years, y)
	}
	g.measured = make([]bool, len(g.years))
	g.cells = make([][]*Point, len(series))
	firstOf := map[string]int{}
	for i, s := range series {
		g.cells[i] = make([]*Point, len(g.years))
		for _, pt := range s.Points {
			if pt.OK {
				pt := pt
				g.cells[i][pt.Year-first] = &pt
				g.measured[pt.Year-first] = true
				g.lastYear = max(g.lastYear, pt.Year)
				if f, ok := firstOf[pt.Method]; !ok || pt.Year < f {
					firstOf[pt.Method] = pt.Year
				}
			}
		}
	}
	for _, m := range methods {
		if used[m] {
			g.methods = append(g.methods, m)
		}
	}
	if len(g.methods) > 1 {
		g.breakYear = firstOf[g.methods[len(g.methods)-1]] - 1
	}
	return g, nil
}

// monitorTable lays the grid out as a table: a row per year; a column for
// the method, then per area its value and, where the area has any, its 95%
// interval. Columns and Cells are what the page shows; Values hold one
// value per area, with its interval and method, for the downloads.
func monitorTable(p Printer, series []Series, g grid) Table {
	t := Table{RowHead: Column{Key: "year", Heading: p.T("charts.monitor.axis.year")}}
	hasInterval := make([]bool, len(series))
	for s := range series {
		for _, c := range g.cells[s] {
			hasInterval[s] = hasInterval[s] || (c != nil && c.Interval)
		}
	}
	if len(g.methods) > 1 {
		t.Columns = append(t.Columns, Column{Key: "method", Heading: p.T("charts.monitor.method")})
	}
	for s, se := range series {
		t.Columns = append(t.Columns, Column{Key: se.Key, Heading: se.Name})
		if hasInterval[s] {
			t.Columns = append(t.Columns, Column{Key: se.Key + "-interval", Heading: p.T("charts.monitor.interval.heading", se.Name, p.Percent(95, 0))})
		}
	}
	notMeasured, notAvailable := p.T("charts.not_measured"), p.T("charts.not_available")
	for y, year := range g.years {
		r := Row{Key: strconv.Itoa(year), Label: strconv.Itoa(year)}
		if len(g.methods) > 1 {
			var labels []string
			for s := range series {
				if c := g.cells[s][y]; c != nil && !slices.Contains(labels, methodLabel(p, c.Method)) {
					labels = append(labels, methodLabel(p, c.Method))
				}
			}
			r.Cells = append(r.Cells, strings.Join(labels, " / "))
		}
		for s := range series {
			c := g.cells[s][y]
			switch {
			case c != nil:
				v := Value{Number: c.Value, Status: StatusOK, Method: c.Method}
				r.Cells = append(r.Cells, monitorPercent(p, c.Value))
				interval := ""
				if c.Interval {
					lo, up := c.Lower, c.Upper
					v.Lower, v.Upper = &lo, &up
					interval = formatInterval(p, c.Lower, c.Upper)
				} else if hasInterval[s] {
					interval = p.T("charts.monitor.interval.none")
				}
				if hasInterval[s] {
					r.Cells = append(r.Cells, interval)
				}
				r.Values = append(r.Values, v)
			case g.measured[y]:
				r.Cells = append(r.Cells, notAvailable)
				if hasInterval[s] {
					r.Cells = append(r.Cells, "")
				}
				r.Values = append(r.Values, Value{Status: StatusNotAvailable})
			default:
				r.Cells = append(r.Cells, notMeasured)
				if hasInterval[s] {
					r.Cells = append(r.Cells, "")
				}
				r.Values = append(r.Values, Value{Status: StatusNotMeasured})
			}
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// monitorPlaces is how many decimals a safety-monitor figure is written with. A whole
// number is written without decimals, as its source prints it ("11%" for
// a source that rounds to whole percent, never "11.0%"), so no figure looks
// more precise than published.
func monitorPlaces(v float64) int {
	if v == math.Trunc(v) {
		return 0
	}
	return monitorDecimals
}

// monitorPercent writes a safety-monitor percentage: nl "13,8%", "11%".
func monitorPercent(p Printer, v float64) string { return p.Percent(v, monitorPlaces(v)) }

// monitorNumber writes a safety-monitor number without the % sign.
func monitorNumber(p Printer, v float64) string { return p.Number(v, monitorPlaces(v)) }

// methodLabel names a method in p's language, short ("2012–2019", "from
// 2021"), for the table's series column and the legend; "" has no name.
func methodLabel(p Printer, method string) string {
	if method == "" {
		return ""
	}
	return p.T("charts.monitor.method_short." + method)
}

// formatInterval writes an interval as nl "16,7–17,2%".
func formatInterval(p Printer, lower, upper float64) string {
	return monitorNumber(p, lower) + "–" + monitorPercent(p, upper)
}

// measuredPoints gives a series' measured points, oldest first.
func measuredPoints(s Series) []Point {
	var pts []Point
	for _, pt := range s.Points {
		if pt.OK {
			pts = append(pts, pt)
		}
	}
	slices.SortFunc(pts, func(a, b Point) int { return a.Year - b.Year })
	return pts
}

// Verdicts of a change between two years of one method.
const (
	changeUp      = "up"
	changeDown    = "down"
	changeSame    = "same"  // the same as published
	changeAbout   = "about" // the 95% intervals overlap: within the uncertainty
	clauseBeyond  = "charts.monitor.uncertainty.beyond"
	clauseUnknown = "charts.monitor.uncertainty.unknown"
	clauseOverlap = "charts.monitor.uncertainty.overlap"
)

// compareYears says how last differs from prev, both of one method, and
// what can be said about the uncertainty: with both intervals published, a
// change whose intervals overlap is "about the same"; without them, the
// sentence says that it is not known.
func compareYears(prev, last Point) (verdict, clause string) {
	// Compare what the reader sees: 12.43 and 12.38 both read 12.4%.
	switch now, before := rounded(last.Value), rounded(prev.Value); {
	case now > before:
		verdict = changeUp
	case now < before:
		verdict = changeDown
	default:
		return changeSame, ""
	}
	if !prev.Interval || !last.Interval {
		return verdict, clauseUnknown
	}
	if last.Lower <= prev.Upper && prev.Lower <= last.Upper {
		return changeAbout, clauseOverlap
	}
	return verdict, clauseBeyond
}

// monitorSummary describes the first series: its last measured year compared
// with the measured year before it of the same method, then every other
// series the same way. No sentence compares across methods: a year that is
// the first of a new method says so instead. All message arguments are in
// one order for every variant: year, value, area, predicate, previous value,
// previous year (and for the comparisons: area, value, year, previous value,
// previous year).
func monitorSummary(p Printer, indicator string, series []Series, g grid) string {
	var sentences []string
	saidUnknown := false
	for i, s := range series {
		pts := measuredPoints(s)
		if len(pts) == 0 {
			if i == 0 {
				sentences = append(sentences, p.T("charts.monitor.summary.none", s.Name))
			}
			continue
		}
		last := pts[len(pts)-1]
		year, value := strconv.Itoa(last.Year), monitorPercent(p, last.Value)
		var prev *Point
		if len(pts) > 1 {
			prev = &pts[len(pts)-2]
		}
		switch {
		case prev != nil && prev.Method == last.Method:
			verdict, clause := compareYears(*prev, last)
			pv, py := monitorPercent(p, prev.Value), strconv.Itoa(prev.Year)
			if i == 0 {
				sentences = append(sentences, p.T("charts.monitor.summary."+verdict, year, value, s.Name,
					p.T("charts.monitor."+indicator+".predicate"), pv, py))
			} else {
				sentences = append(sentences, p.T("charts.monitor.summary.compare_"+verdict, s.Name, value, year, pv, py))
			}
			// That no interval is published is said once.
			if clause != "" && !(clause == clauseUnknown && saidUnknown) {
				sentences = append(sentences, p.T(clause, p.Percent(95, 0)))
				saidUnknown = saidUnknown || clause == clauseUnknown
			}
		default:
			if i == 0 {
				sentences = append(sentences, p.T("charts.monitor.summary.single", year, value, s.Name,
					p.T("charts.monitor."+indicator+".predicate")))
			} else {
				sentences = append(sentences, p.T("charts.monitor.summary.compare", s.Name, value, year))
			}
			if prev != nil {
				sentences = append(sentences, p.T("charts.monitor.summary.new_method", year, s.Name, strconv.Itoa(prev.Year)))
			}
		}
		if i == 0 && last.Year < g.lastYear {
			sentences = append(sentences, p.T("charts.monitor.summary.not_available", s.Name, year))
		}
	}
	return strings.Join(sentences, " ")
}

// rounded rounds a percentage to the published number of decimals.
func rounded(v float64) float64 {
	scale := math.Pow10(monitorDecimals)
	return math.Round(v*scale) / scale
}

// linePoint is one measured point: its value, and its label as the page's
// language writes it.
type linePoint struct {
	Value float64     `json:"value"`
	Label *opts.Label `json:"label,omitempty"`
}

// bandOpacity is the fill of a 95% interval band: light enough for the line
// and its labels to stay readable over it.
const bandOpacity = 0.25

// monitorOptions builds the ECharts options of the line chart: a line per
// area and method, never joined across methods, a band under each line
// where it has intervals, and a dashed vertical line at the method break.
func monitorOptions(p Printer, c Chart, series []Series, g grid) ([]byte, error) {
	labels := make([]string, len(g.years))
	for i, y := range g.years {
		labels[i] = strconv.Itoa(y)
	}

	line := echarts.NewLine()
	line.SetGlobalOptions(sharedOptions(p, c)...)
	line.SetGlobalOptions(
		echarts.WithGridOpts(opts.Grid{Top: "80", Bottom: "70", Left: "50", Right: "30"}),
		echarts.WithXAxisOpts(opts.XAxis{
			Type:         "category",
			Name:         p.T("charts.monitor.axis.year"),
			NameLocation: "middle",
			NameGap:      30,
		}),
		echarts.WithYAxisOpts(opts.YAxis{
			Type: "value",
			Name: p.T("charts.monitor.axis.percent"),
			// From zero, so a change of a few points does not look like a leap.
			Min: 0,
		}),
	)
	line.SetXAxis(labels)
	var names []string
	var bands []map[string]any
	for i, s := range series {
		color := palette[i%len(palette)]
		for _, method := range g.methods {
			data := make([]any, len(g.years)) // nil stays: null is a gap in the line
			lower := make([]any, len(g.years))
			width := make([]any, len(g.years))
			points, withInterval := 0, false
			for y, cell := range g.cells[i] {
				if cell == nil || cell.Method != method {
					continue
				}
				points++
				data[y] = linePoint{
					Value: cell.Value,
					Label: &opts.Label{Formatter: monitorPercent(p, cell.Value)},
				}
				if cell.Interval {
					withInterval = true
					lower[y], width[y] = cell.Lower, cell.Upper-cell.Lower
				}
			}
			if points == 0 {
				continue
			}
			name := s.Name
			if len(g.methods) > 1 && method != "" {
				name = p.T("charts.monitor.line", s.Name, methodLabel(p, method))
			}
			names = append(names, name)
			line.AddSeries(name, nil,
				echarts.WithLineChartOpts(opts.LineChart{
					Symbol:     seriesSymbols[i%len(seriesSymbols)],
					SymbolSize: 9,
					ShowSymbol: opts.Bool(true),
					// Within one method the line runs from one measured year
					// to the next (the survey is held every other year since
					// 2019); the year between has no point and is null, never
					// 0. Another method is another series, so this never
					// joins across the break.
					ConnectNulls: opts.Bool(true),
				}),
				echarts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2, Type: lineTypes[i%len(lineTypes)]}),
				echarts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
				// Values are written at the points of the first area only: labels
				// of several lines collide, and the tooltip and table have them all.
				echarts.WithLabelOpts(opts.Label{Show: opts.Bool(i == 0), Position: "top"}),
				echarts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
				echarts.WithSeriesOpts(func(ss *echarts.SingleSeries) { ss.Data = data }),
			)
			if withInterval {
				bridge(lower)
				bridge(width)
				stack := fmt.Sprintf("interval-%d-%s", i, method)
				bands = append(bands, bandSeries(stack, "", lower, color), bandSeries(stack, p.T("charts.monitor.interval.band", name, p.Percent(95, 0)), width, color))
			}
		}
	}
	line.SetGlobalOptions(echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(names) > 1), Bottom: "0", Data: names}))
	line.Validate()

	obj := line.JSON()
	if len(bands) > 0 || g.breakYear != 0 {
		all, err := seriesMaps(obj["series"])
		if err != nil {
			return nil, err
		}
		if g.breakYear != 0 && len(all) > 0 {
			all[0]["markLine"] = breakLine(p, g, labels)
		}
		obj["series"] = append(all, bands...)
	}
	obj["tooltip"] = tooltip("line")
	return finishOptions(obj, formatHint{
		Lang:     p.Lang(),
		Unit:     UnitPercent,
		Decimals: monitorDecimals,
		Missing:  p.T("charts.not_measured"),
	})
}

// bridge fills the nulls between two numbers of a band straight from one to
// the other, as the line runs from one measured year to the next: ECharts
// stacks a null as 0, which would pull the band down to the axis in a year
// without a survey. Nulls before the first and after the last number stay.
// The band is drawing only: tooltip and table show measured years alone.
func bridge(data []any) {
	prev := -1
	for i, v := range data {
		if v == nil {
			continue
		}
		if prev >= 0 && i-prev > 1 {
			a, b := data[prev].(float64), v.(float64)
			for j := prev + 1; j < i; j++ {
				data[j] = a + (b-a)*float64(j-prev)/float64(i-prev)
			}
		}
		prev = i
	}
}

// bandSeries is one half of a 95% interval band: ECharts draws a band as
// two stacked areas, the lower bound (name "", transparent) and the width
// on top of it (filled). Neither has a line, a symbol, a tooltip or a
// legend entry; the table gives the interval in numbers.
func bandSeries(stack, name string, data []any, color string) map[string]any {
	area := map[string]any{"color": color, "opacity": bandOpacity}
	if name == "" {
		area["opacity"] = 0
	}
	return map[string]any{
		"type":         "line",
		"name":         name,
		"stack":        stack,
		"data":         data,
		"symbol":       "none",
		"silent":       true,
		"z":            1,
		"connectNulls": true,
		"lineStyle":    map[string]any{"opacity": 0},
		"areaStyle":    area,
		"tooltip":      map[string]any{"show": false},
		"emphasis":     map[string]any{"disabled": true},
		"label":        map[string]any{"show": false},
	}
}

// breakLine marks the method break: a dashed vertical line at the year
// before the new method's first, labelled with what it is.
func breakLine(p Printer, g grid, labels []string) map[string]any {
	at := labels[0]
	if i := g.breakYear - g.years[0]; i >= 0 && i < len(labels) {
		at = labels[i]
	}
	return map[string]any{
		"silent":    true,
		"symbol":    []string{"none", "none"},
		"lineStyle": map[string]any{"color": "#5F5F5F", "type": "dashed", "width": 1},
		"label":     map[string]any{"formatter": p.T("charts.monitor.break.label"), "position": "end", "color": "#333333"},
		"data":      []any{map[string]any{"xAxis": at}},
	}
}

// seriesMaps turns go-echarts' series into maps, to add what it has no
// field for.
func seriesMaps(series any) ([]map[string]any, error) {
	b, err := json.Marshal(series)
	if err != nil {
		return nil, fmt.Errorf("charts: marshal series: %w", err)
	}
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("charts: unmarshal series: %w", err)
	}
	return out, nil
}
