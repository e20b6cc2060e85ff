package sync

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nkeys"
	"github.com/oklog/ulid/v2"
)

// Kind is what an event does.
type Kind string

const (
	KindDealFiled     Kind = "deal.filed"     // a rep files a deal-desk request
	KindDealEdited    Kind = "deal.edited"    // its filer edits (or resubmits) it
	KindDealWithdrawn Kind = "deal.withdrawn" // its filer withdraws it
	KindDealDecided   Kind = "deal.decided"   // signed off, rejected, sent back, reopened
	KindMeetingEdited Kind = "meeting.edited" // the meeting record
	KindPosition      Kind = "decision.position"
	KindCommitment    Kind = "decision.commitment"
	KindDebtAnswer    Kind = "debt.answer"
	// The meeting record and the pod's form: see meeting.go.
	KindMeetingCreated, KindMeetingClosed, KindMeetingReopened Kind = "meeting.created", "meeting.closed", "meeting.reopened"
	KindActionEdited, KindActionDone, KindPodEdited            Kind = "action.edited", "action.done", "pod.edited"
)

// Event is one change, as every replica receives it. Its id is a ULID,
// also used as the message id the hub deduplicates on; the signature is
// the signer's ed25519 signature over Canonical().
type Event struct {
	ID        string          `json:"id"`
	Team      string          `json:"team"`
	Pod       string          `json:"pod"` // the pod's global id
	Kind      Kind            `json:"kind"`
	Payload   json.RawMessage `json:"payload"`
	Clock     HLC             `json:"-"`
	Signer    string          `json:"signer"` // the member's public nkey (U…)
	Signature []byte          `json:"sig"`
}

// wireEvent is Event on the wire: the clock as its sortable text.
type wireEvent struct {
	ID        string          `json:"id"`
	Team      string          `json:"team"`
	Pod       string          `json:"pod"`
	Kind      Kind            `json:"kind"`
	Payload   json.RawMessage `json:"payload"`
	Clock     string          `json:"hlc"`
	Signer    string          `json:"signer"`
	Signature string          `json:"sig"`
}

// MarshalJSON writes the event with its clock as text and the signature in base64.
func (e Event) MarshalJSON() ([]byte, error) {
	return json.Marshal(wireEvent{ID: e.ID, Team: e.Team, Pod: e.Pod, Kind: e.Kind, Payload: e.Payload,
		Clock: e.Clock.String(), Signer: e.Signer, Signature: base64.StdEncoding.EncodeToString(e.Signature)})
}

// UnmarshalJSON reads MarshalJSON's form.
func (e *Event) UnmarshalJSON(b []byte) error {
	var w wireEvent
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	clock, err := ParseHLC(w.Clock)
	if err != nil {
		return err
	}
	sig, err := base64.StdEncoding.DecodeString(w.Signature)
	if err != nil {
		return fmt.Errorf("event %s: signature is not base64: %w", w.ID, err)
	}
	*e = Event{ID: w.ID, Team: w.Team, Pod: w.Pod, Kind: w.Kind, Payload: w.Payload, Clock: clock, Signer: w.Signer, Signature: sig}
	return nil
}

// After reports whether e wins over o for a field both set: the later
// clock, and between equal clocks the larger id, so every replica picks
// the same winner whatever order the two arrive in.
func (e Event) After(o Event) bool { return Later(e.Clock, e.ID, o.Clock, o.ID) }

// Later is After on bare (clock, id) pairs, as a store keeps them.
func Later(c HLC, id string, oc HLC, oid string) bool {
	if c != oc {
		return oc.Less(c)
	}
	return id > oid
}

