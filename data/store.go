package data

import "context"

// PodStore keeps pods and their leaders.
type PodStore interface {
	Pods(ctx context.Context) ([]Pod, error) // by name
	Pod(ctx context.Context, id int64) (Pod, error)
	CreatePod(ctx context.Context, p Pod) (Pod, error)
	UpdatePod(ctx context.Context, p Pod) (Pod, error)
	DeletePod(ctx context.Context, id int64) error
	PodUsage(ctx context.Context, id int64) (PodUsage, error)
}

// SettingsStore keeps the global defaults.
type SettingsStore interface {
	Settings(ctx context.Context) (Settings, error)
	SaveSettings(ctx context.Context, s Settings) error
}

// MeetingStore keeps weekly meetings.
type MeetingStore interface {
	Meetings(ctx context.Context, podID int64) ([]Meeting, error) // newest first
	Meeting(ctx context.Context, id int64) (Meeting, error)
	CreateMeeting(ctx context.Context, m Meeting) (Meeting, error)
}

// Store is everything Triad keeps, in one database file.
type Store interface {
	PodStore
	SettingsStore
	MeetingStore
	MeetingRunStore
	Path() string // the database file, for About and messages
	Close() error
}
