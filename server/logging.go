package server

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// NewLogger is the portal's logger: text lines to w, gathered in a buffer
// and written out every second, when 32 KiB have gathered, and at once for
// warnings and errors. One request line per request would otherwise cost a
// write to the log on every request, which costs more than serving a page
// from memory; nginx's access_log buffer=32k flush=1s makes the same trade.
// flush stops the ticker and writes out what is left; call it before the
// process ends.
func NewLogger(w io.Writer) (logger *slog.Logger, flush func()) {
	b := &logBuffer{w: bufio.NewWriterSize(w, 32<<10)}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.Flush()
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return slog.New(flushOnWarn{slog.NewTextHandler(b, nil), b}), func() {
		once.Do(func() { close(done); <-stopped; b.Flush() })
	}
}

// logBuffer is a bufio.Writer safe for the ticker and the handler together.
// The text handler writes each record in one Write, so lines stay whole.
type logBuffer struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// flushOnWarn writes the buffer out after every line but the request lines:
// warnings and errors, which someone may need to act on, and the rare
// events (listening, retention), are never held back.
type flushOnWarn struct {
	slog.Handler
	buf *logBuffer
}

func (h flushOnWarn) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn || r.Message != requestLine {
		h.buf.Flush()
	}
	return err
}

func (h flushOnWarn) WithAttrs(attrs []slog.Attr) slog.Handler {
	return flushOnWarn{h.Handler.WithAttrs(attrs), h.buf}
}

func (h flushOnWarn) WithGroup(name string) slog.Handler {
	return flushOnWarn{h.Handler.WithGroup(name), h.buf}
}
