package data

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"cyberportal/data/auth"
)

func TestReportQueueGroupsConcurrentSubmissions(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	q := NewReportQueue(s, 64)
	const n = 400
	codes := make([]auth.ReceiptCode, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		codes[i], _ = auth.NewReceiptCode()
		wg.Go(func() {
			var stored bool
			stored, errs[i] = q.Submit(context.Background(), codes[i], testReport())
			if errs[i] == nil && !stored {
				errs[i] = errors.New("not stored")
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("submission %d: %v", i, err)
		}
	}
	var count int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&count)
	if count != n {
		t.Errorf("%d reports stored, want %d", count, n)
	}
	// Every submission waited for its own commit and was answered after it;
	// with 400 at once, sharing transactions is the point.
	if c := q.Commits(); c >= n || c < n/64 {
		t.Errorf("%d commits for %d concurrent submissions: no group commit", c, n)
	}
	t.Logf("%d reports in %d commits", n, q.Commits())
	for _, c := range codes[:10] {
		if _, err := s.ReportByReceipt(context.Background(), c.String()); err != nil {
			t.Errorf("report %s: %v", c, err)
		}
	}
}

func TestReportQueueIsIdempotentPerReceipt(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	q := NewReportQueue(s, 16)
	code, _ := auth.NewReceiptCode()
	var stored [8]bool
	var wg sync.WaitGroup
	for i := range stored {
		wg.Go(func() {
			var err error
			if stored[i], err = q.Submit(context.Background(), code, testReport()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	n := 0
	for _, st := range stored {
		if st {
			n++
		}
	}
	var count int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&count)
	if n != 1 || count != 1 {
		t.Errorf("the same form sent 8 times: stored %d times, %d rows; want 1 and 1", n, count)
	}
}

func TestReportQueueRejectsBadInput(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	q := NewReportQueue(s, 16)
	code, _ := auth.NewReceiptCode()
	bad := testReport()
	bad.Incident = "<script>"
	if _, err := q.Submit(context.Background(), code, bad); err == nil {
		t.Error("a report with an unknown code was stored")
	}
	if _, err := q.Submit(context.Background(), "SHORT", testReport()); err == nil {
		t.Error("a report with a malformed receipt code was stored")
	}
}

// TestReportQueueIsolatesAFailingReport puts a row the database refuses in a
// batch (past Check, as a bug would): the others must still be stored.
func TestReportQueueIsolatesAFailingReport(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	q := NewReportQueue(s, 16)
	var batch []*submission
	for i := range 5 {
		code, _ := auth.NewReceiptCode()
		r := testReport()
		if i == 2 {
			r.IncidentMonth = 13 // the table's CHECK refuses it
		}
		batch = append(batch, &submission{hash: code.Hash(), report: r, done: make(chan error, 1)})
	}
	q.commit(batch)
	for i, sub := range batch {
		err := <-sub.done
		if (i == 2) != (err != nil) || (err == nil && !sub.stored) {
			t.Errorf("submission %d: %v, stored %v", i, err, sub.stored)
		}
	}
	var count int
	s.r.QueryRow(`SELECT COUNT(*) FROM reports`).Scan(&count)
	if count != 4 {
		t.Errorf("%d reports stored, want the 4 good ones", count)
	}
}

// TestReportQueueHonoursCancellation holds the writer so the commit cannot
// run: a request that gives up gets its context's error, not a false "stored".
func TestReportQueueHonoursCancellation(t *testing.T) {
	t.Parallel()
	s, _ := openTest(t)
	q := NewReportQueue(s, 16)
	hold, err := s.w.Begin() // the only writer connection
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	code, _ := auth.NewReceiptCode()
	stored, err := q.Submit(ctx, code, testReport())
	if !errors.Is(err, context.DeadlineExceeded) || stored {
		t.Errorf("submit while the writer is busy: %v, %v; want the deadline", stored, err)
	}
	hold.Rollback()
	// The queued report is still committed once the writer is free; its
	// code was never shown, so nobody can use it.
	for range 100 {
		if _, err := s.ReportByReceipt(context.Background(), code.String()); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("the queued report was never committed")
}
