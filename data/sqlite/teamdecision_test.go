package sqlite

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

// joinAs makes a laptop that joins a's pod in seat with a grant from a's
// facilitator, knowing the members a knows; its join reaches a and others.
func joinAs(t *testing.T, a replica, seat tsync.Seat, name string, others ...replica) replica {
	t.Helper()
	var r replica
	r.db, _, _ = openDealDB(t)
	r.key = mustKey(t)
	var err error
	if r.pod, err = r.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	grant, err := tsync.NewGrant(a.key, "acme", a.pod.UID, seat)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.db.SetPodUID(ctx, r.pod.ID, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	r.pod.UID = a.pod.UID
	if err := r.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", name, r.key); err != nil {
		t.Fatal(err)
	}
	known, err := a.db.Membership(ctx, a.pod.UID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range known.Members {
		if err := r.db.AddMember(ctx, a.pod.UID, m); err != nil {
			t.Fatal(err)
		}
	}
	must(t, r.db.AskToJoin(ctx, a.pod.UID, seat, grant))
	dbs := []*DB{a.db}
	for _, o := range others {
		dbs = append(dbs, o.db)
	}
	deliver(t, r.db, dbs...)
	_, err = a.db.DecideJoin(ctx, grant.Nonce, true)
	must(t, err)
	// Only the approval goes to the new member now: what a still has
	// waiting (a share, say) is the caller's to deliver.
	pending, err := a.db.PendingEvents(ctx, 1000)
	must(t, err)
	for _, ev := range pending {
		if ev.Kind != tsync.KindJoinApproved {
			continue
		}
		for _, d := range append([]*DB{r.db}, dbs[1:]...) {
			_, err := d.ApplyEvent(ctx, ev)
			must(t, err)
		}
		must(t, a.db.MarkSent(ctx, ev.ID))
	}
	return r
}

// triadOfThree is the facilitator's laptop (a, which also holds the PMM's
// seat), the Tech Lead's (tl) and the Product Manager's (pm).
func triadOfThree(t *testing.T) (a, tl, pm replica) {
	t.Helper()
	a.db, _, _ = openDealDB(t)
	a.key = mustKey(t)
	var err error
	if a.pod, err = a.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	must(t, a.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", a.key))
	must(t, a.db.SharePod(ctx, a.pod.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatMarketing}, nil))
	tl = joinAs(t, a, tsync.SeatTechLead, "Priya Raman")
	pm = joinAs(t, a, tsync.SeatProduct, "José Ñúñez", tl)
	if _, err := tl.db.ApplyEvent(ctx, mustSent(t, pm.db)[0]); err != nil {
		t.Fatal(err)
	}
	return a, tl, pm
}

func mustSent(t *testing.T, db *DB) []tsync.Event {
	t.Helper()
	evs, err := db.SentEvents(ctx, 1000)
	if err != nil || len(evs) == 0 {
		t.Fatalf("sent events: %v, %v", evs, err)
	}
	return evs
}

// sameDecisions checks every replica's decisions section is the same
// bytes, and returns it.
func sameDecisions(t *testing.T, pod string, dbs ...*DB) []byte {
	t.Helper()
	first, err := dbs[0].DecisionsExport(ctx, pod)
	if err != nil {
		t.Fatal(err)
	}
	for i, db := range dbs[1:] {
		got, err := db.DecisionsExport(ctx, pod)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, got) {
			t.Fatalf("replica %d's decisions differ from replica 0's:\n%s\n---\n%s", i+1, got, first)
		}
	}
	return first
}

