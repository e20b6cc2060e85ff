package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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

// PrepareText parses the fonts the window draws with (the theme's regular
// and bold faces, each with the emoji font behind it, and the list of the
// system's fonts for other scripts) on a goroutine of its own, while the
// window system starts and the database opens. The toolkit otherwise does
// it on its main thread when it first measures a label: about 50 ms
// before the first frame. Call it once the app exists.
func PrepareText() {
	go func() {
		size := theme.TextSize()
		fyne.MeasureText("Triad", size, fyne.TextStyle{})
		fyne.MeasureText("Triad", size, fyne.TextStyle{Bold: true})
	}()
}

// ShowOpening opens a small window saying Triad is opening the database
// at path, for an open that takes a while (an upgrade's backup, the check
// after a crash); say sets its last line. The caller closes it.
func ShowOpening(a fyne.App, path string) (w fyne.Window, say func(string)) {
	w = a.NewWindow("Triad")
	title := kit.Subheading("Opening your database…")
	file := kit.Low(path)
	file.Truncation = fyne.TextTruncateEllipsis
	why := kit.Wrapped("After Triad is updated, it backs the file up before it upgrades it; after a session that did not close " +
		"(a crash, a power cut), it checks the whole file first. On a large file that takes a while. " +
		"Triad opens as soon as it is done, and changes nothing you have until then.")
	bar := widget.NewProgressBarInfinite()
	line := kit.Low("")
	// The bar and its line sit at the foot: the window is as tall as the
	// explanation wraps to at its narrowest, and any room left is above them.
	w.SetContent(container.NewPadded(container.NewBorder(container.NewVBox(title, file, why), container.NewVBox(bar, line), nil, nil)))
	w.Resize(fyne.NewSize(560, 240))
	w.Show()
	return w, line.SetText
}
