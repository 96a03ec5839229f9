// Package server is the portal's web front: routes, handlers, middleware,
// templates and static files. It speaks HTTP and knows no SQL; storage is
// data.Store, articles come from content, words from i18n, charts from charts.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"cyberportal/charts"
	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/i18n"
)

// Deps are what the server is built from. Content and Locales are file
// systems so tests can hand in a small tree; nil means the embedded ones.
type Deps struct {
	Store   *data.Store
	Logger  *slog.Logger
	Content fs.FS
	Locales fs.FS
	// SecretKey is the key of -secret-key-file; staff CSRF tokens are
	// derived from it. Nil: a random key for this process.
	SecretKey []byte
	// Now is the one clock every handler and job reads; nil means time.Now.
	Now func() time.Time
}

// Server carries every handler's dependencies; handlers are its methods.
type Server struct {
	cfg     Config
	store   *data.Store
	log     *slog.Logger
	lib     *content.Library
	cat     *i18n.Catalogue
	views   *views
	assets  *assets
	echo    *echo.Echo
	handler http.Handler // echo, answering HEAD too, behind the front cache
	proxies trustedProxies
	csrfKey []byte // signs staff CSRF tokens (staff_csrf.go)
	ready   *readiness
	metrics *metrics
	// releaseTime is when the published statistics release was made, for
	// the release-age metric; zero while there is none.
	releaseTime func() time.Time
	started     time.Time

	// now is the clock (Deps.Now); tests may set it. zone is the
	// municipality's time zone, for the dates people see.
	now  func() time.Time
	zone *time.Location

	// pageCache holds pages rendered once: URL path -> *rendered. cacheGen
	// counts the times pages were dropped from it (warningsChanged); cacheMu
	// orders dropping and keeping.
	pageCache sync.Map
	cacheMu   sync.Mutex
	cacheGen  uint64

	// packedRoutes are the route patterns whose handlers send packed
	// responses, gzipped already; packedGET fills it as routes are made.
	packedRoutes map[string]bool

	// extraPublicPaths are further pages for the sitemap, added by features.
	extraPublicPaths []string

	staff  *staffArea // staff login throttle, clock and warning cache
	report *reporting // the report flow's queue, rate limiters and signing key

	selfCheck *selfChecking // share tokens of the self-check (issue 14)

	// statsCache keeps statistics pages and downloads until the numbers change.
	statsCache *statsCache
	// routeCounts counts the requests on the report routes for the hourly
	// summary that replaces their request lines.
	routeCounts routeCounts
}

// New builds the server: it checks the configuration, and loads and checks
// the articles, catalogues, templates and assets, so a broken one fails
// here, naming the file.
func New(cfg Config, deps Deps) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("server: configuration: %w", err)
	}
	if deps.Content == nil {
		deps.Content = content.Files
	}
	if deps.Locales == nil {
		deps.Locales = i18n.Locales
	}
	if deps.Logger == nil {
		deps.Logger = slog.Default()
	}
	cat, err := i18n.Load(deps.Locales)
	if err != nil {
		return nil, err
	}
	lib, err := content.Load(deps.Content, i18n.Languages())
	if err != nil {
		return nil, err
	}
	// Catalogue strings write contact facts as shortcodes too; they become
	// plain text here, since templates escape messages.
	dir := lib.Directory()
	if err := cat.Rewrite(func(lang, msg string) (string, error) { return dir.Expand(lang, msg, false) }); err != nil {
		return nil, err
	}
	if err := checkChannels(dir); err != nil {
		return nil, err
	}
	chartFiles, err := fs.Sub(charts.Static, "static")
	if err != nil {
		return nil, err
	}
	as, err := loadAssets(mount{prefix: "charts/", fsys: chartFiles})
	if err != nil {
		return nil, err
	}
	v, err := loadViews(templateFS, as)
	if err != nil {
		return nil, err
	}
	proxies, err := parseTrustedProxies(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	s := &Server{cfg: cfg, store: deps.Store, log: deps.Logger, lib: lib, cat: cat, views: v, assets: as,
		now: deps.Now, zone: portalZone(), proxies: proxies}
	s.started = s.now()
	s.csrfKey = newCSRFKey(deps.SecretKey)
	s.releaseTime = s.lastRelease
	s.metrics = newMetrics(s.clock, func() time.Time { return s.releaseTime() })
	s.ready = &readiness{interval: time.Second, now: s.clock, log: deps.Logger, metrics: s.metrics}
	s.staff = newStaffArea()
	s.report = newReporting(cfg, deps.Store, s.clock)
	s.selfCheck = newSelfChecking(&s.report.receipts)
	if s.report.queue != nil {
		s.report.queue.OnCommit = s.metrics.reportCommit
	}
	s.extraPublicPaths = append(s.extraPublicPaths, "/statistics")
	s.statsCache = newStatsCache()
	if deps.Store != nil {
		deps.Store.OnWarningsChange(s.warningsChanged)
		s.report.queue.OnIdle(s.checkpointAfterReports())
	}
	s.packedRoutes = map[string]bool{}
	s.echo = s.routes()
	s.handler = s.frontCache(headAsGet(s.echo))
	return s, nil
}

// clock reads the server's clock at the time of the call, so a test that
// sets s.now moves every reader of the time, the rate limiters included.
func (s *Server) clock() time.Time { return s.now() }

// local is now in the municipality's time zone.
func (s *Server) local() time.Time { return s.now().In(s.zone) }

// portalZone is the municipality's time zone (the zone data is embedded);
// UTC should it fail all the same. Times are shown with their zone.
func portalZone() *time.Location {
	if loc, err := time.LoadLocation("Europe/Amsterdam"); err == nil {
		return loc
	}
	return time.UTC
}

// lastRelease is the day of the published report statistics release
// (midnight UTC of its date), zero before the first or without a store.
func (s *Server) lastRelease() time.Time {
	if s.store == nil {
		return time.Time{}
	}
	r, err := s.store.ReleaseState(context.Background(), data.ReleaseReports)
	if err != nil {
		return time.Time{}
	}
	return r.Day
}

// Handler is the portal as an http.Handler, for tests and the listener.
func (s *Server) Handler() http.Handler { return s.handler }

// MetricsHandler serves the Prometheus metrics (on -metrics-addr).
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.handler())
	return mux
}

// Run serves on cfg.Addr until ctx is cancelled, then shuts down gracefully,
// letting requests in flight finish.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.log.Info("listening", "addr", ln.Addr().String())
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(oneWriteListener{ln}) }()
	if s.cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("server: -metrics-addr: listen on %s: %w", s.cfg.MetricsAddr, err)
		}
		msrv := &http.Server{Handler: s.MetricsHandler(), ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
		defer msrv.Close()
		s.log.Info("serving metrics", "addr", mln.Addr().String())
		go func() {
			if err := msrv.Serve(mln); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics: %w", err)
			}
		}()
	}
	go s.runDailyJobs(ctx)
	go s.runHourlyJobs(ctx)
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	defer s.flushRouteCounts()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}
