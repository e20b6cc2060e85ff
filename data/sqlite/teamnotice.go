package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// DealNotices says which of evs, other members' events this replica has
// applied, concern this laptop's member: a request that now waits for
// their sign-off (they hold the pod's Tech Lead or delegate seat; a
// facilitator's laptop is not told), and a decision on a request they
// filed. An event that set a field a later one had already set again
// tells nothing: the request's state now is what counts.
func (s *DB) DealNotices(ctx context.Context, evs []tsync.Event) ([]data.DealNotice, error) {
	t := s.team.Load()
	if t == nil {
		return nil, nil
	}
	me := t.cfg.MemberKey
	var out []data.DealNotice
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		for _, ev := range evs {
			n, ok, err := dealNotice(ctx, tx, me, ev)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, n)
			}
		}
		return nil
	})
	return out, err
}

func dealNotice(ctx context.Context, tx *sql.Tx, me string, ev tsync.Event) (data.DealNotice, bool, error) {
	if ev.Signer == me || !strings.HasPrefix(string(ev.Kind), "deal.") {
		return data.DealNotice{}, false, nil
	}
	var p dealPayload
	dec := json.NewDecoder(bytes.NewReader(ev.Payload))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return data.DealNotice{}, false, nil
	}
	set, _ := p.Fields["state"].(string)
	var kind data.DealNoticeKind
	switch data.DealState(set) {
	case data.DealPending:
		kind = data.NoticeSignOffNeeded
	case data.DealApproved, data.DealRejected, data.DealChangesRequested:
		kind = data.NoticeDecided
	default:
		return data.DealNotice{}, false, nil
	}
	m, err := membership(ctx, tx, ev.Pod)
	if err != nil {
		return data.DealNotice{}, false, err
	}
	switch kind {
	case data.NoticeSignOffNeeded:
		if !m.Holds(me, tsync.SeatTechLead) && !m.Holds(me, tsync.SeatDelegate) {
			return data.DealNotice{}, false, nil
		}
	case data.NoticeDecided:
		owner, err := ownerOf(ctx, tx, p.Request)
		if err != nil || owner != me {
			return data.DealNotice{}, false, err
		}
	}
	id, err := requestIDByUID(ctx, tx, p.Request)
	if errors.Is(err, data.ErrNotFound) {
		return data.DealNotice{}, false, nil
	} else if err != nil {
		return data.DealNotice{}, false, err
	}
	r, err := getDealRequest(ctx, tx, id)
	if err != nil || string(r.State) != set {
		return data.DealNotice{}, false, err
	}
	n := data.DealNotice{Kind: kind, Request: r}
	for _, x := range m.Members {
		if x.Key == ev.Signer && x.Name != "" {
			n.By = x.Name
			break
		}
	}
	return n, true, nil
}
