package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"cyberportal/data/auth"
)

// ReportQueue stores new reports by group commit. With synchronous=FULL every
// commit waits for the disk (about 1,500 commits/s here), so one transaction
// per report caps throughput there. Submissions that arrive while a commit
// is under way wait in the queue; the next commit takes up to maxBatch of
// them in one transaction, one fsync, and then answers each. Nobody is
// answered before the commit that holds their report has returned.
type ReportQueue struct {
	store    *Store
	maxBatch int

	mu      sync.Mutex
	pending []*submission
	running bool // a drain goroutine is committing

	commits atomic.Int64 // transactions committed, for tests and figures

	// OnCommit, when set (before the first Submit), is told the size and
	// outcome of every transaction, for metrics.
	OnCommit func(reports int, err error)
	idle     func() // see OnIdle; guarded by mu
}

// OnIdle sets fn to run on the committing goroutine each time the queue
// has committed everything waiting; submissions that come in meanwhile wait
// for it. The server checkpoints the WAL there, so that the WAL does not
// keep the order of recent commits. nil runs nothing.
func (q *ReportQueue) OnIdle(fn func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.idle = fn
}

// submission is one report waiting for its commit.
type submission struct {
	hash   []byte
	report *Report
	stored bool       // false when a report with this receipt already existed
	done   chan error // buffered: the committer never blocks on it
}

// Commits is how many transactions the queue has run, so a benchmark can
// print the average batch size.
func (q *ReportQueue) Commits() int64 { return q.commits.Load() }

// NewReportQueue returns a queue that commits up to maxBatch reports per
// transaction. It starts no goroutine until there is work, and none is left
// running when the queue is empty, so it needs no closing.
func NewReportQueue(store *Store, maxBatch int) *ReportQueue {
	return &ReportQueue{store: store, maxBatch: max(1, maxBatch)}
}

// Submit stores r under code and returns once it is durably committed.
// The receipt code makes the call idempotent: when a report under the same
// code already exists (the same form sent twice), nothing is stored and
// stored is false. If ctx ends first, Submit returns ctx.Err(); the report
// may still be committed, but nobody is told its code is valid.
func (q *ReportQueue) Submit(ctx context.Context, code auth.ReceiptCode, r *Report) (stored bool, err error) {
	if !code.Valid() {
		return false, errors.New("store: submit report: malformed receipt code")
	}
	if err := r.Check(); err != nil {
		return false, fmt.Errorf("submit %w", err)
	}
	sub := &submission{hash: code.Hash(), report: r, done: make(chan error, 1)}
	q.mu.Lock()
	q.pending = append(q.pending, sub)
	start := !q.running
	q.running = true
	q.mu.Unlock()
	if start {
		go q.drain()
	}
	select {
	case err := <-sub.done:
		return sub.stored, err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// drain commits batches until the queue is empty. Only one drain runs at a
// time, which keeps the queue's commits in order and off each other's toes.
func (q *ReportQueue) drain() {
	idled := false
	for {
		q.mu.Lock()
		n := min(len(q.pending), q.maxBatch)
		if idle := q.idle; n == 0 && idle != nil && !idled {
			q.mu.Unlock()
			idle()
			idled = true
			continue
		}
		if n == 0 {
			q.running = false
			q.pending = nil // let a large backlog's array go
			q.mu.Unlock()
			return
		}
		batch := q.pending[:n:n]
		q.pending = q.pending[n:]
		q.mu.Unlock()
		q.commit(batch)
		idled = false
	}
}

// insertReport writes nothing when the id or the receipt code is taken
// already; insertWithRandomID tells the two apart.
const (
	insertReport = `INSERT INTO reports (id, receipt_hash, lang, week, victim, company_size, sector, incident, channel,
	incident_year, incident_month, municipality, loss, recovered, ransom_paid, police, description)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	receiptTaken = `SELECT EXISTS (SELECT 1 FROM reports WHERE receipt_hash = ?)`
)

// commit inserts a batch in one transaction. If that fails, each report is
// retried in a transaction of its own, so one bad row cannot cost the others
// their report; each submitter gets its own outcome.
func (q *ReportQueue) commit(batch []*submission) {
	// Not a request's context: the batch serves many requests, and a
	// commit that has begun should finish for all of them.
	ctx := context.Background()
	err := q.insert(ctx, batch)
	if err == nil || len(batch) == 1 {
		for _, sub := range batch {
			if err != nil {
				sub.stored = false
				sub.done <- fmt.Errorf("store: submit report: %w", err)
			} else {
				sub.done <- nil
			}
		}
		return
	}
	for _, sub := range batch {
		one := []*submission{sub}
		if err := q.insert(ctx, one); err != nil {
			sub.stored = false
			sub.done <- fmt.Errorf("store: submit report: %w", err)
			continue
		}
		sub.done <- nil
	}
}

// insert runs one transaction for the batch and sets each submission's
// stored flag; the flags mean nothing unless it returns nil.
func (q *ReportQueue) insert(ctx context.Context, batch []*submission) (err error) {
	defer q.commits.Add(1)
	if q.OnCommit != nil {
		defer func() { q.OnCommit(len(batch), err) }()
	}
	return q.store.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, insertReport)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, sub := range batch {
			r := sub.report
			taken := func() (exists bool, err error) {
				return exists, tx.QueryRowContext(ctx, receiptTaken, sub.hash).Scan(&exists)
			}
			var err error
			sub.stored, err = q.store.insertWithRandomID(ctx, stmt, taken, sub.hash, r.Lang, r.Week, r.Victim,
				r.CompanySize, r.Sector, r.Incident, r.Channel, r.IncidentYear, r.IncidentMonth, r.Municipality, r.Loss,
				r.Recovered, r.RansomPaid, r.Police, r.Description)
			if err != nil {
				return err
			}
		}
		return nil
	})
}
