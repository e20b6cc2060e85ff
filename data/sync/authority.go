package sync

import (
	"encoding/json"
	"fmt"
)

// Seat is what a member is in a pod. A key may hold several seats (a
// Tech Lead who also facilitates).
type Seat string

const (
	SeatTechLead    Seat = "tech_lead"
	SeatProduct     Seat = "product_manager"
	SeatMarketing   Seat = "marketing_manager"
	SeatFacilitator Seat = "facilitator"
	SeatRep         Seat = "rep"      // a sales rep who files deal-desk requests
	SeatDelegate    Seat = "delegate" // signs off deals for the Tech Lead, named by them
)

// Seats lists every seat.
var Seats = []Seat{SeatTechLead, SeatProduct, SeatMarketing, SeatFacilitator, SeatRep, SeatDelegate}

// Valid reports whether s is a known seat.
func (s Seat) Valid() bool {
	for _, v := range Seats {
		if v == s {
			return true
		}
	}
	return false
}

// Label is the seat as people say it ("Tech Lead"); an unknown seat as
// it is written.
func (s Seat) Label() string {
	if l, ok := seatLabels[s]; ok {
		return l
	}
	return string(s)
}

var seatLabels = map[Seat]string{SeatTechLead: "Tech Lead", SeatProduct: "Product Manager",
	SeatMarketing: "Product Marketing Manager", SeatFacilitator: "facilitator", SeatRep: "sales rep",
	SeatDelegate: "the Tech Lead's delegate"}

// Leader reports whether s is one of the Triad's three seats.
func (s Seat) Leader() bool { return s == SeatTechLead || s == SeatProduct || s == SeatMarketing }

// Member is one key holding one seat of a pod.
type Member struct {
	Key  string `json:"key"` // public nkey
	Seat Seat   `json:"seat"`
	Name string `json:"name"`
}

// Membership is who holds which seat in one pod, as this replica knows it.
type Membership struct {
	Pod     string
	Members []Member
}

// Holds reports whether key holds seat in the pod.
func (m Membership) Holds(key string, seat Seat) bool {
	for _, x := range m.Members {
		if x.Key == key && x.Seat == seat {
			return true
		}
	}
	return false
}

// DecidesDeals reports whether key signs off, rejects, sends back or
// reopens the pod's deal requests: its Tech Lead or a delegate they named.
// Authorize applies it to every deal.decided; the window asks it before
// it offers the buttons.
func (m Membership) DecidesDeals(key string) bool {
	return m.Holds(key, SeatTechLead) || m.Holds(key, SeatDelegate)
}

// EditsMeetingRecord reports whether key keeps the pod's meeting record
// (its agenda, notes, clock, actions, close and reopen): the facilitator
// or the Product Manager. Authorize applies it to the meeting's events;
// the window asks it before it offers the record for editing.
func (m Membership) EditsMeetingRecord(key string) bool {
	return m.Holds(key, SeatFacilitator) || m.Holds(key, SeatProduct)
}

// SeatsOf lists the seats key holds.
func (m Membership) SeatsOf(key string) []Seat {
	var out []Seat
	for _, x := range m.Members {
		if x.Key == key {
			out = append(out, x.Seat)
		}
	}
	return out
}

// Refusal is why an event may not be applied. Replicas keep refused
// events with this reason and never apply them.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

func refuse(format string, args ...any) error { return &Refusal{Reason: fmt.Sprintf(format, args...)} }

// Target is what the authority rule needs to know of the record an event
// changes, as this replica holds it.
type Target struct {
	// FiledBy is the key that filed the deal-desk request (empty for a
	// request this replica does not know yet).
	FiledBy string
	// Decider is the decision maker's seat on record (AuthorizeDecision).
	Decider Seat
	// ActionOwnerSeat is the seat of an action item's owner ("" for a guest).
	ActionOwnerSeat Seat
}

// LeaderPayload is the part of a position, commitment or debt answer the
// rule reads: the seat it is recorded for.
type LeaderPayload struct {
	Seat Seat `json:"seat"`
}

// JoinPayload is a member.asked event: the seat asked for and the grant
// that allows the ask, signed by whoever may hand that seat out.
type JoinPayload struct {
	Seat  Seat   `json:"seat"`
	Name  string `json:"name"`
	Grant Grant  `json:"grant"`
}

