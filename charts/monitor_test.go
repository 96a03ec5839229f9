package charts

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// maastricht is the example from the safety monitor: 2018 was not measured.
func maastricht() Series {
	return Series{Key: "maastricht", Name: "Maastricht", Points: []Point{
		{Year: 2014, Value: 14, OK: true},
		{Year: 2015, Value: 13.2, OK: true},
		{Year: 2016, Value: 9.7, OK: true},
		{Year: 2017, Value: 12.4, OK: true},
		{Year: 2018, OK: false},
		{Year: 2019, Value: 13.8, OK: true},
	}}
}

func nederland() Series {
	return Series{Key: "nederland", Name: "Nederland", Points: []Point{
		{Year: 2015, Value: 11.0, OK: true},
		{Year: 2017, Value: 11.8, OK: true},
		{Year: 2019, Value: 13.1, OK: true},
	}}
}

// maastrichtVM is the published Maastricht series, old method.
func maastrichtVM() Series {
	s := maastricht()
	for i := range s.Points {
		s.Points[i].Method = MethodVM2012
	}
	return s
}

// nederlandVM is the published Nederland series around the break: the old
// method to 2019, the new one with its 95% intervals from 2021.
func nederlandVM() Series {
	return Series{Key: "nederland", Name: "Nederland", Points: []Point{
		{Year: 2017, Value: 11, OK: true, Method: MethodVM2012},
		{Year: 2019, Value: 13, OK: true, Method: MethodVM2012},
		{Year: 2021, Value: 16.9, OK: true, Method: MethodVM2021, Lower: 16.7, Upper: 17.2, Interval: true},
		{Year: 2023, Value: 15.6, OK: true, Method: MethodVM2021, Lower: 15.4, Upper: 15.9, Interval: true},
	}}
}

func points(pairs ...float64) []Point {
	var pts []Point
	for i := 0; i+1 < len(pairs); i += 2 {
		pts = append(pts, Point{Year: int(pairs[i]), Value: pairs[i+1], OK: true})
	}
	return pts
}

