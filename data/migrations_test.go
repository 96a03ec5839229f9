package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestShippedMigrationsAreUnchanged: every migration has its checksum
// recorded beside it (NNNN_name.sql.sha256, in sha256sum's format, one file
// per migration so that migrations added in parallel never conflict), and
// no migration differs from it. A shipped migration is history: an older
// database has run it as it was, so a change goes in a new migration.
func TestShippedMigrationsAreUnchanged(t *testing.T) {
	t.Parallel()
	sqls, _ := filepath.Glob("migrations/*.sql")
	sums, _ := filepath.Glob("migrations/*.sql.sha256")
	if len(sqls) == 0 {
		t.Fatal("no migrations found")
	}
	for _, path := range sqls {
		name := filepath.Base(path)
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(body)
		got := hex.EncodeToString(h[:])
		recorded, err := os.ReadFile(path + ".sha256")
		if os.IsNotExist(err) {
			t.Errorf("%s has no recorded checksum. When it is final, record it (a shipped migration is never edited):\n"+
				"\t(cd data/migrations && sha256sum %s > %s.sha256)", name, name, name)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("%s  %s\n", got, name)
		if string(recorded) != want {
			t.Errorf("%s has changed since its checksum was recorded (now %s, recorded %q).\n"+
				"A shipped migration is history: restore it (git checkout main -- data/migrations/%s)\n"+
				"and put the change in a new migration with the next free number.", name, got, strings.TrimSpace(string(recorded)), name)
		}
	}
	for _, sum := range sums {
		if !slices.Contains(sqls, strings.TrimSuffix(sum, ".sha256")) {
			t.Errorf("%s records a migration that is gone: a shipped migration is never deleted", sum)
		}
	}
}

// TestMigrationsOneByOneEqualFresh builds one database the way a portal
// that was upgraded release by release did, opening it with one more
// migration each time, and one fresh with all of them, and compares every
// table, index, trigger and view and every row. It does so also for a
// database whose 0003 is the text that shipped before commit a62164c (0003
// was edited in place then, so such databases lack its view): 0005 must
// bring them to the same schema.
func TestMigrationsOneByOneEqualFresh(t *testing.T) {
	t.Parallel()
	old0003, err := os.ReadFile("testdata/migrations/0003_statistics.before-a62164c.sql")
	if err != nil {
		t.Fatal(err)
	}
	for name, replace := range map[string]map[string][]byte{
		"as shipped":          nil,
		"0003 before a62164c": {"migrations/0003_statistics.sql": old0003},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			stepwiseEqualsFresh(t, replace)
		})
	}
}

// stepwiseEqualsFresh applies the migrations one by one, with the texts in
// replace instead of the shipped ones, and compares with a fresh database.
func stepwiseEqualsFresh(t *testing.T, replace map[string][]byte) {
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	slices.Sort(names)
	dir := t.TempDir()
	stepwise := filepath.Join(dir, "stepwise.db")
	for i := range names {
		fsys := fstest.MapFS{}
		for _, name := range names[:i+1] {
			body, ok := replace[name]
			if !ok {
				if body, err = os.ReadFile(name); err != nil {
					t.Fatal(err)
				}
			}
			fsys[name] = &fstest.MapFile{Data: body}
		}
		s, err := open(stepwise, fsys)
		if err != nil {
			t.Fatalf("up to %s: %v", names[i], err)
		}
		s.Close()
	}
	fresh, err := Open(filepath.Join(dir, "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	old, err := Open(stepwise)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	a, b := dumpDatabase(t, old), dumpDatabase(t, fresh)
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			t.Fatalf("the databases differ first at line %d:\none by one: %s\nfresh:      %s", i, x, y)
		}
	}
}

// dumpDatabase is the schema and every row of every table, as text.
func dumpDatabase(t *testing.T, s *Store) []string {
	t.Helper()
	out := column(t, s.r, `SELECT type || ' | ' || name || ' | ' || tbl_name || ' | ' || COALESCE(sql, '') FROM sqlite_master
		ORDER BY type, name`)
	for _, table := range column(t, s.r, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`) {
		// Each row as one text: its columns quoted as SQL literals.
		var cols []string
		for _, c := range column(t, s.r, `SELECT name FROM pragma_table_info('`+table+`') ORDER BY cid`) {
			cols = append(cols, `quote("`+c+`")`)
		}
		for _, row := range column(t, s.r, `SELECT `+strings.Join(cols, ` || ',' || `)+` FROM "`+table+`" ORDER BY 1`) {
			out = append(out, table+": "+row)
		}
	}
	return out
}
