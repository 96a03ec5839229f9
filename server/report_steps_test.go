package server

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

func TestNextSteps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                  string
		r                     data.Report
		first                 string   // the most urgent step
		want, notWant         []string // steps, in this order where several
		channels, notChannels []string
	}{
		{"phishing, money lost", data.Report{Victim: "citizen", Incident: "phishing", Loss: "100-1000"},
			"call_bank", []string{"call_bank", "phishing_account", "recovery_scam", "keep_evidence"}, []string{"bank_codes", "inform_it"},
			[]string{"police", "fraudehelpdesk", "slachtofferhulp"}, []string{"dtc", "helpwanted", "ap"}},
		{"phishing, nothing lost", data.Report{Victim: "citizen", Incident: "phishing", Loss: "none"},
			"bank_codes", []string{"bank_codes", "phishing_account", "keep_evidence"}, []string{"call_bank", "recovery_scam"}, nil, nil},
		{"ransomware at a business", data.Report{Victim: "business", Incident: "ransomware", Loss: "none", RansomPaid: "no"},
			"disconnect", []string{"disconnect", "no_ransom", "backups", "breach_72h", "inform_it", "keep_evidence"}, []string{"paid_ransom", "call_bank"},
			[]string{"police", "ap", "dtc", "slachtofferhulp"}, []string{"fraudehelpdesk"}},
		{"ransomware at home, ransom paid", data.Report{Victim: "citizen", Incident: "ransomware", Loss: "1000-10000", RansomPaid: "yes"},
			"call_bank", []string{"call_bank", "disconnect", "paid_ransom", "backups"}, []string{"no_ransom", "breach_72h", "inform_it"},
			nil, []string{"ap", "dtc"}},
		{"sextortion", data.Report{Victim: "citizen", Incident: "sextortion", Loss: "none", RansomPaid: "no"},
			"stop_contact", []string{"no_ransom_sextortion", "report_images", "not_alone"}, []string{"paid_ransom"},
			[]string{"helpwanted"}, []string{"fraudehelpdesk"}},
		{"invoice fraud at an organisation", data.Report{Victim: "organisation", Incident: "invoice_fraud", Loss: "10000-100000"},
			"call_bank", []string{"call_bank", "verify_supplier", "warn_finance", "inform_it"}, nil,
			[]string{"fraudehelpdesk"}, []string{"dtc"}},
		{"data breach, a citizen's data", data.Report{Victim: "citizen", Incident: "data_breach", Loss: "none"},
			"breach_victim", []string{"breach_victim", "change_passwords"}, []string{"breach_72h", "breach_contain"},
			[]string{"ap"}, nil},
		{"investment fraud", data.Report{Victim: "citizen", Incident: "investment_fraud", Loss: "gt100000"},
			"call_bank", []string{"call_bank", "stop_paying", "recovery_scam"}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := nextSteps(&tt.r)
			if steps[0] != tt.first {
				t.Errorf("first step %s, want %s (all: %v)", steps[0], tt.first, steps)
			}
			if steps[len(steps)-1] != "keep_evidence" {
				t.Errorf("last step %s, want keep_evidence", steps[len(steps)-1])
			}
			last := -1
			for _, w := range tt.want {
				i := slices.Index(steps, w)
				if i < 0 {
					t.Errorf("no step %s in %v", w, steps)
				} else if i < last {
					t.Errorf("step %s out of order in %v", w, steps)
				}
				last = max(last, i)
			}
			for _, w := range tt.notWant {
				if slices.Contains(steps, w) {
					t.Errorf("step %s does not fit: %v", w, steps)
				}
			}
			var keys []string
			for _, ch := range channelsFor(&tt.r) {
				keys = append(keys, ch.Key)
			}
			if keys[0] != "police" {
				t.Errorf("channels start with %s, want the police (for the aangifte)", keys[0])
			}
			for _, w := range tt.channels {
				if !slices.Contains(keys, w) {
					t.Errorf("no channel %s in %v", w, keys)
				}
			}
			for _, w := range tt.notChannels {
				if slices.Contains(keys, w) {
					t.Errorf("channel %s does not fit: %v", w, keys)
				}
			}
		})
	}
}

// TestEveryIncidentHasStepsAndAdvice checks that no incident type leaves a
// reporter without its own steps or without a matching article.
func TestEveryIncidentHasStepsAndAdvice(t *testing.T) {
	t.Parallel()
	s := newReportServer(t)
	for _, incident := range vocab.Incident.Codes() {
		if len(incidentSteps[incident]) == 0 {
			t.Errorf("%s has no steps of its own: add them to incidentSteps in report_steps.go", incident)
		}
		for _, lang := range i18n.Languages() {
			r := &data.Report{Victim: "citizen", Incident: incident, Loss: "none"}
			if incident != "other" && len(adviceFor(s.lib, lang, r)) == 0 {
				t.Errorf("%s/%s: no advice article: write one with threat: %[2]s in content/{nl,en,fr}", lang, incident)
			}
		}
	}
	for key := range incidentSteps {
		incident, _, _ := strings.Cut(key, "/")
		if !vocab.Incident.Has(incident) {
			t.Errorf("steps for unknown incident %q", key)
		}
	}
	for _, incident := range slices.Concat(giveAwayIncidents, fraudIncidents) {
		if !vocab.Incident.Has(incident) {
			t.Errorf("%q in giveAwayIncidents or fraudIncidents is not an incident code", incident)
		}
	}
}

// TestOnlyListedPhoneNumbers scans every report message and channel for
// phone numbers: only the police's and Slachtofferhulp's may appear, so an
// outdated or invented number cannot slip in.
func TestOnlyListedPhoneNumbers(t *testing.T) {
	t.Parallel()
	allowed := map[string]bool{"0900-8844": true, "0900-0101": true}
	phone := regexp.MustCompile(`\b0\d{2,3}[- ]?\d{3,4}(?:[- ]?\d{2,4})*\b|\b11\d\b|\+\d{2}[\d -]{6,}`)
	cat, err := i18n.Load(i18n.Locales)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages() {
		for _, key := range cat.Keys(lang) {
			if !strings.HasPrefix(key, "report.") && !strings.HasPrefix(key, "code.") {
				continue
			}
			msg := strings.NewReplacer("72", "", "5.000", "", "5,000", "", "5\u202f000", "").Replace(cat.Message(lang, key))
			for _, m := range phone.FindAllString(msg, -1) {
				if !allowed[m] && !strings.Contains(m, "€") {
					t.Errorf("%s %s: phone number %q is not on the list", lang, key, m)
				}
			}
		}
	}
	for _, ch := range allChannels {
		if ch.Phone != "" && !allowed[ch.Phone] {
			t.Errorf("channel %s: phone %q is not on the list", ch.Key, ch.Phone)
		}
		if !strings.HasPrefix(ch.URL, "https://www.") {
			t.Errorf("channel %s: URL %q", ch.Key, ch.URL)
		}
	}
}
