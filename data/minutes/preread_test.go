package minutes_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
)

// TestPreReadOfADraftReadsWithoutWriting builds the pre-read of a draft
// nobody opened: it has the agenda the meeting would open with, each
// item's timebox, the requests waiting for a sign-off with their due
// times, the debt check and the open decisions; and the database file is
// unprepared: reading never writes.
func TestPreReadOfADraftReadsWithoutWriting(t *testing.T) {
	dir := t.TempDir()
	db := demoDB(t, dir)
	ctx := context.Background()
	pod, _ := latestClosed(t, db, "Payments")
	draft, err := db.CreateMeeting(ctx, data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 12, 10)})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := db.HandoffRecord(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Minutes.Preview {
		t.Fatal("a draft nobody opened should be read as a preview")
	}
	now := demoNow.Add(2 * time.Hour)
	p, err := minutes.PreReadFromRecord(rec, minutes.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.MinutesRecord(ctx, draft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Preview {
		t.Error("reading the pre-read prepared the draft: reading must never write")
	}
	if len(p.Agenda) < 4 || p.Agenda[0].Title != "Deal desk" || p.Agenda[0].Planned != 10 {
		t.Errorf("agenda %+v: want the standing items first, Deal desk 10 min", p.Agenda)
	}
	if len(p.Awaiting) == 0 {
		t.Fatal("the sample pod has requests waiting for a sign-off; the pre-read lists none")
	}
	for _, r := range p.Awaiting {
		if r.Due.IsZero() && !r.Paused {
			t.Errorf("%s waits for a sign-off without a due time", r.Customer)
		}
	}
	if p.Debt == nil {
		t.Error("no debt check")
	}
	text := p.PlainText()
	for _, want := range []string{"Pre-read — Payments — " + draft.Date.Long(), "1. Deal desk — 10 min", "Deal desk: awaiting sign-off",
		p.Awaiting[0].Customer, "Due " + p.Awaiting[0].Due.Format("Mon 2 Jan 15:04 MST"), "Roadmap debt check as it stands", "Open decisions"} {
		if !strings.Contains(text, want) {
			t.Errorf("the pre-read lacks %q:\n%s", want, text)
		}
	}
}

func TestPreReadRefusesAMeetingThatHasStarted(t *testing.T) {
	db := demoDB(t, t.TempDir())
	ctx := context.Background()
	_, closed := latestClosed(t, db, "Payments")
	rec, err := db.HandoffRecord(ctx, closed.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = minutes.PreReadFromRecord(rec, minutes.Options{Now: func() time.Time { return demoNow }})
	if !errors.Is(err, data.ErrConflict) || !strings.Contains(err.Error(), "closed") {
		t.Errorf("err = %v, want a conflict saying the meeting is closed", err)
	}
}
