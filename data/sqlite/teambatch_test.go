package sqlite

import (
	"encoding/json"
	"errors"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

// A batch of events is one commit, each event in a savepoint of its own:
// events that arrive before the one they follow are taken once it is in;
// an event that waits for one not in the batch, or is refused, leaves
// nothing behind while the others are kept.
func TestBatchTakesEachEventOnItsOwn(t *testing.T) {
	a, b := teamOfTwo(t)
	r, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	r.Notes = "Champion: CFO"
	if _, err := a.db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	evs, err := a.db.PendingEvents(ctx, 10)
	if err != nil || len(evs) != 2 {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	filed, edited := evs[0], evs[1]
	// Signed by the filer, later than the real edit, and breaking a rule of
	// the record half-way (the notes are set before the state is refused).
	bad := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindDealEdited,
		Clock:   tsync.HLC{Wall: edited.Clock.Wall + 1000},
		Payload: json.RawMessage(`{"request":"` + r.UID + `","fields":{"notes":"forged","state":"bogus"}}`)}
	if err := bad.Sign(a.key); err != nil {
		t.Fatal(err)
	}
	orphan := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindDealEdited,
		Clock: tsync.HLC{Wall: edited.Clock.Wall + 2000}, Payload: json.RawMessage(`{"request":"0123456789abcdef0123456789abcdef","fields":{"notes":"x"}}`)}
	if err := orphan.Sign(a.key); err != nil {
		t.Fatal(err)
	}

	out, err := b.db.ApplyEvents(ctx, []tsync.Event{bad, orphan, edited, filed, filed})
	if err != nil {
		t.Fatal(err)
	}
	want := []tsync.Applied{tsync.EventRefused, 0, tsync.EventApplied, tsync.EventApplied, tsync.EventDuplicate}
	for i, o := range out {
		if i == 1 {
			if !errors.Is(o.Err, tsync.ErrNotYet) {
				t.Errorf("the edit of an unknown request: %+v", o)
			}
			continue
		}
		if o.Err != nil || o.Result != want[i] {
			t.Errorf("event %d: %+v, want result %d", i, o, want[i])
		}
	}
	got, err := b.db.DealRequests(ctx, data.DealFilter{PodID: b.pod.ID})
	if err != nil || len(got) != 1 {
		t.Fatalf("%+v %v", got, err)
	}
	// The refused event set no field clock: the real, earlier edit wins.
	if got[0].Notes != "Champion: CFO" || got[0].State != data.DealPending {
		t.Fatalf("b holds %q, %s", got[0].Notes, got[0].State)
	}
	if rs, _ := b.db.RefusedEvents(ctx); len(rs) != 1 || rs[0].Event.ID != bad.ID {
		t.Fatalf("refused: %+v", rs)
	}
	sameDealDesk(t, a.pod.UID, a.db, b.db)
	// The orphan comes back later, still waiting, and changes nothing.
	if _, err := b.db.ApplyEvent(ctx, orphan); !errors.Is(err, tsync.ErrNotYet) {
		t.Fatalf("the orphan again: %v", err)
	}
}