// Authorize is the authority rule every replica applies to every event,
// its own included, before it takes it:
//
//   - a deal-desk request is filed by one of the pod's reps (or its
//     facilitator, who takes requests from sales), and edited or
//     withdrawn only by the key that filed it;
//   - a request is signed off, rejected, sent back or reopened only by the
//     Tech Lead's key or a delegate the Tech Lead named;
//   - only the facilitator or the Product Manager edits the meeting record
//     (creates, closes, reopens a meeting, edits its action items); an
//     action's owner also ticks it off, and only the facilitator edits
//     the pod's form (see meeting.go);
//   - a leader records only their own position and commitment, and only
//     the Product Marketing Manager answers the debt check;
//   - a pod is shared by its facilitator, once: a later pod.shared only
//     repeats seats its signer holds;
//   - a seat is asked for only with a grant from the facilitator (a
//     delegate: from the Tech Lead) for that seat and pod (see JoinPayload),
//     and taken only when one who may hand it out approves (JoinDecision);
//   - decisions and the roadmap: AuthorizeDecision and AuthorizeRoadmap.
//
// A nil error means the event may be applied; otherwise the error is a
// *Refusal saying why.
func Authorize(m Membership, e Event, t Target) error {
	if e.Pod != m.Pod {
		return refuse("the event is for pod %s, not %s", e.Pod, m.Pod)
	}
	signer := e.Signer
	switch e.Kind {
	case KindDealFiled:
		if m.Holds(signer, SeatRep) || m.Holds(signer, SeatFacilitator) {
			return nil
		}
		return refuse("only the pod's sales reps or its facilitator file deal-desk requests; the signer holds %s", seatList(m, signer))
	case KindDealEdited, KindDealWithdrawn:
		if t.FiledBy == "" {
			return refuse("the request is not known here")
		}
		if signer != t.FiledBy {
			return refuse("only the rep who filed a request edits or withdraws it")
		}
		return nil
	case KindDealDecided:
		if m.DecidesDeals(signer) {
			return nil
		}
		return refuse("only the Tech Lead or a delegate they named signs off a deal; the signer holds %s", seatList(m, signer))
	case KindActionDone, KindPodEdited:
		return authorizeMeetingPart(m, e, t)
	case KindMeetingEdited, KindMeetingCreated, KindMeetingClosed, KindMeetingReopened, KindActionEdited:
		if m.EditsMeetingRecord(signer) {
			return nil
		}
		return refuse("only the facilitator or the Product Manager edits the meeting record; the signer holds %s", seatList(m, signer))
	case KindPosition, KindCommitment, KindDebtAnswer:
		var p LeaderPayload
		if err := json.Unmarshal(e.Payload, &p); err != nil || !p.Seat.Leader() {
			return refuse("the event does not say which leader's answer it is")
		}
		if e.Kind == KindDebtAnswer && p.Seat != SeatMarketing {
			return refuse("only the Product Marketing Manager answers the debt check")
		}
		if !m.Holds(signer, p.Seat) {
			return refuse("a leader records only their own answer: the signer does not hold the %s seat", p.Seat)
		}
		return nil
	case KindDecisionProposed, KindDecisionEdited, KindDecisionCalled, KindDecisionClosed:
		return AuthorizeDecision(m, e, t.Decider)
	case KindRoadmapItem, KindARREntry, KindDebtSnapshot:
		return AuthorizeRoadmap(m, e)
	case KindShared:
		return AuthorizeShared(m, e)
	case KindJoinAsked:
		var p JoinPayload
		if err := json.Unmarshal(e.Payload, &p); err != nil || !p.Seat.Valid() {
			return refuse("the join names no seat")
		}
		return p.Grant.Allows(m, e.Pod, p.Seat)
	case KindJoinApproved, KindJoinRefused:
		return authorizeJoinAnswer(m, e)
	case KindPodShared:
		return authorizePodShared(m, e)
	}
	return refuse("unknown kind %q", e.Kind)
}

func seatList(m Membership, key string) string {
	seats := m.SeatsOf(key)
	if len(seats) == 0 {
		return "no seat in this pod"
	}
	s := ""
	for i, x := range seats {
		if i > 0 {
			s += ", "
		}
		s += string(x)
	}
	return "only: " + s
}

// TeamConfig is a database's team: its name, the hub it syncs through,
// and the public key of the member using this database. No team (the
// zero value) is the single-laptop default.
type TeamConfig struct {
	Team      string
	HubURL    string
	MemberKey string
	Name      string
}
