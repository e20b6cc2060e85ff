package meeting

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/sqlite"
)

func TestClosingAMeetingTakesABackup(t *testing.T) {
	e, db, ms, _ := openDemoMeeting(t, "")
	e.Sh.Confirm = func(_, _, _ string, yes func()) { yes() }
	selectItem(t, e, ms, "Deal desk")
	before, err := sqlite.ListBackups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(ms.clock.closeBtn)
	e.Wait()
	if m := apptest.Run(t, db, ms.meetingID).Meeting; m.Status != data.MeetingClosed {
		t.Fatalf("status = %s", m.Status)
	}
	after, err := sqlite.ListBackups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range after {
		if b.Reason == data.BackupMeetingClosed {
			n++
		}
	}
	if len(after) != len(before)+1 || n != 1 {
		t.Errorf("backups %d -> %d, %d for a closed meeting", len(before), len(after), n)
	}
	if !apptest.ContainsText(ms.editor.standingBox, "As it stood when this meeting closed") {
		t.Error("the closed meeting's deal desk does not say it is the record frozen at the close")
	}
	if ms.header.saveState.Importance == widget.DangerImportance {
		t.Errorf("save state after a good backup: %q", ms.header.saveState.Text)
	}
}
