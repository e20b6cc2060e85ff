package sqlite

import (
	"strings"
	"testing"

	"triad/data"
)

// addAction records an open action of meeting run, owned by the attendee
// at index owner (-1 for nobody), due on due ("" for no date).
func addAction(t *testing.T, db *DB, run data.MeetingRun, text string, owner int, due string) data.ActionItem {
	t.Helper()
	a := data.ActionItem{MeetingID: run.Meeting.ID, Text: text}
	if owner >= 0 {
		a.OwnerID = run.Attendees[owner].ID
	}
	if due != "" {
		a.Due, _ = data.ParseDate(due)
	}
	got, err := db.AddActionItem(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// myItemTexts is the answer as "Pod: text, text | Pod: text".
func myItemTexts(m data.MyItems) string {
	var pods []string
	for _, p := range m.Pods {
		var texts []string
		for _, a := range p.Items {
			texts = append(texts, a.Text)
		}
		pods = append(pods, p.PodName+": "+strings.Join(texts, ", "))
	}
	return strings.Join(pods, " | ")
}

// With no team, one laptop serves everyone: the answer offers each person
// who owns an open item, and lists the chosen one's across both pods, pod
// by pod, each pod's overdue first, then by due date, undated last; done
// items and other people's are not among them, and the limit bounds it.
func TestMyItemsListsOnePersonsOpenItemsAcrossPods(t *testing.T) {
	db := openTemp(t)
	pay, _ := db.CreatePod(ctx, samplePod("Payments"))
	growth := samplePod("Growth")
	growth.Leaders[0].Name = "Sam Lee" // Priya is Growth's PM here
	growth.Leaders[1].Name = "Priya Raman"
	gr, err := db.CreatePod(ctx, growth)
	if err != nil {
		t.Fatal(err)
	}
	payRun := newMeeting(t, db, pay.ID, "2026-11-19")
	grRun := newMeeting(t, db, gr.ID, "2026-11-20")
	addAction(t, db, payRun, "Undated for Priya", 0, "")
	addAction(t, db, payRun, "Due later for Priya", 0, "2026-12-10")
	addAction(t, db, payRun, "Overdue for Priya", 0, "2026-11-01")
	done := addAction(t, db, payRun, "Done by Priya", 0, "2026-11-02")
	if err := db.SetActionDone(ctx, done.ID, true, mins(10)); err != nil {
		t.Fatal(err)
	}
	addAction(t, db, payRun, "José's", 1, "2026-11-01")
	addAction(t, db, payRun, "Nobody's", -1, "")
	addAction(t, db, grRun, "Growth for Priya", 1, "2026-12-01")
	addAction(t, db, grRun, "Growth for Sam", 0, "2026-12-01")

	got, err := db.MyItems(ctx, data.MyItemsQuery{Name: "  priya raman "})
	if err != nil {
		t.Fatal(err)
	}
	if got.Team {
		t.Error("a laptop with no team answers as a team's")
	}
	want := "Growth: Growth for Priya | Payments: Overdue for Priya, Due later for Priya, Undated for Priya"
	if s := myItemTexts(got); s != want {
		t.Errorf("Priya's items:\n got %s\nwant %s", s, want)
	}
	if got.Total != 4 || got.Shown() != 4 {
		t.Errorf("total %d, shown %d, want 4 and 4", got.Total, got.Shown())
	}
	a := got.Pods[1].Items[0]
	if a.MeetingID != payRun.Meeting.ID || a.MeetingDate.String() != "2026-11-19" || a.OwnerName != "Priya Raman" {
		t.Errorf("an item does not say where it came from: %+v", a)
	}
	if o := strings.Join(got.Owners, ", "); o != "José Ñúñez, Priya Raman, Sam Lee" {
		t.Errorf("owners of open items: %s", o)
	}

	bounded, err := db.MyItems(ctx, data.MyItemsQuery{Name: "Priya Raman", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if s := myItemTexts(bounded); s != "Growth: Growth for Priya | Payments: Overdue for Priya" || bounded.Total != 4 {
		t.Errorf("the first 2 of 4: %s (total %d)", s, bounded.Total)
	}
	none, err := db.MyItems(ctx, data.MyItemsQuery{})
	if err != nil || none.Total != 0 || len(none.Pods) != 0 || len(none.Owners) != 3 {
		t.Errorf("no one chosen: %+v, %v", none, err)
	}
}

// In a team the person is this laptop's member: the Tech Lead's laptop
// lists the actions whose owner sits in the Tech Lead's seat of the shared
// pod (by attendance, or by name for an owner without an attendance row),
// not the PM's, and none of a pod it holds no seat in, although a leader
// there bears the same name. Ticking one off there takes it off the list.
func TestMyItemsInATeamAreThoseOfTheSeatsTheMemberHolds(t *testing.T) {
	a, b := teamOfTwo(t)
	run := newMeeting(t, a.db, a.pod.ID, "2026-11-26")
	mine := addAction(t, a.db, run, "Scope the webhook API", 0, "2026-12-03")
	addAction(t, a.db, run, "Price the webhook API", 1, "2026-12-01")
	named := addAction(t, a.db, run, "Named without attendance", -1, "")
	if _, err := a.db.ReviseActionItem(ctx, data.ActionChange{ActionID: named.ID, Owner: ptr("Priya Raman"), At: a.db.now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.db.db.Exec(`UPDATE action_items SET owner_id = NULL WHERE id = ?`, named.ID); err != nil {
		t.Fatal(err) // as an owner reassigned by name arrives from an older laptop
	}
	deliver(t, a.db, b.db)
	local, err := b.db.CreatePod(ctx, samplePod("Local"))
	if err != nil {
		t.Fatal(err)
	}
	addAction(t, b.db, newMeeting(t, b.db, local.ID, "2026-11-27"), "Not a seat of the team", 0, "")

	got, err := b.db.MyItems(ctx, data.MyItemsQuery{Name: "José Ñúñez"})
	if err != nil {
		t.Fatal(err)
	}
	if !got.Team || got.Member != "Priya Raman" || len(got.Owners) != 0 {
		t.Errorf("the member: team %v, %q, owners %v", got.Team, got.Member, got.Owners)
	}
	if len(got.Seats) != 1 || got.Seats[0].PodID != b.pod.ID || got.Seats[0].Role != data.RoleTechLead {
		t.Errorf("seats: %+v", got.Seats)
	}
	if s := myItemTexts(got); s != "Payments: Scope the webhook API, Named without attendance" || got.Total != 2 {
		t.Errorf("the Tech Lead's items: %s (total %d)", s, got.Total)
	}
	if err := b.db.SetActionDone(ctx, got.Pods[0].Items[0].ID, true, b.db.now()); err != nil {
		t.Fatalf("the owner ticking from the list: %v", err)
	}
	after, err := b.db.MyItems(ctx, data.MyItemsQuery{})
	if err != nil || myItemTexts(after) != "Payments: Named without attendance" {
		t.Errorf("after the tick: %s, %v", myItemTexts(after), err)
	}
	evs := deliver(t, b.db, a.db)
	if len(evs) != 1 {
		t.Fatalf("the tick sent %d events", len(evs))
	}
	if run := meetingRunOf(t, a.db, run.Meeting.ID); !actionDone(run, mine.ID) {
		t.Error("the tick did not reach the facilitator's laptop")
	}
}

func meetingRunOf(t *testing.T, db *DB, id int64) data.MeetingRun {
	t.Helper()
	r, err := db.MeetingRun(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func actionDone(run data.MeetingRun, id int64) bool {
	for _, a := range run.Actions {
		if a.ID == id {
			return a.Done()
		}
	}
	return false
}