func TestMonitorSummary(t *testing.T) {
	t.Parallel()
	const nbsp = "\u00a0"
	tests := []struct {
		name   string
		series []Series
		want   map[string]string
	}{
		{
			name:   "up, with a gap before the last year",
			series: []Series{maastricht()},
			want: map[string]string{
				"nl": "In 2019 was 13,8% van de inwoners van Maastricht slachtoffer van cybercrime, tegen 12,4% in 2017. De bron publiceert bij deze cijfers geen 95%-interval, dus of het verschil groter is dan de onzekerheid is niet bekend.",
				"en": "In 2019, 13.8% of residents of Maastricht were a victim of cybercrime, up from 12.4% in 2017. The source publishes no 95% interval for these figures, so whether the change is larger than the uncertainty is not known.",
				"fr": "En 2019, 13,8" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité, contre 12,4" + nbsp + "% en 2017. La source ne publie pas d’intervalle à 95" + nbsp + "% pour ces chiffres" + nbsp + ": on ne sait donc pas si l’écart dépasse l’incertitude.",
			},
		},
		{
			name:   "down",
			series: []Series{{Key: "maastricht", Name: "Maastricht", Points: points(2015, 13.2, 2016, 9.7)}},
			want: map[string]string{
				"nl": "In 2016 was 9,7% van de inwoners van Maastricht slachtoffer van cybercrime, tegen 13,2% in 2015. De bron publiceert bij deze cijfers geen 95%-interval, dus of het verschil groter is dan de onzekerheid is niet bekend.",
				"en": "In 2016, 9.7% of residents of Maastricht were a victim of cybercrime, down from 13.2% in 2015. The source publishes no 95% interval for these figures, so whether the change is larger than the uncertainty is not known.",
				"fr": "En 2016, 9,7" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité, contre 13,2" + nbsp + "% en 2015. La source ne publie pas d’intervalle à 95" + nbsp + "% pour ces chiffres" + nbsp + ": on ne sait donc pas si l’écart dépasse l’incertitude.",
			},
		},
		{
			name: "the same once rounded as published",
			// 12.43 and 12.38 both read 12.4%: "up" would contradict the numbers shown.
			series: []Series{{Key: "maastricht", Name: "Maastricht", Points: points(2019, 12.43, 2017, 12.38)}},
			want: map[string]string{
				"nl": "In 2019 was 12,4% van de inwoners van Maastricht slachtoffer van cybercrime, evenveel als in 2017.",
				"en": "In 2019, 12.4% of residents of Maastricht were a victim of cybercrime, the same as in 2017.",
				"fr": "En 2019, 12,4" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité, comme en 2017.",
			},
		},
		{
			name:   "a single measured year",
			series: []Series{{Key: "maastricht", Name: "Maastricht", Points: []Point{{Year: 2018}, {Year: 2019, Value: 13.8, OK: true}}}},
			want: map[string]string{
				"nl": "In 2019 was 13,8% van de inwoners van Maastricht slachtoffer van cybercrime.",
				"en": "In 2019, 13.8% of residents of Maastricht were a victim of cybercrime.",
				"fr": "En 2019, 13,8" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité.",
			},
		},
		{
			name:   "nothing measured",
			series: []Series{{Key: "maastricht", Name: "Maastricht", Points: []Point{{Year: 2018}}}},
			want: map[string]string{
				"nl": "Voor Maastricht zijn geen metingen beschikbaar.",
				"en": "No measurements are available for Maastricht.",
				"fr": "Aucune mesure n’est disponible pour Maastricht.",
			},
		},
		{
			name:   "a second area is compared in its own sentence, and no interval is said once",
			series: []Series{maastricht(), nederland()},
			want: map[string]string{
				"nl": "In 2019 was 13,8% van de inwoners van Maastricht slachtoffer van cybercrime, tegen 12,4% in 2017. De bron publiceert bij deze cijfers geen 95%-interval, dus of het verschil groter is dan de onzekerheid is niet bekend. Ter vergelijking: Nederland 13,1% in 2019, tegen 11,8% in 2017.",
				"en": "In 2019, 13.8% of residents of Maastricht were a victim of cybercrime, up from 12.4% in 2017. The source publishes no 95% interval for these figures, so whether the change is larger than the uncertainty is not known. For comparison: Nederland 13.1% in 2019, up from 11.8% in 2017.",
				"fr": "En 2019, 13,8" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité, contre 12,4" + nbsp + "% en 2017. La source ne publie pas d’intervalle à 95" + nbsp + "% pour ces chiffres" + nbsp + ": on ne sait donc pas si l’écart dépasse l’incertitude. À titre de comparaison" + nbsp + ": Nederland 13,1" + nbsp + "% en 2019, contre 11,8" + nbsp + "% en 2017.",
			},
		},
		{
			// The published figures: Maastricht ends in 2019 (old method);
			// Nederland 2021 and 2023 (new method) with intervals that do
			// not overlap. Nothing is compared across the break.
			name:   "across the method break, intervals apart",
			series: []Series{maastrichtVM(), nederlandVM()},
			want: map[string]string{
				"nl": "In 2019 was 13,8% van de inwoners van Maastricht slachtoffer van cybercrime, tegen 12,4% in 2017. De bron publiceert bij deze cijfers geen 95%-interval, dus of het verschil groter is dan de onzekerheid is niet bekend. Voor Maastricht is na 2019 nog geen cijfer gepubliceerd. Ter vergelijking: Nederland 15,6% in 2023, tegen 16,9% in 2021. De 95%-intervallen van beide jaren overlappen niet: het verschil is groter dan de onzekerheid van de steekproef.",
				"en": "In 2019, 13.8% of residents of Maastricht were a victim of cybercrime, up from 12.4% in 2017. The source publishes no 95% interval for these figures, so whether the change is larger than the uncertainty is not known. For Maastricht, no figure after 2019 has been published yet. For comparison: Nederland 15.6% in 2023, down from 16.9% in 2021. The 95% intervals of the two years do not overlap: the change is larger than the uncertainty of the sample.",
				"fr": "En 2019, 13,8" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité, contre 12,4" + nbsp + "% en 2017. La source ne publie pas d’intervalle à 95" + nbsp + "% pour ces chiffres" + nbsp + ": on ne sait donc pas si l’écart dépasse l’incertitude. Pour Maastricht, aucun chiffre postérieur à 2019 n’a encore été publié. À titre de comparaison" + nbsp + ": Nederland 15,6" + nbsp + "% en 2023, contre 16,9" + nbsp + "% en 2021. Les intervalles à 95" + nbsp + "% des deux années ne se chevauchent pas" + nbsp + ": l’écart est plus grand que l’incertitude de l’échantillon.",
			},
		},
		{
			name: "intervals overlap: about the same",
			series: []Series{{Key: "limburg", Name: "Limburg", Points: []Point{
				{Year: 2021, Value: 16.4, OK: true, Method: MethodVM2021, Lower: 15.1, Upper: 17.7, Interval: true},
				{Year: 2023, Value: 15.6, OK: true, Method: MethodVM2021, Lower: 14.3, Upper: 16.9, Interval: true},
			}}},
			want: map[string]string{
				"nl": "In 2023 was 15,6% van de inwoners van Limburg slachtoffer van cybercrime, ongeveer evenveel als in 2021 (16,4%). De 95%-intervallen van beide jaren overlappen: het verschil valt binnen de onzekerheid van de steekproef.",
				"en": "In 2023, 15.6% of residents of Limburg were a victim of cybercrime, about the same as in 2021 (16.4%). The 95% intervals of the two years overlap: the difference is within the uncertainty of the sample.",
				"fr": "En 2023, 15,6" + nbsp + "% des habitants de Limburg ont été victimes de cybercriminalité, à peu près comme en 2021 (16,4" + nbsp + "%). Les intervalles à 95" + nbsp + "% des deux années se chevauchent" + nbsp + ": l’écart reste dans l’incertitude de l’échantillon.",
			},
		},
		{
			// A first figure of the new method is never compared with 2019.
			name: "the first year after the break",
			series: []Series{{Key: "maastricht", Name: "Maastricht", Points: []Point{
				{Year: 2019, Value: 13.8, OK: true, Method: MethodVM2012},
				{Year: 2021, Value: 17.1, OK: true, Method: MethodVM2021},
			}}},
			want: map[string]string{
				"nl": "In 2021 was 17,1% van de inwoners van Maastricht slachtoffer van cybercrime. 2021 is het eerste jaar van de vernieuwde Veiligheidsmonitor voor Maastricht; het is niet te vergelijken met 2019 en eerder.",
				"en": "In 2021, 17.1% of residents of Maastricht were a victim of cybercrime. 2021 is the first year of the redesigned Safety Monitor for Maastricht; it cannot be compared with 2019 or earlier.",
				"fr": "En 2021, 17,1" + nbsp + "% des habitants de Maastricht ont été victimes de cybercriminalité. 2021 est la première année de la Veiligheidsmonitor révisée pour Maastricht" + nbsp + "; elle n’est pas comparable à 2019 ni aux années antérieures.",
			},
		},
	}
	for _, tt := range tests {
		for _, lang := range languages {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				c, err := NewMonitorChart(newPrinter(t, lang), Monitor{Indicator: IndicatorCybercrime, Series: tt.series})
				if err != nil {
					t.Fatal(err)
				}
				if c.Summary != tt.want[lang] {
					t.Errorf("summary\n got %q\nwant %q", c.Summary, tt.want[lang])
				}
				if !strings.Contains(optionsOf(t, c).Aria.Label.Description, c.Summary) {
					t.Errorf("aria description does not hold the summary")
				}
			})
		}
	}
}

