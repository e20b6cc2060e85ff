package app

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
)

// The main window opens at the size it had when it last closed, kept in
// the app's preferences; the first start, or a size no screen could show,
// gets the default.
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// defaultWindowSize fits a 1366×768 laptop with the taskbar.
func defaultWindowSize() fyne.Size { return fyne.NewSize(1180, 760) }

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
