package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// A decision's synced fields as the events carry them: its meeting by day
// (a pod meets once a day), the decision maker by seat, the decisions it
// supersedes and is superseded by by global id, the options as a list.
// "leaders" names the seats that hold a perspective on it, with each
// name as it was. created_at and updated_at are each laptop's own.
var decisionSyncFields = []string{"chosen", "closed_at", "context", "decided_at", "decider", "decider_name", "leaders",
	"meeting", "options", "question", "rationale", "reversed_reason", "revisit_on", "state", "superseded_by", "supersedes"}

// The columns of the fields stored as they travel.
var decisionColumnOf = map[string]string{"chosen": "chosen_option", "closed_at": "closed_at", "context": "context",
	"decided_at": "decided_at", "decider_name": "decider_name", "question": "question", "rationale": "rationale",
	"reversed_reason": "reversed_reason", "revisit_on": "revisit_on", "state": "state"}

// The call's fields: only the decision maker sets them (tsync.AuthorizeDecision).
var decisionCallFields = map[string]bool{"state": true, "decided_at": true, "closed_at": true, "reversed_reason": true, "superseded_by": true}

// A leader's perspective: position and reasoning travel as KindPosition,
// commitment and when as KindCommitment.
var positionFields = []string{"position", "reasoning"}
var commitmentFields = []string{"commitment", "committed_at"}
var perspectiveSyncFields = []string{"commitment", "committed_at", "position", "reasoning"}

func decisionSyncRow(ctx context.Context, tx *sql.Tx, id int64) (uid string, podID int64, fields map[string]any, err error) {
	var v [16]any
	ptrs := make([]any, len(v))
	for i := range v {
		ptrs[i] = &v[i]
	}
	err = tx.QueryRowContext(ctx, `SELECT d.uid, d.pod_id, m.date, d.question, d.context, d.rationale, d.revisit_on, pm.role,
		d.decider_name, d.chosen_option, d.state, d.decided_at, d.closed_at, d.reversed_reason, sup.uid, sby.uid
		FROM decisions d JOIN meetings m ON m.id = d.meeting_id LEFT JOIN pod_members pm ON pm.id = d.decider_id
		LEFT JOIN decisions sup ON sup.id = d.supersedes_id LEFT JOIN decisions sby ON sby.id = d.superseded_by_id
		WHERE d.id = ?`, id).Scan(ptrs...)
	if err != nil {
		return "", 0, nil, err
	}
	uid, _ = plain(v[0]).(string)
	podID, _ = v[1].(int64)
	fields = map[string]any{}
	for i, f := range []string{"meeting", "question", "context", "rationale", "revisit_on", "decider", "decider_name",
		"chosen", "state", "decided_at", "closed_at", "reversed_reason", "supersedes", "superseded_by"} {
		fields[f] = plain(v[i+2])
	}
	if fields["options"], err = queryMaps(ctx, tx, `SELECT title, pros, cons, cost, effort FROM decision_options
		WHERE decision_id = ? ORDER BY position`, id); err != nil {
		return "", 0, nil, err
	}
	fields["leaders"], err = queryMaps(ctx, tx, `SELECT role AS seat, member_name AS name FROM decision_positions
		WHERE decision_id = ? ORDER BY role`, id)
	return uid, podID, fields, err
}

// perspectiveFields is each leader's position, reasoning and commitment on
// decision id, by seat.
func perspectiveFields(ctx context.Context, tx *sql.Tx, id int64) (map[string]map[string]any, error) {
	rows, err := queryMaps(ctx, tx, `SELECT role, position, reasoning, commitment, committed_at FROM decision_positions
		WHERE decision_id = ? ORDER BY role`, id)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]any{}
	for _, r := range rows {
		row := r.(map[string]any)
		seat, _ := row["role"].(string)
		delete(row, "role")
		out[seat] = row
	}
	return out, nil
}

