package demo

import (
	"reflect"
	"testing"
	"time"

	"cyberportal/data/vocab"
)

// TestRowsUseTheVocabulary checks every drawn report against the answer
// lists, so a code added to or dropped from data/vocab cannot leave the demo
// data behind, and that the same options draw the same rows.
func TestRowsUseTheVocabulary(t *testing.T) {
	t.Parallel()
	opt := Options{Seed: 42, Now: time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)}
	rows := New(opt).Rows(5000)
	seen := map[string]bool{}
	for _, r := range rows {
		for l, v := range map[vocab.List]string{vocab.Victim: r.Victim, vocab.Incident: r.Incident,
			vocab.Channel: r.Channel, vocab.Loss: r.Loss, vocab.Police: r.Police, vocab.Municipality: r.Municipality} {
			if !l.Has(v) {
				t.Fatalf("%s %q is not a code: %+v", l.Name(), v, r)
			}
		}
		if (r.CompanySize != "") != (r.Victim == "business") || (r.RansomPaid != "") != vocab.AsksRansom(r.Incident) ||
			(r.Recovered != "") != (r.Loss != "none") {
			t.Fatalf("a follow-up answer where none is asked, or none where one is: %+v", r)
		}
		if !vocab.IsWeek(r.Week) || r.Year < 2022 || r.Year > 2026 {
			t.Fatalf("week %q, year %d", r.Week, r.Year)
		}
		seen[r.Incident] = true
	}
	for _, code := range vocab.Incident.Codes() {
		if !seen[code] {
			t.Errorf("no %s report in 5000", code)
		}
	}
	if again := New(opt).Rows(5000); !reflect.DeepEqual(rows, again) {
		t.Error("the same options drew different rows")
	}
}
