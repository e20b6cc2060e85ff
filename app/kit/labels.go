package kit

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// Title is a screen's title: bold, at heading size.
func Title(text string) *widget.Label {
	l := Bold(text)
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// Subheading is a bold label at subheading size.
func Subheading(text string) *widget.Label {
	l := Bold(text)
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Section opens a part of a page: a rule, then its subheading.
func Section(text string) fyne.CanvasObject {
	return container.NewVBox(widget.NewSeparator(), Subheading(text))
}

// Bold is a bold label.
func Bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Low is a quiet, word-wrapped line: a hint, a note, an empty list.
func Low(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Caption is a small, quiet line of help under a field.
func Caption(text string) *widget.Label {
	l := Low(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// Wrapped is a word-wrapped label.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Truncated is a one-line label that ends in "…" when it does not fit.
func Truncated(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// ShowIf shows o when visible is set and hides it otherwise.
func ShowIf(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// EnableIf enables w when enabled is set and disables it otherwise.
func EnableIf(w fyne.Disableable, enabled bool) {
	if enabled {
		w.Enable()
	} else {
		w.Disable()
	}
}

// SetSelected selects v in s, or clears s for "".
func SetSelected(s *widget.Select, v string) {
	if v == "" {
		s.ClearSelected()
		return
	}
	s.SetSelected(v)
}

// SetText sets e's text when it differs, so an unchanged field keeps its
// cursor and fires no change.
func SetText(e *Entry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

// Itoa is n in decimal.
func Itoa(n int) string { return strconv.Itoa(n) }

// ShortDate is "Tue 10 Nov", for tight rows where the year goes without
// saying.
func ShortDate(d data.Date) string { return d.Time(time.Local).Format("Mon 2 Jan") }

// ShortTime is "Wed 25 Nov 14:30" on the laptop's clock, "" for no time.
func ShortTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("Mon 2 Jan 15:04")
}

// OrDash is s, or a dash for nothing.
func OrDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// StatusImportance colours a meeting's status: in progress stands out,
// closed recedes.
func StatusImportance(s data.MeetingStatus) widget.Importance {
	switch s {
	case data.MeetingInProgress:
		return widget.SuccessImportance
	case data.MeetingClosed:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// DueText is where an action item stands against its due date: "Due
// today", "Overdue · due Tue 10 Nov", "Done 12 Nov".
func DueText(a data.ActionItem, today data.Date) string {
	switch {
	case a.Done():
		return "Done " + a.DoneAt.Local().Format("2 Jan")
	case a.Due.IsZero():
		return "No due date"
	case a.Overdue(today):
		return "Overdue · due " + ShortDate(a.Due)
	case a.Due.Equal(today):
		return "Due today"
	}
	return "Due " + ShortDate(a.Due)
}

// DueLabel is an action's DueText, red and bold when overdue, green once
// done, and quiet otherwise, wherever an action is listed.
func DueLabel(a data.ActionItem, today data.Date) *widget.Label {
	due := widget.NewLabel(DueText(a, today))
	switch {
	case a.Overdue(today):
		due.Importance = widget.DangerImportance
		due.TextStyle.Bold = true
	case a.Done():
		due.Importance = widget.SuccessImportance
	default:
		due.Importance = widget.LowImportance
	}
	return due
}

// SetDate shows a calendar day in a date field; none leaves it empty.
func SetDate(e *widget.DateEntry, d data.Date) {
	if !d.IsZero() {
		t := d.Time(time.Local)
		e.SetDate(&t)
	}
}
