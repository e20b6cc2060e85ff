package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
)

// actionsPane holds this meeting's action items and the pod's open ones.
type actionsPane struct {
	actionTabs    *container.AppTabs
	meetingTab    *container.TabItem
	openTab       *container.TabItem
	actionRows    *fyne.Container
	actionText    *kit.Entry
	actionOwner   *kit.Choice[int64]
	actionDue     *widget.DateEntry
	addActionBtn  *widget.Button
	actionProblem *widget.Label
	openRows      *fyne.Container
}

func (ms *meetingScreen) buildActions() fyne.CanvasObject {
	ms.actionText = ms.entry(kit.LineLimit)
	ms.actionText.SetPlaceHolder("New action: what, by whom, by when")
	ms.actionText.OnSubmitted = func(string) { ms.onAddAction() }
	ms.actionOwner = kit.NewChoice[int64]("Owner", nil)
	ms.actionDue = widget.NewDateEntry()
	ms.addActionBtn = widget.NewButtonWithIcon("Add action", theme.ContentAddIcon(), ms.onAddAction)
	ms.actionProblem = kit.ProblemLabel()
	form := container.NewBorder(nil, nil, nil,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(190, ms.actionOwner.Select.MinSize().Height), ms.actionOwner.Select),
			container.NewGridWrap(fyne.NewSize(150, ms.actionDue.MinSize().Height), ms.actionDue), ms.addActionBtn),
		ms.actionText)
	ms.actionRows = container.NewVBox()
	ms.openRows = container.NewVBox()
	ms.meetingTab = container.NewTabItemWithIcon("Action items", theme.ListIcon(),
		container.NewBorder(container.NewVBox(form, ms.actionProblem), nil, nil, nil, container.NewVScroll(ms.actionRows)))
	ms.openTab = container.NewTabItemWithIcon("Open action items (pod)", theme.WarningIcon(), container.NewVScroll(ms.openRows))
	ms.attendanceTab = container.NewTabItemWithIcon("Attendance", theme.AccountIcon(), container.NewVScroll(ms.attendance))
	ms.actionTabs = container.NewAppTabs(ms.meetingTab, ms.openTab, ms.attendanceTab)
	return ms.actionTabs
}

func (ms *meetingScreen) refreshActions() {
	today := data.DateOf(ms.sc.Now())
	ms.actionRows.Objects = nil
	for _, a := range ms.run.Actions {
		ms.actionRows.Add(ms.actionRow(a, today, false))
	}
	if len(ms.run.Actions) == 0 {
		none := widget.NewLabel("No action items yet. Type one above; Ctrl+J jumps here.")
		none.Importance = widget.LowImportance
		ms.actionRows.Add(none)
	}
	ms.actionRows.Refresh()
	ms.openRows.Objects = nil
	for _, a := range ms.openActions {
		ms.openRows.Add(ms.actionRow(a, today, true))
	}
	if len(ms.openActions) == 0 {
		ms.openRows.Add(widget.NewLabel("Nothing open. Every action item of this pod is done."))
	}
	ms.openRows.Refresh()
	ms.meetingTab.Text = "Action items (" + kit.Itoa(len(ms.run.Actions)) + ")"
	ms.openTab.Text = "Open in pod (" + kit.Itoa(len(ms.openActions)) + ")"
	if n := data.CountOverdue(ms.openActions, today); n > 0 {
		ms.openTab.Text = "Open in pod (" + kit.Itoa(len(ms.openActions)) + ", " + kit.Itoa(n) + " overdue)"
	}
	ms.actionTabs.Refresh()
	labels, ids := ms.attendeeChoices()
	ms.actionOwner.SetOptions(labels[1:], ids[1:])
	for _, o := range []fyne.Disableable{ms.actionText, ms.actionOwner.Select, ms.actionDue, ms.addActionBtn} {
		if ms.editable() {
			o.Enable()
		} else {
			o.Disable()
		}
	}
	if it, ok := ms.selectedItem(); ok && it.Standing != data.StandingNone {
		ms.showKindParts() // the action review panel lists open actions
	}
}

// actionRow is one action: done box, text, owner, due (overdue in red)
// and where it came from.
func (ms *meetingScreen) actionRow(a data.ActionItem, today data.Date, showMeeting bool) fyne.CanvasObject {
	done := widget.NewCheck("", func(on bool) {
		at := ms.sc.Now()
		ms.do("Ticking off the action", func() error { return ms.sc.Store.SetActionDone(ms.sc.Ctx(), a.ID, on, at) })
	})
	done.Checked = a.Done()
	text := kit.Truncated(a.Text)
	if a.Done() {
		text.Importance = widget.LowImportance
	}
	due := widget.NewLabel(dueText(a, today))
	switch {
	case a.Overdue(today):
		due.Importance = widget.DangerImportance
		due.TextStyle.Bold = true
	case a.Done():
		due.Importance = widget.SuccessImportance
	default:
		due.Importance = widget.LowImportance
	}
	owner := a.OwnerName
	if owner == "" {
		owner = "No owner"
	}
	if showMeeting {
		owner += " · " + kit.ShortDate(a.MeetingDate)
	}
	meta := widget.NewLabel(owner)
	meta.Importance = widget.LowImportance
	text.TextStyle.Bold = !a.Done()
	right := container.NewHBox(meta, due)
	if !showMeeting && ms.editable() {
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { ms.onEditAction(a) })
		edit.Importance = widget.LowImportance
		right.Add(edit)
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			ms.do("Deleting the action", func() error { return ms.sc.Store.DeleteActionItem(ms.sc.Ctx(), a.ID) })
		})
		del.Importance = widget.LowImportance
		right.Add(del)
	} else if !a.Done() {
		// After its meeting an action can still be re-dated or reassigned.
		revise := widget.NewButtonWithIcon("", theme.HistoryIcon(), func() { ms.onReviseAction(a) })
		revise.Importance = widget.LowImportance
		right.Add(revise)
	}
	return container.NewBorder(nil, nil, done, right, text)
}

