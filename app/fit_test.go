package app

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// newDemoUI is the window over the sample company, as of the tests' clock,
// showing the first pod.
func newDemoUI(t *testing.T) (*UI, *sqlite.DB) {
	t.Helper()
	u, db := newTestUI(t)
	if err := demo.Fill(context.Background(), db, apptest.Start()); err != nil {
		t.Fatal(err)
	}
	u.Go(shell.Pods{})
	u.sh.Wait()
	return u, db
}

// windowMin is the least the window asks of the screen for what it shows:
// the sidebar beside the screen's own minimum (not the scroll that keeps
// a larger one inside the window), the canvas padding and the menu bar.
func windowMin(u *UI) fyne.Size {
	border := u.sh.Win.Content().(*fyne.Container)
	side := border.Objects[1] // NewBorder puts the centre first, then left
	s := container.NewBorder(nil, nil, side, nil, u.screen).MinSize()
	return s.Add(fyne.NewSize(2*theme.Padding(), 2*theme.Padding()+menuBarHeight()))
}

// fits reports whether s is within the smallest screen.
func fits(s fyne.Size) bool {
	return s.Width <= smallestScreen.Width && s.Height <= smallestScreen.Height
}

// tallest is the tallest window minimum checkFits saw, and where.
var tallest struct {
	min  fyne.Size
	what string
}

// checkFits fails when the window, or the dialog on top of it, asks for
// more than the smallest screen.
func checkFits(t *testing.T, u *UI, what string) {
	t.Helper()
	u.sh.Wait()
	m := windowMin(u)
	if m.Height > tallest.min.Height {
		tallest.min, tallest.what = m, what
	}
	if !fits(m) {
		t.Errorf("%s: the window needs %.0fx%.0f, more than %v", what, m.Width, m.Height, smallestScreen)
	}
	if top := u.sh.Win.Canvas().Overlays().Top(); top != nil {
		room := smallestScreen.Subtract(fyne.NewSize(0, menuBarHeight()))
		if m := top.MinSize(); m.Width > room.Width || m.Height > room.Height {
			t.Errorf("%s: its dialog needs %.0fx%.0f, more than the window's %v", what, m.Width, m.Height, room)
		}
	}
}

// closeDialogs dismisses every dialog on the window.
func closeDialogs(u *UI) {
	for u.sh.Win.Canvas().Overlays().Top() != nil {
		u.sh.Win.Canvas().Overlays().Remove(u.sh.Win.Canvas().Overlays().Top())
	}
}

// tapShown taps the first shown button reading text, failing without one.
func tapShown(t *testing.T, u *UI, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(u.sh.Win.Canvas().Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && !b.Disabled() {
			test.Tap(b)
			u.sh.Wait()
			return
		}
	}
	t.Fatalf("no button %q shown", text)
}

// agendaList is the meeting's agenda list (the sidebar's is the other).
func agendaList(t *testing.T, u *UI) *widget.List {
	t.Helper()
	var found *widget.List
	for _, o := range test.LaidOutObjects(u.screen) {
		if l, ok := o.(*widget.List); ok && found == nil {
			found = l
		}
	}
	if found == nil {
		t.Fatal("no agenda list")
	}
	return found
}

// demoRun is the sample pod's draft meeting as the store holds it.
func demoRun(t *testing.T, db *sqlite.DB, pod string) data.MeetingRun {
	t.Helper()
	p := apptest.DemoPod(t, db, pod)
	return apptest.Run(t, db, apptest.DemoMeeting(t, db, p.ID, "").ID)
}

