package auth

import (
	"strings"
	"testing"
)

// lightParams keep tests fast; production uses DefaultPasswordParams.
var lightParams = PasswordParams{Memory: 64, Time: 1, Threads: 1}

func TestHashAndVerifyPassword(t *testing.T) {
	t.Parallel()
	for _, p := range []PasswordParams{lightParams, DefaultPasswordParams()} {
		h, err := HashPassword("correct horse battery", p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$m=") {
			t.Errorf("hash %q is not in PHC format", h)
		}
		h2, _ := HashPassword("correct horse battery", p)
		if h == h2 {
			t.Error("two hashes of one password are equal: no salt")
		}
		for pw, want := range map[string]bool{"correct horse battery": true, "correct horse batterY": false, "": false} {
			ok, err := VerifyPassword(h, pw)
			if err != nil || ok != want {
				t.Errorf("VerifyPassword(%q) = %v, %v; want %v", pw, ok, err, want)
			}
		}
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"} {
		if ok, err := VerifyPassword(bad, "x"); ok || err == nil {
			t.Errorf("VerifyPassword accepted the hash %q", bad)
		}
	}
}

func TestPasswordProblem(t *testing.T) {
	t.Parallel()
	tests := []struct {
		password, want string
	}{
		{"short pass", PasswordTooShort},
		{"elevenchars", PasswordTooShort},
		{strings.Repeat("ab", 65), PasswordTooLong},
		{"password1234", PasswordCommon},
		{"PassWord1234", PasswordCommon},
		{"qwertyuiop123", PasswordCommon},
		{"wachtwoord123", PasswordCommon},
		{"iloveyou2024", PasswordCommon},
		{"aaaaaaaaaaaaaaaa", PasswordCommon},
		{"abababababab", PasswordCommon},
		{"j.devries-secure-2026", PasswordPersonal},
		{"MyCyberhulpPassphrase", PasswordPersonal},
		{"gemeente maastricht rocks", PasswordPersonal},
		{"tulip drizzle orbit canoe", ""},
		{"Zeven-koeien-op-de-dijk", ""},
		{"éléphant rose qui danse", ""},
	}
	for _, tt := range tests {
		if got := PasswordProblem(tt.password, "j.devries@maastricht.nl", "Cyberhulp Maastricht", "Maastricht"); got != tt.want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", tt.password, got, tt.want)
		}
	}
}

func TestCommonPasswordList(t *testing.T) {
	t.Parallel()
	lines := strings.Split(strings.TrimSuffix(commonPasswords, "\n"), "\n")
	if len(lines) < 2000 {
		t.Fatalf("%d common passwords, want a few thousand at least", len(lines))
	}
	for i, l := range lines {
		if len([]rune(l)) < 12 || l != strings.ToLower(l) || strings.TrimSpace(l) != l {
			t.Errorf("line %d %q: want lower case, no spaces around, 12 characters or more", i+1, l)
		}
		if i > 0 && lines[i-1] >= l {
			t.Errorf("line %d %q: not sorted or a duplicate", i+1, l)
		}
	}
}
