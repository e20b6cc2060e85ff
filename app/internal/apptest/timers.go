package apptest

import (
	"time"

	"triad/data"
)

// Timers is the screens' timers in a test (shell.Shell.After): none fires
// until the test says the user has paused, so "typed quickly" is typing
// without a Pause between the keys.
type Timers struct{ pending []*heldUntilFired }

type heldUntilFired struct {
	f       func()
	stopped bool
}

func (t *heldUntilFired) Stop() bool { was := !t.stopped; t.stopped = true; return was }

// After is a data.AfterFunc that holds the timer.
func (ts *Timers) After(_ time.Duration, f func()) data.Timer {
	t := &heldUntilFired{f: f}
	ts.pending = append(ts.pending, t)
	return t
}

// Fire runs every held timer not stopped, and reports how many ran.
func (ts *Timers) Fire() int {
	held := ts.pending
	ts.pending = nil
	n := 0
	for _, t := range held {
		if !t.stopped {
			t.stopped = true
			t.f()
			n++
		}
	}
	return n
}

// Pause is the user stopping typing: the timers waiting for it fire
// (a search box's delay), then the work they started finishes.
func (e *Env) Pause() {
	e.Timers.Fire()
	e.Wait()
}
