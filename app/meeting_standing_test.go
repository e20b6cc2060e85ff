package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/dealdesk"
	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// openDemoMeeting fills the sample data and opens one of the Payments
// pod's meetings: its next (draft) one, or the one on date.
func openDemoMeeting(t *testing.T, date string) (*UI, *sqlite.DB, *meetingScreen, data.Pod) {
	t.Helper()
	u, db := newTestUI(t)
	holdAutosave(u)
	ctx := context.Background()
	if err := demo.Fill(ctx, db, u.sh.Now()); err != nil {
		t.Fatal(err)
	}
	pod := demoPod(t, db, "Payments")
	ms := openMeeting(u, demoMeeting(t, db, pod.ID, date).ID)
	u.sh.Wait()
	return u, db, ms, pod
}

func demoPod(t *testing.T, db *sqlite.DB, name string) data.Pod {
	t.Helper()
	pods, err := db.Pods(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no sample pod %q", name)
	return data.Pod{}
}

// demoMeeting is the pod's meeting on date, or its draft when date is "".
func demoMeeting(t *testing.T, db *sqlite.DB, podID int64, date string) data.Meeting {
	t.Helper()
	ms, err := db.Meetings(context.Background(), podID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if (date == "" && m.Status == data.MeetingDraft) || m.Date.String() == date {
			return m
		}
	}
	t.Fatalf("no meeting %q", date)
	return data.Meeting{}
}

// selectItem selects the agenda item whose title starts with title.
func selectItem(t *testing.T, u *UI, ms *meetingScreen, title string) data.AgendaItem {
	t.Helper()
	for i, it := range ms.run.Items {
		if strings.HasPrefix(it.Title, title) {
			ms.agenda.list.Select(i)
			u.sh.Wait()
			return it
		}
	}
	t.Fatalf("no agenda item %q", title)
	return data.AgendaItem{}
}

// shownPanel is the feature panel of the standing item in the editor.
func shownPanel(t *testing.T, ms *meetingScreen) any {
	t.Helper()
	e, ok := ms.standing[ms.selectedID]
	if !ok {
		t.Fatal("the item shows no standing panel")
	}
	return e.feature
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
	})
	return found
}

func findLink(o fyne.CanvasObject, text string) *widget.Hyperlink {
	var found *widget.Hyperlink
	walk(o, func(c fyne.CanvasObject) {
		if h, ok := c.(*widget.Hyperlink); ok && found == nil && h.Text == text {
			found = h
		}
	})
	return found
}

func TestMeetingStandingPanelsShowTheirContent(t *testing.T) {
	u, _, ms, _ := openDemoMeeting(t, "")

	selectItem(t, u, ms, "Deal desk")
	if _, ok := shownPanel(t, ms).(*dealdesk.Panel); !ok {
		t.Fatal("the deal desk item does not show the deal desk")
	}
	for _, want := range []string{"Overdue (1)", "Received since the last meeting", "Umbrella Health", "Approve"} {
		if !containsText(ms.editor.standingBox, want) {
			t.Errorf("deal desk panel lacks %q", want)
		}
	}

	selectItem(t, u, ms, "Roadmap debt check")
	if b := findButton(ms.editor.standingBox, "Record snapshot into this meeting"); b == nil || !b.Visible() {
		t.Fatal("the debt check item does not offer to record this meeting's snapshot")
	}
	if !containsText(ms.editor.standingBox, "maintenance · quota 20%") {
		t.Error("debt check panel does not show the maintenance share")
	}

	selectItem(t, u, ms, "Open decisions")
	for _, want := range []string{"Waiting for commitments (1)", "committed 2/3 — waiting for Sofia Lindqvist", "Proposed, not decided yet (1)"} {
		if !containsText(ms.editor.standingBox, want) {
			t.Errorf("open decisions panel lacks %q", want)
		}
	}
	link := findLink(ms.editor.standingBox, "Offer net-60 invoice terms to enterprise merchants?")
	if link == nil {
		t.Fatal("the open decision is not a link")
	}
	link.OnTapped() // a hyperlink only takes taps over its laid-out text
	u.sh.Wait()
	if !containsText(u.screen, "Back to the meeting") || !containsText(u.screen, "Perspectives and commitments") {
		t.Fatal("the link does not open the decision")
	}
	test.Tap(findButton(u.screen, "Back to the meeting"))
	u.sh.Wait()
	if !containsText(u.screen, "Weekly meeting · Thu 26 Nov 2026") {
		t.Error("back does not return to the meeting")
	}
}

