package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

// mySeats is the leader seats this laptop's member holds, as the pods'
// members: a seat of the team maps to the pod's leader of that role, whose
// member id the attendance rows, and so the action items, point at.
const mySeats = `SELECT p.id AS pod_id, pm.id AS member_id, pm.name AS name
	FROM sync_members sm JOIN pods p ON p.uid = sm.pod_uid
	JOIN pod_members pm ON pm.pod_id = p.id AND pm.role = sm.seat
	WHERE sm.member_key = ?`

// MyItems lists one person's open action items across every pod, pod by
// pod in the sidebar's order, each pod's by due date (overdue first,
// undated last), at most q.Limit of them. In a team the person is this
// laptop's member: an action is theirs when its owner sits in a leader seat
// they hold, by the owner's attendance row or, for an owner named without
// one, by name, the same test the authority rule applies to their tick.
// With no team it is whoever q.Name names, and the answer lists everyone
// who owns an open item, for choosing.
func (s *DB) MyItems(ctx context.Context, q data.MyItemsQuery) (data.MyItems, error) {
	if q.Limit <= 0 {
		q.Limit = data.MyItemsLimit
	}
	var out data.MyItems
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		pods, err := queryPods(ctx, tx, "ORDER BY name COLLATE NOCASE, id")
		if err != nil {
			return err
		}
		where, args := "", []any{}
		if t := s.team.Load(); t != nil {
			out.Team, out.Member = true, t.cfg.Name
			if out.Seats, err = querySeats(ctx, tx, t.cfg.MemberKey, pods); err != nil {
				return err
			}
			where = `(att.member_id IN (SELECT member_id FROM mine)
				OR (a.owner_id IS NULL AND a.owner_name != '' AND EXISTS
					(SELECT 1 FROM mine WHERE mine.pod_id = a.pod_id AND mine.name = a.owner_name)))`
			args = append(args, t.cfg.MemberKey)
		} else {
			if out.Owners, err = queryOpenOwners(ctx, tx); err != nil {
				return err
			}
			name := data.CleanLine(q.Name)
			if name == "" {
				return nil // nobody chosen yet: an action with no owner is nobody's item
			}
			where = `COALESCE(att.name, a.owner_name) = ? COLLATE NOCASE`
			args = append(args, name)
		}
		return readMyItems(ctx, tx, pods, where, args, q.Limit, &out)
	})
	return out, err
}

// readMyItems reads the open actions where holds, grouped by pod, and
// their total; mine is the member's seats (its argument first in args).
func readMyItems(ctx context.Context, tx *sql.Tx, pods []data.Pod, where string, args []any, limit int, out *data.MyItems) error {
	with := `WITH mine AS (` + mySeats + `) `
	if !out.Team {
		with = ""
	}
	from := `FROM action_items a LEFT JOIN meeting_attendees att ON att.id = a.owner_id WHERE a.done_at IS NULL AND ` + where
	if err := tx.QueryRowContext(ctx, with+`SELECT count(*) `+from, args...).Scan(&out.Total); err != nil {
		return err
	}
	if out.Total == 0 {
		return nil
	}
	// queryActions puts its own SELECT after the WITH clause it is given.
	items, err := queryActionsWith(ctx, tx, with, `JOIN pods p ON p.id = a.pod_id WHERE a.done_at IS NULL AND `+where+`
		ORDER BY p.name COLLATE NOCASE, p.id, a.due IS NULL, a.due, a.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, p := range pods {
		names[p.ID] = p.Name
	}
	for _, a := range items {
		if n := len(out.Pods); n == 0 || out.Pods[n-1].PodID != a.PodID {
			out.Pods = append(out.Pods, data.PodActions{PodID: a.PodID, PodName: names[a.PodID]})
		}
		last := &out.Pods[len(out.Pods)-1]
		last.Items = append(last.Items, a)
	}
	return nil
}

// querySeats is the leader seats the member with key holds, in pod order.
func querySeats(ctx context.Context, tx *sql.Tx, key string, pods []data.Pod) ([]data.PodSeat, error) {
	rows, err := tx.QueryContext(ctx, `SELECT sm.seat, p.id FROM sync_members sm JOIN pods p ON p.uid = sm.pod_uid
		WHERE sm.member_key = ? AND sm.seat IN ('tech_lead', 'product_manager', 'marketing_manager')`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[int64][]data.Role{}
	for rows.Next() {
		var seat string
		var pod int64
		if err := rows.Scan(&seat, &pod); err != nil {
			return nil, err
		}
		held[pod] = append(held[pod], data.Role(seat))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []data.PodSeat
	for _, p := range pods {
		for _, r := range data.Roles { // the seats in their usual order
			for _, h := range held[p.ID] {
				if h == r {
					out = append(out, data.PodSeat{PodID: p.ID, PodName: p.Name, Role: r})
				}
			}
		}
	}
	return out, nil
}

// maxOwners bounds the chooser: more people than a menu can offer own open
// items only in a database no one laptop serves.
const maxOwners = 500

// queryOpenOwners is everyone who owns an open action item, by name,
// each once whatever its case.
func queryOpenOwners(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT COALESCE(att.name, a.owner_name) COLLATE NOCASE AS who
		FROM action_items a LEFT JOIN meeting_attendees att ON att.id = a.owner_id
		WHERE a.done_at IS NULL AND who != '' ORDER BY who LIMIT ?`, maxOwners)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
