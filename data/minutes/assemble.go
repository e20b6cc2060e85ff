package minutes

import (
	"context"
	"sort"
	"strings"
	"time"

	"triad/data"
	"triad/data/chart"
)

// Source is what the minutes read from the store. *sqlite.DB satisfies
// it. A meeting's minutes come from one MinutesRecord, read in one
// read-only transaction: frozen at close for a closed meeting, live for
// one that is not, and never written by reading.
type Source interface {
	Pods(ctx context.Context) ([]data.Pod, error)
	Meetings(ctx context.Context, podID int64) ([]data.Meeting, error)
	MinutesRecord(ctx context.Context, meetingID int64) (data.MinutesRecord, error)
}

// Options are the assembly's outside inputs.
type Options struct {
	// Now is the clock, used only for a meeting that is not closed yet:
	// a closed meeting's minutes are as things stood when it ended, and
	// say they were generated then.
	Now func() time.Time
}

// FindPod returns the pod named pod (case-insensitive, spaces folded),
// with an error naming the pods there are when there is none.
func FindPod(ctx context.Context, src Source, pod string) (data.Pod, error) {
	pods, err := src.Pods(ctx)
	if err != nil {
		return data.Pod{}, err
	}
	want := strings.ToLower(data.CleanLine(pod))
	var names []string
	for _, p := range pods {
		names = append(names, p.Name)
		if strings.ToLower(data.CleanLine(p.Name)) == want {
			return p, nil
		}
	}
	if len(names) == 0 {
		return data.Pod{}, data.NotFoundf("No pod named %q: the database has no pods", pod)
	}
	return data.Pod{}, data.NotFoundf("No pod named %q (pods: %s)", pod, strings.Join(names, ", "))
}

// FindMeeting returns the meeting of the pod named pod (case-insensitive,
// spaces folded) on date, with an error naming what was not found.
func FindMeeting(ctx context.Context, src Source, pod string, date data.Date) (data.Meeting, error) {
	p, err := FindPod(ctx, src, pod)
	if err != nil {
		return data.Meeting{}, err
	}
	ms, err := src.Meetings(ctx, p.ID)
	if err != nil {
		return data.Meeting{}, err
	}
	for _, m := range ms {
		if m.Date.Equal(date) {
			return m, nil
		}
	}
	return data.Meeting{}, data.NotFoundf("Pod %q has no meeting on %s", p.Name, date)
}

// Assemble reads one meeting's record from src and builds its minutes.
func Assemble(ctx context.Context, src Source, meetingID int64, opt Options) (Minutes, error) {
	rec, err := src.MinutesRecord(ctx, meetingID)
	if err != nil {
		return Minutes{}, err
	}
	return FromRecord(rec, opt), nil
}

