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

// Steady typing, a key every 120 ms for ten seconds with no pause long
// enough for the debounce: every keystroke must still reach a save within
// a second of being typed (the README's promise), because the first
// unsaved key starts a bound the later keys do not restart.
func TestAutosaverBoundsTheWaitUnderSteadyTyping(t *testing.T) {
	for _, keyEvery := range []time.Duration{50 * time.Millisecond, 120 * time.Millisecond, 390 * time.Millisecond} {
		clock := &fakeClock{}
		d := NewAutosaver(clock.After)
		var typedAt []time.Duration // keystroke n at typedAt[n]
		var savedUpTo []int         // each save: how many keystrokes it held
		var savedAt []time.Duration
		tick := 10 * time.Millisecond // the clock moves in small steps, so a save's time is exact
		for now := time.Duration(0); now < 10*time.Second; now += keyEvery {
			for clock.now < now {
				clock.advance(tick)
			}
			typedAt = append(typedAt, now)
			n := len(typedAt)
			d.Schedule("notes", func() error {
				savedUpTo = append(savedUpTo, n)
				savedAt = append(savedAt, clock.now)
				return nil
			})
		}
		for end := clock.now + 2*time.Second; clock.now < end; {
			clock.advance(tick)
		}
		if len(savedAt) == 0 {
			t.Fatalf("key every %v: nothing was saved", keyEvery)
		}
		// For keystroke k, the first save holding it.
		s := 0
		worst := time.Duration(0)
		for k, at := range typedAt {
			for s < len(savedUpTo) && savedUpTo[s] < k+1 {
				s++
			}
			if s == len(savedUpTo) {
				t.Fatalf("key every %v: keystroke %d was never saved", keyEvery, k)
			}
			if wait := savedAt[s] - at; wait > worst {
				worst = wait
			}
		}
		if worst > AutosaveMaxWait || worst >= time.Second {
			t.Errorf("key every %v: a keystroke waited %v for its save (bound %v)", keyEvery, worst, AutosaveMaxWait)
		}
		// And the debounce still batches: far fewer saves than keys.
		if len(savedAt)*2 > len(typedAt) && keyEvery < 200*time.Millisecond {
			t.Errorf("key every %v: %d saves for %d keys", keyEvery, len(savedAt), len(typedAt))
		}
	}
}

// A save that failed (a full disk) is tried again on its own a few seconds
// later, without waiting for another keystroke, and the state reports it
// pending until it is written.
func TestAutosaverRetriesAFailedSaveByItself(t *testing.T) {
	clock := &fakeClock{}
	d := NewAutosaver(clock.After)
	full := true
	var states []bool
	d.OnState = func(pending bool, err error) { states = append(states, pending) }
	written := 0
	d.Schedule("notes", func() error {
		if full {
			return errors.New("disk full")
		}
		written++
		return nil
	})
	clock.advance(AutosaveMaxWait)
	if written != 0 || !d.Pending() || !states[len(states)-1] {
		t.Fatalf("after a failure: written %d, pending %v, states %v", written, d.Pending(), states)
	}
	full = false // space is back; nobody types
	clock.advance(AutosaveRetry)
	if written != 1 || d.Pending() || states[len(states)-1] {
		t.Fatalf("after space came back: written %d, pending %v, states %v", written, d.Pending(), states)
	}
	clock.advance(time.Minute)
	if written != 1 {
		t.Errorf("a written save ran again: %d", written)
	}
}
