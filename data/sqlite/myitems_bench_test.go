package sqlite

import (
	"fmt"
	"path/filepath"
	"testing"

	"triad/data"
)

// BenchmarkMyItems reads one person's open items from two pods holding
// 20,000 action items of five owners, a quarter of them open: what the
// screen waits on each time it opens.
func BenchmarkMyItems(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "triad.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"Payments", "Growth"} {
		p, err := db.view(tx).CreatePod(ctx, samplePod(name))
		if err != nil {
			b.Fatal(err)
		}
		for w := 0; w < 200; w++ {
			day := data.NewDate(2023, 1, 5).AddDays(7 * w)
			m, err := db.view(tx).CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: day})
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < 50; i++ {
				var done any
				if i%4 != 0 {
					done = "2024-01-01T00:00:00.000Z"
				}
				if _, err := tx.Exec(`INSERT INTO action_items (pod_id, meeting_id, text, owner_name, due, done_at, created_at)
					VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00.000Z')`, p.ID, m.ID, fmt.Sprintf("Action %d", i),
					fmt.Sprintf("Owner %d", i%5), day.AddDays(i%30).String(), done); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := db.MyItems(ctx, data.MyItemsQuery{Name: "Owner 0"})
		if err != nil || got.Total != 1200 || got.Shown() != data.MyItemsLimit {
			b.Fatalf("%d of %d, %v", got.Shown(), got.Total, err)
		}
	}
}
