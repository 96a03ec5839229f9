package charts

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// show writes published cells compactly: "50 < h 30 | 80", with "<" for a
// count below the threshold and "h" for a secondary suppression.
func show(cells []Cell, total Cell) string {
	parts := make([]string, 0, len(cells)+2)
	mark := func(c Cell) string {
		switch {
		case c.Secondary:
			return "h"
		case c.Suppressed:
			return "<"
		default:
			return fmt.Sprint(c.Value)
		}
	}
	for _, c := range cells {
		parts = append(parts, mark(c))
	}
	return strings.Join(append(parts, "|", mark(total)), " ")
}

func TestSuppress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		counts    []int
		threshold int
		want      string
	}{
		{"nothing to hide", []int{50, 30, 20}, 10, "50 30 20 | 100"},
		{"exactly the threshold is shown", []int{10, 10}, 10, "10 10 | 20"},
		{"one small cell hides the smallest other too", []int{50, 30, 5}, 10, "50 h < | 85"},
		{"zero is hidden like any small count", []int{50, 0, 30}, 10, "50 < h | 80"},
		{"two small cells protect each other", []int{50, 3, 4}, 10, "50 < < | 57"},
		{"two zeros would be revealed by the total", []int{0, 0, 50, 60}, 10, "< < h 60 | 110"},
		{"hidden cells all at threshold-1 are pinned by the total", []int{9, 9, 100}, 10, "< < h | 118"},
		{"a 0 and a secondary of exactly the threshold are pinned", []int{0, 10, 50}, 10, "< h h | 60"},
		{"secondary ties go to the first", []int{50, 20, 20, 3}, 10, "50 h 20 < | 93"},
		{"secondary may leave no cell shown", []int{5, 20}, 10, "< h | 25"},
		{"with nothing left to hide the total goes", []int{9, 9}, 10, "< < | h"},
		{"small total hides everything", []int{3, 4}, 10, "< < | <"},
		{"empty breakdown", nil, 10, "| <"},
		{"all zero", []int{0, 0, 0}, 10, "< < < | <"},
		{"custom threshold", []int{4, 5, 6}, 5, "< h 6 | 15"},
		{"threshold 0 means the default", []int{9, 40, 50}, 0, "< h 50 | 99"},
		{"threshold 2", []int{0, 5, 7}, 2, "< h 7 | 12"},
		{"threshold 2, two ones", []int{1, 1, 5}, 2, "< < h | 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells, total, err := Suppress(tt.counts, tt.threshold)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(cells, total); got != tt.want {
				t.Errorf("Suppress(%v, %d) = %q, want %q", tt.counts, tt.threshold, got, tt.want)
			}
			checkNoDisclosure(t, tt.counts, tt.threshold, cells, total)
		})
	}
}

func TestSuppressErrors(t *testing.T) {
	t.Parallel()
	if _, _, err := Suppress([]int{12, -1}, 10); !errors.Is(err, ErrNegativeCount) {
		t.Errorf("negative count: err = %v, want ErrNegativeCount", err)
	}
	if _, _, err := Suppress([]int{12, 0}, 1); !errors.Is(err, ErrThreshold) {
		t.Errorf("threshold 1: err = %v, want ErrThreshold", err)
	}
}

// checkNoDisclosure checks the published cells against the input: shown
// cells are exact, hidden cells carry no value, every count below the
// threshold is hidden as "<", and, whenever the total is shown, total minus
// the shown cells pins down no hidden cell.
func checkNoDisclosure(t *testing.T, counts []int, threshold int, cells []Cell, total Cell) {
	t.Helper()
	th := normalThreshold(threshold)
	if len(cells) != len(counts) {
		t.Fatalf("%v: %d cells for %d counts", counts, len(cells), len(counts))
	}
	sum, shownSum, primaries, secondaries := 0, 0, 0, 0
	for i, n := range counts {
		sum += n
		c := cells[i]
		switch {
		case c.Suppressed && c.Value != 0:
			t.Errorf("%v: hidden cell %d carries value %d", counts, i, c.Value)
		case c.Secondary && !c.Suppressed:
			t.Errorf("%v: cell %d is secondary but not suppressed", counts, i)
		case !c.Suppressed && c.Value != n:
			t.Errorf("%v: cell %d shows %d", counts, i, c.Value)
		case (n < th) != (c.Suppressed && !c.Secondary):
			t.Errorf("%v: cell %d = %d, threshold %d, published as %+v", counts, i, n, th, c)
		}
		switch {
		case c.Secondary:
			secondaries++
		case c.Suppressed:
			primaries++
		default:
			shownSum += n
		}
	}
	hidden := primaries + secondaries
	if total.Suppressed {
		if total.Value != 0 {
			t.Errorf("%v: hidden total carries %d", counts, total.Value)
		}
		if (sum < th) == total.Secondary {
			t.Errorf("%v: total %d published as %+v", counts, sum, total)
		}
		if hidden != len(counts) {
			t.Errorf("%v: total hidden although some cells are shown", counts)
		}
		return
	}
	if total.Value != sum || sum < th {
		t.Errorf("%v: total shows %d, sum %d, threshold %d", counts, total.Value, sum, th)
	}
	rest := total.Value - shownSum // what a reader can work out: the sum of the hidden cells
	if hidden == 1 {
		t.Errorf("%v -> %s: the one hidden cell is total minus the shown ones = %d", counts, show(cells, total), rest)
	}
	if hidden >= 1 && readerPins(th, primaries, secondaries, rest) {
		t.Errorf("%v -> %s: a reader can pin a hidden cell from the sum %d", counts, show(cells, total), rest)
	}
}

