package sqlite

import (
	"context"
	"database/sql"
	"maps"

	"triad/data"
)

// itemAfter is agenda item it's row after UpdateAgendaItem wrote it, as
// syncTable.read gives it, worked out instead of read: a shared meeting's
// note save, made as the facilitator types, then reads the row once, not
// twice (the read, with a global id looked up for each of its six links,
// was a fifth of what sharing the pod added to the save).
//
// state is the snapshot's read of the row before the save, old is the
// same row as queryItems read it. A column the UPDATE sets takes the
// value it bound as SQLite keeps it (an INTEGER column's bool or int as
// int64); a link keeps its global id unless the save pointed it at
// another row, whose id is then looked up. nil: it cannot tell, and
// emitMeeting reads the row as before.
func itemAfter(ctx context.Context, tx *sql.Tx, state map[string]syncRec, old, it data.AgendaItem) (map[string]syncRec, error) {
	if len(state) != 1 {
		return nil, nil
	}
	var prev syncRec
	for _, r := range state {
		prev = r
	}
	t, _ := syncTableNamed("agenda_items")
	if prev.Table != t.name {
		return nil, nil
	}
	r := syncRec{Table: prev.Table, UID: prev.UID, Parent: prev.Parent, Fields: maps.Clone(prev.Fields)}
	was, now := itemArgs(old), itemArgs(it)
	for i, col := range itemSetColumns {
		if !t.carries(col) {
			continue
		}
		if table, link := t.links[col]; link {
			if now[i] == was[i] {
				continue // the same row: the same global id
			}
			uid, err := globalID(ctx, tx, table, now[i])
			if err != nil {
				return nil, err
			}
			r.Fields[col] = uid
			continue
		}
		v, ok := asStored(now[i])
		if !ok {
			return nil, nil
		}
		r.Fields[col] = v
	}
	if old.Edited {
		r.Fields["edited"] = int64(1)
	}
	return map[string]syncRec{r.UID: r}, nil
}

// asStored is a bound value as a read gives it back from a column of its
// kind: Triad binds text to TEXT columns and numbers and bools to INTEGER
// ones. ok is false for a kind it does not know.
func asStored(v any) (_ any, ok bool) {
	switch x := v.(type) {
	case nil, string, int64:
		return x, true
	case int:
		return int64(x), true
	case bool:
		if x {
			return int64(1), true
		}
		return int64(0), true
	}
	return nil, false
}

// globalID is the global id of table's row with local id id (nil for
// none), as read's link subquery gives it.
func globalID(ctx context.Context, tx *sql.Tx, table string, id any) (any, error) {
	if id == nil {
		return nil, nil
	}
	var uid any
	err := tx.QueryRowContext(ctx, `SELECT uid FROM `+table+` WHERE id = ?`, id).Scan(&uid)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return plain(uid), err
}
