package sqlite

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
	tsync "triad/data/sync"
)

// minutesOf is the minutes of the meeting with global id uid on db, as
// `triad minutes` assembles them.
func minutesOf(t *testing.T, db *DB, uid string) minutes.Minutes {
	t.Helper()
	run := localMeeting(t, db, uid)
	rec, err := db.MinutesRecord(ctx, run.Meeting.ID)
	must(t, err)
	return minutes.FromRecord(rec, minutes.Options{Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }})
}

// samePDF checks the minutes of the meeting with global id uid render to
// the same PDF on every laptop.
func samePDF(t *testing.T, uid string, dbs ...*DB) {
	t.Helper()
	var first []byte
	for i, db := range dbs {
		pdf, err := minutes.Render(minutesOf(t, db, uid))
		must(t, err)
		if i == 0 {
			first = pdf
		} else if !bytes.Equal(pdf, first) {
			t.Fatalf("laptop %d's minutes differ from laptop 0's:\n%+v\n---\n%+v", i, minutesOf(t, db, uid), minutesOf(t, dbs[0], uid))
		}
	}
}

// A closed meeting's minutes are the record its close froze, on every
// laptop: sharing sends the meetings and their closes before the
// decisions, so a laptop that froze its own record on taking the close
// held minutes with no decisions and no outcomes.
func TestEveryLaptopHoldsTheMinutesTheCloseFroze(t *testing.T) {
	var a replica
	a.db, _, _ = openDealDB(t) // its clock stands at 25 Nov, 10:00
	a.key = mustKey(t)
	var err error
	a.pod, err = a.db.CreatePod(ctx, samplePod("Payments"))
	must(t, err)
	m, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 19)})
	must(t, err)
	f := decisionFixture{a.db, a.pod, m}
	start := time.Date(2026, 11, 19, 15, 0, 0, 0, time.UTC)
	addItem(t, a.db, f.meeting.ID, "Fraud scoring", 20)
	must(t, a.db.StartMeeting(ctx, f.meeting.ID, start))
	d := f.decided(t, "Buy or build fraud scoring?")
	pmID := d.Perspectives[1].MemberID
	_, err = a.db.RecordCommitment(ctx, d.ID, pmID, data.Commit)
	must(t, err)
	must(t, a.db.CloseMeeting(ctx, f.meeting.ID, start.Add(40*time.Minute), "Dan"))
	uid := meetingUID(t, a.db, f.meeting.ID)
	before := minutesOf(t, a.db, uid)
	if len(before.Decisions) != 1 {
		t.Fatalf("the facilitator's minutes hold %d decisions", len(before.Decisions))
	}

	must(t, a.db.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Dan", a.key))
	must(t, a.db.SharePod(ctx, a.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, nil))
	_, err = a.db.ShareDealDesk(ctx, a.pod.UID) // the requests, the pod's form and its meetings
	must(t, err)
	_, err = a.db.ShareDecisions(ctx, a.pod.UID)
	must(t, err)
	_, err = a.db.ShareRoadmap(ctx, a.pod.UID)
	must(t, err)
	tl := joinAs(t, a, tsync.SeatTechLead, "Priya Raman")
	deliverAll(t, a.db, tl.db)
	if r := refusalsOf(t, tl.db); len(r) > 0 {
		t.Fatalf("the Tech Lead's laptop refused %q", r)
	}

	if got := minutesOf(t, a.db, uid); !reflect.DeepEqual(got, before) {
		t.Fatalf("sharing changed the facilitator's minutes:\n%+v\n---\n%+v", got, before)
	}
	samePDF(t, uid, a.db, tl.db)

	// The Tech Lead commits after the close, from their own laptop: the
	// next meeting's minutes on both laptops list that one commitment as
	// late, and not the PM's, which the closed record holds.
	next, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	deliver(t, a.db, tl.db)
	mine := onlyDecision(t, tl)
	_, err = tl.db.RecordCommitment(ctx, mine.ID, mine.Perspectives[0].MemberID, data.Commit)
	must(t, err)
	deliver(t, tl.db, a.db)
	nextUID := meetingUID(t, a.db, next.ID)
	for _, r := range []replica{a, tl} {
		run := localMeeting(t, r.db, nextUID)
		rec, err := r.db.MinutesRecord(ctx, run.Meeting.ID)
		must(t, err)
		if len(rec.LateCommitments) != 1 || rec.LateCommitments[0].Name != "Priya Raman" {
			t.Errorf("late commitments on %s's laptop: %+v", r.db.team.Load().cfg.Name, rec.LateCommitments)
		}
	}

	deliver(t, a.db, tl.db) // the facilitator's opening of the next meeting gave it its agenda
	out := samePod(t, a.pod.UID, a.db, tl.db)
	if !bytes.Contains(out, []byte(`"sha256"`)) || !bytes.Contains(out, []byte(`"started_at": "2026-11-19T15:00:00.000Z"`)) {
		t.Fatalf("the pod's export holds no frozen minutes or no clock:\n%s", out)
	}
	// The Tech Lead's whole file, exported, is taken by a fresh file.
	var buf bytes.Buffer
	must(t, tl.db.ExportJSON(ctx, &buf))
	fresh := openTemp(t)
	if err := fresh.ImportJSON(ctx, &buf); err != nil {
		t.Fatalf("the Tech Lead's export cannot be imported: %v", err)
	}
}

