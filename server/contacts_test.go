package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestContactsPage renders /{lang}/contacts through HTTP and checks what a
// reader looks for: every situation, every country with entries, contact
// facts as links from the directory, and each entry's checked date.
func TestContactsPage(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		lang  string
		wants []string
	}{
		{"nl", []string{`<h1>Wie kan je helpen?</h1>`, `<h3 id="money-gone">Ik ben geld kwijt</h3>`, `<h3 id="data-leaked">Mijn gegevens zijn gelekt</h3>`,
			`<h3 id="country-BE">België</h3>`, `<h4>Centraal Meldpunt Identiteitsfraude (CMI)</h4>`, "Gecontroleerd op 30 november 2026",
			`<a href="mailto:valse-email@fraudehelpdesk.nl">`, "Werkdagen 9.00–17.00 uur", "Talen: Nederlands, Engels"}},
		{"en", []string{`<h1>Who can help?</h1>`, `<h3 id="threatened">I am being threatened or blackmailed</h3>`, `<h3 id="country-FR">France</h3>`,
			"Checked on 30 November 2026", `<a href="https://17cyber.gouv.fr" rel="noopener">17cyber.gouv.fr</a>`}},
		{"fr", []string{`<h1>Qui peut vous aider ?</h1>`, `<h3 id="business-attacked">Mon entreprise a été attaquée</h3>`, "Vérifié le 30 novembre 2026",
			`<a href="tel:116000">116 000</a>`, "Depuis l’étranger :"}},
	}
	for _, tt := range tests {
		res, body := get(t, s, "/"+tt.lang+"/contacts")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", tt.lang, res.StatusCode)
		}
		mustContain(t, body, tt.wants...)
		mustContain(t, body, `<a href="tel:09008844">0900-8844</a>`, `<a href="tel:0887867372">088-786 73 72</a>`,
			`href="/`+tt.lang+`/contacts"`, `<html lang="`+tt.lang+`"`)
		mustNotContain(t, body, "{{", "contacts.", "%!")
		// Every situation has bodies to turn to.
		if n := strings.Count(body, `<ul class="contact-list">`); n != 5 {
			t.Errorf("%s: %d situation lists, want 5", tt.lang, n)
		}
	}
	_, sitemap := get(t, s, "/sitemap.xml")
	for _, lang := range []string{"nl", "en", "fr"} {
		mustContain(t, sitemap, "/"+lang+"/contacts</loc>")
	}
}

// TestPrivacyStatementNamesTheOfficerAndTheStaffCookie: the privacy
// statement gives the data protection officer's address from the
// directory, and says what the staff cookie, the audit log and the
// rate-limit key keep and for how long.
func TestPrivacyStatementNamesTheOfficerAndTheStaffCookie(t *testing.T) {
	s := newTestServer(t)
	for lang, wants := range map[string][]string{
		"nl": {"twee uur", "Functionaris gegevensbescherming", "AVG artikel 9", "auditlog"},
		"en": {"two hours", "Data protection officer", "GDPR article 9", "audit log"},
		"fr": {"deux heures", "Délégué à la protection des données", "RGPD, article 9", "Ce journal ne contient aucune donnée"},
	} {
		_, body := get(t, s, "/"+lang+"/privacy")
		mustContain(t, body, wants...)
		mustContain(t, body, `<a href="mailto:functionaris.gegevensbescherming@maastricht.nl">functionaris.gegevensbescherming@maastricht.nl</a>`,
			"staff_session", "UAVG")
	}
}
