// Package lockfile keeps a second Triad process off a database that one is
// already using. The locks are OS locks on separate files (never on the
// database itself, whose locks SQLite manages), so the operating system
// releases them when the holder dies, even by kill -9.
//
// A database has many names: a relative path, a symlink, a hard link in
// another folder. Two windows on one file overwrite each other's edits,
// so the lock is keyed on the file, not on the name it was opened by: one
// lock beside the file's resolved path (it exists before the database
// does, so it guards a file being created) and, once the file exists, one
// in the user's runtime folder named after the file's identity (device
// and inode, or volume and file index on Windows), which every hard link
// shares.
package lockfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrHeld means another process holds the lock.
var ErrHeld = errors.New("held by another process")

// ErrReadOnly means the lock's folder cannot be written.
var ErrReadOnly = errors.New("read-only folder")

// Lock is a held lock; Release gives it back.
type Lock struct {
	path     *os.File // beside the resolved database path
	identity *os.File // in the runtime folder; nil until the file exists
	resolved string
	created  []string // lock files this Lock made, for Discard
}

// PathFor returns the lock file beside a database file, after resolving
// symlinks and relative paths, so every name of the file finds the same one.
func PathFor(dbPath string) string { return Resolve(dbPath) + ".lock" }

// Resolve returns the absolute path of dbPath with symlinks resolved; for
// a file that does not exist yet, its folder is resolved instead.
func Resolve(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return dbPath
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// RuntimeDir is where the identity locks live: $XDG_RUNTIME_DIR/triad
// where the desktop provides one (a per-user folder cleared at log-out),
// else Triad's folder in the user's cache.
func RuntimeDir() (string, error) {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "triad"), nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no folder for Triad's locks: %w", err)
	}
	return filepath.Join(d, "Triad", "locks"), nil
}

// Acquire takes the lock for dbPath without waiting. When another process
// holds it under any name, the error wraps ErrHeld and names that
// process's id. If the database does not exist yet, call Bind once it does.
func Acquire(dbPath string) (*Lock, error) {
	resolved := Resolve(dbPath)
	f, made, err := take(resolved+".lock", "")
	if err != nil {
		return nil, err
	}
	l := &Lock{path: f, resolved: resolved}
	if made {
		l.created = append(l.created, f.Name())
	}
	if _, statErr := os.Stat(resolved); statErr == nil {
		if err := l.Bind(); err != nil {
			l.Release()
			return nil, err
		}
	}
	return l, nil
}

// Bind takes the identity lock of the database file, which must exist. It
// does nothing if the lock already holds it.
func (l *Lock) Bind() error {
	if l.identity != nil {
		return nil
	}
	id, err := fileID(l.resolved)
	if err != nil {
		return fmt.Errorf("cannot identify %s for its lock: %w", l.resolved, err)
	}
	dir, err := RuntimeDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the lock folder %s: %w", dir, err)
	}
	f, made, err := take(filepath.Join(dir, id+".lock"), l.resolved)
	if err != nil {
		return err
	}
	if made {
		l.created = append(l.created, f.Name())
	}
	l.identity = f
	return nil
}

// take opens and locks path, then records this process (and the database
// name it opened, for an identity lock) for the message the next one shows.
// made reports whether this call created the file.
func take(path, dbName string) (_ *os.File, made bool, _ error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	made = err == nil
	if errors.Is(err, fs.ErrExist) {
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	}
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			// A read-only mount or folder: say so, not the lock file's error.
			return nil, false, &lockError{ErrReadOnly, "the folder " + filepath.Dir(path) + " is read-only, so Triad cannot keep a database there. " +
				"Copy the database to a folder you can write to and open that copy"}
		}
		return nil, false, fmt.Errorf("cannot create the lock file %s: %w", path, err)
	}
	if err := lock(f); err != nil {
		pid, name := readHolder(f)
		f.Close()
		if errors.Is(err, ErrHeld) {
			msg := "Triad already has this database open"
			if name != "" {
				msg += " as " + name
			}
			msg += " in another window or command"
			if pid != "" {
				msg += " (process " + pid + ")"
			}
			return nil, false, &lockError{ErrHeld, msg + ". Close it first, or open another file with --db"}
		}
		return nil, false, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"+dbName+"\n"), 0)
	return f, made, nil
}

// Release unlocks. The files stay: removing one would race with a process
// that has just opened it.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	var first error
	for _, f := range []**os.File{&l.identity, &l.path} {
		if *f == nil {
			continue
		}
		err := unlock(*f)
		if cerr := (*f).Close(); err == nil {
			err = cerr
		}
		if first == nil {
			first = err
		}
		*f = nil
	}
	return first
}

// Discard releases the lock and removes the lock files that this Lock
// created, for a database that was refused (not Triad's, damaged, newer):
// a refused command leaves nothing beside it. Files that were there
// before stay, as Release leaves them.
func (l *Lock) Discard() error {
	if l == nil {
		return nil
	}
	err := l.Release()
	for _, name := range l.created {
		os.Remove(name)
	}
	l.created = nil
	return err
}

// lockError is a refusal in words, of a kind callers test with errors.Is.
type lockError struct {
	kind error
	msg  string
}

func (e *lockError) Error() string        { return e.msg }
func (e *lockError) Is(target error) bool { return target == e.kind }

func readHolder(f *os.File) (pid, dbName string) {
	buf := make([]byte, 4096)
	n, _ := f.ReadAt(buf, 0)
	lines := strings.SplitN(string(buf[:n]), "\n", 3)
	pid = strings.TrimSpace(lines[0])
	if len(lines) > 1 {
		dbName = strings.TrimSpace(lines[1])
	}
	return pid, dbName
}
