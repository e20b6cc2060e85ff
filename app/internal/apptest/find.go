package apptest

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
)

// Walk calls fn on o and everything inside it.
func Walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			Walk(child, fn)
		}
	case *container.Scroll:
		Walk(c.Content, fn)
	case *widget.Card:
		Walk(c.Content, fn)
	case *container.Split:
		Walk(c.Leading, fn)
		Walk(c.Trailing, fn)
	case *container.AppTabs: // what shows is the selected tab
		if sel := c.Selected(); sel != nil {
			Walk(sel.Content, fn)
		}
	}
}

// ContainsText reports whether any label, button or card under o shows s.
func ContainsText(o fyne.CanvasObject, s string) bool {
	found := false
	Walk(o, func(c fyne.CanvasObject) {
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

// ShowsText is ContainsText that also reads drawn text (big figures and
// badges are canvas text, not labels).
func ShowsText(o fyne.CanvasObject, s string) bool {
	found := ContainsText(o, s)
	Walk(o, func(c fyne.CanvasObject) {
		if t, ok := c.(*canvas.Text); ok && strings.Contains(t.Text, s) {
			found = true
		}
	})
	return found
}

// RichTextContains reports whether any rich text under o shows s, and
// whether s is in a bold segment.
func RichTextContains(o fyne.CanvasObject, s string) (found, bold bool) {
	Walk(o, func(c fyne.CanvasObject) {
		rt, ok := c.(*widget.RichText)
		if !ok {
			return
		}
		for _, seg := range rt.Segments {
			ts, ok := seg.(*widget.TextSegment)
			if ok && strings.Contains(ts.Text, s) {
				found = true
				bold = bold || ts.Style.TextStyle.Bold
			}
		}
	})
	return found, bold
}

// FindButton is the first button under o that reads text, or nil.
func FindButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	Walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
	})
	return found
}

// FindLink is the first hyperlink under o that reads text, or nil.
func FindLink(o fyne.CanvasObject, text string) *widget.Hyperlink {
	var found *widget.Hyperlink
	Walk(o, func(c fyne.CanvasObject) {
		if h, ok := c.(*widget.Hyperlink); ok && found == nil && h.Text == text {
			found = h
		}
	})
	return found
}

// EntriesWithPlaceholder lists the text fields drawn under o that show
// placeholder, inside forms and splits too.
func EntriesWithPlaceholder(o fyne.CanvasObject, placeholder string) []*kit.Entry {
	var out []*kit.Entry
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*kit.Entry); ok && e.PlaceHolder == placeholder {
			out = append(out, e)
		}
	}
	return out
}

// Shown lays the window out and returns everything drawn in it, the rows
// a list has made included.
func (e *Env) Shown() []fyne.CanvasObject { return ShownIn(e.Win()) }

// ShownIn lays win out at the window's size and returns what it draws.
func ShownIn(win fyne.Window) []fyne.CanvasObject {
	win.Resize(fyne.NewSize(1180, 760))
	return test.LaidOutObjects(win.Canvas().Content())
}

// VisibleButtons are the shown buttons that read text.
func (e *Env) VisibleButtons(text string) []*widget.Button {
	var out []*widget.Button
	for _, o := range e.Shown() {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

// LabelWith is the first shown label that begins with prefix, or nil.
func (e *Env) LabelWith(prefix string) *widget.Label {
	for _, o := range e.Shown() {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, prefix) && l.Visible() {
			return l
		}
	}
	return nil
}

// LabelContains reports whether a shown label holds s.
func (e *Env) LabelContains(s string) bool {
	for _, o := range e.Shown() {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// DialogButton is the button reading text in the dialog on top of the
// window, or nil.
func (e *Env) DialogButton(text string) *widget.Button {
	top := e.Win().Canvas().Overlays().Top()
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
