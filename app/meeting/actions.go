package meeting

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
)

// actionsPane holds this meeting's action items, the pod's open ones and
// the attendance, as tabs.
type actionsPane struct {
	ms                                 *Screen
	tabs                               *container.AppTabs
	meetingTab, openTab, attendanceTab *container.TabItem
	rows, openRows                     *fyne.Container
	rowsScroll                         *container.Scroll // this meeting's actions, under the form
	text                               *kit.Entry
	owner                              *kit.Choice[int64]
	due                                *kit.OptionalDateEntry
	add                                *widget.Button
	problem                            *widget.Label
	form                               *fyne.Container // the new action's fields, where actions may be added
}

func (acts *actionsPane) build() fyne.CanvasObject {
	acts.text = acts.ms.entry(kit.LineLimit)
	acts.text.SetPlaceHolder("New action: what, by whom, by when")
	acts.text.OnSubmitted = func(string) { acts.ms.onAddAction() }
	acts.owner = kit.NewChoice[int64]("Owner", nil)
	acts.due = kit.NewOptionalDateEntry()
	acts.due.OnSubmitted = func(string) { acts.ms.onAddAction() } // Enter adds the action, as in its text
	acts.add = widget.NewButtonWithIcon("Add action", theme.ContentAddIcon(), acts.ms.onAddAction)
	acts.problem = kit.ProblemLabel()
	acts.form = container.NewBorder(nil, nil, nil,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(160, acts.owner.Select.MinSize().Height), acts.owner.Select),
			container.NewGridWrap(fyne.NewSize(140, acts.due.MinSize().Height), acts.due), acts.add),
		acts.text)
	acts.rows = container.NewVBox()
	acts.openRows = container.NewVBox()
	acts.rowsScroll = container.NewVScroll(acts.rows)
	acts.meetingTab = container.NewTabItemWithIcon("Action items", theme.ListIcon(),
		container.NewBorder(container.NewVBox(acts.form, acts.problem), nil, nil, nil, acts.rowsScroll))
	acts.openTab = container.NewTabItemWithIcon("Open action items (pod)", theme.WarningIcon(), container.NewVScroll(acts.openRows))
	acts.attendanceTab = container.NewTabItemWithIcon("Attendance", theme.AccountIcon(), container.NewVScroll(acts.ms.attendance.box))
	acts.tabs = container.NewAppTabs(acts.meetingTab, acts.openTab, acts.attendanceTab)
	return acts.tabs
}

// bottomRows is how many action items show under the form when the window
// has room (at 1366x768 and up): enough to read what was agreed while the
// next one is typed. Attendance then shows one person more.
const bottomRows = 4

// standingBottomRows is how many action items show under the form on a
// standing item with a live panel (the deal desk, the debt check, the open
// decisions): the panel is what the meeting looks at then.
const standingBottomRows = 2

// wantHeight is the panel's height with bottomRows action rows in view
// (standingBottomRows on a standing item's live panel): its minimum, with
// the rows' scroll grown from its own minimum to them.
func (acts *actionsPane) wantHeight() float32 {
	n := float32(bottomRows)
	if it, ok := acts.ms.selectedItem(); ok && livePanel(it.Standing) {
		n = standingBottomRows
	}
	row := fyne.Max(widget.NewCheck("", nil).MinSize().Height, acts.add.MinSize().Height)
	rows := n*row + (n-1)*theme.Padding()
	return acts.tabs.MinSize().Height - acts.rowsScroll.MinSize().Height + rows
}

// livePanel reports whether a standing item of kind k shows a live panel
// above its notes (the action review lists what the bottom panel holds).
func livePanel(k data.StandingKind) bool {
	return k == data.StandingDealDesk || k == data.StandingRoadmapDebt || k == data.StandingOpenDecisions
}

func (acts *actionsPane) refresh() {
	today := data.DateOf(acts.ms.sc.Now())
	acts.rows.Objects = nil
	for _, a := range acts.ms.run.Actions {
		acts.rows.Add(acts.row(a, today, false))
	}
	if len(acts.ms.run.Actions) == 0 {
		none := widget.NewLabel("No action items.")
		if acts.ms.editable() { // the form above takes one
			none.SetText("No action items yet. Type one above; Ctrl+J jumps here.")
		}
		none.Importance = widget.LowImportance
		acts.rows.Add(none)
	}
	acts.rows.Refresh()
	acts.openRows.Objects = nil
	for _, a := range acts.ms.openActions {
		acts.openRows.Add(acts.row(a, today, true))
	}
	if len(acts.ms.openActions) == 0 {
		acts.openRows.Add(widget.NewLabel("Nothing open. Every action item of this pod is done."))
	}
	acts.openRows.Refresh()
	acts.meetingTab.Text = "Action items (" + kit.Itoa(len(acts.ms.run.Actions)) + ")"
	acts.openTab.Text = "Open in pod (" + kit.Itoa(len(acts.ms.openActions)) + ")"
	if n := data.CountOverdue(acts.ms.openActions, today); n > 0 {
		acts.openTab.Text = "Open in pod (" + kit.Itoa(len(acts.ms.openActions)) + ", " + kit.Itoa(n) + " overdue)"
	}
	acts.tabs.Refresh()
	labels, ids := acts.ms.attendeeChoices()
	acts.owner.SetOptions(labels[1:], ids[1:])
	for _, o := range []fyne.Disableable{acts.text, acts.owner.Select, acts.due, acts.add} {
		if acts.ms.editable() {
			o.Enable()
		} else {
			o.Disable()
		}
	}
	// A closed or read-only meeting takes no new action: the form's row
	// goes to the actions there are (they are still ticked off there).
	kit.ShowIf(acts.form, acts.ms.editable())
	if it, ok := acts.ms.selectedItem(); ok && it.Standing != data.StandingNone {
		acts.ms.editor.showKindParts() // the action review panel lists open actions
	}
}

