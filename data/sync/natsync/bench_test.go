package natsync

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

// tapped is a store that says which events it applied.
type tapped struct {
	*sqlite.DB
	applied chan string
}

func (t tapped) ApplyEvents(ctx context.Context, evs []tsync.Event) ([]tsync.Outcome, error) {
	out, err := t.DB.ApplyEvents(ctx, evs)
	for i, o := range out {
		if o.Err == nil && o.Result == tsync.EventApplied {
			t.applied <- evs[i].ID
		}
	}
	return out, err
}

func benchTeam(b *testing.B) (*Hub, *member, *member, chan string) {
	b.Helper()
	hub := startHub(b, b.TempDir(), -1)
	fac, tl, _ := team(b, hub.URL())
	applied := make(chan string, 20_000)
	return hub, fac, tl, applied
}

// seated starts both laptops' workers and waits until the Tech Lead's
// reads the pod (its join approved), then forgets what it applied so far:
// the sharing and the approvals are not what is measured.
func seated(b *testing.B, fac, tl *member, applied chan string) {
	startTapped(b, fac, make(chan string, 20_000))
	startTapped(b, tl, applied)
	deadline := time.Now().Add(30 * time.Second)
	for {
		// The PM's approval comes through the pod's consumer alone, after
		// the sharing: once it is in, so is everything before it.
		m, err := tl.db.Membership(context.Background(), tl.pod.UID)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Members) == 3 && tl.worker.Status().CaughtUp {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("the Tech Lead's laptop never read the pod")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for len(applied) > 0 {
		<-applied
	}
}

func startTapped(b *testing.B, m *member, applied chan string) {
	w, err := Start(tapped{m.db, applied}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	m.worker = w
	b.Cleanup(w.Stop)
}

func drain(b *testing.B, applied chan string, n int, within time.Duration) {
	deadline := time.After(within)
	for range n {
		select {
		case <-applied:
		case <-deadline:
			b.Fatalf("timed out after %v waiting for %d events", within, n)
		}
	}
}

// BenchmarkEditPropagation: an edit on the facilitator's laptop until the
// Tech Lead's has applied it, both online, on loopback; p50 and p95.
func BenchmarkEditPropagation(b *testing.B) {
	hub, fac, tl, applied := benchTeam(b)
	defer hub.Stop()
	seated(b, fac, tl, applied)
	r, err := fac.db.CreateDealRequest(context.Background(), deal(fac.pod.ID, "Acme"))
	if err != nil {
		b.Fatal(err)
	}
	drain(b, applied, 1, 20*time.Second)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Notes = fmt.Sprintf("edit %d", i)
		start := time.Now()
		if r, err = fac.db.UpdateDealRequest(context.Background(), r); err != nil {
			b.Fatal(err)
		}
		drain(b, applied, 1, 20*time.Second)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

func reportLatency(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkMeetingNotePropagation: a save of an agenda item's notes on the
// facilitator's laptop until the Tech Lead's has applied it; p50 and p95.
func BenchmarkMeetingNotePropagation(b *testing.B) {
	hub, fac, tl, applied := benchTeam(b)
	defer hub.Stop()
	startTapped(b, fac, make(chan string, 20_000))
	startTapped(b, tl, applied)
	ctx := context.Background()
	m, err := fac.db.CreateMeeting(ctx, data.Meeting{PodID: fac.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := fac.db.MeetingRun(ctx, m.ID); err != nil {
		b.Fatal(err)
	}
	it, err := fac.db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Partner API", Kind: data.KindTopic})
	if err != nil {
		b.Fatal(err)
	}
	drain(b, applied, 3, 20*time.Second) // created, prepared, the item
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it.Notes = fmt.Sprintf("The partner wants webhooks, note %d", i)
		start := time.Now()
		if err := fac.db.UpdateAgendaItem(ctx, it); err != nil {
			b.Fatal(err)
		}
		drain(b, applied, 1, 20*time.Second)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// BenchmarkCatchUp10000: 10,000 edits queued offline on the facilitator's
// laptop, then its worker starts: the time until the Tech Lead's laptop
// has applied all of them, and the CPU time the hub and both laptops
// spent on it (which other work on the machine does not inflate).
func BenchmarkCatchUp10000(b *testing.B) {
	const n = 10_000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		hub, fac, tl, applied := benchTeam(b)
		seated(b, fac, tl, applied)
		fac.worker.Stop() // offline from here
		ctx := context.Background()
		r, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
		if err != nil {
			b.Fatal(err)
		}
		for j := 1; j < n; j++ {
			r.Notes = fmt.Sprintf("offline edit %d", j)
			if r, err = fac.db.UpdateDealRequest(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		if w, _, _ := fac.db.OutboxCounts(ctx); w != n {
			b.Fatalf("%d queued, want %d", w, n)
		}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		startTapped(b, fac, make(chan string, 10))
		drain(b, applied, n, 5*time.Minute)
		b.ReportMetric(time.Since(start).Seconds(), "catch-up-s")
		// The hub and both laptops run in this process: all of the work.
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.StopTimer()
		got, _ := tl.db.DealRequests(ctx, data.DealFilter{})
		if len(got) != 1 || got[0].Notes != r.Notes {
			b.Fatalf("the Tech Lead has %+v", got)
		}
		hub.Stop()
	}
}
