package server

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // "not in the future" and the ISO week are Maastricht's, also on hosts without zone files

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/data/scrub"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// The anonymous report flow:
//
//	GET  /{lang}/report         the form
//	POST /{lang}/report         check the answers: the form again with errors, or the check page
//	POST /{lang}/report/done    store durably, then the done page with the receipt code, shown once
//	GET  /{lang}/report/done    what a reporter finds there later: the code cannot be shown again
//
// The answers travel between the steps in hidden fields; the server keeps no
// state for a reporter and sets no cookie but the CSRF one. The receipt code
// is drawn when the answers are first posted and carried, signed, in the
// form, so sending the same form twice (a double click, a reload of the
// done page) stores one report and shows the same code again: the code came
// from the reporter's own browser. The done page is the response to the
// POST itself (no-store), so the code is never kept anywhere on the server.
// report_status.go has the receipt-code pages.

// Default rate limits; see Config and the README.
const (
	defaultReportRate       = "20/10m"
	defaultStatusRate       = "10/10m"
	defaultStatusGlobalRate = "600/1m"
)

// maxSignedText is the longest description, in bytes, whose anonymised
// version the check page carries: both together must stay far below the
// 64 KiB body limit, also for 5,000 characters of Chinese or emoji, which
// take up to 12 bytes each in a form. Longer texts are anonymised again.
const maxSignedText = 8 << 10

// maxBatch is how many reports one commit takes at most.
const maxBatch = 256

// wrongCodeDelay is the least time a failed receipt-code lookup takes, so
// that malformed, unknown and deleted codes look alike from outside and each
// guess costs the guesser time as well as part of their rate limit.
const wrongCodeDelay = 250 * time.Millisecond

// reporting is what the report flow keeps in memory: the group-commit
// queue, the rate limiters and the key that signs receipt codes.
type reporting struct {
	queue    *data.ReportQueue
	submits  *limiter // posts of the form and its steps, per client
	lookups  *limiter // receipt-code posts, per client and for everyone
	receipts rotatingKey
	now      func() time.Time // the server's clock
	minWrong time.Duration    // wrongCodeDelay, shorter in tests
	done     sync.Map         // doneKey -> *donePage
	store    receiptStore     // the store, as the receipt-code pages use it
}

// receiptStore is what the receipt-code pages ask of the store: a test
// hands in one whose reads fail at a chosen step.
type receiptStore interface {
	ReportByReceipt(ctx context.Context, typed string) (*data.Report, error)
	AddReportUpdate(ctx context.Context, typed, week, body string) (bool, error)
	DeleteReport(ctx context.Context, typed string) error
}

func newReporting(cfg Config, store *data.Store, now func() time.Time) *reporting {
	rp := &reporting{now: now, minWrong: wrongCodeDelay}
	if store != nil {
		rp.queue = data.NewReportQueue(store, maxBatch)
		rp.store = store
	}
	rp.submits = newLimiter(cfg.ReportRate, Rate{}, now)
	rp.lookups = newLimiter(cfg.StatusRate, cfg.StatusGlobalRate, now)
	// A code's owner looks it up, maybe again after a typo, and adds to or
	// deletes the report: those requests do not wait for the global budget.
	rp.lookups.reserved = 3
	rp.submits.name, rp.lookups.name = limitReport, limitStatus
	return rp
}

// sign is the signature of msg under key. Messages start with what they
// are ("receipt:", "text:") so one can never pass for another.
func sign(key []byte, msg string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msg))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
}

// newReceipt draws a receipt code and signs it.
func (rp *reporting) newReceipt() (code, sig string, err error) {
	c, err := auth.NewReceiptCode()
	if err != nil {
		return "", "", err
	}
	key, _, _ := rp.receipts.keys(rp.now())
	return string(c), sign(key, "receipt:"+string(c)), nil
}

