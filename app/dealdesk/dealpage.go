package dealdesk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Page is one request: every field, the rule it was judged by, what
// can be done with it now, and its history.
type Page struct {
	sc   *shell.Scope
	id   int64
	back shell.Route

	req     data.DealRequest
	pod     data.Pod
	history []data.DealEvent
	decides bool // this laptop's member decides the pod's requests (always, with no team)

	title, status, rule *widget.Label
	fields              *widget.Form
	historyBox          *fyne.Container
	actions             *fyne.Container
	dialog              *decisionDialog // the open decision dialog, for tests
	roadmap             *dealRoadmap    // the roadmap items it feeds
	asked               []string        // the draft "Ask the Tech Lead" wrote last, for tests
}

func NewPage(sc *shell.Scope, id int64, back shell.Route) *Page {
	return &Page{sc: sc, id: id, back: back}
}

func (pg *Page) Build() fyne.CanvasObject {
	backBtn := widget.NewButtonWithIcon("Deal desk", theme.NavigateBackIcon(), func() { pg.sc.Go(pg.back) })
	backBtn.Importance = widget.LowImportance
	pg.title = kit.Title("")
	pg.title.Wrapping = fyne.TextWrapWord
	pg.status = kit.Bold("")
	pg.rule = kit.Wrapped("")
	pg.actions = container.NewHBox()
	pg.fields = widget.NewForm()
	pg.historyBox = container.NewVBox()
	pg.roadmap = newDealRoadmap(pg.sc)

	body := container.NewVBox(
		container.NewHBox(backBtn),
		pg.title,
		container.NewBorder(nil, nil, nil, pg.actions, pg.status),
		pg.rule,
		container.NewGridWithColumns(2,
			container.NewVBox(kit.Section("Request"), pg.fields),
			container.NewVBox(pg.roadmap.box, kit.Section("History, newest first"), pg.historyBox)),
	)
	pg.reload()
	return container.NewVScroll(container.NewPadded(container.New(&kit.Column{Width: 980}, body)))
}

type dealPageData struct {
	decides  bool // this laptop's member decides the pod's requests
	deskOnly bool // a rep's laptop: the pod's roadmap is not here
	req      data.DealRequest
	pod      data.Pod
	history  []data.DealEvent
}

// Reload reads the request, its pod and its history again, in place.
func (pg *Page) Reload() { pg.reload() }

func (pg *Page) reload() {
	shell.Load(pg.sc, "Opening the request", func() (dealPageData, error) {
		var d dealPageData
		var err error
		if d.req, err = pg.sc.Store.DealRequest(pg.sc.Ctx(), pg.id); err != nil {
			return d, err
		}
		if d.pod, err = pg.sc.Store.Pod(pg.sc.Ctx(), d.req.PodID); err != nil {
			return d, err
		}
		decides, err := deciders(pg.sc)
		if err != nil {
			return d, err
		}
		d.decides = decides(d.pod.UID)
		h, err := pg.sc.Store.PodHolding(pg.sc.Ctx(), d.req.PodID)
		if err != nil {
			return d, err
		}
		d.deskOnly = h.DealDeskOnly
		d.history, err = pg.sc.Store.DealHistory(pg.sc.Ctx(), pg.id)
		return d, err
	}, func(d dealPageData) {
		pg.req, pg.pod, pg.history, pg.decides = d.req, d.pod, d.history, d.decides
		pg.refresh()
		// A rep's laptop holds no roadmap, and its store refuses a
		// roadmap item from the rep's seat: no section to offer one.
		kit.ShowIf(pg.roadmap.box, !d.deskOnly)
		if !d.deskOnly {
			pg.roadmap.load(d.req)
		}
	})
}

func (pg *Page) refresh() {
	r := pg.req
	now := pg.sc.Now()
	pg.title.SetText(r.Summary())
	text, imp, _ := dealStatus(r, now)
	if r.State == data.DealPending {
		text = "Pending · " + text
	}
	pg.status.SetText(text)
	pg.status.Importance = imp
	pg.status.Refresh()
	pg.rule.SetText(ruleText(r, pg.pod))

	cur := r.Rule.Currency
	closeDate := r.CloseDate.Long()
	if closeDate == "" {
		closeDate = "Not given"
	}
	newFeature := "No"
	if r.NeedsNewFeature {
		newFeature = "Yes"
	}
	rep := r.RepName
	if r.RepEmail != "" {
		rep += " <" + r.RepEmail + ">"
	}
	pg.fields.Items = nil
	for _, f := range [][2]string{
		{"Pod", r.PodName},
		{"Customer", r.Customer},
		{"Deal", kit.OrDash(r.DealName)},
		{"Deal value (ARR)", r.Value.Format(cur)},
		{"Expected close", closeDate},
		{"Sales rep", rep},
		{"Features wanted", r.Features},
		{"Needs a new feature", newFeature},
		{"Non-standard terms", kit.OrDash(r.Terms)},
		{"Received", r.ReceivedAt.Local().Format("Mon 2 Jan 2006 15:04")},
		{"Notes", kit.OrDash(r.Notes)},
	} {
		v := kit.Wrapped(f[1])
		v.Selectable = true
		pg.fields.Append(f[0], v)
	}
	pg.fields.Refresh()

	pg.refreshActions()

	pg.historyBox.Objects = nil
	for i := len(pg.history) - 1; i >= 0; i-- { // newest first
		pg.historyBox.Add(historyRow(pg.history[i]))
	}
	pg.historyBox.Refresh()
}

