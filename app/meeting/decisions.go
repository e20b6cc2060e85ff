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

// ReturnTo shows agenda item itemID (0: the running item, as usual) once
// the meeting is read: coming back from the decision editor, the
// facilitator is on the item the decision was recorded from, whose panel
// lists it. Call it before Build.
func (ms *Screen) ReturnTo(itemID int64) {
	if itemID != 0 {
		ms.selectedID = itemID
	}
}
