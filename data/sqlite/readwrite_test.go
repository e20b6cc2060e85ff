package sqlite

import (
	"bytes"
	"database/sql"
	"fmt"
	"sync"
	"testing"

	"triad/data"
)

// readWriteFixture is a pod with a draft meeting, an item to autosave and
// a few dozen searchable notes.
func readWriteFixture(t *testing.T) (*DB, data.Pod, data.MeetingRun, data.AgendaItem) {
	t.Helper()
	db := openTemp(t)
	p, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	old := newMeeting(t, db, p.ID, "2026-11-12")
	for i := 0; i < 40; i++ {
		it := addItem(t, db, old.Meeting.ID, fmt.Sprintf("Pricing topic %d", i), 5)
		it.Notes = fmt.Sprintf("pricing pages and payouts, round %d", i)
		if err := db.UpdateAgendaItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	r := newMeeting(t, db, p.ID, "2026-11-19")
	it := addItem(t, db, r.Meeting.ID, "Autosaved item", 10)
	return db, p, r, it
}

// Reads never take the write lock: with a write transaction open (a close
// freezing its record, an import), every read answers at once instead of
// waiting for the busy timeout and failing with "database is locked".
func TestReadsDoNotWaitForAnOpenWrite(t *testing.T) {
	db, p, r, it := readWriteFixture(t)
	reads := map[string]func() error{
		"SearchPod":         func() error { _, err := db.SearchPod(ctx, p.ID, "p", 50); return err },
		"SearchAgenda":      func() error { _, err := db.SearchAgenda(ctx, p.ID, "pricing", 50); return err },
		"DecisionLog":       func() error { _, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: p.ID, Text: "p"}); return err },
		"MeetingRun":        func() error { _, err := db.MeetingRun(ctx, r.Meeting.ID); return err },
		"MinutesRecord":     func() error { _, err := db.MinutesRecord(ctx, r.Meeting.ID); return err },
		"ExportJSON":        func() error { return db.ExportJSON(ctx, &bytes.Buffer{}) },
		"Pods":              func() error { _, err := db.Pods(ctx); return err },
		"Meetings":          func() error { _, err := db.Meetings(ctx, p.ID); return err },
		"Roadmap":           func() error { _, err := db.Roadmap(ctx, p.ID); return err },
		"DealRequests":      func() error { _, err := db.DealRequests(ctx, data.DealFilter{PodID: p.ID}); return err },
		"EffectiveSettings": func() error { _, err := db.EffectiveSettings(ctx, p.ID); return err },
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		it.Notes = "typed while the reads run"
		if err := updateItem(ctx, tx, it, db.stamp()); err != nil {
			return err
		}
		for name, read := range reads {
			if err := read(); err != nil {
				t.Errorf("%s with a write open: %v", name, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A search running while autosave commits: no save fails, no search fails,
// and a reader opened mid-search sees the search's own moment.
func TestSearchWhileAutosaveCommits(t *testing.T) {
	db, p, _, it := readWriteFixture(t)

	// A search holds its snapshot while saves commit under it.
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT rowid FROM search_index WHERE search_index MATCH ?`, podMatch(p.ID, `"pricing"*`))
		if err != nil {
			return err
		}
		defer rows.Close()
		seen := 0
		for rows.Next() {
			if seen++; seen <= 3 { // the search is under way: save now
				it.Notes = fmt.Sprintf("saved mid-search %d", seen)
				if err := db.UpdateAgendaItem(ctx, it); err != nil {
					t.Errorf("save %d during a search: %v", seen, err)
				}
			}
		}
		if seen != 40 {
			t.Errorf("the search saw %d rows, want the 40 of its moment", seen)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}

	// Searches on other goroutines the whole time, as the search box
	// queries on every keystroke.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var searchErrs []error
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				_, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: p.ID, Text: "p"})
				if err == nil {
					_, err = db.SearchAgenda(ctx, p.ID, "pa", 50)
				}
				if err != nil {
					mu.Lock()
					searchErrs = append(searchErrs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < 50; i++ {
		it.Notes = fmt.Sprintf("pricing notes, version %d", i)
		if err := db.UpdateAgendaItem(ctx, it); err != nil {
			t.Errorf("save %d while searching: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	for _, err := range searchErrs {
		t.Errorf("search while saving: %v", err)
	}
	hits, err := db.SearchAgenda(ctx, p.ID, "version 49", 50)
	if err != nil || len(hits) != 1 || hits[0].RefID != it.ID {
		t.Errorf("the last save is not what a search finds: %v, %v", hits, err)
	}
}

// The readers cannot write: a write reached through one by mistake fails
// and changes nothing.
func TestReadersCannotWrite(t *testing.T) {
	db, p, _, _ := readWriteFixture(t)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE pods SET name = 'Renamed' WHERE id = ?`, p.ID)
		return err
	})
	if err == nil {
		t.Fatal("a write through a reader went through")
	}
	if got, _ := db.Pod(ctx, p.ID); got.Name != "Payments" {
		t.Errorf("pod renamed to %q through a reader", got.Name)
	}
}
