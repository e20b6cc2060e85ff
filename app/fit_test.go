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
	"triad/app/myitems"
	"triad/app/shell"
	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
	tsync "triad/data/sync"
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

// fits reports whether s is within the window the smallest screen shows
// in full, below its title bar and beside its taskbar.
func fits(s fyne.Size) bool {
	return s.Width <= smallestWindow().Width && s.Height <= smallestWindow().Height
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
		t.Errorf("%s: the window needs %.0fx%.0f, more than %v", what, m.Width, m.Height, smallestWindow())
	}
	if top := u.sh.Win.Canvas().Overlays().Top(); top != nil {
		room := smallestWindow().Subtract(fyne.NewSize(0, menuBarHeight()))
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

// tapShown taps a shown, enabled button reading text, failing without one.
// It finds it as the window draws it: test.LaidOutObjects would build
// fresh renderers, and a list then scrolls one that is not on the screen.
func tapShown(t *testing.T, u *UI, text string) {
	t.Helper()
	for o := range shownIn(u.sh.Win) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && !b.Disabled() {
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
	for o := range shownIn(u.sh.Win) {
		if l, ok := o.(*widget.List); ok && l != u.sidebar.list {
			return l
		}
	}
	t.Fatal("no agenda list")
	return nil
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
	for _, r := range []shell.Route{shell.NewPod{}, shell.Settings{}, shell.DealDesk{}, shell.Welcome{}, shell.MyItems{}} {
		u.Go(r)
		checkFits(t, u, fmt.Sprintf("%T", r))
	}
	// My items of each person who owns open items, as the chooser picks them.
	mine, err := db.MyItems(ctx, data.MyItemsQuery{})
	if err != nil || len(mine.Owners) == 0 {
		t.Fatalf("the sample company's owners of open items: %v, %v", mine.Owners, err)
	}
	for _, who := range mine.Owners {
		u.sh.App.Preferences().SetString(myitems.PrefOwner, who)
		u.Go(shell.MyItems{})
		checkFits(t, u, "the items of "+who)
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
	agendaList(t, u).Select(0) // the deal desk, with its requests to approve
	u.sh.Wait()
	tapShown(t, u, "Approve")
	checkFits(t, u, "approving a request")
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

	// The Team screen, last: the sample company becomes a team's, with a
	// long status line and a page of refused events.
	teamScreenOfSample(t, u, db, pay)
	checkFits(t, u, "the Team screen")
	t.Logf("the tallest window minimum: %.0fx%.0f, %s", tallest.min.Width, tallest.min.Height, tallest.what)
}

// teamScreenOfSample shares the sample's pod and shows the Team screen
// with sixty refused events and a long status line.
func teamScreenOfSample(t *testing.T, u *UI, db *sqlite.DB, pod data.Pod) {
	t.Helper()
	ctx := context.Background()
	fac, _ := tsync.NewKey()
	if err := db.SetUpTeam(ctx, "acme", "nats://hub.example-company-with-a-long-name.com:4222", "Daniel Okafor", fac); err != nil {
		t.Fatal(err)
	}
	if err := db.SharePod(ctx, pod.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatProduct}, nil); err != nil {
		t.Fatal(err)
	}
	stranger, _ := tsync.NewKey()
	for range 60 {
		refuse(t, db, pod.UID, stranger)
	}
	u.SetSyncStatus("Team acme: Offline · 12,345 changes waiting · 3 changes wait for an earlier one · last contact 26 Nov 10:04")
	u.Go(shell.Team{})
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

// shown is what the window draws, as it is laid out now (the test
// driver's LaidOutObjects would lay it out afresh and hide a layout the
// app left stale): each visible object with the part of it on the canvas,
// cut by every scroll around it.
type shown map[fyne.CanvasObject]rect

func shownIn(win fyne.Window) shown {
	out := shown{}
	size := win.Canvas().Size()
	var walk func(o fyne.CanvasObject, at fyne.Position, clip rect)
	walk = func(o fyne.CanvasObject, at fyne.Position, clip rect) {
		if !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		bounds := rect{pos.X, pos.Y, pos.X + o.Size().Width, pos.Y + o.Size().Height}
		out[o] = bounds.cut(clip)
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
			walk(k, pos, clip)
		}
	}
	walk(win.Canvas().Content(), fyne.Position{}, rect{0, 0, size.Width, size.Height})
	return out
}

// height is how much of o's height is shown.
func (s shown) height(o fyne.CanvasObject) float32 {
	r, ok := s[o]
	if !ok || r.width() <= 0 {
		return 0
	}
	return r.height()
}

// full reports whether all of o is shown.
func (s shown) full(o fyne.CanvasObject) bool {
	return o.Size().Height > 0 && s.height(o) >= o.Size().Height-0.5
}

// count is how many shown objects match and are shown in full.
func (s shown) count(match func(fyne.CanvasObject) bool) int {
	n := 0
	for o := range s {
		if match(o) && s.full(o) {
			n++
		}
	}
	return n
}

// entry is the shown field with placeholder, or nil.
func (s shown) entry(placeholder string) *kit.Entry {
	for o := range s {
		if e, ok := o.(*kit.Entry); ok && e.PlaceHolder == placeholder {
			return e
		}
	}
	return nil
}

// layOut sizes the test window as the real one filling a screen of size
// below its title bar and beside a taskbar: the test driver draws no menu
// bar, so its canvas is the window less that.
func layOut(u *UI, screen fyne.Size) {
	u.sh.Win.Resize(screen.Subtract(desktopChrome()).Subtract(fyne.NewSize(0, menuBarHeight())))
}

var clockText = regexp.MustCompile(`^\d+:\d\d$`)

// At 1920x1080, 1366x768 and 1280x720 the running meeting shows the
// clock, the item on it, its title, several lines of notes, its one-line
// fields unclipped and rows of the bottom panel, on a feature proposal (its six questions) and on the deal
// desk (its live panel) alike.
func TestRunningMeetingShowsClockItemNotesAndBottomRows(t *testing.T) {
	u, db := newDemoUI(t)
	ctx := context.Background()
	run := demoRun(t, db, "Payments")
	actions := map[string]bool{}
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
	feature, desk, plain := -1, -1, -1
	for i, it := range run.Items {
		switch {
		case it.Kind == data.KindFeatureProposal && feature < 0:
			feature = i
		case it.Standing == data.StandingDealDesk:
			desk = i
		case it.Kind == data.KindInfo && it.Standing == data.StandingNone:
			plain = i
		}
	}
	if feature < 0 || desk < 0 || plain < 0 {
		t.Fatal("the sample meeting lacks a feature proposal, the deal desk or a plain item")
	}
	line := fyne.MeasureText("Notes", theme.TextSize(), fyne.TextStyle{}).Height
	list := agendaList(t, u)
	for _, screen := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1280, Height: 720}, {Width: 1920, Height: 1080}} {
		layOut(u, screen)
		// The feature proposal after a short item: its questions get their
		// room back at once.
		for _, item := range []int{desk, plain, feature} {
			what := fmt.Sprintf("at %vx%v on %q", screen.Width, screen.Height, run.Items[item].Title)
			list.Select(item)
			u.sh.Wait()
			s := shownIn(u.sh.Win)
			clock := s.count(func(o fyne.CanvasObject) bool {
				c, ok := o.(*canvas.Text)
				return ok && clockText.MatchString(c.Text) && c.TextSize > theme.TextSize()
			})
			current := s.count(func(o fyne.CanvasObject) bool {
				l, ok := o.(*widget.Label)
				return ok && strings.HasPrefix(l.Text, "1. "+run.Items[0].Title)
			})
			if clock != 1 || current != 1 {
				t.Errorf("%s: the clock (%d) or the item on it (%d) is not shown in full", what, clock, current)
			}
			if title := s.entry("Title"); title == nil || title.Text != run.Items[item].Title || !s.full(title) {
				t.Errorf("%s: the item's title is not shown in full", what)
			}
			notes := s.entry("Notes: what was said, the numbers, the open points…")
			if lines := (s.height(notes) - 2*theme.InnerPadding()) / line; lines < 4 {
				t.Errorf("%s: the notes show %.1f lines, want at least 4", what, lines)
			}
			checkRoomyFields(t, s, what, item == desk, deskPanelRows(screen.Height))
			// A laptop's window gives the item's live panel its rows first:
			// three action items show under the form at 1366x768 and two at
			// 1280x720, the rest scroll.
			rows := 4
			switch {
			case item == desk:
				rows = 2 // the deal desk's own rows come first there
			case screen.Height < 768:
				rows = 2
			case screen.Height < 1080:
				rows = 3
			}
			if n := s.count(func(o fyne.CanvasObject) bool { l, ok := o.(*widget.Label); return ok && actions[l.Text] }); n < rows {
				t.Errorf("%s: %d action items shown in full under the form, want at least %d", what, n, rows)
			}
			if item == feature {
				verdicts := s.count(func(o fyne.CanvasObject) bool {
					v, ok := o.(*widget.Select)
					return ok && v.PlaceHolder == "Unanswered"
				})
				if verdicts < 3 {
					t.Errorf("%s: %d of the functions' first questions are shown in full, want all 3", what, verdicts)
				}
			}
			var tabs *container.AppTabs
			for o := range s {
				if at, ok := o.(*container.AppTabs); ok {
					tabs = at
				}
			}
			tabs.SelectIndex(2)
			people := shownIn(u.sh.Win).count(func(o fyne.CanvasObject) bool { c, ok := o.(*widget.Check); return ok && c.Text != "" })
			if people < 4 {
				t.Errorf("%s: attendance shows %d people in full, want at least 4", what, people)
			}
			tabs.SelectIndex(0)
		}
	}
}

