package sync

import "strings"

// A rep's laptop holds only the deal desk of a pod where the rep holds no
// other seat: the requests, the pod's sharing and form (which carry the
// desk's rules, its threshold and sign-off time) and the approvals that
// say who holds which seat (whose sign-off counts). The pod's meetings,
// decisions and roadmap never reach it: the hub serves a rep only these
// subjects, and a rep's replica does not take any other event.

// DeskOnly reports whether seats give their holder the pod's deal desk
// alone: a sales rep who holds no other seat in the pod.
func DeskOnly(seats []Seat) bool {
	if len(seats) == 0 {
		return false
	}
	for _, s := range seats {
		if s != SeatRep {
			return false
		}
	}
	return true
}

// DeskSubjects are the filters a desk-only member reads pod through, one
// per consumer (a JetStream consumer the hub allows has one filter): the
// deal desk, the pod's sharing and form, and the join approvals.
func DeskSubjects(team, pod string) []string {
	p := "triad." + team + "." + pod + "."
	return []string{p + "deal.>", p + "pod.*", p + string(KindJoinApproved) + ".*"}
}

// DeskPublish is what a desk-only member publishes in pod: its requests.
func DeskPublish(team, pod string) string { return "triad." + team + "." + pod + ".deal.>" }

// DeskKind reports whether a desk-only replica takes events of kind k:
// the deal desk, the pod's sharing and form, and the seats.
func DeskKind(k Kind) bool {
	switch k {
	case KindPodShared, KindPodEdited, KindJoinAsked, KindJoinApproved, KindJoinRefused:
		return true
	}
	return strings.HasPrefix(string(k), "deal.")
}

// DeskOnlyReason is why a desk-only replica did not take an event of
// another kind. Such refusals are forgotten when the member takes another
// seat in the pod, so the events are taken when they come again.
const DeskOnlyReason = "this laptop's member is only a sales rep in this pod: it holds the pod's deal desk, not its meetings, decisions or roadmap"
