package scrub

import (
	"regexp"
	"strings"
	"unicode"
)

// plateRe finds candidates for licence plates: up to four groups of letters
// and digits apart by a dash, dot or space, or glued. plateShape decides.
var plateRe = regexp.MustCompile(`[\p{L}\d]{1,7}(?:[\-. ][\p{L}\d]{1,4}){0,3}`)

var (
	// Plates that are recognisable on their own, in capitals: the Dutch
	// side codes 1–14 (12-AB-34, 1-ABC-23, GH-123-K ...), Belgian
	// 1-ABC-123, French AB-123-CD, German AC-XY 1234 and British AB12 CDE.
	plateStrongRe = regexp.MustCompile(`^(?:` +
		`LL-DD-DD|DD-DD-LL|DD-LL-DD|LL-DD-LL|LL-LL-DD|DD-LL-LL|DD-LLL-D|D-LLL-DD|LL-DDD-L|L-DDD-LL|LLL-DD-L|L-DD-LLL|D-LL-DDD|DDD-LL-D` +
		`|D-LLL-DDD|LL-DDD-LL|LL DDD LL|L{1,3}-L{1,2} D{1,4}L?|LLDD LLL)$`)
	// The same and older or glued forms, which need a word such as
	// "kenteken" or "plaque" before them: 12AB34, 1 ABC 123, ABC-123.
	plateWeakRe = regexp.MustCompile(`^(?:` +
		`[LD]{2}[ \-]?[LD]{2}[ \-]?[LD]{2}|D[ \-]?LLL[ \-]?DD|DD[ \-]?LLL[ \-]?D|LL[ \-]?DDD[ \-]?L|L[ \-]?DDD[ \-]?LL|LLL[ \-]?DD[ \-]?L|L[ \-]?DD[ \-]?LLL|D[ \-]?LL[ \-]?DDD|DDD[ \-]?LL[ \-]?D` +
		`|D[ \-]?LLL[ \-]?DDD|LLL[ \-]?DDD|DDD[ \-]?LLL|LL[ \-]?DDD[ \-]?LL|DDDD[ \-]?LL[ \-]?DD|L{1,3}[ \-]L{1,2}[ \-]?D{1,4}L?|LLDD[ ]?LLL)$`)
	// Between the cue and the plate only words like "is" or "nummer".
	plateGapRe = regexp.MustCompile(`(?i)^[ :]*(?:(?:is|was|de|het|van|la|est|nummer|number|no\.?|nr\.?|n°|d'immatriculation|d’immatriculation)[ :]+)*$`)
	plateCueRe = cueRegexp(`kenteken\w*|nummerplaat|nummerbord|plaat|plate|registration|reg|plaque\w*|immatricul\w*|immat|kennzeichen|nummernschild|autokennzeichen`)
)

// replacePlates replaces licence plates by [plate]: written in capitals in
// a form that only a plate has, or in any case and spelling after a word
// that says it is one.
func replacePlates(text string) string {
	cues := newCueFinder(text, plateCueRe)
	return replaceChecked(text, plateRe, " .-", func(start, end int) bool {
		if !standalone(text, start, end) {
			return false
		}
		s := text[start:end]
		shape, upper := plateShape(s)
		if shape == "" || !strings.ContainsRune(shape, 'L') || !strings.ContainsRune(shape, 'D') {
			return false
		}
		if upper && plateStrongRe.MatchString(shape) {
			return true
		}
		g, between := cues.cueBefore(start, 30)
		return g == 1 && plateWeakRe.MatchString(shape) && plateGapRe.MatchString(between)
	}, placeholderPlate)
}

// plateShape writes s as L for a letter, D for a digit, a dash for a dash
// or dot and a space for a space, and says whether all letters are capitals.
// Letters outside A–Z and Ä, Ö, Ü give no shape.
func plateShape(s string) (shape string, upper bool) {
	var b strings.Builder
	upper = true
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteByte('D')
		case r == '-' || r == '.':
			b.WriteByte('-')
		case r == ' ':
			b.WriteByte(' ')
		case r < 128 && unicode.IsLetter(r), strings.ContainsRune("ÄÖÜäöü", r):
			b.WriteByte('L')
			upper = upper && unicode.IsUpper(r)
		default:
			return "", false
		}
	}
	return b.String(), upper
}
