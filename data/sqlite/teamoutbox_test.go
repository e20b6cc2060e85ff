package sqlite

import (
	"fmt"
	"testing"

	tsync "triad/data/sync"
)

// The outbox keeps no index of its unsent events: PendingEvents reads on
// from the first one it found unsent. Whatever is marked sent, in order
// or not, every unsent event is still found, and a new one after all
// were sent too.
func TestPendingEventsFindsEveryUnsentEventWithoutAnIndex(t *testing.T) {
	a, _ := teamOfTwo(t)
	_, sentBefore, err := a.db.OutboxCounts(ctx) // the team's set-up
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(i int) {
		t.Helper()
		r.Notes = fmt.Sprintf("note %d", i)
		if r, err = a.db.UpdateDealRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(evs []tsync.Event) []string {
		out := make([]string, len(evs))
		for i, ev := range evs {
			out[i] = ev.ID
		}
		return out
	}
	pending := func(want int) []tsync.Event {
		t.Helper()
		evs, err := a.db.PendingEvents(ctx, 100)
		if err != nil || len(evs) != want {
			t.Fatalf("%d pending, want %d (%v)", len(evs), want, err)
		}
		if w, _, _ := a.db.OutboxCounts(ctx); w != want {
			t.Fatalf("OutboxCounts says %d waiting, want %d", w, want)
		}
		return evs
	}
	edit(1)
	edit(2)
	all := pending(3)
	if err := a.db.MarkSent(ctx, all[0].ID, all[2].ID); err != nil { // out of order
		t.Fatal(err)
	}
	if got := ids(pending(1)); got[0] != all[1].ID {
		t.Fatalf("pending %v, want %s", got, all[1].ID)
	}
	edit(3)
	rest := pending(2)
	if err := a.db.MarkSent(ctx, ids(rest)...); err != nil {
		t.Fatal(err)
	}
	pending(0)
	pending(0)
	edit(4)
	if got := pending(1); got[0].Kind != tsync.KindDealEdited {
		t.Fatalf("the edit after everything was sent: %+v", got)
	}
	if _, sent, _ := a.db.OutboxCounts(ctx); sent != sentBefore+4 {
		t.Fatalf("%d sent, want %d", sent, sentBefore+4)
	}
}
