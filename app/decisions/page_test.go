package decisions

import "fyne.io/fyne/v2"

import "triad/app/shell"

import "fyne.io/fyne/v2/widget"

import "strings"

import "fyne.io/fyne/v2/test"

import "context"

import "triad/app/internal/apptest"

import "triad/data"

import "triad/data/sqlite"

import "testing"

func TestDecisionLogFindsMeetingNotes(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	ctx := context.Background()
	p, m := decisionPod(t, db)
	run, err := db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	it := run.Items[0]
	it.Notes = "Merchants in Lisbon see double charges"
	it.Outcome = "Escalate to the acquirer"
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}

	tab := NewLog(e.Scope(), p.ID)
	e.ShowContent(tab.sc, tab.Build())
	e.Wait()
	if tab.notes.panel.Visible() {
		t.Fatal("notes shown without a search")
	}
	for _, q := range []string{`"`, `NEAR(`, `-`, `*`, `title:x`} {
		test.Type(tab.search, q)
		e.Pause()
		if tab.problem.Visible() {
			t.Errorf("%q: %s", q, tab.problem.Text)
		}
		tab.search.SetText("")
		e.Pause()
	}
	test.Type(tab.search, "lisbon ")
	e.Pause()
	if !tab.notes.panel.Visible() || len(tab.notes.results.hits) != 1 || !strings.Contains(tab.notes.head.Text, "1 match") {
		t.Fatalf("notes: visible %v, hits %v, head %q", tab.notes.panel.Visible(), tab.notes.results.hits, tab.notes.head.Text)
	}
	if !apptest.ContainsText(e.Screen(), "No decision mentions") {
		t.Error("the log does not say no decision matched")
	}
	found, bold := false, false
	for _, o := range e.Shown() {
		if rt, ok := o.(*widget.RichText); ok {
			f, b := apptest.RichTextContains(rt, "Lisbon")
			found, bold = found || f, bold || b
		}
	}
	if !found || !bold {
		t.Errorf("snippet shows Lisbon %v, bold %v", found, bold)
	}
	tab.search.SetText("")
	e.Pause()
	if tab.notes.panel.Visible() {
		t.Error("notes still shown after clearing the search")
	}
	test.Type(tab.search, "lisbon ")
	e.Pause()
	tab.notes.results.list.Select(0)
	e.Wait()
	if got, ok := e.Last().(shell.Meeting); !ok || got.ID != m.ID {
		t.Errorf("the hit opened %#v, want meeting %d", e.Last(), m.ID)
	}
}

// decidedInMeeting stores a decided decision of the meeting's pod.
func decidedInMeeting(t *testing.T, db *sqlite.DB, pod data.Pod, meetingID, itemID int64) data.Decision {
	t.Helper()
	ctx := context.Background()
	d := data.NewDecision(pod, meetingID)
	d.AgendaItemID = itemID
	d.Question = "Ship multi-currency payouts in Q1?"
	d.Options = []data.DecisionOption{{Title: "Yes"}, {Title: "Not yet"}}
	d.Chosen = 1
	d, err := db.CreateDecision(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if d, err = db.Decide(ctx, d); err != nil {
		t.Fatal(err)
	}
	return d
}

// demoItem is the sample Payments pod's draft meeting and its agenda item
// whose title begins with title.
func demoItem(e *apptest.Env, title string) (data.Pod, data.Meeting, data.AgendaItem) {
	e.T.Helper()
	e.Demo()
	pod := apptest.DemoPod(e.T, e.DB, "Payments")
	m := apptest.DemoMeeting(e.T, e.DB, pod.ID, "")
	for _, it := range apptest.Run(e.T, e.DB, m.ID).Items {
		if strings.HasPrefix(it.Title, title) {
			return pod, m, it
		}
	}
	e.T.Fatalf("no agenda item %q", title)
	return pod, m, data.AgendaItem{}
}

func TestDecisionFollowUpActionsOfItsMeeting(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	ctx := context.Background()
	pod, m, item := demoItem(e, "Multi-currency payouts")
	d := decidedInMeeting(t, db, pod, m.ID, item.ID)
	earlier, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: m.ID, Text: "Ask the bank about GBP accounts"})
	if err != nil {
		t.Fatal(err)
	}

	pg := NewPage(e.Scope(), shell.Decision{PodID: pod.ID, ID: d.ID, FromMeeting: m.ID})
	e.ShowContent(pg.sc, pg.Build())
	f := pg.record.follow
	if f == nil || !apptest.ContainsText(e.Screen(), "No follow-up action items yet") {
		t.Fatal("the decision has no follow-up section")
	}

	// Nothing typed: a clear message, nothing written.
	test.Tap(f.add)
	e.Wait()
	if f.problem.Hidden {
		t.Error("an empty follow-up is accepted")
	}

	test.Type(f.text, "Draft the FX pricing page")
	test.Tap(f.add)
	e.Wait()
	f = pg.record.follow
	f.choose.SetSelected("Ask the bank about GBP accounts")
	test.Tap(f.link)
	e.Wait()

	got, err := db.Decision(ctx, d.ID)
	if err != nil || len(got.ActionItemIDs) != 2 {
		t.Fatalf("linked actions = %v, %v", got.ActionItemIDs, err)
	}
	r := apptest.Run(t, db, m.ID)
	var added data.ActionItem
	for _, a := range r.Actions {
		if a.Text == "Draft the FX pricing page" {
			added = a
		}
	}
	if added.ID == 0 || added.AgendaItemID != item.ID {
		t.Fatalf("the new follow-up is not an action of the item: %+v", added)
	}
	linked := map[int64]bool{}
	for _, id := range got.ActionItemIDs {
		linked[id] = true
	}
	if !linked[added.ID] || !linked[earlier.ID] {
		t.Errorf("linked %v; want %d and %d", got.ActionItemIDs, added.ID, earlier.ID)
	}
	if !apptest.ContainsText(e.Screen(), "Follow-up: 2 action items of the meeting") || !apptest.ContainsText(e.Screen(), "Draft the FX pricing page") {
		t.Error("the record does not list its follow-ups")
	}

	// The meeting link on the record opens the meeting screen.
	test.Tap(apptest.FindButton(e.Screen(), "Meeting of Thu 26 Nov 2026"))
	if got, ok := e.Last().(shell.Meeting); !ok || got.ID != m.ID {
		t.Errorf("the decision's meeting link went to %#v, want meeting %d", e.Last(), m.ID)
	}
}

