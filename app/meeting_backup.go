package app

import (
	"fyne.io/fyne/v2/widget"

	"triad/data"
)

// backupClosed backs the database up once a meeting is closed: the record
// of the hour is then safe in a second file. It runs off the UI goroutine
// and never holds up closing; a failure shows where the save state does.
func (ms *meetingScreen) backupClosed() {
	run(&ms.ui.tasks, func() (data.BackupInfo, error) {
		return ms.ui.store.Backup(ms.ui.ctx(), data.BackupMeetingClosed)
	}, func(_ data.BackupInfo, err error) {
		if err == nil {
			return
		}
		ms.saveState.SetText("Closed, but the backup failed: " + err.Error())
		ms.saveState.Importance = widget.DangerImportance
		ms.saveState.Refresh()
	})
}
