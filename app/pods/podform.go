package pods

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Form creates or edits a pod: its name, meeting slot, three leaders and
// optional rules of its own. Every problem is shown under its field.
type Form struct {
	sc  *shell.Scope
	pod data.Pod // ID 0 for a new pod
	// defaultCurrency is the settings' currency, once read: the pod's
	// amounts are typed in it unless the pod chooses its own.
	defaultCurrency string

	name, description *kit.Entry
	day               *widget.Select
	at                *kit.Entry
	zone              *kit.Entry // with a drop-down of common zones
	leaderName        [3]*kit.Entry
	leaderEmail       [3]*kit.Entry
	delegates         *kit.Entry // one name a line
	threshold, sla    *kit.Entry
	quota, goal       *kit.Entry
	concentration     *kit.Entry
	currency          *widget.Select
	problems          kit.FieldProblems
	summary           *widget.Label
	save, cancel      *widget.Button
	draft             *kit.Draft
}

// weekdays are the meeting days offered, Monday first.
func weekdays() []string {
	return []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
}

const inheritCurrency = "Use the default"

func NewForm(sc *shell.Scope, p data.Pod) *Form {
	return &Form{sc: sc, pod: p, problems: kit.FieldProblems{}}
}

func (f *Form) Build() fyne.CanvasObject {
	titleText, saveText := "New pod", "Create pod"
	if f.pod.ID != 0 {
		titleText, saveText = "Edit "+f.pod.Name, "Save changes"
	}
	f.summary = kit.ProblemLabel()
	f.save = widget.NewButtonWithIcon(saveText, theme.ConfirmIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.onCancel)
	body := container.NewVBox(
		kit.Title(titleText), container.NewStack(),
		kit.Section("Product line"), f.buildPod(),
		kit.Section("The Triad"), f.buildLeaders(), f.buildDelegates(),
		kit.Section("Rules for this pod"), kit.Low("Leave a rule blank to use the default from Settings."), f.buildRules(),
	)
	f.name.OnSubmitted = func(string) { f.onSave() }
	f.startDraft()
	body.Objects[1].(*fyne.Container).Objects = []fyne.CanvasObject{f.draft.Banner}
	return kit.FormPage(980, body, f.summary, f.cancel, f.save)
}

// buildPod is the product line: its name, what it is, when and where it meets.
func (f *Form) buildPod() fyne.CanvasObject {
	p := f.pod
	f.name = kit.NewNameEntry().Holding("e.g. Payments", p.Name)
	f.description = kit.NewLineEntry(kit.LineLimit).Holding("What this product line is (optional)", p.Description)
	f.day = widget.NewSelect(weekdays(), nil)
	f.day.SetSelected(p.MeetingDay.String())
	f.at = kit.NewLineEntry(kit.LineLimit).Holding("HH:MM", p.MeetingTime.String())
	// The zone the meeting's times are in, printed in its minutes so they
	// read the same on every laptop; a new pod starts with this machine's.
	zone := p.TimeZone
	if zone == "" {
		zone = data.MachineZone()
	}
	f.zone = newZoneEntry(commonZones(zone)).Holding("e.g. Europe/Berlin", zone)
	return widget.NewForm(
		widget.NewFormItem("Name", f.problems.Field("name", f.name)),
		widget.NewFormItem("Description", f.problems.Field("description", f.description)),
		widget.NewFormItem("Meets every", container.NewGridWithColumns(2,
			f.problems.Field("meeting_day", f.day), f.problems.Field("meeting_time", container.NewBorder(nil, nil, widget.NewLabel("at"), nil, f.at)))),
		widget.NewFormItem("Time zone", f.problems.Field("time_zone", f.zone)),
	)
}

// buildLeaders is the three seats of the Triad, side by side.
func (f *Form) buildLeaders() fyne.CanvasObject {
	leaders := container.NewGridWithColumns(3)
	for i, r := range data.Roles {
		f.leaderName[i] = kit.NewNameEntry().Holding("Full name", f.pod.Leaders[i].Name)
		f.leaderEmail[i] = kit.NewLineEntry(data.MaxEmailLen).Holding("name@company.com (optional)", f.pod.Leaders[i].Email)
		leaders.Add(container.NewVBox(kit.Bold(r.Title()), kit.Caption(r.Function()+" · "+roleQuestions(r)),
			f.problems.Field(string(r)+".name", f.leaderName[i]),
			f.problems.Field(string(r)+".email", f.leaderEmail[i])))
	}
	return leaders
}

