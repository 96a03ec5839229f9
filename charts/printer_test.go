package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"cyberportal/i18n"
)

// languages are the portal's languages, default first.
var languages = i18n.Languages()

// loadCatalogue reads the real catalogues of one language that hold the
// charts' words: charts.json, and monitor.json (method breaks, intervals).
func loadCatalogue(t testing.TB, lang string) map[string]string {
	t.Helper()
	msgs := map[string]string{}
	for _, file := range []string{"charts.json", "monitor.json"} {
		path := filepath.Join("..", "i18n", "locales", lang, file)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read catalogue: %v", err)
		}
		if err := json.Unmarshal(b, &msgs); err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
	}
	return msgs
}

// fakePrinter is a Printer for tests: the words come from the real
// catalogues, the numbers follow the conventions the i18n package promises.
// It fails the test on a missing key or a message that fmt cannot fill.
type fakePrinter struct {
	t    testing.TB
	lang string
	msgs map[string]string
	used map[string]bool
}

func newPrinter(t testing.TB, lang string) *fakePrinter {
	t.Helper()
	return &fakePrinter{t: t, lang: lang, msgs: loadCatalogue(t, lang), used: map[string]bool{}}
}

func (f *fakePrinter) Lang() string { return f.lang }

func (f *fakePrinter) T(key string, args ...any) string {
	f.t.Helper()
	msg, ok := f.msgs[key]
	if !ok {
		f.t.Errorf("%s: no message %q", f.lang, key)
		return key
	}
	f.used[key] = true
	out := fmt.Sprintf(msg, args...)
	if strings.Contains(out, "%!") {
		f.t.Errorf("%s: message %q with %d arguments gives %q", f.lang, key, len(args), out)
	}
	return out
}

// Separators per language: thousands, decimals. French groups with a narrow
// no-break space and puts a no-break space before %, as CLDR does.
var separators = map[string][2]string{
	"nl": {".", ","},
	"en": {",", "."},
	"fr": {"\u202f", ","},
}

func (f *fakePrinter) Number(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("-")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(separators[f.lang][0])
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(separators[f.lang][1] + frac)
	}
	return b.String()
}

func (f *fakePrinter) Percent(v float64, decimals int) string {
	if f.lang == "fr" {
		return f.Number(v, decimals) + "\u00a0%"
	}
	return f.Number(v, decimals) + "%"
}

func (f *fakePrinter) Int(n int) string { return f.Number(float64(n), 0) }

var monthNames = map[string][12]string{
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
}

var monthShort = map[string][12]string{
	"nl": {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"fr": {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
}

func (f *fakePrinter) MonthYear(year int, month time.Month) string {
	return monthNames[f.lang][month-1] + " " + strconv.Itoa(year)
}

func (f *fakePrinter) MonthShort(month time.Month) string { return monthShort[f.lang][month-1] }

// The fake must itself format as promised, or the tests below prove nothing.
func TestFakePrinterNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang                      string
		number, percent, int, big string
	}{
		{"nl", "13,8", "13,8%", "1.234", "1.234.567"},
		{"en", "13.8", "13.8%", "1,234", "1,234,567"},
		{"fr", "13,8", "13,8\u00a0%", "1\u202f234", "1\u202f234\u202f567"},
	}
	for _, tt := range tests {
		p := newPrinter(t, tt.lang)
		if got := p.Number(13.8, 1); got != tt.number {
			t.Errorf("%s Number = %q, want %q", tt.lang, got, tt.number)
		}
		if got := p.Percent(13.8, 1); got != tt.percent {
			t.Errorf("%s Percent = %q, want %q", tt.lang, got, tt.percent)
		}
		if got := p.Int(1234); got != tt.int {
			t.Errorf("%s Int = %q, want %q", tt.lang, got, tt.int)
		}
		if got := p.Int(1234567); got != tt.big {
			t.Errorf("%s Int = %q, want %q", tt.lang, got, tt.big)
		}
		if got := p.Int(999); got != "999" {
			t.Errorf("%s Int(999) = %q", tt.lang, got)
		}
	}
}

// Printer is satisfied by the fake, checked at compile time.
var _ Printer = (*fakePrinter)(nil)
