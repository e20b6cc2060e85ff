package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
	tsync "triad/data/sync"
)

// offers reports whether the window draws a button reading text.
func offers(u *UI, text string) bool {
	for o := range shownIn(u.sh.Win) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return true
		}
	}
	return false
}

// shownLabel reports whether the window draws a label containing text.
func shownLabel(u *UI, text string) bool {
	for o := range shownIn(u.sh.Win) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}

// A sales rep's laptop offers none of the pod's actions its store refuses
// there: neither deleting the pod nor editing its form, nor putting an
// approved request on a roadmap it does not hold. The facilitator's
// laptop edits the form, and deletes no shared pod either.
func TestARepsLaptopOffersNoPodActionItsStoreRefuses(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Priya Raman", []tsync.Seat{tsync.SeatFacilitator, tsync.SeatTechLead}, "Maya Chen", tsync.SeatRep)
	r, err := e.DB.CreateDealRequest(ctx, data.DealRequest{PodID: l.pod.ID, Customer: "Globex", Value: data.Dollars(90_000),
		RepName: "Maya Chen", Features: "SSO", NeedsNewFeature: true, ReceivedAt: apptest.Start().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	handOver(t, e.DB, l.other)

	u.Go(shell.Pod{ID: l.pod.ID})
	u.sh.Wait()
	if !offers(u, "Edit pod") || offers(u, "Delete pod") {
		t.Errorf("the facilitator's laptop: Edit pod %v (want it), Delete pod %v (the store refuses a shared pod's delete)",
			offers(u, "Edit pod"), offers(u, "Delete pod"))
	}

	rep := newUI(e.App, l.other, Info{Version: "test"}, true)
	rep.sh.Now = apptest.Start
	t.Cleanup(rep.sh.Win.Close)
	rep.Go(shell.Pod{ID: l.otherPod.ID})
	rep.sh.Wait()
	for _, action := range []string{"Delete pod", "Edit pod"} {
		if offers(rep, action) {
			t.Errorf("the rep's laptop offers %q", action)
		}
	}
	if err := l.other.DeletePod(ctx, l.otherPod.ID); err == nil {
		t.Fatal("the rep's store deleted the shared pod: the button hidden was one it takes")
	}
	theirs, err := l.other.DealRequests(ctx, data.DealFilter{PodID: l.otherPod.ID})
	if err != nil || len(theirs) != 1 || theirs[0].State != data.DealApproved {
		t.Fatalf("the rep's requests: %+v, %v", theirs, err)
	}
	rep.Go(shell.DealRequest{ID: theirs[0].ID})
	rep.sh.Wait()
	if offers(rep, "Create roadmap item") || shownLabel(rep, "put the promised feature on the roadmap") {
		t.Error("the rep's laptop offers to put the request on the roadmap, which it does not hold")
	}
	u.Go(shell.DealRequest{ID: r.ID})
	u.sh.Wait()
	if !offers(u, "Create roadmap item") {
		t.Error("the facilitator's laptop does not offer the approved request's roadmap item")
	}
}

// The meeting template is part of the pod's form: the facilitator's
// laptop offers it, the Tech Lead's does not (its store refuses the save:
// only the facilitator edits the form).
func TestOnlyTheFacilitatorsLaptopOffersTheMeetingTemplate(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Dan Okafor", []tsync.Seat{tsync.SeatFacilitator}, "Priya Raman", tsync.SeatTechLead)
	u.Go(shell.Pod{ID: l.pod.ID})
	u.sh.Wait()
	if !offers(u, "Meeting template…") {
		t.Error("the facilitator's laptop does not offer the meeting template")
	}
	tl := newUI(e.App, l.other, Info{Version: "test"}, true)
	tl.sh.Now = apptest.Start
	t.Cleanup(tl.sh.Win.Close)
	tl.Go(shell.Pod{ID: l.otherPod.ID})
	tl.sh.Wait()
	if offers(tl, "Meeting template…") || offers(tl, "Edit pod") {
		t.Errorf("the Tech Lead's laptop offers the template %v, Edit pod %v", offers(tl, "Meeting template…"), offers(tl, "Edit pod"))
	}
	_, err := l.other.SaveMeetingTemplate(ctx, data.MeetingTemplate{PodID: l.otherPod.ID,
		Items: []data.TemplateItem{{Title: "Mine", Kind: data.KindTopic, Minutes: 5}}})
	if err == nil {
		t.Fatal("the Tech Lead's store saved a template: the button hidden was one it takes")
	}
}
