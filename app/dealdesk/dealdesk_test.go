package dealdesk

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// router shows this package's screens for the routes that name them, as
// the window's router does, and keeps the screen shown last.
type router struct{ current any }

func route(e *apptest.Env) *router {
	rt := &router{}
	e.Router = func(sc *shell.Scope, r shell.Route) (shell.Screen, bool) {
		var content fyne.CanvasObject
		switch r := r.(type) {
		case shell.DealDesk:
			q := NewQueue(sc, 0)
			rt.current, content = q, q.Build()
		case shell.Pod: // the pod page's deal-desk tab
			q := NewQueue(sc, r.ID)
			rt.current, content = q, q.Build()
		case shell.DealRequest:
			pg := NewPage(sc, r.ID, r.Back)
			rt.current, content = pg, pg.Build()
		case shell.EditDealRequest:
			f := NewForm(sc, r.Request, shell.DealRequest{ID: r.Request.ID, Back: r.Back}, r.Back)
			rt.current, content = f, f.Build()
		default:
			return shell.Screen{}, false
		}
		return shell.Screen{Content: content}, true
	}
	return rt
}

func dealPod(t *testing.T, db *sqlite.DB, name string) data.Pod {
	return apptest.Pod(t, db, name, "Marta Silva")
}

func TestQueueApproveLeavesThePendingList(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	late := e.Request(pod.ID, "Umbrella Health", 240_000, 27*time.Hour)
	fresh := e.Request(pod.ID, "Globex", 180_000, 2*time.Hour)
	e.Request(pod.ID, "Vandelay", 20_000, time.Hour) // below the threshold

	queue := showQueue(e, 0)
	queue.stateFilter.SetSelected(data.DealPending.Label())
	if queue.list.Length() != 2 || queue.shown[0].ID != late.ID || queue.shown[1].ID != fresh.ID {
		t.Fatalf("pending list = %+v, want the overdue request first", queue.shown)
	}
	if queue.pendingN.Text != "2" || queue.overdueN.Text != "1" || queue.pendingARR.Text != "$420k" {
		t.Errorf("totals = %s pending, %s overdue, %s", queue.pendingN.Text, queue.overdueN.Text, queue.pendingARR.Text)
	}
	if l := e.LabelWith("overdue by 3 h"); l == nil || l.Importance != widget.DangerImportance {
		t.Errorf("the overdue request does not read red: %v", l)
	}

	approve := e.VisibleButtons("Approve")
	if len(approve) != 2 {
		t.Fatalf("%d Approve buttons shown, want one per pending request", len(approve))
	}
	test.Tap(approve[0]) // the top row: Umbrella Health
	if queue.dialog == nil {
		t.Fatal("Approve did not ask for a comment")
	}
	test.Type(queue.dialog.comment, "Fits Q1")
	// A delegate is one of the pod's names, picked, not typed; the
	// facilitator keys it in and the record says so.
	if got := queue.dialog.delegate.Options; len(got) != 2 || got[0] != "Priya Raman (Tech Lead)" || got[1] != "Marta Silva" {
		t.Fatalf("delegate choices = %v", got)
	}
	queue.dialog.delegate.SetSelected("Marta Silva")
	e.Advance(time.Minute) // decided a minute after the others were received
	test.Tap(queue.dialog.Confirm)
	e.Wait()

	got, _ := db.DealRequest(context.Background(), late.ID)
	if got.State != data.DealApproved {
		t.Fatalf("stored state = %s", got.State)
	}
	if queue.list.Length() != 1 || queue.shown[0].ID != fresh.ID {
		t.Errorf("after approving, pending list = %+v", queue.shown)
	}
	if queue.pendingN.Text != "1" || queue.overdueN.Text != "0" || len(e.VisibleButtons("Approve")) != 1 {
		t.Errorf("after approving: %s pending, %s overdue", queue.pendingN.Text, queue.overdueN.Text)
	}
	hist, _ := db.DealHistory(context.Background(), late.ID)
	last := hist[len(hist)-1]
	if last.Who() != "Marta Silva for Priya Raman (Tech Lead), recorded by Daniel Okafor" || last.Comment != "Fits Q1" || last.Change() != "Pending → Approved" {
		t.Errorf("history line = %+v", last)
	}

	// Under "All states" the approved request is still there, below the pending one.
	queue.stateFilter.SetSelected(allStates)
	if queue.list.Length() != 3 || queue.shown[0].ID != fresh.ID || queue.shown[1].State != data.DealApproved {
		t.Errorf("all states = %+v", queue.shown)
	}
}