func dueText(a data.ActionItem, today data.Date) string {
	switch {
	case a.Done():
		return "Done " + a.DoneAt.Local().Format("2 Jan")
	case a.Due.IsZero():
		return "No due date"
	case a.Overdue(today):
		return "Overdue · due " + kit.ShortDate(a.Due)
	case a.Due.Equal(today):
		return "Due today"
	}
	return "Due " + kit.ShortDate(a.Due)
}

// onAddAction records the typed action, raised under the selected item.
func (ms *meetingScreen) onAddAction() {
	if !ms.editable() {
		return
	}
	owner, _ := ms.actionOwner.Value()
	a := data.ActionItem{MeetingID: ms.meetingID, Text: ms.actionText.Text, OwnerID: owner}
	due, err := dueDate(ms.actionDue)
	if err != nil {
		kit.SetProblem(ms.actionProblem, err.Error())
		return
	}
	a.Due = due
	if it, ok := ms.selectedItem(); ok {
		a.AgendaItemID = it.ID
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		kit.SetProblem(ms.actionProblem, err.Error())
		ms.focus(ms.actionText)
		return
	}
	ms.actionProblem.Hide()
	ms.actionText.SetText("")
	ms.actionDue.SetDate(nil)
	ms.actionOwner.Select.ClearSelected()
	ms.actionTabs.Select(ms.meetingTab)
	ms.doThen("Adding the action", func() error {
		_, err := ms.sc.Store.AddActionItem(ms.sc.Ctx(), a)
		return err
	}, func() { ms.focus(ms.actionText) })
}

// actionDialog is the open "Edit action item" form.
type actionDialog struct {
	*kit.Dialog
	text  *kit.Entry
	owner *kit.Choice[int64]
	due   *widget.DateEntry
}

// onEditAction changes an action's text, owner or due date.
func (ms *meetingScreen) onEditAction(a data.ActionItem) {
	f := &actionDialog{Dialog: kit.NewDialog("Save", theme.ConfirmIcon()),
		text: kit.NewLineEntry(kit.LineLimit), owner: kit.NewChoice[int64]("", nil), due: widget.NewDateEntry()}
	f.text.SetText(a.Text)
	f.owner.SetOptions(ms.attendeeChoices())
	f.owner.Set(a.OwnerID)
	setDue(f.due, a.Due)
	f.Confirm.OnTapped = func() {
		changed := a
		changed.Text = f.text.Text
		changed.OwnerID, _ = f.owner.Value()
		due, err := dueDate(f.due)
		if err != nil {
			f.SetProblem(err.Error())
			return
		}
		changed.Due = due
		changed.Normalize()
		if err := changed.Validate(); err != nil {
			f.SetProblem(err.Error())
			return
		}
		f.Hide()
		ms.do("Saving the action", func() error { return ms.sc.Store.UpdateActionItem(ms.sc.Ctx(), changed) })
	}
	form := widget.NewForm(widget.NewFormItem("Action", f.text), widget.NewFormItem("Owner", f.owner.Select), widget.NewFormItem("Due", f.due))
	ms.actionDialog = f
	f.Show(ms.sc.Win, "Edit action item", container.NewVBox(form, f.Problem), fyne.NewSize(520, 280))
}

// dueDate reads a due-date field: no date when it is empty.
func dueDate(e *widget.DateEntry) (data.Date, error) {
	switch {
	case e.Date != nil:
		return data.DateOf(*e.Date), nil
	case e.Text != "":
		return data.Date{}, errors.New("The due date is not a date; pick one from the calendar")
	}
	return data.Date{}, nil
}

// setDue shows a due date in its field; none leaves it empty.
func setDue(e *widget.DateEntry, d data.Date) {
	if !d.IsZero() {
		t := d.Time(time.Local)
		e.SetDate(&t)
	}
}

// actionReviewPanel lists every open action of the pod from earlier
// meetings, overdue ones first and highlighted.
func (ms *meetingScreen) actionReviewPanel() fyne.CanvasObject {
	today := data.DateOf(ms.sc.Now())
	var earlier []data.ActionItem
	for _, a := range ms.openActions {
		if a.MeetingDate.Before(ms.run.Meeting.Date) {
			earlier = append(earlier, a)
		}
	}
	box := container.NewVBox()
	head := "Open action items from earlier meetings: " + kit.Itoa(len(earlier))
	if n := data.CountOverdue(earlier, today); n > 0 {
		head += " (" + kit.Itoa(n) + " overdue)"
	}
	box.Add(kit.Bold(head))
	for _, a := range earlier {
		box.Add(ms.actionRow(a, today, true))
	}
	if len(earlier) == 0 {
		box.Add(widget.NewLabel("Nothing open from earlier meetings."))
	}
	return widget.NewCard("", "", box)
}
