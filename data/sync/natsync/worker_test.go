package natsync

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

var ctx = context.Background()

// testCode is the founding code of the tests' hubs.
const testCode = "TEST-FOUNDING-CODE"

func startHub(t testing.TB, dir string, port int) *Hub {
	t.Helper()
	h, err := StartHub(HubOptions{Dir: dir, Team: "acme", Host: "127.0.0.1", Port: port, FoundingCode: testCode})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

type member struct {
	db     *sqlite.DB
	key    *tsync.Key
	pod    data.Pod
	worker *Worker
}

func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func samplePod() data.Pod {
	p := data.NewPod()
	p.Name = "Payments"
	p.Leaders[0].Name = "Priya Raman"
	p.Leaders[1].Name = "Tom Berg"
	p.Leaders[2].Name = "Lea Roy"
	return p
}

// team sets up a facilitator (founder of the pod, shared through the hub
// at url), a Tech Lead and a Product Manager on three databases of team
// "acme". The two asked to join, and the facilitator's laptop approved
// both (their asks handed to it here); the asks and the approvals travel
// through the hub once the workers run.
func team(t testing.TB, url string) (fac, tl, pm *member) {
	t.Helper()
	fac, tl, pm = &member{db: openStore(t)}, &member{db: openStore(t)}, &member{db: openStore(t)}
	for _, m := range []*member{fac, tl, pm} {
		k, err := tsync.NewKey()
		if err != nil {
			t.Fatal(err)
		}
		m.key = k
		if m.pod, err = m.db.CreatePod(ctx, samplePod()); err != nil {
			t.Fatal(err)
		}
	}
	must(t, fac.db.SetUpTeam(ctx, "acme", url, "Dan", fac.key))
	must(t, fac.db.SharePod(ctx, fac.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, Founder(url, testCode, fac.key)))
	for _, j := range []struct {
		m    *member
		name string
		seat tsync.Seat
	}{{tl, "Priya", tsync.SeatTechLead}, {pm, "Tom", tsync.SeatProduct}} {
		g, err := tsync.NewGrant(fac.key, "acme", fac.pod.UID, j.seat)
		must(t, err)
		must(t, j.m.db.SetPodUID(ctx, j.m.pod.ID, fac.pod.UID))
		j.m.pod.UID = fac.pod.UID
		must(t, j.m.db.SetUpTeam(ctx, "acme", url, j.name, j.m.key))
		must(t, j.m.db.AddMember(ctx, fac.pod.UID, tsync.Member{Key: fac.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
		must(t, j.m.db.AskToJoin(ctx, fac.pod.UID, j.seat, g))
		asks, err := j.m.db.PendingEvents(ctx, 10)
		must(t, err)
		_, err = fac.db.ApplyEvent(ctx, asks[0])
		must(t, err)
		_, err = fac.db.DecideJoin(ctx, g.Nonce, true)
		must(t, err)
	}
	return fac, tl, pm
}

// dial connects to the hub as k would, showing token.
func dial(t testing.TB, url string, k *tsync.Key, token string, errs chan<- error) *nats.Conn {
	t.Helper()
	opts := clientOptions(k, nil)
	if token != "" {
		opts = append(opts, nats.Token(token))
	}
	opts = append(opts, nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		select {
		case errs <- err: // a nil errs: the test does not look at them
		default:
		}
	}))
	nc, err := nats.Connect(url, opts...)
	must(t, err)
	t.Cleanup(nc.Close)
	return nc
}

func (m *member) start(t *testing.T) {
	t.Helper()
	w, err := Start(m.db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m.worker = w
	t.Cleanup(func() {
		if m.worker != nil {
			m.worker.Stop()
		}
	})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// eventually polls cond until it holds or the time is up.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		<-tick.C
	}
}

func requests(t *testing.T, m *member) []data.DealRequest {
	t.Helper()
	rs, err := m.db.DealRequests(ctx, data.DealFilter{PodID: m.pod.ID})
	must(t, err)
	return rs
}

func members(t *testing.T, m *member) int {
	ms, err := m.db.Membership(ctx, m.pod.UID)
	must(t, err)
	return len(ms.Members)
}

func sameDealDesk(t *testing.T, ms ...*member) {
	t.Helper()
	sameExport(t, "deal desks", func(m *member) ([]byte, error) { return m.db.DealDeskExport(ctx, m.pod.UID) }, ms...)
}

// sameExport checks that every member's laptop gives the same bytes.
func sameExport(t *testing.T, what string, export func(*member) ([]byte, error), ms ...*member) {
	t.Helper()
	first, err := export(ms[0])
	must(t, err)
	for _, m := range ms[1:] {
		got, err := export(m)
		must(t, err)
		if !bytes.Equal(first, got) {
			t.Fatalf("%s differ:\n%s\n---\n%s", what, first, got)
		}
	}
}

// runningTeam is team on a hub of its own, every worker running, once
// every laptop knows the three members.
func runningTeam(t *testing.T) (hub *Hub, fac, tl, pm *member) {
	t.Helper()
	hub = startHub(t, t.TempDir(), -1)
	t.Cleanup(hub.Stop)
	fac, tl, pm = team(t, hub.URL())
	for _, m := range []*member{fac, tl, pm} {
		m.start(t)
	}
	eventually(t, "every laptop knows the three members", func() bool {
		return members(t, fac) == 3 && members(t, tl) == 3 && members(t, pm) == 3
	})
	return hub, fac, tl, pm
}

// allSent waits until no member's outbox holds an event.
func allSent(t *testing.T, ms ...*member) {
	t.Helper()
	eventually(t, "every outbox is empty", func() bool {
		for _, m := range ms {
			if w, _, _ := m.db.OutboxCounts(ctx); w != 0 {
				return false
			}
		}
		return true
	})
}

func deal(podID int64, customer string) data.DealRequest {
	return data.DealRequest{PodID: podID, Customer: customer, Value: data.Dollars(120_000), RepName: "Maya Chen",
		Features: "SAML single sign-on", NeedsNewFeature: true, ReceivedAt: time.Now().UTC()}
}

func TestRequestFiledOnOneLaptopIsSignedOffOnAnother(t *testing.T) {
	_, fac, tl, pm := runningTeam(t)
	r, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	eventually(t, "the request reaches the Tech Lead", func() bool {
		rs := requests(t, tl)
		return len(rs) == 1 && rs[0].UID == r.UID
	})
	onTL := requests(t, tl)[0]
	if onTL.State != data.DealPending || onTL.Customer != "Acme" {
		t.Fatalf("on the Tech Lead's laptop: %+v", onTL)
	}
	_, err = tl.db.DecideDealRequest(ctx, data.DealDecision{RequestID: onTL.ID, Action: data.ActApprove,
		RecordedBy: "Priya Raman", Comment: "Fits the Q1 plan"})
	must(t, err)
	eventually(t, "the sign-off reaches the facilitator and the PM", func() bool {
		a, p := requests(t, fac), requests(t, pm)
		return len(a) == 1 && a[0].State == data.DealApproved && len(p) == 1 && p[0].State == data.DealApproved
	})
	allSent(t, fac, tl, pm)
	sameDealDesk(t, fac, tl, pm)
	st := fac.worker.Status()
	if !st.Online || st.Waiting != 0 || st.LastContact.IsZero() || !strings.HasPrefix(st.Text(time.Now()), "Up to date") {
		t.Fatalf("status %+v: %q", st, st.Text(time.Now()))
	}
}

func TestForgedSignOffIsRefusedEverywhereAndReplaysApplyOnce(t *testing.T) {
	hub, fac, tl, pm := runningTeam(t)
	r, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	eventually(t, "the request reaches everyone", func() bool {
		return len(requests(t, tl)) == 1 && len(requests(t, pm)) == 1
	})
	// The PM's own laptop refuses to sign off ...
	if _, err := pm.db.DecideDealRequest(ctx, data.DealDecision{RequestID: requests(t, pm)[0].ID, Action: data.ActApprove,
		RecordedBy: "Tom Berg"}); err == nil {
		t.Fatal("the PM's laptop signed off a deal")
	}
	// ... so a PM-signed sign-off is made by hand and sent straight to the hub.
	forged := tsync.Event{ID: tsync.NewID(), Team: "acme", Pod: fac.pod.UID, Kind: tsync.KindDealDecided, Clock: tsync.HLC{Wall: time.Now().UnixMilli() + 1},
		Payload: json.RawMessage(`{"request":"` + r.UID + `","fields":{"state":"approved"}}`)}
	must(t, forged.Sign(pm.key))
	nc := dial(t, hub.URL(), pm.key, "", nil) // the PM is a member: the hub takes what it publishes in its pod
	publish := func(ev tsync.Event, msgID string) {
		t.Helper()
		body, _ := json.Marshal(ev)
		m := nats.NewMsg(ev.Subject())
		m.Data = body
		m.Header.Set(nats.MsgIdHdr, msgID)
		_, err := nc.RequestMsg(m, 5*time.Second)
		must(t, err)
	}
	publish(forged, forged.ID)
	for _, m := range []*member{fac, tl, pm} {
		eventually(t, "the forged sign-off is refused", func() bool {
			rs, err := m.db.RefusedEvents(ctx)
			must(t, err)
			return len(rs) == 1 && rs[0].Event.ID == forged.ID && strings.Contains(rs[0].Reason, "Tech Lead")
		})
		if got := requests(t, m)[0]; got.State != data.DealPending {
			t.Fatalf("a forged sign-off was applied: %s", got.State)
		}
	}

	// The Tech Lead's real sign-off, then replayed twice: once under its
	// own message id (the hub drops it), once under another (the replicas drop it).
	_, err = tl.db.DecideDealRequest(ctx, data.DealDecision{RequestID: requests(t, tl)[0].ID, Action: data.ActReject,
		RecordedBy: "Priya Raman", Comment: "Not this quarter"})
	must(t, err)
	eventually(t, "the rejection reaches the facilitator", func() bool { return requests(t, fac)[0].State == data.DealRejected })
	hist, err := fac.db.DealHistory(ctx, r.ID)
	must(t, err)
	var last tsync.Event
	evs := outboxBodies(t, tl)
	must(t, json.Unmarshal([]byte(evs[len(evs)-1]), &last))
	publish(last, last.ID)
	publish(last, "replayed-"+last.ID)
	// A marker after the replays: once it is through, so are they.
	r2, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Globex"))
	must(t, err)
	_ = r2
	eventually(t, "the marker reaches the Tech Lead", func() bool { return len(requests(t, tl)) == 2 })
	eventually(t, "the facilitator's outbox is empty", func() bool { w, _, _ := fac.db.OutboxCounts(ctx); return w == 0 })
	again, err := fac.db.DealHistory(ctx, r.ID)
	must(t, err)
	if len(again) != len(hist) {
		t.Fatalf("the replayed rejection was applied again: %d history lines, then %d", len(hist), len(again))
	}
	eventually(t, "the PM has both requests", func() bool { return len(requests(t, pm)) == 2 })
	sameDealDesk(t, fac, tl, pm)
}

func outboxBodies(t *testing.T, m *member) []string {
	t.Helper()
	// Sent events are no longer pending; read them through an export-free path.
	var out []string
	evs, err := m.db.SentEvents(ctx, 100)
	must(t, err)
	for _, ev := range evs {
		b, _ := json.Marshal(ev)
		out = append(out, string(b))
	}
	return out
}

func TestEditsWhileTheHubIsDownGoOutWhenItIsBack(t *testing.T) {
	dir := t.TempDir()
	hub := startHub(t, dir, -1)
	port := hub.Port()
	fac, tl, _ := team(t, hub.URL())
	fac.start(t)
	tl.start(t)
	eventually(t, "the two know each other", func() bool { return members(t, fac) >= 2 && members(t, tl) >= 2 })
	first, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, "Acme"))
	must(t, err)
	eventually(t, "the first request is through", func() bool { return len(requests(t, tl)) == 1 })

	hub.Stop()
	eventually(t, "the facilitator's laptop sees it is offline", func() bool { return !fac.worker.Status().Online })
	for _, c := range []string{"Globex", "Initech", "Umbrella"} {
		_, err := fac.db.CreateDealRequest(ctx, deal(fac.pod.ID, c))
		must(t, err)
	}
	first.Notes = "edited offline"
	_, err = fac.db.UpdateDealRequest(ctx, first)
	must(t, err)
	eventually(t, "the status counts what waits", func() bool { return fac.worker.Status().Waiting == 4 })
	if txt := fac.worker.Status().Text(time.Now()); !strings.HasPrefix(txt, "Offline · 4 changes waiting") {
		t.Fatalf("status line %q", txt)
	}

	hub = startHub(t, dir, port) // same storage, same address
	defer hub.Stop()
	eventually(t, "the queued edits reach the Tech Lead", func() bool {
		rs := requests(t, tl)
		if len(rs) != 4 {
			return false
		}
		for _, r := range rs {
			if r.UID == first.UID {
				return r.Notes == "edited offline"
			}
		}
		return false
	})
	eventually(t, "the facilitator is up to date", func() bool {
		st := fac.worker.Status()
		return st.Online && st.Waiting == 0
	})
	sameDealDesk(t, fac, tl)
}

func TestNoTeamStartsNoWorker(t *testing.T) {
	db := openStore(t)
	if _, err := Start(db, Options{}); err == nil {
		t.Fatal("a worker started for a database of no team")
	}
}