// FromRecord builds the minutes of rec's meeting. Times are printed in the
// pod's zone, so the same record gives the same minutes on any laptop.
func FromRecord(rec data.MinutesRecord, opt Options) Minutes {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	run := rec.Run
	meeting := run.Meeting
	pod := run.Pod
	meetings := rec.Meetings // newest first
	rm := rec.Roadmap
	settings := rm.Settings
	loc := data.PodLocation(pod)

	// asOf is the moment the minutes describe: the meeting's end, or now
	// while it is still open. since is where "since the last meeting" starts.
	now := opt.Now()
	asOf := data.MinutesAsOf(meeting, now)
	since, prev, next := data.MinutesWindow(meeting, meetings)

	m := Minutes{
		Pod:      pod.Name,
		Date:     meeting.Date,
		Currency: settings.Currency,
	}
	if !meeting.StartedAt.IsZero() {
		m.Start = meeting.StartedAt.In(loc)
	}
	if !meeting.EndedAt.IsZero() {
		m.End = meeting.EndedAt.In(loc)
	}
	if meeting.Status == data.MeetingClosed && !meeting.EndedAt.IsZero() {
		m.GeneratedAt = meeting.EndedAt.In(loc) // a closed meeting's record is as of its close
	} else {
		m.GeneratedAt = now.In(loc)
	}
	switch {
	case meeting.Status == data.MeetingDraft && rec.Preview:
		m.Draft = "The meeting has not been held: this is the agenda it would open with."
	case meeting.Status == data.MeetingDraft:
		m.Draft = "The meeting has not been held yet."
	case meeting.Status == data.MeetingInProgress:
		m.Draft = "The meeting is still in progress: these are not its final minutes."
	}
	if rec.Rebuilt {
		m.Notice = "This meeting closed before Triad froze a record at close: the deal desk, roadmap and decisions below are read from the current data and may differ from what stood then."
	}
	for _, e := range data.StatusHistory(run.Events) {
		m.History = append(m.History, e.Describe(loc))
	}
	if pm := pod.Leader(data.RoleProduct); pm != nil {
		m.Facilitator = pm.Name // the Product Manager runs the meeting
	}
	m.Attendance = attendance(run.Attendees)
	m.Agenda = agendaItems(run)
	m.AgendaTaken = agendaTaken(run.Items)
	markCarriesOver(m.Agenda, run)

	for _, d := range rec.Decisions {
		if d.MeetingID == meeting.ID {
			m.Decisions = append(m.Decisions, decision(d))
			markLogged(m.Agenda, run.Items, d.AgendaItemID)
		}
	}
	for _, c := range rec.LateCommitments {
		lc := LateCommitment{Question: c.Question, DecidedOn: c.MeetingDate, Member: c.Name, Role: c.Role.Title(), At: c.At.In(loc)}
		switch c.Commitment {
		case data.Commit:
			lc.Commitment = Commit
		case data.DisagreeAndCommit:
			lc.Commitment = DisagreeAndCommit
		}
		m.LateCommitments = append(m.LateCommitments, lc)
	}

	m.DealDesk = dealDesk(rec.Deals, settings, since, asOf, loc)

	m.Roadmap, m.Charts = roadmapSection(rm, meeting)
	m.Revenue = revenueGoals(rm, meeting.Date)
	var cheers []string
	for i := len(rm.Celebrations) - 1; i >= 0; i-- { // newest first in the roadmap
		c := rm.Celebrations[i]
		if c.CrossedOn.After(meeting.Date) || (prev.ID != 0 && !c.CrossedOn.After(prev.Date)) {
			continue
		}
		cheers = append(cheers, c.Line())
	}
	m.Celebrate = strings.Join(cheers, " ")

	m.Actions = SortActions(rec.Actions, meeting, since, asOf)

	if next.ID != 0 {
		m.NextMeeting = next.Date
	} else {
		var taken []data.Date
		for _, o := range meetings {
			taken = append(taken, o.Date)
		}
		m.NextMeeting = data.NextMeetingDate(pod.MeetingDay, meeting.Date.AddDays(1), taken)
	}
	return m
}

func attendance(as []data.Attendee) Attendance {
	var a Attendance
	for _, at := range as {
		p := Person{Name: at.Name, Email: at.Email}
		switch {
		case at.IsGuest():
			p.Role = at.GuestRole
			if at.Present {
				a.Guests = append(a.Guests, p)
			}
		case at.Present:
			p.Role = at.Role.Title()
			a.Present = append(a.Present, p)
		default:
			p.Role = at.Role.Title()
			a.Absent = append(a.Absent, p)
		}
	}
	return a
}

