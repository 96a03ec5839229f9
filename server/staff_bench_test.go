package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cyberportal/data"
	"cyberportal/data/auth"
	"cyberportal/i18n"
)

// TestBenchWarnings loads the pages that the warnings put on the public's hot
// path with wrk: the home page without and with three warnings (kept in
// memory until a warning changes), the warnings page and the Atom feed
// (read from the database on every request), next to nginx serving the
// same bytes of the home page. It also
// times one staff login's argon2id.
func TestBenchWarnings(t *testing.T) {
	skipUnlessBench(t)
	base, s := startPortal(t)
	editor := addTestStaff(t, s, "bench@example.nl", data.RoleEditor)
	const conns, dur = 64, 8 * time.Second
	runWrk(t, base+"/nl/", conns, 2*time.Second) // warm up
	plain := runWrk(t, base+"/nl/", conns, dur)
	for i := 0; i < 3; i++ {
		texts := map[string]data.WarningText{}
		for _, l := range i18n.Languages() {
			texts[l] = data.WarningText{Title: fmt.Sprintf("Waarschuwing %d", i),
				Body: "Oplichters sturen een **sms** over een pakket. Klik niet op de link, maar kijk in de app van de vervoerder.\n\n- Betaal niets\n- Bel bij twijfel de afzender"}
		}
		id, err := s.store.CreateWarning(t.Context(), &data.Warning{Texts: texts, Article: "phishing"}, editor.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.store.PublishWarning(t.Context(), id, i18n.Languages(), editor.ID, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := http.Get(base + "/nl/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(home), "home-warnings") {
		t.Fatal("the home page shows no warnings")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	os.MkdirAll(filepath.Join(dir, "www"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "www", "index.html"), home, 0o644); err != nil {
		t.Fatal(err)
	}
	ref := startNginx(t, dir, "")
	runWrk(t, ref+"/", conns, 2*time.Second)

	withWarnings := runWrk(t, base+"/nl/", conns, dur)
	nginx := runWrk(t, ref+"/", conns, dur)
	list := runWrk(t, base+"/nl/warnings", conns, dur)
	feed := runWrk(t, base+"/nl/warnings.atom", conns, dur)
	hash, _ := auth.HashPassword(testPassword, auth.DefaultPasswordParams())
	start := time.Now()
	const n = 20
	for i := 0; i < n; i++ {
		auth.VerifyPassword(hash, testPassword)
	}
	per := time.Since(start) / n

	fmt.Printf("\nIssue 5 public pages, wrk -t2 -c%d -d%v, all on this machine:\n", conns, dur)
	fmt.Printf("  /nl/ without warnings   %s\n", plain)
	fmt.Printf("  /nl/ with 3 warnings    %s   (%d bytes)\n", withWarnings, len(home))
	fmt.Printf("  nginx, the same bytes   %s\n", nginx)
	fmt.Printf("  /nl/warnings            %s\n", list)
	fmt.Printf("  /nl/warnings.atom       %s\n", feed)
	fmt.Printf("  home with warnings/nginx: %.0f%%; with/without warnings: %.0f%%\n", 100*withWarnings.RPS/nginx.RPS, 100*withWarnings.RPS/plain.RPS)
	fmt.Printf("  one staff login's argon2id (19 MiB, t=2): %v, so about %.0f logins/s with the 2 hashing slots\n\n",
		per.Round(time.Millisecond), 2*float64(time.Second)/float64(per))
}
