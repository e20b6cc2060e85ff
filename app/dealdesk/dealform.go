package dealdesk

import (
	"errors"
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

// Form records a new request or edits one still open. Every problem is
// shown under its field and nothing is saved until all are fixed.
type Form struct {
	sc  *shell.Scope
	req data.DealRequest // ID 0 for a new request
	// cancel is where Cancel goes; pageBack is where the saved request's
	// page goes back to.
	cancel, pageBack shell.Route

	pods     []data.Pod
	settings data.Settings

	pod                       *kit.Choice[int64]
	customer, dealName, value *kit.Entry
	closeDate, receivedDate   *widget.DateEntry
	receivedTime              *kit.Entry
	repName, repEmail         *kit.Entry
	features, terms, notes    *kit.Entry
	newFeature                *widget.Check
	preview, summary          *widget.Label
	problems                  kit.FieldProblems
	save, cancelBtn           *widget.Button
	loaded                    bool
	saved                     data.DealRequest // the last request saved, for tests
	draft                     *kit.Draft       // once the pods are loaded
}

func NewForm(sc *shell.Scope, r data.DealRequest, cancel, pageBack shell.Route) *Form {
	return &Form{sc: sc, req: r, cancel: cancel, pageBack: pageBack, problems: kit.FieldProblems{}}
}

func (f *Form) Build() fyne.CanvasObject {
	r := f.req
	titleText, saveText := "New deal-desk request", "Send to the deal desk"
	switch {
	case r.State == data.DealChangesRequested:
		titleText, saveText = "Rework "+r.Summary(), "Resubmit"
	case r.ID != 0:
		titleText, saveText = "Edit "+r.Summary(), "Save changes"
	}
	title := kit.Title(titleText)
	title.Wrapping = fyne.TextWrapWord

	f.summary = kit.ProblemLabel()
	f.save = widget.NewButtonWithIcon(saveText, theme.ConfirmIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.save.Disable() // until the pods are loaded
	f.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), f.onCancel)
	f.preview = kit.Wrapped("")
	f.preview.TextStyle.Bold = true

	banner := container.NewStack() // the draft's line, once it is read
	body := container.NewVBox(title, banner,
		kit.Section("The deal"), f.buildDeal(),
		kit.Section("The ask"), f.buildAsk(),
		widget.NewSeparator(), f.preview)
	f.load(func() { banner.Objects = []fyne.CanvasObject{f.draft.Banner} })
	return kit.FormPage(980, body, f.summary, f.cancelBtn, f.save)
}

// buildDeal is the form's first half: the pod, the customer and deal, its
// value and dates.
func (f *Form) buildDeal() fyne.CanvasObject {
	r := f.req
	f.pod = kit.NewChoice("Choose the pod", func(int64, bool) { f.updatePreview() })
	if r.ID != 0 {
		f.pod.Select.Disable() // a request stays with the pod it was sent to
	}
	f.customer = kit.NewNameEntry().Holding("The account, e.g. Globex Corporation", r.Customer)
	f.dealName = kit.NewNameEntry().Holding("e.g. 2027 renewal (optional)", r.DealName)
	f.value = kit.NewLineEntry(kit.LineLimit).Holding("e.g. 120,000 or 120k", "")
	if r.ID != 0 {
		f.value.SetText(f.sc.MoneyInput(r.Value, r.Rule.Currency))
	}
	f.value.OnChanged = func(string) { f.updatePreview() }
	f.closeDate = widget.NewDateEntry()
	kit.SetDate(f.closeDate, r.CloseDate)

	received := r.ReceivedAt
	if received.IsZero() {
		received = f.sc.Now()
	}
	received = received.Local()
	f.receivedDate = widget.NewDateEntry()
	day := time.Date(received.Year(), received.Month(), received.Day(), 0, 0, 0, 0, time.Local)
	f.receivedDate.SetDate(&day)
	f.receivedDate.OnChanged = func(*time.Time) { f.updatePreview() }
	f.receivedTime = kit.NewLineEntry(kit.LineLimit).Holding("HH:MM", received.Format("15:04"))
	f.receivedTime.OnChanged = func(string) { f.updatePreview() }
	return widget.NewForm(
		widget.NewFormItem("Pod", f.problems.Field("pod", f.pod.Select, "Its Tech Lead signs off.")),
		widget.NewFormItem("Customer", f.problems.Field("customer", f.customer)),
		widget.NewFormItem("Deal", f.problems.Field("deal_name", f.dealName)),
		widget.NewFormItem("Deal value (ARR)", f.problems.Field("value", f.value)),
		widget.NewFormItem("Expected close", f.problems.Field("close_date", f.closeDate, "Optional.")),
		widget.NewFormItem("Received", f.problems.Field("received_at", container.NewGridWithColumns(2,
			f.receivedDate, container.NewBorder(nil, nil, widget.NewLabel("at"), nil, f.receivedTime)),
			"When the request reached the desk; change it for one that came in by mail earlier. The sign-off is due from then.")),
	)
}