// readerPins decides by brute force whether a reader who knows that the a
// primary cells lie in [0, th-1], the b secondary cells are at least th and
// all of them add up to rest can tell the exact value of one of them.
func readerPins(th, a, b, rest int) bool {
	if a > 0 {
		others := sums(th, a-1, b, rest)
		n := 0
		for v := 0; v < th && v <= rest; v++ {
			if others[rest-v] {
				n++
			}
		}
		if n < 2 {
			return true
		}
	}
	if b > 0 {
		others := sums(th, a, b-1, rest)
		n := 0
		for v := th; v <= rest; v++ {
			if others[rest-v] {
				n++
			}
		}
		if n < 2 {
			return true
		}
	}
	return false
}

// sums[s] tells whether a cells in [0, th-1] and b cells in [th, maxSum]
// can add up to s, for s from 0 to maxSum.
func sums(th, a, b, maxSum int) []bool {
	can := make([]bool, maxSum+1)
	can[0] = true
	add := func(lo, hi int) {
		// next[s] = any can[s-hi .. s-lo], with a running count over a window.
		next := make([]bool, maxSum+1)
		count := 0
		for s := 0; s <= maxSum; s++ {
			if s-lo >= 0 && can[s-lo] {
				count++
			}
			if s-hi-1 >= 0 && can[s-hi-1] {
				count--
			}
			next[s] = count > 0
		}
		can = next
	}
	for range a {
		add(0, th-1)
	}
	for range b {
		add(th, maxSum)
	}
	return can
}

// TestSuppressExhaustive runs every breakdown of up to four cells with
// counts around the threshold.
func TestSuppressExhaustive(t *testing.T) {
	t.Parallel()
	for _, th := range []int{2, 3, 10} {
		maxCount := 2*th + 3
		for n := 1; n <= 4; n++ {
			forEachVector(n, maxCount, func(counts []int) {
				cells, total, err := Suppress(counts, th)
				if err != nil {
					t.Fatal(err)
				}
				checkNoDisclosure(t, counts, th, cells, total)
			})
		}
	}
}

// The brute-force reader must itself find what it should, or the checks
// above prove nothing.
func TestReaderPins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		th, a, b, rest int
		want           bool
	}{
		{10, 1, 0, 7, true},    // one hidden cell
		{10, 2, 0, 0, true},    // two zeros
		{10, 2, 0, 18, true},   // two nines
		{10, 2, 0, 7, false},   // 0+7, 1+6, ...
		{10, 1, 1, 10, true},   // 0 and 10
		{10, 1, 1, 35, false},  // 5+30, 9+26, ...
		{10, 0, 1, 40, true},   // one secondary alone
		{10, 2, 2, 20, true},   // 0, 0, 10, 10
		{10, 2, 2, 21, false},  // 1+0+10+10 or 0+0+10+11
		{3, 3, 0, 6, true},     // 2, 2, 2
		{3, 3, 0, 5, false},    // 2+2+1 in any order
		{5, 0, 2, 10, true},    // 5 and 5
		{5, 0, 2, 11, false},   // 5+6 or 6+5
		{10, 1, 0, 0, true},    // a lone zero
		{10, 0, 0, 0, false},   // nothing hidden
		{10, 3, 1, 100, false}, // plenty of room
	}
	for _, tt := range tests {
		if got := readerPins(tt.th, tt.a, tt.b, tt.rest); got != tt.want {
			t.Errorf("readerPins(%d, %d, %d, %d) = %v, want %v", tt.th, tt.a, tt.b, tt.rest, got, tt.want)
		}
	}
}

// forEachVector calls f with every vector of n counts from 0 to maxCount.
func forEachVector(n, maxCount int, f func([]int)) {
	v := make([]int, n)
	for {
		f(append([]int(nil), v...))
		i := 0
		for i < n && v[i] == maxCount {
			v[i] = 0
			i++
		}
		if i == n {
			return
		}
		v[i]++
	}
}

func FuzzSuppress(f *testing.F) {
	f.Add([]byte{50, 30, 5}, uint8(10))
	f.Add([]byte{0, 0, 50, 60}, uint8(10))
	f.Add([]byte{9, 9, 100}, uint8(10))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{1, 2, 3, 200, 255, 0, 0, 9}, uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, threshold uint8) {
		if len(data) > 64 {
			data = data[:64]
		}
		counts := make([]int, len(data))
		for i, b := range data {
			counts[i] = int(b)
		}
		th := int(threshold)
		if th == 1 {
			th = 2
		}
		cells, total, err := Suppress(counts, th)
		if err != nil {
			t.Fatal(err)
		}
		checkNoDisclosure(t, counts, th, cells, total)
	})
}

func TestCellFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang      string
		cell      Cell
		threshold int
		want      string
	}{
		{"nl", Cell{Value: 1234}, 10, "1.234"},
		{"en", Cell{Value: 1234}, 10, "1,234"},
		{"fr", Cell{Value: 1234}, 10, "1\u202f234"},
		{"nl", Cell{Suppressed: true}, 10, "<10"},
		{"en", Cell{Suppressed: true}, 0, "<10"},
		{"fr", Cell{Suppressed: true}, 5, "<5"},
		{"en", Cell{Suppressed: true}, 1000, "<1,000"},
		{"nl", Cell{Suppressed: true, Secondary: true}, 10, "verborgen"},
		{"en", Cell{Suppressed: true, Secondary: true}, 10, "hidden"},
		{"fr", Cell{Suppressed: true, Secondary: true}, 10, "masqué"},
	}
	for _, tt := range tests {
		if got := tt.cell.Format(newPrinter(t, tt.lang), tt.threshold); got != tt.want {
			t.Errorf("%s %+v.Format(%d) = %q, want %q", tt.lang, tt.cell, tt.threshold, got, tt.want)
		}
	}
}
