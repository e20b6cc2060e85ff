package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
)

// Dialog is a small form in a dialog: what the caller lays out, a line
// for what is wrong, Cancel, and the button that confirms. Nothing is
// done until Confirm is tapped, and the dialog stays open while the
// problem line says what to fix.
type Dialog struct {
	Confirm *widget.Button
	Problem *widget.Label
	// Unsaved, when set, reports whether the form holds typing that Cancel
	// would throw away; Cancel then asks first.
	Unsaved func() bool
	d       *dialog.CustomDialog
	win     fyne.Window
	open    bool
}

// NewDialog makes the confirm button (text and icon, high importance)
// and the hidden problem line; set Confirm.OnTapped, then Show.
func NewDialog(confirm string, icon fyne.Resource) *Dialog {
	fd := &Dialog{Confirm: widget.NewButtonWithIcon(confirm, icon, nil), Problem: ProblemLabel()}
	fd.Confirm.Importance = widget.HighImportance
	return fd
}

// Show opens the dialog over win at size; body holds fd.Problem where
// the form wants it.
func (fd *Dialog) Show(win fyne.Window, title string, body fyne.CanvasObject, size fyne.Size) {
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), fd.onCancel)
	fd.win, fd.open = win, true
	fd.d = dialog.NewCustomWithoutButtons(title, body, win)
	fd.d.SetButtons([]fyne.CanvasObject{cancel, fd.Confirm})
	fd.d.Resize(size)
	ShowModal(win, fd.d)
}

// ShowModal shows d over win with nothing behind it holding the keyboard.
// Space on a dialog's button presses it, then the same key's character
// goes to whatever has the focus once the dialog is gone: a check box
// behind it (an attendee) would tick, a field would get a space.
func ShowModal(win fyne.Window, d dialog.Dialog) {
	win.Canvas().Unfocus()
	d.Show()
}

// Hide closes the dialog.
func (fd *Dialog) Hide() {
	fd.open = false
	if fd.d != nil {
		fd.d.Hide()
	}
}

// HoldsTyping reports whether the dialog is open with typing not saved.
func (fd *Dialog) HoldsTyping() bool { return fd.open && fd.Unsaved != nil && fd.Unsaved() }

// onCancel closes the dialog, asking first when that throws typing away.
func (fd *Dialog) onCancel() {
	if !fd.HoldsTyping() {
		fd.Hide()
		return
	}
	Confirm(fd.win, "Discard what you typed?", "Nothing in this form is saved yet; closing it throws away what you typed.", "Discard", fd.Hide)
}

// SetProblem says what is wrong, or clears the line for "".
func (fd *Dialog) SetProblem(msg string) { SetProblem(fd.Problem, msg) }

// Confirm asks before something that cannot be undone: yes runs only when
// the user confirms with the button named action.
func Confirm(win fyne.Window, title, message, action string, yes func()) {
	d := dialog.NewCustomConfirm(title, action, "Cancel", Wrapped(message), func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.Resize(fyne.NewSize(460, 220))
	ShowModal(win, d)
}

// Write is a dialog's save: Confirm is disabled while write runs off the
// UI goroutine; a failure is said on the problem line, the dialog staying
// open (then failed, when set, runs too); success closes the dialog and
// runs done with what was written.
func Write[T any](sc *shell.Scope, fd *Dialog, action string, write func() (T, error), done func(T), failed func(error)) {
	fd.SetProblem("")
	fd.Confirm.Disable()
	shell.Write(sc, action, write, func(v T, err error) {
		fd.Confirm.Enable()
		if err != nil {
			fd.SetProblem(shell.Message(action, err))
			if failed != nil {
				failed(err)
			}
			return
		}
		fd.Hide()
		done(v)
	})
}

// ChooseFolder asks for a folder with Fyne's folder dialog, starting in
// start; done gets the folder, and is not called when the user cancels.
func ChooseFolder(win fyne.Window, start string, done func(dir string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		done(dir.Path())
	}, win)
	d.SetConfirmText("Choose") // the title reads "Choose Folder"
	if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}
