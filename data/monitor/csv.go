// Package monitor reads safety-monitor (Veiligheidsmonitor) figures from
// the CSV import format, checks every line and names each problem; the store
// (package data) keeps what it returns.
package monitor

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cyberportal/i18n"
)

// Value is one safety-monitor (Veiligheidsmonitor) figure: the value
// of an indicator for an area in a year.
type Value struct {
	Area      string   // as shown, e.g. "Maastricht", "Nederland"
	AreaKind  string   // AreaMunicipality, AreaRegion or AreaCountry
	Indicator string   // code, e.g. "cybercrime"
	Series    string   // the method: SeriesVM2012 or SeriesVM2021; never compared across
	Year      int      // the survey year
	Value     float64  // in Unit: 13.8 means 13.8%
	Lower     *float64 // the 95% interval, where the source publishes one; both or neither
	Upper     *float64
	Unit      string // UnitPercent
	Source    string // where the figure comes from: a code in monitor_sources, or the text itself
}

// UnitPercent is the only unit of the safety-monitor figures so far.
const UnitPercent = "percent"

// Kinds of area a figure is for.
const (
	AreaMunicipality = "municipality"
	AreaRegion       = "region" // a large region (landsdeel), such as Zuid-Nederland
	AreaCountry      = "country"
)

// AreaKinds lists the kinds of area, in the order a page shows them.
var AreaKinds = []string{AreaMunicipality, AreaRegion, AreaCountry}

// Series (methods) of the safety monitor. CBS redesigned the questions and
// the design in 2021 and says the figures from then on cannot be compared
// with 2012-2019: they are separate series that are never joined.
const (
	SeriesVM2012 = "vm2012" // Veiligheidsmonitor 2012-2019
	SeriesVM2021 = "vm2021" // Veiligheidsmonitor from 2021 on
)

// SeriesCodes lists the series codes, oldest first.
var SeriesCodes = []string{SeriesVM2012, SeriesVM2021}

// DefaultSeries is the series of a figure imported without one: the
// redesigned monitor for 2021 and later, the old one before.
func DefaultSeries(year int) string {
	if year >= 2021 {
		return SeriesVM2021
	}
	return SeriesVM2012
}

// DefaultAreaKind is the kind of an area imported without one.
func DefaultAreaKind(area string) string {
	if area == "Nederland" {
		return AreaCountry
	}
	return AreaMunicipality
}

// Same reports whether two figures of one area, indicator and year say
// the same.
func Same(a, b Value) bool {
	same := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.AreaKind == b.AreaKind && a.Series == b.Series && a.Value == b.Value && same(a.Lower, b.Lower) &&
		same(a.Upper, b.Upper) && a.Unit == b.Unit && a.Source == b.Source
}

// AreaKey gives an area's stable key for URLs and downloads: lower case,
// accents removed, runs of other characters as one '-': "'s-Hertogenbosch"
// gives "s-hertogenbosch", "Liège" gives "liege". It is "" when nothing is
// left.
func AreaKey(area string) string {
	var b strings.Builder
	dash := false
	for _, r := range i18n.Fold(area) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	key := b.String()
	if len(key) > 64 {
		key = strings.TrimRight(key[:64], "-")
	}
	return key
}

// monitorHeader is the header row an import file must start with.
var monitorHeader = [...]string{"area", "indicator", "year", "value", "unit", "source"}

// OptionalColumns may follow the header, each at most once, in any order:
// the 95% interval (lower and upper, both or neither), the series (empty:
// DefaultSeries of the year) and the kind of area (empty: DefaultAreaKind).
// A file without them is read as before.
var OptionalColumns = []string{"lower", "upper", "series", "area_kind"}

// Limits of an imported figure.
const (
	FirstYear       = 1990 // the safety monitor and its predecessors do not go further back
	maxAreaRunes    = 80
	maxSourceRunes  = 300
	maxImportRows   = 100_000
	maxImportErrors = 20 // problems listed before giving up on a file
)

