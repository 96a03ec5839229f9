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

// maxBundleGzip is the budget for the whole bundle, static/charts.js and
// static/draw.js, gzipped.
const maxBundleGzip = 250 * 1024

// maxLoaderGzip bounds static/charts.js, the only script the page loads up
// front: it must stay a loader, not grow into the bundle.
const maxLoaderGzip = 2 * 1024

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return gz.Len()
}

func TestStaticBundle(t *testing.T) {
	loader, err := fs.ReadFile(Static, "static/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	js, err := fs.ReadFile(Static, "static/draw.js")
	if err != nil {
		t.Fatal(err)
	}
	lz, dz := gzipSize(t, loader), gzipSize(t, js)
	t.Logf("charts.js: %d bytes, %d gzipped; draw.js: %d bytes, %d gzipped", len(loader), lz, len(js), dz)
	if lz+dz > maxBundleGzip {
		t.Errorf("the bundle is %d bytes gzipped, budget %d", lz+dz, maxBundleGzip)
	}
	if lz > maxLoaderGzip {
		t.Errorf("charts.js is %d bytes gzipped: the loader must stay under %d", lz, maxLoaderGzip)
	}
	pkg := readPackageJSON(t)
	banner := "/*! cyberportal draw.js. Bundles Apache ECharts " + pkg.DevDependencies["echarts"] + " "
	if !bytes.HasPrefix(js, []byte(banner)) {
		t.Errorf("draw.js does not start with the licence banner for the pinned ECharts: %.120s", js)
	}
	// The drawing code made it in: it reads the -options block and the hint.
	for _, s := range []string{"-options", "_format", "cyberportalCharts"} {
		if !bytes.Contains(js, []byte(s)) {
			t.Errorf("draw.js lacks %q", s)
		}
	}
	// The loader draws charts as they come into view, from data-draw.
	for _, s := range []string{"[data-chart]", "IntersectionObserver", "dataset.draw", "cyberportalCharts"} {
		if !bytes.Contains(loader, []byte(s)) {
			t.Errorf("charts.js lacks %q", s)
		}
	}
	if bytes.Contains(loader, []byte("echarts")) {
		t.Error("charts.js bundles ECharts: it must only load draw.js")
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
	if b := pkg.Scripts["build"]; !strings.Contains(b, "esbuild") || !strings.Contains(b, "--outfile=../static/charts.js") ||
		!strings.Contains(b, "--outfile=../static/draw.js") || !strings.Contains(b, "--minify") {
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
	src, err := os.ReadFile(filepath.Join("assets", "src", "draw.js"))
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
	for _, want := range []string{"LineChart", "BarChart", "AriaComponent", "SVGRenderer", "LabelLayout", "renderer: 'svg'", "MarkLineComponent", "resize"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("entry lacks %q", want)
		}
	}
}
