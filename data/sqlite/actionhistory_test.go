package sqlite

import (
	"errors"
	"strings"
	"testing"

	"triad/data"
)

// Action items live past their meeting: after it closes, an open action
// can still be re-dated, reassigned and ticked off, and each change is
// recorded with who made it and when. Before, re-dating or reassigning an
// action of a closed meeting was refused.
func TestActionOfClosedMeetingRevisedWithHistory(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	run := newMeeting(t, db, p.ID, "2026-11-19")
	due, _ := data.ParseDate("2026-11-24")
	a, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: run.Meeting.ID, Text: "Send the SSO estimate",
		OwnerID: run.Attendees[0].ID, Due: due})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.StartMeeting(ctx, run.Meeting.ID, mins(0)); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, run.Meeting.ID, mins(60), "Ana Ruiz"); err != nil {
		t.Fatal(err)
	}

	later, _ := data.ParseDate("2026-12-01")
	owner := "José Ñúñez"
	got, err := db.ReviseActionItem(ctx, data.ActionChange{ActionID: a.ID, Due: &later, Owner: &owner, At: mins(24 * 60)})
	if err != nil {
		t.Fatalf("revising an action of a closed meeting: %v", err)
	}
	if !got.Due.Equal(later) || got.OwnerName != owner || got.OwnerID != run.Attendees[1].ID {
		t.Errorf("revised action = %+v", got)
	}
	// Someone who is neither a leader nor was at the meeting is refused, and nothing changes.
	stranger := "Somebody Else"
	var ve *data.ValidationError
	if _, err := db.ReviseActionItem(ctx, data.ActionChange{ActionID: a.ID, Owner: &stranger, At: mins(24*60 + 5)}); !errors.As(err, &ve) ||
		!strings.Contains(ve.For("owner"), "Priya Raman") {
		t.Errorf("stranger as owner: %v", err)
	}
	if err := db.SetActionDone(ctx, a.ID, true, mins(2*24*60)); err != nil {
		t.Fatal(err)
	}
	// A done action is not re-dated without opening it again.
	if _, err := db.ReviseActionItem(ctx, data.ActionChange{ActionID: a.ID, Due: &due, At: mins(3 * 24 * 60)}); !errors.Is(err, data.ErrConflict) {
		t.Errorf("re-dating a done action: %v", err)
	}

	hist, err := db.ActionHistory(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range hist {
		lines = append(lines, data.UTCTime(e.At)+" "+e.Actor+": "+e.Text())
	}
	want := []string{
		"2026-11-20T09:30:00.000Z José Ñúñez: Re-dated from Tue 24 Nov 2026 to Tue 1 Dec 2026",
		"2026-11-20T09:30:00.000Z José Ñúñez: Reassigned from Priya Raman to José Ñúñez",
		"2026-11-21T09:30:00.000Z José Ñúñez: Ticked off",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// The history is the record: it cannot be rewritten.
	if _, err := db.db.Exec(`UPDATE action_item_history SET actor = 'x'`); err == nil {
		t.Error("action history was rewritten")
	}
	if _, err := db.db.Exec(`DELETE FROM action_item_history`); err == nil {
		t.Error("action history was deleted")
	}
}
