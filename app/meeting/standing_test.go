package meeting

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/dealdesk"
	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
	"triad/data/sqlite"
)

// openDemoMeeting fills the sample data and opens one of the Payments
// pod's meetings: its next (draft) one, or the one on date.
func openDemoMeeting(t *testing.T, date string) (*apptest.Env, *sqlite.DB, *Screen, data.Pod) {
	t.Helper()
	e := apptest.New(t)
	e.HoldAutosave()
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	ms := openMeeting(e, apptest.DemoMeeting(t, e.DB, pod.ID, date).ID)
	return e, e.DB, ms, pod
}

// selectItem selects the agenda item whose title starts with title.
func selectItem(t *testing.T, e *apptest.Env, ms *Screen, title string) data.AgendaItem {
	t.Helper()
	for i, it := range ms.run.Items {
		if strings.HasPrefix(it.Title, title) {
			ms.agenda.list.Select(i)
			e.Wait()
			return it
		}
	}
	t.Fatalf("no agenda item %q", title)
	return data.AgendaItem{}
}

// shownPanel is the feature panel of the standing item in the editor.
func shownPanel(t *testing.T, ms *Screen) any {
	t.Helper()
	e, ok := ms.standing[ms.selectedID]
	if !ok {
		t.Fatal("the item shows no standing panel")
	}
	return e.feature
}

func TestMeetingStandingPanelsShowTheirContent(t *testing.T) {
	e, _, ms, _ := openDemoMeeting(t, "")

	selectItem(t, e, ms, "Deal desk")
	if _, ok := shownPanel(t, ms).(*dealdesk.Panel); !ok {
		t.Fatal("the deal desk item does not show the deal desk")
	}
	for _, want := range []string{"Overdue (1)", "Received since the last meeting", "Umbrella Health", "Approve"} {
		if !apptest.ContainsText(ms.editor.standingBox, want) {
			t.Errorf("deal desk panel lacks %q", want)
		}
	}

	selectItem(t, e, ms, "Roadmap debt check")
	if b := apptest.FindButton(ms.editor.standingBox, "Record snapshot into this meeting"); b == nil || !b.Visible() {
		t.Fatal("the debt check item does not offer to record this meeting's snapshot")
	}
	if !apptest.ContainsText(ms.editor.standingBox, "maintenance · quota 20%") {
		t.Error("debt check panel does not show the maintenance share")
	}

	selectItem(t, e, ms, "Open decisions")
	for _, want := range []string{"Waiting for commitments (1)", "committed 2/3 — waiting for Sofia Lindqvist", "Proposed, not decided yet (1)"} {
		if !apptest.ContainsText(ms.editor.standingBox, want) {
			t.Errorf("open decisions panel lacks %q", want)
		}
	}
	link := apptest.FindLink(ms.editor.standingBox, "Offer net-60 invoice terms to enterprise merchants?")
	if link == nil {
		t.Fatal("the open decision is not a link")
	}
	link.OnTapped() // a hyperlink only takes taps over its laid-out text
	// The decision's page comes back here: its route names this meeting.
	if r, ok := e.Last().(shell.Decision); !ok || r.FromMeeting != ms.meetingID || r.ID == 0 {
		t.Fatalf("the link goes to %#v, not the decision from this meeting", e.Last())
	}
}

// "Record a decision" on an agenda item opens the decision editor in this
// meeting, for this item, with the title as typed so far.
func TestMeetingRecordsADecisionFromAnItem(t *testing.T) {
	e, _, ms, pod := openDemoMeeting(t, "")
	item := selectItem(t, e, ms, "Multi-currency payouts")
	ms.editor.title.SetText(item.Title + " in EUR")
	test.Tap(apptest.FindButton(ms.editor.standingBox, "Record a decision"))
	want := shell.NewDecision{PodID: pod.ID, FromMeeting: ms.meetingID, AgendaItemID: item.ID, Question: item.Title + " in EUR"}
	if got, ok := e.Last().(shell.NewDecision); !ok || got != want {
		t.Errorf("Record a decision went to %#v, want %#v", e.Last(), want)
	}
}

