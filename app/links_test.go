package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

func TestCreateRoadmapItemFromApprovedRequest(t *testing.T) {
	u, db, _ := newDealTestUI(t)
	ctx := context.Background()
	pod := dealPod(t, db, "Payments")
	r := dealRequest(t, db, pod.ID, "Hooli", 300_000, time.Hour)

	// Pending: the page says what approval will allow, and offers nothing.
	pg := newDealPage(u.sh.NewScope(), r.ID, shell.DealDesk{})
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if pg.roadmap.create.Visible() || !containsText(pg.roadmap.box, "Once approved") {
		t.Fatal("a pending request offers to create a roadmap item")
	}

	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	pg = newDealPage(u.sh.NewScope(), r.ID, shell.DealDesk{})
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if !pg.roadmap.create.Visible() || pg.roadmap.link.Visible() {
		t.Fatalf("approved, empty roadmap: create %v, link %v", pg.roadmap.create.Visible(), pg.roadmap.link.Visible())
	}
	test.Tap(pg.roadmap.create)
	if pg.roadmap.title.Text != "SAML single sign-on" || pg.roadmap.target.Text != "2027-Q1" {
		t.Fatalf("proposed %q in %q", pg.roadmap.title.Text, pg.roadmap.target.Text)
	}
	// A malformed quarter is a message, and nothing is saved.
	pg.roadmap.target.SetText("next spring")
	test.Tap(pg.roadmap.dlg.Confirm)
	u.sh.Wait()
	if !pg.roadmap.dlg.Problem.Visible() || !strings.Contains(pg.roadmap.dlg.Problem.Text, "Target quarter") {
		t.Errorf("problem = %q", pg.roadmap.dlg.Problem.Text)
	}
	if rm, _ := db.Roadmap(ctx, pod.ID); len(rm.Items) != 0 {
		t.Fatalf("saved despite the bad quarter: %v", rm.Items)
	}
	pg.roadmap.target.SetText("2027-Q1")
	pg.roadmap.title.SetText("SAML SSO for Hooli")
	test.Tap(pg.roadmap.dlg.Confirm)
	u.sh.Wait()

	rm, err := db.Roadmap(ctx, pod.ID)
	if err != nil || len(rm.Items) != 1 {
		t.Fatalf("roadmap = %+v, %v", rm.Items, err)
	}
	it := rm.Items[0]
	if it.Title != "SAML SSO for Hooli" || it.Target.String() != "2027-Q1" || len(it.Deals) != 1 || it.Deals[0].RequestID != r.ID ||
		strings.Join(it.Customers, ",") != "Hooli" {
		t.Errorf("item = %+v", it)
	}
	if !containsText(pg.roadmap.box, "SAML SSO for Hooli · Proposed · 2027-Q1") || pg.roadmap.link.Visible() {
		t.Error("the page does not show the new roadmap item")
	}
}

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
