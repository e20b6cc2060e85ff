package app

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/sqlite"
)

// newTestUI builds the window around a real database in a temp folder,
// with the clock fixed at Wed 25 Nov 2026 10:00 local and autosave held
// until something flushes it.
func newTestUI(t *testing.T) (*UI, *sqlite.DB) {
	t.Helper()
	u, e := newTestUIEnv(t)
	return u, e.DB
}

// newTestUIEnv is newTestUI with its world: the test fires its timers.
func newTestUIEnv(t *testing.T) (*UI, *apptest.Env) {
	t.Helper()
	e := apptest.New(t)
	u := newUI(e.App, e.DB, Info{Version: "test"}, true)
	u.sh.Now = apptest.Start
	u.sh.Saver.After = func(time.Duration, func()) data.Timer { return heldTimer{} }
	u.sh.After = e.Timers.After // held: a test that types into a search box pauses with its own
	t.Cleanup(u.sh.Win.Close)
	u.sh.Wait()
	return u, e
}

type heldTimer struct{}

func (heldTimer) Stop() bool { return true }

// closeSpy is the window with Close recorded: the test window may only be
// closed once, by its cleanup.
type closeSpy struct {
	fyne.Window
	closed bool
}

func (c *closeSpy) Close() { c.closed = true }

// field is the shown text field with placeholder.
func field(t *testing.T, u *UI, placeholder string) *kit.Entry {
	t.Helper()
	es := apptest.EntriesWithPlaceholder(u.screen, placeholder)
	if len(es) == 0 {
		t.Fatalf("no field %q", placeholder)
	}
	return es[0]
}

func TestWelcomeWhenEmpty(t *testing.T) {
	u, _ := newTestUI(t)
	if !apptest.ContainsText(u.screen, "Welcome to Triad") || !apptest.ContainsText(u.screen, "Load sample data") {
		t.Fatal("an empty database does not show the welcome screen")
	}
}

func TestReloadReopensTheSelectedPod(t *testing.T) {
	u, db := newTestUI(t)
	p := apptest.Pod(t, db, "Growth")
	u.Go(shell.Pods{Show: p.ID})
	u.sh.Wait()
	// A screen opened from the pod page keeps the pod selected, as the
	// meeting screen does; going back reloads the same pod.
	u.show(u.sh.NewScope(), shell.Screen{Content: widget.NewLabel("a meeting")})
	u.Go(shell.Pods{Show: p.ID})
	u.sh.Wait()
	if !apptest.ContainsText(u.screen, "Meets every") {
		t.Error("reloading the pod that is already selected did not reopen its page")
	}
}