func agendaItems(run data.MeetingRun) []AgendaItem {
	name := func(id int64) string {
		if a, ok := run.Attendee(id); ok {
			return a.Name
		}
		return ""
	}
	out := make([]AgendaItem, 0, len(run.Items))
	for _, it := range run.Items {
		ai := AgendaItem{
			Title:       it.Title,
			Presenter:   name(it.PresenterID),
			Kind:        it.Kind.Label(),
			Planned:     it.PlannedMinutes,
			Actual:      (it.ActualSeconds + 30) / 60,
			CarriedFrom: it.CarriedFrom,
			Notes:       it.Notes,
			Outcome:     it.Outcome,
			OutcomeType: outcomeOf(it.OutcomeType),
		}
		if section := standingSection(it.Standing); section != "" && it.OutcomeType == data.OutcomeNone &&
			strings.TrimSpace(it.Outcome) == "" && it.Reached() {
			// A standing item's outcome is its section of the minutes.
			ai.OutcomeType, ai.Outcome = OutcomeNoted, "see "+section+" below."
		}
		if it.ActualSeconds > 0 && ai.Actual == 0 {
			ai.Actual = 1 // under half a minute still shows it was discussed
		}
		if it.Kind == data.KindFeatureProposal {
			a := it.Answers
			q := &TriadAnswers{
				CanBuild:      verdict(data.QuestionCanBuild, a.CanBuild),
				HowLong:       a.HowLong,
				EngineerBy:    name(a.EngineeringBy),
				ShouldBuild:   verdict(data.QuestionShouldBuild, a.ShouldBuild),
				SolvesProblem: data.QuestionSolvesProblem.Label(a.SolvesProblem),
				ProductBy:     name(a.ProductBy),
				CanSell:       verdict(data.QuestionCanSell, a.CanSell),
				GTMBy:         name(a.MarketBy),
				WillPaySaid:   a.WillPayText,
			}
			if a.WillPay != nil {
				q.WillPay = *a.WillPay
			}
			ai.Questions = q
		}
		out = append(out, ai)
	}
	return out
}

// standingSection is the section of the minutes that reports a standing item.
func standingSection(k data.StandingKind) string {
	switch k {
	case data.StandingDealDesk:
		return "Deal desk"
	case data.StandingRoadmapDebt:
		return "Roadmap debt check"
	case data.StandingOpenDecisions:
		return "Decisions"
	case data.StandingActionReview:
		return "Action items"
	}
	return ""
}

// outcomeOf names the kind of outcome the facilitator chose.
func outcomeOf(o data.OutcomeType) Outcome {
	switch o {
	case data.OutcomeInfo:
		return OutcomeNoted
	case data.OutcomeDecision:
		return OutcomeDecision
	case data.OutcomeAction:
		return OutcomeAction
	case data.OutcomeNone:
		return OutcomeNone
	}
	return Outcome(o.Label()) // a type this build does not know: as it reads on screen
}

// verdict words a Triad answer the way the meeting screen does; the
// middle answer of "should we build it" is "Later", not "With changes".
func verdict(q data.Question, v data.Verdict) Verdict {
	switch v {
	case data.VerdictYes:
		return VerdictYes
	case data.VerdictNo:
		return VerdictNo
	case data.VerdictQualified:
		if l := q.Label(v); l != "With changes" {
			return Verdict(l)
		}
		return VerdictWithChanges
	}
	return VerdictUnanswered
}

func decision(d data.Decision) Decision {
	out := Decision{Question: d.Question, Why: d.Rationale, Decider: d.DeciderName}
	for i, o := range d.Options {
		out.Options = append(out.Options, o.Title)
		if i+1 == d.Chosen {
			out.Chosen = o.Title
		}
	}
	if d.State == data.DecisionProposed {
		out.Chosen = ""
	}
	for _, p := range d.Perspectives {
		pos := Position{Member: p.Name, Role: p.Role.Title(), Reasoning: p.Reasoning}
		switch p.Position {
		case data.PositionAgree:
			pos.Stance = StanceAgree
		case data.PositionDisagree:
			pos.Stance = StanceDisagree
		case data.PositionAbstain:
			pos.Stance = StanceAbstain
		}
		switch {
		case p.Commitment == data.Commit:
			pos.Commitment = Commit
		case p.Commitment == data.DisagreeAndCommit:
			pos.Commitment = DisagreeAndCommit
		case d.State == data.DecisionDecided:
			pos.Commitment = CommitmentOutstanding
		}
		out.Positions = append(out.Positions, pos)
	}
	return out
}

