package scrub

import (
	"html"
	"net/netip"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
)

// Placeholders that stand in for removed personal data, one for each of
// Kinds. They contain no digits, dots or @, so no rule can match them on a
// later pass.
const (
	placeholderEmail   = "[email]"
	placeholderPhone   = "[phone]"
	placeholderIBAN    = "[iban]"
	placeholderCard    = "[card]"
	placeholderBSN     = "[bsn]"
	placeholderIP      = "[ip]"
	placeholderAddress = "[address]"
	placeholderName    = "[name]"
	placeholderPlate   = "[plate]"
	placeholderBirth   = "[birthdate]"
	placeholderID      = "[document]"
	placeholderToken   = "[token]"
)

// maxPasses bounds how often the whole pipeline runs. Removing one item can
// expose another (a neighbour that blocked a match is gone), so Anonymise
// repeats until nothing changes. Usually the second pass changes nothing;
// in 200,000 random inputs none needed more than two changing passes.
const maxPasses = 4

// Anonymise turns a victim's free-text description into text that may be
// stored: markup is stripped, personal data (e-mail addresses, phone numbers,
// IBANs, payment cards, BSNs, IP addresses, Dutch postal addresses) is
// replaced by placeholders such as "[phone]", and web addresses, which are
// evidence of the scam, are kept but defanged ("hxxps://evil[.]example") so
// they can never become links. The result is plain text, not HTML: it must
// be escaped on output (html/template does). Anonymise is idempotent.
func Anonymise(text string) string {
	// Cleaning first saves a pass when cleaning is all that changes (a
	// trailing space); every pass cleans again, which changes nothing then.
	text = cleanText(text)
	for range maxPasses {
		next := anonymisePass(text)
		if next == text {
			break
		}
		text = next
	}
	return text
}

// anonymisePass runs every step once. The order matters: the most specific
// rules go first, so that the digits of an IBAN are not taken for a card and
// those of a card or IP address are not taken for a phone number; dates of
// birth and document numbers go before BSNs and phone numbers, which would
// take their digits; e-mail addresses go before web addresses because they
// are personal data; names come after the numbers and addresses they might
// run into.
func anonymisePass(text string) string {
	for _, step := range [...]func(string) string{
		cleanText, replaceEmails, replaceIBANs, replaceIPs, replaceCards, replaceBirthDates, replaceDocuments,
		replaceBSNs, replacePhones, replacePlates, replaceAddresses, replaceNames, defangLinks, defuseMarkup,
	} {
		text = step(text)
	}
	return text
}

// --- cleaning -------------------------------------------------------------

var manyNewlines = regexp.MustCompile(`\n(?:[ \t]*\n){2,}`)

// cleanText strips markup and normalises the text. A reporter types plain
// text, so every "&" is literal: it is escaped before parsing, or the parser
// would decode "sales&notifications" into "sales¬ifications". bluemonday
// escapes & ' " in what it keeps; the text is stored as plain text and
// escaped on output, so the escapes are undone to avoid double escaping.
func cleanText(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	// A space for each stripped tag keeps "line<br>break" two words.
	policy := bluemonday.StrictPolicy().AddSpaceWhenStrippingTag(true)
	text = strings.ReplaceAll(text, "&", "&amp;")
	text = html.UnescapeString(policy.Sanitize(escapeStrayBrackets(text)))
	text = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, text)
	text = dropInvisible(text)
	text = manyNewlines.ReplaceAllString(text, "\n\n")
	return strings.TrimSpace(text)
}

// tagStart matches the start of what an HTML parser and a person alike
// read as markup: a tag with a plain name, an end tag, a comment, a doctype.
var tagStart = regexp.MustCompile(`^<(?:/?[A-Za-z][A-Za-z0-9\-]*(?:[\s/][^<>]*)?>|!|\?)`)

