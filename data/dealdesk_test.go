package data

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the DST tests must not depend on the machine's zoneinfo
)

func TestNeedsSignOffAtTheBoundaries(t *testing.T) {
	threshold := Dollars(50_000)
	tests := []struct {
		value      string
		newFeature bool
		want       bool
	}{
		{"$50,000.00", true, false}, // exactly at the threshold: no sign-off
		{"$50,000.01", true, true},  // one cent above: sign-off
		{"$49,999.99", true, false},
		{"$1.2M", true, true},
		{"$1.2M", false, false}, // above the threshold but no new feature: none
		{"$50,000.01", false, false},
		{"0", true, false},
	}
	for _, tt := range tests {
		v, err := ParseMoney(tt.value)
		if err != nil {
			t.Fatalf("ParseMoney(%q): %v", tt.value, err)
		}
		if got := NeedsSignOff(v, tt.newFeature, threshold); got != tt.want {
			t.Errorf("NeedsSignOff(%s, new feature %v) = %v, want %v", tt.value, tt.newFeature, got, tt.want)
		}
	}
}

func TestApplyRuleRecordsTheRuleAndDueTime(t *testing.T) {
	received := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	rule := DealRule{Threshold: Dollars(50_000), SLA: 24 * time.Hour, Currency: "USD"}
	tests := []struct {
		name       string
		value      Money
		newFeature bool
		wantDue    time.Time
	}{
		{"needs sign-off", Dollars(120_000), true, received.Add(24 * time.Hour)},
		{"at threshold", Dollars(50_000), true, time.Time{}},
		{"no new feature", Dollars(900_000), false, time.Time{}},
	}
	for _, tt := range tests {
		r := DealRequest{Value: tt.value, NeedsNewFeature: tt.newFeature, ReceivedAt: received}
		r.ApplyRule(rule)
		if !r.DueAt.Equal(tt.wantDue) || r.Rule != rule {
			t.Errorf("%s: due %v rule %+v, want due %v", tt.name, r.DueAt, r.Rule, tt.wantDue)
		}
	}

	// The rule is the request's own: a later, stricter rule for new requests
	// does not change what this one recorded.
	r := DealRequest{Value: Dollars(60_000), NeedsNewFeature: true, ReceivedAt: received}
	r.ApplyRule(rule)
	later := DealRule{Threshold: Dollars(100_000), SLA: 8 * time.Hour, Currency: "USD"}
	if !r.NeedsSignOff() || r.DueAt != received.Add(24*time.Hour) || later == r.Rule {
		t.Errorf("request lost its rule: %+v", r)
	}
}

func TestDueTimeAcrossDaylightSaving(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		received  time.Time
		sla       time.Duration
		wantLocal string // on the New York wall clock
	}{
		// Clocks spring forward at 02:00 on Sun 8 Mar 2026: 24 real hours
		// after 12:00 Saturday is 13:00 Sunday on the wall.
		{"spring forward", time.Date(2026, 3, 7, 12, 0, 0, 0, ny), 24 * time.Hour, "2026-03-08 13:00 EDT"},
		// They fall back at 02:00 on Sun 1 Nov 2026: 11:00 on the wall.
		{"fall back", time.Date(2026, 10, 31, 12, 0, 0, 0, ny), 24 * time.Hour, "2026-11-01 11:00 EST"},
		{"8 h across the jump", time.Date(2026, 3, 7, 22, 0, 0, 0, ny), 8 * time.Hour, "2026-03-08 07:00 EDT"},
	}
	for _, tt := range tests {
		due := DueAt(tt.received, tt.sla)
		if due.Location() != time.UTC {
			t.Errorf("%s: due time is in %v, want UTC", tt.name, due.Location())
		}
		if got := due.Sub(tt.received); got != tt.sla {
			t.Errorf("%s: due %v after receipt, want exactly %v", tt.name, got, tt.sla)
		}
		if got := due.In(ny).Format("2006-01-02 15:04 MST"); got != tt.wantLocal {
			t.Errorf("%s: due %s on the wall, want %s", tt.name, got, tt.wantLocal)
		}
	}
}

