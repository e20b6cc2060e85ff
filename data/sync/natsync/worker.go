package natsync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	gosync "sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	tsync "triad/data/sync"
)

// Store is what the worker needs of a replica's database (data/sqlite.DB).
type Store interface {
	Team() (tsync.TeamConfig, bool)
	PodSeats(ctx context.Context) (map[string][]tsync.Seat, error) // this member's, by pod
	JoiningPods(ctx context.Context) ([]tsync.JoinRequest, error)
	MemberKey() *tsync.Key
	PendingEvents(ctx context.Context, limit int) ([]tsync.Event, error)
	MarkSent(ctx context.Context, ids ...string) error
	ApplyEvents(ctx context.Context, evs []tsync.Event) ([]tsync.Outcome, error)
	OutboxCounts(ctx context.Context) (waiting, sent int, err error)
	Outbound() <-chan struct{}
}

// Status is what the window shows of the sync.
type Status struct {
	Online      bool
	Waiting     int       // this replica's events not yet acknowledged by the hub
	LastContact time.Time // last acknowledgement or event from the hub; zero: never
	Problem     string    // why it is offline, when known
	// CaughtUp: online, and every consumer has delivered what the hub
	// held for it (a command that syncs once waits for it).
	CaughtUp bool
	// Asking: this member holds no seat yet, and waits for a facilitator
	// to approve its ask.
	Asking bool
	// Held counts other members' events that wait for one not here yet
	// (an edit of a request whose filing has not arrived); they are
	// delivered again, less and less often.
	Held int
}

// Text is the status line: "Up to date", "Offline: 3 changes waiting".
func (s Status) Text(now time.Time) string {
	var b strings.Builder
	switch {
	case !s.Online:
		b.WriteString("Offline")
	case s.Asking:
		b.WriteString("Waiting for the facilitator to approve your join")
	case s.Waiting == 0:
		b.WriteString("Up to date")
	default:
		b.WriteString("Sending")
	}
	if s.Waiting > 0 {
		if s.Waiting == 1 {
			b.WriteString(" · 1 change waiting")
		} else {
			fmt.Fprintf(&b, " · %d changes waiting", s.Waiting)
		}
	}
	switch {
	case s.Held == 1:
		b.WriteString(" · 1 change waits for an earlier one")
	case s.Held > 1:
		fmt.Fprintf(&b, " · %d changes wait for earlier ones", s.Held)
	}
	if s.LastContact.IsZero() {
		b.WriteString(" · no contact yet")
	} else {
		b.WriteString(" · last contact " + since(now, s.LastContact))
	}
	return b.String()
}

func since(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case now.YearDay() == t.YearDay() && now.Year() == t.Year():
		return t.Local().Format("15:04")
	}
	return t.Local().Format("2 Jan 15:04")
}

// Options tune a worker.
type Options struct {
	URL      string       // the hub; the team's hub_url by default
	OnStatus func(Status) // called from the worker's goroutine on every change
	// OnApplied is called from the worker's goroutine with the events of
	// other members each committed batch applied (never empty).
	OnApplied func([]tsync.Event)
	// Batch is how many events go out before their acknowledgements are
	// awaited, and at most how many received events are applied in one
	// commit; 256 by default.
	Batch int
}

// Worker syncs one replica while it runs: it publishes the outbox with
// each event's id as Nats-Msg-Id, marks events sent when the hub
// acknowledges them, and applies the other members' events from a durable
// consumer, one transaction each. Offline, edits stay in the outbox and
// go out on reconnect.
type Worker struct {
	store Store
	cfg   tsync.TeamConfig
	opt   Options

	cancel context.CancelFunc
	done   chan struct{}
	kick   chan struct{}

	inbox chan received   // received, for the applier
	quit  <-chan struct{} // closed when Stop is called

	mu       gosync.Mutex
	status   Status
	reported bool                // the first status goes out even when it is the zero one
	caught   map[string]bool     // consumers that delivered all they held
	held     map[string]struct{} // ids of the events that wait for an earlier one
}

// received is a message for the applier, and the consumer it caught up,
// to be marked so once the message is applied ("" for none).
type received struct {
	m      jetstream.Msg
	caught string
}

// StreamName is the JetStream stream holding team's events.
func StreamName(team string) string { return "TRIAD_" + team }

