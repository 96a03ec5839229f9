package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
)

// Report and update ids are random (migration 0005): with ids that count up,
// SQLite keeps a table in the order rows came in, and the file tells that
// order to whoever reads it.

// idAttempts is how often an insert draws a new id after a collision; with
// 63 random bits even one retry is astronomically rare.
const idAttempts = 8

// errIDCollisions means every drawn id was taken: a broken random source.
var errIDCollisions = errors.New("no free random id")

// randomID draws an id from crypto/rand: 63 bits, never 0.
func randomID() (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("random id: %w", err)
	}
	return max(1, int64(binary.LittleEndian.Uint64(b[:])>>1)), nil
}

// insertWithRandomID runs stmt, an INSERT … ON CONFLICT DO NOTHING whose
// first argument is the id, with fresh ids until a row is written or taken
// says the row was refused for a reason other than its id (for a report:
// its receipt code exists already). It reports whether a row was written.
func (s *Store) insertWithRandomID(ctx context.Context, stmt *sql.Stmt, taken func() (bool, error), args ...any) (bool, error) {
	for range idAttempts {
		id, err := s.newID()
		if err != nil {
			return false, err
		}
		res, err := stmt.ExecContext(ctx, append([]any{id}, args...)...)
		if err != nil {
			return false, err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return n == 1, err
		}
		if taken != nil {
			if t, err := taken(); err != nil || t {
				return false, err
			}
		}
	}
	return false, errIDCollisions
}
