package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/meeting"
	"triad/app/shell"
	"triad/data"
	tsync "triad/data/sync"
)

// On the Tech Lead's laptop a shared meeting shows as it arrives, read
// only: the facilitator or the PM keeps its record (the store would refuse
// the change anyway). The Tech Lead still ticks their own action there.
func TestTheTechLeadsLaptopShowsASharedMeetingReadOnly(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Dan Okafor", []tsync.Seat{tsync.SeatFacilitator}, "Priya Raman", tsync.SeatTechLead)
	m := apptest.Meeting(t, e.DB, l.pod.ID, data.NewDate(2026, 11, 26))
	u.Go(shell.Meeting{ID: m.ID}) // prepares its agenda
	u.sh.Wait()
	run := apptest.Run(t, e.DB, m.ID)
	var priya int64
	for _, a := range run.Attendees {
		if a.Role == data.RoleTechLead {
			priya = a.ID
		}
	}
	if _, err := e.DB.AddActionItem(ctx, data.ActionItem{MeetingID: m.ID, Text: "Scope the webhook API", OwnerID: priya}); err != nil {
		t.Fatal(err)
	}
	if ms := apptest.FindButton(u.screen, "Start meeting"); ms == nil || ms.Hidden {
		t.Fatal("the facilitator's laptop offers no Start meeting")
	}
	handOver(t, e.DB, l.other)

	tl := newUI(e.App, l.other, Info{Version: "test"}, true)
	tl.sh.Now = apptest.Start
	t.Cleanup(tl.sh.Win.Close)
	ms, err := l.other.Meetings(ctx, l.otherPod.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("the Tech Lead's meetings: %v, %v", ms, err)
	}
	tl.Go(shell.Meeting{ID: ms[0].ID})
	tl.sh.Wait()
	if _, ok := tl.current.(*meeting.Screen); !ok {
		t.Fatalf("the Tech Lead's window shows %T", tl.current)
	}
	if !apptest.ContainsText(tl.screen, "the facilitator or the Product Manager keeps this meeting's record") {
		t.Error("the Tech Lead's meeting does not say who keeps its record")
	}
	for _, label := range []string{"Start meeting", "Close meeting"} {
		if b := apptest.FindButton(tl.screen, label); b != nil && !b.Hidden {
			t.Errorf("the Tech Lead's laptop offers %q", label)
		}
	}
	if notes := apptest.EntriesWithPlaceholder(tl.screen, "Notes: what was said, the numbers, the open points…"); len(notes) == 0 || !notes[0].Disabled() {
		t.Error("the Tech Lead can type the meeting's notes")
	}
	apptest.Walk(tl.screen, func(o fyne.CanvasObject) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for _, tab := range tabs.Items {
				if strings.HasPrefix(tab.Text, "Action items") {
					tabs.Select(tab)
				}
			}
		}
	})
	var tick func(bool)
	apptest.Walk(tl.screen, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "" && !c.Disabled() && tick == nil {
			tick = c.OnChanged
		}
	})
	if tick == nil {
		t.Fatal("no action to tick on the Tech Lead's screen")
	}
	tick(true)
	tl.sh.Wait()
	if got := apptest.Run(t, l.other, ms[0].ID).Actions; len(got) != 1 || !got[0].Done() {
		t.Fatalf("the Tech Lead's tick of their action: %+v", got)
	}
}

// In a team only the pod's Tech Lead (or a delegate) decides its
// requests: the facilitator's laptop offers no Approve, the Tech Lead's
// does.
func TestOnlyTheTechLeadsLaptopOffersTheSignOff(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Dan Okafor", []tsync.Seat{tsync.SeatFacilitator}, "Priya Raman", tsync.SeatTechLead)
	r, err := e.DB.CreateDealRequest(ctx, data.DealRequest{PodID: l.pod.ID, Customer: "Globex", Value: data.Dollars(90_000),
		RepName: "Maya Chen", Features: "SSO", NeedsNewFeature: true, ReceivedAt: apptest.Start().Add(-time.Hour)})
	if err != nil || r.State != data.DealPending {
		t.Fatalf("the request: %+v, %v", r, err)
	}
	u.Go(shell.DealRequest{ID: r.ID})
	u.sh.Wait()
	if b := apptest.FindButton(u.screen, "Approve"); b != nil && !b.Hidden {
		t.Error("the facilitator's laptop offers Approve")
	}
	if apptest.FindButton(u.screen, "Withdraw") == nil {
		t.Error("the facilitator's laptop offers no Withdraw")
	}
	handOver(t, e.DB, l.other)

	tl := newUI(e.App, l.other, Info{Version: "test"}, true)
	tl.sh.Now = apptest.Start
	t.Cleanup(tl.sh.Win.Close)
	theirs, err := l.other.DealRequests(ctx, data.DealFilter{PodID: l.otherPod.ID})
	if err != nil || len(theirs) != 1 {
		t.Fatalf("the Tech Lead's requests: %+v, %v", theirs, err)
	}
	tl.Go(shell.DealRequest{ID: theirs[0].ID})
	tl.sh.Wait()
	if b := apptest.FindButton(tl.screen, "Approve"); b == nil || b.Hidden {
		t.Error("the Tech Lead's laptop offers no Approve")
	}
}
