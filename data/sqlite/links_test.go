package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/demo"
)

func hitIDs(hits []data.SearchHit) []int64 {
	var ids []int64
	for _, h := range hits {
		ids = append(ids, h.RefID)
	}
	return ids
}

func searchAgenda(t *testing.T, db *DB, podID int64, text string) []data.SearchHit {
	t.Helper()
	hits, err := db.SearchAgenda(ctx, podID, text, 50)
	if err != nil {
		t.Fatalf("searching %q: %v", text, err)
	}
	return hits
}

func TestAgendaNotesAreSearchable(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	other, _ := db.CreatePod(ctx, samplePod("Growth"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	it := addItem(t, db, r.Meeting.ID, "Chargeback spike", 10)

	// An item with neither notes nor an outcome is not in the index.
	if hits := searchAgenda(t, db, p.ID, "chargeback "); len(hits) != 0 {
		t.Fatalf("title-only item found: %v", hits)
	}

	pay := data.Dollars(15_000)
	it.Notes = "Merchants in Lisbon report double charges"
	it.Outcome = "Escalate to the acquirer"
	it.Answers.WillPay = &pay
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"lisbon ", "acquirer ", "chargeback ", "merch"} {
		hits := searchAgenda(t, db, p.ID, q)
		if len(hits) != 1 || hits[0].RefID != it.ID || hits[0].MeetingID != r.Meeting.ID ||
			hits[0].MeetingDate.String() != "2026-11-19" || hits[0].Kind != kindAgendaItem {
			t.Fatalf("%q: hits = %+v", q, hits)
		}
	}
	hit := searchAgenda(t, db, p.ID, "lisbon ")[0]
	if !strings.Contains(fmt.Sprint(hit.Snippet), "{Lisbon true}") || data.RunsText(hit.Title) != "Chargeback spike" {
		t.Errorf("snippet %v title %v", hit.Snippet, hit.Title)
	}
	// Money and dates stay out of the index; other pods do not see it.
	for _, q := range []string{"15000 ", "1500000 ", "2026 ", "11 "} {
		if hits := searchAgenda(t, db, p.ID, q); len(hits) != 0 {
			t.Errorf("%q found %v", q, hits)
		}
	}
	if hits := searchAgenda(t, db, other.ID, "lisbon "); len(hits) != 0 {
		t.Errorf("another pod sees the notes: %v", hits)
	}
	// SearchPod sees agenda items too.
	if hits, err := db.SearchPod(ctx, p.ID, "acquirer ", 50); err != nil || len(hits) != 1 || hits[0].Kind != kindAgendaItem {
		t.Errorf("SearchPod = %v, %v", hits, err)
	}

	// Editing replaces the words; the clock's updates leave the row alone.
	it.Notes = "Refunds arrive twice"
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	if hits := searchAgenda(t, db, p.ID, "lisbon "); len(hits) != 0 {
		t.Errorf("old notes still found: %v", hits)
	}
	if hits := searchAgenda(t, db, p.ID, "refunds "); len(hits) != 1 {
		t.Errorf("new notes not found: %v", hits)
	}

	// Hostile input is searched for, never an SQL error.
	for _, q := range []string{`"`, `""`, `*`, `(`, `)`, `"unbalanced`, `NEAR`, `NEAR(a b)`, `-`, `- refunds`,
		`title:refunds`, `scope:p1`, `p1`, `{title}:x`, `AND OR NOT`, `^refunds`, `refunds*`, "\x00", `'; DROP TABLE agenda_items; --`} {
		if _, err := db.SearchAgenda(ctx, p.ID, q, 50); err != nil {
			t.Errorf("%q: %v", q, err)
		}
		if _, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: p.ID, Text: q}); err != nil {
			t.Errorf("decision log %q: %v", q, err)
		}
	}
	if hits := searchAgenda(t, db, p.ID, "scope:p"+fmt.Sprint(p.ID)); len(hits) != 0 {
		t.Errorf("the scope token matched typed text: %v", hits)
	}

	// Deleting the item, or its meeting, takes it out of the index.
	it2 := addItem(t, db, r.Meeting.ID, "Refund backlog", 5)
	it2.Notes = "Refunds queue is three days long"
	if err := db.UpdateAgendaItem(ctx, it2); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteAgendaItem(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(searchAgenda(t, db, p.ID, "refunds ")); len(ids) != 1 || ids[0] != it2.ID {
		t.Errorf("after deleting an item: %v", ids)
	}
	if _, err := db.db.Exec(`DELETE FROM meetings WHERE id = ?`, r.Meeting.ID); err != nil {
		t.Fatal(err)
	}
	var left int
	db.db.QueryRow(`SELECT count(*) FROM search_index WHERE kind = 'agenda_item'`).Scan(&left)
	if left != 0 {
		t.Errorf("%d agenda rows left in the index after the meeting went", left)
	}
}

