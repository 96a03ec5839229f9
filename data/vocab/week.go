package vocab

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Week is the ISO week a report keeps instead of its time, 2026-W47: the
// finest time anything stored may tell.
func Week(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// ParseWeek reads a week as people type it (2026-W47, 2026-W3, 2026w03,
// 2026W3, with spaces around) and returns it as Week writes it.
func ParseWeek(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || !isDigits(s[:4]) {
		return "", false
	}
	rest := strings.TrimPrefix(s[4:], "-")
	if len(rest) < 2 || (rest[0] != 'W' && rest[0] != 'w') || len(rest) > 3 || !isDigits(rest[1:]) {
		return "", false
	}
	w, _ := strconv.Atoi(rest[1:])
	if w < 1 || w > 53 {
		return "", false
	}
	return fmt.Sprintf("%s-W%02d", s[:4], w), true
}

// IsWeek reports whether s is a week exactly as Week writes it, as the
// store requires; it runs on every report, so it does not allocate.
func IsWeek(s string) bool {
	if len(s) != 8 || s[4] != '-' || s[5] != 'W' || !isDigits(s[:4]) || !isDigits(s[6:]) {
		return false
	}
	w := int(s[6]-'0')*10 + int(s[7]-'0')
	return w >= 1 && w <= 53
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
