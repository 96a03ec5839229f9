package server

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/i18n"
)

// Editors write warnings in Markdown in every language, link an advice
// article if they like, and publish or withdraw them. A warning cannot be
// published while a language is missing.

// Limits of a warning's fields, in runes.
const (
	warningTitleMax = 120
	warningBodyMax  = 5000
)

// warningForm is the warning editor's form.
type warningForm struct {
	Texts   map[string]data.WarningText
	Article string
}

func readWarningForm(c echo.Context) warningForm {
	f := warningForm{Texts: map[string]data.WarningText{}, Article: strings.TrimSpace(c.FormValue("article"))}
	for _, l := range i18n.Languages() {
		f.Texts[l] = data.WarningText{
			Title: strings.TrimSpace(c.FormValue("title-" + l)),
			Body:  strings.TrimSpace(strings.ReplaceAll(c.FormValue("body-"+l), "\r\n", "\n")),
		}
	}
	return f
}

// Validate checks the limits, that the linked article exists, and that
// there is at least one title, so an empty draft is not saved.
func (f warningForm) Validate(lib *content.Library) formErrors {
	var errs formErrors
	anyTitle := false
	for _, l := range i18n.Languages() {
		t := f.Texts[l]
		anyTitle = anyTitle || t.Title != ""
		if utf8.RuneCountInString(t.Title) > warningTitleMax {
			errs.add("title-"+l, "staff.warning.error.title_long")
		}
		if utf8.RuneCountInString(t.Body) > warningBodyMax {
			errs.add("body-"+l, "staff.warning.error.body_long")
		}
	}
	if !anyTitle {
		errs = append(formErrors{{"title-" + i18n.Languages()[0], "staff.warning.error.empty"}}, errs...)
	}
	if f.Article != "" && !slices.Contains(lib.Slugs(), f.Article) {
		errs.add("article", "staff.warning.error.article")
	}
	return errs
}

// warningField is one language's part of the editor.
type warningField struct {
	Lang                  string
	Title, Body           string
	TitleError, BodyError string
	Preview               template.HTML
}

type warningEditPage struct {
	Warning  *data.Warning // nil for a new one
	Fields   []warningField
	Article  string
	Articles []*content.Article
	Errors   formErrors
	Done     string // saved, published, withdrawn
}

var warningNotices = []string{"saved", "published", "withdrawn"}

func (s *Server) warningEditPage(c echo.Context, w *data.Warning, f warningForm, errs formErrors) (warningEditPage, error) {
	pg := warningEditPage{Warning: w, Article: f.Article, Errors: errs, Articles: s.lib.Search(lang(c), "", "")}
	for _, l := range i18n.Languages() {
		t := f.Texts[l]
		preview, err := s.staff.warnings.render(t.Body)
		if err != nil {
			return pg, err
		}
		pg.Fields = append(pg.Fields, warningField{
			Lang: l, Title: t.Title, Body: t.Body, Preview: preview,
			TitleError: errs.Get("title-" + l), BodyError: errs.Get("body-" + l),
		})
	}
	if done := c.QueryParam("done"); slices.Contains(warningNotices, done) {
		pg.Done = done
	}
	return pg, nil
}

// warningRow is a warning in the editors' list.
type warningRow struct {
	*data.Warning
	Title   string   // in the member's language, else the first written
	Missing []string // languages still to write
}

// listStaffWarnings is /staff/warnings.
func (s *Server) listStaffWarnings(c echo.Context) error {
	ws, err := s.store.ListWarnings(c.Request().Context())
	if err != nil {
		return err
	}
	rows := make([]warningRow, 0, len(ws))
	for _, w := range ws {
		r := warningRow{Warning: w, Title: w.Texts[lang(c)].Title, Missing: w.Missing(i18n.Languages())}
		for _, l := range i18n.Languages() {
			if r.Title == "" {
				r.Title = w.Texts[l].Title
			}
		}
		rows = append(rows, r)
	}
	return s.renderStaff(c, http.StatusOK, "staff_warnings", "staff.warnings.title", "warnings", rows)
}