// Every screen and dialog of the window, over the sample company, fits
// within 1280x720: the window's minimum never passes a small laptop's
// screen, so the window never grows itself past it.
func TestEveryScreenFitsTheSmallestScreen(t *testing.T) {
	u, db := newDemoUI(t)
	ctx := context.Background()
	pods, err := db.Pods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		for _, tab := range []shell.PodTab{shell.TabMeetings, shell.TabDealDesk, shell.TabRoadmap, shell.TabDecisions} {
			u.Go(shell.Pod{ID: p.ID, Tab: tab})
			checkFits(t, u, fmt.Sprintf("%s, tab %d", p.Name, tab))
		}
		u.Go(shell.EditPod{Pod: p})
		checkFits(t, u, "editing "+p.Name)
		u.onShortcuts()
		checkFits(t, u, "the keyboard shortcuts")
		closeDialogs(u)
		u.onAbout()
		checkFits(t, u, "About")
		closeDialogs(u)
	}
	for _, r := range []shell.Route{shell.NewPod{}, shell.Settings{}, shell.DealDesk{}, shell.Welcome{}} {
		u.Go(r)
		checkFits(t, u, fmt.Sprintf("%T", r))
	}

	pay := apptest.DemoPod(t, db, "Payments")
	reqs, err := db.DealRequests(ctx, data.DealFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		u.Go(shell.DealRequest{ID: r.ID, Back: shell.DealDesk{}})
		checkFits(t, u, "request "+r.Customer)
		u.Go(shell.EditDealRequest{Request: r, Back: shell.DealDesk{}})
		checkFits(t, u, "editing request "+r.Customer)
	}
	// A form full of inline problems: every required field left empty.
	u.Go(shell.NewDealRequest{PodID: pay.ID, Back: shell.DealDesk{}})
	tapShown(t, u, "Send to the deal desk")
	checkFits(t, u, "a new request with its problems shown")

	// Every meeting of the pod, on every item: the draft, then running, with
	// a failed save's message under the clock, and the closed ones.
	draft := demoRun(t, db, "Payments")
	walkItems := func(what string) {
		t.Helper()
		list := agendaList(t, u)
		for i := 0; i < list.Length(); i++ {
			list.Select(i)
			u.sh.Wait()
			checkFits(t, u, fmt.Sprintf("%s, item %d", what, i+1))
		}
	}
	u.Go(shell.Meeting{ID: draft.Meeting.ID})
	walkItems("the draft meeting")
	tapShown(t, u, "Start meeting")
	walkItems("the running meeting")
	u.host.SaveState(true, data.KindError(data.ErrDiskFull, "The disk holding %s is full, so the last change was not saved; everything saved before it is intact. Free some space and try again.",
		strings.Repeat("/a-long-folder-name", 8)+"/triad.db"))
	walkItems("the running meeting with a failed save")
	u.host.SaveState(false, nil)
	tapShown(t, u, "Add guest")
	checkFits(t, u, "adding a guest")
	closeDialogs(u)
	tapShown(t, u, "Close meeting")
	checkFits(t, u, "asking to close")
	closeDialogs(u)
	ms, err := db.Meetings(ctx, pay.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Status != data.MeetingClosed {
			continue
		}
		u.Go(shell.Meeting{ID: m.ID})
		walkItems("the closed meeting of " + m.Date.Long())
	}
	tapShown(t, u, "Reopen")
	checkFits(t, u, "reopening")
	closeDialogs(u)

	// The decisions: each one's page from the meeting, and a new one.
	log, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: pay.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		u.Go(shell.Decision{PodID: pay.ID, ID: e.Decision.ID, FromMeeting: draft.Meeting.ID})
		checkFits(t, u, "decision "+e.Decision.Question)
	}
	u.Go(shell.NewDecision{PodID: pay.ID, FromMeeting: draft.Meeting.ID, AgendaItemID: draft.Items[0].ID, Question: "Which currencies first?"})
	checkFits(t, u, "a new decision")
	t.Logf("the tallest window minimum: %.0fx%.0f, %s", tallest.min.Width, tallest.min.Height, tallest.what)
}

