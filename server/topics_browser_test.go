package server

import (
	"testing"

	"github.com/chromedp/chromedp"

	"cyberportal/i18n"
)

// TestBrowserNewTopicsAccessible runs axe-core over the ten articles added
// for issue 11 in every language: their lists, links rendered from the
// directory and headings must pass like the rest of the site.
func TestBrowserNewTopicsAccessible(t *testing.T) {
	base, _ := startPortal(t)
	ctx, probe := newTab(t)
	slugs := []string{"fake-customer-service", "job-and-task-scams", "romance-scams", "rental-fraud", "my-data-leaked",
		"money-mules", "acquisition-fraud", "deepfake-fraud", "online-harassment", "phone-threats"}
	for _, lang := range i18n.Languages() {
		for _, slug := range slugs {
			where := lang + " " + slug
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+lang+"/advice/"+slug)); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			probe.check(t, where)
			checkAccessible(t, ctx, where)
		}
	}
}