func refusalsOf(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.db.Query(`SELECT kind || ': ' || reason FROM sync_refused`)
	must(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		must(t, rows.Scan(&s))
		out = append(out, s)
	}
	return out
}

// Every int64 field a frozen record's types have names its table, so no
// field can travel to another laptop holding this laptop's key unmapped.
func TestRecordIDTablesCoverEveryKeyOfTheRecord(t *testing.T) {
	seen := map[reflect.Type]bool{}
	used := map[string]bool{}
	var walk func(tp reflect.Type)
	walk = func(tp reflect.Type) {
		for tp.Kind() == reflect.Slice || tp.Kind() == reflect.Pointer || tp.Kind() == reflect.Array {
			tp = tp.Elem()
		}
		if tp.Kind() == reflect.Map {
			t.Errorf("a frozen record holds a map (%s): its keys cannot be told from ids", tp)
			return
		}
		if tp.Kind() != reflect.Struct || seen[tp] {
			return
		}
		seen[tp] = true
		for i := 0; i < tp.NumField(); i++ {
			f := tp.Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Type == int64Type {
				name := tp.Name() + "." + f.Name
				if _, ok := recordIDTables[name]; !ok {
					t.Errorf("%s is an int64 of the frozen record that recordIDTables does not name", name)
				}
				used[name] = true
				continue
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(data.MinutesRecord{}))
	for name := range recordIDTables {
		if !used[name] {
			t.Errorf("recordIDTables names %s, which the record does not have", name)
		}
	}
}

// A close whose frozen minutes are not its meeting's is refused whole on
// the laptop it reaches: the meeting stays open there.
func TestACloseCarryingAnotherMeetingsMinutesIsRefused(t *testing.T) {
	a, b := teamOfTwo(t)
	run, _, _ := typedMeeting(t, a)
	other, err := a.db.CreateMeeting(ctx, data.Meeting{PodID: a.pod.ID, Date: data.NewDate(2026, 12, 3)})
	must(t, err)
	deliver(t, a.db, b.db)
	must(t, a.db.CloseMeeting(ctx, other.ID, a.db.now(), "Dan"))
	must(t, a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Dan"))
	evs, err := a.db.PendingEvents(ctx, 100)
	must(t, err)
	var first, second *tsync.Event
	for i := range evs {
		if evs[i].Kind == tsync.KindMeetingClosed {
			if first == nil {
				first = &evs[i]
			} else {
				second = &evs[i]
			}
		}
	}
	if first == nil || second == nil {
		t.Fatalf("two closes were not queued: %+v", evs)
	}
	// The second close carries the first one's minutes, re-signed.
	p1, err := decodeMeetingPayload(first.Payload)
	must(t, err)
	p2, err := decodeMeetingPayload(second.Payload)
	must(t, err)
	p2.Closed.Minutes = p1.Closed.Minutes
	forged := *second
	forged.Payload, err = json.Marshal(p2)
	must(t, err)
	must(t, forged.Sign(a.key))
	for _, ev := range evs {
		if ev.ID == second.ID {
			ev = forged
		}
		_, err := b.db.ApplyEvent(ctx, ev)
		must(t, err)
	}
	if got := localMeeting(t, b.db, meetingUID(t, a.db, run.Meeting.ID)); got.Meeting.Status == data.MeetingClosed {
		t.Fatal("the close with another meeting's minutes was taken")
	}
	if r := refusalsOf(t, b.db); len(r) != 1 || !strings.Contains(r[0], "another meeting") {
		t.Fatalf("refusals: %q", r)
	}
}

// In a shared pod a close and a reopen record the member whose key signs
// them, whatever name the window passes: the record says who signed.
func TestACloseInASharedPodRecordsTheSigner(t *testing.T) {
	a, b := teamOfTwo(t)
	run, _, _ := typedMeeting(t, a)
	must(t, a.db.CloseMeeting(ctx, run.Meeting.ID, a.db.now(), "Daniel Okafor"))
	must(t, a.db.ReopenMeeting(ctx, run.Meeting.ID, a.db.now().Add(time.Minute), "Daniel Okafor", "a late correction"))
	deliver(t, a.db, b.db)
	for _, db := range []*DB{a.db, b.db} {
		es, err := db.MeetingHistory(ctx, localMeeting(t, db, meetingUID(t, a.db, run.Meeting.ID)).Meeting.ID)
		must(t, err)
		if len(es) < 2 || es[len(es)-2].By != "Dan" || es[len(es)-1].By != "Dan" {
			t.Fatalf("the status history: %+v", es)
		}
	}
}
