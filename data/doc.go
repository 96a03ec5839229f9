// Package data is the portal's storage: the SQLite store and its migrations,
// the anonymous reports and the scrubbing that makes them anonymous, the
// safety-monitor series, and the staff accounts, sessions and warnings.
// It knows nothing about HTTP.
package data
