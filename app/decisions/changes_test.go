package decisions

import (
	"context"
	"testing"

	"triad/app/internal/apptest"
	"triad/data"
	tsync "triad/data/sync"
)

func TestDecisionPageShowsWhoChangedWhatInATeam(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	ctx := context.Background()
	p, m := decisionPod(t, db)
	d := data.NewDecision(p, m.ID)
	d.Question = "Buy or build fraud scoring?"
	d.Options = []data.DecisionOption{{Title: "Buy a scoring service"}}
	d, err := db.CreateDecision(ctx, d)
	must(t, err)

	// No team: no changes to list.
	pg := newPage(e.Scope(), p.ID, d.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if apptest.ContainsText(e.Screen(), "Who changed what") {
		t.Fatal("a decision of a laptop in no team lists changes")
	}

	// Shared with a team, the PM (this laptop also facilitates) rewords it.
	k, err := tsync.NewKey()
	must(t, err)
	must(t, db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Daniel Okafor", k))
	must(t, db.SharePod(ctx, p.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatProduct}, nil))
	_, err = db.ShareDecisions(ctx, p.UID)
	must(t, err)
	d, _ = db.Decision(ctx, d.ID)
	d.Question = "Buy, build or partner for fraud scoring?"
	_, err = db.UpdateDecision(ctx, d)
	must(t, err)
	pg = newPage(e.Scope(), p.ID, d.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	for _, want := range []string{"Who changed what, newest first",
		"Daniel Okafor set question to “Buy, build or partner for fraud scoring?” (was “Buy or build fraud scoring?”)",
		"Daniel Okafor set question to “Buy or build fraud scoring?”, since replaced"} {
		if !apptest.ContainsText(e.Screen(), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
