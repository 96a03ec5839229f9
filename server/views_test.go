package server

import (
	"strings"
	"testing"
	"testing/fstest"

	"cyberportal/i18n"
)

// TestBrokenTemplateStopsStartUp checks that a template error is found when
// the portal starts, with the file named, not when a visitor opens the page.
func TestBrokenTemplateStopsStartUp(t *testing.T) {
	t.Parallel()
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	layout := &fstest.MapFile{Data: []byte(`{{define "layout"}}<main>{{block "main" .}}{{end}}</main>{{end}}`)}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"unclosed action", fstest.MapFS{"templates/layout/l.html": layout, "templates/pages/broken.html": {Data: []byte(`{{define "main"}}{{if .X}}{{end}}`)}}, "templates/pages/broken.html"},
		{"unknown function", fstest.MapFS{"templates/layout/l.html": layout, "templates/pages/fn.html": {Data: []byte(`{{define "main"}}{{nosuch 1}}{{end}}`)}}, "templates/pages/fn.html"},
		{"broken layout", fstest.MapFS{"templates/layout/l.html": {Data: []byte(`{{define "layout"}}`)}}, "parse layout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadViews(tt.files, as)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadViews: %v, want an error naming %q", err, tt.want)
			}
		})
	}
	if _, err := loadViews(fstest.MapFS{"templates/layout/l.html": layout, "templates/pages/ok.html": {Data: []byte(`{{define "main"}}ok{{end}}`)}}, as); err != nil {
		t.Errorf("a valid tree fails: %v", err)
	}
}

func TestBrokenArticleStopsStartUp(t *testing.T) {
	t.Parallel()
	bad := fstest.MapFS{}
	for _, l := range i18n.Languages() {
		bad[l+"/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\naudience: both\nthreat: phishing\nreviewed: 2026-11-23\nrelated: []\n---\nx\n")}
	}
	bad["fr/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\nsummary: S\naudience: nobody\nthreat: phishing\nreviewed: 2026-11-23\nrelated: []\n---\nx\n")}
	_, err := New(testConfig(t), Deps{Content: bad})
	if err == nil || !strings.Contains(err.Error(), "fr/a.md") {
		t.Errorf("New with a broken article: %v, want an error naming fr/a.md", err)
	}
}
