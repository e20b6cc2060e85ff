package roadmap

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/chart"
	"triad/data/sqlite"
)

// roadmapPod makes a pod with a meeting tomorrow and a roadmap at 3 of 20
// points maintenance (15%: close to the 20% quota).
func roadmapPod(t *testing.T, db *sqlite.DB) (data.Pod, data.Meeting) {
	t.Helper()
	p := data.NewPod()
	p.Name = "Payments"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Daniel Okafor", "Sofia Lindqvist"
	p, err := db.CreatePod(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(context.Background(), data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	q := data.Quarter{Year: 2026, Q: 4}
	three, seventeen := data.Effort(30), data.Effort(170)
	for _, it := range []data.RoadmapItem{
		{PodID: p.ID, Title: "Upgrade Postgres", Kind: data.KindMaintenance, Subkind: data.MaintUpgrades, Effort: &three, Target: q, Status: data.StatusPlanned},
		{PodID: p.ID, Title: "Apple Pay", Kind: data.KindFeature, Effort: &seventeen, Target: q, Status: data.StatusInProgress, Customers: []string{"Acme"}},
	} {
		if _, _, err := db.SaveRoadmapItem(context.Background(), it); err != nil {
			t.Fatal(err)
		}
	}
	return p, m
}

func TestDebtPanelRecordsThePMMsAnswer(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, m := roadmapPod(t, db)
	panel := NewDebtCheckPanel(e.Scope(), p.ID, m.ID)
	e.ShowContent(panel.sc, panel.Build())
	e.Wait()
	if !apptest.ContainsText(e.Screen(), "Add 1.3 points of maintenance to reach 20%.") || !apptest.ContainsText(e.Screen(), "answers once the snapshot is recorded") {
		t.Fatal("the panel does not show the live debt check before recording")
	}
	test.Tap(panel.record)
	e.Wait()
	snap, err := db.DebtSnapshot(context.Background(), m.ID)
	if err != nil || snap.Check.Ratio != 1500 || snap.Check.Band != data.BandClose {
		t.Fatalf("recorded snapshot = %+v, %v", snap, err)
	}
	if !panel.record.Hidden || !apptest.ContainsText(e.Screen(), "Sofia Lindqvist") {
		t.Error("after recording the panel should ask the Product Marketing Manager")
	}

	// Disputing needs a comment; nothing is stored without one.
	test.Tap(panel.dispute)
	e.Wait()
	if panel.problem.Hidden || !strings.Contains(panel.problem.Text, "Say what is disputed") {
		t.Errorf("dispute without comment: problem %q", panel.problem.Text)
	}
	if s, _ := db.DebtSnapshot(context.Background(), m.ID); s.Response != data.ResponsePending {
		t.Fatalf("an empty dispute was stored: %+v", s)
	}
	test.Type(panel.comment, "The Acme deal needs Apple Pay this quarter")
	test.Tap(panel.dispute)
	e.Wait()
	s, _ := db.DebtSnapshot(context.Background(), m.ID)
	if s.Response != data.ResponseDisputed || s.Comment != "The Acme deal needs Apple Pay this quarter" || s.RespondedBy != "Sofia Lindqvist" {
		t.Errorf("stored answer = %+v", s)
	}
	if !apptest.ContainsText(e.Screen(), "Disputed by Sofia Lindqvist") || !apptest.ContainsText(e.Screen(), "The Acme deal needs Apple Pay") {
		t.Error("the panel does not show the answer")
	}

	// The roadmap changes; a fresh panel still shows the recorded figures.
	r, _ := db.Roadmap(context.Background(), p.ID)
	for _, it := range r.Items {
		if it.Kind == data.KindMaintenance {
			more := data.Effort(300)
			it.Effort = &more
			if _, _, err := db.SaveRoadmapItem(context.Background(), it); err != nil {
				t.Fatal(err)
			}
		}
	}
	again := NewDebtCheckPanel(e.Scope(), p.ID, m.ID)
	e.ShowContent(again.sc, again.Build())
	e.Wait()
	if !apptest.ContainsText(e.Screen(), "Add 1.3 points") || apptest.ContainsText(e.Screen(), "quota is met") {
		t.Error("a recorded snapshot moved with the roadmap")
	}
}

func TestDebtPanelAccept(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, m := roadmapPod(t, db)
	panel := NewDebtCheckPanel(e.Scope(), p.ID, m.ID)
	e.ShowContent(panel.sc, panel.Build())
	e.Wait()
	test.Tap(panel.record)
	e.Wait()
	test.Tap(panel.accept)
	e.Wait()
	if s, _ := db.DebtSnapshot(context.Background(), m.ID); s.Response != data.ResponseAccepted || s.RespondedAt.IsZero() {
		t.Errorf("accepted answer = %+v", s)
	}
	if !apptest.ContainsText(e.Screen(), "Accepted by Sofia Lindqvist") {
		t.Error("the acceptance is not shown")
	}
}

func openRoadmap(e *apptest.Env, podID int64) *View {
	v := NewView(e.Scope(), podID)
	e.ShowContent(v.sc, v.Build())
	return v
}

func TestRoadmapViewShowsWhereThePodStands(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, m := roadmapPod(t, db)
	v := openRoadmap(e, p.ID)
	for _, s := range []string{"15%", "Close", "Add 1.3 points of maintenance to reach 20%.", "Upgrade Postgres", "Acme"} {
		if !apptest.ShowsText(e.Screen(), s) {
			t.Errorf("the roadmap view does not show %q", s)
		}
	}
	// Narrowing the window to next quarter leaves nothing planned.
	v.windowSel.SetSelectedIndex(2)
	if !apptest.ContainsText(e.Screen(), "No estimated work planned for 2027-Q1") {
		t.Error("changing the planning window does not recompute the check")
	}
	v.windowSel.SetSelectedIndex(0)

	// Recording this week's snapshot from the tab.
	if v.meetingSel.Selected != m.Date.Long() {
		t.Fatalf("proposed meeting = %q", v.meetingSel.Selected)
	}
	test.Tap(v.recordSnap)
	e.Wait()
	if s, err := db.DebtSnapshot(context.Background(), m.ID); err != nil || s.Check.Ratio != 1500 {
		t.Fatalf("snapshot from the tab = %+v, %v", s, err)
	}
	if v.debtPanel == nil || v.debtPanel.snapshot == nil {
		t.Fatal("recording from the tab does not open the meeting's debt check")
	}
	test.Tap(v.debtPanel.accept)
	e.Wait()
	if s, _ := db.DebtSnapshot(context.Background(), m.ID); s.Response != data.ResponseAccepted {
		t.Errorf("answer from the tab = %s", s.Response)
	}
}

func TestRoadmapItemFormShowsProblemsAndSavesNothing(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, _ := roadmapPod(t, db)
	v := openRoadmap(e, p.ID)
	test.Tap(v.addItem)
	f := v.itemForm
	if f == nil {
		t.Fatal("Add item opened no form")
	}
	test.Type(f.effort, "-4")
	f.target.SetText("2026-Q7")
	test.Type(f.expectedARR, "lots")
	f.kind.SetSelected("Maintenance")
	test.Tap(f.dlg.Confirm)
	e.Wait()
	for field, want := range map[string]string{
		"title":   "needs a title",
		"effort":  "cannot be negative",
		"target":  "Q1 to Q4",
		"subkind": "kind of maintenance",
	} {
		if l := f.problems[field]; l.Hidden || !strings.Contains(l.Text, want) {
			t.Errorf("%s problem = %q (hidden %v), want %q", field, l.Text, l.Hidden, want)
		}
	}
	if r, _ := db.Roadmap(context.Background(), p.ID); len(r.Items) != 2 {
		t.Fatalf("an invalid item reached the store: %d items", len(r.Items))
	}

	f.effort.SetText("5000")
	test.Tap(f.dlg.Confirm)
	if !strings.Contains(f.problems["effort"].Text, "too much for one item") {
		t.Errorf("absurd effort problem = %q", f.problems["effort"].Text)
	}

	test.Type(f.title, "Fix flaky settlement tests")
	f.subkind.SetSelected("Bugs")
	f.effort.SetText("2.5")
	f.target.SetText("2026-Q4")
	test.Tap(f.dlg.Confirm)
	e.Wait()
	r, _ := db.Roadmap(context.Background(), p.ID)
	var got *data.RoadmapItem
	for i := range r.Items {
		if r.Items[i].Title == "Fix flaky settlement tests" {
			got = &r.Items[i]
		}
	}
	if got == nil || got.Kind != data.KindMaintenance || got.Subkind != data.MaintBugs || *got.Effort != 25 || got.ExpectedARR != 0 {
		t.Fatalf("saved item = %+v", got)
	}
	// 5.5 of 22.5 is 24.44%: the check at the top follows.
	if !apptest.ShowsText(e.Screen(), "24.44%") || !apptest.ShowsText(e.Screen(), "On target") {
		t.Error("the debt check did not follow the new item")
	}
}

func TestBookingARRCelebratesOnce(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, _ := roadmapPod(t, db)
	one := data.Effort(80)
	f, _, err := db.SaveRoadmapItem(context.Background(), data.RoadmapItem{PodID: p.ID, Title: "Instant payouts", Kind: data.KindFeature, Effort: &one,
		Target: data.Quarter{Year: 2026, Q: 3}, Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 7, 1)})
	if err != nil {
		t.Fatal(err)
	}
	v := openRoadmap(e, p.ID)
	var celebrated []data.Celebration
	v.celebrate = func(c data.Celebration) { celebrated = append(celebrated, c) }
	if !apptest.ContainsText(e.Screen(), "no ARR booked") {
		t.Error("a shipped feature without revenue is not listed")
	}

	book := func(day time.Time, amount string) *arrForm {
		v.openARRForm(mustItem(t, v, f.ID))
		a := v.arrForm
		a.date.SetDate(&day)
		a.amount.SetText(amount)
		test.Tap(a.dlg.Confirm)
		e.Wait()
		return a
	}
	tomorrow := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	a := book(tomorrow, "500k")
	if !strings.Contains(a.problems["date"].Text, "in the future") {
		t.Errorf("future ARR problem = %q", a.problems["date"].Text)
	}
	a = book(time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local), "-5")
	if !strings.Contains(a.problems["amount"].Text, "cannot be negative") {
		t.Errorf("negative ARR problem = %q", a.problems["amount"].Text)
	}
	if r, _ := db.Roadmap(context.Background(), p.ID); len(r.Entries) != 0 {
		t.Fatal("bad ARR reached the store")
	}

	book(time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local), "600k")
	if len(celebrated) != 0 {
		t.Fatal("celebrated below the goal")
	}
	book(time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local), "$450,000")
	book(time.Date(2026, 11, 24, 0, 0, 0, 0, time.Local), "100k")
	if len(celebrated) != 1 || celebrated[0].CrossedOn.String() != "2026-11-20" {
		t.Fatalf("celebrations = %+v, want exactly one on 20 Nov", celebrated)
	}
	if !apptest.ContainsText(e.Screen(), "Instant payouts reached its $1M ARR goal on Fri 20 Nov 2026") {
		t.Error("no celebration banner")
	}
	if !apptest.ContainsText(e.Screen(), "Goal reached 20 Nov 2026") {
		t.Error("the revenue list does not mark the goal reached")
	}
	cs, _ := db.CelebrationsSince(context.Background(), p.ID, data.NewDate(2026, 11, 19))
	if len(cs) != 1 {
		t.Errorf("minutes would find %d celebrations", len(cs))
	}
}

