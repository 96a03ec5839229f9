// Package data is the portal's storage: the SQLite store and its migrations,
// the anonymous reports (package scrub makes their text anonymous), the
// safety-monitor series, and the staff accounts, sessions and warnings.
// It knows nothing about HTTP.
package data
