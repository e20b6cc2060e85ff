package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"

	"triad/data"
	tsync "triad/data/sync"
)

// seatCache keeps each shared pod's membership as the writer connection
// last read it, so that an edit, which checks its own event against the
// authority rule, does not read the pod's seats again on every save.
//
// Seats are only ever added (addMember), always in a write transaction.
// The transaction that adds one stops the cache for the rest of its run:
// its own reads go to the table, which is right even across a savepoint
// rolled back. When it ends, committed or not, the cache is emptied.
//
// The freeze names its transaction: Commit hands the writer connection
// to the next write transaction before the one committed has run its
// deferred txEnded, so the next one may already have added a seat, and
// that late txEnded must not thaw the cache under it.
type seatCache struct {
	mu       sync.Mutex
	byPod    map[string]tsync.Membership
	frozenBy *sql.Tx // the transaction under way that wrote a seat
}

func (c *seatCache) get(pod string) (tsync.Membership, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.byPod[pod]
	if !ok || c.frozenBy != nil {
		return tsync.Membership{}, false
	}
	m.Members = slices.Clone(m.Members)
	return m, true
}

func (c *seatCache) put(pod string, m tsync.Membership) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozenBy != nil {
		return
	}
	if c.byPod == nil {
		c.byPod = map[string]tsync.Membership{}
	}
	m.Members = slices.Clone(m.Members)
	c.byPod[pod] = m
}

// written is called before a seat is written in the transaction tx.
func (c *seatCache) written(tx *sql.Tx) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byPod, c.frozenBy = nil, tx
}

// txEnded is called when the write transaction tx ends, whatever its
// outcome.
func (c *seatCache) txEnded(tx *sql.Tx) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozenBy == tx {
		c.byPod, c.frozenBy = nil, nil
	}
}

// seatsOf is membership, from the cache in the write transaction when the
// pod's seats were read before and none was added since. A read
// transaction neither uses nor fills it: its snapshot may be older than
// the writer's last seat.
func (s *DB) seatsOf(ctx context.Context, tx *sql.Tx, podUID string) (tsync.Membership, error) {
	writer := tx == s.writing.Load()
	if m, ok := s.seats.get(podUID); ok && writer {
		return m, nil
	}
	m, err := membership(ctx, tx, podUID)
	if err != nil || !writer {
		return m, err
	}
	s.seats.put(podUID, m)
	return m, nil
}

// holdsSeat reports whether this laptop's member holds a seat in the pod.
// It is asked before a change: for a pod this member has asked to join,
// with no answer yet, it refuses the change (refuseWhileAsked), which
// would reach no other laptop while the pod's record is still to come.
func (s *DB) holdsSeat(ctx context.Context, tx *sql.Tx, t *team, podUID string) (bool, error) {
	m, err := s.seatsOf(ctx, tx, podUID)
	if err != nil {
		return false, err
	}
	if len(m.SeatsOf(t.cfg.MemberKey)) > 0 {
		return true, nil
	}
	return false, s.refuseWhileAsked(ctx, tx, t, podUID)
}

// refuseWhileAsked refuses a change to a pod this member has asked to
// join and waits to hear about; nil for any other pod.
func (s *DB) refuseWhileAsked(ctx context.Context, tx *sql.Tx, t *team, podUID string) error {
	asked, _, err := s.ownAsk(ctx, tx, t, podUID)
	if err != nil || asked == "" {
		return err
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM pods WHERE uid = ?`, podUID).Scan(&name); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return data.Conflictf("You asked to join %s as %s, and its facilitator has not answered yet: the pod's record arrives once they approve, "+
		"and changes to it wait until then, as they would reach no other laptop. Nothing was changed", name, asked)
}

// ownAsk is the seat of this member's ask to join the pod still waiting
// for its answer, or else of the last one refused ("" for none).
func (s *DB) ownAsk(ctx context.Context, tx *sql.Tx, t *team, podUID string) (asked, refused string, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT seat, state FROM sync_joins WHERE member_key = ? AND pod_uid = ? AND state != 'approved'
		ORDER BY asked_at`, t.cfg.MemberKey, podUID)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var seat, state string
		if err := rows.Scan(&seat, &state); err != nil {
			return "", "", err
		}
		if state == "asked" {
			asked = tsync.Seat(seat).Label()
		} else {
			refused = tsync.Seat(seat).Label()
		}
	}
	return asked, refused, rows.Err()
}
