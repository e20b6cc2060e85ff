package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// The reason a replica gives for an edit a close had not seen.
const frozenReason = "the meeting was closed on another laptop before this edit reached it; the closed record does not hold it"

// The reason for an action's change whose action a close undid.
const undoneActionReason = "the action is not in the record the meeting was closed with: the edit that raised it was refused"

// The reason for a delete that met a concurrent edit.
const keptReason = "the delete met an edit of the record made at the same time on another laptop; the record is kept"

func decodeMeetingPayload(raw []byte) (meetingPayload, error) {
	var p meetingPayload
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	err := dec.Decode(&p)
	return p, err
}

// applyMeetingEvent takes another replica's meeting.*, action.* or
// pod.edited event that passed its signature check: the authority rule,
// then the freeze of a closed meeting, then per-field last writer wins.
func (s *DB) applyMeetingEvent(ctx context.Context, tx *sql.Tx, ev tsync.Event, m tsync.Membership) (string, error) {
	if ev.Kind == tsync.KindPodEdited {
		return s.applyPodForm(ctx, tx, ev, m)
	}
	p, err := decodeMeetingPayload(ev.Payload)
	if err != nil || len(p.Meeting) < 16 {
		return "the meeting event names no meeting", nil
	}
	meetings, _ := syncTableNamed("meetings")
	meetingID, err := meetings.localID(ctx, tx, p.Meeting)
	if err != nil {
		return "", err
	}
	if meetingID == 0 && ev.Kind != tsync.KindMeetingCreated {
		return "", fmt.Errorf("event %s: meeting %s: %w", ev.ID, p.Meeting, tsync.ErrNotYet)
	}
	if meetingID == 0 {
		if err := adoptPlaceholder(ctx, tx, ev.Pod, p); err != nil {
			return "", err
		}
	}
	if p.Base != "" {
		var n int
		// A base this laptop refused (a close or reopen that lost to a later
		// close made apart) is known too. An edit or reopen made on top of it
		// is refused with it, as a laptop that took it before that close has
		// it undone; a close is judged against the closes it had not seen
		// (the later stands, and brings what it had seen); action items'
		// progress goes on.
		var refused int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_meeting_log WHERE meeting_uid = ?1 AND event_id = ?2),
			(SELECT count(*) FROM sync_refused WHERE id = ?2)`, p.Meeting, p.Base).Scan(&n, &refused); err != nil {
			return "", err
		}
		if refused > 0 && !tsync.FreezeExempt(ev.Kind) && ev.Kind != tsync.KindMeetingClosed {
			return frozenReason, nil
		}
		if n == 0 && refused == 0 {
			return "", fmt.Errorf("event %s: the close or reopen %s before it: %w", ev.ID, p.Base, tsync.ErrNotYet)
		}
	}
	if why, err := s.actionHere(ctx, tx, ev, p, meetingID); why != "" || err != nil {
		return why, err
	}
	target, err := meetingTarget(ctx, tx, ev.Kind, p.Records)
	if err != nil {
		return "", err
	}
	if err := tsync.Authorize(m, ev, target); err != nil {
		var r *tsync.Refusal
		if errors.As(err, &r) {
			return r.Reason, nil
		}
		return "", err
	}
	if !tsync.FreezeExempt(ev.Kind) {
		if frozen, err := frozenAgainst(ctx, tx, p.Meeting, p.Base, ev); err != nil || frozen {
			return frozenReason, err
		}
	}
	if ev.Kind == tsync.KindMeetingClosed {
		return s.applyClose(ctx, tx, ev, p, meetingID)
	}
	if why, err := s.applyRecords(ctx, tx, ev, p.Records); why != "" || err != nil {
		return why, err
	}
	if err := s.applyDeletes(ctx, tx, ev, p.Meeting, p.Deleted); err != nil {
		return "", err
	}
	return "", logMeetingEvent(ctx, tx, p.Meeting, ev, p, false)
}

// actionHere checks that the action an action.* event changes is on this
// laptop: one that is not waits for it, unless the meeting is closed here,
// whose record would hold it (it was raised by an edit the close undid).
func (s *DB) actionHere(ctx context.Context, tx *sql.Tx, ev tsync.Event, p meetingPayload, meetingID int64) (string, error) {
	if !tsync.FreezeExempt(ev.Kind) {
		return "", nil
	}
	known, err := actionKnown(ctx, tx, p.Records)
	if err != nil || known {
		return "", err
	}
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil {
		return "", err
	}
	if m.Status == data.MeetingClosed {
		return undoneActionReason, nil
	}
	return "", fmt.Errorf("event %s: its action: %w", ev.ID, tsync.ErrNotYet)
}

// frozenAgainst reports whether a close of the meeting that ev's laptop
// had not taken (later than ev's base) had not seen ev either. Between two
// closes made apart, the later one stands.
func frozenAgainst(ctx context.Context, tx *sql.Tx, meetingUID, base string, ev tsync.Event) (bool, error) {
	var baseClock string
	if base != "" {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT hlc || ' ' || event_id FROM sync_meeting_log WHERE meeting_uid = ?1 AND event_id = ?2),
			(SELECT hlc || ' ' || id FROM sync_refused WHERE id = ?2))`, meetingUID, base).Scan(&baseClock); err != nil {
			return false, err
		}
	}
	closes, err := queryColumn[string](ctx, tx, `SELECT l.hlc || ' ' || l.event_id FROM sync_meeting_log l WHERE l.meeting_uid = ? AND l.kind = ?
		AND l.event_id != ? AND NOT EXISTS (SELECT 1 FROM sync_close_seen c WHERE c.close_id = l.event_id AND c.event_id = ?)`,
		meetingUID, string(tsync.KindMeetingClosed), ev.ID, ev.ID)
	if err != nil {
		return false, err
	}
	for _, c := range closes {
		if laterThan(c, baseClock) && (ev.Kind != tsync.KindMeetingClosed || laterThan(c, clockOf(ev))) {
			return true, nil
		}
	}
	return false, nil
}

