package minutes_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
	"triad/data/sqlite"
)

// recordClock is the store's clock in these tests; each step moves it.
type recordClock struct{ t time.Time }

func (c *recordClock) now() time.Time { return c.t }

// TestMinutesShowTheDealRecordAndCarryOver builds a week on a real store
// and reads its PDF back. Before, the minutes said only "waiting 3 h 16
// min", a resubmitted request was overdue at once, an edit that dropped the
// sign-off left no trace, an approval keyed in by the facilitator read as
// the Tech Lead's own, and nothing said which items carry over.
func TestMinutesShowTheDealRecordAndCarryOver(t *testing.T) {
	ctx := context.Background()
	clock := &recordClock{t: time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := data.NewPod()
	p.Name, p.MeetingDay, p.MeetingTime = "Payments", time.Thursday, 10*60
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Sam Lee", "Sofia Lindqvist"
	p.TimeZone = "UTC" // the minutes print times in the pod's zone
	p.Delegates = []string{"Marta Silva"}
	pod, err := db.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	deal := func(customer string, value int64, received time.Time) data.DealRequest {
		r, err := db.CreateDealRequest(ctx, data.DealRequest{PodID: pod.ID, Customer: customer, Value: data.Dollars(value),
			RepName: "Maya Chen", Features: "SAML single sign-on", NeedsNewFeature: true, ReceivedAt: received})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	// Monday 09:00: three requests arrive.
	globex := deal("Globex", 120_000, clock.t)
	initech := deal("Initech", 90_000, clock.t)
	umbrella := deal("Umbrella", 80_000, clock.t)
	// Hooli came in weeks ago and has waited since.
	hooli := deal("Hooli", 70_000, clock.t.Add(-14*24*time.Hour))
	// Initech goes back to the rep at 11:00 and returns Tuesday 15:00.
	clock.t = clock.t.Add(2 * time.Hour)
	ch, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: initech.ID, Action: data.ActRequestChanges, Comment: "Split SCIM out"})
	if err != nil {
		t.Fatal(err)
	}
	clock.t = time.Date(2026, 11, 17, 15, 0, 0, 0, time.UTC)
	ch.Features = "SAML only"
	if _, err := db.UpdateDealRequest(ctx, ch); err != nil {
		t.Fatal(err)
	}
	// Umbrella's value is lowered under the threshold.
	umbrella.Value = data.Dollars(45_000)
	if _, err := db.UpdateDealRequest(ctx, umbrella); err != nil {
		t.Fatal(err)
	}
	// So is Hooli's, which came in long before this week: the edit is
	// this week's news.
	hooli.NeedsNewFeature = false
	if _, err := db.UpdateDealRequest(ctx, hooli); err != nil {
		t.Fatal(err)
	}
	// The facilitator keys in the Tech Lead's approval of Globex.
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: globex.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}

	// Thursday's meeting: "Pricing" is never reached.
	clock.t = time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 11, 19)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MeetingRun(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: "Pricing", Kind: data.KindTopic, PlannedMinutes: 10}); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	if err := db.StartMeeting(ctx, m.ID, start); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, m.ID, start.Add(40*time.Minute), "Sam Lee"); err != nil {
		t.Fatal(err)
	}

	mm, err := minutes.Assemble(ctx, db, m.ID, minutes.Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := minutes.Render(mm)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("TRIAD_RECORD_PDF"); out != "" {
		os.WriteFile(out, pdf, 0o600)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{
		"Pricing carries over to the next meeting",
		"Received Mon 16 Nov 09:00 UTC",
		"Resubmitted Tue 17 Nov 15:00 UTC Due Wed 18 Nov 15:00 UTC",
		"Sign-off requirement removed by an edit on Tue 17 Nov 15:00 UTC: Value: $80,000 → $45,000",
		"Sign-off requirement removed by an edit on Tue 17 Nov 15:00 UTC: Needs a new feature: yes → no",
		"recorded by Sam Lee for Priya Raman (Tech Lead)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the minutes do not say %q", want)
		}
	}
	for _, r := range mm.DealDesk.Requests {
		// From the resubmission on Tuesday 15:00 to the close on Thursday
		// 10:40, not from Monday's receipt.
		if r.Customer == "Initech" && r.Waiting != 43*time.Hour+40*time.Minute {
			t.Errorf("Initech waited %v, want 43h40m counted from the resubmission", r.Waiting)
		}
	}
	// Generating the minutes twice gives the same bytes.
	again, _ := minutes.Render(mm)
	if string(again) != string(pdf) {
		t.Error("the same minutes rendered to different bytes")
	}
}

