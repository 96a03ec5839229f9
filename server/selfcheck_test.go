package server

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
)

// selfCheckAnswers gives every question the answer all, then applies set.
func selfCheckAnswers(all string, set map[string]string) url.Values {
	v := url.Values{}
	for _, q := range data.SelfCheckQuestions {
		v.Set("q_"+q, all)
	}
	for q, a := range set {
		v.Set("q_"+q, a)
	}
	return v
}

// selfCheckSession opens the self-check in lang: its CSRF cookie and token.
func selfCheckSession(t *testing.T, s *Server, lang string) ([]*http.Cookie, string) {
	t.Helper()
	return formSession(t, s, "/"+lang+"/self-check")
}

// shares counts the stored self-check shares.
func shares(t *testing.T, s *Server) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM selfcheck_shares`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSelfCheckPages: in every language the questions page has sixteen
// questions in fieldsets with legends, four answers each, the optional
// size and sector, a CSRF token, no-store, and sets no cookie but csrf.
func TestSelfCheckPages(t *testing.T) {
	s := newReportServer(t)
	words := map[string]string{"nl": "Zelftest voor kleine bedrijven", "en": "Self-check for small businesses", "fr": "Autodiagnostic pour les petites entreprises"}
	for _, lang := range i18n.Languages() {
		res, body := get(t, s, "/"+lang+"/self-check")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, res.StatusCode)
		}
		mustContain(t, body, `<html lang="`+lang+`">`, words[lang], `name="_csrf"`, `<select id="size" name="size">`, `<select id="sector" name="sector">`)
		if n := strings.Count(body, `type="radio"`); n != 4*len(data.SelfCheckQuestions) {
			t.Errorf("%s: %d radios, want %d", lang, n, 4*len(data.SelfCheckQuestions))
		}
		if n := strings.Count(body, "<legend"); n != len(data.SelfCheckQuestions)+6 {
			t.Errorf("%s: %d legends, want one per question, theme and the business", lang, n)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q", lang, cc)
		}
		for _, c := range res.Cookies() {
			if c.Name != "csrf" {
				t.Errorf("%s: cookie %s", lang, c.Name)
			}
		}
		if strings.Contains(body, "<script") {
			t.Errorf("%s: the self-check needs no script", lang)
		}
	}
}

// planOrder finds the actions in a plan's body, in order, by their text.
func planOrder(t *testing.T, s *Server, lang, body string) []string {
	t.Helper()
	p := s.cat.Printer(lang)
	type pos struct {
		q string
		i int
	}
	var found []pos
	for _, q := range data.SelfCheckQuestions {
		for _, key := range []string{"selfcheck.action." + q, "selfcheck.ask." + q} {
			text := html.EscapeString(p.T(key))
			if i := strings.Index(body, "<strong>"+text+"</strong>"); i >= 0 {
				found = append(found, pos{q, i})
			}
		}
	}
	slices.SortFunc(found, func(a, b pos) int { return a.i - b.i })
	var out []string
	for _, f := range found {
		out = append(out, f.q)
	}
	return out
}

// TestSelfCheckPlan: the plan for several answer sets: the actions are the
// questions not answered yes, ordered by impact and then effort (a
// "partly" after a "no" of the same impact), the first five on top; a
// "don't know" leads with whom to ask; each theme says where it stands.
func TestSelfCheckPlan(t *testing.T) {
	s := newReportServer(t)
	cases := []struct {
		name     string
		all      string
		set      map[string]string
		want     []string // the actions in order
		contains []string // English text the plan must show
		absent   []string
	}{
		{name: "nothing in place", all: "no",
			want: []string{"backup_weekly", "updates_auto", "mfa", "payment_check", "backup_offline", // impact 3
				"devices_locked", "leavers", "report_mistakes", "contact_list", "offline_essentials", // impact 2, effort 1
				"backup_restore", "passwords", "phishing_training", "incident_plan", "devices_supported", "insurance"},
			contains: []string{"Your five most important actions", "After that", "Needs attention", "0 of 3 measures in place", "0 of 4 measures in place"}},
		{name: "all in place", all: "yes",
			contains: []string{"You answered yes to every question", "In place", "3 of 3 measures in place"},
			absent:   []string{"After that", `class="plan-action"`}},
		{name: "mixed", all: "yes", set: map[string]string{"backup_weekly": "partly", "mfa": "unknown", "insurance": "no", "phishing_training": "partly"},
			want: []string{"mfa", "backup_weekly", "phishing_training", "insurance"},
			contains: []string{"Two-step login: check in each account&#39;s security settings", "If it turns out not to be in place: Turn on two-step login",
				"you answered partly", "you answered don&#39;t know", "Partly in place", "2 of 3 measures in place", "3 of 4 measures in place",
				`href="/en/advice/account-takeover"`, "https://cyberhulp.example/en/advice/account-takeover", "https://www.fraudehelpdesk.nl"},
			absent: []string{"After that"}},
		{name: "don't know everywhere", all: "unknown",
			want: []string{"backup_weekly", "updates_auto", "mfa", "payment_check", "backup_offline",
				"devices_locked", "leavers", "report_mistakes", "contact_list", "offline_essentials",
				"backup_restore", "passwords", "phishing_training", "incident_plan", "devices_supported", "insurance"},
			contains: []string{"Backups: ask your IT supplier", "Insurance: ask your insurer or broker"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cookies, token := selfCheckSession(t, s, "en")
			res, body := postReport(t, s, "/en/self-check", selfCheckAnswers(tc.all, tc.set), cookies, token)
			if res.StatusCode != http.StatusOK || !strings.Contains(body, "Your action plan") {
				t.Fatalf("status %d, no plan:\n%s", res.StatusCode, mainOf(body))
			}
			if got := planOrder(t, s, "en", body); !slices.Equal(got, tc.want) {
				t.Errorf("actions %v\nwant    %v", got, tc.want)
			}
			top := body[:max(strings.Index(body, `id="later-title"`), 0)]
			if len(tc.want) > planTop && strings.Count(top, `class="plan-action"`) != planTop {
				t.Errorf("%d actions before \"After that\", want %d", strings.Count(top, `class="plan-action"`), planTop)
			}
			mustContain(t, body, tc.contains...)
			for _, a := range tc.absent {
				if strings.Contains(body, a) {
					t.Errorf("the plan shows %q", a)
				}
			}
			if shares(t, s) != 0 {
				t.Error("showing a plan stored something")
			}
		})
	}
}

// TestSelfCheckErrors: a missing or unknown answer brings the form back
// (200) with every other answer kept, an error summary linking to each
// question, and nothing stored; answers in the query string are ignored.
func TestSelfCheckErrors(t *testing.T) {
	s := newReportServer(t)
	for _, lang := range i18n.Languages() {
		cookies, token := selfCheckSession(t, s, lang)
		v := selfCheckAnswers("partly", nil)
		v.Del("q_mfa")
		v.Set("q_insurance", "maybe")
		v.Set("sector", "nonsense")
		v.Set("size", "10-49")
		res, body := postReport(t, s, "/"+lang+"/self-check?q_mfa=yes", v, cookies, token)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, res.StatusCode)
		}
		mustContain(t, body, `class="error-summary"`, `href="#q_mfa"`, `href="#q_insurance"`, `href="#sector"`,
			`id="q_backup_weekly-partly" name="q_backup_weekly" value="partly" checked`, `<option value="10-49" selected>`)
		if strings.Contains(body, `name="q_mfa" value="yes" checked`) {
			t.Errorf("%s: an answer from the query string was taken", lang)
		}
		if strings.Contains(body, "plan-action") {
			t.Errorf("%s: a plan for answers with errors", lang)
		}
	}
	// Without the CSRF token: 403, nothing shown.
	res, _ := postForm(t, s, "/en/self-check", selfCheckAnswers("yes", nil), nil)
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("POST without CSRF: %d, want 403", res.StatusCode)
	}
	if shares(t, s) != 0 {
		t.Error("errors stored something")
	}
}

// TestSelfCheckSharing: nothing is stored without the tick; with it one
// row holds only the coded answers, sector, size band, version and ISO
// week under a random id; the same form sent again stores nothing more; a
// forged token stores nothing.
func TestSelfCheckSharing(t *testing.T) {
	s := newReportServer(t)
	cookies, token := selfCheckSession(t, s, "fr")
	set := map[string]string{"mfa": "no", "insurance": "unknown", "backup_restore": "partly"}
	v := selfCheckAnswers("yes", set)
	v.Set("sector", "retail")
	_, plan := postReport(t, s, "/fr/self-check", v, cookies, token)
	form := hiddenFields(plan[strings.Index(plan, `class="share-form`):])
	if form.Get("share_token") == "" || form.Get("share_sig") == "" || form.Get("q_mfa") != "no" {
		t.Fatalf("the share form does not carry the answers and a token: %v", form)
	}
	mustContain(t, plan, `<input type="checkbox" id="share" name="share" value="yes">`) // unticked

	res, body := postReport(t, s, "/fr/self-check/share", form, cookies, token)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Rien n&#39;a été partagé") || shares(t, s) != 0 {
		t.Fatalf("unticked: status %d, %d shares stored", res.StatusCode, shares(t, s))
	}
	form.Set("share", "yes")
	for i := 0; i < 2; i++ { // a double click
		res, body = postReport(t, s, "/fr/self-check/share", form, cookies, token)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "Merci. Vos réponses ont été partagées") {
			t.Fatalf("ticked: status %d\n%s", res.StatusCode, mainOf(body))
		}
	}
	if n := shares(t, s); n != 1 {
		t.Fatalf("%d shares stored after sending twice, want 1", n)
	}
	forged := url.Values{}
	for k, vs := range form {
		forged[k] = vs
	}
	forged.Set("share_token", "0123456789ABCDEF")
	postReport(t, s, "/fr/self-check/share", forged, cookies, token)
	if n := shares(t, s); n != 1 {
		t.Errorf("a forged token stored a share (%d)", n)
	}

	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cols []string
	rows, err := db.Query(`SELECT name FROM pragma_table_info('selfcheck_shares') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	// record_key: a random number for the cell-key method (migration 0011).
	if !slices.Equal(cols, []string{"id", "week", "sector", "size", "version", "answers", "record_key"}) {
		t.Errorf("selfcheck_shares has columns %v: nothing but codes, the week and a random key may be kept", cols)
	}
	var id, key int64
	var week, sector, size, answers string
	var version int
	if err := db.QueryRow(`SELECT id, week, sector, size, version, answers, record_key FROM selfcheck_shares`).Scan(&id, &week, &sector, &size, &version, &answers, &key); err != nil {
		t.Fatal(err)
	}
	if key < 0 || key >= 1<<32 {
		t.Errorf("record key %d outside [0, 2^32)", key)
	}
	if week != vocab.Week(s.local()) || sector != "retail" || size != "" || version != data.SelfCheckVersion {
		t.Errorf("stored week %q sector %q size %q version %d", week, sector, size, version)
	}
	if answers != "yypyyynyyyyyyyyd" {
		t.Errorf("stored answers %q, want yypyyynyyyyyyyyd", answers)
	}
	if id < 1<<20 { // a random 63-bit id, not a counter
		t.Errorf("id %d looks like a counter", id)
	}
}

// selfCheckKeyValues are the completions of selfcheck.<kind>. for the key test.
func selfCheckKeyValues(kind string) []string {
	var out []string
	for _, q := range data.SelfCheckQuestions {
		out = append(out, q)
		if kind == "q" {
			out = append(out, q+".why")
		}
	}
	return out
}

// TestSelfCheckStatistics: the public chart shows the shares of the last
// release only, every count perturbed by the cell-key method before
// suppression: a share is suppressed unless both the yes count and the
// rest reach -min-count, a size band below it is hidden, also when only its
// perturbed count is; the downloads say the same; staff see live figures.
// Every record key is set to 0, so every cell's key is 0 and the
// perturbation table gives its first noise: -2, or -1 for a count of 1.
func TestSelfCheckStatistics(t *testing.T) {
	s := newReportServer(t)
	addSelfCheckShares(t, s, "2026-W40", "2-9", 30, map[string]int{"backup_weekly": 18, "mfa": 25})
	addSelfCheckShares(t, s, "2026-W41", "10-49", 12, map[string]int{"backup_weekly": 12, "mfa": 0})
	addSelfCheckShares(t, s, "2026-W41", "50-249", 11, map[string]int{"backup_weekly": 11})
	setRecordKeys(t, s, 0)

	p := s.cat.Printer("en")
	lt, hidden := p.T("charts.suppressed", "10"), p.T("charts.hidden")
	_, body := get(t, s, "/en/statistics")
	mustContain(t, body, "No figures on shared answers have been published yet")
	if got := tableRows(t, body, selfCheckChartID)["Businesses that shared"]; !slices.Equal(got, []string{lt, lt, lt, lt, lt, lt, lt}) {
		t.Errorf("before any release: businesses %q", got)
	}

	releaseSelfCheck(t, s)
	_, body = get(t, s, "/en/statistics")
	mustContain(t, body, `id="selfcheck"`, `data-chart="selfcheck-measures"`, `href="/en/statistics/selfcheck-measures.csv"`,
		"51 businesses shared their answers.", "These figures were last updated on 23 November 2026.", "by at most 2 up or down")
	rows := tableRows(t, body, selfCheckChartID)
	want := map[string][]string{
		// all, 1, 2-9, 10-49, 50-249, 250+, size not given. Perturbed:
		// all 53 -> 51, 2-9 30 -> 28, 10-49 12 -> 10, 50-249 11 -> 9 (hidden
		// though 11 shared); weekly backup 41 -> 39 of 51, 16 of 28, 10 of
		// 10 (no one without: suppressed); two-step login 25 -> 23 of 51, 23
		// of 28 (5 without: suppressed).
		"Weekly backup":          {"76%", lt, "57%", lt, lt, lt, lt},
		"Two-step login":         {"45%", lt, lt, lt, lt, lt, lt},
		"Insurance checked":      {lt, lt, lt, lt, lt, lt, lt},
		"Businesses that shared": {"51", lt, "28", "10", lt, lt, lt},
	}
	for label, cells := range want {
		if !slices.Equal(rows[label], cells) {
			t.Errorf("row %q: %q, want %q", label, rows[label], cells)
		}
	}
	opts := chartOptions(t, body, selfCheckChartID)
	if series, _ := opts["series"].([]any); len(series) != 2 { // all businesses and 2-9: the only columns with a published share
		t.Errorf("%d bar series, want 2", len(series))
	}

	res, csvBody := get(t, s, "/en/statistics/selfcheck-measures.csv")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("CSV: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	records, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil || !slices.Equal(records[0], selfCheckCSVColumns) || len(records) != 1+len(data.SelfCheckQuestions)*7 {
		t.Fatalf("CSV header %v, %d rows (%v)", records[0], len(records), err)
	}
	find := func(measure, band string) []string {
		for _, r := range records[1:] {
			if r[1] == measure && r[3] == band {
				return r
			}
		}
		t.Fatalf("no CSV row %s/%s", measure, band)
		return nil
	}
	for _, c := range []struct{ measure, band, n, nStatus, share, shareStatus string }{
		{"backup_weekly", "all", "51", "ok", "76", "ok"},
		{"backup_weekly", "2-9", "28", "ok", "57", "ok"},
		{"backup_weekly", "10-49", "10", "ok", "", "suppressed"},
		{"backup_weekly", "50-249", "", "suppressed", "", "suppressed"},
		{"mfa", "2-9", "28", "ok", "", "suppressed"},
		{"mfa", "1", "", "suppressed", "", "suppressed"},
	} {
		r := find(c.measure, c.band)
		if r[5] != c.n || r[6] != c.nStatus || r[7] != c.share || r[8] != c.shareStatus || r[9] != "2026-11-23" {
			t.Errorf("CSV %s/%s: %v", c.measure, c.band, r)
		}
	}
	_, jsonBody := get(t, s, "/fr/statistics/selfcheck-measures.json")
	var oc struct {
		Chart, Lang, Summary string
		ReleasedOn           string `json:"released_on"`
		Threshold            int
		MaxNoise             int `json:"max_noise"`
		Data                 []selfCheckRow
	}
	if err := json.Unmarshal([]byte(jsonBody), &oc); err != nil {
		t.Fatal(err)
	}
	if oc.Chart != selfCheckChartID || oc.Lang != "fr" || oc.Threshold != 10 || len(oc.Data) != len(data.SelfCheckQuestions)*7 ||
		!strings.Contains(oc.Summary, "51 entreprises") || oc.ReleasedOn != "2026-11-23" || oc.MaxNoise != 2 {
		t.Errorf("JSON: %+v", oc)
	}

	// Staff: the same table, live and not perturbed, with this week's
	// shares; 50-249 is hidden, else the total would give away that the
	// bands below 10 are all 0.
	addSelfCheckShares(t, s, vocab.Week(s.local()), "2-9", 5, map[string]int{"backup_weekly": 5})
	m := addTestStaff(t, s, "analyst@example.org", data.RoleAnalyst)
	res, staff := staffGet(t, s, "/staff/statistics/self-check", m.session(t, s))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("staff: %d", res.StatusCode)
	}
	rows = tableRows(t, staff, selfCheckChartID)
	if got := rows["Businesses that shared"]; !slices.Equal(got, []string{"58", lt, "35", "12", hidden, lt, lt}) {
		t.Errorf("staff, live: businesses %q", got)
	}
	if got := rows["Weekly backup"]; got[0] != "79%" || got[2] != "66%" {
		t.Errorf("staff, live: weekly backup %q", got)
	}
}

// TestSelfCheckStatisticsRelease: the public self-check figures change only
// in a release, by the report statistics' rule and hourly job: two
// snapshots of the CSV and JSON around a new share are the same byte for
// byte, also after the job ran with fewer than -min-count new shares; once
// enough came in, the next release (in the first hour of a later day)
// changes them. Staff see every share at once.
func TestSelfCheckStatisticsRelease(t *testing.T) {
	s := newReportServer(t)
	ctx := t.Context()
	addSelfCheckShares(t, s, "2026-W40", "2-9", 40, map[string]int{"backup_weekly": 20})
	releaseSelfCheck(t, s)
	m := addTestStaff(t, s, "analyst@example.org", data.RoleAnalyst)
	staffN := func() string {
		_, body := staffGet(t, s, "/staff/statistics/self-check", m.session(t, s))
		return tableRows(t, body, selfCheckChartID)["Businesses that shared"][0]
	}
	snapshot := func() []string {
		var out []string
		for _, path := range []string{"/en/statistics/selfcheck-measures.csv", "/nl/statistics/selfcheck-measures.json"} {
			res, body := get(t, s, path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, res.StatusCode)
			}
			out = append(out, body)
		}
		_, page := get(t, s, "/en/statistics")
		return append(out, fmt.Sprint(tableRows(t, page, selfCheckChartID)))
	}
	before := snapshot()
	if got := staffN(); got != "40" {
		t.Fatalf("staff: %s businesses, want 40", got)
	}

	addSelfCheckShares(t, s, "2026-W48", "2-9", 1, map[string]int{"backup_weekly": 1})
	if got := staffN(); got != "41" {
		t.Errorf("staff after one share: %s businesses, want 41 at once", got)
	}
	if after := snapshot(); !slices.Equal(after, before) {
		t.Errorf("one share changed the public figures before a release:\n%q\n%q", before, after)
	}
	// The hourly job just after midnight the next day: 1 change pending, not enough.
	s.now = func() time.Time { return time.Date(2026, time.November, 24, 0, 30, 0, 0, s.zone) }
	s.hourlyJobs(ctx)
	if after := snapshot(); !slices.Equal(after, before) {
		t.Errorf("a release with 1 share pending:\n%q\n%q", before, after)
	}

	addSelfCheckShares(t, s, "2026-W48", "10-49", 9, map[string]int{"backup_weekly": 9})
	if after := snapshot(); !slices.Equal(after, before) {
		t.Errorf("10 shares pending changed the public figures before the job ran")
	}
	s.now = func() time.Time { return time.Date(2026, time.November, 24, 12, 30, 0, 0, s.zone) }
	s.hourlyJobs(ctx)
	if after := snapshot(); !slices.Equal(after, before) {
		t.Errorf("released outside the first hour of the day")
	}
	s.now = func() time.Time { return time.Date(2026, time.November, 25, 0, 10, 0, 0, s.zone) }
	s.hourlyJobs(ctx)
	after := snapshot()
	if slices.Equal(after, before) {
		t.Fatal("the public figures did not change in a release with 10 new shares")
	}
	var oc struct {
		ReleasedOn string `json:"released_on"`
		Data       []selfCheckRow
	}
	if err := json.Unmarshal([]byte(after[1]), &oc); err != nil {
		t.Fatal(err)
	}
	n := oc.Data[0].Businesses // the first measure, all businesses: 50 perturbed
	if oc.ReleasedOn != "2026-11-25" || n == nil || *n < 50-charts.MaxNoise || *n > 50+charts.MaxNoise {
		t.Errorf("after the release: %s, %v businesses, want 50 ± %d", oc.ReleasedOn, n, charts.MaxNoise)
	}
}

// addSelfCheckShares stores n shares of week and size band, the first
// yes[q] of them with question q answered yes, the rest no.
func addSelfCheckShares(t *testing.T, s *Server, week, size string, n int, yes map[string]int) {
	t.Helper()
	for i := 0; i < n; i++ {
		answers := map[string]string{}
		for _, q := range data.SelfCheckQuestions {
			answers[q] = "no"
			if i < yes[q] {
				answers[q] = "yes"
			}
		}
		if err := s.store.SaveSelfCheck(t.Context(), data.SelfCheckShare{Week: week, Size: size, Sector: "retail", Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
}

// setRecordKeys gives every stored share the record key k.
func setRecordKeys(t *testing.T, s *Server, k int64) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+s.cfg.DB+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE selfcheck_shares SET record_key = ?`, k); err != nil {
		t.Fatal(err)
	}
}

