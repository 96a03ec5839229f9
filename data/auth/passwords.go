package auth

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// commonPasswords are widely used passwords of 12 characters or more, from
// public breach lists and the patterns they are full of, one per line in
// lower case. See passwords/README.md for how the list is made.
//
//go:embed passwords/common.txt
var commonPasswords string

// PasswordParams are argon2id's costs. They are stored with every hash, so
// raising them later only affects new passwords.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultPasswordParams are OWASP's first argon2id setting (19 MiB, two
// passes, one thread): tens of milliseconds here, and little memory, so a
// burst of login attempts cannot exhaust the machine.
func DefaultPasswordParams() PasswordParams {
	return PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1}
}

// Password length limits, counted in runes. The maximum only guards the
// hashing work; NIST SP 800-63B asks to allow at least 64.
const (
	PasswordMinRunes = 12
	PasswordMaxRunes = 128
)

// Password problems, as PasswordProblem reports them.
const (
	PasswordTooShort = "short"
	PasswordTooLong  = "long"
	PasswordCommon   = "common"
	PasswordPersonal = "personal"
)

// PasswordProblem says what is wrong with a new password, or "" when it is
// acceptable: too short or long, on the list of common passwords (compared
// case-insensitively), too repetitive, or containing the e-mail address's
// local part or one of the context words (the site's and municipality's name).
func PasswordProblem(password, email string, context ...string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < PasswordMinRunes:
		return PasswordTooShort
	case n > PasswordMaxRunes:
		return PasswordTooLong
	}
	lower := strings.ToLower(password)
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 5 || isCommonPassword(lower) {
		return PasswordCommon
	}
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	words := []string{local}
	for _, c := range context {
		c = strings.ToLower(c)
		words = append(words, strings.ReplaceAll(c, " ", ""))
		words = append(words, strings.Fields(c)...)
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 4 && strings.Contains(lower, w) {
			return PasswordPersonal
		}
	}
	return ""
}

// isCommonPassword looks the lower-case password up in the embedded list. A
// linear scan of a few thousand lines is fast enough for a form that a staff
// member sends once, and keeps the list out of memory otherwise.
func isCommonPassword(lower string) bool {
	rest := commonPasswords
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if line == lower {
			return true
		}
	}
	return false
}

// HashPassword hashes a password with argon2id and a random salt, in the PHC
// string format: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func HashPassword(password string, p PasswordParams) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("auth: not an argon2id hash")

// VerifyPassword reports whether password matches the encoded hash. The
// comparison takes the same time wherever the first difference is.
func VerifyPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	var p PasswordParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, errBadHash
	}
	// Bounds, so a damaged row cannot make one login take minutes or gigabytes.
	if p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 16 || p.Threads < 1 {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) < 16 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
