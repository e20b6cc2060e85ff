package sqlite

import (
	"errors"
	"strings"
	"testing"

	"triad/data"
)

// Every event a laptop holds, its own and those it took, can be checked
// again offline; an altered one is found.
func TestEveryKeptEventCanBeVerifiedOffline(t *testing.T) {
	a, b := teamOfTwo(t)
	if _, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now())); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	v, err := b.db.VerifyEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v.Checked < 3 || v.Signers != 2 || len(v.Failures) != 0 || v.Unkept != 0 {
		t.Fatalf("the Tech Lead's laptop: %+v", v)
	}
	// A body changed behind the store's back no longer matches its signature.
	var id string
	if err := b.db.db.QueryRow(`SELECT id FROM sync_applied WHERE kind = 'deal.filed'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.db.Exec(`UPDATE sync_applied SET body = replace(body, '"payload":{', '"payload":{"forged":1,') WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	v, err = b.db.VerifyEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Failures) != 1 || !strings.Contains(v.Failures[0], id) || !strings.Contains(v.Failures[0], "signature") {
		t.Fatalf("after the change: %+v", v)
	}
}

// Deleting a shared pod or a proposed decision of one would not reach the
// other laptops, so it is refused, and nothing goes.
func TestDeletesThatDoNotTravelAreRefusedInASharedPod(t *testing.T) {
	a, _ := teamOfTwo(t)
	m, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	d := data.NewDecision(a.pod, m.ID)
	d.Question = "Buy or build fraud scoring?"
	if d, err = a.db.CreateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := a.db.DeleteDecision(ctx, d.ID); !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "team acme") {
		t.Fatalf("deleting a shared pod's proposed decision: %v", err)
	}
	if err := a.db.DeletePod(ctx, a.pod.ID); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("deleting a shared pod: %v", err)
	}
	if _, err := a.db.Decision(ctx, d.ID); err != nil {
		t.Fatalf("the decision went: %v", err)
	}
	if _, err := a.db.Pod(ctx, a.pod.ID); err != nil {
		t.Fatalf("the pod went: %v", err)
	}
	// A pod this laptop does not share is deleted as always.
	solo, err := a.db.CreatePod(ctx, samplePod("Solo"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.db.DeletePod(ctx, solo.ID); err != nil {
		t.Fatalf("deleting an unshared pod: %v", err)
	}
}
