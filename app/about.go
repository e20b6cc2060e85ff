package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
)

func showAbout(win fyne.Window, info Info, dbPath string) {
	title := kit.Title("Triad " + info.Version)
	text := widget.NewLabel("Runs a product line's weekly Triad meeting: Engineering, Product and\n" +
		"Go-to-market deciding together what to build, sell and maintain.")
	path := widget.NewLabel(dbPath)
	path.Selectable = true
	path.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(
		widget.NewFormItem("Database", path),
		widget.NewFormItem("Default location", widget.NewLabel(info.DefaultDBPath)),
		widget.NewFormItem("SQLite", widget.NewLabel(info.SQLiteVersion)),
	)
	content := container.NewVBox(title, text, widget.NewSeparator(), form)
	d := dialog.NewCustom("About Triad", "Close", content, win)
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
}
