package scrub

import "strings"

// officialNumbers are the phone numbers of official bodies that the portal
// itself publishes. They are no one's personal data, and staff need to see
// that a victim called them, so the scrubber keeps them as written.
//
// Their source is the directory of official bodies in content/directory/
// (one YAML file per body, key in the comment): a number added to or
// changed in the directory belongs here too, and
// TestOfficialNumbersFollowTheDirectory fails until it is. Only the digits
// count, so every spelling matches ("0900 8844", "0900-8844", "+31 900 8844").
var officialNumbers = [...]string{
	"0900-8844",        // police (NL)
	"+31 343 578 844",  // police (NL) from abroad, as the site has published it
	"088-786 73 72",    // fraudehelpdesk
	"+31 88 786 73 72", // fraudehelpdesk, phone_abroad
	"0900-0101",        // slachtofferhulp
	"0800-0113",        // 113 (the free number the articles give)
	"078 170 170",      // cardstop (BE)
	"+32 78 170 170",   // cardstop, phone_abroad
	"088-1805 250",     // autoriteit-persoonsgegevens
	"088-900 10 00",    // cmi
	"020-261 52 75",    // helpwanted
	"0900-8020",        // juridisch-loket
	"0800-7000",        // meld-misdaad-anoniem
	"116 000",          // child-focus
	// Short numbers (112, 113, police-be, 1813, 3018, 3114, 33700): no rule
	// takes them, but they belong to the list.
	"112", "113", "101", "1813", "3018", "3114", "33700",
}

// official reports whether number, in any spelling, is one of
// officialNumbers.
func official(number string) bool {
	d := nationalDigits(number)
	for _, n := range officialNumbers {
		if nationalDigits(n) == d {
			return true
		}
	}
	return false
}

// nationalDigits returns the digits of a phone number as dialled at home:
// "+31 343 578 844" and "0031 343 578 844" give "0343578844", "+32 78 ..."
// gives "078...". Only the countries whose official numbers are listed are
// turned round.
func nationalDigits(number string) string {
	d := digitsOf(strings.ReplaceAll(number, "(0)", ""))
	if strings.HasPrefix(number, "+") || strings.HasPrefix(d, "00") {
		d = strings.TrimPrefix(d, "00")
		for _, cc := range []string{"31", "32", "33", "49", "44"} {
			if strings.HasPrefix(d, cc) {
				return "0" + strings.TrimPrefix(d[len(cc):], "0")
			}
		}
	}
	return d
}

// officialHosts are the web sites of the same bodies (the directory's web
// field). A report that names one ("I read it on politie.nl") keeps it as
// written: it is no scam's address, so it is not defanged. A subdomain
// counts too; a look-alike such as politie.nl.example.com does not.
var officialHosts = [...]string{
	"113.nl", "17cyber.gouv.fr", "3018.fr", "3114.fr", "afm.nl", "amf-france.org", "autoriteitpersoonsgegevens.nl",
	"bkr.nl", "cardstop.be", "ccb.belgium.be", "cnil.fr", "consuwijzer.nl", "cybermalveillance.gouv.fr",
	"eccnederland.nl", "fraudehelpdesk.nl", "fsma.be", "gegevensbeschermingsautoriteit.be", "gemeentemaastricht.nl",
	"goedverhuurderschapmaastricht.nl", "helpwanted.nl", "igvm-iefh.belgium.be", "internet-signalement.gouv.fr",
	"juridischloket.nl", "meldmisdaadanoniem.nl", "meldpunt.belgie.be", "nationaleombudsman.nl", "nbb.be", "ncsc.nl",
	"nomoreransom.org", "police.be", "policeonweb.belgium.be", "politie.nl", "portal.onlinewache.polizei.de",
	"rvig.nl", "safeonweb.be", "service-public.fr", "slachtofferhulp.nl", "zelfmoord1813.be",
}

// officialHost reports whether link (with or without a scheme, defanged or
// not) is on one of officialHosts.
func officialHost(link string) bool {
	if loc := schemeRe.FindStringIndex(link); loc != nil {
		link = link[loc[1]:]
	}
	if i := strings.IndexAny(link, "/?#"); i >= 0 {
		link = link[:i]
	}
	host := strings.ToLower(strings.ReplaceAll(link, "[.]", "."))
	for _, h := range officialHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}
