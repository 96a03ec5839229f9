package scrub

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A name is one to four capitalised words or initials, with the particles
// that stand inside Dutch, French and German names between them
// ("Jan de Vries", "J.P. van der Berg", "Jean-Pierre Le Goff", "O'Brien").
const (
	nameWord     = `(?:\p{Lu}\.|\p{Lu}[\p{L}'’\-]*)`
	nameParticle = `(?:van|von|de|der|den|di|da|du|des|del|della|le|la|ten|ter|te|het|'t|zu|vom|el|al|bin|ibn|dos|das|d'|l')`
	nameSeq      = nameWord + `(?:[ ]{1,2}(?:` + nameParticle + `[ ]){0,3}` + nameWord + `){0,3}`
	surname      = `\p{Lu}\p{Ll}[\p{L}'’\-]*`
	nameTitle    = `(?:(?i:dhr|mevr|mw|hr|mr|mrs|ms|miss|dr|prof|m|mme|mlle|herr|frau|meneer|mevrouw|de heer|heer|monsieur|madame|mademoiselle|sir)\.?[ ]{1,2})?`
)

// nameCues are the words after which a name follows, in Dutch, English,
// French and German: introductions, titles, greetings, signatures, family.
const nameCues = `mijn naam is|m'n naam is|ik heet|ik ben|heet|heette|heetten|heten|genaamd|genoemd|de naam|onder de naam|` +
	`t\.n\.v\.|tnv|ten name van|op naam van|in the name of|au nom de|im namen von|the name|le nom|den namen|` +
	`hier is|hier ist|hier spricht|this is|` +
	`claim(?:ing|ed|s) to be|pretend(?:ing|ed|s) to be|posing as|posed as|deed zich voor als|gaf zich uit (?:als|voor)|zich voordeed als|` +
	`se faisant passer pour|prétendant être|gab sich als|` +
	`name (?:is|was)|naam (?:is|was)|nom (?:est|était)|name (?:ist|war)|signed(?: by)?|ondertekend(?: door)?|getekend|signée?|unterschrieben|` +
	`(?:die|hij|ze|zij) zich(?:zelf)?|zich(?:zelf)? noem(?:de|den|t)|` +
	`noemde (?:hij |ze |zij )?zich(?:zelf)?|noemt (?:hij |ze |zij )?zich|stelde (?:hij |ze |zij )?zich(?: voor)? als|u spreekt met|spreekt met|` +
	`(?:contactpersoon|contact person|personne de contact|ansprechpartner(?:in)?)[^:\n]{1,30}:|contactpersoon|ondergetekende|` +
	`(?:een|a|un|une|ein|eine) (?:zekere|certain|certaine|gewisser?)|ene|zich voorstelde als|voorgesteld als|` +
	`(?:gebeld|benaderd|opgelicht|bedreigd|gechanteerd|afgeperst|gestalkt|lastiggevallen) door|` +
	`(?:called|contacted|scammed|threatened|blackmailed|harassed|stalked) by|` +
	`(?:appelée?|contactée?|arnaquée?|menacée?|harcelée?|escroquée?) par|(?:angerufen|kontaktiert|betrogen|bedroht|erpresst|belästigt) von|` +
	`(?:een|a|an|un|une|ein|eine) (?:vrouw|man|jongen|meisje|meid|woman|guy|girl|boy|lady|femme|homme|fille|garçon|mec|frau|mann|junge|mädchen)|` +
	`(?:verkoper|verkoopster|koper|verhuurder|huisbaas|voorzitter|penningmeester|secretaris|eigenaar|rekeninghouder|begunstigde|` +
	`seller|buyer|landlord|chairman|chairwoman|treasurer|owner|account holder|beneficiary|payee|` +
	`vendeur|vendeuse|acheteur|acheteuse|propriétaire|président|présidente|trésorier|trésorière|titulaire|bénéficiaire|` +
	`verkäufer(?:in)?|käufer(?:in)?|vermieter(?:in)?|vorsitzende[rn]?|inhaber(?:in)?|kontoinhaber(?:in)?|empfänger(?:in)?)|` +
	`(?:hey|hoi|hallo|hi|hello|salut|coucou|bonjour|hé)[ ]?,?[ ]?(?:c['’]est|it['’]s|it is|met|hier is|ici)|hey|salut|coucou|` +
	`the undersigned|undersigned|soussignée?|unterzeichnende?r?|` +
	`(?:van|from|de|von|aan|to|à|an|cc) ?:|` +
	`agent|officer|inspect(?:eu|o)r|rechercheur|brigadier|detective|commissaris|advocaat|notaris|lawyer|solicitor|notary|maître|avocat|notaire|kommissar(?:in)?|anwalt|anwältin|` +
	`commissaire|capitaine|lieutenant|gendarme|adjudant|officier|docteur|dokter|doktor|sergeant|sergent|constable|hauptkommissar(?:in)?|polizist(?:in)?|wachtmeister(?:in)?|` +
	`(?:mann|frau|herrn?|person|jemand(?:en)?|kerl|typen?|dame|mädchen|junge|kollegen?|kollegin|mitarbeiter(?:in)?|beamte[rn]?|nutzer(?:in)?) namens|mit (?:dem )?namen|heißt|heisst|hieß|hiess|went by|goes by|go by|s['’]?appel(?:le|ait|aient|lent)|se nomm(?:e|ait)|` +
	`(?:naam|name|nom|name) (?:op|on|sur|auf) [^:\n.]{1,25}:|` +
	`(?:(?:het |the |la |die |das )?(?:familie|gezin|echtpaar|family|famille|couple|ehepaar|fam\.))|` +
	`(?:zoon|dochter|vriend|vriendin|buurman|buurvrouw|collega|broer|zus|oma|opa|neef|nicht|colleague|neighbou?r|friend|` +
	`voisine?|collègue|ami|amie|nachbar|nachbarin|kollege|kollegin)|naam ?:|dhr\.?|mevr\.?|mw\.?|hr\.?|de heer|meneer|mevrouw|juffrouw|beste|geachte|hoi|hallo|` +
	`my name is|my name's|name's|i am called|i['’]m called|i am|i'm|i’m|(?:man|woman|someone|somebody|person|guy|lady|girl|boy|agent|employee|caller|he|she|who|was|is|been|him|her) called|` +
	`call(?:s|ed|ing) (?:himself|herself)|named|called|appel(?:ée|é)|genannt|under the name|introduced (?:himself|herself) as|contact person|name ?:|` +
	`mr\.?|mrs\.?|ms\.?|miss|dr\.?|prof\.?|dear|hi|hello|` +
	`(?:je |j)?m['’]?appel(?:le|ais)|mon nom est|mon nom|(?:il|elle|qui) s['’]?appel(?:le|ait)|se fais(?:ait|ant) appeler|se présent(?:ait|ant) comme|` +
	`s['’]est présentée? comme|(?:pré|dé)?nommée?|sous le nom|nom ?:|je suis|m\.|mme\.?|mlle\.?|monsieur|madame|mademoiselle|bonjour|bonsoir|cher|chère|` +
	`ich heiße|ich heisse|(?:er|sie) (?:heißt|heisst|hieß|heiße|heisse)|mein name ist|ich bin|nannte sich|nennt sich|unter dem namen|herr|frau|liebe|lieber|sehr geehrte[rn]?|` +
	`(?:mijn|m'n|onze|my|our|mon|ma|notre|mein|meine|unser|unsere) (?:schoon|klein|stief|half|aangetrouwde |step-?|grand-?|beau-|belle-|demi-|schwieger|stief|groß)?(?:zoon|dochter|man|vrouw|echtgeno(?:ot|te)|vriend|vriendin|moeder|vader|buurman|buurvrouw|` +
	`collega|broer|zus|zuster|oma|opa|kleinzoon|kleindochter|partner|neef|nicht|son|daughter|husband|wife|friend|mother|father|mum|mom|dad|` +
	`neighbou?r|colleague|brother|sister|grandson|granddaughter|grandmother|grandfather|boyfriend|girlfriend|fils|fille|mari|femme|ami|amie|` +
	`mère|père|frère|s(?:œ|oe)ur|voisine?|collègue|petit-fils|petite-fille|conjointe?|compagne|compagnon|sohn|tochter|mann|frau|freund|freundin|` +
	`mutter|vater|bruder|schwester|nachbar|nachbarin|kollege|kollegin|enkel|enkelin)`

