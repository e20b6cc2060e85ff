package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// dealRoadmap is the request page's "Roadmap" section: the roadmap items
// the request is a source of and, once it is approved, "Create roadmap
// item" and "Link to roadmap item".
type dealRoadmap struct {
	sc  *shell.Scope
	req data.DealRequest

	linked []data.RoadmapItem // the items the request is a source of
	items  []data.RoadmapItem // the pod's items it could be linked to

	box, itemsBox  *fyne.Container
	note           *widget.Label
	create, link   *widget.Button
	title, target  *kit.Entry // the create dialog's fields
	choice         *widget.Select
	problem        *widget.Label
	d              *dialog.CustomDialog
	submit, attach *widget.Button // the dialogs' confirm buttons, for tests
}

func newDealRoadmap(sc *shell.Scope) *dealRoadmap {
	r := &dealRoadmap{sc: sc}
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	r.note.Importance = widget.LowImportance
	r.itemsBox = container.NewVBox()
	r.create = widget.NewButtonWithIcon("Create roadmap item", theme.ContentAddIcon(), r.onCreate)
	r.create.Importance = widget.HighImportance
	r.link = widget.NewButtonWithIcon("Link to roadmap item", theme.MailAttachmentIcon(), r.onLink)
	r.box = container.NewVBox(kit.Section("Roadmap"), r.note, r.itemsBox, container.NewHBox(r.create, r.link))
	return r
}

// load reads what the request feeds on the roadmap.
func (r *dealRoadmap) load(req data.DealRequest) {
	r.req = req
	type loaded struct{ linked, items []data.RoadmapItem }
	shell.Run(r.sc, func() (loaded, error) {
		var l loaded
		var err error
		if l.linked, err = r.sc.Store.DealRoadmapItems(r.sc.Ctx(), req.ID); err != nil {
			return l, err
		}
		rm, err := r.sc.Store.Roadmap(r.sc.Ctx(), req.PodID)
		l.items = rm.Items
		return l, err
	}, func(l loaded, err error) {
		if err != nil {
			r.sc.ShowError("Reading the roadmap", err)
			return
		}
		r.linked, r.items = l.linked, l.items
		r.refresh()
	})
}

func (r *dealRoadmap) refresh() {
	approved := r.req.CheckFeedsRoadmap() == nil
	switch {
	case len(r.linked) > 0:
		r.note.SetText("On the roadmap as:")
	case approved:
		r.note.SetText("Approved: put the promised feature on the roadmap, so its effort counts against " +
			r.req.Customer + " in the deal desk's concentration check.")
	default:
		r.note.SetText("Once approved, the request can create or join a roadmap item.")
	}
	r.itemsBox.Objects = nil
	for _, it := range r.linked {
		line := it.Title + " · " + it.Status.Label() + " · " + it.Target.String()
		if it.Effort != nil {
			line += " · effort " + it.Effort.Number()
		}
		l := kit.Bold(line)
		l.Wrapping = fyne.TextWrapWord
		asked := widget.NewLabel("Asked for by " + it.Source())
		asked.Wrapping = fyne.TextWrapWord
		asked.Importance = widget.LowImportance
		r.itemsBox.Add(container.New(kit.Tight{}, l, asked))
	}
	r.itemsBox.Refresh()
	kit.ShowIf(r.create, approved)
	kit.ShowIf(r.link, approved && len(r.linkable()) > 0)
}

// linkable are the pod's items the request is not linked to yet.
func (r *dealRoadmap) linkable() []data.RoadmapItem {
	var out []data.RoadmapItem
	for _, it := range r.items {
		if it.Status == data.StatusDropped {
			continue
		}
		linked := false
		for _, d := range it.Deals {
			linked = linked || d.RequestID == r.req.ID
		}
		if !linked {
			out = append(out, it)
		}
	}
	return out
}

func (r *dealRoadmap) newProblem() {
	r.problem = widget.NewLabel("")
	r.problem.Importance = widget.DangerImportance
	r.problem.Wrapping = fyne.TextWrapWord
	r.problem.Hide()
}

func (r *dealRoadmap) showProblem(err error) {
	r.problem.SetText(shell.Message("Saving", err))
	r.problem.Show()
}