// The editor opened from an agenda item ("Record a decision" in the
// meeting) starts in that meeting, from that item, and goes back there.
func TestRecordADecisionFromAnAgendaItem(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	ctx := context.Background()
	pod, m, item := demoItem(e, "Multi-currency payouts")
	pg := NewDraft(e.Scope(), shell.NewDecision{PodID: pod.ID, FromMeeting: m.ID, AgendaItemID: item.ID, Question: item.Title})
	e.ShowContent(pg.sc, pg.Build())
	if !apptest.ContainsText(e.Screen(), "New decision") || !apptest.ContainsText(e.Screen(), "From the agenda item “Multi-currency payouts”") {
		t.Fatal("the editor does not say which agenda item it is for")
	}
	titles := apptest.EntriesWithPlaceholder(e.Screen(), "Short name, e.g. Buy a fraud-scoring service")
	if len(titles) != 2 {
		t.Fatalf("option editors: %d", len(titles))
	}
	test.Type(titles[0], "Pay out in the merchant's currency")
	test.Type(titles[1], "Keep converting to USD")
	test.Tap(apptest.FindButton(e.Screen(), "Save proposal"))
	e.Wait()

	es, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: pod.ID, State: data.DecisionProposed})
	if err != nil {
		t.Fatal(err)
	}
	var d data.Decision
	for _, e := range es {
		if e.Decision.Question == "Multi-currency payouts" {
			d = e.Decision
		}
	}
	if d.ID == 0 || d.MeetingID != m.ID || d.AgendaItemID != item.ID {
		t.Fatalf("saved decision: id %d, meeting %d (want %d), item %d (want %d)", d.ID, d.MeetingID, m.ID, d.AgendaItemID, item.ID)
	}
	test.Tap(apptest.FindButton(e.Screen(), "Back to the meeting"))
	if got, ok := e.Last().(shell.Meeting); !ok || got.ID != m.ID {
		t.Fatalf("back went to %#v, want the meeting", e.Last())
	}
}

// An agenda item lists the decisions recorded from it, with where their
// commitments stand, each a link to its page.
func TestItemPanelListsTheItemsDecisions(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	ctx := context.Background()
	pod, m, item := demoItem(e, "Multi-currency payouts")
	recorded := false
	panel := func() fyne.CanvasObject {
		p := ItemPanel(e.Scope(), m, item, true, func() { recorded = true })
		e.Wait()
		return p
	}
	p := panel()
	if !apptest.ContainsText(p, "No decisions from this item yet") {
		t.Error("the item does not say it has no decisions")
	}
	test.Tap(apptest.FindButton(p, "Record a decision"))
	if !recorded {
		t.Error("Record a decision does nothing")
	}
	d := decidedInMeeting(t, db, pod, m.ID, item.ID)
	pm := pod.Leader(data.RoleProduct)
	if _, err := db.StatePosition(ctx, d.ID, pm.ID, data.PositionAgree, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordCommitment(ctx, d.ID, pm.ID, data.Commit); err != nil {
		t.Fatal(err)
	}
	p = panel()
	link := apptest.FindLink(p, d.Question)
	if link == nil || !apptest.ContainsText(p, "committed 1/3 — waiting for Priya Raman and Sofia Lindqvist") {
		t.Fatal("the item does not list its decision with the commitments")
	}
	if !apptest.ContainsText(p, "Decisions from this item") {
		t.Error("the item's decisions have no heading")
	}
	link.OnTapped()
	if got, ok := e.Last().(shell.Decision); !ok || got.ID != d.ID || got.FromMeeting != m.ID {
		t.Errorf("the link went to %#v", e.Last())
	}
	if p := ItemPanel(e.Scope(), m, item, false, nil); !apptest.FindButton(p, "Record a decision").Disabled() {
		t.Error("a closed meeting's item offers to record a decision")
	}
}
