package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// A roadmap item's synced fields: its columns, its customers (each with
// the global id of the deal request it came from, if any) and its
// celebration, which is recorded once: if two laptops celebrated while
// apart, the last writer's stays and the other is in the item's changes.
var roadmapSyncFields = []string{"celebration", "customers", "effort", "expected_arr", "goal_override", "kind", "shipped_on",
	"status", "subkind", "target_quarter", "target_year", "title"}

var roadmapColumnOf = map[string]string{"effort": "effort_tenths", "expected_arr": "expected_arr", "goal_override": "goal_override",
	"kind": "kind", "shipped_on": "shipped_on", "status": "status", "subkind": "subkind", "target_quarter": "target_quarter",
	"target_year": "target_year", "title": "title"}

// A debt check's fields: its frozen figures, then the PMM's answer.
var debtFigureFields = []string{"band", "effort_unit", "feature_items", "maintenance_items", "maintenance_tenths", "meeting",
	"quota_bp", "ratio_bp", "recorded_at", "shortfall_tenths", "total_tenths", "unestimated_items", "unestimated_titles",
	"unreachable", "window_from", "window_to"}
var debtAnswerFields = []string{"responded_at", "respondent_name", "response", "response_comment"}

func roadmapItemFields(ctx context.Context, tx *sql.Tx, id int64) (uid string, podID int64, fields map[string]any, err error) {
	rows, err := queryMaps(ctx, tx, `SELECT uid, pod_id, title, kind, subkind, effort_tenths AS effort, target_year, target_quarter,
		status, shipped_on, expected_arr, goal_override FROM roadmap_items WHERE id = ?`, id)
	if err != nil {
		return "", 0, nil, err
	}
	if len(rows) == 0 {
		return "", 0, nil, data.NotFoundf("That roadmap item no longer exists")
	}
	fields = rows[0].(map[string]any)
	uid, _ = fields["uid"].(string)
	podID, _ = fields["pod_id"].(int64)
	delete(fields, "uid")
	delete(fields, "pod_id")
	if fields["customers"], err = queryMaps(ctx, tx, `SELECT s.customer, r.uid AS deal FROM roadmap_item_sources s
		LEFT JOIN deal_requests r ON r.id = s.deal_request_id WHERE s.item_id = ? ORDER BY s.position`, id); err != nil {
		return "", 0, nil, err
	}
	cel, err := queryMaps(ctx, tx, `SELECT uid, title, goal, realized, crossed_on, currency FROM roadmap_celebrations WHERE item_id = ?`, id)
	fields["celebration"] = nil
	if len(cel) > 0 {
		fields["celebration"] = cel[0]
	}
	return uid, podID, fields, err
}

// snapRoadmapItem reads item id before a change when the database has a
// team (nil otherwise, and for a new item).
func (s *DB) snapRoadmapItem(ctx context.Context, tx *sql.Tx, id int64) (map[string]any, error) {
	if s.team.Load() == nil || id == 0 {
		return nil, nil
	}
	_, _, fields, err := roadmapItemFields(ctx, tx, id)
	return fields, err
}

// emitRoadmapItem writes the event of a change to item id (its addition
// when before is nil) when its pod is shared.
func (s *DB) emitRoadmapItem(ctx context.Context, tx *sql.Tx, id int64, before map[string]any) error {
	if s.team.Load() == nil {
		return nil
	}
	uid, podID, after, err := roadmapItemFields(ctx, tx, id)
	if err != nil {
		return err
	}
	_, podUID, err := s.sharedPod(ctx, tx, podID)
	if err != nil || podUID == "" {
		return err
	}
	ch := changedFields(before, after)
	if len(ch) == 0 {
		return nil
	}
	return s.emitRecord(ctx, tx, podUID, tsync.KindRoadmapItem, tsync.RecordPayload{Record: uid, Fields: ch}, tsync.Target{})
}

// emitARREntry writes the event of ARR entry id, booked on item itemID
// (whose state before was before), and of the celebration it brought.
func (s *DB) emitARREntry(ctx context.Context, tx *sql.Tx, itemID, entryID int64, before map[string]any) error {
	if s.team.Load() == nil {
		return nil
	}
	uid, podID, _, err := roadmapItemFields(ctx, tx, itemID)
	if err != nil {
		return err
	}
	_, podUID, err := s.sharedPod(ctx, tx, podID)
	if err != nil || podUID == "" {
		return err
	}
	entry, err := arrEntries(ctx, tx, `id = ?`, entryID)
	if err != nil || len(entry) == 0 {
		return err
	}
	p := tsync.RecordPayload{Record: uid, Fields: map[string]any{"entry": entry[0]}}
	if err := s.emitRecord(ctx, tx, podUID, tsync.KindARREntry, p, tsync.Target{}); err != nil {
		return err
	}
	return s.emitRoadmapItem(ctx, tx, itemID, before)
}

