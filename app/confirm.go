package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// confirmDanger asks before something that cannot be undone. Tests replace
// it to answer without a dialog.
var confirmDanger = func(win fyne.Window, title, message, action string, yes func()) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, action, "Cancel", text, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}