// Every indicator has its own words, and the chart ID follows from it.
func TestMonitorIndicators(t *testing.T) {
	t.Parallel()
	for _, ind := range indicators {
		for _, lang := range languages {
			p := newPrinter(t, lang)
			c, err := NewMonitorChart(p, Monitor{Indicator: ind, Series: []Series{maastricht()}})
			if err != nil {
				t.Fatal(err)
			}
			wantID := "monitor-" + strings.ReplaceAll(ind, "_", "-")
			if c.ID != wantID || c.Title != p.T("charts.monitor."+ind+".title") {
				t.Errorf("%s/%s: ID %q title %q", ind, lang, c.ID, c.Title)
			}
			if !strings.Contains(c.Summary, p.T("charts.monitor."+ind+".predicate")) {
				t.Errorf("%s/%s: summary %q lacks the indicator", ind, lang, c.Summary)
			}
			if c.Unit != UnitPercent || c.Source != p.T("charts.source.monitor") {
				t.Errorf("%s/%s: unit %q source %q", ind, lang, c.Unit, c.Source)
			}
		}
	}
}

func TestMonitorGapIsNull(t *testing.T) {
	t.Parallel()
	c, err := NewMonitorChart(newPrinter(t, "en"), Monitor{Indicator: IndicatorCybercrime, Series: []Series{maastricht(), nederland()}})
	if err != nil {
		t.Fatal(err)
	}
	o := optionsOf(t, c)
	wantYears := []string{"2014", "2015", "2016", "2017", "2018", "2019"}
	if len(o.XAxis) != 1 || strings.Join(o.XAxis[0].Data, ",") != strings.Join(wantYears, ",") {
		t.Fatalf("x axis = %+v, want every year %v", o.XAxis, wantYears)
	}
	// Maastricht: 2018 missing; Nederland: 2014, 2016 and 2018 missing.
	wantNull := [][]bool{
		{false, false, false, false, true, false},
		{true, false, true, false, true, false},
	}
	if len(o.Series) != 2 {
		t.Fatalf("%d series", len(o.Series))
	}
	for s, series := range o.Series {
		// Within one method the line runs on over a year without a survey:
		// the year stays null (no point, never 0).
		if series.Type != "line" || series.ConnectNulls == nil || !*series.ConnectNulls {
			t.Errorf("series %d: type %q connectNulls %v, want line and true", s, series.Type, series.ConnectNulls)
		}
		if len(series.Data) != len(wantYears) {
			t.Fatalf("series %d: %d points", s, len(series.Data))
		}
		for y, raw := range series.Data {
			isNull := string(raw) == "null"
			if isNull != wantNull[s][y] {
				t.Errorf("series %d, %s: data %s", s, wantYears[y], raw)
			}
		}
	}
	var first struct {
		Value float64 `json:"value"`
		Label struct {
			Formatter string `json:"formatter"`
		} `json:"label"`
	}
	if err := json.Unmarshal(o.Series[0].Data[5], &first); err != nil || first.Value != 13.8 || first.Label.Formatter != "13.8%" {
		t.Errorf("2019 point = %s (%v)", o.Series[0].Data[5], err)
	}
}

