package server

import (
	"slices"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/i18n"
)

// The next steps after a report: numbered things to do now, official
// channels and advice articles, chosen by incident, victim and loss. Steps
// and channels are translation keys under report.step. and report.channel.

// incidentSteps are the first things to do for each incident type, most
// urgent first; "incident/citizen" overrides for private persons where a
// business's steps do not fit. Steps that depend on loss or victim are added
// by nextSteps.
var incidentSteps = map[string][]string{
	"ransomware/citizen":  {"disconnect", "no_ransom", "backups"},
	"data_breach/citizen": {"breach_victim", "change_passwords", "identity_watch"},
	"phishing":            {"stop_contact", "phishing_account"},
	"helpdesk_fraud":      {"hang_up", "remote_app"},
	"friend_in_need":      {"verify_contact", "block_number"},
	"shopping_fraud":      {"stop_paying", "seller_platform"},
	"investment_fraud":    {"stop_paying", "recovery_scam"},
	"invoice_fraud":       {"verify_supplier", "warn_finance"},
	"ransomware":          {"disconnect", "no_ransom", "backups", "breach_72h"},
	"malware":             {"disconnect", "check_device", "change_passwords"},
	"account_takeover":    {"recover_account", "change_passwords", "warn_contacts"},
	"ddos":                {"contact_provider", "no_ransom"},
	"sextortion":          {"stop_contact", "no_ransom_sextortion", "report_images", "not_alone"},
	"identity_fraud":      {"identity_organisation", "identity_document", "identity_watch"},
	"data_breach":         {"breach_contain", "breach_72h", "breach_inform"},
	"other":               {"stop_contact", "change_passwords"},
	// Keeping evidence is named where it belongs: before blocking,
	// reporting to a platform or deleting anything.
	"job_scam":     {"stop_paying", "keep_evidence", "id_copy_sent", "forward_no_money", "block_and_report"},
	"romance_scam": {"stop_paying", "keep_evidence", "block_and_report", "id_copy_sent", "not_alone"},
	"rental_fraud": {"stop_paying", "keep_evidence", "id_copy_sent", "report_advert", "landlord_rules"},
	"money_mule":   {"mule_stop", "keep_evidence", "mule_bank", "mule_legal", "not_alone"},
	"harassment":   {"keep_evidence", "no_minor_images", "block_and_report", "harassment_help", "not_alone"},
}

// giveAwayIncidents are incidents where a victim may have handed over bank
// details or codes without losing money yet.
var giveAwayIncidents = []string{"phishing", "helpdesk_fraud", "account_takeover"}

// nextSteps lists the do-now steps for a report, as step names: the bank
// first when money went, then the incident's own steps, then what fits the
// victim and the loss, and keeping evidence last.
func nextSteps(r *data.Report) []string {
	var steps []string
	add := func(names ...string) {
		for _, n := range names {
			if !slices.Contains(steps, n) {
				steps = append(steps, n)
			}
		}
	}
	lost := r.Loss != "" && r.Loss != "none"
	if lost {
		add("call_bank")
	} else if slices.Contains(giveAwayIncidents, r.Incident) {
		add("bank_codes")
	}
	own, ok := incidentSteps[r.Incident+"/"+r.Victim]
	if !ok {
		own = incidentSteps[r.Incident]
	}
	for _, step := range own {
		if r.RansomPaid == "yes" && (step == "no_ransom" || step == "no_ransom_sextortion") {
			add("paid_ransom") // "do not pay" reads as blame to someone who has
			continue
		}
		add(step)
	}
	if r.Victim == "business" || r.Victim == "organisation" {
		add("inform_it")
	}
	if lost {
		add("recovery_scam")
	}
	add("keep_evidence")
	return steps
}

// officialChannel is an organisation a victim can turn to. Phone numbers
// are only those on this list, checked by a test.
type officialChannel struct {
	Key   string // report.channel.<key>.name and .text
	URL   string
	Phone string // shown as a tel: link; "" when there is none to give
}

