package vocab

import (
	"slices"
	"testing"
	"time"
)

func TestWeek(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date, want string
	}{
		{"2026-11-23", "2026-W48"},
		{"2026-01-01", "2026-W01"},
		{"2021-01-03", "2020-W53"}, // a Sunday that belongs to the last week of 2020
		{"2024-12-30", "2025-W01"}, // a Monday that belongs to the first week of 2025
	}
	for _, tt := range tests {
		d, _ := time.Parse("2006-01-02", tt.date)
		got := Week(d.Add(13 * time.Hour))
		if got != tt.want {
			t.Errorf("Week(%s) = %s, want %s", tt.date, got, tt.want)
		}
		if !IsWeek(got) {
			t.Errorf("IsWeek(%s) = false for what Week wrote", got)
		}
	}
}

func TestParseWeek(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string // want "" when the input is not a week
	}{
		{"2026-W47", "2026-W47"},
		{"2026-W3", "2026-W03"},
		{"2026w03", "2026-W03"},
		{"2026W3", "2026-W03"},
		{" 2026-w53 ", "2026-W53"},
		{"2026-W00", ""},
		{"2026-W54", ""},
		{"2026-W", ""},
		{"2026--W3", ""},
		{"2026-W123", ""},
		{"202-W12", ""},
		{"２026-W12", ""},
		{"2026-12", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := ParseWeek(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseWeek(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if IsWeek(tt.in) != (ok && tt.in == tt.want) {
			t.Errorf("IsWeek(%q) = %v", tt.in, IsWeek(tt.in))
		}
	}
}

// TestListsCannotBeChanged checks that a caller changing the codes it was
// given does not change them for everyone else.
func TestListsCannotBeChanged(t *testing.T) {
	t.Parallel()
	for _, l := range Lists() {
		codes := l.Codes()
		if len(codes) == 0 {
			t.Fatalf("%s has no codes", l.Name())
		}
		first := codes[0]
		codes[0] = "changed"
		if got := l.Codes()[0]; got != first || l.Has("changed") {
			t.Errorf("%s: changing a copy changed the list to %q", l.Name(), got)
		}
	}
}

// TestCodesAreUniqueAndPlain checks each list: no code twice, and only
// characters that are safe in a URL, a CSV cell and a translation key.
func TestCodesAreUniqueAndPlain(t *testing.T) {
	t.Parallel()
	for _, l := range Lists() {
		codes := l.Codes()
		for i, c := range codes {
			if slices.Index(codes, c) != i {
				t.Errorf("%s: %q twice", l.Name(), c)
			}
			for _, r := range c {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '+') {
					t.Errorf("%s: %q has %q", l.Name(), c, r)
				}
			}
		}
	}
	for _, c := range ransomIncidents {
		if !Incident.Has(c) {
			t.Errorf("ransom incident %q is not an incident code", c)
		}
	}
}
