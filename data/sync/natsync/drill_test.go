package natsync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"triad/data"
	"triad/data/sqlite"
	tsync "triad/data/sync"
)

// laptop is one replica of the drill: its database file, its key, its
// link to the hub (which the drill can cut) and its worker while it runs.
type laptop struct {
	name    string
	path    string
	db      *sqlite.DB
	key     *tsync.Key
	pod     data.Pod
	link    *proxy
	worker  *Worker
	applied atomic.Int64 // events of others its worker applied
}

func (l *laptop) open(t testing.TB) {
	t.Helper()
	db, err := sqlite.Open(l.path, sqlite.Options{})
	must(t, err)
	l.db = db
	if _, ok := db.Team(); ok {
		must(t, db.UseKey(l.key))
	}
}

func (l *laptop) start(t testing.TB) {
	t.Helper()
	w, err := Start(l.db, Options{URL: l.link.URL(), OnApplied: func(evs []tsync.Event) { l.applied.Add(int64(len(evs))) }})
	must(t, err)
	l.worker = w
}

func (l *laptop) stop() {
	if l.worker != nil {
		l.worker.Stop()
		l.worker = nil
	}
}

// restart is the laptop's Triad quitting and starting again.
func (l *laptop) restart(t testing.TB) {
	l.stop()
	must(t, l.db.Close())
	l.open(t)
	l.start(t)
}

// drill is three laptops (the facilitator, the Tech Lead and a sales rep)
// and a hub, with everything that can go wrong between them.
type drill struct {
	t             *testing.T
	rng           *rand.Rand
	dir           string
	port          int
	hub           *Hub
	fac, tl, rep  *laptop
	all           []*laptop
	filer         map[string]*laptop // request global id → the laptop that filed it
	acked         []string           // the token of every change a store call returned from
	ops           int
	chaos, misdel int
}

func newDrill(t *testing.T, seed int64) *drill {
	d := &drill{t: t, rng: rand.New(rand.NewSource(seed)), dir: t.TempDir(), filer: map[string]*laptop{}}
	d.hub = startHub(t, d.dir, -1)
	d.port = d.hub.Port()
	t.Cleanup(func() {
		for _, l := range d.all {
			l.stop()
			l.db.Close()
		}
		if d.hub != nil {
			d.hub.Stop()
		}
	})
	target := "127.0.0.1:" + strconv.Itoa(d.port)
	for _, name := range []string{"facilitator", "tech lead", "rep"} {
		k, err := tsync.NewKey()
		must(t, err)
		l := &laptop{name: name, path: filepath.Join(t.TempDir(), "triad.db"), key: k, link: startProxy(t, target)}
		l.open(t)
		l.pod, err = l.db.CreatePod(ctx, samplePod())
		must(t, err)
		d.all = append(d.all, l)
	}
	d.fac, d.tl, d.rep = d.all[0], d.all[1], d.all[2]
	url := "nats://" + target
	must(t, d.fac.db.SetUpTeam(ctx, "acme", url, "Dan", d.fac.key))
	must(t, d.fac.db.SharePod(ctx, d.fac.pod.UID, []tsync.Seat{tsync.SeatFacilitator}, Founder(url, testCode, d.fac.key)))
	for _, j := range []struct {
		l    *laptop
		name string
		seat tsync.Seat
	}{{d.tl, "Priya Raman", tsync.SeatTechLead}, {d.rep, "Maya Chen", tsync.SeatRep}} {
		g, err := tsync.NewGrant(d.fac.key, "acme", d.fac.pod.UID, j.seat)
		must(t, err)
		must(t, j.l.db.SetPodUID(ctx, j.l.pod.ID, d.fac.pod.UID))
		j.l.pod.UID = d.fac.pod.UID
		must(t, j.l.db.SetUpTeam(ctx, "acme", url, j.name, j.l.key))
		must(t, j.l.db.AddMember(ctx, d.fac.pod.UID, tsync.Member{Key: d.fac.key.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}))
		must(t, j.l.db.AskToJoin(ctx, d.fac.pod.UID, j.seat, g))
		asks, err := j.l.db.PendingEvents(ctx, 10)
		must(t, err)
		_, err = d.fac.db.ApplyEvent(ctx, asks[0])
		must(t, err)
		_, err = d.fac.db.DecideJoin(ctx, g.Nonce, true)
		must(t, err)
	}
	for _, l := range d.all {
		l.start(t)
	}
	eventually(t, "every laptop knows the three members", func() bool {
		for _, l := range d.all {
			if ms, err := l.db.Membership(ctx, l.pod.UID); err != nil || len(ms.Members) != 3 {
				return false
			}
		}
		return true
	})
	return d
}

