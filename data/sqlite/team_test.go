package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

func mustKey(t testing.TB) *tsync.Key {
	t.Helper()
	k, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func syncRows(t *testing.T, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"sync_team", "sync_members", "sync_outbox", "sync_applied", "sync_refused", "sync_fields", "sync_owners"} {
		var n int
		if err := db.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// replica is one laptop of a test team.
type replica struct {
	db  *DB
	key *tsync.Key
	pod data.Pod
}

// teamOfTwo is a facilitator's laptop (a), which shares its pod with team
// "acme", and the Tech Lead's (b), which joined with the facilitator's
// grant; b's join has reached a.
func teamOfTwo(t testing.TB) (a, b replica) {
	t.Helper()
	a.db, _, _ = openDealDB(t)
	b.db, _, _ = openDealDB(t)
	a.key, b.key = mustKey(t), mustKey(t)
	var err error
	if a.pod, err = a.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	if err := a.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", a.key); err != nil {
		t.Fatal(err)
	}
	if err := a.db.SharePod(ctx, a.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, nil); err != nil {
		t.Fatal(err)
	}
	grant, err := tsync.NewGrant(a.key, "acme", a.pod.UID, tsync.SeatTechLead)
	if err != nil {
		t.Fatal(err)
	}
	// b makes the pod from the invitation, knows the facilitator, joins.
	if b.pod, err = b.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	if err := b.db.SetPodUID(ctx, b.pod.ID, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	b.pod.UID = a.pod.UID
	if err := b.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Priya Raman", b.key); err != nil {
		t.Fatal(err)
	}
	if err := b.db.AddMember(ctx, a.pod.UID, tsync.Member{Key: a.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}); err != nil {
		t.Fatal(err)
	}
	if err := b.db.AskToJoin(ctx, a.pod.UID, tsync.SeatTechLead, grant); err != nil {
		t.Fatal(err)
	}
	deliver(t, b.db, a.db)
	if _, err := a.db.DecideJoin(ctx, grant.Nonce, true); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	return a, b
}

// deliver hands every pending event of from to each of to, then marks
// them sent, as the worker does through the hub; each must be applied.
func deliver(t testing.TB, from *DB, to ...*DB) []tsync.Event {
	t.Helper()
	return handOver(t, from, true, to...)
}

// deliverAll is deliver whatever each replica does with each event.
func deliverAll(t testing.TB, from *DB, to ...*DB) []tsync.Event {
	t.Helper()
	return handOver(t, from, false, to...)
}

func handOver(t testing.TB, from *DB, mustApply bool, to ...*DB) []tsync.Event {
	t.Helper()
	evs, err := from.PendingEvents(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		for _, db := range to {
			res, err := db.ApplyEvent(ctx, ev)
			if err != nil {
				t.Fatalf("applying %s: %v", ev.Kind, err)
			}
			if mustApply && res != tsync.EventApplied {
				t.Fatalf("%s: result %d, want applied", ev.Kind, res)
			}
		}
		if err := from.MarkSent(ctx, ev.ID); err != nil {
			t.Fatal(err)
		}
	}
	return evs
}

func sameDealDesk(t *testing.T, pod string, dbs ...*DB) []byte {
	t.Helper()
	return sameExport(t, "deal desk", func(db *DB) ([]byte, error) { return db.DealDeskExport(ctx, pod) }, dbs...)
}

// sameExport checks that every replica gives the same bytes.
func sameExport(t *testing.T, what string, export func(*DB) ([]byte, error), dbs ...*DB) []byte {
	t.Helper()
	first, err := export(dbs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, db := range dbs[1:] {
		got, err := export(db)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, got) {
			t.Fatalf("replica %d's %s differs from replica 0's:\n%s\n---\n%s", i+1, what, got, first)
		}
	}
	return first
}

// upgradedFromVersion14 is a database of schema 14 filled with every
// fixture up to it, then opened (upgraded) by this version.
func upgradedFromVersion14(t *testing.T) *DB {
	t.Helper()
	path := tempPath(t)
	raw, err := sql.Open("sqlite3", dsn(path, "rwc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, raw, 14); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011", "0013", "0014"} {
		fixture, err := os.ReadFile(filepath.Join("testdata", "fixtures", f+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(fixture)); err != nil {
			t.Fatalf("fixture %s: %v", f, err)
		}
	}
	raw.Close()
	db, err := Open(path, Options{NoUpgradeBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUpgradeGivesEveryRowAGlobalID(t *testing.T) {
	db := upgradedFromVersion14(t)
	for _, table := range []string{"pods", "deal_requests", "deal_history"} {
		var rows, withUID, distinct int
		if err := db.db.QueryRow(`SELECT count(*), count(uid), count(DISTINCT uid) FROM `+table).Scan(&rows, &withUID, &distinct); err != nil {
			t.Fatal(err)
		}
		if rows == 0 || withUID != rows || distinct != rows {
			t.Errorf("%s: %d rows, %d with a global id, %d distinct", table, rows, withUID, distinct)
		}
	}
	// New rows get theirs too, and the history stays append-only.
	pod, err := db.CreatePod(ctx, samplePod("Fresh"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, db.now()))
	if err != nil {
		t.Fatal(err)
	}
	if len(pod.UID) != 32 || len(r.UID) != 32 || pod.UID == r.UID {
		t.Fatalf("new pod uid %q, request uid %q", pod.UID, r.UID)
	}
	if _, err := db.db.Exec(`UPDATE deal_history SET comment = 'x'`); err == nil {
		t.Fatal("deal history accepted an update after the upgrade")
	}
	if _, ok := db.Team(); ok {
		t.Fatal("an upgraded database belongs to a team")
	}
}

// The single-laptop default: every deal-desk change writes no sync row.
func TestNoTeamWritesNoSyncRow(t *testing.T) {
	db, _, _ := openDealDB(t)
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, db.now()))
	if err != nil {
		t.Fatal(err)
	}
	r.Notes = "edited"
	if r, err = db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	for table, n := range syncRows(t, db) {
		if n != 0 {
			t.Errorf("%s has %d rows with no team", table, n)
		}
	}
	select {
	case <-db.Outbound():
		t.Fatal("the outbox was poked with no team")
	default:
	}
	if _, err := db.ApplyEvent(ctx, tsync.Event{}); err == nil {
		t.Fatal("a database with no team applied an event")
	}
}

func TestTeamDealDeskChangesQueueTheirEventInTheSameTransaction(t *testing.T) {
	a, b := teamOfTwo(t)
	r, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	r.Notes = "Champion: CFO"
	if r, err = a.db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	// A refused change queues nothing: invalid input, and the facilitator
	// signing off, which only the Tech Lead may.
	bad := r
	bad.Customer = ""
	if _, err := a.db.UpdateDealRequest(ctx, bad); !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("invalid edit: %v", err)
	}
	_, err = a.db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove})
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "Tech Lead") {
		t.Fatalf("the facilitator signing off: %v", err)
	}
	if got, _ := a.db.DealRequest(ctx, r.ID); got.State != data.DealPending {
		t.Fatalf("a refused sign-off changed the state to %s", got.State)
	}
	evs := deliver(t, a.db, b.db)
	if len(evs) != 2 || evs[0].Kind != tsync.KindDealFiled || evs[1].Kind != tsync.KindDealEdited {
		t.Fatalf("outbox: %v", evs)
	}
	if evs[0].Subject() != "triad.acme."+a.pod.UID+".deal.filed" {
		t.Fatalf("subject %s", evs[0].Subject())
	}
	if strings.Contains(string(evs[1].Payload), "customer") {
		t.Fatalf("an edit of the notes carries other fields: %s", evs[1].Payload)
	}
	sameDealDesk(t, a.pod.UID, a.db, b.db)

	// The Tech Lead signs off on b; it reaches a.
	br, err := b.db.DealRequests(ctx, data.DealFilter{PodID: b.pod.ID})
	if err != nil || len(br) != 1 || br[0].UID != r.UID || br[0].Notes != "Champion: CFO" {
		t.Fatalf("b's queue: %+v, %v", br, err)
	}
	// The dialog's default (the facilitator) does not go on record: the
	// Tech Lead is at this laptop, and signs.
	if _, err := b.db.DecideDealRequest(ctx, data.DealDecision{RequestID: br[0].ID, Action: data.ActApprove,
		Comment: "Fits Q1"}); err != nil {
		t.Fatal(err)
	}
	deliver(t, b.db, a.db)
	if got, _ := a.db.DealRequest(ctx, r.ID); got.State != data.DealApproved {
		t.Fatalf("a sees %s after b's sign-off", got.State)
	}
	hist, _ := a.db.DealHistory(ctx, r.ID)
	if last := hist[len(hist)-1]; last.Actor != "Priya Raman (Tech Lead)" || last.Comment != "Fits Q1" || last.RecordedBy != "" {
		t.Fatalf("a's last history line: %+v", last)
	}
	sameDealDesk(t, a.pod.UID, a.db, b.db)
	waiting, sent, err := a.db.OutboxCounts(ctx)
	if err != nil || waiting != 0 || sent != 4 { // the pod's sharing, the approval of b, the filing, the edit
		t.Fatalf("a's outbox: %d waiting, %d sent, %v", waiting, sent, err)
	}
}

