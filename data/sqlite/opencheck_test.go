package sqlite

import (
	"errors"
	"math/rand"
	"os"
	"strings"
	"testing"

	"triad/data"
)

// damagedFile is a closed Triad file with pages in its middle overwritten:
// its header is intact, so only reading its pages finds the damage.
func damagedFile(t *testing.T) string {
	t.Helper()
	path := tempPath(t)
	db := fortyPods(t, path)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The pods' pages come last (the schema's were written first): spoil
	// two of them, whole pages, so the schema still reads.
	rng := rand.New(rand.NewSource(3))
	page := len(b)/4096 - 3
	for off := page * 4096; off < (page+2)*4096; off++ {
		b[off] = byte(rng.Intn(256))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A file closed cleanly opens without reading every page; the check runs
// in the background afterwards and reports damage as damage.
func TestCleanFileIsCheckedInTheBackground(t *testing.T) {
	path := damagedFile(t)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("a cleanly closed file is checked at open: %v", err)
	}
	found := make(chan error, 1)
	db.CheckInBackground(func(err error) { found <- err })
	err = <-found
	if !errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), path) {
		t.Errorf("background check: %v, want the file named as damaged", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// On a sound file it finds nothing, and Close stops one still running.
	good := openTemp(t)
	ok := make(chan error, 1)
	good.CheckInBackground(func(err error) { ok <- err })
	if err := <-ok; err != nil {
		t.Errorf("background check of a sound file: %v", err)
	}
	other, err := Open(tempPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	other.CheckInBackground(func(error) {})
	if err := other.Close(); err != nil {
		t.Errorf("closing with a check under way: %v", err)
	}
}

// After a crash the whole file is checked before anything reads it.
func TestUncleanShutdownChecksAtOpen(t *testing.T) {
	path := damagedFile(t)
	if err := os.WriteFile(openMarker(path), []byte("2026-11-25T09:00:00.000Z\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	if !errors.Is(err, data.ErrCorrupt) {
		t.Fatalf("open after a crash: %v, want the damage found", err)
	}
}

// A command that only reads skips the check, even after a crash, and
// leaves the crash's marker for the next open, which then checks.
func TestReadOnlyOpenLeavesTheCrashToTheNextOpen(t *testing.T) {
	path := damagedFile(t)
	if err := os.WriteFile(openMarker(path), []byte("2026-11-25T09:00:00.000Z\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{Check: "none"})
	if err != nil {
		t.Fatalf("a read-only open checked the file: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(openMarker(path)); err != nil {
		t.Fatal("closing an unchecked file after a crash removed the crash's marker")
	}
	if _, err := Open(path, Options{}); !errors.Is(err, data.ErrCorrupt) {
		t.Fatalf("the open after it: %v, want the damage found", err)
	}
}
