package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
)

// BackupDir is the folder of automatic backups, beside the database.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// WriteBackup copies the open database to dest: an online backup into a
// temporary file in dest's folder (see copyTo), an integrity_check of the
// copy, fsync, rename. A failure (a full disk, say) leaves no partial file
// and dest untouched. It runs on a reader, so edits go on meanwhile.
func (s *DB) WriteBackup(ctx context.Context, dest string) error {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, ".triad-backup-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write a backup in %s: %w", dir, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	// The empty file reserves the name in the folder we will rename within.
	ok := false
	defer func() {
		if !ok {
			for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
				os.Remove(tmpPath + suffix)
			}
		}
	}()
	if err := s.copyTo(ctx, tmpPath); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrFull || se.Code == sqlite3.ErrIoErr) {
			return data.KindError(data.ErrDiskFull, "There is not enough disk space in %s for the backup; nothing was written. Free some space and try again.", dir)
		}
		return fmt.Errorf("backing up to %s: %w", dest, err)
	}
	if _, err := verifyFile(tmpPath); err != nil {
		return fmt.Errorf("the backup copy failed its check, so it was discarded: %w", err)
	}
	if err := syncFile(tmpPath); err != nil {
		return fmt.Errorf("backing up to %s: %w", dest, err)
	}
	if err := os.Chmod(tmpPath, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, dest); err != nil {
		return fmt.Errorf("backing up to %s: %w", dest, err)
	}
	ok = true
	return syncDir(dir)
}

// backupStep is how many pages (4 KiB each) one step of the online backup
// copies: small enough that cancelling a backup (the window closing) is
// prompt, large enough that the steps cost nothing.
const backupStep = 1024

// syncEvery is how many steps of the copy are written between syncs.
const syncEvery = 4

// copyTo writes a consistent copy of the database into the empty file at
// path with SQLite's online backup API, in steps, from a reader.
//
// The reader holds one read transaction across every step, so the copy is
// of one moment: the saves committed meanwhile go to the write-ahead log
// through the writer, neither wait for the copy nor restart it (a backup
// whose source changes under it starts again from the first page, which on
// a large file with steady typing would never end). VACUUM INTO, used
// before, needs a connection that can write and held one for the whole copy.
func (s *DB) copyTo(ctx context.Context, path string) error {
	src, err := s.ro.Conn(ctx)
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := src.ExecContext(ctx, "BEGIN"); err != nil {
		return err
	}
	defer src.ExecContext(context.Background(), "ROLLBACK")
	var n int
	if err := src.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return err // the snapshot starts with this first read
	}
	// The copy is a temporary file, synced once when complete and
	// discarded if anything fails: it needs no journal and no sync per
	// step, which would only queue the writer's own syncs behind it.
	out, err := sql.Open("sqlite3", fileURL(path)+"?mode=rw&_busy_timeout=5000&_journal_mode=OFF&_synchronous=OFF")
	if err != nil {
		return err
	}
	defer out.Close()
	dst, err := out.Conn(ctx)
	if err != nil {
		return err
	}
	defer dst.Close()
	// Syncing the copy as it grows keeps each flush small: one sync of a
	// whole large copy at the end would hold the writer's next commit (its
	// own sync waits behind it) for up to a second.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	err = dst.Raw(func(dc any) error {
		return src.Raw(func(sc any) error {
			b, err := dc.(*sqlite3.SQLiteConn).Backup("main", sc.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			for step := 1; ; step++ {
				done, err := b.Step(backupStep)
				if err != nil {
					b.Close()
					return err
				}
				if done {
					return b.Finish()
				}
				if step%syncEvery == 0 {
					if err := f.Sync(); err != nil {
						b.Close()
						return err
					}
				}
				if err := ctx.Err(); err != nil {
					b.Close()
					return err
				}
			}
		})
	})
	if err != nil {
		return err
	}
	// The copied header says WAL, like the source; a backup is one
	// self-contained file, so it is turned back into a rollback-journal
	// database (the next Open of a restored copy makes it WAL again).
	var mode string
	return dst.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
}

// Backup takes a backup into BackupDir (0700, files 0600) and rotates the
// folder with data.DefaultRotation.
func (s *DB) Backup(ctx context.Context, reason data.BackupReason) (data.BackupInfo, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return data.BackupInfo{}, fmt.Errorf("cannot create the backup folder %s: %w", dir, err)
	}
	now := s.now().UTC()
	path := filepath.Join(dir, data.BackupName(now, reason))
	if err := s.WriteBackup(ctx, path); err != nil {
		return data.BackupInfo{}, err
	}
	s.markBackedUp()
	if err := Rotate(dir, data.DefaultRotation, now); err != nil {
		return data.BackupInfo{}, err
	}
	st, _ := os.Stat(path)
	info := data.BackupInfo{Path: path, Taken: now, Reason: reason}
	if st != nil {
		info.Size = st.Size()
	}
	return info, nil
}

