package scrub

import (
	"regexp"
	"strings"
)

// personalParamRe matches the names of query parameters whose value points
// at one person: a session or login token, an account, e-mail address or
// phone number, a tracking or reference code.
var personalParamRe = regexp.MustCompile(`(?i)^(?:[a-z]+[_\-.])?(?:token|tok|session|sess|sessionid|[a-z]{0,2}id|ssid|user|userid|username|login|email|mail|e-mail|key|apikey|code|auth|otp|pin|pass|password|pwd|phone|tel|mobile|msisdn|nr|number|name|naam|nom|iban|account|acct|klant|klantnummer|customer|cust|client|ref|reference|track|tracking|hash|sig|signature|jwt|state|nonce|invite|member|recipient|rcpt|to|guest|gast|profile|handle|kd|kunde|seller|buyer|verkoper|koper|vendeur|acheteur|item|listing|annonce|advert|ad|advertentie|anzeige|offer|host|owner|author)(?:[_\-.][a-z0-9]+|id)?$`)

// telegramHandleRe matches a Telegram user name (five or more letters,
// digits and underscores) or invitation code after t.me/.
var telegramHandleRe = regexp.MustCompile(`^\+?[A-Za-z0-9_]{5,64}$`)

// tokenValueRe matches values that look like a personal token whatever
// the parameter is called: eight or more letters, digits and base64 signs
// (scrubParams also wants a digit in them), or an encoded e-mail address.
var tokenValueRe = regexp.MustCompile(`(?i)%40|^[a-z0-9_\-+/=.]{8,}$`)

// scrubQuery replaces the personal values in the query and fragment of a
// link by [token], and the phone number in a WhatsApp or Telegram link
// (wa.me/31612345678, t.me/+31612345678) by [phone], a Telegram user name
// or invitation (t.me/Anna_HR_Recruit) and a PayPal.me or Revolut.me account
// by [token]. The host and path
// stay: they are the evidence of the scam.
func scrubQuery(link string) string {
	lower := strings.ToLower(link)
	for _, host := range []string{"wa.me/", "wa[.]me/", "t.me/", "t[.]me/", "paypal.me/", "paypal[.]me/", "revolut.me/", "revolut[.]me/"} {
		if i := strings.Index(lower, host); i >= 0 && (i == 0 || lower[i-1] == '/') {
			rest := link[i+len(host):]
			n := strings.IndexAny(rest+"/", "/?#")
			if d := digitsOf(rest[:n]); len(d) >= 8 && len(d) == len(strings.TrimPrefix(rest[:n], "+")) {
				link = link[:i+len(host)] + placeholderPhone + rest[n:]
			} else if !strings.HasPrefix(host, "wa") && telegramHandleRe.MatchString(rest[:n]) {
				// t.me/Anna_HR_Recruit, t.me/+AbCdEf123: an account or an
				// invitation points at one person as a number does; the
				// scammer's number is not kept either.
				link = link[:i+len(host)] + placeholderToken + rest[n:]
			}
			break
		}
	}
	link = scrubProfile(scrubPathToken(link))
	q := strings.IndexAny(link, "?#")
	if q < 0 {
		return link
	}
	return link[:q+1] + scrubParams(link[q+1:])
}

// pathTokenRe is a last path segment that reads as an identifier: four or
// more letters and digits with both in it ("tikkie-betaal.me/p/Nx7RkQ2",
// "/a/9XbQ").
var pathTokenRe = regexp.MustCompile(`^[A-Za-z0-9]{4,64}$`)

// scrubPathToken replaces such a segment by [token]; a word ("/login") or a
// number alone ("/2024") stays.
func scrubPathToken(link string) string {
	end := len(link)
	if q := strings.IndexAny(link, "?#"); q >= 0 {
		end = q
	}
	slash := strings.LastIndexByte(link[:end], '/')
	if slash < 0 || officialHost(link) || strings.Count(link[:slash], "/") < 1 && !strings.Contains(link[:slash], ".") {
		return link
	}
	seg := link[slash+1 : end]
	if !pathTokenRe.MatchString(seg) || !strings.ContainsAny(seg, "0123456789") || strings.Trim(seg, "0123456789") == "" {
		return link
	}
	return link[:slash+1] + placeholderToken + link[end:]
}

