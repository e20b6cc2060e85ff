package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	tsync "triad/data/sync"
)

// localID returns the row of t with global id uid (0 when there is none).
func (t syncTable) localID(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM `+t.name+` WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// writeRow sets cols of r's row to r's values, inserting the row when this
// laptop has none (its parent must be here: otherwise ErrNotYet). A link
// to a row this laptop does not hold is left empty. A value the schema
// refuses comes back as why, nothing written.
func (t syncTable) writeRow(ctx context.Context, tx *sql.Tx, r syncRec, cols []string, now string) (why string, err error) {
	exprs := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		if lt, ok := t.links[c]; ok {
			exprs[i], args[i] = `(SELECT id FROM `+lt+` WHERE uid = ?)`, r.Fields[c]
			continue
		}
		v, err := jsonValue(r.Fields[c])
		if err != nil {
			return "field " + c + ": " + err.Error(), nil
		}
		exprs[i], args[i] = "?", v
	}
	id, err := t.localID(ctx, tx, r.UID)
	if err != nil {
		return "", err
	}
	if id != 0 && t.appendOnly {
		return "", nil // a line is written once
	}
	if id != 0 {
		sets := make([]string, len(cols))
		for i, c := range cols {
			sets[i] = c + " = " + exprs[i]
		}
		if isField(t.stamps, "updated_at") {
			sets, args = append(sets, "updated_at = ?"), append(args, now)
		}
		if len(sets) > 0 {
			_, err = tx.ExecContext(ctx, `UPDATE `+t.name+` SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, id)...)
		}
	} else {
		var parentID int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM `+t.parentOf+` WHERE uid = ?`, r.Parent).Scan(&parentID); errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("%s %s: its %s %s: %w", t.name, r.UID, t.parentOf, r.Parent, tsync.ErrNotYet)
		} else if err != nil {
			return "", err
		}
		names := append([]string{"uid", t.parent}, cols...)
		vals := append([]string{"?", "?"}, exprs...)
		args = append([]any{r.UID, parentID}, args...)
		for _, st := range t.stamps {
			names, vals, args = append(names, st), append(vals, "?"), append(args, now)
		}
		if t.derived[0] != "" {
			names, vals, args = append(names, t.derived[0]), append(vals, t.derived[1]), append(args, parentID)
		}
		var res sql.Result
		res, err = tx.ExecContext(ctx, `INSERT INTO `+t.name+` (`+strings.Join(names, ", ")+`) VALUES (`+strings.Join(vals, ", ")+`)`, args...)
		if err == nil {
			id, _ = res.LastInsertId()
		}
	}
	if err != nil {
		if why, ok := constraintReason(err); ok {
			return why, nil
		}
		return "", err
	}
	if t.fixup != "" {
		if _, err := tx.ExecContext(ctx, t.fixup, id); err != nil {
			return "", err
		}
	}
	return "", t.settleLinks(ctx, tx, r, cols)
}

// settleLinks remembers each link of r's row written to a row this laptop
// does not hold yet (an event that arrived before the one making it), and
// points the links that waited for r's row at it: the link ends as the
// event that set it meant, whatever the order of arrival.
func (t syncTable) settleLinks(ctx context.Context, tx *sql.Tx, r syncRec, cols []string) error {
	for _, c := range cols {
		lt, ok := t.links[c]
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_dangling WHERE record_uid = ? AND field = ?`, r.UID, c); err != nil {
			return err
		}
		target, _ := r.Fields[c].(string)
		if target == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_dangling (record_uid, field, tbl, target_uid)
			SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM `+lt+` WHERE uid = ?)`, r.UID, c, t.name, target, target); err != nil {
			return err
		}
	}
	type waiting struct{ uid, field, table string }
	var ws []waiting
	rows, err := tx.QueryContext(ctx, `SELECT record_uid, field, tbl FROM sync_dangling WHERE target_uid = ?`, r.UID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var w waiting
		if err := rows.Scan(&w.uid, &w.field, &w.table); err != nil {
			rows.Close()
			return err
		}
		ws = append(ws, w)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, w := range ws {
		if _, ok := syncTableNamed(w.table); !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+w.table+` SET `+w.field+` = (SELECT id FROM `+t.name+` WHERE uid = ?) WHERE uid = ?`,
			r.UID, w.uid); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_dangling WHERE record_uid = ? AND field = ?`, w.uid, w.field); err != nil {
			return err
		}
	}
	return nil
}

// supersededLine is one line of a field's history (tsync.Superseded), as
// a close carries it and the pod export writes it.
type supersededLine struct {
	Record string `json:"record"`
	Field  string `json:"field"`
	Event  string `json:"event"`
	HLC    string `json:"hlc"`
	Signer string `json:"signer"`
	Value  string `json:"value"`
}

func insertSuperseded(ctx context.Context, tx *sql.Tx, l supersededLine) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_superseded (record_uid, field, event_id, hlc, signer, value) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (record_uid, field, event_id) DO NOTHING`, l.Record, l.Field, l.Event, l.HLC, l.Signer, l.Value)
	return err
}

