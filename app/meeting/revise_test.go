package meeting

import "fyne.io/fyne/v2/test"

import "strings"

import "fyne.io/fyne/v2"

import "fyne.io/fyne/v2/widget"

import "time"

import "triad/data"

import "triad/app/internal/apptest"

import "context"

import "testing"

// After its meeting closed, an open action can be re-dated and reassigned
// from the meeting screen, and the dialog shows the recorded history.
func TestClosedMeetingActionReviseFromScreen(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	ctx := context.Background()
	run := apptest.Run(t, db, ms.meetingID)
	if _, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: ms.meetingID, Text: "Send the SSO estimate",
		OwnerID: run.Attendees[0].ID, Due: data.NewDate(2026, 11, 27)}); err != nil {
		t.Fatal(err)
	}
	if err := db.StartMeeting(ctx, ms.meetingID, e.Sh.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, ms.meetingID, e.Sh.Now().Add(time.Hour), "Daniel Okafor"); err != nil {
		t.Fatal(err)
	}
	ms = openMeeting(e, ms.meetingID)
	e.Wait()
	var revise *widget.Button
	apptest.Walk(ms.actions.rows, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && strings.Contains(b.Icon.Name(), "history") {
			revise = b
		}
	})
	if revise == nil {
		t.Fatal("a closed meeting's open action offers no way to re-date it")
	}
	test.Tap(revise)
	f := ms.reviseDialog
	if f == nil {
		t.Fatal("the re-date dialog did not open")
	}
	e.Wait()
	if f.history.Text != "No changes since it was agreed." {
		t.Errorf("history = %q", f.history.Text)
	}
	f.owner.SetSelected("Sofia Lindqvist")
	later := time.Date(2026, 12, 4, 0, 0, 0, 0, time.Local)
	f.due.SetDate(&later)
	test.Tap(f.Confirm)
	e.Wait()
	as := apptest.Run(t, db, ms.meetingID).Actions
	if as[0].OwnerName != "Sofia Lindqvist" || as[0].Due.String() != "2026-12-04" {
		t.Fatalf("revised action = %+v", as[0])
	}
	hist, _ := db.ActionHistory(ctx, as[0].ID)
	if len(hist) != 2 || hist[0].Actor != "Daniel Okafor" || !hist[0].At.Equal(e.Sh.Now()) {
		t.Errorf("history = %+v", hist)
	}
}
