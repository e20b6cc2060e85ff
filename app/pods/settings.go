package pods

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Settings edits the global defaults every pod inherits.
type Settings struct {
	sc *shell.Scope

	threshold, sla, quota, goal *kit.Entry
	concentration               *kit.Entry
	currency                    *widget.Select
	problems                    kit.FieldProblems
	status                      *widget.Label
	save                        *widget.Button
}

func NewSettings(sc *shell.Scope) *Settings {
	return &Settings{sc: sc, problems: kit.FieldProblems{}}
}

func (s *Settings) Build() fyne.CanvasObject {
	s.threshold, s.sla, s.quota, s.goal = kit.NewLineEntry(kit.LineLimit), kit.NewLineEntry(kit.LineLimit), kit.NewLineEntry(kit.LineLimit), kit.NewLineEntry(kit.LineLimit)
	s.concentration = kit.NewLineEntry(kit.LineLimit)
	s.currency = widget.NewSelect(data.Currencies, nil)
	s.status = widget.NewLabel("")
	s.save = widget.NewButtonWithIcon("Save settings", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.save.Disable() // until the current values are loaded

	title := kit.Title("Settings")
	intro := kit.Wrapped("Defaults for every pod. A pod can override any of them on its own page (Edit pod).")
	form := widget.NewForm(
		widget.NewFormItem("Deal-desk threshold", s.problems.Field("deal_threshold", s.threshold,
			"A deal worth more than this that needs a new feature must be signed off by the Engineering Lead.")),
		widget.NewFormItem("Sign-off SLA (hours)", s.problems.Field("signoff_sla", s.sla,
			"How long the Engineering Lead has to sign off such a deal.")),
		widget.NewFormItem("Maintenance quota", s.problems.Field("maintenance_quota", s.quota,
			"The share of roadmap effort that must go to maintenance: tech debt, bugs, upgrades, reliability.")),
		widget.NewFormItem("Revenue goal (ARR)", s.problems.Field("revenue_goal", s.goal,
			"When a shipped feature drives this much ARR, Engineering celebrates.")),
		widget.NewFormItem("Currency", s.problems.Field("currency", s.currency, "Used to label money everywhere in Triad.")),
		widget.NewFormItem("One-customer warning", s.problems.Field("concentration_limit", s.concentration,
			"The deal desk warns of sales-driven development when one customer holds more than this share of a pod's committed ARR.")),
	)
	path := kit.Low("Your data is kept in " + s.sc.Store.Path() +
		". To move it to another computer, copy that file while Triad is closed, or use `triad backup`, and open it with --db.")
	body := container.NewVBox(title, intro, widget.NewSeparator(), form,
		container.NewHBox(s.save, s.status), widget.NewSeparator(), path)
	s.load()
	return kit.Page(820, body)
}

func (s *Settings) load() {
	shell.Load(s.sc, "Loading the settings", func() (data.Settings, error) {
		return s.sc.Store.Settings(s.sc.Ctx())
	}, func(st data.Settings) {
		s.threshold.SetText(s.sc.MoneyInput(st.DealThreshold, st.Currency))
		s.sla.SetText(data.FormatHours(st.SignOffSLA))
		s.quota.SetText(st.MaintenanceQuota.Format())
		s.goal.SetText(s.sc.MoneyInput(st.RevenueGoal, st.Currency))
		s.currency.SetSelected(st.Currency)
		s.concentration.SetText(st.ConcentrationLimit.Format())
		s.save.Enable()
	})
}

func (s *Settings) onSave() {
	var st data.Settings
	var probs []data.Problem
	bad := func(field string, err error) { probs = append(probs, data.Problem{Field: field, Message: err.Error()}) }
	var err error
	if st.DealThreshold, err = s.sc.ParseMoney(s.threshold.Text, s.currency.Selected); err != nil {
		bad("deal_threshold", err)
	}
	if st.SignOffSLA, err = data.ParseHours(s.sla.Text); err != nil {
		bad("signoff_sla", err)
	}
	if st.MaintenanceQuota, err = data.ParsePercent(s.quota.Text); err != nil {
		bad("maintenance_quota", err)
	}
	if st.RevenueGoal, err = s.sc.ParseMoney(s.goal.Text, s.currency.Selected); err != nil {
		bad("revenue_goal", err)
	}
	if st.ConcentrationLimit, err = data.ParsePercent(s.concentration.Text); err != nil {
		bad("concentration_limit", err)
	}
	st.Currency = s.currency.Selected
	if len(probs) == 0 {
		probs = kit.Merge(probs, st.Validate())
	}
	s.problems.Show(probs) // and clears the fields that are fine now
	if len(probs) == 0 {
		s.status.SetText("Saving…")
	}
	kit.Save(s.sc, kit.Submit[struct{}]{
		Problems: probs,
		Show: func(probs []data.Problem) {
			s.problems.Show(probs)
			s.status.SetText("Not saved: fix the fields marked in red.")
		},
		Buttons: []*widget.Button{s.save},
		Action:  "Saving the settings",
		Write:   func() (struct{}, error) { return struct{}{}, s.sc.Store.SaveSettings(s.sc.Ctx(), st) },
		Failed: func(err error) {
			s.status.SetText("Not saved.")
			s.sc.ShowError("Saving the settings", err)
		},
		Done: func(struct{}) { s.status.SetText("Saved.") },
	})
}
