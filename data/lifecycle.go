package data

import "time"

// MeetingEvent is one recorded change of a meeting's status, so the history
// shows who reopened what and when.
type MeetingEvent struct {
	Kind string // "started", "closed", "reopened"
	At   time.Time
}

// Editable refuses changes to a closed meeting: its minutes are final
// until someone reopens it explicitly.
func (m Meeting) Editable() error {
	if m.Status == MeetingClosed {
		return Conflictf("The meeting of %s is closed and read-only; reopen it to change it", m.Date.Long())
	}
	return nil
}

// Start moves a draft meeting to in progress, recording when.
func (m Meeting) Start(at time.Time) (Meeting, MeetingEvent, error) {
	if m.Status != MeetingDraft {
		return m, MeetingEvent{}, Conflictf("The meeting is %s; only a draft meeting can be started", lower(m.Status.Label()))
	}
	m.Status, m.StartedAt, m.EndedAt = MeetingInProgress, at, time.Time{}
	return m, MeetingEvent{Kind: "started", At: at}, nil
}

// Close ends a meeting that is in progress, recording when. A draft that
// never ran is closed too, at its start (nothing was timed).
func (m Meeting) Close(at time.Time) (Meeting, MeetingEvent, error) {
	switch m.Status {
	case MeetingClosed:
		return m, MeetingEvent{}, Conflictf("The meeting is already closed")
	case MeetingDraft:
		m.StartedAt = at
	}
	m.Status, m.EndedAt = MeetingClosed, at
	return m, MeetingEvent{Kind: "closed", At: at}, nil
}

// Reopen makes a closed meeting editable again. The original start is kept;
// the end is cleared until it is closed again. The event is the record.
func (m Meeting) Reopen(at time.Time) (Meeting, MeetingEvent, error) {
	if m.Status != MeetingClosed {
		return m, MeetingEvent{}, Conflictf("Only a closed meeting can be reopened")
	}
	m.Status, m.EndedAt = MeetingInProgress, time.Time{}
	return m, MeetingEvent{Kind: "reopened", At: at}, nil
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