func onlyDecision(t *testing.T, r replica) data.Decision {
	t.Helper()
	var id int64
	if err := r.db.db.QueryRow(`SELECT id FROM decisions WHERE pod_id = ?`, r.pod.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	d, err := r.db.Decision(ctx, id)
	must(t, err)
	return d
}

func TestDecisionCallAndALateCommitmentTravel(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	f := decisionFixture{db: pm.db, pod: pm.pod}
	m, err := pm.db.CreateMeeting(ctx, data.Meeting{PodID: pm.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	f.meeting = m
	prop := f.proposal("Buy or build fraud scoring?")
	for i := range prop.Perspectives {
		prop.Perspectives[i].Position, prop.Perspectives[i].Reasoning = "", ""
	}
	d, err := pm.db.CreateDecision(ctx, prop)
	must(t, err)
	d, err = pm.db.StatePosition(ctx, d.ID, d.Perspectives[1].MemberID, data.PositionAgree, "Merchants are leaving")
	must(t, err)
	d, err = pm.db.Decide(ctx, d)
	must(t, err)
	evs := deliver(t, pm.db, a.db, tl.db)
	kinds := []string{}
	for _, ev := range evs {
		kinds = append(kinds, string(ev.Kind))
	}
	if got := strings.Join(kinds, " "); got != "meeting.created decision.proposed decision.position decision.called" {
		t.Fatalf("the PM's events: %s", got)
	}

	// On the Tech Lead's laptop: decided, in its own meeting of that day,
	// and found by the search.
	got := onlyDecision(t, tl)
	if got.State != data.DecisionDecided || got.Chosen != 1 || got.MeetingDate.String() != "2026-11-26" ||
		got.DeciderName != "José Ñúñez" || len(got.Options) != 2 || got.Perspectives[1].Position != data.PositionAgree {
		t.Fatalf("the Tech Lead's laptop holds %+v", got)
	}
	hits, err := tl.db.SearchPod(ctx, tl.pod.ID, "chargebacks", 10)
	if err != nil || len(hits) != 1 || hits[0].RefID != got.ID {
		t.Fatalf("search on the Tech Lead's laptop: %+v, %v", hits, err)
	}

	// The Tech Lead was absent: they state a position and disagree and
	// commit from their own laptop, after the call.
	tlID := got.Perspectives[0].MemberID
	_, err = tl.db.StatePosition(ctx, got.ID, tlID, data.PositionDisagree, "We cannot staff the integration")
	must(t, err)
	_, err = tl.db.RecordCommitment(ctx, got.ID, tlID, data.DisagreeAndCommit)
	must(t, err)
	deliver(t, tl.db, a.db, pm.db)
	atFac := onlyDecision(t, a)
	if pv := atFac.Perspectives[0]; pv.Commitment != data.DisagreeAndCommit || pv.Position != data.PositionDisagree ||
		pv.Reasoning != "We cannot staff the integration" || pv.CommittedAt.IsZero() {
		t.Fatalf("the facilitator sees the Tech Lead's perspective as %+v", pv)
	}
	if hits, _ := a.db.SearchPod(ctx, a.pod.ID, "integration", 10); len(hits) != 1 {
		t.Fatalf("the Tech Lead's reasoning is not in the facilitator's search: %+v", hits)
	}
	sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)

	// Who changed what: the commitment is the Tech Lead's, on every laptop.
	changes, err := a.db.RecordChanges(ctx, decisionUID(t, tl.db, got.ID))
	must(t, err)
	found := false
	for _, c := range changes {
		if c.Field == "commitment" && c.Value == `"disagree_commit"` && c.Signer == tl.key.Public && c.Name == "Priya Raman" && c.Current {
			found = true
		}
	}
	if !found {
		t.Fatalf("the facilitator's changes lack the Tech Lead's commitment: %+v", changes)
	}
}

func TestSomeoneElsesCommitmentIsRefusedEverywhere(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	m, err := pm.db.CreateMeeting(ctx, data.Meeting{PodID: pm.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	f := decisionFixture{db: pm.db, pod: pm.pod, meeting: m}
	prop := f.proposal("Buy or build fraud scoring?")
	for i := range prop.Perspectives {
		if i != 1 {
			prop.Perspectives[i].Position, prop.Perspectives[i].Reasoning = "", ""
		}
	}
	// The PM states only their own position: anyone else's is refused here.
	if _, err := pm.db.CreateDecision(ctx, f.proposal("Everyone's positions?")); !errors.Is(err, data.ErrConflict) ||
		!strings.Contains(err.Error(), "only their own") {
		t.Fatalf("the PM stating the others' positions: %v", err)
	}
	d, err := pm.db.CreateDecision(ctx, prop)
	must(t, err)
	d, err = pm.db.Decide(ctx, d)
	must(t, err)
	deliver(t, pm.db, a.db, tl.db)

	// At the PM's laptop, signing the Tech Lead's commitment is refused at once.
	_, err = pm.db.StatePosition(ctx, d.ID, d.Perspectives[0].MemberID, data.PositionAgree, "")
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "tech_lead seat") {
		t.Fatalf("the PM stating the Tech Lead's position: %v", err)
	}
	if after, _ := pm.db.Decision(ctx, d.ID); after.Perspectives[0].Position != data.PositionNone {
		t.Fatal("a refused position stayed on the PM's laptop")
	}
	// Signed by the PM's key anyway: every other laptop refuses it, with why.
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindCommitment,
		Payload: mustJSON(t, tsync.RecordPayload{Seat: tsync.SeatTechLead, Record: decisionUID(t, tl.db, onlyDecision(t, tl).ID),
			Fields: map[string]any{"commitment": "commit", "committed_at": "2026-11-25T10:00:00.000Z"}}),
		Clock: tsync.HLC{Wall: 1 << 50}}
	must(t, forged.Sign(pm.key))
	for _, r := range []replica{a, tl} {
		if res, err := r.db.ApplyEvent(ctx, forged); err != nil || res != tsync.EventRefused {
			t.Fatalf("forged commitment: %d, %v", res, err)
		}
		refused, _ := r.db.RefusedEvents(ctx)
		if len(refused) != 1 || !strings.Contains(refused[0].Reason, "only their own answer") {
			t.Fatalf("refused: %+v", refused)
		}
		if pv := onlyDecision(t, r).Perspectives[0]; pv.Commitment != data.CommitmentNone {
			t.Fatalf("the forged commitment was applied: %+v", pv)
		}
	}
	sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)
}

func TestDebtAnswerIsThePMMsOnly(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	mustSave(t, tl.db, data.RoadmapItem{PodID: tl.pod.ID, Title: "Apple Pay", Kind: data.KindFeature, Effort: effort(8),
		Target: q4, Status: data.StatusPlanned})
	deliver(t, tl.db, a.db, pm.db)
	m, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	window := data.QuarterRange{From: q4, To: data.Quarter{Year: 2027, Q: 1}}
	snap, err := a.db.RecordDebtSnapshot(ctx, m.ID, window)
	must(t, err)
	deliver(t, a.db, tl.db, pm.db)

	// The Tech Lead answering is refused on their own laptop …
	var tlSnap int64
	must(t, tl.db.db.QueryRow(`SELECT id FROM debt_snapshots`).Scan(&tlSnap))
	_, err = tl.db.RespondToDebtSnapshot(ctx, tlSnap, data.DebtAnswer{Response: data.ResponseAccepted})
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "marketing_manager seat") {
		t.Fatalf("the Tech Lead answering: %v", err)
	}
	// … and, signed by their key anyway, everywhere else.
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindDebtAnswer,
		Payload: mustJSON(t, tsync.RecordPayload{Seat: tsync.SeatMarketing, Record: snapUID(t, a.db),
			Fields: map[string]any{"response": "accepted"}}), Clock: tsync.HLC{Wall: 1 << 50}}
	must(t, forged.Sign(tl.key))
	for _, db := range []*DB{a.db, pm.db} {
		if res, err := db.ApplyEvent(ctx, forged); err != nil || res != tsync.EventRefused {
			t.Fatalf("the Tech Lead's forged answer: %d, %v", res, err)
		}
	}

	// The PMM (the facilitator's laptop holds that seat) disputes; it syncs.
	_, err = a.db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseDisputed, Comment: "Upgrades are missing"})
	must(t, err)
	deliver(t, a.db, tl.db, pm.db)
	got, err := tl.db.DebtSnapshot(ctx, snapMeeting(t, tl.db))
	must(t, err)
	if got.Response != data.ResponseDisputed || got.Comment != "Upgrades are missing" || got.RespondedBy != "王小明" ||
		got.Check.FeatureItems != 1 || got.RespondentID == 0 {
		t.Fatalf("the Tech Lead's laptop holds %+v", got)
	}
	sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)
}

