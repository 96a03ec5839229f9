// Command cyberportal is a municipality's public portal against cybercrime:
// advice in Dutch, English and French, anonymous incident reports, and
// statistics for policymakers, in one binary on one SQLite file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"sort"
	"syscall"
	"text/tabwriter"
	"time"

	"cyberportal/charts"
	"cyberportal/data"
	"cyberportal/data/demo"
	"cyberportal/data/monitor"
	"cyberportal/data/vocab"
	"cyberportal/i18n"
	"cyberportal/server"
)

// command runs one subcommand: cyberportal NAME [flags].
type command func(ctx context.Context, args []string, stdout io.Writer) error

var commands = map[string]command{
	"serve":          serve,
	"check":          check,
	"backup":         backup,
	"staff":          staffCommand,
	"import-monitor": importMonitor,
	"seed-demo":      seedDemo,
}

// usages are the commands' one-line descriptions, kept apart from commands
// so that a command's own -h can print the list.
var usages = map[string]string{
	"serve":          "start the web server (the default)",
	"check":          "run SQLite's integrity check on the database",
	"backup":         "write a consistent copy of the database to -to FILE, also while the portal runs",
	"staff":          "manage staff accounts: staff add -email E -role R | list | disable -email E | reset -email E",
	"import-monitor": "load safety-monitor figures from FILE.csv (see the README for the format)",
	"seed-demo":      "fill the database with N synthetic demo reports (-n N)",
}

// operands are what a command takes after its flags.
var operands = map[string]string{"import-monitor": " FILE.csv"}

// settings are the configuration flags each command takes (see
// server.Config); serve, not listed, takes them all.
var settings = map[string][]string{
	"check": {"db"}, "backup": {"db"}, "import-monitor": {"db"}, "seed-demo": {"db"},
	"staff add": {"db", "base-url", "secret-key-file"}, "staff reset": {"db", "base-url", "secret-key-file"},
	"staff disable": {"db", "secret-key-file"}, "staff list": {"db", "secret-key-file"},
}

// staffCommands are the staff commands, as staff -h lists them.
var staffCommands = []struct{ name, form, usage string }{
	{"add", "add -email E -role R", "add an account (role analyst, editor or admin) and print its one-time set-up link"},
	{"list", "list", "list the accounts: e-mail, role, status, two-factor set up, week of the last login"},
	{"disable", "disable -email E", "stop an account from logging in and end all its sessions"},
	{"reset", "reset -email E", "erase an account's password and authenticator key, end its sessions, and\n" +
		"                         print a new set-up link (for a forgotten password or a lost phone)"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	name, args := "serve", os.Args[1:]
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "cyberportal: unknown command %q\n\n", name)
		usage(os.Stderr)
		os.Exit(2)
	}
	if err := cmd(ctx, args, os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintf(os.Stderr, "cyberportal %s: %v\n", name, err)
		os.Exit(1)
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: cyberportal [command] [flags]\n\nCommands:")
	names := make([]string, 0, len(usages))
	for n := range usages {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-15s %s\n", n, usages[n])
	}
	fmt.Fprintln(w, "\nRun 'cyberportal COMMAND -h' for a command's flags.")
}