func TestMonitorTable(t *testing.T) {
	t.Parallel()
	want := map[string][]string{ // the 2017, 2018 and 2019 rows: Maastricht, Nederland
		"nl": {"12,4%", "11,8%", "niet gemeten", "niet gemeten", "13,8%", "13,1%"},
		"en": {"12.4%", "11.8%", "not measured", "not measured", "13.8%", "13.1%"},
		"fr": {"12,4\u00a0%", "11,8\u00a0%", "non mesuré", "non mesuré", "13,8\u00a0%", "13,1\u00a0%"},
	}
	for _, lang := range languages {
		p := newPrinter(t, lang)
		c, err := NewMonitorChart(p, Monitor{Indicator: IndicatorCybercrime, Series: []Series{maastricht(), nederland()}})
		if err != nil {
			t.Fatal(err)
		}
		tb := c.Table
		if tb.RowHead != (Column{Key: "year", Heading: p.T("charts.monitor.axis.year")}) {
			t.Errorf("%s: row head %+v", lang, tb.RowHead)
		}
		if len(tb.Columns) != 2 || tb.Columns[0] != (Column{"maastricht", "Maastricht"}) || tb.Columns[1] != (Column{"nederland", "Nederland"}) {
			t.Errorf("%s: columns %+v", lang, tb.Columns)
		}
		if len(tb.Rows) != 6 || tb.Total != nil {
			t.Fatalf("%s: %d rows, total %v", lang, len(tb.Rows), tb.Total)
		}
		var got []string
		for _, r := range tb.Rows[3:] {
			got = append(got, r.Cells...)
		}
		if strings.Join(got, "|") != strings.Join(want[lang], "|") {
			t.Errorf("%s: cells %q, want %q", lang, got, want[lang])
		}
		gap := tb.Rows[4]
		if gap.Key != "2018" || gap.Label != "2018" || gap.Values[0] != (Value{Status: StatusNotMeasured}) {
			t.Errorf("%s: 2018 row %+v", lang, gap)
		}
		if v := tb.Rows[5].Values[0]; v != (Value{Number: 13.8, Status: StatusOK}) || v.Raw() != "13.8" {
			t.Errorf("%s: 2019 value %+v", lang, v)
		}
	}
}

