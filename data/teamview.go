package data

import (
	"context"
	"time"
)

// TeamOverview is how this laptop stands in its team, as the window's
// Team screen shows it: the team and hub, the outbox, every shared pod's
// seats and every join asked.
type TeamOverview struct {
	Team, Hub     string
	Name, Key     string // this laptop's member
	Waiting, Sent int    // this laptop's changes not yet acknowledged, and acknowledged
	Pods          []TeamPod
	Joins         []TeamJoin
}

// TeamPod is one shared pod and who holds its seats, with what this
// laptop's member may do there by the team's authority rule.
type TeamPod struct {
	UID, Name          string
	Seats              []TeamSeat
	EditsMeetingRecord bool // keeps the meeting record (see TeamOverview.EditsMeetingRecord)
	DecidesDeals       bool // signs off deal requests (see TeamOverview.DecidesDeals)
}

// TeamSeat is one member's seat in a pod; Mine marks this laptop's.
type TeamSeat struct {
	Seat, Name, Key string // Seat as stored: "tech_lead", "rep" …
	Mine            bool
}

// TeamJoin is one ask to join a pod and how it stands ("asked",
// "approved", "refused"); Mine marks this laptop's own ask.
type TeamJoin struct {
	Pod, Seat, Name, Key, State string
	Mine                        bool
	At                          time.Time
}

// RefusedChange is another laptop's (or this one's) event that failed its
// signature or the rules of who may do what: kept with why, never applied.
type RefusedChange struct {
	ID, Kind string
	Pod      string // the pod's name here, else its global id
	By       string // the signer's name in the team, else their key
	Reason   string
	At       time.Time // when this laptop refused it
}

// KeptDelete is a delete this laptop did not apply because it met an edit
// of the record made at the same time elsewhere: the record is kept.
type KeptDelete struct {
	Event  string
	What   string // `agenda item "Pricing"`, `guest "Ana"` …, or the record's global id once gone
	Pod    string
	By     string // who deleted it: a name, else a key
	Reason string
	At     time.Time
}

// TeamViewStore reads what the Team screen shows. A database of no team
// answers ok false and empty lists.
type TeamViewStore interface {
	TeamOverview(ctx context.Context) (o TeamOverview, ok bool, err error)
	// RefusedChanges lists the newest limit refused events, newest first,
	// and how many there are in all.
	RefusedChanges(ctx context.Context, limit int) ([]RefusedChange, int, error)
	// KeptDeletes lists the newest limit deletes kept, newest first, and
	// how many there are in all.
	KeptDeletes(ctx context.Context, limit int) ([]KeptDelete, int, error)
}

// EditsMeetingRecord reports whether this laptop's member may edit the
// meeting record of the pod with global id podUID: a pod not shared with
// the team is this laptop's alone; in a shared one the store says, by the
// rule every laptop applies to the meeting's events (the facilitator or
// the Product Manager; the others tick their own actions and record their
// own positions, from their own screens).
func (o TeamOverview) EditsMeetingRecord(podUID string) bool {
	p, shared := o.pod(podUID)
	return !shared || p.EditsMeetingRecord
}

// DecidesDeals reports whether this laptop's member may sign off, reject,
// send back or reopen the deal requests of the pod with global id podUID:
// in a shared pod as the store says, by the rule every laptop applies to a
// sign-off (its Tech Lead or a delegate the Tech Lead named).
func (o TeamOverview) DecidesDeals(podUID string) bool {
	p, shared := o.pod(podUID)
	return !shared || p.DecidesDeals
}

// pod is the shared pod with global id podUID, if the team shares it.
func (o TeamOverview) pod(podUID string) (TeamPod, bool) {
	for _, p := range o.Pods {
		if p.UID == podUID && podUID != "" {
			return p, true
		}
	}
	return TeamPod{}, false
}
