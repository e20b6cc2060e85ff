package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"triad/data"
)

func TestAddFollowUpActionLinksInOneStep(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "triad.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := data.NewPod()
	p.Name = "Payments"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Daniel Okafor", "Sofia Lindqvist"
	if p, err = db.CreatePod(ctx, p); err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	d := data.NewDecision(p, m.ID)
	d.Question = "Ship multi-currency payouts in Q1?"
	if d, err = db.CreateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}

	a, err := db.AddFollowUpAction(ctx, d.ID, data.ActionItem{Text: "Draft the FX pricing page"})
	if err != nil || a.MeetingID != m.ID {
		t.Fatalf("follow-up = %+v, %v", a, err)
	}
	got, _ := db.Decision(ctx, d.ID)
	if len(got.ActionItemIDs) != 1 || got.ActionItemIDs[0] != a.ID {
		t.Fatalf("linked = %v, want [%d]", got.ActionItemIDs, a.ID)
	}

	// Refused: nothing written, neither the action nor a link.
	if _, err := db.AddFollowUpAction(ctx, d.ID, data.ActionItem{Text: "  "}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("empty text: %v", err)
	}
	if _, err := db.AddFollowUpAction(ctx, d.ID+100, data.ActionItem{Text: "Orphan"}); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing decision: %v", err)
	}
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	if _, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Payouts", Kind: data.KindTopic, PlannedMinutes: 10}); err != nil {
		t.Fatal(err)
	}
	if err := db.StartMeeting(ctx, m.ID, at); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, m.ID, at.Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddFollowUpAction(ctx, d.ID, data.ActionItem{Text: "After the meeting"}); err == nil {
		t.Error("a closed meeting took a follow-up")
	}
	r, _ := db.MeetingRun(ctx, m.ID)
	got, _ = db.Decision(ctx, d.ID)
	if len(r.Actions) != 1 || len(got.ActionItemIDs) != 1 {
		t.Errorf("after refusals: %d actions, %d links; want 1 and 1", len(r.Actions), len(got.ActionItemIDs))
	}
}
