package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"triad/data"
	"triad/data/lockfile"
)

// A second Triad on the same database is refused clearly, and the first
// keeps working.
func TestSecondInstanceRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "triad.db")
	first, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	_, err = openStore(path)
	if !errors.Is(err, lockfile.ErrHeld) || !strings.Contains(err.Error(), "already open in another Triad window") {
		t.Fatalf("second open: %v", err)
	}

	p := data.NewPod()
	p.Name = "Payments"
	for i := range p.Leaders {
		p.Leaders[i].Name = "Leader " + string(rune('A'+i))
	}
	if _, err := first.CreatePod(context.Background(), p); err != nil {
		t.Fatalf("the first instance stopped working: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := openStore(path)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	again.Close()
}
