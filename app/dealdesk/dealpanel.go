package dealdesk

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Panel is the deal desk as a standing agenda item of a pod's
// meeting: requests received since the last meeting, decisions taken
// since, and the requests overdue now. Pending requests can be decided
// from here exactly as from the queue. The meeting screen embeds build().
type Panel struct {
	sc    *shell.Scope
	podID int64
	since time.Time // the last meeting's start (or end); zero for "ever"

	pod     data.Pod
	digest  data.DealDigest
	decides bool // this laptop's member decides the pod's requests (always, with no team)

	box    *fyne.Container
	dialog *decisionDialog // the open decision dialog, for tests
}

func NewPanel(sc *shell.Scope, podID int64, since time.Time) *Panel {
	return &Panel{sc: sc, podID: podID, since: since}
}

func (p *Panel) Build() fyne.CanvasObject {
	p.box = container.NewVBox()
	p.Reload()
	return p.box
}

type dealPanelData struct {
	decides bool
	pod     data.Pod
	digest  data.DealDigest
}

func (p *Panel) Reload() {
	now := p.sc.Now()
	shell.Load(p.sc, "Loading the deal desk", func() (dealPanelData, error) {
		var d dealPanelData
		var err error
		if d.pod, err = p.sc.Store.Pod(p.sc.Ctx(), p.podID); err != nil {
			return d, err
		}
		decides, err := deciders(p.sc)
		if err != nil {
			return d, err
		}
		d.decides = decides(d.pod.UID)
		d.digest, err = p.sc.Store.DealDigest(p.sc.Ctx(), p.podID, p.since, now)
		return d, err
	}, func(d dealPanelData) {
		p.pod, p.digest, p.decides = d.pod, d.digest, d.decides
		p.refresh()
	})
}

func (p *Panel) refresh() {
	now := p.sc.Now()
	since := "since the last meeting"
	if p.since.IsZero() {
		since = "so far"
	}
	p.box.Objects = nil
	section := func(title, none string, reqs []data.DealRequest) {
		h := widget.NewLabelWithStyle(title+" ("+kit.Itoa(len(reqs))+")", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if len(reqs) == 0 {
			// An empty section is one line, beside its heading: the panel
			// has a few lines above the notes on a laptop's screen.
			l := kit.Truncated(none)
			l.Importance = widget.LowImportance
			p.box.Add(container.NewBorder(nil, nil, h, nil, l))
			return
		}
		p.box.Add(h)
		for _, r := range reqs {
			p.box.Add(p.row(r, now))
		}
	}
	section("Overdue", "Nothing overdue.", p.digest.Overdue)
	section("Received "+since, "No new requests "+since+".", p.digest.Received)
	section("Decided "+since, "No decisions "+since+".", p.digest.Decided)
	p.box.Refresh()
}

func (p *Panel) row(r data.DealRequest, now time.Time) fyne.CanvasObject {
	text, imp, col := dealStatus(r, now)
	bar := canvas.NewRectangle(col)
	bar.SetMinSize(fyne.NewSize(5, 10))
	status := kit.Bold(text)
	status.Importance = imp
	status.Truncation = fyne.TextTruncateEllipsis
	title := kit.Bold(r.Summary())
	title.Truncation = fyne.TextTruncateEllipsis
	detail := kit.Truncated(dealDetail(r, false))
	detail.Importance = widget.LowImportance
	detail.SizeName = theme.SizeNameCaptionText
	left := container.NewBorder(nil, nil, bar, nil, container.New(&kit.FixedWidth{Width: dealStatusWidth}, status))
	var right fyne.CanvasObject
	if r.State == data.DealPending && p.decides {
		buttons := container.NewHBox()
		for _, a := range []data.DealAction{data.ActApprove, data.ActReject, data.ActRequestChanges} {
			a := a
			label := a.Label()
			if a == data.ActRequestChanges {
				label = "Changes"
			}
			b := widget.NewButton(label, func() { p.onDecide(r, a) })
			if a == data.ActApprove {
				b.Importance = widget.HighImportance
			}
			buttons.Add(b)
		}
		right = container.NewCenter(buttons)
	}
	return container.NewBorder(nil, nil, left, right, container.New(kit.Tight{}, title, detail))
}

func (p *Panel) onDecide(r data.DealRequest, action data.DealAction) {
	showDecisionDialog(p.sc, r, action, p.pod, func(data.DealRequest) { p.Reload() },
		func(dd *decisionDialog) { p.dialog = dd })
}