func TestDueTimeSurvivesALaptopTimeZoneChange(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	old := time.Local
	t.Cleanup(func() { time.Local = old })

	time.Local = paris
	received := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	r := DealRequest{Value: Dollars(80_000), NeedsNewFeature: true, ReceivedAt: received, State: DealPending}
	r.ApplyRule(DealRule{Threshold: Dollars(50_000), SLA: 24 * time.Hour, Currency: "USD"})
	stored := UTCTime(r.DueAt)
	beforeMove := r.TimeLeft(time.Date(2026, 11, 25, 14, 0, 0, 0, time.Local))

	// The laptop flies to Tokyo: the stored due time and what is left at the
	// same instant are unchanged; only the wall clock shown differs.
	time.Local = tokyo
	back, err := ParseUTCTime(stored)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(received.Add(24*time.Hour)) || stored != "2026-11-26T08:00:00.000Z" {
		t.Errorf("stored due %s reads back as %v", stored, back)
	}
	r.DueAt = back
	sameInstant := time.Date(2026, 11, 25, 14, 0, 0, 0, paris).In(tokyo)
	if got := r.TimeLeft(sameInstant); got != beforeMove || got != "19 h left" {
		t.Errorf("time left after the move = %q, before = %q", got, beforeMove)
	}
	if got := back.Local().Format("15:04"); got != "17:00" {
		t.Errorf("due shown in Tokyo at %s, want 17:00", got)
	}
}

func TestStateMachine(t *testing.T) {
	tests := []struct {
		from   DealState
		action DealAction
		needs  bool
		want   DealState
		ok     bool
	}{
		{DealPending, ActApprove, true, DealApproved, true},
		{DealPending, ActReject, true, DealRejected, true},
		{DealPending, ActRequestChanges, true, DealChangesRequested, true},
		{DealPending, ActWithdraw, true, DealWithdrawn, true},
		{DealChangesRequested, ActResubmit, true, DealPending, true},
		{DealChangesRequested, ActResubmit, false, DealNoSignOff, true},
		{DealChangesRequested, ActWithdraw, true, DealWithdrawn, true},
		{DealNoSignOff, ActWithdraw, false, DealWithdrawn, true},
		// Final states are final…
		{DealApproved, ActReject, true, DealApproved, false},
		{DealApproved, ActApprove, true, DealApproved, false},
		{DealRejected, ActApprove, true, DealRejected, false},
		{DealApproved, ActWithdraw, true, DealApproved, false},
		{DealRejected, ActResubmit, true, DealRejected, false},
		// …unless explicitly reopened.
		{DealApproved, ActReopen, true, DealPending, true},
		{DealRejected, ActReopen, true, DealPending, true},
		{DealWithdrawn, ActReopen, false, DealNoSignOff, true},
		{DealPending, ActReopen, true, DealPending, false},
		{DealNoSignOff, ActApprove, false, DealNoSignOff, false},
		{DealChangesRequested, ActApprove, true, DealChangesRequested, false},
	}
	for _, tt := range tests {
		got, err := NextState(tt.from, tt.action, tt.needs)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s + %s = %s, %v; want %s (ok %v)", tt.from, tt.action, got, err, tt.want, tt.ok)
		}
		if err != nil && (!errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), strings.ToLower(tt.from.Label()))) {
			t.Errorf("%s + %s: message %q should say the request is %s", tt.from, tt.action, err, tt.from.Label())
		}
	}
}

func TestDecisionNeedsAReasonToReject(t *testing.T) {
	tests := []struct {
		d     DealDecision
		field string
	}{
		{DealDecision{RequestID: 1, Action: ActReject, Comment: "  "}, "comment"},
		{DealDecision{RequestID: 1, Action: ActRequestChanges}, "comment"},
		{DealDecision{RequestID: 1, Action: ActReopen}, "comment"},
		{DealDecision{RequestID: 1, Action: ActApprove, Delegate: "a\u202eb"}, "delegate"},
		{DealDecision{RequestID: 1, Action: ActApprove, Comment: strings.Repeat("x", MaxNoteLen+1)}, "comment"},
		{DealDecision{RequestID: 1, Action: ActApprove}, ""},
		{DealDecision{RequestID: 1, Action: ActReject, Comment: "No capacity before Q3"}, ""},
	}
	for _, tt := range tests {
		err := tt.d.Validate()
		var ve *ValidationError
		if tt.field == "" {
			if err != nil {
				t.Errorf("%+v: unexpected %v", tt.d.Action, err)
			}
			continue
		}
		if !errors.As(err, &ve) || ve.For(tt.field) == "" {
			t.Errorf("%s: want a %s problem, got %v", tt.d.Action, tt.field, err)
		}
	}
}

func validRequest(now time.Time) DealRequest {
	return DealRequest{PodID: 1, Customer: "Acme Corp", DealName: "Renewal", Value: Dollars(80_000),
		RepName: "Maya Chen", RepEmail: "maya@example.com", Features: "SAML single sign-on",
		NeedsNewFeature: true, ReceivedAt: now.Add(-time.Hour)}
}

