package shell

import (
	"sync"

	"fyne.io/fyne/v2"
)

// Host shows one screen at a time in Content: showing the next ends the
// one before (its scope, then its Leave), then starts the next's scope.
// The window's router shows screens through one; tests host a screen the
// same way.
//
// The autosaver tells the shown screen its state from the goroutine that
// saved. In the window that goes through fyne.Do; Fyne's test driver runs
// fyne.Do on the calling goroutine, so the shown screen is guarded by a
// lock, never held while a screen's own code runs.
type Host struct {
	Content *fyne.Container
	mu      sync.Mutex
	scope   *Scope
	shown   Screen
}

// Show replaces the shown screen with s, whose lifetime is sc.
func (h *Host) Show(sc *Scope, s Screen) {
	h.Leave()
	h.mu.Lock()
	h.scope, h.shown = sc, s
	h.mu.Unlock()
	h.Content.Objects = []fyne.CanvasObject{s.Content}
	h.Content.Refresh()
	sc.Show()
}

// Leave ends the shown screen; the content stays until the next Show.
func (h *Host) Leave() {
	h.mu.Lock()
	scope, shown := h.scope, h.shown
	h.scope, h.shown = nil, Screen{}
	h.mu.Unlock()
	if scope != nil {
		scope.Leave()
	}
	if shown.Leave != nil {
		shown.Leave()
	}
}

// Shown is the screen shown, as it told the host.
func (h *Host) Shown() Screen {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.shown
}

// SaveState passes the autosave state to the shown screen, if it shows one.
func (h *Host) SaveState(pending bool, err error) {
	if f := h.Shown().SaveState; f != nil {
		f(pending, err)
	}
}

// HeldBack is what the shown screen holds back as a draft, or "".
func (h *Host) HeldBack() string {
	if f := h.Shown().HeldBack; f != nil {
		return f()
	}
	return ""
}
