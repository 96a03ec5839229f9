package scrub

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zwj joins emoji into one picture (👨‍👩‍👧, 🏳️‍🌈); anywhere else it only
// hides things.
const zwj = '\u200D'

// invisible reports whether r is a character nobody sees that changes how
// the text around it looks or reads: bidi embeddings, overrides and isolates
// (U+202E turns "exe.txt" into "txt.exe"), marks, zero-width spaces and
// joiners, the byte order mark, the soft hyphen, invisible operators and
// tag characters (which can smuggle a hidden message). Such characters let a
// phone number or e-mail address slip past the scrubber ("06\u200B12345678")
// and make stored text, staff pages and CSV show something else than what
// is there.
func invisible(r rune) bool {
	switch {
	case r == '\u00AD', r == '\u061C', r == '\u180E', r == '\uFEFF',
		r >= '\u200B' && r <= '\u200F',
		r >= '\u202A' && r <= '\u202E',
		r >= '\u2060' && r <= '\u2064',
		r >= '\u2066' && r <= '\u206F',
		r >= '\uFFF9' && r <= '\uFFFB',
		r >= 0xE0000 && r <= 0xE007F:
		return true
	}
	return false
}

// oddSpace reports whether r is a space other than the ordinary one
// (no-break, thin, narrow no-break as French writes "06 12 34 56 78"...).
// They read as a space, so they become one and every rule sees one kind.
func oddSpace(r rune) bool {
	return r == '\u00A0' || r >= '\u2000' && r <= '\u200A' || r == '\u202F' || r == '\u205F' || r == '\u3000'
}

// emojiPart reports whether r can stand on either side of a joiner in an
// emoji sequence: a pictograph, the emoji variation selector or a skin tone.
func emojiPart(r rune) bool {
	return unicode.Is(unicode.So, r) || r == '\uFE0F' || r >= 0x1F3FB && r <= 0x1F3FF
}

// dropInvisible removes invisible characters, keeping a joiner only between
// two parts of an emoji, and turns odd spaces and line separators into
// ordinary ones.
func dropInvisible(text string) string {
	if !strings.ContainsFunc(text, func(r rune) bool {
		return invisible(r) || oddSpace(r) || r == '\u2028' || r == '\u2029'
	}) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range text {
		switch {
		case r == zwj:
			if emojiPart(runeBefore(text, i)) && emojiPart(runeAfter(text, i+utf8.RuneLen(zwj))) {
				b.WriteRune(r)
			}
		case invisible(r):
		case oddSpace(r):
			b.WriteByte(' ')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