// actionRow is one action: done box, text, owner, due (overdue in red)
// and where it came from.
func (acts *actionsPane) row(a data.ActionItem, today data.Date, showMeeting bool) fyne.CanvasObject {
	done := widget.NewCheck("", func(on bool) {
		at := acts.ms.sc.Now()
		acts.ms.do("Ticking off the action", func() error { return acts.ms.sc.Store.SetActionDone(acts.ms.sc.Ctx(), a.ID, on, at) })
	})
	done.Checked = a.Done()
	text := kit.Truncated(a.Text)
	if a.Done() {
		text.Importance = widget.LowImportance
	}
	due := kit.DueLabel(a, today)
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
	if !showMeeting && acts.ms.editable() {
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { acts.ms.onEditAction(a) })
		edit.Importance = widget.LowImportance
		right.Add(edit)
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			acts.ms.do("Deleting the action", func() error { return acts.ms.sc.Store.DeleteActionItem(acts.ms.sc.Ctx(), a.ID) })
		})
		del.Importance = widget.LowImportance
		right.Add(del)
	} else if !a.Done() {
		// After its meeting an action can still be re-dated or reassigned.
		revise := widget.NewButtonWithIcon("", theme.HistoryIcon(), func() { acts.ms.onReviseAction(a) })
		revise.Importance = widget.LowImportance
		right.Add(revise)
	}
	return container.NewBorder(nil, nil, done, right, text)
}

// onAddAction records the typed action, raised under the selected item.
func (ms *Screen) onAddAction() {
	if !ms.editable() {
		return
	}
	owner, _ := ms.actions.owner.Value()
	a := data.ActionItem{MeetingID: ms.meetingID, Text: ms.actions.text.Text, OwnerID: owner}
	due, err := dueDate(&ms.actions.due.DateEntry)
	if err != nil {
		kit.SetProblem(ms.actions.problem, err.Error())
		return
	}
	a.Due = due
	if it, ok := ms.selectedItem(); ok {
		a.AgendaItemID = it.ID
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		kit.SetProblem(ms.actions.problem, err.Error())
		ms.focus(ms.actions.text)
		return
	}
	ms.actions.problem.Hide()
	ms.actions.text.SetText("")
	ms.actions.due.SetDate(nil)
	ms.actions.owner.Select.ClearSelected()
	ms.actions.tabs.Select(ms.actions.meetingTab)
	ms.doThen("Adding the action", func() error {
		_, err := ms.sc.Store.AddActionItem(ms.sc.Ctx(), a)
		return err
	}, func() { ms.focus(ms.actions.text) })
}

// actionDialog is the open "Edit action item" form.
type actionDialog struct {
	*kit.Dialog
	text  *kit.Entry
	owner *kit.Choice[int64]
	due   *kit.OptionalDateEntry
}

// onEditAction changes an action's text, owner or due date.
func (ms *Screen) onEditAction(a data.ActionItem) {
	f := &actionDialog{Dialog: kit.NewDialog("Save", theme.ConfirmIcon()),
		text: kit.NewLineEntry(kit.LineLimit), owner: kit.NewChoice[int64]("", nil), due: kit.NewOptionalDateEntry()}
	f.text.SetText(a.Text)
	f.owner.SetOptions(ms.attendeeChoices())
	f.owner.Set(a.OwnerID)
	kit.SetDate(&f.due.DateEntry, a.Due)
	f.Confirm.OnTapped = func() {
		changed := a
		changed.Text = f.text.Text
		changed.OwnerID, _ = f.owner.Value()
		due, err := dueDate(&f.due.DateEntry)
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

// actionReviewPanel lists every open action of the pod from earlier
// meetings, overdue ones first and highlighted.
func (ms *Screen) actionReviewPanel() fyne.CanvasObject {
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
		box.Add(ms.actions.row(a, today, true))
	}
	if len(earlier) == 0 {
		box.Add(widget.NewLabel("Nothing open from earlier meetings."))
	}
	return widget.NewCard("", "", box)
}
