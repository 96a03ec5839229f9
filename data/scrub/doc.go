// Package scrub removes personal data from the free text a victim writes in
// a report, before anything is stored: markup is stripped, invisible and
// direction-changing characters are dropped, personal details are replaced by
// placeholders such as "[phone]", and web addresses (evidence of the scam)
// are kept but defanged. It knows nothing about HTTP or the database.
package scrub
