package meeting

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/data"
	minutespdf "triad/data/minutes"
)

// labelsUnder are the texts of the labels under o, a list's rows included.
func labelsUnder(o fyne.CanvasObject) map[string]bool {
	out := map[string]bool{}
	apptest.Walk(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok {
			out[l.Text] = true
		}
	})
	return out
}

// A closed meeting's deal desk is the record frozen at its close: the
// requests and sign-offs its minutes print, in their state then, with no
// button to decide them. A request filed and a sign-off given after the
// close change none of it, even when the meeting reloads. Its open
// decisions, live by nature, say they are.
func TestAClosedMeetingsDealDeskIsItsFrozenRecord(t *testing.T) {
	ctx := context.Background()
	e := apptest.New(t)
	e.HoldAutosave()
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	ms0, err := e.DB.Meetings(ctx, pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	var closed data.Meeting
	for _, m := range ms0 {
		if m.Status == data.MeetingClosed && (closed.ID == 0 || m.Date.After(closed.Date)) {
			closed = m
		}
	}
	want, err := minutespdf.Assemble(ctx, e.DB, closed.ID, minutespdf.Options{Now: e.Now})
	if err != nil || len(want.DealDesk.Requests) == 0 {
		t.Fatalf("the closed meeting's minutes: %d requests, %v", len(want.DealDesk.Requests), err)
	}

	// After the close: a new request, and a sign-off of one the minutes
	// list as waiting.
	if _, err := e.DB.CreateDealRequest(ctx, data.DealRequest{PodID: pod.ID, Customer: "Filed Later Ltd", Value: data.Dollars(300_000),
		RepName: "Maya Chen", Features: "SSO", NeedsNewFeature: true, ReceivedAt: e.Now()}); err != nil {
		t.Fatal(err)
	}
	reqs, err := e.DB.DealRequests(ctx, data.DealFilter{PodID: pod.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		if r.State == data.DealPending && r.Customer != "Filed Later Ltd" {
			if _, err := e.DB.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
				t.Fatal(err)
			}
		}
	}
	e.Advance(time.Hour)

	ms := openMeeting(e, closed.ID)
	selectItem(t, e, ms, "Deal desk")
	ms.Reload()
	e.Wait()
	shown := labelsUnder(ms.editor.standingBox)
	if !apptest.ContainsText(ms.editor.standingBox, "As it stood when this meeting closed") ||
		apptest.ContainsText(ms.editor.standingBox, "as it stands now") {
		t.Error("the panel does not say it is the desk as it stood at the close")
	}
	for _, r := range want.DealDesk.Requests {
		line := minutespdf.RequestStateLine(r, want.DealDesk.SLA)
		if !shown[r.Customer+", "+r.Value.Format(want.Currency)] || !apptest.ContainsText(ms.editor.standingBox, line) {
			t.Errorf("the minutes list %s as %q; the panel does not", r.Customer, line)
		}
	}
	for _, s := range want.DealDesk.SignOffs {
		if !shown[minutespdf.SignOffLine(s)] {
			t.Errorf("the minutes list the sign-off %q; the panel does not", minutespdf.SignOffLine(s))
		}
	}
	if apptest.ContainsText(ms.editor.standingBox, "Filed Later Ltd") {
		t.Error("a request filed after the close shows in the closed meeting's deal desk")
	}
	for _, b := range []string{"Approve", "Reject", "Changes"} {
		if apptest.FindButton(ms.editor.standingBox, b) != nil {
			t.Errorf("the closed meeting's deal desk offers %q", b)
		}
	}
	// The open decisions stay live (commitments come after the meeting),
	// and say so.
	selectItem(t, e, ms, "Open decisions")
	if !apptest.ContainsText(ms.editor.standingBox, "as they stand now, not as this meeting closed") {
		t.Error("the closed meeting's open decisions do not say they are the pod's as they stand now")
	}
}