func TestForgedDuplicateAndOutOfOrderEvents(t *testing.T) {
	a, b := teamOfTwo(t)
	r, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	filed := deliver(t, a.db, b.db)[0]
	// Replayed and duplicated: nothing happens twice.
	for range 2 {
		if res, err := b.db.ApplyEvent(ctx, filed); err != nil || res != tsync.EventDuplicate {
			t.Fatalf("replayed filing: %d, %v", res, err)
		}
	}
	// Its own event coming back from the hub is a no-op on a.
	if res, err := a.db.ApplyEvent(ctx, filed); err != nil || res != tsync.EventDuplicate {
		t.Fatalf("own event back: %d, %v", res, err)
	}

	// A PM's key (asked with a grant, approved by the facilitator) signing
	// off is refused on every replica, kept with why; so is an approval the
	// PM signs for someone else.
	pm, stranger := mustKey(t), mustKey(t)
	pmGrant, _ := tsync.NewGrant(a.key, "acme", a.pod.UID, tsync.SeatProduct)
	join := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindJoinAsked,
		Payload: mustJSON(t, tsync.JoinPayload{Seat: tsync.SeatProduct, Name: "Tom", Grant: pmGrant}), Clock: tsync.HLC{Wall: 1}}
	join.Sign(pm)
	approved := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindJoinApproved, Clock: tsync.HLC{Wall: 2},
		Payload: mustJSON(t, tsync.JoinDecision{Request: join.ID, Key: pm.Public, Seat: tsync.SeatProduct, Name: "Tom", Grant: pmGrant})}
	approved.Sign(a.key)
	strangerGrant, _ := tsync.NewGrant(a.key, "acme", a.pod.UID, tsync.SeatMarketing)
	forgedOK := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindJoinApproved, Clock: tsync.HLC{Wall: 3},
		Payload: mustJSON(t, tsync.JoinDecision{Key: stranger.Public, Seat: tsync.SeatMarketing, Grant: strangerGrant})}
	forgedOK.Sign(pm)
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindDealDecided,
		Payload: mustJSON(t, map[string]any{"request": r.UID, "fields": map[string]any{"state": "approved"}}),
		Clock:   tsync.HLC{Wall: 1 << 50}}
	forged.Sign(pm)
	tampered := forged
	tampered.ID = tsync.NewID() // signature no longer matches
	reused := join
	reused.ID = tsync.NewID()
	reused.Sign(mustKey(t)) // a second joiner with the same invitation
	for _, db := range []*DB{a.db, b.db} {
		for _, ev := range []tsync.Event{join, approved} {
			if res, err := db.ApplyEvent(ctx, ev); err != nil || res != tsync.EventApplied {
				t.Fatalf("PM's %s: %d, %v", ev.Kind, res, err)
			}
		}
		for _, ev := range []tsync.Event{forged, tampered, reused, forgedOK} {
			if res, err := db.ApplyEvent(ctx, ev); err != nil || res != tsync.EventRefused {
				t.Fatalf("%s: %d, %v", ev.Kind, res, err)
			}
		}
		if got, _ := db.DealRequests(ctx, data.DealFilter{}); got[0].State != data.DealPending {
			t.Fatalf("a refused sign-off was applied: %s", got[0].State)
		}
		refused, err := db.RefusedEvents(ctx)
		if err != nil || len(refused) != 4 {
			t.Fatalf("refused: %+v, %v", refused, err)
		}
		reasons := ""
		for _, r := range refused {
			reasons += r.Reason + " | "
		}
		for _, want := range []string{"only the Tech Lead", "signature does not match", "invitation was used already", "only the pod's facilitator"} {
			if !strings.Contains(reasons, want) {
				t.Errorf("reasons %q lack %q", reasons, want)
			}
		}
		if res, _ := db.ApplyEvent(ctx, forged); res != tsync.EventDuplicate {
			t.Fatal("a refused event was taken again")
		}
	}

	// Two edits by the filer arriving in the wrong order: the later one wins.
	r.Notes = "first"
	if r, err = a.db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	r.Notes = "second"
	if r, err = a.db.UpdateDealRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	evs, _ := a.db.PendingEvents(ctx, 10)
	for i := len(evs) - 1; i >= 0; i-- {
		if res, err := b.db.ApplyEvent(ctx, evs[i]); err != nil || res != tsync.EventApplied {
			t.Fatalf("edit %d: %d, %v", i, res, err)
		}
	}
	got, _ := b.db.DealRequests(ctx, data.DealFilter{})
	if got[0].Notes != "second" {
		t.Fatalf("b kept %q", got[0].Notes)
	}
	sameDealDesk(t, a.pod.UID, a.db, b.db)

	// An edit of a request b has never seen waits; it is not refused.
	other, _ := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	other.Notes = "x"
	a.db.UpdateDealRequest(ctx, other)
	evs, _ = a.db.PendingEvents(ctx, 10)
	if _, err := b.db.ApplyEvent(ctx, evs[len(evs)-1]); !errors.Is(err, tsync.ErrNotYet) {
		t.Fatalf("edit before its filing: %v", err)
	}
}

