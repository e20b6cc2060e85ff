package data

import (
	"strings"
	"testing"
	"time"
)

func TestCheckStateRule(t *testing.T) {
	rule := DealRule{Threshold: Dollars(50_000), SLA: 24 * time.Hour, Currency: "USD"}
	cases := []struct {
		value    Money
		newFeat  bool
		state    DealState
		wantBad  bool
		wantText string
	}{
		{Dollars(50_000), true, DealPending, true, "$50,000 is not above its threshold of $50,000"},
		{Dollars(50_001), true, DealPending, false, ""},
		{Dollars(90_000), false, DealApproved, true, "it needs no new feature"},
		{Dollars(90_000), true, DealNoSignOff, true, "must sign off"},
		{Dollars(10_000), true, DealNoSignOff, false, ""},
		{Dollars(10_000), true, DealWithdrawn, false, ""},
		{Dollars(90_000), true, DealWithdrawn, false, ""},
		{Dollars(90_000), true, "lost", true, "not one of the deal desk's states"},
	}
	for _, c := range cases {
		r := DealRequest{Value: c.value, NeedsNewFeature: c.newFeat, Rule: rule, State: c.state}
		err := r.CheckStateRule()
		if (err != nil) != c.wantBad || err != nil && !strings.Contains(err.Error(), c.wantText) {
			t.Errorf("%s at %s (new feature %v): %v", c.state, c.value.Format("USD"), c.newFeat, err)
		}
	}
}

// A recorded check judged again from its own figures: 19.99% against 20%
// is close, never rounded up to on target.
func TestJudgeFromFigures(t *testing.T) {
	cases := []struct {
		m, total Effort
		quota    Percent
		band     DebtBand
		ratio    Percent
		short    Effort
	}{
		{1999, 10000, 2000, BandClose, 1999, 2},
		{2000, 10000, 2000, BandOnTarget, 2000, 0},
		{1000, 10000, 2000, BandOffTarget, 1000, 1250},
		{0, 0, 2000, BandNoPlan, 0, 0},
	}
	for _, c := range cases {
		dc := DebtCheck{Maintenance: c.m, Total: c.total, Quota: c.quota, Band: BandOnTarget, Ratio: 9999}
		dc.Judge()
		if dc.Band != c.band || dc.Ratio != c.ratio || dc.Shortfall != c.short {
			t.Errorf("%d/%d against %s: %s %s short %d", c.m, c.total, c.quota.Format(), dc.Band, dc.Ratio.Format(), dc.Shortfall)
		}
	}
	full := DebtCheck{Maintenance: 5, Total: 10, Quota: 10000}
	full.Judge()
	if !full.Unreachable || full.Shortfall != 5 {
		t.Errorf("a 100%% quota with features planned: %+v", full)
	}
}

func TestMeetingCheckTimes(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		m     Meeting
		field string
	}{
		{Meeting{Status: MeetingDraft}, ""},
		{Meeting{Status: MeetingDraft, StartedAt: at}, "status"},
		{Meeting{Status: MeetingInProgress, StartedAt: at}, ""},
		{Meeting{Status: MeetingInProgress}, "started_at"},
		{Meeting{Status: MeetingClosed, StartedAt: at, EndedAt: at.Add(time.Hour)}, ""},
		{Meeting{Status: MeetingClosed, StartedAt: at}, "ended_at"},
		{Meeting{Status: MeetingClosed, StartedAt: at, EndedAt: at.Add(-time.Hour)}, "ended_at"},
		{Meeting{Status: "cancelled"}, "status"},
	}
	for _, c := range cases {
		err := c.m.CheckTimes()
		got := ""
		if err != nil {
			got = err.(*ValidationError).Problems[0].Field
		}
		if got != c.field {
			t.Errorf("%+v: problem on %q, want %q (%v)", c.m, got, c.field, err)
		}
	}
}

func TestCheckCopiedName(t *testing.T) {
	for value, want := range map[string]string{
		"Priya Raman":        "",
		"":                   "needs a name",
		"   ":                "needs a name",
		"Priya\n":            "invisible control characters",
		"Priya \u202e":       "invisible control characters",
		"Pri\u200bya":        "invisible control characters",
		"王小明":                "",
		string([]byte{0xff}): "not valid text",
	} {
		err := CheckCopiedName("name", "The owner", value, true)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%q: %v, want %q", value, err, want)
		}
	}
	if err := CheckCopiedName("name", "The owner", "", false); err != nil {
		t.Errorf("an optional copy may be empty: %v", err)
	}
}

