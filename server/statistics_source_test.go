package server

import "testing"

// TestStatisticsSourceInThePageLanguage: the safety-monitor source line
// reads in the page's language (migration 0007), not in English on all.
func TestStatisticsSourceInThePageLanguage(t *testing.T) {
	s := newTestServer(t)
	for lang, want := range map[string]string{
		"nl": "zoals aangehaald in de veiligheidsrapportage van de gemeente Maastricht",
		"en": "as cited in the municipality of Maastricht&#39;s safety report",
		"fr": "cité dans le rapport sur la sécurité de la commune de Maastricht",
	} {
		_, body := get(t, s, "/"+lang+"/statistics")
		mustContain(t, body, want)
		if lang != "en" {
			mustNotContain(t, body, "as cited in")
		}
	}
}
