package shell

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
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
