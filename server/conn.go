package server

import (
	"net"
	"sync"
)

// maxHeld bounds what a connection keeps back; a larger response goes out
// in pieces of about this size.
const maxHeld = 64 << 10

// oneWriteListener hands out connections that send a response in one write.
//
// net/http writes a response through a 4 KiB buffer: headers and the first
// part of the body in one write, the rest in another. Each write is a system
// call and a packet the client wakes up for, and on a page of 10 KB the
// second write made the portal about a sixth slower (make bench). These
// connections keep written bytes back until the server next reads from the
// connection (to wait for the next request, or to read a request body after
// 100-continue), closes it, or holds maxHeld bytes, and then send them in
// one write. For HTTP/1.1, where the server answers and then reads, that
// sends each response whole, as nginx does with one writev.
//
// The price: a handler cannot push part of a response early with Flush; it
// leaves when the response is complete or maxHeld has gathered. The portal
// has no streaming responses.
type oneWriteListener struct{ net.Listener }

func (l oneWriteListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &oneWriteConn{Conn: c}, nil
}

// heldBuffers are reused across connections, so an idle connection keeps
// no buffer.
var heldBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

type oneWriteConn struct {
	net.Conn
	// net/http reads in a second goroutine while the handler writes (to
	// notice a client that goes away), so the buffer needs a lock.
	mu   sync.Mutex
	held *[]byte
}

func (c *oneWriteConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held == nil {
		c.held = heldBuffers.Get().(*[]byte)
	}
	if len(*c.held)+len(p) > maxHeld {
		// Send what is held and p together: still one system call.
		heldLen := len(*c.held)
		bufs := net.Buffers{*c.held, p}
		n, err := bufs.WriteTo(c.Conn)
		c.release()
		return max(0, int(n)-heldLen), err
	}
	*c.held = append(*c.held, p...)
	return len(p), nil
}

// flush sends what is held.
func (c *oneWriteConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.flushLocked()
}

func (c *oneWriteConn) flushLocked() error {
	if c.held == nil {
		return nil
	}
	var err error
	if len(*c.held) > 0 {
		_, err = c.Conn.Write(*c.held)
	}
	c.release()
	return err
}

func (c *oneWriteConn) release() {
	*c.held = (*c.held)[:0]
	heldBuffers.Put(c.held)
	c.held = nil
}

// Read sends the held response first: a server that reads is done writing.
func (c *oneWriteConn) Read(p []byte) (int, error) {
	if err := c.flush(); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

// Close sends what is held, then closes; net/http writes its last words
// (an error answer, a final flush) just before. If another goroutine is in
// the middle of a write to a client that does not read, closing must not
// wait for it: closing is what ends that write.
func (c *oneWriteConn) Close() error {
	var err error
	if c.mu.TryLock() {
		err = c.flushLocked()
		c.mu.Unlock()
	}
	if cerr := c.Conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// CloseWrite is what net/http calls to end a response with "Connection:
// close" before it closes; without it net/http would skip that step.
func (c *oneWriteConn) CloseWrite() error {
	if err := c.flush(); err != nil {
		return err
	}
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
