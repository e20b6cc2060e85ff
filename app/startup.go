package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
)

// ShowStartupError opens a small window that says why the database could
// not be opened, instead of vanishing with a message on a terminal nobody
// is watching. The caller runs the app.
func ShowStartupError(a fyne.App, err error) {
	w := a.NewWindow("Triad")
	title := kit.Subheading("Triad could not open its database")
	msg := kit.Wrapped(err.Error())
	msg.Selectable = true
	hint := kit.Low("Triad changed nothing on disk.")
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(container.NewVBox(title, msg, hint), container.NewHBox(quit), nil, nil)))
	w.Resize(fyne.NewSize(560, 260))
	w.Show()
}
