package server

import (
	"sync/atomic"
	"testing"
	"time"
)

// TestIdleCheckpointsAreSpacedButNotLost: a burst of idle moments makes one
// checkpoint at once and one more when the gap is over, never one per
// moment, and none is left out at the end of the burst.
func TestIdleCheckpointsAreSpacedButNotLost(t *testing.T) {
	var runs atomic.Int32
	ic := &idleCheckpoints{gap: 100 * time.Millisecond, run: func() { runs.Add(1) }}
	for range 50 {
		ic.idle()
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("%d checkpoints at once, want 1", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runs.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond) // and no third
	if n := runs.Load(); n != 2 {
		t.Errorf("%d checkpoints after the burst, want 2: the last reports must not stay in the WAL", n)
	}
}
