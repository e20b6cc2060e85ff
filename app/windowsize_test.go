package app

import (
	"path/filepath"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"triad/data/sqlite"
)

// The window opens at the size it had when it last closed.
func TestWindowSizeIsRememberedBetweenRuns(t *testing.T) {
	a := test.NewTempApp(t)
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := newUI(a, db, Info{Version: "test"}, true)
	if got := first.sh.Win.Canvas().Size(); got != defaultWindowSize() {
		t.Errorf("first start: %v, want the default %v", got, defaultWindowSize())
	}
	first.sh.Win.Resize(fyne.NewSize(900, 640))
	first.sh.Win.Close()

	second := newUI(a, db, Info{Version: "test"}, true)
	defer second.sh.Win.Close()
	if got := second.sh.Win.Canvas().Size(); got != fyne.NewSize(900, 640) {
		t.Errorf("second start: %v, want the size it closed at, 900x640", got)
	}
}

// The shown window fits the screen's room for windows, less its frame:
// the first start takes as much of it as Triad uses well, a size saved on
// a larger screen shrinks to it, and a size that fits stays.
func TestTheWindowFitsTheScreenItOpensOn(t *testing.T) {
	for _, c := range []struct {
		what         string
		saved        fyne.Size // zero: the first start
		areaW, areaH int       // the work area, in pixels
		want         fyne.Size
	}{
		{"first start, 1366x768 below a 32 px top bar", fyne.Size{}, 1366, 736, fyne.NewSize(1350, 696)},
		{"first start, 1280x720 above a 48 px taskbar", fyne.Size{}, 1280, 672, fyne.NewSize(1264, 632)},
		{"first start, 1920x1080", fyne.Size{}, 1920, 1040, roomiestWindow()},
		{"saved on a larger screen", fyne.NewSize(1800, 1000), 1366, 728, fyne.NewSize(1350, 688)},
		{"saved, and fits", fyne.NewSize(900, 640), 1366, 728, fyne.NewSize(900, 640)},
		{"no work area known", fyne.NewSize(900, 640), 0, 0, fyne.NewSize(900, 640)},
	} {
		a := test.NewTempApp(t)
		if c.saved != (fyne.Size{}) {
			saveWindowSize(a.Preferences(), c.saved)
		}
		db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		u := newUI(a, db, Info{Version: "test"}, true)
		u.FitScreen(c.areaW, c.areaH)
		if got := u.sh.Win.Canvas().Size(); got != c.want {
			t.Errorf("%s: the window is %v, want %v", c.what, got, c.want)
		}
		u.sh.Win.Close()
		db.Close()
	}
}

func TestSavedWindowSizeRefusesWhatNoScreenShows(t *testing.T) {
	a := test.NewTempApp(t)
	for _, s := range []fyne.Size{{Width: 10, Height: 10}, {Width: 100000, Height: 800}} {
		a.Preferences().SetFloat(prefWindowWidth, float64(s.Width))
		a.Preferences().SetFloat(prefWindowHeight, float64(s.Height))
		if got := savedWindowSize(a.Preferences()); got != defaultWindowSize() {
			t.Errorf("saved %v: opens at %v, want the default", s, got)
		}
	}
}

// Ctrl+Q quits through the close button's path, which writes the last edit first.
func TestCtrlQQuitsAsTheCloseButtonDoes(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := newUI(test.NewTempApp(t), db, Info{Version: "test"}, true) // closed by Ctrl+Q, not by the test
	closed := make(chan struct{}, 2)
	u.sh.Window().OnLeave(func() { closed <- struct{}{} })
	var quit fyne.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	u.sh.Win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(quit)
	select {
	case <-closed:
	default:
		t.Fatal("Ctrl+Q did not close the window")
	}
}

// On macOS the About and Settings items carry the exact labels Fyne moves
// into the application menu; elsewhere About names the app under Help.
func TestAboutAndSettingsLandInTheMacApplicationMenu(t *testing.T) {
	if got := aboutLabel("darwin"); got != "About" {
		t.Errorf("macOS About item = %q, want %q (Fyne moves only that label to the app menu)", got, "About")
	}
	if got := aboutLabel("linux"); got != "About Triad" {
		t.Errorf("Linux About item = %q, want %q", got, "About Triad")
	}
	u, _ := newTestUI(t)
	labels := map[string]bool{}
	for _, m := range u.mainMenu().Items {
		for _, it := range m.Items {
			labels[it.Label] = true
		}
	}
	for _, want := range []string{aboutLabel(runtime.GOOS), "Settings…"} {
		if !labels[want] {
			t.Errorf("the menu has no %q item: %v", want, labels)
		}
	}
}

// Ctrl+Q is the File menu's Quit shortcut too: the window offers a main
// menu's shortcuts before a focused text field, which would otherwise take
// Ctrl+Q as its own and quit nothing. Its action is the close button's path.
func TestQuitInTheFileMenuHasCtrlQAndClosesAsTheButtonDoes(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := newUI(test.NewTempApp(t), db, Info{Version: "test"}, true)
	closed := make(chan struct{}, 2)
	u.sh.Window().OnLeave(func() { closed <- struct{}{} })
	file := u.mainMenu().Items[0].Items
	last := file[len(file)-1]
	want := &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	if !last.IsQuit || last.Shortcut == nil || last.Shortcut.ShortcutName() != want.ShortcutName() {
		t.Fatalf("File's last item is %q (quit %v, shortcut %v), want Quit with Ctrl+Q", last.Label, last.IsQuit, last.Shortcut)
	}
	last.Action()
	select {
	case <-closed:
	default:
		t.Fatal("Quit did not close the window")
	}
}
