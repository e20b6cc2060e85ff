package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// The deal desk, roadmap debt check and open decisions as standing items
// of the meeting. Each panel loads what it shows off the UI goroutine; the
// frame it sits in caps its height so the item's notes keep their room.

func init() {
	standingPanels[data.StandingDealDesk] = kept(dealDeskStanding)
	standingPanels[data.StandingRoadmapDebt] = kept(debtCheckStanding)
	standingPanels[data.StandingOpenDecisions] = kept(openDecisionsStanding)
}

// standingShown holds the panels of the shown meeting screen by agenda
// item. The screen asks for a panel again on every reload (a ticked
// attendee, a new action); handing back the same panel, refreshed, keeps
// what is typed in it, such as the PMM's half-written dispute comment, and
// an open approval dialog's panel. Only the UI goroutine touches it.
var standingShown = map[*meetingScreen]map[int64]standingEntry{}

type standingEntry struct {
	panel  fyne.CanvasObject
	reload func()
	status data.MeetingStatus // closing or reopening builds the panel afresh
}

// kept wraps a panel builder (returning the panel and how to refresh it)
// so each item's panel is built once per screen.
func kept(build func(ms *meetingScreen, item data.AgendaItem) (fyne.CanvasObject, func())) func(*meetingScreen, data.AgendaItem) fyne.CanvasObject {
	return func(ms *meetingScreen, item data.AgendaItem) fyne.CanvasObject {
		byItem, ok := standingShown[ms]
		if !ok {
			byItem = map[int64]standingEntry{}
			standingShown[ms] = byItem
			ms.sc.OnLeave(func() { delete(standingShown, ms) })
		}
		status := ms.run.Meeting.Status
		if e, ok := byItem[item.ID]; ok && e.status == status {
			e.reload()
			return e.panel
		}
		panel, reload := build(ms, item)
		byItem[item.ID] = standingEntry{panel: panel, reload: reload, status: status}
		return panel
	}
}

// standingPanelHeight is the most a standing panel takes above the notes;
// longer panels scroll. At 300 the notes field shrank to a sliver under the
// debt check on a 1280x800 window; at 240 it keeps three lines.
const standingPanelHeight = 240

// standingFrame lays out a standing panel's scroll at most max high. It
// also keeps the feature's panel, so tests can reach its controls.
type standingFrame struct {
	max   float32
	panel any
}

func (f *standingFrame) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f *standingFrame) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		min := o.MinSize()
		if sc, ok := o.(*container.Scroll); ok && sc.Content != nil {
			min = sc.Content.MinSize()
		}
		s.Width = fyne.Max(s.Width, min.Width)
		s.Height = fyne.Max(s.Height, fyne.Min(min.Height, f.max))
	}
	return s
}

// newStandingFrame returns the frame and the box the panel goes in.
func newStandingFrame() (*fyne.Container, *fyne.Container, *standingFrame) {
	box := container.NewVBox(kit.Low("Loading…"))
	frame := &standingFrame{max: standingPanelHeight}
	return container.New(frame, container.NewVScroll(box)), box, frame
}

// setPanel replaces what a frame shows and refreshes it.
func setPanel(outer, box *fyne.Container, objs ...fyne.CanvasObject) {
	box.Objects = objs
	box.Refresh()
	outer.Refresh()
}

// previousMeeting is the pod's last closed meeting before m, if any: what
// "since the last meeting" counts from.
func previousMeeting(sc *shell.Scope, m data.Meeting) (data.Meeting, bool, error) {
	all, err := sc.Store.Meetings(sc.Ctx(), m.PodID)
	if err != nil {
		return data.Meeting{}, false, err
	}
	prev, ok := data.PreviousMeeting(m, all)
	return prev, ok, nil
}

// meetingStart is when a meeting began: its recorded start, else its day
// at the pod's meeting time.
func meetingStart(m data.Meeting, at data.ClockTime) time.Time {
	if !m.StartedAt.IsZero() {
		return m.StartedAt
	}
	return m.Date.Time(time.Local).Add(time.Duration(at) * time.Minute)
}

// dealDeskStanding shows the deal desk since the previous meeting began, so
// a request raised during that meeting and left open still counts as new.
func dealDeskStanding(ms *meetingScreen, _ data.AgendaItem) (fyne.CanvasObject, func()) {
	outer, box, frame := newStandingFrame()
	sc, m, at := ms.sc, ms.run.Meeting, ms.run.Pod.MeetingTime
	shell.Run(sc, func() (time.Time, error) {
		prev, ok, err := previousMeeting(sc, m)
		if err != nil || !ok {
			return time.Time{}, err
		}
		return meetingStart(prev, at), nil
	}, func(since time.Time, err error) {
		if err != nil {
			setPanel(outer, box, kit.Low(shell.Message("Loading the deal desk", err)))
			return
		}
		p := newDealDeskPanel(sc, m.PodID, since)
		frame.panel = p
		if m.Status == data.MeetingClosed {
			setPanel(outer, box, kit.Low("The deal desk as it stands now, counted from the meeting before this one."), p.build())
			return
		}
		setPanel(outer, box, p.build())
	})
	return outer, func() {
		if p, ok := frame.panel.(*dealDeskPanel); ok {
			p.reload()
		}
	}
}

