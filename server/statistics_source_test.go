package server

import "testing"

// TestStatisticsSourceInThePageLanguage: the safety-monitor source line
// reads in the page's language (migrations 0007 and 0009), not in English
// on all.
func TestStatisticsSourceInThePageLanguage(t *testing.T) {
	s := newTestServer(t)
	for lang, want := range map[string]string{
		"nl": "zoals gepubliceerd door de gemeente Maastricht",
		"en": "as published by the municipality of Maastricht",
		"fr": "publié par la commune de Maastricht",
	} {
		_, body := get(t, s, "/"+lang+"/statistics")
		mustContain(t, body, want)
		if lang != "en" {
			mustNotContain(t, body, "as published by")
		}
	}
}