func TestRequestValidation(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		edit  func(*DealRequest)
		field string
	}{
		{"missing customer", func(r *DealRequest) { r.Customer = "" }, "customer"},
		{"negative value", func(r *DealRequest) { r.Value = -1 }, "value"},
		{"future receipt", func(r *DealRequest) { r.ReceivedAt = now.Add(2 * time.Hour) }, "received_at"},
		{"100 KB of features", func(r *DealRequest) { r.Features = strings.Repeat("feature ", 12_800) }, "features"},
		{"no features", func(r *DealRequest) { r.Features = "" }, "features"},
		{"bad email", func(r *DealRequest) { r.RepEmail = "maya.example.com" }, "rep_email"},
		{"no pod", func(r *DealRequest) { r.PodID = 0 }, "pod"},
		{"no rep", func(r *DealRequest) { r.RepName = "" }, "rep_name"},
	}
	if err := validRequest(now).Validate(now); err != nil {
		t.Fatalf("valid request: %v", err)
	}
	for _, tt := range tests {
		r := validRequest(now)
		tt.edit(&r)
		var ve *ValidationError
		if err := r.Validate(now); !errors.As(err, &ve) || ve.For(tt.field) == "" {
			t.Errorf("%s: want a %s problem, got %v", tt.name, tt.field, err)
		} else if len(ve.Problems) != 1 {
			t.Errorf("%s: extra problems %v", tt.name, ve.Problems)
		}
	}
	r := validRequest(now)
	r.Features = strings.Repeat("x", 100_000)
	if err := r.Validate(now); err == nil || !strings.Contains(err.Error(), "too long (100000 characters; at most 5000)") {
		t.Errorf("100 KB message = %v", err)
	}
}

func TestRemindersFireOnceEach(t *testing.T) {
	received := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	r := DealRequest{ID: 7, Value: Dollars(90_000), NeedsNewFeature: true, ReceivedAt: received, State: DealPending}
	r.ApplyRule(DealRule{Threshold: Dollars(50_000), SLA: 10 * time.Hour, Currency: "USD"})

	// A fake clock walks through the SLA a minute at a time; fired records
	// what the caller would persist.
	var fired []string
	for now := received; now.Before(received.Add(13 * time.Hour)); now = now.Add(time.Minute) {
		for _, k := range RemindersDue(r, now) {
			fired = append(fired, now.Sub(received).String()+" "+string(k))
			r.Reminded = append(r.Reminded, k)
		}
	}
	want := []string{"8h0m0s soon", "10h0m0s overdue"}
	if strings.Join(fired, ",") != strings.Join(want, ",") {
		t.Errorf("fired %v, want %v", fired, want)
	}

	// After a restart long past due with nothing recorded, both are due at
	// once; with both recorded, nothing is.
	r.Reminded = nil
	if got := RemindersDue(r, received.Add(30*time.Hour)); len(got) != 2 {
		t.Errorf("after a long absence: %v", got)
	}
	r.Reminded = []ReminderKind{ReminderSoon, ReminderOverdue}
	if got := RemindersDue(r, received.Add(30*time.Hour)); len(got) != 0 {
		t.Errorf("already fired, yet due again: %v", got)
	}

	// Decided or no-sign-off requests are never reminded.
	r.Reminded = nil
	r.State = DealApproved
	if got := RemindersDue(r, received.Add(30*time.Hour)); len(got) != 0 {
		t.Errorf("approved request reminded: %v", got)
	}
}

func TestTimeLeftAndUrgency(t *testing.T) {
	due := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	r := DealRequest{State: DealPending, DueAt: due}
	tests := []struct {
		before time.Duration
		text   string
		urg    Urgency
	}{
		{5*time.Hour + 12*time.Minute + 30*time.Second, "5 h 12 m left", UrgencyOK},
		{4 * time.Hour, "4 h left", UrgencyOK},
		{4*time.Hour - time.Minute, "3 h 59 m left", UrgencySoon},
		{42 * time.Minute, "42 m left", UrgencySoon},
		{20 * time.Second, "under 1 m left", UrgencySoon},
		{0, "overdue by under 1 m", UrgencyOverdue},
		{-3 * time.Hour, "overdue by 3 h", UrgencyOverdue},
		{-(26*time.Hour + 5*time.Minute), "overdue by 1 d 2 h", UrgencyOverdue},
		{30 * time.Hour, "1 d 6 h left", UrgencyOK},
	}
	for _, tt := range tests {
		now := due.Add(-tt.before)
		if got := r.TimeLeft(now); got != tt.text {
			t.Errorf("%v before due: %q, want %q", tt.before, got, tt.text)
		}
		if got := r.UrgencyAt(now); got != tt.urg {
			t.Errorf("%v before due: urgency %d, want %d", tt.before, got, tt.urg)
		}
	}
	r.State = DealApproved
	if r.TimeLeft(due) != "" || r.UrgencyAt(due.Add(time.Hour)) != UrgencyNone {
		t.Error("a decided request still shows a countdown")
	}
}