// A screen that wants more than the smallest screen scrolls inside the
// window instead of growing it.
func TestAScreenTooLargeScrollsInsteadOfGrowingTheWindow(t *testing.T) {
	u, _ := newTestUI(t)
	huge := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	huge.SetMinSize(fyne.NewSize(3000, 3000))
	u.show(u.sh.NewScope(), shell.Screen{Content: huge})
	got := u.sh.Win.Content().MinSize().Add(fyne.NewSize(2*theme.Padding(), 2*theme.Padding()+menuBarHeight()))
	if !fits(got) {
		t.Errorf("a 3000x3000 screen makes the window ask for %v", got)
	}
	u.sh.Win.Resize(fyne.NewSize(1200, 700)) // lays it out, as the real window does once it has changed
	if s := huge.Size(); s.Width < 3000 || s.Height < 3000 {
		t.Errorf("the screen was squeezed to %v instead of scrolling", s)
	}
}

// rect is a rectangle on the canvas.
type rect struct{ x0, y0, x1, y1 float32 }

func (r rect) cut(o rect) rect {
	return rect{fyne.Max(r.x0, o.x0), fyne.Max(r.y0, o.y0), fyne.Min(r.x1, o.x1), fyne.Min(r.y1, o.y1)}
}

func (r rect) height() float32 { return fyne.Max(0, r.y1-r.y0) }
func (r rect) width() float32  { return fyne.Max(0, r.x1-r.x0) }

// shownPart is the part of target the window shows: its bounds cut by the
// canvas and by every scroll around it; ok is false when it is hidden or
// not in the window.
func shownPart(win fyne.Window, target fyne.CanvasObject) (shown rect, ok bool) {
	size := win.Canvas().Size()
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect) bool
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect) bool {
		if !o.Visible() {
			return false
		}
		pos := at.Add(o.Position())
		bounds := rect{pos.X, pos.Y, pos.X + o.Size().Width, pos.Y + o.Size().Height}
		if o == target {
			shown, ok = bounds.cut(clip), true
			return true
		}
		var kids []fyne.CanvasObject
		switch c := o.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		if _, scrolls := o.(*container.Scroll); scrolls {
			clip = clip.cut(bounds)
		}
		for _, k := range kids {
			if walk(k, pos, clip) {
				return true
			}
		}
		return false
	}
	walk(win.Canvas().Content(), fyne.Position{}, rect{0, 0, size.Width, size.Height})
	return shown, ok
}

// shownHeight is how much of target's height the window shows.
func shownHeight(win fyne.Window, target fyne.CanvasObject) float32 {
	r, ok := shownPart(win, target)
	if !ok || r.width() <= 0 {
		return 0
	}
	return r.height()
}

// fullyShown reports whether the window shows all of target.
func fullyShown(win fyne.Window, target fyne.CanvasObject) bool {
	return target.Size().Height > 0 && shownHeight(win, target) >= target.Size().Height-0.5
}

// layOut sizes the test window as a real one of size on the screen: the
// test driver draws no menu bar, so its canvas is the window less that.
func layOut(u *UI, size fyne.Size) {
	u.sh.Win.Resize(size.Subtract(fyne.NewSize(0, menuBarHeight())))
}

// shownLabels are the labels shown in full that read one of texts.
func shownLabels(u *UI, texts map[string]bool) int {
	n := 0
	for _, o := range test.LaidOutObjects(u.screen) {
		if l, ok := o.(*widget.Label); ok && texts[l.Text] && fullyShown(u.sh.Win, l) {
			n++
		}
	}
	return n
}

var clockText = regexp.MustCompile(`^\d+:\d\d$`)

