package meeting

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	minutespdf "triad/data/minutes"
)

// A closed meeting's deal desk is evidence: it shows the desk as the
// record frozen at the close holds it, the same requests, states and
// sign-offs its minutes print, and nothing that happened after. The live
// desk, with its buttons, is on the pod's Deal desk tab.

// frozenDeskStanding is the closed meeting's deal desk, read from its
// minutes' record off the UI goroutine. A reload reads the record again:
// it changes only when a later close made on another laptop stands
// instead (a reopen builds the live panel).
func (ms *Screen) frozenDeskStanding() *standingEntry {
	e := newStandingEntry()
	sc, id := ms.sc, ms.meetingID
	e.reload = func() {
		shell.Run(sc, func() (minutespdf.Minutes, error) {
			return minutespdf.Assemble(sc.Ctx(), sc.Store, id, minutespdf.Options{Now: sc.Now})
		}, func(m minutespdf.Minutes, err error) {
			if err != nil {
				e.set(kit.Low(shell.Message("Loading the deal desk as it stood at the close", err)))
				return
			}
			e.feature = m.DealDesk
			e.set(frozenDesk(m)...)
		})
	}
	e.reload()
	return e
}

// frozenDeskNote says where the panel's desk comes from and as of when.
func frozenDeskNote(m minutespdf.Minutes) string {
	at := m.End.Format("Mon 2 Jan 15:04 MST")
	if m.End.IsZero() {
		at = "its close"
	}
	if m.Notice != "" {
		return "As of the close (" + at + "), read from today's data: this meeting closed before Triad froze a record at close, so it may differ from what stood then."
	}
	return "As it stood when this meeting closed (" + at + "): the record frozen at the close, as in the minutes."
}

// frozenDesk lays out the frozen desk: the note, the requests received or
// still waiting (overdue first, as the minutes sort them) and the
// sign-offs given since the meeting before.
func frozenDesk(m minutespdf.Minutes) []fyne.CanvasObject {
	dd := m.DealDesk
	note := kit.Wrapped(frozenDeskNote(m))
	note.Importance = widget.LowImportance
	note.SizeName = theme.SizeNameCaptionText
	out := []fyne.CanvasObject{note}
	heading := func(title string, n int, none string) bool {
		h := kit.Bold(title + " (" + kit.Itoa(n) + ")")
		if n > 0 {
			out = append(out, h)
			return true
		}
		l := kit.Truncated(none)
		l.Importance = widget.LowImportance
		out = append(out, container.NewBorder(nil, nil, h, nil, l))
		return false
	}
	if heading("Requests received", len(dd.Requests), "No deal requests that week.") {
		for _, r := range dd.Requests {
			detail := minutespdf.RequestStateLine(r, dd.SLA)
			if r.RequestedBy != "" {
				detail += " · requested by " + r.RequestedBy
			}
			out = append(out, frozenRow(r.Customer+", "+r.Value.Format(m.Currency), detail, r.Overdue))
		}
	}
	if heading("Sign-offs given", len(dd.SignOffs), "No sign-offs were given that week.") {
		for _, s := range dd.SignOffs {
			out = append(out, frozenRow(s.Customer+", "+s.Value.Format(m.Currency), minutespdf.SignOffLine(s), false))
		}
	}
	return out
}

// frozenRow is one request or sign-off: what it is, then its state, with
// a red bar when it was overdue at the close.
func frozenRow(title, detail string, overdue bool) fyne.CanvasObject {
	col := theme.Color(theme.ColorNameSeparator)
	if overdue {
		col = theme.Color(theme.ColorNameError)
	}
	bar := canvas.NewRectangle(col)
	bar.SetMinSize(fyne.NewSize(5, 10))
	t := kit.Bold(title)
	t.Truncation = fyne.TextTruncateEllipsis
	d := kit.Truncated(detail)
	d.Importance = widget.LowImportance
	if overdue {
		d.Importance = widget.DangerImportance
	}
	return container.NewBorder(nil, nil, bar, nil, container.New(kit.Tight{}, t, d))
}
