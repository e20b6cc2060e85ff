package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
)

// welcomeScreen is what a first-time user sees: what Triad is for and the
// two ways to begin.
func welcomeScreen(u *UI) fyne.CanvasObject {
	title := kit.Title("Welcome to Triad")
	title.Alignment = fyne.TextAlignCenter
	intro := widget.NewLabel("Every product line has three leaders who meet each week: the Tech Lead (can we build it, " +
		"and how long will it take?), the Product Manager (should we build it, does it solve the problem?) and the " +
		"Product Marketing Manager (can we sell it, what will they pay?).\n\n" +
		"Start by creating a pod — a product line and its three leaders. Triad then runs its weekly meeting: " +
		"the agenda and timer, the deal desk, the roadmap debt check, decisions and the minutes.")
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	create := widget.NewButtonWithIcon("Create your first pod", theme.ContentAddIcon(), func() { u.Go(shell.NewPod{}) })
	create.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon("Load sample data", theme.DownloadIcon(), u.onLoadSample)
	hint := widget.NewLabel("Sample data adds two pods with a few weeks of meetings; you can delete them later.")
	hint.Importance = widget.LowImportance
	hint.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(title, intro, container.NewCenter(container.NewHBox(create, sample)), hint)
	return container.NewPadded(container.New(&kit.Column{Width: 640, Middle: true}, body))
}
