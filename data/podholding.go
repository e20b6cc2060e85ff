package data

import "context"

// PodHolding is what this laptop holds of a pod. A laptop in no team, or
// one whose member holds a leader's or the facilitator's seat, holds all
// of it (the zero value).
type PodHolding struct {
	// DealDeskOnly: this laptop's member is only a sales rep in the pod,
	// so the laptop holds its deal desk, not its meetings, decisions or
	// roadmap.
	DealDeskOnly bool
	// Mine are the pod's deal-desk requests this laptop's member filed
	// (read only for a rep's laptop).
	Mine []int64
	// Shared: the pod is shared with this laptop's team, so the store
	// refuses to delete it (a delete would not reach the other laptops).
	Shared bool
	// FormElsewhere: the pod's form (its name, leaders, rules) is its
	// facilitator's, on another laptop: the store refuses an edit here.
	FormElsewhere bool
}

// PodHoldingStore says what this laptop holds of a pod.
type PodHoldingStore interface {
	PodHolding(ctx context.Context, podID int64) (PodHolding, error)
}
