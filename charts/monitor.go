package charts

import (
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

// monitorDecimals is how the safety monitor publishes its percentages.
const monitorDecimals = 1

// maxYears bounds the x axis, so a typo in a year cannot build a huge chart.
const maxYears = 100

// Point is one year of a safety-monitor indicator for one area.
type Point struct {
	Year  int
	Value float64 // in percent: 13.8 means 13.8%
	OK    bool    // false when the indicator was not measured that year
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
// the first to the last; a year that was not measured is a gap in the line
// (null in the options, never 0) and "not measured" in the table.
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
	years, values, err := monitorGrid(m.Series)
	if err != nil {
		return Chart{}, err
	}

	c := Chart{
		ID:     id,
		Title:  p.T("charts.monitor." + m.Indicator + ".title"),
		Source: p.T("charts.source.monitor"),
		Unit:   UnitPercent,
	}
	c.Table = monitorTable(p, m.Series, years, values)
	c.Summary = monitorSummary(p, m.Indicator, m.Series)
	c.Options, err = monitorOptions(p, c, m.Series, years, values)
	if err != nil {
		return Chart{}, err
	}
	return c, nil
}

// measurement is one cell of the year × series grid; nil means not measured.
type measurement = *float64

// monitorGrid checks the series and lays them on one axis of consecutive
// years: values[s][y] is series s in years[y], or nil.
func monitorGrid(series []Series) (years []int, values [][]measurement, err error) {
	if len(series) == 0 {
		return nil, nil, errors.New("charts: a safety-monitor chart needs at least one series")
	}
	first, last := math.MaxInt, math.MinInt
	keys := map[string]bool{}
	for _, s := range series {
		if err := checkKey("series key", s.Key); err != nil {
			return nil, nil, err
		}
		if keys[s.Key] {
			return nil, nil, fmt.Errorf("charts: series key %q used twice", s.Key)
		}
		keys[s.Key] = true
		if strings.TrimSpace(s.Name) == "" {
			return nil, nil, fmt.Errorf("charts: series %q has no name", s.Key)
		}
		seen := map[int]bool{}
		for _, pt := range s.Points {
			if seen[pt.Year] {
				return nil, nil, fmt.Errorf("charts: series %q has year %d twice", s.Key, pt.Year)
			}
			seen[pt.Year] = true
			if pt.OK && !finite(pt.Value) {
				return nil, nil, fmt.Errorf("charts: series %q has no finite value for %d", s.Key, pt.Year)
			}
			first, last = min(first, pt.Year), max(last, pt.Year)
		}
	}
	if first > last {
		return nil, nil, errors.New("charts: a safety-monitor chart needs at least one year")
	}
	if first < 1 || last-first >= maxYears {
		return nil, nil, fmt.Errorf("charts: years %d to %d are out of range", first, last)
	}

	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	values = make([][]measurement, len(series))
	for i, s := range series {
		values[i] = make([]measurement, len(years))
		for _, pt := range s.Points {
			if pt.OK {
				v := pt.Value
				values[i][pt.Year-first] = &v
			}
		}
	}
	return years, values, nil
}

// monitorTable lays the grid out as a table: a row per year, a column per area.
func monitorTable(p Printer, series []Series, years []int, values [][]measurement) Table {
	t := Table{RowHead: Column{Key: "year", Heading: p.T("charts.monitor.axis.year")}}
	for _, s := range series {
		t.Columns = append(t.Columns, Column{Key: s.Key, Heading: s.Name})
	}
	notMeasured := p.T("charts.not_measured")
	for y, year := range years {
		r := Row{Key: strconv.Itoa(year), Label: strconv.Itoa(year)}
		for s := range series {
			if v := values[s][y]; v != nil {
				r.Cells = append(r.Cells, p.Percent(*v, monitorDecimals))
				r.Values = append(r.Values, Value{Number: *v, Status: StatusOK})
			} else {
				r.Cells = append(r.Cells, notMeasured)
				r.Values = append(r.Values, Value{Status: StatusNotMeasured})
			}
		}
		t.Rows = append(t.Rows, r)
	}
	return t
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

// monitorSummary describes the first series: its last measured year compared
// with the measured year before it, then the last measured value of every
// other series. All message arguments are in one order for every variant:
// year, value, area, predicate, previous value, previous year.
func monitorSummary(p Printer, indicator string, series []Series) string {
	main := series[0]
	pts := measuredPoints(main)
	var sentences []string
	switch len(pts) {
	case 0:
		sentences = append(sentences, p.T("charts.monitor.summary.none", main.Name))
	default:
		last := pts[len(pts)-1]
		args := []any{
			strconv.Itoa(last.Year),
			p.Percent(last.Value, monitorDecimals),
			main.Name,
			p.T("charts.monitor." + indicator + ".predicate"),
		}
		key := "charts.monitor.summary.single"
		if len(pts) > 1 {
			prev := pts[len(pts)-2]
			// Compare what the reader sees: 12.43 and 12.38 both read 12.4%.
			switch now, before := rounded(last.Value), rounded(prev.Value); {
			case now > before:
				key = "charts.monitor.summary.up"
			case now < before:
				key = "charts.monitor.summary.down"
			default:
				key = "charts.monitor.summary.same"
			}
			args = append(args, p.Percent(prev.Value, monitorDecimals), strconv.Itoa(prev.Year))
		}
		sentences = append(sentences, p.T(key, args...))
	}
	for _, s := range series[1:] {
		pts := measuredPoints(s)
		if len(pts) == 0 {
			continue
		}
		last := pts[len(pts)-1]
		sentences = append(sentences, p.T("charts.monitor.summary.compare",
			s.Name, p.Percent(last.Value, monitorDecimals), strconv.Itoa(last.Year)))
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

// monitorOptions builds the ECharts options of the line chart.
func monitorOptions(p Printer, c Chart, series []Series, years []int, values [][]measurement) ([]byte, error) {
	labels := make([]string, len(years))
	for i, y := range years {
		labels[i] = strconv.Itoa(y)
	}

	line := echarts.NewLine()
	line.SetGlobalOptions(sharedOptions(p, c)...)
	line.SetGlobalOptions(
		echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(series) > 1), Bottom: "0"}),
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
	for i, s := range series {
		data := make([]any, len(years)) // nil stays: null is a gap in the line
		for y, v := range values[i] {
			if v != nil {
				data[y] = linePoint{
					Value: *v,
					Label: &opts.Label{Formatter: p.Percent(*v, monitorDecimals)},
				}
			}
		}
		color := palette[i%len(palette)]
		line.AddSeries(s.Name, nil,
			echarts.WithLineChartOpts(opts.LineChart{
				Symbol:       seriesSymbols[i%len(seriesSymbols)],
				SymbolSize:   9,
				ShowSymbol:   opts.Bool(true),
				ConnectNulls: opts.Bool(false),
			}),
			echarts.WithLineStyleOpts(opts.LineStyle{Color: color, Width: 2, Type: lineTypes[i%len(lineTypes)]}),
			echarts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
			// Values are written at the points of the first area only: labels
			// of several lines collide, and the tooltip and table have them all.
			echarts.WithLabelOpts(opts.Label{Show: opts.Bool(i == 0), Position: "top"}),
			echarts.WithLabelLayoutOpts(opts.LabelLayout{HideOverlap: opts.Bool(true)}),
			echarts.WithSeriesOpts(func(ss *echarts.SingleSeries) { ss.Data = data }),
		)
	}
	line.Validate()

	obj := line.JSON()
	obj["tooltip"] = tooltip("line")
	return finishOptions(obj, formatHint{
		Lang:     p.Lang(),
		Unit:     UnitPercent,
		Decimals: monitorDecimals,
		Missing:  p.T("charts.not_measured"),
	})
}
