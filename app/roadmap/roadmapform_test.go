package roadmap

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
)

// The roadmap's forms are dialogs: Cancel on typing asks before throwing
// it away, and so does closing the window while one is open; an untouched
// form just closes.
func TestRoadmapFormCancelAsksBeforeDiscarding(t *testing.T) {
	e := apptest.New(t)
	p, _ := roadmapPod(t, e.DB)
	v := openRoadmap(e, p.ID)

	test.Tap(v.addItem)
	test.Tap(e.DialogButton("Cancel"))
	if e.Win().Canvas().Overlays().Top() != nil {
		t.Fatal("an untouched form did not close on Cancel")
	}

	test.Tap(v.addItem)
	test.Type(v.itemForm.title, "Apple Pay at checkout")
	test.Type(v.itemForm.customers, "Acme\nGlobex")
	if got := e.Sh.Unsaved(); len(got) != 1 || !strings.Contains(got[0], "the roadmap item “Apple Pay at checkout”") {
		t.Errorf("the window would close without asking: %q", got)
	}
	test.Tap(e.DialogButton("Cancel"))
	discard := e.DialogButton("Discard")
	if discard == nil {
		t.Fatal("Cancel threw the typing away without asking")
	}
	test.Tap(e.DialogButton("Cancel")) // the question's Cancel: back to the form
	if v.itemForm.title.Text != "Apple Pay at checkout" || e.DialogButton("Save item") == nil {
		t.Fatal("keeping the typing closed the form")
	}
	test.Tap(e.DialogButton("Cancel"))
	test.Tap(e.DialogButton("Discard"))
	if e.Win().Canvas().Overlays().Top() != nil {
		t.Error("the form is still open after Discard")
	}
	if got := e.Sh.Unsaved(); len(got) != 0 {
		t.Errorf("after discarding the window would still ask: %q", got)
	}

	// Editing an item: a changed field counts, the same text does not.
	v.openItemForm(mustItem(t, v, v.rm.Items[0].ID))
	v.itemForm.effort.SetText(v.itemForm.effort.Text)
	test.Tap(e.DialogButton("Cancel"))
	if e.Win().Canvas().Overlays().Top() != nil {
		t.Error("an unchanged edit asked before closing")
	}
}

// The PMM's half-typed dispute comment waits as a draft when the meeting
// screen is left, and is back in the panel when it is opened again; the
// answer, once recorded, clears it.
func TestDebtCommentWaitsAsADraft(t *testing.T) {
	e := apptest.New(t)
	p, m := roadmapPod(t, e.DB)
	panel := NewDebtCheckPanel(e.Scope(), p.ID, m.ID)
	e.ShowContent(panel.sc, panel.Build())
	test.Tap(panel.record)
	e.Wait()
	test.Type(panel.comment, "The Acme deal needs Apple Pay this quarter, so")
	if got := e.Sh.Unsaved(); len(got) != 1 || !strings.Contains(got[0], "the comment on this meeting's debt check") {
		t.Errorf("the window would close without asking: %q", got)
	}
	e.Host.Leave() // another screen
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}

	again := NewDebtCheckPanel(e.Scope(), p.ID, m.ID)
	e.ShowContent(again.sc, again.Build())
	if got := again.comment.Text; got != "The Acme deal needs Apple Pay this quarter, so" {
		t.Fatalf("the comment came back as %q", got)
	}
	test.Type(again.comment, " we dispute")
	test.Tap(again.dispute)
	e.Wait()
	if _, err := e.DB.FormDraft(context.Background(), data.DebtAnswerDraftKey(m.ID)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the recorded comment's draft is still kept: %v", err)
	}
	if got := e.Sh.Unsaved(); len(got) != 0 {
		t.Errorf("after answering the window would still ask: %q", got)
	}
}
