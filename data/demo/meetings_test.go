package demo

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"triad/data"
	"triad/data/sqlite"
)

func TestSampleMeetings(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.Local)
	if err := Fill(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(ctx)
	for _, p := range pods {
		ms, _ := db.Meetings(ctx, p.ID)
		next, err := db.MeetingRun(ctx, ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if next.Meeting.Status != data.MeetingDraft || len(next.Items) < 5 || next.Items[0].Standing != data.StandingDealDesk {
			t.Errorf("%s next meeting: %s with %d items", p.Name, next.Meeting.Status, len(next.Items))
		}
		carried := 0
		for _, it := range next.Items {
			if !it.CarriedFrom.IsZero() {
				carried++
			}
		}
		if carried == 0 {
			t.Errorf("%s: nothing carried into the next meeting", p.Name)
		}
		for _, m := range ms[1:] {
			r, _ := db.MeetingRun(ctx, m.ID)
			st := data.MeetingClock(r.Items, now)
			if m.Status != data.MeetingClosed || st.TotalElapsed < 20*time.Minute || st.Running || !data.AnyPresent(r.Attendees) {
				t.Errorf("%s %s: %s, ran %v", p.Name, m.Date, m.Status, st.TotalElapsed)
			}
		}
		open, _ := db.OpenActionItems(ctx, p.ID)
		if len(open) == 0 || data.CountOverdue(open, data.DateOf(now)) == 0 {
			t.Errorf("%s: %d open actions, none overdue", p.Name, len(open))
		}
	}
	if err := Fill(ctx, db, now); err != ErrNotEmpty {
		t.Errorf("second fill: %v", err)
	}
}