// showQueue shows the queue as the sidebar button (podID 0) or a pod's
// tab does.
func showQueue(e *apptest.Env, podID int64) *Queue {
	q := NewQueue(e.Scope(), podID)
	e.ShowContent(q.sc, q.Build())
	return q
}

func TestQueueRejectNeedsAReason(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	r := e.Request(pod.ID, "Hooli", 300_000, time.Hour)
	q := showQueue(e, 0)
	test.Tap(e.VisibleButtons("Reject")[0])
	test.Tap(q.dialog.Confirm)
	e.Wait()
	if q.dialog.Problem.Hidden || !strings.Contains(q.dialog.Problem.Text, "reason") {
		t.Errorf("rejecting without a reason: problem %q", q.dialog.Problem.Text)
	}
	if got, _ := db.DealRequest(context.Background(), r.ID); got.State != data.DealPending {
		t.Fatalf("rejected without a reason: %s", got.State)
	}
	test.Type(q.dialog.comment, "We do not ship on-premises")
	test.Tap(q.dialog.Confirm)
	e.Wait()
	if got, _ := db.DealRequest(context.Background(), r.ID); got.State != data.DealRejected {
		t.Errorf("state = %s", got.State)
	}
	hist, _ := db.DealHistory(context.Background(), r.ID)
	if hist[len(hist)-1].Comment != "We do not ship on-premises" {
		t.Errorf("reason not in the history: %+v", hist)
	}
}

func TestQueueCountdownUpdatesAndStopsWhenLeft(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	e.Request(pod.ID, "Initech", 95_000, 19*time.Hour+50*time.Minute) // due in 4 h 10 m

	e.Sh.Tick = time.Hour // a ticker runs, but never fires during the test
	q := showQueue(e, 0)
	if n := q.sc.Ticking(); n != 1 {
		t.Fatalf("the queue runs %d tickers, want its countdown's", n)
	}
	if l := e.LabelWith("4 h 10 m left"); l == nil || l.Importance != widget.MediumImportance {
		t.Fatalf("countdown = %v", l)
	}
	e.Advance(15 * time.Minute)
	q.refreshTimes()
	if l := e.LabelWith("3 h 55 m left"); l == nil || l.Importance != widget.WarningImportance {
		t.Errorf("under 4 hours the countdown is not amber: %v", l)
	}
	e.Advance(7 * time.Hour)
	q.refreshTimes()
	if l := e.LabelWith("overdue by 3 h 5 m"); l == nil || l.Importance != widget.DangerImportance || q.overdueN.Text != "1" {
		t.Errorf("past due the countdown is not red: %v, overdue %s", l, q.overdueN.Text)
	}

	e.ShowContent(e.Scope(), widget.NewLabel("another screen")) // leaving the queue ends its ticker
	if n := q.sc.Ticking(); n != 0 || !q.sc.Left() {
		t.Errorf("after leaving, %d tickers run", n)
	}
}

