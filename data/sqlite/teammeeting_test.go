package sqlite

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

// teamOfThree is teamOfTwo with the Product Manager's laptop (c), which
// joined with the facilitator's grant; every laptop knows every seat.
func teamOfThree(t *testing.T) (a, b, c replica) {
	t.Helper()
	a, b = teamOfTwo(t)
	return a, b, joinThird(t, a, b, tsync.SeatProduct, "José")
}

// joinThird is a third laptop joining a and b's team (a facilitates, b
// is the Tech Lead) in seat, asked for with a's grant and approved by a;
// all three know each other.
func joinThird(t *testing.T, a, b replica, seat tsync.Seat, name string) (c replica) {
	t.Helper()
	c.db, _, _ = openDealDB(t)
	c.key = mustKey(t)
	var err error
	if c.pod, err = c.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.db.SetPodUID(ctx, c.pod.ID, a.pod.UID))
	c.pod.UID = a.pod.UID
	must(c.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", name, c.key))
	must(c.db.AddMember(ctx, a.pod.UID, tsync.Member{Key: a.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
	must(c.db.AddMember(ctx, a.pod.UID, tsync.Member{Key: b.key.Public, Seat: tsync.SeatTechLead, Name: "Priya Raman"}))
	grant, err := tsync.NewGrant(a.key, "acme", a.pod.UID, seat)
	must(err)
	must(c.db.AskToJoin(ctx, a.pod.UID, seat, grant))
	deliver(t, c.db, a.db, b.db)
	_, err = a.db.DecideJoin(ctx, grant.Nonce, true)
	must(err)
	deliver(t, a.db, b.db, c.db)
	return c
}

func samePod(t *testing.T, pod string, dbs ...*DB) []byte {
	t.Helper()
	return sameExport(t, "pod", func(db *DB) ([]byte, error) { return db.PodExport(ctx, pod) }, dbs...)
}

// localMeeting is the meeting with global id uid on db.
func localMeeting(t *testing.T, db *DB, uid string) data.MeetingRun {
	t.Helper()
	var id int64
	if err := db.db.QueryRow(`SELECT id FROM meetings WHERE uid = ?`, uid).Scan(&id); err != nil {
		t.Fatalf("meeting %s: %v", uid, err)
	}
	run, err := db.MeetingRun(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// uidOf is the global id of row id of table on db.
func uidOf(t testing.TB, db *DB, table string, id int64) string {
	t.Helper()
	var uid string
	if err := db.db.QueryRow(`SELECT uid FROM `+table+` WHERE id = ?`, id).Scan(&uid); err != nil {
		t.Fatal(err)
	}
	return uid
}

func meetingUID(t *testing.T, db *DB, id int64) string { return uidOf(t, db, "meetings", id) }

// itemNamed is the agenda item of run titled title.
func itemNamed(t *testing.T, run data.MeetingRun, title string) data.AgendaItem {
	t.Helper()
	for _, it := range run.Items {
		if it.Title == title {
			return it
		}
	}
	t.Fatalf("no item %q in %v", title, titles(run.Items))
	return data.AgendaItem{}
}

// typedMeeting is a meeting the facilitator (a) opened, with a proposal
// whose notes are typed, and an action for the Tech Lead.
func typedMeeting(t *testing.T, a replica) (data.MeetingRun, data.AgendaItem, data.ActionItem) {
	t.Helper()
	m, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	run, err := a.db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	it := addItem(t, a.db, m.ID, "Partner API", 15)
	it.Notes = "Two partners asked for webhooks"
	it.Answers.CanBuild = data.VerdictYes
	saveItem(t, a.db, it)
	act, err := a.db.AddActionItem(ctx, data.ActionItem{MeetingID: m.ID, AgendaItemID: it.ID, Text: "Scope the webhook API",
		OwnerID: run.Attendees[0].ID, Due: data.NewDate(2026, 12, 3)})
	if err != nil {
		t.Fatal(err)
	}
	run, err = a.db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return run, itemNamed(t, run, "Partner API"), act
}

func TestMeetingTypedOnTheFacilitatorsLaptopAppearsOnTheTechLeads(t *testing.T) {
	a, b := teamOfTwo(t)
	run, _, _ := typedMeeting(t, a)
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	evs := deliver(t, a.db, b.db)
	kinds := map[tsync.Kind]int{}
	for _, ev := range evs {
		kinds[ev.Kind]++
	}
	if kinds[tsync.KindMeetingCreated] != 1 || kinds[tsync.KindMeetingClosed] != 1 {
		t.Fatalf("kinds sent: %v", kinds)
	}
	onB := localMeeting(t, b.db, meetingUID(t, a.db, run.Meeting.ID))
	it := itemNamed(t, onB, "Partner API")
	if it.Notes != "Two partners asked for webhooks" || it.Answers.CanBuild != data.VerdictYes || it.PlannedMinutes != 15 {
		t.Fatalf("the item on the Tech Lead's laptop: %+v", it)
	}
	if len(onB.Items) != len(run.Items) || len(onB.Attendees) != 3 || onB.Meeting.Status != data.MeetingClosed {
		t.Fatalf("the meeting on the Tech Lead's laptop: %d items (want %d), %d attendees, %s", len(onB.Items), len(run.Items),
			len(onB.Attendees), onB.Meeting.Status)
	}
	if len(onB.Actions) != 1 || onB.Actions[0].AgendaItemID != it.ID || onB.Actions[0].OwnerName != "Priya Raman" {
		t.Fatalf("the action on the Tech Lead's laptop: %+v", onB.Actions)
	}
	if last := onB.Events[len(onB.Events)-1]; last.Kind != "closed" || last.By != "Dan" {
		t.Fatalf("the status history: %+v", onB.Events)
	}
	if onB.Attendees[0].MemberID == 0 || onB.Attendees[0].Role != data.RoleTechLead {
		t.Fatalf("the Tech Lead's attendance does not point at the seat here: %+v", onB.Attendees[0])
	}
	out := samePod(t, a.pod.UID, a.db, b.db)
	if strings.Contains(string(out), `"id"`) || strings.Contains(string(out), "created_at") {
		t.Fatalf("the pod export carries local ids or stamps:\n%s", out)
	}
	// The Tech Lead's laptop freezes the minutes too.
	var frozen int
	b.db.db.QueryRow(`SELECT count(*) FROM meeting_records`).Scan(&frozen)
	if frozen != 1 {
		t.Fatalf("%d frozen records on the Tech Lead's laptop", frozen)
	}
}

func TestConcurrentNoteEditsConvergeWithTheLoserInHistory(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, it, _ := typedMeeting(t, a)
	deliver(t, a.db, b.db, c.db)
	onC := itemNamed(t, localMeeting(t, c.db, meetingUID(t, a.db, run.Meeting.ID)), "Partner API")
	// Apart: the facilitator and the PM type over the same notes.
	it.Notes = "Webhooks: two partners, one churn risk"
	saveItem(t, a.db, it)
	onC.Notes = "Webhooks first, then the bulk API"
	saveItem(t, c.db, onC)
	fromC := deliverAll(t, c.db, a.db, b.db)
	fromA := deliverAll(t, a.db, c.db, b.db)
	winner := "Webhooks: two partners, one churn risk"
	loser := "Webhooks first, then the bulk API"
	if fromC[0].After(fromA[0]) {
		winner, loser = loser, winner
	}
	for i, db := range []*DB{a.db, b.db, c.db} {
		got := itemNamed(t, localMeeting(t, db, meetingUID(t, a.db, run.Meeting.ID)), "Partner API")
		if got.Notes != winner {
			t.Fatalf("replica %d keeps %q, want %q", i, got.Notes, winner)
		}
		hist, err := db.AgendaItemHistory(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		var lost bool
		for _, h := range hist {
			lost = lost || (h.Field == "notes" && strings.Contains(h.Value, loser))
		}
		if !lost {
			t.Fatalf("replica %d's history lacks the losing notes %q: %+v", i, loser, hist)
		}
	}
	out := samePod(t, a.pod.UID, a.db, b.db, c.db)
	if !strings.Contains(string(out), "Two partners asked for webhooks") {
		t.Fatal("the replaced first notes are not in the history")
	}
}

func TestAnEditOfAClosedMeetingIsNotApplied(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, _, _ := typedMeeting(t, a)
	deliver(t, a.db, b.db, c.db)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	onC := itemNamed(t, localMeeting(t, c.db, uid), "Partner API")
	// Apart: the PM edits the outcome while the facilitator closes.
	onC.Outcome = "Build it in Q1"
	saveItem(t, c.db, onC)
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	late := deliverAll(t, c.db, a.db, b.db)[0]
	deliver(t, a.db, b.db, c.db)
	for i, db := range []*DB{a.db, b.db, c.db} {
		got := itemNamed(t, localMeeting(t, db, uid), "Partner API")
		if got.Outcome != "" {
			t.Fatalf("replica %d applied the late edit of a closed meeting: outcome %q", i, got.Outcome)
		}
		refused, err := db.RefusedEvents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(refused) != 1 || refused[0].Event.ID != late.ID || !strings.Contains(refused[0].Reason, "closed") {
			t.Fatalf("replica %d's refused events: %+v", i, refused)
		}
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)
	// The PM's laptop refuses to edit it now; a reopen lets later edits through.
	if err := c.db.UpdateAgendaItem(ctx, onC); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("an edit of a closed meeting on the PM's laptop: %v", err)
	}
	if err := a.db.ReopenMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan", "the PM's outcome was missing"); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db, c.db)
	onC = itemNamed(t, localMeeting(t, c.db, uid), "Partner API")
	onC.Outcome = "Build it in Q1"
	saveItem(t, c.db, onC)
	deliver(t, c.db, a.db, b.db)
	if got := itemNamed(t, localMeeting(t, a.db, uid), "Partner API"); got.Outcome != "Build it in Q1" {
		t.Fatalf("an edit after the reopen: outcome %q", got.Outcome)
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)
}

// deletesMeetEdits is a team of three whose facilitator (a) deletes an
// agenda item and an action while the PM (c) edits both, apart; b takes the
// deletes first, c the edits first. It returns the meeting's global id.
func deletesMeetEdits(t *testing.T) (a, b, c replica, uid string) {
	t.Helper()
	a, b, c = teamOfThree(t)
	run, it, act := typedMeeting(t, a)
	deliver(t, a.db, b.db, c.db)
	uid = meetingUID(t, a.db, run.Meeting.ID)
	onC := itemNamed(t, localMeeting(t, c.db, uid), "Partner API")
	if err := a.db.DeleteActionItem(ctx, act.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.db.DeleteAgendaItem(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	onC.Notes = "Webhooks are the Q1 bet"
	saveItem(t, c.db, onC)
	actC := localMeeting(t, c.db, uid).Actions[0]
	actC.Text = "Scope the webhook API with two partners"
	if err := c.db.UpdateActionItem(ctx, actC); err != nil {
		t.Fatal(err)
	}
	deliverAll(t, a.db, b.db, c.db)
	deliverAll(t, c.db, a.db, b.db)
	return a, b, c, uid
}

func TestADeleteThatMeetsAConcurrentEditKeepsTheRecord(t *testing.T) {
	// Both keep the record, whichever they took first.
	a, b, c, uid := deletesMeetEdits(t)
	for i, db := range []*DB{a.db, b.db, c.db} {
		got := localMeeting(t, db, uid)
		if kept := itemNamed(t, got, "Partner API"); kept.Notes != "Webhooks are the Q1 bet" {
			t.Fatalf("replica %d: the kept item's notes %q", i, kept.Notes)
		}
		if len(got.Actions) != 1 || got.Actions[0].Text != "Scope the webhook API with two partners" {
			t.Fatalf("replica %d: actions %+v", i, got.Actions)
		}
		conflicts, err := db.Conflicts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(conflicts) != 2 || !strings.Contains(conflicts[0].Reason, "kept") {
			t.Fatalf("replica %d says of the deletes: %+v", i, conflicts)
		}
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)

	// A delete that has seen every edit deletes, everywhere.
	if err := a.db.DeleteAgendaItem(ctx, itemNamed(t, localMeeting(t, a.db, uid), "Partner API").ID); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db, c.db)
	for i, db := range []*DB{b.db, c.db} {
		for _, x := range localMeeting(t, db, uid).Items {
			if x.Title == "Partner API" {
				t.Fatalf("replica %d kept an item deleted after every edit", i+1)
			}
		}
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)
}

func TestOnlyTheFacilitatorOrThePMEditsTheMeetingRecord(t *testing.T) {
	a, b := teamOfTwo(t)
	run, _, _ := typedMeeting(t, a)
	deliver(t, a.db, b.db)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	onB := itemNamed(t, localMeeting(t, b.db, uid), "Partner API")
	onB.Notes = "The Tech Lead's notes"
	err := b.db.UpdateAgendaItem(ctx, onB)
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "facilitator or the Product Manager") {
		t.Fatalf("the Tech Lead editing the record: %v", err)
	}
	if got := itemNamed(t, localMeeting(t, b.db, uid), "Partner API"); got.Notes != "Two partners asked for webhooks" {
		t.Fatalf("a refused edit stayed on the Tech Lead's laptop: %q", got.Notes)
	}
	if w, _, _ := b.db.OutboxCounts(ctx); w != 0 {
		t.Fatalf("a refused edit queued %d events", w)
	}
	// The same edit signed by the Tech Lead's key is refused on arrival.
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: a.pod.UID, Kind: tsync.KindMeetingEdited, Clock: tsync.HLC{Wall: 1 << 50},
		Payload: mustJSON(t, meetingPayload{Meeting: uid, Records: []syncRec{{Table: "agenda_items", UID: uidOf(t, b.db, "agenda_items", onB.ID),
			Fields: map[string]any{"notes": "forged"}}}})}
	forged.Sign(b.key)
	if res, err := a.db.ApplyEvent(ctx, forged); err != nil || res != tsync.EventRefused {
		t.Fatalf("a Tech Lead's edit of the record: %d, %v", res, err)
	}
	if got := itemNamed(t, localMeeting(t, a.db, uid), "Partner API"); got.Notes != "Two partners asked for webhooks" {
		t.Fatalf("a forged edit was applied: %q", got.Notes)
	}
}

func TestAnOwnerTicksTheirOwnActionFromTheirLaptop(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, _, act := typedMeeting(t, a)
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db, c.db)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	onB := localMeeting(t, b.db, uid).Actions[0]
	// The Tech Lead owns it: they tick it off, after the meeting closed;
	// the history names them, the member at that laptop.
	if _, err := b.db.ReviseActionItem(ctx, data.ActionChange{ActionID: onB.ID, Done: ptr(true), At: b.db.now()}); err != nil {
		t.Fatal(err)
	}
	// ... but may not re-date it.
	due := data.NewDate(2027, 1, 4)
	if _, err := b.db.ReviseActionItem(ctx, data.ActionChange{ActionID: onB.ID, Due: &due, At: b.db.now()}); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("the owner re-dating: %v", err)
	}
	evs := deliver(t, b.db, a.db, c.db)
	if len(evs) != 1 || evs[0].Kind != tsync.KindActionDone {
		t.Fatalf("sent: %v", evs)
	}
	for i, db := range []*DB{a.db, c.db} {
		got := localMeeting(t, db, uid).Actions[0]
		if !got.Done() {
			t.Fatalf("replica %d: the owner's tick did not arrive", i)
		}
	}
	hist, err := a.db.ActionHistory(ctx, act.ID)
	if err != nil || len(hist) == 0 || hist[len(hist)-1].Actor != "Priya Raman" || hist[len(hist)-1].Field != data.ActionFieldDone {
		t.Fatalf("the action's history on the facilitator's laptop: %+v, %v", hist, err)
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)
}

func ptr[T any](v T) *T { return &v }

func TestThePodsFormSyncsAndOnlyTheFacilitatorEditsIt(t *testing.T) {
	a, b := teamOfTwo(t)
	p, err := a.db.Pod(ctx, a.pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Payments EMEA"
	p.TimeZone = "Europe/Berlin"
	p.Leaders[1].Name = "Tom Berg"
	threshold := data.Dollars(75_000)
	p.Overrides.DealThreshold = &threshold
	if _, err := a.db.UpdatePod(ctx, p); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	got, err := b.db.Pod(ctx, b.pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Payments EMEA" || got.TimeZone != "Europe/Berlin" || got.Leaders[1].Name != "Tom Berg" ||
		got.Overrides.DealThreshold == nil || *got.Overrides.DealThreshold != threshold {
		t.Fatalf("the form on the Tech Lead's laptop: %+v", got)
	}
	samePod(t, a.pod.UID, a.db, b.db)
	got.Description = "The Tech Lead's description"
	if _, err := b.db.UpdatePod(ctx, got); !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "only the facilitator") {
		t.Fatalf("the Tech Lead editing the form: %v", err)
	}
}

func TestSharingAPodSendsItsMeetings(t *testing.T) {
	a := replica{key: mustKey(t)}
	a.db, _, _ = openDealDB(t)
	var err error
	if a.pod, err = a.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	// Two meetings kept on one laptop, one of them closed.
	run, _, _ := typedMeeting(t, a)
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 12, 3)}); err != nil {
		t.Fatal(err)
	}
	if err := a.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", a.key); err != nil {
		t.Fatal(err)
	}
	if err := a.db.SharePod(ctx, a.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.ShareDealDesk(ctx, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	b := replica{key: mustKey(t)}
	b.db, _, _ = openDealDB(t)
	p := data.NewPod()
	p.Name = "From the invitation"
	for i := range p.Leaders {
		p.Leaders[i].Name = "?"
	}
	if b.pod, err = b.db.CreatePod(ctx, p); err != nil {
		t.Fatal(err)
	}
	grant, _ := tsync.NewGrant(a.key, "acme", a.pod.UID, tsync.SeatTechLead)
	if err := b.db.SetPodUID(ctx, b.pod.ID, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	if err := b.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Priya", b.key); err != nil {
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
	deliver(t, b.db, a.db)
	ms, err := b.db.Meetings(ctx, b.pod.ID)
	if err != nil || len(ms) != 2 || ms[1].Status != data.MeetingClosed {
		t.Fatalf("the shared meetings on the joiner's laptop: %+v, %v", ms, err)
	}
	if got, _ := b.db.Pod(ctx, b.pod.ID); got.Name != "Payments" || got.Leaders[0].Name != "Priya Raman" {
		t.Fatalf("the shared form: %+v", got)
	}
	samePod(t, a.pod.UID, a.db, b.db)
	// Sharing again sends nothing more.
	if _, err := a.db.ShareDealDesk(ctx, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	if w, _, _ := a.db.OutboxCounts(ctx); w != 0 {
		t.Fatalf("sharing again queued %d events", w)
	}
}

// The single-laptop default: meeting and pod changes write no sync row.
func TestNoTeamMeetingChangesWriteNoSyncRow(t *testing.T) {
	a := replica{}
	a.db, _, _ = openDealDB(t)
	var err error
	if a.pod, err = a.db.CreatePod(ctx, samplePod("Payments")); err != nil {
		t.Fatal(err)
	}
	run, _, act := typedMeeting(t, a)
	if err := a.db.SetActionDone(ctx, act.ID, true, a.db.now()); err != nil {
		t.Fatal(err)
	}
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	for table, n := range syncRows(t, a.db) {
		if n != 0 {
			t.Errorf("%s has %d rows with no team", table, n)
		}
	}
	for _, table := range []string{"sync_superseded", "sync_meeting_log", "sync_tombstones", "sync_conflicts"} {
		var n int
		a.db.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
		if n != 0 {
			t.Errorf("%s has %d rows with no team", table, n)
		}
	}
}

func TestUpgradeGivesMeetingRecordsGlobalIDs(t *testing.T) {
	db := upgradedFromVersion14(t)
	for _, table := range []string{"meetings", "meeting_attendees", "agenda_items", "action_items", "meeting_events", "action_item_history"} {
		var rows, withUID, distinct int
		if err := db.db.QueryRow(`SELECT count(*), count(uid), count(DISTINCT uid) FROM `+table).Scan(&rows, &withUID, &distinct); err != nil {
			t.Fatal(err)
		}
		if rows == 0 || withUID != rows || distinct != rows {
			t.Errorf("%s: %d rows, %d with a global id, %d distinct", table, rows, withUID, distinct)
		}
	}
	if _, err := db.db.Exec(`UPDATE action_item_history SET actor = 'x'`); err == nil {
		t.Fatal("action history accepted an update after the upgrade")
	}
	pods, _ := db.Pods(ctx)
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: pods[0].ID, Date: data.NewDate(2031, 1, 6)})
	if err != nil {
		t.Fatal(err)
	}
	if uid := meetingUID(t, db, m.ID); len(uid) != 32 {
		t.Fatalf("a new meeting's global id %q", uid)
	}
}

// observer is a laptop of the team that makes no change of its own: it
// knows the three seats and takes whatever events it is given.
func observer(t *testing.T, a, b, c replica) *DB {
	t.Helper()
	db, _, _ := openDealDB(t)
	pod, err := db.CreatePod(ctx, samplePod("Payments"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetPodUID(ctx, pod.ID, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	if err := db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Lea", mustKey(t)); err != nil {
		t.Fatal(err)
	}
	for _, m := range []tsync.Member{{Key: a.key.Public, Seat: tsync.SeatFacilitator}, {Key: b.key.Public, Seat: tsync.SeatTechLead},
		{Key: c.key.Public, Seat: tsync.SeatProduct}} {
		if err := db.AddMember(ctx, a.pod.UID, m); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// takeInOrder gives db the events in order, again and again while some
// wait for an earlier one, as the hub redelivers them.
func takeInOrder(t *testing.T, db *DB, evs []tsync.Event) {
	t.Helper()
	for round := 0; len(evs) > 0; round++ {
		if round > len(evs)+2 {
			t.Fatalf("%d events never apply", len(evs))
		}
		var waiting []tsync.Event
		for _, ev := range evs {
			if _, err := db.ApplyEvent(ctx, ev); errors.Is(err, tsync.ErrNotYet) {
				waiting = append(waiting, ev)
			} else if err != nil {
				t.Fatalf("applying %s: %v", ev.Kind, err)
			}
		}
		evs = waiting
	}
}

// The same events in any order of arrival give the same record: edits
// made apart, a delete that meets an edit, a delete of an item created
// on another laptop, a close that misses an edit, an action ticked after
// the close.
func TestMeetingEventsConvergeInAnyOrder(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, it, act := typedMeeting(t, a)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	all := deliver(t, a.db, b.db, c.db)
	onC := localMeeting(t, c.db, uid)
	// Apart: the PM adds an item and edits two; the facilitator edits one
	// of them, deletes the other and re-dates the action.
	extra, err := c.db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: onC.Meeting.ID, Title: "Bulk API", Kind: data.KindTopic, PlannedMinutes: 5})
	if err != nil {
		t.Fatal(err)
	}
	pc := itemNamed(t, onC, "Partner API")
	pc.Outcome = "Webhooks in Q1"
	saveItem(t, c.db, pc)
	standing := onC.Items[0]
	standing.Notes = "Two deals waiting"
	saveItem(t, c.db, standing)
	it.Outcome = "Webhooks first"
	saveItem(t, a.db, it)
	if err := a.db.DeleteAgendaItem(ctx, itemNamed(t, run, standing.Title).ID); err != nil {
		t.Fatal(err)
	}
	due := data.NewDate(2026, 12, 10)
	if _, err := a.db.ReviseActionItem(ctx, data.ActionChange{ActionID: act.ID, Due: &due, At: a.db.now()}); err != nil {
		t.Fatal(err)
	}
	all = append(all, deliverAll(t, c.db, a.db, b.db)...)
	// The facilitator deletes the PM's new item, then closes; the PM edits
	// the outcome once more before the close reaches them.
	if err := a.db.DeleteAgendaItem(ctx, itemNamed(t, localMeeting(t, a.db, uid), extra.Title).ID); err != nil {
		t.Fatal(err)
	}
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	pc = itemNamed(t, localMeeting(t, c.db, uid), "Partner API")
	pc.Outcome = "Webhooks in Q1, bulk in Q2"
	saveItem(t, c.db, pc)
	all = append(all, deliverAll(t, a.db, b.db, c.db)...)
	all = append(all, deliverAll(t, c.db, a.db, b.db)...)
	// The Tech Lead ticks their action off after the close.
	onB := localMeeting(t, b.db, uid).Actions[0]
	if _, err := b.db.ReviseActionItem(ctx, data.ActionChange{ActionID: onB.ID, Done: ptr(true), By: "Priya Raman", At: b.db.now()}); err != nil {
		t.Fatal(err)
	}
	all = append(all, deliverAll(t, b.db, a.db, c.db)...)

	forward, backward := observer(t, a, b, c), observer(t, a, b, c)
	takeInOrder(t, forward, all)
	reversed := make([]tsync.Event, len(all))
	for i, ev := range all {
		reversed[len(all)-1-i] = ev
	}
	takeInOrder(t, backward, reversed)
	out := samePod(t, a.pod.UID, a.db, b.db, c.db, forward, backward)
	if strings.Contains(string(out), "bulk in Q2") || strings.Contains(string(out), `"Bulk API"`) {
		t.Fatalf("the record holds an edit the close did not see, or a deleted item:\n%s", out)
	}
	got := itemNamed(t, localMeeting(t, backward, uid), "Partner API")
	if got.Outcome != "Webhooks first" && got.Outcome != "Webhooks in Q1" {
		t.Fatalf("the outcome %q", got.Outcome)
	}
	if acts := localMeeting(t, backward, uid).Actions; len(acts) != 1 || !acts[0].Done() || acts[0].Due != due {
		t.Fatalf("the action: %+v", acts)
	}
}

// A delete that arrives before the record it deletes, and a tick before
// its action: the record stays deleted, the tick waits and applies.
func TestADeleteOrATickArrivingBeforeItsRecord(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, _, _ := typedMeeting(t, a)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	first := deliver(t, a.db, b.db, c.db)
	onC := localMeeting(t, c.db, uid)
	extra, err := c.db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: onC.Meeting.ID, Title: "Bulk API", Kind: data.KindTopic})
	if err != nil {
		t.Fatal(err)
	}
	act, err := c.db.AddActionItem(ctx, data.ActionItem{MeetingID: onC.Meeting.ID, Text: "Price the bulk API", OwnerID: onC.Attendees[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	fromPM := deliver(t, c.db, a.db, b.db)
	if err := a.db.DeleteAgendaItem(ctx, itemNamed(t, localMeeting(t, a.db, uid), extra.Title).ID); err != nil {
		t.Fatal(err)
	}
	del := deliver(t, a.db, b.db, c.db)
	onB := localMeeting(t, b.db, uid).Actions
	for _, x := range onB {
		if x.Text == act.Text {
			if _, err := b.db.ReviseActionItem(ctx, data.ActionChange{ActionID: x.ID, Done: ptr(true), At: b.db.now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tick := deliver(t, b.db, a.db, c.db)
	late := observer(t, a, b, c)
	takeInOrder(t, late, first)
	takeInOrder(t, late, append(append(del, tick...), fromPM...)) // the delete and the tick before what they act on
	got := localMeeting(t, late, uid)
	for _, x := range got.Items {
		if x.Title == "Bulk API" {
			t.Fatal("an item deleted before it arrived came back")
		}
	}
	if refused, _ := late.RefusedEvents(ctx); len(refused) != 0 {
		t.Fatalf("refused: %+v", refused)
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db, late)
}

// An action raised by an edit a close did not see goes with that edit,
// and so does the owner's tick of it: the close applies everywhere.
func TestATickOfAnActionTheCloseUndidIsRefusedWithIt(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, _, _ := typedMeeting(t, a)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	deliver(t, a.db, b.db, c.db)
	onC := localMeeting(t, c.db, uid)
	if _, err := c.db.AddActionItem(ctx, data.ActionItem{MeetingID: onC.Meeting.ID, Text: "Price the bulk API",
		OwnerID: onC.Attendees[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	raised := deliverAll(t, c.db, b.db) // the Tech Lead hears of it before the close
	for _, x := range localMeeting(t, b.db, uid).Actions {
		if x.Text == "Price the bulk API" {
			if _, err := b.db.ReviseActionItem(ctx, data.ActionChange{ActionID: x.ID, Done: ptr(true), At: b.db.now()}); err != nil {
				t.Fatal(err)
			}
		}
	}
	deliverAll(t, a.db, b.db, c.db)
	tick := deliverAll(t, b.db, a.db, c.db)
	for _, ev := range raised {
		if _, err := a.db.ApplyEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	for i, db := range []*DB{a.db, b.db, c.db} {
		if got := localMeeting(t, db, uid); got.Meeting.Status != data.MeetingClosed || len(got.Actions) != 1 {
			t.Fatalf("replica %d: %s, %d actions", i, got.Meeting.Status, len(got.Actions))
		}
		refused, _ := db.RefusedEvents(ctx)
		var tickRefused bool
		for _, r := range refused {
			tickRefused = tickRefused || r.Event.ID == tick[0].ID
		}
		if len(refused) != 2 || !tickRefused {
			t.Fatalf("replica %d refused %+v", i, refused)
		}
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db)
}

// A link that arrives before the row it points at (a presenter added on
// one laptop, then chosen on another) ends pointing at it.
func TestALinkArrivingBeforeItsRowIsSetWhenTheRowArrives(t *testing.T) {
	a, b, c := teamOfThree(t)
	run, it, _ := typedMeeting(t, a)
	uid := meetingUID(t, a.db, run.Meeting.ID)
	first := deliver(t, a.db, b.db, c.db)
	onC := localMeeting(t, c.db, uid)
	guest, err := c.db.AddGuest(ctx, onC.Meeting.ID, data.Attendee{Name: "Lee Chen", GuestRole: "Solutions engineer"})
	if err != nil {
		t.Fatal(err)
	}
	added := deliver(t, c.db, a.db, b.db)
	onA := localMeeting(t, a.db, uid)
	for _, x := range onA.Attendees {
		if x.Name == guest.Name {
			it.PresenterID = x.ID
		}
	}
	saveItem(t, a.db, it)
	chosen := deliver(t, a.db, b.db, c.db)
	late := observer(t, a, b, c)
	takeInOrder(t, late, first)
	takeInOrder(t, late, append(chosen, added...))
	got := itemNamed(t, localMeeting(t, late, uid), "Partner API")
	if p, ok := localMeeting(t, late, uid).Attendee(got.PresenterID); !ok || p.Name != "Lee Chen" {
		t.Fatalf("the presenter on the late laptop: %+v, %v", p, ok)
	}
	samePod(t, a.pod.UID, a.db, b.db, c.db, late)
}

// A close carries the record, not every value its fields ever held: it
// stays small however often the notes were saved.
// A close carries its records' field histories gzipped, so a laptop that
// refused an edit the close had seen gets that edit's lines; every save of
// the notes is a line, and they compress well: 300 saves of 460
// characters (138 KB) travel in under 48 KB with the minutes.
func TestACloseCarriesTheFieldHistoryCompressed(t *testing.T) {
	a, b := teamOfTwo(t)
	run, it, _ := typedMeeting(t, a)
	for i := range 300 {
		it.Notes = strings.Repeat("webhooks ", 50) + "draft " + strconv.Itoa(i) + "."
		saveItem(t, a.db, it)
	}
	if err := a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	evs := deliver(t, a.db, b.db)
	closing := evs[len(evs)-1]
	if closing.Kind != tsync.KindMeetingClosed || len(closing.Payload) > 48<<10 || strings.Contains(string(closing.Payload), "draft 17.") {
		t.Fatalf("the close (%s) carries %d bytes", closing.Kind, len(closing.Payload))
	}
	hist, err := b.db.AgendaItemHistory(ctx, itemNamed(t, localMeeting(t, b.db, meetingUID(t, a.db, run.Meeting.ID)), "Partner API").ID)
	if err != nil || len(hist) < 300 {
		t.Fatalf("the notes' history on the Tech Lead's laptop: %d lines, %v", len(hist), err)
	}
	samePod(t, a.pod.UID, a.db, b.db)
}

func saveItem(t *testing.T, db *DB, it data.AgendaItem) {
	t.Helper()
	if err := db.UpdateAgendaItem(ctx, it); err != nil {
		t.Fatal(err)
	}
}
