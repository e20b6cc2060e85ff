// Package sqlite is Triad's store: one SQLite file, opened with the pragmas
// that keep every acknowledged write (WAL, synchronous=FULL, foreign keys,
// immediate transactions), upgraded by embedded numbered migrations.
//
// Every public method is one transaction; private helpers take the *sql.Tx.
// Writes go through one writer connection, reads through a pool of
// read-only connections: in WAL mode a reader works on its own snapshot,
// so a long search, the minutes or an export never holds up a save, and a
// save never makes a read wait.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
	"triad/data/atomicfile"
)

// DB is the store on one database file.
type DB struct {
	db   *sql.DB // the one writer connection: immediate transactions
	ro   *sql.DB // read-only (mode=ro) connections: deferred transactions
	path string
	now  func() time.Time

	// cur, when set, is the transaction every method of this DB runs in:
	// a view (see view) lets a public read method serve inside another
	// method's transaction, so one public call stays one transaction.
	cur *sql.Tx

	// changes counts rows written through this DB (an SQLite update hook);
	// backedUp is its value at the last backup. Together they answer "has
	// anything changed since the last backup?".
	changes  atomic.Uint64
	backedUp atomic.Uint64

	uncleanShutdown bool // the last session on this file did not close it
	readOnly        bool // OpenReadOnly: no marker of its own to remove
	// unchecked is set while the file may be damaged by the crash that
	// left the marker and no full check has passed since: Close then
	// keeps the marker, so the next Open checks the whole file.
	unchecked atomic.Bool

	// team is the database's team (nil: the single-laptop default);
	// outbound is poked when an event is queued for it.
	team     atomic.Pointer[team]
	outbound chan struct{}
	queued   atomic.Bool            // an event was queued in the transaction under way
	sendFrom atomic.Int64           // every outbox row before this seq was sent: PendingEvents starts here
	seats    seatCache              // the shared pods' seats, for the writer's own checks
	writing  atomic.Pointer[sql.Tx] // the write transaction under way, if any

	// The background check (CheckInBackground), stopped by Close.
	checkStop context.CancelFunc
	checkDone chan struct{}
}

var _ data.Store = (*DB)(nil)

// Options tune Open; the zero value is what the app uses.
type Options struct {
	// Check is the health check run at open. By default ("") the whole
	// file is checked only when the last session did not close it (a
	// crash, kill -9, a power cut); otherwise nothing is checked at open
	// and the window runs CheckInBackground once it is up. "quick" and
	// "full" run that check at open (a quick one becomes full after an
	// unclean shutdown). "none" checks nothing, even after a crash: for
	// commands that only read; the crash's marker is then left for the
	// next open to check.
	Check string
	// Now is the clock used for created/updated times; time.Now by default.
	Now func() time.Time
	// NoUpgradeBackup skips the backup taken before an existing database is
	// upgraded. Only tests that count backups set it.
	NoUpgradeBackup bool
}

// dsn builds the connection string. Per-connection pragmas live here, not
// in a one-off Exec, so every pooled connection gets them.
func dsn(path string, mode string) string {
	return fileURL(path) + "?mode=" + mode + "&_foreign_keys=on&_journal_mode=WAL&_synchronous=FULL&_busy_timeout=5000&_txlock=immediate&_stmt_cache_size=64"
}

// fileURL is path as an SQLite file: URI.
func fileURL(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows volume: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// DefaultPath is os.UserConfigDir()/Triad/triad.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user configuration folder: %w", err)
	}
	return filepath.Join(dir, "Triad", "triad.db"), nil
}

// locate fills in opt's defaults and reads the header of the file at path
// (nil when there is none), which both opens begin with.
func locate(path string, opt Options) (Options, string, int, *fileHeader, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return opt, "", 0, nil, fmt.Errorf("database path %q: %w", path, err)
	}
	newest := SchemaVersion()
	h, err := inspect(abs, newest)
	return opt, abs, newest, h, err
}