// Under each decision taken the minutes count the commitments.
func TestMinutesCountCommitments(t *testing.T) {
	m := minutes.Minutes{Pod: "Payments", Date: data.NewDate(2026, 11, 19), Currency: "USD",
		Decisions: []minutes.Decision{
			{Question: "Ship SSO first?", Chosen: "Yes", Positions: []minutes.Position{
				{Member: "Priya Raman", Stance: minutes.StanceAgree, Commitment: minutes.Commit},
				{Member: "Sam Lee", Stance: minutes.StanceAgree, Commitment: minutes.Commit},
				{Member: "Sofia Lindqvist", Stance: minutes.StanceDisagree, Commitment: minutes.DisagreeAndCommit},
			}},
			{Question: "Drop the legacy API?", Chosen: "In Q2", Positions: []minutes.Position{
				{Member: "Priya Raman", Stance: minutes.StanceAgree, Commitment: minutes.Commit},
				{Member: "Sam Lee", Stance: minutes.StanceAgree, Commitment: minutes.Commit},
				{Member: "Sofia Lindqvist", Stance: minutes.StanceAbstain, Commitment: minutes.CommitmentOutstanding},
			}},
		}}
	pdf, err := minutes.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("TRIAD_RECORD_PDF"); out != "" {
		os.WriteFile(out+".decisions.pdf", pdf, 0o600)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Committed 3/3", "Committed 2/3, waiting on Sofia Lindqvist"} {
		if !strings.Contains(text, want) {
			t.Errorf("the minutes do not say %q", want)
		}
	}
}

// An action re-dated after its meeting closed says so in the next
// meeting's minutes, with who moved it and when.
func TestMinutesShowActionRedatedAfterItsMeeting(t *testing.T) {
	ctx := context.Background()
	clock := &recordClock{t: time.Date(2026, 11, 12, 9, 0, 0, 0, time.UTC)}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := data.NewPod()
	p.Name, p.MeetingDay = "Payments", time.Thursday
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "Sam Lee", "Sofia Lindqvist"
	p.TimeZone = "UTC" // the minutes print times in the pod's zone
	pod, err := db.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	meet := func(day int) data.MeetingRun {
		m, err := db.CreateMeeting(ctx, data.Meeting{PodID: pod.ID, Date: data.NewDate(2026, 11, day)})
		if err != nil {
			t.Fatal(err)
		}
		run, err := db.MeetingRun(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		return run
	}
	w1 := meet(12)
	a, err := db.AddActionItem(ctx, data.ActionItem{MeetingID: w1.Meeting.ID, Text: "Send the SSO estimate",
		OwnerID: w1.Attendees[0].ID, Due: data.NewDate(2026, 11, 16)})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC)
	if err := db.StartMeeting(ctx, w1.Meeting.ID, start); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, w1.Meeting.ID, start.Add(time.Hour), "Sam Lee"); err != nil {
		t.Fatal(err)
	}
	later := data.NewDate(2026, 11, 23)
	if _, err := db.ReviseActionItem(ctx, data.ActionChange{ActionID: a.ID, Due: &later, At: time.Date(2026, 11, 15, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	w2 := meet(19)
	start = time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC)
	if err := db.StartMeeting(ctx, w2.Meeting.ID, start); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, w2.Meeting.ID, start.Add(time.Hour), "Sam Lee"); err != nil {
		t.Fatal(err)
	}
	mm, err := minutes.Assemble(ctx, db, w2.Meeting.ID, minutes.Options{Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := minutes.Render(mm)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	want := "Send the SSO estimate Re-dated from Mon 16 Nov 2026 to Mon 23 Nov 2026 by Sam Lee, Sun 15 Nov 2026"
	if !strings.Contains(text, want) {
		t.Errorf("the minutes do not say %q:\n%s", want, text)
	}
}