func TestConcurrentWithdrawAndSignOffConverge(t *testing.T) {
	a, b := teamOfTwo(t)
	r, _ := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	deliver(t, a.db, b.db)
	br, _ := b.db.DealRequests(ctx, data.DealFilter{})
	// Partitioned: the filer withdraws on a while the Tech Lead approves on b.
	if _, err := a.db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActWithdraw, RecordedBy: "Maya Chen"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.DecideDealRequest(ctx, data.DealDecision{RequestID: br[0].ID, Action: data.ActApprove, RecordedBy: "Priya Raman"}); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	deliver(t, b.db, a.db)
	out := sameDealDesk(t, a.pod.UID, a.db, b.db)
	// Both lines are in the history whichever state won.
	if !strings.Contains(string(out), `"to_state": "withdrawn"`) || !strings.Contains(string(out), `"to_state": "approved"`) {
		t.Fatalf("history lost a line:\n%s", out)
	}
}

func TestExportCarriesNoTeamStateAndNoKey(t *testing.T) {
	a, _ := teamOfTwo(t)
	if _, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now())); err != nil {
		t.Fatal(err)
	}
	exp, err := a.db.exportBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(exp), `"sync_`) {
		t.Fatal("the export carries the replica's sync tables")
	}
	if !strings.Contains(string(exp), a.pod.UID) {
		t.Fatal("the export lost the pod's global id")
	}
	seed, _ := a.key.Seed()
	a.db.Close()
	raw, err := os.ReadFile(a.db.path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, seed) || bytes.Contains(exp, seed) {
		t.Fatal("the key's seed is in the database or the export")
	}
	// The export imports into a database of no team, global ids kept.
	fresh := openTemp(t)
	if err := fresh.ImportJSON(ctx, bytes.NewReader(exp)); err != nil {
		t.Fatal(err)
	}
	pods, _ := fresh.Pods(ctx)
	if _, ok := fresh.Team(); ok || len(pods) != 1 || pods[0].UID != a.pod.UID {
		t.Fatalf("imported: team %v, pods %+v", ok, pods)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
