package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"triad/data"
)

// ReviseActionItem applies c to an action item, also one of a closed
// meeting (actions live past their meeting), and appends a history line
// for each field that changes, with who (c.By, else the pod's facilitator,
// or in a team the member at this laptop) and when. A new owner must be
// one of the pod's leaders or on the attendance list of the meeting that
// raised the action.
func (s *DB) ReviseActionItem(ctx context.Context, c data.ActionChange) (data.ActionItem, error) {
	if c.Owner != nil {
		o := data.CleanLine(*c.Owner)
		c.Owner = &o
	}
	c.By = data.CleanLine(c.By)
	if err := c.Validate(); err != nil {
		return data.ActionItem{}, err
	}
	var out data.ActionItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := getAction(ctx, tx, c.ActionID)
		if err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, a.PodID)
		if err != nil {
			return err
		}
		by := c.By
		if by == "" {
			if by, err = s.actorAt(ctx, tx, pod); err != nil {
				return err
			}
		}
		if a.Done() && (c.Due != nil || c.Owner != nil) && (c.Done == nil || *c.Done) {
			return data.Conflictf("This action is done; open it again before re-dating or reassigning it")
		}
		attendees, err := queryAttendees(ctx, tx, a.MeetingID)
		if err != nil {
			return err
		}
		ownerID := sql.NullInt64{Int64: a.OwnerID, Valid: a.OwnerID != 0}
		if c.Owner != nil && !strings.EqualFold(*c.Owner, a.OwnerName) {
			ownerID = sql.NullInt64{}
			allowed := data.ActionOwners(pod, attendees)
			found := *c.Owner == ""
			for _, n := range allowed {
				if strings.EqualFold(n, *c.Owner) {
					*c.Owner, found = n, true
				}
			}
			if !found {
				return &data.ValidationError{Problems: []data.Problem{{Field: "owner",
					Message: "Give the action to one of " + strings.Join(allowed, ", ")}}}
			}
			for _, at := range attendees {
				if strings.EqualFold(at.Name, *c.Owner) {
					ownerID = sql.NullInt64{Int64: at.ID, Valid: true}
				}
			}
		}
		events := data.ActionChanges(a, c, by)
		if err := s.syncMeeting(ctx, tx, a.MeetingID, actionKind(c), func() error {
			return writeActionChanges(ctx, tx, a.ID, ownerID, c, events)
		}); err != nil {
			return err
		}
		out, err = getAction(ctx, tx, a.ID)
		return err
	})
	return out, err
}

// writeActionChanges applies an action's changes and appends their history lines.
func writeActionChanges(ctx context.Context, tx *sql.Tx, id int64, ownerID sql.NullInt64, c data.ActionChange, events []data.ActionEvent) error {
	var err error
	for _, e := range events {
		switch e.Field {
		case data.ActionFieldDue:
			_, err = tx.ExecContext(ctx, `UPDATE action_items SET due = ? WHERE id = ?`, nullString(e.New), id)
		case data.ActionFieldOwner:
			_, err = tx.ExecContext(ctx, `UPDATE action_items SET owner_id = ?, owner_name = ? WHERE id = ?`, ownerID, e.New, id)
		case data.ActionFieldDone:
			var doneAt any
			if e.New != "" {
				doneAt = data.UTCTime(c.At)
			}
			_, err = tx.ExecContext(ctx, `UPDATE action_items SET done_at = ? WHERE id = ?`, doneAt, id)
		}
		if err != nil {
			return err
		}
		if err := insertActionEvent(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// ActionHistory lists an action's recorded changes, oldest first.
func (s *DB) ActionHistory(ctx context.Context, actionID int64) ([]data.ActionEvent, error) {
	var out []data.ActionEvent
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getAction(ctx, tx, actionID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, action_id, at, actor, field, old_value, new_value
			FROM action_item_history WHERE action_id = ? ORDER BY id`, actionID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e data.ActionEvent
			var at, field string
			if err := rows.Scan(&e.ID, &e.ActionID, &at, &e.Actor, &field, &e.Old, &e.New); err != nil {
				return err
			}
			e.At, _ = data.ParseUTCTime(at)
			e.Field = data.ActionField(field)
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

func getAction(ctx context.Context, tx *sql.Tx, id int64) (data.ActionItem, error) {
	as, err := queryActions(ctx, tx, `WHERE a.id = ?`, id)
	if err != nil {
		return data.ActionItem{}, err
	}
	if len(as) == 0 {
		return data.ActionItem{}, data.NotFoundf("That action item no longer exists")
	}
	return as[0], nil
}

func insertActionEvent(ctx context.Context, tx *sql.Tx, e data.ActionEvent) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO action_item_history (action_id, at, actor, field, old_value, new_value)
		VALUES (?, ?, ?, ?, ?, ?)`, e.ActionID, data.UTCTime(e.At), e.Actor, string(e.Field), e.Old, e.New)
	return err
}

// attachActionHistory fills in the history of a pod's actions, in one query.
func attachActionHistory(ctx context.Context, tx *sql.Tx, podID int64, as []data.ActionItem) error {
	index := map[int64]int{}
	for i, a := range as {
		index[a.ID] = i
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.id, h.action_id, h.at, h.actor, h.field, h.old_value, h.new_value
		FROM action_item_history h JOIN action_items a ON a.id = h.action_id WHERE a.pod_id = ? ORDER BY h.id`, podID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e data.ActionEvent
		var at, field string
		if err := rows.Scan(&e.ID, &e.ActionID, &at, &e.Actor, &field, &e.Old, &e.New); err != nil {
			return err
		}
		e.At, _ = data.ParseUTCTime(at)
		e.Field = data.ActionField(field)
		if i, ok := index[e.ActionID]; ok {
			as[i].History = append(as[i].History, e)
		}
	}
	return rows.Err()
}
