package scrub

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// --- identity documents ---------------------------------------------------

var (
	// docRe finds candidates for document numbers: a run of letters and
	// digits, possibly in groups (NW3K12345, 12AB34567, 592-1234567-89).
	docRe    = regexp.MustCompile(`[A-Za-z0-9]+(?:[ .\-/][A-Za-z0-9]+){0,4}`)
	docCueRe = cueRegexp(`paspoort\w*|passport\w*|passeport\w*|reisepass\w*|passnummer|` +
		`identiteitskaart\w*|id-kaart\w*|id kaart|idkaart|identiteitsbewijs\w*|id-bewijs|id card|identity card|id-card|` +
		`carte d'identité|carte nationale d'identité|carte d’identité|cni|personalausweis\w*|ausweis\w*|` +
		`rijbewijs\w*|driving licen[cs]e|driver'?s licen[cs]e|permis de conduire|permis|führerschein\w*|` +
		`documentnummer|document ?nummer|document ?nr|document number|numéro de document|titre de séjour|verblijfsvergunning\w*|residence permit|aufenthaltstitel|` +
		`rijksregisternummer|rijksregister|numéro national|numéro de registre national|registre national|national number|national insurance number|ni number`)
)

// belgianCardRe finds the number of a Belgian identity card (eID, kids-ID,
// residence card): 591-6438000-18.
var belgianCardRe = regexp.MustCompile(`\d{3}[\-. ]?\d{7}[\-. ]?\d{2}`)

// belgianCardNumber reports whether s has the check digits of a Belgian
// identity card: its first ten digits modulo 97 (97 for 0) are its last two.
// A random twelve-digit number passes once in 97, so no cue is needed.
func belgianCardNumber(s string) bool {
	d := digitsOf(s)
	if len(d) != 12 {
		return false
	}
	n, check := 0, int(d[10]-'0')*10+int(d[11]-'0')
	for _, c := range d[:10] {
		n = (n*10 + int(c-'0')) % 97
	}
	return n == check || n == 0 && check == 97
}

// versionShapeRe is a version after a product name ("DSM 7.1.1"), which a
// document number near a cue is not.
var versionShapeRe = regexp.MustCompile(`(?:^|[ ])\d{1,3}\.\d{1,3}(?:\.\d{1,4})+$`)

// replaceDocuments replaces the numbers of passports, identity cards,
// driving licences and residence permits, and Belgian national register
// numbers, by [document]. Their forms differ by country and issue, so what
// decides is a word such as "paspoort" or "permis de conduire" at most 30
// bytes before a code of 6 to 20 letters and digits with a digit, and no
// other number between them. A date (valid until ...) is not a number.
func replaceDocuments(text string) string {
	text = replaceChecked(text, belgianCardRe, "", func(start, end int) bool {
		return standalone(text, start, end) && belgianCardNumber(text[start:end])
	}, placeholderID)
	cues := newCueFinder(text, docCueRe)
	if cues.none() {
		return text
	}
	return replaceChecked(text, docRe, " .-/", func(start, end int) bool {
		s := text[start:end]
		n, digits := 0, 0
		for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" .-/", r) }) {
			d := len(digitsOf(piece))
			if d == 0 && (len(piece) > 3 || strings.ToUpper(piece) != piece) {
				return false // a word, not part of a code
			}
			n, digits = n+len(piece), digits+d
		}
		if n < 6 || n > 20 || digits == 0 || !standalone(text, start, end) || dateShapeRe.MatchString(s) || versionShapeRe.MatchString(s) {
			return false
		}
		g, between := cues.cueBefore(start, 40)
		return g == 1 && !strings.ContainsAny(between, "0123456789[")
	}, placeholderID)
}

// --- dates of birth -------------------------------------------------------

const monthNames = `jan(?:uari|uary|vier|uar)?|feb(?:ruari|ruary|ruar)?|févr(?:ier)?|fevrier|maart|mar(?:ch|s)?|märz|apr(?:il)?|avril|mei|may|mai|jun(?:i|e)?|juin|jul(?:i|y)?|juil(?:let)?|aug(?:ustus|ust)?|août|aout|sep(?:t(?:ember|embre)?)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember)?|déc(?:embre)?`

var (
	// A date written in numbers (12-03-1985, 12.3.85, 1985-03-12), with the
	// month's name (3 March 1985, 3rd of March 1985, 12 mars 1985,
	// 12. März 1985, March 3, 1985), or a year alone (geboren in 1985).
	birthDateRe = regexp.MustCompile(`(?i)\d{1,2}[\-./ ]\d{1,2}[\-./ ](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}` +
		`|\d{1,2}(?:e|er|ème|st|nd|rd|th|\.)?(?: of)? (?:` + monthNames + `)\.?,? \d{4}` +
		`|(?:` + monthNames + `)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}` +
		`|(?:19|20)\d\d`)
	birthCueRe = cueRegexp(`geboren|geb\.|geboortedatum|geboortedag|born|date of birth|birth ?date|birthday|dob|d\.o\.b\.|` +
		`né|née|né\(e\)|date de naissance|naissance|geburtsdatum|geburtstag|jahrgang`)
)

// fullDateRe is a date in numbers with a four-digit year.
var fullDateRe = regexp.MustCompile(`^\d{1,2}[\-./ ]\d{1,2}[\-./ ](\d{4})$|^(\d{4})-\d{2}-\d{2}$`)

// birthYear reports whether date, written in numbers with its year, lies
// at least twelve years back: an incident's date does not.
func birthYear(date string) bool {
	m := fullDateRe.FindStringSubmatch(date)
	if m == nil {
		return false
	}
	year, _ := strconv.Atoi(m[1] + m[2])
	return year >= 1900 && year <= time.Now().Year()-12
}

// replaceBirthDates replaces the first date after a word such as
// "geboren", "born", "né(e) le" or "geb." by [birthdate]. Other dates are
// the incident's and stay.
func replaceBirthDates(text string) string {
	cues := newCueFinder(text, birthCueRe)
	if cues.none() {
		return text
	}
	return replaceChecked(text, birthDateRe, "", func(start, end int) bool {
		if !standalone(text, start, end) {
			return false
		}
		if g, between := cues.cueBefore(start, 20); g == 1 && !strings.ContainsAny(between, "0123456789[") {
			return true
		}
		// Further on, also in the next sentence, a whole date that can be
		// one of birth: "asked for my BSN and date of birth. I entered
		// 393363387 and 17/08/1989".
		return cues.cueWithin(start, 80, 1) && birthYear(text[start:end])
	}, placeholderBirth)
}
