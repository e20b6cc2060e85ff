package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// newUID is a global id for a record: 128 random bits as 32 hex digits,
// the form the 0015 migration gives existing rows.
func newUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

// team is a database's team as the store uses it: the configuration, this
// member's key once UseKey has been given it, and the clock of its events.
type team struct {
	cfg   tsync.TeamConfig
	key   *tsync.Key
	clock *tsync.Clock
}

// loadTeam reads the team row at open. No row: the single-laptop default,
// and nothing below ever writes a sync table.
func (s *DB) loadTeam(ctx context.Context) error {
	var cfg tsync.TeamConfig
	err := s.db.QueryRowContext(ctx, `SELECT team, hub_url, member_key, name FROM sync_team WHERE id = 1`).
		Scan(&cfg.Team, &cfg.HubURL, &cfg.MemberKey, &cfg.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	clock := tsync.NewClock(s.now)
	// Never hand out a reading older than one this replica already used or saw.
	var last sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT max(h) FROM (SELECT max(hlc) AS h FROM sync_outbox
		UNION ALL SELECT max(hlc) FROM sync_applied)`).Scan(&last); err != nil {
		return err
	}
	if h, err := tsync.ParseHLC(last.String); err == nil {
		clock.Observe(h)
	}
	s.team.Store(&team{cfg: cfg, clock: clock})
	return nil
}

// Team returns the database's team; ok is false for a database with none.
func (s *DB) Team() (cfg tsync.TeamConfig, ok bool) {
	t := s.team.Load()
	if t == nil {
		return tsync.TeamConfig{}, false
	}
	return t.cfg, true
}

// SetUpTeam makes this database a member of a team, as the member whose
// key is k (kept in the config folder; only its public half is stored).
// A database belongs to one team for good.
func (s *DB) SetUpTeam(ctx context.Context, teamName, hubURL, memberName string, k *tsync.Key) error {
	if err := tsync.ValidTeam(teamName); err != nil {
		return data.Invalidf("%s", err)
	}
	if strings.TrimSpace(hubURL) == "" {
		return data.Invalidf("Give the hub's address, e.g. nats://hub.example.com:4222")
	}
	if cfg, ok := s.Team(); ok {
		return data.Conflictf("This database already belongs to team %s", cfg.Team)
	}
	cfg := tsync.TeamConfig{Team: teamName, HubURL: strings.TrimSpace(hubURL), MemberKey: k.Public, Name: data.CleanLine(memberName)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_team (id, team, hub_url, member_key, name, created_at)
			VALUES (1, ?, ?, ?, ?, ?)`, cfg.Team, cfg.HubURL, cfg.MemberKey, cfg.Name, s.stamp())
		return err
	})
	if err != nil {
		return err
	}
	s.team.Store(&team{cfg: cfg, key: k, clock: tsync.NewClock(s.now)})
	return nil
}

// UseKey gives the store this member's key, which signs every event it
// writes. It must be the key the team was set up with.
func (s *DB) UseKey(k *tsync.Key) error {
	t := s.team.Load()
	if t == nil {
		return data.Conflictf("This database belongs to no team")
	}
	if k.Public != t.cfg.MemberKey {
		return data.Conflictf("That key is not the one this database joined team %s with", t.cfg.Team)
	}
	s.team.Store(&team{cfg: t.cfg, key: k, clock: t.clock})
	return nil
}

// SetHubURL changes the hub this database syncs through.
func (s *DB) SetHubURL(ctx context.Context, url string) error {
	t := s.team.Load()
	if t == nil {
		return data.Conflictf("This database belongs to no team")
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sync_team SET hub_url = ? WHERE id = 1`, url)
		return err
	})
	if err == nil {
		cfg := t.cfg
		cfg.HubURL = url
		s.team.Store(&team{cfg: cfg, key: t.key, clock: t.clock})
	}
	return err
}

// AddMember records, on this laptop only, that key holds seat in the pod:
// how a founder's replica learns the seats it handed out before their
// join events arrive, and how a joiner learns the founder from the
// invitation.
func (s *DB) AddMember(ctx context.Context, podUID string, m tsync.Member) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.addMember(ctx, tx, podUID, m, "", s.stamp())
	})
}

func (s *DB) addMember(ctx context.Context, tx *sql.Tx, podUID string, m tsync.Member, nonce string, at string) error {
	s.seats.written(tx)
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_members (pod_uid, member_key, seat, name, grant_nonce, joined_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pod_uid, member_key, seat) DO UPDATE SET name = excluded.name`,
		podUID, m.Key, string(m.Seat), m.Name, nullString(nonce), at)
	return err
}

