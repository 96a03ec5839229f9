package scrub

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// --- postal addresses -----------------------------------------------------

const (
	// A street of capitalised words, with the usual lower-case particles
	// inside ("Sint Servaasklooster", "Burg. van der Does de Willeboissingel").
	streetPattern = `\p{Lu}[\p{L}'’.\-]*(?: (?:\p{Lu}[\p{L}'’.\-]*|van|de|der|den|het|ten|ter)){0,6}`
	// A house number with an optional letter or addition: 78, 78a, 78 A,
	// 78-2, 12 bis, 16 bus 3.
	houseNumberPattern = `\d{1,5}(?:[\-/](?:III|II|IV|I)\b|-?[A-Za-z]| [A-Z]|[\-/]\d{1,4}| (?:bis|ter|hs|bus \d{1,4}|boîte \d{1,4}))?`
	// A Dutch postcode: 6211 CK, 6211CK, 6211 ck.
	postcodePattern = `[1-9]\d{3} ?[A-Za-z]{2}`
	// Typed in lower case, a street needs its street type and a town has
	// to pass lowerTown: "heerderweg 140a 6224 lm maastricht".
	lowerStreetPattern = `\p{Ll}[\p{L}\-]*(?:straat|laan|weg|plein|singel|gracht|kade|dreef|steeg)`
	lowerTownPattern   = `\p{Ll}[\p{L}'’\-]{2,}`
	postcodeAddress    = `(?:(?:` + streetPattern + `|` + lowerStreetPattern + `) ` + houseNumberPattern + `,?\s{1,3})?` +
		postcodePattern + `(?:,? {1,2}` + houseNumberPattern + `)?(?:,? {1,2}(?:` + townPattern + `|` + lowerTownPattern + `))?`
	// The town after a postcode (or before a British one) is part of the
	// address: with the postcode it names a few streets. Several words only
	// with a particle or article between (Bergen op Zoom, Den Haag,
	// Saint-Gilles, Frankfurt am Main), so a sentence after it stays.
	townPattern = `(?:(?:Den|De|Le|La|Les|Sint|Saint|Sankt|Bad|St\.) )?\p{Lu}[\p{L}'’\-]+(?:(?: (?:aan|op|an|am|der|den|de|en|la|le))+ \p{Lu}[\p{L}'’\-]+)?`

	// Street-type words that end a Dutch, Belgian or German street name
	// (Kerkstraat, Prins Bernhardlaan, Oude Gracht, Berliner Str.).
	streetSuffix = `straat|laan|plein|singel|gracht|kade|dijk|dreef|steeg|steenweg|weg|straße|strasse|str\.|gasse|platz|allee|damm|ufer|chaussee|gang|` +
		`markt|wal|burgwal|vest|hof|pad|park|plantsoen|baan|ring|boulevard|kwartier|haven|kaai|lei|dam|berg|heuvel`
	// Street-type words that start a French or Belgian street name
	// (rue de la Paix, chaussée de Waterloo), and those that end an
	// English one (Baker Street).
	streetPrefix  = `rue|av\.|avenue|boulevard|bd|chaussée|place|allée|impasse|chemin|quai|route|cours|square|passage|rempart|sentier|clos|esplanade|promenade|voie`
	englishSuffix = `street|st\.?|road|rd\.?|lane|avenue|ave\.?|drive|close|way|court|crescent|place|square|terrace|gardens|grove|row|mews|walk|boulevard|hill`
	frParticles   = `(?:(?:de la|de l'|de l’|du|des|de|d'|d’|l'|l’|la|le|les|aux|au|van|der|den)[ ]?)*`
	capWords      = `\p{Lu}[\p{L}'’\-]*(?:[ ](?:\p{Lu}[\p{L}'’\-]*|de|du|des|la|le|d'|d’|l'|l’|et|sur|en|van|der|den)){0,4}`
)

