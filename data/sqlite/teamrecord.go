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
	"time"

	"triad/data"
	tsync "triad/data/sync"
)

// The decision log and the roadmap sync as records: each has a global id
// and a set of fields in the form the events carry them (local integer
// keys replaced by global ids, dates as text). Each field is
// last-writer-wins on its own clock (sync_fields); every edit, the losers
// of concurrent edits included, is kept in sync_changes, so what a field
// held before stays on record and the same on every replica.

// jsonText is v as the JSON every replica writes for it.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// changedFields returns the fields of after whose value differs from
// before's. A field before does not have counts as null.
func changedFields(before, after map[string]any) map[string]any {
	out := map[string]any{}
	for f, v := range after {
		if jsonText(before[f]) != jsonText(v) {
			out[f] = v
		}
	}
	return out
}

// recordKey is the record a payload's fields belong to in sync_fields and
// sync_changes: the record's global id, or '<id>/<seat>' for a leader's
// own answer on it.
func recordKey(p tsync.RecordPayload) string {
	if p.Seat != "" {
		return p.Record + "/" + string(p.Seat)
	}
	return p.Record
}

// takeFields keeps ev's edit of each field in sync_changes and returns the
// fields it wins: those no later event set already.
func takeFields(ctx context.Context, tx *sql.Tx, ev tsync.Event, record string, fields map[string]any) (map[string]any, error) {
	won := map[string]any{}
	for _, f := range sortedKeys(fields) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_changes (event_id, record_uid, field, value, hlc, signer, pod_uid)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			ev.ID, record, f, jsonText(fields[f]), ev.Clock.String(), ev.Signer, ev.Pod); err != nil {
			return nil, err
		}
		var hlc, eid string
		err := tx.QueryRowContext(ctx, `SELECT hlc, event_id FROM sync_fields WHERE record_uid = ? AND field = ?`, record, f).Scan(&hlc, &eid)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if err == nil {
			had, _ := tsync.ParseHLC(hlc)
			if !tsync.Later(ev.Clock, ev.ID, had, eid) {
				continue // a later edit already set this field
			}
		}
		if err := setFieldClock(ctx, tx, record, f, ev); err != nil {
			return nil, err
		}
		won[f] = fields[f]
	}
	return won, nil
}

// emitRecord writes the event of a change to a synced record in the
// change's transaction. It checks the change against the authority rule
// first, as every other replica will: a change this member may not make
// is refused here, and rolls back. The fields' edits and clocks are
// recorded as ApplyEvent records another replica's.
func (s *DB) emitRecord(ctx context.Context, tx *sql.Tx, podUID string, kind tsync.Kind, p tsync.RecordPayload, target tsync.Target) error {
	ev, err := s.authorizedEvent(ctx, tx, podUID, kind, p, target)
	if err != nil {
		return err
	}
	switch kind {
	case tsync.KindShared:
		if _, _, err := takeShared(ctx, tx, ev, p); err != nil {
			return err
		}
	case tsync.KindARREntry, tsync.KindDebtSnapshot:
		// history and frozen figures: no field is ever edited
	default:
		if _, err := takeFields(ctx, tx, ev, recordKey(p), p.Fields); err != nil {
			return err
		}
	}
	return s.queue(ctx, tx, ev)
}

// sharedParts are the fields of a shared record that are records of their
// own: a decision's perspectives by seat, a roadmap item's ARR entries.
var sharedParts = map[string]string{tsync.SharedDecision: "perspectives", tsync.SharedRoadmapItem: "entries"}

