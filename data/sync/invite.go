package sync

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// RefusedEvent is an event a replica refused, with why.
type RefusedEvent struct {
	Event  Event
	Reason string
	At     time.Time
}

// PodCard is what an invitee's Triad needs to make the pod it joins.
type PodCard struct {
	UID         string       `json:"uid"`
	Name        string       `json:"name"`
	MeetingDay  int          `json:"meeting_day"`
	MeetingTime int          `json:"meeting_time"` // minutes after midnight
	TimeZone    string       `json:"time_zone,omitempty"`
	Leaders     []LeaderCard `json:"leaders"`
}

// LeaderCard is one of the pod's three seats as the pod's form has it.
type LeaderCard struct {
	Role  string `json:"role"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// Invitation is what the facilitator hands an invitee: the hub, the pod,
// the seat, the single-use grant for it, and the members the facilitator
// knows, so the invitee's replica can check the others' events.
type Invitation struct {
	Team    string   `json:"team"`
	Hub     string   `json:"hub"`
	Pod     PodCard  `json:"pod"`
	Seat    Seat     `json:"seat"`
	Grant   Grant    `json:"grant"`
	Members []Member `json:"members"`
}

const invitePrefix = "triad-invite-1."

// Encode is the invitation as one line of text to paste or mail.
func (i Invitation) Encode() (string, error) {
	b, err := json.Marshal(i)
	if err != nil {
		return "", err
	}
	return invitePrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// DecodeInvitation reads Encode's text, checking that it hangs together:
// the grant is for the seat and pod it names, and its issuer is among the
// members the invitation lists in a seat that may hand it out.
func DecodeInvitation(s string) (Invitation, error) {
	s = strings.Join(strings.Fields(s), "") // a mail client may have wrapped it
	body, ok := strings.CutPrefix(s, invitePrefix)
	if !ok {
		return Invitation{}, errors.New("this is not a Triad invitation (it starts with " + invitePrefix + ")")
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Invitation{}, errors.New("the invitation is cut short or changed: copy it again whole")
	}
	var inv Invitation
	if err := json.Unmarshal(raw, &inv); err != nil {
		return Invitation{}, fmt.Errorf("the invitation cannot be read: %w", err)
	}
	if err := ValidTeam(inv.Team); err != nil {
		return Invitation{}, err
	}
	if inv.Hub == "" || inv.Pod.UID == "" || inv.Pod.Name == "" {
		return Invitation{}, errors.New("the invitation names no hub or pod")
	}
	if inv.Grant.Team != inv.Team {
		return Invitation{}, errors.New("the invitation's grant is for another team")
	}
	if err := inv.Grant.Allows(Membership{Pod: inv.Pod.UID, Members: inv.Members}, inv.Pod.UID, inv.Seat); err != nil {
		return Invitation{}, fmt.Errorf("the invitation does not hold: %w", err)
	}
	return inv, nil
}
