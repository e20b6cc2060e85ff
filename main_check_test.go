package main

import (
	"path/filepath"
	"testing"
	"time"
)

// The window's background health check starts after its delay and
// reports a sound file as sound; once the database is closing it never
// starts (a delay that ends after the window has gone).
func TestBackgroundCheckStartsLaterAndNeverOnAClosedStore(t *testing.T) {
	dir := t.TempDir()
	s, err := openStore(filepath.Join(dir, "triad.db"))
	if err != nil {
		t.Fatal(err)
	}
	found := make(chan error, 1)
	s.checkSoon(time.Millisecond, func(err error) { found <- err })
	if err := <-found; err != nil {
		t.Errorf("the check of a sound file: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.startCheck(func(error) { t.Error("a check reported on a closed database") }) {
		t.Error("a check started on a closed database")
	}
}