func TestMonitorUnorderedPoints(t *testing.T) {
	t.Parallel()
	s := Series{Key: "maastricht", Name: "Maastricht", Points: points(2019, 13.8, 2014, 14, 2017, 12.4)}
	c, err := NewMonitorChart(newPrinter(t, "en"), Monitor{Indicator: IndicatorCybercrime, Series: []Series{s}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Summary, "up from 12.4% in 2017") {
		t.Errorf("summary %q compares the wrong years", c.Summary)
	}
	if len(c.Table.Rows) != 6 || c.Table.Rows[0].Key != "2014" || c.Table.Rows[5].Key != "2019" {
		t.Errorf("rows %+v", c.Table.Rows)
	}
}

func TestMonitorErrors(t *testing.T) {
	t.Parallel()
	ok := maastricht()
	tests := []struct {
		name string
		m    Monitor
	}{
		{"unknown indicator", Monitor{Indicator: "burglary", Series: []Series{ok}}},
		{"no series", Monitor{Indicator: IndicatorCybercrime}},
		{"no years", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "a", Name: "A"}}}},
		{"bad ID", Monitor{ID: "Monitor Cyber", Indicator: IndicatorCybercrime, Series: []Series{ok}}},
		{"bad key", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "Maastricht", Name: "M", Points: ok.Points}}}},
		{"key twice", Monitor{Indicator: IndicatorCybercrime, Series: []Series{ok, ok}}},
		{"no name", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "a", Points: ok.Points}}}},
		{"year twice", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "a", Name: "A", Points: points(2019, 1, 2019, 2)}}}},
		{"NaN", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "a", Name: "A", Points: points(2019, math.NaN())}}}},
		{"years far apart", Monitor{Indicator: IndicatorCybercrime, Series: []Series{{Key: "a", Name: "A", Points: points(19, 1, 2019, 2)}}}},
	}
	for _, tt := range tests {
		if _, err := NewMonitorChart(newPrinter(t, "en"), tt.m); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

func TestMonitorOptions(t *testing.T) {
	t.Parallel()
	c, err := NewMonitorChart(newPrinter(t, "fr"), Monitor{ID: "cyber-2019", Indicator: IndicatorCybercrime, Series: []Series{maastricht(), nederland()}})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "cyber-2019" {
		t.Errorf("ID %q", c.ID)
	}
	o := optionsOf(t, c)
	checkCommonOptions(t, c, o)
	if o.Title.Text != "Victimes de cybercriminalité" || o.Title.Subtext != "Source\u00a0: Moniteur de sécurité (Veiligheidsmonitor)" {
		t.Errorf("title %+v", o.Title)
	}
	if o.XAxis[0].Name != "Année" || o.YAxis[0].Name != "Pourcentage des habitants" {
		t.Errorf("axis names %q, %q", o.XAxis[0].Name, o.YAxis[0].Name)
	}
	if o.Format.Lang != "fr" || o.Format.Unit != UnitPercent || o.Format.Decimals != 1 || o.Format.Missing != "non mesuré" {
		t.Errorf("format hint %+v", o.Format)
	}
	if !o.Legend.Show {
		t.Errorf("two areas need a legend")
	}
	// Not by colour alone: each series has its own symbol and line type.
	a, b := o.Series[0], o.Series[1]
	if a.Symbol == b.Symbol || a.LineStyle.Type == b.LineStyle.Type || a.LineStyle.Color == b.LineStyle.Color {
		t.Errorf("series look alike: %+v / %+v", a, b)
	}
}

// TestMonitorBreakAndInterval: across the method break each area has a line
// per method, and no line has points on both sides; the break is marked and
// explained; a 95% interval is a filled band under its line and a column of
// the table, and travels with the value to the downloads.
func TestMonitorBreakAndInterval(t *testing.T) {
	for _, lang := range languages {
		p := newPrinter(t, lang)
		c, err := NewMonitorChart(p, Monitor{Indicator: IndicatorCybercrime, Series: []Series{maastrichtVM(), nederlandVM()}})
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			XAxis  []struct{ Data []string } `json:"xAxis"`
			Legend struct{ Data []string }   `json:"legend"`
			Series []struct {
				Name      string            `json:"name"`
				Stack     string            `json:"stack"`
				Data      []json.RawMessage `json:"data"`
				AreaStyle *struct {
					Opacity float64 `json:"opacity"`
				} `json:"areaStyle"`
				MarkLine *struct {
					Data []struct {
						XAxis string `json:"xAxis"`
					} `json:"data"`
				} `json:"markLine"`
			} `json:"series"`
		}
		if err := json.Unmarshal(c.Options, &o); err != nil {
			t.Fatal(err)
		}
		years := o.XAxis[0].Data
		var lines, bands []string
		for _, s := range o.Series {
			if s.Stack != "" {
				if s.AreaStyle == nil {
					t.Errorf("%s: band series %q has no area", lang, s.Name)
				} else if s.AreaStyle.Opacity > 0 {
					bands = append(bands, s.Name)
				}
				continue
			}
			lines = append(lines, s.Name)
			var before, after bool
			for y, raw := range s.Data {
				if string(raw) != "null" {
					before = before || years[y] <= "2019"
					after = after || years[y] >= "2021"
				}
			}
			if before && after {
				t.Errorf("%s: line %q joins points across the break", lang, s.Name)
			}
		}
		// Maastricht (old), Nederland (old), Nederland (new); the band is Nederland's new line.
		if len(lines) != 3 || len(bands) != 1 || !strings.Contains(bands[0], "Nederland") {
			t.Errorf("%s: lines %q, bands %q", lang, lines, bands)
		}
		if strings.Join(o.Legend.Data, "|") != strings.Join(lines, "|") {
			t.Errorf("%s: legend %q, want the lines %q only", lang, o.Legend.Data, lines)
		}
		if ml := o.Series[0].MarkLine; ml == nil || len(ml.Data) != 1 || ml.Data[0].XAxis != "2020" {
			t.Errorf("%s: the break is not marked at 2020: %+v", lang, o.Series[0].MarkLine)
		}
		if c.Note != p.T("charts.monitor.break", "2021") {
			t.Errorf("%s: note %q does not explain the break", lang, c.Note)
		}
		// Table: method, Maastricht, Nederland, Nederland's interval.
		heads := []string{}
		for _, col := range c.Table.Columns {
			heads = append(heads, col.Key)
		}
		if strings.Join(heads, ",") != "method,maastricht,nederland,nederland-interval" {
			t.Errorf("%s: columns %q", lang, heads)
		}
		row := c.Table.Rows[len(c.Table.Rows)-3] // 2021
		want := map[string][]string{
			"nl": {"vanaf 2021", "niet beschikbaar", "16,9%", "16,7–17,2%"},
			"en": {"from 2021", "not available", "16.9%", "16.7–17.2%"},
			"fr": {"depuis 2021", "non disponible", "16,9\u00a0%", "16,7–17,2\u00a0%"},
		}[lang]
		if row.Key != "2021" || strings.Join(row.Cells, "|") != strings.Join(want, "|") {
			t.Errorf("%s: 2021 row %q, want %q", lang, row.Cells, want)
		}
		if v := row.Values[1]; v.Lower == nil || *v.Lower != 16.7 || *v.Upper != 17.2 || v.Method != MethodVM2021 || row.Values[0].Status != StatusNotAvailable {
			t.Errorf("%s: 2021 values %+v", lang, row.Values)
		}
		if gap := c.Table.Rows[len(c.Table.Rows)-4]; gap.Key != "2020" || gap.Values[1].Status != StatusNotMeasured {
			t.Errorf("%s: 2020 row %+v", lang, gap)
		}
	}
}

// TestBandBridgesYearsWithoutSurvey: the band runs straight over a year
// without a survey instead of dropping to 0 there, and nothing is added
// before the first or after the last interval.
func TestBandBridgesYearsWithoutSurvey(t *testing.T) {
	data := []any{nil, 16.7, nil, 15.4, nil}
	bridge(data)
	if data[0] != nil || data[4] != nil || data[2] != (16.7+15.4)/2 {
		t.Errorf("bridged %v", data)
	}
}