// receipt returns the form's code if we signed it within the last one to
// two hours (the key's lifetime plus the one before).
func (rp *reporting) receipt(f *reportForm) (auth.ReceiptCode, bool) {
	code, ok := auth.ParseReceiptCode(f.Receipt)
	if !ok || string(code) != f.Receipt {
		return "", false // the form carries the code as we wrote it, never a variant
	}
	cur, prev, _ := rp.receipts.keys(rp.now())
	for _, key := range [][]byte{cur, prev} {
		if key != nil && hmac.Equal([]byte(sign(key, "receipt:"+string(code))), []byte(f.ReceiptSig)) {
			return code, true
		}
	}
	return "", false
}

// signText signs the pair of a description and its anonymised version.
func (rp *reporting) signText(text, clean string) string {
	key, _, _ := rp.receipts.keys(rp.now())
	return sign(key, "text:"+strconv.Itoa(len(text))+":"+text+clean)
}

// anonymised is the form's description as it will be stored: the text the
// check page showed, when its signature proves we made it from this very
// description, or else anonymised afresh. The reporter confirmed exactly
// what the check page showed, and the scrubber, the costliest step of a
// submission, runs once per report instead of twice.
func (rp *reporting) anonymised(f *reportForm) string {
	if f.CleanSig != "" {
		cur, prev, _ := rp.receipts.keys(rp.now())
		msg := "text:" + strconv.Itoa(len(f.Description)) + ":" + f.Description + f.Clean
		for _, key := range [][]byte{cur, prev} {
			if key != nil && hmac.Equal([]byte(sign(key, msg)), []byte(f.CleanSig)) {
				return f.Clean
			}
		}
	}
	return scrub.Anonymise(f.Description)
}

// ensureReceipt gives the form a signed code unless it has a valid one.
func (rp *reporting) ensureReceipt(f *reportForm) error {
	if _, ok := rp.receipt(f); ok {
		return nil
	}
	var err error
	f.Receipt, f.ReceiptSig, err = rp.newReceipt()
	return err
}

// reportFormPage is what the form template shows.
type reportFormPage struct {
	Form                                             reportForm
	Errors                                           reportErrors
	Summary                                          []summaryLink
	Victim, CompanySize, Incident, Channel, Loss     choiceField
	Recovered, RansomPaid, Police                    choiceField
	Sector, Municipality                             selectField
	Months, Years                                    []choiceOption
	WhenError, DescriptionError, DescriptionDescribe string
}

// summaryLink is one line of the error summary.
type summaryLink struct{ ID, Text string }

// selectField is a question answered with a drop-down list.
type selectField struct {
	Error   string
	Options []choiceOption
}

func selectOf(p *i18n.Printer, errs reportErrors, name, labels string, list []string, answer string) selectField {
	sf := selectField{}
	if e := errs.For(name); e != nil {
		sf.Error = e.text(p)
	}
	for _, code := range list {
		sf.Options = append(sf.Options, choiceOption{Value: code, Label: p.T(labels + code), Checked: code == answer})
	}
	return sf
}

func (s *Server) showReportForm(c echo.Context) error {
	return s.renderReportForm(c, &reportForm{}, nil)
}