var (
	channelPolice          = officialChannel{"police", "https://www.politie.nl", "0900-8844"}
	channelFraudehelpdesk  = officialChannel{"fraudehelpdesk", "https://www.fraudehelpdesk.nl", ""}
	channelHelpwanted      = officialChannel{"helpwanted", "https://www.helpwanted.nl", ""}
	channelAP              = officialChannel{"ap", "https://www.autoriteitpersoonsgegevens.nl", ""}
	channelDTC             = officialChannel{"dtc", "https://www.digitaltrustcenter.nl", ""}
	channelSlachtofferhulp = officialChannel{"slachtofferhulp", "https://www.slachtofferhulp.nl", "0900-0101"}
)

// allChannels are every official channel, for the key test.
var allChannels = []officialChannel{channelPolice, channelFraudehelpdesk, channelHelpwanted, channelAP, channelDTC, channelSlachtofferhulp}

// fraudIncidents are the incidents the Fraudehelpdesk handles.
var fraudIncidents = []string{"phishing", "helpdesk_fraud", "friend_in_need", "shopping_fraud", "investment_fraud",
	"invoice_fraud", "account_takeover", "identity_fraud", "job_scam", "romance_scam", "rental_fraud", "other"}

// channelsFor are the official channels for a report: always the police
// (for the aangifte) and victim support, and the specialists that fit.
func channelsFor(r *data.Report) []officialChannel {
	out := []officialChannel{channelPolice}
	if slices.Contains(fraudIncidents, r.Incident) {
		out = append(out, channelFraudehelpdesk)
	}
	if r.Incident == "sextortion" || r.Incident == "harassment" {
		out = append(out, channelHelpwanted)
	}
	business := r.Victim == "business" || r.Victim == "organisation"
	if r.Incident == "data_breach" || (r.Incident == "ransomware" && business) {
		out = append(out, channelAP)
	}
	if r.Victim == "business" {
		out = append(out, channelDTC)
	}
	return append(out, channelSlachtofferhulp)
}

// shownChannel is a channel with its words in the page's language.
type shownChannel struct {
	Name, Text, URL, Host, Phone, Tel string
}

func showChannels(p *i18n.Printer, list []officialChannel) []shownChannel {
	out := make([]shownChannel, 0, len(list))
	for _, ch := range list {
		host := ch.URL[len("https://"):]
		if len(host) > 4 && host[:4] == "www." {
			host = host[4:]
		}
		tel := ""
		for _, r := range ch.Phone {
			if r >= '0' && r <= '9' {
				tel += string(r)
			}
		}
		out = append(out, shownChannel{
			Name: p.T("report.channel." + ch.Key + ".name"), Text: p.T("report.channel." + ch.Key + ".text"),
			URL: ch.URL, Host: host, Phone: ch.Phone, Tel: tel,
		})
	}
	return out
}

// alsoAdvice are articles about another threat that also fit an incident:
// a deepfake is how some invoice fraud is done, and malware often sits on a
// phone.
var alsoAdvice = map[string][]string{
	"invoice_fraud": {"deepfake-fraud"},
	"malware":       {"phone-threats"},
}

// adviceFor is the advice that fits a report: the articles on its incident
// written for the victim's audience (all of them when none is), the
// articles that also fit, and the first-hour article when money went.
func adviceFor(lib *content.Library, lang string, r *data.Report) []*content.Article {
	all := lib.ForThreat(lang, r.Incident)
	for _, slug := range alsoAdvice[r.Incident] {
		if a, ok := lib.Get(lang, slug); ok {
			all = append(all, a)
		}
	}
	audience := content.AudienceCitizens
	if r.Victim == "business" || r.Victim == "organisation" {
		audience = content.AudienceBusiness
	}
	var out []*content.Article
	for _, a := range all {
		if a.Audience == audience || a.Audience == content.AudienceBoth {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = all
	}
	if r.Loss != "" && r.Loss != "none" {
		if a, ok := lib.Get(lang, "scammed-first-hour"); ok {
			out = append([]*content.Article{a}, out...)
		}
	}
	return out
}
