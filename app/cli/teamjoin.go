package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tsync "triad/data/sync"
	"triad/data/sync/natsync"
)

// syncWait bounds how long a team command syncing once waits for the hub.
const syncWait = 20 * time.Second

// runTeamAnswer is `triad team approve|refuse [--db FILE] [WHO]`: it takes
// in what the hub holds, lists who asks to join (with no WHO), or answers
// the ask of WHO (a name or the start of a key) and sends the answer.
func runTeamAnswer(env Env, args []string, approve bool) int {
	fs := newFlagSet(env, "team")
	db := fs.String("db", "", "database `file`")
	rest, code, done := parse(env, fs, args)
	if done {
		return code
	}
	if len(rest) > 1 {
		fmt.Fprintln(env.Stderr, "triad team approve|refuse: give who (a name, or the start of their key), once")
		return ExitUsage
	}
	s, ts, code, ok := openTeamFile(env, *db)
	if !ok {
		return code
	}
	defer s.Close()
	w, err := syncOnce(env, s, ts)
	if err != nil {
		return teamFail(env, err)
	}
	defer w.Stop()
	ctx := context.Background()
	asks, err := ts.JoinRequests(ctx, false)
	if err != nil {
		return teamFail(env, err)
	}
	if len(rest) == 0 {
		listAsks(env, asks)
		return ExitOK
	}
	r, err := pickAsk(asks, rest[0])
	if err != nil {
		return teamFail(env, err)
	}
	if r, err = ts.DecideJoin(ctx, r.Nonce, approve); err != nil {
		return teamFail(env, err)
	}
	verb := "Refused"
	if approve {
		verb = "Approved"
	}
	fmt.Fprintf(env.Stdout, "%s %s as %s of %s.", verb, orUnknown(r.Name), r.Seat, orUnknown(r.PodName))
	// The outbox as the store has it: the worker's own count is of its
	// last look, from before the answer was queued, and saying "the hub
	// has it" on that would stop the worker with the answer unsent.
	sent := func() bool {
		waiting, _, err := ts.OutboxCounts(ctx)
		return err == nil && waiting == 0 && w.Status().Online
	}
	if awaitSync(sent) {
		fmt.Fprintln(env.Stdout, " The hub has it.")
	} else {
		fmt.Fprintln(env.Stdout, " The hub did not answer: it goes out when Triad next syncs on this laptop.")
	}
	return ExitOK
}

// syncOnce loads this laptop's key and starts the sync worker, then waits
// (up to syncWait) until it has taken in what the hub holds.
func syncOnce(env Env, s Store, ts teamStore) (*natsync.Worker, error) {
	cfg, ok := ts.Team()
	if !ok {
		return nil, errors.New("this database belongs to no team")
	}
	key, err := env.teamKey(cfg.Team, false)
	if err != nil {
		return nil, err
	}
	if err := ts.UseKey(key); err != nil {
		return nil, err
	}
	ns, ok := s.(natsync.Store)
	if !ok {
		return nil, errors.New("this database cannot sync")
	}
	if fs, ok := s.(interface {
		SendNewFormFields(ctx context.Context) (int, error)
	}); ok {
		if _, err := fs.SendNewFormFields(context.Background()); err != nil {
			return nil, err
		}
	}
	w, err := natsync.Start(ns, natsync.Options{})
	if err != nil {
		return nil, err
	}
	if !awaitSync(func() bool { return w.Status().CaughtUp }) {
		fmt.Fprintf(env.Stderr, "triad team: the hub at %s did not answer (%s): using what this laptop has\n", cfg.HubURL, orUnknown(w.Status().Problem))
	}
	return w, nil
}

// awaitSync polls cond until it holds or syncWait has passed.
func awaitSync(cond func() bool) bool {
	deadline := time.Now().Add(syncWait)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
	return true
}

func listAsks(env Env, asks []tsync.JoinRequest) {
	if len(asks) == 0 {
		fmt.Fprintln(env.Stdout, "No one is waiting to join.")
		return
	}
	for _, r := range asks {
		fmt.Fprintf(env.Stdout, "%s asks to join %s as %s (key %s)\n", orUnknown(r.Name), orUnknown(r.PodName), r.Seat, r.Key)
	}
	fmt.Fprintln(env.Stdout, "Answer with: triad team approve NAME (or triad team refuse NAME)")
}

// pickAsk finds the one ask who names: its name, or the start of its key.
func pickAsk(asks []tsync.JoinRequest, who string) (tsync.JoinRequest, error) {
	var found []tsync.JoinRequest
	for _, r := range asks {
		if strings.EqualFold(r.Name, who) || (len(who) >= 4 && strings.HasPrefix(r.Key, strings.ToUpper(who))) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 0:
		return tsync.JoinRequest{}, fmt.Errorf("no one named %q is waiting to join (triad team approve lists who is)", who)
	case 1:
		return found[0], nil
	}
	return tsync.JoinRequest{}, fmt.Errorf("%d asks match %q: give the start of the key instead", len(found), who)
}
