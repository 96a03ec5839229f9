package scrub

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The corpus is a JSON Lines file: one item per line,
//
//	{"id": "nl-phone-001", "lang": "nl", "text": "...",
//	 "remove": [{"kind": "phone", "value": "06-12345678"}],
//	 "keep": [{"kind": "date", "value": "09-03-2026"}]}
//
// where every value is written in text exactly as it stands there. remove
// lists the personal data the scrubber must take out, keep the ordinary
// facts it must leave as they are (a web address may come out defanged,
// "evil[.]example", as the scrubber writes every scam's). Remove kinds are the placeholder names
// (name, plate, address, birthdate, document, token, phone, email, iban,
// card, ip, bsn); keep kinds are free (date, time, amount, order, version,
// official, organisation, link). SCRUB_CORPUS names another file in the same
// format, such as a held-out set, to check instead.
const defaultCorpus = "../testdata/scrub/corpus.jsonl"

// Targets from issue 9: the share of personal values removed in every kind
// and the share of ordinary facts kept.
const (
	minRecall    = 0.95
	minFactsKept = 0.98
)

type corpusValue struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type corpusItem struct {
	ID     string        `json:"id"`
	Lang   string        `json:"lang"`
	Text   string        `json:"text"`
	Remove []corpusValue `json:"remove"`
	Keep   []corpusValue `json:"keep"`
}

