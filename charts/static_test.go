package charts

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// maxBundleGzip is the budget for static/charts.js, gzipped.
const maxBundleGzip = 250 * 1024

func TestStaticBundle(t *testing.T) {
	t.Parallel()
	js, err := fs.ReadFile(Static, "static/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := w.Write(js); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("charts.js: %d bytes, %d gzipped", len(js), gz.Len())
	if gz.Len() > maxBundleGzip {
		t.Errorf("charts.js is %d bytes gzipped, budget %d", gz.Len(), maxBundleGzip)
	}
	pkg := readPackageJSON(t)
	banner := "/*! cyberportal charts.js. Bundles Apache ECharts " + pkg.DevDependencies["echarts"] + " "
	if !bytes.HasPrefix(js, []byte(banner)) {
		t.Errorf("charts.js does not start with the licence banner for the pinned ECharts: %.120s", js)
	}
	// The init code made it in: it looks for data-chart and the -options block.
	for _, s := range []string{"[data-chart]", "-options", "_format"} {
		if !bytes.Contains(js, []byte(s)) {
			t.Errorf("charts.js lacks %q", s)
		}
	}
}

type packageJSON struct {
	Private         bool              `json:"private"`
	Scripts         map[string]string `json:"scripts"`
	DevDependencies map[string]string `json:"devDependencies"`
	Dependencies    map[string]string `json:"dependencies"`
}

func readPackageJSON(t *testing.T) packageJSON {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("assets", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg packageJSON
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	return pkg
}

func TestAssetsPinned(t *testing.T) {
	t.Parallel()
	pkg := readPackageJSON(t)
	if !pkg.Private || len(pkg.Dependencies) != 0 {
		t.Errorf("package.json: private %v, dependencies %v", pkg.Private, pkg.Dependencies)
	}
	exact := regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	for _, name := range []string{"echarts", "esbuild"} {
		if !exact.MatchString(pkg.DevDependencies[name]) {
			t.Errorf("%s is %q, want an exact version", name, pkg.DevDependencies[name])
		}
	}
	if b := pkg.Scripts["build"]; !strings.Contains(b, "esbuild") || !strings.Contains(b, "--outfile=../static/charts.js") || !strings.Contains(b, "--minify") {
		t.Errorf("build script %q", b)
	}

	raw, err := os.ReadFile(filepath.Join("assets", "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version   string `json:"version"`
			Integrity string `json:"integrity"`
			Resolved  string `json:"resolved"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(raw, &lock); err != nil {
		t.Fatal(err)
	}
	if lock.LockfileVersion < 3 {
		t.Errorf("lockfileVersion %d", lock.LockfileVersion)
	}
	for path, p := range lock.Packages {
		if path == "" {
			continue
		}
		if !strings.HasPrefix(p.Integrity, "sha512-") {
			t.Errorf("%s has no sha512 integrity", path)
		}
		if p.Resolved != "" && !strings.HasPrefix(p.Resolved, "https://") {
			t.Errorf("%s resolves to %q", path, p.Resolved)
		}
	}
	for _, name := range []string{"echarts", "esbuild"} {
		if got := lock.Packages["node_modules/"+name].Version; got != pkg.DevDependencies[name] {
			t.Errorf("lock has %s %s, package.json %s", name, got, pkg.DevDependencies[name])
		}
	}
}

// The entry imports only the parts of ECharts it uses, never the whole.
func TestAssetsEntryImports(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("assets", "src", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"echarts/core": true, "echarts/charts": true, "echarts/components": true, "echarts/features": true, "echarts/renderers": true}
	from := regexp.MustCompile(`from\s+'([^']+)'`)
	found := from.FindAllStringSubmatch(string(src), -1)
	if len(found) != len(allowed) {
		t.Errorf("imports %v", found)
	}
	for _, m := range found {
		if !allowed[m[1]] {
			t.Errorf("imports %q", m[1])
		}
	}
	for _, want := range []string{"LineChart", "BarChart", "AriaComponent", "SVGRenderer", "LabelLayout", "renderer: 'svg'", "DOMContentLoaded", "resize"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("entry lacks %q", want)
		}
	}
}
