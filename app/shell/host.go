package shell

import "fyne.io/fyne/v2"

// Host shows one screen at a time in Content: showing the next ends the
// one before (its scope, then its Leave), then starts the next's scope.
// The window's router shows screens through one; tests host a screen the
// same way.
type Host struct {
	Content *fyne.Container
	scope   *Scope
	shown   Screen
}

// Show replaces the shown screen with s, whose lifetime is sc.
func (h *Host) Show(sc *Scope, s Screen) {
	h.Leave()
	h.scope, h.shown = sc, s
	h.Content.Objects = []fyne.CanvasObject{s.Content}
	h.Content.Refresh()
	sc.Show()
}

// Leave ends the shown screen; the content stays until the next Show.
func (h *Host) Leave() {
	if h.scope != nil {
		h.scope.Leave()
	}
	if h.shown.Leave != nil {
		h.shown.Leave()
	}
	h.scope, h.shown = nil, Screen{}
}

// Shown is the screen shown, as it told the host.
func (h *Host) Shown() Screen { return h.shown }

// SaveState passes the autosave state to the shown screen, if it shows one.
func (h *Host) SaveState(pending bool, err error) {
	if h.shown.SaveState != nil {
		h.shown.SaveState(pending, err)
	}
}

// HeldBack is what the shown screen holds back as a draft, or "".
func (h *Host) HeldBack() string {
	if h.shown.HeldBack != nil {
		return h.shown.HeldBack()
	}
	return ""
}