// supersede keeps in the field's history the value old that the field's
// current clock set, before an edit replaces it. A field no event set yet
// (a record from before its pod was shared) has no line.
func supersede(ctx context.Context, tx *sql.Tx, uid, field string, old any) error {
	v, _ := json.Marshal(old)
	_, err := tx.ExecContext(ctx, supersedeSQL, string(v), uid, field)
	return err
}

// supersedeSQL is one statement: the field's clock, its event's signer
// (as eventSigner finds it) and the line, so a save as the facilitator
// types reads and writes the history in one step.
var supersedeSQL = `INSERT INTO sync_superseded (record_uid, field, event_id, hlc, signer, value)
		SELECT f.record_uid, f.field, f.event_id, f.hlc, ` + signerOfEvent("f.event_id") + `, ?
		FROM sync_fields f WHERE f.record_uid = ? AND f.field = ?
		ON CONFLICT (record_uid, field, event_id) DO NOTHING`

// signerOfEvent is the SQL for who signed the event whose id is the
// expression id (see eventSigner).
func signerOfEvent(id string) string {
	return `coalesce((SELECT a.signer FROM sync_applied a WHERE a.id = ` + id + `),
		(SELECT t.member_key FROM sync_team t WHERE EXISTS (SELECT 1 FROM sync_outbox o WHERE o.id = ` + id + `)),
		(SELECT c.signer FROM sync_clock_signers c WHERE c.event_id = ` + id + `), '')`
}

// eventSigner is who signed the event with id: one taken here, one made
// here, or one whose value reached this laptop only through a close's
// record, whose closing laptop named its signer; "" when none says.
func eventSigner(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var signer string
	err := tx.QueryRowContext(ctx, `SELECT `+signerOfEvent("?1"), id).Scan(&signer)
	return signer, err
}

// closeHistory is what a close carries of its records' field histories:
// their lines, and who signed each event a field's clock names.
type closeHistory struct {
	Lines   []supersededLine  `json:"lines"`
	Signers map[string]string `json:"signers"`
}

// packCloseHistory is c's records' field histories and their clocks'
// signers as this laptop holds them, gzipped.
func packCloseHistory(ctx context.Context, tx *sql.Tx, c *closedRecord) ([]byte, error) {
	uids := make([]string, len(c.Records))
	for i, r := range c.Records {
		uids[i] = r.UID
	}
	lines, err := supersededOf(ctx, tx, uids)
	if err != nil {
		return nil, err
	}
	h := closeHistory{Lines: lines, Signers: map[string]string{}}
	for _, clocks := range c.Clocks {
		for _, cl := range clocks {
			_, id, _ := strings.Cut(cl, " ")
			if _, done := h.Signers[id]; done {
				continue
			}
			if h.Signers[id], err = eventSigner(ctx, tx, id); err != nil {
				return nil, err
			}
		}
	}
	packed, err := packJSON(h)
	if len(packed) > maxCloseHistory {
		// Years of saves: the close stays well under a hub's message limit
		// (1 MB by default), and only a laptop that refused an edit this
		// close had seen misses that edit's lines.
		return nil, err
	}
	return packed, err
}

// maxCloseHistory bounds the field histories a close carries, gzipped.
const maxCloseHistory = 512 << 10