// takeShared is takeFields for a shared record: its own fields, and each
// leader's perspective on a decision as the record '<id>/<seat>'. The
// entries of a roadmap item are history, not fields, and a debt check has
// none.
func takeShared(ctx context.Context, tx *sql.Tx, ev tsync.Event, p tsync.RecordPayload) (won map[string]any, persp map[string]map[string]any, err error) {
	if p.Type == tsync.SharedDebtSnapshot {
		return nil, nil, nil // frozen figures and an answer given once: nothing in it is ever edited
	}
	part := sharedParts[p.Type]
	own := map[string]any{}
	for f, v := range p.Fields {
		if f != part {
			own[f] = v
		}
	}
	if won, err = takeFields(ctx, tx, ev, p.Record, own); err != nil {
		return nil, nil, err
	}
	seats, _ := p.Fields["perspectives"].(map[string]any)
	if part != "perspectives" || len(seats) == 0 {
		return won, nil, nil
	}
	persp = map[string]map[string]any{}
	for _, seat := range sortedKeys(seats) {
		fields, _ := seats[seat].(map[string]any)
		if persp[seat], err = takeFields(ctx, tx, ev, p.Record+"/"+seat, fields); err != nil {
			return nil, nil, err
		}
	}
	return won, persp, nil
}

// authorizedEvent is this member's signed event of kind with payload p,
// checked against the authority rule as every replica will check it.
func (s *DB) authorizedEvent(ctx context.Context, tx *sql.Tx, podUID string, kind tsync.Kind, p any, target tsync.Target) (tsync.Event, error) {
	payload, err := json.Marshal(p)
	if err != nil {
		return tsync.Event{}, err
	}
	ev, err := s.newEvent(podUID, kind, payload)
	if err != nil {
		return tsync.Event{}, err
	}
	m, err := s.seatsOf(ctx, tx, podUID)
	if err != nil {
		return tsync.Event{}, err
	}
	if err := tsync.Authorize(m, ev, target); err != nil {
		return tsync.Event{}, data.Conflictf("In team %s, %s", s.team.Load().cfg.Team, err)
	}
	return ev, nil
}

// decodeRecord reads a record event's payload, numbers kept exact.
func decodeRecord(ev tsync.Event) (tsync.RecordPayload, bool) {
	var p tsync.RecordPayload
	dec := json.NewDecoder(bytes.NewReader(ev.Payload))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil || p.Record == "" {
		return p, false
	}
	return p, true
}

// isRecordKind reports whether k is one of the decision log's, the
// roadmap's or the debt check's kinds, or a shared record.
func isRecordKind(k tsync.Kind) bool {
	switch k {
	case tsync.KindDecisionProposed, tsync.KindDecisionEdited, tsync.KindDecisionCalled, tsync.KindDecisionClosed,
		tsync.KindPosition, tsync.KindCommitment, tsync.KindRoadmapItem, tsync.KindARREntry,
		tsync.KindDebtSnapshot, tsync.KindDebtAnswer, tsync.KindShared:
		return true
	}
	return false
}

// recordTarget is what the authority rule needs of the record ev changes.
func recordTarget(ctx context.Context, tx *sql.Tx, ev tsync.Event) (tsync.Target, error) {
	var t tsync.Target
	if !strings.HasPrefix(string(ev.Kind), "decision.") || ev.Kind == tsync.KindPosition || ev.Kind == tsync.KindCommitment {
		return t, nil
	}
	p, _ := decodeRecord(ev)
	var role sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT m.role FROM decisions d LEFT JOIN pod_members m ON m.id = d.decider_id
		WHERE d.uid = ?`, p.Record).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		if ev.Kind != tsync.KindDecisionProposed {
			return t, fmt.Errorf("event %s: decision %s: %w", ev.ID, p.Record, tsync.ErrNotYet)
		}
		return t, nil
	}
	t.Decider = tsync.Seat(role.String)
	return t, err
}

// applyRecord applies a record event that passed the authority rule, in a
// savepoint: a refusal (its reason) leaves nothing of it behind.
func applyRecord(ctx context.Context, tx *sql.Tx, ev tsync.Event, now string) (string, error) {
	p, ok := decodeRecord(ev)
	if !ok {
		return "the event names no record", nil
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT record_event`); err != nil {
		return "", err
	}
	why, err := applyRecordFields(ctx, tx, ev, p, now)
	if err == nil && why != "" {
		_, err = tx.ExecContext(ctx, `ROLLBACK TO record_event`)
	}
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `RELEASE record_event`)
	return why, err
}

