package sync

import (
	"strings"

	"github.com/nats-io/nkeys"
)

// Grant lets whoever holds it take one seat in one pod: the facilitator
// signs it into an invitation (the Tech Lead, for a delegate). Nonce makes
// each grant single-use: a replica refuses a second join with the same one.
type Grant struct {
	Team      string `json:"team"`
	Pod       string `json:"pod"`
	Seat      Seat   `json:"seat"`
	Nonce     string `json:"nonce"`
	Issuer    string `json:"issuer"` // public key of the member who granted it
	Signature []byte `json:"sig"`
}

func (g Grant) canonical() []byte {
	return []byte(strings.Join([]string{"triad-grant/1", g.Team, g.Pod, string(g.Seat), g.Nonce, g.Issuer}, "\n"))
}

// NewGrant is a grant of seat in pod, signed by issuer.
func NewGrant(issuer *Key, team, pod string, seat Seat) (Grant, error) {
	g := Grant{Team: team, Pod: pod, Seat: seat, Nonce: NewID(), Issuer: issuer.Public}
	sig, err := issuer.Sign(g.canonical())
	if err != nil {
		return Grant{}, err
	}
	g.Signature = sig
	return g, nil
}

// Allows checks that g grants seat in pod and was signed by a member who
// may hand that seat out: the facilitator, or for a delegate the Tech Lead.
func (g Grant) Allows(m Membership, pod string, seat Seat) error {
	if g.Pod != pod || g.Seat != seat {
		return refuse("the grant is for the %s seat of pod %s, not %s of %s", g.Seat, g.Pod, seat, pod)
	}
	pub, err := nkeys.FromPublicKey(g.Issuer)
	if err != nil || pub.Verify(g.canonical(), g.Signature) != nil {
		return refuse("the grant's signature does not match its issuer")
	}
	if seat == SeatDelegate {
		if !m.Holds(g.Issuer, SeatTechLead) {
			return refuse("only the Tech Lead names delegates")
		}
		return nil
	}
	if !m.Holds(g.Issuer, SeatFacilitator) {
		return refuse("only the pod's facilitator hands out seats")
	}
	return nil
}
