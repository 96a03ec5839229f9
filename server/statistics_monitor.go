package server

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/monitor"
	"cyberportal/i18n"
)

// monitorArea is one area with figures.
type monitorArea struct {
	Key, Name, Kind string
}

// areaOrder is the order of the areas on the page: the municipality, then
// by kind (municipalities, large regions, the country), then by name.
func (s *Server) areaOrder(values []monitor.Value) []monitorArea {
	seen := map[string]bool{}
	var out []monitorArea
	for _, v := range values {
		if k := monitor.AreaKey(v.Area); !seen[k] {
			seen[k] = true
			out = append(out, monitorArea{Key: k, Name: v.Area, Kind: v.AreaKind})
		}
	}
	home := monitor.AreaKey(s.cfg.Municipality)
	slices.SortFunc(out, func(a, b monitorArea) int {
		if c := cmp.Compare(boolRank(a.Key != home), boolRank(b.Key != home)); c != 0 {
			return c
		}
		if c := cmp.Compare(slices.Index(monitor.AreaKinds, a.Kind), slices.Index(monitor.AreaKinds, b.Kind)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// chooseAreas gives the keys of the areas to show, in page order: those the
// reader chose, or by default the municipality and the country, so a reader
// sees the latest national figures even where the municipality has none.
// An area that has no figures is an error for the form.
func (s *Server) chooseAreas(values []monitor.Value, requested []string) ([]string, *statsFieldError) {
	all := s.areaOrder(values)
	known := map[string]bool{}
	for _, a := range all {
		known[a.Key] = true
	}
	var bad bool
	for _, r := range requested {
		bad = bad || !known[r]
	}
	var out []string
	for _, a := range all {
		switch {
		case len(requested) > 0 && !bad:
			if slices.Contains(requested, a.Key) {
				out = append(out, a.Key)
			}
		case a.Key == monitor.AreaKey(s.cfg.Municipality) || a.Kind == monitor.AreaCountry:
			out = append(out, a.Key)
		}
	}
	if bad {
		return out, &statsFieldError{Field: "area", Key: "statistics.error.area"}
	}
	return out, nil
}

// areaGroup is one fieldset of area check boxes: the areas of one kind.
type areaGroup struct {
	Legend  string
	Options []statsOption
}

// areaGroups lists the areas to choose from, by kind, with the chosen ones
// checked.
func (s *Server) areaGroups(p *i18n.Printer, values []monitor.Value, chosen []string) []areaGroup {
	var out []areaGroup
	for _, kind := range monitor.AreaKinds {
		g := areaGroup{Legend: p.T("statistics.areas.kind." + kind)}
		for _, a := range s.areaOrder(values) {
			if a.Kind == kind {
				g.Options = append(g.Options, statsOption{Value: a.Key, Label: a.Name, Selected: slices.Contains(chosen, a.Key)})
			}
		}
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// monitorCharts builds one line chart per indicator that has figures for
// the chosen areas, the areas in page order, from MonitorSeriesIn (sources
// in p's language). query is the areas' query string, for the download
// links.
func (s *Server) monitorCharts(p *i18n.Printer, values []monitor.Value, chosen []string, query string) ([]chartView, error) {
	byIndicator := map[string]map[string][]monitor.Value{} // indicator -> area key -> figures
	for _, v := range values {
		k := monitor.AreaKey(v.Area)
		if !slices.Contains(chosen, k) {
			continue
		}
		if byIndicator[v.Indicator] == nil {
			byIndicator[v.Indicator] = map[string][]monitor.Value{}
		}
		byIndicator[v.Indicator][k] = append(byIndicator[v.Indicator][k], v)
	}
	var out []chartView
	for _, ind := range charts.Indicators() {
		areas := byIndicator[ind]
		if len(areas) == 0 {
			continue
		}
		var series []charts.Series
		var info []seriesInfo
		sources := map[string]bool{}
		for _, a := range s.areaOrder(values) {
			vals := areas[a.Key]
			if len(vals) == 0 {
				continue
			}
			se := charts.Series{Key: a.Key, Name: a.Name}
			var srcs []string
			for _, v := range vals {
				pt := charts.Point{Year: v.Year, Value: v.Value, OK: true, Method: v.Series}
				if v.Lower != nil && v.Upper != nil {
					pt.Lower, pt.Upper, pt.Interval = *v.Lower, *v.Upper, true
				}
				se.Points = append(se.Points, pt)
				if !slices.Contains(srcs, v.Source) {
					srcs = append(srcs, v.Source)
				}
			}
			src := strings.Join(srcs, "; ")
			sources[src] = true
			series = append(series, se)
			info = append(info, seriesInfo{Key: se.Key, Label: a.Name, Source: src, Kind: a.Kind})
		}
		c, err := charts.NewMonitorChart(p, charts.Monitor{Indicator: ind, Series: series})
		if err != nil {
			return nil, fmt.Errorf("server: safety-monitor chart %s: %w", ind, err)
		}
		cv := chartView{Chart: c, P: p, Series: info, SourceLine: p.T("statistics.source", info[0].Source)}
		if len(sources) > 1 {
			var parts []string
			for _, si := range info {
				parts = append(parts, si.Label+": "+si.Source)
			}
			cv.SourceLine = p.T("statistics.monitor.sources", strings.Join(parts, "; "))
		}
		cv.CSV, cv.JSON = downloadURLs(p, c.ID, query)
		out = append(out, cv)
	}
	return out, nil
}

// compareView puts the Safety Monitor and the portal's reports side by side
// for the same years: "how many residents are victims, and how many of them
// report here?"
type compareView struct {
	Table  charts.Table
	Caveat string
	Demo   bool
}

// compareView builds the side-by-side table: a row per year from the first
// year of the current survey method (or the first report, if earlier) to
// the last report; a column per chosen area with its cybercrime figure and
// 95% interval, and the reports made here that year, published exactly as
// the report charts publish counts (ReleasedReportStats, the latest
// release, then Suppress with the page's threshold).
func (s *Server) compareView(ctx context.Context, p *i18n.Printer, values []monitor.Value, chosen []string, first, last data.YearMonth) (*compareView, error) {
	st, err := s.store.ReleasedReportStats(ctx, data.StatsFilter{From: first, To: last})
	if err != nil {
		return nil, err
	}
	perYear := map[int]int{}
	for ym, n := range st.ByMonth {
		perYear[ym.Year()] += n
	}
	figures := map[int]map[string]monitor.Value{} // year -> area key -> figure
	newest := ""
	for _, v := range values {
		if v.Indicator == charts.IndicatorCybercrime && slices.Contains(chosen, monitor.AreaKey(v.Area)) && v.Series > newest {
			newest = v.Series
		}
	}
	startYear := first.Year()
	for _, v := range values {
		if v.Indicator != charts.IndicatorCybercrime || v.Series != newest || !slices.Contains(chosen, monitor.AreaKey(v.Area)) {
			continue
		}
		if figures[v.Year] == nil {
			figures[v.Year] = map[string]monitor.Value{}
		}
		figures[v.Year][monitor.AreaKey(v.Area)] = v
		startYear = min(startYear, v.Year)
	}

	var years []int
	for y := startYear; y <= last.Year(); y++ {
		years = append(years, y)
	}
	// The years with reports are published as one breakdown of the total
	// the report charts show, so secondary suppression holds across them.
	var counts []int
	for y := first.Year(); y <= last.Year(); y++ {
		counts = append(counts, perYear[y])
	}
	cells, _, err := charts.Suppress(counts, s.cfg.MinCount)
	if err != nil {
		return nil, fmt.Errorf("server: survey and reports: %w", err)
	}

	var areas []monitorArea
	for _, a := range s.areaOrder(values) {
		for _, f := range figures {
			if _, ok := f[a.Key]; ok {
				areas = append(areas, a)
				break
			}
		}
	}
	t := charts.Table{RowHead: charts.Column{Key: "year", Heading: p.T("charts.monitor.axis.year")}}
	for _, a := range areas {
		t.Columns = append(t.Columns,
			charts.Column{Key: a.Key, Heading: p.T("statistics.compare.survey", a.Name)},
			charts.Column{Key: a.Key + "-interval", Heading: p.T("charts.monitor.interval.heading", a.Name, p.Percent(95, 0))})
	}
	t.Columns = append(t.Columns, charts.Column{Key: "reports", Heading: p.T("statistics.compare.reports")})
	for _, y := range years {
		r := charts.Row{Key: fmt.Sprint(y), Label: fmt.Sprint(y)}
		for _, a := range areas {
			v, ok := figures[y][a.Key]
			switch {
			case !ok:
				r.Cells = append(r.Cells, p.T("statistics.compare.no_survey"), "")
			case v.Lower != nil:
				r.Cells = append(r.Cells, p.Percent(v.Value, 1), p.Number(*v.Lower, 1)+"–"+p.Percent(*v.Upper, 1))
			default:
				r.Cells = append(r.Cells, p.Percent(v.Value, 1), p.T("charts.monitor.interval.none"))
			}
		}
		if y < first.Year() {
			r.Cells = append(r.Cells, p.T("statistics.compare.no_reports"))
		} else {
			r.Cells = append(r.Cells, cells[y-first.Year()].Format(p, s.cfg.MinCount))
		}
		t.Rows = append(t.Rows, r)
	}
	demo, err := s.store.ReleasedDemoReports(ctx)
	if err != nil {
		return nil, err
	}
	return &compareView{Table: t, Caveat: p.T("statistics.compare.caveat"), Demo: demo > 0}, nil
}
