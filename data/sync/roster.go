package sync

import (
	"encoding/json"
	"sort"
)

// Roster is who holds which seat of a team's pods, built from the team's
// own signed events in the order the hub stores them, with the rules
// every replica applies (Verify, Authorize, NextJoin). The hub reads its
// members' permissions from it. It is not safe for concurrent use.
type Roster struct {
	team  string
	pods  map[string]*Membership
	joins map[string]rosterJoin // by grant nonce
}

type rosterJoin struct {
	pod, key string
	state    JoinState
}

// NewRoster is the empty roster of team.
func NewRoster(team string) *Roster {
	return &Roster{team: team, pods: map[string]*Membership{}, joins: map[string]rosterJoin{}}
}

// Take applies ev if it is a pod's sharing or a join's ask or answer that
// passes the rules; any other event, or one that fails them, changes
// nothing. It returns the keys whose access changed.
func (r *Roster) Take(ev Event) []string {
	if ev.Team != r.team || ev.Verify() != nil {
		return nil
	}
	m := r.pods[ev.Pod]
	if m == nil {
		m = &Membership{Pod: ev.Pod}
	}
	switch ev.Kind {
	case KindPodShared, KindJoinAsked, KindJoinApproved, KindJoinRefused:
	default:
		return nil
	}
	if Authorize(*m, ev, Target{}) != nil {
		return nil
	}
	if ev.Kind == KindPodShared {
		var p PodSharedPayload
		_ = json.Unmarshal(ev.Payload, &p) // Authorize read it already
		for _, s := range p.Seats {
			addSeat(m, Member{Key: ev.Signer, Seat: s, Name: p.Name})
		}
		r.pods[ev.Pod] = m
		return []string{ev.Signer}
	}
	nonce, key, seat, name := ev.JoinFacts()
	cur := r.joins[nonce]
	next, why := NextJoin(cur.state, cur.key, ev.Kind, key)
	if why != "" || next == cur.state {
		return nil
	}
	r.joins[nonce] = rosterJoin{pod: ev.Pod, key: key, state: next}
	if next == JoinApproved {
		addSeat(m, Member{Key: key, Seat: seat, Name: name})
	}
	return []string{key}
}

// JoinFacts reads the grant nonce, invitee, seat and name of an
// authorized join event (an ask or an answer).
func (ev Event) JoinFacts() (nonce, key string, seat Seat, name string) {
	if ev.Kind == KindJoinAsked {
		var p JoinPayload
		_ = json.Unmarshal(ev.Payload, &p)
		return p.Grant.Nonce, ev.Signer, p.Seat, p.Name
	}
	var d JoinDecision
	_ = json.Unmarshal(ev.Payload, &d)
	return d.Grant.Nonce, d.Key, d.Seat, d.Name
}

func addSeat(m *Membership, x Member) {
	if !m.Holds(x.Key, x.Seat) {
		m.Members = append(m.Members, x)
	}
}

// Access is what one key may reach of a team's pods.
type Access struct {
	Seats    map[string][]Seat // pod → the seats the key holds in it
	Asking   []string          // pods the key asked to join, not answered yet
	Refused  []string          // pods whose facilitator refused the key
	Approver []string          // pods where the key may answer some join
}

// Known reports whether the key has anything to do with the team.
func (a Access) Known() bool { return len(a.Seats) > 0 || len(a.Asking) > 0 || len(a.Refused) > 0 }

// Access is what key may reach now.
func (r *Roster) Access(key string) Access {
	a := Access{Seats: map[string][]Seat{}}
	for pod, m := range r.pods {
		if seats := m.SeatsOf(key); len(seats) > 0 {
			a.Seats[pod] = seats
			if m.Holds(key, SeatFacilitator) || m.Holds(key, SeatTechLead) {
				a.Approver = append(a.Approver, pod)
			}
		}
	}
	for _, j := range r.joins {
		if j.key != key {
			continue
		}
		switch j.state {
		case JoinAsked:
			a.Asking = append(a.Asking, j.pod)
		case JoinRefused:
			a.Refused = append(a.Refused, j.pod)
		}
	}
	sort.Strings(a.Asking)
	sort.Strings(a.Refused)
	sort.Strings(a.Approver)
	return a
}

// Admits checks a grant an invitee shows before its ask reached the hub:
// it is for this team, signed by one who may hand out its seat in a pod
// the roster knows, and not used yet.
func (r *Roster) Admits(g Grant) error {
	if g.Team != r.team {
		return refuse("the grant is for another team")
	}
	m := r.pods[g.Pod]
	if m == nil {
		return refuse("the grant is for a pod this hub does not know")
	}
	if j, ok := r.joins[g.Nonce]; ok && j.state != JoinNone {
		return refuse("the invitation was used already")
	}
	return g.Allows(*m, g.Pod, g.Seat)
}