// releaseSelfCheck releases the shared self-check figures now, whatever the rule says.
func releaseSelfCheck(t *testing.T, s *Server) {
	t.Helper()
	if _, err := s.store.MaybeRelease(t.Context(), data.ReleaseSelfCheck, s.local(), s.releaseRule(), true); err != nil {
		t.Fatal(err)
	}
}

// TestSelfCheckStatisticsFew: when the businesses in total, perturbed, stay
// below -min-count (7 can become at most 9), nothing but "<10" is published
// after a release, in the table and the sentence, whatever the record keys.
func TestSelfCheckStatisticsFew(t *testing.T) {
	s := newReportServer(t)
	answers := map[string]string{}
	for _, q := range data.SelfCheckQuestions {
		answers[q] = "yes"
	}
	for i := 0; i < 10-1-charts.MaxNoise; i++ {
		if err := s.store.SaveSelfCheck(t.Context(), data.SelfCheckShare{Week: "2026-W01", Answers: answers}); err != nil {
			t.Fatal(err)
		}
	}
	releaseSelfCheck(t, s)
	_, body := get(t, s, "/nl/statistics")
	mustContain(t, body, "Tot nu toe hebben &lt;10 bedrijven hun antwoorden gedeeld")
	for label, cells := range tableRows(t, body, selfCheckChartID) {
		for _, c := range cells {
			if c != "<10" {
				t.Errorf("row %q shows %q with 7 businesses", label, c)
			}
		}
	}
}