// queryMaps reads rows as maps of column to value, as events carry them.
func queryMaps(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]any, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := map[string]any{}
		for i, c := range cols {
			row[c] = plain(vals[i])
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// decisionSnap is a decision before a change, for its events to carry
// only what the change set.
type decisionSnap struct {
	fields map[string]any
	persp  map[string]map[string]any
}

// snapDecision reads decision id before a change when the database has a
// team (nil otherwise: the single-laptop default reads nothing more).
func (s *DB) snapDecision(ctx context.Context, tx *sql.Tx, id int64) (*decisionSnap, error) {
	if s.team.Load() == nil {
		return nil, nil
	}
	_, _, fields, err := decisionSyncRow(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	persp, err := perspectiveFields(ctx, tx, id)
	return &decisionSnap{fields: fields, persp: persp}, err
}

// emitDecision writes the events of a change to decision id, in the
// change's transaction, when its pod is shared: what the change set of
// the decision (a proposal when before is nil; its call fields in an event
// of their own, the call or its closing, after the rest), then each
// leader's changed position and commitment.
func (s *DB) emitDecision(ctx context.Context, tx *sql.Tx, id int64, before *decisionSnap) error {
	if s.team.Load() == nil {
		return nil
	}
	uid, podID, after, err := decisionSyncRow(ctx, tx, id)
	if err != nil {
		return err
	}
	_, podUID, err := s.sharedPod(ctx, tx, podID)
	if err != nil || podUID == "" {
		return err
	}
	if before == nil {
		before = &decisionSnap{fields: map[string]any{"state": "proposed", "reversed_reason": ""}}
	}
	var target tsync.Target
	if d, ok := before.fields["decider"].(string); ok {
		target.Decider = tsync.Seat(d)
	}
	edit, call := map[string]any{}, map[string]any{}
	for f, v := range changedFields(before.fields, after) {
		if decisionCallFields[f] {
			call[f] = v
		} else {
			edit[f] = v
		}
	}
	if len(edit) > 0 {
		kind := tsync.KindDecisionEdited
		if before.fields["question"] == nil {
			kind = tsync.KindDecisionProposed
		}
		if err := s.emitRecord(ctx, tx, podUID, kind, tsync.RecordPayload{Record: uid, Fields: edit}, target); err != nil {
			return err
		}
		if d, ok := edit["decider"].(string); ok {
			target.Decider = tsync.Seat(d) // the call that follows is the new decision maker's
		}
	}
	if len(call) > 0 {
		kind := tsync.KindDecisionCalled
		if after["state"] != string(data.DecisionDecided) {
			kind = tsync.KindDecisionClosed
		}
		if err := s.emitRecord(ctx, tx, podUID, kind, tsync.RecordPayload{Record: uid, Fields: call}, target); err != nil {
			return err
		}
	}
	persp, err := perspectiveFields(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, seat := range []string{string(data.RoleTechLead), string(data.RoleProduct), string(data.RoleMarketing)} {
		now, ok := persp[seat]
		if !ok {
			continue
		}
		for _, k := range []struct {
			kind   tsync.Kind
			fields []string
		}{{tsync.KindPosition, positionFields}, {tsync.KindCommitment, commitmentFields}} {
			ch := changedFields(pickFields(before.persp[seat], k.fields), pickFields(now, k.fields))
			if len(ch) == 0 || (before.persp == nil && emptyValues(ch)) {
				continue
			}
			p := tsync.RecordPayload{Seat: tsync.Seat(seat), Record: uid, Fields: ch}
			if err := s.emitRecord(ctx, tx, podUID, k.kind, p, tsync.Target{}); err != nil {
				return err
			}
		}
	}
	return nil
}

func pickFields(m map[string]any, fields []string) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		if m == nil {
			out[f] = nil
		} else {
			out[f] = m[f]
		}
	}
	return out
}

// emptyValues reports whether every value is unset ("" or null): a new
// decision's blank perspectives, which are no one's statement.
func emptyValues(m map[string]any) bool {
	for _, v := range m {
		if v != nil && v != "" {
			return false
		}
	}
	return true
}

func decisionIDByUID(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM decisions WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, data.NotFoundf("No decision with global id %s is on this laptop", uid)
	}
	return id, err
}