// buildAsk is the form's second half: what the customer wants, the terms,
// the rep and notes.
func (f *Form) buildAsk() fyne.CanvasObject {
	r := f.req
	f.repName = kit.NewNameEntry().Holding("Full name", r.RepName)
	f.repEmail = kit.NewLineEntry(data.MaxEmailLen).Holding("name@company.com (optional)", r.RepEmail)
	f.features = kit.NewEntry("Features wanted", data.MaxDealFeaturesLen, f.problems.Refuser("features")).
		Holding("What the customer wants built, in their words", r.Features)
	f.features.SetMinRowsVisible(3)
	f.newFeature = widget.NewCheck("Needs a feature we do not have yet", func(bool) { f.updatePreview() })
	f.newFeature.SetChecked(r.NeedsNewFeature || r.ID == 0)
	f.terms = kit.NewEntry("Non-standard terms", data.MaxDealTermsLen, f.problems.Refuser("terms")).
		Holding("Delivery dates, penalties, exclusivity… (optional)", r.Terms)
	f.terms.SetMinRowsVisible(2)
	f.notes = kit.NewEntry("Notes", data.MaxDealNotesLen, f.problems.Refuser("notes")).Holding("", r.Notes)
	f.notes.SetMinRowsVisible(2)
	return widget.NewForm(
		widget.NewFormItem("Features wanted", f.problems.Field("features", f.features)),
		widget.NewFormItem("", f.problems.Field("needs_new_feature", f.newFeature)),
		widget.NewFormItem("Non-standard terms", f.problems.Field("terms", f.terms)),
		widget.NewFormItem("Sales rep", container.NewGridWithColumns(2,
			f.problems.Field("rep_name", f.repName), f.problems.Field("rep_email", f.repEmail))),
		widget.NewFormItem("Notes", f.problems.Field("notes", f.notes)),
	)
}

type dealFormData struct {
	pods     []data.Pod
	settings data.Settings
}

// load reads the pods to choose from, then starts the draft (and
// started, which lays out its line): the pod picked is part of it.
func (f *Form) load(started func()) {
	shell.Load(f.sc, "Loading the pods", func() (dealFormData, error) {
		var d dealFormData
		var err error
		if d.pods, err = f.sc.Store.Pods(f.sc.Ctx()); err != nil {
			return d, err
		}
		if f.req.ID == 0 { // a new request goes only where this laptop may file one
			if d.pods, err = filingPods(f.sc, d.pods); err != nil {
				return d, err
			}
		}
		d.settings, err = f.sc.Store.Settings(f.sc.Ctx())
		return d, err
	}, func(d dealFormData) {
		f.pods, f.settings = d.pods, d.settings
		names, ids := make([]string, len(d.pods)), make([]int64, len(d.pods))
		for i, p := range d.pods {
			names[i], ids[i] = p.Name, p.ID
		}
		f.pod.SetOptions(names, ids)
		f.loaded = true
		f.save.Enable()
		f.updatePreview()
		f.pod.Set(f.req.PodID)
		f.startDraft()
		started()
	})
}

