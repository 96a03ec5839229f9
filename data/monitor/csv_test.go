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

const (
	header    = "area,indicator,year,value,unit,source\n"
	optHeader = "area,indicator,year,value,unit,source,lower,upper,series,area_kind\n"
	good2     = "Nederland,cybercrime,2021,16.9,percent,CBS,16.7,17.2,vm2021,country\n"
)

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
		{"lower above value", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,17.0,17.2,vm2021,country\n", []string{"line 2", "lower 17.0 is above the value 16.9"}},
		{"upper below value", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,16.7,16.8,vm2021,country\n", []string{"line 2", "upper 16.8 is below the value 16.9"}},
		{"upper over 100", optHeader + good2 + "Nederland,cybercrime,2023,99,percent,CBS,98,100.5,,\n", []string{"line 3", "upper 100.5 is outside 0 to 100"}},
		{"negative lower", optHeader + "Nederland,cybercrime,2021,0.4,percent,CBS,-0.1,0.9,,\n", []string{"line 2", "lower -0.1 is outside 0 to 100"}},
		{"lower without upper", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,16.7,,,\n", []string{"line 2", "both lower and upper"}},
		{"interval not a number", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,\"16,7\",17.2,,\n", []string{"line 2", `lower "16,7" is not a number`}},
		{"unknown series", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,,,vm2020,\n", []string{"line 2", `unknown series "vm2020"`}},
		{"unknown area kind", optHeader + "Nederland,cybercrime,2021,16.9,percent,CBS,,,,province\n", []string{"line 2", `unknown area_kind "province"`}},
		{"only lower column", "area,indicator,year,value,unit,source,lower\n" + good, []string{"line 1", "both columns lower and upper"}},
		{"unknown column", "area,indicator,year,value,unit,source,margin\n" + good, []string{"line 1", `unknown column "margin"`}},
		{"column twice", "area,indicator,year,value,unit,source,series,series\n" + good, []string{"line 1", "twice"}},
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
		{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2012", Year: 2019, Value: 13, Unit: "percent", Source: "CBS, Veiligheidsmonitor 2019"},
		{Area: "'s-Hertogenbosch", AreaKind: "municipality", Indicator: "hacking", Series: "vm2012", Year: 2017, Value: 4.25, Unit: "percent", Source: "Gemeente"},
	}
	if !slices.EqualFunc(rows, want, equalFigure) {
		t.Errorf("got %+v\nwant %+v", rows, want)
	}
}

// TestParseCSVOptionalColumns: the interval, series and kind of area
// are read where given, in any order, and default where empty.
func TestParseCSVOptionalColumns(t *testing.T) {
	f16_7, f17_2, f5, f7 := 16.7, 17.2, 5.0, 7.0
	tests := []struct {
		name, body string
		want       []Value
	}{
		{"all columns", optHeader + good2, []Value{{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2021",
			Year: 2021, Value: 16.9, Lower: &f16_7, Upper: &f17_2, Unit: "percent", Source: "CBS"}}},
		{"empty optional fields take defaults", optHeader + "Nederland,cybercrime,2023,15.6,percent,CBS,,,,\nHeerlen,hacking,2019,6,percent,x,5,7,,\n",
			[]Value{
				{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2021", Year: 2023, Value: 15.6, Unit: "percent", Source: "CBS"},
				{Area: "Heerlen", AreaKind: "municipality", Indicator: "hacking", Series: "vm2012", Year: 2019, Value: 6, Lower: &f5, Upper: &f7, Unit: "percent", Source: "x"},
			}},
		{"other order", "area,indicator,year,value,unit,source,area_kind,series,upper,lower\nZuid-Nederland,cybercrime,2021,17.0,percent,CBS,region,vm2021,7,5\n",
			[]Value{{Area: "Zuid-Nederland", AreaKind: "region", Indicator: "cybercrime", Series: "vm2021", Year: 2021, Value: 17, Lower: nil, Upper: nil, Unit: "percent", Source: "CBS"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := parse(tt.body)
			if tt.name == "other order" {
				// upper 7 is below the value 17.0: the columns were read by name.
				if err == nil || !strings.Contains(err.Error(), "upper 7 is below the value 17.0") {
					t.Fatalf("columns not read by name: %v %+v", err, rows)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(rows, tt.want, equalFigure) {
				t.Errorf("got %+v\nwant %+v", rows, tt.want)
			}
		})
	}
}

// equalFigure compares two figures by what they say, not where their
// bounds are stored.
func equalFigure(a, b Value) bool {
	return a.Area == b.Area && a.Indicator == b.Indicator && a.Year == b.Year && Same(a, b)
}
