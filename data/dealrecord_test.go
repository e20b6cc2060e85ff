package data

import (
	"strings"
	"testing"
	"time"
)

func TestSignOffClock(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	h := func(n float64) time.Time { return t0.Add(time.Duration(n * float64(time.Hour))) }
	req := DealRequest{ReceivedAt: t0, Value: Dollars(120_000), NeedsNewFeature: true,
		Rule: DealRule{Threshold: Dollars(50_000), SLA: 24 * time.Hour, Currency: "USD"}}
	received := DealEvent{At: t0, To: DealPending}
	changes := DealEvent{At: h(3), From: DealPending, To: DealChangesRequested}
	resubmit := DealEvent{At: h(40), From: DealChangesRequested, To: DealPending}
	approve := DealEvent{At: h(50), From: DealPending, To: DealApproved}
	reopen := DealEvent{At: h(100), From: DealApproved, To: DealPending}

	cases := []struct {
		name      string
		history   []DealEvent
		now       time.Time
		state     DealState
		start     time.Time
		due       time.Time
		paused    bool
		overdue   bool
		restarted bool
	}{
		{"just received", []DealEvent{received}, h(1), DealPending, t0, h(24), false, false, false},
		{"past due, never answered", []DealEvent{received}, h(24), DealPending, t0, h(24), false, true, false},
		{"with the rep: paused, never overdue", []DealEvent{received, changes}, h(39), DealChangesRequested, t0, h(24), true, false, false},
		{"resubmitted: a fresh round", []DealEvent{received, changes, resubmit}, h(41), DealPending, h(40), h(64), false, false, true},
		{"resubmitted round runs out", []DealEvent{received, changes, resubmit}, h(64), DealPending, h(40), h(64), false, true, true},
		{"seen from before the resubmission", []DealEvent{received, changes, resubmit}, h(20), DealChangesRequested, t0, h(24), true, false, false},
		{"approved in the second round", []DealEvent{received, changes, resubmit, approve}, h(60), DealApproved, h(40), h(64), false, false, true},
		{"reopened: another round", []DealEvent{received, changes, resubmit, approve, reopen}, h(101), DealPending, h(100), h(124), false, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SignOffClock(req, c.history, c.now)
			if got.State != c.state || !got.Start.Equal(c.start) || !got.Due.Equal(c.due) || got.Paused != c.paused ||
				got.Overdue(c.now) != c.overdue || got.Restarted != c.restarted {
				t.Errorf("got %+v overdue=%v; want state %s start %v due %v paused %v overdue %v restarted %v",
					got, got.Overdue(c.now), c.state, c.start, c.due, c.paused, c.overdue, c.restarted)
			}
		})
	}
	// Below the rule there is no clock at all.
	small := req
	small.Value = Dollars(10_000)
	if c := SignOffClock(small, []DealEvent{{At: t0, To: DealNoSignOff}}, h(30)); !c.Due.IsZero() || c.Running() {
		t.Errorf("no sign-off needed, clock = %+v", c)
	}
}

func TestDealChangesAndSignOffFlip(t *testing.T) {
	rule := DealRule{Threshold: Dollars(50_000), SLA: 24 * time.Hour, Currency: "USD"}
	old := DealRequest{Customer: "Acme", Value: Dollars(60_000), NeedsNewFeature: true, Features: "SSO", Rule: rule}
	cases := []struct {
		name    string
		edit    func(*DealRequest)
		changes string
		flip    SignOffChange
	}{
		{"nothing", func(*DealRequest) {}, "", SignOffUnchanged},
		{"below the threshold", func(r *DealRequest) { r.Value = Dollars(40_000) }, "Value: $60,000 → $40,000", SignOffDropped},
		{"exactly at the threshold", func(r *DealRequest) { r.Value = Dollars(50_000) }, "Value: $60,000 → $50,000", SignOffDropped},
		{"no new feature after all", func(r *DealRequest) { r.NeedsNewFeature = false }, "Needs a new feature: yes → no", SignOffDropped},
		{"still above", func(r *DealRequest) { r.Value = Dollars(70_000); r.Customer = "Acme Corp" },
			"Customer: Acme → Acme Corp; Value: $60,000 → $70,000", SignOffUnchanged},
		{"terms added", func(r *DealRequest) { r.Terms = "net 60" }, "Terms: (empty) → net 60", SignOffUnchanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ed := old
			c.edit(&ed)
			cs := DealChanges(old, ed)
			if got := ChangesText(cs); got != c.changes {
				t.Errorf("changes = %q, want %q", got, c.changes)
			}
			if got := SignOffChangeOf(old, ed); got != c.flip {
				t.Errorf("flip = %q, want %q", got, c.flip)
			}
			if back := ChangesText(DecodeChanges(EncodeChanges(cs))); back != c.changes {
				t.Errorf("stored and read back: %q", back)
			}
		})
	}
	// Raising a small request over the threshold adds the requirement.
	small := old
	small.Value = Dollars(10_000)
	big := small
	big.Value = Dollars(90_000)
	if got := SignOffChangeOf(small, big); got != SignOffAdded {
		t.Errorf("raised over the threshold: %q", got)
	}
	if got := EditComment(DealChanges(small, big), SignOffAdded); !strings.HasSuffix(got, "Sign-off requirement added by an edit.") {
		t.Errorf("comment = %q", got)
	}
}

func TestDealEventWho(t *testing.T) {
	cases := []struct {
		e    DealEvent
		want string
	}{
		{DealEvent{Actor: "Priya Raman (Tech Lead)"}, "Priya Raman (Tech Lead)"},
		{DealEvent{Actor: "Priya Raman (Tech Lead)", RecordedBy: "Sam Lee"}, "recorded by Sam Lee for Priya Raman (Tech Lead)"},
		{DealEvent{Actor: "Marta Silva", OnBehalfOf: "Priya Raman (Tech Lead)"}, "Marta Silva for Priya Raman (Tech Lead)"},
		{DealEvent{Actor: "Marta Silva", OnBehalfOf: "Priya Raman (Tech Lead)", RecordedBy: "Sam Lee"},
			"Marta Silva for Priya Raman (Tech Lead), recorded by Sam Lee"},
	}
	for _, c := range cases {
		if got := c.e.Who(); got != c.want {
			t.Errorf("Who() = %q, want %q", got, c.want)
		}
	}
}

func TestPodDelegatesValidated(t *testing.T) {
	p := NewPod()
	p.Name = "Payments"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "A", "B", "C"
	p.Delegates = []string{"  Marta  Silva ", "", "marta silva"}
	p.Normalize()
	err := p.Validate()
	ve, ok := err.(*ValidationError)
	if !ok || !strings.Contains(ve.For("delegates"), "twice") {
		t.Fatalf("duplicate delegate: %v", err)
	}
	p.Delegates = []string{"Marta Silva"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if name, ok := p.Delegate("MARTA  silva"); !ok || name != "Marta Silva" {
		t.Errorf("Delegate lookup = %q, %v", name, ok)
	}
}
