package data

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

var testIndicators = []string{"cybercrime", "hacking", "purchase_fraud", "identity_fraud", "online_harassment"}

const testLastYear = 2026

// TestShippedMonitorSeries: the figures shipped by migrations 0003 and 0009
// are the published ones, in their series, with their interval where the
// source has one, each cited in every language.
func TestShippedMonitorSeries(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	got, err := s.MonitorSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := s.MonitorSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		area, indicator string
		year            int
	}
	type fig struct {
		value        float64
		lower, upper float64 // 0, 0: none published
		series, kind string
	}
	want := map[key]fig{
		{"Maastricht", "cybercrime", 2014}:     {14, 0, 0, "vm2012", "municipality"},
		{"Maastricht", "cybercrime", 2015}:     {13.2, 0, 0, "vm2012", "municipality"},
		{"Maastricht", "cybercrime", 2016}:     {9.7, 0, 0, "vm2012", "municipality"},
		{"Maastricht", "cybercrime", 2017}:     {12.4, 0, 0, "vm2012", "municipality"},
		{"Maastricht", "cybercrime", 2019}:     {13.8, 0, 0, "vm2012", "municipality"},
		{"Nederland", "cybercrime", 2012}:      {12.1, 0, 0, "vm2012", "country"},
		{"Nederland", "cybercrime", 2016}:      {10.7, 0, 0, "vm2012", "country"},
		{"Nederland", "cybercrime", 2017}:      {11, 0, 0, "vm2012", "country"},
		{"Nederland", "cybercrime", 2019}:      {13, 0, 0, "vm2012", "country"},
		{"Nederland", "cybercrime", 2021}:      {16.9, 16.7, 17.2, "vm2021", "country"},
		{"Nederland", "cybercrime", 2023}:      {15.6, 15.4, 15.9, "vm2021", "country"},
		{"Nederland", "hacking", 2021}:         {6.9, 0, 0, "vm2021", "country"},
		{"Zuid-Nederland", "cybercrime", 2021}: {17, 0, 0, "vm2021", "region"},
		{"West-Nederland", "cybercrime", 2023}: {16.1, 15.7, 16.4, "vm2021", "region"},
	}
	seen := map[key]bool{}
	for _, v := range got {
		k := key{v.Area, v.Indicator, v.Year}
		seen[k] = true
		if v.Unit != UnitPercent || (v.Year >= 2021) != (v.Series == SeriesVM2021) {
			t.Errorf("figure %+v: unit or series wrong", v)
		}
		if v.Lower != nil && (*v.Lower > v.Value || *v.Upper < v.Value) {
			t.Errorf("figure %+v: interval does not hold the value", v)
		}
		for _, lang := range []string{"nl", "en", "fr"} {
			if !strings.Contains(sources[v.Source][lang], "https://") {
				t.Errorf("figure %+v: source %q has no %s text with its address", v, v.Source, lang)
			}
		}
		if v.Area == "Maastricht" && v.Year > 2019 || v.Year == 2018 || v.Year == 2020 {
			t.Errorf("figure %+v: no such figure is published", v)
		}
		w, ok := want[k]
		if !ok {
			continue
		}
		lower, upper := 0.0, 0.0
		if v.Lower != nil {
			lower, upper = *v.Lower, *v.Upper
		}
		if (fig{v.Value, lower, upper, v.Series, v.AreaKind}) != w {
			t.Errorf("%v: got %v %v–%v %s %s, want %+v", k, v.Value, lower, upper, v.Series, v.AreaKind, w)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("%v is not shipped", k)
		}
	}
	if n := len(got); n != 53 {
		t.Errorf("%d figures shipped, want 53", n)
	}
}

