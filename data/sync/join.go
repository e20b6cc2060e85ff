package sync

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"

	"github.com/nats-io/nkeys"
)

// The events by which a pod's seats are handed out. A seat is never taken
// by the invitee alone: the invitee asks with the grant of its invitation,
// and the facilitator (the Tech Lead, for a delegate) approves or refuses.
const (
	KindPodShared    Kind = "pod.shared"      // the founder's own seats in the pod it shares
	KindJoinAsked    Kind = "member.asked"    // an invitee asks for the seat its grant names
	KindJoinApproved Kind = "member.approved" // the facilitator lets the invitee take it
	KindJoinRefused  Kind = "member.refused"  // the facilitator turns the invitee away
)

// PodSharedPayload is a pod.shared event: the seats its signer holds in the
// pod it shares (the facilitator's, and any it also holds).
type PodSharedPayload struct {
	Seats []Seat `json:"seats"`
	Name  string `json:"name"`
}

// JoinDecision is a member.approved or member.refused event: which ask it
// answers and everything a replica needs to check it without the ask.
type JoinDecision struct {
	Request string `json:"request"` // the ask's event id
	Key     string `json:"key"`     // the invitee's public key
	Seat    Seat   `json:"seat"`
	Name    string `json:"name"`
	Grant   Grant  `json:"grant"`
}

// joiner is the invitee a join event is about: its subject ends with the
// invitee's key, so the hub can let an invitee read its own answer and
// nothing else of the pod.
func (e Event) joiner() string {
	switch e.Kind {
	case KindJoinAsked:
		return e.Signer
	case KindJoinApproved, KindJoinRefused:
		var d JoinDecision
		if json.Unmarshal(e.Payload, &d) == nil && nkeys.IsValidPublicUserKey(d.Key) {
			return d.Key
		}
	}
	return ""
}

// JoinSubjects is the filter of the events about key's join of pod:
// its ask and the facilitator's answer.
func JoinSubjects(team, pod, key string) string {
	return "triad." + team + "." + pod + ".member.*." + key
}

// MayHandOut reports whether key may hand out seat in the pod: the
// facilitator any seat, the Tech Lead a delegate's.
func MayHandOut(m Membership, key string, seat Seat) bool {
	if seat == SeatDelegate {
		return m.Holds(key, SeatTechLead)
	}
	return m.Holds(key, SeatFacilitator)
}

func authorizePodShared(m Membership, e Event) error {
	var p PodSharedPayload
	if err := json.Unmarshal(e.Payload, &p); err != nil || len(p.Seats) == 0 {
		return refuse("the shared pod names no seat")
	}
	hasFacilitator := false
	for _, s := range p.Seats {
		if !s.Valid() {
			return refuse("unknown seat %q", s)
		}
		hasFacilitator = hasFacilitator || s == SeatFacilitator
	}
	if !hasFacilitator {
		return refuse("whoever shares a pod facilitates it")
	}
	if len(m.Members) == 0 {
		return nil // the first to share the pod founds it
	}
	for _, s := range p.Seats {
		if !m.Holds(e.Signer, s) {
			return refuse("the pod is shared already, and the signer does not hold its %s seat", s)
		}
	}
	return nil
}

func authorizeJoinAnswer(m Membership, e Event) error {
	var d JoinDecision
	if err := json.Unmarshal(e.Payload, &d); err != nil || !d.Seat.Valid() || !nkeys.IsValidPublicUserKey(d.Key) {
		return refuse("the answer names no invitee or seat")
	}
	if !MayHandOut(m, e.Signer, d.Seat) {
		return refuse("only the pod's facilitator (the Tech Lead, for a delegate) answers a join; the signer holds %s", seatList(m, e.Signer))
	}
	return d.Grant.Allows(m, e.Pod, d.Seat)
}

// JoinState is how far the join made with one grant has gone.
type JoinState string

const (
	JoinNone     JoinState = ""
	JoinAsked    JoinState = "asked"
	JoinApproved JoinState = "approved"
	JoinRefused  JoinState = "refused"
)

// NextJoin is what an authorized join event does to the join of its grant,
// which is in state cur, asked for by curKey: the next state, or why the
// event is refused. It is the single-use rule the hub and every replica
// apply alike: one invitee per grant, and an answer once given stands.
func NextJoin(cur JoinState, curKey string, kind Kind, key string) (JoinState, string) {
	if cur != JoinNone && key != curKey {
		return cur, "the invitation was used already, by another key"
	}
	switch kind {
	case KindJoinAsked:
		if cur == JoinNone {
			return JoinAsked, ""
		}
		return cur, "" // asked again, or the answer came first: nothing more to do
	case KindJoinApproved:
		if cur == JoinRefused {
			return cur, "the join was refused already"
		}
		return JoinApproved, ""
	case KindJoinRefused:
		if cur == JoinApproved {
			return cur, "the join was approved already"
		}
		return JoinRefused, ""
	}
	return cur, "not a join event"
}

// JoinRequest is an ask waiting for the facilitator's answer, or answered.
type JoinRequest struct {
	Nonce   string // the grant's: one join per grant
	Pod     string
	PodName string
	Key     string
	Seat    Seat
	Name    string
	State   JoinState
	Request string // the ask's event id
	Grant   Grant
}

const grantTokenPrefix = "grant."

// Token is the grant as the invitee shows it to the hub when it connects
// before its ask has reached the hub: one space-free word.
func (g Grant) Token() string {
	b, _ := json.Marshal(g)
	return grantTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ParseGrantToken reads Token's form.
func ParseGrantToken(s string) (Grant, error) {
	body, ok := strings.CutPrefix(s, grantTokenPrefix)
	if !ok {
		return Grant{}, errors.New("not a grant")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Grant{}, err
	}
	var g Grant
	return g, json.Unmarshal(raw, &g)
}
