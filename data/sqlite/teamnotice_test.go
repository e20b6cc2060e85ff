package sqlite

import (
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

// withRep adds a sales rep's laptop to a and b's team: it joins with the
// facilitator's grant and knows the Tech Lead; both know it.
func withRep(t *testing.T, a, b replica) replica {
	t.Helper()
	return joinThird(t, a, b, tsync.SeatRep, "Maya Chen")
}

func notices(t *testing.T, db *DB, evs []tsync.Event) []data.DealNotice {
	t.Helper()
	ns, err := db.DealNotices(ctx, evs)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func TestSignOffNoticeGoesToTheTechLeadAndTheDecisionToTheRep(t *testing.T) {
	a, b := teamOfTwo(t)
	c := withRep(t, a, b)
	r, err := c.db.CreateDealRequest(ctx, sampleDeal(c.pod.ID, c.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	filed := deliver(t, c.db, a.db, b.db)
	if ns := notices(t, b.db, filed); len(ns) != 1 || ns[0].Kind != data.NoticeSignOffNeeded ||
		ns[0].Request.UID != r.UID || ns[0].Request.State != data.DealPending || ns[0].By != "Maya Chen" {
		t.Fatalf("the Tech Lead's laptop: %+v", ns)
	}
	if ns := notices(t, a.db, filed); len(ns) != 0 {
		t.Fatalf("the facilitator's laptop is told of a sign-off it cannot give: %+v", ns)
	}
	if ns := notices(t, c.db, filed); len(ns) != 0 {
		t.Fatalf("the rep's own filing comes back as a notice: %+v", ns)
	}

	// An edit of the notes does not ask again.
	r.Notes = "Champion: CFO"
	if _, err := c.db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if ns := notices(t, b.db, deliver(t, c.db, a.db, b.db)); len(ns) != 0 {
		t.Fatalf("an edit that leaves the request pending notifies again: %+v", ns)
	}

	onB, err := b.db.DealRequests(ctx, data.DealFilter{PodID: b.pod.ID})
	if err != nil || len(onB) != 1 {
		t.Fatalf("%+v %v", onB, err)
	}
	if _, err := b.db.DecideDealRequest(ctx, data.DealDecision{RequestID: onB[0].ID, Action: data.ActReject,
		Comment: "Not this quarter"}); err != nil {
		t.Fatal(err)
	}
	decided := deliver(t, b.db, a.db, c.db)
	if ns := notices(t, c.db, decided); len(ns) != 1 || ns[0].Kind != data.NoticeDecided ||
		ns[0].Request.State != data.DealRejected || ns[0].By != "Priya Raman" {
		t.Fatalf("the rep's laptop: %+v", ns)
	}
	if ns := notices(t, a.db, decided); len(ns) != 0 {
		t.Fatalf("the facilitator's laptop is told of a decision on the rep's request: %+v", ns)
	}
	if ns := notices(t, b.db, decided); len(ns) != 0 {
		t.Fatalf("the Tech Lead's own decision comes back as a notice: %+v", ns)
	}
}
