package natsync

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	gosync "sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"

	tsync "triad/data/sync"
)

// The hub lets a laptop in by its member key alone: the client signs the
// server's nonce with it (nats.Nkey), and the hub gives the key the
// permissions the team's own signed events allow, read from its stream
// through a tsync.Roster:
//
//   - a member publishes and reads only its pods' subjects, triad.TEAM.POD.>,
//     through one consumer per pod named after its key and the pod, whose
//     filter is in the create request's subject; a key that is only a rep
//     in a pod publishes only its deal desk and reads it, the pod's sharing
//     and form and the join approvals (tsync.DeskSubjects), one consumer
//     each (DeskConsumers); no other JetStream API
//     (no direct or message get, no stream purge, delete or update, no
//     consumer with several filters);
//   - only a pod's facilitator (and Tech Lead, for delegates) publishes a
//     join's answer, and only a facilitator repeats the pod's sharing;
//   - an invitee (its ask on the stream, or a valid unused grant shown as
//     its token) publishes its ask and reads the events about its own
//     join, nothing else of the pod; a refused one only reads its answer;
//   - whoever shows the hub's founding code may share a new pod;
//   - every other key is refused at connect.
//
// A key's permissions are set when it connects: when the roster changes
// what a key may reach, the hub closes that key's connections, and the
// client reconnects with its new ones.

// InboxPrefix is where replies to key's requests arrive: its own, so no
// member can read another's replies.
func InboxPrefix(key string) string { return "_INBOX." + key }

// PodConsumer is the durable consumer through which key reads pod.
func PodConsumer(key, pod string) string { return "pod_" + pod + "_" + key }

// DeskConsumers are the durable consumers, by name, through which a key
// that is only a rep in pod reads its deal desk (tsync.DeskSubjects), each
// with its filter.
func DeskConsumers(team, key, pod string) map[string]string {
	out := map[string]string{}
	for i, f := range tsync.DeskSubjects(team, pod) {
		out[deskFeeds[i]+"_"+pod+"_"+key] = f
	}
	return out
}

// deskFeeds name DeskConsumers, in tsync.DeskSubjects' order.
var deskFeeds = []string{"desk", "form", "seats"}

// JoinConsumer is the consumer through which key reads its join of pod.
func JoinConsumer(key, pod string) string { return "join_" + pod + "_" + key }

const foundTokenPrefix = "found."

// hubAuth is the hub's server.Authentication.
type hubAuth struct {
	team   string
	code   string
	hubPub string // the hub's own in-process client, which reads the roster

	mu     gosync.Mutex
	roster *tsync.Roster
	ready  bool                // the roster has read the stream up to its end
	conns  map[string][]uint64 // key → its connections' ids, to close on a change
	kick   func(id uint64)
}

func newHubAuth(team, code, hubPub string) *hubAuth {
	return &hubAuth{team: team, code: code, hubPub: hubPub, roster: tsync.NewRoster(team), conns: map[string][]uint64{}}
}

// Check is called by the server for every client that connects.
func (a *hubAuth) Check(c server.ClientAuthentication) bool {
	if c.Kind() != server.CLIENT {
		return false
	}
	o := c.GetOpts()
	if !signedNonce(o.Nkey, o.Sig, c.GetNonce()) {
		return false
	}
	if o.Nkey == a.hubPub {
		c.RegisterUser(&server.User{Username: "triad-hub"})
		return true
	}
	founder, grants := a.tokens(o.Token)
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.ready {
		return false // reading the stream still: the client retries
	}
	acc := a.roster.Access(o.Nkey)
	var joining []string
	for _, g := range grants {
		if a.roster.Admits(g) == nil {
			joining = append(joining, g.Pod)
		}
	}
	if !acc.Known() && len(joining) == 0 && !founder {
		return false
	}
	c.RegisterUser(&server.User{Username: o.Nkey, Permissions: permissions(a.team, o.Nkey, acc, joining, founder)})
	a.conns[o.Nkey] = append(a.conns[o.Nkey], c.GetID())
	return true
}

func signedNonce(pub, sig string, nonce []byte) bool {
	if !nkeys.IsValidPublicUserKey(pub) || len(nonce) == 0 {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		if raw, err = base64.StdEncoding.DecodeString(sig); err != nil {
			return false
		}
	}
	kp, err := nkeys.FromPublicKey(pub)
	return err == nil && kp.Verify(nonce, raw) == nil
}

// tokens reads a client's token: space-separated words, the hub's
// founding code and grants.
func (a *hubAuth) tokens(tok string) (founder bool, grants []tsync.Grant) {
	for _, w := range strings.Fields(tok) {
		if code, ok := strings.CutPrefix(w, foundTokenPrefix); ok {
			founder = founder || (a.code != "" && subtle.ConstantTimeCompare([]byte(code), []byte(a.code)) == 1)
		} else if g, err := tsync.ParseGrantToken(w); err == nil {
			grants = append(grants, g)
		}
	}
	return founder, grants
}

