package charts

import (
	"fmt"
	"math"
	"testing"
)

// published is what a reader sees of a cell of n reports that gets noise:
// its number, or -1 for "<T".
func published(n, noise, t int) int {
	if n == 0 {
		return -1 // no reports, no key, no noise
	}
	if v := n + noise; v >= t {
		return v
	}
	return -1
}

// outcomes are the numbers a cell of n reports can show and, for each, the
// noise that leads to it: with the cell-key method every band of the
// table, without it only 0.
func outcomes(n, t int, perturbed bool) map[int]bool {
	out := map[int]bool{}
	if !perturbed || n == 0 {
		out[published(n, 0, t)] = true
		return out
	}
	for _, b := range perturbationTable(n) {
		out[published(n, b.noise, t)] = true
	}
	return out
}

// pinnedShare is the attack on two published tables for overlapping periods
// with the same filter: the total (or any one cell) of a long period A and
// of a shorter one B inside it, same filter, so that A − B is the count d of
// the months in A but not in B. For every true b and every small d in
// [1, t−1], and every number each cell can show, it lists what a reader who
// knows the perturbation table but not the keys can conclude: the d' = a' −
// b' of every (a', b') that could have shown the same two numbers. It
// returns the share of cases where that leaves d as the only answer.
func pinnedShare(t int, perturbed bool) (pinned, cases int) {
	maxN := 4*t + 2*MaxNoise + 10
	shows := make([]map[int]bool, maxN+2*t+1)
	for n := range shows {
		shows[n] = outcomes(n, t, perturbed)
	}
	for b := 0; b <= maxN; b++ {
		for d := 1; d < t; d++ {
			a := b + d
			for showA := range shows[a] {
				for showB := range shows[b] {
					cases++
					answers := map[int]bool{}
					for b2 := 0; b2 <= maxN+t; b2++ {
						if !shows[b2][showB] {
							continue
						}
						for a2 := b2; a2 <= maxN+2*t; a2++ {
							if shows[a2][showA] {
								answers[a2-b2] = true
							}
						}
					}
					if len(answers) == 1 && answers[d] {
						pinned++
					}
				}
			}
		}
	}
	return pinned, cases
}

// TestNoSmallCountFromTwoOverlappingTables is the brute-force check of the
// cell-key method against subtraction, and the evidence for choosing it:
// without perturbation, suppressing counts below the threshold leaves the
// small difference exposed whenever both totals are shown.
func TestNoSmallCountFromTwoOverlappingTables(t *testing.T) {
	for _, threshold := range []int{2, 3, 5, 10, 20} {
		pinned, cases := pinnedShare(threshold, true)
		plain, plainCases := pinnedShare(threshold, false)
		t.Logf("threshold %2d: small count worked out in %d of %d cases with the cell-key method, in %d of %d (%.0f%%) with suppression alone",
			threshold, pinned, cases, plain, plainCases, 100*float64(plain)/float64(plainCases))
		if pinned > 0 {
			t.Errorf("threshold %d: the cell-key method lets a reader work out a count from 1 to %d in %d cases", threshold, threshold-1, pinned)
		}
		if plain == 0 {
			t.Errorf("threshold %d: suppression alone never gives a small count away: the attack is not modelled", threshold)
		}
	}
}

// TestPerturbIsConsistentAndSmall: the same cell always shows the same
// number; the noise stays within MaxNoise, never makes a count negative,
// leaves 0 alone, and is about as often up as down.
func TestPerturbIsConsistentAndSmall(t *testing.T) {
	for n := 0; n <= 60; n++ {
		var sum, sq float64
		const keys = 20000
		for i := range keys {
			k := KeyOf(int64(i) * 2654435761 * 97)
			v := Perturb(n, k)
			if v != Perturb(n, k) {
				t.Fatalf("Perturb(%d, %d) changes between calls", n, k)
			}
			if v < 0 || v-n > MaxNoise || n-v > MaxNoise || (n == 0 && v != 0) {
				t.Fatalf("Perturb(%d, %d) = %d", n, k, v)
			}
			sum += float64(v - n)
			sq += float64((v - n) * (v - n))
		}
		if mean := sum / keys; n >= 2 && math.Abs(mean) > 0.05 {
			t.Errorf("n=%d: mean noise %.3f, want about 0", n, mean)
		}
		if v := sq / keys; n >= 2 && math.Abs(v-1.2) > 0.1 {
			t.Errorf("n=%d: noise variance %.3f, want about 1.2", n, v)
		}
	}
	// Keys add up modulo 2^32, also after a report left the cell.
	if KeyOf(int64(1<<32)+5) != 5 || KeyOf(-1) != CellKey(math.MaxUint32) {
		t.Error("KeyOf is not the sum modulo 2^32")
	}
	for _, b := range [][]noiseBand{perturbationTable(1), perturbationTable(2)} {
		total := 0
		for _, x := range b {
			total += x.percent
		}
		if total != 100 {
			t.Errorf("a row of the table adds up to %d%%: %v", total, fmt.Sprint(b))
		}
	}
}
