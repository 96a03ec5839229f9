package charts

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func typeRows(counts ...int) []CountRow {
	labels := []struct{ key, label, phrase string }{
		{"phishing", "Phishing", "phishing"},
		{"helpdesk", "Helpdesk fraud", "helpdesk fraud"},
		{"ransomware", "Ransomware", "ransomware"},
		{"identity", "Identity fraud", "identity fraud"},
	}
	rows := make([]CountRow, len(counts))
	for i, n := range counts {
		l := labels[i]
		rows[i] = CountRow{Key: l.key, Label: l.label, Phrase: l.phrase, Count: n}
	}
	return rows
}

func TestCountSummary(t *testing.T) {
	t.Parallel()
	const nbsp, nnbsp = "\u00a0", "\u202f"
	tests := []struct {
		name string
		in   Counts
		want map[string]string
	}{
		{
			name: "total and largest",
			in:   Counts{Breakdown: ByType, Rows: typeRows(456, 120, 658)},
			want: map[string]string{
				"nl": "1.234 meldingen in deze periode. Het vaakst ging het om ransomware (658).",
				"en": "1,234 reports in this period. The most common type was ransomware (658).",
				"fr": "1" + nnbsp + "234 signalements sur cette période. Type le plus fréquent" + nbsp + ": ransomware (658).",
			},
		},
		{
			name: "a tie names both",
			in:   Counts{Breakdown: ByType, Rows: typeRows(40, 40, 12)},
			want: map[string]string{
				"nl": "92 meldingen in deze periode. De grootste aantallen, elk 40: phishing en helpdesk fraud.",
				"en": "92 reports in this period. The largest numbers, 40 each: phishing and helpdesk fraud.",
				"fr": "92 signalements sur cette période. Les nombres les plus élevés, 40 chacun" + nbsp + ": phishing et helpdesk fraud.",
			},
		},
		{
			name: "a three-way tie",
			in:   Counts{Breakdown: ByType, Rows: typeRows(40, 40, 40)},
			want: map[string]string{
				"nl": "120 meldingen in deze periode. De grootste aantallen, elk 40: phishing, helpdesk fraud en ransomware.",
				"en": "120 reports in this period. The largest numbers, 40 each: phishing, helpdesk fraud and ransomware.",
				"fr": "120 signalements sur cette période. Les nombres les plus élevés, 40 chacun" + nbsp + ": phishing, helpdesk fraud et ransomware.",
			},
		},
		{
			name: "the largest is never a hidden one",
			// 3 is hidden, and 20 with it (secondary): 20 must not be named.
			in: Counts{Breakdown: ByType, Rows: typeRows(3, 20, 25)},
			want: map[string]string{
				"nl": "48 meldingen in deze periode. Het vaakst ging het om ransomware (25).",
				"en": "48 reports in this period. The most common type was ransomware (25).",
				"fr": "48 signalements sur cette période. Type le plus fréquent" + nbsp + ": ransomware (25).",
			},
		},
		{
			name: "small total",
			in:   Counts{Breakdown: ByType, Rows: typeRows(3, 4)},
			want: map[string]string{
				"nl": "<10 meldingen in deze periode.",
				"en": "<10 reports in this period.",
				"fr": "<10 signalements sur cette période.",
			},
		},
		{
			name: "total hidden to protect two cells",
			in:   Counts{Breakdown: ByType, Rows: typeRows(9, 9)},
			want: map[string]string{
				"nl": "Het aantal meldingen in deze periode tonen we niet, om kleine aantallen te beschermen.",
				"en": "The number of reports in this period is not shown, to protect small numbers.",
				"fr": "Le nombre de signalements sur cette période n’est pas affiché, pour protéger les petits nombres.",
			},
		},
		{
			name: "every category hidden",
			in:   Counts{Breakdown: ByVictim, Rows: []CountRow{{Key: "person", Label: "Persons", Count: 456}, {Key: "business", Label: "Businesses", Count: 3}}},
			want: map[string]string{
				"nl": "459 meldingen in deze periode. De aantallen per categorie tonen we niet, om kleine aantallen te beschermen.",
				"en": "459 reports in this period. The numbers per category are not shown, to protect small numbers.",
				"fr": "459 signalements sur cette période. Les nombres par catégorie ne sont pas affichés, pour protéger les petits nombres.",
			},
		},
		{
			name: "one report",
			in:   Counts{Breakdown: ByChannel, Threshold: 2, Rows: []CountRow{{Key: "email", Label: "E-mail", Count: 1}, {Key: "phone", Label: "Telefoon", Count: 0}}},
			want: map[string]string{
				"nl": "<2 meldingen in deze periode.",
				"en": "<2 reports in this period.",
				"fr": "<2 signalements sur cette période.",
			},
		},
		{
			name: "a catch-all is not named",
			in: Counts{Breakdown: ByChannel, Rows: []CountRow{
				{Key: "email", Label: "E-mail", Phrase: "e-mail", Count: 30},
				{Key: "other", Label: "Overig", Count: 90, Other: true},
			}},
			want: map[string]string{
				"nl": "120 meldingen in deze periode. Het vaakst ging het via e-mail (30).",
				"en": "120 reports in this period. The most common channel was e-mail (30).",
				"fr": "120 signalements sur cette période. Canal le plus fréquent" + nbsp + ": e-mail (30).",
			},
		},
		{
			name: "by month",
			in: Counts{Breakdown: ByMonth, Rows: []CountRow{
				{Year: 2026, Month: time.February, Count: 1200},
				{Year: 2026, Month: time.March, Count: 1400},
			}},
			want: map[string]string{
				"nl": "2.600 meldingen in deze periode. De meeste meldingen kwamen binnen in maart 2026 (1.400).",
				"en": "2,600 reports in this period. The most reports came in March 2026 (1,400).",
				"fr": "2" + nnbsp + "600 signalements sur cette période. Mois avec le plus de signalements" + nbsp + ": mars 2026 (1" + nnbsp + "400).",
			},
		},
		{
			name: "by loss",
			in:   Counts{Breakdown: ByLoss, Rows: []CountRow{{Key: "none", Label: "No loss", Phrase: "no loss", Count: 50}, {Key: "small", Label: "Up to €100", Phrase: "up to €100", Count: 20}}},
			want: map[string]string{
				"nl": "70 meldingen in deze periode. Meest voorkomende schadebedrag: no loss (50).",
				"en": "70 reports in this period. The most common amount of loss was no loss (50).",
				"fr": "70 signalements sur cette période. Montant le plus fréquent" + nbsp + ": no loss (50).",
			},
		},
		{
			name: "by victim",
			in:   Counts{Breakdown: ByVictim, Rows: []CountRow{{Key: "person", Label: "Persons", Phrase: "private persons", Count: 50}, {Key: "business", Label: "Businesses", Count: 20}}},
			want: map[string]string{
				"nl": "70 meldingen in deze periode. De grootste groep was private persons (50).",
				"en": "70 reports in this period. The largest group was private persons (50).",
				"fr": "70 signalements sur cette période. Groupe le plus important" + nbsp + ": private persons (50).",
			},
		},
	}
	for _, tt := range tests {
		for _, lang := range languages {
			t.Run(tt.name+"/"+lang, func(t *testing.T) {
				c, err := NewCountChart(newPrinter(t, lang), tt.in)
				if err != nil {
					t.Fatal(err)
				}
				if c.Summary != tt.want[lang] {
					t.Errorf("summary\n got %q\nwant %q", c.Summary, tt.want[lang])
				}
			})
		}
	}
}