// SharedPods lists the global ids of the pods this member holds a seat in:
// the pods whose events this replica takes.
func (s *DB) SharedPods(ctx context.Context) ([]string, error) {
	t := s.team.Load()
	if t == nil {
		return nil, nil
	}
	var pods []string
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT pod_uid FROM sync_members WHERE member_key = ? ORDER BY pod_uid`, t.cfg.MemberKey)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				return err
			}
			pods = append(pods, p)
		}
		return rows.Err()
	})
	return pods, err
}

// PodSeats lists, by the pod's global id, the seats this member holds in
// each pod it holds one in: the worker reads a pod where it is only a rep
// through that pod's deal-desk feeds (tsync.DeskOnly).
func (s *DB) PodSeats(ctx context.Context) (map[string][]tsync.Seat, error) {
	t := s.team.Load()
	if t == nil {
		return nil, nil
	}
	out := map[string][]tsync.Seat{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT pod_uid, seat FROM sync_members WHERE member_key = ? ORDER BY pod_uid, seat`, t.cfg.MemberKey)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pod, seat string
			if err := rows.Scan(&pod, &seat); err != nil {
				return err
			}
			out[pod] = append(out[pod], tsync.Seat(seat))
		}
		return rows.Err()
	})
	return out, err
}

// deskOnly reports whether this member is only a rep in the pod, as tx
// sees it: its laptop then holds the pod's deal desk alone.
func (s *DB) deskOnly(ctx context.Context, tx *sql.Tx, podUID string) (bool, error) {
	t := s.team.Load()
	if t == nil {
		return false, nil
	}
	seats, err := s.memberSeats(ctx, tx, t, podUID)
	if err != nil {
		return false, err
	}
	return tsync.DeskOnly(seats), nil
}

// memberSeats are the seats this laptop's member holds in the pod.
func (s *DB) memberSeats(ctx context.Context, tx *sql.Tx, t *team, podUID string) ([]tsync.Seat, error) {
	seats, err := queryColumn[string](ctx, tx, `SELECT seat FROM sync_members WHERE pod_uid = ? AND member_key = ?`, podUID, t.cfg.MemberKey)
	if err != nil {
		return nil, err
	}
	list := make([]tsync.Seat, len(seats))
	for i, x := range seats {
		list[i] = tsync.Seat(x)
	}
	return list, nil
}

// PodHolding says what this laptop holds of the pod: its deal desk only
// when this member is only a rep there, with the requests it filed; and
// what of the pod the store refuses to change here (its delete, its form).
func (s *DB) PodHolding(ctx context.Context, podID int64) (data.PodHolding, error) {
	var h data.PodHolding
	t := s.team.Load()
	if t == nil {
		return h, nil // one laptop's: all of it
	}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var uid string
		if err := tx.QueryRowContext(ctx, `SELECT uid FROM pods WHERE id = ?`, podID).Scan(&uid); errors.Is(err, sql.ErrNoRows) {
			return data.NotFoundf("That pod no longer exists")
		} else if err != nil {
			return err
		}
		var err error
		if err = s.podRights(ctx, tx, &h, uid); err != nil {
			return err
		}
		if !h.Shared {
			if h.Asked, h.Refused, err = s.ownAsk(ctx, tx, t, uid); err != nil {
				return err
			}
		}
		if h.DealDeskOnly, err = s.deskOnly(ctx, tx, uid); err != nil || !h.DealDeskOnly {
			return err
		}
		h.Mine, err = queryColumn[int64](ctx, tx, `SELECT r.id FROM deal_requests r JOIN sync_owners o ON o.record_uid = r.uid
			WHERE r.pod_id = ? AND o.owner_key = ? ORDER BY r.id`, podID, t.cfg.MemberKey)
		return err
	})
	return h, err
}