// dealDesk is the desk as it stood at asOf: the requests received since
// the last meeting and those still waiting for a sign-off (overdue ones
// first), and the sign-offs given since the last meeting with who signed
// and how long it took. States are read from each request's history, so
// minutes of an earlier week show that week's state, not today's.
func dealDesk(deals []data.DealRecord, s data.Settings, since, asOf time.Time, loc *time.Location) DealDesk {
	dd := DealDesk{Threshold: s.DealThreshold, SLA: s.SignOffSLA}
	all := append([]data.DealRecord(nil), deals...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Request.ReceivedAt.Before(all[j].Request.ReceivedAt) })
	var overdue, received []DealRequest
	for _, dr := range all {
		r := dr.Request
		if r.ReceivedAt.After(asOf) {
			continue
		}
		settled := !r.DecidedAt.IsZero() && r.DecidedAt.Before(since) && r.State != data.DealPending
		// An edit this week that changed whether an older request needs a
		// sign-off is news for the meeting, whatever state it left.
		flippedSince := r.SignOffChange != data.SignOffUnchanged && !r.SignOffChangedAt.Before(since) && !r.SignOffChangedAt.After(asOf)
		if r.ReceivedAt.Before(since) && (settled || r.State == data.DealWithdrawn || r.State == data.DealNoSignOff) && !flippedSince {
			continue // dealt with before the last meeting
		}
		events := dr.History
		state := r.State
		for i, e := range events { // oldest first; the first records the request as received
			if i > 0 && e.At.After(asOf) {
				break
			}
			state = e.To
			if e.From != e.To && !e.At.Before(since) && (e.To == data.DealApproved || e.To == data.DealRejected) {
				// Time to sign-off counts the round that ended here, not the
				// time the rep spent on requested changes.
				round := data.SignOffClock(r, events[:i], e.At)
				dd.SignOffs = append(dd.SignOffs, SignOff{Customer: r.Summary(), Value: r.Value,
					Approved: e.To == data.DealApproved, Approver: e.Actor, OnBehalfOf: e.OnBehalfOf,
					RecordedBy: e.RecordedBy, Took: round.Waited(e.At).Truncate(time.Minute)})
			}
		}
		req, waiting := requestAt(r, events, state, asOf, loc)
		switch {
		case req.Overdue:
			overdue = append(overdue, req)
		case !r.ReceivedAt.Before(since) || waiting || flippedSince:
			received = append(received, req)
		}
	}
	sort.SliceStable(overdue, func(i, j int) bool { return overdue[i].Waiting > overdue[j].Waiting })
	dd.Requests = append(overdue, received...)
	return dd
}

// requestAt is r as the minutes list it at asOf, in state, and whether its
// sign-off clock was running then.
func requestAt(r data.DealRequest, events []data.DealEvent, state data.DealState, asOf time.Time, loc *time.Location) (DealRequest, bool) {
	clock := data.SignOffClock(r, events, asOf)
	req := DealRequest{Customer: r.Summary(), Value: r.Value, Ask: r.Features, RequestedBy: r.RepName, State: state.Label()}
	if t := strings.TrimSpace(r.Terms); t != "" {
		req.Ask = strings.TrimSpace(req.Ask + "\nTerms: " + t)
	}
	dealTimes(&req, r, events, clock, asOf, loc)
	waiting := clock.Running()
	if waiting {
		req.State = "Awaiting sign-off"
		req.Waiting = clock.Waited(asOf).Truncate(time.Minute)
		req.Overdue = clock.Overdue(asOf)
	}
	return req, waiting
}

// dealTimes fills in when a request was received, when its current round
// started if it was resubmitted or reopened, when it is due, whether its
// clock is paused, and the edit that changed whether it needs a sign-off,
// as they stood at asOf.
func dealTimes(req *DealRequest, r data.DealRequest, events []data.DealEvent, clock data.SLAClock, asOf time.Time, loc *time.Location) {
	req.Received = r.ReceivedAt.In(loc)
	if !clock.Due.IsZero() {
		req.Due = clock.Due.In(loc)
	}
	req.Paused = clock.Paused
	for i, e := range events {
		if i > 0 && e.At.After(asOf) {
			break
		}
		if i > 0 && clock.Restarted && e.At.Equal(clock.Start) && e.To == data.DealPending {
			req.Round = e.At.In(loc)
			switch e.From {
			case data.DealChangesRequested:
				req.RoundLabel = "Resubmitted"
			case data.DealNoSignOff:
				req.RoundLabel = "Needs sign-off since"
			default:
				req.RoundLabel = "Reopened"
			}
		}
		if e.SignOffChange != data.SignOffUnchanged {
			req.SignOffEdit = e.SignOffChange.Label() + " on " + e.At.In(loc).Format(timeLayout)
			if c := data.ChangesText(e.Changes); c != "" {
				req.SignOffEdit += ": " + c
			}
		}
	}
}