// profileHosts are social sites and marketplaces whose first path segment
// (after the prefix given) names an account: a person, as a phone number
// in a wa.me link does.
var profileHosts = []struct{ host, prefix string }{
	{"facebook.com/", ""}, {"instagram.com/", ""}, {"linkedin.com/in/", ""}, {"tiktok.com/", "@"}, {"twitter.com/", ""},
	{"x.com/", ""}, {"snapchat.com/add/", ""}, {"youtube.com/", "@"}, {"threads.net/", "@"}, {"vinted.nl/member/", ""},
	{"vinted.be/member/", ""}, {"vinted.fr/member/", ""}, {"marktplaats.nl/u/", ""}, {"2dehands.be/u/", ""},
}

// scrubProfile replaces the account in a profile link by [token]:
// facebook.com/amandine.gilson.3, linkedin.com/in/sarah-thompson-hr-4a8b21.
func scrubProfile(link string) string {
	lower := strings.ToLower(strings.ReplaceAll(link, "[.]", "."))
	for _, p := range profileHosts {
		i := strings.Index(lower, p.host)
		if i < 0 || i > 0 && lower[i-1] != '/' && lower[i-1] != '.' {
			continue
		}
		// Positions in lower map to link only when no "[.]" came before.
		if strings.Contains(link[:min(len(link), i+len(p.host)+4)], "[.]") {
			link = strings.ReplaceAll(link, "[.]", ".")
		}
		start := i + len(p.host)
		if strings.HasPrefix(link[start:], p.prefix) {
			start += len(p.prefix)
		}
		end := start + strings.IndexAny(link[start:]+"/", "/?#")
		account := link[start:end]
		if len(account) < 3 || strings.Contains(" pages groups events watch marketplace share login help policies explore reel reels p stories hashtag search ", " "+strings.ToLower(account)+" ") {
			return link
		}
		return link[:start] + placeholderToken + link[end:]
	}
	return link
}

// inMessengerLink reports whether the number at text[start:] is the phone
// number of a WhatsApp or Telegram link (wa.me/4915112345678), which
// scrubQuery replaces as a phone, not a card.
func inMessengerLink(text string, start int) bool {
	before := strings.ToLower(strings.TrimSuffix(text[max(0, start-10):start], "+"))
	return strings.HasSuffix(before, "wa.me/") || strings.HasSuffix(before, "t.me/")
}

// scrubParams rewrites "a=1&b=2" (also with ";" or "#" between), keeping
// names and replacing personal values.
func scrubParams(query string) string {
	var b strings.Builder
	for query != "" {
		end := strings.IndexAny(query, "&;#?") // "#/login?invite=..." too
		part, sep := query, ""
		if end >= 0 {
			part, sep, query = query[:end], query[end:end+1], query[end+1:]
		} else {
			query = ""
		}
		// A one-letter name (?u=, ?t=, ?k=) is a token when its value is
		// long.
		name, value, found := strings.Cut(part, "=")
		if found && value != "" && !isPlaceholder(value) &&
			(personalParamRe.MatchString(name) || len(name) == 1 && (len(value) >= 6 || len(value) >= 5 && strings.ContainsAny(value, "0123456789")) ||
				tokenValueRe.MatchString(value) && strings.ContainsAny(value, "0123456789")) {
			value = placeholderToken
		}
		b.WriteString(name)
		if found {
			b.WriteByte('=')
		}
		b.WriteString(value)
		b.WriteString(sep)
	}
	return b.String()
}

// isPlaceholder reports whether s is one of the scrubber's placeholders.
func isPlaceholder(s string) bool {
	return len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']' && !strings.ContainsAny(s[1:len(s)-1], "[]")
}
