package data

import (
	"strings"
	"time"
)

// MeetingEvent is one recorded change of a meeting's status, so the history
// shows who closed or reopened it, when and why.
type MeetingEvent struct {
	Kind   string // "started", "closed", "reopened"
	At     time.Time
	By     string // who closed or reopened it; "" when not recorded (older databases)
	Reason string // why it was reopened
}

// Describe is one line of a meeting's history in zone loc, e.g.
// "Reopened Thu 19 Nov 2026 11:20 CET by Ana Ruiz: the PMM's answer was missing".
func (e MeetingEvent) Describe(loc *time.Location) string {
	var b strings.Builder
	switch e.Kind {
	case "started":
		b.WriteString("Started")
	case "closed":
		b.WriteString("Closed")
	case "reopened":
		b.WriteString("Reopened")
	default:
		b.WriteString(e.Kind)
	}
	b.WriteString(" " + e.At.In(loc).Format("Mon 2 Jan 2006 15:04 MST"))
	if e.By != "" {
		b.WriteString(" by " + e.By)
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	return b.String()
}

// StatusHistory is the closes and reopens among events, oldest first: the
// part of a meeting's history that says its record was changed after close.
func StatusHistory(events []MeetingEvent) []MeetingEvent {
	var out []MeetingEvent
	for _, e := range events {
		if e.Kind == "closed" || e.Kind == "reopened" {
			out = append(out, e)
		}
	}
	return out
}

// MaxReopenReason bounds the reason typed when reopening a meeting.
const MaxReopenReason = 2000

// Editable refuses changes to a closed meeting: its minutes are final
// until someone reopens it explicitly.
func (m Meeting) Editable() error {
	if m.Status == MeetingClosed {
		return MeetingClosedf("The meeting of %s is closed and read-only; reopen it to change it", m.Date.Long())
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
func (m Meeting) Close(at time.Time, by string) (Meeting, MeetingEvent, error) {
	switch m.Status {
	case MeetingClosed:
		return m, MeetingEvent{}, Conflictf("The meeting is already closed")
	case MeetingDraft:
		m.StartedAt = at
	}
	m.Status, m.EndedAt = MeetingClosed, at
	return m, MeetingEvent{Kind: "closed", At: at, By: CleanLine(by)}, nil
}

// Reopen makes a closed meeting editable again. The original start is kept;
// the end is cleared until it is closed again. The event is the record, so
// it needs who reopened the meeting and why.
func (m Meeting) Reopen(at time.Time, by, reason string) (Meeting, MeetingEvent, error) {
	if m.Status != MeetingClosed {
		return m, MeetingEvent{}, Conflictf("Only a closed meeting can be reopened")
	}
	by, reason = CleanLine(by), strings.TrimSpace(reason)
	var ps problems
	if by == "" {
		ps.add("by", "Say who is reopening the meeting")
	}
	switch {
	case reason == "":
		ps.add("reason", "Say why the meeting is reopened; the minutes print it")
	case len([]rune(reason)) > MaxReopenReason:
		ps.add("reason", "Keep the reason under %d characters", MaxReopenReason)
	}
	if err := ps.err(); err != nil {
		return m, MeetingEvent{}, err
	}
	m.Status, m.EndedAt = MeetingInProgress, time.Time{}
	return m, MeetingEvent{Kind: "reopened", At: at, By: by, Reason: reason}, nil
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