// renderReportForm shows the form with every answer kept and, when there
// are errors, the error summary on top and each message by its field.
// Errors come back with 200, as GOV.UK forms do: the page is the answer
// the reporter needs, and a browser logs any 4xx as a failed load.
func (s *Server) renderReportForm(c echo.Context, f *reportForm, errs reportErrors) error {
	p := s.printer(c)
	d := reportFormPage{Form: *f, Errors: errs}
	for _, e := range errs {
		d.Summary = append(d.Summary, summaryLink{ID: e.ID, Text: e.text(p)})
	}
	d.Victim = choice(p, errs, "victim", p.T("report.q.victim"), "", vocab.Victim.LabelPrefix(), vocab.Victim.Codes(), f.Victim)
	d.CompanySize = choice(p, errs, "company_size", p.T("report.q.company_size"), "", vocab.CompanySize.LabelPrefix(), vocab.CompanySize.Codes(), f.CompanySize)
	d.Sector = selectOf(p, errs, "sector", vocab.Sector.LabelPrefix(), vocab.Sector.Codes(), f.Sector)
	d.Incident = choice(p, errs, "incident", p.T("report.q.incident"), p.T("report.q.incident.hint"), vocab.Incident.LabelPrefix(), vocab.Incident.Codes(), f.Incident)
	for i := range d.Incident.Options {
		d.Incident.Options[i].Hint = p.T("report.incident_hint." + d.Incident.Options[i].Value)
	}
	d.Channel = choice(p, errs, "channel", p.T("report.q.channel"), p.T("report.q.channel.hint"), vocab.Channel.LabelPrefix(), vocab.Channel.Codes(), f.Channel)
	d.Municipality = selectOf(p, errs, "municipality", vocab.Municipality.LabelPrefix(), vocab.Municipality.Codes(), f.Municipality)
	d.Loss = choice(p, errs, "loss", p.T("report.q.loss"), p.T("report.q.loss.hint"), vocab.Loss.LabelPrefix(), vocab.Loss.Codes(), f.Loss)
	d.Recovered = choice(p, errs, "recovered", p.T("report.q.recovered"), p.T("report.q.recovered.hint"), vocab.Recovered.LabelPrefix(), vocab.Recovered.Codes(), f.Recovered)
	d.RansomPaid = choice(p, errs, "ransom_paid", p.T("report.q.ransom_paid"), p.T("report.q.ransom_paid.hint"), vocab.RansomPaid.LabelPrefix(), vocab.RansomPaid.Codes(), f.RansomPaid)
	d.Police = choice(p, errs, "police", p.T("report.q.police"), "", vocab.Police.LabelPrefix(), vocab.Police.Codes(), f.Police)
	for m := 1; m <= 12; m++ {
		v := strconv.Itoa(m)
		d.Months = append(d.Months, choiceOption{Value: v, Label: p.MonthName(time.Month(m)), Checked: v == f.Month})
	}
	for y := s.local().Year(); y >= data.FirstReportYear; y-- {
		v := strconv.Itoa(y)
		d.Years = append(d.Years, choiceOption{Value: v, Label: v, Checked: v == f.Year})
	}
	if e := errs.For("when"); e != nil {
		d.WhenError = e.text(p)
	}
	d.DescriptionDescribe = "description-hint"
	if e := errs.For("description"); e != nil {
		d.DescriptionError = e.text(p)
		d.DescriptionDescribe += " description-error"
	}
	title := formTitle(p, "report.title", len(errs) > 0)
	return s.render(c, http.StatusOK, "report", page{
		Printer: p, Path: "/report", Title: title, Description: p.T("report.description"), Nav: "report",
		CSRF: csrfToken(c), NoIndex: len(errs) > 0 || c.Request().Method == http.MethodPost, Data: d,
		SwitchForm: "report-form",
	})
}

// submitReport checks the answers: with errors the form comes back, else
// the check page shows what will be stored. "Change my answers" on the
// check page posts here too, with change set, to get the form back as is.
func (s *Server) submitReport(c echo.Context) error {
	params, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
	}
	f := readReportForm(params)
	// The code is drawn now and kept through corrections, so that the same
	// answers sent twice become one report.
	if err := s.report.ensureReceipt(&f); err != nil {
		return err
	}
	if params.Get("change") != "" {
		return s.renderReportForm(c, &f, nil)
	}
	if errs := f.Validate(s.local()); len(errs) > 0 {
		return s.renderReportForm(c, &f, errs)
	}
	return s.renderReportCheck(c, &f, false)
}

// reportCheckPage shows what will be stored, before it is.
type reportCheckPage struct {
	Form        reportForm
	Answers     []answerRow
	Description string
	Changed     bool // the anonymiser replaced something
	Week        string
	Language    string
	Expired     bool
}

// answerRow is one stored answer, translated.
type answerRow struct{ Label, Value string }

