package decisions

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// followUps is the decision record's "Follow-up action items": the action
// items of its meeting that carry the call out, linked to the decision. An
// existing action of the meeting can be linked, or a new one written; a
// new one belongs to the meeting and the agenda item the decision came from.
type followUps struct {
	pg      *Page
	box     *fyne.Container
	choose  *widget.Select
	link    *widget.Button
	text    *kit.Entry
	add     *widget.Button
	problem *widget.Label
	choices []data.ActionItem // the meeting's actions not linked yet, as in choose
}

func (rec *decisionRecord) followUps() []fyne.CanvasObject {
	f := &followUps{pg: rec.pg, box: container.NewVBox(kit.Low("Loading the meeting's action items…"))}
	rec.follow = f
	f.choose = widget.NewSelect(nil, nil)
	f.choose.PlaceHolder = "An action item of the meeting"
	f.link = widget.NewButtonWithIcon("Link", theme.ContentAddIcon(), f.onLink)
	f.text = kit.NewLineEntry(kit.LineLimit)
	f.text.SetPlaceHolder("New follow-up: what, in one line")
	f.text.OnSubmitted = func(string) { f.onAdd() }
	f.add = widget.NewButtonWithIcon("Add action item", theme.ContentAddIcon(), f.onAdd)
	f.problem = kit.ProblemLabel()
	d := rec.pg.d
	shell.Run(rec.pg.sc, func() (data.MeetingRun, error) { return rec.pg.sc.Store.MeetingRun(rec.pg.sc.Ctx(), d.MeetingID) },
		func(r data.MeetingRun, err error) {
			if err != nil {
				f.box.Objects = []fyne.CanvasObject{kit.Low(shell.Message("Loading the meeting's action items", err))}
				f.box.Refresh()
				return
			}
			f.show(r)
		})
	return []fyne.CanvasObject{kit.Section("Follow-up action items"), f.box}
}

func (f *followUps) show(r data.MeetingRun) {
	d := f.pg.d
	f.choices = nil
	linked := map[int64]bool{}
	for _, id := range d.ActionItemIDs {
		linked[id] = true
	}
	today := data.DateOf(f.pg.sc.Now())
	var objs []fyne.CanvasObject
	shown := 0
	f.choose.Options = nil
	for _, a := range r.Actions {
		if linked[a.ID] {
			objs = append(objs, followRow(a, today))
			shown++
		} else {
			f.choices = append(f.choices, a)
			f.choose.Options = append(f.choose.Options, a.Text)
		}
	}
	switch n := len(d.ActionItemIDs); n {
	case 0:
		objs = append(objs, kit.Low("No follow-up action items yet. Link one of the meeting's, or add one."))
	case 1:
		objs = append([]fyne.CanvasObject{kit.Low("Follow-up: 1 action item of the meeting")}, objs...)
	default:
		objs = append([]fyne.CanvasObject{kit.Low("Follow-up: " + kit.Itoa(n) + " action items of the meeting")}, objs...)
	}
	if other := len(d.ActionItemIDs) - shown; other > 0 {
		objs = append(objs, kit.Low(kit.Itoa(other)+" of them raised in another meeting"))
	}
	if r.Meeting.Status == data.MeetingClosed {
		objs = append(objs, kit.Low("The meeting of "+r.Meeting.Date.Long()+" is closed; reopen it to add or link its action items."))
	} else {
		if len(f.choose.Options) > 0 {
			objs = append(objs, container.NewBorder(nil, nil, nil, f.link, f.choose))
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, f.add, f.text), f.problem)
	}
	f.box.Objects = objs
	f.box.Refresh()
}

func followRow(a data.ActionItem, today data.Date) fyne.CanvasObject {
	text := kit.Truncated(a.Text)
	owner := a.OwnerName
	if owner == "" {
		owner = "No owner"
	}
	meta := widget.NewLabel(owner + " · " + kit.DueText(a, today))
	meta.Importance = widget.LowImportance
	if a.Overdue(today) {
		meta.Importance = widget.DangerImportance
	}
	icon := widget.NewIcon(theme.RadioButtonIcon())
	if a.Done() {
		icon.SetResource(theme.ConfirmIcon())
	}
	return container.NewBorder(nil, nil, icon, meta, text)
}

func (f *followUps) onLink() {
	i := f.choose.SelectedIndex()
	if i < 0 || i >= len(f.choices) {
		kit.SetProblem(f.problem, "Choose one of the meeting's action items to link")
		return
	}
	id := f.choices[i].ID
	f.save("Linking the action item", func() error {
		return f.pg.sc.Store.LinkActionItem(f.pg.sc.Ctx(), f.pg.d.ID, id)
	})
}

func (f *followUps) onAdd() {
	d := f.pg.d
	a := data.ActionItem{MeetingID: d.MeetingID, AgendaItemID: d.AgendaItemID, Text: f.text.Text}
	a.Normalize()
	if err := a.Validate(); err != nil {
		kit.SetProblem(f.problem, err.Error())
		return
	}
	f.save("Adding the action item", func() error {
		_, err := f.pg.sc.Store.AddFollowUpAction(f.pg.sc.Ctx(), d.ID, a)
		return err
	})
}

// save runs a change and shows the decision again, or says what went wrong.
func (f *followUps) save(action string, change func() error) {
	kit.SetProblem(f.problem, "")
	f.link.Disable()
	f.add.Disable()
	shell.Run(f.pg.sc, func() (struct{}, error) { return struct{}{}, change() }, func(_ struct{}, err error) {
		f.link.Enable()
		f.add.Enable()
		if err != nil {
			kit.SetProblem(f.problem, shell.Message(action, err))
			return
		}
		f.pg.reload()
	})
}
