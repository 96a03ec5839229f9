package scrub

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

type anonymiseCase struct {
	name, in, want string
}

// anonymiseCases returns real-world inputs with the text that may be stored.
// They also seed FuzzAnonymise.
func anonymiseCases() []anonymiseCase {
	return []anonymiseCase{
		// e-mail
		{"email", "mail me at jan.jansen@gmail.com please", "mail me at [email] please"},
		{"email accented", "Adresse : Émile.Dupont@orange.fr.", "Adresse : [email]."},
		{"email plus and subdomain", "user+tag@mail.example.co.uk", "[email]"},
		{"email upper case", "JAN@KPN.NL", "[email]"},
		{"email inside link", "https://evil.example/?mail=jan@kpn.nl", "hxxps://evil[.]example/?mail=[email]"},
		{"email beats defang", "schrijf naar helpdesk@evil-bank.com", "schrijf naar [email]"},

		// phone numbers: Dutch
		{"nl mobile dash", "Bel 06-12345678", "Bel [phone]"},
		{"nl mobile spaced", "06 1234 5678", "[phone]"},
		{"nl mobile plain", "0612345678", "[phone]"},
		{"nl mobile spaced dash", "06 - 12345678", "[phone]"},
		{"nl landline dash", "043-1234567", "[phone]"},
		{"nl landline spaced", "043 123 45 67", "[phone]"},
		{"nl landline brackets", "(043) 123 45 67", "[phone]"},
		{"nl international", "+31 6 12345678", "[phone]"},
		{"nl international plain", "+31612345678", "[phone]"},
		{"nl 0031", "0031612345678", "[phone]"},
		{"nl trunk in brackets", "+31(0)6 12345678", "[phone]"},
		{"nl trunk landline", "+31 (0)43 123 45 67", "[phone]"},
		{"nl 0900", "0900-1234567", "[phone]"},
		{"nl 0800", "0800 0123", "[phone]"},
		{"nl 0900 short", "0900-1234", "[phone]"},
		// phone numbers: Belgian
		{"be mobile", "0470 12 34 56", "[phone]"},
		{"be international", "+32 470 12 34 56", "[phone]"},
		{"be landline liege", "04 123 45 67", "[phone]"},
		{"be landline brussels", "02 123 45 67", "[phone]"},
		{"be slash", "0470/12.34.56", "[phone]"},
		// phone numbers: French and other
		{"fr mobile", "06 12 34 56 78", "[phone]"},
		{"fr dotted", "06.12.34.56.78", "[phone]"},
		{"fr international", "+33 6 12 34 56 78", "[phone]"},
		{"fr landline", "01 23 45 67 89", "[phone]"},
		{"uk", "+44 20 7946 0958", "[phone]"},
		{"us", "call +1 202-555-0143 now", "call [phone] now"},
		{"phone after tel:", "tel:0612345678", "tel:[phone]"},
		{"mobile in brackets", "(06) 12345678", "[phone]"},
		{"two phones", "+31 6 12345678 of 06 98765432", "[phone] of [phone]"},
		{"phone then year", "+31 6 12345678 2026", "[phone] 2026"},

		// IBAN
		{"iban plain", "NL91ABNA0417164300", "[iban]"},
		{"iban grouped", "IBAN: NL91 ABNA 0417 1643 00.", "IBAN: [iban]."},
		{"iban lower case", "nl91 abna 0417 1643 00", "[iban]"},
		{"iban belgian then word", "BE68 5390 0754 7034 voor de huur", "[iban] voor de huur"},
		{"iban french", "FR14 2004 1010 0505 0001 3M02 606", "[iban]"},
		{"iban german digits only", "DE89 3704 0044 0532 0130 00", "[iban]"},
		{"iban british", "GB82 WEST 1234 5698 7654 32", "[iban]"},
		{"iban bad check", "NL91ABNA0417164301", "NL91ABNA0417164301"},
		{"iban in odd groups", "NL91 ABNA 041 716 4300", "[iban]"},
		{"iban with dashes", "NL91-ABNA-0417-1643-00", "[iban]"},
		{"iban lookalike code", "code AB12CDEF3456GHIJ78", "code AB12CDEF3456GHIJ78"},

		// payment cards
		{"card visa grouped", "kaart 4111 1111 1111 1111", "kaart [card]"},
		{"card dashes", "4111-1111-1111-1111", "[card]"},
		{"card dots", "4111.1111.1111.1111", "[card]"},
		{"card in odd groups", "4111 11111111 1111", "[card]"},
		{"card plain", "4111111111111111", "[card]"},
		{"card mastercard", "5500 0000 0000 0004", "[card]"},
		{"card amex", "3782 822463 10005", "[card]"},
		{"card then cvc", "4111 1111 1111 1111 123", "[card] 123"},
		{"card printed grouping without luhn", "4111 1111 1111 1112", "[card]"},
		{"card luhn fails in other groups", "4111 111 111 111 112", "4111 111 111 111 112"},
		{"card luhn fails plain", "4111111111111112", "4111111111111112"},

		// BSN
		{"bsn plain", "BSN 123456782", "BSN [bsn]"},
		{"bsn dotted", "123.456.782", "[bsn]"},
		{"bsn dotted 4-2-3", "1234.56.782", "[bsn]"},
		{"bsn spaced", "burgerservicenummer: 123 456 782", "burgerservicenummer: [bsn]"},
		{"bsn fails 11-test", "order 123456789", "order 123456789"},
		{"bsn all zeros", "000000000", "000000000"},
		{"bsn-like amount", "€ 123.456.782", "€ 123.456.782"},
		{"bsn-like amount with cents", "123.456.782,00 euro", "123.456.782,00 euro"},
		{"bsn then amount", "BSN 123456782 € 12,50", "BSN [bsn] € 12,50"},
		{"card then amount", "4111 1111 1111 1111 € 12,50", "[card] € 12,50"},
		{"bsn dashed", "sofinummer 123-456-782", "sofinummer [bsn]"},
		{"bare nine digits are an order", "ik kreeg 123456782 als nummer", "ik kreeg 123456782 als nummer"},
		{"order number passing the 11-test", "bestelnummer 123.456.782", "bestelnummer 123.456.782"},
		{"bsn inside longer number", "1234567821", "1234567821"},

		// IP addresses
		{"ipv4", "vanaf 185.220.101.4 ingelogd", "vanaf [ip] ingelogd"},
		{"ipv4 after colon", "IP:84.23.1.5", "IP:[ip]"},
		{"ipv4 after word and colon", "Source:84.23.1.5", "Source:[ip]"},
		{"ipv4 with port", "84.23.1.5:8080", "[ip]:8080"},
		{"ipv6", "2001:db8::1", "[ip]"},
		{"ipv6 full", "fe80::1ff:fe23:4567:890a is mijn adres", "[ip] is mijn adres"},
		{"ipv6 mapped ipv4", "::ffff:192.0.2.1", "[ip]"},
		{"ipv6 after colon", "IP:2001:db8::1", "IP:[ip]"},
		{"ipv6 then colon", "adres 2001:db8::1: kijk", "adres [ip]: kijk"},
		{"ipv6 in link", "http://[2001:db8::1]/", "hxxp://[[ip]]/"},
		{"version three parts", "versie 1.2.3", "versie 1.2.3"},
		{"version five parts", "build 1.2.3.4.5", "build 1.2.3.4.5"},
		{"ipv4 out of range", "999.1.1.1", "999.1.1.1"},
		{"time with seconds", "om 14:30:00", "om 14:30:00"},
		{"mac address", "00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E"},
		{"double colon", "Note :: this", "Note :: this"},
		{"localhost", "::1", "::1"},
		{"phone after colons", "nummer::06 1234 5678", "nummer::[phone]"},
		{"glued by slash", "BSN 2026/123456782", "BSN 2026/[bsn]"},
		{"glued by colon", "om 14:30:0612345678", "om 14:30:[phone]"},
		{"decimal part", "1.123456782 en 123456782,5", "1.123456782 en 123456782,5"},

		// Dutch postal addresses
		{"street number postcode town", "Markt 78, 6211 CK Maastricht", "[address]"},
		{"postcode town then sentence", "Stuur het naar Wilhelminalaan 9, 6821 KL Arnhem Daarna bellen", "Stuur het naar [address] Daarna bellen"},
		{"town with particle", "Achterom 14a, 4611 AB Bergen op Zoom.", "[address]."},
		{"roman floor number", "Prinsengracht 301-III, 1016 GX Amsterdam", "[address]"},
		{"town without postcode", "We wonen sinds maart in Kerkstraat 7, Venlo en de huur ging naar hem.", "We wonen sinds maart in [address] en de huur ging naar hem."},
		{"english town without postcode", "the parcel went to 14 Church Road, Leeds, not to me", "the parcel went to [address], not to me"},
		{"french town without postcode", "chez lui, avenue Louise 231, Ixelles.", "chez lui, [address]."},
		{"german town without postcode", "Lieferung an Hauptstr. 5 Bonn.", "Lieferung an [address]."},
		{"clause after address stays", "Ik woon op Kerkstraat 7, Ik weet het niet meer", "Ik woon op [address], Ik weet het niet meer"},
		{"acronym after address stays", "Hoofdweg 12, BSN onbekend", "[address], BSN onbekend"},
		{"british town before postcode", "send it to 8 Mill Lane, Leeds LS1 4AP today", "send it to [address] today"},
		{"french comma street postcode town", "au 4, impasse des Roses, 33000 Bordeaux.", "au [address]."},
		{"belgian street postcode town", "rue Haute 18, 1000 Bruxelles", "[address]"},
		{"german street postcode town", "Bahnhofstraße 2, 10115 Berlin.", "[address]."},
		{"postcode number", "6211CK 78", "[address]"},
		{"postcode comma number letter", "6211 CK, 78a", "[address]"},
		{"street on its own line", "Sint Servaasklooster 12\n6211 TE Maastricht", "[address]"},
		{"street with particles", "Ik woon aan de Burg. van der Does de Willeboissingel 4, 6221 AA", "Ik woon aan de [address]"},
		{"house number addition", "Markt 78 A, 6211 CK", "[address]"},
		{"house number suffix", "Markt 78-2, 6211 CK", "[address]"},
		{"postbus", "Postbus 1234, 6200 AB Maastricht", "[address]"},
		{"bare postcode", "postcode 6211 CK", "postcode [address]"},
		{"bare postcode unspaced", "6211CK", "[address]"},
		{"year and abbreviation", "sinds 2026 EU-regels", "sinds 2026 EU-regels"},
		{"lower-case letters", "tussen 2025 en 2026", "tussen 2025 en 2026"},

		// web addresses
		{"https", "https://evil.example/login", "hxxps://evil[.]example/login"},
		{"http", "http://evil.example", "hxxp://evil[.]example"},
		{"www", "www.evil.example", "www[.]evil[.]example"},
		{"bare domain with path", "betaal op evil-bank.com/pay", "betaal op evil-bank[.]com/pay"},
		{"dots in path kept", "https://evil.example/a.b/login.php?x=1.2.", "hxxps://evil[.]example/a.b/login.php?x=1.2."},
		{"telegram user name", "stuur een bericht naar t.me/helpdesk_nl24", "stuur een bericht naar t[.]me/[token]"},
		{"telegram short path", "zie t.me/s/abc", "zie t[.]me/s/abc"},
		{"upper-case domain", "EVIL.COM", "EVIL[.]COM"},
		{"domain then sentence", "evil.com.Daarna belde hij", "evil[.]com.Daarna belde hij"},
		{"cut domain has no path", "evil.com.Daarna/x", "evil[.]com.Daarna/x"},
		{"subdomains", "login.ing.nl.secure-check.ru/nl/", "login[.]ing[.]nl[.]secure-check[.]ru/nl/"},
		{"link in query", "https://evil.example/login?next=https://bank.nl/x", "hxxps://evil[.]example/login?next=hxxps://bank.nl/x"},
		{"www end of sentence", "Kijk op www.nep-politie.nl.", "Kijk op www[.]nep-politie[.]nl."},
		{"official site kept", "Kijk op www.politie.nl.", "Kijk op www.politie.nl."},
		{"link in brackets", "(zie https://evil.example)", "(zie hxxps://evil[.]example)"},
		{"ip in link", "http://192.168.1.1/login", "hxxp://[ip]/login"},
		{"bare link unknown tld with query", "klik op pakket-status.delivery/track?code=ZX81mq77pp", "klik op pakket-status[.]delivery/track?code=[token]"},
		{"bare host unknown tld without query stays", "zie versie 3.5/4 van de app", "zie versie 3.5/4 van de app"},
		{"e.g.", "e.g. this", "e.g. this"},
		{"decimal", "3.5 procent", "3.5 procent"},
		{"name with dot", "Mr.Smith en J.De Vries", "Mr.Smith en [name]"},
		{"file name", "factuur.pdf", "factuur.pdf"},
		{"javascript url text", "javascript:alert(document.cookie)", "javascript:alert(document.cookie)"},

		// kinds and forms added for issue 9 (the corpus test measures them)
		{"token in query", "https://evil.example/login?token=ab12cd34&lang=nl", "hxxps://evil[.]example/login?token=[token]&lang=nl"},
		{"wa.me number", "wa.me/31612345678", "wa[.]me/[phone]"},
		{"bidi override removed", "factuur\u202Efdp.exe", "factuurfdp.exe"},
		{"zero-width space in a number", "06\u200B12345678", "[phone]"},
		{"emoji joiners kept", "👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧"},
		{"stray joiner removed", "a\u200Db", "ab"},
		{"no-break spaces", "06\u00A012\u202F34\u00A056\u00A078", "[phone]"},
		{"official numbers kept", "Ik belde 0900-8844, 088-786 73 72 en 0900 0101", "Ik belde 0900-8844, 088-786 73 72 en 0900 0101"},
		{"dates are no phone numbers", "op 09-03-2026 en 09.05.2025", "op 09-03-2026 en 09.05.2025"},
		{"version after a cue", "versie 1.2.3.4", "versie 1.2.3.4"},
		{"ip with leading zeros", "IP 085.012.034.056", "IP [ip]"},
		{"obfuscated email", "jan(at)kpn.nl en jan [at] kpn [dot] nl", "[email] en [email]"},
		{"dutch plate", "kenteken 12-ABC-3", "kenteken [plate]"},
		{"belgian plate", "1-ABC-123", "[plate]"},
		{"date of birth", "geboren op 12-03-1985, gebeld op 09-03-2026", "geboren op [birthdate], gebeld op 09-03-2026"},
		{"passport", "paspoortnummer NW3K12345", "paspoortnummer [document]"},
		{"french street", "12 rue de la Paix, 75002 Paris", "[address]"},
		{"dutch street", "Kerkstraat 12, 6211 ab Maastricht", "[address]"},
		{"uk phone", "07700 900123", "[phone]"},
		{"german phone", "0151 23456789", "[phone]"},
		{"en dash phone", "06–12345678", "[phone]"},

		// names
		{"name after cue", "Mijn naam is Jan de Vries en ik woon hier.", "Mijn naam is [name] en ik woon hier."},
		{"name with title and initial", "(mevr. A. Pieters-de Groot)", "(mevr. [name])"},
		{"name stops at organisation", "mevrouw Jansen van de Rabobank", "mevrouw [name] van de Rabobank"},
		{"capitalised particle", "hij noemde zich meneer De Boer.", "hij noemde zich meneer [name]."},
		{"name in a mail header", "Van: Jan Jansen <jan@kpn.nl>", "Van: [name] <[email]>"},
		{"police title", "Agent Smith belde.", "Agent [name] belde."},
		{"family word", "Mijn collega Tom en buurvrouw Els", "Mijn collega [name] en buurvrouw [name]"},
		{"sign-off", "Met vriendelijke groet,\nJan Jansen", "Met vriendelijke groet,\n[name]"},
		{"french", "Je m'appelle Marie-Claire Dubois. Mme Lefèvre a appelé.", "Je m'appelle [name]. Mme [name] a appelé."},
		{"german", "Ich bin Frau Schneider.", "Ich bin Frau [name]."},
		{"claiming to be", "Someone claiming to be John Parker from Microsoft called.", "Someone claiming to be [name] from Microsoft called."},
		{"pretending to be an organisation", "Pretending to be Amazon.", "Pretending to be Amazon."},
		{"name was", "The scammer's name was Peter Hall.", "The scammer's name was [name]."},
		{"no cue, no name", "Plan B. Daarna belde Rabobank.", "Plan B. Daarna belde Rabobank."},
		{"name in lower case after an introduction", "hoi, ik heet kim de wit en ik ben 16", "hoi, ik heet [name] en ik ben 16"},
		{"lower case stops at a verb", "my name is jo, i was scammed", "my name is [name], i was scammed"},
		{"lower case that is no name", "Mijn naam is niet belangrijk.", "Mijn naam is niet belangrijk."},
		{"particle after a title", "Dhr. van Dam belde.", "Dhr. [name] belde."},
		{"particle without a title stays", "Je suis de Liège.", "Je suis de Liège."},
		{"name alone in quotes", "Bericht van ‘Youssef’ op Telegram", "Bericht van ‘[name]’ op Telegram"},
		{"organisation in quotes stays", "een mail van 'PostNL' en 'Microsoft Support'", "een mail van 'PostNL' en 'Microsoft Support'"},
		{"name in brackets", "de verkoper (Ruud Kessels) reageerde niet", "de verkoper ([name]) reageerde niet"},
		{"one word in brackets stays", "bij de bank (Rabobank) en (Zuid)", "bij de bank (Rabobank) en (Zuid)"},
		{"name before the verb", "Ze zei dat ze Noor heette.", "Ze zei dat ze [name] heette."},
		{"a certain", "une certaine Inès m'a écrit", "une certaine [name] m'a écrit"},
		{"contact label with words", "Contact person for our shop: Ben Ortiz.", "Contact person for our shop: [name]."},
		{"acronym after a cue", "He claimed to be from HMRC; she said this is NHS", "He claimed to be from HMRC; she said this is NHS"},
		{"apposition after a role word", "De koper, Luuk Timmers, betaalde niet; the seller Microsoft", "De koper, [name], betaalde niet; the seller Microsoft"},
		{"a woman, comma, name", "une femme, Julie Roux, m'a appelée", "une femme, [name], m'a appelée"},
		{"greeting and introduction", "Hoi, met Sem. Hey, Google", "Hoi, met [name]. Hey, Google"},
		{"called by a person", "Ik werd gebeld door Kim Vos. I was called by Microsoft.", "Ik werd gebeld door [name]. I was called by Microsoft."},
		{"thanks as a sign-off", "Thanks to Google I knew. Merci,\nLouise", "Thanks to Google I knew. Merci,\n[name]"},
		{"organisation after cue", "From: Rabobank", "From: Rabobank"},

		// names from the list of first names, and what is not one
		{"first name without a cue", "Ik heb Fatima El Amrani gebeld en daarna Pieter.", "Ik heb [name] gebeld en daarna [name]."},
		{"first name at the start", "Youssef zei dat het goed was.", "[name] zei dat het goed was."},
		{"double first name", "Jean-Pierre Lemaire a payé.", "[name] a payé."},
		{"saint is a place", "in Sint Pieter en Saint-Denis", "in Sint Pieter en Saint-Denis"},
		{"street named after a person", "langs de Maria Theresialaan gelopen", "langs de Maria Theresialaan gelopen"},
		{"brand with a first name", "bij Albert Heijn en Tommy Hilfiger, Tom & Jerry", "bij Albert Heijn en Tommy Hilfiger, Tom & Jerry"},
		{"first name next to a number is a date", "Paid on Jan 5 2026 and 5 Jan.", "Paid on Jan 5 2026 and 5 Jan."},
		{"also a word: only inside a sentence", "de man aan de deur, Bas, nam het mee", "de man aan de deur, [name], nam het mee"},
		{"also a word at the start of a sentence", "Het klonk laag. Bas is een lage stem.", "Het klonk laag. Bas is een lage stem."},
		{"listed name in lower case", "broer van me mohamed is opgelicht", "broer van me [name] is opgelicht"},
		{"lower case with particles", "karim el idrissi c mon cousin", "[name] c mon cousin"},
		{"lower case that is also a word", "je suis ravi, merci", "je suis ravi, merci"},
		{"lower case after a naming verb", "hij heette peter.", "hij heette [name]."},
		{"first name before a known surname", "Ik heet De Vries, Johan de Vries.", "Ik heet [name], [name]."},
		{"verb at the end", "de jongen die zich Jayden noemde; der sich Kevin nannte", "de jongen die zich [name] noemde; der sich [name] nannte"},
		{"called", "a kid called Jake; un homme appelé Karim", "a kid called [name]; un homme appelé [name]"},
		{"a phone call is no name", "Nous avons appelé Helpwanted.", "Nous avons appelé Helpwanted."},
		{"family", "Het echtpaar Ramakers-Vossen; la famille Dupuis", "Het echtpaar [name]; la famille [name]"},
		{"signature after a dash", "now it sends spam to everyone. - Nnamdi", "now it sends spam to everyone. - [name]"},
		{"last line a town", "Groeten uit\nMaastricht", "Groeten uit\nMaastricht"},
		{"quoted word that is no first name", "gebeld door 'Worldline' en door 'Kevin'", "gebeld door 'Worldline' en door '[name]'"},
		{"firm", "From: Peter Smith. Our supplier is Smith & Sons.", "From: [name]. Our supplier is Smith & Sons."},
		{"german noun after ich bin", "Ich bin Ladenbesitzer. Ich bin Klaus.", "Ich bin Ladenbesitzer. Ich bin [name]."},
		{"in my name is no introduction", "een lening op mijn naam is afgesloten", "een lening op mijn naam is afgesloten"},
		{"possessive after a greeting", "Bonjour, Ma mère a 82 ans.", "Bonjour, Ma mère a 82 ans."},

		// found beyond their usual cue
		{"bsn in the next sentence", "They asked for my BSN and date of birth. I entered 393363387 and 17/08/1989.", "They asked for my BSN and date of birth. I entered [bsn] and [birthdate]."},
		{"incident date after a birth cue stays", "Geboortedatum gevraagd. Op 12-03-2026 belde hij.", "Geboortedatum gevraagd. Op 12-03-2026 belde hij."},
		{"bsn in four and five", "ik heb 9091-03306 gezegd", "ik heb [bsn] gezegd"},
		{"belgian identity card", "kaartnummer 591-6438000-18 ingevuld", "kaartnummer [document] ingevuld"},
		{"belgian card number failing its check", "ordernummer 591-6438000-19", "ordernummer 591-6438000-19"},
		{"town after in", "De man heeft een winkel, Akerstraat 12 in Maastricht.", "De man heeft een winkel, [address]."},
		{"lower-case street, postcode and town", "ik woon op de heerderweg 140a 6224 LM maastricht mijn", "ik woon op de [address] mijn"},
		{"letter layout", "Mr T. O'Brien\n22 Elm Grove\nLondon SE15 5DD\nIt asked", "Mr [name]\n[address]\nIt asked"},
		{"price at a site", "a fine of £120 at tvlicence-renew.co.uk.", "a fine of £120 at tvlicence-renew[.]co[.]uk."},
		{"official site", "Ik las het op politie.nl en www.fraudehelpdesk.nl/melden.", "Ik las het op politie.nl en www.fraudehelpdesk.nl/melden."},
		{"inspector", "he said he was Inspector Dupont of the Federal Police", "he said he was Inspector [name] of the Federal Police"},
		{"heer after a greeting", "Beste heer Schrijnemakers, vervang uw pas", "Beste heer [name], vervang uw pas"},
		{"lower-case surname after a title", "commissaire lejeune. il disait", "commissaire [name]. il disait"},
		{"lower-case word before a name after a title", "Eine Frau namens Anna Schmidt schrieb.", "Eine Frau namens [name] schrieb."},
		{"name with an age", "Frans (59) wordt opgelicht; Hugo (16 ans) aussi", "[name] (59) wordt opgelicht; [name] (16 ans) aussi"},
		{"also a word at a sentence start with a surname", "Rose Vandenberghe is 91. Rose is a flower.", "[name] is 91. [name] is a flower."},
		{"sign-off liefs", "kan je me helpen? liefs Noor", "kan je me helpen? liefs [name]"},
		{"paypal.me account", "un lien paypal.me/enzoo2008", "un lien paypal[.]me/[token]"},
		{"spaced 00 prefix", "vanaf 00 44 20 3807 1190.", "vanaf [phone]."},
		{"document nummer", "mijn document nummer, ik heb gegeven: V71930482.", "mijn document nummer, ik heb gegeven: [document]."},
		{"licence plate is no document", "licence plate AB-123-CD", "licence plate [plate]"},
		{"transaction number passing luhn", "transactiekenmerk 2024031900451876", "transactiekenmerk 2024031900451876"},
		{"shops named after people", "Bij de Jan Linders, « Leroy Merlin » en Marie Blachère", "Bij de Jan Linders, « Leroy Merlin » en Marie Blachère"},
		{"firm words", "t.n.v. 'Garden Deals' en from \"Quantix Capital\"", "t.n.v. 'Garden Deals' en from \"Quantix Capital\""},
		{"quarter after the street type", "Ambyerstraat Zuid 88. Zuid 5 keer", "[address]. Zuid 5 keer"},
		{"firm words and banks", "deed zich voor als Meta Support; 'Pieter-Jan Willems van de Bondsbank'", "deed zich voor als Meta Support; '[name] van de Bondsbank'"},
		{"agency acronym after a title", "inspecteur de la KvK, « M. Van Damme »", "inspecteur de la KvK, « M. [name] »"},
		{"version near a document cue", "passport copies were on the NAS (Synology DSM 7.1.1).", "passport copies were on the NAS (Synology DSM 7.1.1)."},
		{"company numbers after a country code", "BTW-nummer: BE 0712.345.678; USt-IdNr. DE 287 654 321", "BTW-nummer: BE 0712.345.678; USt-IdNr. DE 287 654 321"},
		{"siret", "SIRET donné : 812 345 678 00014.", "SIRET donné : 812 345 678 00014."},
		{"transaction id", "transactie-ID 0012-558-7741", "transactie-ID 0012-558-7741"},
		{"short token in a one-letter parameter", "x.com/i?o=1&c=8hKq2", "x[.]com/i?o=1&c=[token]"},
		{"street without a type before a town", "Kommel 5, Maastricht; 3 Hoogfrankrijk, Maastricht; Capucijnengang 7", "[address]; [address]; [address]"},
		{"entrance is no street", "Ingang 2 is dicht", "Ingang 2 is dicht"},
		{"fam.", "aangiftes van fam. Hendrikx", "aangiftes van fam. [name]"},
		{"lower-case names joined to a name", "naar mn vrienden zoals Kevin en fleur; à Karim et à rayan; (Lena, Jonas und mia)", "naar mn vrienden zoals [name] en [name]; à [name] et à [name]; ([name], [name] und [name])"},
		{"a joined word that is no name stays", "Kevin en ik, Kevin and then", "[name] en ik, [name] and then"},
		{"lower case in quotes before the verb", "iemand die zich 'bram' noemde", "iemand die zich '[name]' noemde"},
		{"a name running into a word", "eine „Frau Kaya von PerfectJobs24“.", "eine „Frau [name] von PerfectJobs24“."},
		{"capitals", "MIJN NICHT JOYCE ZEGT DAT IK HET WAS. JOSEPHINE PINCKAERS", "MIJN NICHT [name] ZEGT DAT IK HET WAS. [name]"},
		{"platform after a name", "gebeld door 'Dirk van Coinbase'", "gebeld door '[name] van Coinbase'"},
		{"lower-case street with a lead word and town", "ze woont in de nieuwe grachtstraat 5 te amby. Kerkstraat 5 te laat.", "ze woont in de [address]. [address] te laat."},
		{"lower-case french street and town", "une console, rue saint-gilles 112 à liège", "une console, [address]"},
		{"nickname between first name and surname", "my father, Robert (Bob) Harrington, 82", "my father, [name] ([name]) [name], 82"},
		{"lower case after a certain", "un certain julien pour 300€", "un certain [name] pour 300€"},
		{"one word after a bare called", "an app called GoldexPro, a kid called Jake", "an app called GoldexPro, a kid called [name]"},
		{"shop named after its owner", "Kapsalon Anouk, 2 medewerkers", "Kapsalon Anouk, 2 medewerkers"},
		{"a name after the last sentence", "Er is € 1.450 weg. Ravenna Bouchta", "Er is € 1.450 weg. [name]"},
		{"one word after the last sentence stays", "Ik heb niets betaald. Help", "Ik heb niets betaald. Help"},
		{"listed surname alone inside a sentence", "de dader Kowalski belde; niemand heette Hoekstra", "de dader [name] belde; niemand heette [name]"},
		{"first name before a listed surname", "Er is € 1.450 weg, zei Ravenna Bouchta.", "Er is € 1.450 weg, zei [name]."},
		{"a sentence start before a surname stays", "Later Hargreaves mailed again.", "Later [name] mailed again."},
		{"shop named after a surname", "bij Bakkerij Janssen gekocht", "bij Bakkerij Janssen gekocht"},
		{"lower-case first name and surname", "broer van me karim bouzid is opgelicht; ze heet maria lardinois.", "broer van me [name] is opgelicht; ze heet [name]."},
		{"first name that is a word, before a surname", "ik ben noa schreurs", "ik ben [name]"},
		{"social media handle", "My Instagram account @kofi.captures (photography) was hacked; mail jan@kpn.nl", "My Instagram account [token] (photography) was hacked; mail [email]"},
		{"identifier as the last path segment", "tikkie-betaal.me/p/Nx7RkQ2 in plaats van evil.com/login en evil.com/2024", "tikkie-betaal[.]me/p/[token] in plaats van evil[.]com/login en evil[.]com/2024"},
		{"listing in a link", "scam.example/claim?item=8812736&annonce=1782236", "scam[.]example/claim?item=[token]&annonce=[token]"},
		{"receipt number", "Receipt number 0042-118-3391.", "Receipt number 0042-118-3391."},
		{"payment reference in groups of four", "betalingskenmerk 3821 0049 7731 8850", "betalingskenmerk 3821 0049 7731 8850"},
		{"town before a french word", "Grote Gracht 58, 6211 SW Maastricht sur Leboncoin (bizarre)", "[address] sur Leboncoin (bizarre)"},
		{"a house before an address is no person", "op 2dehands: Chalet Les Sapins, Rue du Vieux Moulin 8, 6690 Vielsalm, voor", "op 2dehands: Chalet Les Sapins, [address], voor"},
		{"meta", "pretending to be Meta support", "pretending to be Meta support"},
		{"a name running into an underscore does not crash: a user name", "van verkoper 'Kevin_1994'. Hij", "van verkoper '[token]'. Hij"},
		{"user names", "iemand op discord (naam: xVortexx#4821); pseudo : lea.mrt05; versie 1.2.3", "iemand op discord (naam: [token]); pseudo : [token]; versie 1.2.3"},
		{"profile links", "facebook.com/amandine.gilson.3 en linkedin.com/in/sarah-thompson-hr-4a8b21 en facebook.com/groups/x", "facebook[.]com/[token] en linkedin[.]com/in/[token] en facebook[.]com/groups/x"},
		{"query in a fragment", "coinbull-global.vip/#/login?invite=LW7731.", "coinbull-global[.]vip/#/login?invite=[token]."},
		{"lower case after a quote and a sign-off", "mann hieß 'john', wollte. gruß peter", "mann hieß '[name]', wollte. gruß [name]"},
		{"lower-case name with van", "van jan van den berg gekregen, en cas de perte", "van [name] gekregen, en cas de perte"},
		{"seller parameter", "scam.example/claim?seller=ravenna_b", "scam[.]example/claim?seller=[token]"},
		{"guest and kd parameters, closing quote", "x.com/r?guest=lvdberg en „y.de/z?kd=HM5527xq“", "x[.]com/r?guest=[token] en „y[.]de/z?kd=[token]“"},
		{"a firm named after a named person loses the name", "Ik ben Piet Janssen van Bakkerij Janssen.", "Ik ben [name] van Bakkerij [name]."},

		// must not touch
		{"amount nl", "€ 1.250,00", "€ 1.250,00"},
		{"amount en", "1,250.00 EUR", "1,250.00 EUR"},
		{"amount words", "250 euro", "250 euro"},
		{"amount large", "€ 12.345.678,90", "€ 12.345.678,90"},
		{"date dashes", "12-03-2026", "12-03-2026"},
		{"date slashes", "12/03/2026", "12/03/2026"},
		{"date iso", "2026-03-12", "2026-03-12"},
		{"date starting with 0 and hour", "op 01-02-2026 10 uur", "op 01-02-2026 10 uur"},
		{"date dotted", "05.03.2026", "05.03.2026"},
		{"time", "om 14:30", "om 14:30"},
		{"order number", "ordernummer 4001-2345-67", "ordernummer 4001-2345-67"},
		{"transaction number", "transactie 987654321", "transactie 987654321"},
		{"year", "in 2025", "in 2025"},
		{"percentages", "15% of 12,5%", "15% of 12,5%"},
		{"short numbers", "3 keer, 42 minuten", "3 keer, 42 minuten"},
		{"accents", "Ça coûte cher, à Liège é è ê ë ï ô ü ß", "Ça coûte cher, à Liège é è ê ë ï ô ü ß"},

		// markup and normalisation
		{"script", "<script>alert(1)</script>Hallo", "Hallo"},
		{"img onerror", "<img src=x onerror=alert(1)>foto", "foto"},
		{"javascript href", `<a href="javascript:alert(1)">klik</a>`, "klik"},
		{"link text kept", `<a href="https://x.example">https://evil.example</a>`, "hxxps://evil[.]example"},
		{"tags become spaces", "regel<br>twee", "regel twee"},
		{"link in angle brackets", "zie <https://evil.example/login>", "zie < hxxps://evil[.]example/login>"},
		{"sender in angle brackets", "Van: ING <noreply@evil-ing.com>", "Van: ING <[email]>"},
		{"stray less-than", "als a<b dan", "als a< b dan"},
		{"unclosed script", "<script", "< script"},
		{"escaped tag stays text as typed", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"entities are text as typed", "&amp;lt;b&amp;gt;", "&amp;lt;b&amp;gt;"},
		{"a literal ampersand is not an entity", "sales&notifications Q&A &copy", "sales&notifications Q&A &copy"},
		{"ampersand", "Tom &amp; Jerry, AT&T, M&M's", "Tom &amp; Jerry, AT&T, M&M's"},
		{"quotes not escaped", `hij zei "betaal" en 'nu'`, `hij zei "betaal" en 'nu'`},
		{"less than", "a < b en 3<4", "a < b en 3<4"},
		{"crlf and blank lines", "  a\r\nb\r\n\r\n\r\n\r\nc  ", "a\nb\n\nc"},
		{"control characters", "a\x00b\x07c\td\u0085e", "abc\tde"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},

		// interactions: the most specific rule wins
		{"iban digits not a card", "DE89 3704 0044 0532 0130 00", "[iban]"},
		{"iban then phone", "NL91ABNA0417164300 / 0612345678", "[iban] / [phone]"},
		{"phone not a card", "0031 6 1234 5678", "[phone]"},
		{"phone not a bsn", "+31 612345678", "[phone]"},
		{"phone not an ip", "06.12.34.56.78", "[phone]"},
		{"card not a phone", "5500 0000 0000 0004", "[card]"},
		{"card not a bsn", "4111 1111 1111 1111 en BSN 123456782", "[card] en BSN [bsn]"},
		{"ip not a bsn", "192.168.100.123", "[ip]"},
		{"bsn next to postcode", "BSN 123456782, 6211 CK", "BSN [bsn], [address]"},

		// mixed sentences
		{
			"mixed nl",
			"Ik werd gebeld door 06-12345678 en moest €1.250,00 overmaken naar NL91 ABNA 0417 1643 00 via https://rabo-veilig.com/inlog op 12-03-2026 om 14:30.",
			"Ik werd gebeld door [phone] en moest €1.250,00 overmaken naar [iban] via hxxps://rabo-veilig[.]com/inlog op 12-03-2026 om 14:30.",
		},
		{
			"mixed en",
			"They emailed me (john.smith@outlook.com) from 185.220.101.4 and asked for my card 4111 1111 1111 1111.",
			"They emailed me ([email]) from [ip] and asked for my card [card].",
		},
		{
			"mixed fr",
			"J'ai reçu un SMS du +33 6 12 34 56 78 me demandant de payer 250 € sur www.colis-livraison.fr, c'était le 12/03/2026.",
			"J'ai reçu un SMS du [phone] me demandant de payer 250 € sur www[.]colis-livraison[.]fr, c'était le 12/03/2026.",
		},
		{
			"mixed address and bsn",
			"Mijn gegevens: Markt 78, 6211 CK Maastricht, BSN 123.456.782, tel. 043 123 45 67.",
			"Mijn gegevens: [address], BSN [bsn], tel. [phone].",
		},
	}
}