func TestDealFormShowsProblemsAndSavesNothing(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	route(e)
	f := NewForm(e.Scope(), data.DealRequest{PodID: pod.ID}, shell.DealDesk{}, shell.DealDesk{})
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	if f.pod.Select.Selected != "Payments" {
		t.Fatalf("pod not preselected: %q", f.pod.Select.Selected)
	}
	test.Type(f.value, "fifty grand")
	test.Type(f.repName, "Maya Chen")
	f.receivedTime.SetText("23:30") // later today: in the future

	// 100 KB pasted into the description is refused with a message, at once.
	e.Sh.App.Clipboard().SetContent(strings.Repeat("Single sign-on. ", 6400))
	e.Sh.Win.Canvas().Focus(f.features)
	f.features.TypedShortcut(&fyne.ShortcutPaste{Clipboard: e.Sh.App.Clipboard()})
	if f.features.Text != "" || !strings.Contains(f.problems["features"].Text, "at most 5,000 characters; with the pasted text it would be 102,400") {
		t.Fatalf("100 KB paste: text %d chars, message %q", len(f.features.Text), f.problems["features"].Text)
	}
	test.Tap(f.save)
	e.Wait()
	for field, want := range map[string]string{
		"customer":    "Enter the customer",
		"value":       "not an amount",
		"features":    "Describe the feature",
		"received_at": "in the future",
	} {
		if got := f.problems[field].Text; !strings.Contains(got, want) || f.problems[field].Hidden {
			t.Errorf("%s message = %q, want %q", field, got, want)
		}
	}
	if rs, _ := db.DealRequests(context.Background(), data.DealFilter{}); len(rs) != 0 {
		t.Fatalf("invalid request reached the store: %+v", rs)
	}

	f.value.SetText("-5")
	test.Tap(f.save)
	if got := f.problems["value"].Text; !strings.Contains(got, "cannot be negative") {
		t.Errorf("negative value message = %q", got)
	}

	// Fixed, it saves once and opens the request's page.
	test.Type(f.customer, "Globex")
	f.value.SetText("$120,000")
	f.features.SetText("SAML single sign-on")
	f.receivedTime.SetText("08:15")
	if !strings.Contains(f.preview.Text, "due Thu 26 Nov 08:15") {
		t.Errorf("preview = %q", f.preview.Text)
	}
	test.Tap(f.save)
	e.Wait()
	rs, _ := db.DealRequests(context.Background(), data.DealFilter{})
	if len(rs) != 1 || rs[0].Customer != "Globex" || rs[0].Value != data.Dollars(120_000) || rs[0].State != data.DealPending ||
		!rs[0].ReceivedAt.Equal(time.Date(2026, 11, 25, 8, 15, 0, 0, time.Local)) {
		t.Fatalf("saved = %+v", rs)
	}
	if !apptest.ContainsText(e.Screen(), "Globex") || !apptest.ContainsText(e.Screen(), "Recorded · Pending") {
		t.Error("saving did not open the request's page with its history")
	}
}

func TestDealRemindersNotifyOncePerThreshold(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	e.Request(pod.ID, "Initech", 95_000, 20*time.Hour) // 80% of 24 h passed
	var got []string
	e.Sh.Notify = func(n *fyne.Notification) { got = append(got, n.Title+": "+n.Content) }

	CheckReminders(e.Sh.Window())
	CheckReminders(e.Sh.Window())
	if len(got) != 1 || !strings.Contains(got[0], "due soon") || !strings.Contains(got[0], "4 h left") {
		t.Fatalf("after two checks at 80%%: %q", got)
	}
	e.Advance(4*time.Hour + time.Minute)
	CheckReminders(e.Sh.Window())
	CheckReminders(e.Sh.Window())
	if len(got) != 2 || !strings.Contains(got[1], "overdue") {
		t.Fatalf("after going overdue: %q", got)
	}

	// A restart (a new window on the same database) does not repeat them.
	again := apptest.NewShell(e.App, db)
	again.Now, again.Notify = e.Sh.Now, e.Sh.Notify
	CheckReminders(again.Window())
	if len(got) != 2 {
		t.Errorf("a restart repeated reminders: %q", got)
	}
}