// signOffs end a message; the name under them is the writer's.
const signOffs = `liefs|kusjes|xoxo|bisous|gros bisous|lg|hdl|love|` + `(?:met )?vriendelijke groet(?:en)?|(?:alvast )?bedankt|dank je wel|dank u wel|thanks|thank you|many thanks|merci(?: beaucoup)?|danke(?: schön)?|vielen dank|groet(?:en|jes)?|mvg|kind regards|best regards|regards|cheers|sincerely|yours sincerely|` +
	`yours faithfully|cordialement|bien cordialement|bien à vous|salutations|mit freundlichen grüßen|mfg|viele grüße|liebe grüße|grüße|gruß`

// cueBody and signOffBody are the two halves of nameCueRe after the
// boundary character: a cue and what may follow it, a sign-off and its
// punctuation.
const (
	cueBody = `(?:(?:` + nameCues + `)[ ]?[:,]?[ ]{1,2}['"‘“«(]?` +
		`|(?:ik|i|je|moi|ich|mijn naam|my name|mon nom|mein name)[ ]?\()[ ]?`
	signOffBody = `(?:` + signOffs + `)[ ]?[,!.]?[ ]?\n?[ ]?`
)

var (
	particleRe = regexp.MustCompile(`(?i)^` + nameParticle + `$`)
	// A cue, found in the text in lower case (see cueRegexp), and the name
	// after it, found in the text as written.
	nameCueRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}\[])` + cueBody +
		`|(?:^|[^\p{L}\p{N}\[])` + signOffBody)
	// nameCueRe anchored where a search starts, where "^" holds too, and
	// the cue alone, tried after a boundary character (see nextNameCue).
	nameCueHereRe  = regexp.MustCompile(`^(?:` + nameCueRe.String() + `)`)
	nameCueBodyRe  = regexp.MustCompile(`^(?:` + cueBody + `|` + signOffBody + `)`)
	nameAfterCueRe = regexp.MustCompile(`^` + nameTitle + `(` + nameSeq + `)`)
	particleNameRe = regexp.MustCompile(`^((?:` + nameParticle + `[ ]){1,3}` + nameSeq + `)`)
	lowerNameRe    = regexp.MustCompile(`^(\p{Ll}[\p{L}'’\-]+(?:[ ]\p{Ll}[\p{L}'’\-]+){0,3})`)
	lowerWordRe    = regexp.MustCompile(`^\p{Ll}[\p{L}\-]+`)
	// A name said before the verb: "dat hij Bram heette", "qu'il s'appelait".
	// "de jongen die zich Jayden noemde", "der sich Kevin nannte".
	nameBeforeVerbRe = regexp.MustCompile(`(?:^|[^\p{L}])(?:(?:hij|zij|ze|hijzelf|he|she|er|sie) (` + nameSeq + `) (?:heette|heet|hieß|heißt|heisst)|` +
		`(?:zich|zichzelf|sich) (` + nameSeq + `) (?:noemde|noemden|noemt|noemen|nannte|nannten|nennt|nennen))(?:[^\p{L}]|$)`)
	// "I'm a student (Chloe Martin)": a name in brackets after a
	// self-description in lower case.
	bracketNameRe = regexp.MustCompile(`(?:^|[^\p{L}])(?i:i['’]m|i am|ik ben|je suis|ich bin)(?:[ ]\p{Ll}[\p{Ll}\-]*){1,3}[ ]?\((` + nameSeq + `)\)`)
	// A name alone in quotes after "from" ("Appje van 'Ahmed'"); a quoted
	// word elsewhere is as often a title or a term.
	quotedNameRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(?:van|from|by|door|de|par|von|met|with|avec|mit|namens|ene|als|as|comme)[ ]{1,2}['‘"“«„][ ]?(` +
		nameSeq + `)[ ]?['’"”»“](?:[^\p{L}\p{N}]|$)`)
	// A naming verb, a short aside and the name: "heette volgens zijn
	// profiel Ricardo Pinas", "s'appelait, d'après son profil, Karim".
	// The aside is up to four words in lower case; gapNameRe's caller
	// drops it when its last word is an article ("heet de app WhatsApp").
	gapNameRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(?i:heet|heette|heetten|heten|genaamd|noem(?:t|de|den) (?:hij |ze |zij )?zich|` +
		`is called|was called|were called|went by|goes by|call(?:s|ed) (?:himself|herself)|named|` +
		`s['’]appel(?:le|ait|aient|lent)|se (?:faisait|fait) appeler|se nomm(?:e|ait)|` +
		`heißt|heisst|hieß|hiess|nennt sich|nannte sich)` +
		`((?:,?[ ]\p{Ll}[\p{L}'’\-]*){1,4}),?[ ]{1,2}['‘"“«]?` + nameTitle + `(` + nameSeq + `)`)
	// "haar volle naam, X", "my full name, X", "met mijn naam erop, X",
	// "disait s'appeler X": run
	// once over the text rather than in nameCueRe, whose search restarts
	// after every cue.
	fullNameRe = regexp.MustCompile(`(?:^|[^\p{L}])(?:(?i:haar|zijn|mijn|m'n|hun|my|his|her|their|son|mon|leur|seinen|meinen|ihren) ` +
		`(?i:volle |volledige |full |vollen )?(?i:naam|name|nom|namen)(?i: complet| erop| erin| on it| dessus| darauf)?,|s['’]appeler)[ ]{1,2}['"‘“«]?` + nameTitle + `(` + nameSeq + `)`)
	// A quoted name that speaks at the start of a sentence: "Scam:
	// 'James' said he was a soldier" (not "het programma 'Opgelicht' zei").
	quotedSpeakerRe = regexp.MustCompile(`(?:^|[.:!?\n][ ]{0,2}|(?i:then|toen|daarna|puis|ensuite|dann|and|en|et|und)[ ])['‘"“«„][ ]?(` + nameSeq + `)[ ]?['’"”»“][ ]` +
		`(?:said|says|told|wrote|zei|zegt|schreef|vertelde|disait|dit|a dit|écrivait|sagte|sagt|schrieb)(?:[^\p{L}\p{N}]|$)`)
	// A record of a person: "record: Ben Carter, [address]" or a line
	// that starts with a full name and an address.
	recordNameRe = regexp.MustCompile(`(?:^|\n|:)[ ]{0,2}(` + nameWord + `(?:[ ](?:` + nameParticle + `[ ]){0,3}` + nameWord + `){1,3}),[ ]{1,2}\[address\]`)
	// ... or a preposition, after which an organisation follows ("heette
	// en belde namens Albert Heijn").
	// The same in lower case, often in quotes: "die zich 'bram' noemde".
	lowerBeforeVerbRe = regexp.MustCompile(`(?:^|[^\p{L}])(?:zich|zichzelf|sich) ['‘"“]?(\p{Ll}[\p{L}\-]{2,})['’"”]? (?:noemde|noemden|noemt|nannte|nennt)(?:[^\p{L}]|$)`)
	// A lower-case word joined to a name found already: "[name] en fleur",
	// "à [name] et à rayan", "josh and [name]".
	joinedAfterRe  = regexp.MustCompile(`\[name\](?:,| en| and| et| und| et à| and to| of| or| ou| oder)[ ]{1,2}(\p{L}[\p{L}\-]+)`)
	joinedBeforeRe = regexp.MustCompile(`(?:^|[^\p{L}])(\p{L}[\p{L}\-]+)(?:,| en| and| et| et à| und)[ ]{1,2}\[name\]`)
	// A nickname in brackets between first name and surname: "Robert (Bob)
	// Harrington", "mevrouw Wilhelmina (Mien) Lenaerts".
	nicknameSurnameRe = regexp.MustCompile(`\[name\][ ]\((?:\[name\]|\p{Lu}[\p{L}'’\-]+)\)[ ]((?:` + nameParticle + `[ ]){0,3}\p{Lu}[\p{L}'’\-]+)`)
	// A name with an age in brackets: "Frans (59) wordt opgelicht",
	// "Hugo (16 ans)".
	ageNameRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}\[])(` + nameSeq + `)[ ]\(\d{1,3}(?:[ ](?:jaar|jr|ans|years|yrs|jahre|j)\.?)?\)`)
	// A signature: the last line of the text, or what follows a dash at
	// its end ("... now it sends spam. - Nnamdi").
	signatureRe  = regexp.MustCompile(`(?:\n[ ]{0,2}|[ ][-–—~]{1,2}[ ]?|[.!?][ ]{1,2})(` + nameSeq + `)[ ]?[.!]?[ ]*$`)
	gapArticleRe = regexp.MustCompile(`(?i)[ ](?:het|de|een|the|a|an|le|la|les|l['’]|un|une|der|die|das|den|dem|ein|eine|einen|zijn|haar|his|her|son|sa|ses|sein|seine|ihr|ihre|` +
		`namens|voor|van|bij|via|for|from|at|with|on behalf of|pour|chez|avec|für|von|bei|mit)$`)
	// Initials and a surname: "J. de Vries", "A.B. Jansen".
	initialsNameRe = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(\p{Lu}\.(?:[ ]?\p{Lu}\.){0,3}[ ]?(?:` + nameParticle + `[ ]){0,3}` +
		surname + `(?:[ ](?:` + nameParticle + `[ ]){0,3}` + surname + `){0,2})`)
)

// replaceNames replaces personal names after a cue word ("mijn naam is",
// "Mr", "je m'appelle", "Herr", "mijn zoon", a greeting or a sign-off) and
// initials followed by a surname by [name]. A name is never guessed from
// capitals alone: "Rabobank", "Microsoft" and the town stay.
func replaceNames(text string) string {
	var spans, lowerSpans [][]int
	measured := map[int]bool{}
	lower := asciiLower(text)
	// Cues may follow each other ("Bonjour, je m'appelle Sylvie"): the
	// search goes on from the last character of a cue, its boundary.
	for pos := 0; pos < len(text); {
		start, end, ok := nextNameCue(lower, pos)
		if !ok {
			break
		}
		// "j'ai appelé Helpwanted", "op mijn naam is afgesloten": a phone
		// call and a contract, not a name.
		if notNaming(lower[:end]) {
			pos = start + 1
			continue
		}
		after := text[end:min(len(text), end+200)]
		n := nameAfterCueRe.FindStringSubmatchIndex(after)
		// One word in quotes is a name only when it is a first name:
		// "gebeld door 'Worldline'".
		if n != nil && strings.ContainsAny(strings.TrimRight(text[start:end], " "), "'\"‘“«") &&
			!strings.Contains(after[n[2]:n[3]], " ") && !givenName(after[n[2]:n[3]]) && !givenNames().midSentence[after[n[2]:n[3]]] {
			n = nil
		}
		if n == nil && endsInTitle(lower[start:end]) {
			n = particleNameRe.FindStringSubmatchIndex(after)
		}
		intro := endsInCue(lower[start:end], introCues)
		if n == nil && !intro {
			// A first name in lower case after any cue: "ik ben marloes".
			// After a naming verb also a name that is a word too: "hij
			// heette peter".
			w := lowerWordRe.FindString(strings.TrimLeft(after, "'‘\"“"))
			if q := len(after) - len(strings.TrimLeft(after, "'‘\"“")); q > 0 && w != "" {
				after, end = after[q:], end+q // "mann hieß 'john'"
			}
			naming := endsInCue(lower[start:end], namingCues) || signOffEnd(lower[start:end]) // "gruß peter"
			if w != "" && (lowerGivenName(w) || naming && givenName(title(w)) ||
				endsInTitle(lower[start:end]) && lowerSurname(w) && !capitalisedNext(after[len(w):])) && !isWord(runeAfter(after, len(w))) {
				n := len(w) + lowerSurnameAfter(text, end+len(w)) // "ze heet maria lardinois"
				lowerSpans = append(lowerSpans, []int{end, end + n, end, end + n})
				measured[end] = true
			}
		}
		if n == nil && intro {
			if l := lowerNameRe.FindStringIndex(after); l != nil {
				if n := lowerNameLength(after[:l[1]]); n > 0 && !isWord(runeAfter(after, n)) {
					lowerSpans = append(lowerSpans, []int{end, end + n, end, end + n})
					measured[end] = true
				}
			}
		}
		// "an app called GoldexPro": after a bare "called", "appelé" or
		// "genannt" one word is a name only when it is a first name.
		if n != nil && endsInCue(lower[start:end], bareNamingCues) && !strings.Contains(after[n[2]:n[3]], " ") &&
			!givenName(after[n[2]:n[3]]) && !givenNames().midSentence[after[n[2]:n[3]]] {
			n = nil
		}
		// German writes nouns with a capital: after "ich bin" one word is
		// a name only when it is a first name ("Ich bin Rentner").
		if n != nil && strings.HasSuffix(strings.TrimRight(lower[start:end], " :,"), "ich bin") &&
			!strings.Contains(after[n[2]:n[3]], " ") && !givenName(after[n[2]:n[3]]) {
			n = nil
		}
		if n == nil {
			// "who called himself 'Kevin'": a shorter cue may start inside.
			pos = start + 1
			continue
		}
		spans = append(spans, []int{end + n[0], end + n[1], end + n[2], end + n[3]})
		pos = max(start+1, end-1)
	}
	if len(lowerSpans) > 0 {
		spans = mergeSpans(spans, lowerSpans)
	}
	var found []string
	text = replaceNameSpans(text, spans, measured, &found)
	text = replaceNameSpans(text, nameBeforeVerbRe.FindAllStringSubmatchIndex(text, -1), nil, &found)
	text = replaceNameSpans(text, gapNames(text), nil, &found)
	text = replaceNameSpans(text, fullNameRe.FindAllStringSubmatchIndex(text, -1), nil, &found)
	text = replaceNameSpans(text, quotedNames(text), nil, &found)
	text = replaceNameSpans(text, quotedSpeakerRe.FindAllStringSubmatchIndex(text, -1), nil, &found)
	text = replaceNameSpans(text, recordNames(text), nil, &found)
	text = replaceNameSpans(text, bracketNameRe.FindAllStringSubmatchIndex(text, -1), nil, &found)
	text = replaceNameSpans(text, ageNameRe.FindAllStringSubmatchIndex(text, -1), nil, &found)
	text = replaceNameSpans(text, nicknameNames(text), nil, &found)
	text = replaceNameSpans(text, initialNames(text), nil, &found)
	text = replaceNameSpans(text, signatureSpans(text), nil, &found)
	given, lowerGiven := givenNameSpans(text)
	text = replaceNameSpans(text, given, lowerGiven, &found)
	text = replaceLowerNames(text, lowerBeforeVerbRe, lowerSurname, &found)
	for range 2 { // "[name], [name] und mia": each join may reveal the next
		text = replaceLowerNames(text, joinedAfterRe, anyGivenName, &found)
		text = replaceLowerNames(text, joinedBeforeRe, anyGivenName, &found)
	}
	return replaceRepeatedNames(text, found)
}

// nextNameCue returns the match of nameCueRe.FindStringIndex(lower[pos:]),
// offset by pos, without running the regexp from every position: the
// unanchored search of its long alternation cost most of the scrubber's
// time. A match at pos may use "^"; one further on starts at a character
// that is not a letter, a digit or "[", followed by a letter (every cue and
// sign-off begins with one), and is tried anchored there. Positions are
// stepped through as the regexp decodes lower[pos:], so that a pos inside
// a multi-byte character gives the same result.
func nextNameCue(lower string, pos int) (start, end int, ok bool) {
	if m := nameCueHereRe.FindStringIndex(lower[pos:]); m != nil {
		return pos, pos + m[1], true
	}
	_, w := utf8.DecodeRuneInString(lower[pos:])
	for p := pos + w; p < len(lower); p += w {
		var r rune
		r, w = utf8.DecodeRuneInString(lower[p:])
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '[' {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(lower[p+w:]); !unicode.IsLetter(next) {
			continue
		}
		if m := nameCueBodyRe.FindStringIndex(lower[p+w:]); m != nil {
			return p, p + w + m[1], true
		}
	}
	return 0, 0, false
}

// initialNames returns the names initialsNameRe finds, except an
// abbreviation's second letter: "z. B. Rechnung", "u. A. Meier" ("zum
// Beispiel", "unter anderem").
func initialNames(text string) [][]int {
	all := initialsNameRe.FindAllStringSubmatchIndex(text, -1)
	return slices.DeleteFunc(all, func(m []int) bool {
		before := strings.TrimRight(text[:m[2]], " ")
		return strings.HasSuffix(before, ".") && unicode.IsLower(runeBefore(before, len(before)-1)) &&
			!isWord(runeBefore(before, len(before)-2))
	})
}

// replaceRepeatedNames replaces, wherever else they stand in the text, the
// words of the names found after a cue ("Mijn zoon Daan ... dat Daan
// geboren is", "Jeroen Bakker ... Bakker zei"): once a word is known to be a
// name here, it is one without a cue too. Particles, short words and words
// that are never names (notName) stay. Words of a name that stand together
// become one placeholder. One pass over the text, whatever the number of
// names.
func replaceRepeatedNames(text string, found []string) string {
	words := map[string]bool{}
	for _, name := range found {
		for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !isWord(r) }) {
			if utf8.RuneCountInString(w) >= 3 && capitalised(w) && !particleRe.MatchString(w) && !notName(w) {
				words[w] = true
			}
		}
	}
	if len(words) == 0 {
		return text
	}
	var b strings.Builder
	copied := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWord(r) {
			i += size
			continue
		}
		end := wordEnd(text, i)
		if !words[text[i:end]] || runeBefore(text, i) == '[' || firmRe.MatchString(text[end:]) {
			i = end
			continue
		}
		// Take the name's next words: "Jeroen Bakker", "Esther van Leeuwen".
		for {
			next := end
			for next < len(text) && next-end < 2 && strings.IndexByte(" -'", text[next]) >= 0 {
				next++
			}
			nextEnd := wordEnd(text, next)
			if next == end || nextEnd == next {
				break
			}
			if particleRe.MatchString(text[next:nextEnd]) && nextEnd < len(text) && text[nextEnd] == ' ' {
				if after := wordEnd(text, nextEnd+1); words[text[nextEnd+1:after]] {
					end = after
					continue
				}
				break
			}
			if !words[text[next:nextEnd]] {
				break
			}
			end = nextEnd
		}
		// "De Vries ... Johan de Vries": a first name and particles
		// before a known surname belong to it.
		if j := givenNameBefore(text, i); j >= copied {
			i = j
		}
		b.WriteString(text[copied:i])
		b.WriteString(placeholderName)
		copied, i = end, end
	}
	if copied == 0 {
		return text
	}
	b.WriteString(text[copied:])
	return b.String()
}

// introCues can only introduce a name, so the name may be written in
// lower case after them ("mijn naam is sophie lemmens"); namingCues can
// only be followed by what someone is called, so a listed name counts in
// lower case after them even when it is also a word ("hij heette peter").
var (
	introCues = []string{"mijn naam is", "m'n naam is", "ik heet", "my name is", "my name's", "m'appelle", "m’appelle", "mappelle",
		"mon nom est", "mon nom", "ich heiße", "ich heisse", "mein name ist"}
	namingCues = append([]string{"un certain", "une certaine", "een zekere", "ene", "a certain", "ein gewisser", "eine gewisse", "heet", "heette", "heten", "genaamd", "noemde zich", "noemt zich", "called", "named", "goes by", "went by",
		"s'appelle", "s’appelle", "sappelle", "s'appelait", "s’appelait", "sappelait", "se nomme", "se nommait",
		"heißt", "heisst", "hieß", "nannte sich", "nennt sich", "namens"}, introCues...)
)

// bareNamingCues name things as often as people.
var bareNamingCues = []string{"called", "appelé", "appelée", "genannt"}

// signOffEnd reports whether the cue c is a sign-off ("gruß", "groetjes").
func signOffEnd(c string) bool {
	return signOffRe.MatchString(strings.TrimLeft(c, " \n,.!?;:"))
}

var signOffRe = regexp.MustCompile(`^(?:` + signOffBody + `)$`)

// endsInCue reports whether the cue text c, without the spaces and
// punctuation after it, ends in one of cues as a whole word.
func endsInCue(c string, cues []string) bool {
	c = strings.TrimRight(c, " :,'\"‘“«(")
	for _, cue := range cues {
		if strings.HasSuffix(c, cue) && !isWord(runeBefore(c, len(c)-len(cue))) {
			return true
		}
	}
	return false
}

// notNaming reports whether the cue at the end of lower is part of
// something else: "j'ai appelé" (a phone call), "op mijn naam is" (a
// contract in my name).
func notNaming(lower string) bool {
	c := strings.TrimRight(lower, " :,")
	if strings.HasSuffix(c, "appelé") || strings.HasSuffix(c, "appelée") {
		c = strings.TrimSuffix(strings.TrimSuffix(c, "appelée"), "appelé")
		w := lastWord(strings.TrimRight(c, " "))
		return w == "ai" || w == "as" || w == "a" || w == "avons" || w == "avez" || w == "ont"
	}
	c = strings.TrimSuffix(strings.TrimSuffix(c, " is"), " was")
	for _, n := range [...]string{" naam", " name", " nom", " namen"} {
		if rest, ok := strings.CutSuffix(c, n); ok {
			for _, possessive := range [...]string{" mijn", " m'n", " my", " mon", " meinen"} {
				rest = strings.TrimSuffix(rest, possessive)
			}
			w := lastWord(rest)
			return w == "op" || w == "on" || w == "in" || w == "sur" || w == "à" || w == "auf"
		}
	}
	return false
}

// endsInTitle reports whether the cue c ends in a title after which a name
// may start with its particle: "Mw. de Groot".
func endsInTitle(c string) bool {
	c = strings.TrimRight(c, " .")
	if strings.HasSuffix(c, "de heer") {
		return true
	}
	switch lastWord(c) {
	case "dhr", "mevr", "mw", "hr", "mr", "mrs", "ms", "dr", "meneer", "mevrouw", "herr", "frau", "m", "mme", "mlle", "monsieur", "madame",
		"commissaire", "inspecteur", "inspector", "rechercheur", "brigadier", "kommissar", "heer":
		return true
	}
	return false
}

// lowerSurname reports whether w, typed in lower case after a title
// ("commissaire lejeune"), can be the surname: no short or common word.
func lowerSurname(w string) bool {
	return utf8.RuneCountInString(w) >= 4 && !lowerStopSet[w] && !notNameSet[w] &&
		!orgWordSet[w]
}

// capitalisedNext reports whether the next word in s starts with a capital:
// then the lower-case word before it is no surname ("Frau namens Anna"),
// and neither is it before a placeholder ("Frau namens [name]").
func capitalisedNext(s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && (capitalised(f[0]) || strings.HasPrefix(f[0], "[")) // a placeholder on a second pass
}

// lastWord returns the letters at the end of s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= size
	}
	return s[i:]
}

// replaceLowerNames replaces the first groups of re's matches that ok
// accepts: names whose length is known, whatever their case.
func replaceLowerNames(text string, re *regexp.Regexp, ok func(string) bool, found *[]string) string {
	var spans [][]int
	measured := map[int]bool{}
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		if ok(text[m[2]:m[3]]) && !lowerStopSet[text[m[2]:m[3]]] {
			spans = append(spans, []int{m[2], m[3], m[2], m[3]})
			measured[m[2]] = true
		}
	}
	return replaceNameSpans(text, spans, measured, found)
}

// anyGivenName reports whether w, in whatever case, is a first name on the
// list, also one that is a word too: next to a name it is a name ("[name]
// en fleur").
func anyGivenName(w string) bool {
	t := title(strings.ToLower(w))
	return givenName(t) || givenNames().midSentence[t]
}

// nicknameNames returns the surnames after a name and a nickname in
// brackets, and the nickname itself when it is still written out.
func nicknameNames(text string) [][]int {
	var spans [][]int
	for _, m := range nicknameSurnameRe.FindAllStringSubmatchIndex(text, -1) {
		if open := strings.IndexByte(text[m[0]:m[2]], '(') + m[0]; text[open+1] != '[' {
			close := strings.IndexByte(text[open:], ')') + open
			spans = append(spans, []int{open + 1, close, open + 1, close})
		}
		spans = append(spans, []int{m[2], m[3], m[2], m[3]})
	}
	return spans
}

// recordNames returns the names recordNameRe finds that start with a listed
// first name or end in a listed surname: "Chalet Les Sapins, [address]" is a
// house.
func recordNames(text string) [][]int {
	all := recordNameRe.FindAllStringSubmatchIndex(text, -1)
	return slices.DeleteFunc(all, func(m []int) bool {
		words := strings.Fields(text[m[2]:m[3]])
		return !givenName(words[0]) && !surnames()[words[len(words)-1]]
	})
}

// quotedNames returns the names quotedNameRe finds; one word alone in
// quotes must be a first name ("van 'Ahmed'", not "door 'Worldline'").
func quotedNames(text string) [][]int {
	all := quotedNameRe.FindAllStringSubmatchIndex(text, -1)
	return slices.DeleteFunc(all, func(m []int) bool {
		name := text[m[2]:m[3]]
		return !strings.Contains(name, " ") && !givenName(name) && !givenNames().midSentence[name]
	})
}

// firmRe follows a surname that names a firm: "Smith & Sons", "Jansen en
// Zonen", "Dupont et Fils".
var firmRe = regexp.MustCompile(`^[ ](?:&|&amp;|and|en|et|und)[ ](?:Sons?|Co\b|Zonen|Zn\b|Partners|Fils|Söhne|Cie|Associates|Dochters)`)

// givenNameBefore returns where the name starts that the surname at i
// ends, when one to three particles and a capitalised word stand right
// before it ("Johan de Vries", "Anna van der Berg"); -1 otherwise.
func givenNameBefore(text string, i int) int {
	particles := 0
	for k := i; k > 1 && text[k-1] == ' '; {
		w := k - 1
		for w > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:w])
			if !isWord(r) {
				break
			}
			w -= size
		}
		word := text[w : k-1]
		switch {
		case word == "":
			return -1
		case particleRe.MatchString(word) && particles < 3:
			particles++
			k = w
		case particles > 0 && capitalised(word) && !notName(word) && runeBefore(text, w) != '[':
			return w
		default:
			return -1
		}
	}
	return -1
}

// signatureSpans returns the name that signs the text, if any: a town or
// a greeting on the last line is no name.
func signatureSpans(text string) [][]int {
	m := signatureRe.FindStringSubmatchIndex(text)
	if m == nil || nameCueBodyRe.MatchString(strings.ToLower(text[m[2]:m[3]])) {
		return nil
	}
	// On a line of its own the name must start with a first name: a last
	// line "Maastricht" is the town. After the last sentence it must be a
	// whole name of two or three words ("... weg. Ravenna Bouchta"), not
	// "... Help!".
	name := text[m[2]:m[3]]
	first, _, _ := strings.Cut(name, " ")
	switch sep := text[m[0]:m[2]]; {
	case strings.Contains(sep, "\n") && !givenName(first):
		return nil
	case strings.ContainsAny(sep, ".!?") && (!strings.Contains(name, " ") || nameLength(name) != len(name)):
		return nil
	}
	return [][]int{m}
}

// gapNames returns the names gapNameRe finds after a naming verb and an
// aside, as spans of their second group; an aside ending in an article or a
// possessive names a thing ("heet de app Signal"), not a person.
func gapNames(text string) [][]int {
	var spans [][]int
	for _, m := range gapNameRe.FindAllStringSubmatchIndex(text, -1) {
		if !gapArticleRe.MatchString(text[m[2]:m[3]]) {
			spans = append(spans, []int{m[4], m[5], m[4], m[5]})
		}
	}
	return spans
}

// mergeSpans adds the names written in lower case, already cut to their
// length, to the spans of the other names, in the order of the text.
func mergeSpans(spans, lowerSpans [][]int) [][]int {
	all := append(spans, lowerSpans...)
	slices.SortFunc(all, func(a, b []int) int { return a[0] - b[0] })
	return all
}

// replaceNameSpans replaces the name each match captures (its first group),
// cut before the first word that is no name, unless measured holds its start
// (a name in lower case, already cut by lowerNameLength), and adds each name
// it replaces to found.
func replaceNameSpans(text string, matches [][]int, measured map[int]bool, found *[]string) string {
	var b strings.Builder
	copied := 0
	for _, m := range matches {
		start, end := -1, -1
		for g := 1; 2*g < len(m); g++ {
			if m[2*g] >= 0 {
				start, end = m[2*g], m[2*g+1]
			}
		}
		if start < copied {
			continue
		}
		if !measured[start] {
			end = start + nameLength(text[start:end])
			// "Frau Kaya von PerfectJobs24": a name cut inside a word ends
			// at the word before, without the particles before that.
			for end > start && isWord(runeAfter(text, end)) {
				i := strings.LastIndexByte(text[start:end], ' ')
				if i < 0 {
					end = start
					break
				}
				end = start + nameLength(text[start:start+i])
			}
		}
		if end == start || isWord(runeAfter(text, end)) {
			continue
		}
		b.WriteString(text[copied:start])
		b.WriteString(placeholderName)
		*found = append(*found, text[start:end])
		copied = end
	}
	if copied == 0 {
		return text
	}
	b.WriteString(text[copied:])
	return b.String()
}

// nameLength returns how much of the candidate name s is a name: up to the
// first word that is no name, without the particles before it; 0 when that
// leaves no name.
func nameLength(s string) int {
	n, pos := 0, 0
	afterParticle := false
	for _, w := range strings.SplitAfter(s, " ") {
		word := strings.TrimSpace(w)
		if word == "" {
			pos += len(w)
			continue
		}
		r, _ := utf8.DecodeRuneInString(word)
		if particleRe.MatchString(word) {
			// "De Boer", "Van der Heijden", "Jean de La Fontaine": a
			// particle counts only with the name after it ("Müller von
			// La Poste" ends at Müller, Poste being no name).
			afterParticle = true
			pos += len(w)
			continue
		}
		if unicode.IsUpper(r) {
			// A closing quote is not the name's: "by 'Amazon'".
			word = strings.TrimRight(word, "'’")
			// "Royal Mail", "Volks Bank": a word that names a kind of
			// organisation makes the whole candidate one, unless a
			// particle leads to it ("Herr El Amrani von La Poste").
			if lw := strings.ToLower(word); orgWordSet[lw] || len(lw) > 6 && strings.HasSuffix(lw, "bank") {
				if afterParticle {
					break
				}
				return 0
			}
			if notName(word) {
				break
			}
			n = pos + len(word)
		}
		afterParticle = false
		pos += len(w)
	}
	// A name ends in a word, not in an initial ("plan B. Daarna").
	if last := strings.TrimSpace(s[strings.LastIndex(s[:n], " ")+1 : n]); strings.HasSuffix(last, ".") && utf8.RuneCountInString(last) == 2 {
		return 0
	}
	return n
}

// lowerNameLength returns how much of a name written in lower case is one:
// the words before the first word that is no name ("sophie lemmens en ik").
func lowerNameLength(s string) int {
	n, pos := 0, 0
	for _, w := range strings.SplitAfter(s, " ") {
		word := strings.TrimSpace(w)
		if lowerStopSet[word] || notNameSet[word] && !particleRe.MatchString(word) {
			break
		}
		pos += len(w)
		if !particleRe.MatchString(word) {
			n = pos - (len(w) - len(word))
		}
	}
	return n
}

// lowerStopWords end a name written in lower case: conjunctions, pronouns,
// verbs and negations that follow an introduction.
const lowerStopWords = " en and et und of or ou oder maar but mais aber niet not pas nicht geen no nobody personne niemand ik i je ich me mij moi mich " +
	"laat vroeg koop huur veel weinig eigenlijk zogenaamd zogezegd volgens naar actually apparently supposedly allegedly soi-disant apparemment angeblich eigentlich zich himself herself " +
	"ben am suis bin is was est war heb have ai habe had avais hatte uit from aus woon live habite wohne ook also aussi auch is en hier here ici hier " +
	"zo so si dus alors het it ce es u you vous jullie on in op at bij by sur dans auf im used gebruikt misbruikt utilisé missbraucht " +
	"nog still encore noch al already déjà schon bekend known connu bekannt te too trop zu mijn my mon ma mes mein meine zijn haar his her " +
	"want because car denn omdat dat that que dass sinds since depuis seit tel phone "

// The word lists below as sets, for the checks that run for every word.
var (
	orgWordSet   = wordSet(orgWords)
	notNameSet   = wordSet(notNameWords)
	lowerStopSet = wordSet(lowerStopWords)
)

// wordSet returns the words of a space-separated list as a set.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// notName reports whether a capitalised word is not part of a name.
func notName(word string) bool {
	if strings.HasSuffix(word, ".") && utf8.RuneCountInString(word) == 2 {
		return false // an initial
	}
	w := strings.ToLower(strings.TrimRight(word, "."))
	if utf8.RuneCountInString(w) <= 5 && strings.ToUpper(word) == word && len(w) > 1 && !strings.Contains(w, ".") {
		return true // ING, KPN, DHL, HMRC
	}
	return notNameSet[w]
}

// orgWords end or make up the name of a company or agency, never a
// person's: a candidate that has one is an organisation (evidence).
const orgWords = " mail post poste bank banque pay telecom energie energy insurance verzekeringen assurance versicherung group groep groupe services diensten " +
	"capital deals shop store invest investments finance financial markets trade trading crypto digital media tech vastgoed makelaardij makelaars " +
	"immo immobilier verhuur rentals garage autobedrijf bouw installatie elektro transport koeriers webshop outlet merlin " +
	"support service online unie union groothandel nederland belgië belgique deutschland europe europa international global partners talent gids bedrijvengids " +
	"koffiebar kapsalon bloemenzaak " +
	"bakkerij slagerij kapsalon haarstudio salon boutique drukkerij wijnhandel tegelhandel boulangerie pâtisserie patisserie friterie " +
	"menuiserie boucherie kanzlei praxis stichting vereniging restaurant brasserie hotel atelier firma cabinet agence bouwbedrijf " +
	"schildersbedrijf loodgietersbedrijf installatiebedrijf dakwerken schilderwerken administratie accountants architects bakery " +
	"trading holding consultancy solutions logistics beheer bv b.v. vof v.o.f. gmbh sarl sprl srl ltd inc heijn " +
	"incassobureau incasso bureau kantoor advocaten deurwaarder deurwaarders notariaat cabinet agence agency büro kanzlei inkasso "

// notNameWords are capitalised words that follow a cue but are not a name:
// forms of address and titles, nationalities, organisations (they are evidence), days
// and months, and words that start a sentence after an initial ("plan B.
// Daarna").
const notNameWords = " customer klant client sir madam madame mum mom mam mama papa dad pap all team iedereen allemaal tout tous god heer info support service " +
	"ma mon mes ta tes sa son ses notre votre nos leur mijn onze jouw uw my our your mein meine unser unsere " +
	"helpwanted cardstop safeonweb consuwijzer ncsc afm bkr cnil pharos perceval thesee cybermalveillance nomoreransom juridisch loket " +
	"meta kvk uwv duo cjib svb ind caf spf fod coinbase binance bitvavo kraken revolut wise bunq tikkie vinted kamernet airbnb booking steam roblox discord " +
	"frau herr meneer mevrouw mevr dhr mw hr monsieur mademoiselle mme mlle mr mrs ms miss dr prof " +
	"dutch english french german belgian british belge nederlander nederlandse belg belgische français française francais allemand allemande deutsch deutscher deutsche " +
	"rabobank ing abn amro sns asn bunq knab triodos regiobank belfius kbc bnp paribas fortis argenta société générale crédit agricole banque bank " +
	"postbank sparkasse commerzbank politie police polizei microsoft apple google amazon paypal dhl postnl bol marktplaats whatsapp facebook instagram " +
	"belastingdienst gemeente helpdesk netflix ziggo kpn vodafone orange proximus telenet odido ups fedex gls dpd tiktok snapchat telegram signal outlook " +
	"hotmail gmail digid itsme ameli cjib hmrc dvla iphone android windows fraudehelpdesk slachtofferhulp europol interpol " +
	"maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday " +
	"lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag " +
	"januari februari maart april mei juni juli augustus september oktober november december january february march may june july august october " +
	"janvier février mars avril mai juin juillet août septembre octobre novembre décembre " +
	"i i'm i’m daarna toen ik hij zij ze we wij het de dat die er maar en na op in the then he she they it we after il elle ils je puis ensuite le la les sie dann danach ich wir " +
	"een een a an un une ein eine "
