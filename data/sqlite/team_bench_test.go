package sqlite

import (
	"fmt"
	"testing"

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
func benchPod(b *testing.B, mode string) (*DB, int64) {
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
