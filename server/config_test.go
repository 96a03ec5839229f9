package server

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// TestConfigValidatesOnce: the defaults are valid; Validate names what is
// wrong, checks only the settings asked for, and changes nothing; New
// refuses a configuration Validate refuses.
func TestConfigValidatesOnce(t *testing.T) {
	t.Parallel()
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("the defaults are not valid: %v", err)
	}
	cfg := DefaultConfig()
	cfg.MinCount, cfg.BaseURL, cfg.ReportRate = 1, "ftp://x/", Rate{}
	before := cfg
	err := cfg.Validate()
	for _, want := range []string{"-min-count", "-base-url", "-report-rate"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, does not name %s", err, want)
		}
	}
	if cfg != before {
		t.Errorf("Validate changed the configuration:\n%+v\n%+v", before, cfg)
	}
	if err := cfg.Validate("db"); err != nil {
		t.Errorf("Validate(db) looked at other settings: %v", err)
	}
	if _, err := New(cfg, Deps{}); err == nil || !strings.Contains(err.Error(), "-min-count") {
		t.Errorf("New accepted an invalid configuration: %v", err)
	}
}

// TestConfigFlags: a command registers only the settings it names, and the
// base URL loses its trailing slash whether it comes from a flag or the
// environment.
func TestConfigFlags(t *testing.T) {
	t.Setenv("PORTAL_BASE_URL", "https://env.example/")
	var cfg Config
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.Flags(fs, "db", "base-url")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if strings.Join(names, ",") != "base-url,db" {
		t.Errorf("flags %v, want base-url and db", names)
	}
	if cfg.BaseURL != "https://env.example" {
		t.Errorf("from the environment: %q", cfg.BaseURL)
	}
	if err := fs.Parse([]string{"-base-url", "https://flag.example//", "-db", "x.db"}); err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://flag.example" || cfg.DB != "x.db" {
		t.Errorf("from flags: %q %q", cfg.BaseURL, cfg.DB)
	}
	if fs.Parse([]string{"-addr", ":1"}) == nil {
		t.Error("a flag the command does not take was accepted")
	}
}