var (
	postcodeAddressRe = regexp.MustCompile(postcodeAddress)
	postcodeWholeRe   = regexp.MustCompile(`^` + postcodeAddress + `$`)
	postcodeRe        = regexp.MustCompile(postcodePattern)
	// "2026 EU", "2026 um", "2500 km", "tussen 2025 en 2026": a year before
	// two letters, or a number with a unit or a short word, not a postcode.
	notPostcodeRe = regexp.MustCompile(`^(?:(?:19|20)\d\d (?:[A-Z]{2}|[a-z]{2})|\d{4} ?(?:km|kg|mb|gb|kb|tb|mg|ml|cm|mm|pk|kw|uur|min|eu|en|of|om|op|in|te|de|is|ik|je|we|ze|na|al|zo|nu|` +
		`an|at|on|to|or|et|la|le|un|du|au|ou|ja|no|am|pm|hh|ms|ns|nl|be|fr|uk|us|um|im|zu|ab|es|er|da|so|wo|ob|il|ce|me|se|ne|tu|vs|ca|bv|nr|nb|ps|pc|wk|ma|di|do|vr|za))$`)

	// A house number after a space; replaceSuffixStreets looks at the words
	// before it. (A regexp for the street-type words would try all of them
	// at every letter of the text, ten times slower.)
	spaceDigitRe   = regexp.MustCompile(`[ ]\d`)
	houseNumberRe  = regexp.MustCompile(`^` + houseNumberPattern)
	streetSuffixes = strings.Split(strings.ReplaceAll(streetSuffix, `\.`, "."), "|")
	// A word that may stand before the street-type word: Oude Gracht,
	// Burg. van der Does de Willeboissingel, Berliner Str.
	streetLeadWordRe   = regexp.MustCompile(`^(?:\p{Lu}[\p{L}'’\-]*|Burg\.|St\.|Dr\.|Prof\.|Mr\.|van|de|der|den|het|ten|ter|sint|oude|nieuwe|grote|kleine)$`)
	suffixStreetWordRe = regexp.MustCompile(`(?i)^[\p{L}'’\-]*(` + streetSuffix + `)$`)
	// 12 rue de la Paix, 3 bis avenue Victor Hugo, Rue de la Loi 16,
	// Avenue Louise 54 bus 3.
	prefixStreetRe = regexp.MustCompile(`(?:` + houseNumberPattern + `,?[ ])?(?i:` + streetPrefix + `)[ ]` + frParticles + capWords +
		`(?:,?[ ]` + houseNumberPattern + `)?`)
	streetPrefixRe   = cueRegexp(streetPrefix)
	trailingNumberRe = regexp.MustCompile(`,[ ]\d{4,5}$`)
	// Typed in lower case, a French street needs its number after it:
	// "rue saint-gilles 112".
	lowerPrefixStreetRe = regexp.MustCompile(`(?:rue|avenue|boulevard|chaussée|allée|impasse|chemin|quai)[ ](?:\p{Ll}[\p{L}'’\-]*[ ]){1,4}\d{1,5}[a-z]?`)
	// 221B Baker Street, 10 Downing Street, 5 high road.
	englishStreetRe = regexp.MustCompile(`\d{1,5}[A-Za-z]?,?[ ](?:\p{Lu}[\p{L}'’\-]*[ ]){1,3}(?i:` + englishSuffix + `)`)
	// After "ik woon op", "address:", "j'habite": a street without a
	// street-type word (Vrijthof 12, Meir 50).
	cueStreetRe = regexp.MustCompile(`(?i:woon(?:t|de|achtig)?(?: nu)? (?:aan|op|in)(?: de| het)?|adres ?:|address ?:|adresse ?:|i live at|lives at|living at|` +
		`j'habite(?: au| à la| à| rue)?|j’habite(?: au| à la| à)?|domiciliée? (?:au|à)|wohne in der|wohnhaft in der|anschrift ?:)[ ]{1,2}` +
		`((?:\p{Lu}[\p{L}'’.\-]*[ ]){1,4}` + houseNumberPattern + `)`)
	// A street without a street-type word, its number and a town of the
	// region: "Kommel 5, Maastricht", "3 Hoogfrankrijk, Maastricht".
	streetTownRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])((?:\p{Lu}[\p{L}'’\-]+[ ]` + houseNumberPattern + `|\d{1,5}[a-z]?[ ]\p{Lu}[\p{L}'’\-]+),[ ]?` +
		`(?:Maastricht|Eijsden|Margraten|Meerssen|Valkenburg|Gulpen|Wittem|Sittard|Geleen|Beek|Stein|Heerlen|Kerkrade|Vaals|Lanaken|Visé|Tongeren|Luik|Liège|Aken|Aachen|Hasselt|Genk))(?:[^\p{L}]|$)`)
	// A Belgian, French, German or Luxembourg postcode and town after an
	// address, after a comma or at the start of a line, or with its
	// country letter: "[address], 75002 Paris", "B-1000 Brussel".
	postcodeTownRe = regexp.MustCompile(`(?:[BDFLbdfl]-)?\d{4,5}[ ]` + townPattern)
	// A British postcode: SW1A 2AA, M1 1AE.
	ukPostcodeRe = regexp.MustCompile(`[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}`)
	// A flat, unit or box number before or after an address is part of it:
	// "Flat 3, 27 Queen's Road", "appartement 4, 12 rue ...", "... bus 3".
	flatRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])((?i:flat|apartment|apt\.?|unit|suite|appartement|appt\.?|app\.?|bus|boîte|boite|bte\.?|wohnung|whg\.?)[ ]?\d{1,4}[A-Za-z]?,?[ ]{1,2}\[address\]` +
		`|\[address\],?[ ]{1,2}(?i:flat|apartment|apt\.?|unit|suite|appartement|appt\.?|app\.?|bus|boîte|boite|bte\.?|wohnung|whg\.?)[ ]?\d{1,4}[A-Za-z]?)(?:[^\p{L}\p{N}]|$)`)
	// Placeholders for parts of one address become one.
	// A British town between the street and the postcode belongs to them.
	// Lines of a letter's address are one too: "[address]\nLondon [address]".
	addressRunRe = regexp.MustCompile(`\[address\](?:(?:,?[ ]{1,2}\n?|,?\n[ ]{0,2})(?:` + townPattern + `,?[ ]{1,2})?\[address\])+`)
	// The town right after a street and number, without a postcode:
	// "Hoogstraat 112, Rotterdam", "3 Market Street, Bath", "Akerstraat 12
	// in Maastricht", "12 rue Neuve à Liège".
	addressTownRe = regexp.MustCompile(`\[address\](?:,?[ ]{1,2}|[ ](?:in|te|à|a)[ ])` + townPattern)
)

