package server

import (
	"net/http"
)

// frontCache answers requests for pages rendered once (articles and
// statements) straight from the page cache, before Echo routes them. They
// are most of the traffic and their answer is fixed bytes with fixed
// headers, so the router and the middleware chain would only add cost. The
// first request for a page goes through Echo, which renders and stores it.
//
// What the chain does for every response, frame does here too (security
// headers, the request log), and packed.serve does ETag, 304 and gzip as for
// the routes.
// The rest does not apply: nothing here can panic, time out, read a body or
// need the language checked (only paths Echo served are in the cache).
func (s *Server) frontCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if v, ok := s.pageCache.Load(r.URL.Path); ok {
				page := v.(*rendered)
				s.frame(w.Header(), r.Method, func() (string, int) {
					status, _ := page.serve(w, r) // a failed write is the client gone: nothing to answer
					return page.route, status
				})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