// isToken reports whether s is 1 to 64 letters, digits, '-' or '_'. A
// loop, not a regular expression: `{1,64}` compiles into 64 copies of the
// class, about half a millisecond of every process's start.
func isToken(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// ValidTeam reports whether name can be a team's name: letters, digits,
// '-' and '_', as it becomes one token of every subject.
func ValidTeam(name string) error {
	if !isToken(name) {
		return fmt.Errorf("team name %q: use 1 to 64 letters, digits, '-' or '_'", name)
	}
	return nil
}

// Subject is where the event is published: triad.<team>.<pod>.<kind>,
// and for a join's ask and answer the invitee's key after that.
func (e Event) Subject() string {
	s := "triad." + e.Team + "." + e.Pod + "." + string(e.Kind)
	if k := e.joiner(); k != "" {
		s += "." + k
	}
	return s
}

// PodSubjects is the filter a member of pod subscribes with.
func PodSubjects(team, pod string) string { return "triad." + team + "." + pod + ".>" }

// NewID is a fresh ULID, for events and for records' global ids.
func NewID() string { return ulid.Make().String() }

// Canonical is the exact bytes the signature covers: a version line, then
// each field on its own line in a fixed order, then the payload compacted.
// Fields other than the payload may not hold a line break (Validate).
func (e Event) Canonical() []byte {
	var b bytes.Buffer
	b.WriteString("triad-event/1\n")
	for _, f := range []string{e.ID, e.Team, e.Pod, string(e.Kind), e.Clock.String(), e.Signer} {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	if err := json.Compact(&b, e.Payload); err != nil {
		b.Write(e.Payload)
	}
	return b.Bytes()
}

// Validate checks the event's shape (not its signature or authority).
func (e Event) Validate() error {
	if _, err := ulid.ParseStrict(e.ID); err != nil {
		return fmt.Errorf("event id %q is not a ULID", e.ID)
	}
	if err := ValidTeam(e.Team); err != nil {
		return err
	}
	if !isToken(e.Pod) {
		return fmt.Errorf("event %s: pod id %q is not a global id", e.ID, e.Pod)
	}
	if !knownKinds[e.Kind] {
		return fmt.Errorf("event %s: unknown kind %q", e.ID, e.Kind)
	}
	if e.Clock.IsZero() {
		return fmt.Errorf("event %s has no clock reading", e.ID)
	}
	if !json.Valid(e.Payload) {
		return fmt.Errorf("event %s: payload is not JSON", e.ID)
	}
	if strings.ContainsAny(e.Signer, "\n\r") || !nkeys.IsValidPublicUserKey(e.Signer) {
		return fmt.Errorf("event %s: signer %q is not a member's public key", e.ID, e.Signer)
	}
	return nil
}

var knownKinds = map[Kind]bool{KindDealFiled: true, KindDealEdited: true, KindDealWithdrawn: true, KindDealDecided: true,
	KindPodShared: true, KindJoinAsked: true, KindJoinApproved: true, KindJoinRefused: true, KindMeetingEdited: true, KindPosition: true, KindCommitment: true, KindDebtAnswer: true,
	KindMeetingCreated: true, KindMeetingClosed: true, KindMeetingReopened: true, KindActionEdited: true, KindActionDone: true, KindPodEdited: true}

// ErrBadSignature is a signature that does not match the event and signer.
var ErrBadSignature = errors.New("the signature does not match the event and its signer")

// Sign sets e's signer to k's public key and signs it.
func (e *Event) Sign(k *Key) error {
	e.Signer = k.Public
	sig, err := k.Sign(e.Canonical())
	if err != nil {
		return fmt.Errorf("signing event %s: %w", e.ID, err)
	}
	e.Signature = sig
	return nil
}

// Verify checks e's shape and that its signature is its signer's.
func (e Event) Verify() error {
	if err := e.Validate(); err != nil {
		return err
	}
	pub, err := nkeys.FromPublicKey(e.Signer)
	if err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	if err := pub.Verify(e.Canonical(), e.Signature); err != nil {
		return ErrBadSignature
	}
	return nil
}

// ErrNotYet marks an event that cannot be applied before another one
// arrives (an edit of a request this replica has not received yet): it is
// delivered again later, never refused.
var ErrNotYet = errors.New("waits for an earlier event")

// Applied says what a replica did with an event it was given.
type Applied int

const (
	EventApplied   Applied = iota // taken, in one transaction
	EventDuplicate                // already taken, refused, or made here: nothing done
	EventRefused                  // failed the signature or the authority check: kept with why
)

// Verification is what checking a laptop's kept events again found: each
// one's signature against its signer, with nothing but the events.
type Verification struct {
	Checked  int      // events whose signature was checked
	Signers  int      // distinct keys that signed them
	Unkept   int      // events taken before their bodies were kept: ids only
	Failures []string // "event ID: why" for each that failed
}