func TestAnonymise(t *testing.T) {
	for _, tc := range anonymiseCases() {
		t.Run(tc.name, func(t *testing.T) {
			if got := Anonymise(tc.in); got != tc.want {
				t.Errorf("Anonymise(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestAnonymiseIdempotent(t *testing.T) {
	for _, tc := range anonymiseCases() {
		t.Run(tc.name, func(t *testing.T) {
			once := Anonymise(tc.in)
			if twice := Anonymise(once); twice != once {
				t.Errorf("Anonymise(%q) = %q, but a second run gives %q", tc.in, once, twice)
			}
		})
	}
}

// TestAnonymiseLargeInput guards against quadratic scans: the fuzzer once
// hung on a 4 kB word of hex letters between two dots.
// awkwardInputs are large inputs that once made the scanners quadratic.
// Their speed is measured by BenchmarkAnonymiseAwkwardInput (a test must not
// assert timings); the test checks what comes out.
var awkwardInputs = []struct{ name, in string }{
	{"long word after dot", " 0.0#" + strings.Repeat("d", 20000) + "0.0#0.0!"},
	{"many dots", strings.Repeat("a.", 10000)},
	{"spaced digits", strings.Repeat("06 ", 7000)},
	{"long labels", strings.Repeat(strings.Repeat("d", 200)+".", 100)},
	{"stray brackets", strings.Repeat("<a"+strings.Repeat("x", 20), 1000)},
	{"entities", strings.Repeat("&amp;", 4000)},
}

func TestAnonymiseLargeInput(t *testing.T) {
	for _, tc := range awkwardInputs {
		t.Run(tc.name, func(t *testing.T) {
			out := Anonymise(tc.in)
			if Anonymise(out) != out {
				t.Error("not idempotent")
			}
			if len(out) > 4*len(tc.in)+64 {
				t.Errorf("output grew from %d to %d bytes", len(tc.in), len(out))
			}
			if strings.Contains(out, "<a") {
				t.Error("a tag start survived")
			}
		})
	}
}

func BenchmarkAnonymiseAwkwardInput(b *testing.B) {
	for _, tc := range awkwardInputs {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.in)))
			for b.Loop() {
				Anonymise(tc.in)
			}
		})
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		digits string
		want   bool
	}{
		{"4111111111111111", true},
		{"5500000000000004", true},
		{"378282246310005", true},
		{"79927398713", true},
		{"4111111111111112", false},
		{"79927398710", false},
		{"0", false},
		{"", false},
		{"4111a11111111111", false},
	}
	for _, tc := range tests {
		if got := luhn(tc.digits); got != tc.want {
			t.Errorf("luhn(%q) = %v, want %v", tc.digits, got, tc.want)
		}
	}
}

