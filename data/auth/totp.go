package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"hash"
	"net/url"
	"strings"
	"time"
)

// Time-based one-time passwords (RFC 6238) as authenticator apps make them:
// HMAC-SHA-1, 30-second steps, six digits. RFC 6238 is HOTP (RFC 4226) on a
// counter of time steps, a few lines on crypto/hmac; written here rather than
// taken from a library because the login must know which step a code
// matched, to refuse the same code twice.
const (
	TOTPPeriod = 30 // seconds per step
	TOTPDigits = 6
)

// NewTOTPSecret returns a random 160-bit key, the size RFC 4226 recommends.
func NewTOTPSecret() ([]byte, error) {
	key := make([]byte, 20)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("auth: totp key: %w", err)
	}
	return key, nil
}

// TOTPStep is the time step that t falls in.
func TOTPStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// TOTPCode is the code for a time step with HMAC-SHA-1 and six digits.
func TOTPCode(key []byte, step int64) string {
	return hotp(sha1.New, key, uint64(step), TOTPDigits)
}

// hotp is RFC 4226's HOTP with a choice of hash, as RFC 6238 allows.
func hotp(h func() hash.Hash, key []byte, counter uint64, digits int) string {
	mac := hmac.New(h, key)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// MatchTOTP checks a code against the step of now and one step either side
// (clocks drift, and people type slowly), but only steps after lastStep, so a
// code that was used once is refused. It returns the matched step.
func MatchTOTP(key []byte, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, code)
	if len(code) != TOTPDigits {
		return 0, false
	}
	cur := TOTPStep(now)
	matched, found := int64(0), 0
	for step := cur - 1; step <= cur+1; step++ {
		// Compare every candidate in constant time, and do not stop early.
		eq := subtle.ConstantTimeCompare([]byte(TOTPCode(key, step)), []byte(code))
		if eq == 1 && step > lastStep && found == 0 {
			matched, found = step, 1
		}
	}
	return matched, found == 1
}

// TOTPSecretText is the key in base32, in groups of four, for typing into an
// authenticator app by hand.
func TOTPSecretText(key []byte) string {
	return inFours(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(key), ' ')
}

// TOTPURI is the otpauth:// URI that authenticator apps read from a QR code
// (Google Authenticator's "Key Uri Format").
func TOTPURI(key []byte, issuer, account string) string {
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(key)
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", fmt.Sprint(TOTPDigits))
	q.Set("period", fmt.Sprint(TOTPPeriod))
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	return "otpauth://totp/" + label + "?" + q.Encode()
}