// escapeStrayBrackets escapes each "<" that does not start markup. A victim
// who types "a<b", or pastes "<https://evil.example/login>" or
// "Bank <noreply@evil.example>", means text; the HTML parser would swallow
// it as a tag and lose the evidence. Escaping only ever makes text, so this
// cannot let markup through.
func escapeStrayBrackets(text string) string {
	if !strings.Contains(text, "<") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '<' && !tagStart.MatchString(text[i:]) {
			b.WriteString("&lt;")
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// defuseMarkup makes the text a fixed point of cleanText: a "<" kept as
// text ("a <b" with no closing bracket) gets a space after it when a letter
// follows, so no later parse can read it as the start of a tag.
func defuseMarkup(text string) string {
	if !strings.Contains(text, "<") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		b.WriteByte(text[i])
		if text[i] == '<' && opensTag(text[i+1:]) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// opensTag reports whether rest, the text after a "<", would make an HTML
// parser start a tag, end tag, comment or processing instruction.
func opensTag(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r) || r == '/' || r == '!' || r == '?'
}

// --- e-mail ---------------------------------------------------------------

// The domain part is as loose as a typical e-mail pattern (dots and hyphens
// anywhere) so nothing that looks like an address survives.
// A mistyped "@@" or ".." is still the address: "h.dekker@@gmail..com".
var emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@{1,2}[\p{L}\p{N}.\-]+\.\p{L}{2,}`)

// Obfuscated addresses: "jan(at)kpn.nl", "jan [at] kpn [dot] nl",
// "jan at kpn dot nl", "jean arobase orange point fr", "jan @ kpn . nl".
const (
	bracketOpen  = `[ ]?[(\[{<][ ]?`
	bracketClose = `[ ]?[)\]}>][ ]?`
	obfAt        = `(?i:` + bracketOpen + `(?:at|a|@|arobase|apenstaartje)` + bracketClose +
		`|[ ](?:at|arobase|apenstaartje)[ ]|[ ]?@[ ]?)`
	obfDot   = `(?i:` + bracketOpen + `(?:dot|punt|point|punkt|\.)` + bracketClose + `|[ ](?:dot|punt|point|punkt)[ ]|[ ]?\.[ ]?)`
	obfLabel = `[\p{L}\p{N}\-]{1,63}`
	// In the mailbox name a spaced " . " would join the words of a
	// sentence, so only the other forms count there.
	obfLocalDot = `(?:\.|(?i:` + bracketOpen + `(?:dot|punt|point|punkt)` + bracketClose + `|[ ](?:dot|punt|point|punkt)[ ]))`
)

var (
	obfEmailRe = regexp.MustCompile(`[\p{L}\p{N}_%+\-]+(?:` + obfLocalDot + `[\p{L}\p{N}_%+\-]+){0,4}` + obfAt +
		obfLabel + `(?:` + obfDot + obfLabel + `){1,4}`)
	obfAtRe      = regexp.MustCompile(obfAt)
	obfDotRe     = regexp.MustCompile(obfDot)
	plainDotsRe  = regexp.MustCompile(`^[\p{L}\p{N}\-]+(?:(?:\.|\[\.\])[\p{L}\p{N}\-]+)+$`)
	lastLabelRe  = regexp.MustCompile(`[\p{L}\p{N}\-]+$`)
	wordAtRe     = regexp.MustCompile(`^(?i:[ ]at[ ])$`)
	addressishRe = regexp.MustCompile(`[._+\d]`)
)

// handleRe is an @handle after a space or bracket, not inside an address.
var handleRe = regexp.MustCompile(`(?:^|[\s(“"'‘])(@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])?)(?:[^A-Za-z0-9_@]|$)`)

var (
	userNameRe    = regexp.MustCompile(`(?:^|[\s(“"'‘:])(\p{L}[\p{L}\p{N}.]*(?:[_#][\p{L}\p{N}.]+)+)(?:[\s)”"'’.,;:!?]|$)`)
	userNameCueRe = regexp.MustCompile(`(?i:pseudo|gebruikersnaam|username|user name|benutzername|nickname|snapchat|snap|insta|instagram|tiktok|discord|profielnaam|profile name)` +
		`(?:[ ]?(?:is|est|ist|:|=))?[ ]{1,2}['"‘“]?([\p{L}\p{N}][\p{L}\p{N}._]*[.\d_][\p{L}\p{N}._]*[\p{L}\p{N}])`)
)

// replaceEmails replaces e-mail addresses, also obfuscated ones, by [email],
// and social media handles by [token].
func replaceEmails(text string) string {
	text = emailRe.ReplaceAllString(text, placeholderEmail)
	// A social media handle names one account as an address does:
	// "my Instagram @kofi.captures".
	text = replaceGroup(text, handleRe, placeholderToken)
	text = replaceChecked(text, obfEmailRe, " .)]}>", func(start, end int) bool {
		return isolated(text, start, end) && obfuscatedEmail(text[start:end])
	}, placeholderEmail)
	// A user name: with an underscore or # inside ("Kevin_1994",
	// "xVortexx#4821"), or after a word that says it is one ("pseudo :
	// lea.mrt05"). After the obfuscated addresses, whose mailbox may look
	// the same ("jan_84 (at) kpn (dot) nl").
	text = replaceGroup(text, userNameRe, placeholderToken)
	return replaceGroup(text, userNameCueRe, placeholderToken)
}

// obfuscatedEmail reports whether s, found by obfEmailRe, is an address:
// it ends in a known top-level domain, and the plain word "at" counts only
// when the dots are spelled out too or the name before it looks like a
// mailbox (jan.jansen, jj_84): "logged in at booking.com" is no address.
func obfuscatedEmail(s string) bool {
	if !knownTLD(lastLabelRe.FindString(s)) {
		return false
	}
	loc := obfAtRe.FindStringIndex(s)
	if loc == nil || !obfDotRe.MatchString(s[loc[1]:]) {
		return false // cut before the at or the last dot: "me", "jan at kpn"
	}
	if !wordAtRe.MatchString(s[loc[0]:loc[1]]) {
		return true
	}
	// "£120 at tvlicence-renew.co.uk" is a price and a site.
	return !plainDotsRe.MatchString(s[loc[1]:]) || addressishRe.MatchString(s[:loc[0]]) && strings.IndexFunc(s[:loc[0]], unicode.IsLetter) >= 0
}

// --- IBAN -----------------------------------------------------------------

// An IBAN is a country code, two check digits and 11–30 letters or digits,
// written in one piece or in groups (of four, usually; "NL 91 ..." too), apart by spaces,
// dots or dashes; the mod-97 check decides.
var ibanRe = regexp.MustCompile(`(?i)[a-z]{2}[ ]?\d{2}(?:[ .\-]?[a-z0-9]){11,30}`)

// replaceIBANs replaces IBANs that pass the mod-97 check by [iban].
func replaceIBANs(text string) string {
	return replaceChecked(text, ibanRe, " .-", func(start, end int) bool {
		return isolated(text, start, end) && ibanShape(text[start:end]) && ibanValid(text[start:end])
	}, placeholderIBAN)
}

// ibanCountries are the countries whose IBANs victims here meet: the EU,
// EEA, the UK and Switzerland.
const ibanCountries = " AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK "

// ibanShape reports whether s looks like an IBAN before its check: a known
// country, and after the first group of the account (a bank code such as
// ABNA may be letters only) only groups with digits or printed groups of
// four, so that words in a sentence ("op 12 uur wurden ...") cannot make
// one.
func ibanShape(s string) bool {
	if !strings.Contains(ibanCountries, " "+strings.ToUpper(s[:2])+" ") {
		return false
	}
	groups := strings.FieldsFunc(s[2:], func(r rune) bool { return r == ' ' || r == '.' || r == '-' })
	for i, g := range groups {
		if i >= 2 && len(g) != 4 && !strings.ContainsAny(g, "0123456789") {
			return false
		}
	}
	return true
}

// ibanValid reports whether s, separators ignored and in any case, is an IBAN
// with a correct ISO 7064 mod-97 check, so random codes are left alone.
func ibanValid(s string) bool {
	s = strings.ToUpper(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s))
	if len(s) < 15 || len(s) > 34 || !isUpperASCII(s[0]) || !isUpperASCII(s[1]) ||
		!isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	rem := 0
	for _, c := range []byte(s[4:] + s[:4]) {
		switch {
		case isDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case isUpperASCII(c):
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// --- IP addresses ---------------------------------------------------------

// IPv6 (possibly ending in dotted IPv4, ::ffff:192.0.2.1) or IPv4. The
// IPv6 part does not start with a lone colon, so "IP:2001:db8::1" works.
var ipRe = regexp.MustCompile(
	`(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){1,8}(?:(?:\.\d{1,3}){3})?` +
		`|\d{1,3}(?:\.\d{1,3}){3}`)

// replaceIPs replaces IPv4 and IPv6 addresses by [ip]. net/netip decides
// for IPv6 and ipv4Valid for IPv4 (which may be written with leading zeros,
// 192.168.001.010), so times (14:30:00) and version numbers with other
// parts (1.2.3, 1.2.3.4.5, 10.0.19045.3803) stay. Four small parts after a
// word such as "version" are a version number too.
func replaceIPs(text string) string {
	// A candidate may have taken a colon after it: "2001:db8::1: zie".
	versions := newCueFinder(text, versionCueRe)
	return replaceChecked(text, ipRe, ":", func(start, end int) bool {
		s := text[start:end]
		before, after := runeBefore(text, start), runeAfter(text, end)
		if isWord(before) || before == '.' || isWord(after) ||
			after == '.' && isDigitRune(runeAfter(text, end+1)) {
			return false
		}
		if !strings.Contains(s, ":") {
			return ipv4Valid(s) && !versionNumber(versions, start, s) && !phonePrefixRe.MatchString(text[max(0, start-12):start])
		}
		addr, err := netip.ParseAddr(s)
		if err != nil {
			return false
		}
		// An IPv6 address needs two groups: "::" is punctuation, "::1" is
		// localhost (not personal), and "::06" is more likely a phone number.
		return addr.Is4() || len(strings.FieldsFunc(s, func(r rune) bool { return r == ':' })) >= 2
	}, placeholderIP)
}

// ipv4Valid reports whether s is four numbers from 0 to 255 apart by dots,
// leading zeros allowed (192.168.001.010, 192.168.1.010). When the first
// part has a leading zero, all parts must have three digits: "043.123.45.67"
// is a phone number written with dots.
func ipv4Valid(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	padded := true
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) > 3 || n > 255 {
			return false
		}
		padded = padded && len(p) == 3
	}
	return padded || parts[0][0] != '0' || len(parts[0]) == 1
}

// phonePrefixRe matches what stands before the rest of a phone number: a
// country code or an area code in brackets ("+31 43.123.45.67",
// "(06) 12.34.56.78").
var phonePrefixRe = regexp.MustCompile(`(?:\+\d{1,3}|00\d{2,3}|\(0\d{0,4}\)|\(0\))[ ]?$`)

// versionCueRe finds the words that say what a dotted number is: a version
// or software name (group 1), or an IP address (group 2).
var versionCueRe = cueRegexp(`versie|version|versión|vers|build|release|updat\w*|upgrad\w*|firmware|software|app|ios|android|windows|macos|chrome|firefox|edge|safari|browser|os`,
	`ip|ip-adres|ip-address|adresse|address|adres|vanaf|from|depuis|von|server|host|router|inloggen|login|logged|connect\w*`)

// versionNumber reports whether the four-part number s at start is a
// version: the last such word before it in the same sentence, at most 25
// bytes before, is a version word, or, with no word, all parts are single
// digits (1.2.3.4; 8.8.8.8 and 1.1.1.1 are public resolvers, not personal).
func versionNumber(versions *cueFinder, start int, s string) bool {
	switch versions.lastCue(start, 25) {
	case 1:
		return true
	case 2:
		return false
	}
	return len(s) == 7
}

// cueRegexp compiles a finder for cue words: each argument is one group of
// alternatives, written in lower case and matched as whole words in the
// text as asciiLower gives it (a case-insensitive regexp is three times
// slower). Go's \b knows only ASCII, so the word boundaries are written out
// ("né", "Straße"); a word inside a placeholder ("[ip]") is no cue.
func cueRegexp(groups ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?:^|[^\p{L}\p{N}\[])(?:(` + strings.Join(groups, `)|(`) + `))(?:[^\p{L}\p{N}\]]|$)`)
}

// asciiLower writes A–Z in lower case and leaves every other byte, so that
// offsets in the result are offsets in text.
func asciiLower(text string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, text)
}

// cueFinder answers lastCue questions about one text. It finds the cue
// words of the whole text once, on the first question, so that asking for
// every candidate stays linear in the length of the text.
type cueFinder struct {
	text    string
	re      *regexp.Regexp
	matches [][]int
	found   bool
}

func newCueFinder(text string, re *regexp.Regexp) *cueFinder {
	return &cueFinder{text: text, re: re}
}

// none reports whether the text has no cue word at all, so that a rule
// that needs one can skip its search.
func (c *cueFinder) none() bool {
	c.find()
	return len(c.matches) == 0
}

// find finds the cue words once. A cue's match takes the characters
// around it as word boundaries, so the next search starts at its last
// character: in "router firmware 1.0.4.12" both words are cues.
func (c *cueFinder) find() {
	if c.found {
		return
	}
	c.found = true
	lower := asciiLower(c.text)
	for pos := 0; pos < len(lower); {
		m := c.re.FindStringSubmatchIndex(lower[pos:])
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
		c.matches = append(c.matches, m)
		pos = max(m[0]+1, m[1]-1)
	}
}

// lastCue returns which group of the cue regexp (1, 2, ...) matched the
// last cue word that ends at most width bytes before text[start:] in the
// same sentence, or 0 when there is none.
// cueWithin reports whether a cue of group g ends at most width bytes
// before text[start:], also in an earlier sentence: "asked for my BSN and
// date of birth. I entered 393363387 and 17/08/1989".
func (c *cueFinder) cueWithin(start, width, g int) bool {
	c.find()
	for i := sort.Search(len(c.matches), func(i int) bool { return c.matches[i][1] > start }) - 1; i >= 0; i-- {
		m := c.matches[i]
		if start-m[1] > width {
			return false
		}
		if 2*g+1 < len(m) && m[2*g] >= 0 {
			return true
		}
	}
	return false
}

func (c *cueFinder) lastCue(start, width int) int {
	g, _ := c.cueBefore(start, width)
	return g
}

// cueBefore is lastCue that also returns the text between the cue and
// start, for rules that need the cue right before what they find.
func (c *cueFinder) cueBefore(start, width int) (int, string) {
	c.find()
	i := sort.Search(len(c.matches), func(i int) bool { return c.matches[i][1] > start }) - 1
	if i < 0 {
		return 0, ""
	}
	m := c.matches[i]
	between := c.text[m[1]:start]
	if len(between) > width || strings.ContainsAny(between, ".!?\n") && !cueAbbreviation(c.text[m[0]:m[1]], between) {
		return 0, ""
	}
	for g := 1; 2*g < len(m); g++ {
		if m[2*g] >= 0 {
			return g, between
		}
	}
	return 0, ""
}

// cueAbbreviation reports whether every dot between a cue and what follows
// ends an abbreviation of at most three letters ("geb. 12-03-1985",
// "rijbewijs nr. 5012345678"), so the sentence goes on.
func cueAbbreviation(cue, between string) bool {
	if strings.ContainsAny(between, "!?\n") {
		return false
	}
	text := cue + between
	for i := len(cue) - 1; i < len(text); i++ {
		if i < 0 || text[i] != '.' {
			continue
		}
		j := i
		for j > 0 && isASCIILetter(text[j-1]) {
			j--
		}
		if i-j < 1 || i-j > 3 || i+1 < len(text) && text[i+1] != ' ' && !isDigit(text[i+1]) {
			return false
		}
	}
	return true
}

// --- payment cards --------------------------------------------------------

// Card numbers start with 2 to 6 (Mastercard, Amex and Diners, Visa,
// Maestro and Mastercard, Discover and UnionPay); phone numbers with 0 or +.
var cardRe = regexp.MustCompile(`[2-6](?:[ .\-]?\d){12,18}`)

// replaceCards replaces payment-card numbers (13–19 digits, in one piece or
// in the usual groups apart by spaces, dashes or dots, passing the Luhn
// check) by [card]. Sixteen digits in four groups of four, or 4-6-5, are
// printed that way only on cards, so they go even when a digit was mistyped
// and the Luhn check fails; so do digits right after a word such as
// "creditcard" or "carte".
func replaceCards(text string) string {
	cues := newCueFinder(text, cardCueRe)
	return replaceChecked(text, cardRe, " .-", func(start, end int) bool {
		s := text[start:end]
		if !cardGroups(s) {
			return false
		}
		d := digitsOf(s)
		cue := cues.lastCue(start, 30)
		// "transactiekenmerk 2024031900451876", "betalingskenmerk 3821 0049
		// 7731 8850": Luhn passes once in ten, and a payment reference is
		// printed in groups of four too.
		if cue == 2 {
			return false
		}
		return len(d) >= 13 && len(d) <= 19 && standalone(text, start, end) && !inMessengerLink(text, start) &&
			(luhn(d) || cardPrintedRe.MatchString(s) || cue == 1)
	}, placeholderCard)
}

// cardCueRe finds the words that say a number is a card's.
var cardCueRe = cueRegexp(`\w*kaart\w*|\w*card\w*|carte\w*|\w*karte\w*|visa|mastercard|maestro|amex|pas|pasnummer|cb`, orderCues)

// cardPrintedRe matches the groupings printed on cards: 4-4-4-4 and 4-6-5,
// with one kind of separator.
var cardPrintedRe = regexp.MustCompile(`^\d{4}([ .\-])\d{4}([ .\-])\d{4}([ .\-])\d{4}$|^\d{4}[ \-]\d{6}[ \-]\d{5}$`)

// cardGroups reports whether the grouping of s is one a person copies from
// a card: none, or two to five groups of three to eight digits (4-4-4-4,
// 4-6-5 for Amex, 4-8-4 ...). Phone numbers have groups of one or two
// digits, and lists of numbers are grouped otherwise.
func cardGroups(s string) bool {
	// Counted by hand: this runs for every shortened candidate.
	var groups [6]int
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			groups[n]++
		} else if n++; n == len(groups) {
			return false
		}
	}
	if n == 0 {
		return true
	}
	for i, g := range groups[:n+1] {
		if i < n && (g < 3 || g > 8) || i == n && g > 8 {
			return false
		}
	}
	return true
}

// luhn reports whether the digit string d passes the Luhn check used by
// payment cards.
func luhn(d string) bool {
	if len(d) < 2 {
		return false
	}
	sum := 0
	for i := range len(d) {
		c := d[len(d)-1-i]
		if !isDigit(c) {
			return false
		}
		n := int(c - '0')
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// --- phone numbers --------------------------------------------------------

// A separator between digit groups: one space, dot, dash (also an en dash or
// a non-breaking hyphen) or slash, or a dash or slash with spaces around it
// ("06 - 12345678").
const phoneSep = `(?:[ ]?[\-/–‑][ ]?|[ .])`

// phoneSeps are the bytes at which a phone candidate may be cut: the
// separators, with the first byte of the en dash and non-breaking hyphen.
const phoneSeps = " .-/\xe2"

var (
	// International: + or 00 (also "00 44"), country code, the rest; "(0)" may follow
	// the country code (+31 (0)6 ...), an area code may be in brackets
	// (+1 (888) 555-0147).
	intlPhoneRe = regexp.MustCompile(`(?:\+|00[ ]?)[1-9](?:\d|` + phoneSep + `\d|[ ]?\(0\)[ ]?\d|[ ]?\(\d{1,4}\)[ ]?\d){5,17}`)
	// National: a 0 and the area code, possibly in brackets: (043) 123 45 67.
	nationalPhoneRe = regexp.MustCompile(`(?:0[1-9]|\(0[1-9]\d{0,4}\)[ ]?\d)(?:\d|` + phoneSep + `\d){5,12}`)
	phoneSepRe      = regexp.MustCompile(phoneSep + `|\) ?`)
	// A date written day, month, year: 09-03-2026, 09.05.2025, 9/3/26.
	dateShapeRe = regexp.MustCompile(`^(?:0?[1-9]|[12]\d|3[01])([\-./])(?:0?[1-9]|1[0-2])([\-./])(?:\d\d|(?:19|20)\d\d)$`)
)

// replacePhones replaces Dutch, Belgian, French, German, British and other
// phone numbers by [phone]. Candidates are checked on digit count and
// grouping, so dates, times and amounts are left alone, and the official
// numbers the portal publishes are kept, as is a run of digits right after
// "ordernummer" or "reference".
func replacePhones(text string) string {
	orders := newCueFinder(text, bsnCueRe)
	text = replaceChecked(text, intlPhoneRe, phoneSeps, func(start, end int) bool {
		if vatPrefix(text, start) {
			return false
		}
		s := text[start:end]
		return standalone(text, start, end) && intlPhoneValid(s) && !official(s) && !orderNumber(orders, s, start)
	}, placeholderPhone)
	orders = newCueFinder(text, bsnCueRe)
	return replaceChecked(text, nationalPhoneRe, phoneSeps, func(start, end int) bool {
		s := text[start:end]
		return standalone(text, start, end) && nationalPhoneValid(s) && !official(s) &&
			!afterDayMonth(text, start) && !orderNumber(orders, s, start) && !vatPrefix(text, start)
	}, placeholderPhone)
}

// vatPrefix reports whether the number at start follows a country's two
// capitals, as a company's VAT or registration number does ("BE
// 0712.345.678", "DE 287 654 321"); a phone number never does.
func vatPrefix(text string, start int) bool {
	return vatPrefixRe.MatchString(text[max(0, start-4):start])
}

var vatPrefixRe = regexp.MustCompile(`(?:^|[^\p{L}])(?:BE|DE|FR|NL|LU|AT)[ ]?$`)

// orderNumber reports whether the number s at start follows a word such as
// "ordernummer" or "transaction": in one piece within a few words of it, or
// in groups ("réf. transaction 0098-553-771") right after it.
func orderNumber(orders *cueFinder, s string, start int) bool {
	g, between := orders.cueBefore(start, 20)
	// Groups of digits before it belong to the same number:
	// "betalingskenmerk 3821 0049 7731 8850".
	return g == 2 && (digitsOf(s) == s || orderLabelRe.MatchString(strings.TrimLeft(between, "0123456789 ")))
}

var orderLabelRe = regexp.MustCompile(`(?i)^(?:[ \-]?(?:id|nr\.?|no\.?|n°|#|nummer|number|numéro|donné|given|opgegeven)){0,2}[ ]?:?[ ]?$`)

// afterDayMonth reports whether text[start:] follows a day and month
// written with slashes: in "09/01/2025 120 euro" the year is no phone.
func afterDayMonth(text string, start int) bool {
	return dayMonthSlashRe.MatchString(text[max(0, start-6):start])
}

var dayMonthSlashRe = regexp.MustCompile(`(?:^|[^\d])\d{1,2}/$`)

// intlPhoneValid checks the length of an international number: exact for
// the Netherlands, Belgium and France, the E.164 range for the rest.
func intlPhoneValid(s string) bool {
	d := digitsOf(strings.ReplaceAll(s, "(0)", ""))
	if strings.HasPrefix(s, "00") {
		d = d[2:]
	}
	if len(d) < 8 || len(d) > 15 {
		return false
	}
	national := strings.TrimPrefix(d[2:], "0") // a trunk 0 written by mistake
	switch d[:2] {
	case "31", "33":
		return len(national) == 9
	case "32":
		return len(national) == 8 || len(national) == 9
	case "44":
		return len(national) == 9 || len(national) == 10
	}
	return true
}

// nationalPhoneValid checks a number that starts with 0: 9 to 12 digits
// (9 or 10 in the Netherlands, Belgium and France, 11 in the UK, up to 12 in
// Germany; 8–11 for 0800/0900 service numbers, whose prefix stands alone),
// an area code of 2–5 digits, later groups of at least two digits, and the
// same separator between them. A date such as "01-02-2026 10" fails on the
// mixed separators, "09-03-2026" on its shape.
func nationalPhoneValid(s string) bool {
	d := digitsOf(s)
	if dateShapeRe.MatchString(s) {
		return false
	}
	groups := phoneSepRe.Split(strings.TrimPrefix(s, "("), -1)
	seps := phoneSepRe.FindAllString(strings.TrimPrefix(s, "("), -1)
	switch {
	case strings.HasPrefix(d, "0800") || strings.HasPrefix(d, "090"):
		if len(d) < 8 || len(d) > 11 || len(groups) > 1 && len(groups[0]) != 4 {
			return false
		}
	case len(d) < 9 || len(d) > 12:
		return false
	}
	if len(groups) > 1 && (len(groups[0]) < 2 || len(groups[0]) > 5) {
		return false
	}
	for i, g := range groups[1:] {
		if len(g) < 2 || i > 0 && (seps[i] != seps[1] || strings.Contains(seps[i], "/")) {
			return false
		}
	}
	return true
}

// --- BSN ------------------------------------------------------------------

// bsnRe takes nine digits in one piece or in two or three groups of two to
// five ("123.456.782", "1234.56.782", "9091-03306"); replaceBSNs counts them.
var bsnRe = regexp.MustCompile(`\d{9}|\d{2,5}[. \-]\d{2,5}(?:[. \-]\d{2,5})?`)

// bsnCueRe finds words that say a number is a BSN or another personal
// number (group 1) or an order, invoice, transaction or case number (group 2).
var bsnCueRe = cueRegexp(`bsn|burgerservice-?nummer|burger service nummer|sofi-?nummer|sofi|citizen service number|service number|social security number|numéro de sécurité sociale|persoonsnummer|personal number|steuer-?id`,
	orderCues)

// orderCues are the words that make a number an order, invoice,
// transaction or case number, whatever its digits look like.
const orderCues = `référence|réf|chamber of commerce|kamer van koophandel|receipt|kassabon|bonnummer|reçu|quittance|quittung|beleg|siret|siren|kbo|ust-?id\w*|ondernemingsnummer|handelsregister\w*|order\w*|bestel\w*|factuur\w*|invoice\w*|transacti\w*|transfer\w*|referen\w*|\w*kenmerk\w*|klantnummer|customer|dossier\w*|zaak\w*|case|ticket|tracking|track|zending\w*|pakket\w*|parcel|colis|commande|facture|numéro de suivi|suivi|bestellnummer|rechnung\w*|sendung\w*|auftrag\w*|kvk|btw|vat|tva|artikel\w*|product\w*|serie\w*|serial|imei|account|rekening|contract\w*|polis\w*|pv|proces-verbaal|aangifte\w*`

// replaceBSNs replaces Dutch citizen service numbers by [bsn]. Right after
// a word such as "BSN" any nine digits are one; elsewhere the number must
// pass the 11-test, which a random nine-digit number passes once in
// eleven, and the words before it must not make it an order, invoice or
// case number; written in one piece it also needs a word such as "BSN"
// before it, since a bare nine-digit number is far more often an order.
func replaceBSNs(text string) string {
	cues := newCueFinder(text, bsnCueRe)
	return replaceChecked(text, bsnRe, "", func(start, end int) bool {
		s := text[start:end]
		if len(digitsOf(s)) != 9 {
			return false
		}
		if seps := strings.Trim(s, "0123456789"); len(seps) > 0 && seps[0] != seps[len(seps)-1] {
			return false // mixed separators: 123.456 782
		}
		if !standalone(text, start, end) || nearAmount(text, start, end) || vatPrefix(text, start) {
			return false
		}
		// Right after "BSN" a number is one even when mistyped.
		if g, between := cues.cueBefore(start, 15); g == 1 && !strings.ContainsAny(between, "0123456789[") {
			return true
		}
		if !elevenTest(digitsOf(s)) {
			return false
		}
		switch cues.lastCue(start, 60) {
		case 1:
			return true
		case 2:
			return false
		}
		return len(s) > 9 || cues.cueWithin(start, 120, 1) && !cues.cueWithin(start, 60, 2)
	}, placeholderBSN)
}

// elevenTest reports whether the nine digits of d pass the BSN 11-test:
// 9*d1 + 8*d2 + ... + 2*d8 - d9 is divisible by 11 and not all are zero.
func elevenTest(d string) bool {
	if len(d) != 9 || strings.Trim(d, "0") == "" {
		return false
	}
	sum := 0
	for i := range 9 {
		if !isDigit(d[i]) {
			return false
		}
		weight := 9 - i
		if i == 8 {
			weight = -1
		}
		sum += weight * int(d[i]-'0')
	}
	return sum%11 == 0
}

// --- web addresses --------------------------------------------------------

// linkRe finds web addresses: with a scheme, starting with www., or a bare
// domain (whose path defangLinks adds). Already defanged forms (hxxps, [.])
// are found too, so a second run sees the same link and leaves it as it is.
// Bounded label counts keep the scan linear on input like "a.a.a.a...".
var linkRe = regexp.MustCompile(
	`(?i:h(?:tt|xx)ps?://)[^\s<>"]+` +
		`|(?i:www)(?:\.|\[\.\])[^\s<>"]+` +
		`|[\p{L}\p{N}][\p{L}\p{N}\-]*(?:(?:\.|\[\.\])[\p{L}\p{N}\-]+){1,15}`)

var schemeRe = regexp.MustCompile(`(?i)^h(?:tt|xx)ps?://`)

// defangLinks rewrites web addresses so no viewer or mail client turns them
// into links: "https://evil.example/login" becomes
// "hxxps://evil[.]example/login". Only the dots of the host change.
func defangLinks(text string) string {
	return replaceEach(text, linkRe, func(start, end int) (int, string) {
		before := runeBefore(text, start)
		if isWord(before) || before == '.' || before == '-' || before == '@' {
			return 0, ""
		}
		if !schemeRe.MatchString(text[start:end]) && !strings.HasPrefix(strings.ToLower(text[start:end]), "www") {
			// A bare domain ends in a known TLD; "evil.com.Next" is
			// "evil.com" and a new sentence. Only a whole domain has a path.
			host := text[start:end]
			n := domainLength(host)
			if n == 0 && queryLink(text, start, end) {
				n = len(host)
			}
			if n == 0 {
				return 0, ""
			}
			end = start + n
			if n == len(host) && strings.ContainsRune("/?#", runeAfter(text, end)) {
				end += pathLength(text[end:])
			}
		}
		link := strings.TrimRight(text[start:end], ".,;:!?)'\"“”’»«")
		if officialHost(link) {
			return len(link), scrubQuery(link)
		}
		return len(link), defang(scrubQuery(link))
	})
}

// pathLength returns the length of the path and query at the start of s:
// everything up to white space or a character that cannot be in a link.
func pathLength(s string) int {
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`<>"`, r) }); i >= 0 {
		return i
	}
	return len(s)
}

var nestedSchemeRe = regexp.MustCompile(`(?i)h(tt)ps?://`)

// defang writes the scheme as hxxp(s) and every dot of the host as [.]. A
// link inside the path (?next=https://...) loses its scheme too, so no
// viewer finds a link in it; its dots stay, as all dots in a path do.
func defang(link string) string {
	scheme := ""
	if loc := schemeRe.FindStringIndex(link); loc != nil {
		scheme = strings.Replace(strings.ToLower(link[:loc[1]]), "tt", "xx", 1)
		link = link[loc[1]:]
	}
	host, path := link, ""
	if i := strings.IndexAny(link, "/?#"); i >= 0 {
		host, path = link[:i], link[i:]
	}
	host = strings.ReplaceAll(strings.ReplaceAll(host, "[.]", "."), ".", "[.]")
	path = nestedSchemeRe.ReplaceAllStringFunc(path, func(m string) string {
		return "hxx" + m[3:]
	})
	return scheme + host + path
}

// domainLength returns the length of the longest prefix of host, labels
// separated by "." or "[.]", that ends in a known TLD; 0 if there is none.
func domainLength(host string) int {
	best, label := 0, 0
	for i := 0; i <= len(host); {
		sep := 0
		switch {
		case i == len(host):
		case host[i] == '.':
			sep = 1
		case strings.HasPrefix(host[i:], "[.]"):
			sep = 3
		default:
			i++
			continue
		}
		if label > 0 && knownTLD(host[label:i]) {
			best = i
		}
		if sep == 0 {
			break
		}
		i += sep
		label = i
	}
	return best
}

// queryLink reports whether the bare host text[start:end], whose last label
// is not a known top-level domain, is still a link: a lower-case label of
// letters, then a path with a query ("jobs-portal.work/sign?token=..."),
// which "e.g." or "3.5" never have.
func queryLink(text string, start, end int) bool {
	if runeAfter(text, end) != '/' {
		return false
	}
	host := strings.TrimSuffix(text[start:end], "]")
	tld := host[max(strings.LastIndexAny(host, ".]")+1, 0):]
	if len(tld) < 2 || len(tld) > 24 || strings.IndexFunc(tld, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return false
	}
	path := text[end : end+pathLength(text[end:])]
	q := strings.IndexByte(path, '?')
	return q > 0 && strings.Contains(path[q:], "=")
}

// knownTLD reports whether label is a common top-level domain, written in
// lower or upper case: "evil.com" and "EVIL.COM" are domains, "J.De Vries"
// is a name. Only a known list counts, so "e.g.", "3.5" and "Mr.Smith" stay.
// Left out on purpose: TLDs that are everyday words or file extensions
// (it, in, is, to, at, us, zip, mov, md).
func knownTLD(label string) bool {
	if label != strings.ToLower(label) && label != strings.ToUpper(label) {
		return false
	}
	switch strings.ToLower(label) {
	case "com", "net", "org", "info", "biz", "gov", "edu",
		"nl", "be", "fr", "de", "eu", "uk", "lu", "ch", "es", "pl", "ru", "cn",
		"io", "co", "me", "tv", "cc", "ly",
		"xyz", "top", "online", "site", "shop", "store", "app", "live", "click",
		"link", "icu", "vip", "club", "pro", "tk", "ml", "ga", "cf", "gq":
		return true
	}
	return false
}

// --- shared helpers -------------------------------------------------------

// replaceChecked replaces by placeholder each candidate of re that ok
// accepts. A candidate that swallowed a following word or number is also
// tried shortened at each separator in seps, longest first.
func replaceChecked(text string, re *regexp.Regexp, seps string, ok func(start, end int) bool, placeholder string) string {
	return replaceEach(text, re, func(start, end int) (int, string) {
		for _, n := range prefixes(text[start:end], seps) {
			if ok(start, start+n) {
				return n, placeholder
			}
		}
		return 0, ""
	})
}

// replaceEach scans text for candidates of re. For each, fix returns how
// many bytes from the candidate's start to replace and by what, or 0 to keep
// it. After a rejected candidate the search goes on at the next start of a
// word, not after the candidate, so a bad candidate cannot hide a good one
// inside it; no rule accepts a match that starts inside a word, and skipping
// those keeps the scan linear. The regexps have no \b: fix checks the
// neighbours in the whole text, which a search in the rest cannot see.
func replaceEach(text string, re *regexp.Regexp, fix func(start, end int) (int, string)) string {
	var b strings.Builder
	copied, pos := 0, 0
	for pos < len(text) {
		loc := re.FindStringIndex(text[pos:])
		if loc == nil {
			break
		}
		start, end := pos+loc[0], pos+loc[1]
		if n, repl := fix(start, end); n > 0 {
			b.WriteString(text[copied:start])
			b.WriteString(repl)
			copied, pos = start+n, start+n
			continue
		}
		_, size := utf8.DecodeRuneInString(text[start:])
		for pos = start + size; pos < len(text) && isWord(runeBefore(text, pos)); pos += size {
			_, size = utf8.DecodeRuneInString(text[pos:])
		}
	}
	if copied == 0 {
		return text
	}
	b.WriteString(text[copied:])
	return b.String()
}

// prefixes returns len(s) followed by the lengths of the prefixes of s that
// end just before a separator in seps, longest first.
func prefixes(s, seps string) []int {
	out := []int{len(s)}
	for i := len(s) - 1; i > 0; i-- {
		if strings.IndexByte(seps, s[i]) >= 0 && strings.IndexByte(seps, s[i-1]) < 0 {
			out = append(out, i)
		}
	}
	return out
}

// isolated reports whether text[start:end] is not glued to a word.
func isolated(text string, start, end int) bool {
	return !isWord(runeBefore(text, start)) && !isWord(runeAfter(text, end))
}

// standalone reports whether the number text[start:end] is not part of a
// word or of a longer number (1.123456782, 123456782,50, 12-123456782), and
// not the digits after a + sign. Slashes and colons do not glue: personal
// data after "2026/" or "tel:" is still personal data.
func standalone(text string, start, end int) bool {
	before, after := runeBefore(text, start), runeAfter(text, end)
	if isWord(before) || before == '+' || isWord(after) {
		return false
	}
	const glue = ".,-"
	if strings.ContainsRune(glue, before) && isDigitRune(runeBefore(text, start-1)) {
		return false
	}
	return !(strings.ContainsRune(glue, after) && isDigitRune(runeAfter(text, end+1)))
}

var (
	currencyBefore = regexp.MustCompile(`(?i)(?:[€$£]|\b(?:eur|euro|usd|gbp)) ?$`)
	// A currency after the number, unless another number follows it:
	// in "123456782 € 12,50" the euro sign belongs to 12,50.
	currencyAfter = regexp.MustCompile(`(?i)^ ?(?:[€$£]|(?:eur|euro|euros|usd|gbp)\b)(?: ?[^ 0-9]| *$)`)
)

// nearAmount reports whether a currency sign or code stands next to
// text[start:end]: "€ 123.456.782" is an amount, not a BSN.
func nearAmount(text string, start, end int) bool {
	return currencyBefore.MatchString(text[max(0, start-8):start]) ||
		currencyAfter.MatchString(text[end:min(len(text), end+10)])
}

func runeBefore(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

func runeAfter(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// wordEnd returns the end of the word that starts at text[i:].
func wordEnd(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			break
		}
		i += size
	}
	return i
}

func isWord(r rune) bool      { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isUpperASCII(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isASCIILetter(c byte) bool { return isUpperASCII(c) || c >= 'a' && c <= 'z' }
func isASCIIAlnum(c byte) bool  { return isDigit(c) || isUpperASCII(c) || c >= 'a' && c <= 'z' }
