package scrub

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var (
	directoryPhoneRe = regexp.MustCompile(`(?m)^(phone|phone_abroad):\s*"([^"]+)"`)
	directoryWebRe   = regexp.MustCompile(`(?m)^web:\s*"(https?://(?:www\.)?([^/"]+)[^"]*)"`)
)

// directoryFiles returns the text of every body in the directory of
// official bodies (content/directory/*.yaml) by file path.
func directoryFiles(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../../content/directory/*.yaml")
	if err != nil || len(files) == 0 {
		t.Skipf("no directory of official bodies here (%v)", err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// TestOfficialNumbersFollowTheDirectory reads every body in the directory
// (content/directory/*.yaml) and fails on a phone number that is missing
// from officialNumbers or that the scrubber would remove from a report.
func TestOfficialNumbersFollowTheDirectory(t *testing.T) {
	found := 0
	for f, b := range directoryFiles(t) {
		for _, m := range directoryPhoneRe.FindAllStringSubmatch(b, -1) {
			found++
			number := m[2]
			if !official(number) {
				t.Errorf("%s: %s %q is not in officialNumbers", filepath.Base(f), m[1], number)
			}
			for _, text := range []string{"Ik heb " + number + " gebeld.", "Call " + number + " now"} {
				if got := Anonymise(text); got != text {
					t.Errorf("%s: %q becomes %q", filepath.Base(f), text, got)
				}
			}
		}
	}
	if found == 0 {
		t.Error("found no phone numbers in the directory: has its format changed?")
	}
}

// TestOfficialHostsFollowTheDirectory: every body's web site is kept as
// written in a report, with its path; its query is still scrubbed, and a
// look-alike host is defanged.
func TestOfficialHostsFollowTheDirectory(t *testing.T) {
	found := 0
	for f, b := range directoryFiles(t) {
		for _, m := range directoryWebRe.FindAllStringSubmatch(b, -1) {
			found++
			for _, text := range []string{"Ik las het op " + m[2] + ".", "See " + m[1] + " now", "op " + m[2] + "/aangifte gelezen"} {
				if got := Anonymise(text); got != text {
					t.Errorf("%s: %q becomes %q", filepath.Base(f), text, got)
				}
			}
		}
	}
	if found == 0 {
		t.Error("found no web sites in the directory: has its format changed?")
	}
	for in, want := range map[string]string{
		"op politie.nl.veilig-inloggen.com gezet":               "op politie[.]nl[.]veilig-inloggen[.]com gezet",
		"op nepolitie.nl gezet":                                 "op nepolitie[.]nl gezet",
		"https://www.politie.nl/x?token=9f8e7d6c5b4a3 gekregen": "https://www.politie.nl/x?token=[token] gekregen",
	} {
		if got := Anonymise(in); got != want {
			t.Errorf("Anonymise(%q) = %q, want %q", in, got, want)
		}
	}
}
