package server

import (
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"cyberportal/data"
	"cyberportal/i18n"
)

var (
	stepList = regexp.MustCompile(`(?s)<ol class="steps">(.*?)</ol>`)
	stepItem = regexp.MustCompile(`(?s)<li>(.*?)</li>`)
)

// shownSteps are the texts of the numbered next steps on a done page.
func shownSteps(t *testing.T, body string) []string {
	t.Helper()
	m := stepList.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no numbered steps on the page:\n%s", mainOf(body))
	}
	var out []string
	for _, li := range stepItem.FindAllStringSubmatch(m[1], -1) {
		out = append(out, html.UnescapeString(strings.TrimSpace(li[1])))
	}
	return out
}

// TestReportNewTopicsOverHTTP sends a report of each incident type added
// for issue 11's ten topics through the real form, in every language, and
// checks the done page: the steps that fit, keeping evidence before
// blocking or reporting to a platform, the channels, and the new articles
// (and not the ones written for the other audience).
func TestReportNewTopicsOverHTTP(t *testing.T) {
	tests := []struct {
		incident, victim string
		steps            []string // in this order
		before           [2]string
		channels         []string // channel keys; their names come from the directory
		articles         []string
		notArticles      []string
	}{
		{"job_scam", "citizen", []string{"stop_paying", "keep_evidence", "id_copy_sent", "forward_no_money", "block_and_report"},
			[2]string{"keep_evidence", "block_and_report"}, []string{"police", "fraudehelpdesk", "cmi"},
			[]string{"job-and-task-scams"}, nil},
		{"romance_scam", "citizen", []string{"stop_paying", "keep_evidence", "block_and_report", "not_alone"},
			[2]string{"keep_evidence", "block_and_report"}, []string{"police", "fraudehelpdesk", "cmi", "slachtofferhulp"},
			[]string{"romance-scams"}, nil},
		{"rental_fraud", "citizen", []string{"stop_paying", "keep_evidence", "report_advert", "landlord_rules"},
			[2]string{"keep_evidence", "report_advert"}, []string{"police", "fraudehelpdesk", "cmi", "landlord_meldpunt", "legal_advice"},
			[]string{"rental-fraud"}, nil},
		{"money_mule", "citizen", []string{"mule_stop", "keep_evidence", "mule_bank", "mule_legal"},
			[2]string{"keep_evidence", "mule_bank"}, []string{"police", "legal_advice", "meld_misdaad_anoniem"},
			[]string{"money-mules"}, nil},
		{"harassment", "citizen", []string{"keep_evidence", "no_minor_images", "block_and_report", "harassment_help", "not_alone"},
			[2]string{"keep_evidence", "block_and_report"}, []string{"police", "helpwanted", "suicide_prevention"},
			[]string{"online-harassment"}, []string{"sextortion"}},
		{"data_breach", "citizen", []string{"breach_victim", "change_passwords"},
			[2]string{}, []string{"ap"},
			[]string{"my-data-leaked"}, []string{"data-breach"}},
		{"data_breach", "business", []string{"breach_contain", "breach_72h"},
			[2]string{}, []string{"ap"},
			[]string{"data-breach"}, []string{"my-data-leaked"}},
		{"helpdesk_fraud", "citizen", []string{"bank_codes", "hang_up", "remote_app"},
			[2]string{}, []string{"fraudehelpdesk"},
			[]string{"fake-customer-service", "bank-helpdesk-fraud"}, nil},
		{"invoice_fraud", "business", []string{"verify_supplier", "warn_finance"},
			[2]string{}, []string{"fraudehelpdesk"},
			[]string{"acquisition-fraud", "invoice-and-ceo-fraud", "deepfake-fraud"}, nil},
		{"friend_in_need", "citizen", []string{"verify_contact", "block_number"},
			[2]string{}, nil,
			[]string{"friend-in-need-fraud", "deepfake-fraud"}, nil},
		{"account_takeover", "citizen", []string{"recover_account"},
			[2]string{}, nil,
			[]string{"account-takeover", "phone-threats"}, nil},
		{"malware", "citizen", []string{"disconnect", "check_device"},
			[2]string{}, nil,
			[]string{"smart-devices", "phone-threats"}, nil},
	}
	s := newReportServer(t)
	for _, tt := range tests {
		for _, lang := range i18n.Languages() {
			t.Run(lang+"/"+tt.incident+"/"+tt.victim, func(t *testing.T) {
				answers := validAnswers()
				answers.Set("incident", tt.incident)
				answers.Set("victim", tt.victim)
				answers.Set("loss", "none")
				answers.Del("recovered")
				answers.Del("description")
				if tt.victim != "citizen" {
					answers.Set("company_size", "2-9")
					answers.Set("sector", "retail")
				}
				_, done, _ := sendReport(t, s, lang, answers)
				shown := shownSteps(t, done)
				// The server's catalogue, with the directory's shortcodes rendered.
				at := func(step string) int { return slices.Index(shown, s.cat.Printer(lang).T("report.step."+step)) }
				last := -1
				for _, step := range tt.steps {
					i := at(step)
					if i < 0 {
						t.Errorf("step %s is not shown: %q", step, shown)
					} else if i < last {
						t.Errorf("step %s is out of order: %q", step, shown)
					}
					last = max(last, i)
				}
				if tt.before[0] != "" && at(tt.before[0]) > at(tt.before[1]) {
					t.Errorf("%s comes after %s: %q", tt.before[0], tt.before[1], shown)
				}
				for _, ch := range tt.channels {
					mustContain(t, done, "<h3>"+html.EscapeString(channelName(t, s, ch, lang))+"</h3>")
				}
				for _, slug := range tt.articles {
					mustContain(t, done, `href="/`+lang+`/advice/`+slug+`"`)
				}
				for _, slug := range tt.notArticles {
					mustNotContain(t, done, `href="/`+lang+`/advice/`+slug+`"`)
				}
			})
		}
	}
}

