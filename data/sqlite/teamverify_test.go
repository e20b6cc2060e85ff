package sqlite

import (
	"strings"
	"testing"
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
