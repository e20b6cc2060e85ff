// Package apptest is what the window's tests share: a screen's world (a
// real database in a temporary folder, a test window, the shell with work
// run inline and a clock that stands still), the finders that read what a
// window shows, and the sample pods the tests start from.
package apptest

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/sqlite"
)

// Start is the clock's reading when a test begins: Wed 25 Nov 2026 10:00.
func Start() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local) }

// Env is a screen under test and its world.
type Env struct {
	T    testing.TB
	App  fyne.App
	DB   *sqlite.DB
	Sh   *shell.Shell
	Host shell.Host
	// Routes is every route handed to Go, in order.
	Routes []shell.Route
	// Router, when set, shows the screens of the routes it knows (a
	// package's own); Go records every route either way.
	Router func(sc *shell.Scope, r shell.Route) (shell.Screen, bool)
	// Timers holds the screens' timers until Pause.
	Timers Timers

	clock time.Time
}

// New is a world whose window reads the test's clock; the store keeps the
// real time (what it stamps, backups among them, stays unique).
func New(t testing.TB) *Env { return newEnv(t, false) }

// NewShared is New with the store on the same clock as the window, so
// "received two hours ago" means the same moment to both.
func NewShared(t testing.TB) *Env { return newEnv(t, true) }

func newEnv(t testing.TB, sharedClock bool) *Env {
	t.Helper()
	e := &Env{T: t, App: test.NewTempApp(t), clock: Start()}
	opts := sqlite.Options{}
	if sharedClock {
		opts.Now = e.Now
	}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.DB = db
	e.Sh = NewShell(e.App, db)
	e.Sh.Now = e.Now
	e.Sh.After = e.Timers.After
	e.Sh.Go = e.goTo
	e.Host.Content = container.NewStack()
	e.Sh.Win.SetContent(e.Host.Content)
	e.Sh.Win.Resize(fyne.NewSize(1180, 760))
	e.Sh.Saver.OnState = func(pending bool, err error) { fyne.Do(func() { e.Host.SaveState(pending, err) }) }
	t.Cleanup(func() { e.Host.Leave(); e.Sh.Window().Leave(); e.Sh.Win.Close() })
	return e
}

// NewShell is the shell a test window runs with: work inline, no live
// tickers, the dialogs as the window has them.
func NewShell(a fyne.App, store shell.Store) *shell.Shell {
	sh := &shell.Shell{App: a, Store: store, Now: time.Now, Notify: func(*fyne.Notification) {}, Inline: true}
	sh.Win = a.NewWindow("Triad")
	sh.Saver = data.NewAutosaver(data.RealAfterFunc)
	sh.Confirm = func(title, message, action string, yes func()) { kit.Confirm(sh.Win, title, message, action, yes) }
	sh.OpenURL = a.OpenURL
	sh.ChooseFolder = func(start string, done func(string)) { kit.ChooseFolder(sh.Win, start, done) }
	sh.Go = func(shell.Route) {}
	return sh
}

func (e *Env) goTo(r shell.Route) {
	e.Routes = append(e.Routes, r)
	if e.Router == nil {
		return
	}
	sc := e.Sh.NewScope()
	if s, ok := e.Router(sc, r); ok {
		e.Show(sc, s)
		e.Wait()
	}
}

// Now is the test's clock.
func (e *Env) Now() time.Time { return e.clock }

// SetNow moves the test's clock.
func (e *Env) SetNow(t time.Time) { e.clock = t }

// Advance moves the test's clock on by d.
func (e *Env) Advance(d time.Duration) { e.clock = e.clock.Add(d) }

// Wait returns when the work started so far has finished.
func (e *Env) Wait() { e.Sh.Wait() }

// Win is the test window.
func (e *Env) Win() fyne.Window { return e.Sh.Win }

// Scope starts the lifetime of a screen about to be shown.
func (e *Env) Scope() *shell.Scope { return e.Sh.NewScope() }

// Show shows s, whose lifetime is sc, as the window's router does, and
// waits for what it loads.
func (e *Env) Show(sc *shell.Scope, s shell.Screen) {
	e.Host.Show(sc, s)
	e.Wait()
}

// ShowContent shows content as a screen of its own.
func (e *Env) ShowContent(sc *shell.Scope, content fyne.CanvasObject) {
	e.Show(sc, shell.Screen{Content: content})
}

// Screen is the content shown.
func (e *Env) Screen() fyne.CanvasObject {
	if len(e.Host.Content.Objects) == 0 {
		return nil
	}
	return e.Host.Content.Objects[0]
}

// Last is the last route handed to Go, nil for none.
func (e *Env) Last() shell.Route {
	if len(e.Routes) == 0 {
		return nil
	}
	return e.Routes[len(e.Routes)-1]
}

// heldTimer never fires: autosave then writes only when flushed, as when
// the window closes before the delay is up.
type heldTimer struct{}

func (heldTimer) Stop() bool { return true }

// HoldAutosave keeps typed edits pending until the autosaver is flushed.
func (e *Env) HoldAutosave() {
	e.Sh.Saver.After = func(time.Duration, func()) data.Timer { return heldTimer{} }
}

// Shortcut types a shortcut into the window.
func (e *Env) Shortcut(s fyne.Shortcut) {
	e.Sh.Win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
}
