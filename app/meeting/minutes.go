package meeting

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/mailout"
	minutespdf "triad/data/minutes"
)

// minutesMenu is the meeting screen's "Minutes" button: export the PDF,
// write a mail draft with it attached, open it, or show its folder; and
// the hand-offs between meetings (handoffs.go): the agenda and the
// calendar entry before a meeting, the follow-ups after it, the minutes
// or pre-read as text. It works offline; everything happens on this
// computer, and every mail is a draft the user sends.
type minutesMenu struct {
	ms        *Screen
	sc        *shell.Scope
	meetingID int64
	outbox    kit.Outbox
	button    *widget.Button
	status    *widget.Label // "Writing the minutes…", or that the last export failed
	lastPDF   string        // the PDF written last, for "Open PDF"
	lastDraft string        // the .eml written last
	lastErr   error         // why the last export failed, as shown to the user
	handedOff []string      // what the last hand-off wrote, for tests
	followUps *followUpsDialog
}

func newMinutesMenu(ms *Screen) *minutesMenu {
	mm := &minutesMenu{ms: ms, sc: ms.sc, meetingID: ms.meetingID, outbox: kit.NewOutbox(ms.sc), status: widget.NewLabel("")}
	mm.status.Importance = widget.LowImportance
	mm.status.Hide()
	mm.button = widget.NewButtonWithIcon("Minutes", theme.DocumentIcon(), mm.showMenu)
	return mm
}

// widget is the button with its status line, for the meeting header.
func (mm *minutesMenu) widget() fyne.CanvasObject {
	return container.NewHBox(mm.status, mm.button)
}

// menu offers what the meeting's state allows: the agenda and the
// calendar entry before it starts, the follow-ups once it is closed.
// The others are shown disabled, so the facilitator learns where they are.
func (mm *minutesMenu) menu() *fyne.Menu {
	status := mm.ms.run.Meeting.Status
	draft, closed := status == data.MeetingDraft, status == data.MeetingClosed
	item := func(label string, enabled bool, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Disabled = !enabled
		return it
	}
	copyAs := fyne.NewMenuItem("Copy as text", nil)
	copyAs.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Minutes as plain text", func() { mm.onCopy(copyMinutes, textPlain) }),
		fyne.NewMenuItem("Minutes as Markdown", func() { mm.onCopy(copyMinutes, textMarkdown) }),
		item("Pre-read as plain text", draft, func() { mm.onCopy(copyPreRead, textPlain) }),
		item("Pre-read as Markdown", draft, func() { mm.onCopy(copyPreRead, textMarkdown) }),
	)
	return fyne.NewMenu("Minutes",
		fyne.NewMenuItem("Export PDF", mm.onExport),
		fyne.NewMenuItem("Email minutes", mm.onEmail),
		fyne.NewMenuItem("Open PDF", mm.onOpen),
		fyne.NewMenuItem("Show in folder", mm.onShowFolder),
		fyne.NewMenuItemSeparator(),
		item("Send agenda (the pre-read)", draft, mm.onSendAgenda),
		item("Add to calendar", draft, mm.onAddToCalendar),
		item("Follow-up mails…", closed, mm.onFollowUps),
		copyAs,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Change minutes folder…", func() { mm.outbox.Pick(func(string) {}) }),
	)
}

func (mm *minutesMenu) showMenu() {
	if !mm.button.Disabled() && mm.lastErr == nil {
		mm.status.Hide() // "Pre-read copied as Markdown" has been read by now
	}
	kit.ShowMenuBelow(mm.button, mm.menu())
}

// exported is what one export wrote.
type exported struct {
	pdf, draft string
}

// export renders the minutes into the folder (and the mail draft beside
// them when draft is set) off the UI goroutine, the button disabled
// meanwhile, then calls done on the UI goroutine.
func (mm *minutesMenu) export(draft bool, done func(exported)) {
	mm.outbox.With(func(dir string) {
		mm.button.Disable()
		mm.status.SetText("Writing the minutes…")
		mm.status.Show()
		sc, id := mm.sc, mm.meetingID
		shell.Write(sc, "Writing the minutes", func() (exported, error) {
			return writeMinutes(sc, id, dir, draft)
		}, func(out exported, err error) {
			mm.button.Enable()
			mm.lastErr = err
			if err != nil {
				mm.status.SetText("Minutes not written")
				sc.ShowError("Writing the minutes", err)
				return
			}
			mm.lastPDF, mm.lastDraft = out.pdf, out.draft
			mm.status.Hide() // what happened is shown by what opens next
			done(out)
		})
	})
}

// writeMinutes renders the meeting's minutes into dir, with the mail
// draft beside them when draft is set. It runs off the UI goroutine.
func writeMinutes(sc *shell.Scope, id int64, dir string, draft bool) (exported, error) {
	m, err := minutespdf.Assemble(context.Background(), sc.Store, id, minutespdf.Options{Now: sc.Now})
	if err != nil {
		return exported{}, err
	}
	pdf, err := minutespdf.Render(m)
	if err != nil {
		return exported{}, err
	}
	var out exported
	out.pdf = filepath.Join(dir, minutespdf.FileName(m.Pod, m.Date))
	if err := minutespdf.WriteFile(out.pdf, pdf); err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return exported{}, fileError(dir, err)
		}
		return exported{}, err
	}
	if draft {
		if out.draft, err = mailout.Save(dir, m, filepath.Base(out.pdf), pdf, sc.Now()); err != nil {
			return exported{}, fileError(dir, err)
		}
	}
	return out, nil
}

// fileError words a failed write of the mail draft so the user knows what
// to do (the PDF's own write says so itself).
func fileError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so the mail draft was not written. Free some space and try again.", dir)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("Triad may not write into %s. Choose another folder under Minutes → Change minutes folder", dir)
	}
	return err
}

func (mm *minutesMenu) onExport() {
	mm.export(false, func(out exported) {
		openBtn := widget.NewButtonWithIcon("Open PDF", theme.DocumentIcon(), func() { mm.open(out.pdf) })
		folderBtn := widget.NewButtonWithIcon("Show in folder", theme.FolderOpenIcon(), func() { mm.open(filepath.Dir(out.pdf)) })
		msg := widget.NewLabel("The minutes are saved as\n" + out.pdf)
		msg.Wrapping = fyne.TextWrapBreak
		d := dialog.NewCustom("Minutes exported", "Close", container.NewVBox(msg, container.NewHBox(openBtn, folderBtn)), mm.sc.Win)
		d.Resize(fyne.NewSize(520, 0))
		kit.ShowModal(mm.sc.Win, d)
	})
}

// onEmail writes the PDF and a draft with it attached, then opens the
// draft in the mail client, which sends it when the user is ready.
func (mm *minutesMenu) onEmail() {
	mm.export(true, func(out exported) { mm.open(out.draft) })
}

// onOpen opens this meeting's PDF, writing it first so it is current.
func (mm *minutesMenu) onOpen() {
	mm.export(false, func(out exported) { mm.open(out.pdf) })
}

func (mm *minutesMenu) onShowFolder() {
	mm.outbox.With(func(dir string) { mm.open(dir) })
}

// open hands path to the system; when nothing can open it, a dialog says
// where it is saved.
func (mm *minutesMenu) open(path string) { mm.outbox.Open(path) }