// plainDecimal is a number as the import format writes it: digits, and
// perhaps a decimal point with digits after it. No sign, exponent or
// thousands separator.
var plainDecimal = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{1,6})?$`)

// LineError is a problem with one line of an import file.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ErrEmpty: the file has no header or no rows.
var ErrEmpty = errors.New("the file is empty")

// ParseCSV reads safety-monitor figures in the import format: the
// header row monitorHeader, then one row per area, indicator and year, with a
// decimal point. indicators are the indicator codes allowed, lastYear the
// latest year a figure may have. Every problem found is returned, each as a
// LineError naming the line (at most maxImportErrors), and then no rows at
// all: a file is taken whole or not at all.
func ParseCSV(r io.Reader, indicators []string, lastYear int) ([]Value, error) {
	body, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("monitor: read: %w", err)
	}
	body = bytes.TrimPrefix(body, []byte("\uFEFF")) // spreadsheets like to start UTF-8 with a BOM
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, &LineError{Line: 1, Err: fmt.Errorf("%w: expected the header %s", ErrEmpty, strings.Join(monitorHeader[:], ","))}
	}
	if !utf8.Valid(body) {
		return nil, &LineError{Line: firstInvalidLine(body), Err: errors.New("the text is not UTF-8")}
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.FieldsPerRecord = -1 // checked here, to say which line and what is missing
	cr.TrimLeadingSpace = true

	var errs []error
	fail := func(line int, format string, args ...any) {
		if len(errs) < maxImportErrors {
			errs = append(errs, &LineError{Line: line, Err: fmt.Errorf(format, args...)})
		}
	}
	header, err := cr.Read()
	if err != nil {
		return nil, csvError(err)
	}
	optional, err := optionalColumns(trimAll(header))
	if err != nil {
		return nil, &LineError{Line: 1, Err: err}
	}
	width := len(monitorHeader) + len(optional)

	type id struct {
		area, indicator string
		year            int
	}
	firstLine := map[id]int{}       // each figure once
	areaName := map[string]string{} // each area spelled one way: AreaKey -> spelling
	var out []Value
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, csvError(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(out) >= maxImportRows {
			fail(line, "too many rows: at most %d per file", maxImportRows)
			break
		}
		if len(rec) == width+1 && isDigits(strings.TrimSpace(rec[3])) && isDigits(strings.TrimSpace(rec[4])) {
			fail(line, "value %s,%s has a decimal comma: write a decimal point, e.g. 13.8", strings.TrimSpace(rec[3]), strings.TrimSpace(rec[4]))
			continue
		}
		if len(rec) != width {
			fail(line, "%d fields, want %d (%s)", len(rec), width, strings.Join(append(monitorHeader[:], optional...), ","))
			continue
		}
		rec = trimAll(rec)
		opt := map[string]string{}
		for i, name := range optional {
			opt[name] = rec[len(monitorHeader)+i]
		}
		v := Value{Area: rec[0], Indicator: rec[1], Unit: rec[4], Source: rec[5], Series: opt["series"], AreaKind: opt["area_kind"]}
		ok := true
		problem := func(format string, args ...any) { fail(line, format, args...); ok = false }

		switch key, msg := AreaKey(v.Area), textProblem("area", v.Area, maxAreaRunes, "area is empty"); {
		case msg != "":
			problem("%s", msg)
		case key == "":
			problem("area %q has no letters or digits", v.Area)
		case areaName[key] != "" && areaName[key] != v.Area:
			problem("area %q is spelled %q on an earlier line: use one spelling", v.Area, areaName[key])
		default:
			areaName[key] = v.Area
		}
		if !slices.Contains(indicators, v.Indicator) {
			problem("unknown indicator %q: use one of %s", v.Indicator, strings.Join(indicators, ", "))
		}
		if year, err := strconv.Atoi(rec[2]); err != nil || strings.ContainsAny(rec[2], "+-") {
			problem("year %q is not a whole number", rec[2])
		} else if year < FirstYear || year > lastYear {
			problem("year %d is out of range: %d to %d", year, FirstYear, lastYear)
		} else {
			v.Year = year
		}
		switch {
		case strings.Contains(rec[3], ",") && !strings.Contains(rec[3], "."):
			problem("value %q has a decimal comma: write a decimal point, e.g. 13.8", rec[3])
		case !plainDecimal.MatchString(rec[3]):
			problem("value %q is not a number like 13.8 (digits, perhaps a decimal point; no sign, no %% sign)", rec[3])
		default:
			v.Value, _ = strconv.ParseFloat(rec[3], 64)
			if v.Unit == UnitPercent && (v.Value > 100 || math.IsNaN(v.Value)) {
				problem("value %s is not a percentage between 0 and 100", rec[3])
			}
		}
		if v.Unit != UnitPercent {
			problem("unit %q is not %q", v.Unit, UnitPercent)
		}
		if v.Series == "" && v.Year != 0 {
			v.Series = DefaultSeries(v.Year)
		} else if v.Series != "" && !slices.Contains(SeriesCodes, v.Series) {
			problem("unknown series %q: use one of %s", v.Series, strings.Join(SeriesCodes, ", "))
		}
		if v.AreaKind == "" {
			v.AreaKind = DefaultAreaKind(v.Area)
		} else if !slices.Contains(AreaKinds, v.AreaKind) {
			problem("unknown area_kind %q: use one of %s", v.AreaKind, strings.Join(AreaKinds, ", "))
		}
		if msg := v.parseInterval(opt["lower"], opt["upper"], rec[3]); msg != "" {
			problem("%s", msg)
		}
		if msg := textProblem("source", v.Source, maxSourceRunes, "source is empty: say where the figure comes from"); msg != "" {
			problem("%s", msg)
		}
		if !ok {
			continue
		}
		k := id{AreaKey(v.Area), v.Indicator, v.Year}
		if first, dup := firstLine[k]; dup {
			fail(line, "%s, %s, %d is on line %d already", v.Area, v.Indicator, v.Year, first)
			continue
		}
		firstLine[k] = line
		out = append(out, v)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(out) == 0 {
		return nil, &LineError{Line: 2, Err: fmt.Errorf("%w: there are no rows after the header", ErrEmpty)}
	}
	return out, nil
}

// optionalColumns checks a header: monitorHeader, then optional columns,
// each once. It gives the optional columns in the file's order.
func optionalColumns(header []string) ([]string, error) {
	want := strings.Join(monitorHeader[:], ",")
	if len(header) < len(monitorHeader) || !slices.Equal(header[:len(monitorHeader)], monitorHeader[:]) {
		return nil, fmt.Errorf("the header is %q, want %q, perhaps followed by %s", strings.Join(header, ","), want, strings.Join(OptionalColumns, ", "))
	}
	rest := header[len(monitorHeader):]
	for i, name := range rest {
		switch {
		case !slices.Contains(OptionalColumns, name):
			return nil, fmt.Errorf("unknown column %q: after %s only %s may follow", name, want, strings.Join(OptionalColumns, ", "))
		case slices.Contains(rest[:i], name):
			return nil, fmt.Errorf("column %q is in the header twice", name)
		}
	}
	if slices.Contains(rest, "lower") != slices.Contains(rest, "upper") {
		return nil, errors.New("the 95% interval needs both columns lower and upper")
	}
	return rest, nil
}

// parseInterval reads the 95% interval into v and says what is wrong with
// it, or "". Both bounds or neither; each a number like the value, between
// 0 and 100, with lower <= value <= upper. value is the value as written,
// so that a wrong value is reported once, by the caller.
func (v *Value) parseInterval(lower, upper, value string) string {
	if lower == "" && upper == "" {
		return ""
	}
	if lower == "" || upper == "" {
		return "the 95% interval needs both lower and upper, or neither"
	}
	var bounds [2]float64
	for i, raw := range []string{lower, upper} {
		name := [2]string{"lower", "upper"}[i]
		if neg, ok := strings.CutPrefix(raw, "-"); ok && plainDecimal.MatchString(neg) {
			return fmt.Sprintf("%s %s is outside 0 to 100", name, raw)
		}
		if !plainDecimal.MatchString(raw) {
			return fmt.Sprintf("%s %q is not a number like 13.8 (digits, perhaps a decimal point)", name, raw)
		}
		bounds[i], _ = strconv.ParseFloat(raw, 64)
		if bounds[i] > 100 {
			return fmt.Sprintf("%s %s is outside 0 to 100", name, raw)
		}
	}
	if !plainDecimal.MatchString(value) {
		return ""
	}
	switch {
	case bounds[0] > v.Value:
		return fmt.Sprintf("lower %s is above the value %s", lower, value)
	case bounds[1] < v.Value:
		return fmt.Sprintf("upper %s is below the value %s", upper, value)
	}
	v.Lower, v.Upper = &bounds[0], &bounds[1]
	return ""
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &LineError{Line: pe.Line, Err: pe.Err}
	}
	return err
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, f := range rec {
		out[i] = strings.TrimSpace(f)
	}
	return out
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// textProblem says what is wrong with a free-text field, "" when nothing:
// empty (ifEmpty), longer than max characters, or holding a control
// character.
func textProblem(field, s string, max int, ifEmpty string) string {
	switch {
	case s == "":
		return ifEmpty
	case utf8.RuneCountInString(s) > max:
		return fmt.Sprintf("%s is longer than %d characters", field, max)
	case hasControl(s):
		return field + " contains a control character"
	}
	return ""
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

func firstInvalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}
