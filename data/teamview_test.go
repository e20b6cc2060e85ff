package data

import "testing"

func TestOnlyTheFacilitatorOrThePMEditsASharedMeetingRecord(t *testing.T) {
	pod := func(seats ...TeamSeat) TeamOverview {
		return TeamOverview{Pods: []TeamPod{{UID: "p1", Seats: seats}}}
	}
	for _, c := range []struct {
		name string
		o    TeamOverview
		uid  string
		want bool
	}{
		{"a pod not shared", pod(TeamSeat{Seat: "tech_lead", Mine: true}), "p2", true},
		{"the facilitator", pod(TeamSeat{Seat: "facilitator", Mine: true}), "p1", true},
		{"the PM", pod(TeamSeat{Seat: "tech_lead", Mine: true}, TeamSeat{Seat: "product_manager", Mine: true}), "p1", true},
		{"the Tech Lead", pod(TeamSeat{Seat: "tech_lead", Mine: true}, TeamSeat{Seat: "facilitator"}), "p1", false},
		{"a rep", pod(TeamSeat{Seat: "rep", Mine: true}), "p1", false},
		{"a pod with no global id", pod(TeamSeat{Seat: "rep", Mine: true}), "", true},
	} {
		if got := c.o.EditsMeetingRecord(c.uid); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestOnlyTheTechLeadOrADelegateDecidesASharedPodsDeals(t *testing.T) {
	pod := func(seats ...TeamSeat) TeamOverview {
		return TeamOverview{Pods: []TeamPod{{UID: "p1", Seats: seats}}}
	}
	for _, c := range []struct {
		name string
		o    TeamOverview
		uid  string
		want bool
	}{
		{"a pod not shared", pod(TeamSeat{Seat: "rep", Mine: true}), "p2", true},
		{"the Tech Lead", pod(TeamSeat{Seat: "tech_lead", Mine: true}), "p1", true},
		{"a delegate", pod(TeamSeat{Seat: "delegate", Mine: true}), "p1", true},
		{"the facilitator", pod(TeamSeat{Seat: "facilitator", Mine: true}, TeamSeat{Seat: "tech_lead"}), "p1", false},
		{"a rep", pod(TeamSeat{Seat: "rep", Mine: true}), "p1", false},
	} {
		if got := c.o.DecidesDeals(c.uid); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
