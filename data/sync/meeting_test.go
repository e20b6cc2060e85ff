package sync

import (
	"errors"
	"testing"
)

func TestAuthorizeTheMeetingRecordAndThePodsForm(t *testing.T) {
	const pod = "01JPOD"
	tl, pm, pmm, fac := mustKey(t), mustKey(t), mustKey(t), mustKey(t)
	m := Membership{Pod: pod, Members: []Member{
		{tl.Public, SeatTechLead, "Priya"}, {pm.Public, SeatProduct, "Tom"}, {pmm.Public, SeatMarketing, "Lea"},
		{fac.Public, SeatFacilitator, "Dan"},
	}}
	ownedByTL := Target{ActionOwnerSeat: SeatTechLead}
	cases := []struct {
		name   string
		signer *Key
		kind   Kind
		target Target
		ok     bool
	}{
		{"facilitator creates a meeting", fac, KindMeetingCreated, Target{}, true},
		{"PM closes a meeting", pm, KindMeetingClosed, Target{}, true},
		{"Tech Lead closes a meeting", tl, KindMeetingClosed, Target{}, false},
		{"PMM reopens a meeting", pmm, KindMeetingReopened, Target{}, false},
		{"facilitator re-dates an action", fac, KindActionEdited, ownedByTL, true},
		{"owner re-dates their action", tl, KindActionEdited, ownedByTL, false},
		{"owner ticks their action", tl, KindActionDone, ownedByTL, true},
		{"PM ticks the TL's action", pm, KindActionDone, ownedByTL, true},
		{"PMM ticks the TL's action", pmm, KindActionDone, ownedByTL, false},
		{"PMM ticks a guest's action", pmm, KindActionDone, Target{}, false},
		{"facilitator edits the form", fac, KindPodEdited, Target{}, true},
		{"PM edits the form", pm, KindPodEdited, Target{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Authorize(m, signed(t, c.signer, pod, c.kind, `{}`), c.target)
			var r *Refusal
			if c.ok != (err == nil) || (!c.ok && (!errors.As(err, &r) || r.Reason == "")) {
				t.Fatalf("ok %v, got %v", c.ok, err)
			}
		})
	}
}
