package sync

import "testing"

// Who may sign off deals and who keeps the meeting record, by the seats a
// member holds, is the rule Authorize applies to those events: the window
// asks the same functions before it offers the buttons.
func TestTheSeatsDecideWhoEditsTheRecordAndWhoDecidesDeals(t *testing.T) {
	const pod = "pod"
	me, other := mustKey(t), mustKey(t)
	for _, c := range []struct {
		name          string
		seats         []Seat
		edits, decide bool
	}{
		{"the facilitator", []Seat{SeatFacilitator}, true, false},
		{"the PM who is also the Tech Lead", []Seat{SeatTechLead, SeatProduct}, true, true},
		{"the Tech Lead", []Seat{SeatTechLead}, false, true},
		{"a delegate", []Seat{SeatDelegate}, false, true},
		{"the PMM", []Seat{SeatMarketing}, false, false},
		{"a rep", []Seat{SeatRep}, false, false},
		{"no seat", nil, false, false},
	} {
		m := Membership{Pod: pod, Members: []Member{{Key: other.Public, Seat: SeatFacilitator}, {Key: other.Public, Seat: SeatTechLead}}}
		for _, s := range c.seats {
			m.Members = append(m.Members, Member{Key: me.Public, Seat: s})
		}
		if got := m.EditsMeetingRecord(me.Public); got != c.edits {
			t.Errorf("%s edits the meeting record: %v, want %v", c.name, got, c.edits)
		}
		if got := m.DecidesDeals(me.Public); got != c.decide {
			t.Errorf("%s decides deals: %v, want %v", c.name, got, c.decide)
		}
		if err := Authorize(m, signed(t, me, pod, KindMeetingEdited, `{}`), Target{}); (err == nil) != c.edits {
			t.Errorf("%s: a meeting edit is refused (%v), but EditsMeetingRecord says %v", c.name, err, c.edits)
		}
		if err := Authorize(m, signed(t, me, pod, KindDealDecided, `{}`), Target{}); (err == nil) != c.decide {
			t.Errorf("%s: a sign-off is refused (%v), but DecidesDeals says %v", c.name, err, c.decide)
		}
	}
}