// applyRecords writes an event's rows: a row new here is inserted (or,
// deleted here, brought back when the edit is later than what the delete
// had seen); each field of a row here takes the event's value when its
// clock is later than the one that last set it, and whichever value loses
// goes into the field's history.
func (s *DB) applyRecords(ctx context.Context, tx *sql.Tx, ev tsync.Event, recs []syncRec) (string, error) {
	now := s.stamp()
	for _, r := range recs {
		t, ok := syncTableNamed(r.Table)
		if !ok || len(r.UID) < 16 {
			return "the event holds a row of " + r.Table + ", which is not part of a meeting's record", nil
		}
		for f := range r.Fields {
			if !t.carries(f) {
				return "the event sets " + f + ", which is not a synced field of " + r.Table, nil
			}
		}
		id, err := t.localID(ctx, tx, r.UID)
		if err != nil {
			return "", err
		}
		if id == 0 {
			back, err := resurrect(ctx, tx, r, ev, now)
			if err != nil {
				return "", err
			}
			if back == buried {
				continue
			}
			if back == noTombstone {
				if why, err := s.insertRecord(ctx, tx, t, r, ev, now); why != "" || err != nil {
					return why, err
				}
				continue
			}
		}
		if t.appendOnly {
			continue
		}
		if why, err := mergeFields(ctx, tx, t, r, ev, now); why != "" || err != nil {
			return why, err
		}
	}
	return "", nil
}

func (s *DB) insertRecord(ctx context.Context, tx *sql.Tx, t syncTable, r syncRec, ev tsync.Event, now string) (string, error) {
	if !r.New {
		return "", fmt.Errorf("event %s: %s %s: %w", ev.ID, r.Table, r.UID, tsync.ErrNotYet)
	}
	if t.appendOnly {
		if held, err := intoTomb(ctx, tx, r, ev); err != nil || held {
			return "", err
		}
	}
	cols := make([]string, 0, len(r.Fields))
	for f := range r.Fields {
		cols = append(cols, f)
	}
	sort.Strings(cols)
	if why, err := t.writeRow(ctx, tx, r, cols, now); why != "" || err != nil {
		return why, err
	}
	if t.appendOnly {
		return "", setFieldClock(ctx, tx, r.UID, creatorField, ev)
	}
	for _, f := range cols {
		if err := setFieldClock(ctx, tx, r.UID, f, ev); err != nil {
			return "", err
		}
	}
	return "", nil
}

