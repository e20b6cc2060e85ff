package app

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The main window opens at the size it had when it last closed, kept in
// the app's preferences; the first start, or a size no screen could show,
// gets the default.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// smallestScreen is the smallest laptop screen Triad is made for.
func smallestScreen() fyne.Size { return fyne.NewSize(1280, 720) }

// desktopChrome is what a desktop takes of a screen around a window: a
// title bar (31 to 37 px on Windows, GNOME and KDE) and a taskbar or top
// bar (32 px on GNOME, 40 to 48 on Windows), and the window's borders.
func desktopChrome() fyne.Size { return fyne.NewSize(16, 80) }

// smallestWindow is the window a 1280×720 laptop has room for: its
// minimum fits it, and no screen makes the window grow past it (see
// screenRoom). The menu bar Fyne draws is inside it.
func smallestWindow() fyne.Size { return smallestScreen().Subtract(desktopChrome()) }

// defaultWindowSize is the first start's window while the screen's room
// is not known: the most a 1280×720 laptop shows in full with its title
// bar and taskbar, so it fits a 1366×768 one too. FitScreen then sizes
// it to the screen where the system says how much room it has.
func defaultWindowSize() fyne.Size { return smallestWindow() }

// screenRoom is the most a screen beside the sidebar may ask for: with
// the sidebar and the gap after it, the menu bar and the window's padding
// it is smallestWindow.
func screenRoom(sidebar fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	return fyne.NewSize(smallestWindow().Width-sidebar.MinSize().Width-3*pad, smallestWindow().Height-menuBarHeight()-2*pad)
}

// menuBarHeight is the height of the menu bar Fyne draws inside the
// window on Linux and Windows: a line of text and its inner padding.
func menuBarHeight() float32 {
	return fyne.MeasureText("File", theme.TextSize(), fyne.TextStyle{}).Height + theme.InnerPadding()
}

// windowFrame is what a window manager draws around a window: its title
// bar (up to 37 px) and borders. A screen's work area already leaves out
// its taskbars and top bars.
func windowFrame() fyne.Size { return fyne.NewSize(16, 40) }

// roomiestWindow is the largest first window Triad is laid out for: on a
// larger screen more room only spreads the same fields further apart.
func roomiestWindow() fyne.Size { return fyne.NewSize(1600, 1000) }

// FitScreen sizes the shown window to the screen it opens on. areaW and
// areaH are the screen's room for windows in screen pixels, less its
// taskbars and top bars (zero when the system cannot say: the window
// keeps its size). The first start takes as much of that room as Triad
// uses well, so a 1366×768 laptop's window is the whole screen less its
// frame; a size saved on a larger screen shrinks to this one.
func (u *UI) FitScreen(areaW, areaH int) {
	if areaW <= 0 || areaH <= 0 {
		return
	}
	scale := u.sh.Win.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	room := fyne.NewSize(float32(areaW)/scale, float32(areaH)/scale).Subtract(windowFrame())
	size := u.sh.Win.Canvas().Size()
	if !hasSavedWindowSize(u.sh.App.Preferences()) {
		size = roomiestWindow()
	}
	u.sh.Win.Resize(fyne.NewSize(fyne.Min(size.Width, room.Width), fyne.Min(size.Height, room.Height)))
}

func savedWindowSize(p fyne.Preferences) fyne.Size {
	if s, ok := savedSize(p); ok {
		return s
	}
	return defaultWindowSize()
}

// hasSavedWindowSize reports whether the window closed before at a size
// some screen shows.
func hasSavedWindowSize(p fyne.Preferences) bool {
	_, ok := savedSize(p)
	return ok
}

func savedSize(p fyne.Preferences) (fyne.Size, bool) {
	w := float32(p.FloatWithFallback(prefWindowWidth, 0))
	h := float32(p.FloatWithFallback(prefWindowHeight, 0))
	if w < 640 || h < 400 || w > 16384 || h > 16384 {
		return fyne.Size{}, false
	}
	return fyne.NewSize(w, h), true
}

func saveWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width < 1 || s.Height < 1 {
		return // never shown: keep what was saved
	}
	p.SetFloat(prefWindowWidth, float64(s.Width))
	p.SetFloat(prefWindowHeight, float64(s.Height))
}

// shortcutLabel names the shortcut key as the keyboard does: the
// shortcuts use fyne.KeyModifierShortcutDefault, which is Cmd on macOS.
func shortcutLabel(keys string) string {
	if runtime.GOOS == "darwin" {
		return strings.ReplaceAll(keys, "Ctrl+", "Cmd+")
	}
	return keys
}
