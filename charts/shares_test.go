package charts

import (
	"slices"
	"testing"
)

// TestShareChartDisclosure: a share is published only when its group is
// shown and both the yes count and the rest reach the threshold; groups go
// through Suppress, secondary suppression included; the respondents row
// and the raw values say the same as the cells.
func TestShareChartDisclosure(t *testing.T) {
	p := newPrinter(t, "en")
	rows := []ShareRow{{"backup", "Backup"}, {"mfa", "Two-step login"}}
	cases := []struct {
		name    string
		groups  []ShareGroup
		all     *ShareGroup // perturbed counts of the all column; nil: the sums
		want    [][]Status  // [row][column], the all column first
		wantN   []Status
		percent map[string]float64 // "row/column" -> published share
	}{
		{
			name:   "all shown",
			groups: []ShareGroup{{Key: "a", N: 40, Yes: []int{20, 30}}, {Key: "b", N: 30, Yes: []int{15, 10}}},
			want: [][]Status{
				{StatusOK, StatusOK, StatusOK},
				{StatusOK, StatusOK, StatusOK}},
			wantN:   []Status{StatusOK, StatusOK, StatusOK},
			percent: map[string]float64{"backup/all": 50, "mfa/all": 57, "mfa/a": 75, "mfa/b": 33},
		},
		{
			name:   "too few say no, or yes",
			groups: []ShareGroup{{Key: "a", N: 40, Yes: []int{35, 5}}, {Key: "b", N: 30, Yes: []int{15, 15}}},
			want: [][]Status{
				{StatusOK, StatusSuppressed, StatusOK},
				{StatusOK, StatusSuppressed, StatusOK}},
			wantN: []Status{StatusOK, StatusOK, StatusOK},
		},
		{
			name: "a small group, and the smallest other hidden with it",
			// Zeros elsewhere: the total minus the shown groups would pin
			// the small ones, so the smallest shown group is hidden too.
			groups: []ShareGroup{{Key: "a", N: 0, Yes: []int{0, 0}}, {Key: "b", N: 30, Yes: []int{15, 15}}, {Key: "c", N: 12, Yes: []int{0, 12}}},
			want: [][]Status{
				{StatusOK, StatusSuppressed, StatusOK, StatusHidden},
				{StatusOK, StatusSuppressed, StatusOK, StatusHidden}},
			wantN: []Status{StatusOK, StatusSuppressed, StatusOK, StatusHidden},
		},
		{
			name: "the all column as given, perturbed: its own total, suppressed by its own count",
			// 12 + 30 would be 42; given as 41 with 9 yes to mfa, which
			// the sums (27) would have published.
			groups: []ShareGroup{{Key: "a", N: 12, Yes: []int{6, 12}}, {Key: "b", N: 30, Yes: []int{15, 15}}},
			all:    &ShareGroup{N: 41, Yes: []int{20, 9}},
			want: [][]Status{
				{StatusOK, StatusSuppressed, StatusOK},
				{StatusSuppressed, StatusSuppressed, StatusOK}},
			wantN:   []Status{StatusOK, StatusOK, StatusOK},
			percent: map[string]float64{"backup/all": 49},
		},
		{
			name:   "fewer than the threshold in all",
			groups: []ShareGroup{{Key: "a", N: 9, Yes: []int{9, 0}}},
			want: [][]Status{
				{StatusSuppressed, StatusSuppressed},
				{StatusSuppressed, StatusSuppressed}},
			wantN: []Status{StatusSuppressed, StatusSuppressed},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewShareChart(p, Shares{ID: "shares", Title: "T", Source: "S", RowHeading: "Measure", AllLabel: "All",
				CountLabel: "Respondents", Rows: rows, Groups: tc.groups, Threshold: 10, All: tc.all})
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range c.Table.Rows {
				var got []Status
				for i, v := range row.Values {
					got = append(got, v.Status)
					if v.Status != StatusOK && (v.Number != 0 || row.Cells[i] == "") {
						t.Errorf("%s/%d: a hidden share carries %v, shows %q", row.Key, i, v.Number, row.Cells[i])
					}
					if want, ok := tc.percent[row.Key+"/"+c.Table.Columns[i].Key]; ok && v.Number != want {
						t.Errorf("%s/%s: %v%%, want %v%%", row.Key, c.Table.Columns[i].Key, v.Number, want)
					}
				}
				if !slices.Equal(got, tc.want[r]) {
					t.Errorf("row %s: %v, want %v", row.Key, got, tc.want[r])
				}
			}
			var gotN []Status
			for _, v := range c.Table.Total.Values {
				gotN = append(gotN, v.Status)
			}
			if !slices.Equal(gotN, tc.wantN) {
				t.Errorf("respondents: %v, want %v", gotN, tc.wantN)
			}
		})
	}
	for _, bad := range [][]ShareGroup{
		{{Key: "a", N: 5, Yes: []int{6, 0}}}, // more yes than answered
		{{Key: "a", N: 5, Yes: []int{1}}},    // a count missing
		{{Key: "A B", N: 5, Yes: []int{1, 1}}},
	} {
		if _, err := NewShareChart(p, Shares{ID: "shares", Rows: rows, Groups: bad}); err == nil {
			t.Errorf("groups %v: no error", bad)
		}
	}
	for _, bad := range []ShareGroup{{N: 5, Yes: []int{6, 0}}, {N: 5, Yes: []int{1}}} {
		ok := []ShareGroup{{Key: "a", N: 5, Yes: []int{1, 1}}}
		if _, err := NewShareChart(p, Shares{ID: "shares", Rows: rows, Groups: ok, All: &bad}); err == nil {
			t.Errorf("all %v: no error", bad)
		}
	}
}
