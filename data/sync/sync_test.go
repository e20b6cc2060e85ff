package sync

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	gosync "sync"
	"testing"
	"time"
)

func mustKey(t *testing.T) *Key {
	t.Helper()
	k, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func signed(t *testing.T, k *Key, pod string, kind Kind, payload string) Event {
	t.Helper()
	e := Event{ID: NewID(), Team: "acme", Pod: pod, Kind: kind, Payload: json.RawMessage(payload), Clock: HLC{Wall: 1_700_000_000_000}}
	if err := e.Sign(k); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestClockNeverGoesBackAndPassesWhatItSaw(t *testing.T) {
	at := time.UnixMilli(1000)
	c := NewClock(func() time.Time { return at })
	a := c.Now()
	b := c.Now()
	if !a.Less(b) || b != (HLC{1000, 1}) {
		t.Fatalf("same millisecond: %v then %v", a, b)
	}
	at = time.UnixMilli(500) // the laptop's clock went back
	if d := c.Now(); !b.Less(d) {
		t.Fatalf("clock went back: %v after %v", d, b)
	}
	c.Observe(HLC{Wall: 9000, Logical: 7}) // a replica ahead of us
	if e := c.Now(); e != (HLC{9000, 8}) {
		t.Fatalf("after observing 9000-7: %v", e)
	}
	at = time.UnixMilli(10000)
	if f := c.Now(); f != (HLC{10000, 0}) {
		t.Fatalf("wall clock caught up: %v", f)
	}
}

func TestClockConcurrentReadingsAreUnique(t *testing.T) {
	c := NewClock(nil)
	var mu gosync.Mutex
	seen := map[HLC]bool{}
	var wg gosync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				h := c.Now()
				mu.Lock()
				if seen[h] {
					t.Errorf("reading %v handed out twice", h)
				}
				seen[h] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

func TestHLCTextRoundTripsAndSorts(t *testing.T) {
	cases := []HLC{{0, 1}, {1_700_000_000_000, 0}, {1_700_000_000_000, 65535}}
	for _, h := range cases {
		got, err := ParseHLC(h.String())
		if err != nil || got != h {
			t.Errorf("%v: got %v, %v", h, got, err)
		}
	}
	if !(cases[1].String() < cases[2].String()) || !(cases[0].String() < cases[1].String()) {
		t.Error("text does not sort as the clock")
	}
	for _, bad := range []string{"", "12-3", "000000000000000a-00000", "0000000000000001-0000x", "0000000000000001"} {
		if _, err := ParseHLC(bad); err == nil {
			t.Errorf("ParseHLC(%q) accepted", bad)
		}
	}
}

func TestLaterBreaksTiesByID(t *testing.T) {
	a, b := HLC{5, 0}, HLC{5, 1}
	if !Later(b, "A", a, "Z") || Later(a, "Z", b, "A") {
		t.Error("the later clock must win whatever the ids")
	}
	if !Later(a, "B", a, "A") || Later(a, "A", a, "B") {
		t.Error("equal clocks: the larger id must win")
	}
}

func TestSignVerifyAndEveryTamperedFieldFails(t *testing.T) {
	k, other := mustKey(t), mustKey(t)
	e := signed(t, k, "01JPOD", KindDealFiled, `{"customer": "Acme"}`)
	if err := e.Verify(); err != nil {
		t.Fatalf("fresh event: %v", err)
	}
	// Survives the wire, and re-spaced JSON still verifies (canonical compacts it).
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Verify(); err != nil {
		t.Fatalf("after the wire: %v", err)
	}
	tamper := map[string]func(*Event){
		"id":      func(e *Event) { e.ID = NewID() },
		"team":    func(e *Event) { e.Team = "other" },
		"pod":     func(e *Event) { e.Pod = "01JOTHER" },
		"kind":    func(e *Event) { e.Kind = KindDealDecided },
		"clock":   func(e *Event) { e.Clock.Logical++ },
		"payload": func(e *Event) { e.Payload = json.RawMessage(`{"customer": "Evil"}`) },
		"signer":  func(e *Event) { e.Signer = other.Public },
		"sig":     func(e *Event) { e.Signature[0] ^= 1 },
	}
	for name, f := range tamper {
		c := e
		c.Signature = append([]byte(nil), e.Signature...)
		f(&c)
		if err := c.Verify(); !errors.Is(err, ErrBadSignature) {
			t.Errorf("tampered %s: got %v, want a bad signature", name, err)
		}
	}
}

func TestValidateRefusesMalformedEvents(t *testing.T) {
	k := mustKey(t)
	good := signed(t, k, "01JPOD", KindDealFiled, `{}`)
	bad := map[string]func(*Event){
		"id not a ULID":      func(e *Event) { e.ID = "42" },
		"team with a dot":    func(e *Event) { e.Team = "a.b" },
		"pod with newline":   func(e *Event) { e.Pod = "p\nq" },
		"unknown kind":       func(e *Event) { e.Kind = "deal.deleted" },
		"no clock":           func(e *Event) { e.Clock = HLC{} },
		"payload not JSON":   func(e *Event) { e.Payload = json.RawMessage(`{`) },
		"signer not a key":   func(e *Event) { e.Signer = "nobody" },
		"signer an acct key": func(e *Event) { e.Signer = "A" + k.Public[1:] },
	}
	for name, f := range bad {
		c := good
		f(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestAuthorize(t *testing.T) {
	const pod = "01JPOD"
	tl, pm, pmm, fac, rep, rep2, del, stranger := mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t), mustKey(t)
	m := Membership{Pod: pod, Members: []Member{
		{tl.Public, SeatTechLead, "Priya"}, {pm.Public, SeatProduct, "Tom"}, {pmm.Public, SeatMarketing, "Lea"},
		{fac.Public, SeatFacilitator, "Dan"}, {rep.Public, SeatRep, "Sam"}, {rep2.Public, SeatRep, "Kim"},
		{del.Public, SeatDelegate, "Omar"},
	}}
	facGrant := func(seat Seat) string {
		g, err := NewGrant(fac, "acme", pod, seat)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(JoinPayload{Seat: seat, Grant: g})
		return string(b)
	}
	grantBy := func(k *Key, seat Seat, grantSeat Seat, grantPod string) string {
		g, _ := NewGrant(k, "acme", grantPod, grantSeat)
		b, _ := json.Marshal(JoinPayload{Seat: seat, Grant: g})
		return string(b)
	}
	forged := func() string {
		g, _ := NewGrant(fac, "acme", pod, SeatRep)
		g.Seat = SeatTechLead // re-labelled after signing
		b, _ := json.Marshal(JoinPayload{Seat: SeatTechLead, Grant: g})
		return string(b)
	}()
	filed := Target{FiledBy: rep.Public}
	cases := []struct {
		name    string
		signer  *Key
		kind    Kind
		payload string
		target  Target
		pod     string
		ok      bool
	}{
		{"rep files", rep, KindDealFiled, `{}`, Target{}, pod, true},
		{"facilitator files", fac, KindDealFiled, `{}`, Target{}, pod, true},
		{"PM files", pm, KindDealFiled, `{}`, Target{}, pod, false},
		{"stranger files", stranger, KindDealFiled, `{}`, Target{}, pod, false},
		{"rep edits own", rep, KindDealEdited, `{}`, filed, pod, true},
		{"other rep edits", rep2, KindDealEdited, `{}`, filed, pod, false},
		{"rep withdraws own", rep, KindDealWithdrawn, `{}`, filed, pod, true},
		{"other rep withdraws", rep2, KindDealWithdrawn, `{}`, filed, pod, false},
		{"Tech Lead withdraws rep's", tl, KindDealWithdrawn, `{}`, filed, pod, false},
		{"edit of an unknown request", rep, KindDealEdited, `{}`, Target{}, pod, false},
		{"Tech Lead signs off", tl, KindDealDecided, `{}`, filed, pod, true},
		{"delegate signs off", del, KindDealDecided, `{}`, filed, pod, true},
		{"PM signs off", pm, KindDealDecided, `{}`, filed, pod, false},
		{"facilitator signs off", fac, KindDealDecided, `{}`, filed, pod, false},
		{"rep signs off own", rep, KindDealDecided, `{}`, filed, pod, false},
		{"Tech Lead of another pod", tl, KindDealDecided, `{}`, filed, "01JOTHER", false},
		{"facilitator edits meeting", fac, KindMeetingEdited, `{}`, Target{}, pod, true},
		{"PM edits meeting", pm, KindMeetingEdited, `{}`, Target{}, pod, true},
		{"Tech Lead edits meeting", tl, KindMeetingEdited, `{}`, Target{}, pod, false},
		{"PM's own position", pm, KindPosition, `{"seat":"product_manager"}`, Target{}, pod, true},
		{"PM records TL's position", pm, KindPosition, `{"seat":"tech_lead"}`, Target{}, pod, false},
		{"facilitator records a position", fac, KindPosition, `{"seat":"tech_lead"}`, Target{}, pod, false},
		{"position for no seat", tl, KindPosition, `{}`, Target{}, pod, false},
		{"TL's own commitment", tl, KindCommitment, `{"seat":"tech_lead"}`, Target{}, pod, true},
		{"PMM commits for PM", pmm, KindCommitment, `{"seat":"product_manager"}`, Target{}, pod, false},
		{"PMM answers debt", pmm, KindDebtAnswer, `{"seat":"marketing_manager"}`, Target{}, pod, true},
		{"PM answers debt", pm, KindDebtAnswer, `{"seat":"product_manager"}`, Target{}, pod, false},
		{"join with facilitator's grant", stranger, KindJoinAsked, facGrant(SeatRep), Target{}, pod, true},
		{"join as TL with facilitator's grant", stranger, KindJoinAsked, facGrant(SeatTechLead), Target{}, pod, true},
		{"join with a rep's grant", stranger, KindJoinAsked, grantBy(rep, SeatRep, SeatRep, pod), Target{}, pod, false},
		{"delegate named by TL", stranger, KindJoinAsked, grantBy(tl, SeatDelegate, SeatDelegate, pod), Target{}, pod, true},
		{"delegate named by facilitator", stranger, KindJoinAsked, grantBy(fac, SeatDelegate, SeatDelegate, pod), Target{}, pod, false},
		{"grant for another seat", stranger, KindJoinAsked, grantBy(fac, SeatTechLead, SeatRep, pod), Target{}, pod, false},
		{"grant for another pod", stranger, KindJoinAsked, grantBy(fac, SeatRep, SeatRep, "01JOTHER"), Target{}, pod, false},
		{"grant re-labelled after signing", stranger, KindJoinAsked, forged, Target{}, pod, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := signed(t, c.signer, c.pod, c.kind, c.payload)
			err := Authorize(m, e, c.target)
			if c.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.ok {
				var r *Refusal
				if !errors.As(err, &r) || r.Reason == "" {
					t.Fatalf("got %v, want a refusal with a reason", err)
				}
			}
		})
	}
}

func TestKeyFileIsPrivateAndStable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	k1, err := LoadOrCreateKey(dir, "acme")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(KeyPath(dir, "acme"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", st.Mode().Perm())
	}
	if dst, _ := os.Stat(dir); dst.Mode().Perm() != 0o700 {
		t.Fatalf("key folder mode %v, want 0700", dst.Mode().Perm())
	}
	k2, err := LoadOrCreateKey(dir, "acme")
	if err != nil || k2.Public != k1.Public {
		t.Fatalf("second load: %v, %v", k2, err)
	}
	os.Chmod(KeyPath(dir, "acme"), 0o644)
	if _, err := LoadKey(dir, "acme"); err == nil {
		t.Fatal("a key file others can read was accepted")
	}
	if _, err := LoadKey(dir, "nobody"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing key: %v", err)
	}
	if _, err := LoadOrCreateKey(dir, "../escape"); err == nil {
		t.Fatal("a team name with a path was accepted")
	}
}

func TestKeySignsAsNkeysDoesAndFromItsSeed(t *testing.T) {
	k := mustKey(t)
	msg := []byte("triad-event/1\nsome canonical bytes")
	mine, err := k.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := k.pair.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	if string(mine) != string(theirs) {
		t.Fatal("the cached key signs differently from nkeys")
	}
	seed, err := k.Seed()
	if err != nil {
		t.Fatal(err)
	}
	again, err := KeyFromSeed(seed)
	if err != nil {
		t.Fatal(err)
	}
	if sig, _ := again.Sign(msg); string(sig) != string(mine) || again.Public != k.Public {
		t.Fatal("a key read back from its seed signs differently")
	}
	if err := k.pair.Verify(msg, mine); err != nil {
		t.Fatalf("nkeys does not verify the signature: %v", err)
	}
}
