package scrub

import "testing"

// TestAnonymiseNameAndFlatCues covers the cue families the third blind set
// (blind-2026-11-30c) missed, in other words than that set's: an aside
// between a naming verb and the name, a "Naam op ...:" label, official
// titles before a surname, German "namens", and flat or box numbers with
// an address; and sentences those rules must leave as they are.
func TestAnonymiseNameAndFlatCues(t *testing.T) {
	checkAnonymise(t, []anonymiseCase{
		// an aside of up to four lower-case words after a naming verb
		{"nl heet aside", "De oplichter heet volgens de politie Kees Bakker.", "De oplichter heet volgens de politie [name]."},
		{"nl heette aside", "Zij heette naar eigen zeggen Ilse Jaspers en belde twee keer.", "Zij heette naar eigen zeggen [name] en belde twee keer."},
		{"nl noemde zich aside", "Hij noemde zich eerst nog Mark Visser.", "Hij noemde zich eerst nog [name]."},
		{"en was called aside", "The buyer was called, or so he said, Tom Harris.", "The buyer was called, or so he said, [name]."},
		{"en went by", "She went by Jenny Moss on the site.", "She went by [name] on the site."},
		{"fr s'appelle aside", "L'acheteur s'appelle, paraît-il, Paul Moreau.", "L'acheteur s'appelle, paraît-il, [name]."},
		{"fr se nommait aside", "La femme se nommait selon elle Claire Petit.", "La femme se nommait selon elle [name]."},
		{"de hieß aside", "Der Käufer hieß angeblich Stefan Weber.", "Der Käufer hieß angeblich [name]."},
		{"de nennt sich aside", "Er nennt sich dort immer Lukas Braun.", "Er nennt sich dort immer [name]."},
		// a name label with words before the colon
		{"nl naam op label", "Naam op de rekening: Sanne de Wit.", "Naam op de rekening: [name]."},
		{"en name on label", "Name on the card: Peter Lang", "Name on the card: [name]"},
		{"fr nom sur label", "Nom sur le colis : Julie Roux", "Nom sur le colis : [name]"},
		// official titles before a surname
		{"fr commissaire", "Il disait être le commissaire Lefèvre de la police.", "Il disait être le commissaire [name] de la police."},
		{"fr capitaine", "Un certain capitaine Dubois m'a rappelé.", "Un certain capitaine [name] m'a rappelé."},
		{"fr docteur", "Le docteur Martin aurait besoin de mon code.", "Le docteur [name] aurait besoin de mon code."},
		{"de Hauptkommissar", "Ein angeblicher Hauptkommissar Schneider rief an.", "Ein angeblicher Hauptkommissar [name] rief an."},
		{"en constable", "A constable Wright asked for my PIN.", "A constable [name] asked for my PIN."},
		// German namens, mit Namen, heißt
		{"de namens", "Eine Frau namens Anna Schmidt schrieb mir.", "Eine Frau namens [name] schrieb mir."},
		{"de Mitarbeiter namens", "Ein Mitarbeiter namens Jens Ott rief an.", "Ein Mitarbeiter namens [name] rief an."},
		{"de mit Namen", "ein Herr mit Namen Felix Wolf", "ein Herr mit Namen [name]"},
		{"de heißt", "Der Verkäufer heißt Tobias Lang.", "Der Verkäufer heißt [name]."},
		// flat, unit and box numbers with an address
		{"en flat before", "Send it to Flat 12, 4 Park Road please", "Send it to [address] please"},
		{"en apartment before", "I live in Apartment 2B, 10 Mill Lane.", "I live in [address]."},
		{"en unit before", "Unit 7, 3 Station Road", "[address]"},
		{"fr appartement before", "appartement 4, 12 rue de la Paix", "[address]"},
		{"be boîte after", "Rue de la Loi 16, boîte 3", "[address]"},

		// must stay unchanged: a thing after an article or possessive
		{"nl heet de app", "Die dienst heet tegenwoordig de app Signal.", "Die dienst heet tegenwoordig de app Signal."},
		{"en is called the company", "The shop is called, I think, the Amazon store.", "The shop is called, I think, the Amazon store."},
		{"fr s'appelle la banque", "Le service s'appelle chez nous la Banque Postale.", "Le service s'appelle chez nous la Banque Postale."},
		{"nl heet lower case only", "Het heet gewoon phishing.", "Het heet gewoon phishing."},
		{"en flat without address", "I rent a flat in Bristol.", "I rent a flat in Bristol."},
		{"nl bus without address", "Ik nam bus 3 naar het station.", "Ik nam bus 3 naar het station."},
		{"en unit of measure", "Unit 4 of the course covers passwords.", "Unit 4 of the course covers passwords."},
		{"nl namens a firm", "Een man belde namens Vinted.", "Een man belde namens Vinted."},
		{"nl naam label bank", "Naam van de bank: ING", "Naam van de bank: ING"},
	})
}

// checkAnonymise runs a table of Anonymise cases as subtests.
func checkAnonymise(t *testing.T, cases []anonymiseCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Anonymise(tc.in); got != tc.want {
				t.Errorf("Anonymise(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}