// filingPods are those of pods where a new request may be filed on this
// laptop: in a team, a pod's requests are filed by its reps and its
// facilitator, and the store refuses one from another seat.
func filingPods(sc *shell.Scope, pods []data.Pod) ([]data.Pod, error) {
	var out []data.Pod
	for _, p := range pods {
		h, err := sc.Store.PodHolding(sc.Ctx(), p.ID)
		if err != nil {
			return nil, err
		}
		if h.Files() {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *Form) selectedPod() (data.Pod, bool) {
	id, ok := f.pod.Value()
	for _, p := range f.pods {
		if ok && p.ID == id {
			return p, true
		}
	}
	return data.Pod{}, false
}

// rule is what the request will be judged by: its own recorded rule when
// it exists, else the chosen pod's rule as it stands now.
func (f *Form) rule() (data.DealRule, bool) {
	if f.req.ID != 0 {
		return f.req.Rule, true
	}
	p, ok := f.selectedPod()
	if !ok {
		return data.DealRule{}, false
	}
	return data.RuleFrom(p.Overrides.Apply(f.settings)), true
}

// currency is the code the request's amounts are in: its rule's, else
// the pod's, else the default settings'.
func (f *Form) currency() string {
	if rule, ok := f.rule(); ok {
		return rule.Currency
	}
	return f.settings.Currency
}

// updatePreview says, while the form is filled in, whether the request
// will need a sign-off and by when.
func (f *Form) updatePreview() {
	if f.preview == nil || !f.loaded {
		return
	}
	rule, ok := f.rule()
	v, err := f.sc.ParseMoney(f.value.Text, rule.Currency)
	if !ok || err != nil {
		f.preview.SetText("")
		return
	}
	th := rule.Threshold.Format(rule.Currency)
	switch {
	case !f.newFeature.Checked:
		f.preview.SetText("No sign-off required: the deal needs no new feature.")
	case !data.NeedsSignOff(v, true, rule.Threshold):
		f.preview.SetText("No sign-off required: " + v.Format(rule.Currency) + " is not above the " + th + " threshold.")
	default:
		text := "Needs the Tech Lead's sign-off (above " + th + " and needs a new feature), within " +
			data.FormatHours(rule.SLA) + " hours"
		if at, err := f.receivedAt(); err == nil {
			text += ": due " + data.DueAt(at, rule.SLA).Local().Format("Mon 2 Jan 15:04")
		}
		f.preview.SetText(text + ".")
	}
}

// receivedAt reads the date and time fields as a moment on the laptop's clock.
func (f *Form) receivedAt() (time.Time, error) {
	if f.receivedDate.Date == nil {
		if strings.TrimSpace(f.receivedDate.Text) == "" {
			return time.Time{}, errors.New("Enter the day the request was received")
		}
		return time.Time{}, errors.New("“" + f.receivedDate.Text + "” is not a date; pick one from the calendar")
	}
	c, err := data.ParseClock(f.receivedTime.Text)
	if err != nil {
		return time.Time{}, err
	}
	return data.DateOf(*f.receivedDate.Date).At(c, time.Local)
}

// sameMinute reports whether a (from the form) is b shown to the minute.
func sameMinute(a, b time.Time) bool {
	return !b.IsZero() && a.Equal(b.Local().Truncate(time.Minute))
}

// collect reads the form into a request, reporting what cannot be parsed.
func (f *Form) collect() (data.DealRequest, []data.Problem) {
	r := f.req
	var probs []data.Problem
	bad := func(field string, err error) { probs = append(probs, data.Problem{Field: field, Message: err.Error()}) }
	if p, ok := f.selectedPod(); ok {
		r.PodID = p.ID
	} else if r.ID == 0 {
		r.PodID = 0
	}
	r.Customer, r.DealName = f.customer.Text, f.dealName.Text
	if v, err := f.sc.ParseMoney(f.value.Text, f.currency()); err != nil {
		bad("value", err)
	} else {
		r.Value = v
	}
	r.CloseDate = data.Date{}
	if f.closeDate.Date != nil {
		r.CloseDate = data.DateOf(*f.closeDate.Date)
	} else if strings.TrimSpace(f.closeDate.Text) != "" {
		bad("close_date", errors.New("“"+f.closeDate.Text+"” is not a date; pick one from the calendar or leave it empty"))
	}
	if at, err := f.receivedAt(); err != nil {
		bad("received_at", err)
	} else if !sameMinute(at, f.req.ReceivedAt) {
		// The fields show minutes; an untouched received-at keeps its
		// seconds, so saving other changes never moves the due time.
		r.ReceivedAt = at
	}
	r.RepName, r.RepEmail = f.repName.Text, f.repEmail.Text
	r.Features, r.Terms, r.Notes = f.features.Text, f.terms.Text, f.notes.Text
	r.NeedsNewFeature = f.newFeature.Checked
	r.Normalize()
	return r, probs
}

func (f *Form) onSave() {
	r, probs := f.collect()
	// Parse problems and validation problems are shown together.
	kit.Save(f.sc, kit.Submit[data.DealRequest]{
		Problems: kit.Merge(probs, r.Validate(f.sc.Now())),
		Show:     func(probs []data.Problem) { f.problems.Report(probs, f.summary) },
		Buttons:  []*widget.Button{f.save},
		Action:   "Saving the request",
		Write: func() (data.DealRequest, error) {
			if r.ID == 0 {
				return f.sc.Store.CreateDealRequest(f.sc.Ctx(), r)
			}
			return f.sc.Store.UpdateDealRequest(f.sc.Ctx(), r)
		},
		Draft: f.draft,
		Done: func(saved data.DealRequest) {
			f.saved = saved
			f.sc.Go(shell.DealRequest{ID: saved.ID, Back: f.pageBack})
		},
	})
}