// buildRules is the rules the pod may set for itself, each showing the
// default it inherits when left blank.
func (f *Form) buildRules() fyne.CanvasObject {
	o := f.pod.Overrides
	cur := ""
	if o.Currency != nil {
		cur = *o.Currency
	}
	f.threshold = overrideEntry(o.DealThreshold != nil, func() string { return f.sc.MoneyInput(*o.DealThreshold, cur) })
	f.sla = overrideEntry(o.SignOffSLA != nil, func() string { return data.FormatHours(*o.SignOffSLA) })
	f.quota = overrideEntry(o.MaintenanceQuota != nil, func() string { return o.MaintenanceQuota.Format() })
	f.goal = overrideEntry(o.RevenueGoal != nil, func() string { return f.sc.MoneyInput(*o.RevenueGoal, cur) })
	f.concentration = overrideEntry(o.ConcentrationLimit != nil, func() string { return o.ConcentrationLimit.Format() })
	f.currency = widget.NewSelect(append([]string{inheritCurrency}, data.Currencies...), nil)
	f.currency.SetSelected(inheritCurrency)
	if o.Currency != nil {
		f.currency.SetSelected(*o.Currency)
	}
	f.showDefaults()
	return widget.NewForm(
		widget.NewFormItem("Deal-desk threshold", f.problems.Field("deal_threshold", f.threshold)),
		widget.NewFormItem("Sign-off SLA (hours)", f.problems.Field("signoff_sla", f.sla)),
		widget.NewFormItem("Maintenance quota", f.problems.Field("maintenance_quota", f.quota)),
		widget.NewFormItem("Revenue goal (ARR)", f.problems.Field("revenue_goal", f.goal)),
		widget.NewFormItem("Currency", f.problems.Field("currency", f.currency)),
		widget.NewFormItem("One-customer warning", f.problems.Field("concentration_limit", f.concentration)),
	)
}

// roleQuestions are the questions a seat answers for every feature.
func roleQuestions(r data.Role) string {
	switch r {
	case data.RoleTechLead:
		return "Can we build it? How long will it take?"
	case data.RoleProduct:
		return "Should we build it? Does it solve the problem?"
	case data.RoleMarketing:
		return "Can we sell it? How much will they pay?"
	}
	return ""
}

// commonZones are the zone picker's suggestions: the current one first,
// then zones product teams often meet in. Any IANA name can be typed.
func commonZones(current string) []string {
	out := []string{current}
	for _, z := range []string{"UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Warsaw",
		"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
		"Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney"} {
		if z != current {
			out = append(out, z)
		}
	}
	return out
}

// maxZoneName bounds the time zone field: the longest IANA name is about
// 30 characters.
const maxZoneName = 64

// newZoneEntry is a time zone field: any IANA name can be typed (with the
// limit every text field has), and a drop-down offers the common ones.
func newZoneEntry(options []string) *kit.Entry {
	e := kit.NewLineEntry(maxZoneName)
	items := make([]*fyne.MenuItem, len(options))
	for i, o := range options {
		items[i] = fyne.NewMenuItem(o, func() { e.SetText(o) })
	}
	menu := fyne.NewMenu("", items...)
	pick := widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(e)
		if c == nil {
			return
		}
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
		pop := widget.NewPopUpMenu(menu, c)
		pop.ShowAtPosition(pos)
		pop.Resize(fyne.NewSize(e.Size().Width, pop.MinSize().Height))
	})
	pick.Importance = widget.LowImportance
	e.ActionItem = pick
	return e
}

func overrideEntry(set bool, value func() string) *kit.Entry {
	e := kit.NewLineEntry(kit.LineLimit)
	if set {
		e.SetText(value())
	}
	return e
}

