package app

import (
	"errors"
	"strings"
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

// roadmapItemForm adds or edits a roadmap item in a dialog. Each problem
// is shown under its field; nothing is saved until every field is right.
type roadmapItemForm struct {
	view *roadmapView
	item data.RoadmapItem

	title       *kit.Entry
	kind        *widget.Select
	subkind     *widget.Select
	effort      *kit.Entry
	target      *widget.SelectEntry
	status      *widget.Select
	shippedOn   *widget.DateEntry
	customers   *kit.Entry
	expectedARR *kit.Entry
	goal        *kit.Entry
	problems    kit.FieldProblems
	save        *widget.Button
	dlg         *dialog.CustomDialog
}

func (v *roadmapView) openItemForm(it data.RoadmapItem) {
	if it.ID == 0 {
		it = data.RoadmapItem{PodID: v.podID, Kind: data.KindFeature, Status: data.StatusPlanned, Target: data.QuarterOf(v.today())}
	}
	f := &roadmapItemForm{view: v, item: it, problems: kit.FieldProblems{}}
	v.itemForm = f
	f.show()
}

func (f *roadmapItemForm) field(name string, input fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(input, f.problems.Label(name))
}

func statusLabels() []string {
	out := make([]string, len(data.ItemStatuses))
	for i, s := range data.ItemStatuses {
		out[i] = s.Label()
	}
	return out
}

func subkindLabels() []string {
	out := make([]string, len(data.MaintenanceKinds))
	for i, m := range data.MaintenanceKinds {
		out[i] = m.Label()
	}
	return out
}

func (f *roadmapItemForm) show() {
	v, it := f.view, f.item
	unit := v.rm.Unit
	st := v.rm.Settings
	f.title = kit.NewNameEntry()
	f.title.SetPlaceHolder("e.g. Apple Pay at checkout")
	f.title.SetText(it.Title)
	f.kind = widget.NewSelect([]string{data.KindFeature.Label(), data.KindMaintenance.Label()}, nil)
	f.kind.SetSelected(it.Kind.Label())
	f.subkind = widget.NewSelect(subkindLabels(), nil)
	f.subkind.PlaceHolder = "Choose the kind of maintenance"
	if it.Subkind != "" {
		f.subkind.SetSelected(it.Subkind.Label())
	}
	f.effort = kit.NewLineEntry(kit.LineLimit)
	f.effort.SetPlaceHolder("e.g. 5; leave empty if not estimated yet")
	if it.Effort != nil {
		f.effort.SetText(it.Effort.Number())
	}
	var quarters []string
	q := data.QuarterOf(v.today())
	for i := -2; i <= 5; i++ {
		quarters = append(quarters, q.Add(i).String())
	}
	f.target = widget.NewSelectEntry(quarters)
	f.target.SetPlaceHolder("YYYY-Qn, e.g. " + q.String())
	f.target.SetText(it.Target.String())
	f.status = widget.NewSelect(statusLabels(), nil)
	f.status.SetSelected(it.Status.Label())
	f.shippedOn = widget.NewDateEntry()
	if !it.ShippedOn.IsZero() {
		t := it.ShippedOn.Time(time.Local)
		f.shippedOn.SetDate(&t)
	}
	f.customers = kit.NewTextEntry()
	f.customers.SetPlaceHolder("One customer per line; empty for internal work")
	f.customers.SetMinRowsVisible(3)
	f.customers.SetText(strings.Join(it.Customers, "\n"))
	f.expectedARR = kit.NewLineEntry(kit.LineLimit)
	f.expectedARR.SetPlaceHolder("e.g. 250k")
	if it.ExpectedARR > 0 {
		f.expectedARR.SetText(it.ExpectedARR.Input())
	}
	f.goal = kit.NewLineEntry(kit.LineLimit)
	f.goal.SetPlaceHolder("Pod goal: " + st.RevenueGoal.Format(st.Currency))
	if it.GoalOverride != nil {
		f.goal.SetText(it.GoalOverride.Input())
	}

	form := widget.NewForm(
		widget.NewFormItem("Title", f.field("title", f.title)),
		widget.NewFormItem("Kind", f.field("kind", f.kind)),
		widget.NewFormItem("Maintenance", f.field("subkind", f.subkind)),
		widget.NewFormItem("Effort ("+unit.Plural()+")", f.field("effort", f.effort)),
		widget.NewFormItem("Target quarter", f.field("target", f.target)),
		widget.NewFormItem("Status", f.field("status", f.status)),
		widget.NewFormItem("Shipped on", f.field("shipped_on", f.shippedOn)),
		widget.NewFormItem("Asked for by", f.field("customers", f.customers)),
		widget.NewFormItem("Expected ARR", f.field("expected_arr", f.expectedARR)),
		widget.NewFormItem("Own revenue goal", f.field("goal", f.goal)))
	if line := it.DealsLine(); line != "" {
		// Linked from the request page; removing the customer above drops the link.
		deals := widget.NewLabel(line)
		deals.Wrapping = fyne.TextWrapWord
		deals.Importance = widget.LowImportance
		form.Items = append(form.Items[:8], append([]*widget.FormItem{widget.NewFormItem("Deals", deals)}, form.Items[8:]...)...)
	}
	f.kind.OnChanged = func(string) { f.showKindFields() }
	f.status.OnChanged = func(string) { f.showKindFields() }
	f.showKindFields()

	f.save = widget.NewButtonWithIcon("Save item", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	title := "New roadmap item"
	if it.ID != 0 {
		title = "Edit roadmap item"
	}
	body := container.NewVScroll(form)
	f.dlg = dialog.NewCustomWithoutButtons(title, body, v.sc.Win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dlg.Resize(fyne.NewSize(600, 640))
	f.dlg.Show()
}

// showKindFields enables only the fields that apply (disabled rather
// than hidden, so the form keeps its shape): maintenance has a subkind and
// no revenue; only a shipped item has a ship date.
func (f *roadmapItemForm) showKindFields() {
	maint := f.kind.Selected == data.KindMaintenance.Label()
	kit.EnableIf(f.subkind, maint)
	kit.EnableIf(f.expectedARR, !maint)
	kit.EnableIf(f.goal, !maint)
	kit.EnableIf(f.shippedOn, f.status.Selected == data.StatusShipped.Label())
}

// collect reads the fields into an item, with a problem for each field
// that does not parse.
func (f *roadmapItemForm) collect() (data.RoadmapItem, []data.Problem) {
	it := f.item
	unit := f.view.rm.Unit
	var probs []data.Problem
	add := func(field string, err error) { probs = append(probs, data.Problem{Field: field, Message: err.Error()}) }
	it.Title = f.title.Text
	it.Kind = data.KindFeature
	if f.kind.Selected == data.KindMaintenance.Label() {
		it.Kind = data.KindMaintenance
	}
	it.Subkind = ""
	for _, m := range data.MaintenanceKinds {
		if f.subkind.Selected == m.Label() {
			it.Subkind = m
		}
	}
	it.Effort = nil
	if strings.TrimSpace(f.effort.Text) != "" {
		e, err := data.ParseEffort(f.effort.Text, unit)
		if err != nil {
			add("effort", err)
		} else {
			it.Effort = &e
		}
	}
	it.Target = data.Quarter{}
	if q, err := data.ParseQuarter(f.target.Text); err != nil {
		add("target", err)
	} else {
		it.Target = q
	}
	it.Status = ""
	for _, s := range data.ItemStatuses {
		if f.status.Selected == s.Label() {
			it.Status = s
		}
	}
	it.ShippedOn = data.Date{}
	if f.shippedOn.Date != nil {
		it.ShippedOn = data.DateOf(*f.shippedOn.Date)
	} else if it.Status == data.StatusShipped && strings.TrimSpace(f.shippedOn.Text) != "" {
		add("shipped_on", errors.New("Pick the ship date from the calendar, or type it as the calendar shows it"))
	}
	it.Customers = strings.Split(f.customers.Text, "\n")
	it.ExpectedARR, it.GoalOverride = 0, nil
	if it.Kind == data.KindFeature {
		if strings.TrimSpace(f.expectedARR.Text) != "" {
			m, err := data.ParseMoney(f.expectedARR.Text)
			if err != nil {
				add("expected_arr", err)
			}
			it.ExpectedARR = m
		}
		if strings.TrimSpace(f.goal.Text) != "" {
			m, err := data.ParseMoney(f.goal.Text)
			if err != nil {
				add("goal", err)
			} else {
				it.GoalOverride = &m
			}
		}
	}
	it.Normalize()
	if err := it.Validate(unit, f.view.today()); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				if !kit.HasProblem(probs, p.Field) {
					probs = append(probs, p)
				}
			}
		}
	}
	return it, probs
}

