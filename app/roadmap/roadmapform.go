package roadmap

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
)

// roadmapItemForm adds or edits a roadmap item in a dialog. Each problem
// is shown under its field; nothing is saved until every field is right.
type roadmapItemForm struct {
	view *View
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
	dlg         *kit.Dialog
}

func (v *View) openItemForm(it data.RoadmapItem) {
	if it.ID == 0 {
		it = data.RoadmapItem{PodID: v.podID, Kind: data.KindFeature, Status: data.StatusPlanned, Target: data.QuarterOf(v.today())}
	}
	f := &roadmapItemForm{view: v, item: it, problems: kit.FieldProblems{}}
	v.itemForm = f
	f.show()
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
		f.expectedARR.SetText(v.sc.MoneyInput(it.ExpectedARR, st.Currency))
	}
	f.goal = kit.NewLineEntry(kit.LineLimit)
	f.goal.SetPlaceHolder("Pod goal: " + st.RevenueGoal.Format(st.Currency))
	if it.GoalOverride != nil {
		f.goal.SetText(v.sc.MoneyInput(*it.GoalOverride, st.Currency))
	}

	form := widget.NewForm(
		widget.NewFormItem("Title", f.problems.Field("title", f.title)),
		widget.NewFormItem("Kind", f.problems.Field("kind", f.kind)),
		widget.NewFormItem("Maintenance", f.problems.Field("subkind", f.subkind)),
		widget.NewFormItem("Effort ("+unit.Plural()+")", f.problems.Field("effort", f.effort)),
		widget.NewFormItem("Target quarter", f.problems.Field("target", f.target)),
		widget.NewFormItem("Status", f.problems.Field("status", f.status)),
		widget.NewFormItem("Shipped on", f.problems.Field("shipped_on", f.shippedOn)),
		widget.NewFormItem("Asked for by", f.problems.Field("customers", f.customers)),
		widget.NewFormItem("Expected ARR", f.problems.Field("expected_arr", f.expectedARR)),
		widget.NewFormItem("Own revenue goal", f.problems.Field("goal", f.goal)))
	if line := it.DealsLine(); line != "" {
		// Linked from the request page; removing the customer above drops the link.
		deals := kit.Low(line)
		form.Items = append(form.Items[:8], append([]*widget.FormItem{widget.NewFormItem("Deals", deals)}, form.Items[8:]...)...)
	}
	f.kind.OnChanged = func(string) { f.showKindFields() }
	f.status.OnChanged = func(string) { f.showKindFields() }
	f.showKindFields()

	f.dlg = kit.NewDialog("Save item", theme.DocumentSaveIcon())
	f.dlg.Confirm.OnTapped = f.onSave
	opened := f.fields()
	f.dlg.Unsaved = func() bool { return !data.SameFields(f.fields(), opened) }
	title := "New roadmap item"
	if it.ID != 0 {
		title = "Edit roadmap item"
	}
	f.dlg.Show(v.sc.Win, title, container.NewVScroll(form), fyne.NewSize(600, 640))
}

// fields are the form's fields as typed, to tell whether anything was.
func (f *roadmapItemForm) fields() map[string]string {
	return map[string]string{"title": f.title.Text, "kind": f.kind.Selected, "subkind": f.subkind.Selected,
		"effort": f.effort.Text, "target": f.target.Text, "status": f.status.Selected, "shipped_on": f.shippedOn.Text,
		"customers": f.customers.Text, "expected_arr": f.expectedARR.Text, "goal": f.goal.Text}
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
			m, err := f.view.sc.ParseMoney(f.expectedARR.Text, f.view.rm.Settings.Currency)
			if err != nil {
				add("expected_arr", err)
			}
			it.ExpectedARR = m
		}
		if strings.TrimSpace(f.goal.Text) != "" {
			m, err := f.view.sc.ParseMoney(f.goal.Text, f.view.rm.Settings.Currency)
			if err != nil {
				add("goal", err)
			} else {
				it.GoalOverride = &m
			}
		}
	}
	it.Normalize()
	return it, kit.Merge(probs, it.Validate(unit, f.view.today()))
}