// notTown holds capitalised words that start a clause after an address
// ("..., Ik heb", "..., But") rather than name its town.
var notTown = map[string]bool{
	"ik": true, "i": true, "je": true, "j'ai": true, "il": true, "elle": true, "ich": true, "wir": true, "we": true, "he": true,
	"she": true, "they": true, "maar": true, "but": true, "and": true, "en": true, "et": true, "und": true, "mais": true,
	"the": true, "het": true, "er": true, "es": true, "sie": true, "dat": true, "die": true, "der": true,
	"das": true, "that": true, "this": true, "then": true, "toen": true, "daar": true, "there": true, "dann": true,
	"aber": true, "ce": true, "on": true, "nous": true, "zij": true, "hij": true, "wij": true,
}

// replaceAddresses replaces street addresses and postcodes by [address]:
// Dutch postcodes (any case) with the street and number before them, streets
// named by a street-type word with their house number in Dutch, Belgian,
// French, German and British forms, a street and number after "ik woon op"
// or "adresse :", and Belgian, French and German postcodes after an address
// or with their country letter, each with the town after it (a British town
// before its postcode). A bare Dutch postcode is replaced too, since it narrows a victim down
// to a few streets, except "2026 EU" or "2500 km", which are not postcodes.
func replaceAddresses(text string) string {
	// The patterns that may start with a street are costly; they run only
	// when the text has what they end in or start with.
	if postcodeRe.MatchString(text) {
		text = replaceChecked(text, postcodeAddressRe, " ,\n", func(start, end int) bool {
			s := text[start:end]
			pc := postcodeRe.FindString(s)
			// After a street and number any letters are a postcode's.
			return isolated(text, start, end) && postcodeWholeRe.MatchString(s) &&
				(!strings.HasPrefix(s, pc) || !notPostcodeRe.MatchString(pc)) && lowerTown(s[strings.LastIndexAny(s, " ,\n")+1:])
		}, placeholderAddress)
	}
	text = replaceSuffixStreets(text)
	if streetPrefixRe.MatchString(asciiLower(text)) {
		text = replaceChecked(text, prefixStreetRe, " ,", func(start, end int) bool {
			// "rue des Lilas, 69003 Lyon": the number after the comma is
			// a postcode, left for postcodeTownRe to take with its town.
			if m := trailingNumberRe.FindStringIndex(text[start:end]); m != nil {
				if t := postcodeTownRe.FindStringIndex(text[start+m[0]+2:]); t != nil && t[0] == 0 {
					return false
				}
			}
			return isolated(text, start, end) && strings.ContainsAny(text[start:end], "0123456789")
		}, placeholderAddress)
	}
	if streetPrefixRe.MatchString(asciiLower(text)) {
		text = replaceChecked(text, lowerPrefixStreetRe, "", func(start, end int) bool {
			return isolated(text, start, end)
		}, placeholderAddress)
	}
	text = replaceChecked(text, englishStreetRe, " ", func(start, end int) bool {
		return isolated(text, start, end)
	}, placeholderAddress)
	text = replaceGroup(text, cueStreetRe, placeholderAddress)
	text = replaceGroup(text, streetTownRe, placeholderAddress)
	text = replaceEach(text, postcodeTownRe, func(start, end int) (int, string) {
		n := strings.IndexByte(text[start:end], ' ')
		if !isolated(text, start, start+n) || !postcodeContext(text, start) {
			return 0, ""
		}
		if isolated(text, start, end) {
			n = end - start
		}
		return n, placeholderAddress
	})
	text = replaceChecked(text, ukPostcodeRe, "", func(start, end int) bool {
		return isolated(text, start, end)
	}, placeholderAddress)
	text = replaceGroup(text, flatRe, placeholderAddress)
	text = addressRunRe.ReplaceAllString(text, placeholderAddress)
	return replaceLowerTowns(replaceTowns(text))
}