// TestAgendaIndexBackfilled upgrades a version-5 database holding agenda
// notes and finds them.
func TestAgendaIndexBackfilled(t *testing.T) {
	path := tempPath(t)
	raw, err := sql.Open("sqlite3", dsn(path, "rwc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, raw, 5); err != nil {
		t.Fatal(err)
	}
	for f := 1; f <= 5; f++ {
		fixture, err := os.ReadFile(filepath.Join("testdata", "fixtures", fmt.Sprintf("%04d.sql", f)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(fixture)); err != nil {
			t.Fatalf("fixture %04d: %v", f, err)
		}
	}
	// A link that points nowhere, as 0005 allowed.
	if _, err := raw.Exec(`UPDATE decisions SET agenda_item_id = 99 WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := Open(path, Options{Check: "full"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hits := searchAgenda(t, db, 1, "merchants ")
	if len(hits) != 1 || hits[0].RefID != 2 || data.RunsText(hits[0].Title) != "Instant payouts" {
		t.Fatalf("backfilled hits = %+v", hits)
	}
	if hits := searchAgenda(t, db, 1, "go for "); len(hits) != 1 {
		t.Errorf("outcome not backfilled: %v", hits)
	}
	d, err := db.Decision(ctx, 2)
	if err != nil || d.AgendaItemID != 0 {
		t.Errorf("dangling agenda link kept: %+v, %v", d.AgendaItemID, err)
	}
}

func TestDecisionLinksKeptWhole(t *testing.T) {
	f := newDecisionFixture(t)
	it := addItem(t, f.db, f.meeting.ID, "Fraud vendor", 10)
	prop := f.proposal("Which fraud vendor?")
	prop.AgendaItemID = it.ID
	d, err := f.db.CreateDecision(ctx, prop)
	if err != nil {
		t.Fatal(err)
	}
	action, err := f.db.AddActionItem(ctx, data.ActionItem{MeetingID: f.meeting.ID, Text: "Call the vendor"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.LinkActionItem(ctx, d.ID, action.ID); err != nil {
		t.Fatal(err)
	}

	// Links to rows that do not exist are refused by the database itself.
	for _, stmt := range []string{
		fmt.Sprintf(`UPDATE decisions SET agenda_item_id = 9999 WHERE id = %d`, d.ID),
		fmt.Sprintf(`INSERT INTO decisions (pod_id, meeting_id, agenda_item_id, question, created_at, updated_at)
			VALUES (%d, %d, 9999, 'q', 'x', 'x')`, f.pod.ID, f.meeting.ID),
		fmt.Sprintf(`INSERT INTO decision_actions (decision_id, action_item_id) VALUES (%d, 9999)`, d.ID),
		fmt.Sprintf(`UPDATE decision_actions SET action_item_id = 9999 WHERE decision_id = %d`, d.ID),
	} {
		if _, err := f.db.db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
			t.Errorf("%s: %v", stmt, err)
		}
	}
	if err := f.db.LinkActionItem(ctx, d.ID, 9999); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("linking a missing action item: %v", err)
	}

	// Deleting the action item removes the follow-up link; deleting the
	// agenda item leaves the decision, unlinked.
	if err := f.db.DeleteActionItem(ctx, action.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.db.DeleteAgendaItem(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.db.Decision(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AgendaItemID != 0 || len(got.ActionItemIDs) != 0 || got.Question != "Which fraud vendor?" {
		t.Errorf("after deletes: agenda %d, actions %v", got.AgendaItemID, got.ActionItemIDs)
	}
}

func approvedDeal(t *testing.T, db *DB, podID int64, customer string, value int64) data.DealRequest {
	t.Helper()
	r := sampleDeal(podID, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	r.Customer, r.Value = customer, data.Dollars(value)
	r, err := db.CreateDealRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if r, err = db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDealToRoadmapRoundTrip(t *testing.T) {
	db := openAt(t) // 25 Nov 2026
	p, _ := podWithMeeting(t, db)
	other, _ := db.CreatePod(ctx, samplePod("Growth"))
	acme := approvedDeal(t, db, p.ID, "Acme Corp", 300_000)

	// Only an approved request feeds the roadmap.
	pending := sampleDeal(p.ID, time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	pending, err := db.CreateDealRequest(ctx, pending)
	if err != nil {
		t.Fatal(err)
	}
	proposed := data.RoadmapItemFromDeal(acme, data.NewDate(2026, 11, 25))
	if _, err := db.CreateRoadmapItemFromDeal(ctx, pending.ID, proposed); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("pending request: %v", err)
	}

	proposed.Effort = effort(8)
	proposed.Status = data.StatusPlanned
	proposed.Target = q4
	it, err := db.CreateRoadmapItemFromDeal(ctx, acme.ID, proposed)
	if err != nil {
		t.Fatal(err)
	}
	if it.PodID != p.ID || it.Title != "SAML single sign-on" || strings.Join(it.Customers, "|") != "Acme Corp" ||
		len(it.Deals) != 1 || it.Deals[0].RequestID != acme.ID || it.Deals[0].DealName != "Renewal 2027" ||
		it.Deals[0].Value != data.Dollars(300_000) || it.ExpectedARR != data.Dollars(300_000) {
		t.Fatalf("created from deal = %+v", it)
	}
	items, err := db.DealRoadmapItems(ctx, acme.ID)
	if err != nil || len(items) != 1 || items[0].ID != it.ID {
		t.Fatalf("deal's items = %v, %v", items, err)
	}

	// Saving the item from the roadmap form keeps the link of a customer
	// still listed; adding a typed customer adds no link.
	it.Customers = append(it.Customers, "Initech")
	it.Title = "SAML SSO"
	it = mustSave(t, db, it)
	if len(it.Deals) != 1 || it.Deals[0].RequestID != acme.ID || len(it.Customers) != 2 {
		t.Fatalf("after edit: %+v", it)
	}

	// Linking a second approved deal to an existing item adds its customer.
	globex := approvedDeal(t, db, p.ID, "Globex", 90_000)
	internal := mustSave(t, db, data.RoadmapItem{PodID: p.ID, Title: "Audit log", Kind: data.KindFeature,
		Effort: effort(2), Target: q4, Status: data.StatusPlanned})
	linked, err := db.LinkDealToRoadmapItem(ctx, globex.ID, internal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(linked.Customers, "|") != "Globex" || len(linked.Deals) != 1 || linked.Deals[0].RequestID != globex.ID {
		t.Fatalf("linked = %+v", linked)
	}
	// Linking again is harmless; the typed customer picks up the link.
	if _, err := db.LinkDealToRoadmapItem(ctx, globex.ID, internal.ID); err != nil {
		t.Errorf("linking twice: %v", err)
	}
	initech := approvedDeal(t, db, p.ID, "initech", 60_000)
	if it, err = db.LinkDealToRoadmapItem(ctx, initech.ID, it.ID); err != nil || len(it.Deals) != 2 || len(it.Customers) != 2 {
		t.Fatalf("typed customer linked: %+v, %v", it, err)
	}
	// A second Acme deal on the same item is refused, not swapped in.
	acme2 := approvedDeal(t, db, p.ID, "ACME corp", 70_000)
	if _, err := db.LinkDealToRoadmapItem(ctx, acme2.ID, it.ID); !errors.Is(err, data.ErrConflict) {
		t.Errorf("second deal of one customer: %v", err)
	}
	// Items of another pod are refused.
	elsewhere := mustSave(t, db, data.RoadmapItem{PodID: other.ID, Title: "Elsewhere", Kind: data.KindFeature, Target: q4,
		Status: data.StatusProposed})
	if _, err := db.LinkDealToRoadmapItem(ctx, globex.ID, elsewhere.ID); !errors.Is(err, data.ErrConflict) {
		t.Errorf("other pod: %v", err)
	}
	// The database refuses a link to a request that does not exist.
	if _, err := db.db.Exec(`UPDATE roadmap_item_sources SET deal_request_id = 9999 WHERE item_id = ?`, internal.ID); err == nil {
		t.Error("a source linked to a missing request")
	}

	// Removing the customer drops the link.
	it.Customers = []string{"Initech"}
	it = mustSave(t, db, it)
	if len(it.Deals) != 1 || it.Deals[0].RequestID != initech.ID {
		t.Errorf("after removing Acme: %+v", it.Deals)
	}
	if items, _ := db.DealRoadmapItems(ctx, acme.ID); len(items) != 0 {
		t.Errorf("Acme still linked: %v", items)
	}

	// Effort per customer over the planning window: 8 of 10 points Initech, 2 Globex.
	efforts, err := db.CustomerRoadmapEffort(ctx, p.ID, data.QuarterRange{From: q4, To: q4.Next()})
	if err != nil {
		t.Fatal(err)
	}
	if len(efforts) != 2 || efforts[0].Customer != "Initech" || efforts[0].Share != 8000 || efforts[1].Share != 2000 {
		t.Errorf("efforts = %+v", efforts)
	}
}

// TestImportRebuildsSearchIndex: the index is not exported; the triggers
// rebuild it row for row as the import inserts agenda items and decisions,
// and the trigger-checked links import in an order they accept.
func TestImportRebuildsSearchIndex(t *testing.T) {
	src := openTemp(t)
	if err := demo.Fill(ctx, src, time.Now()); err != nil {
		t.Fatal(err)
	}
	var linked int
	src.db.QueryRow(`SELECT count(*) FROM roadmap_item_sources WHERE deal_request_id IS NOT NULL`).Scan(&linked)
	if linked == 0 {
		t.Fatal("the sample data links no deal to the roadmap")
	}
	first, err := src.exportBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(first), `"search_index`) {
		t.Error("the export holds the search index")
	}
	dst := openTemp(t)
	if err := dst.ImportJSON(ctx, strings.NewReader(string(first))); err != nil {
		t.Fatal(err)
	}
	index := func(db *DB) string {
		rows, err := db.db.Query(`SELECT rowid, kind, ref_id, pod_id, meeting_id, scope, title, body FROM search_index ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var rowid, ref, pod, meeting int64
			var kind, scope, title, body string
			rows.Scan(&rowid, &kind, &ref, &pod, &meeting, &scope, &title, &body)
			fmt.Fprintf(&b, "%d %s %d %d %d %s %q %q\n", rowid, kind, ref, pod, meeting, scope, title, body)
		}
		return b.String()
	}
	want, got := index(src), index(dst)
	if !strings.Contains(want, " agenda_item ") || !strings.Contains(want, " decision ") {
		t.Fatalf("the sample index lacks agenda items or decisions:\n%s", want)
	}
	if got != want {
		t.Errorf("index after import differs:\n%s\n---\n%s", want, got)
	}
	if _, err := dst.db.Exec(`INSERT INTO search_index (search_index) VALUES ('integrity-check')`); err != nil {
		t.Error(err)
	}
}
