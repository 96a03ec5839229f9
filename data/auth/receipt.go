package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
)

// receiptAlphabet is Crockford's base32: digits and capitals without I, L, O
// and U, so a code read aloud or copied by hand has no look-alikes.
const receiptAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// receiptLen is the number of characters in a code: 16 × 5 bits = 80 bits.
const receiptLen = 16

var receiptEncoding = base32.NewEncoding(receiptAlphabet).WithPadding(base32.NoPadding)

// ReceiptCode is the secret a reporter gets once after sending a report
// ("ontvangstcode", "receipt code", "code de suivi"): 16 characters from
// Crockford's base32 alphabet, 80 bits from crypto/rand, kept in its
// normalised form (no dashes). The store keeps only its SHA-256.
type ReceiptCode string

// NewReceiptCode draws a fresh code.
func NewReceiptCode() (ReceiptCode, error) {
	var b [receiptLen * 5 / 8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("auth: receipt code: %w", err)
	}
	return ReceiptCode(receiptEncoding.EncodeToString(b[:])), nil
}

// ParseReceiptCode reads a code as a person types it: in any case, with or
// without dashes or spaces, with O for 0 and I or L for 1. The second result
// is false for anything that cannot be a code.
func ParseReceiptCode(s string) (ReceiptCode, bool) {
	norm := normaliseReceipt(s)
	c := ReceiptCode(norm)
	return c, c.Valid()
}

// normaliseReceipt maps what a person may type onto the alphabet. The
// result is only a code when Valid says so.
func normaliseReceipt(s string) string {
	if len(s) > 64 {
		s = s[:64] // a code is 19 characters with dashes; the rest is noise
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case '-', ' ', '\t', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Valid reports whether c is a code in its normalised form: 16 characters
// from the alphabet.
func (c ReceiptCode) Valid() bool {
	s := string(c)
	if len(s) != receiptLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(receiptAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// String is the code as shown to people, in groups of four: K7QM-9XTD-H3WP-2RBF.
func (c ReceiptCode) String() string { return inFours(string(c), '-') }

// inFours writes s in groups of four characters with sep between them, as
// people read codes aloud and type them.
func inFours(s string, sep byte) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// Hash is what the store keeps instead of the code. A plain SHA-256 is
// enough: slow hashes protect guessable passwords, but this secret has 80
// random bits, so trying every code costs 2^80 hashes whatever the hash.
func (c ReceiptCode) Hash() []byte {
	sum := sha256.Sum256([]byte(c))
	return sum[:]
}