// lowerTownRe is a town typed in lower case after an address and "te",
// "à" or "in", ending the clause: "grachtstraat 5 te amby.", "à liège".
var lowerTownRe = regexp.MustCompile(`\[address\][ ](?:te|à|in)[ ]\p{Ll}[\p{L}'’\-]{2,}(?:[.,;:!?)\n]|$)`)

// replaceLowerTowns takes such a town into the address before it.
func replaceLowerTowns(text string) string {
	if !strings.Contains(text, placeholderAddress) {
		return text
	}
	return replaceEach(text, lowerTownRe, func(start, end int) (int, string) {
		town := strings.TrimRight(text[strings.LastIndexByte(text[:end], ' ')+1:end], ".,;:!?)\n")
		if !lowerTown(town) {
			return 0, ""
		}
		return end - start - (len(text[start:end]) - len(strings.TrimRight(text[start:end], ".,;:!?)\n"))), placeholderAddress
	})
}

// lowerTown reports whether the last word of a postcode address, when it is
// in lower case, can be its town: not a word that goes on the sentence
// ("6224 LM en ik", "6211 AB mijn").
func lowerTown(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return !unicode.IsLower(r) || !lowerStopSet[word] && !notTown[word] && !notNameSet[word]
}

// replaceTowns takes the town after an address placeholder into it, when
// the word ends there (a full stop, a comma, a lower-case word after) and
// does not start a clause of its own.
func replaceTowns(text string) string {
	if !strings.Contains(text, placeholderAddress) {
		return text
	}
	return replaceEach(text, addressTownRe, func(start, end int) (int, string) {
		sep := text[start+len(placeholderAddress):]
		town := strings.TrimLeft(text[start+len(placeholderAddress):end], ", ")
		preposition := false
		for _, p := range []string{"in ", "te ", "à ", "a "} {
			if t, ok := strings.CutPrefix(town, p); ok {
				town, preposition = t, true
				break
			}
		}
		first, _, _ := strings.Cut(town, " ")
		if notTown[strings.ToLower(first)] || isWord(runeAfter(text, end)) || strings.ToUpper(first) == first {
			return 0, ""
		}
		// Without a comma or a preposition the town must end the clause
		// ("... 23-II Amsterdam."), or "[address] Daarna bellen" loses a
		// word.
		if sep[0] != ',' && !preposition && end < len(text) && text[end] == ' ' {
			return 0, ""
		}
		// "..., Rotterdam Zuid": a capitalised word after may be the
		// next name; leave the span as it is.
		if next := strings.Fields(text[end:]); len(next) > 0 && text[end] == ' ' && capitalised(next[0]) {
			return 0, ""
		}
		return end - start, placeholderAddress
	})
}

