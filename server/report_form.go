package server

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// reportForm is the report form as sent: each answer the code the form
// offers, the description as typed. It travels between the steps in hidden
// fields, so the server keeps no state between them.
type reportForm struct {
	Victim, CompanySize, Sector, Incident, Channel string
	Month, Year                                    string
	Municipality, Loss, Recovered, RansomPaid      string
	Police                                         string
	Description                                    string
	Website                                        string // the honeypot: people leave it empty
	Receipt, ReceiptSig                            string // the code this report will get, signed by us
	Clean, CleanSig                                string // the anonymised description the check page showed, signed
}

// reportFields are the form's field names, in the order of the page.
var reportFields = []string{"victim", "company_size", "sector", "incident", "channel", "month", "year",
	"municipality", "loss", "recovered", "ransom_paid", "police", "description", "website", "receipt", "receipt_sig",
	"clean", "clean_sig"}

// fields maps each field name to its place in the struct.
func (f *reportForm) fields() []*string {
	return []*string{&f.Victim, &f.CompanySize, &f.Sector, &f.Incident, &f.Channel, &f.Month, &f.Year,
		&f.Municipality, &f.Loss, &f.Recovered, &f.RansomPaid, &f.Police, &f.Description, &f.Website,
		&f.Receipt, &f.ReceiptSig, &f.Clean, &f.CleanSig}
}

// maxCode is longer than any code on our lists; longer values are cut so a
// tampered field cannot make us echo kilobytes back in every hidden field.
const maxCode = 40

// readReportForm decodes the posted form. It never fails: anything odd
// (a repeated field, invalid UTF-8, an unknown code) is kept as text for
// Validate to reject, and the description's line breaks are made "\n" so
// that its length is counted as the reporter sees it.
func readReportForm(v url.Values) reportForm {
	var f reportForm
	for i, p := range f.fields() {
		name := reportFields[i]
		s := strings.ToValidUTF8(v.Get(name), "\uFFFD")
		if name == "description" || name == "clean" {
			s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		} else {
			s = strings.TrimSpace(s)
			if len(s) > maxCode {
				cut := maxCode
				for cut > 0 && !utf8.RuneStart(s[cut]) {
					cut--
				}
				s = strings.TrimSpace(s[:cut])
			}
		}
		*p = s
	}
	return f
}

// hiddenField is one answer carried to the next step.
type hiddenField struct{ Name, Value string }

// Hidden is the form as hidden fields, for the check page.
func (f reportForm) Hidden() []hiddenField {
	out := make([]hiddenField, 0, len(reportFields))
	for i, p := range f.fields() {
		out = append(out, hiddenField{reportFields[i], *p})
	}
	return out
}

// reportError is a problem with one answer: the field's name, the id the
// error summary links to, and the message's translation key and arguments.
type reportError struct {
	Field, ID, Key string
	Args           []any
}

// text is the message in p's language; numbers get its digit grouping.
func (e *reportError) text(p *i18n.Printer) string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		if n, ok := a.(int); ok {
			a = p.Int(n)
		}
		args[i] = a
	}
	return p.T(e.Key, args...)
}

// reportErrors are a form's problems in the order of the page.
type reportErrors []reportError

// For is the error of a field, or nil.
func (e reportErrors) For(field string) *reportError {
	for i := range e {
		if e[i].Field == field {
			return &e[i]
		}
	}
	return nil
}

// asksBusiness, asksRecovered and asksRansom say which follow-up questions
// apply to the answers given; the others are not stored.
func (f *reportForm) asksBusiness() bool { return f.Victim == "business" }
func (f *reportForm) asksRecovered() bool {
	return vocab.Loss.Has(f.Loss) && f.Loss != "none"
}
func (f *reportForm) asksRansom() bool { return vocab.AsksRansom(f.Incident) }

// incidentMonth is the month and year as numbers, if both are on the lists.
func (f *reportForm) incidentMonth() (year, month int, ok bool) {
	m, err1 := strconv.Atoi(f.Month)
	y, err2 := strconv.Atoi(f.Year)
	if err1 != nil || err2 != nil || strconv.Itoa(m) != f.Month || strconv.Itoa(y) != f.Year {
		return 0, 0, false
	}
	return y, m, m >= 1 && m <= 12 && y >= data.FirstReportYear && y <= 9999
}