// onCreate proposes a feature named after what the customer wants, in
// the next quarter; the facilitator can change the title and quarter.
func (r *dealRoadmap) onCreate() {
	proposed := data.RoadmapItemFromDeal(r.req, data.DateOf(r.sc.Now()))
	r.title = kit.NewNameEntry()
	r.title.SetText(proposed.Title)
	r.target = kit.NewLineEntry(kit.LineLimit)
	r.target.SetText(proposed.Target.String())
	r.target.SetPlaceHolder("YYYY-Qn")
	r.newProblem()
	r.submit = widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), func() {
		it := proposed
		it.Title = r.title.Text
		q, err := data.ParseQuarter(strings.TrimSpace(r.target.Text))
		if err != nil {
			r.showProblem(&data.ValidationError{Problems: []data.Problem{{Field: "target", Message: "Target quarter: " + err.Error()}}})
			return
		}
		it.Target = q
		r.submit.Disable()
		reqID := r.req.ID
		shell.Run(r.sc, func() (data.RoadmapItem, error) {
			return r.sc.Store.CreateRoadmapItemFromDeal(r.sc.Ctx(), reqID, it)
		}, func(_ data.RoadmapItem, err error) {
			r.submit.Enable()
			if err != nil {
				r.showProblem(err)
				return
			}
			r.d.Hide()
			r.load(r.req)
		})
	})
	r.submit.Importance = widget.HighImportance
	intro := widget.NewLabel("A proposed feature asked for by " + r.req.Customer + ", expecting " +
		r.req.Value.Short(r.req.Rule.Currency) + " ARR. Estimate and plan it on the Roadmap tab.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem("Title", r.title),
		widget.NewFormItem("Target quarter", r.target)), r.problem)
	r.showDialog("Create roadmap item", body, r.submit)
}

// onLink adds the request to one of the pod's existing items.
func (r *dealRoadmap) onLink() {
	items := r.linkable()
	labels := make([]string, len(items))
	for i, it := range items {
		labels[i] = it.Title + " (" + it.Target.String() + ", " + strings.ToLower(it.Status.Label()) + ")"
	}
	r.choice = widget.NewSelect(labels, nil)
	r.choice.PlaceHolder = "Choose a roadmap item"
	r.newProblem()
	r.attach = widget.NewButtonWithIcon("Link", theme.ConfirmIcon(), func() {
		i := r.choice.SelectedIndex()
		if i < 0 {
			r.showProblem(data.Invalidf("Choose the roadmap item this request is for"))
			return
		}
		r.attach.Disable()
		reqID, itemID := r.req.ID, items[i].ID
		shell.Run(r.sc, func() (data.RoadmapItem, error) {
			return r.sc.Store.LinkDealToRoadmapItem(r.sc.Ctx(), reqID, itemID)
		}, func(_ data.RoadmapItem, err error) {
			r.attach.Enable()
			if err != nil {
				r.showProblem(err)
				return
			}
			r.d.Hide()
			r.load(r.req)
		})
	})
	r.attach.Importance = widget.HighImportance
	intro := widget.NewLabel(r.req.Customer + " joins the item's customers, linked to this request.")
	intro.Wrapping = fyne.TextWrapWord
	r.showDialog("Link to roadmap item", container.NewVBox(intro, r.choice, r.problem), r.attach)
}

func (r *dealRoadmap) showDialog(title string, body fyne.CanvasObject, confirm *widget.Button) {
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { r.d.Hide() })
	r.d = dialog.NewCustomWithoutButtons(title, body, r.sc.Win)
	r.d.SetButtons([]fyne.CanvasObject{cancel, confirm})
	r.d.Resize(fyne.NewSize(520, 300))
	r.d.Show()
}

// sourceWithDeals lists an item's customers for its roadmap row, the ones
// an approved deal request brought first and marked "(deal)".
func sourceWithDeals(it data.RoadmapItem) string {
	fromDeal := map[string]bool{}
	var parts []string
	for _, d := range it.Deals {
		if !fromDeal[strings.ToLower(d.Customer)] {
			fromDeal[strings.ToLower(d.Customer)] = true
			parts = append(parts, d.Customer+" (deal)")
		}
	}
	for _, c := range it.Customers {
		if !fromDeal[strings.ToLower(c)] {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, ", ")
}
