package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"triad/data"
)

func search(t *testing.T, db *DB, podID int64, text string) []data.SearchHit {
	t.Helper()
	hits, err := db.Search(ctx, data.SearchRequest{PodID: podID, Text: text})
	if err != nil {
		t.Fatalf("searching %q: %v", text, err)
	}
	return hits
}

func noted(t *testing.T, db *DB, meetingID int64, title, notes string) data.AgendaItem {
	t.Helper()
	it := addItem(t, db, meetingID, title, 5)
	it.Notes = notes
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	return it
}

// Results are ranked by relevance (bm25, a title word weighing more than a
// body word), and among equally good matches the newest comes first.
func TestSearchRanksByRelevanceThenNewest(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	old := newMeeting(t, db, p.ID, "2026-10-01")
	best := noted(t, db, old.Meeting.ID, "Refund policy", "Refunds: the refund window and who approves a refund")
	r := newMeeting(t, db, p.ID, "2026-11-19")
	weak := noted(t, db, r.Meeting.ID, "Quarterly numbers", "Revenue grew in every region; churn fell; one refund was late; "+
		strings.Repeat("the pipeline looks healthy and the forecast holds ", 6))
	twinOld := noted(t, db, r.Meeting.ID, "Ledger", "ledger export")
	twinNew := noted(t, db, r.Meeting.ID, "Ledger", "ledger export")

	hits := search(t, db, p.ID, "refund")
	if len(hits) != 2 || hits[0].RefID != best.ID || hits[1].RefID != weak.ID {
		t.Fatalf("refund: %v, want the refund policy (older, but all about refunds) before the passing mention", hitIDs(hits))
	}
	if hits[0].Score <= hits[1].Score {
		t.Errorf("scores %v, %v: the better match must score higher", hits[0].Score, hits[1].Score)
	}
	hits = search(t, db, p.ID, "ledger")
	if len(hits) != 2 || hits[0].RefID != twinNew.ID || hits[1].RefID != twinOld.ID || hits[0].Score != hits[1].Score {
		t.Errorf("ledger: %v, want the newer of two equal matches first", hitIDs(hits))
	}
	// The decision log and the agenda search rank the same way.
	if hits := searchAgenda(t, db, p.ID, "refund"); len(hits) != 2 || hits[0].RefID != best.ID {
		t.Errorf("SearchAgenda: %v", hitIDs(hits))
	}
	// The shown page carries its highlights.
	if got := fmt.Sprint(hits[0].Snippet); !strings.Contains(got, "{ledger true}") {
		t.Errorf("snippet %s has no marked hit", got)
	}
}

