package server

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/vocab"
)

// Staff review the incoming reports: a filtered, paged list, a detail view,
// moderation (reviewed, spam, hidden; restore) and a CSV export of the same
// selection. Free text is only ever shown through html/template, escaped.

// reportsPerPage is the length of a page of the staff report list.
const reportsPerPage = 50

// reportFilter is the report list's filter form, read from the query.
type reportFilter struct {
	From, To     string
	Incident     string
	Victim       string
	Municipality string
	Status       string
	Page         int
}

// readReportFilter reads the filter and checks every value against its list;
// a value that is not on it is reported and not applied.
func readReportFilter(c echo.Context, municipalities []string) (reportFilter, formErrors) {
	q := c.QueryParams()
	var f reportFilter
	var errs formErrors
	for _, w := range []struct {
		field string
		dst   *string
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := strings.TrimSpace(q.Get(w.field)); v != "" {
			if week, ok := vocab.ParseWeek(v); ok {
				*w.dst = week
			} else {
				errs.add(w.field, "staff.reports.error.week")
			}
		}
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		errs.add("to", "staff.reports.error.period")
		f.To = ""
	}
	for _, sel := range []struct {
		field   string
		dst     *string
		allowed []string
	}{
		{"incident", &f.Incident, vocab.Incident.Codes()},
		{"victim", &f.Victim, vocab.Victim.Codes()},
		{"municipality", &f.Municipality, municipalities},
		{"status", &f.Status, data.ModerationStatuses()},
	} {
		if v := q.Get(sel.field); v != "" {
			if slices.Contains(sel.allowed, v) {
				*sel.dst = v
			} else {
				errs.add(sel.field, "staff.reports.error.choice")
			}
		}
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	return f, errs
}

// filter is the form as the store takes it.
func (f reportFilter) filter() data.ModerationFilter {
	return data.ModerationFilter{From: f.From, To: f.To, Incident: f.Incident, Victim: f.Victim, Municipality: f.Municipality, Status: f.Status}
}

// Query is the filter as a query string, for the audit log.
func (f reportFilter) Query() string {
	q := url.Values{}
	for k, v := range map[string]string{"from": f.From, "to": f.To, "incident": f.Incident, "victim": f.Victim,
		"municipality": f.Municipality, "status": f.Status} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// URL is path with the filter and, when page > 1, the page number: for the
// pager and the export link.
func (f reportFilter) URL(path string, page int) string {
	q := f.Query()
	if page > 1 {
		if q != "" {
			q += "&"
		}
		q += "page=" + strconv.Itoa(page)
	}
	if q == "" {
		return path
	}
	return path + "?" + q
}

// reportRow is a report in the staff list, with the start of its text.
type reportRow struct {
	*data.ModerationReport
	Excerpt string
}

// excerpt is the first n runes of s, on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n])) + "…"
	}
	return s
}

type reportsPage struct {
	Filter         reportFilter
	Errors         formErrors
	Reports        []reportRow
	Total          int
	Pager          pager
	Incidents      []string
	Victims        []string
	Municipalities []string
	Statuses       []string
}

// listReports is /staff/reports.
func (s *Server) listReports(c echo.Context) error {
	ctx := c.Request().Context()
	munis, err := s.store.ReportMunicipalities(ctx)
	if err != nil {
		return err
	}
	f, errs := readReportFilter(c, munis)
	list, total, err := s.store.ModerationReports(ctx, f.filter(), (f.Page-1)*reportsPerPage, reportsPerPage)
	if err != nil {
		return err
	}
	rows := make([]reportRow, 0, len(list))
	for _, r := range list {
		rows = append(rows, reportRow{ModerationReport: r, Excerpt: excerpt(r.Description, 90)})
	}
	return s.renderStaff(c, http.StatusOK, "staff_reports", "staff.reports.title", "reports", reportsPage{
		Filter: f, Errors: errs, Reports: rows, Total: total,
		Pager:     newPager(f.Page, total, reportsPerPage, func(page int) string { return f.URL("/staff/reports", page) }),
		Incidents: vocab.Incident.Codes(), Victims: vocab.Victim.Codes(), Municipalities: munis, Statuses: data.ModerationStatuses(),
	})
}

type reportPage struct {
	Report *data.ModerationReport
	Done   string // the status just set, for the confirmation
}

