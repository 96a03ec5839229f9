package server

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/charts"
	"cyberportal/i18n"
)

// csvColumns are the columns of every statistics CSV file, documented in the
// README; they never change meaning.
var csvColumns = []string{"chart", "series", "series_label", "key", "label", "value", "unit", "status",
	"period_from", "period_to", "victim", "incident", "source", "lower", "upper", "method", "area_kind"}

// downloadStatistics serves one chart's numbers as CSV or JSON:
// /{lang}/statistics/{chart}.csv and .json. Report charts take the page's
// filter from the query string and publish the same (suppressed) numbers as
// the page.
func (s *Server) downloadStatistics(c echo.Context) error {
	file := c.Param("file")
	ext := path.Ext(file)
	id := strings.TrimSuffix(file, ext)
	if ext != ".csv" && ext != ".json" {
		return echo.ErrNotFound
	}
	p := s.printer(c)
	if id == selfCheckChartID {
		return s.downloadSelfCheck(c, p, ext) // statistics_selfcheck.go
	}
	version, err := s.store.PublishedVersion(c.Request().Context())
	if err != nil {
		return err
	}
	form := readStatsForm(c)
	key := statsCacheKey(p, file, form, time.Time{})
	if r := s.statsCache.get(version, key); r != nil {
		return r.send(c)
	}
	unfiltered := form.Unfiltered()
	if !unfiltered {
		release, err := s.statsCache.renderSlot(c.Request().Context())
		if err != nil {
			return err
		}
		defer release()
	}
	cv, err := s.findChart(c, p, id, form)
	if err != nil {
		return err
	}
	body, ctype, err := downloadBody(ext, func() ([]byte, error) { return chartCSV(cv) },
		func() ([]byte, error) { return chartJSON(p, cv, s.cfg.MinCount) })
	if err != nil {
		return err
	}
	return s.sendDownload(c, version, key, unfiltered, id+ext, ctype, body)
}

// downloadBody is a download's body, made by csv for ".csv" and by json
// otherwise, with its content type.
func downloadBody(ext string, csv, json func() ([]byte, error)) ([]byte, string, error) {
	if ext == ".csv" {
		body, err := csv()
		return body, "text/csv; charset=utf-8", err
	}
	body, err := json()
	return body, echo.MIMEApplicationJSON, err
}

// sendDownload packs a statistics download once, keeps it until the
// statistics change (pinned in the cache when unfiltered), and sends it as
// an attachment named name.
func (s *Server) sendDownload(c echo.Context, version int64, key string, pinned bool, name, ctype string, body []byte) error {
	r, err := pack(body, ctype, "no-cache", etagOf(body), gzip.BestSpeed)
	if err != nil {
		return err
	}
	r.attachment(`attachment; filename="` + name + `"`)
	s.statsCache.put(version, key, pinned, r) // a wrong filter was a 400 before this
	return r.send(c)
}

// findChart builds the chart with this ID, or gives 404 for none and 400
// for a wrong filter.
func (s *Server) findChart(c echo.Context, p *i18n.Printer, id string, form statsForm) (chartView, error) {
	ctx := c.Request().Context()
	if strings.HasPrefix(id, "monitor-") {
		values, err := s.store.MonitorSeriesIn(ctx, p.Lang())
		if err != nil {
			return chartView{}, err
		}
		chosen, areaErr := s.chooseAreas(values, form.Areas)
		if areaErr != nil {
			return chartView{}, echo.NewHTTPError(http.StatusBadRequest, p.T(areaErr.Key))
		}
		all, err := s.monitorCharts(p, values, chosen, form.AreaQuery())
		if err != nil {
			return chartView{}, err
		}
		for _, cv := range all {
			if cv.ID == id {
				return cv, nil
			}
		}
		return chartView{}, echo.ErrNotFound
	}
	for _, b := range reportBreakdowns {
		if reportChartID(b.Breakdown) != id {
			continue
		}
		first, last, err := s.statsMonths(c)
		if err != nil {
			return chartView{}, err
		}
		filter, errs := form.Validate(first, last)
		if len(errs) > 0 {
			return chartView{}, echo.NewHTTPError(http.StatusBadRequest, p.T(errs[0].Key))
		}
		st, err := s.store.ReleasedReportStats(ctx, filter)
		if err != nil {
			return chartView{}, err
		}
		demo, err := s.store.ReleasedDemoReports(ctx)
		if err != nil {
			return chartView{}, err
		}
		return s.reportChart(p, b, st, filter, form.Query(), demo > 0)
	}
	return chartView{}, echo.ErrNotFound
}

