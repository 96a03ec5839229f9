package server

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the portal. Each comes from a flag, whose
// default is taken from an environment variable when that is set.
type Config struct {
	Addr         string // listen address
	DB           string // SQLite file
	SiteName     string // shown in the header and titles
	Municipality string // the municipality the portal serves
	BaseURL      string // public URL, for sitemap, feeds and security.txt
	BehindTLS    bool   // set HSTS and Secure cookies
	// TrustedProxies are comma-separated CIDRs of reverse proxies whose
	// X-Forwarded-For or Forwarded header names the client.
	TrustedProxies string
	// SecretKeyFile holds the key that seals TOTP secrets; "" means
	// secret.key in the database's folder.
	SecretKeyFile string
	// MetricsAddr is where Prometheus metrics are served; "" for nowhere.
	MetricsAddr string
	Contact     string // security contact for security.txt (mailto: or https: URL)
	MinCount    int    // published counts below this are shown as "<N"

	RetentionMonths int           // free text of reports older than this is erased
	StaffIdle       time.Duration // a staff session ends after this long without a request
	StaffMax        time.Duration // and this long after login in any case

	// Limits on the report flow's POSTs (issue 3), per client address
	// (hashed, in memory) and, for receipt-code lookups, for everyone.
	ReportRate       Rate // sending the report form and its steps
	StatusRate       Rate // receipt-code lookups, updates and deletes
	StatusGlobalRate Rate // receipt-code lookups by everyone together
}

// setting describes one configuration value for flags, env and -h.
type setting struct {
	flag, env, usage string
}

// Flags registers the configuration on fs, with defaults from the environment.
func (c *Config) Flags(fs *flag.FlagSet) {
	str := func(p *string, s setting, def string) {
		fs.StringVar(p, s.flag, envOr(s.env, def), s.usage+" (env "+s.env+")")
	}
	str(&c.Addr, setting{"addr", "PORTAL_ADDR", "address to listen on"}, "127.0.0.1:8080")
	str(&c.DB, setting{"db", "PORTAL_DB", "SQLite database file, created with its folder if missing"}, "./var/cyberportal.db")
	str(&c.SiteName, setting{"site-name", "PORTAL_SITE_NAME", "site name shown in the header"}, "Cyberhulp Maastricht")
	str(&c.Municipality, setting{"municipality", "PORTAL_MUNICIPALITY", "name of the municipality"}, "Maastricht")
	str(&c.BaseURL, setting{"base-url", "PORTAL_BASE_URL", "public base URL, used in the sitemap, feeds and security.txt"}, "http://localhost:8080")
	str(&c.Contact, setting{"security-contact", "PORTAL_SECURITY_CONTACT", "security contact for /.well-known/security.txt"}, "https://www.gemeentemaastricht.nl")
	fs.BoolVar(&c.BehindTLS, "behind-tls", envBool("PORTAL_BEHIND_TLS"), "the portal is served over HTTPS (by a proxy): send HSTS and Secure cookies (env PORTAL_BEHIND_TLS)")
	str(&c.TrustedProxies, setting{"trusted-proxies", "PORTAL_TRUSTED_PROXIES", "comma-separated CIDRs of reverse proxies trusted to name the client in X-Forwarded-For or Forwarded"}, "")
	str(&c.SecretKeyFile, setting{"secret-key-file", "PORTAL_SECRET_KEY_FILE", "file with the key that seals staff TOTP secrets, created (0600) when missing; default secret.key beside the database"}, "")
	str(&c.MetricsAddr, setting{"metrics-addr", "PORTAL_METRICS_ADDR", "address to serve Prometheus metrics on at /metrics, apart from the site (off when empty)"}, "")
	fs.IntVar(&c.MinCount, "min-count", envInt("PORTAL_MIN_COUNT", 10), "published counts below this are suppressed (env PORTAL_MIN_COUNT)")
	fs.IntVar(&c.RetentionMonths, "retention-months", envInt("PORTAL_RETENTION_MONTHS", 24), "erase the free text of reports older than this many months, daily (env PORTAL_RETENTION_MONTHS)")
	fs.DurationVar(&c.StaffIdle, "staff-idle", envDuration("PORTAL_STAFF_IDLE", 30*time.Minute), "staff sessions end after this long without a request (env PORTAL_STAFF_IDLE)")
	fs.DurationVar(&c.StaffMax, "staff-max", envDuration("PORTAL_STAFF_MAX", 12*time.Hour), "staff sessions end this long after login (env PORTAL_STAFF_MAX)")
	rate := func(p *Rate, s setting, def string) {
		// An unreadable value in the environment leaves the rate zero,
		// which Validate refuses by name.
		p.Set(envOr(s.env, def))
		fs.Var(p, s.flag, s.usage+" (env "+s.env+")")
	}
	rate(&c.ReportRate, setting{"report-rate", "PORTAL_REPORT_RATE", "report form POSTs allowed per client, as `requests/period`"}, defaultReportRate)
	rate(&c.StatusRate, setting{"status-rate", "PORTAL_STATUS_RATE", "receipt-code lookups, updates and deletes allowed per client, as `requests/period`"}, defaultStatusRate)
	rate(&c.StatusGlobalRate, setting{"status-global-rate", "PORTAL_STATUS_GLOBAL_RATE", "receipt-code lookups allowed for all clients together, as `requests/period`"}, defaultStatusGlobalRate)
}

// Validate checks the configuration and says what is wrong.
func (c *Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("-addr is empty"))
	}
	if c.DB == "" {
		errs = append(errs, errors.New("-db is empty"))
	}
	if strings.TrimSpace(c.SiteName) == "" || strings.TrimSpace(c.Municipality) == "" {
		errs = append(errs, errors.New("-site-name and -municipality must not be empty"))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("-base-url %q is not an http(s) URL", c.BaseURL))
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if !strings.HasPrefix(c.Contact, "mailto:") && !strings.HasPrefix(c.Contact, "https://") {
		errs = append(errs, fmt.Errorf("-security-contact %q must start with mailto: or https://", c.Contact))
	}
	if c.SecretKeyFile == "" && c.DB != "" {
		c.SecretKeyFile = filepath.Join(filepath.Dir(c.DB), "secret.key")
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || (c.MetricsAddr == c.Addr && port != "0") {
			errs = append(errs, fmt.Errorf("-metrics-addr %q: want host:port, not the site's -addr", c.MetricsAddr))
		}
	}
	if _, err := parseTrustedProxies(c.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	if c.MinCount < 2 {
		// "<1" would say the count is 0.
		errs = append(errs, errors.New("-min-count must be at least 2"))
	}
	if c.RetentionMonths < 1 {
		errs = append(errs, errors.New("-retention-months must be at least 1"))
	}
	if c.StaffIdle < time.Minute || c.StaffMax < c.StaffIdle {
		errs = append(errs, errors.New("-staff-idle must be at least 1m and -staff-max at least -staff-idle"))
	}
	for _, r := range []struct {
		flag string
		rate Rate
	}{{"report-rate", c.ReportRate}, {"status-rate", c.StatusRate}, {"status-global-rate", c.StatusGlobalRate}} {
		if err := r.rate.validate(r.flag); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func envBool(key string) bool {
	b, _ := strconv.ParseBool(os.Getenv(key))
	return b
}

func envDuration(key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(key)); err == nil {
		return d
	}
	return def
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return def
}
