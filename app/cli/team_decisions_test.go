package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"triad/data/sync/natsync"
)

func TestTeamCreateSharesTheDemoDecisionsAndRoadmap(t *testing.T) {
	hub, err := natsync.StartHub(natsync.HubOptions{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer hub.Stop()
	fac, facKeys := teamHarness(t)
	tl, tlKeys := teamHarness(t)
	dbA := filepath.Join(t.TempDir(), "a.db")
	dbB := filepath.Join(t.TempDir(), "b.db")
	run(t, fac, "demo", "--db", dbA)
	out := run(t, fac, "team", "create", "--db", dbA, "--name", "acme", "--hub", hub.URL(), "--pod", "Payments", "--as", "Dan Okafor",
		"--invite", "tech_lead")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.Contains(out, " decisions and ") || strings.Contains(out, " 0 decisions") {
		t.Fatalf("create said: %s", out)
	}
	run(t, tl, "team", "join", "--db", dbB, "--as", "Priya Raman", lines[len(lines)-1])

	a, _ := openSynced(t, dbA, facKeys)
	b, _ := openSynced(t, dbB, tlKeys)
	ctx := context.Background()
	pods, err := a.SharedPods(ctx)
	if err != nil || len(pods) != 1 {
		t.Fatalf("shared pods %v, %v", pods, err)
	}
	waitFor(t, "the demo's decisions and roadmap are the same on both laptops", func() bool {
		x, _ := a.DecisionsExport(ctx, pods[0])
		y, _ := b.DecisionsExport(ctx, pods[0])
		return len(y) > 0 && string(x) == string(y)
	})
	sec, _ := b.DecisionsExport(ctx, pods[0])
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