func (d *drill) token() string { return fmt.Sprintf("op-%06d;", d.ops) }

// requests lists l's requests that pass keep.
func (d *drill) requests(l *laptop, keep func(data.DealRequest) bool) []data.DealRequest {
	rs, err := l.db.DealRequests(ctx, data.DealFilter{PodID: l.pod.ID})
	must(d.t, err)
	out := rs[:0]
	for _, r := range rs {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

func (d *drill) pick(rs []data.DealRequest) (data.DealRequest, bool) {
	if len(rs) == 0 {
		return data.DealRequest{}, false
	}
	return rs[d.rng.Intn(len(rs))], true
}

// file: the facilitator or the rep files a request.
func (d *drill) file() {
	l := []*laptop{d.fac, d.rep}[d.rng.Intn(2)]
	tok := d.token()
	r, err := l.db.CreateDealRequest(ctx, deal(l.pod.ID, "Customer "+tok))
	must(d.t, err)
	d.filer[r.UID] = l
	d.acked = append(d.acked, tok)
}

// edit: whoever filed a request edits its notes, now and then its value
// across the sign-off threshold.
func (d *drill) edit() {
	l := []*laptop{d.fac, d.rep}[d.rng.Intn(2)]
	r, ok := d.pick(d.requests(l, func(r data.DealRequest) bool { return d.filer[r.UID] == l && r.State.Editable() }))
	if !ok {
		return
	}
	tok := d.token()
	r.Notes = "Notes " + tok
	if d.rng.Intn(5) == 0 {
		r.Value = data.Dollars([]int64{40_000, 120_000}[d.rng.Intn(2)])
	}
	if _, err := l.db.UpdateDealRequest(ctx, r); err == nil {
		d.acked = append(d.acked, tok)
	}
}

// withdraw: whoever filed a request withdraws it.
func (d *drill) withdraw() {
	l := []*laptop{d.fac, d.rep}[d.rng.Intn(2)]
	r, ok := d.pick(d.requests(l, func(r data.DealRequest) bool { return d.filer[r.UID] == l && r.State.Editable() }))
	if !ok {
		return
	}
	tok := d.token()
	if _, err := l.db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActWithdraw, Comment: tok}); err == nil {
		d.acked = append(d.acked, tok)
	}
}

// decide: the Tech Lead signs off, rejects, sends back or reopens.
func (d *drill) decide() {
	r, ok := d.pick(d.requests(d.tl, func(data.DealRequest) bool { return true }))
	if !ok {
		return
	}
	action := []data.DealAction{data.ActApprove, data.ActReject, data.ActRequestChanges, data.ActReopen}[d.rng.Intn(4)]
	tok := d.token()
	_, err := d.tl.db.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: action, RecordedBy: "Priya Raman", Comment: tok})
	if err == nil {
		d.acked = append(d.acked, tok)
	}
}

// upset stops or starts the hub, cuts or heals one laptop's link, or
// restarts one laptop's Triad.
func (d *drill) upset() {
	d.chaos++
	switch d.rng.Intn(3) {
	case 0:
		if d.hub != nil {
			d.hub.Stop()
			d.hub = nil
		} else {
			d.hub = startHub(d.t, d.dir, d.port)
		}
	case 1:
		l := d.all[d.rng.Intn(3)]
		l.link.setCut(!l.link.isCut())
	default:
		d.all[d.rng.Intn(3)].restart(d.t)
	}
}

// misdeliver hands one laptop a few of another's events straight, out of
// order and one of them twice, and, with the hub up, replays an old event
// under a new message id, which the hub cannot recognise.
func (d *drill) misdeliver() {
	d.misdel++
	src, dst := d.all[d.rng.Intn(3)], d.all[d.rng.Intn(3)]
	all, err := src.db.SentEvents(ctx, 1<<20)
	must(d.t, err)
	var evs []tsync.Event // the deal desk's: a member may not publish another's join
	for _, ev := range all {
		if strings.HasPrefix(string(ev.Kind), "deal.") {
			evs = append(evs, ev)
		}
	}
	if len(evs) == 0 {
		return
	}
	var picked []tsync.Event
	for range 1 + d.rng.Intn(8) {
		picked = append(picked, evs[d.rng.Intn(len(evs))])
	}
	picked = append(picked, picked[0])
	d.rng.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
	if _, err := dst.db.ApplyEvents(ctx, picked); err != nil {
		d.t.Fatalf("%s taking %s's events out of order: %v", dst.name, src.name, err)
	}
	if d.hub == nil {
		return
	}
	nc, err := nats.Connect(d.hub.URL(), clientOptions(src.key, nil)...) // a member of the pod
	must(d.t, err)
	defer nc.Close()
	old := evs[d.rng.Intn(len(evs))]
	body, _ := json.Marshal(old)
	m := nats.NewMsg(old.Subject())
	m.Data = body
	m.Header.Set(nats.MsgIdHdr, fmt.Sprintf("replay-%d-%s", d.ops, old.ID))
	_, err = nc.RequestMsg(m, 5*time.Second)
	must(d.t, err)
}

