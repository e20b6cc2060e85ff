package sync

import (
	"encoding/json"
	"sort"
)

// The decision log's and the roadmap's kinds. A leader's position and
// commitment and the PMM's debt answer are KindPosition, KindCommitment
// and KindDebtAnswer (see event.go).
const (
	KindDecisionProposed Kind = "decision.proposed" // a decision is put to the Triad
	KindDecisionEdited   Kind = "decision.edited"   // its question, options, context … change
	KindDecisionCalled   Kind = "decision.called"   // the decision maker makes the call
	KindDecisionClosed   Kind = "decision.closed"   // superseded by a later call, or reversed
	KindRoadmapItem      Kind = "roadmap.item"      // a roadmap item is added or edited
	KindARREntry         Kind = "roadmap.arr"       // realized ARR is booked on a shipped feature
	KindDebtSnapshot     Kind = "debt.snapshot"     // the debt check is frozen into a meeting
	// KindShared carries a record the pod held before it was shared (a
	// decision with its positions, a roadmap item with its ARR, a debt
	// check with its answer), as its facilitator sends it on sharing.
	KindShared Kind = "record.shared"
)

// Validate knows these kinds too (registered here, beside them).
func init() {
	for _, k := range []Kind{KindDecisionProposed, KindDecisionEdited, KindDecisionCalled, KindDecisionClosed,
		KindRoadmapItem, KindARREntry, KindDebtSnapshot, KindShared} {
		knownKinds[k] = true
	}
}

// The types of record a KindShared event carries.
const (
	SharedDecision     = "decision"
	SharedRoadmapItem  = "roadmap_item"
	SharedDebtSnapshot = "debt_snapshot"
)

// RecordPayload is the payload of the decision, roadmap and debt events:
// the record's global id, the fields the change set and, for a leader's
// own answer, the seat it is recorded for (what LeaderPayload reads).
type RecordPayload struct {
	Type   string         `json:"type,omitempty"` // KindShared's: SharedDecision …
	Seat   Seat           `json:"seat,omitempty"`
	Record string         `json:"record"`
	Fields map[string]any `json:"fields,omitempty"`
}

// FieldNames lists the fields p sets, sorted.
func (p RecordPayload) FieldNames() []string {
	out := make([]string, 0, len(p.Fields))
	for f := range p.Fields {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// DeciderField is the field that names a decision's decision maker (a
// leader's seat); the call's fields are the ones only they set.
const DeciderField = "decider"

var callFields = map[string]bool{"state": true, "decided_at": true, "closed_at": true, "reversed_reason": true, "superseded_by": true}

// AuthorizeDecision is the rule for the decision log, given the decision
// maker on record on this replica (empty for a decision it does not hold
// yet, which is the Product Manager's call until they hand it over):
//
//   - any of the three leaders or the facilitator proposes a decision and
//     edits its question, context, options and draft rationale;
//   - only the decision maker makes the call, supersedes or reverses it
//     (the fields state, decided_at, closed_at, reversed_reason,
//     superseded_by), and only they hand the call to another leader;
//   - a proposal names the Product Manager as decision maker unless the
//     Product Manager signs it.
func AuthorizeDecision(m Membership, e Event, decider Seat) error {
	signer := e.Signer
	if !leaderOrFacilitator(m, signer) {
		return refuse("only the pod's leaders or its facilitator change its decisions; the signer holds %s", seatList(m, signer))
	}
	var p RecordPayload
	if err := json.Unmarshal(e.Payload, &p); err != nil || p.Record == "" {
		return refuse("the decision event names no decision")
	}
	if decider == "" {
		decider = SeatProduct
	}
	needsDecider := e.Kind == KindDecisionCalled || e.Kind == KindDecisionClosed
	for f, v := range p.Fields {
		if callFields[f] {
			needsDecider = true
		}
		if f == DeciderField {
			s, _ := v.(string)
			if !Seat(s).Leader() {
				return refuse("the decision maker must be one of the three leaders, not %q", s)
			}
			needsDecider = needsDecider || Seat(s) != decider
		}
	}
	if needsDecider && !m.Holds(signer, decider) {
		return refuse("only the decision maker (the %s) makes, hands over, supersedes or reverses the call; the signer holds %s",
			decider, seatList(m, signer))
	}
	return nil
}

// AuthorizeRoadmap is the rule for the roadmap: items are added and edited,
// and realized ARR is booked, by the Tech Lead (who owns the estimates and
// the maintenance share) or the Product Manager (who owns the features and
// their goals); the debt check is frozen into a meeting by whoever edits
// the meeting record (the facilitator or the PM). The PMM's answer to it
// is KindDebtAnswer, theirs only.
func AuthorizeRoadmap(m Membership, e Event) error {
	signer := e.Signer
	if e.Kind == KindDebtSnapshot {
		if m.Holds(signer, SeatFacilitator) || m.Holds(signer, SeatProduct) {
			return nil
		}
		return refuse("only the facilitator or the Product Manager records the debt check into a meeting; the signer holds %s", seatList(m, signer))
	}
	if m.Holds(signer, SeatTechLead) || m.Holds(signer, SeatProduct) {
		return nil
	}
	return refuse("only the Tech Lead or the Product Manager edits the roadmap; the signer holds %s", seatList(m, signer))
}

// AuthorizeShared is the rule for KindShared: only the pod's facilitator,
// who shares it, vouches for what it held before the team did. A replica
// takes such a record only when it does not hold it yet (it never changes
// one), so a shared event cannot rewrite what the team recorded since.
func AuthorizeShared(m Membership, e Event) error {
	if m.Holds(e.Signer, SeatFacilitator) {
		return nil
	}
	return refuse("only the pod's facilitator sends what the pod held before it was shared; the signer holds %s", seatList(m, e.Signer))
}

func leaderOrFacilitator(m Membership, key string) bool {
	for _, s := range m.SeatsOf(key) {
		if s.Leader() || s == SeatFacilitator {
			return true
		}
	}
	return false
}

// FieldChange is one edit of one field of a synced record, as every
// replica keeps it: the value set, the value it replaced in clock order,
// who set it and when. Every edit stays, the losers of concurrent edits
// included; the record holds the last.
type FieldChange struct {
	Record   string `json:"record"` // the record's global id; '<id>/<seat>' for a leader's own answer on it
	Field    string `json:"field"`
	Value    string `json:"value"`    // as JSON
	Replaced string `json:"replaced"` // as JSON; "" for the first value
	Signer   string `json:"signer"`
	Name     string `json:"-"` // the signer's name in the pod, as this replica knows it
	Clock    HLC    `json:"hlc"`
	Event    string `json:"event"`
	Current  bool   `json:"current"` // the value the record holds
}
