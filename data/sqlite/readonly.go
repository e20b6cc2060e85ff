package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
)

// ErrNeedsUpgrade means a database is older than this Triad and must be
// opened for writing once (which backs it up, then upgrades it) before a
// read-only open can read it.
var ErrNeedsUpgrade = errors.New("the database needs an upgrade first")

// OpenReadOnly opens an existing Triad database for reading only: the
// commands that only read (meetings, check, export, minutes, backup) use
// it, so they work while a window has the file open. It takes no lock,
// creates nothing, upgrades nothing and leaves no open marker; SQLite's
// write-ahead log lets it read the last committed state beside the
// window's writes. Every write through it fails ("attempt to write a
// readonly database"). The database file is never written; SQLite may
// leave an empty -wal and a -shm beside it, as any reader of a WAL file
// does, which the next writer takes over.
func OpenReadOnly(path string, opt Options) (*DB, error) {
	opt, abs, newest, h, err := locate(path, opt)
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, data.KindError(data.ErrNotFound, "no database at %s", abs)
	}
	s := &DB{path: abs, now: opt.Now, readOnly: true}
	s.db = sql.OpenDB(&connector{dsn: readDSN(abs), driver: &sqlite3.SQLiteDriver{}})
	s.ro = s.db
	var version int64
	if err := s.db.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&version); err != nil {
		s.db.Close()
		return nil, s.describe(err)
	}
	if int(version) < newest {
		s.db.Close()
		return nil, fmt.Errorf("%s is from an older Triad (database version %d of %d): %w", abs, version, newest, ErrNeedsUpgrade)
	}
	// Only an explicit "quick" or "full" checks: a reader never runs the
	// crash check, whose marker belongs to the writer.
	if err := s.checkAtOpen(context.Background(), opt.Check); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// ReadOnly reports whether s was opened by OpenReadOnly.
func (s *DB) ReadOnly() bool { return s.readOnly }
