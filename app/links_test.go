package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
)

func TestDecisionLogFindsMeetingNotes(t *testing.T) {
	u, db := newTestUI(t)
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

	tab := newDecisionsTab(u.sh.NewScope(), p.ID)
	show(u, tab.sc, tab.build())
	u.sh.Wait()
	if tab.notes.panel.Visible() {
		t.Fatal("notes shown without a search")
	}
	for _, q := range []string{`"`, `NEAR(`, `-`, `*`, `title:x`} {
		test.Type(tab.search, q)
		u.sh.Wait()
		if tab.problem.Visible() {
			t.Errorf("%q: %s", q, tab.problem.Text)
		}
		tab.search.SetText("")
		u.sh.Wait()
	}
	test.Type(tab.search, "lisbon ")
	u.sh.Wait()
	if !tab.notes.panel.Visible() || len(tab.notes.hits) != 1 || !strings.Contains(tab.notes.head.Text, "1 agenda item") {
		t.Fatalf("notes: visible %v, hits %v, head %q", tab.notes.panel.Visible(), tab.notes.hits, tab.notes.head.Text)
	}
	if !containsText(u.screen, "No decision mentions") {
		t.Error("the log does not say no decision matched")
	}
	found, bold := false, false
	for _, o := range shownObjects(u) {
		if rt, ok := o.(*widget.RichText); ok {
			f, b := richTextContains(rt, "Lisbon")
			found, bold = found || f, bold || b
		}
	}
	if !found || !bold {
		t.Errorf("snippet shows Lisbon %v, bold %v", found, bold)
	}
	tab.search.SetText("")
	u.sh.Wait()
	if tab.notes.panel.Visible() {
		t.Error("notes still shown after clearing the search")
	}
	test.Type(tab.search, "lisbon ")
	u.sh.Wait()
	tab.notes.list.Select(0)
	u.sh.Wait()
	if got, ok := u.route.(shell.Meeting); !ok || got.ID != m.ID {
		t.Errorf("the hit opened %#v, want meeting %d", u.route, m.ID)
	}
}