// One search covers decisions, agenda notes, action items and deal
// requests, of one pod or of every pod.
func TestSearchCoversEveryKindAndEveryPod(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	other, _ := db.CreatePod(ctx, samplePod("Growth"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	item := noted(t, db, r.Meeting.ID, "Wallet", "Zebracorn wallet rollout")
	action, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: r.Meeting.ID, Text: "Ask zebracorn for a quote"})
	if err != nil {
		t.Fatal(err)
	}
	deal := sampleDeal(p.ID, time.Date(2026, 11, 18, 9, 0, 0, 0, time.UTC))
	deal.Customer = "Zebracorn Ltd"
	req, err := db.CreateDealRequest(ctx, deal)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.CreateDecision(ctx, data.Decision{PodID: p.ID, MeetingID: r.Meeting.ID, Question: "Partner with Zebracorn?",
		Options: []data.DecisionOption{{Title: "Yes"}, {Title: "No"}}})
	if err != nil {
		t.Fatal(err)
	}
	ro := newMeeting(t, db, other.ID, "2026-11-19")
	elsewhere := noted(t, db, ro.Meeting.ID, "Growth idea", "zebracorn referrals")

	kinds := map[string]int64{}
	for _, h := range search(t, db, p.ID, "zebracorn") {
		kinds[h.Kind] = h.RefID
		if h.PodID != p.ID {
			t.Errorf("a hit of pod %d in pod %d's search", h.PodID, p.ID)
		}
	}
	want := map[string]int64{data.HitDecision: d.ID, data.HitAgendaItem: item.ID, data.HitActionItem: action.ID, data.HitDealRequest: req.ID}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("kinds found %v, want %v", kinds, want)
	}
	// A search can keep some kinds only: the decision log asks for
	// everything but decisions, which it lists itself.
	some, err := db.Search(ctx, data.SearchRequest{PodID: p.ID, Text: "zebracorn", Kinds: []string{data.HitActionItem, data.HitDealRequest}})
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 2 || some[0].Kind == some[1].Kind || some[0].Kind == data.HitDecision || some[0].Kind == data.HitAgendaItem ||
		some[1].Kind == data.HitDecision || some[1].Kind == data.HitAgendaItem {
		t.Errorf("actions and deal requests only: %+v", some)
	}
	all := search(t, db, 0, "zebracorn")
	if len(all) != 5 {
		t.Fatalf("every pod: %d hits, want 5", len(all))
	}
	found := false
	for _, h := range all {
		found = found || (h.PodID == other.ID && h.RefID == elsewhere.ID)
	}
	if !found {
		t.Errorf("the search of every pod misses the other pod's note: %+v", all)
	}
	// Editing the words re-indexes; ticking an action done does not lose it.
	if err := db.SetActionDone(ctx, action.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	if hits := search(t, db, p.ID, "quote"); len(hits) != 1 || hits[0].Kind != data.HitActionItem {
		t.Errorf("a done action: %+v", hits)
	}
	req.Customer = "Okapi GmbH"
	if _, err := db.UpdateDealRequest(ctx, req); err != nil {
		t.Fatal(err)
	}
	if hits := search(t, db, p.ID, "okapi"); len(hits) != 1 || hits[0].RefID != req.ID {
		t.Errorf("renamed customer: %+v", hits)
	}
}

// A one- or two-letter word matches whole words only, even while typed:
// "p" does not stand for every word that starts with p.
func TestShortWordsMatchWholeWords(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	noted(t, db, r.Meeting.ID, "Payouts", "payments and pricing")
	pa := noted(t, db, r.Meeting.ID, "Plan", "plan A or plan B, said pa")
	if hits := search(t, db, p.ID, "p"); len(hits) != 0 {
		t.Errorf("p: %v", hitIDs(hits))
	}
	if hits := search(t, db, p.ID, "pa"); len(hits) != 1 || hits[0].RefID != pa.ID {
		t.Errorf("pa: %v, want only the item with the word pa", hitIDs(hits))
	}
	if hits := search(t, db, p.ID, "pay"); len(hits) != 1 {
		t.Errorf("pay: %v, want the prefix to find payments", hitIDs(hits))
	}
}

// A query whose context is cancelled (the search box's next keystroke)
// stops and says so; it returns no partial page.
func TestStaleSearchIsCancelled(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	noted(t, db, r.Meeting.ID, "Payouts", "payments and pricing")
	stale, cancel := context.WithCancel(ctx)
	cancel()
	hits, err := db.Search(stale, data.SearchRequest{PodID: p.ID, Text: "payments"})
	if !errors.Is(err, context.Canceled) || hits != nil {
		t.Errorf("cancelled search = %v, %v", hits, err)
	}
	if _, err := db.DecisionLog(stale, data.DecisionFilter{PodID: p.ID, Text: "payments"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled decision log: %v", err)
	}
	for _, bad := range []data.SearchRequest{{PodID: -1, Text: "x"}, {Text: "x", Limit: -1}, {Text: "x", Limit: 501}, {Text: "x", Offset: -1}, {Text: "x", Kinds: []string{"meeting"}}} {
		if _, err := db.Search(ctx, bad); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("Search(%+v) = %v, want a clear refusal", bad, err)
		}
	}
}
