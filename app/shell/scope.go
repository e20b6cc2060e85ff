package shell

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"triad/data"
)

// Scope is the lifetime of one shown screen (or of the window, or of one
// query on a screen). Its context is cancelled when it is left, and that
// is the one guard against late results: Run drops a result that arrives
// after its scope was left, Every stops ticking, and what OnLeave
// registered runs. Use it from the UI goroutine only.
type Scope struct {
	*Shell
	ctx    context.Context
	cancel context.CancelFunc

	shown   bool
	onShow  []func()
	onLeave []func()
	tickers int
}

// Child is a scope that ends with s or earlier, by its own Leave.
func (s *Scope) Child() *Scope {
	ctx, cancel := context.WithCancel(s.ctx)
	return &Scope{Shell: s.Shell, ctx: ctx, cancel: cancel}
}

// Context is cancelled when the scope is left.
func (s *Scope) Context() context.Context { return s.ctx }

// Left reports whether the scope has ended.
func (s *Scope) Left() bool { return s.ctx.Err() != nil }

// OnShow runs f once the screen is shown, after the screen it replaces
// has left (at once when it is shown already).
func (s *Scope) OnShow(f func()) {
	if s.shown {
		f()
		return
	}
	s.onShow = append(s.onShow, f)
}

// OnLeave runs f when the scope ends, after every earlier registration.
func (s *Scope) OnLeave(f func()) { s.onLeave = append(s.onLeave, f) }

// Show marks the screen shown; the router calls it.
func (s *Scope) Show() {
	if s.shown || s.Left() {
		return
	}
	s.shown = true
	fs := s.onShow
	s.onShow = nil
	for _, f := range fs {
		f()
	}
}

// Leave ends the scope; later calls do nothing.
func (s *Scope) Leave() {
	if s.Left() {
		return
	}
	s.cancel()
	fs := s.onLeave
	s.onLeave = nil
	for _, f := range fs {
		f()
	}
}

// Every calls fn on the UI goroutine every d until the scope is left or
// stop is called. d <= 0 never ticks.
func (s *Scope) Every(d time.Duration, fn func()) (stop func()) { return s.every(d, false, fn) }

// EveryFromNow is Every that also calls fn as soon as the UI goroutine is
// free, so a check that came due while nothing ran is not a tick late.
func (s *Scope) EveryFromNow(d time.Duration, fn func()) (stop func()) { return s.every(d, true, fn) }

func (s *Scope) every(d time.Duration, now bool, fn func()) (stop func()) {
	if d <= 0 || s.Left() {
		return func() {}
	}
	ctx, cancel := context.WithCancel(s.ctx)
	s.tickers++
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			s.tickers--
			cancel()
		}
	}
	s.OnLeave(stop)
	tick := func() {
		if ctx.Err() == nil { // not stopped between the tick and now
			fn()
		}
	}
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		if now {
			fyne.Do(tick)
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fyne.Do(tick)
			}
		}
	}()
	return stop
}

// After calls fn on the UI goroutine once d has passed, unless the scope
// is left or stop is called first.
func (s *Scope) After(d time.Duration, fn func()) (stop func()) {
	if s.Left() {
		return func() {}
	}
	after := s.Shell.After
	if after == nil {
		after = data.RealAfterFunc
	}
	ctx, cancel := context.WithCancel(s.ctx)
	t := after(d, func() {
		fyne.Do(func() {
			if ctx.Err() == nil { // not stopped between the timer and now
				cancel()
				fn()
			}
		})
	})
	stop = func() {
		t.Stop()
		cancel()
	}
	s.OnLeave(stop)
	return stop
}

// Next calls fn on the UI goroutine once the callback running now has
// returned, unless the scope is left first: a screen splits a long first
// fill with it, so input and painting get a turn in between.
func (s *Scope) Next(fn func()) {
	if s.Left() {
		return
	}
	ctx := s.ctx
	fyne.Do(func() {
		if ctx.Err() == nil {
			fn()
		}
	})
}

// HoldsUnsaved registers what, which says while s lives what its screen
// holds unsaved, or "" for nothing (see Shell.Unsaved).
func (s *Scope) HoldsUnsaved(what func() string) {
	f := &what
	s.unsaved = append(s.unsaved, f)
	s.OnLeave(func() {
		for i, g := range s.unsaved {
			if g == f {
				s.unsaved = append(s.unsaved[:i:i], s.unsaved[i+1:]...)
				return
			}
		}
	})
}

// Ticking is how many of the scope's tickers run.
func (s *Scope) Ticking() int { return s.tickers }

// Shortcut adds a shortcut to the window while the screen is shown.
func (s *Scope) Shortcut(sc *desktop.CustomShortcut, fn func()) {
	s.OnShow(func() {
		s.Win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { fn() })
		s.OnLeave(func() { s.Win.Canvas().RemoveShortcut(sc) })
	})
}

// Run calls work off the UI goroutine, then apply with its result on the
// UI goroutine, unless s was left meanwhile: a screen no longer shown is
// not updated. apply may start further work.
func Run[T any](s *Scope, work func() (T, error), apply func(T, error)) {
	guarded := func(v T, err error) {
		if !s.Left() {
			apply(v, err)
		}
	}
	if s.Inline {
		v, err := work()
		guarded(v, err)
		return
	}
	s.tasks.Add(1)
	go func() {
		defer s.tasks.Done()
		v, err := work()
		fyne.Do(func() { guarded(v, err) })
	}()
}

// Write is Run for work that changes the database: the user asked for it,
// so a failure is reported in a dialog even when s was left meanwhile;
// while s is shown, apply handles the result as Run's does.
func Write[T any](s *Scope, action string, work func() (T, error), apply func(T, error)) {
	Run(s.Window(), work, func(v T, err error) {
		if s.Left() {
			s.ShowError(action, err)
			return
		}
		apply(v, err)
	})
}

// Latest keeps the newest of a series of queries, as the user types: Next
// ends the one before, so its late answer is dropped.
type Latest struct{ cur *Scope }

// Next ends the previous query and starts the next, within parent.
func (l *Latest) Next(parent *Scope) *Scope {
	if l.cur != nil {
		l.cur.Leave()
	}
	l.cur = parent.Child()
	return l.cur
}

// Load is Run for reading what a screen shows: a failure is reported in a
// dialog naming action, and show gets what was read.
func Load[T any](s *Scope, action string, work func() (T, error), show func(T)) {
	Run(s, work, func(v T, err error) {
		if err != nil {
			s.ShowError(action, err)
			return
		}
		show(v)
	})
}
