package app

import "triad/data"

// Store is what the window needs from the database. It is an interface so
// the UI holds no SQL; main wires in data/sqlite.
type Store interface {
	data.PodStore
	data.SettingsStore
	data.MeetingStore
	Backups
	data.DealDeskStore
	data.RoadmapStore
	data.DecisionStore
	data.FollowUpStore
	data.MeetingRunStore
	data.MinutesStore
	data.DealRoadmapStore
	data.AgendaSearchStore
	data.AgendaDraftStore
	data.HandoffStore  // "Send agenda", the close's follow-ups, "Ask the Tech Lead"
	data.TemplateStore // the meeting template in the pod's settings
	Path() string
}

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
