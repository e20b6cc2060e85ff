package data

import "testing"

// Who may do what in a shared pod, by the seats this laptop's member holds
// there; a pod the team does not share is this laptop's alone.
func TestTheSeatsDecideWhoEditsTheRecordAndWhoDecidesDeals(t *testing.T) {
	pod := func(seats ...TeamSeat) TeamOverview {
		return TeamOverview{Pods: []TeamPod{{UID: "p1", Seats: seats}}}
	}
	mine := func(seat string) TeamSeat { return TeamSeat{Seat: seat, Mine: true} }
	for _, c := range []struct {
		name          string
		o             TeamOverview
		uid           string
		edits, decide bool
	}{
		{"a pod not shared", pod(mine("rep")), "p2", true, true},
		{"a pod with no global id", pod(mine("rep")), "", true, true},
		{"the facilitator", pod(mine("facilitator"), TeamSeat{Seat: "tech_lead"}), "p1", true, false},
		{"the PM who is also the Tech Lead", pod(mine("tech_lead"), mine("product_manager")), "p1", true, true},
		{"the Tech Lead", pod(mine("tech_lead"), TeamSeat{Seat: "facilitator"}), "p1", false, true},
		{"a delegate", pod(mine("delegate")), "p1", false, true},
		{"a rep", pod(mine("rep")), "p1", false, false},
	} {
		if got := c.o.EditsMeetingRecord(c.uid); got != c.edits {
			t.Errorf("%s edits the meeting record: %v, want %v", c.name, got, c.edits)
		}
		if got := c.o.DecidesDeals(c.uid); got != c.decide {
			t.Errorf("%s decides deals: %v, want %v", c.name, got, c.decide)
		}
	}
}
