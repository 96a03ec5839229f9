package data

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Staff members' TOTP secrets are sealed at rest with AES-256-GCM under a key
// kept in a file beside, not inside, the database: a copy of the database
// (a backup, a stolen disk image) alone does not give anyone the codes.
//
// A sealed secret is sealedPrefix, a 12-byte random nonce and the ciphertext
// with its tag; the account's id is the additional data, so a secret cannot
// be moved to another account. Secrets stored before there was a key are
// plain (20 bytes, no prefix): UseSecretKey seals them at start-up. That is
// done in Go, not in a SQL migration, because SQL cannot encrypt.

var sealedPrefix = []byte("cps1")

// ErrSecretKey is returned when a sealed secret cannot be opened: no key,
// or another key than the one it was sealed with.
var ErrSecretKey = errors.New("the TOTP secrets were sealed with another secret key")

// SecretKeySize is the size of the key in bytes (AES-256).
const SecretKeySize = 32

func isSealed(b []byte) bool {
	return len(b) > len(sealedPrefix)+12+16 && bytes.HasPrefix(b, sealedPrefix)
}

func secretAD(id int64) []byte { return []byte("cyberportal totp " + strconv.FormatInt(id, 10)) }

// seal encrypts a secret of account id, or returns it as it is when the
// store has no key (tests, and the commands that never read secrets).
func (s *Store) seal(id int64, plain []byte) ([]byte, error) {
	if s.aead == nil || plain == nil {
		return plain, nil
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out := append(append([]byte{}, sealedPrefix...), nonce...)
	return s.aead.Seal(out, nonce, plain, secretAD(id)), nil
}

// open decrypts a sealed secret of account id; a plain one is returned as
// it is. A store without a key (the staff command, when the key is lost)
// returns sealed secrets sealed: they match no code, and resetting an
// account, which erases its secret, still works.
func (s *Store) open(id int64, blob []byte) ([]byte, error) {
	if !isSealed(blob) || s.aead == nil {
		return blob, nil
	}
	rest := blob[len(sealedPrefix):]
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, rest[:n], rest[n:], secretAD(id))
	if err != nil {
		return nil, fmt.Errorf("store: open TOTP secret: %w", ErrSecretKey)
	}
	return plain, nil
}

// openSecrets decrypts a member's secrets in place.
func (s *Store) openSecrets(m *StaffMember) error {
	var err error
	if m.TOTPSecret, err = s.open(m.ID, m.TOTPSecret); err != nil {
		return err
	}
	m.TOTPPending, err = s.open(m.ID, m.TOTPPending)
	return err
}

// UseSecretKey makes the store seal TOTP secrets with key from now on, and
// seals the plain secrets already stored, in one transaction. It returns
// how many it sealed. It fails with ErrSecretKey, changing nothing, when a
// secret was sealed with another key.
func (s *Store) UseSecretKey(ctx context.Context, key []byte) (int, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return 0, fmt.Errorf("store: secret key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return 0, fmt.Errorf("store: secret key: %w", err)
	}
	prev := s.aead
	s.aead = aead
	sealed := 0
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, totp_secret, totp_pending FROM staff WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL`)
		if err != nil {
			return err
		}
		type row struct {
			id              int64
			secret, pending []byte
		}
		var all []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.secret, &r.pending); err != nil {
				rows.Close()
				return err
			}
			all = append(all, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range all {
			cols := []*[]byte{&r.secret, &r.pending}
			for _, c := range cols {
				if *c == nil {
					continue
				}
				if isSealed(*c) {
					if _, err := s.open(r.id, *c); err != nil {
						return err
					}
					continue
				}
				if *c, err = s.seal(r.id, *c); err != nil {
					return err
				}
				sealed++
			}
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET totp_secret = ?, totp_pending = ? WHERE id = ?`, r.secret, r.pending, r.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.aead = prev
		return 0, fmt.Errorf("store: seal TOTP secrets: %w", err)
	}
	return sealed, nil
}

// LoadSecretKey reads the key file (64 hex digits), or creates it with a
// new random key, mode 0600, when it does not exist. It refuses a file
// that others can read or that does not hold a key.
func LoadSecretKey(path string) (key []byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key = make([]byte, SecretKeySize)
		if _, err := rand.Read(key); err != nil {
			return nil, false, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, false, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, false, err
		}
		_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
		if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
			return nil, false, err
		}
		return key, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, false, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("%s is readable by others (mode %v): chmod 600 it", path, fi.Mode().Perm())
	}
	key, err = hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != SecretKeySize {
		return nil, false, fmt.Errorf("%s does not hold a key of %d hex digits", path, 2*SecretKeySize)
	}
	return key, false, nil
}