// timeLayout is how the minutes print a moment: "Mon 30 Nov 09:00 UTC".
const timeLayout = "Mon 2 Jan 15:04 MST"

// markLogged marks the agenda item with id (items are run's, in the
// order of the minutes' agenda) as the source of a logged decision.
func markLogged(agenda []AgendaItem, items []data.AgendaItem, id int64) {
	for i, it := range items {
		if id != 0 && it.ID == id && i < len(agenda) {
			agenda[i].Logged = true
		}
	}
}

// markCarriesOver marks the items that come back at the next meeting. A
// closed meeting's are settled; while it runs, only the items marked
// "carry over" are certain to.
func markCarriesOver(items []AgendaItem, run data.MeetingRun) {
	closed := run.Meeting.Status == data.MeetingClosed
	for i, it := range run.Items {
		if i >= len(items) {
			break
		}
		items[i].CarriesOver = it.Standing == data.StandingNone && ((closed && it.CarriesOver()) || it.CarryOver)
	}
}

// roadmapSection is this meeting's debt-check snapshot and the trend
// charts as they stood on the meeting's day.
func roadmapSection(rm data.Roadmap, meeting data.Meeting) (*DebtCheck, []chart.Figure) {
	var check *DebtCheck
	quota := rm.Settings.MaintenanceQuota
	var points []chart.DebtPoint
	for _, s := range rm.Snapshots { // oldest first
		if s.MeetingDate.After(meeting.Date) {
			continue
		}
		points = append(points, chart.DebtPoint{Date: s.MeetingDate, Ratio: s.Check.Ratio, Band: s.Check.Band})
		if s.MeetingID != meeting.ID {
			continue
		}
		quota = s.Check.Quota
		dc := debtCheck(s.Check)
		dc.Response = PMMResponse{By: s.RespondedBy, Comment: s.Comment}
		switch s.Response {
		case data.ResponseAccepted:
			dc.Response.State = ResponseAccepted
		case data.ResponseDisputed:
			dc.Response.State = ResponseDisputed
		}
		check = dc
	}
	charts := []chart.Figure{chart.DebtTrend(points, quota)}
	if series := revenueSeries(rm, meeting.Date); len(series) > 0 {
		charts = append(charts, chart.RevenueTrend(series, rm.Settings.RevenueGoal, rm.Settings.Currency, meeting.Date))
	}
	return check, charts
}

// debtCheck is a check as the minutes print it, without the PMM's answer.
func debtCheck(c data.DebtCheck) *DebtCheck {
	dc := &DebtCheck{
		Ratio:     c.Ratio,
		Quota:     c.Quota,
		Band:      band(c.Band),
		Shortfall: c.Advice(),
		Counts: []Count{
			{Label: "Maintenance items", N: c.MaintenanceItems},
			{Label: "Feature items", N: c.FeatureItems},
		},
	}
	if note := c.UnestimatedNote(); note != "" {
		dc.Shortfall += " " + note + "."
	}
	if c.Band != data.BandNoPlan {
		dc.Shortfall = c.Window.String() + ": " + dc.Shortfall
	}
	return dc
}

func band(b data.DebtBand) Band {
	switch b {
	case data.BandOnTarget:
		return BandGreen
	case data.BandClose:
		return BandAmber
	case data.BandOffTarget:
		return BandRed
	}
	return Band(b.Label())
}

// shippedBy lists the features shipped on or before day with the revenue
// booked on or before it, closest to their goal first.
func shippedBy(rm data.Roadmap, day data.Date) []data.FeatureRevenue {
	realized := map[int64]data.Money{}
	for _, e := range rm.Entries {
		if !e.Date.After(day) {
			realized[e.ItemID] += e.Amount
		}
	}
	var items []data.RoadmapItem
	for _, it := range rm.Items {
		if it.ShippedOn.IsZero() || it.ShippedOn.After(day) {
			continue
		}
		it.RealizedARR = realized[it.ID]
		if !it.GoalReachedOn.IsZero() && it.GoalReachedOn.After(day) {
			it.GoalReachedOn = data.Date{}
		}
		items = append(items, it)
	}
	return data.RevenueProgress(items, rm.Settings.RevenueGoal)
}

