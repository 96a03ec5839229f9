package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordingConn is a net.Conn that records every write it is given.
type recordingConn struct {
	net.Conn // nil: only what the tests call is implemented
	mu       sync.Mutex
	writes   [][]byte
	in       io.Reader
	writeErr error
	closed   bool
	halfShut bool
}

func (c *recordingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.writeErr != nil {
		return 0, c.writeErr
	}
	c.writes = append(c.writes, bytes.Clone(p))
	return len(p), nil
}

func (c *recordingConn) Read(p []byte) (int, error) { return c.in.Read(p) }
func (c *recordingConn) Close() error               { c.closed = true; return nil }
func (c *recordingConn) CloseWrite() error          { c.halfShut = true; return nil }

func (c *recordingConn) sent() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, w := range c.writes {
		out = append(out, string(w))
	}
	return out
}

func TestOneWriteConn(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", maxHeld-10)
	tests := []struct {
		name   string
		writes []string
		then   func(c *oneWriteConn) error
		want   []string // what reached the network, write by write
	}{
		{"held until the server reads", []string{"HTTP/1.1 200 OK\r\n\r\n", "body"},
			func(c *oneWriteConn) error { _, err := c.Read(make([]byte, 1)); return err },
			[]string{"HTTP/1.1 200 OK\r\n\r\nbody"}},
		{"held until close", []string{"a", "b"}, (*oneWriteConn).Close, []string{"ab"}},
		{"held until close-write", []string{"a", "b"}, (*oneWriteConn).CloseWrite, []string{"ab"}},
		{"nothing sent while nothing happens", []string{"a", "b"}, func(*oneWriteConn) error { return nil }, nil},
		// A fake connection has no writev, so net.Buffers writes each part.
		{"too much to hold goes out at once", []string{big, "0123456789abc"}, func(*oneWriteConn) error { return nil },
			[]string{big, "0123456789abc"}},
		{"a read with nothing held sends nothing", nil,
			func(c *oneWriteConn) error { _, err := c.Read(make([]byte, 1)); return err }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordingConn{in: strings.NewReader("GET / HTTP/1.1\r\n")}
			c := &oneWriteConn{Conn: rec}
			for _, w := range tt.writes {
				if n, err := c.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := tt.then(c); err != nil {
				t.Fatal(err)
			}
			if got := rec.sent(); strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("sent %d writes %.60q, want %d %.60q", len(got), got, len(tt.want), tt.want)
			}
		})
	}
}

func TestOneWriteConnCloseAndErrors(t *testing.T) {
	t.Parallel()
	rec := &recordingConn{in: strings.NewReader("")}
	c := &oneWriteConn{Conn: rec}
	c.Write([]byte("bye"))
	c.CloseWrite()
	c.Close()
	if !rec.halfShut || !rec.closed {
		t.Errorf("CloseWrite/Close not passed on: half %v, closed %v", rec.halfShut, rec.closed)
	}
	if got := rec.sent(); len(got) != 1 || got[0] != "bye" {
		t.Errorf("sent %q, want the held bytes once", got)
	}

	// A write that fails when it is finally sent fails the server's next
	// read, so net/http drops the connection.
	broken := errors.New("connection reset")
	rec = &recordingConn{in: strings.NewReader("next"), writeErr: broken}
	c = &oneWriteConn{Conn: rec}
	c.Write([]byte("response"))
	if _, err := c.Read(make([]byte, 4)); !errors.Is(err, broken) {
		t.Errorf("Read after a failed send: %v, want %v", err, broken)
	}
}

// stuckConn is a connection to a client that stopped reading: a write
// blocks until the connection is closed. writing is closed when a write
// has begun.
type stuckConn struct {
	net.Conn
	writing, closed chan struct{}
}

func (c *stuckConn) Write(p []byte) (int, error) {
	close(c.writing)
	<-c.closed
	return 0, net.ErrClosed
}
func (c *stuckConn) Close() error { close(c.closed); return nil }