func TestDealDeskPanelForTheMeeting(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	old := e.Request(pod.ID, "Old Co", 90_000, 10*24*time.Hour)
	late := e.Request(pod.ID, "Late Co", 90_000, 30*time.Hour)
	e.Request(pod.ID, "New Co", 90_000, 2*time.Hour)
	if _, err := db.DecideDealRequest(context.Background(), data.DealDecision{RequestID: old.ID, Action: data.ActReject, Comment: "No"}); err != nil {
		t.Fatal(err)
	}
	p := NewPanel(e.Scope(), pod.ID, apptest.Start().Add(-7*24*time.Hour))
	e.ShowContent(p.sc, p.Build())
	e.Wait()
	for _, want := range []string{"Overdue (1)", "Received since the last meeting (2)", "Decided since the last meeting (1)", "Late Co", "New Co", "Old Co"} {
		if !apptest.ContainsText(e.Screen(), want) {
			t.Errorf("panel does not show %q", want)
		}
	}
	// Approving the overdue one works as from the queue.
	for _, o := range test.LaidOutObjects(e.Screen()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" {
			test.Tap(b)
			break
		}
	}
	test.Tap(p.dialog.Confirm)
	e.Wait()
	if got, _ := db.DealRequest(context.Background(), late.ID); got.State != data.DealApproved {
		t.Fatalf("state = %s", got.State)
	}
	if !apptest.ContainsText(e.Screen(), "Overdue (0)") || !apptest.ContainsText(e.Screen(), "Decided since the last meeting (2)") {
		t.Error("the panel did not move the approved request to the decisions")
	}
}

func TestPodTabShowsConcentrationWarning(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	if err := demo.Fill(context.Background(), db, apptest.Start()); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(context.Background())
	// One warning per customer, naming both the ARR share and the share of
	// the planned roadmap effort (the sample links two Globex deals to the
	// roadmap; Mobile App's roadmap leans on one customer without a deal).
	want := map[string]string{
		"Payments":   "Globex Corporation holds 78.62% of committed ARR ($570k of $725k) and 24.24% of the planned roadmap effort (2 items)",
		"Mobile App": "Pacific Beverage Co. holds none of the committed ARR and 51.61% of the planned roadmap effort (2 items)",
	}
	for _, p := range pods {
		q := showQueue(e, p.ID)
		if !apptest.ContainsText(q.warnings, want[p.Name]) || len(q.warnings.Objects) != 1 {
			t.Errorf("%s: %d warnings, want one saying %q", p.Name, len(q.warnings.Objects), want[p.Name])
		}
		if q.list.Length() == 0 {
			t.Errorf("%s: the sample queue is empty", p.Name)
		}
	}
}

func TestRequestPageResubmitWithdrawAndReopen(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	r := e.Request(pod.ID, "Soylent", 85_000, 3*time.Hour)
	ctx := context.Background()
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActRequestChanges,
		Comment: "Drop the uptime clause"}); err != nil {
		t.Fatal(err)
	}
	back := shell.Pod{ID: pod.ID, Tab: shell.TabDealDesk} // opened from the pod's queue
	rt := route(e)
	e.Sh.Go(shell.DealRequest{ID: r.ID, Back: back})
	pg := rt.current.(*Page)
	if !apptest.ContainsText(e.Screen(), "Drop the uptime clause") || !apptest.ContainsText(e.Screen(), "Pending → Changes requested") {
		t.Fatal("the page does not show the history")
	}

	// The rep reworks the request: saving resubmits it, with a fresh SLA
	// from the resubmission (the clock waited while the rep had it).
	test.Tap(e.VisibleButtons("Edit and resubmit")[0])
	f, ok := rt.current.(*Form)
	if !ok {
		t.Fatal("Edit did not open the form")
	}
	e.Wait()
	if f.value.Text != "85,000" || f.customer.Text != "Soylent" || !f.pod.Select.Disabled() {
		t.Errorf("form not filled: value %q customer %q", f.value.Text, f.customer.Text)
	}
	f.features.SetText("Refund webhooks only")
	e.Advance(time.Hour)
	test.Tap(f.save)
	e.Wait()
	got, _ := db.DealRequest(ctx, r.ID)
	if got.State != data.DealPending || got.Features != "Refund webhooks only" || !got.DueAt.Equal(e.Now().Add(24*time.Hour)) {
		t.Fatalf("after resubmitting: %+v", got)
	}
	if !apptest.ContainsText(e.Screen(), "Changes requested → Pending") {
		t.Error("the page after saving does not show the resubmission")
	}
	// Its back button still returns to the queue it came from, not to
	// the page as it was before the edit.
	test.Tap(e.VisibleButtons("Deal desk")[0])
	e.Wait()
	if got, ok := e.Last().(shell.Pod); !ok || got != back {
		t.Fatalf("back after an edit went to %#v, want %#v", e.Last(), back)
	}

	// Approved is final until reopened, with a reason.
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	e.Sh.Go(shell.DealRequest{ID: r.ID, Back: back})
	pg = rt.current.(*Page)
	if len(e.VisibleButtons("Edit")) != 0 || len(e.VisibleButtons("Withdraw")) != 0 {
		t.Error("an approved request can still be edited or withdrawn")
	}
	test.Tap(e.VisibleButtons("Reopen")[0])
	test.Tap(pg.dialog.Confirm)
	if !strings.Contains(pg.dialog.Problem.Text, "Say why") {
		t.Errorf("reopen without a reason: %q", pg.dialog.Problem.Text)
	}
	test.Type(pg.dialog.comment, "Customer widened the scope")
	test.Tap(pg.dialog.Confirm)
	e.Wait()
	if got, _ := db.DealRequest(ctx, r.ID); got.State != data.DealPending {
		t.Errorf("after reopening: %s", got.State)
	}
	test.Tap(e.VisibleButtons("Deal desk")[0])
	e.Wait()
	if q, ok := rt.current.(*Queue); !ok || e.Last() != shell.Route(back) || q.podID != pod.ID {
		t.Errorf("the back button went to %#v, not the pod's queue", e.Last())
	}
}