func mustItem(t *testing.T, v *View, id int64) data.RoadmapItem {
	t.Helper()
	it, ok := v.rm.Item(id)
	if !ok {
		t.Fatalf("item %d not loaded", id)
	}
	return it
}

func TestFigureViewDrawsTheFigure(t *testing.T) {
	_ = test.NewTempApp(t)
	v := newFigureView(sampleDebtFigure())
	r := test.TempWidgetRenderer(t, v).(*figureRenderer)
	size := fyne.NewSize(600, 400)
	r.Layout(size)
	var quota, dashes, dots int
	for _, o := range r.Objects() {
		switch c := o.(type) {
		case *canvas.Text:
			if c.Text == "Quota 20%" {
				quota++
			}
			if c.Position().X < 0 || c.Position().X+c.Size().Width > size.Width+1 || c.Position().Y+c.Size().Height > size.Height {
				t.Errorf("text %q at %v size %v is outside the widget", c.Text, c.Position(), c.Size())
			}
		case *canvas.Line:
			if c.StrokeColor == toColor(chart.Target) {
				dashes++
			}
		case *canvas.Circle:
			dots++
		}
	}
	if quota != 1 || dashes < 10 || dots != 2 {
		t.Errorf("quota label %d, quota dashes %d, dots %d", quota, dashes, dots)
	}
	// Twice the room draws the same chart twice as large.
	first := textPos(r, "Quota 20%")
	r.Layout(fyne.NewSize(1200, 800))
	if second := textPos(r, "Quota 20%"); second.X < first.X*1.9 {
		t.Errorf("the chart did not scale: quota label at %v, then %v", first, second)
	}
}

