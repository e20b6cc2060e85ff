package sqlite

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"triad/data"
)

// BenchmarkDealEditOutbox is one deal-desk edit (the notes) as the window
// saves it, with no team (today's commit) and in a shared pod of a team
// (the same commit plus its signed event in the outbox), in time and in
// CPU time (which other work on the machine does not inflate).
func BenchmarkDealEditOutbox(b *testing.B) {
	for _, mode := range []string{"no-team", "team"} {
		b.Run(mode, func(b *testing.B) {
			db, podID := benchPod(b, mode)
			r, err := db.CreateDealRequest(ctx, sampleDeal(podID, db.now()))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				r.Notes = fmt.Sprintf("Champion: CIO, call %d", i)
				if r, err = db.UpdateDealRequest(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			if mode == "team" {
				if w, _, _ := db.OutboxCounts(ctx); w < b.N {
					b.Fatalf("%d events queued for %d edits", w, b.N)
				}
			}
		})
	}
}

// benchPod is a pod of a database with no team, or shared by the
// facilitator of a team of two (mode "team").
func benchPod(b testing.TB, mode string) (*DB, int64) {
	if mode == "team" {
		a, _ := teamOfTwo(b)
		return a.db, a.pod.ID
	}
	db, _, _ := openDealDB(b)
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		b.Fatal(err)
	}
	return db, pod.ID
}

// BenchmarkMeetingNoteOutbox is one save of an agenda item's notes as the
// window makes it while the facilitator types, on a meeting of 12 items and
// 6 actions, with no team and in a shared pod (the same commit plus the
// meeting read before and after, the signed event, the field's clock and
// the replaced value's history line).
func BenchmarkMeetingNoteOutbox(b *testing.B) {
	for _, mode := range []string{"no-team", "team"} {
		b.Run(mode, func(b *testing.B) {
			db, podID := benchPod(b, mode)
			it := benchMeeting(b, db, podID)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				it.Notes = fmt.Sprintf("The partner wants webhooks, note %d", i)
				if err := db.UpdateAgendaItem(ctx, it); err != nil {
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

// BenchmarkSaveCostShared is the save cost of a shared pod against no
// team measured side by side: each iteration makes the same edit once on
// a database with no team and once in a shared pod, in turn, so that the
// load of the machine weighs on both alike. It reports each side's median
// per edit and their ratio (the goal: at most 1.2).
func BenchmarkSaveCostShared(b *testing.B) {
	b.Run("deal", func(b *testing.B) {
		pairedSaves(b, func(db *DB, podID int64) func(i int) error {
			r, err := db.CreateDealRequest(ctx, sampleDeal(podID, db.now()))
			if err != nil {
				b.Fatal(err)
			}
			return func(i int) error {
				r.Notes = fmt.Sprintf("Champion: CIO, call %d", i)
				r, err = db.UpdateDealRequest(ctx, r)
				return err
			}
		})
	})
	b.Run("meeting-note", func(b *testing.B) {
		pairedSaves(b, func(db *DB, podID int64) func(i int) error {
			it := benchMeeting(b, db, podID)
			return func(i int) error {
				it.Notes = fmt.Sprintf("The partner wants webhooks, note %d", i)
				return db.UpdateAgendaItem(ctx, it)
			}
		})
	})
}

// pairedSaves runs b.N saves on each side, alternating which goes first.
func pairedSaves(b *testing.B, setUp func(db *DB, podID int64) func(i int) error) {
	var save [2]func(int) error
	for i, mode := range []string{"no-team", "team"} {
		save[i] = setUp(benchPod(b, mode))
	}
	took := [2][]time.Duration{make([]time.Duration, b.N), make([]time.Duration, b.N)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < 2; k++ {
			side := (i + k) % 2
			start := time.Now()
			if err := save[side](i); err != nil {
				b.Fatal(err)
			}
			took[side][i] = time.Since(start)
		}
	}
	b.StopTimer()
	none, team := median(took[0]), median(took[1])
	b.ReportMetric(float64(none.Microseconds())/1000, "no-team-ms")
	b.ReportMetric(float64(team.Microseconds())/1000, "team-ms")
	b.ReportMetric(float64(team)/float64(none), "ratio")
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// benchMeeting is a started meeting of 8 topics and 6 actions in the pod:
// its last topic, whose notes the benchmarks save.
func benchMeeting(b *testing.B, db *DB, podID int64) data.AgendaItem {
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: podID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.MeetingRun(ctx, m.ID); err != nil {
		b.Fatal(err)
	}
	var it data.AgendaItem
	for i := 0; i < 8; i++ {
		if it, err = db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: fmt.Sprintf("Topic %d", i), Kind: data.KindTopic}); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < 6; i++ {
		if _, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: m.ID, Text: fmt.Sprintf("Action %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	return it
}
