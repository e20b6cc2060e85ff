package sqlite

import (
	"errors"
	"fmt"
	"testing"

	"triad/data"
)

// The pod page reads its meetings a page at a time, and a meeting's
// standing panels find the meeting before it by one lookup: both agree
// with reading every meeting of the pod.
func TestMeetingsPageAndPreviousMeeting(t *testing.T) {
	db := openTemp(t)
	p, _ := db.CreatePod(ctx, samplePod("Payments"))
	other, _ := db.CreatePod(ctx, samplePod("Growth"))
	closeWith(t, db, newMeeting(t, db, p.ID, "2026-11-05"), 0)
	closeWith(t, db, newMeeting(t, db, p.ID, "2026-11-12"), 60)
	newMeeting(t, db, p.ID, "2026-11-19") // a draft that never ran
	closeWith(t, db, newMeeting(t, db, other.ID, "2026-11-23"), 120)
	newMeeting(t, db, p.ID, "2026-11-26")
	closeWith(t, db, newMeeting(t, db, p.ID, "2026-12-03"), 180)

	all, err := db.Meetings(ctx, p.ID)
	if err != nil || len(all) != 5 {
		t.Fatalf("%d meetings, %v", len(all), err)
	}
	var paged []data.Meeting
	for offset := 0; ; offset += 2 {
		ms, err := db.MeetingsPage(ctx, p.ID, offset, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 {
			break
		}
		paged = append(paged, ms...)
	}
	if fmt.Sprint(paged) != fmt.Sprint(all) {
		t.Errorf("pages of 2 give %v, want %v", paged, all)
	}
	for _, bad := range [][2]int{{-1, 2}, {0, 0}} {
		if _, err := db.MeetingsPage(ctx, p.ID, bad[0], bad[1]); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("page %v: %v, want a clear refusal", bad, err)
		}
	}

	for _, m := range all {
		want, wantOK := data.PreviousMeeting(m, all)
		got, ok, err := db.PreviousMeeting(ctx, m)
		if err != nil || ok != wantOK || got != want {
			t.Errorf("before %s: %v %v %v, want %v %v", m.Date, got.Date, ok, err, want.Date, wantOK)
		}
	}
	if prev, _, _ := db.PreviousMeeting(ctx, all[1]); prev.Date.String() != "2026-11-12" {
		t.Errorf("before the draft of 26 Nov: %s, want the closed meeting of 12 Nov (not the draft, not the other pod's)", prev.Date)
	}
}
