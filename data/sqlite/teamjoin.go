package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"triad/data"
	tsync "triad/data/sync"
)

// MemberKey is the key this database signs with, once UseKey gave it
// (nil before): the sync worker answers the hub's challenge with it.
func (s *DB) MemberKey() *tsync.Key {
	if t := s.team.Load(); t != nil {
		return t.key
	}
	return nil
}

// SharePod makes this member the founder of the pod's sharing: it holds
// seats (the facilitator's among them) from now on, and a pod.shared event
// tells the hub and the others so. When publish is given, it carries the
// event to the hub inside the transaction: if the hub does not take it,
// nothing is recorded; otherwise the event waits in the outbox.
func (s *DB) SharePod(ctx context.Context, podUID string, seats []tsync.Seat, publish func(tsync.Event) error) error {
	return s.podTx(ctx, podUID, func(tx *sql.Tx, t *team) error {
		payload, err := json.Marshal(tsync.PodSharedPayload{Seats: seats, Name: t.cfg.Name})
		if err != nil {
			return err
		}
		ev, err := s.newEvent(podUID, tsync.KindPodShared, payload)
		if err != nil {
			return err
		}
		m, err := s.seatsOf(ctx, tx, podUID)
		if err != nil {
			return err
		}
		if err := tsync.Authorize(m, ev, tsync.Target{}); err != nil {
			return data.Conflictf("%s", err)
		}
		for _, seat := range seats {
			if err := s.addMember(ctx, tx, podUID, tsync.Member{Key: ev.Signer, Seat: seat, Name: t.cfg.Name}, "", s.stamp()); err != nil {
				return err
			}
		}
		if err := s.queue(ctx, tx, ev); err != nil {
			return err
		}
		if publish == nil {
			return nil
		}
		if err := publish(ev); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE sync_outbox SET sent_at = ? WHERE id = ?`, s.stamp(), ev.ID)
		return err
	})
}

// podTx runs fn in one transaction, as the member of this database's
// team, for a pod this database holds.
func (s *DB) podTx(ctx context.Context, podUID string, fn func(*sql.Tx, *team) error) error {
	t := s.team.Load()
	if t == nil {
		return data.Conflictf("This database belongs to no team")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := podIDByUID(ctx, tx, podUID); err != nil {
			return err
		}
		return fn(tx, t)
	})
}

// AskToJoin asks for seat in the pod with the grant of an invitation: the
// ask goes to the team, and the seat is this member's once the pod's
// facilitator approves (see DecideJoin).
func (s *DB) AskToJoin(ctx context.Context, podUID string, seat tsync.Seat, grant tsync.Grant) error {
	return s.podTx(ctx, podUID, func(tx *sql.Tx, t *team) error {
		return s.emitJoin(ctx, tx, podUID, tsync.KindJoinAsked, tsync.JoinPayload{Seat: seat, Name: t.cfg.Name, Grant: grant})
	})
}

// emitJoin signs this member's join event of kind with payload, takes it
// here under the rules every replica applies, and queues it.
func (s *DB) emitJoin(ctx context.Context, tx *sql.Tx, podUID string, kind tsync.Kind, payload any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	ev, err := s.newEvent(podUID, kind, body)
	if err != nil {
		return err
	}
	why, err := s.takeJoin(ctx, tx, ev)
	if err != nil {
		return err
	}
	if why != "" {
		return data.Conflictf("%s", why)
	}
	return s.queue(ctx, tx, ev)
}

// DecideJoin approves (or refuses) the ask made with the grant whose nonce
// is given: as the pod's facilitator (the Tech Lead, for a delegate), the
// only ones every replica and the hub take an answer from.
func (s *DB) DecideJoin(ctx context.Context, nonce string, approve bool) (tsync.JoinRequest, error) {
	var r tsync.JoinRequest
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = joinRow(ctx, tx, nonce); err != nil {
			return err
		}
		if r.State != tsync.JoinAsked {
			return data.Conflictf("%s's join was %s already", orSomeone(r.Name), r.State)
		}
		kind := tsync.KindJoinRefused
		if approve {
			kind = tsync.KindJoinApproved
		}
		d := tsync.JoinDecision{Request: r.Request, Key: r.Key, Seat: r.Seat, Name: r.Name, Grant: r.Grant}
		if err := s.emitJoin(ctx, tx, r.Pod, kind, d); err != nil {
			return err
		}
		r.State = tsync.JoinRefused
		if approve {
			r.State = tsync.JoinApproved
		}
		return nil
	})
	return r, err
}

func orSomeone(name string) string {
	if name == "" {
		return "The invitee"
	}
	return name
}

// takeJoin checks a pod's sharing or a join's ask or answer (this
// replica's own or another's) against the authority rule and the
// single-use rule, and applies it: the refusal's reason, or "".
func (s *DB) takeJoin(ctx context.Context, tx *sql.Tx, ev tsync.Event) (string, error) {
	m, err := s.seatsOf(ctx, tx, ev.Pod)
	if err != nil {
		return "", err
	}
	if err := tsync.Authorize(m, ev, tsync.Target{}); err != nil {
		var r *tsync.Refusal
		if errors.As(err, &r) {
			return r.Reason, nil
		}
		return "", err
	}
	if ev.Kind == tsync.KindPodShared {
		var p tsync.PodSharedPayload
		_ = json.Unmarshal(ev.Payload, &p) // Authorize read it already
		for _, seat := range p.Seats {
			if err := s.addMember(ctx, tx, ev.Pod, tsync.Member{Key: ev.Signer, Seat: seat, Name: data.CleanLine(p.Name)}, "", s.stamp()); err != nil {
				return "", err
			}
		}
		return "", nil
	}
	nonce, key, _, _ := ev.JoinFacts()
	cur, err := joinRow(ctx, tx, nonce)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return "", err
	}
	next, why := tsync.NextJoin(cur.State, cur.Key, ev.Kind, key)
	if why != "" || next == cur.State {
		return why, nil
	}
	return "", s.recordJoin(ctx, tx, ev, next, cur.State == tsync.JoinNone)
}

// recordJoin writes a join's new state, and on approval the seat.
func (s *DB) recordJoin(ctx context.Context, tx *sql.Tx, ev tsync.Event, next tsync.JoinState, fresh bool) error {
	nonce, key, seat, name := ev.JoinFacts()
	name = data.CleanLine(name)
	request, decidedBy, decidedAt := "", "", ""
	var grant tsync.Grant
	if ev.Kind == tsync.KindJoinAsked {
		var p tsync.JoinPayload
		_ = json.Unmarshal(ev.Payload, &p)
		request, grant = ev.ID, p.Grant
	} else {
		var d tsync.JoinDecision
		_ = json.Unmarshal(ev.Payload, &d)
		request, grant, decidedBy, decidedAt = d.Request, d.Grant, ev.Signer, s.stamp()
	}
	grantJSON, err := json.Marshal(grant)
	if err != nil {
		return err
	}
	if fresh {
		_, err = tx.ExecContext(ctx, `INSERT INTO sync_joins (nonce, pod_uid, member_key, seat, name, grant_json, request_id,
			state, decided_by, asked_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			nonce, ev.Pod, key, string(seat), name, string(grantJSON), request, string(next), nullString(decidedBy), s.stamp(), nullString(decidedAt))
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE sync_joins SET state = ?, decided_by = coalesce(?, decided_by),
			decided_at = coalesce(?, decided_at) WHERE nonce = ?`, string(next), nullString(decidedBy), nullString(decidedAt), nonce)
	}
	if err != nil || next != tsync.JoinApproved {
		return err
	}
	if err := s.addMember(ctx, tx, ev.Pod, tsync.Member{Key: key, Seat: seat, Name: name}, nonce, s.stamp()); err != nil {
		return err
	}
	return s.forgetDeskRefusals(ctx, tx, ev.Pod, key)
}

// forgetDeskRefusals drops the pod's events this replica did not take
// while its member was only a rep there, once it is no longer: they are
// taken when the hub delivers the whole pod to it.
func (s *DB) forgetDeskRefusals(ctx context.Context, tx *sql.Tx, podUID, seated string) error {
	if t := s.team.Load(); t == nil || seated != t.cfg.MemberKey {
		return nil
	}
	if only, err := s.deskOnly(ctx, tx, podUID); err != nil || only {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM sync_refused WHERE pod_uid = ? AND reason = ?`, podUID, tsync.DeskOnlyReason)
	return err
}

const joinColumns = `j.nonce, j.pod_uid, coalesce(p.name, ''), j.member_key, j.seat, j.name, j.state, j.request_id, j.grant_json`

func scanJoin(sc interface{ Scan(...any) error }) (tsync.JoinRequest, error) {
	var r tsync.JoinRequest
	var seat, state, grant string
	if err := sc.Scan(&r.Nonce, &r.Pod, &r.PodName, &r.Key, &seat, &r.Name, &state, &r.Request, &grant); err != nil {
		return r, err
	}
	r.Seat, r.State = tsync.Seat(seat), tsync.JoinState(state)
	return r, json.Unmarshal([]byte(grant), &r.Grant)
}

func joinRow(ctx context.Context, tx *sql.Tx, nonce string) (tsync.JoinRequest, error) {
	r, err := scanJoin(tx.QueryRowContext(ctx, `SELECT `+joinColumns+` FROM sync_joins j LEFT JOIN pods p ON p.uid = j.pod_uid
		WHERE j.nonce = ?`, nonce))
	if errors.Is(err, sql.ErrNoRows) {
		return tsync.JoinRequest{}, data.NotFoundf("No one asked to join with that invitation")
	}
	return r, err
}

// JoinRequests lists the joins this replica knows of, the oldest first:
// the ones still asked for, or all with answered.
func (s *DB) JoinRequests(ctx context.Context, answered bool) ([]tsync.JoinRequest, error) {
	where := `j.state = 'asked'`
	if answered {
		where = `1`
	}
	return s.joins(ctx, where)
}

// JoiningPods lists this member's own asks not answered yet: the grants
// it shows the hub, and the pods whose answer it waits for.
func (s *DB) JoiningPods(ctx context.Context) ([]tsync.JoinRequest, error) {
	t := s.team.Load()
	if t == nil {
		return nil, nil
	}
	return s.joins(ctx, `j.state = 'asked' AND j.member_key = ?`, t.cfg.MemberKey)
}

func (s *DB) joins(ctx context.Context, where string, args ...any) ([]tsync.JoinRequest, error) {
	var out []tsync.JoinRequest
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+joinColumns+` FROM sync_joins j LEFT JOIN pods p ON p.uid = j.pod_uid
			WHERE `+where+` ORDER BY j.asked_at, j.nonce`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanJoin(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
