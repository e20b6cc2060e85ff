package sqlite

import (
	"database/sql"
	"errors"
	"testing"

	"triad/data"
)

// closedFixture is a meeting with a decision taken while the PMM was away,
// a debt snapshot left unanswered, and then closed.
func closedFixture(t *testing.T) (decisionFixture, data.Decision, data.Decision, data.DebtSnapshot, data.MeetingRun) {
	t.Helper()
	f := newDecisionFixture(t)
	r, err := f.db.MeetingRun(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := f.proposal("Buy or build fraud scoring?")
	d.Perspectives[2].Position, d.Perspectives[2].Reasoning = data.PositionNone, "" // the PMM was away
	d, err = f.db.CreateDecision(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if d, err = f.db.Decide(ctx, d); err != nil {
		t.Fatal(err)
	}
	open, err := f.db.CreateDecision(ctx, f.proposal("Left open: which region first?"))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := f.db.RecordDebtSnapshot(ctx, f.meeting.ID, data.DefaultPlanningWindow(f.meeting.Date))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.StartMeeting(ctx, f.meeting.ID, mins(0)); err != nil {
		t.Fatal(err)
	}
	if err := f.db.CloseMeeting(ctx, f.meeting.ID, mins(58), "José Ñúñez"); err != nil {
		t.Fatal(err)
	}
	return f, d, open, snap, r
}

// After close nothing belonging to the meeting changes without a reopen,
// and each refusal is ErrMeetingClosed, which the window shows as it is.
func TestClosedMeetingRefusesChanges(t *testing.T) {
	f, d, open, snap, r := closedFixture(t)
	db := f.db
	other, err := db.CreateMeeting(ctx, data.Meeting{PodID: f.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	moved, err := db.CreateDecision(ctx, func() data.Decision {
		p := f.proposal("Move me into the closed meeting")
		p.MeetingID = other.ID
		return p
	}())
	if err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"create decision": func() error {
			_, err := db.CreateDecision(ctx, f.proposal("A decision after the meeting"))
			return err
		}(),
		"move decision in": func() error {
			moved.MeetingID = f.meeting.ID
			_, err := db.UpdateDecision(ctx, moved)
			return err
		}(),
		"decide into it": func() error {
			moved.MeetingID = f.meeting.ID
			_, err := db.Decide(ctx, moved)
			return err
		}(),
		"change a stated position": func() error {
			_, err := db.StatePosition(ctx, open.ID, f.pod.Leaders[0].ID, data.PositionDisagree, "Changed my mind")
			return err
		}(),
		"decide a proposal after close": func() error {
			_, err := db.Decide(ctx, open)
			return err
		}(),
		"delete a proposal": db.DeleteDecision(ctx, open.ID),
		"PMM answers the debt check": func() error {
			_, err := db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseAccepted})
			return err
		}(),
		"attendance": db.SetPresent(ctx, r.Attendees[0].ID, true),
		"agenda": func() error {
			_, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: f.meeting.ID, Title: "Late topic", Kind: data.KindTopic})
			return err
		}(),
	} {
		if !errors.Is(err, data.ErrMeetingClosed) {
			t.Errorf("%s in a closed meeting: got %v, want ErrMeetingClosed", name, err)
		}
	}

	// An absent leader states a position and commits late: that is how
	// disagree-and-commit works, and it goes on the decision's own record.
	pmm := f.pod.Leaders[2].ID
	if _, err := db.StatePosition(ctx, d.ID, pmm, data.PositionDisagree, "Margins on small merchants"); err != nil {
		t.Fatalf("late position: %v", err)
	}
	if _, err := db.RecordCommitment(ctx, d.ID, pmm, data.DisagreeAndCommit); err != nil {
		t.Fatalf("late commitment: %v", err)
	}

	// Reopening needs who and why, and is on record.
	if err := db.ReopenMeeting(ctx, f.meeting.ID, mins(90), "José Ñúñez", ""); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("reopen without a reason: %v", err)
	}
	if err := db.ReopenMeeting(ctx, f.meeting.ID, mins(90), "José Ñúñez", "The PMM's answer was missing"); err != nil {
		t.Fatal(err)
	}
	es, err := db.MeetingHistory(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := es[len(es)-1]
	if len(es) != 3 || es[1].Kind != "closed" || es[1].By != "José Ñúñez" || last.Kind != "reopened" ||
		last.By != "José Ñúñez" || last.Reason != "The PMM's answer was missing" || !last.At.Equal(mins(90)) {
		t.Errorf("history = %+v", es)
	}
	if _, err := db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseAccepted}); err != nil {
		t.Errorf("answer after reopening: %v", err)
	}
}

