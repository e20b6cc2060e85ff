package sqlite

import (
	"strings"
	"testing"

	"triad/data"
)

// closeWith runs a meeting: the clock visits the items titled reached,
// then the meeting closes.
func closeWith(t *testing.T, db *DB, run data.MeetingRun, at int, reached ...string) {
	t.Helper()
	if err := db.StartMeeting(ctx, run.Meeting.ID, mins(at)); err != nil {
		t.Fatal(err)
	}
	for i, title := range reached {
		for _, it := range run.Items {
			if it.Title == title {
				if err := db.GoToItem(ctx, run.Meeting.ID, it.ID, mins(at+i+1)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := db.CloseMeeting(ctx, run.Meeting.ID, mins(at+30), "Ana Ruiz"); err != nil {
		t.Fatal(err)
	}
}

func carried(items []data.AgendaItem) []string {
	var out []string
	for _, it := range items {
		if it.Standing == data.StandingNone {
			out = append(out, it.Title)
		}
	}
	return out
}

// Opening next week's draft before this week's meeting closes used to
// freeze the draft's carry-over from the meeting before: this week's
// unreached items were lost and older ones came twice.
func TestCarryOverRecomputedWhenPreviousMeetingCloses(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))

	// Week 1: "Pricing" is never reached.
	w1 := newMeeting(t, db, p.ID, "2026-11-05")
	pricing := addItem(t, db, w1.Meeting.ID, "Pricing", 10)
	pricing.Notes = "Sofia to bring the competitor sheet"
	pricing.PresenterID = w1.Attendees[2].ID // the PMM
	if err := db.UpdateAgendaItem(ctx, pricing); err != nil {
		t.Fatal(err)
	}
	addItem(t, db, w1.Meeting.ID, "Hiring", 10)
	w1, _ = db.MeetingRun(ctx, w1.Meeting.ID)
	closeWith(t, db, w1, 0, "Deal desk", "Hiring")

	// Week 2 opens with Pricing carried; it starts, and while it runs the
	// facilitator opens week 3 to add a topic by hand.
	w2 := newMeeting(t, db, p.ID, "2026-11-12")
	if got := carried(w2.Items); len(got) != 1 || got[0] != "Pricing" {
		t.Fatalf("week 2 carries %v", got)
	}
	addItem(t, db, w2.Meeting.ID, "Onboarding", 10)
	addItem(t, db, w2.Meeting.ID, "Security review", 10)
	w2, _ = db.MeetingRun(ctx, w2.Meeting.ID)
	w3 := newMeeting(t, db, p.ID, "2026-11-19")
	addItem(t, db, w3.Meeting.ID, "Roadmap offsite", 15)

	// Week 2 reaches Onboarding only: Pricing and Security review carry on.
	closeWith(t, db, w2, 7*24*60, "Deal desk", "Onboarding")
	w3, err := db.MeetingRun(ctx, w3.Meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(carried(w3.Items), ", ")
	if got != "Pricing, Roadmap offsite, Security review" {
		t.Fatalf("week 3 agenda = %s; want Pricing once, the hand-added item kept and Security review brought in", got)
	}
	for _, it := range w3.Items {
		switch it.Title {
		case "Pricing":
			if !it.CarriedFrom.Equal(w1.Meeting.Date) {
				t.Errorf("Pricing carried from %v, want its first meeting %v", it.CarriedFrom, w1.Meeting.Date)
			}
			if it.Notes != "last week: Sofia to bring the competitor sheet" {
				t.Errorf("Pricing notes = %q", it.Notes)
			}
			if a, ok := w3.Attendee(it.PresenterID); !ok || a.Role != data.RoleMarketing || a.MeetingID != w3.Meeting.ID {
				t.Errorf("Pricing presenter = %+v (%v)", a, ok)
			}
		case "Security review":
			if !it.CarriedFrom.Equal(w2.Meeting.Date) {
				t.Errorf("Security review carried from %v", it.CarriedFrom)
			}
		}
	}

	// Week 2 is reopened, Pricing gets discussed, and it closes again:
	// Pricing is dealt with and leaves week 3's draft; an item the
	// facilitator typed into stays even though it no longer carries.
	for _, it := range w3.Items {
		if it.Title == "Security review" {
			it.Notes = "Bring the pen-test report"
			if err := db.UpdateAgendaItem(ctx, it); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.ReopenMeeting(ctx, w2.Meeting.ID, mins(7*24*60+60), "Ana Ruiz", "Items were missed"); err != nil {
		t.Fatal(err)
	}
	w2, _ = db.MeetingRun(ctx, w2.Meeting.ID)
	closeWith2(t, db, w2, 7*24*60+62, "Pricing", "Security review")
	w3, _ = db.MeetingRun(ctx, w3.Meeting.ID)
	if got := strings.Join(carried(w3.Items), ", "); got != "Roadmap offsite, Security review" {
		t.Fatalf("after week 2 closed again, week 3 = %s", got)
	}

	// Once week 3 starts, its agenda is its own.
	if err := db.StartMeeting(ctx, w3.Meeting.ID, mins(14*24*60)); err != nil {
		t.Fatal(err)
	}
	before := len(w3.Items)
	if err := db.ReopenMeeting(ctx, w2.Meeting.ID, mins(14*24*60+1), "Ana Ruiz", "Items were missed"); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, w2.Meeting.ID, mins(14*24*60+2), "Ana Ruiz"); err != nil {
		t.Fatal(err)
	}
	w3, _ = db.MeetingRun(ctx, w3.Meeting.ID)
	if len(w3.Items) != before {
		t.Errorf("a started meeting's agenda changed: %v", titles(w3.Items))
	}
}

// closeWith2 visits items of a reopened meeting (in progress again) and
// closes it.
func closeWith2(t *testing.T, db *DB, run data.MeetingRun, at int, reached ...string) {
	t.Helper()
	if run.Meeting.Status != data.MeetingInProgress {
		if err := db.ResumeMeeting(ctx, run.Meeting.ID, mins(at)); err != nil {
			t.Fatal(err)
		}
	}
	for i, title := range reached {
		for _, it := range run.Items {
			if it.Title == title {
				if err := db.GoToItem(ctx, run.Meeting.ID, it.ID, mins(at+i+1)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := db.CloseMeeting(ctx, run.Meeting.ID, mins(at+30), "Ana Ruiz"); err != nil {
		t.Fatal(err)
	}
}

// Closing an older meeting again leaves alone a draft that carries from a
// later one: an item the facilitator took off that draft stays off.
func TestRecloseOfOlderMeetingLeavesLaterDraft(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	w1 := newMeeting(t, db, p.ID, "2026-11-05")
	addItem(t, db, w1.Meeting.ID, "Pricing", 10)
	w1, _ = db.MeetingRun(ctx, w1.Meeting.ID)
	closeWith(t, db, w1, 0, "Deal desk")
	w2 := newMeeting(t, db, p.ID, "2026-11-12")
	w2, _ = db.MeetingRun(ctx, w2.Meeting.ID)
	closeWith(t, db, w2, 7*24*60, "Deal desk") // Pricing carried, not reached again
	w3 := newMeeting(t, db, p.ID, "2026-11-19")
	for _, it := range w3.Items {
		if it.Title == "Pricing" {
			if err := db.DeleteAgendaItem(ctx, it.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.ReopenMeeting(ctx, w1.Meeting.ID, mins(14*24*60), "Ana Ruiz", "Items were missed"); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, w1.Meeting.ID, mins(14*24*60+5), "Ana Ruiz"); err != nil {
		t.Fatal(err)
	}
	w3, _ = db.MeetingRun(ctx, w3.Meeting.ID)
	if got := carried(w3.Items); len(got) != 0 {
		t.Errorf("closing week 1 again brought back %v into week 3", got)
	}
}

// A guest's unreached item comes back with the guest on next week's list,
// not yet marked present; saving an item unchanged does not count as an edit.
func TestCarriedGuestPresenterAndUnchangedSave(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	w1 := newMeeting(t, db, p.ID, "2026-11-05")
	g, err := db.AddGuest(ctx, w1.Meeting.ID, data.Attendee{Name: "Lee Chen", GuestRole: "Solutions engineer"})
	if err != nil {
		t.Fatal(err)
	}
	demo := addItem(t, db, w1.Meeting.ID, "Demo of the SSO pilot", 10)
	demo.PresenterID = g.ID
	if err := db.UpdateAgendaItem(ctx, demo); err != nil {
		t.Fatal(err)
	}
	w1, _ = db.MeetingRun(ctx, w1.Meeting.ID)
	closeWith(t, db, w1, 0, "Deal desk")
	w2 := newMeeting(t, db, p.ID, "2026-11-12")
	var item data.AgendaItem
	for _, it := range w2.Items {
		if it.Title == demo.Title {
			item = it
		}
	}
	a, ok := w2.Attendee(item.PresenterID)
	if !ok || a.Name != "Lee Chen" || !a.IsGuest() || a.Present || a.GuestRole != "Solutions engineer" {
		t.Fatalf("carried presenter = %+v (%v)", a, ok)
	}
	if err := db.UpdateAgendaItem(ctx, item); err != nil {
		t.Fatal(err)
	}
	w2, _ = db.MeetingRun(ctx, w2.Meeting.ID)
	for _, it := range w2.Items {
		if it.ID == item.ID && it.Edited {
			t.Error("saving an item unchanged marked it edited")
		}
	}
}
