package server

import (
	"context"
	"sync"
	"time"
)

// idleCheckpointGap is the least time between two checkpoints after stored
// reports. A checkpoint each time the report queue runs empty cost about an
// eighth of the throughput under load (make bench); at most one a second
// costs next to nothing, and under load the WAL then holds the order of at
// most a second of commits.
const idleCheckpointGap = time.Second

// idleCheckpoints checkpoints the WAL when the report queue has committed
// everything waiting, at most once per gap; one that is too soon is made
// when the gap is over, so the last reports of a burst do not stay in the
// WAL until the next one.
type idleCheckpoints struct {
	run func()
	gap time.Duration

	mu      sync.Mutex
	last    time.Time
	pending bool // a checkpoint is scheduled
}

// idle is the queue's OnIdle.
func (ic *idleCheckpoints) idle() {
	ic.mu.Lock()
	wait := ic.gap - time.Since(ic.last)
	if wait <= 0 {
		ic.last = time.Now()
		ic.mu.Unlock()
		ic.run()
		return
	}
	if !ic.pending {
		ic.pending = true
		time.AfterFunc(wait, func() {
			ic.mu.Lock()
			ic.pending, ic.last = false, time.Now()
			ic.mu.Unlock()
			ic.run()
		})
	}
	ic.mu.Unlock()
}

// checkpointAfterReports is the queue's idle work for the server.
func (s *Server) checkpointAfterReports() func() {
	ic := &idleCheckpoints{gap: idleCheckpointGap, run: func() { s.checkpoint(context.Background(), "reports stored") }}
	return ic.idle
}
