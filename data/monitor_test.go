package data

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"cyberportal/data/monitor"
)

func TestShippedMonitorSeries(t *testing.T) {
	t.Parallel()
	s := openTest(t)
	got, err := s.MonitorSeries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]float64{2014: 14, 2015: 13.2, 2016: 9.7, 2017: 12.4, 2019: 13.8}
	if len(got) != len(want) {
		t.Fatalf("%d shipped figures, want %d: %+v", len(got), len(want), got)
	}
	for _, v := range got {
		if v.Area != "Maastricht" || v.Indicator != "cybercrime" || v.Unit != monitor.UnitPercent || want[v.Year] != v.Value ||
			!strings.HasPrefix(v.Source, "Veiligheidsmonitor") {
			t.Errorf("unexpected figure %+v", v)
		}
		if v.Year == 2018 {
			t.Error("2018 was not measured, but has a figure")
		}
	}
}

func TestImportMonitorIsIdempotentAndAllOrNothing(t *testing.T) {
	t.Parallel()
	s := openTest(t)
	ctx := context.Background()
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
	if !slices.Equal(before, after) {
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
	if !slices.Equal(before, after) {
		t.Error("a refused import left rows behind")
	}
}
