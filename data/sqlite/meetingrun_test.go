package sqlite

import (
	"errors"
	"testing"
	"time"

	"triad/data"
)

var m0 = time.Date(2026, 11, 19, 9, 30, 0, 0, time.UTC)

func mins(n int) time.Time { return m0.Add(time.Duration(n) * time.Minute) }

func newMeeting(t *testing.T, db *DB, podID int64, date string) data.MeetingRun {
	t.Helper()
	d, _ := data.ParseDate(date)
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: podID, Date: d})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func addItem(t *testing.T, db *DB, meetingID int64, title string, planned int) data.AgendaItem {
	t.Helper()
	it, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: meetingID, Title: title, Kind: data.KindTopic, PlannedMinutes: planned})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func titles(items []data.AgendaItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func TestMeetingPreparedOnce(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	if len(r.Attendees) != 3 || r.Attendees[0].Name != "Priya Raman" || r.Attendees[0].Role != data.RoleTechLead || r.Attendees[0].Present {
		t.Fatalf("attendees = %+v", r.Attendees)
	}
	if got := titles(r.Items); len(got) != 4 || got[0] != "Deal desk" || got[3] != "Action items review" {
		t.Fatalf("standing items = %v", got)
	}
	// Removing a standing item is for this meeting only, and it stays removed.
	if err := db.DeleteAgendaItem(ctx, r.Items[1].ID); err != nil {
		t.Fatal(err)
	}
	r, _ = db.MeetingRun(ctx, r.Meeting.ID)
	if got := titles(r.Items); len(got) != 3 || got[1] != "Open decisions" || r.Items[1].Position != 1 {
		t.Fatalf("after removing: %v", got)
	}
	next := newMeeting(t, db, p.ID, "2026-11-26")
	if len(next.Items) != 4 {
		t.Errorf("the next meeting lacks a standing item: %v", titles(next.Items))
	}
	if u, _ := db.PodUsage(ctx, p.ID); u.String() != "2 meetings, 7 agenda items" {
		t.Errorf("usage = %q", u.String())
	}
}

func TestMeetingClockAndCarryOver(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	id := r.Meeting.ID
	for _, it := range r.Items {
		db.DeleteAgendaItem(ctx, it.ID)
	}
	a := addItem(t, db, id, "Checkout latency", 10)
	b := addItem(t, db, id, "Refund flow", 5)
	c := addItem(t, db, id, "Partner API", 15)
	pay := data.Money(1_200_000)
	c.Answers = data.TriadAnswers{CanBuild: data.VerdictQualified, EngineeringBy: r.Attendees[0].ID}
	c.Answers.SetWillPay("12k a year, billed annually") // the PMM's words, and the 12k read from them
	c.Kind = data.KindFeatureProposal
	if err := db.UpdateAgendaItem(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := db.GoToItem(ctx, id, a.ID, mins(0)); !errors.Is(err, data.ErrConflict) {
		t.Errorf("the clock ran before the meeting started: %v", err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.StartMeeting(ctx, id, mins(0)))
	must(db.GoToItem(ctx, id, b.ID, mins(12))) // item 1 ran 12 of 10 minutes
	must(db.PauseMeeting(ctx, id, mins(14)))
	must(db.ResumeMeeting(ctx, id, mins(20)))

	// Reopen the file, as after a restart: the clock is still on item 2.
	path := db.Path()
	db.Close()
	db2, err := Open(path, Options{})
	must(err)
	t.Cleanup(func() { db2.Close() })
	r, _ = db2.MeetingRun(ctx, id)
	st := data.MeetingClock(r.Items, mins(23))
	if st.Current != 1 || !st.Running || st.ItemElapsed[1] != 5*time.Minute || st.ItemElapsed[0] != 12*time.Minute {
		t.Fatalf("after restart: %+v", st)
	}
	if r.Items[0].ActualSeconds != 12*60 || r.Meeting.Status != data.MeetingInProgress {
		t.Errorf("stored actual seconds %d, status %s", r.Items[0].ActualSeconds, r.Meeting.Status)
	}

	// Item 2 is marked carry-over; item 3 is never reached.
	r.Items[1].CarryOver = true
	must(db2.UpdateAgendaItem(ctx, r.Items[1]))
	must(db2.CloseMeeting(ctx, id, mins(30), "Ana Ruiz"))
	r, _ = db2.MeetingRun(ctx, id)
	if r.Items[1].ActualSeconds != 12*60 || r.Meeting.EndedAt.IsZero() {
		t.Errorf("after close: %+v", r.Items[1])
	}
	// Closed is read-only.
	for name, err := range map[string]error{
		"update": db2.UpdateAgendaItem(ctx, r.Items[0]),
		"add": func() error {
			_, err := db2.AddAgendaItem(ctx, data.AgendaItem{MeetingID: id, Title: "x", Kind: data.KindTopic})
			return err
		}(),
		"delete": db2.DeleteAgendaItem(ctx, r.Items[0].ID),
		"move":   db2.MoveAgendaItem(ctx, r.Items[0].ID, 2),
		"attend": db2.SetPresent(ctx, r.Attendees[0].ID, true),
		"next":   db2.GoToItem(ctx, id, r.Items[2].ID, mins(31)),
	} {
		if !errors.Is(err, data.ErrConflict) {
			t.Errorf("%s on a closed meeting: %v", name, err)
		}
	}

	next := newMeeting(t, db2, p.ID, "2026-11-26")
	got := titles(next.Items)
	if len(got) != 6 || got[4] != "Refund flow" || got[5] != "Partner API" {
		t.Fatalf("next agenda = %v", got)
	}
	carried := next.Items[5]
	if !carried.CarriedFrom.Equal(r.Meeting.Date) || carried.Answers.CanBuild != data.VerdictQualified || *carried.Answers.WillPay != pay ||
		carried.Answers.WillPayText != "12k a year, billed annually" ||
		carried.Answers.EngineeringBy != next.Attendees[0].ID || carried.Reached() {
		t.Errorf("carried item = %+v", carried)
	}

	// Reopening is recorded and makes it editable again.
	must(db2.ReopenMeeting(ctx, id, mins(60), "Ana Ruiz", "The refund figures were wrong"))
	r, _ = db2.MeetingRun(ctx, id)
	kinds := ""
	for _, e := range r.Events {
		kinds += e.Kind + " "
	}
	if kinds != "started closed reopened " || r.Meeting.Status != data.MeetingInProgress {
		t.Errorf("events %q status %s", kinds, r.Meeting.Status)
	}
	must(db2.MoveAgendaItem(ctx, r.Items[2].ID, 0))
	r, _ = db2.MeetingRun(ctx, id)
	if got := titles(r.Items); got[0] != "Partner API" || got[1] != "Checkout latency" {
		t.Errorf("after move: %v", got)
	}
}

func TestAttendanceAndActions(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	r := newMeeting(t, db, p.ID, "2026-11-19")
	id := r.Meeting.ID
	if _, err := db.AddGuest(ctx, id, data.Attendee{Name: "  ", Email: "lee@"}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("empty guest: %v", err)
	}
	g, err := db.AddGuest(ctx, id, data.Attendee{Name: "Lee  Chen", Email: "lee@example.com", GuestRole: "Solutions engineer"})
	if err != nil || g.Name != "Lee Chen" {
		t.Fatal(g, err)
	}
	if err := db.SetPresent(ctx, r.Attendees[1].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveGuest(ctx, r.Attendees[0].ID); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("removing a leader: %v", err)
	}
	r, _ = db.MeetingRun(ctx, id)
	if len(r.Attendees) != 4 || !r.Attendees[1].Present || r.Attendees[0].Present || !r.Attendees[3].IsGuest() || !r.Attendees[3].Present {
		t.Errorf("attendees = %+v", r.Attendees)
	}

	today := data.NewDate(2026, 11, 25)
	act := func(text string, due data.Date) data.ActionItem {
		a, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: id, Text: text, OwnerID: g.ID, Due: due, AgendaItemID: r.Items[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	late := act("Send the pricing memo", today.AddDays(-2))
	act("Book the partner call", today.AddDays(3))
	done := act("Fix the export", today.AddDays(-5))
	if late.OwnerName != "Lee Chen" || late.AgendaTitle != "Deal desk" || late.PodID != p.ID {
		t.Errorf("action = %+v", late)
	}
	if _, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: id, Text: " "}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("empty action: %v", err)
	}
	if _, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: id, Text: "x", OwnerID: 9999}); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("owner from nowhere: %v", err)
	}
	db.CloseMeeting(ctx, id, mins(40), "")
	// Ticking off works after the meeting closed; editing does not.
	if err := db.SetActionDone(ctx, done.ID, true, mins(50)); err != nil {
		t.Fatal(err)
	}
	if err := db.UpdateActionItem(ctx, late); !errors.Is(err, data.ErrConflict) {
		t.Errorf("editing a closed meeting's action: %v", err)
	}
	open, _ := db.OpenActionItems(ctx, p.ID)
	if len(open) != 2 || open[0].ID != late.ID || !open[0].Overdue(today) || open[1].Overdue(today) {
		t.Errorf("open actions = %+v", open)
	}
	// Removing the guest keeps their action, under the name they had.
	db.ReopenMeeting(ctx, id, mins(60), "Ana Ruiz", "Lee left the pod")
	if err := db.RemoveGuest(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	open, _ = db.OpenActionItems(ctx, p.ID)
	if open[0].OwnerName != "Lee Chen" || open[0].OwnerID != 0 {
		t.Errorf("after removing the owner: %+v", open[0])
	}
	if u, _ := db.PodUsage(ctx, p.ID); u.String() != "1 meetings, 4 agenda items, 3 action items" {
		t.Errorf("usage = %q", u.String())
	}
}
