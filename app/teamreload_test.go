package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/myitems"
	"triad/app/pods"
	"triad/app/shell"
	"triad/data"
	tsync "triad/data/sync"
)

// drawnText reports whether a label the window lays out, a list's rows
// included, shows s.
func drawnText(u *UI, s string) bool {
	for _, o := range apptest.ShownIn(u.sh.Win) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// podTabs is the tabs of the pod page shown.
func podTabs(t *testing.T, u *UI) *container.AppTabs {
	t.Helper()
	var tabs *container.AppTabs
	apptest.Walk(u.screen, func(o fyne.CanvasObject) {
		if at, ok := o.(*container.AppTabs); ok {
			tabs = at
		}
	})
	if tabs == nil {
		t.Fatal("the pod page shows no tabs")
	}
	return tabs
}

// teamReload is another laptop's change arriving: TeamChanged, its timer
// fired, what it read shown.
func teamReload(u *UI, e *apptest.Env) {
	u.TeamChanged()
	e.Timers.Fire()
	u.sh.Wait()
}

// A request a rep files on their laptop shows on the facilitator's, on
// the pod page's Deal desk tab left open there: the page is the same, the
// tab stays selected, and nothing changes under a dialog until it closes.
func TestARequestFiledOnAnotherLaptopShowsOnThePodsDealDeskTab(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Dan Okafor", []tsync.Seat{tsync.SeatFacilitator}, "Maya Chen", tsync.SeatRep)
	u.Go(shell.Pod{ID: l.pod.ID, Tab: shell.TabDealDesk})
	u.sh.Wait()
	page, ok := u.current.(*pods.Page)
	if !ok {
		t.Fatalf("the window shows %T", u.current)
	}
	tabs := podTabs(t, u)
	desk := tabs.Selected()
	if desk.Text != "Deal desk" {
		t.Fatalf("the page opened on %q", desk.Text)
	}
	queue := desk.Content.(*fyne.Container).Objects[0]
	if drawnText(u, "Globex") {
		t.Fatal("the request shows before it is filed")
	}

	// On the rep's laptop: a request for Payments' Tech Lead.
	if _, err := l.other.CreateDealRequest(ctx, data.DealRequest{PodID: l.otherPod.ID, Customer: "Globex",
		Value: data.Dollars(180_000), RepName: "Maya Chen", Features: "SAML single sign-on", NeedsNewFeature: true,
		ReceivedAt: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	handOver(t, l.other, e.DB)

	open := dialog.NewInformation("Meeting template", "Being read", u.sh.Win)
	open.Show()
	teamReload(u, e)
	if drawnText(u, "Globex") {
		t.Error("the tab reloaded under an open dialog")
	}
	open.Hide()
	if n := e.Timers.Fire(); n != 1 {
		t.Fatalf("%d timers after the dialog closed, want the one that looks again", n)
	}
	u.sh.Wait()
	if u.current != page || tabs.Selected() != desk || desk.Content.(*fyne.Container).Objects[0] != queue {
		t.Fatal("the page or its tab was built again, not reloaded, or another tab is selected")
	}
	if !drawnText(u, "Globex") || !drawnText(u, "Maya Chen") {
		t.Error("the request filed on the rep's laptop does not show on the Deal desk tab")
	}
	if e.Timers.Fire() != 0 {
		t.Error("the window still looks again after the reload")
	}
}

// An action the Product Manager gives the Tech Lead in a meeting on their
// laptop shows in My items on the Tech Lead's, left open there.
func TestAnActionGivenOnAnotherLaptopShowsInMyItems(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOf(t, e.DB, "Priya Raman", []tsync.Seat{tsync.SeatFacilitator, tsync.SeatTechLead}, "Maya Chen", tsync.SeatProduct)
	m := apptest.Meeting(t, e.DB, l.pod.ID, data.NewDate(2026, 11, 26))
	apptest.Run(t, e.DB, m.ID) // prepares its agenda and attendees
	handOver(t, e.DB, l.other)
	u.Go(shell.MyItems{})
	u.sh.Wait()
	screen, ok := u.current.(*myitems.Screen)
	if !ok {
		t.Fatalf("the window shows %T", u.current)
	}
	if !apptest.ContainsText(u.screen, "Nothing open") {
		t.Fatal("My items is not empty to begin with")
	}

	ms, err := l.other.Meetings(ctx, l.otherPod.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("the PM's meetings: %v, %v", ms, err)
	}
	run := apptest.Run(t, l.other, ms[0].ID)
	var techLead int64
	for _, a := range run.Attendees {
		if a.Name == "Priya Raman" {
			techLead = a.ID
		}
	}
	if _, err := l.other.AddActionItem(ctx, data.ActionItem{MeetingID: run.Meeting.ID, Text: "Estimate SSO for Globex",
		OwnerID: techLead, Due: data.NewDate(2026, 12, 2)}); err != nil {
		t.Fatal(err)
	}
	handOver(t, l.other, e.DB)
	teamReload(u, e)
	if u.current != screen {
		t.Fatal("My items was built again, not reloaded")
	}
	if !apptest.ContainsText(u.screen, "Estimate SSO for Globex") || !apptest.ContainsText(u.screen, "1 open") {
		t.Error("the action given on the PM's laptop does not show in My items")
	}
}

// A proposed decision the Product Manager edits on their laptop shows in
// its editor open on the facilitator's while nothing is typed there; once
// something is, the editor waits (what is typed stays as typed) until it
// is saved or the page opened again.
func TestAnotherLaptopsEditShowsInAnUntouchedDecisionEditor(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOfTwoLaptops(t, e.DB)
	m := apptest.Meeting(t, e.DB, l.pod.ID, data.NewDate(2026, 11, 26))
	d := data.NewDecision(l.pod, m.ID)
	d.Question = "Build SSO before the launch?"
	d, err := e.DB.CreateDecision(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	handOver(t, e.DB, l.other)
	u.Go(shell.Decision{PodID: l.pod.ID, ID: d.ID})
	u.sh.Wait()
	const contextField = "What led here: the facts, the numbers, the deadline"

	// edit changes the proposal's context on the PM's laptop and hands it over.
	edit := func(text string) {
		t.Helper()
		es, err := l.other.DecisionLog(ctx, data.DecisionFilter{PodID: l.otherPod.ID})
		if err != nil || len(es) != 1 {
			t.Fatalf("the PM's decisions: %v, %v", es, err)
		}
		theirs, err := l.other.Decision(ctx, es[0].Decision.ID)
		if err != nil {
			t.Fatal(err)
		}
		theirs.Context = text
		if _, err := l.other.UpdateDecision(ctx, theirs); err != nil {
			t.Fatal(err)
		}
		handOver(t, l.other, e.DB)
	}
	edit("Acme asks for SSO in its contract")
	teamReload(u, e)
	if got := field(t, u, contextField).Text; got != "Acme asks for SSO in its contract" {
		t.Fatalf("the untouched editor shows the context %q", got)
	}

	why := field(t, u, "Why this option")
	test.Type(why, "Acme signs in Q1")
	edit("Acme and Initech ask for SSO")
	teamReload(u, e)
	e.Timers.Fire() // a second later, still typing
	u.sh.Wait()
	if got := field(t, u, contextField).Text; got != "Acme asks for SSO in its contract" {
		t.Errorf("the editor being typed into was reloaded: the context reads %q", got)
	}
	if got := field(t, u, "Why this option"); got != why || got.Text != "Acme signs in Q1" {
		t.Errorf("the reason being typed reads %q (same field %v)", got.Text, got == why)
	}
}

// selectOffering is the shown choice whose first option begins with first.
func selectOffering(t *testing.T, u *UI, first string) *widget.Select {
	t.Helper()
	var sel *widget.Select
	apptest.Walk(u.screen, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && len(s.Options) > 0 && strings.HasPrefix(s.Options[0], first) {
			sel = s
		}
	})
	if sel == nil {
		t.Fatalf("no choice offering %q", first)
	}
	return sel
}

// A decision the Product Manager proposes on their laptop shows in the
// decision log tab open on the facilitator's, under the filter picked.
func TestADecisionProposedOnAnotherLaptopShowsInTheLogTab(t *testing.T) {
	ctx := context.Background()
	u, e := newTestUIEnv(t)
	l := teamOfTwoLaptops(t, e.DB)
	apptest.Meeting(t, e.DB, l.pod.ID, data.NewDate(2026, 11, 26))
	handOver(t, e.DB, l.other)
	u.Go(shell.Pod{ID: l.pod.ID, Tab: shell.TabDecisions})
	u.sh.Wait()
	state := selectOffering(t, u, "Any state")
	state.SetSelected(data.DecisionProposed.Label())
	u.sh.Wait()

	ms, err := l.other.Meetings(ctx, l.otherPod.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("the PM's meetings: %v, %v", ms, err)
	}
	d := data.NewDecision(l.otherPod, ms[0].ID)
	d.Question = "Price the webhook API per call?"
	if _, err := l.other.CreateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	handOver(t, l.other, e.DB)
	teamReload(u, e)
	if got := podTabs(t, u).Selected().Text; got != "Decisions" || state.Selected != "Proposed" {
		t.Fatalf("after the reload the page is on %q, the filter on %q", got, state.Selected)
	}
	if !apptest.ContainsText(u.screen, "1 decision") {
		t.Error("the log does not count the decision proposed on the PM's laptop")
	}
	found := false
	for _, o := range apptest.ShownIn(u.sh.Win) {
		if rt, ok := o.(*widget.RichText); ok && strings.Contains(rt.String(), "Price the webhook API per call?") {
			found = true
		}
	}
	if !found {
		t.Error("the log does not list the decision proposed on the PM's laptop")
	}
}

// A roadmap item the Product Manager adds on their laptop shows on the
// Roadmap tab open on the facilitator's, for the planning window picked.
func TestARoadmapItemAddedOnAnotherLaptopShowsOnTheRoadmapTab(t *testing.T) {
	u, e := newTestUIEnv(t)
	l := teamOfTwoLaptops(t, e.DB)
	u.Go(shell.Pod{ID: l.pod.ID, Tab: shell.TabRoadmap})
	u.sh.Wait()
	window := selectOffering(t, u, "This quarter and next")
	window.SetSelectedIndex(3) // the next four quarters
	if apptest.ContainsText(u.screen, "Partner webhooks") {
		t.Fatal("the item shows before it is added")
	}
	points := data.Effort(8)
	if _, _, err := l.other.SaveRoadmapItem(context.Background(), data.RoadmapItem{PodID: l.otherPod.ID,
		Title: "Partner webhooks", Kind: data.KindFeature, Effort: &points, Target: data.Quarter{Year: 2027, Q: 1},
		Status: data.StatusPlanned, Customers: []string{"Globex"}}); err != nil {
		t.Fatal(err)
	}
	handOver(t, l.other, e.DB)
	teamReload(u, e)
	if got := podTabs(t, u).Selected().Text; got != "Roadmap" || window.SelectedIndex() != 3 {
		t.Fatalf("after the reload the page is on %q, the window on %q", got, window.Selected)
	}
	if !apptest.ContainsText(u.screen, "Partner webhooks") || !apptest.ContainsText(u.screen, "Globex") {
		t.Error("the item added on the PM's laptop does not show on the Roadmap tab")
	}
}
