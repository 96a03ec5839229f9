package server

import (
	"context"
	"log/slog"
	"net/http"
	"sort"
	"sync"
)

// The request log writes no line per request on the report routes: the
// n-th "POST /report/done 200" line with its timestamp would pair with the
// n-th report and give its time. Those requests are counted instead and
// written as one summary line per route, method and status every hour
// (hourlyJobs). Server errors on them are still logged at once, with what
// any request line holds (method, route, status), nothing about a report.

// quietRoutes are the report routes, as Echo names them.
var quietRoutes = map[string]bool{
	"/:lang/report": true, "/:lang/report/done": true, "/:lang/report/status": true,
}

// routeCount is one line of the summary.
type routeCount struct {
	method, route string
	status        int
}

// routeCounts counts the requests on quietRoutes since the last summary.
type routeCounts struct {
	mu sync.Mutex
	n  map[routeCount]int
}

// count counts a request on a quiet route and says whether it did; other
// routes, and server errors, are left to the request log.
func (rc *routeCounts) count(method, route string, status int) bool {
	if !quietRoutes[route] || status >= http.StatusInternalServerError {
		return false
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.n == nil {
		rc.n = map[routeCount]int{}
	}
	rc.n[routeCount{method, route, status}]++
	return true
}

// routeTotal is a summary line: a route, method and status, and how many.
type routeTotal struct {
	routeCount
	n int
}

// take returns the counts, in a fixed order, and starts again from zero.
func (rc *routeCounts) take() []routeTotal {
	rc.mu.Lock()
	n := rc.n
	rc.n = nil
	rc.mu.Unlock()
	lines := make([]routeTotal, 0, len(n))
	for k, v := range n {
		lines = append(lines, routeTotal{k, v})
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.status < b.status
	})
	return lines
}

// flushRouteCounts writes the summary of the report routes since the last
// one: one line per route, method and status, none when nothing came.
func (s *Server) flushRouteCounts() {
	for _, l := range s.routeCounts.take() {
		s.log.LogAttrs(context.Background(), slog.LevelInfo, "requests this hour",
			slog.String("method", l.method), slog.String("route", l.route),
			slog.Int("status", l.status), slog.Int("count", l.n))
	}
}
