package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// The anonymous reports as their reporters see them: what a report holds,
// the fixed lists its answers come from, and what a reporter can do later
// with the receipt code (read, add an update, delete). Storing a new report
// goes through ReportQueue (batch.go), which commits many at once.

// ReportCodes are the answers a report may hold, each a stable code from a
// fixed list; pages show them translated (code.<list>.<code>).
var ReportCodes = struct {
	Victim, CompanySize, Sector, Incident, Channel, Municipality, Loss, Recovered, RansomPaid, Police []string
}{
	Victim:      []string{"citizen", "business", "organisation"},
	CompanySize: []string{"1", "2-9", "10-49", "50-249", "250+"},
	Sector: []string{"retail", "hospitality", "construction", "healthcare", "professional_services", "ict",
		"manufacturing", "transport", "education", "other"},
	Incident: []string{"phishing", "helpdesk_fraud", "friend_in_need", "shopping_fraud", "investment_fraud",
		"invoice_fraud", "ransomware", "malware", "account_takeover", "ddos", "sextortion", "identity_fraud",
		"data_breach", "other"},
	Channel: []string{"email", "sms", "phone", "messaging_app", "social_media", "website", "marketplace",
		"in_person", "other"},
	// Maastricht and its neighbours in South Limburg, then everything else.
	Municipality: []string{"maastricht", "eijsden-margraten", "meerssen", "valkenburg", "gulpen-wittem",
		"sittard-geleen", "beek", "stein", "heerlen", "kerkrade", "elsewhere"},
	Loss:       []string{"none", "lt100", "100-1000", "1000-10000", "10000-100000", "gt100000"},
	Recovered:  []string{"yes", "no", "partly"},
	RansomPaid: []string{"yes", "no"},
	Police:     []string{"yes", "no", "plan"},
}

// FirstReportYear is the earliest year an incident may be reported for.
const FirstReportYear = 2000

// MaxReportText is the longest description or update, in runes, that a
// reporter may type; the anonymised text may differ slightly in length.
const MaxReportText = 5000

// MaxReportUpdates is how many updates one report can collect, so a receipt
// code cannot be used to fill the disk.
const MaxReportUpdates = 20

// ErrTooManyUpdates is returned when a report already has MaxReportUpdates.
var ErrTooManyUpdates = errors.New("report has the maximum number of updates")

// AsksRansom reports whether the form asks if a ransom was paid: only for
// incidents where criminals demand one.
func AsksRansom(incident string) bool { return incident == "ransomware" || incident == "sextortion" }

// ReportWeek is the ISO week a report keeps instead of its time: 2026-W47.
func ReportWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Report is an anonymous report: answers as codes, the reporter's language,
// the ISO week it was sent, and the anonymised description.
type Report struct {
	Lang          string
	Week          string
	Victim        string
	CompanySize   string // business only
	Sector        string // business only
	Incident      string
	Channel       string
	IncidentYear  int
	IncidentMonth int
	Municipality  string
	Loss          string
	Recovered     string // only when money was lost
	RansomPaid    string // only for ransomware and sextortion
	Police        string
	Description   string         // already anonymised
	Updates       []ReportUpdate // filled when read back
}

// ReportUpdate is text a reporter added later, anonymised the same way.
type ReportUpdate struct {
	Week, Body string
}

