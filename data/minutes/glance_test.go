package minutes

import (
	"strings"
	"testing"
	"time"

	"triad/data"
)

// glanceMinutes holds one of everything "At a glance" counts: three agenda
// items (a logged decision's, an outcome decided in the room and never
// logged, and one that carries over), a decision taken with dissent and a
// proposal still open, the deal desk's requests and sign-offs, every group
// of action items and a late commitment.
func glanceMinutes() Minutes {
	return Minutes{
		Pod: "Payments", Date: data.NewDate(2026, 11, 26), Currency: "USD",
		Agenda: []AgendaItem{
			{Title: "Multi-currency payouts", OutcomeType: OutcomeDecision, Outcome: "EUR first", Logged: true},
			{Title: "Refund window", OutcomeType: OutcomeDecision, Outcome: "30 days, agreed in the room"},
			{Title: "Checkout A/B test", CarriesOver: true},
		},
		Decisions: []Decision{
			{Question: "Which currency first?", Options: []string{"EUR", "GBP"}, Chosen: "EUR",
				Positions: []Position{{Member: "Priya Raman", Stance: StanceDisagree, Commitment: DisagreeAndCommit}}},
			{Question: "Drop the legacy API?", Options: []string{"Yes", "No"}},
		},
		DealDesk: DealDesk{
			Requests: []DealRequest{{Customer: "Globex", Overdue: true}, {Customer: "Initech"}},
			SignOffs: []SignOff{{Customer: "Acme", Approved: true}, {Customer: "Umbrella"}},
		},
		Actions: Actions{
			New:         []ActionItem{{Text: "Draft the EUR plan"}, {Text: "Tell support"}},
			CarriedOver: []ActionItem{{Text: "Price the GBP rollout"}},
			Overdue:     []ActionItem{{Text: "Fix the refund report"}},
			Done:        []ActionItem{{Text: "a"}, {Text: "b"}, {Text: "c"}},
		},
		LateCommitments: []LateCommitment{{Question: "Sunset v1?", Member: "Sam Lee", Commitment: Commit}},
	}
}

// "At a glance" counts what the minutes' sections hold: the decisions the
// agenda's outcomes took beside the log's (once each), the proposals still
// open, the sign-offs, and the action items group by group.
func TestAtAGlanceCountsWhatTheMinutesHold(t *testing.T) {
	m := glanceMinutes()
	want := "3 agenda items (1 carries over) · 2 decisions (1 with dissent), 1 still open · " +
		"2 deal requests (1 overdue), 1 approved, 1 turned down · " +
		"action items: 2 new, 1 carried over, 1 overdue, 3 done · 1 late commitment"
	if got := glanceText(&m); got != want {
		t.Errorf("at a glance:\n got %q\nwant %q", got, want)
	}
	first := pdfPages(t, render(t, m))[0]
	if !strings.Contains(first, "At a glance: "+want) {
		t.Errorf("the PDF's first page does not print the glance:\n%s", first)
	}

	m.Agenda[0].Logged = false // the outcome and the log's decision counted apart
	if got := glanceDecisions(&m); !strings.HasPrefix(got, "3 decisions") {
		t.Errorf("an unlogged decision outcome beside the log's: %q, want 3 decisions", got)
	}
	if got := glanceActions(Actions{}); got != "action items: 0 new" {
		t.Errorf("no action items: %q", got)
	}
}

// An agenda item is marked as the source of a logged decision only when
// the log's decision names it, so its outcome is not counted twice.
func TestFromRecordMarksTheItemsALoggedDecisionCameFrom(t *testing.T) {
	meeting := data.Meeting{ID: 7, PodID: 1, Date: data.NewDate(2026, 11, 26), Status: data.MeetingClosed,
		StartedAt: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC), EndedAt: time.Date(2026, 11, 26, 11, 0, 0, 0, time.UTC)}
	rec := data.MinutesRecord{
		Run: data.MeetingRun{Meeting: meeting, Pod: data.Pod{ID: 1, Name: "Payments"}, Items: []data.AgendaItem{
			{ID: 11, MeetingID: 7, Title: "Multi-currency payouts", OutcomeType: data.OutcomeDecision},
			{ID: 12, MeetingID: 7, Title: "Refund window", OutcomeType: data.OutcomeDecision},
		}},
		Meetings:  []data.Meeting{meeting},
		Decisions: []data.Decision{{ID: 3, MeetingID: 7, AgendaItemID: 11, Question: "Which currency first?"}},
		FrozenAt:  meeting.EndedAt,
	}
	m := FromRecord(rec, Options{Now: func() time.Time { return meeting.EndedAt }})
	if len(m.Agenda) != 2 || !m.Agenda[0].Logged || m.Agenda[1].Logged {
		t.Fatalf("logged marks: %+v", m.Agenda)
	}
	if got := glanceDecisions(&m); got != "1 decision, 1 still open" {
		t.Errorf("a logged proposal and an outcome decided in the room: %q", got)
	}
}
