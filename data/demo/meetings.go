package demo

import (
	"context"
	"fmt"
	"time"

	"triad/data"
)

// itemSpec is one agenda item as it went in a sample meeting. An item whose
// title is already on the agenda (standing or carried over) is updated in
// place, so carry-over happens through the store's own rules.
type itemSpec struct {
	title     string
	kind      data.ItemKind
	presenter int // seat index (0 TL, 1 PM, 2 PMM); -1 nobody
	planned   int
	ran       int // minutes on the clock; 0 = not reached
	notes     string
	outcome   string
	outcomeT  data.OutcomeType
	carry     bool
	answers   *answerSpec
}

type answerSpec struct {
	canBuild, should, solves, canSell data.Verdict
	howLong                           string
	willPay                           string // what the PMM said; "" unanswered
}

type actionSpec struct {
	text     string
	owner    int // seat index
	dueIn    int // days after the meeting
	doneIn   int // days after the meeting it was done; -1 open
	fromItem string
}

type meetingSpec struct {
	absent  []int // seats not present
	guest   *data.Attendee
	items   []itemSpec
	actions []actionSpec
}

// standing minutes as they usually go: deal desk runs long.
var standingRan = map[string]int{"Deal desk": 12, "Roadmap debt check": 8, "Open decisions": 4, "Action items review": 6}

var paymentsWeeks = []meetingSpec{
	{
		items: []itemSpec{
			{title: "Deal desk", notes: "Acme Retail asks 18% off for a 3-year term; above threshold. Sofia to bring the margin view."},
			{title: "Checkout latency on mobile", kind: data.KindTopic, presenter: 0, planned: 15, ran: 17,
				notes:   "p95 checkout is 840 ms on Android, mostly the synchronous fraud check. Caching the device fingerprint saves ~300 ms.",
				outcome: "Move the fraud check off the critical path behind a flag.", outcomeT: data.OutcomeDecision},
			{title: "Saved cards for returning buyers", kind: data.KindFeatureProposal, presenter: 1, planned: 20, ran: 18,
				notes:   "Three of our top ten merchants asked for it this quarter. Vault provider already supports network tokens.",
				outcome: "Build it next quarter; PRD first.", outcomeT: data.OutcomeDecision,
				answers: &answerSpec{data.VerdictQualified, data.VerdictYes, data.VerdictYes, data.VerdictYes, "2 sprints", "18k a year"}},
			{title: "Q1 pricing page refresh", kind: data.KindTopic, presenter: 2, planned: 10},
		},
		actions: []actionSpec{
			{"Profile the fraud check on Android", 0, 7, 5, "Checkout latency on mobile"},
			{"Draft the saved-cards PRD", 1, 10, 9, "Saved cards for returning buyers"},
		},
	},
	{
		absent: []int{2},
		items: []itemSpec{
			{title: "Q1 pricing page refresh", ran: 9, notes: "Sofia sent notes ahead: two tiers instead of three; annual discount shown up front.",
				outcome: "Go with two tiers; Sofia drafts copy.", outcomeT: data.OutcomeAction},
			{title: "Invoice PDF redesign", kind: data.KindFeatureProposal, presenter: 1, planned: 15, ran: 16, carry: true,
				notes:   "Finance teams reject our invoices for missing VAT breakdowns. Needs merchant quotes before we commit.",
				answers: &answerSpec{canBuild: data.VerdictYes, howLong: "3 weeks", should: data.VerdictQualified}},
			{title: "Churn interviews readout", kind: data.KindInfo, presenter: 1, planned: 10, ran: 7,
				notes: "5 of 8 churned merchants cite payout timing, not price.", outcome: "Payout timing goes on next week's agenda.", outcomeT: data.OutcomeInfo},
		},
		actions: []actionSpec{
			{"Collect five merchant quotes on invoice PDFs", 2, 5, -1, "Invoice PDF redesign"},
			{"Estimate a template engine for invoices", 0, 7, 6, "Invoice PDF redesign"},
		},
	},
	{
		guest: &data.Attendee{Name: "Lee Chen", Email: "lee.chen@northwind.example", GuestRole: "Treasury", Present: true},
		items: []itemSpec{
			{title: "Invoice PDF redesign", ran: 11, notes: "Two merchant quotes in; both would pay for a compliant template.",
				answers: &answerSpec{canBuild: data.VerdictYes, howLong: "3 weeks", should: data.VerdictYes, solves: data.VerdictYes, canSell: data.VerdictQualified,
					willPay: "8 USD per merchant a month"},
				outcome: "Build after saved cards.", outcomeT: data.OutcomeDecision},
			{title: "Payout delays in the EU", kind: data.KindDecision, presenter: 0, planned: 15, ran: 21,
				notes:   "SEPA payouts miss the bank's 14:00 cut-off about twice a week. Lee: the bank offers a later cut-off for a fee.",
				outcome: "Ask the bank for the late cut-off price before deciding.", outcomeT: data.OutcomeAction},
		},
		actions: []actionSpec{
			{"Ask the bank for the SEPA late cut-off price", 1, 4, -1, "Payout delays in the EU"},
			{"Update the status page copy on payout timing", 2, 12, -1, "Payout delays in the EU"},
		},
	},
	{
		items: []itemSpec{
			{title: "Apple Pay in checkout", kind: data.KindFeatureProposal, presenter: 1, planned: 20, ran: 19,
				notes:   "Mobile conversion gap vs. competitors is 6 points; Apple Pay is the top request in win/loss notes.",
				answers: &answerSpec{data.VerdictYes, data.VerdictYes, data.VerdictYes, data.VerdictYes, "1 sprint", "$42,000 a year per bank"},
				outcome: "Build it now; saved cards moves one sprint.", outcomeT: data.OutcomeDecision},
			{title: "Dispute handling backlog", kind: data.KindRoadmap, presenter: 0, planned: 10, ran: 6, carry: true,
				notes: "Backlog is 140 disputes; the auto-evidence job fails on partial refunds."},
		},
		actions: []actionSpec{
			{"Spike Apple Pay merchant validation", 0, 10, -1, "Apple Pay in checkout"},
			{"Fix the auto-evidence job for partial refunds", 0, 5, 4, "Dispute handling backlog"},
		},
	},
}

