package demo

import (
	"context"

	"triad/data"
)

// sampleDecision is one decision of the sample history, written through
// the store the way the decision page writes it.
type sampleDecision struct {
	weeksAgo   int // the meeting it was made in
	question   string
	context    string
	options    []data.DecisionOption
	chosen     int
	rationale  string
	positions  [3]data.Position // Tech Lead, PM, PMM
	reasons    [3]string
	decide     bool
	commits    [3]bool // who has committed
	revisit    int     // weeks after the meeting; 0 for none
	supersedes string  // question of the earlier decision this replaces
}

var sampleDecisions = map[string][]sampleDecision{
	"Payments": {
		{
			weeksAgo: 4,
			question: "Buy a fraud-scoring service or build our own model?",
			context:  "Chargebacks on card payments doubled since the summer launch. Two enterprise merchants asked for scoring in their renewal talks.",
			options: []data.DecisionOption{
				{Title: "Buy a fraud-scoring service", Pros: "Live in two weeks; vendor keeps the rules current", Cons: "Per-transaction fee; scoring is a black box to support", Cost: data.Dollars(48_000), Effort: "two weeks of integration"},
				{Title: "Build our own scoring model", Pros: "Tuned to our merchants; no per-transaction fee", Cons: "Needs a data scientist we do not have; two quarters before it helps", Effort: "two quarters"},
			},
			chosen:    1,
			rationale: "Chargebacks cost more every week than the fee does. Speed beats fit this year; we revisit when volume doubles.",
			positions: [3]data.Position{data.PositionAgree, data.PositionAgree, data.PositionDisagree},
			reasons: [3]string{
				"We cannot staff a model team before Q3, and integrating a vendor is two weeks of work.",
				"Merchants are leaving over chargebacks now; a model in two quarters is too late for the renewals.",
				"The fee eats most of our margin on small merchants, and a black box is hard to sell to enterprise risk teams.",
			},
			decide:  true,
			commits: [3]bool{true, true, true},
			revisit: 26,
		},
		{
			weeksAgo: 4,
			question: "Settle merchant payouts weekly instead of daily?",
			context:  "Daily payouts cost us bank fees on every small merchant; most of them never asked for daily settlement.",
			options: []data.DecisionOption{
				{Title: "Weekly payouts for everyone", Pros: "Fewer bank transfers; simpler reconciliation", Cons: "Large merchants wait longer for cash"},
				{Title: "Keep daily payouts", Pros: "No change for anyone", Cons: "Transfer fees keep growing with the merchant count"},
			},
			chosen:    1,
			rationale: "The fees are real and no merchant has asked for daily settlement in writing.",
			positions: [3]data.Position{data.PositionAgree, data.PositionAgree, data.PositionAbstain},
			reasons:   [3]string{"One batch job instead of seven.", "The saving pays for the fraud vendor.", "No strong view until we hear from the large merchants."},
			decide:    true,
			commits:   [3]bool{true, true, true},
		},
		{
			weeksAgo: 3,
			question: "Offer net-60 invoice terms to enterprise merchants?",
			context:  "Procurement teams at three prospects insist on net-60; our invoicing only supports net-30 today.",
			options: []data.DecisionOption{
				{Title: "Offer net-60 on annual contracts", Pros: "Unblocks three enterprise deals", Cons: "Cash arrives a month later", Effort: "one sprint in invoicing"},
				{Title: "Stay at net-30", Pros: "Healthier cash flow", Cons: "Procurement will stall the deals"},
			},
			chosen:    1,
			rationale: "Three deals are worth more than a month of float; finance agreed to the cash impact.",
			positions: [3]data.Position{data.PositionAbstain, data.PositionAgree, data.PositionAgree},
			reasons:   [3]string{"A sprint of work either way; the commercial call is not mine.", "It removes the last procurement objection.", "Sales has asked for this every week since September."},
			decide:    true,
			commits:   [3]bool{true, true, false},
			revisit:   12,
		},
		{
			weeksAgo:   2,
			question:   "Return to daily payouts for merchants above $1M a year?",
			context:    "Two large merchants escalated after the switch to weekly payouts; one threatened to leave at renewal.",
			supersedes: "Settle merchant payouts weekly instead of daily?",
			options: []data.DecisionOption{
				{Title: "Daily payouts above $1M a year, weekly below", Pros: "Keeps most of the saving; large merchants get their cash", Cons: "Two schedules to run and explain", Effort: "three days"},
				{Title: "Back to daily for everyone", Pros: "One schedule", Cons: "Loses the whole saving"},
			},
			chosen:    1,
			rationale: "The large merchants carry most of the volume; the small ones never noticed the change.",
			positions: [3]data.Position{data.PositionAgree, data.PositionAgree, data.PositionAgree},
			reasons:   [3]string{"A second schedule is a config change.", "We keep most of the saving.", "This is what the escalations asked for."},
			decide:    true,
			commits:   [3]bool{true, true, true},
		},
		{
			weeksAgo: 1,
			question: "Retire the legacy PDF invoice template?",
			context:  "The old template breaks on long line items and is the top cause of invoicing support tickets.",
			options: []data.DecisionOption{
				{Title: "Retire it at the end of the quarter", Pros: "One template to maintain", Cons: "About forty merchants customised it"},
				{Title: "Keep both templates", Pros: "No migration for anyone", Cons: "Support tickets continue"},
			},
			positions: [3]data.Position{data.PositionAgree, data.PositionNone, data.PositionDisagree},
			reasons:   [3]string{"It is the source of most invoicing bugs.", "", "The forty merchants include two of our largest accounts; give them a migration path first."},
		},
	},
	"Mobile App": {
		{
			weeksAgo: 3,
			question: "Drop support for iOS 15 in the next release?",
			context:  "Under 2% of active field-sales users are on iOS 15; supporting it blocks the new offline sync library.",
			options: []data.DecisionOption{
				{Title: "Require iOS 16 from the next release", Pros: "Unblocks offline sync", Cons: "A few users must update their phones", Effort: "one week"},
				{Title: "Keep iOS 15 for another year", Pros: "Nobody is left behind", Cons: "Offline sync waits a year"},
			},
			chosen:    1,
			rationale: "Offline sync is the most requested feature; we will email the affected users a month ahead.",
			positions: [3]data.Position{data.PositionAgree, data.PositionAgree, data.PositionAgree},
			reasons:   [3]string{"The sync library needs iOS 16 APIs.", "Offline sync is the top request from the field.", "Easy to explain with a month's notice."},
			decide:    true,
			commits:   [3]bool{true, true, true},
		},
		{
			weeksAgo: 1,
			question: "Charge for the offline maps add-on?",
			context:  "Offline maps cost us a licence per device.",
			options: []data.DecisionOption{
				{Title: "Paid add-on per seat", Cost: data.Dollars(12_000)},
				{Title: "Include it in the Pro plan"},
			},
			positions: [3]data.Position{data.PositionNone, data.PositionAgree, data.PositionNone},
			reasons:   [3]string{"", "The licence cost has to be covered somewhere.", ""},
		},
	},
}

