package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"triad/app/kit"
)

// confirmDanger asks before something that cannot be undone. Tests replace
// it to answer without a dialog.
var confirmDanger = func(win fyne.Window, title, message, action string, yes func()) {
	text := kit.Wrapped(message)
	d := dialog.NewCustomConfirm(title, action, "Cancel", text, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}
