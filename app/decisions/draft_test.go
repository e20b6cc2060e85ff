package decisions

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
)

// Changes to a proposal wait as a draft beside it; "Discard draft" puts
// the proposal back as saved, after asking, and the draft is gone.
func TestProposalDraftComesBackAndCanBeDiscarded(t *testing.T) {
	e := apptest.New(t)
	e.HoldAutosave()
	p := apptest.Pod(t, e.DB, "Payments")
	m := apptest.Meeting(t, e.DB, p.ID, data.NewDate(2026, 11, 26))
	d := data.NewDecision(p, m.ID)
	d.Question, d.Context = "Offer net-60 terms?", "Two enterprise buyers asked."
	d, err := e.DB.CreateDecision(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	open := func() *Page {
		pg := newPage(e.Scope(), p.ID, d.ID)
		e.ShowContent(pg.sc, pg.Build())
		return pg
	}
	pg := open()
	pg.editor.context.SetText(d.Context + " Finance agrees if we cap it at three accounts.")
	test.Tap(pg.editor.addOptionBtn)
	test.Type(pg.editor.options[2].title, "Net-60 for three accounts")
	e.Host.Leave() // the sidebar, say
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	if stored, _ := e.DB.Decision(context.Background(), d.ID); stored.Context != d.Context || len(stored.Options) != 0 {
		t.Fatalf("the proposal changed behind the editor: %+v", stored)
	}

	pg = open()
	ed := pg.editor
	if ed.context.Text != d.Context+" Finance agrees if we cap it at three accounts." || len(ed.options) != 3 || ed.options[2].title.Text != "Net-60 for three accounts" {
		t.Fatalf("came back: context %q, %d options", ed.context.Text, len(ed.options))
	}
	if !ed.draft.Banner.Visible() {
		t.Error("nothing says the editor shows a draft")
	}
	test.Tap(apptest.FindButton(ed.draft.Banner, "Discard draft"))
	discard := e.DialogButton("Discard")
	if discard == nil {
		t.Fatal("Discard draft did not ask")
	}
	test.Tap(discard)
	if ed.context.Text != d.Context || len(ed.options) != 2 || ed.draft.Banner.Visible() {
		t.Errorf("after discarding: context %q, %d options", ed.context.Text, len(ed.options))
	}
	if err := e.Sh.Saver.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.FormDraft(context.Background(), data.DecisionDraftKey(d.ID, 0, 0, 0)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the discarded draft is still kept: %v", err)
	}
}
