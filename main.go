// Command triad runs a product company's weekly Triad meeting. This file is
// wiring only: it picks the database, opens it behind the single-instance
// lock, and hands it to the window or to a command.
package main

import (
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"triad/app"
	"triad/app/cli"
	"triad/assets"
	"triad/data/lockfile"
	"triad/data/sqlite"
)

// version is the release; FyneApp.toml carries the same number.
const version = "0.1.0"

const appID = "app.triad.desktop"

func main() {
	env := cli.Env{
		Version:       version,
		SQLiteVersion: sqlite.SQLiteVersion(),
		DefaultPath:   sqlite.DefaultPath,
		Getenv:        os.Getenv,
		Open:          func(path string) (cli.Store, error) { return openStore(path) },
		RunWindow:     runWindow,
		Now:           time.Now,
		Stdout:        os.Stdout,
		Stderr:        os.Stderr,
	}
	os.Exit(cli.Main(os.Args[1:], env))
}

// lockedStore is the database with the single-instance lock held for as
// long as it is open.
type lockedStore struct {
	*sqlite.DB
	lock *lockfile.Lock
}

func (s *lockedStore) Close() error {
	err := s.DB.Close()
	s.lock.Release()
	return err
}

func openStore(path string) (*lockedStore, error) {
	if err := os.MkdirAll(dirOf(path), 0o700); err != nil {
		return nil, err
	}
	lock, err := lockfile.Acquire(path)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		lock.Release()
		return nil, err
	}
	return &lockedStore{DB: db, lock: lock}, nil
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i+1]
		}
	}
	return "."
}

func runWindow(path string) error {
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	defaultPath, _ := sqlite.DefaultPath()
	info := app.Info{Version: version, SQLiteVersion: sqlite.SQLiteVersion(), DefaultDBPath: defaultPath}
	store, err := openStore(path)
	if err != nil {
		// The window still opens, to say plainly what is wrong.
		app.ShowStartupError(a, err)
		return err
	}
	defer store.Close()
	app.New(a, store, info).Window().ShowAndRun()
	return nil
}