func applyRecordFields(ctx context.Context, tx *sql.Tx, ev tsync.Event, p tsync.RecordPayload, now string) (string, error) {
	podID, err := podIDByUID(ctx, tx, ev.Pod)
	if err != nil {
		return "", err
	}
	switch ev.Kind {
	case tsync.KindARREntry:
		return applyARREntry(ctx, tx, p, now)
	case tsync.KindDebtSnapshot:
		return applyDebtSnapshot(ctx, tx, p, podID, now)
	case tsync.KindShared:
		return applyShared(ctx, tx, ev, p, podID, now)
	}
	won, err := takeFields(ctx, tx, ev, recordKey(p), p.Fields)
	if err != nil {
		return "", err
	}
	switch ev.Kind {
	case tsync.KindRoadmapItem:
		return applyRoadmapItem(ctx, tx, p.Record, podID, won, now)
	case tsync.KindPosition, tsync.KindCommitment:
		return applyPerspective(ctx, tx, ev, p, won)
	case tsync.KindDebtAnswer:
		return applyDebtAnswer(ctx, tx, p, podID, won)
	}
	return applyDecision(ctx, tx, ev, p, podID, won, now)
}

// meetingOn is the pod's meeting of that day, made as a draft when this
// replica has none yet: a decision or a debt check arriving from another
// laptop lands in the meeting of its day, the one a pod holds per day.
func meetingOn(ctx context.Context, tx *sql.Tx, podID int64, date any, now string) (int64, string, error) {
	day, _ := date.(string)
	if d, err := data.ParseDate(day); err != nil || d.String() != day {
		return 0, "the event's meeting day " + jsonText(date) + " is not a date", nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM meetings WHERE pod_id = ? AND date = ?`, podID, day).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, `INSERT INTO meetings (pod_id, date, status, created_at) VALUES (?, ?, 'draft', ?)`, podID, day, now)
		if err != nil {
			return 0, "", err
		}
		id, _ = res.LastInsertId()
		return id, "", nil
	}
	return id, "", err
}

// RecordChanges lists every edit of the synced record with global id uid
// (a decision with its leaders' positions and commitments, a roadmap item,
// a debt check), field by field in clock order, each with the value it
// replaced and who made it: who changed what and when.
func (s *DB) RecordChanges(ctx context.Context, uid string) ([]tsync.FieldChange, error) {
	var out []tsync.FieldChange
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = recordChanges(ctx, tx, `c.record_uid = ?1 OR c.record_uid LIKE ?1 || '/%'`, uid)
		return err
	})
	return out, err
}

func recordChanges(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]tsync.FieldChange, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.record_uid, c.field, c.value, c.hlc, c.event_id, c.signer,
		coalesce((SELECT min(m.name) FROM sync_members m WHERE m.pod_uid = c.pod_uid AND m.member_key = c.signer), '')
		FROM sync_changes c WHERE `+where+` ORDER BY c.record_uid, c.field, c.hlc, c.event_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tsync.FieldChange
	var lastKey string
	for rows.Next() {
		var record, hlc string
		var ch tsync.FieldChange
		if err := rows.Scan(&record, &ch.Field, &ch.Value, &hlc, &ch.Event, &ch.Signer, &ch.Name); err != nil {
			return nil, err
		}
		ch.Record = record
		ch.Clock, _ = tsync.ParseHLC(hlc)
		if key := record + "\n" + ch.Field; key == lastKey {
			ch.Replaced = out[len(out)-1].Value
			out[len(out)-1].Current = false
		} else {
			lastKey = key
		}
		ch.Current = true
		out = append(out, ch)
	}
	return out, rows.Err()
}

// applyShared takes a record the pod held before it was shared: only
// when this laptop does not hold it yet, so sharing never changes what
// the team recorded since.
func applyShared(ctx context.Context, tx *sql.Tx, ev tsync.Event, p tsync.RecordPayload, podID int64, now string) (string, error) {
	var table string
	switch p.Type {
	case tsync.SharedDecision:
		table = "decisions"
	case tsync.SharedRoadmapItem:
		table = "roadmap_items"
	case tsync.SharedDebtSnapshot:
		return applyDebtSnapshot(ctx, tx, p, podID, now)
	default:
		return "the shared record's type " + jsonText(p.Type) + " is not one this version of Triad knows", nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE uid = ?`, p.Record).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "the shared record is on this laptop already; sharing never changes a record", nil
	}
	won, persp, err := takeShared(ctx, tx, ev, p)
	if err != nil {
		return "", err
	}
	if p.Type == tsync.SharedRoadmapItem {
		if why, err := applyRoadmapItem(ctx, tx, p.Record, podID, won, now); why != "" || err != nil {
			return why, err
		}
		return insertSharedEntries(ctx, tx, p, now)
	}
	own := p
	own.Fields = won
	if why, err := applyDecision(ctx, tx, ev, own, podID, won, now); why != "" || err != nil {
		return why, err
	}
	id, err := decisionIDByUID(ctx, tx, p.Record)
	if err != nil {
		return "", err
	}
	for _, seat := range sortedKeys(persp) {
		if why, err := writePerspective(ctx, tx, id, tsync.Seat(seat), persp[seat]); why != "" || err != nil {
			return why, err
		}
	}
	return "", nil
}