func TestElevenTest(t *testing.T) {
	tests := []struct {
		digits string
		want   bool
	}{
		{"123456782", true},
		{"111222333", true},
		{"123456789", false},
		{"000000000", false},
		{"12345678", false},
		{"1234567820", false},
		{"12345678a", false},
	}
	for _, tc := range tests {
		if got := elevenTest(tc.digits); got != tc.want {
			t.Errorf("elevenTest(%q) = %v, want %v", tc.digits, got, tc.want)
		}
	}
}

func TestIBANValid(t *testing.T) {
	tests := []struct {
		iban string
		want bool
	}{
		{"NL91ABNA0417164300", true},
		{"NL91 ABNA 0417 1643 00", true},
		{"nl91abna0417164300", true},
		{"BE68539007547034", true},
		{"FR1420041010050500013M02606", true},
		{"GB82WEST12345698765432", true},
		{"NO9386011117947", true},
		{"NL91ABNA0417164301", false},
		{"NL19ABNA0417164300", false},
		{"AB12CDEF3456GHIJ78", false},
		{"NL91ABNA04", false},
		{"9191ABNA0417164300", false},
		{"NL91ABNA041716430!", false},
	}
	for _, tc := range tests {
		if got := ibanValid(tc.iban); got != tc.want {
			t.Errorf("ibanValid(%q) = %v, want %v", tc.iban, got, tc.want)
		}
	}
}

