package auth

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTOTPRFC6238Vectors checks the code generator against every test vector
// of RFC 6238, appendix B: eight digits, the three hash functions, each with
// its own seed.
func TestTOTPRFC6238Vectors(t *testing.T) {
	t.Parallel()
	seeds := map[string]struct {
		h   func() hash.Hash
		key string
	}{
		"SHA1":   {sha1.New, "12345678901234567890"},
		"SHA256": {sha256.New, "12345678901234567890123456789012"},
		"SHA512": {sha512.New, "1234567890123456789012345678901234567890123456789012345678901234"},
	}
	tests := []struct {
		unix int64
		alg  string
		want string
	}{
		{59, "SHA1", "94287082"}, {59, "SHA256", "46119246"}, {59, "SHA512", "90693936"},
		{1111111109, "SHA1", "07081804"}, {1111111109, "SHA256", "68084774"}, {1111111109, "SHA512", "25091201"},
		{1111111111, "SHA1", "14050471"}, {1111111111, "SHA256", "67062674"}, {1111111111, "SHA512", "99943326"},
		{1234567890, "SHA1", "89005924"}, {1234567890, "SHA256", "91819424"}, {1234567890, "SHA512", "93441116"},
		{2000000000, "SHA1", "69279037"}, {2000000000, "SHA256", "90698825"}, {2000000000, "SHA512", "38618901"},
		{20000000000, "SHA1", "65353130"}, {20000000000, "SHA256", "77737706"}, {20000000000, "SHA512", "47863826"},
	}
	for _, tt := range tests {
		s := seeds[tt.alg]
		step := TOTPStep(time.Unix(tt.unix, 0))
		if got := hotp(s.h, []byte(s.key), uint64(step), 8); got != tt.want {
			t.Errorf("T=%d %s: %s, want %s", tt.unix, tt.alg, got, tt.want)
		}
	}
	// The six-digit code apps show is the last six digits of the same number.
	if got := TOTPCode([]byte("12345678901234567890"), TOTPStep(time.Unix(59, 0))); got != "287082" {
		t.Errorf("six-digit code at T=59: %s, want 287082", got)
	}
}

func TestMatchTOTP(t *testing.T) {
	t.Parallel()
	key := []byte("12345678901234567890")
	now := time.Unix(1111111111, 0)
	step := TOTPStep(now)
	code := func(s int64) string { return TOTPCode(key, s) }
	tests := []struct {
		name     string
		code     string
		lastStep int64
		wantOK   bool
		wantStep int64
	}{
		{"current step", code(step), 0, true, step},
		{"one step back", code(step - 1), 0, true, step - 1},
		{"one step ahead", code(step + 1), 0, true, step + 1},
		{"two steps back", code(step - 2), 0, false, 0},
		{"two steps ahead", code(step + 2), 0, false, 0},
		{"spaces and dashes ignored", code(step)[:3] + " " + code(step)[3:], 0, true, step},
		{"used already", code(step), step, false, 0},
		{"older than the last used", code(step - 1), step, false, 0},
		{"newer than the last used", code(step + 1), step, true, step + 1},
		{"wrong code", "000000", 0, code(step) == "000000" || code(step-1) == "000000" || code(step+1) == "000000", step},
		{"too short", code(step)[:5], 0, false, 0},
		{"empty", "", 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MatchTOTP(key, tt.code, now, tt.lastStep)
			if ok != tt.wantOK || (ok && got != tt.wantStep) {
				t.Errorf("MatchTOTP(%q) = %d, %v; want %d, %v", tt.code, got, ok, tt.wantStep, tt.wantOK)
			}
		})
	}
}

func TestTOTPSecretAndURI(t *testing.T) {
	t.Parallel()
	key, err := NewTOTPSecret()
	if err != nil || len(key) != 20 {
		t.Fatalf("key %d bytes, %v", len(key), err)
	}
	other, _ := NewTOTPSecret()
	if string(key) == string(other) {
		t.Error("two keys are the same")
	}
	text := TOTPSecretText([]byte("12345678901234567890"))
	if text != "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" {
		t.Errorf("secret text %q", text)
	}
	u, err := url.Parse(TOTPURI([]byte("12345678901234567890"), "Cyberhulp Maastricht", "an@example.nl"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || !strings.HasPrefix(u.Path, "/Cyberhulp Maastricht:an@example.nl") ||
		q.Get("secret") != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" || q.Get("issuer") != "Cyberhulp Maastricht" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("URI %s", u)
	}
}
