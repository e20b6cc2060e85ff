package dealdesk

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
	tsync "triad/data/sync"
)

// approveTopRow opens the Approve dialog of the queue's first request.
func approveTopRow(t *testing.T, e *apptest.Env, q *Queue) *decisionDialog {
	t.Helper()
	q.dialog = nil
	approve := e.VisibleButtons("Approve")
	if len(approve) == 0 {
		t.Fatal("no Approve button shown")
	}
	test.Tap(approve[0])
	e.Wait()
	if q.dialog == nil {
		t.Fatal("Approve opened no dialog")
	}
	return q.dialog
}

// With no team the one laptop is the facilitator's: "Recorded by" starts
// on them and offers the pod's other people.
func TestRecordedByIsTheFacilitatorWithNoTeam(t *testing.T) {
	e := apptest.NewShared(t)
	pod := dealPod(t, e.DB, "Payments")
	e.Request(pod.ID, "Globex", 180_000, time.Hour)
	dd := approveTopRow(t, e, showQueue(e, pod.ID))
	if dd.recorder.Selected != "Daniel Okafor" || dd.recorder.Disabled() || len(dd.recorder.Options) != 4 {
		t.Errorf("Recorded by: %q of %v (disabled %v)", dd.recorder.Selected, dd.recorder.Options, dd.recorder.Disabled())
	}
}

// In a team the person at the laptop is its member. On the Tech Lead's
// laptop, in the pod they share, "Recorded by" is the Tech Lead, fixed (the
// store records the member whose key signs), and the approval is theirs
// alone; in a pod of the same database not shared, it starts on them, as
// the pod names them, and can still be changed.
func TestRecordedByIsThisLaptopsMemberInATeam(t *testing.T) {
	ctx := context.Background()
	e := apptest.NewShared(t)
	pay := dealPod(t, e.DB, "Payments")
	growth := dealPod(t, e.DB, "Growth")
	key, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "priya raman", key); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SharePod(ctx, pay.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatTechLead}, nil); err != nil {
		t.Fatal(err)
	}
	shared := e.Request(pay.ID, "Globex", 180_000, time.Hour)
	e.Request(growth.ID, "Initech", 180_000, time.Hour)

	dd := approveTopRow(t, e, showQueue(e, pay.ID))
	if dd.recorder.Selected != "Priya Raman" || !dd.recorder.Disabled() {
		t.Fatalf("Recorded by in the shared pod: %q (disabled %v)", dd.recorder.Selected, dd.recorder.Disabled())
	}
	test.Tap(dd.Confirm)
	e.Wait()
	hist, err := e.DB.DealHistory(ctx, shared.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; last.Change() != "Pending → Approved" || last.Who() != "Priya Raman (Tech Lead)" {
		t.Errorf("the approval reads %q by %q", last.Change(), last.Who())
	}

	dd = approveTopRow(t, e, showQueue(e, growth.ID))
	if dd.recorder.Selected != "Priya Raman" || dd.recorder.Disabled() {
		t.Errorf("Recorded by in a pod not shared: %q (disabled %v)", dd.recorder.Selected, dd.recorder.Disabled())
	}
}

// A member the shared pod names nowhere (the team knows them by another
// spelling) is still who the dialog says is at the laptop, and the store
// takes the decision and records them.
func TestRecordedByNamesAMemberThePodDoesNot(t *testing.T) {
	ctx := context.Background()
	e := apptest.NewShared(t)
	pay := dealPod(t, e.DB, "Payments")
	key, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Priya R.", key); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SharePod(ctx, pay.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatTechLead}, nil); err != nil {
		t.Fatal(err)
	}
	r := e.Request(pay.ID, "Globex", 180_000, time.Hour)
	dd := approveTopRow(t, e, showQueue(e, pay.ID))
	if dd.recorder.Selected != "Priya R." || dd.recorder.Options[0] != "Priya R." {
		t.Fatalf("Recorded by: %q of %v", dd.recorder.Selected, dd.recorder.Options)
	}
	test.Tap(dd.Confirm)
	e.Wait()
	if !dd.Problem.Hidden {
		t.Fatalf("the approval was refused: %s", dd.Problem.Text)
	}
	hist, _ := e.DB.DealHistory(ctx, r.ID)
	if last := hist[len(hist)-1]; last.To != data.DealApproved || !strings.Contains(last.Who(), "recorded by Priya R.") {
		t.Errorf("the approval reads %q by %q", last.Change(), last.Who())
	}
}
