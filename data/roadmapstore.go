package data

import "context"

// Roadmap is everything the roadmap view of one pod shows, read at once.
type Roadmap struct {
	Pod          Pod
	Settings     Settings // the pod's effective rules
	Unit         EffortUnit
	Items        []RoadmapItem  // by target quarter, then title
	Entries      []ARREntry     // realized ARR of the pod's features, by date
	Snapshots    []DebtSnapshot // by meeting date, oldest first
	Celebrations []Celebration  // newest first
	Meetings     []Meeting      // newest first
}

// Item returns the item with the given id.
func (r Roadmap) Item(id int64) (RoadmapItem, bool) {
	for _, it := range r.Items {
		if it.ID == id {
			return it, true
		}
	}
	return RoadmapItem{}, false
}

// RoadmapStore keeps roadmap items, realized revenue, debt-check snapshots
// and celebrations.
type RoadmapStore interface {
	Roadmap(ctx context.Context, podID int64) (Roadmap, error)
	SetEffortUnit(ctx context.Context, podID int64, unit EffortUnit) error
	// SaveRoadmapItem creates (ID 0) or updates an item. Lowering a shipped
	// feature's goal below its realized ARR celebrates it.
	SaveRoadmapItem(ctx context.Context, it RoadmapItem) (RoadmapItem, *Celebration, error)
	// AddARREntry books realized ARR on a shipped feature and returns the
	// celebration when this entry carried it over its goal.
	AddARREntry(ctx context.Context, e ARREntry) (RoadmapItem, *Celebration, error)
	// RecordDebtSnapshot freezes the pod's debt check into a meeting, once.
	RecordDebtSnapshot(ctx context.Context, meetingID int64, window QuarterRange) (DebtSnapshot, error)
	// DebtSnapshot returns a meeting's snapshot; ErrNotFound when none was recorded.
	DebtSnapshot(ctx context.Context, meetingID int64) (DebtSnapshot, error)
	// RespondToDebtSnapshot records the Product Marketing Manager's answer, once.
	RespondToDebtSnapshot(ctx context.Context, snapshotID int64, a DebtAnswer) (DebtSnapshot, error)
	// CelebrationsSince lists a pod's celebrations crossed on or after since,
	// oldest first: what the minutes of a meeting announce.
	CelebrationsSince(ctx context.Context, podID int64, since Date) ([]Celebration, error)
}