// The record read for the minutes is the one frozen at close: a deal
// request entered afterwards with an earlier received time, and a late
// commitment, do not reach it. A live record of a draft never writes.
func TestMinutesRecordIsFrozenAtClose(t *testing.T) {
	f, d, _, _, _ := closedFixture(t)
	db := f.db
	before, err := db.MinutesRecord(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if before.FrozenAt.IsZero() || before.Rebuilt || !before.FrozenAt.Equal(mins(58)) {
		t.Fatalf("record frozen at %v (rebuilt %v)", before.FrozenAt, before.Rebuilt)
	}
	backDated := sampleDeal(f.pod.ID, mins(-24*60))
	backDated.Customer = "Back-dated Ltd"
	if _, err := db.CreateDealRequest(ctx, backDated); err != nil {
		t.Fatal(err)
	}
	pmm := f.pod.Leaders[2].ID
	if _, err := db.StatePosition(ctx, d.ID, pmm, data.PositionAgree, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordCommitment(ctx, d.ID, pmm, data.Commit); err != nil {
		t.Fatal(err)
	}
	after, err := db.MinutesRecord(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Deals) != len(before.Deals) || len(before.Deals) != 0 {
		t.Errorf("the frozen record has %d deal requests, want none (%+v)", len(after.Deals), after.Deals)
	}
	if len(after.Decisions) != 2 {
		t.Fatalf("the frozen record has %d decisions, want 2", len(after.Decisions))
	}
	if pv := after.Decisions[0].Perspective(pmm); pv == nil || pv.Commitment != data.CommitmentNone {
		t.Errorf("the late commitment was written into the closed meeting's record: %+v", pv)
	}

	// The next meeting's live record carries it as a late commitment.
	next, err := db.CreateMeeting(ctx, data.Meeting{PodID: f.pod.ID, Date: data.NewDate(2026, 11, 26)})
	if err != nil {
		t.Fatal(err)
	}
	changes := db.changes.Load()
	rec, err := db.MinutesRecord(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if db.changes.Load() != changes {
		t.Error("reading a draft's minutes record wrote to the database")
	}
	if !rec.Preview || len(rec.Run.Items) != 4 || len(rec.Run.Attendees) != 3 {
		t.Errorf("draft preview: preview %v, %d items, %d attendees", rec.Preview, len(rec.Run.Items), len(rec.Run.Attendees))
	}
	if len(rec.LateCommitments) != 1 || rec.LateCommitments[0].Name != "王小明" || rec.LateCommitments[0].Commitment != data.Commit {
		t.Errorf("late commitments = %+v", rec.LateCommitments)
	}
	var attendees int
	if err := db.db.QueryRow(`SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?`, next.ID).Scan(&attendees); err != nil || attendees != 0 {
		t.Errorf("the draft got %d attendees from being read (%v)", attendees, err)
	}

	// A frozen record is never rewritten, even by hand.
	if _, err := db.db.Exec(`UPDATE meeting_records SET body = '{}'`); err == nil {
		t.Error("a frozen record was rewritten")
	}
}

// A meeting closed before records were frozen (an upgraded database) is
// read live and says so; reading it writes nothing.
func TestMeetingClosedBeforeRecordsIsRebuilt(t *testing.T) {
	f, _, _, _, _ := closedFixture(t)
	if _, err := f.db.db.Exec(`DELETE FROM meeting_records`); err != nil {
		t.Fatal(err)
	}
	changes := f.db.changes.Load()
	rec, err := f.db.MinutesRecord(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Rebuilt || !rec.FrozenAt.IsZero() || rec.Run.Meeting.Status != data.MeetingClosed {
		t.Errorf("rebuilt %v, frozen %v", rec.Rebuilt, rec.FrozenAt)
	}
	if f.db.changes.Load() != changes {
		t.Error("reading wrote")
	}
}

// A write reached through the read-only path fails instead of changing the file.
func TestReadTransactionRefusesWrites(t *testing.T) {
	db := openTemp(t)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meeting_events (meeting_id, kind, at) VALUES (1, 'started', '2026-01-01T00:00:00.000Z')`)
		return err
	})
	if err == nil {
		t.Fatal("a write inside a read-only transaction succeeded")
	}
}

// A pod gets the machine's zone when created without one, and keeps its
// zone when a caller that does not know zones saves it.
func TestPodTimeZone(t *testing.T) {
	db := openTemp(t)
	p := samplePod("Payments")
	p.TimeZone = "Europe/Berlin"
	p, err := db.CreatePod(ctx, p)
	if err != nil || p.TimeZone != "Europe/Berlin" {
		t.Fatalf("created %q, %v", p.TimeZone, err)
	}
	p.TimeZone = ""
	if p, err = db.UpdatePod(ctx, p); err != nil || p.TimeZone != "Europe/Berlin" {
		t.Errorf("after a save without a zone: %q, %v", p.TimeZone, err)
	}
	p.TimeZone = "Mars/Olympus"
	if _, err := db.UpdatePod(ctx, p); !errors.Is(err, data.ErrInvalid) {
		t.Errorf("unknown zone: %v", err)
	}
	q, err := db.CreatePod(ctx, samplePod("Lending"))
	if err != nil || q.TimeZone != data.MachineZone() {
		t.Errorf("default zone %q, want the machine's %q (%v)", q.TimeZone, data.MachineZone(), err)
	}
}