func TestTotalsAndQueueOrder(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	reqs := []DealRequest{
		{ID: 1, State: DealApproved, Value: Dollars(500_000), Rule: DealRule{Currency: "USD"}, ReceivedAt: now.Add(-50 * time.Hour)},
		{ID: 2, State: DealPending, Value: Dollars(80_000), Rule: DealRule{Currency: "USD"}, DueAt: now.Add(20 * time.Hour), ReceivedAt: now.Add(-4 * time.Hour)},
		{ID: 3, State: DealPending, Value: Dollars(120_000), Rule: DealRule{Currency: "USD"}, DueAt: now.Add(-3 * time.Hour), ReceivedAt: now.Add(-27 * time.Hour)},
		{ID: 4, State: DealPending, Value: Dollars(60_000), Rule: DealRule{Currency: "EUR"}, DueAt: now.Add(2 * time.Hour), ReceivedAt: now.Add(-22 * time.Hour)},
		{ID: 5, State: DealNoSignOff, Value: Dollars(20_000), Rule: DealRule{Currency: "USD"}, ReceivedAt: now.Add(-time.Hour)},
	}
	tot := Totals(reqs, now)
	if tot.Pending != 3 || tot.Overdue != 1 || tot.ARRText() != "€60k + $200k" {
		t.Errorf("totals = %+v (%s)", tot, tot.ARRText())
	}
	SortQueue(reqs)
	var ids []int64
	for _, r := range reqs {
		ids = append(ids, r.ID)
	}
	if got := ids; len(got) != 5 || got[0] != 3 || got[1] != 4 || got[2] != 2 || got[3] != 5 || got[4] != 1 {
		t.Errorf("queue order = %v, want [3 4 2 5 1]", got)
	}
}

func TestDealConcentration(t *testing.T) {
	req := func(customer string, k int64, st DealState, newFeature bool) DealRequest {
		return DealRequest{Customer: customer, Value: Dollars(k * 1000), State: st, NeedsNewFeature: newFeature}
	}
	tests := []struct {
		name  string
		reqs  []DealRequest
		limit Percent
		want  string // customers over the limit
	}{
		{"exactly 40% is fine", []DealRequest{req("Acme", 40, DealApproved, true), req("Globex", 60, DealApproved, true)}, 4000, "Globex"},
		{"spread", []DealRequest{req("Acme", 30, DealApproved, true), req("Globex", 35, DealApproved, true), req("Initech", 35, DealApproved, true)}, 4000, ""},
		{"names match loosely", []DealRequest{req("Acme Corp", 30, DealApproved, true), req("acme  corp", 30, DealApproved, true), req("Globex", 40, DealApproved, true)}, 4000, "Acme Corp"},
		{"pending and rejected do not count", []DealRequest{req("Acme", 900, DealPending, true), req("Acme", 900, DealRejected, true),
			req("Globex", 50, DealApproved, true), req("Initech", 50, DealApproved, true)}, 4000, "Globex,Initech"},
		{"below-threshold feature promises count", []DealRequest{req("Acme", 45, DealNoSignOff, true), req("Globex", 55, DealApproved, true),
			req("Initech", 900, DealNoSignOff, false)}, 6000, ""},
		{"nothing committed", nil, 4000, ""},
	}
	for _, tt := range tests {
		var names []string
		for _, s := range SalesDrivenWarnings(tt.reqs, nil, tt.limit) {
			names = append(names, s.Customer)
		}
		if strings.Join(names, ",") != tt.want {
			t.Errorf("%s: over the limit %v, want %q", tt.name, names, tt.want)
		}
	}
	total, shares := Concentration([]DealRequest{req("Acme", 1, DealApproved, true), req("Globex", 2, DealApproved, true)})
	if total != Dollars(3000) || shares[0].Customer != "Globex" || shares[0].Share != 6666 || shares[1].Share != 3333 {
		t.Errorf("shares = %v of %v", shares, total)
	}
}
