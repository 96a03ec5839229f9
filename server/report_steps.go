package server

import (
	"fmt"
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
// by nextSteps, and keeping evidence is put before anything that blocks or
// deletes.
var incidentSteps = map[string][]string{
	"ransomware/citizen":  {"disconnect", "no_ransom", "backups"},
	"data_breach/citizen": {"breach_ask", "breach_victim", "change_passwords", "identity_watch"},
	"phishing":            {"stop_contact", "phishing_account"},
	"helpdesk_fraud":      {"hang_up", "remote_app"},
	"friend_in_need":      {"verify_contact", "block_number"},
	"shopping_fraud":      {"stop_paying", "other_party_platform", "shop_or_fraud"},
	"investment_fraud":    {"stop_paying", "recovery_scam"},
	"invoice_fraud":       {"verify_supplier", "warn_finance"},
	"ransomware":          {"disconnect", "no_ransom", "backups", "breach_72h"},
	"malware":             {"disconnect", "check_device", "change_passwords"},
	"account_takeover":    {"recover_account", "change_passwords", "warn_contacts"},
	"ddos":                {"contact_provider", "no_ransom"},
	"sextortion":          {"stop_contact", "no_ransom_sextortion", "report_images", "not_alone"},
	"identity_fraud":      {"identity_cmi", "identity_organisation", "identity_document", "identity_watch"},
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

// beforeEvidence are steps urgent enough to come before keeping evidence
// and that destroy none: calling the bank, hanging up, stopping contact or
// payments, taking a device off the network without switching it off. Every other
// step (blocking, deleting, resetting, recovering) comes after it.
var beforeEvidence = []string{"call_bank", "bank_codes", "hang_up", "stop_contact", "disconnect", "stop_paying", "mule_stop"}

// giveAwayIncidents are incidents where a victim may have handed over bank
// details or codes without losing money yet.
var giveAwayIncidents = []string{"phishing", "helpdesk_fraud", "account_takeover"}

// nextSteps lists the do-now steps for a report, as step names: the bank
// first when money went, then the incident's own steps with keeping the
// evidence before the first one that could destroy it, then what fits the
// victim and the loss.
func nextSteps(r *data.Report) []string {
	var steps []string
	add := func(names ...string) {
		for _, n := range names {
			if !slices.Contains(steps, n) {
				if n != "keep_evidence" && !slices.Contains(beforeEvidence, n) && !slices.Contains(steps, "keep_evidence") {
					steps = append(steps, "keep_evidence")
				}
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

// officialChannel is an organisation a victim can turn to: what it does for
// this reporter is a message (report.channel.<key>.text); its name, web
// address and phone number come from its directory entry, the one source of
// contact facts.
type officialChannel struct {
	Key  string // report.channel.<key>.text
	Body string // content/directory/<body>.yaml
}

var (
	channelPolice          = officialChannel{"police", "police"}
	channelFraudehelpdesk  = officialChannel{"fraudehelpdesk", "fraudehelpdesk"}
	channelHelpwanted      = officialChannel{"helpwanted", "helpwanted"}
	channel113             = officialChannel{"suicide_prevention", "113"}
	channelAP              = officialChannel{"ap", "autoriteit-persoonsgegevens"}
	channelAPCitizen       = officialChannel{"ap_citizen", "autoriteit-persoonsgegevens"}
	channelNCSC            = officialChannel{"ncsc", "ncsc"}
	channelCMI             = officialChannel{"cmi", "cmi"}
	channelJuridischLoket  = officialChannel{"juridisch_loket", "juridisch-loket"}
	channelConsuWijzer     = officialChannel{"consuwijzer", "consuwijzer"}
	channelECC             = officialChannel{"ecc", "ecc-nl"}
	channelSlachtofferhulp = officialChannel{"slachtofferhulp", "slachtofferhulp"}
	channelLegalAdvice     = officialChannel{"legal_advice", "juridisch-loket"}
	channelLandlord        = officialChannel{"landlord_meldpunt", "goed-verhuurderschap-maastricht"}
	channelMMA             = officialChannel{"meld_misdaad_anoniem", "meld-misdaad-anoniem"}
)

// allChannels are every official channel, for the key and directory tests.
var allChannels = []officialChannel{channelPolice, channelFraudehelpdesk, channelHelpwanted, channel113, channelAP,
	channelAPCitizen, channelNCSC, channelCMI, channelJuridischLoket, channelConsuWijzer, channelECC, channelSlachtofferhulp,
	channelLegalAdvice, channelLandlord, channelMMA}

// fraudIncidents are the incidents the Fraudehelpdesk handles.
var fraudIncidents = []string{"phishing", "helpdesk_fraud", "friend_in_need", "shopping_fraud", "investment_fraud",
	"invoice_fraud", "account_takeover", "identity_fraud", "job_scam", "romance_scam", "rental_fraud", "other"}

// channelsFor are the official channels for a report: always the police
// (for the aangifte) and victim support, and the specialists that fit.
func channelsFor(r *data.Report) []officialChannel {
	out := []officialChannel{channelPolice}
	business := r.Victim == "business" || r.Victim == "organisation"
	if r.Incident == "identity_fraud" {
		out = append(out, channelCMI)
	}
	if slices.Contains(fraudIncidents, r.Incident) {
		out = append(out, channelFraudehelpdesk)
	}
	if r.Incident == "shopping_fraud" && !business {
		out = append(out, channelConsuWijzer, channelJuridischLoket, channelECC)
	}
	if r.Incident == "sextortion" || r.Incident == "harassment" {
		out = append(out, channelHelpwanted)
	}
	if r.Incident == "sextortion" || r.Incident == "harassment" {
		out = append(out, channel113)
	}
	switch r.Incident {
	case "job_scam", "romance_scam":
		out = append(out, channelCMI) // scammers often ask for a copy of an ID
	case "rental_fraud":
		out = append(out, channelCMI, channelLandlord, channelLegalAdvice)
	case "money_mule":
		out = append(out, channelLegalAdvice, channelMMA)
	}
	switch {
	case r.Incident == "data_breach" && !business:
		out = append(out, channelAPCitizen, channelCMI)
	case r.Incident == "data_breach" || (r.Incident == "ransomware" && business):
		out = append(out, channelAP)
	}
	if r.Victim == "business" {
		out = append(out, channelNCSC)
	}
	return append(out, channelSlachtofferhulp)
}

// shownChannel is a channel with its words in the page's language.
type shownChannel struct {
	Name, Text, URL, Host, Phone, Tel string
}

// showChannels puts the channels' words and the directory's contact facts
// together. Every channel's body is checked at start-up
// (checkChannels), so a missing one here is a programming error.
func showChannels(p *i18n.Printer, dir *content.Directory, list []officialChannel) []shownChannel {
	out := make([]shownChannel, 0, len(list))
	for _, ch := range list {
		b, ok := dir.Body(ch.Body)
		if !ok {
			continue
		}
		out = append(out, shownChannel{
			Name: b.Name[p.Lang()], Text: p.T("report.channel." + ch.Key + ".text"),
			URL: b.Web, Host: content.WebText(b.Web), Phone: b.Phone, Tel: content.Tel(b.Phone),
		})
	}
	return out
}

// checkChannels fails when a channel names a body the directory lacks or
// one without a web address, so the next-steps page never shows a channel
// without its contact.
func checkChannels(dir *content.Directory) error {
	for _, ch := range allChannels {
		b, ok := dir.Body(ch.Body)
		if !ok {
			return fmt.Errorf("server: report channel %s: no directory entry %q", ch.Key, ch.Body)
		}
		if b.Web == "" {
			return fmt.Errorf("server: report channel %s: directory entry %q has no web address", ch.Key, ch.Body)
		}
	}
	return nil
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