func textPos(r *figureRenderer, s string) fyne.Position {
	for _, o := range r.Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Text == s {
			return t.Position()
		}
	}
	return fyne.Position{}
}

func sampleDebtFigure() chart.Figure {
	return debtTrendOf([]data.DebtSnapshot{
		{MeetingDate: data.NewDate(2026, 11, 5), Check: data.DebtCheck{Ratio: 1200, Band: data.BandOffTarget}},
		{MeetingDate: data.NewDate(2026, 11, 12), Check: data.DebtCheck{Ratio: 1700, Band: data.BandClose}},
	}, 2000)
}

func TestChangingTheEffortUnitAsksFirst(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, _ := roadmapPod(t, db)
	v := openRoadmap(e, p.ID)
	var asked string
	e.Sh.Confirm = func(_, msg, _ string, yes func()) { asked = msg; yes() }
	v.unitSel.SetSelected("Person-weeks")
	e.Wait()
	if !strings.Contains(asked, "2 items are estimated in points") {
		t.Errorf("confirmation = %q", asked)
	}
	if r, _ := db.Roadmap(context.Background(), p.ID); r.Unit != data.UnitPersonWeeks {
		t.Errorf("unit = %s", r.Unit)
	}
	if v.unitSel.Selected != "Person-weeks" || !apptest.ShowsText(e.Screen(), "Add 1.3 person-weeks") {
		t.Error("the view does not follow the new unit")
	}
}

