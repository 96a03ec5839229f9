package charts

import "time"

// Printer gives translated text and localised numbers for one language.
//
// The i18n package satisfies it; charts only depends on this interface, so the
// package can be tested with a small fake that reads the same catalogues.
type Printer interface {
	Lang() string                                // "nl", "en" or "fr"
	T(key string, args ...any) string            // translated message; args fill fmt verbs like %[1]s, %[2]s
	Number(v float64, decimals int) string       // nl "13,8", en "13.8", fr "13,8"; thousands: nl "1.234", en "1,234", fr "1 234"
	Percent(v float64, decimals int) string      // v is already in percent: 13.8 -> nl "13,8%", en "13.8%", fr "13,8 %"
	Int(n int) string                            // localised thousands separators
	MonthYear(year int, month time.Month) string // nl "maart 2026", en "March 2026", fr "mars 2026"
	MonthShort(month time.Month) string          // nl "mrt", en "Mar", fr "mars" — for axis labels
}
