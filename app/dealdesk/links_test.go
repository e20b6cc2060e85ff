package dealdesk

import "fyne.io/fyne/v2/widget"

import "strings"

import "fyne.io/fyne/v2/test"

import "triad/data"

import "triad/app/shell"

import "time"

import "context"

import "triad/app/internal/apptest"

import "testing"

func TestCreateRoadmapItemFromApprovedRequest(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	ctx := context.Background()
	pod := dealPod(t, db, "Payments")
	r := e.Request(pod.ID, "Hooli", 300_000, time.Hour)

	// Pending: the page says what approval will allow, and offers nothing.
	pg := NewPage(e.Scope(), r.ID, shell.DealDesk{})
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if pg.roadmap.create.Visible() || !apptest.ContainsText(pg.roadmap.box, "Once approved") {
		t.Fatal("a pending request offers to create a roadmap item")
	}

	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	pg = NewPage(e.Scope(), r.ID, shell.DealDesk{})
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
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
	e.Wait()
	if !pg.roadmap.dlg.Problem.Visible() || !strings.Contains(pg.roadmap.dlg.Problem.Text, "Target quarter") {
		t.Errorf("problem = %q", pg.roadmap.dlg.Problem.Text)
	}
	if rm, _ := db.Roadmap(ctx, pod.ID); len(rm.Items) != 0 {
		t.Fatalf("saved despite the bad quarter: %v", rm.Items)
	}
	pg.roadmap.target.SetText("2027-Q1")
	pg.roadmap.title.SetText("SAML SSO for Hooli")
	test.Tap(pg.roadmap.dlg.Confirm)
	e.Wait()

	rm, err := db.Roadmap(ctx, pod.ID)
	if err != nil || len(rm.Items) != 1 {
		t.Fatalf("roadmap = %+v, %v", rm.Items, err)
	}
	it := rm.Items[0]
	if it.Title != "SAML SSO for Hooli" || it.Target.String() != "2027-Q1" || len(it.Deals) != 1 || it.Deals[0].RequestID != r.ID ||
		strings.Join(it.Customers, ",") != "Hooli" {
		t.Errorf("item = %+v", it)
	}
	if !apptest.ContainsText(pg.roadmap.box, "SAML SSO for Hooli · Proposed · 2027-Q1") || pg.roadmap.link.Visible() {
		t.Error("the page does not show the new roadmap item")
	}
}

// The queue flags a request whose edit changed whether it needs sign-off.
func TestQueueFlagsSignOffDroppedByEdit(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	pod := dealPod(t, db, "Payments")
	r := e.Request(pod.ID, "Umbrella Health", 240_000, time.Hour)
	r.Value = data.Dollars(40_000)
	if _, err := db.UpdateDealRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	queue := showQueue(e, 0)
	queue.stateFilter.SetSelected(allStates)
	l := e.LabelWith("Sign-off requirement removed by an edit")
	if l == nil || l.Importance != widget.WarningImportance {
		t.Fatalf("the queue does not flag the edit: %v", l)
	}
}