// replaceSuffixStreets replaces streets named by a street-type word at the
// end of their name, with the house number: Kerkstraat 12, Oude Gracht 4a,
// Hauptstraße 5, Berliner Str. 12, Steenweg op Brussel 96. From each
// street-type word with a number after it, the street starts at the word
// it ends or up to three capitalised words or particles before it; the
// longest start that streetWithSuffix accepts wins.
func replaceSuffixStreets(text string) string {
	var b strings.Builder
	copied := 0
	for _, m := range spaceDigitRe.FindAllStringIndex(text, -1) {
		word := streetTypeWord(text, m[0], copied)
		if word < 0 {
			continue
		}
		end := m[0] + 1 + len(houseNumberRe.FindString(text[m[0]+1:]))
		if isWord(runeAfter(text, end)) {
			// "12 En": the letter belongs to the next word.
			end = m[0] + 1 + len(digitRunRe.FindString(text[m[0]+1:]))
			if isWord(runeAfter(text, end)) {
				continue
			}
		}
		starts := []int{word}
		for i := 0; i < 3; i++ {
			first := starts[len(starts)-1]
			if runeBefore(text, first) != ' ' {
				break
			}
			lead := strings.LastIndexByte(text[max(copied, first-40):first-1], ' ') + 1 + max(copied, first-40)
			for lead < first-1 && strings.ContainsRune(`("'‘“«`, rune(text[lead])) {
				lead++ // "(Koningin Emmaplein 3"
			}
			if lead == max(copied, first-40) && lead > 0 && lead != copied || !streetLeadWordRe.MatchString(text[lead:first-1]) {
				break
			}
			starts = append(starts, lead)
		}
		for i := len(starts) - 1; i >= 0; i-- {
			if starts[i] >= copied && !isWord(runeBefore(text, starts[i])) && streetWithSuffix(text[starts[i]:end]) {
				b.WriteString(text[copied:starts[i]])
				b.WriteString(placeholderAddress)
				copied = end
				break
			}
		}
	}
	if copied == 0 {
		return text
	}
	b.WriteString(text[copied:])
	return b.String()
}

var digitRunRe = regexp.MustCompile(`^\d+`)

// streetTypeWord returns where the street name ends whose last word ends
// just before text[space:] in a street type (Kerkstraat, Str.), or "op
// Brussel" follows such a word; -1 if there is none, or it starts before
// from.
func streetTypeWord(text string, space, from int) int {
	wordStart := func(end int) int {
		i := end
		for i > from && (isWord(runeBefore(text, i)) || strings.ContainsRune("'’-.", runeBefore(text, i))) {
			_, size := utf8.DecodeLastRuneInString(text[:i])
			i -= size
		}
		return i
	}
	start := wordStart(space)
	if start == space {
		return -1
	}
	if streetSuffixed(text[start:space]) {
		return start
	}
	// Ambyerstraat Zuid 88, Industrieweg Oost 3: a quarter after the type.
	if directions[text[start:space]] && runeBefore(text, start) == ' ' {
		if typeStart := wordStart(start - 1); typeStart < start-1 && streetSuffixed(text[typeStart:start-1]) {
			return typeStart
		}
	}
	// Steenweg op Brussel 96: a capitalised word after op, naar, van ...
	if !capitalised(text[start:space]) || runeBefore(text, start) != ' ' {
		return -1
	}
	linkStart := wordStart(start - 1)
	if !strings.Contains(" op naar van de la du ", " "+text[linkStart:start-1]+" ") || runeBefore(text, linkStart) != ' ' {
		return -1
	}
	typeStart := wordStart(linkStart - 1)
	if typeStart < linkStart-1 && streetSuffixed(text[typeStart:linkStart-1]) {
		return typeStart
	}
	return -1
}