// Rotate deletes the backups in dir that the rotation does not keep.
// Files that are not Triad backups are left alone.
func Rotate(dir string, r data.Rotation, now time.Time) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	var taken []time.Time
	for _, e := range entries {
		t, _, ok := data.ParseBackupName(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		names = append(names, e.Name())
		taken = append(taken, t)
	}
	for i, keep := range r.Keep(taken, now) {
		if !keep {
			if err := os.Remove(filepath.Join(dir, names[i])); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// ListBackups returns the backups of the database at dbPath, newest first,
// each with a summary of what it holds (read without changing it).
func ListBackups(dbPath string) ([]data.BackupInfo, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []data.BackupInfo
	for _, e := range entries {
		t, reason, ok := data.ParseBackupName(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		info := data.BackupInfo{Path: filepath.Join(dir, e.Name()), Taken: t, Reason: reason}
		if st, err := e.Info(); err == nil {
			info.Size = st.Size()
		}
		if summary, err := verifyFile(info.Path); err != nil {
			info.Unusable = err
		} else {
			info.Summary = summary
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Taken.After(out[j].Taken) })
	return out, nil
}

// summaryTables are counted to describe a database file. Tables a file's
// schema version does not have yet are skipped.
var summaryTables = []struct{ table, label string }{
	{"pods", "pods"},
	{"meetings", "meetings"},
	{"agenda_items", "agenda items"},
	{"action_items", "action items"},
	{"decisions", "decisions"},
	{"deal_requests", "deal requests"},
	{"roadmap_items", "roadmap items"},
}

// VerifyFile checks that path is a Triad database this build can open and
// that it passes integrity_check, without writing to it, and summarises
// what it holds ("2 pods, 10 meetings").
func VerifyFile(path string) (string, error) { return verifyFile(path) }

func verifyFile(path string) (string, error) {
	if _, err := inspect(path, SchemaVersion()); err != nil {
		return "", err
	}
	// immutable=1: read the file as it is, with no locks, journal or WAL
	// files created beside it.
	u := dsn(path, "ro")
	u = strings.Replace(u, "mode=ro", "mode=ro&immutable=1", 1)
	db, err := sql.Open("sqlite3", u)
	if err != nil {
		return "", err
	}
	defer db.Close()
	s := &DB{db: db, path: path}
	if err := s.integrity(context.Background(), db, "integrity_check"); err != nil {
		return "", err
	}
	var parts []string
	for _, t := range summaryTables {
		var exists int
		if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, t.table).Scan(&exists); err != nil {
			return "", s.describe(err)
		}
		if exists == 0 {
			continue
		}
		var n int
		// The table name comes from the fixed list above, never from input.
		if err := db.QueryRow(`SELECT count(*) FROM ` + t.table).Scan(&n); err != nil {
			return "", s.describe(err)
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, t.label))
	}
	return strings.Join(parts, ", "), nil
}

// MoveAside renames the database and its -wal and -shm files to
// "<name>.<label>-<UTC time>.db" (and -wal, -shm) in the same folder, so a
// damaged or replaced database is kept, never deleted. It returns the new
// path of the main file.
func MoveAside(dbPath, label string, now time.Time) (string, error) {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	aside := filepath.Join(filepath.Dir(dbPath), base+"."+label+"-"+now.UTC().Format("20060102T150405Z")+".db")
	if _, err := os.Stat(aside); err == nil {
		return "", fmt.Errorf("%s already exists; try again in a second", aside)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(dbPath+suffix, aside+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("moving %s aside: %w", dbPath+suffix, err)
		}
	}
	os.Remove(openMarker(dbPath)) // the marker belonged to the file moved away
	return aside, syncDir(filepath.Dir(dbPath))
}

// Restore replaces the database at dbPath with a verified copy of backup.
// The database must be closed. The current file (if any) is moved aside,
// never deleted; its new name is returned.
func Restore(dbPath, backup string, now time.Time) (string, error) {
	if _, err := verifyFile(backup); err != nil {
		return "", fmt.Errorf("that backup cannot be restored: %w", err)
	}
	dir := filepath.Dir(dbPath)
	tmp, err := os.CreateTemp(dir, ".triad-restore-*.tmp")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmpPath := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmpPath)
		}
	}()
	src, err := os.Open(backup)
	if err != nil {
		tmp.Close()
		return "", err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("copying the backup: %w", err)
	}
	if err := os.Chmod(tmpPath, 0o600); err != nil {
		return "", err
	}
	var aside string
	if _, err := os.Stat(dbPath); err == nil {
		if aside, err = MoveAside(dbPath, "before-restore", now); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmpPath, dbPath); err != nil {
		return aside, fmt.Errorf("putting the backup in place: %w", err)
	}
	ok = true
	return aside, syncDir(dir)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
