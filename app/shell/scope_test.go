package shell

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/data"
)

func TestEveryTicksUntilTheScopeIsLeft(t *testing.T) {
	test.NewTempApp(t)
	sh := &Shell{}
	sc := sh.NewScope()
	ticks := make(chan struct{}, 10)
	sc.Every(time.Millisecond, func() { ticks <- struct{}{} })
	<-ticks
	<-ticks
	if sc.Ticking() != 1 {
		t.Fatalf("ticking = %d", sc.Ticking())
	}
	sc.Leave()
	if sc.Ticking() != 0 {
		t.Errorf("after leaving, %d tickers run", sc.Ticking())
	}
	// A tick already on its way is dropped: fn never runs once left.
	for len(ticks) > 0 {
		<-ticks
	}
	more := sc.Every(time.Millisecond, func() { t.Error("a left scope started a ticker") })
	more()
	if sc.Ticking() != 0 {
		t.Errorf("a left scope counts %d tickers", sc.Ticking())
	}
}

func TestEveryStopsOnItsOwn(t *testing.T) {
	test.NewTempApp(t)
	sc := (&Shell{}).NewScope()
	stop := sc.Every(time.Hour, func() {})
	stop()
	stop()
	if sc.Ticking() != 0 || sc.Left() {
		t.Errorf("ticking %d, left %v", sc.Ticking(), sc.Left())
	}
}

func TestRunDropsResultsOfALeftScope(t *testing.T) {
	test.NewTempApp(t)
	sh := &Shell{Inline: true}
	sc := sh.NewScope()
	applied := 0
	Run(sc, func() (int, error) { return 1, nil }, func(int, error) { applied++ })
	sc.Leave()
	Run(sc, func() (int, error) { return 2, nil }, func(int, error) { applied++ })
	if applied != 1 {
		t.Errorf("applied %d results, want the one before leaving", applied)
	}
}

func TestRunOffTheUIGoroutineWaits(t *testing.T) {
	test.NewTempApp(t)
	sh := &Shell{}
	sc := sh.NewScope()
	got := 0
	Run(sc, func() (int, error) { return 7, nil }, func(v int, _ error) { got = v })
	sh.Wait()
	if got != 7 {
		t.Errorf("got %d", got)
	}
}

func TestWriteReportsAFailureAfterTheScopeWasLeft(t *testing.T) {
	test.NewTempApp(t)
	sh := &Shell{Inline: true, Win: test.NewTempWindow(t, nil)}
	sc := sh.NewScope()
	sc.Leave()
	applied := false
	Write(sc, "Saving", func() (int, error) { return 0, errors.New("disk on fire") }, func(int, error) { applied = true })
	if applied {
		t.Error("a left screen was updated")
	}
	if sh.Win.Canvas().Overlays().Top() == nil {
		t.Error("the failure was not reported")
	}
}

func TestLatestDropsTheOlderQuery(t *testing.T) {
	test.NewTempApp(t)
	sc := (&Shell{Inline: true}).NewScope()
	var l Latest
	first := l.Next(sc)
	second := l.Next(sc)
	var got []int
	Run(first, func() (int, error) { return 1, nil }, func(v int, _ error) { got = append(got, v) })
	Run(second, func() (int, error) { return 2, nil }, func(v int, _ error) { got = append(got, v) })
	if len(got) != 1 || got[0] != 2 {
		t.Errorf("answers applied: %v, want only the newest", got)
	}
	sc.Leave()
	if !second.Left() {
		t.Error("leaving the screen does not end its query")
	}
}

func TestShowWaitsForTheScreenBefore(t *testing.T) {
	sc := (&Shell{}).NewScope()
	var order []string
	sc.OnShow(func() { order = append(order, "shown") })
	order = append(order, "built")
	sc.Show()
	sc.OnShow(func() { order = append(order, "at once") })
	if len(order) != 3 || order[0] != "built" || order[1] != "shown" {
		t.Errorf("order = %v", order)
	}
}

func TestLoadShowsWhatWasReadOrSaysWhy(t *testing.T) {
	test.NewTempApp(t)
	sh := &Shell{Inline: true, Win: test.NewTempWindow(t, nil)}
	sc := sh.NewScope()
	got := 0
	Load(sc, "Loading", func() (int, error) { return 3, nil }, func(v int) { got = v })
	Load(sc, "Loading", func() (int, error) { return 4, errors.New("gone") }, func(v int) { got = v })
	if got != 3 || sh.Win.Canvas().Overlays().Top() == nil {
		t.Errorf("shown %d, dialog %v", got, sh.Win.Canvas().Overlays().Top())
	}
}

// heldTimers is an AfterFunc whose timers fire only when the test says.
type heldTimers struct{ pending []*heldTimer }

type heldTimer struct {
	f       func()
	stopped bool
}

func (h *heldTimers) after(_ time.Duration, f func()) data.Timer {
	t := &heldTimer{f: f}
	h.pending = append(h.pending, t)
	return t
}

func (t *heldTimer) Stop() bool { was := !t.stopped; t.stopped = true; return was }

// fire runs every timer not stopped, once.
func (h *heldTimers) fire() {
	ts := h.pending
	h.pending = nil
	for _, t := range ts {
		if !t.stopped {
			t.stopped = true
			t.f()
		}
	}
}

func TestAfterRunsOnceUnlessStoppedOrLeft(t *testing.T) {
	test.NewTempApp(t)
	timers := &heldTimers{}
	sc := (&Shell{After: timers.after}).NewScope()
	ran := map[string]int{}
	sc.After(time.Second, func() { ran["kept"]++ })
	stop := sc.After(time.Second, func() { ran["stopped"]++ })
	stop()
	timers.fire()
	timers.fire()
	query := sc.Child()
	query.After(time.Second, func() { ran["left"]++ })
	query.Leave()
	timers.fire()
	if ran["kept"] != 1 || ran["stopped"] != 0 || ran["left"] != 0 {
		t.Errorf("ran %v, want the kept timer once and no other", ran)
	}
	// A timer whose scope was left before it fired, and a left scope's
	// new timer, run nothing even when their fire reaches the UI goroutine.
	late := sc.Child()
	var fn func()
	late.Shell.After = func(_ time.Duration, f func()) data.Timer { fn = f; return &heldTimer{} }
	late.After(time.Second, func() { ran["late"]++ })
	late.Leave()
	fn()
	late.After(time.Second, func() { ran["after leaving"]++ })
	if ran["late"] != 0 || ran["after leaving"] != 0 {
		t.Errorf("ran %v after the scope was left", ran)
	}
}

func TestNextRunsOnTheUIGoroutineUnlessTheScopeIsLeft(t *testing.T) {
	test.NewTempApp(t)
	sc := (&Shell{}).NewScope()
	ran := map[string]int{}
	sc.Next(func() { ran["live"]++ })
	left := sc.Child()
	left.Leave()
	left.Next(func() { ran["left"]++ })
	if ran["live"] != 1 || ran["left"] != 0 {
		t.Errorf("ran %v, want the live scope's once and the left one's never", ran)
	}
}
