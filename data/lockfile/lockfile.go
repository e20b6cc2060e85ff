// Package lockfile keeps a second Triad process off a database that one is
// already using. The lock is an OS lock on a separate file beside the
// database (never on the database itself, whose locks SQLite manages), so
// the operating system releases it when the holder dies, even by kill -9.
package lockfile

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ErrHeld means another process holds the lock.
var ErrHeld = errors.New("held by another process")

// Lock is a held lock; Release gives it back.
type Lock struct {
	f    *os.File
	path string
}

// PathFor returns the lock file used for a database file.
func PathFor(dbPath string) string { return dbPath + ".lock" }

// Acquire takes the lock for dbPath without waiting. When another process
// holds it, the error wraps ErrHeld and names that process's id.
func Acquire(dbPath string) (*Lock, error) {
	path := PathFor(dbPath)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file %s: %w", path, err)
	}
	if err := lock(f); err != nil {
		holder := readHolder(f)
		f.Close()
		if errors.Is(err, ErrHeld) {
			msg := dbPath + " is already open in another Triad window or command"
			if holder != "" {
				msg += " (process " + holder + ")"
			}
			return nil, &heldError{msg + ". Close it first, or open another file with --db"}
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	// Record who holds it, for the message the next process shows.
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &Lock{f: f, path: path}, nil
}

// Release unlocks. The file stays: removing it would race with a process
// that has just opened it.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

type heldError struct{ msg string }

func (e *heldError) Error() string        { return e.msg }
func (e *heldError) Is(target error) bool { return target == ErrHeld }

func readHolder(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	return strings.TrimSpace(string(buf[:n]))
}
