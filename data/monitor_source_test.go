package data

import (
	"testing"

	"cyberportal/data/monitor"
)

// TestMonitorSourceInEachLanguage: the shipped Maastricht figures' source
// reads in the reader's language (migration 0007, its words replaced by
// 0009's, which name the page the figures were read on); an imported source
// without translations is given as imported.
func TestMonitorSourceInEachLanguage(t *testing.T) {
	s, ctx := openTest(t)
	want := map[string]string{
		"nl": "Veiligheidsmonitor, zoals gepubliceerd door de gemeente Maastricht: Veiligheid Maastricht, Informatieveiligheid, https://veiligheidmaastricht.nl/n154000.html",
		"en": "Safety Monitor (Veiligheidsmonitor), as published by the municipality of Maastricht: Safety in Maastricht, Information security, https://veiligheidmaastricht.nl/en_n154000.html",
		"fr": "Veiligheidsmonitor (enquête néerlandaise sur la sécurité), publié par la commune de Maastricht : Veiligheid Maastricht, Informatieveiligheid, https://veiligheidmaastricht.nl/n154000.html",
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
			if v.Area == "Maastricht" && v.Source != src {
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
		if v.Area == "Maastricht" && v.Year == 2021 && v.Source != "CBS StatLine" {
			t.Errorf("imported source shown as %q", v.Source)
		}
	}
}
