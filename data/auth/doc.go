// Package auth holds the secrets people prove themselves with, and nothing
// that stores them: staff passwords (argon2id hashes and the rules for
// choosing one), two-factor codes (TOTP, RFC 6238), and the receipt codes
// that let an anonymous reporter come back to a report. The store (package
// data) keeps only what these functions produce.
package auth
