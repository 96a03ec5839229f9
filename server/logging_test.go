package server

import (
	"strings"
	"testing"
	"time"
)

func TestLoggerBuffers(t *testing.T) {
	t.Parallel()
	var out syncBuffer
	log, flush := NewLogger(&out)
	for i := 0; i < 100; i++ {
		log.Info("request", "status", 200)
	}
	if out.writes() != 0 {
		t.Fatalf("request lines were written at once (%d writes), not gathered", out.writes())
	}
	log.Warn("disk almost full")
	if got := out.String(); strings.Count(got, "msg=request") != 100 || !strings.Contains(got, "disk almost full") || out.writes() != 1 {
		t.Fatalf("a warning must write out everything before it, in one write; got %d writes:\n%.200s", out.writes(), got)
	}

	log.With("job", "retention").Info("done")
	if !strings.Contains(out.String(), "msg=done job=retention") {
		t.Fatal("an event line was held back with the request lines")
	}

	log.Info("request", "status", 201)
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(out.String(), "status=201") {
		if time.Now().After(deadline) {
			t.Fatal("a request line was not written within a second or so")
		}
		time.Sleep(50 * time.Millisecond)
	}

	log.Info("request", "status", 204)
	flush()
	flush() // twice is harmless
	if !strings.Contains(out.String(), "status=204") {
		t.Error("flush left lines behind")
	}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(line, "time=") {
			t.Errorf("a line was torn: %q", line)
		}
	}
}
