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
	// RecordElsewhere: the pod's meetings are made and kept by its
	// facilitator and its PM, and this laptop's member is neither: the
	// store refuses a new meeting here.
	RecordElsewhere bool
	// FilesElsewhere: the pod's deal-desk requests are filed by its sales
	// reps and its facilitator, and this laptop's member is neither: the
	// store refuses a new request here.
	FilesElsewhere bool
	// Asked is the seat this laptop's member asked to join the pod as
	// ("Tech Lead"), while its facilitator has not answered: the pod's
	// record arrives once they approve, and until then the store refuses
	// changes to it (they would reach no other laptop). "" otherwise.
	Asked string
	// Refused is the seat of such an ask the facilitator refused: the
	// pod stays this laptop's alone. "" otherwise.
	Refused string
}

// Files reports whether a new deal-desk request of the pod may be filed
// on this laptop.
func (h PodHolding) Files() bool { return !h.FilesElsewhere && h.Asked == "" }

// PodHoldingStore says what this laptop holds of a pod.
type PodHoldingStore interface {
	PodHolding(ctx context.Context, podID int64) (PodHolding, error)
}