// Open opens the Triad database at path, creating it (0600, in a 0700
// folder) when it does not exist. A file that is not a Triad database, is
// damaged, or comes from a newer Triad is refused with a message naming it,
// and is never written to.
func Open(path string, opt Options) (*DB, error) {
	opt, abs, newest, h, err := locate(path, opt)
	if err != nil {
		return nil, err
	}
	if h == nil {
		if err := create(abs, opt.Now); err != nil {
			return nil, err
		}
	}
	if err := checkWritableFolder(abs); err != nil {
		return nil, err
	}

	// A marker beside the database says it is open; a clean Close removes
	// it. Finding one means the last session ended by a crash or power cut,
	// so the whole file is checked before anything else reads it. A clean
	// file opens without a check: on a large history even the quick check
	// reads every page (seconds on a cold disk), so it runs in the
	// background instead (CheckInBackground).
	unclean := false
	if _, err := os.Stat(openMarker(abs)); err == nil {
		if opt.Check == "" || opt.Check == "quick" {
			opt.Check = "full"
		}
		unclean = true
	}
	s := &DB{path: abs, now: opt.Now, uncleanShutdown: unclean, outbound: make(chan struct{}, 1)}
	s.unchecked.Store(unclean && opt.Check != "full")
	s.db = sql.OpenDB(&connector{dsn: dsn(abs, "rw"), driver: &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			c.RegisterUpdateHook(func(int, string, string, int64) { s.changes.Add(1) })
			return nil
		},
	}})
	// One writer: SQLite lets one write transaction run at a time anyway,
	// and queueing for the connection in Go is fair and never gives up,
	// where a second connection would spin on the busy timeout and fail
	// after it. Nothing may query s.db with rows of s.db still open
	// (that would wait for itself): writes run inside tx, reads on s.ro.
	s.db.SetMaxOpenConns(1)
	// Every read goes through its own read-only connections, so a write
	// reached by mistake fails instead of changing the file, and a read
	// takes no write lock (deferred). Four are plenty on a laptop: a search,
	// a screen's load, the minutes and a background check at once.
	s.ro = sql.OpenDB(&connector{dsn: readDSN(abs), driver: &sqlite3.SQLiteDriver{}})
	s.ro.SetMaxOpenConns(readers)
	s.ro.SetMaxIdleConns(readers)
	if err := s.verify(context.Background(), opt, newest); err != nil {
		s.ro.Close()
		s.db.Close()
		return nil, err
	}
	if err := s.loadTeam(context.Background()); err != nil {
		s.ro.Close()
		s.db.Close()
		return nil, s.describe(err)
	}
	if err := os.WriteFile(openMarker(abs), []byte(data.UTCTime(opt.Now())+"\n"), 0o600); err != nil {
		s.ro.Close()
		s.db.Close()
		return nil, fmt.Errorf("cannot write beside %s: %w", abs, err)
	}
	return s, nil
}

// openMarker is the file that exists while a database is open.
func openMarker(path string) string { return path + ".open" }

// UncleanShutdown reports whether the previous session did not close the
// database (crash, kill, power cut); Open then ran a full integrity check.
func (s *DB) UncleanShutdown() bool { return s.uncleanShutdown }

// verify re-reads the identity from SQLite itself (the write-ahead log may
// hold a newer header than the file), checks health and upgrades.
func (s *DB) verify(ctx context.Context, opt Options, newest int) error {
	var appID, version int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.describe(err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.describe(err)
	}
	if uint32(appID) != AppID {
		return data.KindError(data.ErrNotTriad, "%s is not a Triad database. Triad left it as it is", s.path)
	}
	if int(version) > newest {
		return data.KindError(data.ErrNewerSchema, "%s was written by a newer version of Triad (database version %d; this Triad reads up to %d). Update Triad to open it; the file was left as it is", s.path, version, newest)
	}
	if err := s.checkAtOpen(ctx, opt.Check); err != nil {
		return err
	}
	if int(version) < newest {
		if !opt.NoUpgradeBackup {
			if _, err := s.Backup(ctx, data.BackupMigration); err != nil {
				return fmt.Errorf("before upgrading %s, its backup failed, so nothing was changed: %w", s.path, err)
			}
		}
		if err := migrate(ctx, s.db, newest); err != nil {
			return fmt.Errorf("%s: %w", s.path, err)
		}
	}
	return nil
}