// TestSelfCheckLinkedIn: the self-check is linked from the home page's
// business section, from business articles (not from articles for
// residents), from the done page after a business reported (not after a
// resident did), and the sitemap lists it with the materials pages.
func TestSelfCheckLinkedIn(t *testing.T) {
	s := newReportServer(t)
	for _, lang := range i18n.Languages() {
		link := `href="/` + lang + `/self-check"`
		_, home := get(t, s, "/"+lang+"/")
		business := home[strings.Index(home, `id="business-title"`):]
		if !strings.Contains(business[:strings.Index(business, "</section>")], link) {
			t.Errorf("%s: the home page's business section does not link the self-check", lang)
		}
		mustContain(t, home, `href="/`+lang+`/materials"`)
		if _, body := get(t, s, "/"+lang+"/advice/ransomware"); !strings.Contains(body, link) {
			t.Errorf("%s: the ransomware article does not link the self-check", lang)
		}
		if _, body := get(t, s, "/"+lang+"/advice/sextortion"); strings.Contains(body, link) {
			t.Errorf("%s: an article for residents links the self-check", lang)
		}
		answers := validAnswers()
		answers.Set("victim", "business")
		answers.Set("company_size", "2-9")
		answers.Set("sector", "retail")
		if _, done, _ := sendReport(t, s, lang, answers); !strings.Contains(done, `id="selfcheck-next"`) || !strings.Contains(done, link) {
			t.Errorf("%s: the done page after a business report does not point to the self-check", lang)
		}
		if _, done, _ := sendReport(t, s, lang, validAnswers()); strings.Contains(done, `id="selfcheck-next"`) {
			t.Errorf("%s: the done page after a resident's report points to the self-check", lang)
		}
	}
	_, sitemap := get(t, s, "/sitemap.xml")
	mustContain(t, sitemap, "<loc>https://cyberhulp.example/fr/self-check</loc>", "<loc>https://cyberhulp.example/nl/materials</loc>",
		"<loc>https://cyberhulp.example/en/materials/poster</loc>")
}

