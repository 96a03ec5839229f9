// Package data is the portal's storage: the SQLite store and its migrations,
// the anonymous reports, the safety-monitor series, the statistics counts,
// the staff accounts, sessions, audit log and warnings, and the demo reports.
// It knows nothing about HTTP. What is not storage lives in sub-packages:
// vocab (the answer lists and the ISO week), scrub (the scrubber that makes
// a report's text anonymous), auth (passwords, TOTP, receipt
// codes), monitor (the CSV import format) and demo (synthetic reports).
package data