func (d *drill) step() {
	d.ops++
	switch x := d.rng.Intn(100); {
	case x < 14:
		d.file()
	case x < 50:
		d.edit()
	case x < 56:
		d.withdraw()
	case x < 94:
		d.decide()
	case x < 97:
		d.upset()
	default:
		d.misdeliver()
	}
}

// heal brings the hub back, reconnects every laptop, and waits until
// every outbox is empty and every laptop holds the same deal desk.
func (d *drill) heal() time.Duration {
	start := time.Now()
	if d.hub == nil {
		d.hub = startHub(d.t, d.dir, d.port)
	}
	for _, l := range d.all {
		l.link.setCut(false)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for !d.converged() {
		if time.Now().After(deadline) {
			for _, l := range d.all {
				st := l.worker.Status()
				d.t.Logf("%s: %+v", l.name, st)
			}
			d.t.Fatal("the laptops did not converge within 3 minutes of healing")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return time.Since(start)
}

func (d *drill) converged() bool {
	var first []byte
	for i, l := range d.all {
		if w, _, err := l.db.OutboxCounts(ctx); err != nil || w != 0 {
			return false
		}
		got, err := l.db.DealDeskExport(ctx, l.pod.UID)
		must(d.t, err)
		if i == 0 {
			first = got
		} else if !bytes.Equal(first, got) {
			return false
		}
	}
	return true
}

// check: every acknowledged change is on record, every history line once,
// and no laptop refused an event (every change in the drill was allowed).
func (d *drill) check() {
	export, err := d.fac.db.DealDeskExport(ctx, d.fac.pod.UID)
	must(d.t, err)
	text := string(export)
	lost := 0
	for _, tok := range d.acked {
		if !strings.Contains(text, tok) {
			lost++
			d.t.Errorf("acknowledged change %s is lost", tok)
		}
	}
	var desk struct {
		Requests []struct {
			History []map[string]any `json:"history"`
		} `json:"requests"`
	}
	must(d.t, json.Unmarshal(export, &desk))
	seen, lines := map[string]bool{}, 0
	for _, r := range desk.Requests {
		for _, h := range r.History {
			uid := fmt.Sprint(h["uid"])
			if seen[uid] {
				d.t.Errorf("history line %s is on record twice", uid)
			}
			seen[uid] = true
			lines++
		}
	}
	for _, l := range d.all {
		if rs, err := l.db.RefusedEvents(ctx); err != nil || len(rs) != 0 {
			d.t.Errorf("%s refused %d events (%v): %+v", l.name, len(rs), err, rs)
		}
	}
	d.t.Logf("%d operations, %d changes acknowledged, %d lost; %d requests, %d history lines; %d upsets, %d misdeliveries",
		d.ops, len(d.acked), lost, len(desk.Requests), lines, d.chaos, d.misdel)
}

// TestRandomizedPartitionDrill: three laptops and a hub, random deal-desk
// changes on each while the hub stops and starts, one laptop's link is
// cut and healed, laptops restart, events arrive straight, out of order
// and twice, and old ones are replayed through the hub; then everything
// heals. Every laptop must hold the same deal desk, byte for byte, with
// every acknowledged change on it. TRIAD_SYNC_DRILL=N runs N operations
// (500 by default, for CI); TRIAD_SYNC_DRILL_SEED replays a run.
func TestRandomizedPartitionDrill(t *testing.T) {
	ops := 500
	if v, err := strconv.Atoi(os.Getenv("TRIAD_SYNC_DRILL")); err == nil && v > 0 {
		ops = v
	}
	seed := time.Now().UnixNano()
	if v, err := strconv.ParseInt(os.Getenv("TRIAD_SYNC_DRILL_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("TRIAD_SYNC_DRILL=%d TRIAD_SYNC_DRILL_SEED=%d", ops, seed)
	d := newDrill(t, seed)
	start := time.Now()
	for range ops {
		d.step()
	}
	worked := time.Since(start)
	took := d.heal()
	d.check()
	t.Logf("operations took %v; converged %v after healing", worked.Round(time.Millisecond), took.Round(time.Millisecond))
}