// podRights says whether this laptop's member holds a seat in the pod
// (it is shared, and refuseUnsharedDelete refuses its delete) and, if so,
// whether the pod's form is another member's (only the facilitator edits
// it: tsync.Authorize refuses KindPodEdited from any other seat) and
// whether its meeting record is (only the facilitator and the PM make and
// edit meetings) and its requests are (only reps and the facilitator file
// them).
func (s *DB) podRights(ctx context.Context, tx *sql.Tx, h *data.PodHolding, podUID string) error {
	t := s.team.Load()
	if t == nil {
		return nil
	}
	seats, err := s.memberSeats(ctx, tx, t, podUID)
	if err != nil || len(seats) == 0 {
		return err
	}
	h.Shared = true
	h.FormElsewhere = !slices.Contains(seats, tsync.SeatFacilitator)
	h.RecordElsewhere = h.FormElsewhere && !slices.Contains(seats, tsync.SeatProduct)
	h.FilesElsewhere = h.FormElsewhere && !slices.Contains(seats, tsync.SeatRep)
	return nil
}

// Membership is who holds which seat of the pod, as this replica knows it.
func (s *DB) Membership(ctx context.Context, podUID string) (tsync.Membership, error) {
	var m tsync.Membership
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = membership(ctx, tx, podUID)
		return err
	})
	return m, err
}

func membership(ctx context.Context, tx *sql.Tx, podUID string) (tsync.Membership, error) {
	m := tsync.Membership{Pod: podUID}
	rows, err := tx.QueryContext(ctx, `SELECT member_key, seat, name FROM sync_members WHERE pod_uid = ?
		ORDER BY seat, member_key`, podUID)
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		var x tsync.Member
		var seat string
		if err := rows.Scan(&x.Key, &seat, &x.Name); err != nil {
			return m, err
		}
		x.Seat = tsync.Seat(seat)
		m.Members = append(m.Members, x)
	}
	return m, rows.Err()
}

func podIDByUID(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM pods WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, data.NotFoundf("No pod with global id %s is on this laptop", uid)
	}
	return id, err
}

// SetPodUID gives a pod the global id it has on the team's other laptops:
// for a pod made here from an invitation.
func (s *DB) SetPodUID(ctx context.Context, podID int64, uid string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE pods SET uid = ? WHERE id = ?`, uid, podID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFoundf("That pod no longer exists")
		}
		return nil
	})
}

// sharedPod returns the global id of the pod when this database has a team
// and the pod is shared with it (this member holds a seat in it); "" otherwise.
func (s *DB) sharedPod(ctx context.Context, tx *sql.Tx, podID int64) (*team, string, error) {
	t := s.team.Load()
	if t == nil {
		return nil, "", nil
	}
	var uid sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT uid FROM pods WHERE id = ?`, podID).Scan(&uid)
	if errors.Is(err, sql.ErrNoRows) || !uid.Valid {
		return t, "", nil
	}
	if err != nil {
		return t, "", err
	}
	mine, err := s.holdsSeat(ctx, tx, t, uid.String)
	if err != nil || !mine {
		return t, "", err
	}
	return t, uid.String, nil
}

// refuseUnsharedDelete refuses to delete what (a pod, a proposed
// decision) of a pod this laptop shares with its team: those deletes do
// not travel to the other laptops yet, so the record would go here and
// stay there, and the laptops would no longer hold the same pod.
func (s *DB) refuseUnsharedDelete(ctx context.Context, tx *sql.Tx, podID int64, what string) error {
	t, uid, err := s.sharedPod(ctx, tx, podID)
	if err != nil || uid == "" {
		return err
	}
	return data.Conflictf("This pod is shared with team %s, and deleting %s does not reach the team's other laptops yet: it would stay there. Nothing was deleted", t.cfg.Team, what)
}

// newEvent is a signed event of this member.
func (s *DB) newEvent(podUID string, kind tsync.Kind, payload []byte) (tsync.Event, error) {
	ev, t, err := s.draftEvent(podUID, kind)
	if err != nil {
		return tsync.Event{}, err
	}
	ev.Payload = payload
	if err := ev.Sign(t.key); err != nil {
		return tsync.Event{}, err
	}
	return ev, nil
}

// draftEvent is an event of this member with its id and clock reading but
// no payload or signature yet: for a payload that names its own event.
func (s *DB) draftEvent(podUID string, kind tsync.Kind) (tsync.Event, *team, error) {
	t := s.team.Load()
	if t == nil {
		return tsync.Event{}, nil, data.Conflictf("This database belongs to no team")
	}
	if t.key == nil {
		return tsync.Event{}, nil, data.Conflictf("This database belongs to team %s, but its key is not loaded; "+
			"open it with Triad on the laptop that joined the team", t.cfg.Team)
	}
	return tsync.Event{ID: tsync.NewID(), Team: t.cfg.Team, Pod: podUID, Kind: kind, Clock: t.clock.Now()}, t, nil
}

