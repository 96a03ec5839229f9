package i18n

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Printer speaks one language. It is safe for concurrent use.
type Printer struct {
	lang string
	tag  language.Tag
	msgs map[string]string
	num  *message.Printer
}

func newPrinter(lang string, msgs map[string]string) *Printer {
	tag := language.MustParse(lang)
	return &Printer{lang: lang, tag: tag, msgs: msgs, num: message.NewPrinter(tag)}
}

// Lang is the printer's language code: nl, en or fr.
func (p *Printer) Lang() string { return p.lang }

// T returns the message for key with args filled in by fmt verbs (%[1]s).
// A missing key shows as the key itself, so it is visible and the catalogue
// tests catch it, instead of silently falling back to another language.
func (p *Printer) T(key string, args ...any) string {
	msg, ok := p.msgs[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// HTML is T for messages that carry trusted markup from our own catalogues,
// such as a link inside a sentence. Arguments are escaped.
func (p *Printer) HTML(key string, args ...any) template.HTML {
	esc := make([]any, len(args))
	for i, a := range args {
		esc[i] = template.HTMLEscapeString(fmt.Sprint(a))
	}
	return template.HTML(p.T(key, esc...))
}

// N returns the plural form of key for count n: key.one or key.other,
// chosen by the language's CLDR rules (French counts 0 as singular).
func (p *Printer) N(key string, n int, args ...any) string {
	form := "other"
	if plural.Cardinal.MatchPlural(p.tag, n, 0, 0, 0, 0) == plural.One {
		form = "one"
	}
	return p.T(key+"."+form, append([]any{p.Int(n)}, args...)...)
}

// Number formats v with exactly decimals fraction digits and the language's
// separators: nl 1.234,5; en 1,234.5; fr 1 234,5.
func (p *Printer) Number(v float64, decimals int) string {
	return p.num.Sprint(number.Decimal(v, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// Percent formats v, already in percent, as nl 13,8%; en 13.8%; fr 13,8 %.
func (p *Printer) Percent(v float64, decimals int) string {
	return p.num.Sprint(number.Percent(v/100, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// Int formats n with the language's thousands separator.
func (p *Printer) Int(n int) string {
	return p.num.Sprint(number.Decimal(n))
}

// MonthName is the full name of a month: maart, March, mars.
func (p *Printer) MonthName(m time.Month) string {
	return p.T("month." + strconv.Itoa(int(m)))
}

// MonthShort is the short name of a month for axis labels: mrt, Mar, mars.
func (p *Printer) MonthShort(m time.Month) string {
	return p.T("month.short." + strconv.Itoa(int(m)))
}

// MonthYear is "maart 2026", "March 2026", "mars 2026".
func (p *Printer) MonthYear(year int, m time.Month) string {
	return p.MonthName(m) + " " + strconv.Itoa(year)
}

// Date is a long date in the language: 23 november 2026, 23 November 2026,
// 23 novembre 2026.
func (p *Printer) Date(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + p.MonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}
