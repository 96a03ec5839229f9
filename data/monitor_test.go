package data

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"cyberportal/data/monitor"
)

// TestShippedMonitorSeries: the figures shipped by migrations 0003 and 0009
// are the published ones, in their series, with their interval where the
// source has one, each cited in every language.
func TestShippedMonitorSeries(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	got, err := s.MonitorSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Each figure's source, cited in every language with the page it was read on.
	sources := map[string]map[string]string{} // area|indicator|year -> lang -> text
	for _, lang := range []string{"nl", "en", "fr"} {
		in, err := s.MonitorSeriesIn(ctx, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range in {
			k := fmt.Sprint(v.Area, "|", v.Indicator, "|", v.Year)
			if sources[k] == nil {
				sources[k] = map[string]string{}
			}
			sources[k][lang] = v.Source
		}
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
		if v.Unit != monitor.UnitPercent || (v.Year >= 2021) != (v.Series == monitor.SeriesVM2021) {
			t.Errorf("figure %+v: unit or series wrong", v)
		}
		if v.Lower != nil && (*v.Lower > v.Value || *v.Upper < v.Value) {
			t.Errorf("figure %+v: interval does not hold the value", v)
		}
		for _, lang := range []string{"nl", "en", "fr"} {
			if text := sources[fmt.Sprint(v.Area, "|", v.Indicator, "|", v.Year)][lang]; !strings.Contains(text, "https://") || text == v.Source {
				t.Errorf("figure %+v: source %q has no %s text with its address: %q", v, v.Source, lang, text)
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

func TestImportMonitorIsIdempotentAndAllOrNothing(t *testing.T) {
	t.Parallel()
	s, ctx := openTest(t)
	f, err := os.Open("testdata/monitor-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := monitor.ParseCSV(f, []string{"cybercrime", "hacking"}, 2026)
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
	changed = append(changed, monitor.Value{Area: "Maastricht", Indicator: "cybercrime", Year: 2019, Value: 13.8, Unit: "percent", Source: "Veiligheidsmonitor 2019"})
	res, err = s.ImportMonitor(ctx, changed)
	if err != nil || res != (ImportResult{Updated: 2, Unchanged: len(rows) - 1}) {
		t.Fatalf("import with changes: %+v, %v", res, err)
	}

	// An area spelled differently from the stored one is refused, and with it
	// every other row of the file.
	before, _ = s.MonitorSeries(ctx)
	bad := []monitor.Value{
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

// equalFigure compares two figures by what they say, not where their
// bounds are stored.
func equalFigure(a, b monitor.Value) bool {
	return a.Area == b.Area && a.Indicator == b.Indicator && a.Year == b.Year && monitor.Same(a, b)
}

// TestImportMonitorIntervals: the example with the new columns imports, a
// second time changes nothing, and a changed interval is an update.
func TestImportMonitorIntervals(t *testing.T) {
	s, ctx := openTest(t)
	body, err := os.ReadFile("testdata/monitor-example-intervals.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := monitor.ParseCSV(strings.NewReader(string(body)), []string{"cybercrime", "hacking"}, 2026)
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
			found = v.Lower != nil && *v.Lower == 15 && *v.Upper == 18.9 && v.Series == monitor.SeriesVM2021 && v.AreaKind == monitor.AreaMunicipality
		}
		if v.Area == "Voorbeeldregio" && v.AreaKind != monitor.AreaRegion {
			t.Errorf("%+v: area_kind not stored", v)
		}
	}
	if !found {
		t.Error("the changed interval is not stored")
	}
}
