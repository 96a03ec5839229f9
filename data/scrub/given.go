package scrub

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// givenNamesFile lists common first names of the people who live in and
// write to a Dutch border city (Dutch, Limburgish, Flemish, French,
// German, English, Moroccan, Turkish, Polish, Surinamese and more), one per
// line, without those that are also words, brands, places or months in
// Dutch, English, French or German ("Will", "Roos", "Ben", "Zara", "Mei"):
// those are taken only after a cue.
//
//go:embed given_names.txt
var givenNamesFile string

// givenNameList holds the names of givenNamesFile, and apart those that
// are also words (its section "Kept although also a word", as comments):
// written in lower case those are the word ("je suis ravi").
type givenNameList struct {
	names, wordToo map[string]bool
	// midSentence are names left out of names because they are also
	// words, but which, capitalised inside a sentence, are a person:
	// "de man aan de deur, Bas, nam het geld mee".
	midSentence map[string]bool
}

// surnamesFile lists common surnames of the same people, without their
// particles and without those that are also words, towns or brands in the
// four languages, first names, or of three letters or fewer.
//
//go:embed surnames.txt
var surnamesFile string

var surnames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, line := range strings.Split(surnamesFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			names[line] = true
		}
	}
	return names
})

// listedSurname reports whether word, in any case, is a surname on the list.
func listedSurname(word string) bool {
	return surnames()[word] || surnames()[title(strings.ToLower(word))]
}

var givenNames = sync.OnceValue(func() givenNameList {
	l := givenNameList{names: map[string]bool{}, wordToo: map[string]bool{}, midSentence: map[string]bool{}}
	section := ""
	for _, line := range strings.Split(givenNamesFile, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			if strings.HasSuffix(line, ":") {
				section = line
			} else if name, _, ok := strings.Cut(strings.TrimPrefix(line, "# "), " — "); ok && strings.HasPrefix(section, "# Kept although") {
				l.wordToo[name] = true
			}
		case section == "# Only inside a sentence:":
			l.midSentence[line] = true
		default:
			l.names[line] = true
		}
	}
	return l
})

// givenName reports whether word, as written, is a first name on the list;
// a double name counts when each of its parts does ("Jean-Pierre").
func givenName(word string) bool {
	names := givenNames().names
	if names[word] {
		return true
	}
	parts := strings.Split(word, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !names[p] {
			return false
		}
	}
	return true
}

// lowerGivenName reports whether word, written in lower case, is a first
// name on the list that is no word as well ("marloes", not "ravi").
func lowerGivenName(word string) bool {
	if r, _ := utf8.DecodeRuneInString(word); !unicode.IsLower(r) {
		return false
	}
	t := title(word)
	return givenNames().names[t] && !givenNames().wordToo[t]
}

// title returns word with its first letter in upper case.
func title(word string) string {
	r, size := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + word[size:]
}

