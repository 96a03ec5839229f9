// Package vocab is the vocabulary of an anonymous report: the fixed lists
// its answers come from, and the ISO week it keeps instead of a time. Every
// other place that needs a code (the form, the store's guard, the next steps,
// the articles' threats, the statistics, the demo data) takes it from here,
// so adding a code is one line in this file plus its labels in the
// catalogues (code.<list>.<code>); the tests of the packages that use a code
// name whatever else a new code needs.
package vocab

import "slices"

// List is one of a report's answer lists.
type List int

// The answer lists, in the order the form asks them.
const (
	Victim List = iota
	CompanySize
	Sector
	Incident
	Channel
	Municipality
	Loss
	Recovered
	RansomPaid
	Police
)

// lists holds each list's codes in the order pages show them. Codes are
// stored in the database and published in statistics: never rename one.
var lists = [...]struct {
	name  string // as errors and the form's fields name the list
	label string // the catalogues' key for a code's label, without the code
	codes []string
}{
	Victim:      {"victim", "code.victim.", []string{"citizen", "business", "organisation"}},
	CompanySize: {"company_size", "code.size.", []string{"1", "2-9", "10-49", "50-249", "250+"}},
	Sector: {"sector", "code.sector.", []string{"retail", "hospitality", "construction", "healthcare", "professional_services",
		"ict", "manufacturing", "transport", "education", "other"}},
	// A new incident code goes here, before "other"; add its labels
	// (code.incident.<code>, report.incident_hint.<code>) and its steps
	// (server/report_steps.go), and the tests will name anything missing.
	Incident: {"incident", "code.incident.", []string{"phishing", "helpdesk_fraud", "friend_in_need", "shopping_fraud",
		"investment_fraud", "invoice_fraud", "ransomware", "malware", "account_takeover", "ddos", "sextortion",
		"identity_fraud", "data_breach", "job_scam", "romance_scam", "rental_fraud", "money_mule", "harassment", "other"}},
	Channel: {"channel", "code.channel.", []string{"email", "sms", "phone", "messaging_app", "social_media", "website", "marketplace",
		"in_person", "other"}},
	// Maastricht and its neighbours in South Limburg, then everything else.
	Municipality: {"municipality", "code.municipality.", []string{"maastricht", "eijsden-margraten", "meerssen", "valkenburg",
		"gulpen-wittem", "sittard-geleen", "beek", "stein", "heerlen", "kerkrade", "elsewhere"}},
	Loss:       {"loss", "code.loss.", []string{"none", "lt100", "100-1000", "1000-10000", "10000-100000", "gt100000"}},
	Recovered:  {"recovered", "code.recovered.", []string{"yes", "no", "partly"}},
	RansomPaid: {"ransom_paid", "code.ransom.", []string{"yes", "no"}},
	Police:     {"police", "code.police.", []string{"yes", "no", "plan"}},
}

// Lists are all answer lists, in the order the form asks them.
func Lists() []List {
	out := make([]List, len(lists))
	for i := range out {
		out[i] = List(i)
	}
	return out
}

// Codes are the list's codes in the order pages show them; a fresh copy,
// so no caller can change the vocabulary for the others.
func (l List) Codes() []string { return slices.Clone(lists[l].codes) }

// Has reports whether code is one of the list's codes.
func (l List) Has(code string) bool { return slices.Contains(lists[l].codes, code) }

// Name is the list's name as the form's fields and the store's errors
// use it: "victim", "company_size", "ransom_paid".
func (l List) Name() string { return lists[l].name }

// LabelPrefix is where the catalogues keep the labels of the list's codes:
// a code's label is LabelPrefix()+code, as in code.incident.phishing.
func (l List) LabelPrefix() string { return lists[l].label }

// ransomIncidents are the incidents where criminals demand a ransom.
var ransomIncidents = [...]string{"ransomware", "sextortion"}

// AsksRansom reports whether the form asks if a ransom was paid: only for
// incidents where criminals demand one.
func AsksRansom(incident string) bool { return slices.Contains(ransomIncidents[:], incident) }