func TestDomainLength(t *testing.T) {
	tests := []struct {
		host string
		want int
	}{
		{"evil.com", 8},
		{"evil[.]com", 10},
		{"EVIL.COM", 8},
		{"evil.com.Daarna", 8},
		{"a.nl.b.com.x", 10},
		{"Mr.Smith", 0},
		{"J.De", 0},
		{"e.g", 0},
		{"3.5", 0},
		{"com", 0},
		{"factuur.pdf", 0},
	}
	for _, tc := range tests {
		if got := domainLength(tc.host); got != tc.want {
			t.Errorf("domainLength(%q) = %d, want %d", tc.host, got, tc.want)
		}
	}
}

// emailLike is a simple e-mail pattern; nothing it matches may be stored.
var emailLike = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// fiveThousand repeats s to exactly 5,000 characters, the most the report
// form accepts.
func fiveThousand(s string) string {
	r := []rune(strings.Repeat(s, 5000/utf8.RuneCountInString(s)+1))
	return string(r[:5000])
}

// benchInputs are 5,000-character texts: an ordinary report, and texts
// built to make each rule try as many candidates as it can.
func benchInputs() []struct{ name, in string } {
	return []struct{ name, in string }{
		{"ordinary report", fiveThousand("Ik werd op 09-03-2026 om 14:30 gebeld door 06-12345678, een man die zich Peter de Vries noemde. " +
			"Hij zei dat hij van de Rabobank was en ik moest € 1.250,00 overmaken naar NL91 ABNA 0417 1643 00 via https://rabo-veilig.com/inlog?token=ab12cd34. " +
			"Mijn naam is Jan Jansen, ik woon op de Kerkstraat 12, 6211 AB Maastricht. Mijn BSN is 123456782. Ordernummer 987654321.\n")},
		{"spaced digits", fiveThousand("06 ")},
		{"dotted digits", fiveThousand("1.2.3.4.")},
		{"many dots", fiveThousand("a.")},
		{"capitalised words", fiveThousand("Mijn naam is Jan De Vries Van Der Berg Ten ")},
		{"cue words", fiveThousand("Mr Mrs Dr meneer mevrouw geboren paspoort kenteken BSN ")},
		{"street words", fiveThousand("Kerkstraat Rue Avenue Street 12 ")},
		{"plate-like", fiveThousand("AB-12-CD 1-ABC-12 ")},
		{"e-mail-like", fiveThousand("a (at) b (dot) c ")},
		{"link with query", "https://evil.example/?" + fiveThousand("a=b&")[22:]},
		{"one long word", fiveThousand("d")},
		{"emoji", fiveThousand("😀")},
		{"bidi and zero-width", fiveThousand("a\u202e\u200b\u200d")},
		{"markup", fiveThousand("<a href=x>")},
		{"placeholders", fiveThousand("[name] [phone] ")},
		{"titles and names", fiveThousand("Mr Jan De Vries Mevrouw ")},
		{"lower-case introductions", fiveThousand("ik heet my name is je m'appelle ")},
		{"introductions with names", fiveThousand("ik heet jan my name is Jan je m'appelle Marie ")},
		{"first names without cues", fiveThousand("Pieter belde Fatima El Amrani en mohamed, ")},
		{"capitalised words and sentence starts", fiveThousand("Toen Bas. De Frank, Sint Jan 5 ")},
		{"names in quotes and brackets", fiveThousand("'Jan De' (Piet Van Der Berg ")},
		{"dates after a cue", fiveThousand("geboren 12-03-1985 paspoort NW3K12345 ")},
		{"house numbers", fiveThousand("straat 1 rue 2 Road 3 ")},
		{"digits", fiveThousand("1234567890")},
	}
}