// answers are a report's stored answers in the order of the form, in the
// page's language; the check page and the status page show them.
func answers(p *i18n.Printer, r *data.Report) []answerRow {
	rows := []answerRow{{p.T("report.q.victim"), p.T("code.victim." + r.Victim)}}
	if r.CompanySize != "" {
		rows = append(rows, answerRow{p.T("report.q.company_size"), p.T("code.size." + r.CompanySize)},
			answerRow{p.T("report.q.sector"), p.T("code.sector." + r.Sector)})
	}
	rows = append(rows,
		answerRow{p.T("report.q.incident"), p.T("code.incident." + r.Incident)},
		answerRow{p.T("report.q.channel"), p.T("code.channel." + r.Channel)},
		answerRow{p.T("report.q.when"), p.MonthYear(r.IncidentYear, time.Month(r.IncidentMonth))},
		answerRow{p.T("report.q.municipality"), p.T("code.municipality." + r.Municipality)},
		answerRow{p.T("report.q.loss"), p.T("code.loss." + r.Loss)})
	if r.Recovered != "" {
		rows = append(rows, answerRow{p.T("report.q.recovered"), p.T("code.recovered." + r.Recovered)})
	}
	if r.RansomPaid != "" {
		rows = append(rows, answerRow{p.T("report.q.ransom_paid"), p.T("code.ransom." + r.RansomPaid)})
	}
	return append(rows, answerRow{p.T("report.q.police"), p.T("code.police." + r.Police)})
}

func (s *Server) renderReportCheck(c echo.Context, f *reportForm, expired bool) error {
	p := s.printer(c)
	r := f.report(p.Lang(), vocab.Week(s.local()), scrub.Anonymise(f.Description))
	f.Clean, f.CleanSig = "", ""
	if len(f.Description) <= maxSignedText {
		f.Clean, f.CleanSig = r.Description, s.report.signText(f.Description, r.Description)
	}
	return s.render(c, http.StatusOK, "report_check", page{
		Printer: p, Path: "/report", Title: p.T("report.check.title"), Nav: "report", CSRF: csrfToken(c), NoIndex: true,
		SwitchForm: "check-form", // to the form in the other language, answers kept
		Data: reportCheckPage{
			Form: *f, Answers: answers(p, r), Description: r.Description, Week: r.Week, Language: i18n.Name(r.Lang),
			Changed: !sameWords(r.Description, f.Description), Expired: expired,
		},
	})
}

// sameWords compares texts word by word, so that the anonymiser's tidying
// of spaces and blank lines does not count as a change.
func sameWords(a, b string) bool {
	return slices.Equal(strings.Fields(a), strings.Fields(b))
}

// confirmReport stores the report and answers with the done page, which
// carries the receipt code. It answers only once the report is durably
// committed. A filled honeypot gets the same page with a code that was
// never stored, so a bot learns nothing.
func (s *Server) confirmReport(c echo.Context) error {
	params, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest).SetInternal(err)
	}
	f := readReportForm(params)
	now := s.local()
	if errs := f.Validate(now); len(errs) > 0 {
		// Only a tampered or very old page gets here: the check page sends
		// answers that passed.
		if err := s.report.ensureReceipt(&f); err != nil {
			return err
		}
		return s.renderReportForm(c, &f, errs)
	}
	p := s.printer(c)
	r := f.report(p.Lang(), vocab.Week(now), s.report.anonymised(&f))
	if f.Website != "" {
		code, err := auth.NewReceiptCode()
		if err != nil {
			return err
		}
		return s.renderReportDone(c, code, r, false)
	}
	code, ok := s.report.receipt(&f)
	switch {
	case f.Receipt == "":
		// No browser sends this (the check page always carries a code);
		// a script that posts the answers alone gets a fresh code.
		if code, err = auth.NewReceiptCode(); err != nil {
			return err
		}
	case !ok:
		// A check page older than the key, or a code we did not sign:
		// ask again rather than store what may be a stale resubmission.
		if err := s.report.ensureReceipt(&f); err != nil {
			return err
		}
		return s.renderReportCheck(c, &f, true)
	}
	stored, err := s.report.queue.Submit(c.Request().Context(), code, r)
	if err != nil {
		return fmt.Errorf("confirm report: %w", err)
	}
	return s.renderReportDone(c, code, r, !stored)
}