// nextWeek is added to the upcoming draft after its standing and carried items.
var nextWeek = []itemSpec{
	{title: "Multi-currency payouts", kind: data.KindFeatureProposal, presenter: 1, planned: 20,
		notes: "Merchants selling in GBP and SEK want payouts without conversion."},
	{title: "Checkout A/B test results", kind: data.KindInfo, presenter: 2, planned: 10},
}

var mobileWeeks = []meetingSpec{
	{
		items: []itemSpec{
			{title: "Offline mode for order entry", kind: data.KindFeatureProposal, presenter: 1, planned: 20, ran: 24,
				notes:   "Field reps lose orders in basements and rural areas. Sync conflicts are the hard part.",
				answers: &answerSpec{canBuild: data.VerdictQualified, howLong: "6 weeks", should: data.VerdictYes, solves: data.VerdictYes},
				outcome: "Kenji to scope the sync model first.", outcomeT: data.OutcomeAction, carry: true},
			{title: "App store rating dip", kind: data.KindTopic, presenter: 2, planned: 10},
		},
		actions: []actionSpec{{"Write up the offline sync options", 0, 7, -1, "Offline mode for order entry"}},
	},
	{items: []itemSpec{{title: "Offline mode for order entry", ran: 12, notes: "Last-writer-wins is fine for notes, not for quantities."},
		{title: "Release train to two weeks", kind: data.KindDecision, presenter: 0, planned: 10, ran: 8, outcome: "Two-week trains from January.", outcomeT: data.OutcomeDecision}}},
	{items: []itemSpec{{title: "Push notifications for order status", kind: data.KindTopic, presenter: 1, planned: 15, ran: 15}},
		actions: []actionSpec{{"Draft the notification opt-in copy", 2, 9, -1, "Push notifications for order status"}}},
	{items: []itemSpec{{title: "Crash rate on Android 15", kind: data.KindTopic, presenter: 0, planned: 10, ran: 13}}},
}

// sampleMeetings are each sample pod's last four meetings and what is
// already on the next agenda.
var sampleMeetings = map[string]struct {
	weeks []meetingSpec
	next  []itemSpec
}{
	"Payments":   {paymentsWeeks, nextWeek},
	"Mobile App": {mobileWeeks, nil},
}

// fillMeetings runs the pod's past meetings as they happened, oldest
// first, and prepares the next one: closed meetings with notes, answers,
// time on the clock and action items (some done, some overdue), carried-over
// items, and the upcoming draft with its standing items.
func fillMeetings(ctx context.Context, s Store, pod data.Pod, now time.Time) error {
	weeks, next := sampleMeetings[pod.Name].weeks, sampleMeetings[pod.Name].next
	meetings, err := s.Meetings(ctx, pod.ID)
	if err != nil {
		return err
	}
	// Oldest first; the newest is the upcoming draft.
	for i, j := 0, len(meetings)-1; i < j; i, j = i+1, j-1 {
		meetings[i], meetings[j] = meetings[j], meetings[i]
	}
	for i, m := range meetings {
		if i < len(weeks) && m.Date.Before(data.DateOf(now)) {
			if err := runSample(ctx, s, pod, m, weeks[i]); err != nil {
				return fmt.Errorf("sample meeting of %s: %w", m.Date, err)
			}
			continue
		}
		r, err := s.MeetingRun(ctx, m.ID) // prepares standing and carried items
		if err != nil {
			return err
		}
		for _, spec := range next {
			if _, err := upsertItem(ctx, s, r, spec); err != nil {
				return err
			}
		}
	}
	return nil
}