func TestDecisionCheckLifecycle(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	decided := Decision{ID: 1, State: DecisionDecided, DecidedAt: at, DeciderName: "Daniel Okafor"}
	cases := []struct {
		edit  func(d *Decision)
		field string
	}{
		{func(d *Decision) {}, ""},
		{func(d *Decision) { d.State = DecisionSuperseded }, "superseded_by"},
		{func(d *Decision) { d.State, d.SupersededByID, d.ClosedAt = DecisionSuperseded, 2, at }, ""},
		{func(d *Decision) { d.State, d.ClosedAt = DecisionReversed, at }, "reversed"},
		{func(d *Decision) { d.State, d.ClosedAt, d.ReversedReason = DecisionReversed, at, "The market moved" }, ""},
		{func(d *Decision) { d.State, d.DecidedAt, d.DeciderName = DecisionProposed, time.Time{}, "" }, ""},
		{func(d *Decision) { d.State = DecisionProposed }, "state"},
		{func(d *Decision) { d.SupersedesID = 1 }, "supersedes"},
		{func(d *Decision) { d.DeciderName = "  " }, "decider_name"},
	}
	for i, c := range cases {
		d := decided
		c.edit(&d)
		err := d.CheckLifecycle()
		got := ""
		if err != nil {
			got = err.(*ValidationError).Problems[0].Field
		}
		if got != c.field {
			t.Errorf("case %d: problem on %q, want %q (%v)", i, got, c.field, err)
		}
	}
}

func TestRecordedDealAndCelebration(t *testing.T) {
	r := DealRequest{State: DealApproved}
	if err := r.CheckDecidedAt(); err == nil {
		t.Error("an approved request without its decision time passed")
	}
	r.DecidedAt = time.Now()
	if err := r.CheckDecidedAt(); err != nil {
		t.Error(err)
	}
	c := Celebration{Title: "Instant payouts", Goal: Dollars(1_000_000), Realized: Dollars(999_999), CrossedOn: NewDate(2026, 11, 2), Currency: "USD"}
	if err := c.Validate(); err == nil || err.(*ValidationError).Problems[0].Field != "realized" {
		t.Errorf("a celebration below its goal: %v", err)
	}
	c.Realized = Dollars(1_200_000)
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	if got := ActualSeconds([]Interval{{Start: time.Unix(0, 0), End: time.Unix(90, 0)}, {Start: time.Unix(100, 0)}}); got != 90 {
		t.Errorf("actual seconds %d, want 90 (the open interval does not count)", got)
	}
}

func TestCheckAttendee(t *testing.T) {
	p := NewPod()
	p.ID, p.Name = 1, "Payments"
	p.Leaders[0] = Leader{ID: 7, Role: RoleTechLead, Name: "Priya Raman"}
	for _, c := range []struct {
		a     Attendee
		field string
	}{
		{Attendee{MemberID: 7, Role: RoleTechLead, Name: "Priya Raman"}, ""},
		{Attendee{MemberID: 7, Role: RoleProduct, Name: "Priya Raman"}, "role"},
		{Attendee{MemberID: 8, Role: RoleTechLead, Name: "Priya Raman"}, "member_id"},
		{Attendee{Name: "Lee Chen", GuestRole: "Solutions engineer"}, ""},
		{Attendee{Name: "   "}, "name"},
		{Attendee{Name: "Lee\nChen"}, "name"},
		{Attendee{Name: "Lee Chen", Role: RoleMarketing}, "role"},
	} {
		err := CheckAttendee(c.a, p)
		got := ""
		if err != nil {
			got = err.(*ValidationError).Problems[0].Field
		}
		if got != c.field {
			t.Errorf("%+v: problem on %q, want %q (%v)", c.a, got, c.field, err)
		}
	}
}

func TestCheckHistory(t *testing.T) {
	received := DealEvent{To: DealPending}
	approved := DealEvent{From: DealPending, To: DealApproved}
	cases := []struct {
		state  DealState
		events []DealEvent
		at     int
		field  string
	}{
		{DealApproved, []DealEvent{received, approved}, -1, ""},
		{DealPending, []DealEvent{received}, -1, ""},
		{DealPending, nil, -1, "state"},
		{DealApproved, []DealEvent{approved}, 0, "from_state"},
		{DealApproved, []DealEvent{received, {From: DealChangesRequested, To: DealApproved}}, 1, "from_state"},
		{DealWithdrawn, []DealEvent{received, approved}, -1, "state"},
	}
	for i, c := range cases {
		at, err := DealRequest{State: c.state}.CheckHistory(c.events)
		field := ""
		if err != nil {
			field = err.(*ValidationError).Problems[0].Field
		}
		if at != c.at || field != c.field {
			t.Errorf("case %d: line %d, field %q (%v); want line %d, field %q", i, at, field, err, c.at, c.field)
		}
	}
}

func TestMeetingCheckEvents(t *testing.T) {
	ev := func(kinds ...string) []MeetingEvent {
		var es []MeetingEvent
		for _, k := range kinds {
			es = append(es, MeetingEvent{Kind: k})
		}
		return es
	}
	cases := []struct {
		status MeetingStatus
		events []MeetingEvent
		ok     bool
	}{
		{MeetingDraft, nil, true},
		{MeetingDraft, ev("started"), false},
		{MeetingInProgress, ev("started"), true},
		{MeetingInProgress, ev("started", "closed", "reopened"), true},
		{MeetingInProgress, ev("started", "closed"), false},
		{MeetingClosed, ev("closed"), true},
		{MeetingClosed, ev("started", "closed", "reopened", "closed"), true},
		{MeetingClosed, nil, false},
	}
	for _, c := range cases {
		if err := (Meeting{Status: c.status}).CheckEvents(c.events); (err == nil) != c.ok {
			t.Errorf("%s after %v: %v", c.status, c.events, err)
		}
	}
}