// debtCheckStanding is the roadmap's debt check for this meeting, headed by
// the features that crossed their revenue goal since the last meeting: the
// celebration's line in that week's meeting.
func debtCheckStanding(ms *meetingScreen, _ data.AgendaItem) (fyne.CanvasObject, func()) {
	outer, box, frame := newStandingFrame()
	p := newDebtCheckPanel(ms.sc, ms.run.Meeting.PodID, ms.meetingID)
	p.untitled = true
	frame.panel = p
	cheers := container.NewVBox()
	setPanel(outer, box, cheers, p.build())
	sc, m := ms.sc, ms.run.Meeting
	loadCheers := func() {
		shell.Run(sc, func() ([]data.Celebration, error) { return celebrationsFor(sc, m) },
			func(cs []data.Celebration, err error) {
				if err != nil {
					cheers.Objects = []fyne.CanvasObject{kit.Low(shell.Message("Loading the celebrations", err))}
				} else {
					cheers.Objects = celebrationLines(cs)
				}
				cheers.Refresh()
				outer.Refresh()
			})
	}
	loadCheers()
	return outer, func() { p.reload() }
}

// celebrationsFor lists the goals crossed after the previous meeting's day
// up to m's day (or a week back when m is the pod's first meeting).
func celebrationsFor(sc *shell.Scope, m data.Meeting) ([]data.Celebration, error) {
	since := m.Date.AddDays(-6)
	prev, ok, err := previousMeeting(sc, m)
	if err != nil {
		return nil, err
	}
	if ok {
		since = prev.Date.AddDays(1)
	}
	cs, err := sc.Store.CelebrationsSince(sc.Ctx(), m.PodID, since)
	if err != nil {
		return nil, err
	}
	var out []data.Celebration
	for _, c := range cs {
		if m.Status != data.MeetingClosed || !c.CrossedOn.After(m.Date) {
			out = append(out, c)
		}
	}
	return out, nil
}

func celebrationLines(cs []data.Celebration) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range cs {
		l := kit.Bold(c.Line())
		l.Importance = widget.SuccessImportance
		l.Wrapping = fyne.TextWrapWord
		out = append(out, container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil, l))
	}
	return out
}

// openDecisionsData is what the "Open decisions" item shows.
type openDecisionsData struct {
	open     []data.Decision
	proposed []data.Decision
}

// openDecisionsStanding lists the pod's decided decisions still waiting
// for a commitment, and the proposals not yet decided. A row opens the
// decision; its back button returns to this meeting.
func openDecisionsStanding(ms *meetingScreen, _ data.AgendaItem) (fyne.CanvasObject, func()) {
	outer, box, frame := newStandingFrame()
	sc, podID, meetingID := ms.sc, ms.run.Meeting.PodID, ms.meetingID
	frame.panel = box
	load := func() { loadOpenDecisions(sc, podID, meetingID, outer, box) }
	load()
	return outer, load
}

func loadOpenDecisions(sc *shell.Scope, podID, meetingID int64, outer, box *fyne.Container) {
	shell.Run(sc, func() (openDecisionsData, error) {
		var d openDecisionsData
		var err error
		if d.open, err = sc.Store.OpenDecisions(sc.Ctx(), podID); err != nil {
			return d, err
		}
		es, err := sc.Store.DecisionLog(sc.Ctx(), data.DecisionFilter{PodID: podID, State: data.DecisionProposed})
		for _, e := range es {
			d.proposed = append(d.proposed, e.Decision)
		}
		return d, err
	}, func(d openDecisionsData, err error) {
		if err != nil {
			setPanel(outer, box, kit.Low(shell.Message("Loading the open decisions", err)))
			return
		}
		objs := []fyne.CanvasObject{kit.Bold("Waiting for commitments (" + kit.Itoa(len(d.open)) + ")")}
		if len(d.open) == 0 {
			objs = append(objs, kit.Low("Every decided call has all three commitments."))
		}
		for _, dec := range d.open {
			objs = append(objs, decisionRow(sc, podID, meetingID, dec))
		}
		objs = append(objs, kit.Bold("Proposed, not decided yet ("+kit.Itoa(len(d.proposed))+")"))
		if len(d.proposed) == 0 {
			objs = append(objs, kit.Low("No proposals waiting for a call."))
		}
		for _, dec := range d.proposed {
			objs = append(objs, decisionRow(sc, podID, meetingID, dec))
		}
		setPanel(outer, box, objs...)
	})
}

// decisionRow is one decision as a link: its question, the meeting it came
// from, and where the commitments stand ("committed 2/3 — waiting for X").
func decisionRow(sc *shell.Scope, podID, fromMeeting int64, d data.Decision) fyne.CanvasObject {
	open := widget.NewHyperlink(d.Question, nil)
	open.OnTapped = func() { sc.Go(shell.Decision{PodID: podID, ID: d.ID, FromMeeting: fromMeeting}) }
	open.Truncation = fyne.TextTruncateEllipsis
	open.TextStyle.Bold = true
	state := d.CommitmentSummary()
	imp := widget.WarningImportance
	if d.State == data.DecisionProposed {
		state, imp = "Proposed", widget.LowImportance
	} else if n, _ := d.Commitments(); n == len(d.Perspectives) {
		imp = widget.SuccessImportance
	}
	if d.MeetingID != fromMeeting {
		state += " · from " + kit.ShortDate(d.MeetingDate)
	}
	st := widget.NewLabel(state)
	st.Importance = imp
	st.Truncation = fyne.TextTruncateEllipsis
	st.SizeName = theme.SizeNameCaptionText
	return container.New(layout.NewCustomPaddedVBoxLayout(-8), open, st)
}
