package scrub

import (
	"strings"
	"testing"
)

// TestPhoneSpellings writes national and international numbers of the
// Netherlands, Belgium, France, Germany and the UK in every common
// grouping and with every separator, in a sentence, and wants each gone.
func TestPhoneSpellings(t *testing.T) {
	// Each number as its groups: national (with the trunk 0) and the
	// country code.
	numbers := []struct {
		cc     string
		groups []string
	}{
		{"31", []string{"06", "12", "34", "56", "78"}},
		{"31", []string{"06", "1234", "5678"}},
		{"31", []string{"043", "123", "45", "67"}},
		{"31", []string{"020", "765", "4321"}},
		{"32", []string{"0470", "12", "34", "56"}},
		{"32", []string{"02", "123", "45", "67"}},
		{"33", []string{"06", "12", "34", "56", "78"}},
		{"33", []string{"01", "44", "55", "66", "77"}},
		{"49", []string{"030", "1234", "5678"}},
		{"49", []string{"0151", "2345", "6789"}},
		{"49", []string{"0241", "889", "1234"}},
		{"44", []string{"020", "7946", "0958"}},
		{"44", []string{"07700", "900", "123"}},
		{"44", []string{"0161", "496", "0000"}},
	}
	for _, n := range numbers {
		for _, sep := range []string{" ", ".", "-", "–", ""} {
			national := strings.Join(n.groups, sep)
			bracketed := "(" + n.groups[0] + ") " + strings.Join(n.groups[1:], sep)
			rest := strings.TrimPrefix(n.groups[0], "0")
			intl := "+" + n.cc + " " + strings.Join(append([]string{rest}, n.groups[1:]...), sep)
			trunk := "+" + n.cc + " (0)" + strings.Join(append([]string{rest}, n.groups[1:]...), sep)
			double := "00" + n.cc + " " + strings.Join(append([]string{rest}, n.groups[1:]...), sep)
			for _, number := range []string{national, bracketed, intl, trunk, double} {
				in := "Ze belden me vanaf " + number + ", gisteren."
				if got := Anonymise(in); got != "Ze belden me vanaf [phone], gisteren." {
					t.Errorf("%q\n  gives %q", in, got)
				}
			}
		}
	}
}

// TestEmailSpellings writes addresses with every common way of hiding the
// at and the dots, in a sentence, and wants each gone.
func TestEmailSpellings(t *testing.T) {
	ats := []string{"@", " @ ", "(at)", " (at) ", "[at]", " [at] ", "{at}", " at ", " AT ", "(a)", " arobase ", " apenstaartje ", "(@)"}
	dots := []string{".", " . ", "(dot)", " (dot) ", "[dot]", " [dot] ", " dot ", " DOT ", " punt ", " point "}
	for _, at := range ats {
		for _, dot := range dots {
			// A spaced " . " in the mailbox name would join a sentence's
			// words, so the scrubber does not read it there.
			localDot := dot
			if dot == " . " {
				localDot = "."
			}
			address := "jan" + localDot + "jansen" + at + "gmail" + dot + "com"
			if strings.TrimSpace(at) == "at" || strings.TrimSpace(at) == "AT" {
				if dot == "." {
					continue // "jan.jansen at gmail.com" is tested below
				}
			}
			in := "Mail me op " + address + " graag."
			if got := Anonymise(in); got != "Mail me op [email] graag." {
				t.Errorf("%q\n  gives %q", in, got)
			}
		}
	}
	for in, want := range map[string]string{
		"mail jan.jansen at gmail.com": "mail [email]",
		"I logged in at booking.com":   "I logged in at booking[.]com",
	} {
		if got := Anonymise(in); got != want {
			t.Errorf("%q gives %q, want %q", in, got, want)
		}
	}
}

// TestNumberSpellings writes IBANs, cards, BSNs, IP addresses and plates
// in their common spellings, in a sentence, and wants each replaced.
func TestNumberSpellings(t *testing.T) {
	group := func(s string, n int, sep string) string {
		var parts []string
		for len(s) > n {
			parts, s = append(parts, s[:n]), s[n:]
		}
		return strings.Join(append(parts, s), sep)
	}
	cases := map[string][]string{}
	for _, sep := range []string{" ", ".", "-", ""} {
		for _, iban := range []string{"NL91ABNA0417164300", "BE68539007547034", "DE89370400440532013000", "FR1420041010050500013M02606", "GB82WEST12345698765432"} {
			cases["[iban]"] = append(cases["[iban]"], group(iban, 4, sep), strings.ToLower(group(iban, 4, sep)))
		}
		cases["[card]"] = append(cases["[card]"], "creditcard "+group("4929123456789012", 4, sep))
		for _, card := range []string{"4111111111111111", "5500000000000004", "4929123456789012"} {
			if sep != "" || luhn(card) { // in one piece only the Luhn check tells
				cases["[card]"] = append(cases["[card]"], group(card, 4, sep))
			}
		}
		cases["[card]"] = append(cases["[card]"], "3782"+sep+"822463"+sep+"10005")
	}
	for _, bsn := range []string{"123456782", "123.456.782", "123-456-782", "123 456 782", "1234.56.782", "111222333"} {
		cases["[bsn]"] = append(cases["[bsn]"], "BSN "+bsn, "burgerservicenummer: "+bsn)
	}
	cases["[ip]"] = []string{"192.168.1.10", "192.168.001.010", "085.012.034.056", "2001:db8::1", "84.23.1.5"}
	cases["[plate]"] = []string{"12-ABC-3", "GH-123-K", "AB-12-CD", "12-AB-34", "1-ABC-123", "AB-123-CD", "AC-XY 1234", "M-AB 123", "AB12 CDE",
		"kenteken 12abc3", "kenteken 12 abc 3", "plaque ab 123 cd", "Kennzeichen m ab 123"}
	for want, values := range cases {
		for _, v := range values {
			in := "Het ging om " + v + ", zei ik."
			got := Anonymise(in)
			if !strings.Contains(got, want) || strings.Contains(got, strings.Fields(v)[len(strings.Fields(v))-1]) {
				t.Errorf("%q\n  gives %q, want %s", in, got, want)
			}
		}
	}
}
