package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

func TestSampleRoadmaps(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Fill(ctx, db, now); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(ctx)
	want := map[string]data.DebtBand{"Payments": data.BandClose, "Mobile App": data.BandOffTarget}
	today := data.DateOf(now)
	for _, p := range pods {
		r, err := db.Roadmap(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := data.CheckDebt(r.Items, data.DefaultPlanningWindow(today), r.Settings.MaintenanceQuota, r.Unit)
		if c.Band != want[p.Name] {
			t.Errorf("%s: band %s (%s), want %s", p.Name, c.Band, c.Ratio.Format(), want[p.Name])
		}
		if len(r.Snapshots) != 4 {
			t.Errorf("%s: %d snapshots, want one per past meeting", p.Name, len(r.Snapshots))
		}
		pending := 0
		for _, s := range r.Snapshots {
			if s.Response == data.ResponsePending {
				pending++
			}
		}
		if pending != 1 || r.Snapshots[3].Response != data.ResponsePending {
			t.Errorf("%s: the latest snapshot should await the PMM, the others be answered", p.Name)
		}
		if len(r.Entries) == 0 || len(data.RevenueProgress(r.Items, r.Settings.RevenueGoal)) == 0 {
			t.Errorf("%s: no shipped feature with revenue", p.Name)
		}
		if p.Name == "Payments" {
			if len(c.Unestimated) != 1 {
				t.Errorf("Payments should flag one unestimated item, got %d", len(c.Unestimated))
			}
			if len(r.Celebrations) != 1 || r.Celebrations[0].Title != "Instant payouts" {
				t.Errorf("Payments celebrations = %+v", r.Celebrations)
			}
			var partWay bool
			for _, fr := range data.RevenueProgress(r.Items, r.Settings.RevenueGoal) {
				partWay = partWay || (!fr.Reached && fr.Realized > 0)
			}
			if !partWay {
				t.Error("Payments should have a feature part-way to its goal")
			}
		}
	}
}
