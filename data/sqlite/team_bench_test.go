package sqlite

import (
	"fmt"
	"testing"
)

// BenchmarkDealEditOutbox is one deal-desk edit (the notes) as the window
// saves it, with no team (today's commit) and in a shared pod of a team
// (the same commit plus its signed event in the outbox).
func BenchmarkDealEditOutbox(b *testing.B) {
	for _, mode := range []string{"no-team", "team"} {
		b.Run(mode, func(b *testing.B) {
			var db *DB
			var podID int64
			if mode == "team" {
				a, _ := teamOfTwo(b)
				db, podID = a.db, a.pod.ID
			} else {
				db, _, _ = openDealDB(b)
				pod, err := db.CreatePod(ctx, samplePod("Payments"))
				if err != nil {
					b.Fatal(err)
				}
				podID = pod.ID
			}
			r, err := db.CreateDealRequest(ctx, sampleDeal(podID, db.now()))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r.Notes = fmt.Sprintf("Champion: CIO, call %d", i)
				if r, err = db.UpdateDealRequest(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if mode == "team" {
				if w, _, _ := db.OutboxCounts(ctx); w < b.N {
					b.Fatalf("%d events queued for %d edits", w, b.N)
				}
			}
		})
	}
}
