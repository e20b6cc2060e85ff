package meeting

import (
	"fyne.io/fyne/v2/widget"

	"triad/app/shell"
	"triad/data"
)

// backupClosed backs the database up once a meeting is closed: the record
// of the hour is then safe in a second file. It runs off the UI goroutine
// and never holds up closing; a failure shows where the save state does.
func (ms *Screen) backupClosed() {
	shell.Run(ms.sc, func() (data.BackupInfo, error) {
		return ms.sc.Store.Backup(ms.sc.Ctx(), data.BackupMeetingClosed)
	}, func(_ data.BackupInfo, err error) {
		if err == nil {
			return
		}
		ms.header.saveState.SetText("Closed, but the backup failed: " + err.Error())
		ms.header.saveState.Importance = widget.DangerImportance
		ms.header.saveState.Refresh()
	})
}
