package server

import (
	"net/http"
	"time"
)

// frontCache answers requests for pages rendered once (articles and
// statements) straight from the page cache, before Echo routes them. They
// are most of the traffic and their answer is fixed bytes with fixed
// headers, so the router and the middleware chain would only add cost. The
// first request for a page goes through Echo, which renders and stores it.
//
// What the chain does for these pages is done here too: the security
// headers, the request log, ETag and 304, gzip for clients that take it.
// The rest does not apply: nothing here can panic, time out, read a body or
// need the language checked (only paths Echo served are in the cache).
func (s *Server) frontCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if v, ok := s.pageCache.Load(r.URL.Path); ok {
				start := time.Now()
				page := v.(*rendered)
				s.setSecurityHeaders(w.Header())
				status, _ := page.serve(w, r) // a failed write is the client gone: nothing to answer
				s.logRequest(r.Method, page.route, status, time.Since(start))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
