package server

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the portal's Prometheus metrics, in a registry of their own
// (no global state). No metric has a label that names a client, an address
// or a code: labels are route patterns, statuses and fixed names.
type metrics struct {
	now           func() time.Time
	held          heldMetrics
	reg           *prometheus.Registry
	requests      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	commits       *prometheus.CounterVec
	batchSize     prometheus.Histogram
	dbErrors      *prometheus.CounterVec
	refusals      *prometheus.CounterVec
	loginFailures *prometheus.CounterVec
}

// newMetrics registers every metric. releaseTime is when the statistics
// release now published was made (zero while there is none); the age gauge
// reads it at every scrape.
func newMetrics(now, releaseTime func() time.Time) *metrics {
	m := &metrics{
		now: now,
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cyberportal_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "cyberportal_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its answer, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		commits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cyberportal_report_commits_total",
			Help: "Transactions of the report queue, by result (ok or error).",
		}, []string{"result"}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "cyberportal_report_batch_size",
			Help:    "Reports per transaction of the report queue (group commit).",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256},
		}),
		dbErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cyberportal_database_errors_total",
			Help: "Errors from SQLite, by where they surfaced: request, report_commit or readiness.",
		}, []string{"source"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cyberportal_rate_limit_refusals_total",
			Help: "Requests refused with 429, by limit.",
		}, []string{"limit"}),
		loginFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cyberportal_staff_login_failures_total",
			Help: "Failed staff logins, by reason: account, password, code or replay.",
		}, []string{"reason"}),
	}
	releaseAge := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "cyberportal_statistics_release_age_seconds",
		Help: "Seconds since the published statistics release was made; NaN while there is none.",
	}, func() float64 {
		t := releaseTime()
		if t.IsZero() {
			return math.NaN()
		}
		return time.Since(t).Seconds()
	})
	m.reg.MustRegister(m.requests, m.latency, m.commits, m.batchSize, m.dbErrors, m.refusals, m.loginFailures, releaseAge,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Limits and reasons that have not happened yet are shown as 0, so
	// alerts on rate() see them from the start.
	for _, l := range rateLimits {
		m.refusals.WithLabelValues(l)
	}
	for _, r := range []string{"account", "password", "code", "replay"} {
		m.loginFailures.WithLabelValues(r)
	}
	for _, r := range []string{"ok", "error"} {
		m.commits.WithLabelValues(r)
	}
	for _, src := range []string{"request", "report_commit", "readiness"} {
		m.dbErrors.WithLabelValues(src)
	}
	return m
}

// rateLimits name the limits for cyberportal_rate_limit_refusals_total.
var rateLimits = []string{limitReport, limitStatus, limitStaffClient, limitStaffPair, limitStaffAccount}

const (
	limitReport       = "report"        // -report-rate
	limitStatus       = "status"        // -status-rate and -status-global-rate
	limitStaffClient  = "staff_client"  // failed staff logins and refused staff forms per client
	limitStaffPair    = "staff_pair"    // failed logins per account and client
	limitStaffAccount = "staff_account" // the spacing of attempts on an account under attack
)

// observeRequest counts one answered request. route is Echo's pattern,
// never the path, so the label values are bounded.
func (m *metrics) observeRequest(method, route string, status int, latency time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	if quietRoutes[route] {
		m.held.add(m, m.now(), func() {
			m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
			m.latency.WithLabelValues(route).Observe(latency.Seconds())
		})
		return
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(latency.Seconds())
}

func (m *metrics) reportCommit(reports int, err error) {
	m.held.add(m, m.now(), func() {
		if err != nil {
			m.commits.WithLabelValues("error").Inc()
			m.dbErrors.WithLabelValues("report_commit").Inc()
			return
		}
		m.commits.WithLabelValues("ok").Inc()
		m.batchSize.Observe(float64(reports))
	})
}

// handler serves the metrics in Prometheus's text format, with what was
// held until an hour that has ended.
func (m *metrics) handler() http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.held.add(m, m.now(), nil)
		h.ServeHTTP(w, r)
	})
}

// heldMetrics keeps what the report routes and the report queue observe
// until the hour is over, then counts it all at once: a counter that moved
// at 14:03:15 would tell when a report came in, which the portal keeps to
// the ISO week (the request log holds these routes back the same way,
// report_log.go). The metrics of these series lag by up to an hour.
type heldMetrics struct {
	mu      sync.Mutex
	hour    time.Time
	pending []func()
}

// maxHeldMetrics bounds what is held in an hour; beyond it observations are
// dropped (a flood, which the rate-limit metrics show).
const maxHeldMetrics = 100_000

// add holds fn (if any) for the current hour, first applying what was
// held in an hour that has ended.
func (h *heldMetrics) add(m *metrics, now time.Time, fn func()) {
	hour := now.Truncate(time.Hour)
	h.mu.Lock()
	var due []func()
	if !hour.Equal(h.hour) {
		due, h.pending, h.hour = h.pending, nil, hour
	}
	if fn != nil && len(h.pending) < maxHeldMetrics {
		h.pending = append(h.pending, fn)
	}
	h.mu.Unlock()
	for _, f := range due {
		f()
	}
}
