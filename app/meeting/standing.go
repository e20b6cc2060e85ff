package meeting

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/dealdesk"
	"triad/app/decisions"
	"triad/app/kit"
	"triad/app/roadmap"
	"triad/app/shell"
	"triad/data"
)

// The standing agenda items' live panels: the deal desk, the roadmap debt
// check, the open decisions and the action review. Each panel loads what
// it shows off the UI goroutine. The editor gives a panel its height
// above the notes and scrolls it once the notes would shrink below a few
// lines (see notesRows), so a long deal desk never grows the window.

// standingEntry is one standing item's panel on this screen. The screen
// asks for the panel again on every reload (a ticked attendee, a new
// action); handing back the same panel, refreshed, keeps what is typed in
// it, such as the PMM's half-written dispute comment, and an open approval
// dialog's panel.
type standingEntry struct {
	box     *fyne.Container // what the editor shows, above the notes
	feature any             // the feature's own panel, for tests to reach its controls
	reload  func()
	status  data.MeetingStatus // closing or reopening builds the panel afresh
}

func newStandingEntry() *standingEntry {
	return &standingEntry{box: container.NewVBox(kit.Low("Loading…")), reload: func() {}}
}

// set replaces what the panel shows.
func (e *standingEntry) set(objs ...fyne.CanvasObject) {
	e.box.Objects = objs
	e.box.Refresh()
}

// standingPanel is the live content shown above a standing item's notes;
// the feature panels are built once per screen and item.
func (ms *Screen) standingPanel(item data.AgendaItem) fyne.CanvasObject {
	if item.Standing == data.StandingActionReview {
		return ms.actionReviewPanel()
	}
	status := ms.run.Meeting.Status
	if e, ok := ms.standing[item.ID]; ok && e.status == status {
		e.reload()
		return e.box
	}
	var e *standingEntry
	switch item.Standing {
	case data.StandingDealDesk:
		e = ms.dealDeskStanding()
	case data.StandingRoadmapDebt:
		e = ms.debtCheckStanding()
	case data.StandingOpenDecisions:
		e = ms.openDecisionsStanding()
	default:
		return kit.Low("Generated for every meeting.")
	}
	e.status = status
	ms.standing[item.ID] = e
	return e.box
}

// previousMeeting is the pod's last closed meeting before m, if any: what
// "since the last meeting" counts from. One lookup, however many years of
// meetings the pod has.
func previousMeeting(sc *shell.Scope, m data.Meeting) (data.Meeting, bool, error) {
	return sc.Store.PreviousMeeting(sc.Ctx(), m)
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
// A closed meeting's is its frozen record's (frozendesk.go).
func (ms *Screen) dealDeskStanding() *standingEntry {
	if ms.run.Meeting.Status == data.MeetingClosed {
		return ms.frozenDeskStanding()
	}
	e := newStandingEntry()
	sc, m, at := ms.sc, ms.run.Meeting, ms.run.Pod.MeetingTime
	shell.Run(sc, func() (time.Time, error) {
		prev, ok, err := previousMeeting(sc, m)
		if err != nil || !ok {
			return time.Time{}, err
		}
		return meetingStart(prev, at), nil
	}, func(since time.Time, err error) {
		if err != nil {
			e.set(kit.Low(shell.Message("Loading the deal desk", err)))
			return
		}
		p := dealdesk.NewPanel(sc, m.PodID, since)
		e.feature, e.reload = p, p.Reload
		e.set(p.Build())
	})
	return e
}

// debtCheckStanding is the roadmap's debt check for this meeting, headed by
// the features that crossed their revenue goal since the last meeting: the
// celebration's line in that week's meeting.
func (ms *Screen) debtCheckStanding() *standingEntry {
	e := newStandingEntry()
	p := roadmap.NewDebtCheckPanel(ms.sc, ms.run.Meeting.PodID, ms.meetingID)
	p.Untitled = true
	e.feature, e.reload = p, p.Reload
	cheers := container.NewVBox()
	e.set(cheers, p.Build())
	sc, m := ms.sc, ms.run.Meeting
	loadCheers := func() {
		shell.Run(sc, func() ([]data.Celebration, error) { return celebrationsFor(sc, m) },
			func(cs []data.Celebration, err error) {
				if err != nil {
					cheers.Objects = []fyne.CanvasObject{kit.Low(shell.Message("Loading the celebrations", err))}
				} else {
					cheers.Objects = roadmap.CelebrationLines(cs)
				}
				cheers.Refresh()
			})
	}
	loadCheers()
	return e
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

// openDecisionsStanding lists the pod's decided decisions still waiting
// for a commitment, and the proposals not yet decided. A row opens the
// decision; its back button returns to this meeting.
func (ms *Screen) openDecisionsStanding() *standingEntry {
	e := newStandingEntry()
	sc, podID, meetingID := ms.sc, ms.run.Meeting.PodID, ms.meetingID
	e.feature = e.box
	show := e.set
	if ms.run.Meeting.Status == data.MeetingClosed {
		// Commitments come in after a meeting closes, so this list is the
		// pod's as it stands, not the record; the panel says which it is.
		note := kit.Wrapped("The pod's open decisions as they stand now, not as this meeting closed: leaders commit after the meeting. This meeting's own decisions are in its minutes.")
		note.Importance = widget.LowImportance
		show = func(objs ...fyne.CanvasObject) { e.set(append([]fyne.CanvasObject{note}, objs...)...) }
	}
	e.reload = func() {
		decisions.LoadOpen(sc, podID, meetingID, func(err error) { e.set(kit.Low(shell.Message("Loading the open decisions", err))) }, show)
	}
	e.reload()
	return e
}