// Each route shows its screen, and the sidebar follows: a pod's routes
// keep it selected, the others clear it.
func TestRoutesShowTheirScreens(t *testing.T) {
	u, db := newTestUI(t)
	ctx := context.Background()
	p := apptest.Pod(t, db, "Payments")
	m := apptest.Meeting(t, db, p.ID, data.NewDate(2026, 11, 26))
	r, err := db.CreateDealRequest(ctx, data.DealRequest{PodID: p.ID, Customer: "Globex", Value: data.Dollars(90_000),
		RepName: "Maya Chen", Features: "SSO", NeedsNewFeature: true, ReceivedAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	d := data.NewDecision(p, m.ID)
	d.Question = "Build SSO first?"
	if d, err = db.CreateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		route    shell.Route
		shows    string
		selected int64
	}{
		{shell.Pod{ID: p.ID}, "Meets every", p.ID},
		{shell.Pod{ID: p.ID, Tab: shell.TabDecisions}, "New decision", p.ID},
		{shell.Meeting{ID: m.ID}, "Weekly meeting · Thu 26 Nov 2026", p.ID},
		{shell.Decision{PodID: p.ID, ID: d.ID, FromMeeting: m.ID}, "Back to the meeting", p.ID},
		{shell.NewDecision{PodID: p.ID}, "New decision", p.ID},
		{shell.EditPod{Pod: p}, "Edit Payments", p.ID},
		{shell.DealDesk{}, "Deal desk", 0},
		{shell.DealRequest{ID: r.ID, Back: shell.DealDesk{}}, "Globex", 0},
		{shell.NewDealRequest{PodID: p.ID, Back: shell.DealDesk{}}, "New deal-desk request", 0},
		{shell.Settings{}, "Defaults for every pod", 0},
		{shell.Search{Text: "sso"}, "2 matches, best first", 0},
		{shell.NewPod{}, "New pod", 0},
		{shell.Welcome{}, "Welcome to Triad", 0},
	} {
		if c.selected != 0 {
			u.Go(shell.Pods{Show: c.selected}) // back in the pod, as the sidebar does
			u.sh.Wait()
		}
		u.Go(c.route)
		u.sh.Wait()
		if !reflect.DeepEqual(u.route, c.route) {
			t.Errorf("%#v: the window shows %#v", c.route, u.route)
		}
		if !apptest.ContainsText(u.screen, c.shows) {
			t.Errorf("%#v does not show %q", c.route, c.shows)
		}
		if u.sidebar.selected != c.selected {
			t.Errorf("%#v: sidebar selects pod %d, want %d", c.route, u.sidebar.selected, c.selected)
		}
	}
}

// Saving a new pod opens its page with the pod selected in the sidebar;
// deleting the last pod goes back to the welcome screen.
func TestNewPodOpensItsPageAndDeletingTheLastShowsWelcome(t *testing.T) {
	u, db := newTestUI(t)
	u.Go(shell.NewPod{})
	test.Type(field(t, u, "e.g. Payments"), "Payments")
	for _, e := range apptest.EntriesWithPlaceholder(u.screen, "Full name") {
		test.Type(e, "Someone")
	}
	test.Tap(apptest.FindButton(u.screen, "Create pod"))
	u.sh.Wait()
	pods, _ := db.Pods(context.Background())
	if len(pods) != 1 || u.sidebar.selected != pods[0].ID || !apptest.ContainsText(u.screen, "Meets every") {
		t.Fatalf("after creating: pods %v, selected %d", pods, u.sidebar.selected)
	}
	u.sh.Confirm = func(_, _, _ string, yes func()) { yes() }
	test.Tap(apptest.FindButton(u.screen, "Delete pod"))
	u.sh.Wait()
	if !apptest.ContainsText(u.screen, "Welcome to Triad") || u.sidebar.selected != 0 {
		t.Error("deleting the last pod does not return to the welcome screen")
	}
}

// openMeeting shows a pod's new meeting through the router.
func openMeeting(t *testing.T, u *UI, db *sqlite.DB) data.Meeting {
	t.Helper()
	p := apptest.Pod(t, db, "Payments")
	m := apptest.Meeting(t, db, p.ID, data.NewDate(2026, 11, 25))
	u.Go(shell.Meeting{ID: m.ID})
	u.sh.Wait()
	return m
}

// The close button writes the edit still waiting for its autosave before
// the window goes.
func TestClosingTheWindowWritesTheLastEdit(t *testing.T) {
	u, db := newTestUI(t)
	m := openMeeting(t, u, db)
	test.Type(field(t, u, "Notes: what was said, the numbers, the open points…"), "Ship the pricing page on Monday")
	if got := apptest.Run(t, db, m.ID).Items[0].Notes; got != "" {
		t.Fatalf("written before the delay: %q", got)
	}
	closer := &closeSpy{Window: u.sh.Win}
	u.sh.Win = closer
	u.requestClose()
	if !closer.closed {
		t.Error("the window did not close")
	}
	if got := apptest.Run(t, db, m.ID).Items[0].Notes; got != "Ship the pricing page on Monday" {
		t.Errorf("after closing the window the notes are %q", got)
	}
}

// While the shown meeting holds something back as a draft (a title with
// an invisible control character), closing asks first; what could be
// saved is written meanwhile.
func TestClosingAsksWhileSomethingIsHeldBack(t *testing.T) {
	u, db := newTestUI(t)
	m := openMeeting(t, u, db)
	test.Type(field(t, u, "Title"), "\u202e")
	test.Type(field(t, u, "Notes: what was said, the numbers, the open points…"), "Typed after the title went bad")
	closer := &closeSpy{Window: u.sh.Win}
	u.sh.Win = closer
	asked := ""
	u.sh.Confirm = func(_, msg, _ string, _ func()) { asked = msg }
	u.requestClose()
	if closer.closed || !strings.Contains(asked, "Not saved: the title needs fixing") {
		t.Fatalf("closed %v, asked %q", closer.closed, asked)
	}
	if got := apptest.Run(t, db, m.ID).Items[0].Notes; got != "Typed after the title went bad" {
		t.Errorf("the notes are %q", got)
	}
}

// The shortcut list opens with F1 or ? (when no field has the focus) and
// from the Help menu with Ctrl+/, lists the hand-offs' keys and buttons,
// and a second press does not stack a second list.
func TestShortcutListOpensFromTheKeyboard(t *testing.T) {
	u, _ := newTestUI(t)
	c := u.sh.Win.Canvas()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := c.Overlays().Top()
	if top == nil || u.shortcuts == nil {
		t.Fatal("F1 opened nothing")
	}
	var shown []string
	for _, o := range test.LaidOutObjects(top) {
		switch l := o.(type) {
		case *widget.Label:
			shown = append(shown, l.Text)
		case *canvas.Text: // a form's labels, here the keys
			shown = append(shown, l.Text)
		}
	}
	said := strings.Join(shown, " | ")
	for _, want := range []string{"Keyboard shortcuts", "Ctrl+M", "Send agenda", "Follow-up mails", "Copy as text",
		"Meeting template…, Add to calendar", "Ask the Tech Lead", "Ctrl+/"} {
		if !strings.Contains(said, want) {
			t.Errorf("the list does not mention %q: %s", want, said)
		}
	}
	n := len(c.Overlays().List())
	test.TypeOnCanvas(c, "?")
	if len(c.Overlays().List()) != n {
		t.Error("? stacked a second list on the first")
	}
	u.shortcuts.Hide()
	if u.shortcuts != nil {
		t.Fatal("closing the list does not let it open again")
	}
	test.TypeOnCanvas(c, "?")
	if u.shortcuts == nil {
		t.Error("? does not open the list")
	}
	keys := u.sh.Win.MainMenu().Items[1].Items[0]
	ctrlSlash := &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	if keys.Label != "Keyboard shortcuts" || keys.Shortcut == nil || keys.Shortcut.ShortcutName() != ctrlSlash.ShortcutName() {
		t.Errorf("Help → %s has the shortcut %v, want Ctrl+/", keys.Label, keys.Shortcut)
	}
}

func TestSidebarShowsTheSyncStatusLine(t *testing.T) {
	u, _ := newTestUI(t)
	if u.sidebar.syncLine.Visible() || strings.Contains(u.sidebar.status.Text, "Team") {
		t.Fatalf("a status line with no team: %q", u.sidebar.status.Text)
	}
	u.SetSyncStatus("Team acme: Offline · 2 changes waiting · last contact 10:04")
	if got := u.sidebar.syncLine.Text; !strings.Contains(got, "Team acme: Offline · 2 changes waiting") || !u.sidebar.syncLine.Visible() {
		t.Fatalf("sidebar sync line %q, shown %v", got, u.sidebar.syncLine.Visible())
	}
	if u.SyncStatus() == "" {
		t.Fatal("SyncStatus is empty")
	}
}