func runSample(ctx context.Context, s Store, pod data.Pod, m data.Meeting, spec meetingSpec) error {
	r, err := s.MeetingRun(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, a := range r.Attendees {
		present := true
		for _, seat := range spec.absent {
			if a.Role == data.Roles[seat] {
				present = false
			}
		}
		if err := s.SetPresent(ctx, a.ID, present); err != nil {
			return err
		}
	}
	if spec.guest != nil {
		if _, err := s.AddGuest(ctx, m.ID, *spec.guest); err != nil {
			return err
		}
	}
	if r, err = s.MeetingRun(ctx, m.ID); err != nil {
		return err
	}
	ids := map[string]int64{}
	for _, is := range spec.items {
		id, err := upsertItem(ctx, s, r, is)
		if err != nil {
			return err
		}
		ids[is.title] = id
	}
	if r, err = s.MeetingRun(ctx, m.ID); err != nil {
		return err
	}
	// Run the clock through the agenda in order: standing items take their
	// usual time, the others what the spec says; unlisted items are not reached.
	at := m.Date.Time(time.Local).Add(time.Duration(pod.MeetingTime) * time.Minute)
	started := false
	for _, it := range r.Items {
		minutes := standingRan[it.Title]
		for _, is := range spec.items {
			if is.title == it.Title {
				minutes = is.ran
			}
		}
		if it.Standing == data.StandingNone && minutes == 0 {
			continue
		}
		if minutes == 0 {
			minutes = 3
		}
		if !started {
			if err := s.StartMeeting(ctx, m.ID, at); err != nil {
				return err
			}
			started = true
			if it.ID != r.Items[0].ID {
				if err := s.GoToItem(ctx, m.ID, it.ID, at); err != nil {
					return err
				}
			}
		} else if err := s.GoToItem(ctx, m.ID, it.ID, at); err != nil {
			return err
		}
		at = at.Add(time.Duration(minutes)*time.Minute + 20*time.Second)
	}
	for _, as := range spec.actions {
		owner := attendeeOf(r, as.owner)
		a, err := s.AddActionItem(ctx, data.ActionItem{MeetingID: m.ID, Text: as.text, OwnerID: owner,
			Due: m.Date.AddDays(as.dueIn), AgendaItemID: ids[as.fromItem]})
		if err != nil {
			return err
		}
		if as.doneIn >= 0 {
			done := m.Date.AddDays(as.doneIn).Time(time.Local).Add(15 * time.Hour)
			if err := s.SetActionDone(ctx, a.ID, true, done); err != nil {
				return err
			}
		}
	}
	by := ""
	if pm := r.Pod.Leader(data.RoleProduct); pm != nil {
		by = pm.Name // the Product Manager facilitates and closes the meeting
	}
	return s.CloseMeeting(ctx, m.ID, at, by)
}

func attendeeOf(r data.MeetingRun, seat int) int64 {
	if seat < 0 {
		return 0
	}
	for _, a := range r.Attendees {
		if a.Role == data.Roles[seat] {
			return a.ID
		}
	}
	return 0
}

// upsertItem updates the agenda item with spec's title, or adds it.
func upsertItem(ctx context.Context, s Store, r data.MeetingRun, spec itemSpec) (int64, error) {
	var it data.AgendaItem
	found := false
	for _, x := range r.Items {
		if x.Title == spec.title {
			it, found = x, true
		}
	}
	if !found {
		it = data.AgendaItem{MeetingID: r.Meeting.ID, Title: spec.title, Kind: spec.kind, PlannedMinutes: spec.planned,
			PresenterID: attendeeOf(r, spec.presenter)}
		var err error
		if it, err = s.AddAgendaItem(ctx, it); err != nil {
			return 0, err
		}
	}
	if spec.notes != "" {
		it.Notes = spec.notes
	}
	it.Outcome, it.OutcomeType, it.CarryOver = spec.outcome, spec.outcomeT, spec.carry
	if a := spec.answers; a != nil {
		it.Answers.CanBuild, it.Answers.ShouldBuild, it.Answers.SolvesProblem, it.Answers.CanSell = a.canBuild, a.should, a.solves, a.canSell
		it.Answers.HowLong = a.howLong
		if a.canBuild != "" {
			it.Answers.EngineeringBy = attendeeOf(r, 0)
		}
		if a.should != "" || a.solves != "" {
			it.Answers.ProductBy = attendeeOf(r, 1)
		}
		if a.canSell != "" || a.willPay != "" {
			it.Answers.MarketBy = attendeeOf(r, 2)
		}
		it.Answers.SetWillPay(a.willPay)
	}
	return it.ID, s.UpdateAgendaItem(ctx, it)
}