// At 1366x768 and at 1280x720 the running meeting shows the clock, the
// item on it, its title, several lines of notes and four rows of the
// bottom panel, on a feature proposal (its six questions) and on the deal
// desk (its live panel) alike.
func TestRunningMeetingShowsClockItemNotesAndBottomRows(t *testing.T) {
	u, db := newDemoUI(t)
	ctx := context.Background()
	run := demoRun(t, db, "Payments")
	var actions = map[string]bool{}
	for i := 1; i <= 5; i++ {
		a := data.ActionItem{MeetingID: run.Meeting.ID, Text: fmt.Sprintf("Follow-up number %d", i)}
		if _, err := db.AddActionItem(ctx, a); err != nil {
			t.Fatal(err)
		}
		actions[a.Text] = true
	}
	if _, err := db.AddGuest(ctx, run.Meeting.ID, data.Attendee{Name: "Lee Chen", GuestRole: "Solutions engineer"}); err != nil {
		t.Fatal(err)
	}
	u.Go(shell.Meeting{ID: run.Meeting.ID})
	tapShown(t, u, "Start meeting")
	feature, desk := -1, -1
	for i, it := range run.Items {
		switch {
		case it.Kind == data.KindFeatureProposal && feature < 0:
			feature = i
		case it.Standing == data.StandingDealDesk:
			desk = i
		}
	}
	if feature < 0 || desk < 0 {
		t.Fatal("the sample meeting has no feature proposal or no deal desk")
	}
	line := fyne.MeasureText("Notes", theme.TextSize(), fyne.TextStyle{}).Height
	for _, screen := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1280, Height: 720}} {
		for _, item := range []int{desk, feature} {
			what := fmt.Sprintf("at %vx%v on %q", screen.Width, screen.Height, run.Items[item].Title)
			layOut(u, screen)
			agendaList(t, u).Select(item)
			u.sh.Wait()
			shown := test.LaidOutObjects(u.screen)
			var clock *canvas.Text
			var current, attendance *widget.Label
			for _, o := range shown {
				switch w := o.(type) {
				case *canvas.Text:
					if clockText.MatchString(w.Text) && w.TextSize > theme.TextSize() {
						clock = w
					}
				case *widget.Label:
					if strings.HasPrefix(w.Text, "1. "+run.Items[0].Title) {
						current = w
					}
				}
			}
			if clock == nil || !fullyShown(u.sh.Win, clock) || current == nil || !fullyShown(u.sh.Win, current) {
				t.Errorf("%s: the clock or the item on it is not shown in full", what)
			}
			title := field(t, u, "Title")
			if title.Text != run.Items[item].Title || !fullyShown(u.sh.Win, title) {
				t.Errorf("%s: the item's title %q is not shown in full", what, title.Text)
			}
			notes := field(t, u, "Notes: what was said, the numbers, the open points…")
			if lines := (shownHeight(u.sh.Win, notes) - 2*theme.InnerPadding()) / line; lines < 4 {
				t.Errorf("%s: the notes show %.1f lines, want at least 4", what, lines)
			}
			if n := shownLabels(u, actions); n < 4 {
				t.Errorf("%s: %d action items shown in full under the form, want at least 4", what, n)
			}
			_ = attendance
			var tabs *container.AppTabs
			for _, o := range shown {
				if at, ok := o.(*container.AppTabs); ok {
					tabs = at
				}
			}
			tabs.SelectIndex(2)
			people := 0
			for _, o := range test.LaidOutObjects(u.screen) {
				if c, ok := o.(*widget.Check); ok && c.Text != "" && fullyShown(u.sh.Win, c) {
					people++
				}
			}
			if people < 4 {
				t.Errorf("%s: attendance shows %d people in full, want at least 4", what, people)
			}
			tabs.SelectIndex(0)
			if item == feature {
				heads := 0
				for _, o := range shown {
					if l, ok := o.(*widget.Label); ok && (l.Text == "Engineering" || l.Text == "Product" || l.Text == "Go-to-market") && fullyShown(u.sh.Win, l) {
						heads++
					}
				}
				if heads != 3 {
					t.Errorf("%s: %d of the three functions' questions are in view", what, heads)
				}
			}
		}
	}
}

var _ = kit.Itoa