// take gives the roster one event from the stream, and closes the
// connections of every key whose access it changed.
func (a *hubAuth) take(ev tsync.Event) {
	a.mu.Lock()
	var ids []uint64
	for _, k := range a.roster.Take(ev) {
		ids = append(ids, a.conns[k]...)
		delete(a.conns, k)
	}
	kick := a.kick
	a.mu.Unlock()
	for _, id := range ids {
		kick(id)
	}
}

func (a *hubAuth) setReady() {
	a.mu.Lock()
	a.ready = true
	a.mu.Unlock()
}

// permissions is what key may publish and subscribe to (see above).
func permissions(team, key string, acc tsync.Access, joining []string, founder bool) *server.Permissions {
	stream := StreamName(team)
	var pub, deny []string
	consumer := func(name, filter string) {
		pub = append(pub, "$JS.API.CONSUMER.CREATE."+stream+"."+name+"."+filter,
			"$JS.API.CONSUMER.INFO."+stream+"."+name,
			"$JS.API.CONSUMER.MSG.NEXT."+stream+"."+name,
			"$JS.ACK."+stream+"."+name+".>", "$JS.ACK.*.*."+stream+"."+name+".>")
	}
	pods := map[string]bool{}
	for _, p := range append(append(append([]string{}, acc.Asking...), acc.Refused...), joining...) {
		pods[p] = true
	}
	for p := range acc.Seats {
		pods[p] = true
	}
	for p := range pods {
		consumer(JoinConsumer(key, p), tsync.JoinSubjects(team, p, key))
	}
	for _, p := range append(append([]string{}, acc.Asking...), joining...) {
		pub = append(pub, "triad."+team+"."+p+"."+string(tsync.KindJoinAsked)+"."+key)
	}
	for p, seats := range acc.Seats {
		if tsync.DeskOnly(seats) {
			// A rep: the deal desk only, each of its feeds a consumer,
			// and its own ask for another seat there.
			pub = append(pub, tsync.DeskPublish(team, p), "triad."+team+"."+p+"."+string(tsync.KindJoinAsked)+"."+key)
			for name, filter := range DeskConsumers(team, key, p) {
				consumer(name, filter)
			}
			continue
		}
		pub = append(pub, tsync.PodSubjects(team, p))
		consumer(PodConsumer(key, p), tsync.PodSubjects(team, p))
		m := tsync.Membership{Pod: p}
		for _, s := range seats {
			m.Members = append(m.Members, tsync.Member{Key: key, Seat: s})
		}
		if !m.Holds(key, tsync.SeatFacilitator) && !m.Holds(key, tsync.SeatTechLead) {
			deny = append(deny, "triad."+team+"."+p+"."+string(tsync.KindJoinApproved)+".*",
				"triad."+team+"."+p+"."+string(tsync.KindJoinRefused)+".*")
		}
		if !m.Holds(key, tsync.SeatFacilitator) {
			deny = append(deny, "triad."+team+"."+p+"."+string(tsync.KindPodShared))
		}
	}
	if founder {
		pub = append(pub, "triad."+team+".*."+string(tsync.KindPodShared))
	}
	return &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: pub, Deny: deny},
		Subscribe: &server.SubjectPermission{Allow: []string{InboxPrefix(key) + ".>"}},
	}
}

// clientOptions are how a member's laptop connects: by its key, with its
// own inbox, showing token() (its grants not answered yet) each time, and
// trying again after a refusal (an invitee waits for its approval).
func clientOptions(key *tsync.Key, token func() string) []nats.Option {
	opts := []nats.Option{nats.Nkey(key.Public, key.Sign), nats.CustomInboxPrefix(InboxPrefix(key.Public)), nats.IgnoreAuthErrorAbort()}
	if token != nil {
		opts = append(opts, nats.TokenHandler(token))
	}
	return opts
}

// Founder carries a pod's sharing to the hub at url as it is made (for
// sqlite.DB.SharePod): it connects showing the hub's founding code,
// publishes the event and waits for the hub to store it.
func Founder(url, code string, key *tsync.Key) func(tsync.Event) error {
	return func(ev tsync.Event) error {
		nc, err := nats.Connect(url, append(clientOptions(key, nil), nats.Token(foundTokenPrefix+code), nats.Timeout(5*time.Second))...)
		if errors.Is(err, nats.ErrAuthorization) {
			return fmt.Errorf("the hub at %s refused the founding code: copy it again from where triad hub printed it", url)
		}
		if err != nil {
			return fmt.Errorf("cannot reach the hub at %s: %w", url, err)
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err != nil {
			return err
		}
		body, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := js.Publish(ctx, ev.Subject(), body, jetstream.WithMsgID(ev.ID), jetstream.WithExpectStream(StreamName(ev.Team))); err != nil {
			return fmt.Errorf("the hub at %s did not take the pod (is it the hub of team %s?): %w", url, ev.Team, err)
		}
		return nil
	}
}
