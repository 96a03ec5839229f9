package charts

import (
	"errors"
	"fmt"
)

// DefaultThreshold is the smallest count we publish: Eurostat's default
// minimum cell size. Callers may choose another threshold.
const DefaultThreshold = 10

// Errors from Suppress.
var (
	// ErrNegativeCount: counts of reports cannot be negative, so it means a bug upstream.
	ErrNegativeCount = errors.New("charts: negative count")
	// ErrThreshold: a threshold of 1 would print "<1", which says the count is 0.
	ErrThreshold = errors.New("charts: suppression threshold must be at least 2")
)

// Cell is one published count: either its value, or the fact that it is hidden.
//
// A cell is hidden for one of two reasons. Primary: the count is below the
// threshold, and the table says "<10". Secondary: the count is at least the
// threshold but is hidden so that a primary cell cannot be worked out from
// the total; the table says "hidden", because "<10" would be false.
//
// Value is always 0 when Suppressed is true, so the hidden number cannot leak
// into a template, a download or a log by accident.
type Cell struct {
	Value      int
	Suppressed bool
	Secondary  bool // hidden to protect another cell; implies Suppressed and a count of at least the threshold
}

// Format gives the cell as text: the localised number, "<10" (with the
// threshold in place of 10) for a count below the threshold, or "hidden"
// (translated) for a secondary suppression.
func (c Cell) Format(p Printer, threshold int) string {
	switch {
	case c.Secondary:
		return p.T("charts.hidden")
	case c.Suppressed:
		return suppressedText(p, threshold)
	default:
		return p.Int(c.Value)
	}
}

// suppressedText is the "<10" shown instead of a count below the threshold.
func suppressedText(p Printer, threshold int) string {
	return p.T("charts.suppressed", p.Int(normalThreshold(threshold)))
}

// normalThreshold turns a threshold of zero or below into DefaultThreshold.
func normalThreshold(threshold int) int {
	if threshold <= 0 {
		return DefaultThreshold
	}
	return threshold
}

// Suppress applies disclosure control to the counts of a one-dimensional
// breakdown (for example reports per incident type) and returns the cells to
// publish, in the same order, and the total.
//
// The rules, with T the threshold (DefaultThreshold when threshold <= 0; 1 is
// refused, since "<1" means 0):
//
//   - Primary: every count below T, including 0, is hidden ("<10").
//   - A total below T is hidden ("<10"); without perturbation every cell is
//     then below T as well.
//   - Secondary: while the total is shown, total minus the shown cells is
//     the sum S of the hidden cells. If that pins a hidden cell down, the
//     smallest shown cell is hidden as well ("hidden"), and again, until no
//     hidden cell is pinned. If no shown cell is left, the total is hidden.
//
// The reader we protect against knows the published table, that a "<10"
// cell lies in [0, T−1], that a "hidden" cell is at least T, and that the
// hidden cells add up to S. With a primary and b secondary hidden cells that
// reader can pin one down exactly when:
//
//   - b = 0: a = 1 (the classic case), S = 0 (all are 0) or S = a·(T−1) (all are T−1);
//   - b ≥ 1: S = b·T (every primary is 0, every secondary T), or a = 0 and b = 1.
//
// The tests check this against brute force over every sum. Not covered: a
// reader who also uses that a secondary cell was the smallest shown one, and
// so at most the shown cells, can sometimes still narrow a cell to one value
// (counts 9, 11, 11 publish "<10, hidden, 11, total 31": the hidden cells sum
// to 20, the secondary lies in [10, 11], so the primary is 9 or 10, and <10
// leaves 9).
//
// Ties for the smallest shown cell go to the first in order, so the result is
// deterministic.
func Suppress(counts []int, threshold int) (cells []Cell, total Cell, err error) {
	sum := 0
	for _, n := range counts {
		sum += n
	}
	return SuppressWithTotal(counts, sum, threshold)
}

// SuppressWithTotal is Suppress for a table whose total is not the sum of
// its cells: with the cell-key method (Perturb) every cell and the total
// are perturbed each as a cell of their own. The same rules apply, with
// the given total; a reader who subtracts the shown cells from it gets the
// hidden cells' sum only up to the noise.
func SuppressWithTotal(counts []int, sum, threshold int) (cells []Cell, total Cell, err error) {
	if threshold == 1 {
		return nil, Cell{}, ErrThreshold
	}
	t := normalThreshold(threshold)
	for i, n := range counts {
		if n < 0 {
			return nil, Cell{}, fmt.Errorf("%w: %d at position %d", ErrNegativeCount, n, i)
		}
	}
	if sum < 0 {
		return nil, Cell{}, fmt.Errorf("%w: total %d", ErrNegativeCount, sum)
	}

	cells = make([]Cell, len(counts))
	primaries, secondaries, rest := 0, 0, sum // rest: total minus the shown cells
	for i, n := range counts {
		if n < t {
			cells[i] = Cell{Suppressed: true}
			primaries++
		} else {
			cells[i] = Cell{Value: n}
			rest -= n
		}
	}
	if sum < t {
		return cells, Cell{Suppressed: true}, nil
	}

	total = Cell{Value: sum}
	for pinned(primaries, secondaries, rest, t) {
		i := smallestShown(cells)
		if i < 0 {
			total = Cell{Suppressed: true, Secondary: true}
			break
		}
		rest += cells[i].Value
		cells[i] = Cell{Suppressed: true, Secondary: true}
		secondaries++
	}
	return cells, total, nil
}

// pinned tells whether a reader who sees the total can work out a hidden
// cell exactly, from the sum rest of the hidden cells, with a primary cells
// in [0, t−1] and b secondary cells at least t (see Suppress).
func pinned(a, b, rest, t int) bool {
	switch {
	case a+b == 0:
		return false
	case b == 0:
		return a == 1 || rest == 0 || rest == a*(t-1)
	default:
		return rest == b*t || (a == 0 && b == 1)
	}
}

// smallestShown gives the index of the smallest shown cell, or -1 when every
// cell is hidden.
func smallestShown(cells []Cell) int {
	best := -1
	for i, c := range cells {
		if !c.Suppressed && (best < 0 || c.Value < cells[best].Value) {
			best = i
		}
	}
	return best
}
