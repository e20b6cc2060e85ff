package natsync

import (
	"bytes"
	"testing"

	"triad/data"
)

func onlyDecision(t *testing.T, m *member) (data.Decision, bool) {
	t.Helper()
	log, err := m.db.DecisionLog(ctx, data.DecisionFilter{PodID: m.pod.ID, Limit: 10})
	must(t, err)
	if len(log) != 1 {
		return data.Decision{}, false
	}
	d, err := m.db.Decision(ctx, log[0].Decision.ID)
	must(t, err)
	return d, true
}

func TestDecisionMadeOnThePMsLaptopIsCommittedToByTheAbsentTechLead(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	fac, tl, pm := team(t, hub.URL())
	for _, m := range []*member{fac, tl, pm} {
		m.start(t)
	}
	eventually(t, "every laptop knows the three members", func() bool {
		return members(t, fac) == 3 && members(t, tl) == 3 && members(t, pm) == 3
	})
	// The PM puts the question in the meeting and makes the call; the Tech
	// Lead is away.
	mt, err := pm.db.CreateMeeting(ctx, data.Meeting{PodID: pm.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	d := data.NewDecision(pm.pod, mt.ID)
	d.Question = "Buy or build fraud scoring?"
	d.Options = []data.DecisionOption{{Title: "Buy a scoring service"}, {Title: "Build our own model"}}
	d, err = pm.db.CreateDecision(ctx, d)
	must(t, err)
	d, err = pm.db.StatePosition(ctx, d.ID, d.Perspectives[1].MemberID, data.PositionAgree, "Merchants are leaving")
	must(t, err)
	d.Chosen, d.Rationale = 1, "Speed matters more than fit this year"
	_, err = pm.db.Decide(ctx, d)
	must(t, err)
	eventually(t, "the call reaches the Tech Lead", func() bool {
		got, ok := onlyDecision(t, tl)
		return ok && got.State == data.DecisionDecided
	})

	// Back at their own laptop, the Tech Lead disagrees and commits.
	got, _ := onlyDecision(t, tl)
	tlID := got.Perspectives[0].MemberID
	_, err = tl.db.StatePosition(ctx, got.ID, tlID, data.PositionDisagree, "The fee eats our margin")
	must(t, err)
	_, err = tl.db.RecordCommitment(ctx, got.ID, tlID, data.DisagreeAndCommit)
	must(t, err)
	eventually(t, "the commitment reaches the facilitator and the PM", func() bool {
		a, okA := onlyDecision(t, fac)
		p, okP := onlyDecision(t, pm)
		return okA && okP && a.Perspectives[0].Commitment == data.DisagreeAndCommit && p.Perspectives[0].Commitment == data.DisagreeAndCommit
	})
	eventually(t, "every outbox is empty", func() bool {
		for _, m := range []*member{fac, tl, pm} {
			if w, _, _ := m.db.OutboxCounts(ctx); w != 0 {
				return false
			}
		}
		return true
	})
	first, err := fac.db.DecisionsExport(ctx, fac.pod.UID)
	must(t, err)
	for _, m := range []*member{tl, pm} {
		other, err := m.db.DecisionsExport(ctx, m.pod.UID)
		must(t, err)
		if !bytes.Equal(first, other) {
			t.Fatalf("decisions differ:\n%s\n---\n%s", first, other)
		}
	}
	if hits, _ := fac.db.SearchPod(ctx, fac.pod.ID, "margin", 10); len(hits) != 1 {
		t.Fatalf("the Tech Lead's reasoning is not in the facilitator's search: %+v", hits)
	}
}