func revenueGoals(rm data.Roadmap, day data.Date) []RevenueGoal {
	var out []RevenueGoal
	for _, fr := range shippedBy(rm, day) {
		out = append(out, RevenueGoal{Feature: fr.Item.Title, Goal: fr.Goal, Actual: fr.Realized})
	}
	return out
}

// revenueSeries is each shipped feature's running total up to day, in
// ship order, as the roadmap tab charts it.
func revenueSeries(rm data.Roadmap, day data.Date) []chart.RevenueSeries {
	progress := shippedBy(rm, day)
	sort.SliceStable(progress, func(i, j int) bool { return progress[i].Item.ShippedOn.Before(progress[j].Item.ShippedOn) })
	var out []chart.RevenueSeries
	for _, fr := range progress {
		var es []data.ARREntry
		for _, e := range rm.Entries {
			if e.ItemID == fr.Item.ID && !e.Date.After(day) {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			out = append(out, chart.RevenueSeries{Name: fr.Item.Title, Points: data.CumulativeARR(es), Goal: fr.Goal})
		}
	}
	return out
}

// SortActions groups a pod's action items the way the meeting reviews
// them, as they stood at asOf: agreed in this meeting; done since the last
// meeting (since); and the others still open, overdue when their due date
// is before the meeting's day, carried over otherwise. Actions from later
// meetings are left out.
func SortActions(all []data.ActionItem, meeting data.Meeting, since, asOf time.Time) Actions {
	var a Actions
	for _, it := range all {
		item := ActionItem{Text: it.Text, Owner: it.OwnerName, OwnerID: it.OwnerID, Due: it.Due, Changes: actionChanges(it, since, asOf)}
		doneBy := !it.DoneAt.IsZero() && !it.DoneAt.After(asOf)
		switch {
		case it.MeetingID == meeting.ID:
			if doneBy {
				item.DoneOn = data.DateOf(it.DoneAt)
			}
			a.New = append(a.New, item)
		case !it.MeetingDate.Before(meeting.Date):
			// raised in a later meeting (or another on the same day)
		case doneBy && it.DoneAt.After(since):
			item.DoneOn = data.DateOf(it.DoneAt)
			a.Done = append(a.Done, item)
		case doneBy:
			// done before the last meeting: already reported
		case !it.Due.IsZero() && it.Due.Before(meeting.Date):
			item.CarriedFrom = it.MeetingDate
			a.Overdue = append(a.Overdue, item)
		default:
			item.CarriedFrom = it.MeetingDate
			a.CarriedOver = append(a.CarriedOver, item)
		}
	}
	sort.SliceStable(a.Overdue, func(i, j int) bool { return a.Overdue[i].Due.Before(a.Overdue[j].Due) })
	sort.SliceStable(a.CarriedOver, func(i, j int) bool { return dueFirst(a.CarriedOver[i], a.CarriedOver[j]) })
	return a
}

// actionChanges words an action's re-datings and reassignments between
// since and asOf. Ticking off shows as the Done group; it is not repeated.
func actionChanges(a data.ActionItem, since, asOf time.Time) []string {
	var out []string
	for _, e := range a.History {
		if e.Field == data.ActionFieldDone || e.At.Before(since) || e.At.After(asOf) {
			continue
		}
		out = append(out, e.Text()+" by "+e.Actor+", "+data.DateOf(e.At).Long())
	}
	return out
}

func dueFirst(x, y ActionItem) bool {
	if x.Due.IsZero() != y.Due.IsZero() {
		return !x.Due.IsZero()
	}
	return x.Due.Before(y.Due)
}

// agendaTaken sums the items' clock time in seconds and rounds once, to
// the nearest minute, as the meeting's clock shows it.
func agendaTaken(items []data.AgendaItem) int {
	seconds := 0
	for _, it := range items {
		seconds += max(it.ActualSeconds, 0)
	}
	return (seconds + 30) / 60
}