func arrEntries(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]any, error) {
	return queryMaps(ctx, tx, `SELECT uid, date, amount, note FROM roadmap_arr_entries WHERE `+where+` ORDER BY uid`, args...)
}

func roadmapItemIDByUID(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM roadmap_items WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, data.NotFoundf("No roadmap item with global id %s is on this laptop", uid)
	}
	return id, err
}

// applyRoadmapItem stores the fields of item uid that an event won,
// adding the item when it is new here.
func applyRoadmapItem(ctx context.Context, tx *sql.Tx, uid string, podID int64, won map[string]any, now string) (string, error) {
	for f := range won {
		if !isField(roadmapSyncFields, f) {
			return "the event sets " + f + ", which is not a synced field of a roadmap item", nil
		}
	}
	id, err := roadmapItemIDByUID(ctx, tx, uid)
	isNew := errors.Is(err, data.ErrNotFound)
	if isNew && won["title"] == nil {
		return "", fmt.Errorf("roadmap item %s: %w", uid, tsync.ErrNotYet)
	} else if err != nil && !isNew {
		return "", err
	}
	cols, args := []string{}, []any{}
	for _, f := range sortedKeys(won) {
		col, ok := roadmapColumnOf[f]
		if !ok {
			continue
		}
		v, err := jsonValue(won[f])
		if err != nil {
			return "field " + f + ": " + err.Error(), nil
		}
		cols, args = append(cols, col), append(args, v)
	}
	if isNew {
		cols = append(cols, "uid", "pod_id", "created_at", "updated_at")
		args = append(args, uid, podID, now, now)
		res, err := tx.ExecContext(ctx, `INSERT INTO roadmap_items (`+strings.Join(cols, ", ")+`) VALUES (`+placeholders(len(cols))+`)`, args...)
		if err != nil {
			return constraintOr(err)
		}
		id, _ = res.LastInsertId()
	} else if len(cols) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE roadmap_items SET `+strings.Join(cols, " = ?, ")+` = ?, updated_at = ? WHERE id = ?`,
			append(args, now, id)...); err != nil {
			return constraintOr(err)
		}
	}
	if v, ok := won["customers"]; ok {
		if why, err := writeCustomers(ctx, tx, id, v); why != "" || err != nil {
			return why, err
		}
	}
	if v, ok := won["celebration"]; ok && v != nil {
		return writeCelebration(ctx, tx, id, podID, v, now)
	}
	return "", nil
}

func writeCustomers(ctx context.Context, tx *sql.Tx, itemID int64, v any) (string, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return "the item's customers are not a list", nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM roadmap_item_sources WHERE item_id = ?`, itemID); err != nil {
		return "", err
	}
	for i, c := range list {
		src, _ := c.(map[string]any)
		var deal any
		if uid, _ := src["deal"].(string); uid != "" {
			if id, err := requestIDByUID(ctx, tx, uid); err == nil {
				deal = id
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO roadmap_item_sources (item_id, customer, position, deal_request_id)
			VALUES (?, ?, ?, ?)`, itemID, src["customer"], i, deal); err != nil {
			return constraintOr(err)
		}
	}
	return "", nil
}

// writeCelebration records the item's celebration, in place of another
// laptop's that lost to it.
func writeCelebration(ctx context.Context, tx *sql.Tx, itemID, podID int64, v any, now string) (string, error) {
	c, _ := v.(map[string]any)
	vals := []any{}
	for _, f := range []string{"uid", "title", "goal", "realized", "crossed_on", "currency"} {
		x, err := jsonValue(c[f])
		if err != nil {
			return "celebration " + f + ": " + err.Error(), nil
		}
		vals = append(vals, x)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM roadmap_celebrations WHERE item_id = ? AND uid IS NOT ?`, itemID, vals[0]); err != nil {
		return "", err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO roadmap_celebrations (uid, title, goal, realized, crossed_on, currency, item_id, pod_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO NOTHING`, append(vals, itemID, podID, now)...)
	if err != nil {
		return constraintOr(err)
	}
	return "", nil
}

// applyARREntry adds an ARR entry, once: entries are history, a union.
func applyARREntry(ctx context.Context, tx *sql.Tx, p tsync.RecordPayload, now string) (string, error) {
	itemID, err := roadmapItemIDByUID(ctx, tx, p.Record)
	if errors.Is(err, data.ErrNotFound) {
		return "", fmt.Errorf("roadmap item %s: %w", p.Record, tsync.ErrNotYet)
	} else if err != nil {
		return "", err
	}
	entry, ok := p.Fields["entry"].(map[string]any)
	if !ok || len(p.Fields) != 1 {
		return "the event carries no ARR entry", nil
	}
	return insertARREntry(ctx, tx, itemID, entry, now)
}

func insertARREntry(ctx context.Context, tx *sql.Tx, itemID int64, entry map[string]any, now string) (string, error) {
	vals := []any{}
	for _, f := range []string{"uid", "date", "amount", "note"} {
		x, err := jsonValue(entry[f])
		if err != nil {
			return "ARR entry " + f + ": " + err.Error(), nil
		}
		vals = append(vals, x)
	}
	if u, _ := vals[0].(string); len(u) < 16 {
		return "the ARR entry has no global id", nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO roadmap_arr_entries (uid, date, amount, note, item_id, created_at)
		VALUES (?, ?, ?, coalesce(?, ''), ?, ?) ON CONFLICT (uid) DO NOTHING`, append(vals, itemID, now)...)
	if err != nil {
		return constraintOr(err)
	}
	return "", nil
}

// debtSnapshotFields is snapshot id as the events carry it (the answer
// too when answer is set).
func debtSnapshotFields(ctx context.Context, tx *sql.Tx, id int64, answer bool) (uid string, podID int64, fields map[string]any, err error) {
	cols := "m.date AS meeting"
	for _, f := range debtFigureFields {
		if f != "meeting" {
			cols += ", d." + f
		}
	}
	if answer {
		cols += ", d." + strings.Join(debtAnswerFields, ", d.")
	}
	rows, err := queryMaps(ctx, tx, `SELECT d.uid AS uid, d.pod_id AS pod_id, `+cols+` FROM debt_snapshots d
		JOIN meetings m ON m.id = d.meeting_id WHERE d.id = ?`, id)
	if err != nil || len(rows) == 0 {
		return "", 0, nil, err
	}
	fields = rows[0].(map[string]any)
	uid, _ = fields["uid"].(string)
	podID, _ = fields["pod_id"].(int64)
	delete(fields, "uid")
	delete(fields, "pod_id")
	return uid, podID, fields, nil
}

// emitDebtSnapshot writes the event of the debt check frozen into a
// meeting as snapshot id, when its pod is shared.
func (s *DB) emitDebtSnapshot(ctx context.Context, tx *sql.Tx, id int64) error {
	uid, podUID, fields, err := s.sharedDebtSnapshot(ctx, tx, id, false)
	if err != nil || podUID == "" {
		return err
	}
	return s.emitRecord(ctx, tx, podUID, tsync.KindDebtSnapshot, tsync.RecordPayload{Record: uid, Fields: fields}, tsync.Target{})
}

// emitDebtAnswer writes the event of the PMM's answer to snapshot id.
func (s *DB) emitDebtAnswer(ctx context.Context, tx *sql.Tx, id int64) error {
	uid, podUID, fields, err := s.sharedDebtSnapshot(ctx, tx, id, true)
	if err != nil || podUID == "" {
		return err
	}
	answer := map[string]any{}
	for _, f := range debtAnswerFields {
		answer[f] = fields[f]
	}
	p := tsync.RecordPayload{Seat: tsync.SeatMarketing, Record: uid, Fields: answer}
	return s.emitRecord(ctx, tx, podUID, tsync.KindDebtAnswer, p, tsync.Target{})
}

// sharedDebtSnapshot is debtSnapshotFields with the global id of the
// snapshot's pod when it is shared with the database's team ("" otherwise).
func (s *DB) sharedDebtSnapshot(ctx context.Context, tx *sql.Tx, id int64, answer bool) (uid, podUID string, fields map[string]any, err error) {
	if s.team.Load() == nil {
		return "", "", nil, nil
	}
	uid, podID, fields, err := debtSnapshotFields(ctx, tx, id, answer)
	if err != nil {
		return "", "", nil, err
	}
	_, podUID, err = s.sharedPod(ctx, tx, podID)
	return uid, podUID, fields, err
}

// applyDebtSnapshot adds a debt check frozen into a meeting on another
// laptop (with its answer, when shared), into this laptop's meeting of
// that day. A meeting holds one; a second one recorded on another laptop
// while apart is refused, with why.
func applyDebtSnapshot(ctx context.Context, tx *sql.Tx, p tsync.RecordPayload, podID int64, now string) (string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM debt_snapshots WHERE uid = ?`, p.Record).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "that debt check is on this laptop already", nil
	}
	meetingID, why, err := meetingOn(ctx, tx, podID, p.Fields["meeting"], now)
	if why != "" || err != nil {
		return why, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM debt_snapshots WHERE meeting_id = ?`, meetingID).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return "the meeting of " + fmt.Sprint(p.Fields["meeting"]) + " already holds a debt check recorded on another laptop", nil
	}
	pmm, err := memberOfSeat(ctx, tx, podID, string(tsync.SeatMarketing))
	if err != nil {
		return "", err
	}
	if r, _ := p.Fields["response"].(string); r == "" || r == string(data.ResponsePending) {
		pmm = nil
	}
	cols, args := []string{"uid", "meeting_id", "pod_id", "respondent_id"}, []any{p.Record, meetingID, podID, pmm}
	for _, f := range sortedKeys(p.Fields) {
		if f == "meeting" {
			continue
		}
		if !isField(debtFigureFields, f) && !isField(debtAnswerFields, f) {
			return "the event sets " + f + ", which is not a field of a debt check", nil
		}
		v, err := jsonValue(p.Fields[f])
		if err != nil {
			return "field " + f + ": " + err.Error(), nil
		}
		cols, args = append(cols, f), append(args, v)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO debt_snapshots (`+strings.Join(cols, ", ")+`) VALUES (`+placeholders(len(cols))+`)`, args...); err != nil {
		return constraintOr(err)
	}
	return "", nil
}

// applyDebtAnswer records the PMM's answer to a debt check, once: an
// answer given while another was already on record stays in the changes.
func applyDebtAnswer(ctx context.Context, tx *sql.Tx, p tsync.RecordPayload, podID int64, won map[string]any) (string, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM debt_snapshots WHERE uid = ?`, p.Record).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("debt check %s: %w", p.Record, tsync.ErrNotYet)
	} else if err != nil {
		return "", err
	}
	for f := range p.Fields {
		if !isField(debtAnswerFields, f) {
			return "the event sets " + f + ", which is not part of the answer to a debt check", nil
		}
	}
	if len(won) == 0 {
		return "", nil
	}
	pmm, err := memberOfSeat(ctx, tx, podID, string(tsync.SeatMarketing))
	if err != nil {
		return "", err
	}
	sets, args := []string{"respondent_id = ?"}, []any{pmm}
	for _, f := range sortedKeys(won) {
		v, err := jsonValue(won[f])
		if err != nil {
			return "field " + f + ": " + err.Error(), nil
		}
		sets, args = append(sets, f+" = ?"), append(args, v)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE debt_snapshots SET `+strings.Join(sets, ", ")+` WHERE id = ? AND response = 'pending'`,
		append(args, id)...); err != nil {
		return constraintOr(err)
	}
	return "", nil
}

// ShareRoadmap sends the pod's roadmap items (with their ARR entries and
// celebration) and debt checks (with their answers) that the team does
// not hold yet, signed by this member, the facilitator who shares the pod.
func (s *DB) ShareRoadmap(ctx context.Context, podUID string) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		podID, err := podIDByUID(ctx, tx, podUID)
		if err != nil {
			return err
		}
		items, err := queryIDs(ctx, tx, `SELECT id FROM roadmap_items i WHERE pod_id = ? AND NOT EXISTS
			(SELECT 1 FROM sync_changes c WHERE c.record_uid = i.uid) ORDER BY id`, podID)
		if err != nil {
			return err
		}
		for _, id := range items {
			uid, _, fields, err := roadmapItemFields(ctx, tx, id)
			if err != nil {
				return err
			}
			if fields["entries"], err = arrEntries(ctx, tx, `item_id = ?`, id); err != nil {
				return err
			}
			p := tsync.RecordPayload{Type: tsync.SharedRoadmapItem, Record: uid, Fields: fields}
			if err := s.emitRecord(ctx, tx, podUID, tsync.KindShared, p, tsync.Target{}); err != nil {
				return err
			}
			n++
		}
		snaps, err := queryIDs(ctx, tx, `SELECT id FROM debt_snapshots d WHERE pod_id = ? AND NOT EXISTS
			(SELECT 1 FROM sync_changes c WHERE c.record_uid = d.uid) ORDER BY id`, podID)
		if err != nil {
			return err
		}
		for _, id := range snaps {
			uid, _, fields, err := debtSnapshotFields(ctx, tx, id, true)
			if err != nil {
				return err
			}
			p := tsync.RecordPayload{Type: tsync.SharedDebtSnapshot, Record: uid, Fields: fields}
			if err := s.emitRecord(ctx, tx, podUID, tsync.KindShared, p, tsync.Target{}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