// Start runs a worker for store until Stop. It returns at once: the hub
// need not be reachable.
func Start(store Store, opt Options) (*Worker, error) {
	cfg, ok := store.Team()
	if !ok {
		return nil, errors.New("this database belongs to no team: nothing to sync")
	}
	if opt.URL == "" {
		opt.URL = cfg.HubURL
	}
	if opt.Batch <= 0 {
		opt.Batch = 256
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Worker{store: store, cfg: cfg, opt: opt, cancel: cancel, done: make(chan struct{}), kick: make(chan struct{}, 1),
		caught: map[string]bool{}, inbox: make(chan received, opt.Batch), held: map[string]struct{}{}}
	w.quit = ctx.Done()
	go w.run(ctx)
	return w, nil
}

// Stop ends the worker and waits for it; queued events stay queued.
func (w *Worker) Stop() {
	w.cancel()
	<-w.done
}

// Status is the worker's status now.
func (w *Worker) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.status
}

func (w *Worker) poke() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

func (w *Worker) update(f func(*Status)) {
	w.mu.Lock()
	before := w.status
	f(&w.status)
	after := w.status
	first := !w.reported
	w.reported = true
	w.mu.Unlock()
	if (first || after != before) && w.opt.OnStatus != nil {
		w.opt.OnStatus(after)
	}
}

func (w *Worker) run(ctx context.Context) {
	defer close(w.done)
	key := w.store.MemberKey()
	if key == nil {
		w.update(func(s *Status) { s.Problem = "this laptop's key for team " + w.cfg.Team + " is not loaded" })
		<-ctx.Done()
		return
	}
	nc, err := nats.Connect(w.opt.URL, append(clientOptions(key, w.grants),
		nats.Name("triad "+w.cfg.Team+" "+w.cfg.MemberKey),
		nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(true),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(100*time.Millisecond, 100*time.Millisecond),
		nats.ConnectHandler(func(*nats.Conn) { w.poke() }),
		nats.ReconnectHandler(func(*nats.Conn) { w.poke() }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			w.update(func(s *Status) {
				s.Online = false
				if err != nil {
					s.Problem = err.Error()
				}
			})
			w.poke()
		}),
	)...)
	if err != nil {
		w.update(func(s *Status) { s.Problem = err.Error() })
		<-ctx.Done()
		return
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		w.update(func(s *Status) { s.Problem = err.Error() })
		<-ctx.Done()
		return
	}
	// The applier ends after the consumers below stop (defers run last
	// first) and before the connection closes, so what it still holds
	// goes back to the hub.
	applyCtx, stopApply := context.WithCancel(context.Background())
	applying := make(chan struct{})
	go func() {
		defer close(applying)
		w.applyLoop(applyCtx)
	}()
	defer func() {
		stopApply()
		<-applying
	}()
	subs := map[string]jetstream.ConsumeContext{}
	defer func() {
		for _, c := range subs {
			c.Stop()
			<-c.Closed()
		}
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if nc.IsConnected() {
			if err := w.subscribe(ctx, js, key.Public, subs); err != nil {
				w.update(func(s *Status) { s.Problem = err.Error() })
			}
			w.flush(ctx, js)
		}
		online := nc.IsConnected() && len(subs) > 0
		w.refresh(ctx, online)
		caughtUp := online && w.caughtUp(subs)
		w.update(func(s *Status) { s.CaughtUp = caughtUp })
		select {
		case <-ctx.Done():
			return
		case <-w.store.Outbound():
		case <-w.kick:
		case <-tick.C:
		}
	}
}

// grants is the token the worker shows the hub at each connect: the
// grants of this member's asks not answered yet, so the hub lets it in to
// send them before they are on its stream.
func (w *Worker) grants() string {
	joins, err := w.store.JoiningPods(context.Background())
	if err != nil {
		return ""
	}
	words := make([]string, len(joins))
	for i, j := range joins {
		words[i] = j.Grant.Token()
	}
	return strings.Join(words, " ")
}

// wanted is one consumer the worker reads through.
type wanted struct {
	filter string
	join   bool // only the events about this member's join, until it is answered
}

// subscribe keeps subs to one durable consumer per pod this member holds
// a seat in (the deal desk's feeds of a pod where it is only a rep: the
// hub serves it no more), and one on its own join of each pod it waits to
// join (the hub lets it read nothing else of that pod); consumers no
// longer wanted are stopped. The team's stream is the hub's (or the NATS
// administrator's) to create.
func (w *Worker) subscribe(ctx context.Context, js jetstream.JetStream, key string, subs map[string]jetstream.ConsumeContext) error {
	pods, err := w.store.PodSeats(ctx)
	if err != nil {
		return err
	}
	joins, err := w.store.JoiningPods(ctx)
	if err != nil {
		return err
	}
	want := map[string]wanted{}
	for p, seats := range pods {
		if !tsync.DeskOnly(seats) {
			want[PodConsumer(key, p)] = wanted{filter: tsync.PodSubjects(w.cfg.Team, p)}
			continue
		}
		for name, filter := range DeskConsumers(w.cfg.Team, key, p) {
			want[name] = wanted{filter: filter}
		}
	}
	for _, j := range joins {
		want[JoinConsumer(key, j.Pod)] = wanted{filter: tsync.JoinSubjects(w.cfg.Team, j.Pod, key), join: true}
	}
	for name, c := range subs {
		if _, ok := want[name]; !ok {
			c.Stop()
			delete(subs, name)
		}
	}
	var first error
	for name, wt := range want {
		if subs[name] != nil {
			continue
		}
		c, err := w.consume(ctx, js, name, wt)
		if err != nil && first == nil {
			first = err
		}
		if err == nil {
			subs[name] = c
		}
	}
	asking := len(pods) == 0 && len(joins) > 0
	w.update(func(s *Status) { s.Asking = asking })
	if len(want) == 0 {
		return errors.New("this member holds a seat in no pod yet")
	}
	return first
}

