package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// The pod form keeps the pod's deal-desk delegates, one name a line.
func TestPodFormSavesDelegates(t *testing.T) {
	u, db := newTestUI(t)
	f := newPodForm(u.sh.NewScope(), data.NewPod())
	show(u, f.sc, f.build())
	u.sh.Wait()
	fillPodForm(f)
	f.delegates.SetText("Marta Silva\n\n  Omar  Haddad \n")
	test.Tap(f.save)
	u.sh.Wait()
	pods, _ := db.Pods(context.Background())
	if len(pods) != 1 || strings.Join(pods[0].Delegates, "|") != "Marta Silva|Omar Haddad" {
		t.Fatalf("stored delegates = %+v", pods)
	}
	// Editing shows them again; a name twice is refused under the field.
	f = newPodForm(u.sh.NewScope(), pods[0])
	show(u, f.sc, f.build())
	if f.delegates.Text != "Marta Silva\nOmar Haddad" {
		t.Errorf("form shows %q", f.delegates.Text)
	}
	f.delegates.SetText("Marta Silva\nmarta silva")
	test.Tap(f.save)
	u.sh.Wait()
	if l := f.problems["delegates"]; l.Hidden || !strings.Contains(l.Text, "twice") {
		t.Errorf("duplicate delegate message: %q (hidden %v)", l.Text, l.Hidden)
	}
}

// After its meeting closed, an open action can be re-dated and reassigned
// from the meeting screen, and the dialog shows the recorded history.
func TestClosedMeetingActionReviseFromScreen(t *testing.T) {
	u, db, ms := openTestMeeting(t)
	ctx := context.Background()
	run := storedRun(t, db, ms.meetingID)
	if _, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: ms.meetingID, Text: "Send the SSO estimate",
		OwnerID: run.Attendees[0].ID, Due: data.NewDate(2026, 11, 27)}); err != nil {
		t.Fatal(err)
	}
	if err := db.StartMeeting(ctx, ms.meetingID, u.sh.Now()); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, ms.meetingID, u.sh.Now().Add(time.Hour), "Daniel Okafor"); err != nil {
		t.Fatal(err)
	}
	ms = openMeeting(u, ms.meetingID)
	u.sh.Wait()
	var revise *widget.Button
	walk(ms.actions.rows, func(o fyne.CanvasObject) {
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
	u.sh.Wait()
	if f.history.Text != "No changes since it was agreed." {
		t.Errorf("history = %q", f.history.Text)
	}
	f.owner.SetSelected("Sofia Lindqvist")
	later := time.Date(2026, 12, 4, 0, 0, 0, 0, time.Local)
	f.due.SetDate(&later)
	test.Tap(f.Confirm)
	u.sh.Wait()
	as := storedRun(t, db, ms.meetingID).Actions
	if as[0].OwnerName != "Sofia Lindqvist" || as[0].Due.String() != "2026-12-04" {
		t.Fatalf("revised action = %+v", as[0])
	}
	hist, _ := db.ActionHistory(ctx, as[0].ID)
	if len(hist) != 2 || hist[0].Actor != "Daniel Okafor" || !hist[0].At.Equal(u.sh.Now()) {
		t.Errorf("history = %+v", hist)
	}
}
