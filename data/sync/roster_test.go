package sync

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRosterSeatsOnlyWhatTheFacilitatorApproves(t *testing.T) {
	const pod = "01JPOD"
	fac, tl, pm, rep, stranger := mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t)
	r := NewRoster("acme")
	if r.Access(fac.Public).Known() {
		t.Fatal("a key is known before anything happened")
	}
	shared := signed(t, fac, pod, KindPodShared, mustJSON(t, PodSharedPayload{Seats: []Seat{SeatFacilitator}, Name: "Dan"}))
	if got := r.Take(shared); !reflect.DeepEqual(got, []string{fac.Public}) {
		t.Fatalf("sharing changed %v", got)
	}
	// A second founder of the same pod is not taken.
	r.Take(signed(t, stranger, pod, KindPodShared, mustJSON(t, PodSharedPayload{Seats: []Seat{SeatFacilitator}})))
	if r.Access(stranger.Public).Known() {
		t.Fatal("a second founder of the pod was seated")
	}

	ask := func(k *Key, seat Seat) (Event, Grant) {
		g, err := NewGrant(fac, "acme", pod, seat)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Admits(g); err != nil {
			t.Fatalf("a fresh grant is not admitted: %v", err)
		}
		ev := signed(t, k, pod, KindJoinAsked, mustJSON(t, JoinPayload{Seat: seat, Name: "x", Grant: g}))
		r.Take(ev)
		return ev, g
	}
	answer := func(by *Key, kind Kind, ev Event, k *Key, seat Seat, g Grant) Event {
		return signed(t, by, pod, kind, mustJSON(t, JoinDecision{Request: ev.ID, Key: k.Public, Seat: seat, Grant: g}))
	}
	tlAsk, tlGrant := ask(tl, SeatTechLead)
	if a := r.Access(tl.Public); len(a.Seats) != 0 || !reflect.DeepEqual(a.Asking, []string{pod}) {
		t.Fatalf("an asking invitee: %+v", a)
	}
	if r.Admits(tlGrant) == nil {
		t.Fatal("a grant already asked with is admitted again")
	}
	// Forged answers: by the invitee itself, and by a member who is not the facilitator.
	r.Take(answer(tl, KindJoinApproved, tlAsk, tl, SeatTechLead, tlGrant))
	if len(r.Access(tl.Public).Seats) != 0 {
		t.Fatal("an invitee approved itself")
	}
	r.Take(answer(fac, KindJoinApproved, tlAsk, tl, SeatTechLead, tlGrant))
	if a := r.Access(tl.Public); !reflect.DeepEqual(a.Seats[pod], []Seat{SeatTechLead}) || len(a.Asking) != 0 {
		t.Fatalf("after the facilitator's approval: %+v", a)
	}
	pmAsk, pmGrant := ask(pm, SeatProduct)
	r.Take(answer(tl, KindJoinApproved, pmAsk, pm, SeatProduct, pmGrant)) // a Tech Lead approving a PM
	if len(r.Access(pm.Public).Seats) != 0 {
		t.Fatal("a join approved by the Tech Lead seated the PM")
	}
	r.Take(answer(fac, KindJoinRefused, pmAsk, pm, SeatProduct, pmGrant))
	r.Take(answer(fac, KindJoinApproved, pmAsk, pm, SeatProduct, pmGrant)) // a refusal stands
	if a := r.Access(pm.Public); len(a.Seats) != 0 || !reflect.DeepEqual(a.Refused, []string{pod}) {
		t.Fatalf("a refused invitee: %+v", a)
	}
	// The same grant by another key: not seated.
	repAsk := signed(t, rep, pod, KindJoinAsked, mustJSON(t, JoinPayload{Seat: SeatTechLead, Grant: tlGrant}))
	r.Take(repAsk)
	r.Take(answer(fac, KindJoinApproved, repAsk, rep, SeatTechLead, tlGrant))
	if r.Access(rep.Public).Known() {
		t.Fatal("a used invitation seated a second key")
	}
	if a := r.Access(fac.Public); !reflect.DeepEqual(a.Approver, []string{pod}) {
		t.Fatalf("the facilitator: %+v", a)
	}
}

func TestNextJoinIsSingleUse(t *testing.T) {
	const a, b = "UA", "UB"
	cases := []struct {
		cur  JoinState
		kind Kind
		key  string
		want JoinState
		ok   bool
	}{
		{JoinNone, KindJoinAsked, a, JoinAsked, true},
		{JoinAsked, KindJoinAsked, a, JoinAsked, true},
		{JoinAsked, KindJoinAsked, b, JoinAsked, false},
		{JoinAsked, KindJoinApproved, a, JoinApproved, true},
		{JoinNone, KindJoinApproved, a, JoinApproved, true}, // the answer may arrive first
		{JoinAsked, KindJoinRefused, a, JoinRefused, true},
		{JoinRefused, KindJoinApproved, a, JoinRefused, false},
		{JoinApproved, KindJoinRefused, a, JoinApproved, false},
		{JoinApproved, KindJoinApproved, b, JoinApproved, false},
	}
	for _, c := range cases {
		got, why := NextJoin(c.cur, a, c.kind, c.key)
		if got != c.want || (why == "") != c.ok {
			t.Errorf("%q + %s by %s: %q, %q", c.cur, c.kind, c.key, got, why)
		}
	}
}

func TestJoinEventsCarryTheInviteeInTheirSubject(t *testing.T) {
	fac, tl := mustKey(t), mustKey(t)
	g, _ := NewGrant(fac, "acme", "01JPOD", SeatTechLead)
	ask := signed(t, tl, "01JPOD", KindJoinAsked, mustJSON(t, JoinPayload{Seat: SeatTechLead, Grant: g}))
	ok := signed(t, fac, "01JPOD", KindJoinApproved, mustJSON(t, JoinDecision{Key: tl.Public, Seat: SeatTechLead, Grant: g}))
	for _, ev := range []Event{ask, ok} {
		if !strings.HasSuffix(ev.Subject(), "."+tl.Public) || !strings.HasPrefix(ev.Subject(), "triad.acme.01JPOD.member.") {
			t.Errorf("%s: subject %s", ev.Kind, ev.Subject())
		}
	}
	back, err := ParseGrantToken(g.Token())
	if err != nil || !reflect.DeepEqual(back, g) || strings.ContainsAny(g.Token(), " \n") {
		t.Fatalf("token round trip: %v", err)
	}
}