// downloadRow is one number of a chart, as a row of the CSV file and an
// element of the JSON file's data.
type downloadRow struct {
	Series      string   `json:"series"`
	SeriesLabel string   `json:"series_label"`
	Key         string   `json:"key"`
	Label       string   `json:"label"`
	Value       *float64 `json:"value"`
	Status      string   `json:"status"`
	Source      string   `json:"source"`
	Lower       *float64 `json:"lower"`  // the 95% interval of a safety-monitor figure, where published
	Upper       *float64 `json:"upper"`  // (null otherwise, and for reports)
	Method      *string  `json:"method"` // the safety monitor's series ("vm2012", "vm2021"); null for reports
	kind        string   // the area's kind, in the CSV; the JSON has it per series
	raw         string   // the value as the CSV file writes it
}

// downloadRows lays the chart's table out long: one row per cell, the total
// last.
func downloadRows(cv chartView) []downloadRow {
	rows := cv.Table.Rows
	if cv.Table.Total != nil {
		rows = append(rows[:len(rows):len(rows)], *cv.Table.Total)
	}
	var out []downloadRow
	for _, r := range rows {
		for i, v := range r.Values {
			si := cv.Series[i]
			d := downloadRow{Series: si.Key, SeriesLabel: si.Label, Key: r.Key, Label: r.Label, Status: string(v.Status),
				Source: si.Source, raw: v.Raw(), kind: si.Kind}
			if v.Status == charts.StatusOK {
				n := v.Number
				d.Value = &n
				d.Lower, d.Upper = v.Lower, v.Upper
				if v.Method != "" {
					m := v.Method
					d.Method = &m
				}
			}
			out = append(out, d)
		}
	}
	return out
}

// chartCSV writes the chart as CSV with csvColumns.
func chartCSV(cv chartView) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(csvColumns)
	var from, to, victim, incident string
	if cv.Filter != nil {
		from, to, victim, incident = cv.Filter.From.String(), cv.Filter.To.String(), cv.Filter.Victim, cv.Filter.Incident
	}
	for _, d := range downloadRows(cv) {
		method := ""
		if d.Method != nil {
			method = *d.Method
		}
		w.Write([]string{
			cv.ID, d.Series, csvSafe(d.SeriesLabel), d.Key, csvSafe(d.Label), d.raw, cv.Unit, d.Status,
			from, to, victim, incident, csvSafe(d.Source), csvNumber(d.Lower), csvNumber(d.Upper), method, d.kind,
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("server: write CSV %s: %w", cv.ID, err)
	}
	return buf.Bytes(), nil
}

// csvNumber writes a number with a full stop and no grouping, or "" for none.
func csvNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// openFilter is the filter of a report chart in the JSON file.
type openFilter struct {
	From     string  `json:"period_from"`
	To       string  `json:"period_to"`
	Victim   *string `json:"victim"`
	Incident *string `json:"incident"`
}

// openHead is what every chart's JSON file starts with: what it is.
type openHead struct {
	Chart   string `json:"chart"`
	Title   string `json:"title"`
	Lang    string `json:"lang"`
	Unit    string `json:"unit"`
	Source  string `json:"source"`
	Summary string `json:"summary"`
	Note    string `json:"note,omitempty"`
}

// openChart is the JSON file of one chart.
type openChart struct {
	openHead
	Threshold int           `json:"threshold,omitempty"`
	Demo      bool          `json:"demo"`
	Filter    *openFilter   `json:"filter,omitempty"`
	Series    []seriesJSON  `json:"series"`
	Data      []downloadRow `json:"data"`
}

type seriesJSON struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Source string `json:"source"`
	Kind   string `json:"area_kind,omitempty"` // municipality, region or country; safety monitor only
}

// chartJSON writes the chart as JSON: what it is, then its numbers.
func chartJSON(p *i18n.Printer, cv chartView, threshold int) ([]byte, error) {
	oc := openChart{
		openHead: openHead{Chart: cv.ID, Title: cv.Title, Lang: p.Lang(), Unit: cv.Unit, Source: cv.Source,
			Summary: strings.Join(append([]string{cv.Summary}, cv.Extra...), " "), Note: cv.Note},
		Demo: cv.Demo, Data: downloadRows(cv),
	}
	for _, si := range cv.Series {
		oc.Series = append(oc.Series, seriesJSON(si))
	}
	if f := cv.Filter; f != nil {
		// Report numbers are perturbed (cell-key method): the note says so
		// and why, as the page does once for all charts.
		oc.Note = strings.TrimSpace(oc.Note + " " + p.T("statistics.release.perturbed", p.Int(charts.MaxNoise)))
		oc.Threshold = threshold
		oc.Filter = &openFilter{From: f.From.String(), To: f.To.String()}
		if f.Victim != "" {
			oc.Filter.Victim = &f.Victim
		}
		if f.Incident != "" {
			oc.Filter.Incident = &f.Incident
		}
	}
	return openJSON(cv.ID, oc)
}

// openJSON writes a download as indented JSON. "<10" stays readable: the
// file is served as application/json with nosniff, never inside HTML, so it
// needs no HTML escaping.
func openJSON(id string, v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("server: write JSON %s: %w", id, err)
	}
	return buf.Bytes(), nil
}
