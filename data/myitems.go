package data

import "context"

// MyItemsLimit bounds one read of a person's open action items: a list
// to work through, not a history.
const MyItemsLimit = 200

// MyItemsQuery asks for one person's open action items across every pod.
// In a team the laptop's member is the person and Name is not read.
type MyItemsQuery struct {
	Name  string // with no team: the owner's name as the actions record it
	Limit int    // at most this many items; 0 for MyItemsLimit
}

// PodSeat is a leader seat of one pod.
type PodSeat struct {
	PodID   int64
	PodName string
	Role    Role
}

// PodActions are one pod's open action items of one person.
type PodActions struct {
	PodID   int64
	PodName string
	Items   []ActionItem // by due date, so overdue ones first; undated last
}

// MyItems is one person's open action items, pod by pod.
type MyItems struct {
	// Team is set when this laptop is a team's member: the person is that
	// member, Member their name and Seats the leader seats they hold; an
	// action belongs to them when its owner sat in one of those seats.
	Team   bool
	Member string
	Seats  []PodSeat
	// Owners are, with no team, everyone who owns an open action item, for
	// choosing whose to list (one laptop serves the whole pod).
	Owners []string
	Pods   []PodActions // in the sidebar's order of pods
	Total  int          // all this person's open items, those past the limit too
}

// Shown is how many items Pods holds.
func (m MyItems) Shown() int {
	n := 0
	for _, p := range m.Pods {
		n += len(p.Items)
	}
	return n
}

// MyItemsStore reads a person's open action items across pods.
type MyItemsStore interface {
	MyItems(ctx context.Context, q MyItemsQuery) (MyItems, error)
}
