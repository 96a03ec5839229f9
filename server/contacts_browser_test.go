package server

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"cyberportal/i18n"
)

// TestBrowserContactsAccessible opens /{lang}/contacts in the browser at
// desktop and phone width, runs axe on it and, with SCREENSHOTS set, saves
// what it looks like.
func TestBrowserContactsAccessible(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	for _, width := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 320, 640}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width.w, width.h)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range i18n.Languages() {
			where := lang + " contacts " + width.name
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/contacts")); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			probe.check(t, where)
			checkAccessible(t, ctx, where)
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow > 0 {
				t.Errorf("%s: the page scrolls sideways by %dpx", where, overflow)
			}
			screenshot(t, ctx, lang+"-contacts-"+width.name)
			viewportShot(t, ctx, lang+"-contacts-"+width.name+"-top")
			if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS("#by-country"))); err != nil {
				t.Fatal(err)
			}
			viewportShot(t, ctx, lang+"-contacts-"+width.name+"-countries")
		}
	}
}

// viewportShot saves what is on the screen, when SCREENSHOTS is set: a long
// page's full screenshot is too tall to look at.
func viewportShot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}