// Hidden counts must not appear anywhere: not as bar values, labels,
// table cells, raw values, the summary, the note or the aria description.
func TestCountSuppressionNeverLeaks(t *testing.T) {
	t.Parallel()
	// 7 is below the threshold; 4321 is then the smallest shown cell and is
	// hidden with it. No shown number and no total contains their digits.
	rows := []CountRow{
		{Key: "phishing", Label: "Phishing", Count: 5000},
		{Key: "helpdesk", Label: "Helpdesk fraud", Count: 4321},
		{Key: "ransomware", Label: "Ransomware", Count: 7},
		{Key: "other", Label: "Other", Count: 6000, Other: true},
	}
	hiddenTexts := []string{"7", "4321", "4.321", "4,321", "4\u202f321", "4330", "4.330", "4,330", "4\u202f330"}
	for _, lang := range languages {
		p := newPrinter(t, lang)
		c, err := NewCountChart(p, Counts{Breakdown: ByType, Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		texts = append(texts, c.Summary, c.Note, c.Title)
		for _, r := range append(c.Table.Rows, *c.Table.Total) {
			texts = append(texts, r.Cells...)
			for _, v := range r.Values {
				texts = append(texts, v.Raw())
			}
		}
		var v any
		if err := json.Unmarshal(c.Options, &v); err != nil {
			t.Fatal(err)
		}
		walkJSON(v, func(s string) {
			if !strings.HasPrefix(s, "#") { // colours such as #0072B2 are not counts
				texts = append(texts, s)
			}
		}, func(n float64) {
			if n == 7 || n == 4321 || n == 4330 {
				t.Errorf("%s: options hold the number %v", lang, n)
			}
		})
		for _, s := range texts {
			for _, h := range hiddenTexts {
				if strings.Contains(s, h) {
					t.Errorf("%s: %q reveals %q", lang, s, h)
				}
			}
		}

		// What is shown instead.
		tb := c.Table
		want := []string{p.Int(5000), p.T("charts.hidden"), "<10", p.Int(6000)}
		for i, r := range tb.Rows {
			if r.Cells[0] != want[i] {
				t.Errorf("%s: row %s shows %q, want %q", lang, r.Key, r.Cells[0], want[i])
			}
		}
		if tb.Rows[1].Values[0] != (Value{Status: StatusHidden}) || tb.Rows[2].Values[0] != (Value{Status: StatusSuppressed}) {
			t.Errorf("%s: raw values %+v %+v", lang, tb.Rows[1].Values, tb.Rows[2].Values)
		}
		if tb.Total.Cells[0] != p.Int(15328) || tb.Total.Values[0] != (Value{Number: 15328, Status: StatusOK}) {
			t.Errorf("%s: total %+v", lang, tb.Total)
		}
		if c.Note == "" || !strings.Contains(c.Note, "<10") || !strings.Contains(c.Note, p.T("charts.hidden")) {
			t.Errorf("%s: note %q", lang, c.Note)
		}
		o := optionsOf(t, c)
		data := o.Series[0].Data
		if string(data[1]) != "null" || string(data[2]) != "null" || string(data[0]) == "null" {
			t.Errorf("%s: bar data %s", lang, data)
		}
		marks := o.Series[0].MarkPoint.Data
		if len(marks) != 2 || marks[0].Label.Formatter != p.T("charts.hidden") || marks[1].Label.Formatter != "<10" ||
			marks[0].Coord[1] != 1 || marks[1].Coord[1] != 2 {
			t.Errorf("%s: markers %+v", lang, marks)
		}
		if strings.Join(o.Format.Hidden, "|") != "|"+p.T("charts.hidden")+"|<10|" {
			t.Errorf("%s: tooltip texts %q", lang, o.Format.Hidden)
		}
	}
}

func TestCountNoNoteWithoutSuppression(t *testing.T) {
	t.Parallel()
	c, err := NewCountChart(newPrinter(t, "en"), Counts{Breakdown: ByType, Rows: typeRows(10, 11)})
	if err != nil {
		t.Fatal(err)
	}
	if c.Note != "" || len(optionsOf(t, c).Series[0].MarkPoint.Data) != 0 {
		t.Errorf("note %q or markers without suppression", c.Note)
	}
}

func TestCountMonths(t *testing.T) {
	t.Parallel()
	want := map[string][3]string{ // axis, table, key
		"nl": {"mrt 2026", "maart 2026", "2026-03"},
		"en": {"Mar 2026", "March 2026", "2026-03"},
		"fr": {"mars 2026", "mars 2026", "2026-03"},
	}
	for _, lang := range languages {
		p := newPrinter(t, lang)
		c, err := NewCountChart(p, Counts{Breakdown: ByMonth, Rows: []CountRow{
			{Year: 2025, Month: time.December, Count: 20, Key: "ignored", Label: "ignored"},
			{Year: 2026, Month: time.March, Count: 1234},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if c.ID != "reports-by-month" || c.Unit != UnitCount {
			t.Errorf("%s: ID %q unit %q", lang, c.ID, c.Unit)
		}
		o := optionsOf(t, c)
		checkCommonOptions(t, c, o)
		// Months run along a vertical-bar x axis.
		if o.XAxis[0].Type != "category" || o.YAxis[0].Type != "value" {
			t.Fatalf("%s: axes %+v %+v", lang, o.XAxis, o.YAxis)
		}
		if got := o.XAxis[0].Data[1]; got != want[lang][0] {
			t.Errorf("%s: axis label %q, want %q", lang, got, want[lang][0])
		}
		r := c.Table.Rows[1]
		if r.Label != want[lang][1] || r.Key != want[lang][2] || c.Table.Rows[0].Key != "2025-12" {
			t.Errorf("%s: row %+v", lang, r)
		}
		if r.Cells[0] != p.Int(1234) || r.Values[0] != (Value{Number: 1234, Status: StatusOK}) {
			t.Errorf("%s: cells %q values %+v", lang, r.Cells, r.Values)
		}
		var bar struct {
			Value int `json:"value"`
			Label struct {
				Formatter string `json:"formatter"`
			} `json:"label"`
		}
		if err := json.Unmarshal(o.Series[0].Data[1], &bar); err != nil || bar.Value != 1234 || bar.Label.Formatter != p.Int(1234) {
			t.Errorf("%s: bar %s", lang, o.Series[0].Data[1])
		}
		if o.Format.Lang != lang || o.Format.Unit != UnitCount || o.Format.Missing != "<10" {
			t.Errorf("%s: format hint %+v", lang, o.Format)
		}
	}
}

func TestCountCategories(t *testing.T) {
	t.Parallel()
	for _, lang := range languages {
		p := newPrinter(t, lang)
		c, err := NewCountChart(p, Counts{Breakdown: ByType, Rows: typeRows(12, 1234)})
		if err != nil {
			t.Fatal(err)
		}
		o := optionsOf(t, c)
		checkCommonOptions(t, c, o)
		// Categories run down a horizontal-bar y axis, first row on top.
		y := o.YAxis[0]
		if y.Type != "category" || !y.Inverse || strings.Join(y.Data, "|") != "Phishing|Helpdesk fraud" {
			t.Errorf("%s: y axis %+v", lang, y)
		}
		if y.Name != p.T("charts.reports.type.heading") || o.XAxis[0].Name != p.T("charts.reports.axis.count") {
			t.Errorf("%s: axis names %q %q", lang, y.Name, o.XAxis[0].Name)
		}
		tb := c.Table
		if tb.RowHead.Key != "type" || tb.Columns[0].Key != "reports" || tb.Total.Key != "total" || tb.Total.Label != p.T("charts.reports.total") {
			t.Errorf("%s: table heads %+v %+v %+v", lang, tb.RowHead, tb.Columns, tb.Total)
		}
		if tb.Rows[1].Cells[0] != p.Int(1234) || tb.Total.Cells[0] != p.Int(1246) {
			t.Errorf("%s: cells %q total %q", lang, tb.Rows[1].Cells, tb.Total.Cells)
		}
	}
}

func TestCountEveryBreakdown(t *testing.T) {
	t.Parallel()
	for _, b := range breakdowns {
		for _, lang := range languages {
			p := newPrinter(t, lang)
			rows := typeRows(30, 20)
			if b == ByMonth {
				rows = []CountRow{{Year: 2026, Month: time.January, Count: 30}, {Year: 2026, Month: time.February, Count: 20}}
			}
			c, err := NewCountChart(p, Counts{Breakdown: b, Rows: rows})
			if err != nil {
				t.Fatal(err)
			}
			if c.ID != "reports-by-"+string(b) || c.Title != p.T("charts.reports."+string(b)+".title") || c.Source != p.T("charts.source.reports") {
				t.Errorf("%s/%s: %q %q %q", b, lang, c.ID, c.Title, c.Source)
			}
			if !strings.Contains(c.Summary, "(30)") {
				t.Errorf("%s/%s: summary %q", b, lang, c.Summary)
			}
		}
	}
}

func TestCountErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   Counts
		err  error
	}{
		{"unknown breakdown", Counts{Breakdown: "age", Rows: typeRows(20)}, nil},
		{"bad ID", Counts{ID: "by type", Breakdown: ByType, Rows: typeRows(20)}, nil},
		{"bad key", Counts{Breakdown: ByType, Rows: []CountRow{{Key: "Phishing!", Label: "P", Count: 20}}}, nil},
		{"no label", Counts{Breakdown: ByType, Rows: []CountRow{{Key: "p", Count: 20}}}, nil},
		{"key twice", Counts{Breakdown: ByType, Rows: []CountRow{{Key: "p", Label: "P"}, {Key: "p", Label: "Q"}}}, nil},
		{"no month", Counts{Breakdown: ByMonth, Rows: []CountRow{{Year: 2026, Count: 20}}}, nil},
		{"month twice", Counts{Breakdown: ByMonth, Rows: []CountRow{{Year: 2026, Month: 1}, {Year: 2026, Month: 1}}}, nil},
		{"negative count", Counts{Breakdown: ByType, Rows: typeRows(20, -1)}, ErrNegativeCount},
		{"threshold 1", Counts{Breakdown: ByType, Threshold: 1, Rows: typeRows(20)}, ErrThreshold},
	}
	for _, tt := range tests {
		_, err := NewCountChart(newPrinter(t, "en"), tt.in)
		if err == nil || (tt.err != nil && !errors.Is(err, tt.err)) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
}

func TestCountThreshold(t *testing.T) {
	t.Parallel()
	for _, th := range []int{5, 20} {
		c, err := NewCountChart(newPrinter(t, "en"), Counts{Breakdown: ByType, Threshold: th, Rows: typeRows(6, 12, 30, 31)})
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, r := range c.Table.Rows {
			cells = append(cells, r.Cells[0])
		}
		want := map[int]string{5: "6|12|30|31", 20: "<20|<20|30|31"}[th]
		if strings.Join(cells, "|") != want {
			t.Errorf("threshold %d: %v, want %s", th, cells, want)
		}
		if th == 20 && !strings.Contains(c.Note, "Numbers below "+strconv.Itoa(th)) {
			t.Errorf("note %q", c.Note)
		}
	}
}
