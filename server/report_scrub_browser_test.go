package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"cyberportal/i18n"
)

// TestBrowserCheckPagePlaceholders sends a description with every kind of
// personal data through the form in a real browser, in each language. The
// check page must show the placeholders in that language, pass axe-core,
// and (with SCREENSHOTS set) be saved for a person to look at.
func TestBrowserCheckPagePlaceholders(t *testing.T) {
	base, _ := startReportPortal(t)
	const description = "Mijn naam is Jan de Vries, geboren op 12-03-1985.\nIk woon op de Kerkstraat 12, 6211 AB Maastricht. " +
		"Paspoortnummer NW3K12345, kenteken 12-ABC-3.\nBel 06-12345678 of mail jan(at)kpn.nl. IBAN NL91 ABNA 0417 1643 00, " +
		"kaart 4111 1111 1111 1111, BSN 123456782, IP 185.220.101.4.\nLink: https://evil.example/login?token=ab12cd34ef\u202E\n" +
		"Daarna belde Fatima El Amrani via t.me/fatima_support24."
	want := map[string][]string{
		"nl": {"[naam]", "[geboortedatum]", "de [adres].", "[nummer identiteitsbewijs]", "[kenteken]", "[telefoonnummer]",
			"[e-mailadres]", "[rekeningnummer]", "[kaartnummer]", "[BSN]", "[IP-adres]", "?token=[persoonlijke code in link]"},
		"en": {"[name]", "[date of birth]", "de [address].", "[ID document number]", "[licence plate]", "[phone number]",
			"[email address]", "[bank account number]", "[card number]", "[citizen service number (BSN)]", "[IP address]", "?token=[personal code in link]"},
		"fr": {"[nom]", "[date de naissance]", "de [adresse].", "[numéro de pièce d'identité]", "[plaque d'immatriculation]",
			"[numéro de téléphone]", "[adresse e-mail]", "[numéro de compte]", "[numéro de carte]", "[numéro BSN]", "[adresse IP]",
			"?token=[code personnel dans un lien]"},
	}
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			ctx, probe := newTab(t)
			if err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/"+lang+"/report"),
				chromedp.WaitVisible(chromedp.CSS("#victim")),
			); err != nil {
				t.Fatal(err)
			}
			answerValidly(t, ctx)
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#description"), description)); err != nil {
				t.Fatal(err)
			}
			submitAndLoad(t, ctx, lang+" form", `main button[type="submit"]`)
			shown := text(t, ctx, "#stored-description")
			for _, w := range want[lang] {
				if !strings.Contains(shown, w) {
					t.Errorf("%s: the check page does not show %q in %q", lang, w, shown)
				}
			}
			for _, personal := range []string{"Jan de Vries", "Kerkstraat", "06-12345678", "4111", "ab12cd34ef", "\u202E", "Fatima", "Amrani"} {
				if strings.Contains(shown, personal) {
					t.Errorf("%s: the check page still shows %q", lang, personal)
				}
			}
			reportStep(t, ctx, probe, lang, "check-placeholders")
		})
	}
}
