package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	tsync "triad/data/sync"
)

// loggedEvent is a meeting event in this replica's log.
type loggedEvent struct {
	id, kind, body string
}

// applyClose takes another laptop's close of a meeting: the meeting's
// record becomes the one the close froze; an edit this replica holds that
// the close had not seen is undone and refused here too, as every other
// replica refuses it; action items' progress made since goes on.
func (s *DB) applyClose(ctx context.Context, tx *sql.Tx, ev tsync.Event, p meetingPayload, meetingID int64) (string, error) {
	if p.Closed == nil {
		return "the close carries no record of the meeting", nil
	}
	seen := map[string]bool{ev.ID: true}
	for _, id := range p.Seen {
		seen[id] = true
	}
	var logged []loggedEvent
	stands := map[string]bool{} // the meeting's events taken here that the close does not undo
	rows, err := tx.QueryContext(ctx, `SELECT l.event_id, l.kind, `+loggedBody+` FROM sync_meeting_log l WHERE l.meeting_uid = ? ORDER BY l.hlc, l.event_id`, p.Meeting)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var l loggedEvent
		if err := rows.Scan(&l.id, &l.kind, &l.body); err != nil {
			rows.Close()
			return "", err
		}
		stands[l.id] = true
		if !seen[l.id] {
			logged = append(logged, l)
		}
	}
	if err := rows.Close(); err != nil {
		return "", err
	}
	undone := map[string]bool{}
	for _, l := range logged {
		if !tsync.FreezeExempt(tsync.Kind(l.kind)) {
			undone[l.id] = true
			delete(stands, l.id)
		}
	}
	// The close's own changes first, as any edit's: the values they replace
	// go into the fields' histories, as they did on the closing laptop.
	own, err := rowsHere(ctx, tx, p.Records)
	if err != nil {
		return "", err
	}
	if why, err := s.applyRecords(ctx, tx, ev, own); why != "" || err != nil {
		return why, err
	}
	if why, err := s.replaceWithClosed(ctx, tx, meetingID, p.Closed, undone, stands); why != "" || err != nil {
		return why, err
	}
	if why, err := keepCloseHistory(ctx, tx, p.Closed); why != "" || err != nil {
		return why, err
	}
	if err := logMeetingEvent(ctx, tx, p.Meeting, ev, p, false); err != nil {
		return "", err
	}
	for _, l := range logged {
		if err := s.settleAfterClose(ctx, tx, l, undone[l.id]); err != nil {
			return "", err
		}
	}
	return s.keepArrivedMinutes(ctx, tx, p.Meeting, meetingID, p.Closed.Minutes)
}

// rowsHere is the close's own changes to rows this laptop holds (or new
// rows). A row it lacks was made by an edit refused here (frozen by a
// close this one outlasts): the closed record brings it whole.
func rowsHere(ctx context.Context, tx *sql.Tx, recs []syncRec) ([]syncRec, error) {
	var out []syncRec
	for _, r := range recs {
		t, ok := syncTableNamed(r.Table)
		if !ok || r.New {
			out = append(out, r) // applyRecords refuses a table it does not know
			continue
		}
		id, err := t.localID(ctx, tx, r.UID)
		if err != nil {
			return nil, err
		}
		if id != 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// settleAfterClose refuses an event the close undid, or applies again an
// action's progress the close had not seen, over the closed record.
func (s *DB) settleAfterClose(ctx context.Context, tx *sql.Tx, l loggedEvent, undo bool) error {
	var e tsync.Event
	if err := json.Unmarshal([]byte(l.body), &e); err != nil {
		return err
	}
	reason := frozenReason
	if !undo {
		p, err := decodeMeetingPayload(e.Payload)
		if err != nil {
			return err
		}
		_, err = s.applyRecords(ctx, tx, e, p.Records)
		if !errors.Is(err, tsync.ErrNotYet) {
			return err
		}
		reason = undoneActionReason // its action was raised by an edit the close undid
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_refused (id, kind, pod_uid, signer, hlc, reason, body, refused_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, e.ID, string(e.Kind), e.Pod, e.Signer, e.Clock.String(),
		reason, l.body, s.stamp()); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM sync_applied WHERE id = ?`, `DELETE FROM sync_meeting_log WHERE event_id = ?`,
		`DELETE FROM sync_close_seen WHERE close_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// replaceWithClosed makes the meeting's rows and their clocks the closed
// record's, and drops from the fields' histories the values of the events
// it undoes and the values the record holds now.
func (s *DB) replaceWithClosed(ctx context.Context, tx *sql.Tx, meetingID int64, c *closedRecord, undone, stands map[string]bool) (string, error) {
	if err := dropRowsNotIn(ctx, tx, meetingID, c, stands); err != nil {
		return "", err
	}
	for id := range undone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_superseded WHERE event_id = ?`, id); err != nil {
			return "", err
		}
	}
	now := s.stamp()
	for _, r := range c.Records {
		t, ok := syncTableNamed(r.Table)
		if !ok {
			return "the close's record holds a row of " + r.Table + ", which is not part of a meeting's record", nil
		}
		if why, err := t.writeRow(ctx, tx, r, t.columns(), now); why != "" || err != nil {
			return why, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_fields WHERE record_uid = ?`, r.UID); err != nil {
			return "", err
		}
		if err := restoreClocks(ctx, tx, r.UID, c.Clocks[r.UID]); err != nil {
			return "", err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_superseded WHERE record_uid = ?1 AND event_id =
			(SELECT f.event_id FROM sync_fields f WHERE f.record_uid = ?1 AND f.field = sync_superseded.field)`, r.UID); err != nil {
			return "", err
		}
	}
	for _, tb := range c.Tombstones {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_tombstones (record_uid, meeting_uid, event_id, body) VALUES (?, ?, ?, ?)
			ON CONFLICT (record_uid) DO NOTHING`, tb.UID, tb.Meeting, tb.Event, tb.Body); err != nil {
			return "", err
		}
	}
	return "", nil
}

// dropRowsNotIn deletes the meeting's rows the closed record does not
// hold, except an append-only line added by an event that stands here
// (taken here and not undone by the close: an action's progress made
// since); a line that came only in another close's record goes with it.
func dropRowsNotIn(ctx context.Context, tx *sql.Tx, meetingID int64, c *closedRecord, stands map[string]bool) error {
	cur, err := meetingState(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, r := range c.Records {
		keep[r.UID] = true
	}
	uids := make([]string, 0, len(cur))
	for uid := range cur {
		uids = append(uids, uid)
	}
	sort.Strings(uids)
	for _, uid := range uids {
		t, _ := syncTableNamed(cur[uid].Table)
		if keep[uid] {
			continue
		}
		if t.appendOnly {
			clocks, err := fieldClocks(ctx, tx, uid)
			if err != nil {
				return err
			}
			if _, by, _ := strings.Cut(clocks[creatorField], " "); stands[by] {
				continue
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name+` WHERE uid = ?`, uid); err != nil {
			return err
		}
		if err := forget(ctx, tx, uid); err != nil {
			return err
		}
	}
	return nil
}
