package charts

// The cell-key method (Australian Bureau of Statistics; used by CBS and
// Destatis for the 2021 census, implemented in tau-ARGUS and the R package
// cellKey) perturbs published counts so that two tables for overlapping
// periods cannot be subtracted to reveal a small count, while the same cell
// always shows the same number. Every report has a random record key in
// [0, 2^32), drawn once when it is stored. A cell's key is the sum of the
// keys of its reports modulo 2^32, read as a fraction of 1; the fixed
// perturbation table below turns (count, cell key) into a small noise.
// Asking for the same cell again gives the same number, so repeating a
// query reveals nothing; a cell that differs by one report has an
// unrelated key, so its noise is drawn afresh.

// CellKey is a cell's key: the sum of its reports' record keys modulo 2^32,
// as a fraction of 2^32.
type CellKey uint32

// KeyOf turns a sum of record keys (which may be negative after reports
// left the cell: the statistics add and subtract keys) into a cell key.
func KeyOf(sum int64) CellKey { return CellKey(uint32(sum)) }

// noiseBand is one entry of the perturbation table: the noise, and its
// chance in percent.
type noiseBand struct {
	noise, percent int
}

// perturbationTable gives the noise for a count by its cell key. Noise is
// at most 2 either way, 0 in 40% of cells, symmetric (mean 0, variance
// 1.2) from 2 up; a count of 1 cannot go below 0, so its row moves the
// chance of -2 to -1. A count of 0 has no reports, so no key, and stays 0.
// The rows are public: the protection lies in the keys, which are not.
func perturbationTable(n int) []noiseBand {
	if n == 1 {
		return []noiseBand{{-1, 30}, {0, 40}, {1, 20}, {2, 10}}
	}
	return []noiseBand{{-2, 10}, {-1, 20}, {0, 40}, {1, 20}, {2, 10}}
}

// MaxNoise is the largest change Perturb makes to a count, either way.
const MaxNoise = 2

// Perturb is the count to publish for a cell of n reports with key k:
// n plus the noise the perturbation table gives for k. 0 stays 0.
func Perturb(n int, k CellKey) int {
	if n <= 0 {
		return n
	}
	// k as a fraction of 2^32, in hundredths: which band it falls in.
	at := uint64(k) * 100
	var upto uint64
	table := perturbationTable(n)
	for _, b := range table {
		upto += uint64(b.percent) << 32
		if at < upto {
			return n + b.noise
		}
	}
	return n + table[len(table)-1].noise
}