// TestNewIncidentCodesInFormsAndFilters: the report form offers the new
// incident types with their labels and hints, the statistics filter accepts
// them, and staff can filter the list by them.
func TestNewIncidentCodesInFormsAndFilters(t *testing.T) {
	newCodes := []string{"job_scam", "romance_scam", "rental_fraud", "money_mule", "harassment"}
	cat, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	s := newReportServer(t)
	for _, lang := range i18n.Languages() {
		_, form := get(t, s, "/"+lang+"/report")
		res, stats := get(t, s, "/"+lang+"/statistics?incident=romance_scam")
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: statistics filtered by a new incident: %d", lang, res.StatusCode)
		}
		for _, code := range newCodes {
			mustContain(t, form, `value="`+code+`"`, html.EscapeString(cat.Message(lang, "code.incident."+code)),
				html.EscapeString(cat.Message(lang, "report.incident_hint."+code)))
			mustContain(t, stats, `value="`+code+`"`)
		}
	}

	st := newTestServer(t)
	useTestClock(st)
	c := addTestStaff(t, st, "a@example.nl", data.RoleAnalyst).session(t, st)
	addTestReport(t, st, "2026-W48", "money_mule", "new", "lent my card")
	addTestReport(t, st, "2026-W48", "phishing", "new", "a fake bank mail")
	_, body := staffGet(t, st, "/staff/reports?incident=money_mule", c)
	mustContain(t, body, "1 report found.", "lent my card", `<option value="money_mule" selected>`,
		html.EscapeString(cat.Message("en", "code.incident.money_mule")))
	mustNotContain(t, body, "a fake bank mail")
	for _, code := range newCodes {
		mustContain(t, body, `<option value="`+code+`"`)
	}
}

// channelName is the name a channel shows in lang: its directory entry's.
func channelName(t *testing.T, s *Server, key, lang string) string {
	t.Helper()
	for _, ch := range allChannels {
		if ch.Key == key {
			if b, ok := s.lib.Directory().Body(ch.Body); ok {
				return b.Name[lang]
			}
		}
	}
	t.Fatalf("no channel %q with a directory entry", key)
	return ""
}