func TestMeetingRoadmapItemCelebratesGoalsSinceTheLastMeeting(t *testing.T) {
	// Instant payouts crossed its goal on 13 Nov: the 19 Nov meeting's line.
	u, _, ms, _ := openDemoMeeting(t, "2026-11-19")
	selectItem(t, u, ms, "Roadmap debt check")
	if !containsText(ms.editor.standingBox, "Instant payouts reached its $1M ARR goal") {
		t.Error("the meeting after the crossing does not celebrate it")
	}
	u, _, ms, _ = openDemoMeeting(t, "")
	selectItem(t, u, ms, "Roadmap debt check")
	if containsText(ms.editor.standingBox, "Instant payouts reached") {
		t.Error("a celebration shows again in the following meeting")
	}
}

func TestMeetingDealDeskApproves(t *testing.T) {
	u, db, ms, pod := openDemoMeeting(t, "")
	selectItem(t, u, ms, "Deal desk")
	digest, err := db.DealDigest(context.Background(), pod.ID, time.Time{}, u.sh.Now())
	if err != nil || len(digest.Overdue) != 1 {
		t.Fatalf("overdue = %d, %v", len(digest.Overdue), err)
	}
	overdue := digest.Overdue[0]
	test.Tap(findButton(ms.editor.standingBox, "Approve")) // the overdue one comes first
	confirm := dialogButton(u, "Approve")
	if confirm == nil {
		t.Fatal("Approve opens no dialog")
	}
	test.Tap(confirm)
	u.sh.Wait()
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
	if !containsText(ms.editor.standingBox, "Overdue (0)") {
		t.Error("the panel still lists the request as overdue")
	}
}

func TestMeetingDebtCheckTakesThePMMsAnswer(t *testing.T) {
	u, db, ms, _ := openDemoMeeting(t, "")
	selectItem(t, u, ms, "Roadmap debt check")
	p := shownPanel(t, ms)
	test.Tap(findButton(ms.editor.standingBox, "Record snapshot into this meeting"))
	u.sh.Wait()
	comment := entriesWithPlaceholder(ms.editor.standingBox, "What does Sales dispute, and why? (needed to dispute)")[0]
	test.Type(comment, "Two renewals need multi-currency first")
	// Someone arrives meanwhile: the meeting reloads, the comment stays.
	ms.do("Marking attendance", func() error { return db.SetPresent(context.Background(), ms.run.Attendees[0].ID, true) })
	u.sh.Wait()
	if shownPanel(t, ms) != p || comment.Text != "Two renewals need multi-currency first" {
		t.Fatal("a reload of the meeting loses the comment being typed")
	}
	test.Tap(findButton(ms.editor.standingBox, "Dispute"))
	u.sh.Wait()
	s, err := db.DebtSnapshot(context.Background(), ms.meetingID)
	if err != nil || s.Response != data.ResponseDisputed || s.Comment != "Two renewals need multi-currency first" {
		t.Fatalf("snapshot = %+v, %v", s, err)
	}
	// Reselecting the item shows the recorded answer, not the controls.
	selectItem(t, u, ms, "Deal desk")
	selectItem(t, u, ms, "Roadmap debt check")
	if !containsText(ms.editor.standingBox, "Disputed by Sofia Lindqvist") {
		t.Error("the recorded answer is not shown")
	}
}

// A snapshot left unanswered when the meeting closed offers no answer
// buttons afterwards: the answer is part of the closed record.
func TestMeetingDebtAnswerWaitsForAReopen(t *testing.T) {
	u, db, ms, _ := openDemoMeeting(t, "")
	selectItem(t, u, ms, "Roadmap debt check")
	test.Tap(findButton(ms.editor.standingBox, "Record snapshot into this meeting"))
	u.sh.Wait()
	ms.do("Closing", func() error { return db.CloseMeeting(context.Background(), ms.meetingID, u.sh.Now(), "Daniel Okafor") })
	u.sh.Wait()
	selectItem(t, u, ms, "Deal desk")
	selectItem(t, u, ms, "Roadmap debt check")
	if findButton(ms.editor.standingBox, "Accept") != nil || !containsText(ms.editor.standingBox, "reopen the meeting to record it") {
		t.Error("a closed meeting still offers the PMM's answer")
	}
}
