package server

import "cyberportal/data/scrub"

// scrubbedPart is a piece of a scrubbed text as a reporter sees it: plain
// text, or a placeholder's label in the page's language.
type scrubbedPart struct {
	Text  string
	Label string // "telefoonnummer" for "[phone]" on a Dutch page; empty for text
}

// Scrubbed splits a stored description into text and placeholders, so the
// templates can show "[phone]" as "[telefoonnummer]", "[phone number]" or
// "[numéro de téléphone]". What is stored keeps the placeholders as they
// are, the same in every language, for staff and the CSV.
func (p page) Scrubbed(text string) []scrubbedPart {
	parts := scrub.Parts(text)
	out := make([]scrubbedPart, len(parts))
	for i, part := range parts {
		out[i] = scrubbedPart{Text: part.Text}
		if part.Kind != "" {
			out[i].Label = p.T("scrub.placeholder." + part.Kind)
		}
	}
	return out
}
