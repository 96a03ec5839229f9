package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cyberportal/data"
	"cyberportal/server"
)

// TestImportMonitorCommand runs `cyberportal import-monitor` as an operator
// would: the example file goes in, a second run changes nothing, and a
// broken file is refused whole with its lines named.
func TestImportMonitorCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	ctx := context.Background()
	run := func(file string) (string, error) {
		var out bytes.Buffer
		err := importMonitor(ctx, []string{"-db", db, file}, &out)
		return out.String(), err
	}
	out, err := run("data/testdata/monitor-example.csv")
	if err != nil || !strings.Contains(out, "7 rows: 7 inserted, 0 updated, 0 unchanged") {
		t.Fatalf("first import: %q, %v", out, err)
	}
	out, err = run("data/testdata/monitor-example.csv")
	if err != nil || !strings.Contains(out, "7 rows: 0 inserted, 0 updated, 7 unchanged") {
		t.Fatalf("second import: %q, %v", out, err)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	body := "area,indicator,year,value,unit,source\n" +
		"Utrecht,cybercrime,2019,12.5,percent,CBS\n" +
		"Utrecht,cybercrime,2020,12,5,percent,CBS\n"
	if err := os.WriteFile(bad, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = run(bad)
	if err == nil || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(err.Error(), "line 3: value 12,5 has a decimal comma") {
		t.Fatalf("broken file: %v", err)
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	values, err := store.MonitorSeries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		if v.Area == "Utrecht" {
			t.Errorf("line 2 of the refused file was imported: %+v", v)
		}
	}
	if _, err := run(filepath.Join(t.TempDir(), "missing.csv")); err == nil {
		t.Error("a missing file was accepted")
	}
	var out2 bytes.Buffer
	if err := importMonitor(ctx, []string{"-db", db}, &out2); err == nil {
		t.Error("no file given, no error")
	}
}

func TestSeedDemoCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "portal.db")
	var out bytes.Buffer
	if err := seedDemo(context.Background(), []string{"-db", db, "-n", "500", "-years", "2", "-seed", "3"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "500 demo reports added") {
		t.Errorf("output %q", out.String())
	}
	store, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, err := store.DemoReports(context.Background()); err != nil || n < 450 || n > 500 {
		t.Errorf("%d demo reports count (%v), want nearly 500", n, err)
	}
	if err := seedDemo(context.Background(), []string{"-db", db, "-n", "0"}, &out); err == nil {
		t.Error("-n 0 was accepted")
	}
}

// TestCommandHelp: -h names what a command takes after its flags.
func TestCommandHelp(t *testing.T) {
	for name, want := range map[string]string{
		"import-monitor": "Usage: cyberportal import-monitor [flags] FILE.csv\n",
		"backup":         "Usage: cyberportal backup [flags]\n",
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		stderr := os.Stderr
		os.Stderr = w
		_, err = flags(name, []string{"-h"}, &server.Config{}, nil)
		os.Stderr = stderr
		w.Close()
		out, _ := io.ReadAll(r)
		if !errors.Is(err, flag.ErrHelp) || !strings.HasPrefix(string(out), want) {
			t.Errorf("%s -h: %v\n%s", name, err, out)
		}
	}
}
