package data

// Store is everything Triad keeps, in one database file.
type Store interface {
	PodStore
	SettingsStore
	MeetingStore
	DealDeskStore
	RoadmapStore
	MeetingRunStore
	MinutesStore
	Path() string // the database file, for About and messages
	Close() error
}