func TestQueueFiltersByPodAndState(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pay := dealPod(t, db, "Payments")
	mob := dealPod(t, db, "Mobile App")
	e.Request(pay.ID, "Globex", 180_000, 2*time.Hour)
	e.Request(pay.ID, "Vandelay", 20_000, time.Hour)
	e.Request(mob.ID, "Acme Retail", 130_000, 3*time.Hour)
	q := showQueue(e, 0)
	if q.list.Length() != 3 || q.pendingN.Text != "2" || q.pendingARR.Text != "$310k" {
		t.Fatalf("all pods: %d rows, %s pending, %s", q.list.Length(), q.pendingN.Text, q.pendingARR.Text)
	}
	q.podFilter.Select.SetSelected("Mobile App")
	e.Wait()
	if q.list.Length() != 1 || q.shown[0].Customer != "Acme Retail" || q.pendingARR.Text != "$130k" {
		t.Errorf("Mobile App only: %+v, %s", q.shown, q.pendingARR.Text)
	}
	q.podFilter.Select.SetSelected("Payments")
	q.stateFilter.SetSelected(data.DealNoSignOff.Label())
	e.Wait()
	if q.list.Length() != 1 || q.shown[0].Customer != "Vandelay" || !e.LabelContains("not above the $50k threshold") {
		t.Errorf("Payments, no sign-off: %+v", q.shown)
	}
	q.stateFilter.SetSelected(data.DealRejected.Label())
	if q.list.Length() != 0 || q.empty.Hidden || !strings.Contains(q.empty.Text, "No rejected requests") {
		t.Errorf("empty filter: %d rows, note %q", q.list.Length(), q.empty.Text)
	}
}

// Editing a request's notes must not move its due time: the form shows
// received-at to the minute, the store keeps its seconds.
func TestEditingARequestKeepsItsDueTime(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	p := dealPod(t, db, "Payments")
	r := e.Request(p.ID, "Globex", 90_000, 2*time.Hour+17*time.Second)
	f := NewForm(e.Scope(), r, shell.DealDesk{}, shell.DealDesk{})
	e.ShowContent(f.sc, f.Build())
	f.notes.SetText("Called the customer back")
	test.Tap(f.save)
	e.Wait()
	got, err := db.DealRequest(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != "Called the customer back" || !got.ReceivedAt.Equal(r.ReceivedAt) || !got.DueAt.Equal(r.DueAt) {
		t.Errorf("after editing the notes: received %v (was %v), due %v (was %v), notes %q",
			got.ReceivedAt, r.ReceivedAt, got.DueAt, r.DueAt, got.Notes)
	}
}
