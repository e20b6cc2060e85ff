package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
)

// Recovery is what the start-up recovery window can do when the database
// was found damaged and has already been moved aside.
type Recovery struct {
	Problem error  // what was wrong, as the store said it
	MovedTo string // where the damaged file now is
	// Backups lists verified backups, newest first.
	Backups func() ([]data.BackupInfo, error)
	// UseBackup restores a backup into place and opens it.
	UseBackup func(path string) (Store, error)
	// Fresh opens a new, empty database in place.
	Fresh func() (Store, error)
	// Start opens the main window on the chosen store.
	Start func(Store)
}

// ShowRecovery tells the user plainly what happened and offers the newest
// verified backup or a fresh database. Triad never refuses to start.
func ShowRecovery(a fyne.App, r Recovery) fyne.Window {
	w := a.NewWindow("Triad — recovering your data")
	title := kit.Subheading("Your Triad database was damaged")
	msg := kit.Wrapped(fmt.Sprintf("%v\n\nTriad moved the damaged file aside, so nothing in it is lost:\n%s", r.Problem, r.MovedTo))
	msg.Selectable = true
	status := kit.Wrapped("Looking for backups…")
	useBackup := widget.NewButtonWithIcon("Restore the newest backup", theme.HistoryIcon(), nil)
	useBackup.Importance = widget.HighImportance
	useBackup.Disable()
	fresh := widget.NewButtonWithIcon("Start with an empty database", theme.ContentAddIcon(), nil)
	quit := widget.NewButton("Quit", a.Quit)
	problem := kit.ProblemLabel()

	open := func(f func() (Store, error)) {
		useBackup.Disable()
		fresh.Disable()
		go func() {
			s, err := f()
			fyne.Do(func() {
				if err != nil {
					kit.SetProblem(problem, err.Error())
					fresh.Enable()
					if useBackup.OnTapped != nil {
						useBackup.Enable() // let the user try the backup again
					}
					return
				}
				r.Start(s)
				w.Close()
			})
		}()
	}
	fresh.OnTapped = func() { open(r.Fresh) }

	w.SetContent(container.NewPadded(container.NewBorder(
		container.NewVBox(title, msg, widget.NewSeparator(), status, problem),
		container.NewHBox(useBackup, fresh, quit), nil, nil)))
	w.Resize(fyne.NewSize(640, 360))
	w.Show()
	// The backups are listed off the UI goroutine once the window shows.
	go func() {
		list, err := r.Backups()
		fyne.Do(func() {
			var newest *data.BackupInfo
			for i := range list {
				if list[i].Usable() {
					newest = &list[i]
					break
				}
			}
			switch {
			case err != nil:
				status.SetText("Triad could not read the backup folder: " + err.Error())
			case newest == nil:
				status.SetText("There is no usable backup. Start with an empty database; the damaged file stays where it was moved.")
			default:
				b := *newest
				status.SetText(fmt.Sprintf("The newest verified backup is from %s (%s).",
					b.Taken.Local().Format("Mon 2 Jan 2006 15:04"), b.Summary))
				useBackup.OnTapped = func() { open(func() (Store, error) { return r.UseBackup(b.Path) }) }
				useBackup.Enable()
			}
		})
	}()
	return w
}