// reportDonePage is the page after sending: the code, once, and the next
// steps for this report.
type reportDonePage struct {
	Code      string // grouped for reading; "" on the page found later
	Duplicate bool   // this form had been sent before; nothing new stored
	Steps     []string
	Channels  []shownChannel
	Articles  []*content.Article
	Business  bool // a business reported: point to the self-check (issue 14)
}

func (s *Server) renderReportDone(c echo.Context, code auth.ReceiptCode, r *data.Report, duplicate bool) error {
	p := s.printer(c)
	key := doneKey{lang: p.Lang(), incident: r.Incident, victim: r.Victim, lost: r.Loss != "none",
		paid: r.RansomPaid == "yes", duplicate: duplicate}
	v, ok := s.report.done.Load(key)
	if !ok {
		var err error
		if v, err = s.buildDonePage(c, p, r, duplicate); err != nil {
			return err
		}
		s.report.done.Store(key, v)
	}
	dp := v.(*donePage)
	shown := code.String()
	body := make([]byte, 0, len(dp.head)+len(shown)+len(dp.tail))
	body = append(append(append(body, dp.head...), shown...), dp.tail...)
	return send(c, http.StatusOK, body, "")
}

// doneKey is everything the done page depends on besides the receipt code:
// the language and the answers that choose the next steps.
type doneKey struct {
	lang, incident, victim string
	lost, paid, duplicate  bool
}

// donePage is a rendered done page cut where the receipt code goes. The
// page is the same for every report of one kind, and rendering it (steps,
// channels, articles, the layout) costs more than storing the report, so
// each kind is rendered once; at most a few hundred kinds exist.
type donePage struct{ head, tail []byte }

// codeSlot stands for the receipt code while a done page is rendered; it
// needs no escaping, so it comes out of the template as it went in.
const codeSlot = "RECEIPTCODESLOT"

func (s *Server) buildDonePage(c echo.Context, p *i18n.Printer, r *data.Report, duplicate bool) (*donePage, error) {
	steps := nextSteps(r)
	shown := make([]string, len(steps))
	for i, st := range steps {
		shown[i] = p.T("report.step." + st)
	}
	buf, err := s.execute(c, "report_done", &page{
		Printer: p, Path: "/report/done", Title: p.T("report.done.title"), Nav: "report", NoIndex: true,
		Data: reportDonePage{
			Code: codeSlot, Duplicate: duplicate, Steps: shown,
			Channels: showChannels(p, s.lib.Directory(), channelsFor(r)), Articles: adviceFor(s.lib, p.Lang(), r),
			Business: r.Victim == "business",
		},
	})
	if err != nil {
		return nil, err
	}
	defer bufPool.Put(buf)
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(codeSlot))
	if !ok || bytes.Contains(tail, []byte(codeSlot)) {
		return nil, fmt.Errorf("report_done: the receipt code must appear exactly once")
	}
	return &donePage{head: bytes.Clone(head), tail: bytes.Clone(tail)}, nil
}

// showReportDone is /report/done opened later (a bookmark, a typed
// address): the code was shown once and cannot be shown again.
func (s *Server) showReportDone(c echo.Context) error {
	p := s.printer(c)
	return s.render(c, http.StatusOK, "report_done", page{
		Printer: p, Path: "/report/done", Title: p.T("report.done.gone.title"), Nav: "report", NoIndex: true,
		Data: reportDonePage{Channels: showChannels(p, s.lib.Directory(), []officialChannel{channelPolice, channelFraudehelpdesk, channelSlachtofferhulp})},
	})
}