// applyDecision applies the fields a decision event won; a proposal (or a
// shared decision) first makes the decision.
func applyDecision(ctx context.Context, tx *sql.Tx, ev tsync.Event, p tsync.RecordPayload, podID int64, won map[string]any, now string) (string, error) {
	for f := range p.Fields {
		if !isField(decisionSyncFields, f) {
			return "the event sets " + f + ", which is not a synced field of a decision", nil
		}
	}
	id, err := decisionIDByUID(ctx, tx, p.Record)
	if errors.Is(err, data.ErrNotFound) {
		if ev.Kind != tsync.KindDecisionProposed && ev.Kind != tsync.KindShared {
			return "", fmt.Errorf("event %s: decision %s: %w", ev.ID, p.Record, tsync.ErrNotYet)
		}
		meetingID, why, err := meetingOn(ctx, tx, podID, p.Fields["meeting"], now)
		if why != "" || err != nil {
			return why, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (uid, pod_id, meeting_id, question, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, p.Record, podID, meetingID, p.Fields["question"], now, now)
		if err != nil {
			return constraintOr(err)
		}
		id, _ = res.LastInsertId()
		if err := linkArrivals(ctx, tx, p.Record, id); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	}
	return writeDecision(ctx, tx, id, podID, won, now)
}

// writeDecision stores the fields won in one update, so the rule that a
// call is never on record without its maker, option and time holds at
// every step.
func writeDecision(ctx context.Context, tx *sql.Tx, id, podID int64, won map[string]any, now string) (string, error) {
	sets, args := []string{"updated_at = ?"}, []any{now}
	for _, f := range sortedKeys(won) {
		v := won[f]
		var col string
		var val any
		var err error
		switch f {
		case "options", "leaders":
			continue
		case "meeting":
			var why string
			col = "meeting_id"
			if val, why, err = meetingOn(ctx, tx, podID, v, now); why != "" || err != nil {
				return why, err
			}
		case "decider":
			col = "decider_id"
			if val, err = memberOfSeat(ctx, tx, podID, v); err != nil {
				return "", err
			}
		case "supersedes", "superseded_by":
			col = f + "_id"
			if val, err = decisionRef(ctx, tx, v); err != nil {
				return "", err
			}
		default:
			col = decisionColumnOf[f]
			val, err = jsonValue(v)
		}
		if err != nil {
			return "field " + f + ": " + err.Error(), nil
		}
		sets, args = append(sets, col+" = ?"), append(args, val)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE decisions SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, id)...); err != nil {
		return constraintOr(err)
	}
	if opts, ok := won["options"]; ok {
		if why, err := writeDecisionOptions(ctx, tx, id, opts); why != "" || err != nil {
			return why, err
		}
	}
	if leaders, ok := won["leaders"]; ok {
		return writeDecisionLeaders(ctx, tx, id, podID, leaders)
	}
	return "", nil
}

func constraintOr(err error) (string, error) {
	if why, ok := constraintReason(err); ok {
		return why, nil
	}
	return "", err
}

// memberOfSeat is this laptop's pod member in a leader's seat (NULL when
// the pod's form has no one there).
func memberOfSeat(ctx context.Context, tx *sql.Tx, podID int64, seat any) (any, error) {
	if seat == nil {
		return nil, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM pod_members WHERE pod_id = ? AND role = ?`, podID, seat).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return id, err
}

// decisionRef is the local id of the decision with global id v, or NULL
// while it has not arrived: linkArrivals links it when it does.
func decisionRef(ctx context.Context, tx *sql.Tx, v any) (any, error) {
	uid, _ := v.(string)
	if uid == "" {
		return nil, nil
	}
	id, err := decisionIDByUID(ctx, tx, uid)
	if errors.Is(err, data.ErrNotFound) {
		return nil, nil
	}
	return id, err
}

// linkArrivals links the decisions whose supersedes or superseded_by
// field names the decision that just arrived (uid, now id).
func linkArrivals(ctx context.Context, tx *sql.Tx, uid string, id int64) error {
	for _, f := range []string{"supersedes", "superseded_by"} {
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET `+f+`_id = ? WHERE uid IN (SELECT c.record_uid FROM sync_changes c
			JOIN sync_fields s ON s.record_uid = c.record_uid AND s.field = c.field AND s.event_id = c.event_id
			WHERE c.field = ? AND c.value = ?)`, id, f, jsonText(uid)); err != nil {
			return err
		}
	}
	return nil
}