// Validate checks every answer against its list, in the order of the page.
// now is the reporter's local time, for "not in the future". Answers to
// questions that do not apply (a sector for a private person) are not
// checked: they are not stored.
func (f *reportForm) Validate(now time.Time) reportErrors {
	var errs reportErrors
	check := func(l vocab.List, value string) {
		if !l.Has(value) {
			errs = append(errs, reportError{Field: l.Name(), ID: l.Name(), Key: "report.error." + l.Name()})
		}
	}
	check(vocab.Victim, f.Victim)
	if f.asksBusiness() {
		check(vocab.CompanySize, f.CompanySize)
		check(vocab.Sector, f.Sector)
	}
	check(vocab.Incident, f.Incident)
	check(vocab.Channel, f.Channel)
	if y, m, ok := f.incidentMonth(); !ok {
		errs = append(errs, reportError{Field: "when", ID: "month", Key: "report.error.when"})
	} else if y > now.Year() || (y == now.Year() && m > int(now.Month())) {
		errs = append(errs, reportError{Field: "when", ID: "month", Key: "report.error.when_future"})
	}
	check(vocab.Municipality, f.Municipality)
	check(vocab.Loss, f.Loss)
	if f.asksRecovered() {
		check(vocab.Recovered, f.Recovered)
	}
	if f.asksRansom() {
		check(vocab.RansomPaid, f.RansomPaid)
	}
	check(vocab.Police, f.Police)
	if n := utf8.RuneCountInString(f.Description); n > data.MaxReportText {
		errs = append(errs, reportError{Field: "description", ID: "description", Key: "report.error.text_long",
			Args: []any{data.MaxReportText, n}})
	}
	return errs
}

// report is the valid form as the report to store: only the answers that
// apply, and description, the anonymised text.
func (f *reportForm) report(lang, week, description string) *data.Report {
	y, m, _ := f.incidentMonth()
	r := &data.Report{
		Lang: lang, Week: week, Victim: f.Victim, Incident: f.Incident, Channel: f.Channel,
		IncidentYear: y, IncidentMonth: m, Municipality: f.Municipality, Loss: f.Loss, Police: f.Police,
		Description: description,
	}
	if f.asksBusiness() {
		r.CompanySize, r.Sector = f.CompanySize, f.Sector
	}
	if f.asksRecovered() {
		r.Recovered = f.Recovered
	}
	if f.asksRansom() {
		r.RansomPaid = f.RansomPaid
	}
	return r
}

// choiceOption is one radio button or select option.
type choiceOption struct {
	ID, Value, Label, Hint string
	Checked                bool
}

// choiceField is a question with fixed answers, ready for the template:
// labels translated, the reporter's answer checked, its error if any.
type choiceField struct {
	Name, Legend, Hint string
	Error              string // translated message, "" when the answer is fine
	ErrorPrefix        string // "Error:" for screen readers
	Options            []choiceOption
}

// DescribedBy is the fieldset's aria-describedby: its hint and error.
func (c choiceField) DescribedBy() string {
	var ids []string
	if c.Hint != "" {
		ids = append(ids, c.Name+"-hint")
	}
	if c.Error != "" {
		ids = append(ids, c.Name+"-error")
	}
	return strings.Join(ids, " ")
}

// choice builds a question whose options are the codes of list, labelled
// by the messages labels+code (such as code.victim.citizen); the first
// option's id is the field's name, which the error summary links to.
func choice(p *i18n.Printer, errs reportErrors, name, legend, hint, labels string, list []string, answer string) choiceField {
	c := choiceField{Name: name, Legend: legend, Hint: hint, ErrorPrefix: p.T("report.error_prefix")}
	if e := errs.For(name); e != nil {
		c.Error = e.text(p)
	}
	for i, code := range list {
		id := name
		if i > 0 {
			id = name + "-" + strings.NewReplacer("+", "plus", "_", "-").Replace(code)
		}
		c.Options = append(c.Options, choiceOption{ID: id, Value: code, Label: p.T(labels + code), Checked: code == answer})
	}
	return c
}
