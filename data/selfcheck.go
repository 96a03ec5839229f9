package data

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"cyberportal/data/vocab"
)

// The small-business self-check (issue 14): the questions' codes, and the
// answers a business chose to share anonymously for the statistics.

// SelfCheckVersion is the version of the questionnaire whose answers are
// stored; a new question or a new order means a new version.
const SelfCheckVersion = 1

// SelfCheckQuestions are the self-check's questions as stable codes, in the
// order of the page and of the letters in a stored answer string.
var SelfCheckQuestions = []string{
	"backup_weekly", "backup_offline", "backup_restore",
	"updates_auto", "devices_supported", "devices_locked",
	"mfa", "passwords", "leavers",
	"phishing_training", "payment_check", "report_mistakes",
	"contact_list", "incident_plan", "offline_essentials", "insurance",
}

// SelfCheckAnswers are the answers to each question, as on the form.
var SelfCheckAnswers = []string{"yes", "partly", "no", "unknown"}

// answerLetters are the answers as stored, one letter each.
var answerLetters = map[string]byte{"yes": 'y', "partly": 'p', "no": 'n', "unknown": 'd'}

// SelfCheckShare is one shared self-check: nothing but codes and the week.
type SelfCheckShare struct {
	Week    string            // ISO week of sharing, 2026-W48
	Sector  string            // a vocab.Sector code, or "" when not given
	Size    string            // a vocab.CompanySize code, or "" when not given
	Answers map[string]string // question code -> answer code, for every question
}

// coded checks the share against the lists and gives its answer string.
func (sh SelfCheckShare) coded() (string, error) {
	var errs []error
	if !vocab.IsWeek(sh.Week) {
		errs = append(errs, fmt.Errorf("week %q is not an ISO week", sh.Week))
	}
	if sh.Sector != "" && !vocab.Sector.Has(sh.Sector) {
		errs = append(errs, fmt.Errorf("sector %q is not a known code", sh.Sector))
	}
	if sh.Size != "" && !vocab.CompanySize.Has(sh.Size) {
		errs = append(errs, fmt.Errorf("size %q is not a known code", sh.Size))
	}
	if len(sh.Answers) != len(SelfCheckQuestions) {
		errs = append(errs, fmt.Errorf("%d answers for %d questions", len(sh.Answers), len(SelfCheckQuestions)))
	}
	var b strings.Builder
	for _, q := range SelfCheckQuestions {
		l, ok := answerLetters[sh.Answers[q]]
		if !ok {
			errs = append(errs, fmt.Errorf("answer %q to %s is not a known code", sh.Answers[q], q))
		}
		b.WriteByte(l)
	}
	return b.String(), errors.Join(errs...)
}

// SaveSelfCheck stores a shared self-check under a random id.
func (s *Store) SaveSelfCheck(ctx context.Context, sh SelfCheckShare) error {
	answers, err := sh.coded()
	if err != nil {
		return fmt.Errorf("store: self-check share: %w", err)
	}
	for range 5 {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return fmt.Errorf("store: self-check share: random id: %w", err)
		}
		id := int64(binary.BigEndian.Uint64(b[:]) >> 1)
		_, err = s.w.ExecContext(ctx, `INSERT INTO selfcheck_shares (id, week, sector, size, version, answers)
			VALUES (?, ?, ?, ?, ?, ?)`, id, sh.Week, sh.Sector, sh.Size, SelfCheckVersion, answers)
		var se sqlite3.Error
		if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey {
			continue // a 1-in-2^63 collision: draw again
		}
		if err != nil {
			return fmt.Errorf("store: self-check share: %w", err)
		}
		return nil
	}
	return errors.New("store: self-check share: no free id")
}

// SelfCheckTally counts, for one size band, the businesses that shared and,
// per question, how many have the measure in place (answered yes), each
// count with the sum of its shares' record keys for the cell-key method
// (charts.KeyOf, charts.Perturb).
type SelfCheckTally struct {
	Size   string           // a CompanySize code, or "" for businesses that gave none
	N      int              // businesses that shared
	Key    int64            // the sum of their record keys
	Yes    map[string]int   // question code -> businesses that answered yes
	YesKey map[string]int64 // question code -> the sum of their record keys
}

// SelfCheckTallies counts the shares of the current questionnaire version
// per size band: as released (selfcheck_stats_released, what the public
// sees), or live. Bands without shares are absent.
func (s *Store) SelfCheckTallies(ctx context.Context, released bool) (map[string]*SelfCheckTally, error) {
	table := "selfcheck_stats"
	if released {
		table = "selfcheck_stats_released"
	}
	rows, err := s.r.QueryContext(ctx, `SELECT size, pos, n, k FROM `+table+` WHERE version = ?`, SelfCheckVersion)
	if err != nil {
		return nil, fmt.Errorf("store: self-check tallies: %w", err)
	}
	defer rows.Close()
	out := map[string]*SelfCheckTally{}
	for rows.Next() {
		var size string
		var pos, n int
		var k int64
		if err := rows.Scan(&size, &pos, &n, &k); err != nil {
			return nil, fmt.Errorf("store: self-check tallies: %w", err)
		}
		t := out[size]
		if t == nil {
			t = &SelfCheckTally{Size: size, Yes: map[string]int{}, YesKey: map[string]int64{}}
			out[size] = t
		}
		switch {
		case pos == 0:
			t.N, t.Key = n, k
		case pos <= len(SelfCheckQuestions):
			q := SelfCheckQuestions[pos-1]
			t.Yes[q], t.YesKey[q] = n, k
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: self-check tallies: %w", err)
	}
	return out, nil
}
