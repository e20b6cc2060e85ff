package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	tsync "triad/data/sync"
)

// tombstone is a deleted record's last content: the row, its append-only
// lines, their clocks and their fields' histories. A record deleted before
// it reached this laptop has no rows yet, only the clocks its delete saw,
// until its creation arrives and fills them in.
type tombstone struct {
	Records    []syncRec                    `json:"records"`
	Clocks     map[string]map[string]string `json:"clocks"`
	Superseded []supersededLine             `json:"superseded"`
}

// tombRow is a tombstone as stored, and as a close carries its meeting's.
type tombRow struct {
	UID     string `json:"uid"`
	Meeting string `json:"meeting"`
	Event   string `json:"event"`
	Body    string `json:"body"`
}

func readTomb(ctx context.Context, tx *sql.Tx, uid string) (*tombstone, tombRow, error) {
	row := tombRow{UID: uid}
	err := tx.QueryRowContext(ctx, `SELECT meeting_uid, event_id, body FROM sync_tombstones WHERE record_uid = ?`, uid).
		Scan(&row.Meeting, &row.Event, &row.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, row, nil
	}
	if err != nil {
		return nil, row, err
	}
	var tb tombstone
	dec := json.NewDecoder(bytes.NewReader([]byte(row.Body)))
	dec.UseNumber()
	if err := dec.Decode(&tb); err != nil {
		return nil, row, err
	}
	if tb.Clocks == nil {
		tb.Clocks = map[string]map[string]string{}
	}
	return &tb, row, nil
}

func writeTomb(ctx context.Context, tx *sql.Tx, row tombRow, tb *tombstone) error {
	if tb != nil {
		body, err := json.Marshal(tb)
		if err != nil {
			return err
		}
		row.Body = string(body)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_tombstones (record_uid, meeting_uid, event_id, body) VALUES (?, ?, ?, ?)
		ON CONFLICT (record_uid) DO UPDATE SET event_id = excluded.event_id, body = excluded.body`, row.UID, row.Meeting, row.Event, row.Body)
	return err
}

// buryRecord keeps r (and its append-only lines found in state) as a
// tombstone of the delete eventID, and forgets their clocks.
func buryRecord(ctx context.Context, tx *sql.Tx, meetingUID string, r syncRec, state map[string]syncRec, eventID string) error {
	tb := &tombstone{Records: []syncRec{r}, Clocks: map[string]map[string]string{}}
	var lines []string
	for uid, c := range state {
		if t, _ := syncTableNamed(c.Table); t.appendOnly && c.Parent == r.UID {
			lines = append(lines, uid)
		}
	}
	sort.Strings(lines)
	for _, uid := range lines {
		tb.Records = append(tb.Records, state[uid])
	}
	var err error
	uids := make([]string, len(tb.Records))
	for i, c := range tb.Records {
		uids[i] = c.UID
	}
	if tb.Superseded, err = supersededOf(ctx, tx, uids); err != nil {
		return err
	}
	for _, c := range tb.Records {
		if tb.Clocks[c.UID], err = fieldClocks(ctx, tx, c.UID); err != nil {
			return err
		}
		if err := forget(ctx, tx, c.UID); err != nil {
			return err
		}
	}
	return writeTomb(ctx, tx, tombRow{UID: r.UID, Meeting: meetingUID, Event: eventID}, tb)
}

// buryUnknown keeps the delete of a record this laptop has not received
// yet: its creation, arriving later, is then buried too.
func buryUnknown(ctx context.Context, tx *sql.Tx, meetingUID string, d recordDelete, eventID string) error {
	if tb, _, err := readTomb(ctx, tx, d.UID); err != nil || tb != nil {
		return err
	}
	tb := &tombstone{Clocks: map[string]map[string]string{d.UID: d.Seen}}
	return writeTomb(ctx, tx, tombRow{UID: d.UID, Meeting: meetingUID, Event: eventID}, tb)
}

type resurrection int

const (
	noTombstone resurrection = iota // the row was never here
	broughtBack                     // deleted here; the edit was concurrent, so it is back
	buried                          // deleted here, after everything the edit set
)

// resurrect brings a deleted row back from its tombstone when ev sets one
// of its fields later than the delete had seen it: the delete met a
// concurrent edit, and every replica keeps the record.
func resurrect(ctx context.Context, tx *sql.Tx, r syncRec, ev tsync.Event, now string) (resurrection, error) {
	tb, row, err := readTomb(ctx, tx, r.UID)
	if err != nil || tb == nil {
		return noTombstone, err
	}
	concurrent := false
	for f := range r.Fields {
		if laterThan(clockOf(ev), tb.Clocks[r.UID][f]) {
			concurrent = true
		}
	}
	if len(tb.Records) == 0 {
		switch {
		case r.New: // its creation, after its delete: the content a concurrent edit would bring back
			r.New = false
			tb.Records = []syncRec{r}
			tb.Clocks[r.UID] = map[string]string{}
			for f := range r.Fields {
				tb.Clocks[r.UID][f] = clockOf(ev)
			}
			return buried, writeTomb(ctx, tx, row, tb)
		case concurrent:
			return 0, fmt.Errorf("event %s: %s %s, deleted before it arrived: %w", ev.ID, r.Table, r.UID, tsync.ErrNotYet)
		}
	}
	if !concurrent {
		return buried, nil
	}
	for _, rec := range tb.Records {
		t, _ := syncTableNamed(rec.Table)
		if why, err := t.writeRow(ctx, tx, rec, t.columns(), now); err != nil {
			return 0, err
		} else if why != "" {
			continue // a line whose parent is gone
		}
		if err := restoreClocks(ctx, tx, rec.UID, tb.Clocks[rec.UID]); err != nil {
			return 0, err
		}
	}
	for _, l := range tb.Superseded {
		if err := insertSuperseded(ctx, tx, l); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_tombstones WHERE record_uid = ?`, r.UID); err != nil {
		return 0, err
	}
	return broughtBack, noteConflict(ctx, tx, row.Event, r.UID, now)
}

// intoTomb keeps an append-only line whose parent is deleted here with its
// parent's tombstone, so the line comes back if the parent does.
func intoTomb(ctx context.Context, tx *sql.Tx, r syncRec, ev tsync.Event) (bool, error) {
	tb, row, err := readTomb(ctx, tx, r.Parent)
	if err != nil || tb == nil {
		return false, err
	}
	for _, have := range tb.Records {
		if have.UID == r.UID {
			return true, nil
		}
	}
	r.New = false
	tb.Records = append(tb.Records, r)
	tb.Clocks[r.UID] = map[string]string{creatorField: clockOf(ev)}
	return true, writeTomb(ctx, tx, row, tb)
}

// meetingTombs are the tombstones of a meeting's records, for its close:
// without their fields' histories, which can be long, as the close's
// record goes without its own.
func meetingTombs(ctx context.Context, tx *sql.Tx, meetingUID string) ([]tombRow, error) {
	uids, err := queryColumn[string](ctx, tx, `SELECT record_uid FROM sync_tombstones WHERE meeting_uid = ? ORDER BY record_uid`, meetingUID)
	if err != nil {
		return nil, err
	}
	out := []tombRow{}
	for _, uid := range uids {
		tb, row, err := readTomb(ctx, tx, uid)
		if err != nil {
			return nil, err
		}
		tb.Superseded = nil
		body, err := json.Marshal(tb)
		if err != nil {
			return nil, err
		}
		row.Body = string(body)
		out = append(out, row)
	}
	return out, nil
}