// moneyCurrency is the currency the pod's amounts are typed in: the one
// chosen on the form, else the default settings'.
func (f *Form) moneyCurrency() string {
	if c := f.currency.Selected; c != "" && c != inheritCurrency {
		return c
	}
	return f.defaultCurrency
}

// showDefaults puts the global value in each blank rule's placeholder.
func (f *Form) showDefaults() {
	shell.Run(f.sc, func() (data.Settings, error) {
		return f.sc.Store.Settings(f.sc.Ctx())
	}, func(s data.Settings, err error) {
		if err != nil {
			return // placeholders are a courtesy; saving reports real errors
		}
		f.defaultCurrency = s.Currency
		if o := f.pod.Overrides; o.Currency == nil {
			// Shown before the default currency was known: show them in
			// its habit, as they will be read, unless already edited.
			f.draft.Reshow(func() {
				for _, m := range []struct {
					e *kit.Entry
					v *data.Money
				}{{f.threshold, o.DealThreshold}, {f.goal, o.RevenueGoal}} {
					if m.v != nil && m.e.Text == f.sc.MoneyInput(*m.v, "") {
						m.e.SetText(f.sc.MoneyInput(*m.v, s.Currency))
					}
				}
			})
		}
		f.threshold.SetPlaceHolder("Default: " + s.DealThreshold.Format(s.Currency))
		f.sla.SetPlaceHolder("Default: " + data.FormatHours(s.SignOffSLA) + " hours")
		f.quota.SetPlaceHolder("Default: " + s.MaintenanceQuota.Format())
		f.goal.SetPlaceHolder("Default: " + s.RevenueGoal.Format(s.Currency))
		f.concentration.SetPlaceHolder("Default: " + s.ConcentrationLimit.Format())
	})
}

// buildDelegates is the list of people who may sign deal-desk requests
// for the Tech Lead; the decision dialog offers only these names.
func (f *Form) buildDelegates() fyne.CanvasObject {
	f.delegates = kit.NewTextEntry()
	f.delegates.SetPlaceHolder("One name a line, e.g. Marta Silva (optional)")
	f.delegates.SetMinRowsVisible(2)
	f.delegates.SetText(strings.Join(f.pod.Delegates, "\n"))
	return widget.NewForm(widget.NewFormItem("Deal-desk delegates", f.problems.Field("delegates", f.delegates)))
}

// collect reads the form into a pod, reporting what cannot be parsed.
func (f *Form) collect() (data.Pod, []data.Problem) {
	p := f.pod
	var probs []data.Problem
	bad := func(field string, err error) { probs = append(probs, data.Problem{Field: field, Message: err.Error()}) }
	p.Name = f.name.Text
	p.Description = f.description.Text
	for i, d := range weekdays() {
		if d == f.day.Selected {
			p.MeetingDay = time.Weekday((i + 1) % 7)
		}
	}
	if t, err := data.ParseClock(f.at.Text); err != nil {
		bad("meeting_time", err)
	} else {
		p.MeetingTime = t
	}
	p.TimeZone = f.zone.Text
	for i := range data.Roles {
		p.Leaders[i].Name = f.leaderName[i].Text
		p.Leaders[i].Email = f.leaderEmail[i].Text
	}
	p.Delegates = strings.Split(f.delegates.Text, "\n")
	p.Overrides = data.Overrides{}
	if s := f.threshold.Text; s != "" {
		if m, err := f.sc.ParseMoney(s, f.moneyCurrency()); err != nil {
			bad("deal_threshold", err)
		} else {
			p.Overrides.DealThreshold = &m
		}
	}
	if s := f.sla.Text; s != "" {
		if d, err := data.ParseHours(s); err != nil {
			bad("signoff_sla", err)
		} else {
			p.Overrides.SignOffSLA = &d
		}
	}
	if s := f.quota.Text; s != "" {
		if q, err := data.ParsePercent(s); err != nil {
			bad("maintenance_quota", err)
		} else {
			p.Overrides.MaintenanceQuota = &q
		}
	}
	if s := f.goal.Text; s != "" {
		if m, err := f.sc.ParseMoney(s, f.moneyCurrency()); err != nil {
			bad("revenue_goal", err)
		} else {
			p.Overrides.RevenueGoal = &m
		}
	}
	if s := f.concentration.Text; s != "" {
		if q, err := data.ParsePercent(s); err != nil {
			bad("concentration_limit", err)
		} else {
			p.Overrides.ConcentrationLimit = &q
		}
	}
	if c := f.currency.Selected; c != "" && c != inheritCurrency {
		p.Overrides.Currency = &c
	}
	p.Normalize()
	return p, probs
}