func (f *roadmapItemForm) showProblems(probs []data.Problem) {
	f.problems.Show(probs)
}

func (f *roadmapItemForm) onSave() {
	it, probs := f.collect()
	f.showProblems(probs)
	if len(probs) > 0 {
		return
	}
	v := f.view
	f.save.Disable()
	type saved struct {
		item data.RoadmapItem
		cel  *data.Celebration
	}
	shell.Run(v.sc, func() (saved, error) {
		item, cel, err := v.sc.Store.SaveRoadmapItem(v.sc.Ctx(), it)
		return saved{item, cel}, err
	}, func(s saved, err error) {
		f.save.Enable()
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			f.showProblems(ve.Problems)
			return
		}
		if err != nil {
			v.sc.ShowError("Saving the roadmap item", err)
			return
		}
		f.dlg.Hide()
		v.itemForm = nil
		v.reload()
		if s.cel != nil {
			v.celebrate(*s.cel)
		}
	})
}

// arrForm books realized ARR on a shipped feature.
type arrForm struct {
	view     *roadmapView
	item     data.RoadmapItem
	date     *widget.DateEntry
	amount   *kit.Entry
	note     *kit.Entry
	problems kit.FieldProblems
	save     *widget.Button
	dlg      *dialog.CustomDialog
}

