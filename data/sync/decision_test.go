package sync

import (
	"errors"
	"testing"
)

func TestAuthorizeDecisionsAndRoadmap(t *testing.T) {
	const pod = "01JPOD"
	tl, pm, pmm, fac, rep := mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t)
	m := Membership{Pod: pod, Members: []Member{
		{tl.Public, SeatTechLead, "Priya"}, {pm.Public, SeatProduct, "Tom"}, {pmm.Public, SeatMarketing, "Lea"},
		{fac.Public, SeatFacilitator, "Dan"}, {rep.Public, SeatRep, "Sam"},
	}}
	const plain = `{"record":"d1","fields":{"question":"Build SSO?"}}`
	cases := []struct {
		name    string
		signer  *Key
		kind    Kind
		payload string
		decider Seat
		ok      bool
	}{
		{"PM proposes", pm, KindDecisionProposed, `{"record":"d1","fields":{"decider":"product_manager"}}`, "", true},
		{"TL proposes with the PM deciding", tl, KindDecisionProposed, `{"record":"d1","fields":{"decider":"product_manager"}}`, "", true},
		{"facilitator proposes", fac, KindDecisionProposed, plain, "", true},
		{"rep proposes", rep, KindDecisionProposed, plain, "", false},
		{"TL proposes with themself deciding", tl, KindDecisionProposed, `{"record":"d1","fields":{"decider":"tech_lead"}}`, "", false},
		{"PM proposes with the TL deciding", pm, KindDecisionProposed, `{"record":"d1","fields":{"decider":"tech_lead"}}`, "", true},
		{"decider who is no leader", pm, KindDecisionProposed, `{"record":"d1","fields":{"decider":"rep"}}`, "", false},
		{"PMM edits the question", pmm, KindDecisionEdited, plain, SeatProduct, true},
		{"facilitator slips the state in", fac, KindDecisionEdited, `{"record":"d1","fields":{"state":"decided"}}`, SeatProduct, false},
		{"PM hands the call to the TL", pm, KindDecisionEdited, `{"record":"d1","fields":{"decider":"tech_lead"}}`, SeatProduct, true},
		{"TL takes the call", tl, KindDecisionEdited, `{"record":"d1","fields":{"decider":"tech_lead"}}`, SeatProduct, false},
		{"PM makes the call", pm, KindDecisionCalled, `{"record":"d1","fields":{"state":"decided"}}`, SeatProduct, true},
		{"TL makes the PM's call", tl, KindDecisionCalled, `{"record":"d1","fields":{"state":"decided"}}`, SeatProduct, false},
		{"TL makes the call handed to them", tl, KindDecisionCalled, `{"record":"d1","fields":{"state":"decided"}}`, SeatTechLead, true},
		{"call on a decision not held here: the PM's", pm, KindDecisionCalled, `{"record":"d1","fields":{"state":"decided"}}`, "", true},
		{"PM reverses", pm, KindDecisionClosed, `{"record":"d1","fields":{"state":"reversed"}}`, SeatProduct, true},
		{"PMM reverses", pmm, KindDecisionClosed, `{"record":"d1","fields":{"state":"reversed"}}`, SeatProduct, false},
		{"event naming no decision", pm, KindDecisionEdited, `{"fields":{}}`, SeatProduct, false},
		{"TL edits an item", tl, KindRoadmapItem, plain, "", true},
		{"PM books ARR", pm, KindARREntry, plain, "", true},
		{"PMM edits an item", pmm, KindRoadmapItem, plain, "", false},
		{"facilitator books ARR", fac, KindARREntry, plain, "", false},
		{"facilitator records the debt check", fac, KindDebtSnapshot, plain, "", true},
		{"TL records the debt check", tl, KindDebtSnapshot, plain, "", false},
		{"facilitator shares a decision", fac, KindShared, plain, "", true},
		{"PM shares a decision", pm, KindShared, plain, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := signed(t, c.signer, pod, c.kind, c.payload)
			err := Authorize(m, e, Target{Decider: c.decider})
			if c.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.ok {
				var r *Refusal
				if !errors.As(err, &r) || r.Reason == "" {
					t.Fatalf("got %v, want a refusal with a reason", err)
				}
			}
		})
	}
}
