package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/scrub"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// The receipt-code pages: a reporter looks up their report with the code,
// adds an update, or deletes it. Every step is a POST that carries the code
// in a hidden field, never in the address, so it stays out of history,
// logs and Referer headers. Every failure to find a report, whatever the
// reason, gives the same page, status and (at least) the same delay.

// statusPage is the lookup form.
type statusPage struct {
	Code  string // as typed, kept when it was wrong
	Error string
}

// reportViewPage is a report as stored, with the forms to add an update and
// to delete it.
type reportViewPage struct {
	Code        string // normalised, for the hidden fields
	Shown       string // grouped, for reading
	Week        string
	Answers     []answerRow
	Description string
	Updates     []data.ReportUpdate
	Update      string // the update being written, kept on error
	UpdateError string
	Notice      string
}

func (s *Server) showStatusForm(c echo.Context) error {
	return s.renderStatusForm(c, statusPage{})
}

func (s *Server) renderStatusForm(c echo.Context, d statusPage) error {
	p := s.printer(c)
	title := formTitle(p, "report.status.title", d.Error != "")
	return s.render(c, http.StatusOK, "report_status", page{
		Printer: p, Path: "/report/status", Title: title, Nav: "report", CSRF: csrfToken(c), NoIndex: true, Data: d,
		SwitchForm: "status-form",
	})
}

// formTitle is the title of a form's page: the page's own, marked as
// having mistakes when failed, so a screen reader says so first.
func formTitle(p *i18n.Printer, key string, failed bool) string {
	if failed {
		return p.T("report.error_title", p.T(key))
	}
	return p.T(key)
}

// reportStatus answers every POST of the receipt-code pages; action says
// which: show (the default), update, delete (asks to confirm) or
// delete-confirmed.
func (s *Server) reportStatus(c echo.Context) error {
	start := time.Now()
	params, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
	}
	typed := params.Get("code")
	if len(typed) > 100 {
		typed = typed[:100] // a code is 19 characters; the rest is not worth echoing
	}
	typed = strings.ToValidUTF8(typed, "\uFFFD")
	// The language switch on the lookup form posts it here with change
	// set: the form comes back in the other language with the code typed
	// so far, looked up only when the reader asks.
	change := params.Get("change") != ""
	if change && params.Get("action") != "update" {
		return s.renderStatusForm(c, statusPage{Code: typed})
	}
	ctx := c.Request().Context()
	r, err := s.report.store.ReportByReceipt(ctx, typed)
	if errors.Is(err, data.ErrNotFound) {
		return s.wrongCode(c, start, typed)
	}
	if err != nil {
		return err
	}
	code, _ := auth.ParseReceiptCode(typed)
	p := s.printer(c)
	view := reportViewPage{Code: string(code), Shown: code.String()}

	switch params.Get("action") {
	case "update":
		text := strings.ReplaceAll(strings.ReplaceAll(strings.ToValidUTF8(params.Get("update"), "\uFFFD"), "\r\n", "\n"), "\r", "\n")
		body := scrub.Anonymise(text)
		switch n := utf8.RuneCountInString(text); {
		case change: // the language switch: keep the update being written
			view.Update = text
		case n > data.MaxReportText:
			view.Update, view.UpdateError = text, p.T("report.error.text_long", p.Int(data.MaxReportText), p.Int(n))
		case body == "":
			view.Update, view.UpdateError = text, p.T("report.error.update_empty")
		default:
			added, err := s.report.store.AddReportUpdate(ctx, typed, vocab.Week(s.local()), body)
			switch {
			case errors.Is(err, data.ErrTooManyUpdates):
				view.Update, view.UpdateError = text, p.T("report.error.update_full")
			case errors.Is(err, data.ErrNotFound): // deleted meanwhile
				return s.wrongCode(c, start, typed)
			case err != nil:
				return fmt.Errorf("add update: %w", err)
			case added:
				view.Notice = p.T("report.view.added")
			default:
				view.Notice = p.T("report.view.repeated")
			}
			r, err = s.report.store.ReportByReceipt(ctx, typed)
			if errors.Is(err, data.ErrNotFound) { // deleted meanwhile
				return s.wrongCode(c, start, typed)
			}
			if err != nil {
				return fmt.Errorf("report after update: %w", err)
			}
		}
	case "delete":
		return s.render(c, http.StatusOK, "report_delete", page{
			Printer: p, Path: "/report/status", Title: p.T("report.delete.title"), Nav: "report", CSRF: csrfToken(c),
			NoIndex: true, Data: view, SwitchForm: "cancel-delete-form", // the switch keeps the code, asks nothing
		})
	case "delete-confirmed":
		if err := s.report.store.DeleteReport(ctx, typed); errors.Is(err, data.ErrNotFound) {
			return s.wrongCode(c, start, typed)
		} else if err != nil {
			return fmt.Errorf("delete report: %w", err)
		}
		s.checkpoint(ctx, "a reporter's delete")
		return s.render(c, http.StatusOK, "report_deleted", page{
			Printer: p, Path: "/report/status", Title: p.T("report.deleted.title"), Nav: "report", NoIndex: true,
		})
	}
	view.Week, view.Answers, view.Description, view.Updates = r.Week, answers(p, r), r.Description, r.Updates
	title := formTitle(p, "report.view.title", view.UpdateError != "")
	return s.render(c, http.StatusOK, "report_view", page{
		Printer: p, Path: "/report/status", Title: title, Nav: "report", CSRF: csrfToken(c), NoIndex: true, Data: view,
		SwitchForm: "update-form",
	})
}

// wrongCode is the one answer to a code that finds no report: malformed,
// never issued, deleted, all alike, and never faster than minWrong after
// the request began.
func (s *Server) wrongCode(c echo.Context, start time.Time, typed string) error {
	if wait := s.report.minWrong - time.Since(start); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-c.Request().Context().Done():
			t.Stop()
		}
	}
	p := s.printer(c)
	return s.renderStatusForm(c, statusPage{Code: typed, Error: p.T("report.status.error.code")})
}