func (f *Form) onSave() {
	p, probs := f.collect()
	// Parse problems and validation problems are shown together.
	kit.Save(f.sc, kit.Submit[data.Pod]{
		Problems: kit.Merge(probs, p.Validate()),
		Show:     f.showProblems,
		Buttons:  []*widget.Button{f.save},
		Action:   "Saving the pod",
		Write: func() (data.Pod, error) {
			if p.ID == 0 {
				return f.sc.Store.CreatePod(f.sc.Ctx(), p)
			}
			return f.sc.Store.UpdatePod(f.sc.Ctx(), p)
		},
		Draft: f.draft,
		Done:  func(saved data.Pod) { f.sc.Go(shell.Pods{Show: saved.ID}) },
	})
}

// showProblems puts each message under its field (the overrides problem
// under the rules) and sums them up beside the buttons.
func (f *Form) showProblems(probs []data.Problem) { f.problems.Report(probs, f.summary) }

// onCancel goes back; what was typed is discarded first, when the
// facilitator says so.
func (f *Form) onCancel() {
	back := func() { f.sc.Go(shell.Pods{Show: f.pod.ID}) }
	if !f.draft.Held() {
		back()
		return
	}
	f.sc.Confirm("Discard what you typed?", "The pod stays as it was saved, and what you typed is gone.", "Discard", func() {
		f.draft.Discard()
		f.draft.Stop()
		back()
	})
}

// The pod form keeps a draft: a new pod takes three leaders' names and
// addresses and perhaps rules of its own, and the facilitator who goes to
// Settings to look up a default, or to another pod, finds the form as it
// was left when it is opened again. Cancel asks before throwing it away.

// startDraft keeps what is typed from now on as the draft of this pod (or
// of the new one) and puts back the one left last time.
func (f *Form) startDraft() {
	f.draft = kit.NewDraft(f.sc, data.PodDraftKey(f.pod.ID), f.fields, f.fill, func() string {
		switch {
		case f.pod.ID != 0:
			return "your changes to the pod " + f.pod.Name
		case f.name.Text != "":
			return "the new pod " + f.name.Text
		}
		return "the new pod"
	})
	f.draft.Watch(f.name, f.description, f.day, f.at, f.zone, f.delegates, f.threshold, f.sla, f.quota, f.goal, f.concentration, f.currency)
	for i := range data.Roles {
		f.draft.Watch(f.leaderName[i], f.leaderEmail[i])
	}
	f.draft.Start(nil)
}

// podFields are the form's text fields by the name a draft keeps them under.
func (f *Form) podFields() map[string]*kit.Entry {
	m := map[string]*kit.Entry{"name": f.name, "description": f.description, "meeting_time": f.at, "time_zone": f.zone,
		"delegates": f.delegates, "deal_threshold": f.threshold, "signoff_sla": f.sla, "maintenance_quota": f.quota,
		"revenue_goal": f.goal, "concentration_limit": f.concentration}
	for i, r := range data.Roles {
		m[string(r)+".name"], m[string(r)+".email"] = f.leaderName[i], f.leaderEmail[i]
	}
	return m
}

// fields are the form's fields as typed.
func (f *Form) fields() map[string]string {
	out := map[string]string{"meeting_day": f.day.Selected, "currency": f.currency.Selected}
	for name, e := range f.podFields() {
		out[name] = e.Text
	}
	return out
}

// fill puts fields back into the form.
func (f *Form) fill(fields map[string]string) {
	for name, e := range f.podFields() {
		e.SetText(fields[name])
	}
	kit.SetSelected(f.day, fields["meeting_day"])
	kit.SetSelected(f.currency, fields["currency"])
}
