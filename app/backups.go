package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// autoBackup is the minute's check of the automatic backup: every
// AutoBackupInterval while data changes, written off the UI goroutine. A
// failure stays under the pod count until a backup works again.
func (u *UI) autoBackup(since time.Time) func() {
	last := since
	return func() {
		sc := u.sh.Window()
		now := sc.Now()
		shell.Run(sc, func() (bool, error) {
			if !data.AutoBackupDue(last, now, sc.Store.ChangedSinceBackup()) {
				return false, nil
			}
			_, err := sc.Store.Backup(sc.Ctx(), data.BackupAuto)
			return err == nil, err
		}, func(done bool, err error) {
			switch {
			case err != nil:
				u.sidebar.setWarning("Automatic backup failed: " + err.Error())
			case done:
				last = now
				u.sidebar.setWarning("")
			}
		})
	}
}

// backupNow is File → Back up now.
func (u *UI) backupNow() {
	sc := u.sh.Window()
	shell.Load(sc, "The backup", func() (data.BackupInfo, error) {
		return sc.Store.Backup(sc.Ctx(), data.BackupManual)
	}, func(b data.BackupInfo) {
		dialog.ShowInformation("Backed up", "Saved a verified copy of your data to\n"+b.Path, u.sh.Win)
	})
}

// onRestore lists the backups with what each holds; restoring one restarts
// Triad on it, keeping the current file aside.
func (u *UI) onRestore() {
	if u.info.ListBackups == nil || u.info.RestoreAndRestart == nil {
		return
	}
	shell.Run(u.sh.Window(), func() ([]data.BackupInfo, error) {
		return u.info.ListBackups()
	}, func(list []data.BackupInfo, err error) {
		if err != nil {
			u.sh.ShowError("Listing the backups", err)
			return
		}
		u.showRestoreDialog(list)
	})
}

func (u *UI) showRestoreDialog(list []data.BackupInfo) {
	if len(list) == 0 {
		dialog.ShowInformation("Restore from backup", "There are no backups yet. Triad backs up before every upgrade, "+
			"when a meeting is closed, and every 30 minutes while you work; File → Back up now makes one at once.", u.sh.Win)
		return
	}
	var d dialog.Dialog
	rows := widget.NewList(func() int { return len(list) },
		func() fyne.CanvasObject {
			when := kit.Bold("Wed 25 Nov 2026 12:00")
			what := kit.Truncated("")
			btn := widget.NewButtonWithIcon("Restore", theme.HistoryIcon(), nil)
			return container.NewBorder(nil, nil, when, btn, what)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			b := list[id]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %d KB", reasonLabel(b.Reason), b.Describe(), (b.Size+1023)/1024))
			row.Objects[1].(*widget.Label).SetText(b.Taken.Local().Format("Mon 2 Jan 2006 15:04"))
			btn := row.Objects[2].(*widget.Button)
			btn.OnTapped = func() {
				msg := "Triad will restart with the data from " + b.Taken.Local().Format("Mon 2 Jan 2006 15:04") +
					" (" + b.Summary + ").\n\nYour current database is not deleted: it is kept beside it as " +
					"triad.before-restore-<time>.db."
				u.sh.Confirm("Restore this backup?", msg, "Restore and restart", func() {
					d.Hide()
					// Pending edits and background writes reach the current
					// file before it is closed and kept aside.
					u.leaveScreen()
					u.sh.Wait()
					if err := u.info.RestoreAndRestart(b.Path); err != nil {
						u.sh.ShowError("Restoring", err)
					}
				})
			}
			kit.EnableIf(btn, b.Usable())
		})
	note := kit.Low("Each backup was checked when it was made and is checked again before it is restored.")
	d = dialog.NewCustom("Restore from backup", "Close", container.NewBorder(note, nil, nil, nil, rows), u.sh.Win)
	d.Resize(fyne.NewSize(820, 480))
	d.Show()
}

func reasonLabel(r data.BackupReason) string {
	switch r {
	case data.BackupAuto:
		return "Automatic"
	case data.BackupMigration:
		return "Before an upgrade"
	case data.BackupMeetingClosed:
		return "Meeting closed"
	case data.BackupManual:
		return "Made by hand"
	case data.BackupRestore:
		return "Before a restore"
	}
	return string(r)
}
