package minutes

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"triad/data"
	"triad/data/textout"
)

// PreRead is what each leader reads before a meeting, so they come with
// their Triad answers ready: the agenda with each item's timebox and
// presenter, the deal requests waiting for the Tech Lead's sign-off with
// their due times, the roadmap debt check as it stands, and the decisions
// still open.
type PreRead struct {
	Pod         string
	Date        data.Date
	Start       time.Time // the planned start, in the pod's zone
	Facilitator string
	Currency    string
	Leaders     []Person // the three seats, with their addresses
	Guests      []Person // invited to this meeting

	Agenda   []AgendaItem
	Awaiting []DealRequest // waiting for a sign-off now, overdue first, then soonest due
	SLA      time.Duration
	// Debt is the check recorded into this meeting if there is one, else
	// the check as the roadmap stands now.
	Debt          *DebtCheck
	OpenDecisions []OpenDecision
	GeneratedAt   time.Time // in the pod's zone
}

// OpenDecision is a decision the meeting may settle: still proposed, or
// decided and waiting for commitments.
type OpenDecision struct {
	Decision
	On       data.Date // the meeting it was raised in
	Proposed bool
}

// PreReadFromRecord builds the pre-read of rec's meeting at opt.Now. Only a
// meeting that has not started has one: a meeting under way or closed is
// refused in words, and nothing is built.
func PreReadFromRecord(rec data.HandoffRecord, opt Options) (PreRead, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	mr := rec.Minutes
	run := mr.Run
	meeting, pod := run.Meeting, run.Pod
	if meeting.Status != data.MeetingDraft {
		return PreRead{}, data.Conflictf("The meeting of %s has %s: the agenda goes out before a meeting starts",
			meeting.Date.Long(), map[bool]string{true: "closed", false: "started"}[meeting.Status == data.MeetingClosed])
	}
	loc := data.PodLocation(pod)
	now := opt.Now()
	settings := mr.Roadmap.Settings
	p := PreRead{
		Pod:         pod.Name,
		Date:        meeting.Date,
		Currency:    settings.Currency,
		SLA:         settings.SignOffSLA,
		GeneratedAt: now.In(loc),
	}
	y, mo, d := meeting.Date.Time(time.UTC).Date()
	p.Start = time.Date(y, mo, d, int(pod.MeetingTime)/60, int(pod.MeetingTime)%60, 0, 0, loc)
	if pm := pod.Leader(data.RoleProduct); pm != nil {
		p.Facilitator = pm.Name
	}
	for _, l := range pod.Leaders {
		p.Leaders = append(p.Leaders, Person{Name: l.Name, Role: l.Role.Title(), Email: l.Email})
	}
	for _, a := range run.Attendees {
		if a.IsGuest() {
			p.Guests = append(p.Guests, Person{Name: a.Name, Role: a.GuestRole, Email: a.Email})
		}
	}
	p.Agenda = agendaItems(run)

	for _, dr := range mr.Deals {
		if dr.Request.State != data.DealPending {
			continue
		}
		if req, waiting := requestAt(dr.Request, dr.History, dr.Request.State, now, loc); waiting {
			p.Awaiting = append(p.Awaiting, req)
		}
	}
	sort.SliceStable(p.Awaiting, func(i, j int) bool {
		a, b := p.Awaiting[i], p.Awaiting[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		return a.Due.Before(b.Due)
	})

	p.Debt, _ = roadmapSection(mr.Roadmap, meeting)
	if p.Debt == nil {
		c := data.CheckDebt(mr.Roadmap.Items, data.DefaultPlanningWindow(meeting.Date), settings.MaintenanceQuota, mr.Roadmap.Unit)
		p.Debt = debtCheck(c)
	}

	dates := map[int64]data.Date{}
	for _, m := range mr.Meetings {
		dates[m.ID] = m.Date
	}
	for _, dc := range rec.OpenDecisions {
		od := OpenDecisionOf(dc)
		if od.On.IsZero() {
			od.On = dates[dc.MeetingID]
		}
		p.OpenDecisions = append(p.OpenDecisions, od)
	}
	return p, nil
}

// Title is "Pre-read — Atlas Payments — Thu 4 Mar 2027".
func (p PreRead) Title() string {
	return "Pre-read — " + oneLine(p.Pod) + " — " + p.Date.Long()
}

// PlannedMinutes is the agenda's total timebox.
func (p PreRead) PlannedMinutes() int {
	n := 0
	for _, it := range p.Agenda {
		n += max(it.Planned, 0)
	}
	return n
}

// PreReadDoc is the pre-read as text: the mail's body, and what "Copy as
// text" gives for a draft.
func PreReadDoc(p PreRead) textout.Doc {
	when := p.Date.Long()
	if !p.Start.IsZero() {
		when += " · " + p.Start.Format("15:04 MST")
	}
	if n := p.PlannedMinutes(); n > 0 {
		when += " · " + fmtMinutes(n) + " planned"
	}
	d := textout.Doc{Title: p.Title(), Lines: []string{when}}
	d.Add("", textout.Fields(
		textout.Field{Label: "Facilitator", Value: orDash(oneLine(p.Facilitator))},
		textout.Field{Label: "Leaders", Value: people(p.Leaders, "None")},
		textout.Field{Label: "Guests", Value: people(p.Guests, "None")},
	), textout.Para("Come with your Triad answers ready: Engineering — can we build it, how long will it take? "+
		"Product — should we build it, does it solve the problem? Sales / GTM — can we sell it, what will they pay?"))

	s := d.Add("Agenda")
	if len(p.Agenda) == 0 {
		s.Add(textout.Note("No agenda items yet."))
	}
	var items []textout.Item
	for i, it := range p.Agenda {
		line := strconv.Itoa(i+1) + ". " + orDash(oneLine(it.Title)) + " — " + plannedText(it.Planned)
		var under []string
		if pr := oneLine(it.Presenter); pr != "" {
			under = append(under, "Presented by "+pr)
		} else {
			under = append(under, "No presenter yet")
		}
		if k := oneLine(it.Kind); k != "" {
			under = append(under, k)
		}
		if !it.CarriedFrom.IsZero() {
			under = append(under, "Carried from "+it.CarriedFrom.Long())
		}
		if it.Questions != nil {
			under = append(under, "Feature proposal: each leader answers their Triad question")
		}
		if n := strings.TrimSpace(Clean(it.Notes)); n != "" {
			under = append(under, n)
		}
		items = append(items, textout.Item{Text: line, Under: under})
	}
	if len(items) > 0 {
		s.Add(textout.List(items...))
	}

	s = d.Add("Deal desk: awaiting sign-off")
	s.Add(dealList(p.Awaiting, p.SLA, p.Currency, "No request is waiting for the Tech Lead's sign-off."))

	s = d.Add("Roadmap debt check as it stands")
	if p.Debt == nil {
		s.Add(textout.Note("No debt check."))
	} else {
		s.Add(textout.Para(DebtHeadline(*p.Debt)), textout.Fields(DebtFields(*p.Debt)...))
	}

	s = d.Add("Open decisions")
	if len(p.OpenDecisions) == 0 {
		s.Add(textout.Note("No decision is waiting."))
	}
	for _, od := range p.OpenDecisions {
		s.Add(DecisionBlocks(od)...)
	}
	return d
}

// Markdown is the pre-read as Markdown, for "Copy as text".
func (p PreRead) Markdown() string { return PreReadDoc(p).Markdown() }

// PlainText is the pre-read as plain text.
func (p PreRead) PlainText() string { return PreReadDoc(p).Plain() }

// OpenDecisionOf is d as the pre-read and the follow-ups list it.
func OpenDecisionOf(d data.Decision) OpenDecision {
	return OpenDecision{Decision: decision(d), On: d.MeetingDate, Proposed: d.State == data.DecisionProposed}
}

// DecisionBlocks is one open decision: its question and when it was
// raised, the call (or that it is still to make), the positions stated so
// far and who is still to commit.
func DecisionBlocks(od OpenDecision) []textout.Block {
	title := orDash(oneLine(od.Question))
	if !od.On.IsZero() {
		title += " (raised " + od.On.Long() + ")"
	}
	out := []textout.Block{{Sub: title, Fields: decisionFields(od.Decision)}}
	var lines, stated []string
	for _, pos := range od.Positions {
		if pos.Stance != "" {
			stated = append(stated, oneLine(pos.Member)+": "+pos.Stance.Label())
		}
	}
	if len(stated) > 0 {
		lines = append(lines, "Positions so far: "+strings.Join(stated, "; "))
	}
	if c, _ := commitText(od.Decision); c != "" {
		lines = append(lines, c)
	}
	if len(lines) > 0 {
		out = append(out, textout.Para(strings.Join(lines, "\n")))
	}
	return out
}