// lowerLeadWords start a street's name typed in lower case.
var lowerLeadWords = map[string]bool{"oude": true, "nieuwe": true, "grote": true, "kleine": true, "sint": true, "lange": true, "korte": true}

// directions are the quarters that may follow a street's type word.
var directions = map[string]bool{"Zuid": true, "Noord": true, "Oost": true, "West": true, "Nord": true, "Sud": true, "Süd": true, "Ost": true}

// streetSuffixed reports whether word ends in a street type, in any case.
func streetSuffixed(word string) bool {
	lower := strings.ToLower(word)
	for _, suffix := range streetSuffixes {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return false
}

// streetWithSuffix checks a street found by replaceSuffixStreets: the word with
// the street type is a compound with at least three letters before the
// type (Kerkstraat, not "weg"), or a capitalised word stands before it
// (Oude Gracht, Berliner Str.), and it is not a word that merely ends like
// one (onderweg, paspoort, loopbaan).
func streetWithSuffix(s string) bool {
	fields := strings.Fields(s)
	i := slices.IndexFunc(fields, func(f string) bool { return f[0] >= '0' && f[0] <= '9' })
	if i < 1 {
		return false
	}
	if i > 2 && strings.Contains(" op naar van de la du ", " "+fields[i-2]+" ") {
		i -= 2 // Steenweg op Brussel 96
	} else if i > 1 && directions[fields[i-1]] {
		i-- // Ambyerstraat Zuid 88
	}
	word := fields[i-1]
	if i > 1 && !capitalised(word) && !(i == 2 && lowerLeadWords[fields[0]]) {
		return false // "Ook kerkstraat 3": the street is "kerkstraat 3"; "nieuwe grachtstraat 5" is one
	}
	m := suffixStreetWordRe.FindStringSubmatchIndex(word)
	if m == nil {
		return false
	}
	lower := strings.ToLower(word)
	if strings.Contains(" onderweg halfweg loopbaan snelweg spoorweg paspoort ingang uitgang doorgang overgang vooruitgang toegang ", " "+lower+" ") {
		return false
	}
	if m[2] >= 3 {
		// A compound; a lower-case one only with a clear street type.
		return capitalised(word) || suffixSafe(lower[m[2]:])
	}
	// The type alone: "Markt 78", "Steenweg 5", or "Oude Gracht 4".
	return capitalised(word) && (len(word) >= 5 || i > 1 && capitalised(fields[i-2]))
}

func capitalised(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

// suffixSafe reports whether a street type is clear enough to count in a
// word typed in lower case ("kerkstraat 12"), where "park 3" or "ring 2"
// would not be.
func suffixSafe(suffix string) bool {
	switch suffix {
	case "straat", "laan", "plein", "singel", "gracht", "kade", "dijk", "dreef", "steeg", "steenweg", "straße", "strasse", "str.", "gasse", "platz", "allee":
		return true
	}
	return false
}

// postcodeContext reports whether the postcode at text[start:] stands where
// a postcode does: after an address placeholder, a comma or a line break,
// with a country letter (B-1000), or after the word postcode, PLZ or code
// postal.
func postcodeContext(text string, start int) bool {
	if strings.Contains(text[start:min(start+2, len(text))], "-") {
		return true
	}
	before := strings.TrimRight(text[max(0, start-24):start], " ")
	return before == "" || strings.HasSuffix(before, ",") || strings.HasSuffix(before, "\n") ||
		strings.HasSuffix(before, placeholderAddress) || postcodeWordRe.MatchString(before)
}

var postcodeWordRe = regexp.MustCompile(`(?i)(?:postcode|postal code|post code|code postal|plz|postleitzahl)\s?:?$`)

// replaceGroup replaces the first group of each match of re by placeholder.
func replaceGroup(text string, re *regexp.Regexp, placeholder string) string {
	var b strings.Builder
	copied := 0
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		if m[2] < copied || !isolated(text, m[2], m[3]) {
			continue
		}
		b.WriteString(text[copied:m[2]])
		b.WriteString(placeholder)
		copied = m[3]
	}
	if copied == 0 {
		return text
	}
	b.WriteString(text[copied:])
	return b.String()
}
