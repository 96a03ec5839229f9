package scrub

import "regexp"

// Kinds are the kinds of personal data the scrubber removes, each written
// in the text as its placeholder "[kind]". The check page shows them in
// the reader's language (catalogue keys scrub.placeholder.<kind>).
var Kinds = [...]string{"name", "address", "birthdate", "document", "plate", "phone", "email", "iban", "card", "bsn", "ip", "token"}

// placeholderRe finds placeholders in scrubbed text.
var placeholderRe = regexp.MustCompile(`\[(name|address|birthdate|document|plate|phone|email|iban|card|bsn|ip|token)\]`)

// Part is a piece of scrubbed text: plain text, or a placeholder with its
// kind.
type Part struct {
	Text string // the text, or the placeholder as stored ("[phone]")
	Kind string // the kind of a placeholder; empty for plain text
}

// Parts splits scrubbed text into plain text and placeholders, so that a
// page can show each placeholder in its own language.
func Parts(text string) []Part {
	var parts []Part
	last := 0
	for _, m := range placeholderRe.FindAllStringSubmatchIndex(text, -1) {
		if m[0] > last {
			parts = append(parts, Part{Text: text[last:m[0]]})
		}
		parts = append(parts, Part{Text: text[m[0]:m[1]], Kind: text[m[2]:m[3]]})
		last = m[1]
	}
	if last < len(text) {
		parts = append(parts, Part{Text: text[last:]})
	}
	return parts
}