// flags parses the configuration flags the command takes (settings) and its
// own (extra), and validates those settings, once.
func flags(name string, args []string, cfg *server.Config, extra func(*flag.FlagSet)) (*flag.FlagSet, error) {
	summary := usages[name]
	for _, sc := range staffCommands {
		if name == "staff "+sc.name {
			summary = sc.usage
		}
	}
	fs := flag.NewFlagSet("cyberportal "+name, flag.ContinueOnError)
	cfg.Flags(fs, settings[name]...)
	if extra != nil {
		extra(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cyberportal %s [flags]%s\n\n%s.\n\nFlags:\n", name, operands[name], summary)
		fs.PrintDefaults()
		if name == "serve" {
			fmt.Fprintln(fs.Output())
			usage(fs.Output())
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if err := cfg.Validate(settings[name]...); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return fs, nil
}

func serve(ctx context.Context, args []string, _ io.Writer) error {
	var cfg server.Config
	if _, err := flags("serve", args, &cfg, nil); err != nil {
		return err
	}
	log, flushLog := server.NewLogger(os.Stderr)
	defer flushLog()
	// The live heap is a few MB and each request leaves a few KB of garbage,
	// so with Go's default the collector runs many times a second under load.
	// Four times the live heap as headroom costs little memory and saves most
	// of that work. GOGC, when set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	store, key, err := openWithKey(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := server.New(cfg, server.Deps{Store: store, Logger: log, SecretKey: key})
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}

// openWithKey opens the database and makes it seal staff members' TOTP
// secrets with the key of -secret-key-file, creating the key on first start
// and sealing secrets stored before there was one.
func openWithKey(ctx context.Context, cfg server.Config, log *slog.Logger) (*data.Store, []byte, error) {
	store, err := data.Open(cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	key, created, err := data.LoadSecretKey(cfg.SecretKeyPath())
	if err != nil {
		store.Close()
		return nil, nil, fmt.Errorf("-secret-key-file: %w", err)
	}
	if created {
		log.Warn("created a new secret key: back it up apart from the database", "file", cfg.SecretKeyPath())
	}
	sealed, err := store.UseSecretKey(ctx, key)
	if err != nil {
		store.Close()
		return nil, nil, fmt.Errorf("-secret-key-file %s: %w; restore the right key file, or reset every staff account "+
			"(cyberportal staff reset -email E) so its members enrol their authenticator again", cfg.SecretKeyPath(), err)
	}
	if sealed > 0 {
		log.Info("sealed TOTP secrets stored in plain text", "count", sealed)
	}
	return store, key, nil
}

func check(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg server.Config
	if _, err := flags("check", args, &cfg, nil); err != nil {
		return err
	}
	// Read-only and never migrated: check a copy or read-only media as it is.
	store, err := data.OpenReadOnly(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Check(ctx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "ok: database integrity check passed")
	return nil
}

func backup(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg server.Config
	var to string
	if _, err := flags("backup", args, &cfg, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "file to write the copy to (must not exist)")
	}); err != nil {
		return err
	}
	if to == "" {
		return errors.New("-to FILE is required")
	}
	store, err := data.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Backup(ctx, to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %s written\n", to)
	return nil
}

// staffHelp describes the staff commands.
func staffHelp(w io.Writer) {
	fmt.Fprint(w, "Usage: cyberportal staff COMMAND [flags]\n\nCommands:\n")
	for _, sc := range staffCommands {
		fmt.Fprintf(w, "  %-22s %s\n", sc.form, sc.usage)
	}
	fmt.Fprint(w, "\nSet-up links are {base-url}/staff/setup/{token} and work once, for 72 hours.\n"+
		"Run 'cyberportal staff COMMAND -h' for its flags.\n")
}

// staffCommand manages staff accounts: the first account of a new portal is
// made here, and admins can do the rest on /staff/accounts.
func staffCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		staffHelp(stdout)
		if len(args) == 0 {
			return errors.New("staff: name a command: add, list, disable or reset")
		}
		return flag.ErrHelp
	}
	sub, args := args[0], args[1:]
	if !slices.ContainsFunc(staffCommands, func(sc struct{ name, form, usage string }) bool { return sc.name == sub }) {
		return fmt.Errorf("staff: unknown command %q (add, list, disable, reset)", sub)
	}
	var cfg server.Config
	var email, role string
	if _, err := flags("staff "+sub, args, &cfg, func(fs *flag.FlagSet) {
		if sub != "list" {
			fs.StringVar(&email, "email", "", "the staff member's e-mail address")
		}
		if sub == "add" {
			fs.StringVar(&role, "role", "", "analyst (reads, moderates and exports reports), editor (also warnings) or admin (also accounts)")
		}
	}); err != nil {
		return err
	}
	if sub != "list" && email == "" {
		return errors.New("staff " + sub + ": -email is required")
	}
	store, _, err := openWithKey(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if errors.Is(err, data.ErrSecretKey) {
		// The key is lost: accounts can still be listed, disabled and
		// reset (which erases the sealed secret), without it.
		fmt.Fprintln(os.Stderr, "note:", err)
		store, err = data.Open(cfg.DB)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now()
	switch sub {
	case "add":
		m, token, err := store.AddStaff(ctx, email, role, i18n.Default, 0, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Added %s (%s). One-time set-up link, valid until %s:\n%s/staff/setup/%s\n",
			m.Email, m.Role, now.Add(data.SetupValidity).Format("2006-01-02 15:04 MST"), cfg.BaseURL, token)
	case "reset":
		token, err := store.ResetStaff(ctx, email, 0, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Reset %s: password and authenticator erased, sessions ended. New set-up link, valid until %s:\n%s/staff/setup/%s\n",
			email, now.Add(data.SetupValidity).Format("2006-01-02 15:04 MST"), cfg.BaseURL, token)
	case "disable":
		if err := store.DisableStaff(ctx, email, 0, now); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Disabled %s; all its sessions have ended.\n", email)
	case "list":
		members, err := store.ListStaff(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tROLE\tSTATUS\t2FA\tLAST LOGIN")
		for _, m := range members {
			twoFA, last := "no", "never"
			if m.Enrolled() {
				twoFA = "yes"
			}
			if !m.LastLogin.IsZero() {
				last = vocab.Week(m.LastLogin)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Email, m.Role, m.Status, twoFA, last)
		}
		return tw.Flush()
	}
	return nil
}

// importMonitor loads safety-monitor figures from a CSV file. The whole file
// is checked first; one bad line refuses all of it, naming every problem.
func importMonitor(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg server.Config
	fs, err := flags("import-monitor", args, &cfg, nil)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give one file: cyberportal import-monitor FILE.csv")
	}
	name := fs.Arg(0)
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	values, err := monitor.ParseCSV(f, charts.Indicators(), time.Now().Year())
	if err != nil {
		return fmt.Errorf("%s refused, nothing imported:\n%w", name, err)
	}
	store, err := data.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.ImportMonitor(ctx, values)
	if err != nil {
		return fmt.Errorf("%s refused, nothing imported: %w", name, err)
	}
	fmt.Fprintf(stdout, "%s: %d rows: %d inserted, %d updated, %d unchanged\n", name, len(values), res.Inserted, res.Updated, res.Unchanged)
	return nil
}

// seedDemo fills the database with synthetic reports, marked as demo data.
func seedDemo(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg server.Config
	var n, years int
	var seed uint64
	_, err := flags("seed-demo", args, &cfg, func(fs *flag.FlagSet) {
		fs.IntVar(&n, "n", 10000, "number of demo reports to add")
		fs.IntVar(&years, "years", 5, "calendar years of reports, up to this month")
		fs.Uint64Var(&seed, "seed", 0, "random seed; the same seed in the same month gives the same reports (0: a new seed)")
	})
	if err != nil {
		return err
	}
	if n < 1 || years < 1 || years > 50 {
		return errors.New("-n must be at least 1 and -years between 1 and 50")
	}
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	store, err := data.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	start := time.Now()
	progress := func(done int) {
		fmt.Fprintf(stdout, "\r%d of %d demo reports", done, n)
	}
	if err := store.SeedDemo(ctx, n, demo.Options{Seed: seed, Years: years}, progress); err != nil {
		fmt.Fprintln(stdout)
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(stdout, "\n%d demo reports added to %s in %v (%.0f a second); the statistics page now says it shows demo data\n",
		n, cfg.DB, took.Round(time.Millisecond), float64(n)/took.Seconds())
	return nil
}
