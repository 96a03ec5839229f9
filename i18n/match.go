package i18n

import "golang.org/x/text/language"

// matcher prefers the default language first, so it wins when nothing matches.
var matcher = language.NewMatcher([]language.Tag{language.Dutch, language.English, language.French})

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
	return Languages[idx]
}
