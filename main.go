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
	"sort"
	"syscall"

	"cyberportal/data"
	"cyberportal/server"
)

// command runs one subcommand: cyberportal NAME [flags].
type command func(ctx context.Context, args []string, stdout io.Writer) error

var commands = map[string]command{
	"serve":  serve,
	"check":  check,
	"backup": backup,
}

// usages are the commands' one-line descriptions, kept apart from commands
// so that a command's own -h can print the list.
var usages = map[string]string{
	"serve":  "start the web server (the default)",
	"check":  "run SQLite's integrity check on the database",
	"backup": "write a consistent copy of the database to -to FILE, also while the portal runs",
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

// flags parses the shared configuration plus a command's own flags.
func flags(name string, args []string, cfg *server.Config, extra func(*flag.FlagSet)) (*flag.FlagSet, error) {
	summary := usages[name]
	fs := flag.NewFlagSet("cyberportal "+name, flag.ContinueOnError)
	cfg.Flags(fs)
	if extra != nil {
		extra(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: cyberportal %s [flags]\n\n%s.\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
		if name == "serve" {
			fmt.Fprintln(fs.Output())
			usage(fs.Output())
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return fs, nil
}

func serve(ctx context.Context, args []string, _ io.Writer) error {
	var cfg server.Config
	if _, err := flags("serve", args, &cfg, nil); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	store, err := data.Open(cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := server.New(cfg, server.Deps{Store: store, Logger: log})
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}

func check(ctx context.Context, args []string, stdout io.Writer) error {
	var cfg server.Config
	if _, err := flags("check", args, &cfg, nil); err != nil {
		return err
	}
	store, err := data.Open(cfg.DB)
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
