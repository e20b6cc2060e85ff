package data

import (
	"context"
	"time"
)

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
	// MeetingsPage is limit of the pod's meetings from offset, newest
	// first: a list of ten years of weekly meetings reads what it shows.
	MeetingsPage(ctx context.Context, podID int64, offset, limit int) ([]Meeting, error)
	// PreviousMeeting is the meeting whose agenda carries into m (see the
	// function PreviousMeeting), read without the pod's other meetings.
	PreviousMeeting(ctx context.Context, m Meeting) (Meeting, bool, error)
	Meeting(ctx context.Context, id int64) (Meeting, error)
	CreateMeeting(ctx context.Context, m Meeting) (Meeting, error)
}

// DealFilter picks requests for a deal-desk list. Zero fields match all.
type DealFilter struct {
	PodID  int64
	States []DealState
}

// DealDeskStore keeps feature-commitment requests and their history.
type DealDeskStore interface {
	// CreateDealRequest records a request under its pod's current rule.
	CreateDealRequest(ctx context.Context, r DealRequest) (DealRequest, error)
	// UpdateDealRequest saves edited fields. The recorded rule stays; a
	// request sent back for changes is resubmitted by saving it.
	UpdateDealRequest(ctx context.Context, r DealRequest) (DealRequest, error)
	DealRequest(ctx context.Context, id int64) (DealRequest, error)
	DealRequests(ctx context.Context, f DealFilter) ([]DealRequest, error) // queue order (SortQueue)
	DealHistory(ctx context.Context, requestID int64) ([]DealEvent, error) // oldest first
	// DecideDealRequest applies a decision and appends it to the history.
	DecideDealRequest(ctx context.Context, d DealDecision) (DealRequest, error)
	// MarkDealReminder records that a reminder fired; false when it already had.
	MarkDealReminder(ctx context.Context, requestID int64, kind ReminderKind) (bool, error)
	// DealDigest is what a pod's meeting reviews: received and decided since, and overdue at now.
	DealDigest(ctx context.Context, podID int64, since, now time.Time) (DealDigest, error)
}

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
