package charts

import (
	"bytes"
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"
	"testing"
)

// options is the part of the ECharts options the tests look at.
type options struct {
	Format    formatHint `json:"_format"`
	Animation *bool      `json:"animation"`
	Toolbox   any        `json:"toolbox"`
	Color     []string   `json:"color"`
	Aria      struct {
		Enabled bool `json:"enabled"`
		Label   struct {
			Description string `json:"description"`
		} `json:"label"`
	} `json:"aria"`
	Title struct {
		Text    string `json:"text"`
		Subtext string `json:"subtext"`
	} `json:"title"`
	Legend struct {
		Show bool `json:"show"`
	} `json:"legend"`
	Tooltip struct {
		Trigger    string `json:"trigger"`
		RenderMode string `json:"renderMode"`
	} `json:"tooltip"`
	XAxis  []axis `json:"xAxis"`
	YAxis  []axis `json:"yAxis"`
	Series []struct {
		Name         string            `json:"name"`
		Type         string            `json:"type"`
		ConnectNulls *bool             `json:"connectNulls"`
		Symbol       string            `json:"symbol"`
		Data         []json.RawMessage `json:"data"`
		LineStyle    struct {
			Type  string `json:"type"`
			Color string `json:"color"`
		} `json:"lineStyle"`
		MarkPoint struct {
			Data []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
				Coord []int  `json:"coord"`
				Label struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
		} `json:"markPoint"`
	} `json:"series"`
}

type axis struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Inverse bool     `json:"inverse"`
	Data    []string `json:"data"`
}

func optionsOf(t *testing.T, c Chart) options {
	t.Helper()
	var o options
	if err := json.Unmarshal(c.Options, &o); err != nil {
		t.Fatalf("options of %s: %v", c.ID, err)
	}
	return o
}

// checkCommonOptions checks what every chart must have.
func checkCommonOptions(t *testing.T, c Chart, o options) {
	t.Helper()
	if o.Animation == nil || *o.Animation {
		t.Errorf("%s: animation %v, want false", c.ID, o.Animation)
	}
	if o.Toolbox != nil {
		t.Errorf("%s: toolbox %v, want none", c.ID, o.Toolbox)
	}
	if !o.Aria.Enabled || o.Aria.Label.Description == "" || !strings.Contains(o.Aria.Label.Description, c.Title) {
		t.Errorf("%s: aria %+v", c.ID, o.Aria)
	}
	if strings.Join(o.Color, ",") != strings.Join(palette, ",") {
		t.Errorf("%s: colours %v", c.ID, o.Color)
	}
	if o.Tooltip.RenderMode != "richText" || o.Tooltip.Trigger != "axis" {
		t.Errorf("%s: tooltip %+v", c.ID, o.Tooltip)
	}
	if o.Title.Text != c.Title || !strings.Contains(o.Title.Subtext, c.Source) {
		t.Errorf("%s: title %+v", c.ID, o.Title)
	}
	// go-echarts marks JavaScript functions with __f__; JSON options carry none.
	if bytes.Contains(c.Options, []byte("__f__")) {
		t.Errorf("%s: options hold a JavaScript function", c.ID)
	}
}

const scriptLabel = `</script><script>alert(1)</script>`

