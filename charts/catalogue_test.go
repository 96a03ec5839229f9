package charts

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// verbPattern is the only fmt verb the catalogues may use: an explicit
// index, so translators can change the word order.
var verbPattern = regexp.MustCompile(`%\[[1-9]\]s`)

func TestCatalogues(t *testing.T) {
	t.Parallel()
	cats := map[string]map[string]string{}
	for _, lang := range languages {
		cats[lang] = loadCatalogue(t, lang)
	}
	base := cats[languages[0]]
	if len(base) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, lang := range languages {
		for key, msg := range cats[lang] {
			if !strings.HasPrefix(key, "charts.") {
				t.Errorf("%s: key %q lacks the charts. prefix", lang, key)
			}
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: %q is empty", lang, key)
			}
			if rest := verbPattern.ReplaceAllString(msg, ""); strings.Contains(rest, "%") {
				t.Errorf("%s: %q has a %% that is not a %%[n]s verb: %q", lang, key, msg)
			}
			other, ok := base[key]
			if !ok {
				t.Errorf("%s has %q, %s does not", lang, key, languages[0])
				continue
			}
			if got, want := verbs(msg), verbs(other); !slices.Equal(got, want) {
				t.Errorf("%q: %s uses %v, %s uses %v", key, lang, got, languages[0], want)
			}
		}
		for key := range base {
			if _, ok := cats[lang][key]; !ok {
				t.Errorf("%s lacks %q", lang, key)
			}
		}
	}
}

// verbs gives the sorted, distinct verbs of a message.
func verbs(msg string) []string {
	v := verbPattern.FindAllString(msg, -1)
	slices.Sort(v)
	return slices.Compact(v)
}

// Every message is reachable: running every kind of chart and sentence uses
// every key, so the catalogues hold no dead text (and the fake printer fails
// on any key the code uses that they lack).
func TestCatalogueKeysUsed(t *testing.T) {
	t.Parallel()
	for _, lang := range languages {
		p := newPrinter(t, lang)
		monitors := [][]Point{
			points(2017, 10, 2019, 12), // up
			points(2017, 12, 2019, 10), // down
			points(2017, 12, 2019, 12), // same
			points(2019, 12),           // single
			{{Year: 2019, OK: false}},  // none
		}
		for _, ind := range indicators {
			for _, pts := range monitors {
				if _, err := NewMonitorChart(p, Monitor{Indicator: ind, Series: []Series{
					{Key: "maastricht", Name: "Maastricht", Points: pts}, nederland(),
				}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Method breaks, intervals and comparisons of every kind.
		overlap := Series{Key: "limburg", Name: "Limburg", Points: []Point{
			{Year: 2021, Value: 16.4, OK: true, Method: MethodVM2021, Lower: 15.1, Upper: 17.7, Interval: true},
			{Year: 2023, Value: 15.6, OK: true, Method: MethodVM2021, Lower: 14.3, Upper: 16.9, Interval: true},
		}}
		newOnly := Series{Key: "heerlen", Name: "Heerlen", Points: []Point{
			{Year: 2019, Value: 13, OK: true, Method: MethodVM2012}, {Year: 2021, Value: 14, OK: true, Method: MethodVM2021},
		}}
		same := Series{Key: "sittard", Name: "Sittard", Points: points(2017, 12, 2019, 12)}
		up := Series{Key: "venlo", Name: "Venlo", Points: points(2017, 10, 2019, 12)}
		single := Series{Key: "roermond", Name: "Roermond", Points: points(2019, 12)}
		for _, set := range [][]Series{
			{maastrichtVM(), nederlandVM(), overlap, newOnly, same, up, single},
			{overlap}, {newOnly},
		} {
			if _, err := NewMonitorChart(p, Monitor{Indicator: IndicatorCybercrime, Series: set}); err != nil {
				t.Fatal(err)
			}
		}
		for _, b := range breakdowns {
			for _, counts := range [][]int{{30, 20}, {20, 20}, {3, 4}, {9, 9}, {456, 3}} {
				rows := typeRows(counts...)
				if b == ByMonth {
					rows = nil
					for i, n := range counts {
						rows = append(rows, CountRow{Year: 2026, Month: time.Month(i + 1), Count: n})
					}
				}
				if _, err := NewCountChart(p, Counts{Breakdown: b, Rows: rows}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for key := range p.msgs {
			if !p.used[key] {
				t.Errorf("%s: %q is never used", lang, key)
			}
		}
	}
}