func (v *roadmapView) openARRForm(it data.RoadmapItem) {
	f := &arrForm{view: v, item: it, problems: kit.FieldProblems{}}
	v.arrForm = f
	f.date = widget.NewDateEntry()
	t := v.today().Time(time.Local)
	f.date.SetDate(&t)
	f.amount = kit.NewLineEntry(kit.LineLimit)
	f.amount.SetPlaceHolder("New ARR booked, e.g. 120k")
	f.note = kit.NewLineEntry(kit.LineLimit)
	f.note.SetPlaceHolder("e.g. Acme signed the annual plan (optional)")
	field := func(name string, in fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVBox(in, f.problems.Label(name))
	}
	st := v.rm.Settings
	intro := widget.NewLabel(it.Title + " has " + it.RealizedARR.Format(st.Currency) + " realized ARR of its " +
		it.Goal(st.RevenueGoal).Short(st.Currency) + " goal. Entries are kept as history.")
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Booked on", field("date", f.date)),
		widget.NewFormItem("Amount", field("amount", f.amount)),
		widget.NewFormItem("Note", field("note", f.note)))
	f.save = widget.NewButtonWithIcon("Book ARR", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	f.dlg = dialog.NewCustomWithoutButtons("Realized ARR", container.NewVBox(intro, form), v.sc.Win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dlg.Resize(fyne.NewSize(520, 340))
	f.dlg.Show()
}

func (f *arrForm) showProblems(probs []data.Problem) {
	f.problems.Show(probs)
}

func (f *arrForm) onSave() {
	v := f.view
	e := data.ARREntry{ItemID: f.item.ID, Note: strings.TrimSpace(f.note.Text)}
	var probs []data.Problem
	if f.date.Date != nil {
		e.Date = data.DateOf(*f.date.Date)
	}
	amount, err := data.ParseMoney(f.amount.Text)
	if err != nil {
		probs = append(probs, data.Problem{Field: "amount", Message: err.Error()})
	}
	e.Amount = amount
	if err := e.Validate(f.item.ShippedOn, v.today()); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				if !kit.HasProblem(probs, p.Field) {
					probs = append(probs, p)
				}
			}
		}
	}
	f.showProblems(probs)
	if len(probs) > 0 {
		return
	}
	type booked struct {
		cel *data.Celebration
	}
	f.save.Disable()
	shell.Run(v.sc, func() (booked, error) {
		_, cel, err := v.sc.Store.AddARREntry(v.sc.Ctx(), e)
		return booked{cel}, err
	}, func(b booked, err error) {
		f.save.Enable()
		var ve *data.ValidationError
		if errors.As(err, &ve) {
			f.showProblems(ve.Problems)
			return
		}
		if err != nil {
			v.sc.ShowError("Booking realized ARR", err)
			return
		}
		f.dlg.Hide()
		v.arrForm = nil
		v.reload()
		if b.cel != nil {
			v.celebrate(*b.cel)
		}
	})
}