// mergeFields is last writer wins on each field of a row this replica has.
func mergeFields(ctx context.Context, tx *sql.Tx, t syncTable, r syncRec, ev tsync.Event, now string) (string, error) {
	cur, err := t.read(ctx, tx, "t.uid = ?", r.UID)
	if err != nil || len(cur) == 0 {
		return "", err
	}
	win, err := lastWriterWins(ctx, tx, r.UID, r.Fields, cur[0].Fields, ev)
	if err != nil || len(win) == 0 {
		return "", err
	}
	if why, err := t.writeRow(ctx, tx, r, win, now); why != "" || err != nil {
		return why, err
	}
	return "", setFieldClocks(ctx, tx, r.UID, win, ev)
}

// lastWriterWins returns, sorted, the fields of record uid that ev sets
// later than the clock that last set them (cur holds their values here),
// and keeps whichever value loses in the field's history: the replaced
// one, or ev's own when a later edit already set the field.
func lastWriterWins(ctx context.Context, tx *sql.Tx, uid string, fields, cur map[string]any, ev tsync.Event) ([]string, error) {
	clocks, err := fieldClocks(ctx, tx, uid)
	if err != nil {
		return nil, err
	}
	var win []string
	for f, v := range fields {
		had := clocks[f]
		if _, id, _ := strings.Cut(had, " "); id == ev.ID {
			continue // this event set it already (a close's record holds it)
		}
		if laterThan(clockOf(ev), had) {
			if err := supersede(ctx, tx, uid, f, cur[f]); err != nil {
				return nil, err
			}
			win = append(win, f)
			continue
		}
		js, _ := json.Marshal(v)
		if err := insertSuperseded(ctx, tx, supersededLine{Record: uid, Field: f, Event: ev.ID, HLC: ev.Clock.String(),
			Signer: ev.Signer, Value: string(js)}); err != nil {
			return nil, err
		}
	}
	sort.Strings(win)
	return win, nil
}

func setFieldClocks(ctx context.Context, tx *sql.Tx, uid string, fields []string, ev tsync.Event) error {
	for _, f := range fields {
		if err := setFieldClock(ctx, tx, uid, f, ev); err != nil {
			return err
		}
	}
	return nil
}

func noteConflict(ctx context.Context, tx *sql.Tx, eventID, uid, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_conflicts (event_id, record_uid, reason, at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, eventID, uid, keptReason, now)
	return err
}

