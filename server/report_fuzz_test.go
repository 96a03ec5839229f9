package server

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"cyberportal/data"
	"cyberportal/data/scrub"
	"cyberportal/data/vocab"
)

// FuzzReportForm feeds arbitrary request bodies to the form decoder. It must
// never panic; a form it passes must hold only codes from the lists and
// give a report the store accepts; and the form must survive the trip
// through the check page's hidden fields unchanged.
func FuzzReportForm(f *testing.F) {
	f.Add(validAnswers().Encode())
	f.Add("victim=business&company_size=250%2B&sector=ict&incident=ransomware&ransom_paid=yes&channel=email&month=1&year=2000&municipality=elsewhere&loss=none&police=no")
	f.Add("victim=citizen&victim=business&incident=%3Cscript%3E&month=%2B1&year=2026&description=a%0D%0Ab%0Dc")
	f.Add("description=%FF%FE&month=12&year=2026&website=x&receipt=K7QM9XTDH3WP2RBF&receipt_sig=abc")
	f.Add("incident=sextortion&ransom_paid=maybe&loss=gt100000&recovered=&month=13&year=99999999999999999999")
	f.Fuzz(func(t *testing.T, body string) {
		values, err := url.ParseQuery(body)
		if err != nil {
			return // Echo refuses such a body before any handler sees it
		}
		form := readReportForm(values)
		for _, v := range form.Hidden() {
			if !utf8.ValidString(v.Value) {
				t.Fatalf("field %s is not valid UTF-8: %q", v.Name, v.Value)
			}
			if v.Name != "description" && v.Name != "clean" && len(v.Value) > maxCode {
				t.Fatalf("field %s kept %d bytes", v.Name, len(v.Value))
			}
		}
		if strings.Contains(form.Description, "\r") {
			t.Fatalf("a carriage return survives: %q", form.Description)
		}

		// Through the hidden fields and back: nothing typed is lost.
		again := url.Values{}
		for _, h := range form.Hidden() {
			again.Add(h.Name, h.Value)
		}
		if back := readReportForm(again); back != form {
			t.Fatalf("the form changed on its way through the check page:\n%+v\n%+v", form, back)
		}

		if errs := form.Validate(reportClock); len(errs) > 0 {
			return
		}
		for l, v := range map[vocab.List]string{
			vocab.Victim: form.Victim, vocab.Incident: form.Incident, vocab.Channel: form.Channel,
			vocab.Municipality: form.Municipality, vocab.Loss: form.Loss, vocab.Police: form.Police,
		} {
			if !l.Has(v) {
				t.Fatalf("%s %q passed validation", l.Name(), v)
			}
		}
		r := form.report("en", "2026-W48", scrub.Anonymise(form.Description))
		if err := r.Check(); err != nil {
			t.Fatalf("a form that passed gives a report the store refuses: %v\n%+v", err, form)
		}
		if r.IncidentYear > reportClock.Year() || (r.IncidentYear == reportClock.Year() && r.IncidentMonth > int(reportClock.Month())) {
			t.Fatalf("a month in the future passed: %d-%d", r.IncidentYear, r.IncidentMonth)
		}
		if utf8.RuneCountInString(form.Description) > data.MaxReportText {
			t.Fatalf("a description of %d runes passed", utf8.RuneCountInString(form.Description))
		}
	})
}