// checkAtOpen runs the check Options.Check names on a reader: "" or
// "none" nothing, "quick" quick_check, "full" integrity_check.
func (s *DB) checkAtOpen(ctx context.Context, check string) error {
	switch check {
	case "", "none":
		return nil
	case "full":
		return s.integrity(ctx, s.ro, "integrity_check")
	case "quick":
		return s.integrity(ctx, s.ro, "quick_check")
	}
	return fmt.Errorf("unknown check %q", check)
}

// integrity runs quick_check or integrity_check on db (a reader of this
// file) and turns findings into ErrCorrupt.
func (s *DB) integrity(ctx context.Context, db *sql.DB, pragma string) error {
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		return s.describe(err)
	}
	defer rows.Close()
	var findings []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return s.describe(err)
		}
		if line != "ok" && len(findings) < 3 {
			findings = append(findings, line)
		}
	}
	if err := rows.Err(); err != nil {
		return s.describe(err)
	}
	if len(findings) > 0 {
		return data.KindError(data.ErrCorrupt, "%s is damaged (%s)", s.path, strings.Join(findings, "; "))
	}
	return nil
}

// Check runs SQLite's full integrity_check on the open database, on a
// reader: saves go on meanwhile.
func (s *DB) Check(ctx context.Context) error {
	err := s.integrity(ctx, s.ro, "integrity_check")
	if err == nil {
		s.unchecked.Store(false)
	}
	return err
}

// CheckInBackground starts SQLite's quick check of the whole file on a
// reader, off the writer's path: saves neither wait for it nor slow it
// down beyond sharing the disk. report is called once, on the check's own
// goroutine, with nil or the problem: an error of kind data.ErrCorrupt
// when the file is damaged, which the window answers as it answers
// damage found at open (move the file aside, offer the newest backup).
// A check stopped by Close reports nothing. Call it at most once.
func (s *DB) CheckInBackground(report func(error)) {
	ctx, stop := context.WithCancel(context.Background())
	s.checkStop, s.checkDone = stop, make(chan struct{})
	go func() {
		defer close(s.checkDone)
		err := s.integrity(ctx, s.ro, "quick_check")
		if ctx.Err() != nil {
			return // closed meanwhile: no verdict
		}
		report(err)
	}()
}

// describe turns SQLite's open-time errors into messages that name the file.
func (s *DB) describe(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return data.KindError(data.ErrNotTriad, "%s is not a Triad database (SQLite: %v). Triad left it as it is", s.path, err)
		case sqlite3.ErrCorrupt:
			return data.KindError(data.ErrCorrupt, "%s is damaged (SQLite: %v)", s.path, err)
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return fmt.Errorf("%s cannot be opened for writing (%v). Check the permissions of the file and its folder", s.path, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return data.KindError(data.ErrInUse, "%s is busy in another program (%v)", s.path, err)
		case sqlite3.ErrFull:
			return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so the last change was not saved; everything saved before it is intact. Free some space and try again.", s.path)
		case sqlite3.ErrIoErr:
			return fmt.Errorf("%s could not be written (%v). Check the disk; everything saved before is intact", s.path, err)
		}
	}
	return fmt.Errorf("%s: %w", s.path, err)
}

// checkWritableFolder refuses a database whose folder cannot take the
// write-ahead log, with a message that says so instead of SQLite's
// "unable to open database file".
func checkWritableFolder(path string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".triad-write-test-*")
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || data.ClassifyFileError(err) == data.FileProblemReadOnly {
			return fmt.Errorf("the folder %s is read-only, so Triad cannot keep %s there. Move the database to a folder you can write to", dir, filepath.Base(path))
		}
		return fmt.Errorf("cannot write in the folder %s: %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// create makes a new database at path: built under a temporary name in the
// same folder, then put into place (atomicfile.PlaceNew), so a crash never leaves a half-made
// file and an existing file is never replaced.
func create(path string, now func() time.Time) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the folder %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".triad-new-*.db")
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("the folder %s is read-only, so Triad cannot create %s there", dir, filepath.Base(path))
		}
		return fmt.Errorf("cannot create a database in %s: %w", dir, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	cleanup := func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(tmpPath + suffix)
		}
	}
	if err := os.Chmod(tmpPath, 0o600); err != nil {
		cleanup()
		return err
	}
	db, err := sql.Open("sqlite3", dsn(tmpPath, "rw"))
	if err == nil {
		err = migrate(context.Background(), db, SchemaVersion())
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		cleanup()
		return fmt.Errorf("creating %s: %w", path, err)
	}
	// A hard link where the file system has them; FAT and exFAT (USB
	// sticks) have none, and get an exclusive reservation renamed over.
	if err := atomicfile.PlaceNew(tmpPath, path); err != nil {
		cleanup()
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s appeared while Triad was creating it; try again", path)
		}
		return fmt.Errorf("creating %s: %w", path, err)
	}
	cleanup()
	return syncDir(dir)
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // not supported on every platform; the data itself is synced
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// connector opens connections with a driver of our own, so that each
// connection of this DB gets the update hook.
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }
func (c *connector) Driver() driver.Driver                        { return c.driver }

