package sqlite

import (
	"strings"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

func TestTheTeamScreensReads(t *testing.T) {
	a, b, c, uid := deletesMeetEdits(t)
	onC := itemNamed(t, localMeeting(t, c.db, uid), "Partner API")
	// The Tech Lead edits the meeting record, which only the facilitator
	// or the PM may: every laptop refuses it.
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindMeetingEdited, Clock: tsync.HLC{Wall: 1 << 50},
		Payload: mustJSON(t, meetingPayload{Meeting: uid, Records: []syncRec{{Table: "agenda_items", UID: uidOf(t, b.db, "agenda_items", onC.ID),
			Fields: map[string]any{"notes": "forged"}}}})}
	if err := forged.Sign(b.key); err != nil {
		t.Fatal(err)
	}
	if res, err := c.db.ApplyEvent(ctx, forged); err != nil || res != tsync.EventRefused {
		t.Fatalf("the Tech Lead's edit of the record: %d, %v", res, err)
	}

	o, ok, err := c.db.TeamOverview(ctx)
	if err != nil || !ok {
		t.Fatalf("overview: %v, %v", ok, err)
	}
	if o.Team != "acme" || o.Name != "José" || o.Key != c.key.Public || len(o.Pods) != 1 || o.Pods[0].Name != "Payments" {
		t.Fatalf("overview: %+v", o)
	}
	seats := map[string]data.TeamSeat{}
	for _, x := range o.Pods[0].Seats {
		seats[x.Seat] = x
	}
	if !seats["product_manager"].Mine || seats["tech_lead"].Name != "Priya Raman" || seats["tech_lead"].Mine || seats["facilitator"].Name != "Dan" {
		t.Fatalf("seats: %+v", o.Pods[0].Seats)
	}
	// José is the PM: he keeps the meeting record, and does not sign off.
	if p := o.Pods[0]; !p.EditsMeetingRecord || p.DecidesDeals {
		t.Errorf("the PM's laptop: edits the record %v, decides deals %v; want true, false", p.EditsMeetingRecord, p.DecidesDeals)
	}
	if o, _, _ := b.db.TeamOverview(ctx); len(o.Pods) != 1 || o.Pods[0].EditsMeetingRecord || !o.Pods[0].DecidesDeals {
		t.Errorf("the Tech Lead's laptop: %+v; want deals decided there, the record kept elsewhere", o.Pods)
	}
	if len(o.Joins) != 1 || !o.Joins[0].Mine || o.Joins[0].State != "approved" || o.Joins[0].Pod != "Payments" || o.Joins[0].Seat != "product_manager" {
		t.Fatalf("joins: %+v", o.Joins)
	}

	refused, total, err := c.db.RefusedChanges(ctx, 10)
	if err != nil || total != 1 || len(refused) != 1 {
		t.Fatalf("refused: %+v, %d, %v", refused, total, err)
	}
	if r := refused[0]; r.ID != forged.ID || r.Kind != "meeting.edited" || r.By != "Priya Raman" || r.Pod != "Payments" ||
		!strings.Contains(r.Reason, "facilitator or the Product Manager") || r.At.IsZero() {
		t.Fatalf("refused: %+v", r)
	}

	kept, total, err := c.db.KeptDeletes(ctx, 1)
	if err != nil || total != 2 || len(kept) != 1 {
		t.Fatalf("kept: %+v, %d, %v (want the newest of 2)", kept, total, err)
	}
	kept, _, _ = c.db.KeptDeletes(ctx, 10)
	whats := kept[0].What + " | " + kept[1].What
	for _, want := range []string{"agenda item “Partner API” of the meeting of 2026-11-26", "action item “Scope the webhook API with two partners”"} {
		if !strings.Contains(whats, want) {
			t.Errorf("kept deletes %q, want %q", whats, want)
		}
	}
	for _, k := range kept {
		if k.By != "Dan" || k.Pod != "Payments" || !strings.Contains(k.Reason, "kept") || k.At.IsZero() {
			t.Errorf("kept: %+v", k)
		}
	}
	// On the facilitator's laptop the deletes were its own.
	if own, _, _ := a.db.KeptDeletes(ctx, 10); len(own) != 2 || own[0].By != "Dan" {
		t.Errorf("the facilitator's kept deletes: %+v", own)
	}
}

func TestTheTeamScreensReadsOfNoTeam(t *testing.T) {
	db, _, _ := openDealDB(t)
	if _, ok, err := db.TeamOverview(ctx); ok || err != nil {
		t.Fatalf("no team: %v, %v", ok, err)
	}
	if r, n, err := db.RefusedChanges(ctx, 50); len(r) != 0 || n != 0 || err != nil {
		t.Fatalf("refused with no team: %v %d %v", r, n, err)
	}
	if k, n, err := db.KeptDeletes(ctx, 50); len(k) != 0 || n != 0 || err != nil {
		t.Fatalf("kept with no team: %v %d %v", k, n, err)
	}
}