func snapUID(t *testing.T, db *DB) string {
	var uid string
	must(t, db.db.QueryRow(`SELECT uid FROM debt_snapshots`).Scan(&uid))
	return uid
}

func snapMeeting(t *testing.T, db *DB) int64 {
	var id int64
	must(t, db.db.QueryRow(`SELECT meeting_id FROM debt_snapshots`).Scan(&id))
	return id
}

func TestConcurrentRoadmapEditsConvergeWithTheLoserInHistory(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	it := mustSave(t, tl.db, data.RoadmapItem{PodID: tl.pod.ID, Title: "Apple Pay", Kind: data.KindFeature, Effort: effort(8),
		Target: q4, Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 10, 2), Customers: []string{"Acme Corp"}})
	deliver(t, tl.db, a.db, pm.db)
	var pmItem data.RoadmapItem
	r, err := pm.db.Roadmap(ctx, pm.pod.ID)
	must(t, err)
	if len(r.Items) != 1 || r.Items[0].Title != "Apple Pay" || r.Items[0].Customers[0] != "Acme Corp" {
		t.Fatalf("the PM's roadmap: %+v", r.Items)
	}
	pmItem = r.Items[0]

	// Apart: the Tech Lead re-estimates and renames; the PM renames and
	// books ARR over the $1M goal.
	it.Title, it.Effort = "Apple Pay and Google Pay", effort(13)
	mustSave(t, tl.db, it)
	pmItem.Title = "Wallet payments"
	mustSave(t, pm.db, pmItem)
	_, cel, err := pm.db.AddARREntry(ctx, data.ARREntry{ItemID: pmItem.ID, Date: data.NewDate(2026, 11, 20), Amount: data.Dollars(1_200_000)})
	must(t, err)
	if cel == nil {
		t.Fatal("no celebration at $1.2M")
	}
	_, _, err = tl.db.AddARREntry(ctx, data.ARREntry{ItemID: it.ID, Date: data.NewDate(2026, 11, 21), Amount: data.Dollars(10_000)})
	must(t, err)
	// The facilitator editing the roadmap is refused at once.
	r, _ = a.db.Roadmap(ctx, a.pod.ID)
	facItem := r.Items[0]
	facItem.Title = "x"
	if _, _, err := a.db.SaveRoadmapItem(ctx, facItem); !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "Tech Lead or the Product Manager") {
		t.Fatalf("the facilitator editing the roadmap: %v", err)
	}
	deliver(t, tl.db, a.db, pm.db)
	deliver(t, pm.db, a.db, tl.db)
	out := sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)

	// One title won on every laptop; the other is in the changes, replaced.
	r, _ = a.db.Roadmap(ctx, a.pod.ID)
	won := r.Items[0]
	if won.Title != "Wallet payments" && won.Title != "Apple Pay and Google Pay" {
		t.Fatalf("title %q", won.Title)
	}
	if *won.Effort != *effort(13) || won.RealizedARR != data.Dollars(1_210_000) || won.GoalReachedOn.String() != "2026-11-20" {
		t.Fatalf("the facilitator's item: %+v", won)
	}
	changes, err := a.db.RecordChanges(ctx, itemUID(t, a.db))
	must(t, err)
	titles := map[string]bool{}
	for _, c := range changes {
		if c.Field == "title" {
			titles[c.Value] = c.Current
		}
	}
	if len(titles) != 3 || !titles[`"`+won.Title+`"`] || titles[`"Apple Pay"`] {
		t.Fatalf("title changes %v (won %q)", titles, won.Title)
	}
	if !strings.Contains(string(out), `"replaced": "\"Apple Pay\""`) {
		t.Fatalf("the export lacks the replaced title:\n%s", out)
	}
}