// fillDecisions records the pod's sample decisions on its past meetings:
// a decided call with a dissent and three commitments (one of them
// "disagree and commit"), one still waiting for a commitment, a proposed
// one, and one superseded by a later decision.
func fillDecisions(ctx context.Context, s Store, p data.Pod, today data.Date) error {
	specs := sampleDecisions[p.Name]
	if len(specs) == 0 {
		return nil
	}
	meetings, err := s.Meetings(ctx, p.ID)
	if err != nil {
		return err
	}
	byQuestion := map[string]int64{}
	for _, spec := range specs {
		meeting, ok := meetingWeeksAgo(meetings, today, spec.weeksAgo)
		if !ok {
			continue
		}
		d := data.NewDecision(p, meeting.ID)
		d.Question, d.Context, d.Options = spec.question, spec.context, spec.options
		d.Chosen, d.Rationale = spec.chosen, spec.rationale
		d.SupersedesID = byQuestion[spec.supersedes]
		if spec.revisit > 0 {
			d.RevisitOn = meeting.Date.AddDays(7 * spec.revisit)
		}
		for i := range d.Perspectives {
			d.Perspectives[i].Position, d.Perspectives[i].Reasoning = spec.positions[i], spec.reasons[i]
		}
		if d, err = s.CreateDecision(ctx, d); err != nil {
			return err
		}
		byQuestion[spec.question] = d.ID
		if !spec.decide {
			continue
		}
		if d, err = s.Decide(ctx, d); err != nil {
			return err
		}
		for i, pv := range d.Perspectives {
			if !spec.commits[i] {
				continue
			}
			c := data.Commit
			if pv.Position == data.PositionDisagree {
				c = data.DisagreeAndCommit
			}
			if _, err := s.RecordCommitment(ctx, d.ID, pv.MemberID, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// meetingWeeksAgo finds the meeting held n weeks before the pod's next one.
func meetingWeeksAgo(ms []data.Meeting, today data.Date, n int) (data.Meeting, bool) {
	var past []data.Meeting // newest first, as the store returns them
	for _, m := range ms {
		if m.Date.Before(today) {
			past = append(past, m)
		}
	}
	if n < 1 || n > len(past) {
		return data.Meeting{}, false
	}
	return past[n-1], true
}
