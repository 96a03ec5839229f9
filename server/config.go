package server

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the portal. Each comes from a flag, whose
// default is taken from an environment variable when that is set; serve
// takes them all, the other commands only those they use.
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
	// secret.key in the database's folder (SecretKeyPath).
	SecretKeyFile string
	// MetricsAddr is where Prometheus metrics are served; "" for nowhere.
	MetricsAddr string
	Contact     string // security contact for security.txt (mailto: or https: URL)
	MinCount    int    // published counts below this are shown as "<N"
	// StatsRelease is the least time between two releases of the public
	// report statistics; a release also needs MinCount changes.
	StatsRelease time.Duration

	ContentLicence string // the licence of the articles and sheets, printed on each (issue 14)

	RetentionMonths int           // free text of reports older than this is erased
	StaffIdle       time.Duration // a staff session ends after this long without a request
	StaffMax        time.Duration // and this long after login in any case

	// Limits on the report flow's POSTs, per client address (hashed, in
	// memory) and, for receipt-code lookups, for everyone.
	ReportRate       Rate // sending the report form and its steps
	StatusRate       Rate // receipt-code lookups, updates and deletes
	StatusGlobalRate Rate // receipt-code lookups by everyone together
}

// DefaultConfig is the configuration with every default, before flags and
// the environment: what tests start from.
func DefaultConfig() Config {
	c := Config{
		Addr: "127.0.0.1:8080", DB: "./var/cyberportal.db", SiteName: "Cyberhulp Maastricht", Municipality: "Maastricht",
		BaseURL: "http://localhost:8080", Contact: "https://www.gemeentemaastricht.nl", MinCount: 10,
		RetentionMonths: 24, StaffIdle: 30 * time.Minute, StaffMax: 12 * time.Hour, StatsRelease: 24 * time.Hour,
		ContentLicence: DefaultContentLicence,
	}
	c.ReportRate.Set(defaultReportRate)
	c.StatusRate.Set(defaultStatusRate)
	c.StatusGlobalRate.Set(defaultStatusGlobalRate)
	return c
}