func itemUID(t *testing.T, db *DB) string {
	var uid string
	must(t, db.db.QueryRow(`SELECT uid FROM roadmap_items`).Scan(&uid))
	return uid
}

func decisionUID(t *testing.T, db *DB, id int64) string {
	t.Helper()
	var uid string
	must(t, db.db.QueryRow(`SELECT uid FROM decisions WHERE id = ?`, id).Scan(&uid))
	return uid
}

func TestSyncedFieldListsAreSorted(t *testing.T) {
	// isField searches them.
	for name, list := range map[string][]string{"decision": decisionSyncFields, "perspective": perspectiveSyncFields,
		"roadmap": roadmapSyncFields, "debt figures": debtFigureFields, "debt answer": debtAnswerFields} {
		if !sort.StringsAreSorted(list) {
			t.Errorf("the %s fields are not sorted: %v", name, list)
		}
	}
}

func TestSharingAPodSendsItsDecisionsAndRoadmap(t *testing.T) {
	// Before the team: a pod with a superseded decision and its successor,
	// a shipped feature past its goal, and an answered debt check.
	f := newDecisionFixture(t)
	var a replica
	a.db, a.pod, a.key = f.db, f.pod, mustKey(t)
	first := f.decided(t, "Buy or build fraud scoring?")
	pmID := first.Perspectives[1].MemberID
	_, err := f.db.RecordCommitment(ctx, first.ID, pmID, data.Commit)
	must(t, err)
	later := f.proposal("Switch fraud vendors?")
	later.SupersedesID = first.ID
	later, err = f.db.CreateDecision(ctx, later)
	must(t, err)
	_, err = f.db.Decide(ctx, later)
	must(t, err)
	metricsOnRecord(t, f)

	// Shared, then the Tech Lead joins and catches up.
	must(t, a.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", a.key))
	must(t, a.db.SharePod(ctx, a.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, nil))
	nd, err := a.db.ShareDecisions(ctx, a.pod.UID)
	must(t, err)
	nr, err := a.db.ShareRoadmap(ctx, a.pod.UID)
	must(t, err)
	if nd != 2 || nr != 2 {
		t.Fatalf("shared %d decisions and %d roadmap records", nd, nr)
	}
	if nd, _ := a.db.ShareDecisions(ctx, a.pod.UID); nd != 0 {
		t.Fatalf("sharing again sent %d decisions", nd)
	}
	tl := joinAs(t, a, tsync.SeatTechLead, "Priya Raman")
	shared := deliver(t, a.db, tl.db)
	out := sameDecisions(t, a.pod.UID, a.db, tl.db)
	for _, want := range []string{`"state": "superseded"`, `"commitment": "commit"`, `"crossed_on": "2026-09-01"`, `"response": "accepted"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the shared section lacks %s:\n%s", want, out)
		}
	}
	ds, err := tl.db.DecisionLog(ctx, data.DecisionFilter{PodID: tl.pod.ID, Limit: 10})
	must(t, err)
	if len(ds) != 2 {
		t.Fatalf("the Tech Lead's log holds %d decisions", len(ds))
	}
	old, err := tl.db.Decision(ctx, ds[1].Decision.ID)
	must(t, err)
	if old.State != data.DecisionSuperseded || old.SupersededByID != ds[0].Decision.ID {
		t.Fatalf("the superseded decision on the Tech Lead's laptop: %+v (log %d, %d)", old, ds[0].Decision.ID, ds[1].Decision.ID)
	}
	if hits, _ := tl.db.SearchPod(ctx, tl.pod.ID, "vendors", 10); len(hits) != 1 {
		t.Fatalf("search on the Tech Lead's laptop: %+v", hits)
	}

	// A shared record never changes one a laptop holds.
	var again tsync.Event
	for _, ev := range shared {
		if ev.Kind == tsync.KindShared {
			again = ev
			break
		}
	}
	again.ID = tsync.NewID()
	must(t, again.Sign(a.key))
	if res, err := tl.db.ApplyEvent(ctx, again); err != nil || res != tsync.EventRefused {
		t.Fatalf("a second share of the same decision: %d, %v", res, err)
	}
}

func TestUpgradeGivesDecisionsAndRoadmapGlobalIDs(t *testing.T) {
	path := tempPath(t)
	raw, err := sql.Open("sqlite3", dsn(path, "rwc"))
	must(t, err)
	must(t, migrate(ctx, raw, 15))
	ms, err := migrations()
	must(t, err)
	for _, m := range ms {
		if m.version > 15 {
			break
		}
		fixture, err := os.ReadFile(filepath.Join("testdata", "fixtures", fmt.Sprintf("%04d.sql", m.version)))
		must(t, err)
		_, err = raw.Exec(string(fixture))
		must(t, err)
	}
	raw.Close()
	db, err := Open(path, Options{})
	must(t, err)
	defer db.Close()
	for _, table := range []string{"decisions", "roadmap_items", "roadmap_arr_entries", "roadmap_celebrations", "debt_snapshots"} {
		var rows, ids int
		must(t, db.db.QueryRow(`SELECT count(*), count(DISTINCT uid) FROM `+table).Scan(&rows, &ids))
		if rows == 0 || ids != rows {
			t.Errorf("%s: %d rows, %d global ids", table, rows, ids)
		}
	}
	// ARR entries and celebrations are still history.
	if _, err := db.db.Exec(`UPDATE roadmap_arr_entries SET amount = amount + 1`); err == nil {
		t.Error("an ARR entry was changed")
	}
	if _, err := db.db.Exec(`UPDATE roadmap_celebrations SET uid = lower(hex(randomblob(16)))`); err == nil {
		t.Error("a celebration's global id was changed")
	}
}

func TestNoTeamWritesNoSyncRowForDecisionsAndRoadmap(t *testing.T) {
	f := newDecisionFixture(t)
	d := f.decided(t, "Buy or build fraud scoring?")
	_, err := f.db.RecordCommitment(ctx, d.ID, d.Perspectives[0].MemberID, data.Commit)
	must(t, err)
	_, err = f.db.ReverseDecision(ctx, d.ID, "The vendor folded")
	must(t, err)
	metricsOnRecord(t, f)
	rows := syncRows(t, f.db)
	var changes int
	must(t, f.db.db.QueryRow(`SELECT count(*) FROM sync_changes`).Scan(&changes))
	rows["sync_changes"] = changes
	for table, n := range rows {
		if n != 0 {
			t.Errorf("%s has %d rows with no team", table, n)
		}
	}
}

func TestConcurrentDecisionEditsConverge(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	m, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	d := data.NewDecision(a.pod, m.ID)
	d.Question = "Buy or build fraud scoring?"
	d, err = a.db.CreateDecision(ctx, d)
	must(t, err)
	deliver(t, a.db, tl.db, pm.db)
	// Apart: the Tech Lead and the PM reword the question, the PM adds an option.
	onTL, onPM := onlyDecision(t, tl), onlyDecision(t, pm)
	onTL.Question = "Buy, build or partner for fraud scoring?"
	_, err = tl.db.UpdateDecision(ctx, onTL)
	must(t, err)
	onPM.Question = "How do we score fraud?"
	onPM.Options = []data.DecisionOption{{Title: "Partner with the acquirer"}}
	_, err = pm.db.UpdateDecision(ctx, onPM)
	must(t, err)
	deliver(t, tl.db, a.db, pm.db)
	deliver(t, pm.db, a.db, tl.db)
	sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)
	got := onlyDecision(t, a)
	if len(got.Options) != 1 || (got.Question != onTL.Question && got.Question != onPM.Question) {
		t.Fatalf("the facilitator holds %+v", got)
	}
	if hits, _ := a.db.SearchPod(ctx, a.pod.ID, "acquirer", 10); len(hits) != 1 {
		t.Fatalf("the PM's option is not in the facilitator's search: %+v", hits)
	}
	// The losing question's own word is no longer in the index.
	gone := "build"
	if got.Question == onTL.Question {
		gone = "score"
	}
	for _, r := range []replica{a, tl, pm} {
		if hits, _ := r.db.SearchPod(ctx, r.pod.ID, gone, 10); len(hits) != 0 {
			t.Fatalf("%q, from the question that lost, is still found: %+v", gone, hits)
		}
	}
	changes, err := a.db.RecordChanges(ctx, decisionUID(t, a.db, got.ID))
	must(t, err)
	questions := 0
	for _, c := range changes {
		if c.Field == "question" {
			questions++
		}
	}
	if questions != 3 {
		t.Fatalf("%d edits of the question on record, want 3: %+v", questions, changes)
	}
}

// metricsOnRecord gives f's pod a shipped feature that reached its $1M
// goal and an answered debt check in f's meeting.
func metricsOnRecord(t *testing.T, f decisionFixture) {
	t.Helper()
	it := mustSave(t, f.db, data.RoadmapItem{PodID: f.pod.ID, Title: "Apple Pay", Kind: data.KindFeature, Effort: effort(8),
		Target: data.Quarter{Year: 2026, Q: 3}, Status: data.StatusShipped, ShippedOn: data.NewDate(2026, 8, 2)})
	_, _, err := f.db.AddARREntry(ctx, data.ARREntry{ItemID: it.ID, Date: data.NewDate(2026, 9, 1), Amount: data.Dollars(1_000_000)})
	must(t, err)
	snap, err := f.db.RecordDebtSnapshot(ctx, f.meeting.ID, data.QuarterRange{From: q4, To: q4})
	must(t, err)
	_, err = f.db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseAccepted})
	must(t, err)
}

func TestDecisionEventsOutOfOrderWaitForTheProposal(t *testing.T) {
	a, tl, pm := triadOfThree(t)
	m, err := pm.db.CreateMeeting(ctx, data.Meeting{PodID: pm.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	f := decisionFixture{db: pm.db, pod: pm.pod, meeting: m}
	prop := f.proposal("Buy or build fraud scoring?")
	prop.Perspectives[0].Position, prop.Perspectives[0].Reasoning = "", ""
	prop.Perspectives[2].Position, prop.Perspectives[2].Reasoning = "", ""
	d, err := pm.db.CreateDecision(ctx, prop)
	must(t, err)
	_, err = pm.db.Decide(ctx, d)
	must(t, err)
	evs, err := pm.db.PendingEvents(ctx, 10)
	must(t, err)
	if len(evs) != 4 || evs[0].Kind != tsync.KindMeetingCreated {
		t.Fatalf("%d events", len(evs))
	}
	// The meeting itself comes last of all: the decision lands in a draft
	// of its day, which the meeting then adopts.
	created := evs[0]
	evs = evs[1:]
	// The call and the PM's position arrive before the proposal: they wait.
	for _, ev := range []tsync.Event{evs[2], evs[1]} {
		if _, err := tl.db.ApplyEvent(ctx, ev); !errors.Is(err, tsync.ErrNotYet) {
			t.Fatalf("%s before the proposal: %v", ev.Kind, err)
		}
	}
	for _, ev := range evs {
		for _, r := range []replica{a, tl} {
			if res, err := r.db.ApplyEvent(ctx, ev); err != nil || res != tsync.EventApplied {
				t.Fatalf("%s: %d, %v", ev.Kind, res, err)
			}
		}
	}
	// A replay changes nothing.
	if res, _ := tl.db.ApplyEvent(ctx, evs[2]); res != tsync.EventDuplicate {
		t.Fatalf("a replayed call: %d", res)
	}
	for _, r := range []replica{a, tl} {
		if res, err := r.db.ApplyEvent(ctx, created); err != nil || res != tsync.EventApplied {
			t.Fatalf("the meeting after its decision: %d, %v", res, err)
		}
	}
	must(t, pm.db.MarkSent(ctx, created.ID, evs[0].ID, evs[1].ID, evs[2].ID))
	sameDecisions(t, a.pod.UID, a.db, tl.db, pm.db)
	samePod(t, a.pod.UID, a.db, tl.db, pm.db)
	if got := onlyDecision(t, tl); got.State != data.DecisionDecided || got.Perspectives[1].Position != data.PositionAgree {
		t.Fatalf("the Tech Lead's laptop holds %+v", got)
	}
}