func insertSharedEntries(ctx context.Context, tx *sql.Tx, p tsync.RecordPayload, now string) (string, error) {
	itemID, err := roadmapItemIDByUID(ctx, tx, p.Record)
	if err != nil {
		return "", err
	}
	entries, _ := p.Fields["entries"].([]any)
	for _, e := range entries {
		entry, _ := e.(map[string]any)
		if why, err := insertARREntry(ctx, tx, itemID, entry, now); why != "" || err != nil {
			return why, err
		}
	}
	return "", nil
}

var _ data.ChangeStore = (*DB)(nil)

// DecisionChanges lists the edits of decision id and of its leaders'
// positions and commitments as people read them, oldest first.
func (s *DB) DecisionChanges(ctx context.Context, id int64) ([]data.FieldEdit, error) {
	var out []data.FieldEdit
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var uid string
		if err := tx.QueryRowContext(ctx, `SELECT uid FROM decisions WHERE id = ?`, id).Scan(&uid); errors.Is(err, sql.ErrNoRows) {
			return data.NotFoundf("That decision no longer exists")
		} else if err != nil {
			return err
		}
		changes, err := recordChanges(ctx, tx, `c.record_uid = ?1 OR c.record_uid LIKE ?1 || '/%'`, uid)
		if err != nil {
			return err
		}
		for _, c := range changes {
			out = append(out, readableChange(c))
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, err
}

func readableChange(c tsync.FieldChange) data.FieldEdit {
	out := data.FieldEdit{Field: strings.ReplaceAll(c.Field, "_", " "), Value: readableValue(c.Value),
		Replaced: readableValue(c.Replaced), By: c.Name, At: time.UnixMilli(c.Clock.Wall).UTC(), Current: c.Current}
	if _, seat, ok := strings.Cut(c.Record, "/"); ok {
		out.Field = data.Role(seat).Title() + "'s " + out.Field
	}
	if out.By == "" {
		out.By = c.Signer
	}
	return out
}

// readableValue is a field's JSON as people read it: text as it is, a
// list of options or leaders by their titles or names.
func readableValue(text string) string {
	var v any
	if text == "" || json.Unmarshal([]byte(text), &v) != nil {
		return text
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		var names []string
		for _, e := range x {
			m, _ := e.(map[string]any)
			for _, k := range []string{"title", "name", "customer"} {
				if s, ok := m[k].(string); ok {
					names = append(names, s)
					break
				}
			}
		}
		return strings.Join(names, "; ")
	}
	return strings.Trim(text, `"`)
}
