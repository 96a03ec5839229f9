package server

import "strings"

// csvSafe defuses formula injection in a CSV cell (staff exports, statistics
// downloads): a spreadsheet would run text that starts with = + - @, or a
// tab or carriage return, which some strip first, as a formula (OWASP), so
// such text gets a leading apostrophe. Only free text can start so.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
