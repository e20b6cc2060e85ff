package data

import (
	"context"
	"time"
)

// MinutesRecord is everything one meeting's minutes report, read from the
// store in one read-only transaction. For a closed meeting it is the copy
// frozen in the transaction that closed it, so what the minutes show of
// the deal desk, the roadmap and the decisions is what stood at close:
// a deal request entered later but back-dated, a later roadmap edit or a
// late commitment never reaches it.
type MinutesRecord struct {
	Run       MeetingRun   // the meeting, its pod, attendees, agenda and history
	Meetings  []Meeting    // the pod's meetings, newest first
	Roadmap   Roadmap      // the pod's roadmap, snapshots and revenue
	Actions   []ActionItem // every action item of the pod, open and done
	Deals     []DealRecord // the pod's deal requests with their histories
	Decisions []Decision   // made in this meeting, in the order they were recorded
	// LateCommitments are commitments to decisions of earlier, closed
	// meetings that came in after those meetings closed, during this
	// meeting's window: the minutes print them here, never in the closed
	// meeting's own.
	LateCommitments []LateCommitment

	// FrozenAt is when the record was frozen (the close); zero when it was
	// read live for a meeting that is not closed.
	FrozenAt time.Time
	// Preview is set when the meeting's agenda was never prepared: Run
	// holds the attendees and agenda it would get, none of them stored.
	Preview bool
	// Rebuilt is set for a meeting closed before Triad froze records at
	// close: its record is read live, and may differ from what stood then.
	Rebuilt bool
}

// DealRecord is one deal request and its history, oldest event first.
type DealRecord struct {
	Request DealRequest
	History []DealEvent
}

// LateCommitment is one leader's commitment recorded after the decision's
// meeting had closed.
type LateCommitment struct {
	DecisionID  int64
	Question    string
	MeetingDate Date // the meeting the decision was made in
	Name        string
	Role        Role
	Position    Position
	Commitment  Commitment
	At          time.Time
}

// MinutesWindow is where "since the last meeting" starts for m's minutes:
// the previous meeting's end (or its day when it never closed), else a
// week before m. prev and next are m's neighbours among the pod's meetings.
func MinutesWindow(m Meeting, meetings []Meeting) (since time.Time, prev, next Meeting) {
	for _, o := range meetings {
		if o.ID == m.ID {
			continue
		}
		if o.Date.Before(m.Date) && (prev.ID == 0 || o.Date.After(prev.Date)) {
			prev = o
		}
		if o.Date.After(m.Date) && (next.ID == 0 || o.Date.Before(next.Date)) {
			next = o
		}
	}
	since = m.Date.AddDays(-7).Time(time.UTC)
	if prev.ID != 0 {
		since = prev.Date.Time(time.UTC)
		if !prev.EndedAt.IsZero() {
			since = prev.EndedAt
		}
	}
	return since, prev, next
}

// MinutesAsOf is the moment a meeting's minutes describe: its close, or now
// while it is not closed.
func MinutesAsOf(m Meeting, now time.Time) time.Time {
	if m.Status == MeetingClosed && !m.EndedAt.IsZero() {
		return m.EndedAt
	}
	return now.UTC()
}

// MinutesStore reads what a meeting's minutes need without writing.
type MinutesStore interface {
	// MinutesRecord returns the meeting's frozen record when it is closed,
	// else reads it live (a never-opened draft gets the agenda it would
	// get), in one read-only transaction.
	MinutesRecord(ctx context.Context, meetingID int64) (MinutesRecord, error)
	// MeetingHistory is the meeting's status changes, oldest first.
	MeetingHistory(ctx context.Context, meetingID int64) ([]MeetingEvent, error)
}
