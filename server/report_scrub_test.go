package server

import (
	"encoding/csv"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"cyberportal/data"
	"cyberportal/data/scrub"
)

// invisibleRunes are bidi controls, marks, zero-width and other invisible
// characters that must never reach stored text, staff pages or the CSV.
var invisibleRunes = []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
	'\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\uFEFF', '\u2060', '\u00AD'}

// findInvisible returns the first invisible character in s, or 0. A joiner
// counts unless it joins two emoji.
func findInvisible(s string) rune {
	for i, r := range s {
		if r == '\u200D' {
			if !strings.HasPrefix(s[i+3:], "👩") && !strings.HasPrefix(s[i+3:], "👧") {
				return r
			}
			continue
		}
		for _, bad := range invisibleRunes {
			if r == bad {
				return r
			}
		}
	}
	return 0
}

// TestReportDropsInvisibleCharacters sends a report and an update full of
// bidi controls and zero-width characters through the real form, and looks
// for them in the check page, the stored report, the status page, the
// staff pages and the CSV export. A family emoji keeps its joiners, and a
// phone number split by a zero-width space is still found.
func TestReportDropsInvisibleCharacters(t *testing.T) {
	s := newReportServer(t)
	useTestClock(s)
	answers := validAnswers()
	answers.Set("description", "Factuur\u202Efdp.exe\u202C van \u2066evil\u2069 bank\u200E\u200F\u061C. Bel 06\u200B-1234\u2060-5678"+
		" of \uFEFFmail\u00AD me. Fami\u200Clie 👨\u200D👩\u200D👧 en a\u200Db.")
	check, _, code := sendReport(t, s, "en", answers)
	if r := findInvisible(hiddenFields(check).Get("clean")); r != 0 {
		t.Errorf("the check page will store %U", r)
	}
	if m := regexp.MustCompile(`(?s)id="stored-description">(.*?)</div>`).FindStringSubmatch(check); m == nil {
		t.Error("no stored description on the check page")
	} else if r := findInvisible(html.UnescapeString(m[1])); r != 0 {
		t.Errorf("the check page shows %U", r)
	}

	_, body := lookUp(t, s, "en", code, map[string][]string{"action": {"update"}, "update": {"Update \u202Egnp.scr\u202C and \u200Bhidden\u200B words"}})
	if !strings.Contains(body, "Your update has been added.") {
		t.Fatalf("update not added:\n%s", mainOf(body))
	}
	r, err := s.store.ReportByReceipt(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	const want = "Factuurfdp.exe van evil bank. Bel [phone] of mail me. Familie 👨\u200D👩\u200D👧 en ab."
	if r.Description != want {
		t.Errorf("stored %q\n want %q", r.Description, want)
	}
	if len(r.Updates) != 1 || r.Updates[0].Body != "Update gnp.scr and hidden words" {
		t.Errorf("stored update %q", r.Updates)
	}
	_, status := lookUp(t, s, "en", code, nil)

	m := addTestStaff(t, s, "a@example.nl", data.RoleAnalyst)
	c := m.session(t, s)
	_, list := staffGet(t, s, "/staff/reports", c)
	id := regexp.MustCompile(`href="/staff/reports/([^"]+)"`).FindStringSubmatch(list)
	if id == nil {
		t.Fatalf("no report in the staff list:\n%s", mainOf(list))
	}
	_, detail := staffGet(t, s, "/staff/reports/"+id[1], c)
	if !strings.Contains(detail, "Factuurfdp.exe") {
		t.Errorf("the staff page does not show the report:\n%s", mainOf(detail))
	}
	res, export := staffGet(t, s, "/staff/reports.csv", c)
	rows, err := csv.NewReader(strings.NewReader(export)).ReadAll()
	if err != nil || res.StatusCode != http.StatusOK || len(rows) != 2 {
		t.Fatalf("export: %d, %d rows, %v", res.StatusCode, len(rows), err)
	}
	for name, page := range map[string]string{"status page": status, "staff list": list, "staff report": detail, "CSV": export} {
		if r := findInvisible(html.UnescapeString(page)); r != 0 {
			t.Errorf("the %s shows %U", name, r)
		}
	}
}

// TestCheckPageShowsPlaceholdersInEachLanguage sends a description with
// every kind of personal data through the real form in each language. The
// check page names each placeholder in the page's language; the hidden
// field that carries the text to store, and the stored report, keep the
// placeholders as they are.
func TestCheckPageShowsPlaceholdersInEachLanguage(t *testing.T) {
	const description = "Mijn naam is Jan de Vries, geboren op 12-03-1985, ik woon op de Kerkstraat 12, 6211 AB Maastricht. " +
		"Paspoortnummer NW3K12345, kenteken 12-ABC-3. Bel 06-12345678 of mail jan(at)kpn.nl. IBAN NL91 ABNA 0417 1643 00, " +
		"kaart 4111 1111 1111 1111, BSN 123456782, IP 185.220.101.4, link https://evil.example/login?token=ab12cd34ef."
	labels := map[string]map[string]string{
		"nl": {"name": "naam", "birthdate": "geboortedatum", "address": "adres", "document": "nummer identiteitsbewijs", "plate": "kenteken",
			"phone": "telefoonnummer", "email": "e-mailadres", "iban": "rekeningnummer", "card": "kaartnummer", "bsn": "BSN", "ip": "IP-adres",
			"token": "persoonlijke code in link"},
		"en": {"name": "name", "birthdate": "date of birth", "address": "address", "document": "ID document number", "plate": "licence plate",
			"phone": "phone number", "email": "email address", "iban": "bank account number", "card": "card number",
			"bsn": "citizen service number (BSN)", "ip": "IP address", "token": "personal code in link"},
		"fr": {"name": "nom", "birthdate": "date de naissance", "address": "adresse", "document": "numéro de pièce d&#39;identité",
			"plate": "plaque d&#39;immatriculation", "phone": "numéro de téléphone", "email": "adresse e-mail", "iban": "numéro de compte",
			"card": "numéro de carte", "bsn": "numéro BSN", "ip": "adresse IP", "token": "code personnel dans un lien"},
	}
	notices := map[string]string{"nl": "We hebben persoonsgegevens vervangen", "en": "We replaced personal details", "fr": "Nous avons remplacé les données personnelles"}
	for lang, label := range labels {
		t.Run(lang, func(t *testing.T) {
			s := newReportServer(t)
			answers := validAnswers()
			answers.Set("description", description)
			check, _, code := sendReport(t, s, lang, answers)
			mustContain(t, check, notices[lang])
			// The form keeps the description as typed in a hidden field, for
			// "Change my answers"; what will be stored is shown apart.
			m := regexp.MustCompile(`(?s)<div class="stored-text" id="stored-description">(.*?)</div>`).FindStringSubmatch(check)
			if m == nil {
				t.Fatalf("no stored description on the check page:\n%s", mainOf(check))
			}
			shown := m[1]
			mustContain(t, shown, "hxxps://evil[.]example/login?token=")
			for _, kind := range scrub.Kinds {
				mustContain(t, shown, `<span class="placeholder">[`+label[kind]+`]</span>`)
			}
			mustNotContain(t, shown, "Jan de Vries", "Kerkstraat", "NW3K12345", "12-ABC-3", "06-12345678", "kpn.nl", "4111", "123456782", "185.220", "ab12cd34ef")
			clean := hiddenFields(check).Get("clean")
			r, err := s.store.ReportByReceipt(t.Context(), code)
			if err != nil {
				t.Fatal(err)
			}
			if r.Description != clean {
				t.Errorf("stored %q, the check page carried %q", r.Description, clean)
			}
			for _, kind := range scrub.Kinds {
				if !strings.Contains(r.Description, "["+kind+"]") {
					t.Errorf("the stored text has no [%s]: %q", kind, r.Description)
				}
			}
		})
	}
}
