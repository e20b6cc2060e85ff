// Command triad runs a product company's weekly Triad meeting. This file is
// wiring only: it picks the database, opens it behind the single-instance
// lock, and hands it to the window or to a command.
package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"triad/app"
	"triad/app/cli"
	"triad/app/fynelocale"
	"triad/assets"
	"triad/data"
	"triad/data/lockfile"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

var timeNow = time.Now

// version is the release; FyneApp.toml carries the same number.
const version = "0.1.0"

// appID is reverse DNS for triad.app, as FyneApp.toml has it; Fyne keeps
// the preferences (minutes folder, window size) under it.
const appID = "app.triad.Triad"

// oldAppIDs are the IDs earlier releases used; their preferences move to
// appID on the first start (see migratePreferences).
var oldAppIDs = []string{"app.triad.desktop"}

func main() {
	// Fyne has read the locale by now (see fynelocale); a command gets its
	// environment back as it was given.
	fynelocale.Restore()
	if cli.ReadsOnce(os.Args[1:]) {
		collectOnlyUnderPressure()
	}
	os.Exit(cli.Main(os.Args[1:], newEnv()))
}

// collectOnlyUnderPressure turns the garbage collector off for a command
// that reads and exits, until its heap first reaches 256 MiB: `triad
// minutes` spent about a sixth of its 75 ms collecting what the exit frees
// anyway (55 to 62 ms without). An export of a large history passes the
// mark; from its first collection on it collects as Go does by default, so
// its memory stays what it was. GOGC or GOMEMLIMIT set by the user win.
func collectOnlyUnderPressure() {
	if userSetsCollector() {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
	// The first collection (at the limit) finalizes this sentinel, which
	// puts the default back.
	runtime.SetFinalizer(new([64]byte), func(*[64]byte) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

func newEnv() cli.Env {
	return cli.Env{
		Version:       version,
		SQLiteVersion: sqlite.SQLiteVersion(),
		DefaultPath:   sqlite.DefaultPath,
		Getenv:        os.Getenv,
		Open:          func(path string) (cli.Store, error) { return openStore(path) },
		OpenRead:      openReadOnly,
		RunWindow:     runWindow,
		Now:           time.Now,
		Stdout:        os.Stdout,
		Stderr:        os.Stderr,
	}
}

// openReadOnly opens a database for a command that only reads, beside a
// window that may have it open. A file from an older Triad is upgraded
// first, which needs the lock: no window can have it open then, since the
// window upgrades at open. It runs no health check at open (triad check
// runs its own): a crash's check is left for the next window, which sees
// the marker.
func openReadOnly(path string) (cli.Store, error) {
	s, err := sqlite.OpenReadOnly(path, sqlite.Options{Check: "none"})
	if errors.Is(err, sqlite.ErrNeedsUpgrade) {
		w, err := openStore(path)
		if err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		if s, err = sqlite.OpenReadOnly(path, sqlite.Options{Check: "none"}); err != nil {
			return nil, err
		}
		return s, nil
	}
	if err != nil {
		return nil, err // not a nil *DB in a non-nil interface
	}
	return s, nil
}

// lockedStore is the database with the single-instance lock held for as
// long as it is open.
type lockedStore struct {
	*sqlite.DB
	stopSync  func() // the team sync worker, stopped before the database closes
	lock      *lockfile.Lock
	closeOnce sync.Once
	closeErr  error

	checkMu sync.Mutex // closing and the background check's start, one at a time
	closing bool
}

// checkDelay is how long the background health check waits once the
// window is up: on ten years of history it keeps a core busy for 1.5 s,
// which the first frames (and the first click) would share with it.
const checkDelay = 3 * time.Second

// checkSoon starts the background health check after delay.
func (s *lockedStore) checkSoon(delay time.Duration, report func(error)) {
	time.AfterFunc(delay, func() { s.startCheck(report) })
}

// startCheck starts the background health check (see CheckInBackground)
// and reports true, unless the database is closing: then it does nothing.
func (s *lockedStore) startCheck(report func(error)) bool {
	s.checkMu.Lock()
	defer s.checkMu.Unlock()
	if s.closing {
		return false
	}
	s.DB.CheckInBackground(report)
	return true
}

// Close closes the database, then releases the lock; later calls return
// the first call's result.
func (s *lockedStore) Close() error {
	s.closeOnce.Do(func() {
		s.checkMu.Lock()
		s.closing = true
		s.checkMu.Unlock()
		if s.stopSync != nil {
			s.stopSync()
		}
		s.closeErr = s.DB.Close()
		s.lock.Release()
	})
	return s.closeErr
}

func openStore(path string) (*lockedStore, error) { return openStoreWith(path, sqlite.Options{}) }

func openStoreWith(path string, opt sqlite.Options) (*lockedStore, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	lock, err := lockfile.Acquire(path)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(path, opt)
	if err != nil {
		lock.Discard() // a refused file keeps no lock file beside it
		return nil, err
	}
	// A new file exists only now: its identity lock keeps a hard link to
	// it from opening a second window.
	if err := lock.Bind(); err != nil {
		db.Close()
		lock.Release()
		return nil, err
	}
	ls := &lockedStore{DB: db, lock: lock}
	reportKeyProblem(useTeamKey(ls, tsync.KeyDir))
	return ls, nil
}

// errNoDisplay is what `triad` says where no window can open (a server,
// an SSH session, a container) instead of the toolkit's panic.
var errNoDisplay = errors.New("no display found: run Triad on a desktop, or use a command (triad help)")

func runWindow(path string) error {
	if !displayAvailable() {
		return errNoDisplay
	}
	fynelocale.Quiet() // for the locale look-ups Fyne makes while it runs
	collectAfterStartUp()
	if err := migratePreferences(fyneConfigRoot(), oldAppIDs, appID); err != nil {
		fmt.Fprintln(os.Stderr, "triad: keeping the earlier preferences:", err)
	}
	a := fyneapp.NewWithID(appID)
	// The event loop starts once the first frame is up (Show paints it).
	a.Lifecycle().SetOnStarted(collectAsUsual)
	app.PrepareText()
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.WindowIcon))
	defaultPath, _ := sqlite.DefaultPath()
	info := app.Info{
		Version:       version,
		SQLiteVersion: sqlite.SQLiteVersion(),
		DefaultDBPath: defaultPath,
		ListBackups:   func() ([]data.BackupInfo, error) { return sqlite.ListBackups(path) },
	}
	var store *lockedStore
	var ui *app.UI
	var shown atomic.Pointer[shownWindow] // for the signal handler's goroutine
	var start func(s app.Store)
	start = func(s app.Store) {
		store = s.(*lockedStore)
		info.RestoreAndRestart = func(backup string) error { return restoreAndRestart(a, store, path, backup) }
		ui = app.New(a, store, info)
		shown.Store(&shownWindow{flush: ui.FlushEdits, store: store})
		ui.Window().Show()
		ui.FitScreen(screenWorkArea()) // its scale is known once it is shown
		// Team mode only: a database of no team starts nothing here.
		if w := startSync(store, ui.SetSyncStatus, ui.TeamChanged, ui.TeamNotices); w != nil {
			store.stopSync = w.Stop
		}
		// The health check that used to hold up the window runs once it
		// is up, on a reader; damage it finds gets the recovery window.
		started, startedUI := store, ui
		if started.UncleanShutdown() {
			return // Open has just checked the whole file
		}
		started.checkSoon(checkDelay, func(err error) {
			if errors.Is(err, data.ErrCorrupt) {
				damagedWhileOpen(a, path, err, started, startedUI, start)
			}
		})
	}
	opening := &opener{a: a}
	stopped := stopOnSignal(opening.quit, &shown)
	onDisplayLost(&shown)
	defer signal.Reset(stopSignals...)
	var openErr error
	opening.open(path, func() (*lockedStore, error) { return openStore(path) }, func(s *lockedStore, err error) {
		switch {
		case err == nil:
			start(s)
		case errors.Is(err, data.ErrCorrupt):
			if !recoverDamaged(a, path, err, start) {
				openErr = err
			}
		default:
			// The window still opens, to say plainly what is wrong.
			app.ShowStartupError(a, err)
			openErr = err
		}
	})
	a.Run()
	if left := opening.finish(); left != nil {
		store = left // opened after the event loop ended: closed below
	}
	if openErr != nil {
		return openErr
	}
	if ui != nil {
		ui.Gone() // the sync worker's last status lines are not shown
		ui.Wait() // the last background writes reach the file before it closes
	}
	return finish(store, stopped)
}

// fyneConfigRoot is where Fyne 2.7 keeps each app's preferences, in a
// folder named after the app ID (fyne.io/fyne/v2/internal/app).
func fyneConfigRoot() string {
	switch runtime.GOOS {
	case "darwin":
		home, _ := os.UserHomeDir()
		return filepath.Join(home, "Library", "Preferences", "fyne")
	case "windows":
		home, _ := os.UserHomeDir()
		return filepath.Join(home, "AppData", "Roaming", "fyne")
	}
	dir, _ := os.UserConfigDir()
	return filepath.Join(dir, "fyne")
}

// migratePreferences moves the preferences an earlier app ID left under
// root to the current ID, before Fyne reads them; a folder the current ID
// already has is never replaced.
func migratePreferences(root string, old []string, current string) error {
	dest := filepath.Join(root, current)
	if _, err := os.Stat(dest); err == nil {
		return nil
	}
	for _, id := range old {
		src := filepath.Join(root, id)
		if st, err := os.Stat(src); err != nil || !st.IsDir() {
			continue
		}
		return os.Rename(src, dest)
	}
	return nil
}

// recoverDamaged never refuses to start after a power cut: it keeps the
// damaged (closed) file by moving it aside, then offers the newest
// verified backup or a fresh database. It reports false when the file
// could not be moved, after saying so in a window.
func recoverDamaged(a fyne.App, path string, problem error, start func(app.Store)) bool {
	aside, moveErr := sqlite.MoveAside(path, "corrupt", time.Now())
	if moveErr != nil {
		app.ShowStartupError(a, fmt.Errorf("%v\n\nMoving it aside failed too: %v", problem, moveErr))
		return false
	}
	app.ShowRecovery(a, app.Recovery{
		Problem: problem,
		MovedTo: aside,
		Backups: func() ([]data.BackupInfo, error) { return sqlite.ListBackups(path) },
		UseBackup: func(backup string) (app.Store, error) {
			if _, err := sqlite.Restore(path, backup, time.Now()); err != nil {
				return nil, err
			}
			return openStore(path)
		},
		Fresh: func() (app.Store, error) { return openStore(path) },
		Start: start,
	})
	return true
}

// damagedWhileOpen answers damage the background check found in the
// database the window has open, on the check's goroutine: the edits
// pending are written (whatever of them the file still takes), the window
// is hidden, its background work finishes, the file is closed and then
// recovered as if the damage had been found at open. The window closes
// once the recovery window is up, so the app never runs out of windows.
func damagedWhileOpen(a fyne.App, path string, problem error, store *lockedStore, ui *app.UI, start func(app.Store)) {
	if err := ui.FlushEdits(); err != nil {
		fmt.Fprintln(os.Stderr, "triad: saving the last edit before recovering:", err)
	}
	fyne.DoAndWait(func() { ui.Window().Hide() })
	ui.Wait()
	if err := store.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "triad: closing the damaged database:", err)
	}
	fyne.Do(func() {
		recoverDamaged(a, path, problem, start)
		ui.Window().Close()
	})
}