// Check is the store's own guard: every answer must be a code from its list
// and the answers must fit together. The web form checks the same with
// messages for people; this catches anything that bypasses it.
func (r *Report) Check() error {
	var errs []error
	in := func(field, v string, list []string) {
		if !slices.Contains(list, v) {
			errs = append(errs, fmt.Errorf("%s %q is not a known code", field, v))
		}
	}
	only := func(field, v string, asked bool, list []string) {
		if asked {
			in(field, v, list)
		} else if v != "" {
			errs = append(errs, fmt.Errorf("%s %q given where it is not asked", field, v))
		}
	}
	in("lang", r.Lang, []string{"nl", "en", "fr"})
	in("victim", r.Victim, ReportCodes.Victim)
	only("company size", r.CompanySize, r.Victim == "business", ReportCodes.CompanySize)
	only("sector", r.Sector, r.Victim == "business", ReportCodes.Sector)
	in("incident", r.Incident, ReportCodes.Incident)
	in("channel", r.Channel, ReportCodes.Channel)
	in("municipality", r.Municipality, ReportCodes.Municipality)
	in("loss", r.Loss, ReportCodes.Loss)
	only("recovered", r.Recovered, r.Loss != "none", ReportCodes.Recovered)
	only("ransom paid", r.RansomPaid, AsksRansom(r.Incident), ReportCodes.RansomPaid)
	in("police", r.Police, ReportCodes.Police)
	if r.IncidentYear < FirstReportYear || r.IncidentYear > 9999 || r.IncidentMonth < 1 || r.IncidentMonth > 12 {
		errs = append(errs, fmt.Errorf("incident month %d-%d is out of range", r.IncidentYear, r.IncidentMonth))
	}
	if !weekPattern(r.Week) {
		errs = append(errs, fmt.Errorf("week %q is not an ISO week like 2026-W47", r.Week))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// weekPattern checks the form YYYY-Www without a regexp on the hot path.
func weekPattern(s string) bool {
	if len(s) != 8 || s[4] != '-' || s[5] != 'W' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 6, 7} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	w := int(s[6]-'0')*10 + int(s[7]-'0')
	return w >= 1 && w <= 53
}

const reportByHash = `SELECT id, lang, week, victim, company_size, sector, incident, channel, incident_year, incident_month,
	municipality, loss, recovered, ransom_paid, police, description FROM reports WHERE receipt_hash = ?`

const updatesOfReport = `SELECT week, body FROM report_updates WHERE report_id = ? ORDER BY seq`

// ReportByReceipt returns the report stored under code, as a person typed
// it, with its updates; ErrNotFound if there is none. A malformed code costs
// the same work as an unknown one (normalise, hash, one indexed lookup), so
// the answer's timing does not tell the two apart.
func (s *Store) ReportByReceipt(ctx context.Context, typed string) (*Report, error) {
	code, ok := ParseReceiptCode(typed)
	r := &Report{}
	var id int64
	err := s.r.QueryRowContext(ctx, reportByHash, code.Hash()).Scan(&id, &r.Lang, &r.Week, &r.Victim, &r.CompanySize,
		&r.Sector, &r.Incident, &r.Channel, &r.IncidentYear, &r.IncidentMonth, &r.Municipality, &r.Loss, &r.Recovered,
		&r.RansomPaid, &r.Police, &r.Description)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !ok) {
		return nil, fmt.Errorf("report by receipt: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("report by receipt: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, updatesOfReport, id)
	if err != nil {
		return nil, fmt.Errorf("report updates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u ReportUpdate
		if err := rows.Scan(&u.Week, &u.Body); err != nil {
			return nil, fmt.Errorf("report updates: %w", err)
		}
		r.Updates = append(r.Updates, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("report updates: %w", err)
	}
	return r, nil
}

const (
	reportIDByHash = `SELECT id FROM reports WHERE receipt_hash = ?`
	updateState    = `SELECT COUNT(*), COALESCE((SELECT body FROM report_updates WHERE report_id = ?1 ORDER BY seq DESC LIMIT 1), '')
		FROM report_updates WHERE report_id = ?1`
	// seq, not the (random) id, keeps a report's updates in order.
	insertUpdate = `INSERT INTO report_updates (id, report_id, seq, week, body)
		SELECT ?1, ?2, COALESCE(MAX(seq), 0) + 1, ?3, ?4 FROM report_updates WHERE report_id = ?2 ON CONFLICT DO NOTHING`
)

// AddReportUpdate appends body, already anonymised, to the report stored
// under code. It returns false without adding anything when body repeats the
// last update, which is what a reloaded page sends again. ErrNotFound if the
// code is unknown, ErrTooManyUpdates if the report is full.
func (s *Store) AddReportUpdate(ctx context.Context, typed, week, body string) (bool, error) {
	code, ok := ParseReceiptCode(typed)
	if !ok {
		return false, fmt.Errorf("add report update: %w", ErrNotFound)
	}
	if !weekPattern(week) || body == "" {
		return false, fmt.Errorf("add report update: week %q or empty body", week)
	}
	added := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, reportIDByHash, code.Hash()).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		var n int
		var last string
		if err := tx.QueryRowContext(ctx, updateState, id).Scan(&n, &last); err != nil {
			return err
		}
		if last == body {
			return nil
		}
		if n >= MaxReportUpdates {
			return ErrTooManyUpdates
		}
		stmt, err := tx.PrepareContext(ctx, insertUpdate)
		if err != nil {
			return err
		}
		defer stmt.Close()
		added, err = s.insertWithRandomID(ctx, stmt, nil, id, week, body)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("add report update: %w", err)
	}
	return added, nil
}

const deleteReport = `DELETE FROM reports WHERE receipt_hash = ?`

// DeleteReport removes the report stored under code and its updates for
// good (the updates go by ON DELETE CASCADE). ErrNotFound if there is none.
func (s *Store) DeleteReport(ctx context.Context, typed string) error {
	code, ok := ParseReceiptCode(typed)
	if !ok {
		return fmt.Errorf("delete report: %w", ErrNotFound)
	}
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, deleteReport, code.Hash())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("delete report: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("delete report: %w", ErrNotFound)
	}
	return nil
}