// queue writes ev to the outbox in the caller's transaction, then tells
// the worker (if one runs) there is something to send.
func (s *DB) queue(ctx context.Context, tx *sql.Tx, ev tsync.Event) error {
	// What json.Marshal(ev) gives, without compacting that output again.
	body, err := ev.MarshalJSON()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_outbox (id, subject, hlc, body, made_at) VALUES (?, ?, ?, ?, ?)`,
		ev.ID, ev.Subject(), ev.Clock.String(), string(body), s.stamp()); err != nil {
		return err
	}
	s.queued.Store(true) // tx pokes the worker once this commits
	return nil
}

// Outbound returns a channel that receives a value when an event is queued.
func (s *DB) Outbound() <-chan struct{} { return s.outbound }

func (s *DB) poke() {
	select {
	case s.outbound <- struct{}{}:
	default:
	}
}

// PendingEvents returns up to limit queued events not yet acknowledged by
// the hub, oldest first. The hub acknowledges them in order, so it reads
// on from the first one it found unsent last time (sendFrom) instead of
// keeping an index of the unsent ones, which every edit would write.
func (s *DB) PendingEvents(ctx context.Context, limit int) ([]tsync.Event, error) {
	from := s.sendFrom.Load()
	var evs []tsync.Event
	next := from
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var seqs []int64
		var err error
		if evs, seqs, err = outboxEvents(ctx, tx, `seq >= ? AND sent_at IS NULL`, from, limit); err != nil || len(seqs) > 0 {
			if len(seqs) > 0 {
				next = seqs[0]
			}
			return err
		}
		// None unsent in this snapshot: the next one queued comes after them all.
		return tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM sync_outbox`).Scan(&next)
	})
	if err != nil {
		return nil, err
	}
	for cur := s.sendFrom.Load(); next > cur && !s.sendFrom.CompareAndSwap(cur, next); cur = s.sendFrom.Load() {
	}
	return evs, nil
}

func outboxEvents(ctx context.Context, tx *sql.Tx, where string, from int64, limit int) ([]tsync.Event, []int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT seq, body FROM sync_outbox WHERE `+where+` ORDER BY seq LIMIT ?`, from, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var evs []tsync.Event
	var seqs []int64
	for rows.Next() {
		var seq int64
		var body string
		if err := rows.Scan(&seq, &body); err != nil {
			return nil, nil, err
		}
		var ev tsync.Event
		if err := json.Unmarshal([]byte(body), &ev); err != nil {
			return nil, nil, fmt.Errorf("outbox: %w", err)
		}
		evs, seqs = append(evs, ev), append(seqs, seq)
	}
	return evs, seqs, rows.Err()
}

// SentEvents returns up to limit events the hub acknowledged, oldest first.
func (s *DB) SentEvents(ctx context.Context, limit int) ([]tsync.Event, error) {
	var evs []tsync.Event
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		evs, _, err = outboxEvents(ctx, tx, `seq >= ? AND sent_at IS NOT NULL`, 0, limit)
		return err
	})
	return evs, err
}

// MarkSent records that the hub acknowledged the events with these ids.
func (s *DB) MarkSent(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		at := s.stamp()
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE sync_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL`, at, id); err != nil {
				return err
			}
		}
		return nil
	})
}

// OutboxCounts returns how many events wait to be sent and how many went.
func (s *DB) OutboxCounts(ctx context.Context) (waiting, sent int, err error) {
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		var total int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_outbox WHERE seq >= ? AND sent_at IS NULL),
			(SELECT count(*) FROM sync_outbox)`, s.sendFrom.Load()).Scan(&waiting, &total)
		sent = total - waiting
		return err
	})
	return waiting, sent, err
}

// RefusedEvents lists the events this replica refused, oldest first.
func (s *DB) RefusedEvents(ctx context.Context) ([]tsync.RefusedEvent, error) {
	var out []tsync.RefusedEvent
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT body, reason, refused_at FROM sync_refused ORDER BY refused_at, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var body, reason, at string
			if err := rows.Scan(&body, &reason, &at); err != nil {
				return err
			}
			var r tsync.RefusedEvent
			r.Reason = reason
			r.At, _ = data.ParseUTCTime(at)
			_ = json.Unmarshal([]byte(body), &r.Event) // kept as received; a malformed one still lists its reason
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
