package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"triad/data"
)

// quantile is the q-th quantile (0..1) of ds, in milliseconds; ds is sorted.
func quantile(ds []time.Duration, q float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	i := int(float64(len(ds))*q+0.999999) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(ds) {
		i = len(ds) - 1
	}
	return float64(ds[i]) / float64(time.Millisecond)
}

// autosaveCopy is a copy of the large history (taken with the store's own
// backup) with a new draft meeting in podID and an item to autosave.
func autosaveCopy(b *testing.B, podID int64) (*DB, data.AgendaItem) {
	src := benchDB(b)
	path := filepath.Join(b.TempDir(), "triad.db")
	if err := src.WriteBackup(ctx, path); err != nil {
		b.Fatal(err)
	}
	db, err := Open(path, Options{Check: "none"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: podID, Date: data.NewDate(2027, 1, 7)})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.MeetingRun(ctx, m.ID); err != nil {
		b.Fatal(err)
	}
	it, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Pricing review", Kind: data.KindTopic, PlannedMinutes: 10})
	if err != nil {
		b.Fatal(err)
	}
	return db, it
}

// BenchmarkAutosaveDuringSearch saves one agenda item's notes the way
// autosave does, on a copy of the large history: alone ("idle"), and while
// another goroutine runs the slowest search there is (a one-letter prefix
// in the decision log) the whole time ("searching"). It reports the p99
// of a save and how many saves failed; the two p99s should match.
func BenchmarkAutosaveDuringSearch(b *testing.B) {
	const podID = 7
	db, it := autosaveCopy(b, podID)
	save := func(b *testing.B) {
		var ds []time.Duration
		failed := 0
		i := 0
		for b.Loop() {
			i++
			it.Notes = fmt.Sprintf("pricing notes, version %d", i)
			start := time.Now()
			if err := db.UpdateAgendaItem(ctx, it); err != nil {
				failed++
				if failed == 1 {
					b.Logf("save failed: %v", err)
				}
			}
			ds = append(ds, time.Since(start))
		}
		b.ReportMetric(quantile(ds, 0.99), "p99-ms")
		b.ReportMetric(float64(failed), "failed-saves")
	}
	b.Run("idle", save)
	b.Run("searching", func(b *testing.B) {
		sctx, stop := context.WithCancel(ctx)
		started, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			close(started)
			for sctx.Err() == nil {
				db.DecisionLog(sctx, data.DecisionFilter{PodID: podID, Text: "p", Limit: 50})
			}
		}()
		<-started
		save(b)
		stop()
		<-done
	})
}

// BenchmarkBackupDuringEdits backs up a copy of the large history while
// autosave goes on, and reports the backup's time and the p99 and worst of
// the saves made meanwhile: a backup must never hold an edit up.
func BenchmarkBackupDuringEdits(b *testing.B) {
	db, it := autosaveCopy(b, 7)
	var saves []time.Duration
	failed, i := 0, 0
	for b.Loop() {
		done := make(chan error)
		go func() { done <- db.WriteBackup(ctx, filepath.Join(b.TempDir(), "copy.db")) }()
	edits:
		for {
			select {
			case err := <-done:
				if err != nil {
					b.Fatal(err)
				}
				break edits
			default:
			}
			i++
			it.Notes = fmt.Sprintf("typed during the backup, %d", i)
			start := time.Now()
			if err := db.UpdateAgendaItem(ctx, it); err != nil {
				failed++
			}
			saves = append(saves, time.Since(start))
			time.Sleep(20 * time.Millisecond) // a fast typist's autosave
		}
	}
	b.ReportMetric(float64(len(saves))/float64(b.N), "saves/backup")
	b.ReportMetric(quantile(saves, 0.99), "save-p99-ms")
	b.ReportMetric(quantile(saves, 1), "save-max-ms")
	b.ReportMetric(float64(failed), "failed-saves")
}
