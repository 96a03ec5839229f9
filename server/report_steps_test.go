package server

import (
	"slices"
	"strings"
	"testing"

	"cyberportal/content"
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
			"call_bank", []string{"call_bank", "stop_contact", "keep_evidence", "phishing_account", "recovery_scam"}, []string{"bank_codes", "inform_it"},
			[]string{"police", "fraudehelpdesk", "slachtofferhulp"}, []string{"ncsc", "helpwanted", "ap"}},
		{"phishing, nothing lost", data.Report{Victim: "citizen", Incident: "phishing", Loss: "none"},
			"bank_codes", []string{"bank_codes", "keep_evidence", "phishing_account"}, []string{"call_bank", "recovery_scam"}, nil, nil},
		{"ransomware at a business", data.Report{Victim: "business", Incident: "ransomware", Loss: "none", RansomPaid: "no"},
			"disconnect", []string{"disconnect", "keep_evidence", "no_ransom", "backups", "breach_72h", "inform_it"}, []string{"paid_ransom", "call_bank"},
			[]string{"police", "ap", "ncsc", "slachtofferhulp"}, []string{"fraudehelpdesk"}},
		{"ransomware at home, ransom paid", data.Report{Victim: "citizen", Incident: "ransomware", Loss: "1000-10000", RansomPaid: "yes"},
			"call_bank", []string{"call_bank", "disconnect", "paid_ransom", "backups"}, []string{"no_ransom", "breach_72h", "inform_it"},
			nil, []string{"ap", "ncsc"}},
		{"sextortion", data.Report{Victim: "citizen", Incident: "sextortion", Loss: "none", RansomPaid: "no"},
			"stop_contact", []string{"no_ransom_sextortion", "report_images", "not_alone"}, []string{"paid_ransom"},
			[]string{"helpwanted"}, []string{"fraudehelpdesk"}},
		{"invoice fraud at an organisation", data.Report{Victim: "organisation", Incident: "invoice_fraud", Loss: "10000-100000"},
			"call_bank", []string{"call_bank", "verify_supplier", "warn_finance", "inform_it"}, nil,
			[]string{"fraudehelpdesk"}, []string{"ncsc"}},
		{"data breach, a citizen's data", data.Report{Victim: "citizen", Incident: "data_breach", Loss: "none"},
			"keep_evidence", []string{"keep_evidence", "breach_ask", "breach_victim", "change_passwords"}, []string{"breach_72h", "breach_contain"},
			[]string{"ap_citizen", "cmi"}, []string{"ap"}},
		{"sextortion: evidence before blocking, 113", data.Report{Victim: "citizen", Incident: "sextortion", Loss: "none", RansomPaid: "no"},
			"stop_contact", []string{"stop_contact", "keep_evidence", "no_ransom_sextortion", "report_images"}, nil,
			[]string{"helpwanted", "suicide_prevention"}, nil},
		{"identity fraud: the CMI first", data.Report{Victim: "citizen", Incident: "identity_fraud", Loss: "none"},
			"keep_evidence", []string{"keep_evidence", "identity_cmi", "identity_organisation"}, nil,
			[]string{"cmi", "fraudehelpdesk"}, nil},
		{"friend in need: evidence before blocking the number", data.Report{Victim: "citizen", Incident: "friend_in_need", Loss: "100-1000"},
			"call_bank", []string{"call_bank", "keep_evidence", "verify_contact", "block_number"}, nil, nil, nil},
		{"shopping fraud: consumer channels for a resident", data.Report{Victim: "citizen", Incident: "shopping_fraud", Loss: "lt100"},
			"call_bank", []string{"stop_paying", "keep_evidence", "other_party_platform", "shop_or_fraud"}, nil,
			[]string{"consuwijzer", "juridisch_loket", "ecc", "fraudehelpdesk"}, nil},
		{"investment fraud", data.Report{Victim: "citizen", Incident: "investment_fraud", Loss: "gt100000"},
			"call_bank", []string{"call_bank", "stop_paying", "recovery_scam"}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := nextSteps(&tt.r)
			if steps[0] != tt.first {
				t.Errorf("first step %s, want %s (all: %v)", steps[0], tt.first, steps)
			}
			// Evidence is kept before anything that could destroy it:
			// only the urgent steps that destroy nothing come first.
			ev := slices.Index(steps, "keep_evidence")
			if ev < 0 {
				t.Fatalf("no keep_evidence in %v", steps)
			}
			for _, st := range steps[:ev] {
				if !slices.Contains(beforeEvidence, st) {
					t.Errorf("step %s comes before keeping the evidence: %v", st, steps)
				}
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

// TestChannelsComeFromTheDirectory checks that every channel names a
// directory entry with a web address, so its contact facts are the
// directory's and no phone number is typed in code.
func TestChannelsComeFromTheDirectory(t *testing.T) {
	lib, err := content.Load(content.Files, i18n.Languages())
	if err != nil {
		t.Fatal(err)
	}
	if err := checkChannels(lib.Directory()); err != nil {
		t.Fatal(err)
	}
	bad := append(slices.Clone(allChannels), officialChannel{"nobody", "no-such-body"})
	saved := allChannels
	allChannels = bad
	defer func() { allChannels = saved }()
	if err := checkChannels(lib.Directory()); err == nil {
		t.Error("a channel without a directory entry passed")
	}
}
