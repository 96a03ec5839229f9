package scrub

import "testing"

// TestAnonymiseRepeatsAndVerbFinal covers the name cues the fourth blind set
// (blind-2026-11-30d) missed, in other words than that set's: a name found
// once removed wherever else it stands, Dutch verb-final naming, "my full
// name, X", "disait s'appeler", a quoted name after a naming verb or
// before a speech verb, and a record line of a name and an address; and
// sentences those rules must leave as they are.
func TestAnonymiseRepeatsAndVerbFinal(t *testing.T) {
	checkAnonymise(t, []anonymiseCase{
		{"nl repeated first name", "Mijn dochter Fleur is bang. Iemand weet waar Fleur op school zit.", "Mijn dochter [name] is bang. Iemand weet waar [name] op school zit."},
		{"en repeated surname", "The caller was Mr. Hargreaves. Later Hargreaves mailed again.", "The caller was Mr. [name]. Later [name] mailed again."},
		{"repeated full name one placeholder", "Ze zei dat ze Sanne van Dijk heette. Later mailde Sanne van Dijk opnieuw.", "Ze zei dat ze [name] heette. Later mailde [name] opnieuw."},
		{"repeat keeps organisations", "Mijn buurman Ahmed kreeg een sms van de Rabobank; Ahmed klikte.", "Mijn buurman [name] kreeg een sms van de Rabobank; [name] klikte."},
		{"nl zich noemde name", "Een man die zich noemde Pieter Smit belde aan.", "Een man die zich noemde [name] belde aan."},
		{"nl zichzelf name noemde", "Een koper die zichzelf Lotte Kramer noemde.", "Een koper die zichzelf [name] noemde."},
		{"nl volledige naam", "Ze kende mijn volledige naam, Iris Kuipers, al.", "Ze kende mijn volledige naam, [name], al."},
		{"en his full name", "The letter used his full name, Oliver Grant, twice.", "The letter used his full name, [name], twice."},
		{"nl name written on it", "Het pakketje had haar naam erop, Anne-Marie Peeters, maar was niet van haar.", "Het pakketje had haar naam erop, [name], maar was niet van haar."},
		{"en name on it", "a fine with my name on it, Harriet-Jane Cole, arrived", "a fine with my name on it, [name], arrived"},
		{"en i'm called", "hello, i'm called Tobias and my bank account was emptied", "hello, i'm called [name] and my bank account was emptied"},
		{"fr particle chain with capital article", "le vendeur, Mme Marie-Claire de La Rochelle, ne répond plus", "le vendeur, Mme [name], ne répond plus"},
		{"nl particle chain with capital article", "verhuurder dhr. Pieter van De Velde wilde cash", "verhuurder dhr. [name] wilde cash"},
		{"quoted organisation kind kept", "een appje van 'Volks Bank' over mijn pas", "een appje van 'Volks Bank' over mijn pas"},
		{"quoted agency kept", "un courriel de 'Poste Services' pour un colis", "un courriel de 'Poste Services' pour un colis"},
		{"quoted person still a name", "a message from 'Megan' about a parcel", "a message from '[name]' about a parcel"},
		{"greeting before i'm stays", "Hello, I'm a nurse and a caller said he was from my bank", "Hello, I'm a nurse and a caller said he was from my bank"},
		{"fr dit s'appeler", "Le vendeur dit s'appeler Marc Girard.", "Le vendeur dit s'appeler [name]."},
		{"fr je m'appelais", "Je m'appelais Claire Dupuis autrefois.", "Je m'appelais [name] autrefois."},
		{"de er heiße", "Der Anrufer sagte, er heiße Tobias Lang.", "Der Anrufer sagte, er heiße [name]."},
		{"nl quoted after naming verb", "Hij noemde zich toen \"Bas\" in de chat.", "Hij noemde zich toen \"[name]\" in de chat."},
		{"en quoted speaker", "Then 'Sophie' wrote that she needed money.", "Then '[name]' wrote that she needed money."},
		{"record line", "Leaked entry: Tom Baker, 5 Mill Road, Leeds LS2 9JT", "Leaked entry: [name], [address]"},
		{"whatsapp number no card", "Betaal via wa.me/4917612345679 zei hij.", "Betaal via wa[.]me/[phone] zei hij."},
		{"quoted firm after by", "I was phoned by 'PayPal' about a refund.", "I was phoned by 'PayPal' about a refund."},
		{"grouped transaction number", "Transactie: 0031-884-512 ging naar het buitenland.", "Transactie: 0031-884-512 ging naar het buitenland."},
		{"doubled at sign", "Stuur het naar m.bos@@ziggo..nl aub.", "Stuur het naar [email] aub."},
		// left as they are
		{"german abbreviation before a noun", "Es kamen Mahnungen, z. B. Mahnung Nr. 4471.", "Es kamen Mahnungen, z. B. Mahnung Nr. 4471."},
		{"initials still a name", "Betaald aan J. B. Smits.", "Betaald aan [name]."},
		{"my name alone", "They used my name and my photo.", "They used my name and my photo."},
		{"quoted title", "Het programma 'Opgelicht' zei dat ook.", "Het programma 'Opgelicht' zei dat ook."},
		{"town before address line", "Maastricht, Markt 78", "Maastricht, [address]"},
	})
}
