package data

import (
	"context"
	"strconv"
	"time"
)

// MeetingStatus is where a weekly meeting is in its life.
type MeetingStatus string

const (
	MeetingDraft      MeetingStatus = "draft"       // agenda being prepared
	MeetingInProgress MeetingStatus = "in_progress" // started; the clock runs
	MeetingClosed     MeetingStatus = "closed"      // ended; read-only
)

// Label is how the status reads on screen.
func (s MeetingStatus) Label() string {
	switch s {
	case MeetingDraft:
		return "Draft"
	case MeetingInProgress:
		return "In progress"
	case MeetingClosed:
		return "Closed"
	}
	return string(s)
}

// Meeting is one weekly Triad meeting of a pod.
type Meeting struct {
	ID        int64
	PodID     int64
	Date      Date
	Status    MeetingStatus
	CreatedAt time.Time
	StartedAt time.Time // zero until started
	EndedAt   time.Time // zero until closed
}

// Validate checks what a new meeting needs.
func (m Meeting) Validate() error {
	var ps problems
	if m.PodID == 0 {
		ps.add("pod", "Choose the pod this meeting belongs to")
	}
	if m.Date.IsZero() {
		ps.add("date", "The meeting needs a date")
	}
	return ps.err()
}

// NextMeetingDate returns the first day on or after from that falls on the
// pod's meeting day and has no meeting yet.
func NextMeetingDate(day time.Weekday, from Date, taken []Date) Date {
	d := from.AddDays((int(day) - int(from.Weekday()) + 7) % 7)
	for {
		free := true
		for _, t := range taken {
			if t.Equal(d) {
				free = false
				break
			}
		}
		if free {
			return d
		}
		d = d.AddDays(7)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// MeetingStore keeps weekly meetings.
type MeetingStore interface {
	Meetings(ctx context.Context, podID int64) ([]Meeting, error) // newest first
	// MeetingsPage is limit of the pod's meetings from offset, newest
	// first: a list of ten years of weekly meetings reads what it shows.
	MeetingsPage(ctx context.Context, podID int64, offset, limit int) ([]Meeting, error)
	// PreviousMeeting is the meeting whose agenda carries into m (see the
	// function PreviousMeeting), read without the pod's other meetings.
	PreviousMeeting(ctx context.Context, m Meeting) (Meeting, bool, error)
	Meeting(ctx context.Context, id int64) (Meeting, error)
	CreateMeeting(ctx context.Context, m Meeting) (Meeting, error)
}
