package roadmap

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
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
