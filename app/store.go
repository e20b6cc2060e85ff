package app

import (
	"triad/app/shell"
	"triad/data"
)

// Store is what the window needs from the database (see shell.Store).
type Store = shell.Store

// Info describes the running build, for About and the window title.
type Info struct {
	Version       string
	SQLiteVersion string
	DefaultDBPath string

	// ListBackups and RestoreAndRestart work on the closed file, so main
	// supplies them. Either may be nil (tests), which hides the feature.
	ListBackups       func() ([]data.BackupInfo, error)
	RestoreAndRestart func(backupPath string) error
}