// TestAnonymiseBenchInputs checks what the benchmark's texts give: the
// scrubber is idempotent on them too.
func TestAnonymiseBenchInputs(t *testing.T) {
	for _, tc := range benchInputs() {
		out := Anonymise(tc.in)
		if again := Anonymise(out); again != out {
			t.Errorf("%s: not idempotent", tc.name)
		}
	}
}

// BenchmarkAnonymise5000 times the scrubber on 5,000-character texts; no
// input may take more than 100 ms. Besides the wall time it reports the
// process's CPU time per run (cpu-ms/op), which a machine shared with
// other work inflates much less.
func BenchmarkAnonymise5000(b *testing.B) {
	for _, tc := range benchInputs() {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.in)))
			before := cpuTime()
			for b.Loop() {
				Anonymise(tc.in)
			}
			b.ReportMetric(float64(cpuTime()-before)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func FuzzAnonymise(f *testing.F) {
	for _, tc := range anonymiseCases() {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Anonymise(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Anonymise(%q) = %q: invalid UTF-8", in, out)
		}
		for i, r := range out {
			if r == '<' {
				if next, _ := utf8.DecodeRuneInString(out[i+1:]); unicode.IsLetter(next) {
					t.Fatalf("Anonymise(%q) = %q: a tag survives", in, out)
				}
			}
		}
		if m := emailLike.FindString(out); m != "" {
			t.Fatalf("Anonymise(%q) = %q: e-mail address %q survives", in, out, m)
		}
		if len(out) > 4*len(in)+64 {
			t.Fatalf("Anonymise(%q) grew from %d to %d bytes", in, len(in), len(out))
		}
		if again := Anonymise(out); again != out {
			t.Fatalf("not idempotent:\n in    %q\n once  %q\n twice %q", in, out, again)
		}
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("Anonymise(%q) = %q: carriage return survives", in, out)
		}
	})
}

func TestParts(t *testing.T) {
	got := Parts("Bel [phone] of [name], [unknown] [ip]")
	want := []Part{{"Bel ", ""}, {"[phone]", "phone"}, {" of ", ""}, {"[name]", "name"}, {", [unknown] ", ""}, {"[ip]", "ip"}}
	if !slices.Equal(got, want) {
		t.Errorf("Parts = %q, want %q", got, want)
	}
	for _, k := range Kinds {
		if parts := Parts(Anonymise("[" + k + "]")); len(parts) != 1 || parts[0].Kind != k {
			t.Errorf("the placeholder of %s is not found again: %q", k, parts)
		}
	}
}

// TestAnonymiseFindsNoNamesInArticles guards the name rules' precision on
// ordinary prose in three languages: the site's own articles and pages hold
// no personal names, so every [name] there is a false alarm.
func TestAnonymiseFindsNoNamesInArticles(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../content/*/*.md", "../../content/pages/*/*.md"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	if len(files) < 30 {
		t.Fatalf("found %d articles, want at least 30", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if out := Anonymise(line); strings.Count(out, "[name]") > strings.Count(line, "[name]") {
				t.Errorf("%s: a name found in %q", f, out)
			}
		}
	}
}
