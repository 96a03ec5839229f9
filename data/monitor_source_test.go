package data

import (
	"context"
	"testing"

	"cyberportal/data/monitor"
)

// TestMonitorSourceInEachLanguage: the shipped figures' source reads in the
// reader's language (migration 0007); an imported source without
// translations is given as imported.
func TestMonitorSourceInEachLanguage(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	want := map[string]string{
		"nl": "Veiligheidsmonitor, zoals aangehaald in de veiligheidsrapportage van de gemeente Maastricht",
		"en": "Veiligheidsmonitor (Dutch Safety Monitor), as cited in the municipality of Maastricht's safety report",
		"fr": "Veiligheidsmonitor (enquête néerlandaise sur la sécurité), cité dans le rapport sur la sécurité de la commune de Maastricht",
	}
	for lang, src := range want {
		got, err := s.MonitorSeriesIn(ctx, lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatalf("%s: no figures", lang)
		}
		for _, v := range got {
			if v.Source != src {
				t.Errorf("%s %d: source %q, want %q", lang, v.Year, v.Source, src)
			}
		}
	}
	if _, err := s.ImportMonitor(ctx, []monitor.Value{{Area: "Maastricht", Indicator: "cybercrime", Year: 2021, Value: 15, Unit: monitor.UnitPercent, Source: "CBS StatLine"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.MonitorSeriesIn(ctx, "fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got {
		if v.Year == 2021 && v.Source != "CBS StatLine" {
			t.Errorf("imported source shown as %q", v.Source)
		}
	}
}