func readCorpus(t *testing.T, path string) []corpusItem {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var items []corpusItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it corpusItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		for _, v := range slices.Concat(it.Remove, it.Keep) {
			if v.Value == "" || !strings.Contains(it.Text, v.Value) {
				t.Fatalf("%s:%d (%s): value %q is not in the text", path, line, it.ID, v.Value)
			}
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	return items
}

// normalise keeps only letters and digits, in lower case, so that a value
// is found again whatever its spacing or punctuation became.
func normalise(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

// countWord counts w as a whole word in s, in any case.
func countWord(s, w string) int {
	n := 0
	for _, x := range wordRe.FindAllString(s, -1) {
		if strings.EqualFold(x, w) {
			n++
		}
	}
	return n
}

// notPersonal are words a labelled value may include that are no personal
// data: titles and the words that say what a number is ("mevrouw Jansen",
// "IBAN NL91 ...", "geboren 12-03-1985").
var notPersonal = map[string]bool{
	"meneer": true, "mevrouw": true, "mevr": true, "monsieur": true, "madame": true, "mademoiselle": true, "herr": true, "frau": true,
	"miss": true, "iban": true, "rekening": true, "rekeningnummer": true, "account": true, "telefoon": true, "phone": true,
	"mobile": true, "email": true, "mail": true, "kenteken": true, "plate": true, "plaque": true, "passport": true, "paspoort": true,
	"geboren": true, "born": true, "postcode": true, "postbus": true,
}

// leaked reports whether any of value survives in out. It survives if its
// letters and digits still stand together (whatever the separators), or if
// one of its words of four or more characters (a surname, a street, a
// group of digits), other than notPersonal, is left more often than the
// rest of the input has it.
func leaked(in, out, value string) bool {
	if n := normalise(value); len([]rune(n)) >= 6 && strings.Contains(normalise(out), n) {
		return true
	}
	words := wordRe.FindAllString(value, -1)
	for _, w := range words {
		if len([]rune(w)) < 4 && len(words) > 1 || notPersonal[strings.ToLower(w)] {
			continue
		}
		elsewhere := countWord(in, w) - strings.Count(in, value)*countWord(value, w)
		if countWord(out, w) > elsewhere {
			return true
		}
	}
	return false
}

// occurrences is how many placeholders a labelled value may rightly give:
// one, or for a name as many as the text repeats it or one of its words
// ("mijn zoon Daan ... Daan zei", "Peter Smith ... Smith belde"), since
// labels name each person once.
func occurrences(text string, v corpusValue) int {
	n := 1
	if placeholderOf(v.Kind) != "name" {
		return n
	}
	for _, w := range wordRe.FindAllString(v.Value, -1) {
		if len([]rune(w)) >= 3 && !notPersonal[strings.ToLower(w)] {
			n = max(n, countWord(text, w))
		}
	}
	return n
}

type kindScore struct {
	values, removed int // recall: removed of values
	placed, right   int // precision: right of the placeholders placed
}

type corpusScore struct {
	kinds       map[string]*kindScore
	facts, kept map[string]int
	misses      []string
}

func scoreCorpus(items []corpusItem) corpusScore {
	sc := corpusScore{kinds: map[string]*kindScore{}, facts: map[string]int{}, kept: map[string]int{}}
	kind := func(k string) *kindScore {
		if sc.kinds[k] == nil {
			sc.kinds[k] = &kindScore{}
		}
		return sc.kinds[k]
	}
	for _, it := range items {
		out := Anonymise(it.Text)
		want := map[string]int{}
		for _, v := range it.Remove {
			ks := kind(v.Kind)
			ks.values++
			want[placeholderOf(v.Kind)] += occurrences(it.Text, v)
			if leaked(it.Text, out, v.Value) {
				sc.misses = append(sc.misses, fmt.Sprintf("%s: %s %q survives in %q", it.ID, v.Kind, v.Value, out))
			} else {
				ks.removed++
			}
		}
		for _, k := range Kinds {
			n := strings.Count(out, "["+k+"]") - strings.Count(it.Text, "["+k+"]")
			if n <= 0 {
				continue
			}
			ks := kind(k)
			ks.placed += n
			ks.right += min(n, want[k])
			if n > want[k] {
				sc.misses = append(sc.misses, fmt.Sprintf("%s: %d [%s] too many in %q", it.ID, n-want[k], k, out))
			}
		}
		for _, v := range it.Keep {
			sc.facts[v.Kind]++
			// A scam's web address is kept as evidence, defanged.
			if strings.Contains(out, v.Value) || strings.Contains(out, defang(v.Value)) {
				sc.kept[v.Kind]++
			} else {
				sc.misses = append(sc.misses, fmt.Sprintf("%s: fact %s %q lost in %q", it.ID, v.Kind, v.Value, out))
			}
		}
	}
	return sc
}

// kindAliases are other names a corpus may use for a kind; precision is
// counted against the placeholder the scrubber writes for it. Recall does
// not depend on kind names at all.
var kindAliases = map[string]string{
	"dob": "birthdate", "date_of_birth": "birthdate", "birth_date": "birthdate",
	"id": "document", "id_document": "document", "passport": "document", "id_card": "document", "driving_licence": "document",
	"url": "token", "url_token": "token", "licence_plate": "plate", "license_plate": "plate",
	"e-mail": "email", "mail": "email", "ipv4": "ip", "ipv6": "ip", "credit_card": "card", "creditcard": "card",
	"postal_address": "address", "street": "address", "postcode": "address", "person": "name", "person_name": "name",
	"telephone": "phone", "tel": "phone", "phone_number": "phone",
}

func placeholderOf(kind string) string {
	if k, ok := kindAliases[strings.ToLower(kind)]; ok {
		return k
	}
	return strings.ToLower(kind)
}

// TestScrubCorpus measures the scrubber on the labelled corpus (or on the
// file SCRUB_CORPUS names) and fails below the targets.
func TestScrubCorpus(t *testing.T) {
	path := defaultCorpus
	if p := os.Getenv("SCRUB_CORPUS"); p != "" {
		path = p
	}
	items := readCorpus(t, path)
	if path == defaultCorpus && len(items) < 400 {
		t.Errorf("the corpus has %d items, want at least 400", len(items))
	}
	sc := scoreCorpus(items)
	for _, m := range sc.misses {
		t.Log(m)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%s: %d items\n%-10s %7s %8s %10s\n", path, len(items), "kind", "values", "recall", "precision")
	kinds := make([]string, 0, len(sc.kinds))
	for k := range sc.kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		ks := sc.kinds[k]
		recall, precision := "-", "-"
		if ks.values > 0 {
			r := float64(ks.removed) / float64(ks.values)
			recall = fmt.Sprintf("%.1f%%", 100*r)
			if r < minRecall {
				t.Errorf("recall for %s is %.1f%% (%d of %d), want at least %.0f%%", k, 100*r, ks.removed, ks.values, 100*minRecall)
			}
		}
		if ks.placed > 0 {
			precision = fmt.Sprintf("%.1f%%", 100*float64(ks.right)/float64(ks.placed))
		}
		fmt.Fprintf(&table, "%-10s %7d %8s %10s\n", k, ks.values, recall, precision)
	}
	facts, kept := 0, 0
	factKinds := make([]string, 0, len(sc.facts))
	for k := range sc.facts {
		factKinds = append(factKinds, k)
	}
	slices.Sort(factKinds)
	fmt.Fprintf(&table, "%-12s %7s %8s\n", "fact", "values", "kept")
	for _, k := range factKinds {
		facts, kept = facts+sc.facts[k], kept+sc.kept[k]
		fmt.Fprintf(&table, "%-12s %7d %7.1f%%\n", k, sc.facts[k], 100*float64(sc.kept[k])/float64(sc.facts[k]))
	}
	share := 1.0
	if facts > 0 {
		share = float64(kept) / float64(facts)
	}
	fmt.Fprintf(&table, "%-12s %7d %7.1f%%\n", "all facts", facts, 100*share)
	t.Log("\n" + table.String())
	if share < minFactsKept {
		t.Errorf("%.1f%% of ordinary facts kept (%d of %d), want at least %.0f%%", 100*share, kept, facts, 100*minFactsKept)
	}
}

// TestLeaked checks the corpus test's own judge.
func TestLeaked(t *testing.T) {
	tests := []struct {
		in, out, value string
		want           bool
	}{
		{"bel 06-12345678 nu", "bel [phone] nu", "06-12345678", false},
		{"bel 06-12345678 nu", "bel 06 12 34 56 78 nu", "06-12345678", true},
		{"ik ben Jan de Vries", "ik ben [name] Vries", "Jan de Vries", true},
		{"ik ben Jan de Vries", "ik ben [name]", "Jan de Vries", false},
		{"Mr Tim", "Mr Tim", "Tim", true},
		{"Mr Tim, time", "Mr [name], time", "Tim", false},
		{"Kerkstraat 12 en Kerkstraat 40", "[address] en Kerkstraat 40", "Kerkstraat 12", false},
		{"mevrouw Jansen belde", "mevrouw [name] belde", "mevrouw Jansen", false},
		{"mevrouw Jansen belde", "mevrouw Jansen belde", "mevrouw Jansen", true},
	}
	for _, tc := range tests {
		if got := leaked(tc.in, tc.out, tc.value); got != tc.want {
			t.Errorf("leaked(%q, %q, %q) = %v, want %v", tc.in, tc.out, tc.value, got, tc.want)
		}
	}
}
