package sqlite

import (
	"errors"
	"strings"
	"testing"
	"time"

	"triad/data"
)

// Lowering a pending request's value below the threshold used to drop the
// sign-off requirement with a history line of just "Edited.". The line now
// says what changed, old and new, and the request carries the flag the
// queue and the minutes show.
func TestDealEditRecordsChangesAndFlagsSignOffDrop(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	r, err := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))
	if err != nil || r.State != data.DealPending {
		t.Fatalf("create: %+v, %v", r, err)
	}
	clock.t = clock.t.Add(30 * time.Minute)
	r.Value = data.Dollars(40_000)
	r.Notes = "Champion: CIO; budget cut"
	ed, err := db.UpdateDealRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if ed.State != data.DealNoSignOff || ed.SignOffChange != data.SignOffDropped || !ed.SignOffChangedAt.Equal(clock.t) {
		t.Errorf("after lowering the value: state %s, flag %q at %v", ed.State, ed.SignOffChange, ed.SignOffChangedAt)
	}
	hist, _ := db.DealHistory(ctx, r.ID)
	last := hist[len(hist)-1]
	want := "Edited: Value: $120,000 → $40,000; Notes: Champion: CIO → Champion: CIO; budget cut. Sign-off requirement removed by an edit."
	if last.Comment != want {
		t.Errorf("history line = %q\nwant %q", last.Comment, want)
	}
	if last.SignOffChange != data.SignOffDropped || len(last.Changes) != 2 || last.Changes[0].Old != "$120,000" || last.Changes[0].New != "$40,000" {
		t.Errorf("history line fields = %+v", last)
	}
	if last.Change() != "Edited · Pending → No sign-off required" {
		t.Errorf("change = %q", last.Change())
	}
	// The flag is on the request in the queue, too.
	qs, _ := db.DealRequests(ctx, data.DealFilter{PodID: pod.ID})
	if len(qs) != 1 || qs[0].SignOffChange != data.SignOffDropped {
		t.Errorf("queue = %+v", qs)
	}
}

// Approvals keyed in at the laptop by someone other than the Tech Lead say
// so, and a delegate is one of the pod's named delegates, not free text.
func TestDealDecisionNamesRecorderAndKnownDelegate(t *testing.T) {
	db, clock, _ := openDealDB(t)
	sp := samplePod("Payments")
	sp.Delegates = []string{"Marta Silva", "Omar Haddad"}
	pod, err := db.CreatePod(ctx, sp)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Pod(ctx, pod.ID); strings.Join(got.Delegates, ", ") != "Marta Silva, Omar Haddad" {
		t.Fatalf("delegates after reading back = %v", got.Delegates)
	}
	r1, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))
	r2, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))

	var ve *data.ValidationError
	_, err = db.DecideDealRequest(ctx, data.DealDecision{RequestID: r1.ID, Action: data.ActApprove, Delegate: "My Friend"})
	if !errors.As(err, &ve) || !strings.Contains(ve.For("delegate"), "Marta Silva, Omar Haddad") {
		t.Fatalf("unknown delegate: %v", err)
	}
	if got, _ := db.DealRequest(ctx, r1.ID); got.State != data.DealPending {
		t.Fatalf("a refused decision changed the request: %s", got.State)
	}
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r1.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r2.ID, Action: data.ActApprove,
		Delegate: "omar  haddad", RecordedBy: "Omar Haddad"}); err != nil {
		t.Fatal(err)
	}
	h1, _ := db.DealHistory(ctx, r1.ID)
	h2, _ := db.DealHistory(ctx, r2.ID)
	if got := h1[len(h1)-1].Who(); got != "recorded by José Ñúñez for Priya Raman (Tech Lead)" {
		t.Errorf("facilitator keying in the Tech Lead's approval: %q", got)
	}
	if got := h2[len(h2)-1].Who(); got != "Omar Haddad for Priya Raman (Tech Lead)" {
		t.Errorf("delegate at the laptop: %q", got)
	}
	// Who records must be someone of the pod.
	r3, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, clock.t.Add(-time.Hour)))
	if _, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r3.ID, Action: data.ActApprove, RecordedBy: "Intern"}); !errors.As(err, &ve) {
		t.Errorf("unknown recorder: %v", err)
	}
}

// A request sent back for changes and resubmitted used to keep its first
// due time, so it was overdue the moment it came back. Its SLA now runs
// afresh from the resubmission, and the clock waited while the rep had it.
func TestResubmittedDealGetsFreshSLA(t *testing.T) {
	db, clock, _ := openDealDB(t)
	pod, _ := db.CreatePod(ctx, samplePod("Payments"))
	received := clock.t.Add(-20 * time.Hour)
	r, _ := db.CreateDealRequest(ctx, sampleDeal(pod.ID, received))
	ch, err := db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActRequestChanges, Comment: "Split SSO from SCIM"})
	if err != nil {
		t.Fatal(err)
	}
	if u := ch.UrgencyAt(clock.t.Add(48 * time.Hour)); u != data.UrgencyNone {
		t.Errorf("a request with the rep shows urgency %v", u)
	}
	clock.t = clock.t.Add(30 * time.Hour) // the rep takes a day and a bit
	ch.Features = "SAML single sign-on only"
	re, err := db.UpdateDealRequest(ctx, ch)
	if err != nil {
		t.Fatal(err)
	}
	wantDue := clock.t.Add(24 * time.Hour)
	if re.State != data.DealPending || !re.DueAt.Equal(wantDue) || !re.SLAStartedAt.Equal(clock.t) {
		t.Fatalf("resubmitted: state %s, due %v (want %v), round from %v", re.State, re.DueAt, wantDue, re.SLAStartedAt)
	}
	if u := re.UrgencyAt(clock.t); u != data.UrgencyOK {
		t.Errorf("just resubmitted, urgency = %v, want OK", u)
	}
	if due := data.RemindersDue(re, clock.t); len(due) != 0 {
		t.Errorf("reminders due at resubmission: %v", due)
	}
	hist, _ := db.DealHistory(ctx, r.ID)
	c := data.SignOffClock(re, hist, clock.t)
	if !c.Restarted || !c.Start.Equal(clock.t) || !c.Due.Equal(re.DueAt) {
		t.Errorf("history replay disagrees with the store: %+v", c)
	}
	// The overdue list of the meeting digest does not hold it.
	dg, _ := db.DealDigest(ctx, pod.ID, received, clock.t.Add(time.Hour))
	if len(dg.Overdue) != 0 {
		t.Errorf("resubmitted request listed overdue: %+v", dg.Overdue)
	}
}