// Text from data must not be able to close the <script> element the options
// are embedded in: json.Marshal escapes <, > and &.
func TestOptionsEscapeScript(t *testing.T) {
	t.Parallel()
	p := newPrinter(t, "en")
	bar, err := NewCountChart(p, Counts{Breakdown: ByType, Rows: []CountRow{
		{Key: "a", Label: scriptLabel + " & more", Count: 40},
		{Key: "b", Label: "Phishing", Count: 3},
		{Key: "c", Label: "Other", Count: 50},
	}})
	if err != nil {
		t.Fatal(err)
	}
	line, err := NewMonitorChart(p, Monitor{Indicator: IndicatorHacking, Series: []Series{
		{Key: "x", Name: scriptLabel, Points: points(2019, 5)},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tpl := template.Must(template.New("chart").Parse(
		`<div data-chart="{{.ID}}"></div><script type="application/json" id="{{.ID}}-options">{{.OptionsJS}}</script>`))
	for _, c := range []Chart{bar, line} {
		if bytes.ContainsAny(c.Options, "<>&") {
			t.Errorf("%s: options hold a raw <, > or &", c.ID)
		}
		if !bytes.Contains(c.Options, []byte(`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`)) {
			t.Errorf("%s: escaped label not found in %s", c.ID, c.Options)
		}
		// The text survives the round trip for ECharts, which draws it as text.
		if !strings.Contains(optionsOf(t, c).Aria.Label.Description+string(mustJSONText(t, c.Options)), scriptLabel) {
			t.Errorf("%s: label lost in decoding", c.ID)
		}
		var page bytes.Buffer
		if err := tpl.Execute(&page, c); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(page.String(), "</script>"); n != 1 {
			t.Errorf("%s: page has %d </script>, want only the closing tag:\n%s", c.ID, n, page.String())
		}
		if !strings.Contains(page.String(), string(c.Options)) {
			t.Errorf("%s: template changed the options", c.ID)
		}
	}
}

// mustJSONText decodes JSON and writes all its strings out, one per line.
func mustJSONText(t *testing.T, b []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	walkJSON(v, func(s string) { out.WriteString(s + "\n") }, func(float64) {})
	return out.Bytes()
}

// walkJSON calls str for every string and num for every number in v.
func walkJSON(v any, str func(string), num func(float64)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			str(k)
			walkJSON(e, str, num)
		}
	case []any:
		for _, e := range x {
			walkJSON(e, str, num)
		}
	case string:
		str(x)
	case float64:
		num(x)
	}
}

// relativeLuminance follows WCAG 2.x.
func relativeLuminance(hex string) float64 {
	channel := func(s string) float64 {
		n, _ := strconv.ParseUint(s, 16, 8)
		c := float64(n) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(hex[1:3]) + 0.7152*channel(hex[3:5]) + 0.0722*channel(hex[5:7])
}

func TestPaletteContrast(t *testing.T) {
	t.Parallel()
	if len(palette) < 3 {
		t.Fatalf("palette has %d colours", len(palette))
	}
	if got := 1.05 / (relativeLuminance("#777777") + 0.05); got < 4.4 || got > 4.5 {
		t.Fatalf("contrast formula is off: #777777 gives %.2f, want 4.48", got)
	}
	seen := map[string]bool{}
	for _, c := range palette {
		if len(c) != 7 || c[0] != '#' || seen[c] {
			t.Fatalf("bad or repeated colour %q", c)
		}
		seen[c] = true
		if ratio := 1.05 / (relativeLuminance(c) + 0.05); ratio < 3 {
			t.Errorf("%s has contrast %.2f:1 against white, want at least 3:1", c, ratio)
		}
	}
	for i := range palette {
		for j := i + 1; j < len(palette); j++ {
			if seriesSymbols[i%len(seriesSymbols)] == seriesSymbols[j%len(seriesSymbols)] &&
				lineTypes[i%len(lineTypes)] == lineTypes[j%len(lineTypes)] {
				t.Errorf("series %d and %d differ by colour alone", i, j)
			}
		}
	}
}

func TestValueDownload(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v       Value
		raw, js string
	}{
		{Value{Number: 13.8, Status: StatusOK}, "13.8", `{"value":13.8,"status":"ok"}`},
		{Value{Number: 1234, Status: StatusOK}, "1234", `{"value":1234,"status":"ok"}`},
		{Value{Status: StatusNotMeasured}, "", `{"value":null,"status":"not_measured"}`},
		{Value{Status: StatusSuppressed}, "", `{"value":null,"status":"suppressed"}`},
		// Even if a number slipped in, a hidden value does not travel.
		{Value{Number: 7, Status: StatusHidden}, "", `{"value":null,"status":"hidden"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if tt.v.Raw() != tt.raw || string(b) != tt.js {
			t.Errorf("%+v: Raw %q JSON %s, want %q %s", tt.v, tt.v.Raw(), b, tt.raw, tt.js)
		}
	}
}