func TestMeetingRoadmapItemCelebratesGoalsSinceTheLastMeeting(t *testing.T) {
	// Instant payouts crossed its goal on 13 Nov: the 19 Nov meeting's line.
	e, _, ms, _ := openDemoMeeting(t, "2026-11-19")
	selectItem(t, e, ms, "Roadmap debt check")
	if !apptest.ContainsText(ms.editor.standingBox, "Instant payouts reached its $1M ARR goal") {
		t.Error("the meeting after the crossing does not celebrate it")
	}
	e, _, ms, _ = openDemoMeeting(t, "")
	selectItem(t, e, ms, "Roadmap debt check")
	if apptest.ContainsText(ms.editor.standingBox, "Instant payouts reached") {
		t.Error("a celebration shows again in the following meeting")
	}
}

func TestMeetingDealDeskApproves(t *testing.T) {
	e, db, ms, pod := openDemoMeeting(t, "")
	selectItem(t, e, ms, "Deal desk")
	digest, err := db.DealDigest(context.Background(), pod.ID, time.Time{}, e.Sh.Now())
	if err != nil || len(digest.Overdue) != 1 {
		t.Fatalf("overdue = %d, %v", len(digest.Overdue), err)
	}
	overdue := digest.Overdue[0]
	test.Tap(apptest.FindButton(ms.editor.standingBox, "Approve")) // the overdue one comes first
	confirm := e.DialogButton("Approve")
	if confirm == nil {
		t.Fatal("Approve opens no dialog")
	}
	test.Tap(confirm)
	e.Wait()
	got, err := db.DealRequest(context.Background(), overdue.ID)
	if err != nil || got.State != data.DealApproved {
		t.Fatalf("approved from the meeting: %s, %v", got.State, err)
	}
	pending, err := db.DealRequests(context.Background(), data.DealFilter{PodID: pod.ID, States: []data.DealState{data.DealPending}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pending {
		if r.ID == overdue.ID {
			t.Error("the approved request is still pending")
		}
	}
	if !apptest.ContainsText(ms.editor.standingBox, "Overdue (0)") {
		t.Error("the panel still lists the request as overdue")
	}
}

func TestMeetingDebtCheckTakesThePMMsAnswer(t *testing.T) {
	e, db, ms, _ := openDemoMeeting(t, "")
	selectItem(t, e, ms, "Roadmap debt check")
	p := shownPanel(t, ms)
	test.Tap(apptest.FindButton(ms.editor.standingBox, "Record snapshot into this meeting"))
	e.Wait()
	comment := apptest.EntriesWithPlaceholder(ms.editor.standingBox, "What does Sales dispute, and why? (needed to dispute)")[0]
	test.Type(comment, "Two renewals need multi-currency first")
	// Someone arrives meanwhile: the meeting reloads, the comment stays.
	ms.do("Marking attendance", func() error { return db.SetPresent(context.Background(), ms.run.Attendees[0].ID, true) })
	e.Wait()
	if shownPanel(t, ms) != p || comment.Text != "Two renewals need multi-currency first" {
		t.Fatal("a reload of the meeting loses the comment being typed")
	}
	test.Tap(apptest.FindButton(ms.editor.standingBox, "Dispute"))
	e.Wait()
	s, err := db.DebtSnapshot(context.Background(), ms.meetingID)
	if err != nil || s.Response != data.ResponseDisputed || s.Comment != "Two renewals need multi-currency first" {
		t.Fatalf("snapshot = %+v, %v", s, err)
	}
	// Reselecting the item shows the recorded answer, not the controls.
	selectItem(t, e, ms, "Deal desk")
	selectItem(t, e, ms, "Roadmap debt check")
	if !apptest.ContainsText(ms.editor.standingBox, "Disputed by Sofia Lindqvist") {
		t.Error("the recorded answer is not shown")
	}
}

// A snapshot left unanswered when the meeting closed offers no answer
// buttons afterwards: the answer is part of the closed record.
func TestMeetingDebtAnswerWaitsForAReopen(t *testing.T) {
	e, db, ms, _ := openDemoMeeting(t, "")
	selectItem(t, e, ms, "Roadmap debt check")
	test.Tap(apptest.FindButton(ms.editor.standingBox, "Record snapshot into this meeting"))
	e.Wait()
	ms.do("Closing", func() error { return db.CloseMeeting(context.Background(), ms.meetingID, e.Sh.Now(), "Daniel Okafor") })
	e.Wait()
	selectItem(t, e, ms, "Deal desk")
	selectItem(t, e, ms, "Roadmap debt check")
	if apptest.FindButton(ms.editor.standingBox, "Accept") != nil || !apptest.ContainsText(ms.editor.standingBox, "reopen the meeting to record it") {
		t.Error("a closed meeting still offers the PMM's answer")
	}
}