func (f *roadmapItemForm) onSave() {
	it, probs := f.collect()
	f.problems.Show(probs) // and clears the fields that are fine now
	v := f.view
	type saved struct {
		item data.RoadmapItem
		cel  *data.Celebration
	}
	kit.Save(v.sc, kit.Submit[saved]{
		Problems: probs,
		Show:     f.problems.Show,
		Buttons:  []*widget.Button{f.dlg.Confirm},
		Action:   "Saving the roadmap item",
		Write: func() (saved, error) {
			item, cel, err := v.sc.Store.SaveRoadmapItem(v.sc.Ctx(), it)
			return saved{item, cel}, err
		},
		Done: func(s saved) {
			f.dlg.Hide()
			v.itemForm = nil
			v.reload()
			if s.cel != nil {
				v.celebrate(*s.cel)
			}
		},
	})
}

// arrForm books realized ARR on a shipped feature.
type arrForm struct {
	view     *View
	item     data.RoadmapItem
	date     *widget.DateEntry
	amount   *kit.Entry
	note     *kit.Entry
	problems kit.FieldProblems
	dlg      *kit.Dialog
}

func (v *View) openARRForm(it data.RoadmapItem) {
	f := &arrForm{view: v, item: it, problems: kit.FieldProblems{}}
	v.arrForm = f
	f.date = widget.NewDateEntry()
	t := v.today().Time(time.Local)
	f.date.SetDate(&t)
	f.amount = kit.NewLineEntry(kit.LineLimit)
	f.amount.SetPlaceHolder("New ARR booked, e.g. 120k")
	f.note = kit.NewLineEntry(kit.LineLimit)
	f.note.SetPlaceHolder("e.g. Acme signed the annual plan (optional)")
	st := v.rm.Settings
	intro := kit.Wrapped(it.Title + " has " + it.RealizedARR.Format(st.Currency) + " realized ARR of its " +
		it.Goal(st.RevenueGoal).Short(st.Currency) + " goal. Entries are kept as history.")
	form := widget.NewForm(
		widget.NewFormItem("Booked on", f.problems.Field("date", f.date)),
		widget.NewFormItem("Amount", f.problems.Field("amount", f.amount)),
		widget.NewFormItem("Note", f.problems.Field("note", f.note)))
	f.dlg = kit.NewDialog("Book ARR", theme.DocumentSaveIcon())
	f.dlg.Confirm.OnTapped = f.onSave
	day := f.date.Text
	f.dlg.Unsaved = func() bool { return f.date.Text != day || f.amount.Text != "" || f.note.Text != "" }
	f.dlg.Show(v.sc.Win, "Realized ARR", container.NewVBox(intro, form), fyne.NewSize(520, 340))
}

func (f *arrForm) onSave() {
	v := f.view
	e := data.ARREntry{ItemID: f.item.ID, Note: strings.TrimSpace(f.note.Text)}
	var probs []data.Problem
	if f.date.Date != nil {
		e.Date = data.DateOf(*f.date.Date)
	}
	amount, err := v.sc.ParseMoney(f.amount.Text, v.rm.Settings.Currency)
	if err != nil {
		probs = append(probs, data.Problem{Field: "amount", Message: err.Error()})
	}
	e.Amount = amount
	probs = kit.Merge(probs, e.Validate(f.item.ShippedOn, v.today()))
	f.problems.Show(probs) // and clears the fields that are fine now
	type booked struct {
		cel *data.Celebration
	}
	kit.Save(v.sc, kit.Submit[booked]{
		Problems: probs,
		Show:     f.problems.Show,
		Buttons:  []*widget.Button{f.dlg.Confirm},
		Action:   "Booking realized ARR",
		Write: func() (booked, error) {
			_, cel, err := v.sc.Store.AddARREntry(v.sc.Ctx(), e)
			return booked{cel}, err
		},
		Done: func(b booked) {
			f.dlg.Hide()
			v.arrForm = nil
			v.reload()
			if b.cel != nil {
				v.celebrate(*b.cel)
			}
		},
	})
}
