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

// dealRoadmap is the request page's "Roadmap" section: the roadmap items
// the request is a source of and, once it is approved, "Create roadmap
// item" and "Link to roadmap item".
type dealRoadmap struct {
	sc  *shell.Scope
	req data.DealRequest

	linked []data.RoadmapItem // the items the request is a source of
	items  []data.RoadmapItem // the pod's items it could be linked to

	box, itemsBox *fyne.Container
	note          *widget.Label
	create, link  *widget.Button
	dlg           *kit.Dialog    // the open create or link dialog
	title, target *kit.Entry     // the create dialog's fields
	choice        *widget.Select // the link dialog's
}

func newDealRoadmap(sc *shell.Scope) *dealRoadmap {
	r := &dealRoadmap{sc: sc}
	r.note = kit.Low("")
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
	shell.Load(r.sc, "Reading the roadmap", func() (loaded, error) {
		var l loaded
		var err error
		if l.linked, err = r.sc.Store.DealRoadmapItems(r.sc.Ctx(), req.ID); err != nil {
			return l, err
		}
		rm, err := r.sc.Store.Roadmap(r.sc.Ctx(), req.PodID)
		l.items = rm.Items
		return l, err
	}, func(l loaded) {
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
		asked := kit.Low("Asked for by " + it.Source())
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

// onCreate proposes a feature named after what the customer wants, in
// the next quarter; the facilitator can change the title and quarter.
func (r *dealRoadmap) onCreate() {
	proposed := data.RoadmapItemFromDeal(r.req, data.DateOf(r.sc.Now()))
	r.title = kit.NewNameEntry()
	r.title.SetText(proposed.Title)
	r.target = kit.NewLineEntry(kit.LineLimit)
	r.target.SetText(proposed.Target.String())
	r.target.SetPlaceHolder("YYYY-Qn")
	r.dlg = kit.NewDialog("Create", theme.ConfirmIcon())
	r.dlg.Confirm.OnTapped = func() {
		it := proposed
		it.Title = r.title.Text
		q, err := data.ParseQuarter(strings.TrimSpace(r.target.Text))
		if err != nil {
			r.dlg.SetProblem("Target quarter: " + err.Error())
			return
		}
		it.Target = q
		reqID := r.req.ID
		kit.Write(r.sc, r.dlg, "Saving", func() (data.RoadmapItem, error) {
			return r.sc.Store.CreateRoadmapItemFromDeal(r.sc.Ctx(), reqID, it)
		}, func(data.RoadmapItem) { r.load(r.req) }, nil)
	}
	intro := kit.Wrapped("A proposed feature asked for by " + r.req.Customer + ", expecting " +
		r.req.Value.Short(r.req.Rule.Currency) + " ARR. Estimate and plan it on the Roadmap tab.")
	body := container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem("Title", r.title),
		widget.NewFormItem("Target quarter", r.target)), r.dlg.Problem)
	r.dlg.Show(r.sc.Win, "Create roadmap item", body, fyne.NewSize(520, 300))
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
	r.dlg = kit.NewDialog("Link", theme.ConfirmIcon())
	r.dlg.Confirm.OnTapped = func() {
		i := r.choice.SelectedIndex()
		if i < 0 {
			r.dlg.SetProblem("Choose the roadmap item this request is for")
			return
		}
		reqID, itemID := r.req.ID, items[i].ID
		kit.Write(r.sc, r.dlg, "Saving", func() (data.RoadmapItem, error) {
			return r.sc.Store.LinkDealToRoadmapItem(r.sc.Ctx(), reqID, itemID)
		}, func(data.RoadmapItem) { r.load(r.req) }, nil)
	}
	intro := kit.Wrapped(r.req.Customer + " joins the item's customers, linked to this request.")
	r.dlg.Show(r.sc.Win, "Link to roadmap item", container.NewVBox(intro, r.choice, r.dlg.Problem), fyne.NewSize(520, 300))
}