// TestContentLicence: the licence set by -content-licence is printed on
// every sheet and stated on the materials page, linked when it is one we
// know; an empty one is refused at start-up.
func TestContentLicence(t *testing.T) {
	cases := []struct{ licence, link string }{
		{DefaultContentLicence, "https://creativecommons.org/licenses/by/4.0/"},
		{"CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"Gemeente Maastricht, alle rechten voorbehouden", ""},
	}
	for _, tc := range cases {
		cfg := testConfig(t)
		cfg.ContentLicence = tc.licence
		s := newServerWith(t, cfg, io.Discard)
		_, sheet := get(t, s, "/nl/advice/phishing")
		_, materials := get(t, s, "/en/materials")
		for _, body := range []string{sheet, materials} {
			mustContain(t, body, html.EscapeString(tc.licence))
			if tc.link != "" {
				mustContain(t, body, tc.link)
			} else if strings.Contains(body, "creativecommons.org") {
				t.Errorf("%q: a Creative Commons link for another licence", tc.licence)
			}
		}
		mustContain(t, sheet, `class="print-sheet sheet-qr"><svg role="img" aria-label="QR-code voor https://cyberhulp.example/nl/advice/phishing"`,
			"Dit blad online: https://cyberhulp.example/nl/advice/phishing")
	}
	cfg := testConfig(t)
	cfg.ContentLicence = " "
	if err := cfg.Validate("content-licence"); err == nil || !strings.Contains(err.Error(), "-content-licence") {
		t.Errorf("an empty licence: %v", err)
	}
}

// TestSelfCheckBodiesInDirectory: every measure names a body the directory
// of official bodies has, with a web address, and an advice article that
// exists in every language.
func TestSelfCheckBodiesInDirectory(t *testing.T) {
	s := newTestServer(t)
	for _, q := range selfCheckQuestions {
		b, ok := s.lib.Directory().Body(q.Body)
		if !ok || b.Web == "" {
			t.Errorf("%s: body %q is not in the directory with a web address", q.ID, q.Body)
		}
		for _, lang := range i18n.Languages() {
			if _, ok := s.lib.Get(lang, q.Article); !ok {
				t.Errorf("%s: no article %q in %s", q.ID, q.Article, lang)
			}
		}
	}
	if !slices.EqualFunc(selfCheckQuestions, data.SelfCheckQuestions, func(q selfCheckQuestion, id string) bool { return q.ID == id }) {
		t.Error("the measures and data.SelfCheckQuestions list different questions or another order")
	}
}
