package data

import (
	"context"
	"time"
)

// MeetingRun is everything the meeting screen shows about one meeting.
type MeetingRun struct {
	Meeting   Meeting
	Pod       Pod
	Attendees []Attendee   // the three leaders first, then guests
	Items     []AgendaItem // in agenda order, with their intervals
	Actions   []ActionItem // raised in this meeting
	Events    []MeetingEvent
}

// Attendee returns the attendee with id.
func (r MeetingRun) Attendee(id int64) (Attendee, bool) {
	for _, a := range r.Attendees {
		if a.ID == id && id != 0 {
			return a, true
		}
	}
	return Attendee{}, false
}

// ItemIndex returns the position in Items of the item with id, or -1.
func (r MeetingRun) ItemIndex(id int64) int {
	for i, it := range r.Items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// MeetingRunStore keeps what happens in a meeting. Every change to a
// closed meeting is refused (Meeting.Editable), except ticking off an
// action item, which happens weeks later. Times come from the caller so
// the clock is the UI's (and a test's) clock.
type MeetingRunStore interface {
	// MeetingRun loads a meeting; the first time, it adds the pod's three
	// leaders as attendees and, for a draft, the standing and carried-over items.
	MeetingRun(ctx context.Context, meetingID int64) (MeetingRun, error)

	SetPresent(ctx context.Context, attendeeID int64, present bool) error
	AddGuest(ctx context.Context, meetingID int64, guest Attendee) (Attendee, error)
	RemoveGuest(ctx context.Context, attendeeID int64) error

	AddAgendaItem(ctx context.Context, item AgendaItem) (AgendaItem, error) // appended at the end
	UpdateAgendaItem(ctx context.Context, item AgendaItem) error            // the editable fields, not the clock
	DeleteAgendaItem(ctx context.Context, itemID int64) error
	MoveAgendaItem(ctx context.Context, itemID int64, to int) error

	StartMeeting(ctx context.Context, meetingID int64, at time.Time) error // clock on the first item
	GoToItem(ctx context.Context, meetingID, itemID int64, at time.Time) error
	PauseMeeting(ctx context.Context, meetingID int64, at time.Time) error
	ResumeMeeting(ctx context.Context, meetingID int64, at time.Time) error
	// CloseMeeting ends the meeting and freezes what its minutes report
	// (MinutesRecord) in the same transaction; by is who closed it.
	CloseMeeting(ctx context.Context, meetingID int64, at time.Time, by string) error
	// ReopenMeeting makes a closed meeting editable again, recording who and why.
	ReopenMeeting(ctx context.Context, meetingID int64, at time.Time, by, reason string) error

	AddActionItem(ctx context.Context, a ActionItem) (ActionItem, error)
	UpdateActionItem(ctx context.Context, a ActionItem) error
	SetActionDone(ctx context.Context, actionID int64, done bool, at time.Time) error
	// ReviseActionItem re-dates, reassigns or ticks off an action, also one
	// of a closed meeting, and records each change in the action's history.
	ReviseActionItem(ctx context.Context, c ActionChange) (ActionItem, error)
	// ActionHistory lists an action's recorded changes, oldest first.
	ActionHistory(ctx context.Context, actionID int64) ([]ActionEvent, error)
	DeleteActionItem(ctx context.Context, actionID int64) error
	// OpenActionItems lists a pod's open actions, soonest due first.
	OpenActionItems(ctx context.Context, podID int64) ([]ActionItem, error)
	// PodActionItems lists all of a pod's actions, open and done, by meeting.
	PodActionItems(ctx context.Context, podID int64) ([]ActionItem, error)
}
