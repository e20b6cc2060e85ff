package pods

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// templateEditor is the pod's meeting template in a dialog: the standing
// items and recurring topics every new meeting opens with, in order, each
// with its timebox. Meetings already prepared keep their agendas; nothing
// is written until Save, and a refused template leaves the saved one.
type templateEditor struct {
	*kit.Dialog
	sc    *shell.Scope
	podID int64

	rows        []*templateRow
	list        *fyne.Container
	total       *widget.Label
	addTopic    *widget.Button
	addStanding *widget.Select // the standing items not on the template
	reset       *widget.Button
}

// templateRow is one item of the template being edited.
type templateRow struct {
	standing         data.StandingKind
	title            *kit.Entry
	kind             *widget.Select // a topic's kind; nil for a standing item
	minutes          *kit.Entry
	up, down, remove *widget.Button
}

// onTemplate reads the pod's template and opens the editor on it.
func (pg *Page) onTemplate() {
	if pg.pod.ID == 0 {
		return
	}
	id, name := pg.pod.ID, pg.pod.Name
	shell.Load(pg.sc, "Reading the meeting template", func() (data.MeetingTemplate, error) {
		return pg.sc.Store.MeetingTemplate(pg.sc.Ctx(), id)
	}, func(t data.MeetingTemplate) {
		pg.templateEditor = showTemplateEditor(pg.sc, name, t)
	})
}

func showTemplateEditor(sc *shell.Scope, podName string, t data.MeetingTemplate) *templateEditor {
	te := &templateEditor{Dialog: kit.NewDialog("Save template", theme.DocumentSaveIcon()), sc: sc, podID: t.PodID}
	te.list = container.NewVBox()
	te.total = kit.Low("")
	te.addTopic = widget.NewButtonWithIcon("Add a recurring topic", theme.ContentAddIcon(), func() {
		te.add(data.TemplateItem{Kind: data.KindTopic, Minutes: 10})
		sc.Win.Canvas().Focus(te.rows[len(te.rows)-1].title)
	})
	te.addStanding = widget.NewSelect(nil, func(label string) {
		for _, s := range data.StandingItems {
			if s.Title == label {
				te.add(data.TemplateItem{Standing: s.Kind, Title: s.Title, Kind: s.ItemKind, Minutes: s.Minutes})
			}
		}
	})
	te.addStanding.PlaceHolder = "Add a standing item"
	te.reset = widget.NewButtonWithIcon("Reset to Triad's", theme.ViewRefreshIcon(), te.onReset)
	te.reset.Importance = widget.LowImportance
	kit.EnableIf(te.reset, !t.Default) // nothing to go back from
	for _, it := range t.Items {
		te.add(it)
	}
	te.Confirm.OnTapped = te.onSave

	intro := kit.Wrapped("New meetings of " + podName + " open with these items, in this order, then whatever the last meeting carried over. " +
		"Standing items show the pod's deal desk, debt check, decisions and actions; recurring topics are agenda items of their own. " +
		"Meetings already prepared keep their agendas.")
	if t.Default {
		intro.SetText(intro.Text + "\n\nThe pod uses Triad's template; saving gives it one of its own.")
	}
	bar := container.NewBorder(nil, nil, container.NewHBox(te.addTopic, te.addStanding), te.reset, te.total)
	body := container.NewBorder(intro, container.NewVBox(bar, te.Problem), nil, nil, container.NewVScroll(te.list))
	te.Show(sc.Win, "Meeting template · "+podName, body, fyne.NewSize(820, 560))
	return te
}

// add puts item at the end of the template.
func (te *templateEditor) add(it data.TemplateItem) {
	r := &templateRow{standing: it.Standing, title: kit.NewNameEntry(), minutes: kit.NewLineEntry(4)}
	r.title.SetText(it.Title)
	r.title.SetPlaceHolder("e.g. Support escalations")
	r.minutes.SetText(strconv.Itoa(it.Minutes))
	r.minutes.OnChanged = func(string) { te.sum() }
	if it.Standing == data.StandingNone {
		var labels []string
		for _, k := range data.ItemKinds {
			labels = append(labels, k.Label())
		}
		r.kind = widget.NewSelect(labels, nil)
		r.kind.SetSelected(it.Kind.Label())
	}
	r.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { te.move(r, -1) })
	r.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { te.move(r, +1) })
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { te.drop(r) })
	for _, b := range []*widget.Button{r.up, r.down, r.remove} {
		b.Importance = widget.LowImportance
	}
	te.rows = append(te.rows, r)
	te.layout()
}

