package i18n

import "golang.org/x/text/language"

// matcher prefers the default language first, so it wins when nothing matches.
var matcher = language.NewMatcher(tags())

func tags() []language.Tag {
	out := make([]language.Tag, len(languages))
	for i, l := range languages {
		out[i] = l.tag
	}
	return out
}

// Match picks the portal language for an Accept-Language header: fr-BE gives
// fr, en-GB gives en, and anything unknown, malformed or missing gives nl.
func Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return languages[idx].code
}
