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

// smallestScreen is the smallest laptop screen Triad is made for: the
// window's minimum fits it on every screen, and no screen makes the
// window grow past it (see screenRoom).
func smallestScreen() fyne.Size { return fyne.NewSize(1280, 720) }

// defaultWindowSize fits a 1366×768 laptop, and a 1280×720 one, below a
// title bar and beside a taskbar or top bar.
func defaultWindowSize() fyne.Size { return fyne.NewSize(1180, 680) }

// screenRoom is the most a screen beside the sidebar may ask for: with
// the sidebar and the gap after it, the menu bar and the window's padding
// it is smallestScreen.
func screenRoom(sidebar fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	return fyne.NewSize(smallestScreen().Width-sidebar.MinSize().Width-3*pad, smallestScreen().Height-menuBarHeight()-2*pad)
}

// menuBarHeight is the height of the menu bar Fyne draws inside the
// window on Linux and Windows: a line of text and its inner padding.
func menuBarHeight() float32 {
	return fyne.MeasureText("File", theme.TextSize(), fyne.TextStyle{}).Height + theme.InnerPadding()
}

func savedWindowSize(p fyne.Preferences) fyne.Size {
	w := float32(p.FloatWithFallback(prefWindowWidth, 0))
	h := float32(p.FloatWithFallback(prefWindowHeight, 0))
	if w < 640 || h < 400 || w > 16384 || h > 16384 {
		return defaultWindowSize()
	}
	return fyne.NewSize(w, h)
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
