package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/shell"
)

type fyne_Window = fyne.Window

// containsText reports whether any label, button or rich text under o shows s.
func containsText(o fyne.CanvasObject, s string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		switch w := c.(type) {
		case *widget.Label:
			found = found || strings.Contains(w.Text, s)
		case *widget.Button:
			found = found || strings.Contains(w.Text, s)
		case *widget.Card:
			found = found || strings.Contains(w.Title, s) || strings.Contains(w.Subtitle, s)
		}
	})
	return found
}

func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, fn)
		}
	case *container.Scroll:
		walk(c.Content, fn)
	case *widget.Card:
		walk(c.Content, fn)
	}
}

// openMeeting shows a meeting's screen as the router does and returns it.
func openMeeting(u *UI, id int64) *meetingScreen {
	u.Go(shell.Meeting{ID: id})
	return u.current.(*meetingScreen)
}

// show puts content on screen as the router does, in the scope sc.
func show(u *UI, sc *shell.Scope, content fyne.CanvasObject) {
	u.show(sc, shell.Screen{Content: content})
}

// shownObjects lays out the window and returns everything drawn in it.
func shownObjects(u *UI) []fyne.CanvasObject { return apptest.ShownIn(u.sh.Win) }

// dialogButton is the button reading text in the dialog on top, or nil.
func dialogButton(u *UI, text string) *widget.Button {
	top := u.sh.Win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}