func TestAreaKey(t *testing.T) {
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

func parse(body string) ([]MonitorValue, error) {
	return ParseMonitorCSV(strings.NewReader(body), testIndicators, testLastYear)
}

const (
	header    = "area,indicator,year,value,unit,source\n"
	optHeader = "area,indicator,year,value,unit,source,lower,upper,series,area_kind\n"
	good2     = "Nederland,cybercrime,2021,16.9,percent,CBS,16.7,17.2,vm2021,country\n"
)

// TestParseMonitorCSVRejectsBrokenFiles: each broken file is refused whole,
// with an error that names the line and the problem.
func TestParseMonitorCSVRejectsBrokenFiles(t *testing.T) {
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

func TestParseMonitorCSVAcceptsGoodFiles(t *testing.T) {
	// A BOM, CRLF line ends, spaces around fields and a quoted source.
	body := "\uFEFFarea, indicator ,year,value,unit,source\r\n" +
		"Nederland, cybercrime ,2019,13,percent,\"CBS, Veiligheidsmonitor 2019\"\r\n" +
		"'s-Hertogenbosch,hacking,2017,4.25,percent,Gemeente\r\n"
	rows, err := parse(body)
	if err != nil {
		t.Fatal(err)
	}
	want := []MonitorValue{
		{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2012", Year: 2019, Value: 13, Unit: "percent", Source: "CBS, Veiligheidsmonitor 2019"},
		{Area: "'s-Hertogenbosch", AreaKind: "municipality", Indicator: "hacking", Series: "vm2012", Year: 2017, Value: 4.25, Unit: "percent", Source: "Gemeente"},
	}
	if !slices.EqualFunc(rows, want, equalFigure) {
		t.Errorf("got %+v\nwant %+v", rows, want)
	}
}

// TestParseMonitorCSVOptionalColumns: the interval, series and kind of area
// are read where given, in any order, and default where empty.
func TestParseMonitorCSVOptionalColumns(t *testing.T) {
	f16_7, f17_2, f5, f7 := 16.7, 17.2, 5.0, 7.0
	tests := []struct {
		name, body string
		want       []MonitorValue
	}{
		{"all columns", optHeader + good2, []MonitorValue{{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2021",
			Year: 2021, Value: 16.9, Lower: &f16_7, Upper: &f17_2, Unit: "percent", Source: "CBS"}}},
		{"empty optional fields take defaults", optHeader + "Nederland,cybercrime,2023,15.6,percent,CBS,,,,\nHeerlen,hacking,2019,6,percent,x,5,7,,\n",
			[]MonitorValue{
				{Area: "Nederland", AreaKind: "country", Indicator: "cybercrime", Series: "vm2021", Year: 2023, Value: 15.6, Unit: "percent", Source: "CBS"},
				{Area: "Heerlen", AreaKind: "municipality", Indicator: "hacking", Series: "vm2012", Year: 2019, Value: 6, Lower: &f5, Upper: &f7, Unit: "percent", Source: "x"},
			}},
		{"other order", "area,indicator,year,value,unit,source,area_kind,series,upper,lower\nZuid-Nederland,cybercrime,2021,17.0,percent,CBS,region,vm2021,7,5\n",
			[]MonitorValue{{Area: "Zuid-Nederland", AreaKind: "region", Indicator: "cybercrime", Series: "vm2021", Year: 2021, Value: 17, Lower: nil, Upper: nil, Unit: "percent", Source: "CBS"}}},
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
func equalFigure(a, b MonitorValue) bool {
	return a.Area == b.Area && a.Indicator == b.Indicator && a.Year == b.Year && sameFigure(a, b)
}

func TestImportMonitorIsIdempotentAndAllOrNothing(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	f, err := os.Open("testdata/monitor-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := ParseMonitorCSV(f, testIndicators, testLastYear)
	if err != nil {
		t.Fatalf("the example file is refused: %v", err)
	}
	res, err := s.ImportMonitor(ctx, rows)
	if err != nil || res != (ImportResult{Inserted: len(rows)}) {
		t.Fatalf("first import: %+v, %v; want %d inserted", res, err, len(rows))
	}
	before, _ := s.MonitorSeries(ctx)
	res, err = s.ImportMonitor(ctx, rows)
	if err != nil || res != (ImportResult{Unchanged: len(rows)}) {
		t.Fatalf("second import: %+v, %v; want all unchanged", res, err)
	}
	after, _ := s.MonitorSeries(ctx)
	if !slices.EqualFunc(before, after, equalFigure) {
		t.Error("importing the same file twice changed the series")
	}

	// A changed figure is updated; the shipped Maastricht series can be corrected too.
	changed := slices.Clone(rows)
	changed[0].Value = 11.2
	changed = append(changed, MonitorValue{Area: "Maastricht", Indicator: "cybercrime", Year: 2019, Value: 13.8, Unit: "percent", Source: "Veiligheidsmonitor 2019"})
	res, err = s.ImportMonitor(ctx, changed)
	if err != nil || res != (ImportResult{Updated: 2, Unchanged: len(rows) - 1}) {
		t.Fatalf("import with changes: %+v, %v", res, err)
	}

	// An area spelled differently from the stored one is refused, and with it
	// every other row of the file.
	before, _ = s.MonitorSeries(ctx)
	bad := []MonitorValue{
		{Area: "Utrecht", Indicator: "cybercrime", Year: 2019, Value: 12, Unit: "percent", Source: "x"},
		{Area: "MAASTRICHT", Indicator: "cybercrime", Year: 2020, Value: 12, Unit: "percent", Source: "x"},
	}
	if _, err := s.ImportMonitor(ctx, bad); err == nil || !strings.Contains(err.Error(), `stored as "Maastricht"`) {
		t.Errorf("import of a second spelling: %v", err)
	}
	after, _ = s.MonitorSeries(ctx)
	if !slices.EqualFunc(before, after, equalFigure) {
		t.Error("a refused import left rows behind")
	}
}

// TestImportMonitorIntervals: the example with the new columns imports, a
// second time changes nothing, and a changed interval is an update.
func TestImportMonitorIntervals(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	body, err := os.ReadFile("testdata/monitor-example-intervals.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parse(string(body))
	if err != nil {
		t.Fatalf("the example file is refused: %v", err)
	}
	for _, want := range []ImportResult{{Inserted: 4}, {Unchanged: 4}} {
		if res, err := s.ImportMonitor(ctx, rows); err != nil || res != want {
			t.Fatalf("import: %+v, %v; want %+v", res, err, want)
		}
	}
	lower := 15.0
	rows[0].Lower = &lower
	if res, err := s.ImportMonitor(ctx, rows); err != nil || res != (ImportResult{Updated: 1, Unchanged: 3}) {
		t.Fatalf("import with a changed interval: %+v, %v", res, err)
	}
	got, err := s.MonitorSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range got {
		if v.Area == "Voorbeeldstad" && v.Indicator == "cybercrime" && v.Year == 2021 {
			found = v.Lower != nil && *v.Lower == 15 && *v.Upper == 18.9 && v.Series == SeriesVM2021 && v.AreaKind == AreaMunicipality
		}
		if v.Area == "Voorbeeldregio" && v.AreaKind != AreaRegion {
			t.Errorf("%+v: area_kind not stored", v)
		}
	}
	if !found {
		t.Error("the changed interval is not stored")
	}
}