// finish closes the database after the window has gone; a stop by signal
// is reported as such once the file is closed.
func finish(store *lockedStore, stopped *atomic.Pointer[signalStop]) error {
	var closeErr error
	if store != nil {
		closeErr = store.Close()
	}
	if sig := stopped.Load(); sig != nil && closeErr == nil {
		return *sig
	}
	return closeErr
}

// stopSignals are the ways a terminal, kill or the desktop session ends
// Triad without its window's close button.
var stopSignals = []os.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP}

// shownWindow is what a signal must finish: the window's pending edits and
// the database under its lock.
type shownWindow struct {
	flush func() error
	store *lockedStore
}

// signalStop is how a window stopped by a signal ends: the edits written,
// the database closed, and the exit code a shell expects (128 + signal).
type signalStop struct{ sig syscall.Signal }

func (s signalStop) Error() string {
	return "stopped by " + s.sig.String() + "; every edit was saved first"
}
func (s signalStop) ExitCode() int { return 128 + int(s.sig) }

// stopOnSignal makes SIGTERM, SIGINT and SIGHUP a clean stop: pending
// edits are written from the signal's goroutine at once (the event loop
// may be busy or stuck), then quit ends the event loop and runWindow
// closes the database as after the close button. If the event loop never
// lets go, the database is closed here and the process exits anyway.
func stopOnSignal(quit func(), shown *atomic.Pointer[shownWindow]) *atomic.Pointer[signalStop] {
	var stopped atomic.Pointer[signalStop]
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	go func() {
		sig := <-sigs
		stop := signalStop{sig: sig.(syscall.Signal)}
		stopped.Store(&stop)
		w := shown.Load()
		if w != nil {
			if err := w.flush(); err != nil {
				fmt.Fprintln(os.Stderr, "triad: saving the last edit:", err)
			}
		}
		quit()
		time.AfterFunc(10*time.Second, func() {
			if w != nil {
				w.store.Close()
			}
			fmt.Fprintln(os.Stderr, "triad:", stop)
			os.Exit(stop.ExitCode())
		})
	}()
	return &stopped
}

// restoreAndRestart closes the database, puts the backup in its place (the
// current file is kept aside) and starts Triad again on it.
func restoreAndRestart(a fyne.App, store *lockedStore, path, backup string) error {
	if _, err := sqlite.VerifyFile(backup); err != nil {
		return err
	}
	if err := store.Close(); err != nil {
		return err
	}
	_, restoreErr := sqlite.Restore(path, backup, time.Now())
	// Restart whatever happened: the database is either restored or as it
	// was, and this process no longer holds it open.
	self, err := os.Executable()
	if err == nil {
		cmd := exec.Command(self, os.Args[1:]...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		err = cmd.Start()
	}
	a.Quit()
	if restoreErr != nil {
		return restoreErr
	}
	return err
}