func (te *templateEditor) move(r *templateRow, by int) {
	i := te.index(r)
	j := i + by
	if i < 0 || j < 0 || j >= len(te.rows) {
		return
	}
	te.rows[i], te.rows[j] = te.rows[j], te.rows[i]
	te.layout()
}

func (te *templateEditor) drop(r *templateRow) {
	if i := te.index(r); i >= 0 {
		te.rows = append(te.rows[:i], te.rows[i+1:]...)
		te.layout()
	}
}

func (te *templateEditor) index(r *templateRow) int {
	for i, x := range te.rows {
		if x == r {
			return i
		}
	}
	return -1
}

// layout redraws the rows in their order and offers the standing items
// the template lacks.
func (te *templateEditor) layout() {
	te.list.Objects = nil
	on := map[data.StandingKind]bool{}
	for i, r := range te.rows {
		on[r.standing] = true
		var kind fyne.CanvasObject = r.kind
		if r.kind == nil {
			kind = kit.Low("Standing item")
		}
		kit.EnableIf(r.up, i > 0)
		kit.EnableIf(r.down, i < len(te.rows)-1)
		minutes := container.NewBorder(nil, nil, nil, widget.NewLabel("min"), r.minutes)
		right := container.NewHBox(container.New(&kit.FixedWidth{Width: 110}, minutes), r.up, r.down, r.remove)
		left := container.NewHBox(widget.NewLabel(strconv.Itoa(i+1)+"."), container.New(&kit.FixedWidth{Width: 170}, kind))
		te.list.Add(container.NewBorder(nil, nil, left, right, r.title))
	}
	var missing []string
	for _, s := range data.StandingItems {
		if !on[s.Kind] {
			missing = append(missing, s.Title)
		}
	}
	te.addStanding.Options = missing
	te.addStanding.ClearSelected()
	kit.EnableIf(te.addStanding, len(missing) > 0)
	kit.EnableIf(te.addTopic, len(te.rows) < data.MaxTemplateItems)
	te.list.Refresh()
	te.sum()
}

// sum shows the template's planned time as typed.
func (te *templateEditor) sum() {
	n := 0
	for _, r := range te.rows {
		if m, err := strconv.Atoi(strings.TrimSpace(r.minutes.Text)); err == nil && m > 0 {
			n += m
		}
	}
	te.total.SetText("Planned " + strconv.Itoa(n) + " min")
}

// template is what the rows say, or the problems of what does not parse.
func (te *templateEditor) template() (data.MeetingTemplate, []data.Problem) {
	t := data.MeetingTemplate{PodID: te.podID}
	var probs []data.Problem
	for i, r := range te.rows {
		it := data.TemplateItem{Standing: r.standing, Title: r.title.Text}
		if r.kind != nil {
			it.Kind = data.ItemKindFromLabel(r.kind.Selected)
		} // a standing item's kind is its own: Normalize sets it
		m, err := strconv.Atoi(strings.TrimSpace(r.minutes.Text))
		if err != nil {
			probs = append(probs, data.Problem{Field: "items." + strconv.Itoa(i+1) + ".minutes",
				Message: "Item " + strconv.Itoa(i+1) + ": the timebox is a whole number of minutes, e.g. 10"})
		}
		it.Minutes = m
		t.Items = append(t.Items, it)
	}
	t.Normalize()
	return t, kit.Merge(probs, t.Validate())
}

func (te *templateEditor) onSave() {
	t, probs := te.template()
	if len(probs) > 0 {
		te.SetProblem(kit.Summary(probs))
		return
	}
	kit.Write(te.sc, te.Dialog, "Saving the meeting template", func() (data.MeetingTemplate, error) {
		return te.sc.Store.SaveMeetingTemplate(te.sc.Ctx(), t)
	}, func(data.MeetingTemplate) {}, nil)
}

// onReset goes back to Triad's built-in template, after asking.
func (te *templateEditor) onReset() {
	var items []string
	for _, s := range data.StandingItems {
		items = append(items, s.Title+" "+strconv.Itoa(s.Minutes)+" min")
	}
	te.sc.Confirm("Reset the meeting template",
		"Go back to Triad's standing items ("+strings.Join(items, ", ")+
			") and drop the pod's own changes and recurring topics? Meetings already prepared keep their agendas.",
		"Reset", func() {
			kit.Write(te.sc, te.Dialog, "Resetting the meeting template", func() (struct{}, error) {
				return struct{}{}, te.sc.Store.ResetMeetingTemplate(te.sc.Ctx(), te.podID)
			}, func(struct{}) {}, nil)
		})
}
