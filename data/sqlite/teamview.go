package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"triad/data"
	tsync "triad/data/sync"
)

// The reads behind the window's Team screen (data.TeamViewStore): each
// in one read transaction, names resolved here so the window holds no SQL.

// signerName is the SQL for the name the team knows key ?-column by: a
// seat's name in any pod, else the name an ask gave, else the key.
const signerName = `coalesce(nullif((SELECT min(m.name) FROM sync_members m WHERE m.member_key = %[1]s AND m.name != ''), ''),
	(SELECT min(j.name) FROM sync_joins j WHERE j.member_key = %[1]s AND j.name != ''), %[1]s)`

// TeamOverview is this laptop's standing in its team; ok is false for a
// database of no team.
func (s *DB) TeamOverview(ctx context.Context) (data.TeamOverview, bool, error) {
	t := s.team.Load()
	if t == nil {
		return data.TeamOverview{}, false, nil
	}
	o := data.TeamOverview{Team: t.cfg.Team, Hub: t.cfg.HubURL, Name: t.cfg.Name, Key: t.cfg.MemberKey}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var total int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_outbox WHERE seq >= ? AND sent_at IS NULL),
			(SELECT count(*) FROM sync_outbox)`, s.sendFrom.Load()).Scan(&o.Waiting, &total); err != nil {
			return err
		}
		o.Sent = total - o.Waiting
		var err error
		if o.Pods, err = teamPods(ctx, tx, o.Key); err != nil {
			return err
		}
		o.Joins, err = teamJoins(ctx, tx, o.Key)
		return err
	})
	return o, true, err
}

// teamPods lists the pods this member holds a seat in, by name, each with
// every seat known.
func teamPods(ctx context.Context, tx *sql.Tx, me string) ([]data.TeamPod, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.pod_uid, coalesce(p.name, m.pod_uid), m.seat, m.name, m.member_key
		FROM sync_members m LEFT JOIN pods p ON p.uid = m.pod_uid
		WHERE m.pod_uid IN (SELECT pod_uid FROM sync_members WHERE member_key = ?)
		ORDER BY coalesce(p.name, m.pod_uid), m.pod_uid, m.seat, m.name, m.member_key`, me)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TeamPod
	for rows.Next() {
		var uid, name string
		var seat data.TeamSeat
		if err := rows.Scan(&uid, &name, &seat.Seat, &seat.Name, &seat.Key); err != nil {
			return nil, err
		}
		seat.Mine = seat.Key == me
		if len(out) == 0 || out[len(out)-1].UID != uid {
			out = append(out, data.TeamPod{UID: uid, Name: name})
		}
		out[len(out)-1].Seats = append(out[len(out)-1].Seats, seat)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		m := tsync.Membership{Pod: out[i].UID}
		for _, seat := range out[i].Seats {
			m.Members = append(m.Members, tsync.Member{Key: seat.Key, Seat: tsync.Seat(seat.Seat), Name: seat.Name})
		}
		out[i].EditsMeetingRecord, out[i].DecidesDeals = m.EditsMeetingRecord(me), m.DecidesDeals(me)
	}
	return out, nil
}

// teamJoins lists every join asked, the newest first.
func teamJoins(ctx context.Context, tx *sql.Tx, me string) ([]data.TeamJoin, error) {
	rows, err := tx.QueryContext(ctx, `SELECT coalesce(p.name, j.pod_uid), j.seat, j.name, j.member_key, j.state, j.asked_at
		FROM sync_joins j LEFT JOIN pods p ON p.uid = j.pod_uid ORDER BY j.asked_at DESC, j.nonce`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.TeamJoin
	for rows.Next() {
		var j data.TeamJoin
		var at string
		if err := rows.Scan(&j.Pod, &j.Seat, &j.Name, &j.Key, &j.State, &at); err != nil {
			return nil, err
		}
		j.At, _ = data.ParseUTCTime(at)
		j.Mine = j.Key == me
		out = append(out, j)
	}
	return out, rows.Err()
}

// RefusedChanges lists the newest limit refused events, newest first,
// with how many were refused in all.
func (s *DB) RefusedChanges(ctx context.Context, limit int) ([]data.RefusedChange, int, error) {
	var out []data.RefusedChange
	total := 0
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_refused`).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.kind, coalesce(p.name, r.pod_uid), `+sqlName("r.signer")+`, r.reason, r.refused_at
			FROM sync_refused r LEFT JOIN pods p ON p.uid = r.pod_uid ORDER BY r.refused_at DESC, r.id DESC LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r data.RefusedChange
			var at string
			if err := rows.Scan(&r.ID, &r.Kind, &r.Pod, &r.By, &r.Reason, &at); err != nil {
				return err
			}
			r.At, _ = data.ParseUTCTime(at)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, total, err
}

// KeptDeletes lists the newest limit deletes kept because they met an
// edit, newest first, with how many were kept in all: what the record is
// (while this laptop holds it), its pod, and who deleted it (the delete's
// event is among those taken, or this laptop's own).
func (s *DB) KeptDeletes(ctx context.Context, limit int) ([]data.KeptDelete, int, error) {
	var out []data.KeptDelete
	total := 0
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_conflicts`).Scan(&total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, keptQuery, s.memberKey(), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k data.KeptDelete
			var at string
			if err := rows.Scan(&k.Event, &k.What, &k.Pod, &k.By, &k.Reason, &at); err != nil {
				return err
			}
			k.At, _ = data.ParseUTCTime(at)
			out = append(out, k)
		}
		return rows.Err()
	})
	return out, total, err
}

// keptQuery reads kept deletes: the record by its global id in whichever
// meeting table holds it, the deleter from the events taken or the outbox.
var keptQuery = `WITH kept AS (
		SELECT c.event_id, c.record_uid, c.reason, c.at,
			coalesce((SELECT a.signer FROM sync_applied a WHERE a.id = c.event_id),
				(SELECT ?1 FROM sync_outbox o WHERE o.id = c.event_id), '') AS signer,
			(SELECT 'agenda item “' || i.title || '”' FROM agenda_items i WHERE i.uid = c.record_uid) AS item,
			(SELECT i.meeting_id FROM agenda_items i WHERE i.uid = c.record_uid) AS item_meeting,
			(SELECT 'action item “' || x.text || '”' FROM action_items x WHERE x.uid = c.record_uid) AS action,
			(SELECT x.meeting_id FROM action_items x WHERE x.uid = c.record_uid) AS action_meeting,
			(SELECT 'guest “' || g.name || '”' FROM meeting_attendees g WHERE g.uid = c.record_uid) AS guest,
			(SELECT g.meeting_id FROM meeting_attendees g WHERE g.uid = c.record_uid) AS guest_meeting
		FROM sync_conflicts c)
	SELECT k.event_id, coalesce(k.item, k.action, k.guest, 'record ' || k.record_uid)
			|| coalesce(' of the meeting of ' || m.date, ''),
		coalesce(p.name, ''), ` + sqlName("k.signer") + `, k.reason, k.at
	FROM kept k
	LEFT JOIN meetings m ON m.id = coalesce(k.item_meeting, k.action_meeting, k.guest_meeting)
	LEFT JOIN pods p ON p.id = m.pod_id
	ORDER BY k.at DESC, k.event_id DESC, k.record_uid DESC LIMIT ?2`

// memberKey is this laptop's public key in its team, or "".
func (s *DB) memberKey() string {
	if t := s.team.Load(); t != nil {
		return t.cfg.MemberKey
	}
	return ""
}

func sqlName(col string) string { return fmt.Sprintf(signerName, col) }
