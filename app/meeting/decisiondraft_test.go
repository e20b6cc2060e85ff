package meeting

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/decisions"
	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// decisionRoutes shows the meeting and the decision editor as the
// window's router does, and reports the meeting screen last shown.
func decisionRoutes(e *apptest.Env, ms *Screen) func() *Screen {
	cur := ms
	e.Router = func(sc *shell.Scope, r shell.Route) (shell.Screen, bool) {
		switch r := r.(type) {
		case shell.Meeting:
			cur = New(sc, r.ID)
			cur.ReturnTo(r.Item)
			return cur.Build(), true
		case shell.NewDecision:
			return shell.Screen{Content: decisions.NewDraft(sc, r).Build()}, true
		case shell.Decision:
			return shell.Screen{Content: decisions.NewPage(sc, r).Build()}, true
		}
		return shell.Screen{}, false
	}
	return func() *Screen { return cur }
}

// addItem adds an agenda item titled title and leaves it selected.
func addItem(t *testing.T, e *apptest.Env, ms *Screen, title string) data.AgendaItem {
	t.Helper()
	test.Tap(ms.agenda.add)
	e.Wait()
	test.Type(ms.editor.title, title)
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	it, _ := ms.selectedItem()
	return it
}

// tap taps the button under o that reads text.
func tap(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := apptest.FindButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(b)
}

func entry(t *testing.T, e *apptest.Env, placeholder string) *widget.Entry {
	t.Helper()
	es := apptest.EntriesWithPlaceholder(e.Screen(), placeholder)
	if len(es) == 0 {
		t.Fatalf("no field %q on the screen", placeholder)
	}
	return &es[0].Entry
}

const (
	contextHint   = "What led here: the facts, the numbers, the deadline"
	optionHint    = "Short name, e.g. Buy a fraud-scoring service"
	rationaleHint = "Why this option"
)

// A decision typed from an agenda item and left with "Back to the meeting"
// is there, as typed, when the item's "Record a decision" opens it again;
// the window asks before closing meanwhile, and saving it clears the draft.
func TestDecisionTypedFromAnItemWaitsForTheFacilitator(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	shown := decisionRoutes(e, ms)
	item := addItem(t, e, ms, "Pricing page")
	addItem(t, e, ms, "Something after it")
	selectItem(t, e, ms, "Pricing page")

	tap(t, ms.editor.standingBox, "Record a decision")
	e.Wait()
	context := strings.Repeat("Enterprise buyers compare us on the annual price. ", 5)
	test.Type(entry(t, e, contextHint), context)
	test.Type(entry(t, e, optionHint), "Show annual prices first")
	test.Type(entry(t, e, rationaleHint), "Most of the pipeline buys yearly")
	if got := e.Sh.Unsaved(); len(got) != 1 || !strings.Contains(got[0], "the new decision “Pricing page”") {
		t.Errorf("the window would close without asking: %q", got)
	}

	tap(t, e.Screen(), "Back to the meeting")
	e.Wait()
	if r, ok := e.Last().(shell.Meeting); !ok || r.Item != item.ID {
		t.Fatalf("back goes to %#v", e.Last())
	}
	if got := shown().selectedID; got != item.ID {
		t.Errorf("back in the meeting on item %d, not %d", got, item.ID)
		selectItem(t, e, shown(), "Pricing page")
	}
	if !apptest.ContainsText(shown().editor.standingBox, "Not saved yet: the decision “Pricing page” you began from this item") {
		t.Error("the item does not say a decision begun from it waits unsaved")
	}
	if got := e.Sh.Unsaved(); len(got) != 0 {
		t.Errorf("the meeting holds %q", got)
	}

	tap(t, shown().editor.standingBox, "Record a decision")
	e.Wait()
	if got := entry(t, e, contextHint).Text; got != context {
		t.Errorf("the context came back as %q", got)
	}
	if got := entry(t, e, optionHint).Text; got != "Show annual prices first" {
		t.Errorf("the first option came back as %q", got)
	}
	if got := entry(t, e, rationaleHint).Text; got != "Most of the pipeline buys yearly" {
		t.Errorf("the rationale came back as %q", got)
	}
	if !e.LabelContains("put back as you left it") {
		t.Error("nothing says the text is a draft put back")
	}

	tap(t, e.Screen(), "Save proposal")
	e.Wait()
	if _, err := db.FormDraft(e.Sh.Ctx(), data.DecisionDraftKey(0, item.ID, 0, 0)); err == nil {
		t.Error("the saved decision's draft is still kept")
	}
	if got := e.Sh.Unsaved(); len(got) != 0 {
		t.Errorf("after saving the window would still ask: %q", got)
	}
}

// A decision recorded from an agenda item is listed on that item as soon
// as the facilitator is back in the meeting.
func TestDecisionRecordedFromAnItemShowsOnItAtOnce(t *testing.T) {
	e, _, ms := openTestMeeting(t)
	shown := decisionRoutes(e, ms)
	addItem(t, e, ms, "Pricing page")
	addItem(t, e, ms, "Something after it")
	selectItem(t, e, ms, "Pricing page")
	tap(t, ms.editor.standingBox, "Record a decision")
	e.Wait()
	test.Type(entry(t, e, contextHint), "Annual buyers")
	tap(t, e.Screen(), "Save proposal")
	e.Wait()
	tap(t, e.Screen(), "Back to the meeting")
	e.Wait()
	back := shown()
	if it, _ := back.selectedItem(); it.Title != "Pricing page" {
		t.Fatalf("back on %q", it.Title)
	}
	if !apptest.ContainsText(back.editor.standingBox, "Decisions from this item") || apptest.FindLink(back.editor.standingBox, "Pricing page") == nil {
		t.Error("the item does not list the decision just recorded from it")
	}
}
