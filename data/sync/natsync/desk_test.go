package natsync

import (
	"testing"

	"github.com/nats-io/nats.go"

	"triad/data"
	tsync "triad/data/sync"
)

// withRep adds a sales rep's laptop to a running team: it asks with the
// facilitator's grant through the hub, and the facilitator approves.
func withRep(t *testing.T, fac *member) *member {
	t.Helper()
	rep, g := invitee(t, fac, tsync.SeatRep)
	rep.start(t)
	eventually(t, "the rep's ask reaches the facilitator", func() bool {
		asks, err := fac.db.JoinRequests(ctx, false)
		must(t, err)
		return len(asks) == 1 && asks[0].Key == rep.key.Public
	})
	_, err := fac.db.DecideJoin(ctx, g.Nonce, true)
	must(t, err)
	return rep
}

// podActivity gives the pod a meeting on day and a decision in it, made
// on the PM's laptop.
func podActivity(t *testing.T, pm *member, day data.Date) {
	t.Helper()
	mt, err := pm.db.CreateMeeting(ctx, data.Meeting{PodID: pm.pod.ID, Date: day})
	must(t, err)
	d := data.NewDecision(pm.pod, mt.ID)
	d.Question = "Buy or build fraud scoring?"
	d.Options = []data.DecisionOption{{Title: "Buy"}, {Title: "Build"}}
	_, err = pm.db.CreateDecision(ctx, d)
	must(t, err)
}