// showNewWarning is /staff/warnings/new.
func (s *Server) showNewWarning(c echo.Context) error {
	pg, err := s.warningEditPage(c, nil, warningForm{Texts: map[string]data.WarningText{}}, nil)
	if err != nil {
		return err
	}
	return s.renderStaff(c, http.StatusOK, "staff_warning", "staff.warning.new_title", "warnings", pg)
}

// createWarning is POST /staff/warnings: a new draft.
func (s *Server) createWarning(c echo.Context) error {
	f := readWarningForm(c)
	if errs := f.Validate(s.lib); len(errs) > 0 {
		pg, err := s.warningEditPage(c, nil, f, errs)
		if err != nil {
			return err
		}
		return s.renderStaff(c, http.StatusOK, "staff_warning", "staff.warning.new_title", "warnings", pg)
	}
	id, err := s.store.CreateWarning(c.Request().Context(), &data.Warning{Texts: f.Texts, Article: f.Article}, member(c).ID, s.now())
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/staff/warnings/%d?done=saved", id))
}

func (s *Server) warningParam(c echo.Context) (*data.Warning, error) {
	id, err := idParam(c)
	if err != nil {
		return nil, err
	}
	w, err := s.store.Warning(c.Request().Context(), id)
	if errors.Is(err, data.ErrNotFound) {
		return nil, echo.ErrNotFound
	}
	return w, err
}

// showWarning is /staff/warnings/{id}: the editor with publish and withdraw.
func (s *Server) showWarning(c echo.Context) error {
	w, err := s.warningParam(c)
	if err != nil {
		return err
	}
	pg, err := s.warningEditPage(c, w, warningForm{Texts: w.Texts, Article: w.Article}, nil)
	if err != nil {
		return err
	}
	return s.renderStaff(c, http.StatusOK, "staff_warning", "staff.warning.edit_title", "warnings", pg)
}

// missingErrors name each language a public warning still lacks.
func missingErrors(w *data.Warning) formErrors {
	var errs formErrors
	for _, l := range w.Missing(i18n.Languages()) {
		errs.add("title-"+l, "staff.warning.error.missing."+l)
	}
	return errs
}

// saveWarning is POST /staff/warnings/{id}.
func (s *Server) saveWarning(c echo.Context) error {
	w, err := s.warningParam(c)
	if err != nil {
		return err
	}
	f := readWarningForm(c)
	errs := f.Validate(s.lib)
	changed := &data.Warning{ID: w.ID, Texts: f.Texts, Article: f.Article, Status: w.Status}
	if len(errs) == 0 {
		err = s.store.UpdateWarning(c.Request().Context(), changed, i18n.Languages(), member(c).ID, s.now())
		if errors.Is(err, data.ErrWarningIncomplete) {
			errs, err = missingErrors(changed), nil
		}
		if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		pg, err := s.warningEditPage(c, w, f, errs)
		if err != nil {
			return err
		}
		return s.renderStaff(c, http.StatusOK, "staff_warning", "staff.warning.edit_title", "warnings", pg)
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/staff/warnings/%d?done=saved", w.ID))
}

// publishWarning is POST /staff/warnings/{id}/publish.
func (s *Server) publishWarning(c echo.Context) error {
	w, err := s.warningParam(c)
	if err != nil {
		return err
	}
	err = s.store.PublishWarning(c.Request().Context(), w.ID, i18n.Languages(), member(c).ID, s.now())
	if errors.Is(err, data.ErrWarningIncomplete) {
		pg, err := s.warningEditPage(c, w, warningForm{Texts: w.Texts, Article: w.Article}, missingErrors(w))
		if err != nil {
			return err
		}
		return s.renderStaff(c, http.StatusOK, "staff_warning", "staff.warning.edit_title", "warnings", pg)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/staff/warnings/%d?done=published", w.ID))
}

// withdrawWarning is POST /staff/warnings/{id}/withdraw.
func (s *Server) withdrawWarning(c echo.Context) error {
	w, err := s.warningParam(c)
	if err != nil {
		return err
	}
	if err := s.store.WithdrawWarning(c.Request().Context(), w.ID, member(c).ID, s.now()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/staff/warnings/%d?done=withdrawn", w.ID))
}