// The one-line fields of the item and the action form show what they ask
// for in full: a field narrower than its placeholder is typed into blind.
var roomyFields = []string{"Outcome: what was decided, agreed or learned", "New action: what, by whom, by when"}

// deskPanelRows is the least of the deal desk's live panel in view, in
// rows of labels, on a screen of height h: at 1280x720 its first section,
// the next one's heading and its first request, and more on larger ones.
func deskPanelRows(h float32) float32 {
	switch {
	case h < 768:
		return 4
	case h < 1080:
		return 5
	}
	return 8
}

// checkRoomyFields fails when a field of roomyFields is clipped, or, on
// the deal desk (desk), when its live panel shows fewer than deskRows rows.
func checkRoomyFields(t *testing.T, s shown, what string, desk bool, deskRows float32) {
	t.Helper()
	for _, ph := range roomyFields {
		e := s.entry(ph)
		need := fyne.MeasureText(ph, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
		if e == nil || !s.full(e) || s[e].width() < need {
			var got float32
			if e != nil {
				got = s[e].width()
			}
			t.Errorf("%s: the field %q is %.0f wide, clipping its %.0f", what, ph, got, need)
		}
	}
	if !desk {
		return
	}
	row := widget.NewLabel("").MinSize().Height
	for o, r := range s {
		sc, ok := o.(*container.Scroll)
		if !ok || !holdsLabel(sc.Content, "Overdue") {
			continue
		}
		if rows := r.height() / row; rows < deskRows-0.05 {
			t.Errorf("%s: the deal desk panel shows %.1f rows, want at least %.0f", what, rows, deskRows)
		}
		return
	}
	t.Errorf("%s: the deal desk panel is not shown", what)
}

// panelRows is how many label rows of the scroll holding a label that
// starts with text are shown, or -1 when none is.
func panelRows(s shown, text string) float32 {
	row := widget.NewLabel("").MinSize().Height
	for o, r := range s {
		if sc, ok := o.(*container.Scroll); ok && holdsLabel(sc.Content, text) {
			return r.height() / row
		}
	}
	return -1
}

// A closed meeting's deal desk, its frozen record, keeps its rows on a
// 1280x720 laptop beside the close's note and history under the clock:
// the new action's form, which a closed meeting takes none of, gives them
// its room.
func TestAClosedMeetingsDealDeskHasItsRowsAt1280x720(t *testing.T) {
	u, db := newDemoUI(t)
	ctx := context.Background()
	pay := apptest.DemoPod(t, db, "Payments")
	ms, err := db.Meetings(ctx, pay.ID)
	if err != nil {
		t.Fatal(err)
	}
	layOut(u, fyne.NewSize(1280, 720))
	for _, m := range ms {
		if m.Status != data.MeetingClosed {
			continue
		}
		u.Go(shell.Meeting{ID: m.ID})
		u.sh.Wait()
		run := apptest.Run(t, db, m.ID)
		for i, it := range run.Items {
			if it.Standing != data.StandingDealDesk {
				continue
			}
			agendaList(t, u).Select(i)
			u.sh.Wait()
			s := shownIn(u.sh.Win)
			// The close's note and history under the clock take one row of
			// the running meeting's four.
			if rows := panelRows(s, "As it stood when this meeting closed"); rows < deskPanelRows(720)-1 {
				t.Errorf("the closed meeting of %s: its deal desk shows %.1f rows, want %.0f", m.Date.Long(), rows, deskPanelRows(720)-1)
			}
			if s.entry("New action: what, by whom, by when") != nil {
				t.Errorf("the closed meeting of %s offers a new action", m.Date.Long())
			}
		}
	}
}

// holdsLabel reports whether o, or what it holds, is a label starting with text.
func holdsLabel(o fyne.CanvasObject, text string) bool {
	switch c := o.(type) {
	case *widget.Label:
		return strings.HasPrefix(c.Text, text)
	case *fyne.Container:
		for _, k := range c.Objects {
			if holdsLabel(k, text) {
				return true
			}
		}
	case fyne.Widget:
		if _, ok := o.(*container.Scroll); ok {
			return false // the panel's own scroll is the one measured
		}
		for _, k := range test.WidgetRenderer(c).Objects() {
			if holdsLabel(k, text) {
				return true
			}
		}
	}
	return false
}

// The agenda list follows the running item: each time the clock moves to
// the next item, that item's row is in view, however long the agenda.
func TestAgendaListFollowsTheRunningItem(t *testing.T) {
	u, db := newTestUI(t)
	ctx := context.Background()
	p := apptest.Pod(t, db, "Payments")
	m := apptest.Meeting(t, db, p.ID, data.NewDate(2026, 11, 25))
	for i := 1; i <= 12; i++ {
		if _, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: fmt.Sprintf("Topic number %d", i), Kind: data.KindTopic, PlannedMinutes: 5}); err != nil {
			t.Fatal(err)
		}
	}
	u.Go(shell.Meeting{ID: m.ID})
	layOut(u, fyne.NewSize(1280, 720))
	tapShown(t, u, "Start meeting")
	items := apptest.Run(t, db, m.ID).Items
	for i := range items {
		if i > 0 {
			tapShown(t, u, "Next item")
		}
		s := shownIn(u.sh.Win)
		rows := s.count(func(o fyne.CanvasObject) bool { l, ok := o.(*widget.Label); return ok && l.Text == items[i].Title })
		if rows < 1 {
			t.Fatalf("the clock is on item %d, %q, and its row is not in view", i+1, items[i].Title)
		}
	}
}
