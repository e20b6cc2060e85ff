package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// syncLine is the sidebar's team status line; tapping it opens the Team
// screen. A label, not a button, so a long line wraps in the sidebar.
type syncLine struct {
	widget.Label
	onTap func()
}

func newSyncLine(onTap func()) *syncLine {
	l := &syncLine{onTap: onTap}
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.HighImportance // drawn in the primary colour, as a link is
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// Tapped opens the Team screen.
func (l *syncLine) Tapped(*fyne.PointEvent) { l.onTap() }

// Cursor says the line can be clicked.
func (l *syncLine) Cursor() desktop.Cursor { return desktop.PointerCursor }

// show sets the line; "" (no team) hides it.
func (l *syncLine) show(text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