func writeDecisionOptions(ctx context.Context, tx *sql.Tx, id int64, v any) (string, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return "the decision's options are not a list", nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM decision_options WHERE decision_id = ?`, id); err != nil {
		return "", err
	}
	for i, o := range list {
		opt, _ := o.(map[string]any)
		vals := []any{id, i + 1}
		for _, f := range []string{"title", "pros", "cons", "cost", "effort"} {
			x, err := jsonValue(opt[f])
			if err != nil {
				return "option " + f + ": " + err.Error(), nil
			}
			vals = append(vals, x)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decision_options (decision_id, position, title, pros, cons, cost, effort)
			VALUES (?, ?, ?, coalesce(?, ''), coalesce(?, ''), ?, coalesce(?, ''))`, vals...); err != nil {
			return constraintOr(err)
		}
	}
	return "", nil
}

// writeDecisionLeaders gives each seat named a perspective on the
// decision, held by this laptop's member in that seat, with the name as
// the decision recorded it.
func writeDecisionLeaders(ctx context.Context, tx *sql.Tx, id, podID int64, v any) (string, error) {
	list, _ := v.([]any)
	for _, l := range list {
		leader, _ := l.(map[string]any)
		seat, _ := leader["seat"].(string)
		name, _ := leader["name"].(string)
		member, err := memberOfSeat(ctx, tx, podID, seat)
		if err != nil {
			return "", err
		}
		if member == nil {
			return "this laptop's pod has no " + seat + " to hold the decision's perspective", nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decision_positions (decision_id, member_id, role, member_name)
			VALUES (?, ?, ?, ?) ON CONFLICT (decision_id, member_id) DO NOTHING`, id, member, seat, name); err != nil {
			return constraintOr(err)
		}
	}
	return "", nil
}

// applyPerspective applies a leader's own position or commitment.
func applyPerspective(ctx context.Context, tx *sql.Tx, ev tsync.Event, p tsync.RecordPayload, won map[string]any) (string, error) {
	allowed := positionFields
	if ev.Kind == tsync.KindCommitment {
		allowed = commitmentFields
	}
	for f := range p.Fields {
		if f != allowed[0] && f != allowed[1] {
			return "the event sets " + f + ", which is not part of a leader's " + strings.TrimPrefix(string(ev.Kind), "decision."), nil
		}
	}
	id, err := decisionIDByUID(ctx, tx, p.Record)
	if errors.Is(err, data.ErrNotFound) {
		return "", fmt.Errorf("event %s: decision %s: %w", ev.ID, p.Record, tsync.ErrNotYet)
	} else if err != nil {
		return "", err
	}
	return writePerspective(ctx, tx, id, p.Seat, won)
}

// writePerspective stores the fields of a leader's perspective won.
func writePerspective(ctx context.Context, tx *sql.Tx, id int64, seat tsync.Seat, won map[string]any) (string, error) {
	if len(won) == 0 {
		return "", nil
	}
	var sets []string
	var args []any
	for _, f := range sortedKeys(won) {
		if !isField(perspectiveSyncFields, f) {
			return "the event sets " + f + ", which is not part of a leader's perspective", nil
		}
		v, err := jsonValue(won[f])
		if err != nil {
			return "field " + f + ": " + err.Error(), nil
		}
		sets, args = append(sets, f+" = ?"), append(args, v)
	}
	res, err := tx.ExecContext(ctx, `UPDATE decision_positions SET `+strings.Join(sets, ", ")+` WHERE decision_id = ? AND role = ?`,
		append(args, id, string(seat))...)
	if err != nil {
		return constraintOr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return "the decision holds no perspective of the " + string(seat), nil
	}
	return "", nil
}

// ShareDecisions sends the pod's decisions the team does not hold yet,
// each with its positions and commitments as they stand, signed by this
// member (the pod's facilitator, who shares it), oldest first.
func (s *DB) ShareDecisions(ctx context.Context, podUID string) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		podID, err := podIDByUID(ctx, tx, podUID)
		if err != nil {
			return err
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM decisions d WHERE pod_id = ? AND NOT EXISTS
			(SELECT 1 FROM sync_changes c WHERE c.record_uid = d.uid) ORDER BY id`, podID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			uid, _, fields, err := decisionSyncRow(ctx, tx, id)
			if err != nil {
				return err
			}
			persp, err := perspectiveFields(ctx, tx, id)
			if err != nil {
				return err
			}
			fields["perspectives"] = anyMap(persp)
			p := tsync.RecordPayload{Type: tsync.SharedDecision, Record: uid, Fields: fields}
			if err := s.emitRecord(ctx, tx, podUID, tsync.KindShared, p, tsync.Target{}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// markSupersededSynced is markSuperseded, its closing of the earlier
// decision sent to the team when the pod is shared.
func (s *DB) markSupersededSynced(ctx context.Context, tx *sql.Tx, earlierID, laterID int64, now string) error {
	before, err := s.snapDecision(ctx, tx, earlierID)
	if err != nil {
		return err
	}
	if err := markSuperseded(ctx, tx, earlierID, laterID, now); err != nil {
		return err
	}
	return s.emitDecision(ctx, tx, earlierID, before)
}

// syncedRecord is one record in a canonical export: its global id and
// its synced fields, none of this laptop's own keys or timestamps.
type syncedRecord struct {
	UID          string                    `json:"uid"`
	Fields       map[string]any            `json:"fields"`
	Perspectives map[string]map[string]any `json:"perspectives,omitempty"`
	Entries      []any                     `json:"entries,omitempty"`
}

// decisionsSection is the decision log and the shared metrics of a pod
// in its canonical export.
type decisionsSection struct {
	Decisions  []syncedRecord      `json:"decisions"`
	Roadmap    []syncedRecord      `json:"roadmap"`
	DebtChecks []syncedRecord      `json:"debt_checks"`
	Changes    []tsync.FieldChange `json:"changes"`
}

// decisionsExport is the pod's decisions (with each leader's position and
// commitment), roadmap items (with their ARR entries and celebration),
// debt checks (with the PMM's answer) and every edit of them, ordered by
// global id and clock: two replicas that have taken the same events give
// the same section.
func decisionsExport(ctx context.Context, tx *sql.Tx, podUID string) (decisionsSection, error) {
	var out decisionsSection
	podID, err := podIDByUID(ctx, tx, podUID)
	if err != nil {
		return out, err
	}
	if out.Decisions, err = syncedRecords(ctx, tx, "decisions", podID, func(id int64) (r syncedRecord, err error) {
		if r.UID, _, r.Fields, err = decisionSyncRow(ctx, tx, id); err == nil {
			r.Perspectives, err = perspectiveFields(ctx, tx, id)
		}
		return r, err
	}); err != nil {
		return out, err
	}
	if out.Roadmap, err = syncedRecords(ctx, tx, "roadmap_items", podID, func(id int64) (r syncedRecord, err error) {
		if r.UID, _, r.Fields, err = roadmapItemFields(ctx, tx, id); err == nil {
			r.Entries, err = arrEntries(ctx, tx, `item_id = ?`, id)
		}
		return r, err
	}); err != nil {
		return out, err
	}
	if out.DebtChecks, err = syncedRecords(ctx, tx, "debt_snapshots", podID, func(id int64) (r syncedRecord, err error) {
		r.UID, _, r.Fields, err = debtSnapshotFields(ctx, tx, id, true)
		return r, err
	}); err != nil {
		return out, err
	}
	out.Changes, err = recordChanges(ctx, tx, `c.pod_uid = ?`, podUID)
	return out, err
}

// syncedRecords reads each record of the pod in table, by global id.
func syncedRecords(ctx context.Context, tx *sql.Tx, table string, podID int64, read func(id int64) (syncedRecord, error)) ([]syncedRecord, error) {
	ids, err := queryIDs(ctx, tx, `SELECT id FROM `+table+` WHERE pod_id = ? ORDER BY uid`, podID)
	if err != nil {
		return nil, err
	}
	out := []syncedRecord{}
	for _, id := range ids {
		r, err := read(id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// DecisionsExport is decisionsExport as indented JSON.
func (s *DB) DecisionsExport(ctx context.Context, podUID string) ([]byte, error) {
	var sec decisionsSection
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		sec, err = decisionsExport(ctx, tx, podUID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(sec, "", "  ")
}
