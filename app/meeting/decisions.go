package meeting

import (
	"triad/app/shell"
	"triad/data"
)

// recordDecisionFrom opens the decision editor for a new decision made in
// this meeting from item it. Leaving the meeting screen writes its pending
// edits first.
func recordDecisionFrom(ms *Screen, it data.AgendaItem) {
	if !ms.editable() {
		return
	}
	if cur, ok := ms.selectedItem(); ok && cur.ID == it.ID {
		it = cur // the title as typed so far
	}
	ms.sc.Go(shell.NewDecision{PodID: ms.run.Meeting.PodID, FromMeeting: ms.meetingID, AgendaItemID: it.ID, Question: it.Title})
}