// misfiled reports whether m holds an event published under another
// subject than its own: a member may publish only in its pods, so an
// event naming another pod (or, for a join, another invitee) than its
// subject says is not one its signer was let send.
func misfiled(m jetstream.Msg) bool {
	var ev tsync.Event
	return json.Unmarshal(m.Data(), &ev) == nil && ev.Subject() != m.Subject()
}

func (w *Worker) markCaught(name string) {
	w.mu.Lock()
	was := w.caught[name]
	w.caught[name] = true
	w.mu.Unlock()
	if !was {
		w.poke() // the status line may now say so
	}
}

func (w *Worker) caughtUp(subs map[string]jetstream.ConsumeContext) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for name := range subs {
		if !w.caught[name] {
			return false
		}
	}
	return true
}

// consume makes sure one consumer exists, filtered in the create
// request's subject as the hub requires, and starts taking its events.
func (w *Worker) consume(ctx context.Context, js jetstream.JetStream, name string, wt wanted) (jetstream.ConsumeContext, error) {
	// A request the hub does not permit gets no answer. That happens just
	// after this member's join is approved, when its laptop has the
	// approval before the hub has closed its connection to hand it its new
	// permissions: the wait is short, and the next round tries again.
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	cfg := jetstream.ConsumerConfig{
		Durable:       name,
		FilterSubject: wt.filter,
		AckPolicy:     jetstream.AckExplicitPolicy,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckWait:       30 * time.Second,
		MaxAckPending: 1024,
	}
	if wt.join {
		cfg.InactiveThreshold = 24 * time.Hour // answered joins' consumers go away
	}
	cons, err := js.CreateOrUpdateConsumer(cctx, StreamName(w.cfg.Team), cfg)
	if err != nil {
		return nil, fmt.Errorf("the consumer %s: %w", name, err)
	}
	if info := cons.CachedInfo(); info.NumPending == 0 && info.NumAckPending == 0 {
		w.markCaught(name)
	}
	return cons.Consume(func(m jetstream.Msg) {
		if misfiled(m) {
			m.Term() // no replica takes it: see misfiled
			return
		}
		caught := ""
		if md, err := m.Metadata(); err == nil && md.NumPending == 0 {
			caught = name // once applied: a command that syncs once waits for that
		}
		w.handle(received{m: m, caught: caught})
	}, jetstream.PullMaxMessages(512),
		jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
			if !errors.Is(err, nats.ErrConnectionClosed) {
				w.update(func(s *Status) { s.Problem = err.Error() })
			}
		}))
}

// handle passes a received event to the applier, which takes it with
// the others that came meanwhile in one commit. A worker that stops
// hands it back for redelivery.
func (w *Worker) handle(r received) {
	select {
	case w.inbox <- r:
	case <-w.quit:
		r.m.Nak()
	}
}

// applyLoop applies what handle receives, in batches of what has arrived
// (at most Batch), until ctx ends; then what is left goes back to the hub.
func (w *Worker) applyLoop(ctx context.Context) {
	for {
		var batch []received
		select {
		case <-ctx.Done():
			for {
				select {
				case r := <-w.inbox:
					r.m.Nak()
				default:
					return
				}
			}
		case r := <-w.inbox:
			batch = append(batch, r)
		}
	more:
		for len(batch) < w.opt.Batch {
			select {
			case r := <-w.inbox:
				batch = append(batch, r)
			default:
				break more
			}
		}
		w.applyBatch(batch)
	}
}

