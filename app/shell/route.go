// Package shell is what every screen of the window is given: the window,
// the store and the clock, the dialogs it may ask for, where it may go (a
// Route, through Go), and a Scope for its lifetime: background work with
// Run and Write, live refresh with Every, a context cancelled when it is
// left. It knows no screen, so a screen reaches another only by its route.
package shell

import "triad/data"

// Route names a screen and what it opens on. Screens never build one
// another: they hand a Route to Go, and the window's router builds the
// screen it names.
type Route interface{ isRoute() }

// Pods reloads the sidebar's list of pods and opens Show's page (else the
// pod already selected, else the first); with no pods it shows Welcome.
type Pods struct{ Show int64 }

// Welcome is the empty state: what Triad is and how to begin.
type Welcome struct{}

// Pod is a pod's page, on one of its tabs.
type Pod struct {
	ID  int64
	Tab PodTab
}

// PodTab is a tab of a pod's page.
type PodTab int

// The pod page's tabs, in the order they are shown.
const (
	TabMeetings PodTab = iota
	TabDealDesk
	TabRoadmap
	TabDecisions
)

// NewPod is the form that creates a pod.
type NewPod struct{}

// EditPod is the form that edits Pod as it was loaded.
type EditPod struct{ Pod data.Pod }

// Settings is the global defaults every pod inherits.
type Settings struct{}

// DealDesk is the cross-pod deal-desk queue.
type DealDesk struct{}

// DealRequest is one request's page; its back button goes to Back.
type DealRequest struct {
	ID   int64
	Back Route
}

// NewDealRequest is the form that records a request for PodID (0: the
// form asks); Back is where Cancel goes and the saved request's page
// returns to.
type NewDealRequest struct {
	PodID int64
	Back  Route
}

// EditDealRequest is the form that edits Request; Cancel returns to its
// page, and the page it saves to goes back to Back.
type EditDealRequest struct {
	Request data.DealRequest
	Back    Route
}

// Meeting is a meeting's screen; Item, when set, is the agenda item it
// shows (the one a decision was just recorded from), else the running one.
type Meeting struct{ ID, Item int64 }

// Decision is one decision's page. FromMeeting, when set, is the meeting
// it was opened from, where its back button returns.
type Decision struct {
	PodID, ID   int64
	FromMeeting int64
}

// NewDecision is the editor of a decision not recorded yet: made in
// FromMeeting from AgendaItemID (its question starts as Question) when
// opened from a meeting, and replacing Supersedes once decided when set.
type NewDecision struct {
	PodID        int64
	FromMeeting  int64
	AgendaItemID int64
	Question     string
	Supersedes   int64
}

// Search is the search over everything the pods record: every pod's
// (PodID 0) or one pod's, starting with Text.
type Search struct {
	PodID int64
	Text  string
}

// MyItems is one person's open action items across every pod: in a team
// this laptop's member's, else whoever is chosen there.
type MyItems struct{}

// Team is how this laptop stands in its team: the hub and the sync, the
// seats, the joins asked, the events refused and the deletes kept.
type Team struct{}

func (Pods) isRoute()            {}
func (Welcome) isRoute()         {}
func (Pod) isRoute()             {}
func (NewPod) isRoute()          {}
func (EditPod) isRoute()         {}
func (Settings) isRoute()        {}
func (DealDesk) isRoute()        {}
func (DealRequest) isRoute()     {}
func (NewDealRequest) isRoute()  {}
func (EditDealRequest) isRoute() {}
func (Meeting) isRoute()         {}
func (Decision) isRoute()        {}
func (NewDecision) isRoute()     {}
func (Search) isRoute()          {}
func (MyItems) isRoute()         {}
func (Team) isRoute()            {}
