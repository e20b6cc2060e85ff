package sync

// The meeting record of a shared pod travels as meeting.* and action.*
// events; the pod's form as pod.edited. Each editable field is
// last-writer-wins on its clock. A close carries what it had seen and the
// record as it closed it, so every replica freezes the same record: an
// edit its laptop made before it took that close, and the close had not
// seen, is refused everywhere (undone where it was already applied).

// FreezeExempt reports whether events of kind k change an action item's
// progress, which goes on after its meeting closes: they are not refused
// by a close.
func FreezeExempt(k Kind) bool { return k == KindActionEdited || k == KindActionDone }

// MeetingRecordKind reports whether k changes a meeting's record.
func MeetingRecordKind(k Kind) bool {
	switch k {
	case KindMeetingCreated, KindMeetingEdited, KindMeetingClosed, KindMeetingReopened, KindActionEdited, KindActionDone:
		return true
	}
	return false
}

func authorizeMeetingPart(m Membership, e Event, t Target) error {
	signer := e.Signer
	switch e.Kind {
	case KindActionDone:
		if m.EditsMeetingRecord(signer) {
			return nil
		}
		if t.ActionOwnerSeat != "" && m.Holds(signer, t.ActionOwnerSeat) {
			return nil
		}
		return refuse("only the action's owner, the facilitator or the Product Manager ticks an action off; the signer holds %s", seatList(m, signer))
	case KindPodEdited:
		if m.Holds(signer, SeatFacilitator) {
			return nil
		}
		return refuse("only the facilitator edits the pod's form; the signer holds %s", seatList(m, signer))
	}
	return refuse("unknown kind %q", e.Kind)
}

// Superseded is a value a synced field held, or was given by an edit that
// lost to a later one: the field's history, the same on every replica.
type Superseded struct {
	Field  string
	Value  string // as JSON: "\"the old notes\"", 15, null
	Event  string
	Clock  HLC
	Signer string
}

// Conflict is part of an event a replica kept from applying while it
// applied the rest: a delete that met a concurrent edit of the record.
type Conflict struct {
	Event  string
	Record string
	Reason string
}