// applyBatch applies the batch's events in one transaction, then
// acknowledges each: a crash before the commit means a redelivery of all
// of them, one between the commit and the acknowledgements a redelivery
// the store takes as a no-op. An event that waits for an earlier one
// comes back later and later (heldDelay); one that failed comes back in 2 s.
func (w *Worker) applyBatch(batch []received) {
	evs := make([]tsync.Event, 0, len(batch))
	keep := batch[:0]
	for _, r := range batch {
		var ev tsync.Event
		if err := json.Unmarshal(r.m.Data(), &ev); err != nil {
			r.m.Term() // not an event: nothing could ever apply it
			continue
		}
		evs, keep = append(evs, ev), append(keep, r)
	}
	if len(evs) == 0 {
		return
	}
	out, err := w.store.ApplyEvents(context.Background(), evs)
	if err != nil {
		w.update(func(s *Status) { s.Problem = err.Error() })
		for _, r := range keep {
			r.m.NakWithDelay(2 * time.Second)
		}
		return
	}
	applied, held, problem := w.acknowledge(keep, evs, out)
	w.update(func(s *Status) {
		s.LastContact, s.Held = time.Now(), held
		if problem != nil {
			s.Problem = problem.Error()
		}
	})
	for _, r := range keep {
		if r.caught != "" {
			w.markCaught(r.caught)
		}
	}
	if len(applied) > 0 && w.opt.OnApplied != nil {
		w.opt.OnApplied(applied)
	}
}

// acknowledge tells the hub what became of each event of a committed
// batch, and returns the events applied, how many wait for an earlier
// one, and the last failure.
func (w *Worker) acknowledge(batch []received, evs []tsync.Event, out []tsync.Outcome) (applied []tsync.Event, held int, problem error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, o := range out {
		m, id := batch[i].m, evs[i].ID
		switch {
		case errors.Is(o.Err, tsync.ErrNotYet):
			w.held[id] = struct{}{}
			m.NakWithDelay(heldDelay(m))
		case o.Err != nil:
			problem = o.Err
			m.NakWithDelay(2 * time.Second)
		default:
			delete(w.held, id)
			m.Ack()
			if o.Result == tsync.EventApplied {
				applied = append(applied, evs[i])
			}
		}
	}
	return applied, len(w.held), problem
}

// heldDelay is how long an event that waits for an earlier one stays away:
// 1 s after its first delivery, doubling with each, at most 2 minutes, so
// one that waits for good costs the hub and this laptop next to nothing.
func heldDelay(m jetstream.Msg) time.Duration {
	n := uint64(1)
	if md, err := m.Metadata(); err == nil && md.NumDelivered > 0 {
		n = md.NumDelivered
	}
	if n > 8 {
		n = 8
	}
	return min(time.Second<<(n-1), maxHeldDelay)
}

const maxHeldDelay = 2 * time.Minute

// flush publishes the outbox in batches, awaiting each batch's
// acknowledgements before marking it sent. It stops at the first failure;
// what was not acknowledged is sent again, and the hub drops the copies
// by their message id.
func (w *Worker) flush(ctx context.Context, js jetstream.JetStream) {
	for ctx.Err() == nil {
		evs, err := w.store.PendingEvents(ctx, w.opt.Batch)
		if err != nil || len(evs) == 0 {
			return
		}
		futures := make([]jetstream.PubAckFuture, 0, len(evs))
		for _, ev := range evs {
			body, err := json.Marshal(ev)
			if err != nil {
				return
			}
			f, err := js.PublishAsync(ev.Subject(), body, jetstream.WithMsgID(ev.ID), jetstream.WithExpectStream(StreamName(w.cfg.Team)))
			if err != nil {
				break
			}
			futures = append(futures, f)
		}
		var acked []string
		timeout := time.NewTimer(10 * time.Second)
	wait:
		for i, f := range futures {
			select {
			case <-f.Ok():
				acked = append(acked, evs[i].ID)
			case err := <-f.Err():
				w.update(func(s *Status) { s.Problem = err.Error() })
				break wait
			case <-timeout.C:
				break wait
			case <-ctx.Done():
				break wait
			}
		}
		timeout.Stop()
		if len(acked) > 0 {
			if err := w.store.MarkSent(context.Background(), acked...); err != nil {
				return
			}
			w.update(func(s *Status) { s.LastContact = time.Now(); s.Problem = "" })
		}
		if len(acked) < len(evs) {
			return
		}
	}
}

func (w *Worker) refresh(ctx context.Context, online bool) {
	waiting, _, err := w.store.OutboxCounts(ctx)
	if err != nil {
		return
	}
	w.update(func(s *Status) {
		s.Online, s.Waiting = online, waiting
		if online {
			s.Problem = ""
			// Connected and subscribed is contact, even with nothing to
			// send or take; minutes are what the line shows.
			if now := time.Now(); now.Sub(s.LastContact) >= time.Minute {
				s.LastContact = now
			}
		}
	})
}
