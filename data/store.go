package data

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3" // also registers the database/sql driver "sqlite3"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite database behind the portal: one writer connection,
// because SQLite has one writer, and a pool of read-only connections that
// WAL lets run beside it.
type Store struct {
	w    *sql.DB
	r    *sql.DB
	path string

	onWarnings func()      // see OnWarningsChange
	aead       cipher.AEAD // seals TOTP secrets; nil until UseSecretKey

	newID func() (int64, error) // randomID; tests make it collide
}

// Open opens (creating it and its folder if needed) the database at path and
// applies any pending migrations. A folder it creates is 0700; the database
// is 0600, and SQLite gives its -wal and -shm files the database's mode.
func Open(path string) (*Store, error) {
	return open(path, migrations)
}

// open is Open with the migrations taken from migs (migrations/*.sql), so a
// test can migrate a database one migration at a time.
func open(path string, migs fs.FS) (*Store, error) {
	if err := privateFiles(path); err != nil {
		return nil, err
	}
	// synchronous=FULL: a report we acknowledged must survive a crash.
	common := "_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_foreign_keys=on"
	// The writer keeps temporary files in memory: each report moves about 25
	// statistics rows through triggers, which overflows the statement journal
	// into a temporary file on every commit otherwise.
	// secure_delete overwrites deleted content with zeros, so a report a
	// reporter deleted, or text the retention job erased, is not left in a
	// free page of the file (see also Checkpoint).
	w := sql.OpenDB(connector{
		dsn: "file:" + url.PathEscape(path) + "?" + common + "&_txlock=immediate&_secure_delete=on",
		driver: &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
			return err
		}},
	})
	w.SetMaxOpenConns(1)
	s := &Store{w: w, path: path, newID: randomID}
	if err := s.migrate(context.Background(), migs); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?"+common+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open readers for %s: %w", path, err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s.r = r
	return s, nil
}

// IsDatabaseError reports whether err comes from SQLite (a full disk, a
// lock, a constraint, corruption), as opposed to a cancelled request or a
// missing row.
func IsDatabaseError(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se)
}

// privateFiles creates path's folder (0700) and an empty database file
// (0600) when missing, and makes an existing database and its -wal and -shm
// files 0600: reports are anonymous, but not for every local user to read.
// An existing folder is left as it is (it may be shared, like ".").
func privateFiles(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("store: create folder for %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store: make %s private: %w", p, err)
		}
	}
	return nil
}

// OpenReadOnly opens an existing database for reading only: nothing is
// created or migrated, so it works on read-only media and on a copy that
// must stay as it is (cyberportal check). On media where SQLite cannot
// create the WAL index beside the file, it opens the file as immutable.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	open := func(extra string) (*sql.DB, error) {
		db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro&_query_only=1&_busy_timeout=5000"+extra)
		if err != nil {
			return nil, err
		}
		var version int
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&version); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	db, err := open("")
	if err != nil {
		db, err = open("&immutable=1")
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	return &Store{r: db, path: path}, nil
}

// connector opens connections with a driver of our own settings, for
// sql.OpenDB; the registered "sqlite3" driver has no connection hook.
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.driver }

// Close closes both pools (a read-only store has no writer).
func (s *Store) Close() error {
	if s.w == nil {
		return s.r.Close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// Ping checks that the database answers, for the health check.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Check runs SQLite's integrity check and returns its findings as an error.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// migrate applies migrations/NNNN_name.sql in order, each in its own
// transaction together with its version number, so a failed migration leaves
// the database as it was. A migration that has shipped is history: it is
// never edited (TestShippedMigrationsAreUnchanged), a change is a new one.
func (s *Store) migrate(ctx context.Context, migs fs.FS) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: create schema_version: %w", err)
	}
	// Every migration not yet recorded is applied, not only those above the
	// highest: features are merged in any order, so a database may hold 0010
	// before 0005 exists.
	applied := map[int]bool{}
	rows, err := s.w.QueryContext(ctx, `SELECT version FROM schema_version`)
	if err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("store: read schema version: %w", err)
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	names, err := fs.Glob(migs, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("store: list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := filepath.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("store: migration %s: name must start with its number", base)
		}
		if applied[version] {
			continue
		}
		body, err := fs.ReadFile(migs, name)
		if err != nil {
			return fmt.Errorf("store: read migration %s: %w", base, err)
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, version)
			return err
		}); err != nil {
			return fmt.Errorf("store: migration %s: %w", base, err)
		}
	}
	return nil
}

// inTx runs fn in a write transaction and commits it, or rolls it back when
// fn fails.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Backup writes a consistent snapshot of the database to path with VACUUM
// INTO: it runs beside a live server (WAL lets readers and the writer go
// on) and the copy is compact and complete, unlike a copy of the file,
// which can miss what is still in the WAL. path must not exist yet.
func (s *Store) Backup(ctx context.Context, path string) error {
	// VACUUM INTO takes an empty file: created here, it is 0600 (a copy
	// of the reports is as private as the database) and cannot be an
	// existing file.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("store: backup: %s already exists", path)
	}
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	f.Close()
	// Its own connection: the read pool is query-only, which forbids VACUUM
	// INTO, and the single writer must stay free for reports meanwhile.
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(s.path)+"?_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}

// checkpointTries is how often Checkpoint tries while readers still hold an
// older snapshot, checkpointWait apart.
const (
	checkpointTries = 20
	checkpointWait  = 10 * time.Millisecond
)

// ErrCheckpointBusy means readers kept the WAL from being emptied; the
// next checkpoint finishes the work.
var ErrCheckpointBusy = errors.New("store: WAL checkpoint blocked by readers")

// Checkpoint copies the WAL into the database file and truncates it to
// zero bytes. With secure_delete, text that was deleted is then in no file:
// not in a free page of the database, not in an old frame of the WAL. It
// also empties the WAL of the order in which recent commits were written.
func (s *Store) Checkpoint(ctx context.Context) error {
	for try := 0; ; try++ {
		var busy, frames, done int
		if err := s.w.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
			return fmt.Errorf("store: checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if try == checkpointTries {
			return ErrCheckpointBusy
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(checkpointWait):
		}
	}
}

// Compact rewrites the database file with VACUUM and then checkpoints it.
// SQLite places a new row's bytes in its page in the order rows arrive,
// whatever their (random) ids, so without it the layout of a page tells in
// which order its reports came in; VACUUM writes every table out again in
// id order, and leaves no free pages. Run it hourly: the file then holds
// the arrival order of at most the last hour's reports.
func (s *Store) Compact(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("store: vacuum: %w", err)
	}
	return s.Checkpoint(ctx)
}