// Flags registers the settings named by their flags ("db", "base-url"), or
// all of them when none are named, on fs: each command takes only the flags
// it uses. A flag's default is its environment variable when that is set,
// else DefaultConfig's value.
func (c *Config) Flags(fs *flag.FlagSet, names ...string) {
	def := DefaultConfig()
	all := flag.NewFlagSet("", flag.ContinueOnError)
	str := func(p *string, name, env, usage, def string) {
		all.StringVar(p, name, envOr(env, def), usage+" (env "+env+")")
	}
	str(&c.Addr, "addr", "PORTAL_ADDR", "address to listen on", def.Addr)
	str(&c.DB, "db", "PORTAL_DB", "SQLite database file, created with its folder if missing", def.DB)
	str(&c.SiteName, "site-name", "PORTAL_SITE_NAME", "site name shown in the header", def.SiteName)
	str(&c.Municipality, "municipality", "PORTAL_MUNICIPALITY", "name of the municipality", def.Municipality)
	c.BaseURL = strings.TrimRight(envOr("PORTAL_BASE_URL", def.BaseURL), "/")
	all.Var((*baseURL)(&c.BaseURL), "base-url", "public base `URL`, used in the sitemap, feeds and security.txt (env PORTAL_BASE_URL)")
	str(&c.Contact, "security-contact", "PORTAL_SECURITY_CONTACT", "security contact for /.well-known/security.txt", def.Contact)
	str(&c.ContentLicence, "content-licence", "PORTAL_CONTENT_LICENCE", "licence of the portal's texts, printed on every sheet (CC BY 4.0, CC BY-SA 4.0 and CC0 1.0 get a link)", def.ContentLicence)
	all.BoolVar(&c.BehindTLS, "behind-tls", envBool("PORTAL_BEHIND_TLS"), "the portal is served over HTTPS (by a proxy): send HSTS and Secure cookies (env PORTAL_BEHIND_TLS)")
	str(&c.TrustedProxies, "trusted-proxies", "PORTAL_TRUSTED_PROXIES", "comma-separated CIDRs of reverse proxies trusted to name the client in X-Forwarded-For or Forwarded", "")
	str(&c.SecretKeyFile, "secret-key-file", "PORTAL_SECRET_KEY_FILE", "file with the key that seals staff TOTP secrets, created (0600) when missing; default secret.key beside the database", "")
	str(&c.MetricsAddr, "metrics-addr", "PORTAL_METRICS_ADDR", "address to serve Prometheus metrics on at /metrics, apart from the site (off when empty)", "")
	all.IntVar(&c.MinCount, "min-count", envInt("PORTAL_MIN_COUNT", def.MinCount), "published counts below this are suppressed (env PORTAL_MIN_COUNT)")
	all.DurationVar(&c.StatsRelease, "stats-release", envDuration("PORTAL_STATS_RELEASE", def.StatsRelease), "publish new report statistics at most this often (whole days, at least 24h), just after midnight, and only after -min-count reports came in, were deleted or changed status (env PORTAL_STATS_RELEASE)")
	all.IntVar(&c.RetentionMonths, "retention-months", envInt("PORTAL_RETENTION_MONTHS", def.RetentionMonths), "erase the free text of reports older than this many months, daily (env PORTAL_RETENTION_MONTHS)")
	all.DurationVar(&c.StaffIdle, "staff-idle", envDuration("PORTAL_STAFF_IDLE", def.StaffIdle), "staff sessions end after this long without a request (env PORTAL_STAFF_IDLE)")
	all.DurationVar(&c.StaffMax, "staff-max", envDuration("PORTAL_STAFF_MAX", def.StaffMax), "staff sessions end this long after login (env PORTAL_STAFF_MAX)")
	rate := func(p *Rate, name, env, usage string, def Rate) {
		*p = def
		if v, ok := os.LookupEnv(env); ok {
			// An unreadable value leaves the rate zero, which Validate
			// refuses by name.
			*p = Rate{}
			p.Set(v)
		}
		all.Var(p, name, usage+" (env "+env+")")
	}
	rate(&c.ReportRate, "report-rate", "PORTAL_REPORT_RATE", "report form POSTs allowed per client, as `requests/period`", def.ReportRate)
	rate(&c.StatusRate, "status-rate", "PORTAL_STATUS_RATE", "receipt-code lookups, updates and deletes allowed per client, as `requests/period`", def.StatusRate)
	rate(&c.StatusGlobalRate, "status-global-rate", "PORTAL_STATUS_GLOBAL_RATE", "receipt-code lookups allowed for all clients together, as `requests/period`", def.StatusGlobalRate)
	all.VisitAll(func(f *flag.Flag) {
		if len(names) == 0 || slices.Contains(names, f.Name) {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
}

// baseURL is a URL flag kept without a trailing slash, so that paths can be
// appended to it.
type baseURL string

func (u *baseURL) String() string { return string(*u) }

func (u *baseURL) Set(s string) error {
	*u = baseURL(strings.TrimRight(s, "/"))
	return nil
}

// checks are what Validate checks, each under the flags it is about.
var checks = []struct {
	flags []string
	check func(c *Config) error
}{
	{[]string{"addr"}, func(c *Config) error { return nonEmpty("-addr", c.Addr) }},
	{[]string{"db"}, func(c *Config) error { return nonEmpty("-db", c.DB) }},
	{[]string{"site-name", "municipality"}, func(c *Config) error {
		if strings.TrimSpace(c.SiteName) == "" || strings.TrimSpace(c.Municipality) == "" {
			return errors.New("-site-name and -municipality must not be empty")
		}
		return nil
	}},
	{[]string{"base-url"}, func(c *Config) error {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("-base-url %q is not an http(s) URL", c.BaseURL)
		}
		return nil
	}},
	{[]string{"security-contact"}, func(c *Config) error {
		if !strings.HasPrefix(c.Contact, "mailto:") && !strings.HasPrefix(c.Contact, "https://") {
			return fmt.Errorf("-security-contact %q must start with mailto: or https://", c.Contact)
		}
		return nil
	}},
	{[]string{"content-licence"}, func(c *Config) error {
		if strings.TrimSpace(c.ContentLicence) == "" || len(c.ContentLicence) > 100 {
			return errors.New("-content-licence must name a licence (at most 100 characters)")
		}
		return nil
	}},
	{[]string{"trusted-proxies"}, func(c *Config) error {
		_, err := parseTrustedProxies(c.TrustedProxies)
		return err
	}},
	{[]string{"metrics-addr"}, func(c *Config) error {
		if c.MetricsAddr == "" {
			return nil
		}
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || (c.MetricsAddr == c.Addr && port != "0") {
			return fmt.Errorf("-metrics-addr %q: want host:port, not the site's -addr", c.MetricsAddr)
		}
		return nil
	}},
	{[]string{"min-count"}, func(c *Config) error {
		if c.MinCount < 2 {
			return errors.New("-min-count must be at least 2") // "<1" would say the count is 0
		}
		return nil
	}},
	{[]string{"stats-release"}, func(c *Config) error {
		if c.StatsRelease < 24*time.Hour {
			return errors.New("-stats-release must be at least 24h") // the page says: at most once a day
		}
		return nil
	}},
	{[]string{"retention-months"}, func(c *Config) error {
		if c.RetentionMonths < 1 {
			return errors.New("-retention-months must be at least 1")
		}
		return nil
	}},
	{[]string{"staff-idle", "staff-max"}, func(c *Config) error {
		if c.StaffIdle < time.Minute || c.StaffMax < c.StaffIdle {
			return errors.New("-staff-idle must be at least 1m and -staff-max at least -staff-idle")
		}
		return nil
	}},
	{[]string{"report-rate"}, func(c *Config) error { return c.ReportRate.validate("report-rate") }},
	{[]string{"status-rate"}, func(c *Config) error { return c.StatusRate.validate("status-rate") }},
	{[]string{"status-global-rate"}, func(c *Config) error { return c.StatusGlobalRate.validate("status-global-rate") }},
}

// Validate checks the settings named by their flags, or all of them when
// none are named, and says everything that is wrong. It changes nothing.
func (c Config) Validate(names ...string) error {
	var errs []error
	for _, ch := range checks {
		if len(names) == 0 || slices.ContainsFunc(ch.flags, func(f string) bool { return slices.Contains(names, f) }) {
			if err := ch.check(&c); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// SecretKeyPath is -secret-key-file, or secret.key beside the database.
func (c Config) SecretKeyPath() string {
	if c.SecretKeyFile != "" {
		return c.SecretKeyFile
	}
	return filepath.Join(filepath.Dir(c.DB), "secret.key")
}

func nonEmpty(flag, v string) error {
	if v == "" {
		return fmt.Errorf("%s is empty", flag)
	}
	return nil
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