// applyDeletes deletes the rows an event deleted, except a row with a
// field set later than the delete had seen it: that edit was concurrent,
// and the row is kept (and the conflict noted).
func (s *DB) applyDeletes(ctx context.Context, tx *sql.Tx, ev tsync.Event, meetingUID string, dels []recordDelete) error {
	now := s.stamp()
	for _, d := range dels {
		t, ok := syncTableNamed(d.Table)
		if !ok || t.appendOnly {
			continue
		}
		id, err := t.localID(ctx, tx, d.UID)
		if err != nil {
			return err
		}
		if id == 0 {
			if err := buryUnknown(ctx, tx, meetingUID, d, ev.ID); err != nil {
				return err
			}
			continue
		}
		clocks, err := fieldClocks(ctx, tx, d.UID)
		if err != nil {
			return err
		}
		kept := false
		for f, c := range clocks {
			if laterThan(c, d.Seen[f]) {
				kept = true
			}
		}
		if kept {
			if err := noteConflict(ctx, tx, ev.ID, d.UID, now); err != nil {
				return err
			}
			continue
		}
		state, err := recordWithLines(ctx, tx, t, d.UID, id)
		if err != nil {
			return err
		}
		if err := buryRecord(ctx, tx, meetingUID, state[d.UID], state, ev.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.name+` WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// recordWithLines reads a row and the append-only lines under it.
func recordWithLines(ctx context.Context, tx *sql.Tx, t syncTable, uid string, id int64) (map[string]syncRec, error) {
	state := map[string]syncRec{}
	recs, err := t.read(ctx, tx, "t.uid = ?", uid)
	if err != nil {
		return nil, err
	}
	for _, ct := range meetingTables {
		if ct.appendOnly && ct.parentOf == t.name {
			lines, err := ct.read(ctx, tx, "t."+ct.parent+" = ?", id)
			if err != nil {
				return nil, err
			}
			recs = append(recs, lines...)
		}
	}
	for _, r := range recs {
		state[r.UID] = r
	}
	return state, nil
}

// Conflicts lists the parts of events this replica kept from applying
// while it applied the rest (a delete that met a concurrent edit).
func (s *DB) Conflicts(ctx context.Context) ([]tsync.Conflict, error) {
	var out []tsync.Conflict
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT event_id, record_uid, reason FROM sync_conflicts ORDER BY at, event_id, record_uid`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c tsync.Conflict
			if err := rows.Scan(&c.Event, &c.Record, &c.Reason); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// FieldHistory lists the values each synced field of the record with
// global id uid held before an edit replaced them (or that lost to a later
// edit), by field and clock: an agenda item's notes as they were.
func (s *DB) FieldHistory(ctx context.Context, uid string) ([]tsync.Superseded, error) {
	var out []tsync.Superseded
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = fieldHistory(ctx, tx, uid)
		return err
	})
	return out, err
}

// AgendaItemHistory is FieldHistory for an agenda item of this laptop.
func (s *DB) AgendaItemHistory(ctx context.Context, itemID int64) ([]tsync.Superseded, error) {
	var out []tsync.Superseded
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var uid string
		err := tx.QueryRowContext(ctx, `SELECT uid FROM agenda_items WHERE id = ?`, itemID).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return data.NotFoundf("That agenda item no longer exists")
		}
		if err != nil {
			return err
		}
		out, err = fieldHistory(ctx, tx, uid)
		return err
	})
	return out, err
}

func fieldHistory(ctx context.Context, tx *sql.Tx, uid string) ([]tsync.Superseded, error) {
	lines, err := supersededOf(ctx, tx, []string{uid})
	var out []tsync.Superseded
	for _, l := range lines {
		h, _ := tsync.ParseHLC(l.HLC)
		out = append(out, tsync.Superseded{Field: l.Field, Value: l.Value, Event: l.Event, Clock: h, Signer: l.Signer})
	}
	return out, err
}

// adoptPlaceholder gives the incoming meeting's global id to the draft a
// decision or debt check from another laptop made for the same day
// (meetingOn) before the meeting itself arrived, so the two are one
// meeting on every laptop instead of a clash on the pod's one meeting a
// day. Only such a placeholder is adopted: a meeting that took or made
// any event of its own is a meeting of this laptop's, and the clash is
// kept and shown as usual.
func adoptPlaceholder(ctx context.Context, tx *sql.Tx, podUID string, p meetingPayload) error {
	var day string
	for _, r := range p.Records {
		if r.Table == "meetings" && r.UID == p.Meeting {
			day, _ = r.Fields["date"].(string)
		}
	}
	if day == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE meetings SET uid = ?
		WHERE pod_id = (SELECT id FROM pods WHERE uid = ?) AND date = ? AND status = 'draft'
		  AND NOT EXISTS (SELECT 1 FROM sync_meeting_log l WHERE l.meeting_uid = meetings.uid)
		  AND NOT EXISTS (SELECT 1 FROM sync_fields f WHERE f.record_uid = meetings.uid)
		  AND NOT EXISTS (SELECT 1 FROM meetings o WHERE o.uid = ?)`, p.Meeting, podUID, day, p.Meeting)
	return err
}
