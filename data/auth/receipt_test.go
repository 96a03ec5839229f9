package auth

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
)

var shownCode = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$`)

func TestNewReceiptCode(t *testing.T) {
	t.Parallel()
	seen := map[ReceiptCode]bool{}
	symbols := map[rune]bool{}
	for range 2000 {
		c, err := NewReceiptCode()
		if err != nil {
			t.Fatal(err)
		}
		if !shownCode.MatchString(c.String()) {
			t.Fatalf("code %q shows as %q, want four groups of four from the alphabet", c, c.String())
		}
		if seen[c] {
			t.Fatalf("code %s drawn twice", c)
		}
		seen[c] = true
		for _, r := range c {
			symbols[r] = true
		}
		if again, ok := ParseReceiptCode(c.String()); !ok || again != c {
			t.Fatalf("ParseReceiptCode(%q) = %q, %v", c.String(), again, ok)
		}
	}
	// 32,000 characters drawn: every symbol of the alphabet must occur, or
	// part of the 80 bits is not random.
	if len(symbols) != len(receiptAlphabet) {
		t.Errorf("only %d of %d symbols ever drawn", len(symbols), len(receiptAlphabet))
	}
	for _, bad := range "ILOU" {
		if symbols[bad] {
			t.Errorf("ambiguous letter %c in a code", bad)
		}
	}
}

func TestParseReceiptCode(t *testing.T) {
	t.Parallel()
	const want = ReceiptCode("K7QM9XTDH3WP2RBF")
	tests := []struct {
		name, in string
		want     ReceiptCode
		ok       bool
	}{
		{"as shown", "K7QM-9XTD-H3WP-2RBF", want, true},
		{"without dashes", "K7QM9XTDH3WP2RBF", want, true},
		{"lower case with spaces", " k7qm 9xtd h3wp 2rbf ", want, true},
		{"typographic dashes", "K7QM–9XTD—H3WP‑2RBF", want, true},
		{"O for zero, I and L for one", "OOOO-IIII-LLLL-1111", "0000111111111111", true},
		{"lower-case l and o", "oooo-llll-0000-1111", "0000111100001111", true},
		{"too short", "K7QM-9XTD-H3WP-2RB", "", false},
		{"too long", "K7QM-9XTD-H3WP-2RBFX", "", false},
		{"U is not in the alphabet", "U7QM-9XTD-H3WP-2RBF", "", false},
		{"punctuation", "K7QM.9XTD.H3WP.2RBF", "", false},
		{"empty", "", "", false},
		{"markup", "<script>alert(1)</script>", "", false},
		{"very long input", strings.Repeat("A", 10000), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseReceiptCode(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseReceiptCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReceiptHashIsSHA256OfTheNormalisedCode(t *testing.T) {
	t.Parallel()
	a, _ := ParseReceiptCode("k7qm-9xtd-h3wp-2rbf")
	b, _ := ParseReceiptCode("K7QM9XTDH3WP2RBF")
	sum := sha256.Sum256([]byte("K7QM9XTDH3WP2RBF"))
	if !bytes.Equal(a.Hash(), sum[:]) || !bytes.Equal(b.Hash(), sum[:]) {
		t.Errorf("hash of a code typed two ways differs from SHA-256 of its normal form")
	}
	if strings.Contains(string(a.Hash()), "K7QM") {
		t.Error("the hash contains the code")
	}
}
