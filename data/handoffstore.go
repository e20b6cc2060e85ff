package data

import "context"

// HandoffRecord is what the mail drafts about one meeting read (the
// pre-read before it, the follow-ups after it), in one read-only
// transaction: reading for a draft never writes, as with the minutes.
type HandoffRecord struct {
	// Minutes is the meeting's record as its minutes read it: frozen at
	// close for a closed meeting; live, with the attendees and agenda it
	// would open with, for a draft nobody opened yet.
	Minutes MinutesRecord
	// OpenDecisions are the pod's decisions still proposed, or decided
	// and waiting for a leader's commitment, as they stand now, oldest
	// meeting first.
	OpenDecisions []Decision
	// Pod is the pod as it is now: a leader's address fixed in the pod
	// form after the meeting closed reaches the follow-ups.
	Pod Pod
	// Owners are the attendees the pod's action items name as owners, by
	// attendee id: an action carried from an earlier meeting names one of
	// that meeting's attendees, and its owner's address is theirs (or,
	// for a leader, the pod's).
	Owners map[int64]Attendee
}

// DealHandoff is what "Ask the Tech Lead" tells about one request, read
// in one read-only transaction: the request and its history, its pod's
// roadmap (with the pod's effective rules) and the pod's other requests,
// so the mail can say what approving would do to the customer
// concentration and to the debt check.
type DealHandoff struct {
	Request  DealRequest
	History  []DealEvent
	Roadmap  Roadmap
	Requests []DealRequest // every request of the pod, this one included
}

// HandoffStore reads what the hand-offs between meetings need.
type HandoffStore interface {
	HandoffRecord(ctx context.Context, meetingID int64) (HandoffRecord, error)
	DealHandoff(ctx context.Context, requestID int64) (DealHandoff, error)
}
