package decisions

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// decisionChanges reads who changed what on decision id, when the store
// keeps such a record (a database in a team does; a new decision has none).
func decisionChanges(sc *shell.Scope, id int64) ([]data.FieldEdit, error) {
	cs, ok := sc.Store.(data.ChangeStore)
	if !ok || id == 0 {
		return nil, nil
	}
	return cs.DecisionChanges(sc.Ctx(), id)
}

// changesSection lists, newest first, every edit the team's laptops made
// to the decision and its leaders' perspectives: who, when, the field, the
// value set and the one it replaced. Nothing in a database in no team.
func (pg *Page) changesSection() []fyne.CanvasObject {
	if len(pg.changes) == 0 {
		return nil
	}
	lines := container.NewVBox()
	for i := len(pg.changes) - 1; i >= 0; i-- {
		lines.Add(changeLine(pg.changes[i]))
	}
	return []fyne.CanvasObject{kit.Section("Who changed what, newest first"), lines}
}

func changeLine(c data.FieldEdit) *widget.Label {
	text := c.At.Local().Format("2 Jan 2006 15:04") + " · " + c.By + " set " + c.Field + " to " + quoted(c.Value)
	if c.Replaced != "" {
		text += " (was " + quoted(c.Replaced) + ")"
	}
	if !c.Current {
		text += ", since replaced"
	}
	return kit.Wrapped(text)
}

func quoted(s string) string {
	if s == "" {
		return "nothing"
	}
	return "“" + s + "”"
}
