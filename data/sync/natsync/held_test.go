package natsync

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	tsync "triad/data/sync"
)

// delivered is a message on its nth delivery.
type delivered struct {
	jetstream.Msg
	n uint64
}

func (d delivered) Metadata() (*jetstream.MsgMetadata, error) {
	return &jetstream.MsgMetadata{NumDelivered: d.n}, nil
}

func TestHeldEventsComeBackLessAndLessOften(t *testing.T) {
	var last time.Duration
	for n := uint64(1); n <= 20; n++ {
		d := heldDelay(delivered{n: n})
		if d < last || d > maxHeldDelay {
			t.Fatalf("delivery %d: %v after %v", n, d, last)
		}
		last = d
	}
	if heldDelay(delivered{n: 1}) != time.Second || last != maxHeldDelay {
		t.Fatalf("first %v, last %v", heldDelay(delivered{n: 1}), last)
	}
}

// An edit that arrives before the request it edits waits, counted in the
// status line, and is taken once the request is in.
func TestAnEditBeforeItsRequestWaitsVisibly(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	fac, tl, _ := team(t, hub.URL())
	got := make(chan tsync.Event, 16)
	w, err := Start(tl.db, Options{OnApplied: func(evs []tsync.Event) {
		for _, ev := range evs {
			got <- ev
		}
	}})
	must(t, err)
	tl.worker = w
	defer w.Stop()
	r, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	r.Notes = "edited before it was sent"
	_, err = fac.db.UpdateDealRequest(ctx, r)
	must(t, err)
	evs, err := fac.db.PendingEvents(ctx, 10)
	must(t, err)
	nc := dial(t, hub.URL(), fac.key, "", nil)
	publish := func(ev tsync.Event) {
		body, _ := json.Marshal(ev)
		m := nats.NewMsg(ev.Subject())
		m.Data = body
		m.Header.Set(nats.MsgIdHdr, ev.ID)
		_, err := nc.RequestMsg(m, 5*time.Second)
		must(t, err)
	}
	var filed, edited tsync.Event
	for _, ev := range evs {
		switch ev.Kind {
		case tsync.KindDealFiled:
			filed = ev
		case tsync.KindDealEdited:
			edited = ev
		default:
			publish(ev) // the facilitator's approvals of the joins: the Tech Lead's seat
		}
	}
	publish(edited)
	eventually(t, "the edit waits, counted", func() bool { return w.Status().Held == 1 })
	if txt := w.Status().Text(time.Now()); !strings.Contains(txt, "1 change waits for an earlier one") {
		t.Fatalf("status line %q", txt)
	}
	publish(filed)
	eventually(t, "the edit is taken after its request", func() bool {
		rs := requests(t, tl)
		return len(rs) == 1 && rs[0].Notes == r.Notes && w.Status().Held == 0
	})
	seen := map[string]bool{}
	for !seen[filed.ID] || !seen[edited.ID] {
		select {
		case ev := <-got:
			seen[ev.ID] = true
		case <-time.After(20 * time.Second):
			t.Fatalf("OnApplied told of %v, not of the request and its edit", seen)
		}
	}
}
