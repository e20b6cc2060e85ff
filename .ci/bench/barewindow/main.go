// Command barewindow is the floor Triad's start-up is measured against: a
// Fyne 2.7 window of Triad's size with one label, and nothing else.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("app.triad.barewindow")
	w := a.NewWindow("Bare Fyne window")
	w.SetContent(widget.NewLabel("A bare Fyne window"))
	w.Resize(fyne.NewSize(1180, 760))
	w.ShowAndRun()
}
