package server

import (
	"compress/gzip"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// statsCodes are the report form's answer codes that the statistics count
// by, in the order they list them; labels are code.<kind>.<code>.
var statsCodes = map[string][]string{
	data.DimIncident: vocab.Incident.Codes(),
	data.DimChannel:  vocab.Channel.Codes(),
	data.DimVictim:   vocab.Victim.Codes(),
	data.DimLoss:     vocab.Loss.Codes(),
	data.DimPolice:   vocab.Police.Codes(),
}

// statsForm is the filter form as the visitor sent it, kept as text so that
// the form comes back with every answer when one is wrong.
type statsForm struct {
	From, To, Victim, Incident string
	Areas                      []string // the safety-monitor areas chosen (AreaKey), in the order sent; none: the default
}

// maxAreas bounds the areas a query may name, so a long query string is not
// worked through.
const maxAreas = 20

func readStatsForm(c echo.Context) statsForm {
	q := c.QueryParams()
	f := statsForm{From: q.Get("from"), To: q.Get("to"), Victim: q.Get("victim"), Incident: q.Get("incident")}
	for _, a := range q["area"] {
		if a != "" && !slices.Contains(f.Areas, a) && len(f.Areas) <= maxAreas {
			f.Areas = append(f.Areas, a)
		}
	}
	return f
}

// statsFieldError is one wrong answer: the field's id and the message key.
type statsFieldError struct {
	Field, Key string
}

// Validate checks the form against what can be chosen: months between first
// and last, and the known codes. An empty field means the default. It
// returns the filter, and the errors in the form's order.
func (f statsForm) Validate(first, last data.YearMonth) (data.StatsFilter, []statsFieldError) {
	filter := data.StatsFilter{From: first, To: last, Victim: f.Victim, Incident: f.Incident}
	var errs []statsFieldError
	month := func(raw, field string, into *data.YearMonth) {
		if raw == "" {
			return
		}
		ym, err := data.ParseYearMonth(raw)
		if err != nil || ym < first || ym > last {
			errs = append(errs, statsFieldError{field, "statistics.error." + field})
			return
		}
		*into = ym
	}
	month(f.From, "from", &filter.From)
	month(f.To, "to", &filter.To)
	if len(errs) == 0 && filter.From > filter.To {
		errs = append(errs, statsFieldError{"to", "statistics.error.order"})
	}
	if f.Victim != "" && !slices.Contains(statsCodes[data.DimVictim], f.Victim) {
		errs = append(errs, statsFieldError{"victim", "statistics.error.victim"})
	}
	if f.Incident != "" && !slices.Contains(statsCodes[data.DimIncident], f.Incident) {
		errs = append(errs, statsFieldError{"incident", "statistics.error.incident"})
	}
	return filter, errs
}

// Query is the form as a query string for links to downloads, with only the
// fields the visitor filled in, so a link without a choice always gives the
// latest numbers.
func (f statsForm) Query() string {
	q := url.Values{}
	for _, kv := range [][2]string{{"from", f.From}, {"to", f.To}, {"victim", f.Victim}, {"incident", f.Incident}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	for _, a := range f.Areas {
		q.Add("area", a)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// Unfiltered reports whether the visitor chose nothing: no filter and no
// areas, the page everyone gets first.
func (f statsForm) Unfiltered() bool {
	return f.From == "" && f.To == "" && f.Victim == "" && f.Incident == "" && len(f.Areas) == 0
}

// AreaQuery is the areas chosen as a query string, for the links to the
// safety-monitor downloads (the report filter does not apply to them).
func (f statsForm) AreaQuery() string {
	return statsForm{Areas: f.Areas}.Query()
}

// statsMonths is the range of months the filter offers: from the first to
// the last month with reports, or only the current month when there are none.
func (s *Server) statsMonths(c echo.Context) (first, last data.YearMonth, err error) {
	first, last, err = s.store.ReleasedReportMonths(c.Request().Context())
	if errors.Is(err, data.ErrNotFound) {
		now := s.now()
		ym := data.MakeYearMonth(now.Year(), now.Month())
		return ym, ym, nil
	}
	return first, last, err
}

// statsOption is one choice of a select.
type statsOption struct {
	Value, Label string
	Selected     bool
}

// statisticsPage is what the statistics template shows.
type statisticsPage struct {
	Monitor                                  []chartView
	Areas                                    []areaGroup  // the safety-monitor areas to choose from
	AreaError                                string       // translated, when the query names an area without figures
	Compare                                  *compareView // survey and reports side by side
	Reports                                  []chartView  // nil while the filter form has errors
	Form                                     statsForm
	Errors                                   []statsFieldError
	FromMonths, ToMonths, Victims, Incidents []statsOption
	Selection                                string          // what the report charts show, in words
	SelfCheck                                *selfCheckStats // shared self-checks (issue 14)
	Demo                                     int             // demo reports among those that count
	Threshold                                int
	Release                                  releaseNote // when the report numbers were released
	Today                                    time.Time
	p                                        *i18n.Printer
}

// statsSelect is one select of the filter form.
type statsSelect struct {
	ID, Label string
	All       string // the label of the empty choice ("all kinds"); none when ""
	Error     string // translated message, or ""
	Options   []statsOption
}

// Field gives the template one select with its error.
func (sp statisticsPage) Field(id, label, all string, options []statsOption) statsSelect {
	f := statsSelect{ID: id, Label: label, All: all, Options: options}
	if key := sp.ErrorFor(id); key != "" {
		f.Error = sp.p.T(key)
	}
	return f
}

// ErrorFor gives the message key for a field, or "".
func (sp statisticsPage) ErrorFor(field string) string {
	for _, e := range sp.Errors {
		if e.Field == field {
			return e.Key
		}
	}
	return ""
}

// showStatistics is the statistics page: the safety-monitor series, and the
// report statistics for the filter in the query string. A wrong filter
// gives the form back with its errors, never a 500. Pages
// are kept until the statistics change (statsCache).
func (s *Server) showStatistics(c echo.Context) error {
	p := s.printer(c)
	ctx := c.Request().Context()
	version, err := s.store.PublishedVersion(ctx)
	if err != nil {
		return err
	}
	form := readStatsForm(c)
	today := s.now()
	key := statsCacheKey(p, "page", form, today)
	if r := s.statsCache.get(version, key); r != nil {
		return r.send(c)
	}
	unfiltered := form.Unfiltered()
	if !unfiltered {
		release, err := s.statsCache.renderSlot(ctx)
		if err != nil {
			return err
		}
		defer release()
	}

	first, last, err := s.statsMonths(c)
	if err != nil {
		return err
	}
	filter, errs := form.Validate(first, last)
	sp := statisticsPage{Form: form, Errors: errs, Threshold: s.cfg.MinCount, Today: today, p: p}
	values, err := s.store.MonitorSeriesIn(ctx, p.Lang())
	if err != nil {
		return err
	}
	chosen, areaErr := s.chooseAreas(values, form.Areas)
	if areaErr != nil {
		sp.AreaError = p.T(areaErr.Key)
	}
	sp.Areas = s.areaGroups(p, values, chosen)
	if sp.Monitor, err = s.monitorCharts(p, values, chosen, form.AreaQuery()); err != nil {
		return err
	}
	if sp.Compare, err = s.compareView(ctx, p, values, chosen, first, last); err != nil {
		return err
	}
	if sp.Demo, err = s.store.ReleasedDemoReports(ctx); err != nil {
		return err
	}
	if sp.Release, err = s.releaseNote(ctx, p); err != nil {
		return err
	}
	if len(errs) == 0 {
		st, err := s.store.ReleasedReportStats(ctx, filter)
		if err != nil {
			return err
		}
		if sp.Reports, err = s.reportCharts(p, st, filter, form.Query(), sp.Demo > 0); err != nil {
			return err
		}
		sp.Selection = selectionText(p, filter)
	}
	if sp.SelfCheck, err = s.selfCheckStats(ctx, p, false); err != nil {
		return err
	}
	sp.FromMonths, sp.ToMonths = monthOptions(p, first, last, filter)
	sp.Victims = codeOptions(p, data.DimVictim, form.Victim)
	sp.Incidents = codeOptions(p, data.DimIncident, form.Incident)

	pg := page{
		Printer: p, Path: "/statistics", Title: p.T("statistics.title"), Description: p.T("statistics.description"),
		Nav: "statistics", NoIndex: form.Query() != "", Data: sp, Query: strings.TrimPrefix(form.Query(), "?"),
	}
	// A wrong filter is a 200 too, as for a search that found nothing: the
	// page works, with the form and what is wrong with it. (Downloads
	// answer 400.)
	r, err := s.packPage(c, "statistics", &pg, gzip.BestSpeed)
	if err != nil {
		return err
	}
	if len(errs) == 0 {
		s.statsCache.put(version, key, unfiltered, r)
	}
	return r.send(c)
}

// statsCacheKey names a statistics response: language, what it is, the
// filter, and the day (the page says when it was retrieved).
func statsCacheKey(p *i18n.Printer, name string, f statsForm, day time.Time) string {
	return p.Lang() + "|" + name + "|" + f.From + "|" + f.To + "|" + f.Victim + "|" + f.Incident + "|" +
		strings.Join(f.Areas, ",") + "|" + day.Format(time.DateOnly)
}

// monthOptions lists the months from first to last, newest last, with the
// filter's months selected.
func monthOptions(p *i18n.Printer, first, last data.YearMonth, f data.StatsFilter) (from, to []statsOption) {
	for ym := first; ym <= last; ym = ym.Next() {
		label := p.MonthYear(ym.Year(), ym.Month())
		from = append(from, statsOption{Value: ym.String(), Label: label, Selected: ym == f.From})
		to = append(to, statsOption{Value: ym.String(), Label: label, Selected: ym == f.To})
	}
	return from, to
}

// codeOptions lists the codes of a kind with their labels.
func codeOptions(p *i18n.Printer, kind, selected string) []statsOption {
	var out []statsOption
	for _, code := range statsCodes[kind] {
		out = append(out, statsOption{Value: code, Label: codeLabel(p, kind, code), Selected: code == selected})
	}
	return out
}

// codeLabel is the translated label of an answer code.
func codeLabel(p *i18n.Printer, kind, code string) string {
	return p.T("code." + kind + "." + code)
}

// selectionText says in words what the report charts show.
func selectionText(p *i18n.Printer, f data.StatsFilter) string {
	victim, incident := p.T("statistics.selection.all_victims"), p.T("statistics.selection.all_incidents")
	if f.Victim != "" {
		victim = strings.ToLower(codeLabel(p, data.DimVictim, f.Victim))
	}
	if f.Incident != "" {
		incident = codeLabel(p, data.DimIncident, f.Incident)
	}
	return p.T("statistics.selection", p.MonthYear(f.From.Year(), f.From.Month()), p.MonthYear(f.To.Year(), f.To.Month()), victim, incident)
}
