package sqlite

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"triad/data"
)

// BenchmarkDecisionEditOutbox is one autosave of a proposed decision's
// context and one edit of a roadmap item's title, with no team and in a
// shared pod (the Tech Lead's laptop): the same commit, plus the snapshot
// the event is cut from, its signed event and its change lines.
func BenchmarkDecisionEditOutbox(b *testing.B) {
	for _, mode := range []string{"no-team", "team"} {
		var db *DB
		var pod data.Pod
		var m data.Meeting
		var err error
		if mode == "team" {
			// The facilitator makes the meeting (only the facilitator or
			// the PM keeps its record); the Tech Lead proposes in it.
			fac, tl := teamOfTwo(b)
			made, err := fac.db.CreateMeeting(ctx, data.Meeting{PodID: fac.pod.ID, Date: data.NewDate(2026, 11, 26)})
			if err != nil {
				b.Fatal(err)
			}
			deliver(b, fac.db, tl.db)
			db, pod = tl.db, tl.pod
			if m.ID, err = queryOne[int64](ctx, db, `SELECT id FROM meetings WHERE uid = ?`, uidOf(b, fac.db, "meetings", made.ID)); err != nil {
				b.Fatal(err)
			}
		} else {
			db, _, _ = openDealDB(b)
			if pod, err = db.CreatePod(ctx, samplePod("Payments")); err != nil {
				b.Fatal(err)
			}
			if m, err = db.CreateMeeting(ctx, data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 11, 26)}); err != nil {
				b.Fatal(err)
			}
		}
		d := data.NewDecision(pod, m.ID)
		d.Question = "Buy or build fraud scoring?"
		d.Options = []data.DecisionOption{{Title: "Buy a scoring service"}, {Title: "Build our own model"}}
		if d, err = db.CreateDecision(ctx, d); err != nil {
			b.Fatal(err)
		}
		it, _, err := db.SaveRoadmapItem(ctx, data.RoadmapItem{PodID: pod.ID, Title: "Apple Pay", Kind: data.KindFeature,
			Effort: effort(8), Target: q4, Status: data.StatusPlanned})
		if err != nil {
			b.Fatal(err)
		}
		b.Run("decision/"+mode, func(b *testing.B) {
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				d.Context = fmt.Sprintf("Chargebacks doubled since the summer launch, week %d", i)
				if d, err = db.UpdateDecision(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("roadmap/"+mode, func(b *testing.B) {
			defer reportCPU(b)()
			for i := 0; i < b.N; i++ {
				it.Title = fmt.Sprintf("Apple Pay, phase %d", i)
				if it, _, err = db.SaveRoadmapItem(ctx, it); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// reportCPU reports the process's CPU time per operation (user and
// system) when the returned func runs: on a machine shared with other
// work it varies far less than the wall time, which includes waiting for
// the disk and for a core.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			b.Fatal(err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		b.ReportMetric(float64(cpu()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// queryOne is the one value query returns on db.
func queryOne[T any](ctx context.Context, db *DB, query string, args ...any) (T, error) {
	var v T
	err := db.db.QueryRowContext(ctx, query, args...).Scan(&v)
	return v, err
}
