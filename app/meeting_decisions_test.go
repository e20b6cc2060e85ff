package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/sqlite"
)

// entriesWithPlaceholder lists the entries under o that show placeholder.
func entriesWithPlaceholder(o fyne.CanvasObject, placeholder string) []*kit.Entry {
	var out []*kit.Entry
	walk(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*kit.Entry); ok && e.PlaceHolder == placeholder {
			out = append(out, e)
		}
	})
	return out
}

func TestRecordADecisionFromAnAgendaItem(t *testing.T) {
	u, db, ms, pod := openDemoMeeting(t, "")
	ctx := context.Background()
	item := selectItem(t, u, ms, "Multi-currency payouts")
	if !containsText(ms.editor.standingBox, "No decisions from this item yet") {
		t.Error("the item does not say it has no decisions")
	}
	test.Tap(findButton(ms.editor.standingBox, "Record a decision"))
	u.sh.Wait()
	if !containsText(u.screen, "New decision") || !containsText(u.screen, "From the agenda item “Multi-currency payouts”") {
		t.Fatal("Record a decision does not open the editor for this item")
	}
	titles := entriesWithPlaceholder(u.screen, "Short name, e.g. Buy a fraud-scoring service")
	if len(titles) != 2 {
		t.Fatalf("option editors: %d", len(titles))
	}
	test.Type(titles[0], "Pay out in the merchant's currency")
	test.Type(titles[1], "Keep converting to USD")
	test.Tap(findButton(u.screen, "Save proposal"))
	u.sh.Wait()

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
	if d.ID == 0 || d.MeetingID != ms.meetingID || d.AgendaItemID != item.ID {
		t.Fatalf("saved decision: id %d, meeting %d (want %d), item %d (want %d)", d.ID, d.MeetingID, ms.meetingID, d.AgendaItemID, item.ID)
	}

	test.Tap(findButton(u.screen, "Back to the meeting"))
	u.sh.Wait()
	if !containsText(u.screen, "Weekly meeting · Thu 26 Nov 2026") {
		t.Fatal("back does not return to the meeting")
	}

	// Decide it with one commitment: the item shows where commitments stand.
	d.Chosen = 1
	if d, err = db.Decide(ctx, d); err != nil {
		t.Fatal(err)
	}
	pm := pod.Leader(data.RoleProduct)
	if _, err := db.StatePosition(ctx, d.ID, pm.ID, data.PositionAgree, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordCommitment(ctx, d.ID, pm.ID, data.Commit); err != nil {
		t.Fatal(err)
	}
	ms = openMeeting(u, ms.meetingID)
	u.sh.Wait()
	selectItem(t, u, ms, "Multi-currency payouts")
	if findLink(ms.editor.standingBox, "Multi-currency payouts") == nil || !containsText(ms.editor.standingBox, "committed 1/3 — waiting for Priya Raman and Sofia Lindqvist") {
		t.Error("the item does not list its decision with the commitments")
	}
	if !containsText(ms.editor.standingBox, "Decisions from this item") {
		t.Error("the item's decisions have no heading")
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

func TestDecisionFollowUpActionsOfItsMeeting(t *testing.T) {
	u, db, ms, pod := openDemoMeeting(t, "")
	ctx := context.Background()
	item := selectItem(t, u, ms, "Multi-currency payouts")
	d := decidedInMeeting(t, db, pod, ms.meetingID, item.ID)
	earlier, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: ms.meetingID, Text: "Ask the bank about GBP accounts"})
	if err != nil {
		t.Fatal(err)
	}

	u.Go(shell.Decision{PodID: pod.ID, ID: d.ID, FromMeeting: ms.meetingID})
	pg := u.current.(*decisionPage)
	u.sh.Wait()
	f := pg.record.follow
	if f == nil || !containsText(u.screen, "No follow-up action items yet") {
		t.Fatal("the decision has no follow-up section")
	}

	// Nothing typed: a clear message, nothing written.
	test.Tap(f.add)
	u.sh.Wait()
	if f.problem.Hidden {
		t.Error("an empty follow-up is accepted")
	}

	test.Type(f.text, "Draft the FX pricing page")
	test.Tap(f.add)
	u.sh.Wait()
	f = pg.record.follow
	f.choose.SetSelected("Ask the bank about GBP accounts")
	test.Tap(f.link)
	u.sh.Wait()

	got, err := db.Decision(ctx, d.ID)
	if err != nil || len(got.ActionItemIDs) != 2 {
		t.Fatalf("linked actions = %v, %v", got.ActionItemIDs, err)
	}
	r := storedRun(t, db, ms.meetingID)
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
	if !containsText(u.screen, "Follow-up: 2 action items of the meeting") || !containsText(u.screen, "Draft the FX pricing page") {
		t.Error("the record does not list its follow-ups")
	}

	// The meeting link on the record opens the meeting screen.
	test.Tap(findButton(u.screen, "Meeting of Thu 26 Nov 2026"))
	u.sh.Wait()
	if !containsText(u.screen, "Weekly meeting · Thu 26 Nov 2026") {
		t.Error("the decision's meeting link does not open the meeting")
	}
}

func TestClosingAMeetingTakesABackup(t *testing.T) {
	u, db, ms, _ := openDemoMeeting(t, "")
	u.sh.Confirm = func(_, _, _ string, yes func()) { yes() }
	selectItem(t, u, ms, "Deal desk")
	before, err := sqlite.ListBackups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(ms.clock.closeBtn)
	u.sh.Wait()
	if m := storedRun(t, db, ms.meetingID).Meeting; m.Status != data.MeetingClosed {
		t.Fatalf("status = %s", m.Status)
	}
	after, err := sqlite.ListBackups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range after {
		if b.Reason == data.BackupMeetingClosed {
			n++
		}
	}
	if len(after) != len(before)+1 || n != 1 {
		t.Errorf("backups %d -> %d, %d for a closed meeting", len(before), len(after), n)
	}
	if !containsText(ms.editor.standingBox, "The deal desk as it stands now") {
		t.Error("the closed meeting's deal desk does not say it is live")
	}
	if ms.header.saveState.Importance == widget.DangerImportance {
		t.Errorf("save state after a good backup: %q", ms.header.saveState.Text)
	}
}
