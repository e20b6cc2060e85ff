package app

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	tsync "triad/data/sync"
)

func TestTheFacilitatorApprovesAJoinFromTheSidebar(t *testing.T) {
	ctx := context.Background()
	u, db := newTestUI(t)
	p := apptest.Pod(t, db, "Payments")
	fac, _ := tsync.NewKey()
	tl, _ := tsync.NewKey()
	if err := db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", fac); err != nil {
		t.Fatal(err)
	}
	if err := db.SharePod(ctx, p.UID, []tsync.Seat{tsync.SeatFacilitator}, nil); err != nil {
		t.Fatal(err)
	}
	// The Tech Lead's ask, as it arrives from the hub.
	g, _ := tsync.NewGrant(fac, "acme", p.UID, tsync.SeatTechLead)
	body, _ := json.Marshal(tsync.JoinPayload{Seat: tsync.SeatTechLead, Name: "Priya Raman", Grant: g})
	ask := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: p.UID, Kind: tsync.KindJoinAsked, Payload: body, Clock: tsync.HLC{Wall: time.Now().UnixMilli()}}
	if err := ask.Sign(tl); err != nil {
		t.Fatal(err)
	}
	if res, err := db.ApplyEvent(ctx, ask); err != nil || res != tsync.EventApplied {
		t.Fatalf("the ask: %d, %v", res, err)
	}
	u.sidebar.reloadAsks() // as TeamChanged does once the worker applied the ask
	u.sh.Wait()
	if !apptest.ContainsText(u.sidebar.asks, "Priya Raman asks to join Payments as Tech Lead") {
		t.Fatal("the sidebar does not show the ask")
	}
	approve := apptest.FindButton(u.sidebar.asks, "Approve")
	if approve == nil || apptest.FindButton(u.sidebar.asks, "Refuse") == nil {
		t.Fatal("no Approve and Refuse beside the ask")
	}
	test.Tap(approve)
	u.sh.Wait()
	m, err := db.Membership(ctx, p.UID)
	if err != nil || !m.Holds(tl.Public, tsync.SeatTechLead) {
		t.Fatalf("after Approve: %+v, %v", m, err)
	}
	if apptest.ContainsText(u.sidebar.asks, "asks to join") {
		t.Fatal("the answered ask is still shown")
	}
	if waiting, _, _ := db.OutboxCounts(ctx); waiting != 2 { // the sharing and the approval
		t.Fatalf("%d events waiting, want 2", waiting)
	}
}
