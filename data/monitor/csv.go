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
	Area      string  // as shown, e.g. "Maastricht", "Nederland"
	Indicator string  // code, e.g. "cybercrime"
	Year      int     // the survey year
	Value     float64 // in Unit: 13.8 means 13.8%
	Unit      string  // UnitPercent
	Source    string  // where the figure comes from, for citing
}

// UnitPercent is the only unit of the safety-monitor figures so far.
const UnitPercent = "percent"

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
	if !slices.Equal(trimAll(header), monitorHeader[:]) {
		return nil, &LineError{Line: 1, Err: fmt.Errorf("the header is %q, want %q", strings.Join(header, ","), strings.Join(monitorHeader[:], ","))}
	}

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
		if len(rec) == len(monitorHeader)+1 && isDigits(strings.TrimSpace(rec[3])) && isDigits(strings.TrimSpace(rec[4])) {
			fail(line, "value %s,%s has a decimal comma: write a decimal point, e.g. 13.8", strings.TrimSpace(rec[3]), strings.TrimSpace(rec[4]))
			continue
		}
		if len(rec) != len(monitorHeader) {
			fail(line, "%d fields, want %d (%s)", len(rec), len(monitorHeader), strings.Join(monitorHeader[:], ","))
			continue
		}
		rec = trimAll(rec)
		v := Value{Area: rec[0], Indicator: rec[1], Unit: rec[4], Source: rec[5]}
		ok := true
		problem := func(format string, args ...any) { fail(line, format, args...); ok = false }

		switch key := AreaKey(v.Area); {
		case v.Area == "":
			problem("area is empty")
		case utf8.RuneCountInString(v.Area) > maxAreaRunes:
			problem("area is longer than %d characters", maxAreaRunes)
		case hasControl(v.Area):
			problem("area contains a control character")
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
		switch {
		case v.Source == "":
			problem("source is empty: say where the figure comes from")
		case utf8.RuneCountInString(v.Source) > maxSourceRunes:
			problem("source is longer than %d characters", maxSourceRunes)
		case hasControl(v.Source):
			problem("source contains a control character")
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