// keepCloseHistory makes the field histories of c's records the ones the
// closing laptop held: what this laptop kept of edits the close had not
// seen (some of them taken here only through another close's record) goes,
// what it lacks of edits it refused comes. Action items' progress made
// since is applied again after, and adds its own lines.
func keepCloseHistory(ctx context.Context, tx *sql.Tx, c *closedRecord) (string, error) {
	if c.History == nil {
		return "", nil
	}
	var h closeHistory
	if why := unpackJSON(c.History, &h); why != "" {
		return "the close's field histories " + why, nil
	}
	for _, r := range c.Records {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_superseded WHERE record_uid = ?`, r.UID); err != nil {
			return "", err
		}
	}
	for id, signer := range h.Signers {
		if signer == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_clock_signers (event_id, signer) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			id, signer); err != nil {
			return "", err
		}
	}
	for _, l := range h.Lines {
		if err := insertSuperseded(ctx, tx, l); err != nil {
			return "", err
		}
	}
	return "", nil
}

func supersededOf(ctx context.Context, tx *sql.Tx, uids []string) ([]supersededLine, error) {
	var out []supersededLine
	for _, uid := range uids {
		rows, err := tx.QueryContext(ctx, `SELECT record_uid, field, event_id, hlc, signer, coalesce(value, 'null') FROM sync_superseded
			WHERE record_uid = ? ORDER BY field, hlc, event_id`, uid)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var l supersededLine
			if err := rows.Scan(&l.Record, &l.Field, &l.Event, &l.HLC, &l.Signer, &l.Value); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, l)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// forget drops a record's clocks and field history: it is gone, or about
// to be written again from a close's record or a tombstone.
func forget(ctx context.Context, tx *sql.Tx, uid string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_fields WHERE record_uid = ?`, uid); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM sync_superseded WHERE record_uid = ?`, uid)
	return err
}

// restoreClocks sets a record's field clocks to clocks ("hlc event" each).
func restoreClocks(ctx context.Context, tx *sql.Tx, uid string, clocks map[string]string) error {
	for f, c := range clocks {
		h, id, _ := strings.Cut(c, " ")
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_fields (record_uid, field, hlc, event_id) VALUES (?, ?, ?, ?)
			ON CONFLICT (record_uid, field) DO UPDATE SET hlc = excluded.hlc, event_id = excluded.event_id`, uid, f, h, id); err != nil {
			return err
		}
	}
	return nil
}

// lifecycleHead is the meeting's last close or reopen this replica took
// or made ("" for none): the base its next edit names.
func lifecycleHead(ctx context.Context, tx *sql.Tx, meetingUID string) (string, error) {
	var id sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT `+lifecycleHeadOf("?"), meetingUID).Scan(&id)
	return id.String, err
}

// lifecycleHeadOf is the SQL for lifecycleHead of the meeting whose global
// id is the expression uid: NULL when it was never closed.
// loggedBody is the SQL for the signed event of the meeting log's line l:
// its own body, or the outbox's for an event made here.
const loggedBody = `CASE WHEN l.body != '' THEN l.body ELSE coalesce((SELECT o.body FROM sync_outbox o WHERE o.id = l.event_id), '') END`

func lifecycleHeadOf(uid string) string {
	// The kinds are written out so the query reads the partial index sync_meeting_log_lifecycle.
	return `(SELECT l.event_id FROM sync_meeting_log l WHERE l.meeting_uid = ` + uid + ` AND l.kind IN ('meeting.closed', 'meeting.reopened')
		ORDER BY l.hlc DESC, l.event_id DESC LIMIT 1)`
}

// logMeetingEvent writes ev's line in the meeting's log. An event made
// here (own) is kept once, in the outbox, which the same transaction
// writes: its line's body is empty (see loggedBody).
func logMeetingEvent(ctx context.Context, tx *sql.Tx, meetingUID string, ev tsync.Event, p meetingPayload, own bool) error {
	var body []byte
	if !own {
		var err error
		if body, err = json.Marshal(ev); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sync_meeting_log (meeting_uid, event_id, kind, base, hlc, body) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, meetingUID, ev.ID, string(ev.Kind), p.Base, ev.Clock.String(), string(body)); err != nil {
		return err
	}
	for _, id := range p.Seen {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_close_seen (close_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, ev.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// closeContents is what a close carries: the meeting's events it has
// taken, and its record as it stands (each field's clock).
func closeContents(ctx context.Context, tx *sql.Tx, meetingUID string, state map[string]syncRec) ([]string, *closedRecord, error) {
	seen, err := queryColumn[string](ctx, tx, `SELECT event_id FROM sync_meeting_log WHERE meeting_uid = ? ORDER BY event_id`, meetingUID)
	if err != nil {
		return nil, nil, err
	}
	c := &closedRecord{Records: []syncRec{}, Clocks: map[string]map[string]string{}}
	changed, _ := diffRecords(nil, state)
	for _, r := range changed {
		r.New = false
		c.Records = append(c.Records, r)
		if c.Clocks[r.UID], err = fieldClocks(ctx, tx, r.UID); err != nil {
			return nil, nil, err
		}
	}
	if c.Tombstones, err = meetingTombs(ctx, tx, meetingUID); err != nil {
		return nil, nil, err
	}
	if c.Minutes, err = packMinutes(ctx, tx, meetingUID); err != nil {
		return nil, nil, err
	}
	if c.History, err = packCloseHistory(ctx, tx, c); err != nil {
		return nil, nil, err
	}
	return seen, c, nil
}

// queryColumn runs a query of one column in tx and returns its values,
// the rows closed before it returns so the caller may write in the same tx.
func queryColumn[T any](ctx context.Context, tx *sql.Tx, query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