var (
	// A name from its first word on: "Fatima El Amrani", "Jean-Pierre Le Goff".
	nameHereRe           = regexp.MustCompile(`^` + nameSeq)
	strongParticleNameRe = regexp.MustCompile(`^[ ](?:van|von|el|al|ben|bin|ibn|ter|ten|vander|vanden)(?:[ ](?:de|der|den|het))?[ ]\p{Ll}[\p{L}'’\-]{2,}`)
	lowerParticleNameRe  = regexp.MustCompile(`^(?:[ ](?:van|von|de|der|den|el|al|ben|bin|ibn|le|la|du|dos|da|di|ter|ten)){1,3}[ ]\p{Ll}[\p{L}'’\-]{2,}`)
	// A saint's name is a place or a church: Sint Pieter, Saint-Denis.
	saintBeforeRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:sint|sinte|saint|sainte|st|ste|sankt|san|santa|santo|são)[.]?[ \-]$`)
	// A street named after a person: "Maria Theresialaan", "Jan Campertstraat".
	personStreetRe = regexp.MustCompile(`(?i)(?:straat|laan|plein|singel|gracht|kade|dreef|steeg|steenweg|weg|straße|strasse|gasse|platz|allee|street|road|avenue|lane|school|college|ziekenhuis|kliniek|hospital|stichting|fonds|prijs|zaal|huis)$`)
)

// brandsWithNames are brands and shops whose name starts with a first
// name: evidence, not a person.
var brandsWithNames = []string{
	"albert heijn", "tommy hilfiger", "louis vuitton", "ralph lauren", "hugo boss", "calvin klein", "marie claire",
	"jack wolfskin", "victoria's secret", "victoria’s secret", "jack & jones", "peter langhout", "hans anders",
	"jan linders", "bart smit", "leroy merlin", "marie blachère", "marie blachere", "pierre cardin", "pierre lannier", "christian dior",
	"jean louis david", "franck provost", "camille albane", "marc jacobs", "michael kors", "henri willig", "pieter pot",
	"paul & shark", "ted baker", "stanley cup", "fritz!box", "fritzbox", "uncle ben", "dr. oetker", "carl zeiss", "louis widmer", "gerard darel", "emma matras", "coco chanel", "tom & jerry", "tom &amp; jerry", "ben & jerry", "ben &amp; jerry", "stella artois", "yves rocher", "yves saint laurent", "karl lagerfeld", "nina ricci", "jean paul gaultier",
}

// givenNameSpans returns the names that start with a first name on the
// list, with the surname after it, wherever they stand: "ik heb Fatima El
// Amrani gebeld", "Pieter heeft toen gebeld". Not a name: a saint's name
// (a place), a street or school named after a person, a brand, or a
// first name next to a number ("Jan 5" is a date). lower holds the starts
// of names typed in lower case, whose length is measured already.
func givenNameSpans(text string) (spans [][]int, lower map[int]bool) {
	lower = map[int]bool{}
	shouting := shouted(text)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += size
			continue
		}
		end := wordEnd(text, i)
		start := i
		i = end
		// A text typed in capitals: "MIJN NICHT JOYCE ... JOSEPHINE
		// PINCKAERS".
		if shouting && end-start >= 3 && anyGivenName(text[start:end]) && strings.ToUpper(text[start:end]) == text[start:end] {
			n := capitalsNameEnd(text, end)
			spans = append(spans, []int{start, n, start, n})
			lower[start] = true
			i = n
			continue
		}
		if (lowerGivenName(text[start:end]) || lowerWithSurname(text, start, end)) && end-start >= 3 && !strings.ContainsRune("-_./@[", runeBefore(text, start)) &&
			!strings.ContainsRune("-_./@]", runeAfter(text, end)) {
			// "broer van me mohamed is opgelicht": a listed name that is no
			// word, typed in lower case, with its particles and surname
			// after it ("karim el idrissi").
			n := end - start
			if m := lowerParticleNameRe.FindStringIndex(text[end:]); m != nil {
				n += m[1]
			} else {
				n += lowerSurnameAfter(text, end) // "karim bouzid", "maria lardinois"
			}
			spans = append(spans, []int{start, start + n, start, start + n})
			lower[start] = true
			i = start + n
			continue
		}
		word := text[start:end]
		// A listed surname alone inside a sentence: "niemand van ons heet
		// zo, Hoekstra ook niet", "de dader Kowalski".
		if !givenName(word) && surnames()[word] && !sentenceStart(text, start) && runeBefore(text, start) != '[' &&
			!nextToNumber(text, start, end) && !afterOrgWord(text, start) && !isWord(runeAfter(text, end)) {
			m := nameHereRe.FindStringIndex(text[start:])
			if n := nameLength(text[start : start+m[1]]); n > 0 && !personStreetRe.MatchString(text[start:start+n]) && !firmRe.MatchString(text[start+n:]) {
				// The first name before it, listed or not: "Ravenna
				// Bouchta", "Noa el Idrissi".
				from := start
				if j := givenNameBefore(text, start); j >= 0 {
					from = j
				} else if j := capitalisedBefore(text, start); j >= 0 {
					from = j
				}
				if len(spans) > 0 && from < spans[len(spans)-1][1] {
					from = start
				}
				spans = append(spans, []int{from, start + n, from, start + n})
				i = start + n
				continue
			}
		}
		// A name that is also a word counts at the start of a sentence
		// too when a surname follows: "Rose Vandenberghe is 91".
		also := givenNames().midSentence[word] && (!sentenceStart(text, start) || surnameAfter(text, end))
		if !givenName(word) && !also || runeBefore(text, start) == '[' || runeBefore(text, start) == '@' ||
			saintBeforeRe.MatchString(text[max(0, start-8):start]) || nextToNumber(text, start, end) {
			continue
		}
		// "Kapsalon Anouk", "Koffiebar Pim": a shop named after its owner
		// keeps the name here; named elsewhere, the owner's name goes there
		// and here alike (replaceRepeatedNames).
		if afterOrgWord(text, start) {
			continue
		}
		if n := brandAt(strings.ToLower(text[start:min(len(text), start+40)])); n > 0 {
			i = start + n
			continue
		}
		m := nameHereRe.FindStringIndex(text[start:])
		if m == nil {
			continue
		}
		n := nameLength(text[start : start+m[1]])
		if n == 0 || personStreetRe.MatchString(text[start:start+n]) || firmRe.MatchString(text[start+n:]) {
			continue
		}
		spans = append(spans, []int{start, start + n, start, start + n})
		i = start + n
	}
	return spans, lower
}

// capitalsNameEnd returns where a first name that ends at end, in a text
// typed in capitals, ends with its surname: up to two capital words more,
// but only when the name then ends its line or clause ("JOSEPHINE
// PINCKAERS" as a signature); else the word after may be the verb ("JOYCE
// ZEGT").
func capitalsNameEnd(text string, end int) int {
	n := end
	for k := 0; k < 2 && n < len(text) && text[n] == ' '; k++ {
		next := wordEnd(text, n+1)
		w := strings.ToLower(text[n+1 : next])
		if next == n+1 || lowerStopSet[w] || notNameSet[w] || utf8.RuneCountInString(w) < 3 || isWord(runeAfter(text, next)) {
			break
		}
		n = next
	}
	if rest := strings.TrimLeft(text[n:], " "); rest != "" && !strings.ContainsRune(".,;:!?)\n", rune(rest[0])) {
		return end
	}
	return n
}

// shouted reports whether text is typed in capitals: most of at least 20
// letters.
func shouted(text string) bool {
	upper, letters := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 20 && upper*10 >= letters*7
}

// capitalisedBefore returns the start of the capitalised word right before
// the word at start, when it can be a first name; -1 otherwise.
func capitalisedBefore(text string, start int) int {
	if start < 2 || text[start-1] != ' ' {
		return -1
	}
	j := start - 1
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isWord(r) {
			break
		}
		j -= size
	}
	w := text[j : start-1]
	if w == "" || !capitalised(w) || notName(w) || runeBefore(text, j) == '[' || orgWordSet[strings.ToLower(w)] ||
		sentenceStart(text, j) && !givenName(w) { // "Later Hargreaves mailed"
		return -1
	}
	return j
}

// lowerSurnameAfter returns the length of " surname" after text[:end] when the
// next word, typed in lower case, is a listed surname; 0 otherwise.
func lowerSurnameAfter(text string, end int) int {
	if !strings.HasPrefix(text[end:], " ") {
		return 0
	}
	if w := lowerWordRe.FindString(text[end+1:]); w != "" && listedSurname(w) && !isWord(runeAfter(text, end+1+len(w))) {
		return 1 + len(w)
	}
	return 0
}

// lowerWithSurname reports whether the lower-case word text[start:end] is a
// listed first name, also one that is a word too, followed by a listed
// surname or by particles and a surname: "noa schreurs", "jan van den berg".
func lowerWithSurname(text string, start, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[start:])
	if !unicode.IsLower(r) || !anyGivenName(text[start:end]) {
		return false
	}
	// "de" alone is as often French or Dutch for "of" ("en cas de perte"):
	// only van, von, el, ben... make the name.
	return lowerSurnameAfter(text, end) > 0 || strongParticleNameRe.MatchString(text[end:])
}

// afterOrgWord reports whether the word before start names a kind of firm
// or shop ("Kapsalon Anouk", "Bakkerij Janssen").
func afterOrgWord(text string, start int) bool {
	prev := lastWord(strings.TrimRight(text[:start], " "))
	return prev != "" && orgWordSet[strings.ToLower(prev)]
}

// sentenceStart reports whether the word at start begins a sentence, a
// line or the text, opening quotes and brackets aside.
func sentenceStart(text string, start int) bool {
	before := strings.TrimRight(text[:start], " \t'‘\"“«„(*_")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?:;…\n-–—", r)
}

// surnameAfter reports whether a capitalised word that is no name-stopper
// follows the word ending at end: "Rose Vandenberghe", not "Frank. Daarna".
func surnameAfter(text string, end int) bool {
	if !strings.HasPrefix(text[end:], " ") {
		return false
	}
	m := nameHereRe.FindString(text[end+1:])
	return m != "" && nameLength(m) > 0 && !strings.Contains(m, ".")
}

// nextToNumber reports whether a number stands right before or after the
// word text[start:end]: "5 Jan 2026", "Jan 5".
func nextToNumber(text string, start, end int) bool {
	before := strings.TrimRight(text[:start], " ")
	after := strings.TrimLeft(text[end:], " ")
	return len(before) < start && isDigitRune(runeBefore(before, len(before))) ||
		len(after) < len(text)-end && isDigitRune(runeAfter(after, 0))
}

// brandAt returns the length of the brand in brandsWithNames that s, in
// lower case, starts with; 0 if none does.
func brandAt(s string) int {
	for _, b := range brandsWithNames {
		if strings.HasPrefix(s, b) {
			return len(b)
		}
	}
	return 0
}
