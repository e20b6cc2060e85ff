package data

import (
	"errors"
	"testing"
	"time"
)

type idleTimer struct{}

func (idleTimer) Stop() bool { return true }

func TestFailedSaveStaysPending(t *testing.T) {
	d := &Debouncer{Delay: time.Second, After: func(time.Duration, func()) Timer { return idleTimer{} }}
	fail := true
	var saved []string
	d.Schedule("notes", func() error {
		if fail {
			return errors.New("disk full")
		}
		saved = append(saved, "notes")
		return nil
	})
	if err := d.Flush(); err == nil {
		t.Fatal("a failing save reported success")
	}
	if !d.Pending() {
		t.Fatal("the failed save was dropped")
	}
	fail = false
	if err := d.Flush(); err != nil || len(saved) != 1 || d.Pending() {
		t.Fatalf("retry: err %v, saved %v, pending %v", err, saved, d.Pending())
	}
}