// refreshActions offers what the request's state allows.
func (pg *Page) refreshActions() {
	r := pg.req
	pg.actions.Objects = nil
	add := func(action data.DealAction, icon fyne.Resource, imp widget.Importance) {
		b := widget.NewButtonWithIcon(action.Label(), icon, func() { pg.onDecide(action) })
		b.Importance = imp
		pg.actions.Add(b)
	}
	if r.State.Editable() {
		edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), pg.onEdit)
		if r.State == data.DealChangesRequested {
			edit.SetText("Edit and resubmit")
			edit.Importance = widget.HighImportance
		}
		pg.actions.Add(edit)
	}
	switch r.State {
	case data.DealPending:
		if r.NeedsSignOff() {
			pg.actions.Add(pg.askButton())
		}
		if pg.decides {
			add(data.ActApprove, theme.ConfirmIcon(), widget.HighImportance)
			add(data.ActReject, theme.CancelIcon(), widget.MediumImportance)
			add(data.ActRequestChanges, theme.DocumentCreateIcon(), widget.MediumImportance)
		}
	case data.DealApproved, data.DealRejected, data.DealWithdrawn:
		if pg.decides {
			add(data.ActReopen, theme.ViewRefreshIcon(), widget.MediumImportance)
		}
	}
	if r.State.Editable() {
		add(data.ActWithdraw, theme.DeleteIcon(), widget.LowImportance)
	}
	pg.actions.Refresh()
}

// ruleText says why the request does or does not wait for a sign-off,
// with the rule it recorded and, if a delegate may sign, for whom.
func ruleText(r data.DealRequest, pod data.Pod) string {
	cur := r.Rule.Currency
	th := r.Rule.Threshold.Format(cur)
	tl := pod.Leader(data.RoleTechLead).Name
	if !r.NeedsSignOff() {
		if !r.NeedsNewFeature {
			return "No sign-off required: the deal needs no new feature."
		}
		return "No sign-off required: " + r.Value.Format(cur) + " is not above the " + th + " threshold."
	}
	who := tl
	if len(pod.Delegates) > 0 {
		who += " (or a delegate: " + strings.Join(pod.Delegates, ", ") + ")"
	}
	return "Needs the sign-off of the Tech Lead of " + pod.Name + ", " + who + ": above the " + th +
		" threshold and needs a new feature. " + slaText(r)
}

// slaText says where the request's sign-off clock stands: due so many
// hours after it was received or came back into the queue, or paused
// while the rep makes the changes asked for.
func slaText(r data.DealRequest) string {
	hours := data.FormatHours(r.Rule.SLA)
	switch {
	case r.State == data.DealChangesRequested:
		return "The " + hours + "-hour clock is paused while the rep makes the changes; resubmitting starts it afresh."
	case !r.SLAStartedAt.IsZero():
		return "Due " + r.DueAt.Local().Format("Mon 2 Jan 15:04") + ", " + hours +
			" hours after it came back into the queue on " + r.SLAStartedAt.Local().Format("Mon 2 Jan 15:04") + "."
	}
	return "Due " + r.DueAt.Local().Format("Mon 2 Jan 15:04") + ", " + hours + " hours after it was received."
}

func historyRow(e data.DealEvent) fyne.CanvasObject {
	change := kit.Bold(e.Change())
	change.Wrapping = fyne.TextWrapWord
	who := kit.Caption(e.Who() + " · " + e.At.Local().Format("Mon 2 Jan 2006 15:04"))
	box := container.NewVBox(container.New(kit.Tight{}, change, who))
	if e.Comment != "" {
		comment := kit.Wrapped("“" + e.Comment + "”")
		box.Add(comment)
	}
	box.Add(widget.NewSeparator())
	return box
}

func (pg *Page) onEdit() {
	pg.sc.Go(shell.EditDealRequest{Request: pg.req, Back: pg.back})
}

func (pg *Page) onDecide(action data.DealAction) {
	showDecisionDialog(pg.sc, pg.req, action, pg.pod, func(data.DealRequest) { pg.reload() },
		func(dd *decisionDialog) { pg.dialog = dd })
}
