package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// dealTestNow is the fixed clock shared by the window and the store.
var dealTestNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)

// newDealTestUI is newTestUI with the store on the same settable clock, so
// "received two hours ago" means the same moment to both.
func newDealTestUI(t *testing.T) (*UI, *sqlite.DB, *time.Time) {
	t.Helper()
	a := test.NewTempApp(t)
	now := dealTestNow
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	u := newUI(a, db, Info{Version: "test"}, true)
	u.sh.Now = func() time.Time { return now }
	t.Cleanup(u.sh.Win.Close)
	u.sh.Wait()
	return u, db, &now
}

func dealPod(t *testing.T, db *sqlite.DB, name string) data.Pod {
	t.Helper()
	p := data.NewPod()
	p.Name = name
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Daniel Okafor", "Sofia Lindqvist"
	p.Delegates = []string{"Marta Silva"}
	p, err := db.CreatePod(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func dealRequest(t *testing.T, db *sqlite.DB, podID int64, customer string, value int64, age time.Duration) data.DealRequest {
	t.Helper()
	r, err := db.CreateDealRequest(context.Background(), data.DealRequest{PodID: podID, Customer: customer,
		Value: data.Dollars(value), RepName: "Maya Chen", Features: "SAML single sign-on", NeedsNewFeature: true,
		ReceivedAt: dealTestNow.Add(-age)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// shownObjects lays out the window and returns everything drawn in it,
// including the rows a list has created.
func shownObjects(u *UI) []fyne.CanvasObject {
	u.sh.Win.Resize(fyne.NewSize(1180, 760))
	return test.LaidOutObjects(u.sh.Win.Canvas().Content())
}

func visibleButtons(u *UI, text string) []*widget.Button {
	var out []*widget.Button
	for _, o := range shownObjects(u) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

func labelWith(u *UI, prefix string) *widget.Label {
	for _, o := range shownObjects(u) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, prefix) && l.Visible() {
			return l
		}
	}
	return nil
}

func TestQueueApproveLeavesThePendingList(t *testing.T) {
	u, db, now := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	late := dealRequest(t, db, pod.ID, "Umbrella Health", 240_000, 27*time.Hour)
	fresh := dealRequest(t, db, pod.ID, "Globex", 180_000, 2*time.Hour)
	dealRequest(t, db, pod.ID, "Vandelay", 20_000, time.Hour) // below the threshold

	queue := showQueue(u, 0)
	queue.stateFilter.SetSelected(data.DealPending.Label())
	if queue.list.Length() != 2 || queue.shown[0].ID != late.ID || queue.shown[1].ID != fresh.ID {
		t.Fatalf("pending list = %+v, want the overdue request first", queue.shown)
	}
	if queue.pendingN.Text != "2" || queue.overdueN.Text != "1" || queue.pendingARR.Text != "$420k" {
		t.Errorf("totals = %s pending, %s overdue, %s", queue.pendingN.Text, queue.overdueN.Text, queue.pendingARR.Text)
	}
	if l := labelWith(u, "overdue by 3 h"); l == nil || l.Importance != widget.DangerImportance {
		t.Errorf("the overdue request does not read red: %v", l)
	}

	approve := visibleButtons(u, "Approve")
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
	*now = now.Add(time.Minute) // decided a minute after the others were received
	test.Tap(queue.dialog.Confirm)
	u.sh.Wait()

	got, _ := db.DealRequest(context.Background(), late.ID)
	if got.State != data.DealApproved {
		t.Fatalf("stored state = %s", got.State)
	}
	if queue.list.Length() != 1 || queue.shown[0].ID != fresh.ID {
		t.Errorf("after approving, pending list = %+v", queue.shown)
	}
	if queue.pendingN.Text != "1" || queue.overdueN.Text != "0" || len(visibleButtons(u, "Approve")) != 1 {
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
func showQueue(u *UI, podID int64) *dealQueue {
	q := newDealQueue(u.sh.NewScope(), podID)
	show(u, q.sc, q.build())
	u.sh.Wait()
	return q
}

func TestQueueRejectNeedsAReason(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	r := dealRequest(t, db, pod.ID, "Hooli", 300_000, time.Hour)
	q := showQueue(u, 0)
	test.Tap(visibleButtons(u, "Reject")[0])
	test.Tap(q.dialog.Confirm)
	u.sh.Wait()
	if q.dialog.Problem.Hidden || !strings.Contains(q.dialog.Problem.Text, "reason") {
		t.Errorf("rejecting without a reason: problem %q", q.dialog.Problem.Text)
	}
	if got, _ := db.DealRequest(context.Background(), r.ID); got.State != data.DealPending {
		t.Fatalf("rejected without a reason: %s", got.State)
	}
	test.Type(q.dialog.comment, "We do not ship on-premises")
	test.Tap(q.dialog.Confirm)
	u.sh.Wait()
	if got, _ := db.DealRequest(context.Background(), r.ID); got.State != data.DealRejected {
		t.Errorf("state = %s", got.State)
	}
	hist, _ := db.DealHistory(context.Background(), r.ID)
	if hist[len(hist)-1].Comment != "We do not ship on-premises" {
		t.Errorf("reason not in the history: %+v", hist)
	}
}

func TestQueueCountdownUpdatesAndStopsWhenLeft(t *testing.T) {
	u, db, now := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	dealRequest(t, db, pod.ID, "Initech", 95_000, 19*time.Hour+50*time.Minute) // due in 4 h 10 m

	u.sh.Tick = time.Hour // a ticker runs, but never fires during the test
	q := showQueue(u, 0)
	if n := q.sc.Ticking(); n != 1 {
		t.Fatalf("the queue runs %d tickers, want its countdown's", n)
	}
	if l := labelWith(u, "4 h 10 m left"); l == nil || l.Importance != widget.MediumImportance {
		t.Fatalf("countdown = %v", l)
	}
	*now = now.Add(15 * time.Minute)
	q.refreshTimes()
	if l := labelWith(u, "3 h 55 m left"); l == nil || l.Importance != widget.WarningImportance {
		t.Errorf("under 4 hours the countdown is not amber: %v", l)
	}
	*now = now.Add(7 * time.Hour)
	q.refreshTimes()
	if l := labelWith(u, "overdue by 3 h 5 m"); l == nil || l.Importance != widget.DangerImportance || q.overdueN.Text != "1" {
		t.Errorf("past due the countdown is not red: %v, overdue %s", l, q.overdueN.Text)
	}

	u.Go(shell.Settings{}) // leaving the queue runs its stop function
	if n := q.sc.Ticking(); n != 0 || !q.sc.Left() {
		t.Errorf("after leaving, %d tickers run", n)
	}
}

func TestDealFormShowsProblemsAndSavesNothing(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	f := newDealForm(u.sh.NewScope(), data.DealRequest{PodID: pod.ID}, shell.DealDesk{}, shell.DealDesk{})
	show(u, f.sc, f.build())
	u.sh.Wait()
	if f.pod.Select.Selected != "Payments" {
		t.Fatalf("pod not preselected: %q", f.pod.Select.Selected)
	}
	test.Type(f.value, "fifty grand")
	test.Type(f.repName, "Maya Chen")
	f.receivedTime.SetText("23:30") // later today: in the future

	// 100 KB pasted into the description is refused with a message, at once.
	u.sh.App.Clipboard().SetContent(strings.Repeat("Single sign-on. ", 6400))
	u.sh.Win.Canvas().Focus(f.features)
	f.features.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.sh.App.Clipboard()})
	if f.features.Text != "" || !strings.Contains(f.problems["features"].Text, "at most 5,000 characters; with the pasted text it would be 102,400") {
		t.Fatalf("100 KB paste: text %d chars, message %q", len(f.features.Text), f.problems["features"].Text)
	}
	test.Tap(f.save)
	u.sh.Wait()
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
	u.sh.Wait()
	rs, _ := db.DealRequests(context.Background(), data.DealFilter{})
	if len(rs) != 1 || rs[0].Customer != "Globex" || rs[0].Value != data.Dollars(120_000) || rs[0].State != data.DealPending ||
		!rs[0].ReceivedAt.Equal(time.Date(2026, 11, 25, 8, 15, 0, 0, time.Local)) {
		t.Fatalf("saved = %+v", rs)
	}
	if !containsText(u.screen, "Globex") || !containsText(u.screen, "Recorded · Pending") {
		t.Error("saving did not open the request's page with its history")
	}
}

func TestDealRemindersNotifyOncePerThreshold(t *testing.T) {
	u, db, now := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	dealRequest(t, db, pod.ID, "Initech", 95_000, 20*time.Hour) // 80% of 24 h passed
	var got []string
	u.sh.Notify = func(n *fyne.Notification) { got = append(got, n.Title+": "+n.Content) }

	u.checkDealReminders()
	u.checkDealReminders()
	if len(got) != 1 || !strings.Contains(got[0], "due soon") || !strings.Contains(got[0], "4 h left") {
		t.Fatalf("after two checks at 80%%: %q", got)
	}
	*now = now.Add(4*time.Hour + time.Minute)
	u.checkDealReminders()
	u.checkDealReminders()
	if len(got) != 2 || !strings.Contains(got[1], "overdue") {
		t.Fatalf("after going overdue: %q", got)
	}

	// A restart (a new window on the same database) does not repeat them.
	u2 := newUI(test.NewTempApp(t), db, Info{}, true)
	t.Cleanup(u2.sh.Win.Close)
	u2.sh.Now = u.sh.Now
	u2.sh.Notify = u.sh.Notify
	u2.checkDealReminders()
	if len(got) != 2 {
		t.Errorf("a restart repeated reminders: %q", got)
	}
}

func TestDealDeskPanelForTheMeeting(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	old := dealRequest(t, db, pod.ID, "Old Co", 90_000, 10*24*time.Hour)
	late := dealRequest(t, db, pod.ID, "Late Co", 90_000, 30*time.Hour)
	dealRequest(t, db, pod.ID, "New Co", 90_000, 2*time.Hour)
	if _, err := db.DecideDealRequest(context.Background(), data.DealDecision{RequestID: old.ID, Action: data.ActReject, Comment: "No"}); err != nil {
		t.Fatal(err)
	}
	p := newDealDeskPanel(u.sh.NewScope(), pod.ID, dealTestNow.Add(-7*24*time.Hour))
	show(u, p.sc, p.build())
	u.sh.Wait()
	for _, want := range []string{"Overdue (1)", "Received since the last meeting (2)", "Decided since the last meeting (1)", "Late Co", "New Co", "Old Co"} {
		if !containsText(u.screen, want) {
			t.Errorf("panel does not show %q", want)
		}
	}
	// Approving the overdue one works as from the queue.
	for _, o := range test.LaidOutObjects(u.screen) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Approve" {
			test.Tap(b)
			break
		}
	}
	test.Tap(p.dialog.Confirm)
	u.sh.Wait()
	if got, _ := db.DealRequest(context.Background(), late.ID); got.State != data.DealApproved {
		t.Fatalf("state = %s", got.State)
	}
	if !containsText(u.screen, "Overdue (0)") || !containsText(u.screen, "Decided since the last meeting (2)") {
		t.Error("the panel did not move the approved request to the decisions")
	}
}

func TestPodTabShowsConcentrationWarning(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	if err := demo.Fill(context.Background(), db, dealTestNow); err != nil {
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
		q := showQueue(u, p.ID)
		if !containsText(q.warnings, want[p.Name]) || len(q.warnings.Objects) != 1 {
			t.Errorf("%s: %d warnings, want one saying %q", p.Name, len(q.warnings.Objects), want[p.Name])
		}
		if q.list.Length() == 0 {
			t.Errorf("%s: the sample queue is empty", p.Name)
		}
	}
}

func TestRequestPageResubmitWithdrawAndReopen(t *testing.T) {
	u, db, now := newDealTestUI(t)
	pod := dealPod(t, db, "Payments")
	r := dealRequest(t, db, pod.ID, "Soylent", 85_000, 3*time.Hour)
	ctx := context.Background()
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActRequestChanges,
		Comment: "Drop the uptime clause"}); err != nil {
		t.Fatal(err)
	}
	back := shell.Pod{ID: pod.ID, Tab: shell.TabDealDesk} // opened from the pod's queue
	u.Go(shell.DealRequest{ID: r.ID, Back: back})
	u.sh.Wait()
	pg := u.current.(*dealPage)
	if !containsText(u.screen, "Drop the uptime clause") || !containsText(u.screen, "Pending → Changes requested") {
		t.Fatal("the page does not show the history")
	}

	// The rep reworks the request: saving resubmits it, with a fresh SLA
	// from the resubmission (the clock waited while the rep had it).
	test.Tap(visibleButtons(u, "Edit and resubmit")[0])
	f, ok := u.current.(*dealForm)
	if !ok {
		t.Fatal("Edit did not open the form")
	}
	u.sh.Wait()
	if f.value.Text != "85,000" || f.customer.Text != "Soylent" || !f.pod.Select.Disabled() {
		t.Errorf("form not filled: value %q customer %q", f.value.Text, f.customer.Text)
	}
	f.features.SetText("Refund webhooks only")
	*now = now.Add(time.Hour)
	test.Tap(f.save)
	u.sh.Wait()
	got, _ := db.DealRequest(ctx, r.ID)
	if got.State != data.DealPending || got.Features != "Refund webhooks only" || !got.DueAt.Equal(now.Add(24*time.Hour)) {
		t.Fatalf("after resubmitting: %+v", got)
	}
	if !containsText(u.screen, "Changes requested → Pending") {
		t.Error("the page after saving does not show the resubmission")
	}
	// Its back button still returns to the queue it came from, not to
	// the page as it was before the edit.
	test.Tap(visibleButtons(u, "Deal desk")[0])
	u.sh.Wait()
	if got, ok := u.route.(shell.Pod); !ok || got != back {
		t.Fatalf("back after an edit went to %#v, want %#v", u.route, back)
	}

	// Approved is final until reopened, with a reason.
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	u.Go(shell.DealRequest{ID: r.ID, Back: back})
	u.sh.Wait()
	pg = u.current.(*dealPage)
	if len(visibleButtons(u, "Edit")) != 0 || len(visibleButtons(u, "Withdraw")) != 0 {
		t.Error("an approved request can still be edited or withdrawn")
	}
	test.Tap(visibleButtons(u, "Reopen")[0])
	test.Tap(pg.dialog.Confirm)
	if !strings.Contains(pg.dialog.Problem.Text, "Say why") {
		t.Errorf("reopen without a reason: %q", pg.dialog.Problem.Text)
	}
	test.Type(pg.dialog.comment, "Customer widened the scope")
	test.Tap(pg.dialog.Confirm)
	u.sh.Wait()
	if got, _ := db.DealRequest(ctx, r.ID); got.State != data.DealPending {
		t.Errorf("after reopening: %s", got.State)
	}
	test.Tap(visibleButtons(u, "Deal desk")[0])
	u.sh.Wait()
	if pp, ok := u.current.(*podPage); !ok || pp.tabs.Selected() != pp.tabItems[shell.TabDealDesk] {
		t.Errorf("the back button went to %#v, not the pod's queue", u.route)
	}
}