// pager is the page links under a long list: the page shown, how many
// there are, and the links to the ones either side ("" at either end).
type pager struct {
	Page, Pages int
	Prev, Next  string
}

// newPager is the pager of page (from 1) of a list of total items, perPage
// to a page; url gives a page's address.
func newPager(page, total, perPage int, url func(page int) string) pager {
	p := pager{Page: page, Pages: max(1, (total+perPage-1)/perPage)}
	if page > 1 {
		p.Prev = url(page - 1)
	}
	if page < p.Pages {
		p.Next = url(page + 1)
	}
	return p
}

// idParam is the route's :id, a report's, warning's or account's: a
// positive number, or 404.
func idParam(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// showReport is /staff/reports/{id}.
func (s *Server) showReport(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	r, err := s.store.ModerationReport(c.Request().Context(), id)
	if errors.Is(err, data.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	done := c.QueryParam("done")
	if !slices.Contains(data.ModerationStatuses(), done) {
		done = ""
	}
	return s.renderStaff(c, http.StatusOK, "staff_report", "staff.report.title", "reports", reportPage{Report: r, Done: done})
}

// moderationActions are the statuses a staff member may set; restoring a
// report marks it reviewed, since someone has looked at it.
var moderationActions = []string{"reviewed", "spam", "hidden"}

// setReportStatus is POST /staff/reports/{id}/status. Spam and hidden
// reports leave every statistic; reviewed ones (and restored ones) count.
func (s *Server) setReportStatus(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	status := c.FormValue("status")
	if !slices.Contains(moderationActions, status) {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	err = s.store.SetReportStatus(c.Request().Context(), id, status, member(c).ID, s.now())
	if errors.Is(err, data.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/staff/reports/%d?done=%s", id, status))
}

// csvHeader are the export's columns: the stored coded answers, week,
// language, status and the anonymised description; nothing else.
var csvHeader = []string{"week", "lang", "victim", "company_size", "sector", "incident", "channel", "incident_year",
	"incident_month", "municipality", "loss", "recovered", "ransom_paid", "police", "status", "description"}

// exportReports is /staff/reports.csv: the reports the filter selects, as
// RFC 4180 CSV in UTF-8. The export is recorded in the audit log.
func (s *Server) exportReports(c echo.Context) error {
	ctx := c.Request().Context()
	munis, err := s.store.ReportMunicipalities(ctx)
	if err != nil {
		return err
	}
	f, errs := readReportFilter(c, munis)
	if len(errs) > 0 {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	now := s.now()
	if err := s.store.Audit(ctx, member(c).ID, "report.export", f.Query(), now); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="reports-`+now.Format("2006-01-02")+`.csv"`)
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	w.Write(csvHeader)
	err = s.store.ExportReports(ctx, f.filter(), func(r *data.ModerationReport) error {
		return w.Write([]string{r.Week, r.Lang, r.Victim, r.CompanySize, r.Sector, r.Incident, r.Channel,
			strconv.Itoa(r.IncidentYear), strconv.Itoa(r.IncidentMonth), r.Municipality, r.Loss, r.Recovered, r.RansomPaid,
			r.Police, r.Status, csvSafe(r.Description)})
	})
	w.Flush()
	if err == nil {
		err = w.Error()
	}
	if err != nil {
		// The header is sent: the error can only be logged, and the file
		// is cut short.
		s.log.Error("export reports", "err", err)
	}
	return nil
}

type staffHomePage struct {
	Week     string
	Statuses []string
	Alerts   []data.TrendAlert
	Counts   map[string]int
	Counted  int // new and reviewed: what the statistics count
}

// showStaffHome is /staff/: the trend alert and the reports by status.
func (s *Server) showStaffHome(c echo.Context) error {
	ctx := c.Request().Context()
	now := s.now()
	alerts, err := s.store.TrendAlerts(ctx, now)
	if err != nil {
		return err
	}
	counts, err := s.store.ReportStatusCounts(ctx)
	if err != nil {
		return err
	}
	return s.renderStaff(c, http.StatusOK, "staff_home", "staff.home.title", "home", staffHomePage{
		Week: vocab.Week(now), Statuses: data.ModerationStatuses(), Alerts: alerts, Counts: counts, Counted: counts["new"] + counts["reviewed"],
	})
}
