package natsync

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"triad/data"
	tsync "triad/data/sync"
)

// founder shares a pod of its own through the hub, as its facilitator.
func founder(t *testing.T, url, name string) *member {
	t.Helper()
	m := &member{db: openStore(t)}
	var err error
	m.key, err = tsync.NewKey()
	must(t, err)
	p := samplePod()
	p.Name = name
	m.pod, err = m.db.CreatePod(ctx, p)
	must(t, err)
	must(t, m.db.SetUpTeam(ctx, "acme", url, "Dan", m.key))
	must(t, m.db.SharePod(ctx, m.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, Founder(url, testCode, m.key)))
	return m
}

// invitee is a laptop that asked for seat in fac's pod, with fac's grant.
func invitee(t *testing.T, fac *member, seat tsync.Seat) (*member, tsync.Grant) {
	t.Helper()
	m := &member{db: openStore(t)}
	var err error
	m.key, err = tsync.NewKey()
	must(t, err)
	m.pod, err = m.db.CreatePod(ctx, samplePod())
	must(t, err)
	must(t, m.db.SetPodUID(ctx, m.pod.ID, fac.pod.UID))
	m.pod.UID = fac.pod.UID
	cfg, _ := fac.db.Team()
	must(t, m.db.SetUpTeam(ctx, "acme", cfg.HubURL, "Priya Raman", m.key))
	must(t, m.db.AddMember(ctx, fac.pod.UID, tsync.Member{Key: fac.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
	g, err := tsync.NewGrant(fac.key, "acme", fac.pod.UID, seat)
	must(t, err)
	must(t, m.db.AskToJoin(ctx, fac.pod.UID, seat, g))
	return m, g
}

// denied waits for the hub to report a permissions violation to nc.
func denied(t *testing.T, errs <-chan error, what string) {
	t.Helper()
	select {
	case err := <-errs:
		if !errors.Is(err, nats.ErrPermissionViolation) && !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
			t.Fatalf("%s: %v, want a permissions violation", what, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: the hub reported no permissions violation", what)
	}
}

// createConsumer asks for a consumer on the team's stream as nc's key. A
// denied request has no answer: the caller checks the hub's permissions
// violation, so the wait is short.
func createConsumer(nc *nats.Conn, name, filter string) error {
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	c, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	_, err = js.CreateOrUpdateConsumer(c, StreamName("acme"), jetstream.ConsumerConfig{Durable: name, FilterSubject: filter,
		AckPolicy: jetstream.AckExplicitPolicy, DeliverPolicy: jetstream.DeliverAllPolicy})
	return err
}

// podClosedTo checks that k, showing token, may make no consumer on the
// pod: the hub reports a permissions violation. It returns the connection.
func podClosedTo(t *testing.T, url string, k *tsync.Key, token, pod, what string) (*nats.Conn, <-chan error) {
	t.Helper()
	errs := make(chan error, 4)
	nc := dial(t, url, k, token, errs)
	if err := createConsumer(nc, PodConsumer(k.Public, pod), tsync.PodSubjects("acme", pod)); err == nil {
		t.Fatalf("%s: the hub let it read the pod", what)
	}
	denied(t, errs, what)
	return nc, errs
}

func TestAnUnknownKeyIsRefusedAtConnect(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	stranger, _ := tsync.NewKey()
	for name, opts := range map[string][]nats.Option{
		"no key":              nil,
		"an unknown key":      clientOptions(stranger, nil),
		"a wrong code":        append(clientOptions(stranger, nil), nats.Token("found.GUESS")),
		"a made-up grant":     append(clientOptions(stranger, nil), nats.Token(tsync.Grant{Team: "acme", Pod: "x"}.Token())),
		"a forged nkey":       {nats.Nkey(stranger.Public, func([]byte) ([]byte, error) { return make([]byte, 64), nil })},
		"a user and password": {nats.UserInfo("triad", "triad")},
	} {
		nc, err := nats.Connect(hub.URL(), opts...)
		if err == nil {
			nc.Close()
			t.Errorf("%s: connected", name)
		} else if !errors.Is(err, nats.ErrAuthorization) {
			t.Errorf("%s: %v, want an authorization violation", name, err)
		}
	}
	// The founding code does let a key in, and only to share a pod.
	errs := make(chan error, 4)
	nc := dial(t, hub.URL(), stranger, "found."+testCode, errs)
	if _, err := nc.Subscribe("triad.acme.>", func(*nats.Msg) {}); err != nil {
		t.Fatal(err)
	}
	denied(t, errs, "a founder reading the whole team")
}

func TestAMemberOfOnePodCannotReachAnother(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	a := founder(t, hub.URL(), "Payments")
	b := founder(t, hub.URL(), "Platform")
	_, err := b.db.CreateDealRequest(ctx, deal(b.pod.ID, "Globex"))
	must(t, err)
	b.start(t)
	eventually(t, "b's request is on the hub", func() bool { w, _, _ := b.db.OutboxCounts(ctx); return w == 0 })

	errs := make(chan error, 16)
	nc := dial(t, hub.URL(), a.key, "", errs)
	// Its own pod: a consumer filtered to it is made.
	if err := createConsumer(nc, PodConsumer(a.key.Public, a.pod.UID), tsync.PodSubjects("acme", a.pod.UID)); err != nil {
		t.Fatalf("a's consumer on its own pod: %v", err)
	}
	// b's pod: no subscription, no consumer under any name, no direct or message get.
	if _, err := nc.Subscribe(tsync.PodSubjects("acme", b.pod.UID), func(*nats.Msg) {}); err != nil {
		t.Fatal(err)
	}
	denied(t, errs, "subscribing to b's pod")
	for _, name := range []string{PodConsumer(a.key.Public, b.pod.UID), PodConsumer(b.key.Public, b.pod.UID), PodConsumer(a.key.Public, a.pod.UID)} {
		if err := createConsumer(nc, name, tsync.PodSubjects("acme", b.pod.UID)); err == nil {
			t.Fatalf("a made consumer %s on b's pod", name)
		}
		denied(t, errs, "a consumer on b's pod")
	}
	for _, subj := range []string{"$JS.API.DIRECT.GET." + StreamName("acme"), "$JS.API.STREAM.MSG.GET." + StreamName("acme"),
		"$JS.API.STREAM.PURGE." + StreamName("acme"), "$JS.API.STREAM.DELETE." + StreamName("acme")} {
		if _, err := nc.Request(subj, []byte(`{"seq":1}`), 500*time.Millisecond); err == nil {
			t.Fatalf("%s answered a member", subj)
		}
		denied(t, errs, subj)
	}
	// Nor b's replies, nor a multi-filter consumer on its own pod.
	if _, err := nc.Subscribe(InboxPrefix(b.key.Public)+".>", func(*nats.Msg) {}); err != nil {
		t.Fatal(err)
	}
	denied(t, errs, "reading b's inbox")
	js, _ := jetstream.New(nc)
	c, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if _, err := js.CreateOrUpdateConsumer(c, StreamName("acme"), jetstream.ConsumerConfig{Durable: PodConsumer(a.key.Public, a.pod.UID),
		FilterSubjects: []string{tsync.PodSubjects("acme", a.pod.UID), tsync.PodSubjects("acme", b.pod.UID)}}); err == nil {
		t.Fatal("a consumer with two filters was made")
	}
	// And b itself reads its pod: the request is there to be read.
	eventually(t, "b's own laptop has its request back from the hub", func() bool {
		rs, _ := b.db.DealRequests(ctx, data.DealFilter{})
		return len(rs) == 1 && b.worker.Status().Online
	})
}

// asking is a facilitator's pod with one request, and a Tech Lead whose
// ask has reached the facilitator's laptop, both laptops syncing.
func asking(t *testing.T) (hub *Hub, fac, tl *member, grant tsync.Grant) {
	t.Helper()
	hub = startHub(t, t.TempDir(), -1)
	t.Cleanup(hub.Stop)
	fac = founder(t, hub.URL(), "Payments")
	_, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	tl, grant = invitee(t, fac, tsync.SeatTechLead)
	fac.start(t)
	tl.start(t)
	eventually(t, "the ask reaches the facilitator", func() bool {
		asks, err := fac.db.JoinRequests(ctx, false)
		must(t, err)
		return len(asks) == 1 && asks[0].Key == tl.key.Public && asks[0].Name == "Priya Raman"
	})
	return hub, fac, tl, grant
}

func TestAJoinWaitsForTheFacilitatorThenTheInviteeReceivesThePod(t *testing.T) {
	hub, fac, tl, grant := asking(t)
	// Waiting: the invitee holds no seat, has none of the pod, and the hub
	// lets its key make no consumer on the pod.
	if rs := requests(t, tl); len(rs) != 0 {
		t.Fatalf("the invitee has %d requests before the approval", len(rs))
	}
	eventually(t, "the invitee's status line says it waits", func() bool {
		return strings.HasPrefix(tl.worker.Status().Text(time.Now()), "Waiting for the facilitator to approve your join")
	})
	nc, _ := podClosedTo(t, hub.URL(), tl.key, grant.Token(), fac.pod.UID, "an invitee before the approval")
	nc.Close()

	_, err := fac.db.DecideJoin(ctx, grant.Nonce, true)
	must(t, err)
	eventually(t, "the invitee receives the pod", func() bool {
		rs := requests(t, tl)
		return len(rs) == 1 && rs[0].Customer == "Acme"
	})
	m, err := tl.db.Membership(ctx, fac.pod.UID)
	must(t, err)
	if !m.Holds(tl.key.Public, tsync.SeatTechLead) {
		t.Fatalf("the invitee's laptop does not seat it: %+v", m)
	}
	eventually(t, "the status line no longer waits", func() bool { return !tl.worker.Status().Asking })
	// And its sign-off comes back to the facilitator.
	_, err = tl.db.DecideDealRequest(ctx, data.DealDecision{RequestID: requests(t, tl)[0].ID, Action: data.ActApprove})
	must(t, err)
	eventually(t, "the sign-off reaches the facilitator", func() bool { return requests(t, fac)[0].State == data.DealApproved })
}

func TestARefusedJoinNeverGetsAccess(t *testing.T) {
	hub, fac, tl, grant := asking(t)
	_, err := fac.db.DecideJoin(ctx, grant.Nonce, false)
	must(t, err)
	eventually(t, "the invitee learns it was refused", func() bool { j, _ := tl.db.JoiningPods(ctx); return len(j) == 0 })
	if rs := requests(t, tl); len(rs) != 0 {
		t.Fatalf("a refused invitee has %d requests", len(rs))
	}
	// Its key, even showing the grant again, reaches nothing of the pod.
	nc, errs := podClosedTo(t, hub.URL(), tl.key, grant.Token(), fac.pod.UID, "a refused invitee")
	ask := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: fac.pod.UID, Kind: tsync.KindJoinAsked, Clock: tsync.HLC{Wall: time.Now().UnixMilli()},
		Payload: json.RawMessage(`{"seat":"tech_lead"}`)}
	must(t, ask.Sign(tl.key))
	must(t, nc.Publish(ask.Subject(), []byte(`{}`)))
	denied(t, errs, "a refused invitee asking again")
}

func TestAForgedApprovalIsRefusedByTheHub(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	fac, _, pm := team(t, hub.URL())
	_, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	fac.start(t)
	pm.start(t)
	eventually(t, "the PM reads the pod", func() bool { return len(requests(t, pm)) == 1 })
	// A stranger asks with a grant of the facilitator's; the PM signs an
	// approval of it and sends it straight to the hub.
	stranger, _ := tsync.NewKey()
	g, err := tsync.NewGrant(fac.key, "acme", fac.pod.UID, tsync.SeatMarketing)
	must(t, err)
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: fac.pod.UID, Kind: tsync.KindJoinApproved, Clock: tsync.HLC{Wall: time.Now().UnixMilli()},
		Payload: mustJSON(t, tsync.JoinDecision{Key: stranger.Public, Seat: tsync.SeatMarketing, Grant: g})}
	must(t, forged.Sign(pm.key))
	body, _ := json.Marshal(forged)
	errs := make(chan error, 4)
	nc := dial(t, hub.URL(), pm.key, "", errs)
	must(t, nc.Publish(forged.Subject(), body))
	denied(t, errs, "the PM publishing an approval")
	// The stranger, its grant never asked with, gets in only as an invitee:
	// it makes no consumer on the pod.
	snc, _ := podClosedTo(t, hub.URL(), stranger, g.Token(), fac.pod.UID, "the stranger after a forged approval")
	snc.Close()
	if _, err := nats.Connect(hub.URL(), clientOptions(stranger, nil)...); !errors.Is(err, nats.ErrAuthorization) {
		t.Fatalf("the stranger without its grant: %v", err)
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err)
	return b
}

func TestAnEventUnderAnotherPodsSubjectIsNotTaken(t *testing.T) {
	hub := startHub(t, t.TempDir(), -1)
	defer hub.Stop()
	a := founder(t, hub.URL(), "Payments")
	kicked := make(chan struct{}, 8)
	nc, err := nats.Connect(hub.URL(), append(clientOptions(a.key, nil), nats.DisconnectErrHandler(func(*nats.Conn, error) {
		kicked <- struct{}{}
	}))...)
	must(t, err)
	defer nc.Close()
	js, err := jetstream.New(nc)
	must(t, err)
	share := func(pod, subject string) {
		t.Helper()
		ev := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: pod, Kind: tsync.KindPodShared, Clock: tsync.HLC{Wall: time.Now().UnixMilli()},
			Payload: mustJSON(t, tsync.PodSharedPayload{Seats: []tsync.Seat{tsync.SeatFacilitator}})}
		must(t, ev.Sign(a.key))
		body, _ := json.Marshal(ev)
		if _, err := js.Publish(ctx, subject, body); err != nil {
			t.Fatalf("the hub did not store a sharing under a's own pod: %v", err)
		}
	}
	// a facilitates Payments, so it may publish a sharing there; one that
	// names another pod does not found that pod. The repeat of its own
	// sharing after it makes the hub close a's connection (its access is
	// read again): by then the hub has read both.
	other := tsync.NewID()
	share(other, "triad.acme."+a.pod.UID+"."+string(tsync.KindPodShared))
	share(a.pod.UID, "triad.acme."+a.pod.UID+"."+string(tsync.KindPodShared))
	select {
	case <-kicked:
	case <-time.After(10 * time.Second):
		t.Fatal("the hub did not read a's sharing")
	}
	podClosedTo(t, hub.URL(), a.key, "", other, "a after a misfiled sharing")
}