func TestOneWriteConnCloseDoesNotWaitForAStuckWrite(t *testing.T) {
	t.Parallel()
	stuck := &stuckConn{writing: make(chan struct{}), closed: make(chan struct{})}
	c := &oneWriteConn{Conn: stuck}
	wrote := make(chan error)
	go func() {
		_, err := c.Write(make([]byte, maxHeld+1)) // too big to hold: written at once, and stuck
		wrote <- err
	}()
	<-stuck.writing // Close must come while the write is stuck, not before it
	closed := make(chan struct{})
	go func() { c.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for a write that cannot finish")
	}
	if err := <-wrote; err == nil {
		t.Error("the stuck write did not fail when the connection closed")
	}
}

// net/http reads in one goroutine while the handler writes in another.
func TestOneWriteConnConcurrent(t *testing.T) {
	t.Parallel()
	rec := &recordingConn{in: strings.NewReader(strings.Repeat("r", 1000))}
	c := &oneWriteConn{Conn: rec}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			c.Write([]byte{'w'})
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 1000; i++ {
			c.Read(make([]byte, 1))
		}
	}()
	wg.Wait()
	c.Close()
	if got := strings.Join(rec.sent(), ""); got != strings.Repeat("w", 1000) {
		t.Errorf("sent %d bytes, want all 1000 in order", len(got))
	}
}

// countingListener counts the writes the portal's connections make.
type countingListener struct {
	net.Listener
	mu     sync.Mutex
	writes int
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, l: l}, nil
}

func (l *countingListener) count() int { l.mu.Lock(); defer l.mu.Unlock(); return l.writes }

type countingConn struct {
	net.Conn
	l *countingListener
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.l.mu.Lock()
	c.l.writes++
	c.l.mu.Unlock()
	return c.Conn.Write(p)
}

// TestResponsesLeaveInOneWrite runs the real server: every response of a
// keep-alive connection, pipelined ones included, reaches the network in one
// write, whole and in order.
func TestResponsesLeaveInOneWrite(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingListener{Listener: ln}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, counted); close(done) }()
	defer func() { cancel(); <-done }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	read := func(path string) (*http.Response, []byte) {
		t.Helper()
		res, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, err := io.ReadAll(res.Body)
		if err != nil || int64(len(body)) != res.ContentLength || !bytes.Contains(body, []byte("</html>")) {
			t.Fatalf("%s: %s, body %d of %d bytes, %v", path, res.Status, len(body), res.ContentLength, err)
		}
		return res, body
	}
	paths := []string{"/en/advice/phishing", "/en/advice/phishing", "/nl/advice", "/fr/privacy"}
	for _, p := range paths {
		before := counted.count()
		conn.Write([]byte("GET " + p + " HTTP/1.1\r\nHost: x\r\n\r\n"))
		if res, _ := read(p); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", p, res.Status)
		}
		if n := counted.count() - before; n != 1 {
			t.Errorf("%s went out in %d writes, want 1", p, n)
		}
	}
	// Two requests in one packet: two whole answers, in order.
	conn.Write([]byte("GET /en/advice/ransomware HTTP/1.1\r\nHost: x\r\n\r\nGET /nl/advice/ransomware HTTP/1.1\r\nHost: x\r\n\r\n"))
	for _, lang := range []string{"en", "nl"} {
		if _, body := read("pipelined " + lang); !bytes.Contains(body, []byte(`<html lang="`+lang+`"`)) {
			t.Errorf("pipelined answer %s is not the %s page", lang, lang)
		}
	}

	// A client that waits for 100 Continue before it sends a body gets it:
	// the server reads the body, which sends what was held.
	body := "lang=en"
	conn.Write([]byte("POST /staff/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Expect: 100-continue\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"))
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/1.1 100") {
		t.Fatalf("waiting for 100 Continue: %q, %v", line, err)
	}
	r.ReadString('\n') // the blank line after it
	conn.Write([]byte(body))
	if res, err := http.ReadResponse(r, nil); err != nil || res.StatusCode < 400 {
		t.Fatalf("POST without a CSRF token: %v, %v", res, err) // refused, but answered
	} else {
		io.Copy(io.Discard, res.Body)
	}
	// The last answer before the server closes the connection arrives whole.
	conn.Write([]byte("GET /en/accessibility HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
	read("/en/accessibility, connection: close")
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("after Connection: close: %v, want EOF", err)
	}
}