// A roadmap item made from an approved deal request names the deal's
// customer first in its row.
func TestRoadmapRowNamesTheDealItCameFrom(t *testing.T) {
	e := apptest.NewShared(t)
	pod := apptest.Pod(t, e.DB, "Payments")
	r := e.Request(pod.ID, "Hooli", 300_000, time.Hour)
	ctx := context.Background()
	if _, err := e.DB.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	it := data.RoadmapItemFromDeal(r, data.DateOf(e.Now()))
	it.Customers = append(it.Customers, "Acme")
	if _, err := e.DB.CreateRoadmapItemFromDeal(ctx, r.ID, it); err != nil {
		t.Fatal(err)
	}
	v := openRoadmap(e, pod.ID)
	if !apptest.ContainsText(v.itemsBox, "Hooli (deal), Acme") {
		t.Error("the roadmap row does not name the deal first")
	}
}

// An empty roadmap says so in lines that wrap: its notes once stood
// unwrapped side by side and made the tab 1,145 pixels wide, wider than
// a 1366-pixel laptop's window beside the sidebar.
func TestAnEmptyRoadmapFitsBesideTheSidebar(t *testing.T) {
	e := apptest.New(t)
	p, _ := roadmapPod(t, e.DB)
	openRoadmap(e, p.ID)
	if !apptest.ContainsText(e.Screen(), "No shipped features yet. Mark a feature shipped, then book the ARR it brings here.") {
		t.Fatal("the empty roadmap does not say it has no shipped features")
	}
	if w := e.Screen().MinSize().Width; w > 900 {
		t.Errorf("an empty roadmap needs %.0f px, more than the 900 a 1280-pixel window leaves beside the sidebar", w)
	}
}
