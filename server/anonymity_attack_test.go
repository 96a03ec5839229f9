package server

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"cyberportal/data/auth"
)

// kendallTau is the rank correlation of xs with their index, over the
// pairs that pair allows: 1 when xs rise with the order of submission, -1
// when they fall, near 0 when they say nothing about it.
func kendallTau(xs []int64, pair func(i, j int) bool) float64 {
	var concordant, discordant int
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			switch {
			case !pair(i, j):
			case xs[j] > xs[i]:
				concordant++
			case xs[j] < xs[i]:
				discordant++
			}
		}
	}
	return float64(concordant-discordant) / float64(max(1, concordant+discordant))
}

// TestAttackerLearnsNoTimeOrderOrReporter plays the adversary of issue 9,
// who holds the server's log, the database file and its WAL, and two
// snapshots of every public number taken before and after one report.
// From none of them may that adversary tell who sent a report, when (finer
// than the ISO week) or in which order reports came in.
func TestAttackerLearnsNoTimeOrderOrReporter(t *testing.T) {
	ctx := context.Background()
	var logs syncBuffer
	cfg := testConfig(t)
	s := newServerWith(t, cfg, &logs)
	s.report.submits.setRates(Rate{1000, time.Minute}, Rate{}) // raised for the test, not off
	clock := reportClock
	s.now = func() time.Time { return clock }

	var codes []string
	send := func(answers url.Values) string {
		t.Helper()
		_, _, code := sendReport(t, s, "en", answers)
		codes = append(codes, code)
		return code
	}
	for i := range 24 {
		a := validAnswers()
		a.Set("description", fmt.Sprintf("The caller said zebra%cquokka was the reference.", 'a'+i))
		send(a)
	}
	s.hourlyJobs(ctx) // the first release: 24 reports, more than -min-count

	// The public numbers, every report chart in every language, as the
	// adversary downloads them.
	snapshot := func() string {
		t.Helper()
		var b strings.Builder
		for _, lang := range []string{"nl", "en", "fr"} {
			for _, b2 := range reportBreakdowns {
				for _, q := range []string{"", "?victim=organisation", "?incident=ransomware"} {
					_, body := get(t, s, "/"+lang+"/statistics/"+reportChartID(b2.Breakdown)+".csv"+q)
					b.WriteString(body)
				}
			}
			_, page := get(t, s, "/"+lang+"/statistics")
			// All of the page but the day it was retrieved on ("Cite as").
			main := regexp.MustCompile(`(?s)<main.*</main>`).FindString(page)
			b.WriteString(regexp.MustCompile(`<p>[^<]*/statistics, [^<]*</p>`).ReplaceAllString(main, ""))
		}
		return b.String()
	}
	before := snapshot()

	// One report with rare answers, the next day; the hourly job runs.
	clock = clock.Add(25 * time.Hour)
	rare := validAnswers()
	rare.Set("victim", "organisation")
	rare.Set("incident", "ransomware")
	rare.Set("ransom_paid", "no")
	rare.Set("description", "The caller said zebrayquokka was the reference.")
	send(rare)
	s.hourlyJobs(ctx)
	if after := snapshot(); after != before {
		t.Errorf("the public numbers changed after one report: two snapshots give it away\n%s", firstDifference(before, after))
	}

	// The log: no line for any report request, so no time to pair with a
	// report; after the hourly summary only counts per route and status.
	log := logs.String()
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "/report") && !strings.Contains(line, `msg="requests this hour"`) {
			t.Errorf("a log line about a report request: %s", line)
		}
	}
	for _, bad := range []string{"192.0.2.1", "zebra", "organisation", "ransomware"} {
		if strings.Contains(log, bad) {
			t.Errorf("the log holds %q", bad)
		}
	}

	// The database: ids and the place of each report's bytes in the file,
	// in the order the reports were sent. (The hourly job has rewritten
	// the file and emptied the WAL.)
	if st, err := os.Stat(cfg.DB + "-wal"); err == nil && st.Size() != 0 {
		t.Errorf("the WAL holds %d bytes after the hourly job", st.Size())
	}
	disk := diskBytes(t, cfg.DB)
	raw := openRaw(t, cfg.DB)
	var ids, offsets []int64
	for i, code := range codes {
		c, _ := auth.ParseReceiptCode(code)
		var id int64
		if err := raw.QueryRow(`SELECT id FROM reports WHERE receipt_hash = ?`, c.Hash()).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		at := bytes.Index(disk, []byte(fmt.Sprintf("zebra%cquokka", 'a'+i)))
		if at < 0 {
			t.Fatalf("report %d's text is not in the file", i)
		}
		offsets = append(offsets, int64(at))
	}
	// SQLite writes a new row's bytes below the ones already in its page,
	// so within a page the places would fall with the order of arrival.
	var pageSize int64
	raw.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	samePage := func(i, j int) bool { return offsets[i]/pageSize == offsets[j]/pageSize }
	for name, tau := range map[string]float64{
		"ids":                         kendallTau(ids, func(int, int) bool { return true }),
		"places in the file":          kendallTau(offsets, func(int, int) bool { return true }),
		"places within the same page": kendallTau(offsets, samePage),
	} {
		if tau > 0.5 || tau < -0.5 {
			t.Errorf("the reports' %s follow the order they were sent in (Kendall tau %.2f)", name, tau)
		}
	}
	// Every table's rows in their stored order: none may follow the order
	// of submission, and nothing but the reporter's own text may hold a
	// time finer than the week.
	for _, q := range []string{
		`SELECT group_concat(id) FROM (SELECT rowid AS id FROM reports)`,
		`SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'`,
	} {
		var v string
		raw.QueryRow(q).Scan(&v)
		if v == "1" {
			t.Error("the database keeps an AUTOINCREMENT counter (sqlite_sequence)")
		}
	}
	// The day of the last statistics release is stored (the page shows it);
	// the day of the last report is not, nor any time of day.
	for _, bad := range [][]byte{[]byte("192.0.2.1"), []byte(clock.Format(time.DateOnly)), []byte(clock.Format("15:04")), []byte(reportClock.Format("15:04"))} {
		if bytes.Contains(disk, bad) {
			t.Errorf("the database files hold %q", bad)
		}
	}
}

// firstDifference shows where two snapshots part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("before: …%s…\nafter:  …%s…", a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
}