func TestSettingsConcentrationLimit(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	s := newSettingsScreen(u.sh.NewScope())
	show(u, s.sc, s.build())
	u.sh.Wait()
	if s.concentration.Text != "40%" {
		t.Fatalf("loaded limit %q", s.concentration.Text)
	}
	s.concentration.SetText("0")
	test.Tap(s.save)
	u.sh.Wait()
	if !strings.Contains(s.problems["concentration_limit"].Text, "above 0%") {
		t.Errorf("zero limit message = %q", s.problems["concentration_limit"].Text)
	}
	s.concentration.SetText("35%")
	test.Tap(s.save)
	u.sh.Wait()
	if st, _ := db.Settings(context.Background()); st.ConcentrationLimit != 3500 {
		t.Errorf("saved limit = %v", st.ConcentrationLimit)
	}
}

func TestQueueFiltersByPodAndState(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	pay := dealPod(t, db, "Payments")
	mob := dealPod(t, db, "Mobile App")
	dealRequest(t, db, pay.ID, "Globex", 180_000, 2*time.Hour)
	dealRequest(t, db, pay.ID, "Vandelay", 20_000, time.Hour)
	dealRequest(t, db, mob.ID, "Acme Retail", 130_000, 3*time.Hour)
	q := showQueue(u, 0)
	if q.list.Length() != 3 || q.pendingN.Text != "2" || q.pendingARR.Text != "$310k" {
		t.Fatalf("all pods: %d rows, %s pending, %s", q.list.Length(), q.pendingN.Text, q.pendingARR.Text)
	}
	q.podFilter.Select.SetSelected("Mobile App")
	u.sh.Wait()
	if q.list.Length() != 1 || q.shown[0].Customer != "Acme Retail" || q.pendingARR.Text != "$130k" {
		t.Errorf("Mobile App only: %+v, %s", q.shown, q.pendingARR.Text)
	}
	q.podFilter.Select.SetSelected("Payments")
	q.stateFilter.SetSelected(data.DealNoSignOff.Label())
	u.sh.Wait()
	if q.list.Length() != 1 || q.shown[0].Customer != "Vandelay" || !labelContains(u, "not above the $50k threshold") {
		t.Errorf("Payments, no sign-off: %+v", q.shown)
	}
	q.stateFilter.SetSelected(data.DealRejected.Label())
	if q.list.Length() != 0 || q.empty.Hidden || !strings.Contains(q.empty.Text, "No rejected requests") {
		t.Errorf("empty filter: %d rows, note %q", q.list.Length(), q.empty.Text)
	}
}

func labelContains(u *UI, s string) bool {
	for _, o := range shownObjects(u) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// Editing a request's notes must not move its due time: the form shows
// received-at to the minute, the store keeps its seconds.
func TestEditingARequestKeepsItsDueTime(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	p := dealPod(t, db, "Payments")
	r := dealRequest(t, db, p.ID, "Globex", 90_000, 2*time.Hour+17*time.Second)
	f := newDealForm(u.sh.NewScope(), r, shell.DealDesk{}, shell.DealDesk{})
	show(u, f.sc, f.build())
	f.notes.SetText("Called the customer back")
	test.Tap(f.save)
	u.sh.Wait()
	got, err := db.DealRequest(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != "Called the customer back" || !got.ReceivedAt.Equal(r.ReceivedAt) || !got.DueAt.Equal(r.DueAt) {
		t.Errorf("after editing the notes: received %v (was %v), due %v (was %v), notes %q",
			got.ReceivedAt, r.ReceivedAt, got.DueAt, r.DueAt, got.Notes)
	}
}
