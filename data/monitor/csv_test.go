package monitor

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

var testIndicators = []string{"cybercrime", "hacking", "purchase_fraud", "identity_fraud", "online_harassment"}

const testLastYear = 2026

func TestAreaKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Maastricht": "maastricht", "Nederland": "nederland", "'s-Hertogenbosch": "s-hertogenbosch",
		"Liège": "liege", "Zuid-Limburg (regio)": "zuid-limburg-regio", "  ": "", "★": "",
		strings.Repeat("a", 100): strings.Repeat("a", 64),
	} {
		if got := AreaKey(in); got != want {
			t.Errorf("AreaKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func parse(body string) ([]Value, error) {
	return ParseCSV(strings.NewReader(body), testIndicators, testLastYear)
}

const header = "area,indicator,year,value,unit,source\n"

// TestParseCSVRejectsBrokenFiles: each broken file is refused whole,
// with an error that names the line and the problem.
func TestParseCSVRejectsBrokenFiles(t *testing.T) {
	t.Parallel()
	good := "Nederland,cybercrime,2019,13.0,percent,CBS\n"
	tests := []struct {
		name, body string
		want       []string // each must be in the error
	}{
		{"empty file", "", []string{"line 1", "empty"}},
		{"only blank lines", "\n\n  \n", []string{"line 1", "empty"}},
		{"header only", header, []string{"line 2", "no rows"}},
		{"bad header", "area;indicator;year;value;unit;source\n" + good, []string{"line 1", "header"}},
		{"header in another order", "indicator,area,year,value,unit,source\n" + good, []string{"line 1", "header"}},
		{"bad number", header + good + "Nederland,cybercrime,2017,twelve,percent,CBS\n", []string{"line 3", `value "twelve"`}},
		{"decimal comma, unquoted", header + "Nederland,cybercrime,2017,12,4,percent,CBS\n", []string{"line 2", "decimal comma"}},
		{"decimal comma, quoted", header + `Nederland,cybercrime,2017,"12,4",percent,CBS` + "\n", []string{"line 2", "decimal comma"}},
		{"percent sign", header + "Nederland,cybercrime,2017,12.4%,percent,CBS\n", []string{"line 2", "not a number"}},
		{"negative value", header + "Nederland,cybercrime,2017,-1,percent,CBS\n", []string{"line 2", "not a number"}},
		{"over 100 percent", header + "Nederland,cybercrime,2017,100.5,percent,CBS\n", []string{"line 2", "between 0 and 100"}},
		{"exponent", header + "Nederland,cybercrime,2017,1e1,percent,CBS\n", []string{"line 2", "not a number"}},
		{"negative year", header + "Nederland,cybercrime,-2019,13,percent,CBS\n", []string{"line 2", "year"}},
		{"absurd year", header + good + "Nederland,cybercrime,20190,13,percent,CBS\n", []string{"line 3", "year 20190 is out of range"}},
		{"future year", header + "Nederland,cybercrime,2031,13,percent,CBS\n", []string{"line 2", "out of range"}},
		{"ancient year", header + "Nederland,cybercrime,1850,13,percent,CBS\n", []string{"line 2", "out of range"}},
		{"year with decimals", header + "Nederland,cybercrime,2019.5,13,percent,CBS\n", []string{"line 2", "whole number"}},
		{"duplicate row", header + good + "Nederland,hacking,2019,5,percent,CBS\n" + good, []string{"line 4", "line 2"}},
		{"duplicate with other spelling", header + good + "nederland,cybercrime,2019,13.0,percent,CBS\n", []string{"line 3", "spelled"}},
		{"unknown indicator", header + "Nederland,burglary,2019,3,percent,CBS\n", []string{"line 2", `unknown indicator "burglary"`}},
		{"bad unit", header + "Nederland,cybercrime,2019,3,count,CBS\n", []string{"line 2", `unit "count"`}},
		{"empty area", header + ",cybercrime,2019,3,percent,CBS\n", []string{"line 2", "area is empty"}},
		{"empty source", header + "Nederland,cybercrime,2019,3,percent,\n", []string{"line 2", "source is empty"}},
		{"too few fields", header + good + "Nederland,cybercrime,2019\n", []string{"line 3", "3 fields, want 6"}},
		{"unclosed quote", header + good + `"Nederland,cybercrime,2019,3,percent,CBS` + "\n", []string{"line 3"}},
		{"not UTF-8", header + good + "Li\xe8ge,cybercrime,2019,3,percent,CBS\n", []string{"line 3", "UTF-8"}},
		{"control character", header + "Neder\x01land,cybercrime,2019,3,percent,CBS\n", []string{"line 2", "control"}},
		{"several problems", header + "Nederland,cybercrime,1850,x,percent,CBS\n" + good + "Nederland,nope,2019,1,percent,CBS\n",
			[]string{"line 2: year 1850", `line 2: value "x"`, "line 4: unknown indicator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := parse(tt.body)
			if err == nil {
				t.Fatalf("accepted: %+v", rows)
			}
			if rows != nil {
				t.Errorf("returned %d rows with the error: a file must be refused whole", len(rows))
			}
			var le *LineError
			if !errors.As(err, &le) {
				t.Errorf("error %v names no line", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestParseCSVAcceptsGoodFiles(t *testing.T) {
	t.Parallel()
	// A BOM, CRLF line ends, spaces around fields and a quoted source.
	body := "\uFEFFarea, indicator ,year,value,unit,source\r\n" +
		"Nederland, cybercrime ,2019,13,percent,\"CBS, Veiligheidsmonitor 2019\"\r\n" +
		"'s-Hertogenbosch,hacking,2017,4.25,percent,Gemeente\r\n"
	rows, err := parse(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []Value{
		{Area: "Nederland", Indicator: "cybercrime", Year: 2019, Value: 13, Unit: "percent", Source: "CBS, Veiligheidsmonitor 2019"},
		{Area: "'s-Hertogenbosch", Indicator: "hacking", Year: 2017, Value: 4.25, Unit: "percent", Source: "Gemeente"},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("got %+v\nwant %+v", rows, want)
	}
}