// ChangedSinceBackup reports whether rows were written since the last backup
// this DB took (or since it was opened).
func (s *DB) ChangedSinceBackup() bool { return s.changes.Load() != s.backedUp.Load() }

func (s *DB) markBackedUp() { s.backedUp.Store(s.changes.Load()) }

// Path is the database file.
func (s *DB) Path() string { return s.path }

// Close checkpoints and closes the database, and removes the open marker
// only when that succeeded.
// A file opened without checking after a crash keeps its marker, so the
// next Open still checks it.
func (s *DB) Close() error {
	if s.checkStop != nil {
		s.checkStop()
		<-s.checkDone
	}
	if s.ro != nil && s.ro != s.db {
		s.ro.Close()
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	if s.readOnly || s.unchecked.Load() {
		return nil // a reader's marker is the writer's; an unchecked file keeps its marker
	}
	return os.Remove(openMarker(s.path))
}

// SQLiteVersion reports the bundled SQLite library's version.
func SQLiteVersion() string {
	v, _, _ := sqlite3.Version()
	return v
}

// HasFTS5 reports whether this build includes SQLite's FTS5 (the sqlite_fts5 tag).
func HasFTS5() bool {
	db, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		return false
	}
	defer db.Close()
	_, err = db.Exec("CREATE VIRTUAL TABLE t USING fts5(x)")
	return err == nil
}

// readers is the size of the read-only pool.
const readers = 4

// readDSN is the connection string of the read-only pool: mode=ro, so the
// connection cannot write the file; deferred transactions, so a read
// takes only a snapshot. The journal mode is the file's (WAL, set by the
// writer) and cannot be set from a read-only connection.
func readDSN(path string) string {
	return fileURL(path) + "?mode=ro&_busy_timeout=5000&_txlock=deferred&_query_only=1"
}

// tx runs fn in one (immediate) transaction and commits when it returns nil.
// In a view it runs fn in the view's transaction.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.cur != nil {
		return fn(s.cur)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.describe(err)
	}
	s.writing.Store(tx)
	// The next write transaction may begin as soon as Commit or Rollback
	// hands the connection on, before these run: each lets go of its own.
	defer s.seats.txEnded(tx)
	defer s.writing.CompareAndSwap(tx, nil)
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) {
			return s.describe(err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.describe(err)
	}
	// An event queued in this transaction is there for the worker now.
	if s.team.Load() != nil && s.queued.Swap(false) {
		s.poke()
	}
	return nil
}

// readTx runs fn in one read-only transaction on a reader: every query
// sees the same moment, and any write fails ("attempt to write a readonly
// database"). Every public method that only reads uses it.
func (s *DB) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.cur != nil {
		return fn(s.cur)
	}
	tx, err := s.ro.BeginTx(ctx, nil)
	if err != nil {
		return s.describe(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) {
			return s.describe(err)
		}
		return err
	}
	return nil
}

// view is s bound to tx: its public methods run inside tx instead of
// opening their own transaction.
func (s *DB) view(tx *sql.Tx) *DB {
	return &DB{db: s.db, ro: s.ro, path: s.path, now: s.now, cur: tx}
}

func (s *DB) stamp() string { return data.UTCTime(s.now()) }

// nullString maps "" to NULL for optional text columns.
func nullString(v string) any {
	if v == "" {
		return nil
	}
	return v
}
