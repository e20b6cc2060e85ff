package meeting

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// reviseDialog is the open "Re-date or reassign" form of an action item
// whose meeting is closed, or that came from an earlier meeting.
type reviseDialog struct {
	*kit.Dialog
	owner   *widget.Select
	due     *widget.DateEntry
	history *widget.Label
}

// noOwner is the owner choice that leaves an action with nobody.
const noOwner = "Nobody yet"

// onReviseAction re-dates or reassigns an open action after its meeting.
// Action items live past their meeting, so this works on closed meetings;
// each change goes into the action's history with who (the facilitator at
// this laptop) and when, which the dialog lists.
func (ms *Screen) onReviseAction(a data.ActionItem) {
	owners := data.ActionOwners(ms.run.Pod, nil)
	if a.MeetingID == ms.meetingID {
		owners = data.ActionOwners(ms.run.Pod, ms.run.Attendees)
	}
	if a.OwnerName != "" && !containsFold(owners, a.OwnerName) {
		owners = append(owners, a.OwnerName)
	}
	f := &reviseDialog{Dialog: kit.NewDialog("Save", theme.ConfirmIcon()),
		owner: widget.NewSelect(append([]string{noOwner}, owners...), nil), due: widget.NewDateEntry()}
	f.owner.SetSelected(noOwner)
	if a.OwnerName != "" {
		f.owner.SetSelected(a.OwnerName)
	}
	kit.SetDate(f.due, a.Due)
	f.history = kit.Low("Loading the history…")
	shell.Run(ms.sc, func() ([]data.ActionEvent, error) {
		return ms.sc.Store.ActionHistory(ms.sc.Ctx(), a.ID)
	}, func(es []data.ActionEvent, err error) {
		f.history.SetText(actionHistoryText(es, err))
	})

	f.Confirm.OnTapped = func() {
		c := data.ActionChange{ActionID: a.ID, At: ms.sc.Now()}
		due, err := dueDate(f.due)
		if err != nil {
			f.SetProblem(err.Error())
			return
		}
		owner := f.owner.Selected
		if owner == noOwner {
			owner = ""
		}
		c.Due, c.Owner = &due, &owner
		if err := c.Validate(); err != nil {
			f.SetProblem(err.Error())
			return
		}
		f.Hide()
		ms.do("Saving the action", func() error {
			_, err := ms.sc.Store.ReviseActionItem(ms.sc.Ctx(), c)
			return err
		})
	}
	text := kit.Wrapped(a.Text)
	text.TextStyle.Bold = true
	from := kit.Low("Agreed " + a.MeetingDate.Long() + ". Changes are recorded with who made them and when.")
	form := widget.NewForm(widget.NewFormItem("Owner", f.owner), widget.NewFormItem("Due", f.due))
	ms.reviseDialog = f
	f.Show(ms.sc.Win, "Re-date or reassign", container.NewVBox(text, from, form, f.Problem,
		kit.Bold("History"), f.history), fyne.NewSize(520, 360))
}

// actionHistoryText lists an action's history, one change a line.
func actionHistoryText(es []data.ActionEvent, err error) string {
	if err != nil {
		return "The history could not be read: " + err.Error()
	}
	if len(es) == 0 {
		return "No changes since it was agreed."
	}
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.At.Local().Format("Mon 2 Jan 15:04") + " · " + e.Actor + ": " + e.Text()
	}
	return strings.Join(lines, "\n")
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
