package cli

import (
	"context"
	"encoding/json"
	"testing"

	"triad/data/sqlite"
)

// sameDemoDecisions waits until the demo pod's decisions and roadmap,
// shared by team create, are the same bytes on both laptops, and checks
// the joiner holds them and refused none of them.
func sameDemoDecisions(t *testing.T, a, b *sqlite.DB, pod string) {
	t.Helper()
	ctx := context.Background()
	waitFor(t, "the demo's decisions and roadmap are the same on both laptops", func() bool {
		x, _ := a.DecisionsExport(ctx, pod)
		y, _ := b.DecisionsExport(ctx, pod)
		return len(y) > 0 && string(x) == string(y)
	})
	sec, _ := b.DecisionsExport(ctx, pod)
	var got struct {
		Decisions []json.RawMessage `json:"decisions"`
		Roadmap   []json.RawMessage `json:"roadmap"`
	}
	if err := json.Unmarshal(sec, &got); err != nil || len(got.Decisions) == 0 || len(got.Roadmap) == 0 {
		t.Fatalf("the Tech Lead's laptop holds %d decisions and %d roadmap items: %v", len(got.Decisions), len(got.Roadmap), err)
	}
	if refused, _ := b.RefusedEvents(ctx); len(refused) != 0 {
		t.Fatalf("the Tech Lead's laptop refused %d events, first: %s", len(refused), refused[0].Reason)
	}
}
