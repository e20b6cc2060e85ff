package sqlite

import (
	"errors"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

func TestAJoinWaitsForTheFacilitatorAndARefusalStands(t *testing.T) {
	a, _ := teamOfTwo(t)
	c := replica{key: mustKey(t)}
	c.db, _, _ = openDealDB(t)
	var err error
	if c.pod, err = c.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	must(t, c.db.SetPodUID(ctx, c.pod.ID, a.pod.UID))
	must(t, c.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Lea Roy", c.key))
	must(t, c.db.AddMember(ctx, a.pod.UID, tsync.Member{Key: a.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
	grant, _ := tsync.NewGrant(a.key, "acme", a.pod.UID, tsync.SeatMarketing)
	must(t, c.db.AskToJoin(ctx, a.pod.UID, tsync.SeatMarketing, grant))
	if err := c.db.AskToJoin(ctx, a.pod.UID, tsync.SeatMarketing, grant); err != nil {
		t.Fatalf("asking again with the same grant: %v", err) // a retry, not a second join
	}
	if pods, _ := c.db.SharedPods(ctx); len(pods) != 0 {
		t.Fatalf("an invitee holds a seat before any answer: %v", pods)
	}
	if joining, _ := c.db.JoiningPods(ctx); len(joining) != 1 || joining[0].Grant.Nonce != grant.Nonce {
		t.Fatalf("the invitee's own ask: %+v", joining)
	}
	if h, err := c.db.PodHolding(ctx, c.pod.ID); err != nil || h.Asked != "Product Marketing Manager" || h.Refused != "" || h.Shared || h.Files() {
		t.Fatalf("the invitee's pod while its ask waits: %+v, %v", h, err)
	}
	// Until the facilitator answers, a change here would reach no other
	// laptop: the store refuses it and keeps nothing of it.
	if _, err := c.db.CreateMeeting(ctx, data.Meeting{PodID: c.pod.ID, Date: data.NewDate(2026, 12, 3)}); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("a meeting made while the ask waits: %v", err)
	}
	if _, err := c.db.CreateDealRequest(ctx, sampleDeal(c.pod.ID, c.db.now())); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("a deal request filed while the ask waits: %v", err)
	}
	if ms, _ := c.db.Meetings(ctx, c.pod.ID); len(ms) != 0 {
		t.Fatalf("a refused change left a meeting: %+v", ms)
	}
	deliver(t, c.db, a.db)
	asks, err := a.db.JoinRequests(ctx, false)
	if err != nil || len(asks) != 1 || asks[0].Name != "Lea Roy" || asks[0].Seat != tsync.SeatMarketing || asks[0].PodName != "Payments" {
		t.Fatalf("the facilitator's list: %+v, %v", asks, err)
	}
	if _, err := a.db.DecideJoin(ctx, grant.Nonce, false); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.DecideJoin(ctx, grant.Nonce, true); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("approving a refused join: %v", err)
	}
	deliver(t, a.db, c.db)
	if pods, _ := c.db.SharedPods(ctx); len(pods) != 0 {
		t.Fatalf("a refused invitee holds a seat: %v", pods)
	}
	if joining, _ := c.db.JoiningPods(ctx); len(joining) != 0 {
		t.Fatalf("a refused invitee still waits: %+v", joining)
	}
	if h, err := c.db.PodHolding(ctx, c.pod.ID); err != nil || h.Asked != "" || h.Refused != "Product Marketing Manager" || h.Shared {
		t.Fatalf("the invitee's pod after the refusal: %+v, %v", h, err)
	}
	// Refused, the pod is this laptop's alone again, and it takes changes.
	if _, err := c.db.CreateMeeting(ctx, data.Meeting{PodID: c.pod.ID, Date: data.NewDate(2026, 12, 3)}); err != nil {
		t.Fatalf("a meeting in the pod a refusal left this laptop's own: %v", err)
	}
	m, _ := a.db.Membership(ctx, a.pod.UID)
	if len(m.SeatsOf(c.key.Public)) != 0 {
		t.Fatal("the facilitator's laptop seated a refused invitee")
	}
	if asks, _ := a.db.JoinRequests(ctx, false); len(asks) != 0 {
		t.Fatalf("a refused join is still listed as waiting: %+v", asks)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// What a laptop holds of a shared pod follows its member's seats: the
// facilitator keeps the form and the meetings and files requests; the Tech
// Lead does none of these, and the store refuses their new meeting and
// request as every replica would.
func TestAPodHoldingFollowsTheSeats(t *testing.T) {
	a, b := teamOfTwo(t)
	if h, err := a.db.PodHolding(ctx, a.pod.ID); err != nil || !h.Shared || h.FormElsewhere || h.RecordElsewhere || !h.Files() {
		t.Fatalf("the facilitator's pod: %+v, %v", h, err)
	}
	if h, err := b.db.PodHolding(ctx, b.pod.ID); err != nil || !h.Shared || !h.FormElsewhere || !h.RecordElsewhere || h.Files() || h.Asked != "" {
		t.Fatalf("the Tech Lead's pod: %+v, %v", h, err)
	}
	if _, err := b.db.CreateMeeting(ctx, data.Meeting{PodID: b.pod.ID, Date: data.NewDate(2026, 12, 3)}); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("a meeting made on the Tech Lead's laptop: %v", err)
	}
	if _, err := b.db.CreateDealRequest(ctx, sampleDeal(b.pod.ID, b.db.now())); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("a request filed on the Tech Lead's laptop: %v", err)
	}
	if _, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 12, 3)}); err != nil {
		t.Fatalf("a meeting made on the facilitator's laptop: %v", err)
	}
}