func TestARepsKeyReadsOnlyThePodsDealDesk(t *testing.T) {
	hub, fac, _, _ := runningTeam(t)
	rep := withRep(t, fac)
	eventually(t, "the rep holds its seat", func() bool {
		m, err := rep.db.Membership(ctx, fac.pod.UID)
		must(t, err)
		return m.Holds(rep.key.Public, tsync.SeatRep) && rep.worker.Status().CaughtUp
	})
	pod := "triad.acme." + fac.pod.UID + "."
	errs := make(chan error, 16)
	nc := dial(t, hub.URL(), rep.key, "", errs)
	for _, subj := range []string{pod + "meeting.>", pod + "decision.>", pod + "roadmap.>", tsync.PodSubjects("acme", fac.pod.UID)} {
		if _, err := nc.Subscribe(subj, func(*nats.Msg) {}); err != nil {
			t.Fatal(err)
		}
		denied(t, errs, "a rep subscribing to "+subj)
	}
	desk := DeskConsumers("acme", rep.key.Public, fac.pod.UID)
	for name, filter := range map[string]string{
		PodConsumer(rep.key.Public, fac.pod.UID):      tsync.PodSubjects("acme", fac.pod.UID),
		"desk_" + fac.pod.UID + "_" + rep.key.Public:  pod + "meeting.>",
		"seats_" + fac.pod.UID + "_" + rep.key.Public: pod + "decision.>",
	} {
		if err := createConsumer(nc, name, filter); err == nil {
			t.Fatalf("a rep made consumer %s on %s", name, filter)
		}
		denied(t, errs, "a rep's consumer on "+filter)
	}
	for name, filter := range desk {
		if err := createConsumer(nc, name, filter); err != nil {
			t.Fatalf("the rep's consumer %s on %s: %v", name, filter, err)
		}
	}
	if err := nc.Publish(pod+string(tsync.KindMeetingEdited), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	denied(t, errs, "a rep publishing a meeting edit")
}

func TestARepsRequestIsSignedOffAndTheRepsLaptopHoldsOnlyTheDealDesk(t *testing.T) {
	_, fac, tl, pm := runningTeam(t)
	podActivity(t, pm, data.NewDate(2026, 11, 19)) // before the rep joins: what sharing would hand a newcomer
	rep := withRep(t, fac)
	eventually(t, "the rep's laptop knows the Tech Lead", func() bool {
		m, err := rep.db.Membership(ctx, fac.pod.UID)
		must(t, err)
		return m.Holds(tl.key.Public, tsync.SeatTechLead) && m.Holds(rep.key.Public, tsync.SeatRep)
	})
	r, err := rep.db.CreateDealRequest(ctx, deal(rep.pod.ID, "Initech"))
	must(t, err)
	eventually(t, "the rep's request reaches the Tech Lead", func() bool {
		rs := requests(t, tl)
		return len(rs) == 1 && rs[0].UID == r.UID
	})
	_, err = tl.db.DecideDealRequest(ctx, data.DealDecision{RequestID: requests(t, tl)[0].ID, Action: data.ActApprove,
		RecordedBy: "Priya Raman", Comment: "Fits the plan"})
	must(t, err)
	podActivity(t, pm, data.NewDate(2026, 11, 26)) // after: what the rep's feeds never carry
	eventually(t, "the sign-off reaches the rep", func() bool {
		rs := requests(t, rep)
		return len(rs) == 1 && rs[0].State == data.DealApproved
	})
	allSent(t, fac, tl, pm, rep)
	eventually(t, "every laptop is caught up", func() bool {
		return rep.worker.Status().CaughtUp && fac.worker.Status().CaughtUp
	})
	sameDealDesk(t, fac, tl, pm, rep)
	if ms := meetingsOf(t, rep); len(ms) != 0 {
		t.Errorf("the rep's laptop holds %d meetings of the pod", len(ms))
	}
	log, err := rep.db.DecisionLog(ctx, data.DecisionFilter{PodID: rep.pod.ID, Limit: 10})
	must(t, err)
	if len(log) != 0 {
		t.Errorf("the rep's laptop holds %d decisions of the pod", len(log))
	}
	eventually(t, "the PM's meetings reach the Tech Lead", func() bool { return len(meetingsOf(t, tl)) == 2 })
	refused, err := rep.db.RefusedEvents(ctx)
	must(t, err)
	if len(refused) != 0 {
		t.Errorf("the hub sent the rep events it did not take: %+v", refused[0])
	}
}

// strayEvents is a running team with a rep, and the events of a meeting
// and a decision the PM made since, as the hub took them.
func strayEvents(t *testing.T) (fac, rep *member, stray []tsync.Event) {
	t.Helper()
	_, fac, _, pm := runningTeam(t)
	rep = withRep(t, fac)
	eventually(t, "the rep holds its seat", func() bool {
		m, err := rep.db.Membership(ctx, fac.pod.UID)
		must(t, err)
		return m.Holds(rep.key.Public, tsync.SeatRep) && len(m.Members) == 4
	})
	podActivity(t, pm, data.NewDate(2026, 11, 26))
	allSent(t, pm)
	sent, err := pm.db.SentEvents(ctx, 1000)
	must(t, err)
	for _, ev := range sent {
		if !tsync.DeskKind(ev.Kind) {
			stray = append(stray, ev)
		}
	}
	if len(stray) < 2 {
		t.Fatalf("the PM's laptop sent %d events for a meeting and a decision", len(stray))
	}
	return fac, rep, stray
}

func TestAStrayMeetingEventIsNotTakenByARepsLaptop(t *testing.T) {
	fac, rep, stray := strayEvents(t)
	// A company NATS set up too loosely hands them to the rep's laptop.
	out, err := rep.db.ApplyEvents(ctx, stray)
	must(t, err)
	for i, o := range out {
		if o.Err != nil || o.Result != tsync.EventRefused {
			t.Fatalf("stray %s: %+v, want it refused", stray[i].Kind, o)
		}
	}
	if ms := meetingsOf(t, rep); len(ms) != 0 {
		t.Fatalf("the rep's laptop took %d meetings", len(ms))
	}
	refused, err := rep.db.RefusedEvents(ctx)
	must(t, err)
	if len(refused) != len(stray) || refused[0].Reason != tsync.DeskOnlyReason {
		t.Fatalf("refused %d of %d, first: %+v", len(refused), len(stray), refused)
	}
	// The same events reach the facilitator's laptop through the hub as ever.
	eventually(t, "the meeting reaches the facilitator", func() bool { return len(meetingsOf(t, fac)) == 1 })
}

func TestARepWhoTakesAnotherSeatGetsTheWholePod(t *testing.T) {
	fac, rep, stray := strayEvents(t)
	_, err := rep.db.ApplyEvents(ctx, stray) // refused: see TestAStrayMeetingEventIsNotTakenByARepsLaptop
	must(t, err)
	// The facilitator hands the rep the marketing seat too.
	g, err := tsync.NewGrant(fac.key, "acme", fac.pod.UID, tsync.SeatMarketing)
	must(t, err)
	must(t, rep.db.AskToJoin(ctx, fac.pod.UID, tsync.SeatMarketing, g))
	eventually(t, "the ask reaches the facilitator", func() bool {
		asks, err := fac.db.JoinRequests(ctx, false)
		must(t, err)
		return len(asks) == 1 && asks[0].Key == rep.key.Public
	})
	_, err = fac.db.DecideJoin(ctx, g.Nonce, true)
	must(t, err)
	eventually(t, "the whole pod reaches the former rep's laptop", func() bool {
		log, err := rep.db.DecisionLog(ctx, data.DecisionFilter{PodID: rep.pod.ID, Limit: 10})
		must(t, err)
		return len(meetingsOf(t, rep)) == 1 && len(log) == 1
	})
	refused, err := rep.db.RefusedEvents(ctx)
	must(t, err)
	if len(refused) != 0 {
		t.Fatalf("still refused: %+v", refused)
	}
}
