package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"unicode/utf8"

	"triad/data"
	tsync "triad/data/sync"
)

// The deal desk's synced fields. Each is last-writer-wins on its own
// clock (sync_fields); what a request's history says is a union of every
// replica's lines, so a value an edit replaced stays in the history line
// of the edit that set it. created_at and updated_at are each laptop's own.
var dealSyncFields = []string{"close_date", "customer", "deal_name", "decided_at", "due_at", "features",
	"needs_new_feature", "notes", "received_at", "rep_email", "rep_name", "rule_currency", "rule_sla_minutes",
	"rule_threshold", "sla_started_at", "state", "terms", "value"}

var historySyncFields = []string{"actor", "at", "changes", "comment", "from_state", "on_behalf_of", "recorded_by",
	"signoff_change", "to_state", "uid"}

func isField(list []string, f string) bool {
	i := sort.SearchStrings(list, f)
	return i < len(list) && list[i] == f
}

// dealPayload is the payload of the deal.* events: the request's global
// id, the fields this change set (all of them when filed), and the
// history lines it appended.
type dealPayload struct {
	Request string           `json:"request"`
	Fields  map[string]any   `json:"fields,omitempty"`
	History []map[string]any `json:"history,omitempty"`
}

// dealEditPayload is dealPayload as an edit sends it: the history lines
// as the JSON array SQLite made of them in the read of the request, which
// json.Marshal puts in Go's form (compact, HTML-escaped) like any other.
type dealEditPayload struct {
	Request string          `json:"request"`
	Fields  map[string]any  `json:"fields,omitempty"`
	History json.RawMessage `json:"history,omitempty"`
}

// dealSnap is what a request looked like before a change, for the event
// to carry only what the change set.
type dealSnap struct {
	fields   map[string]any
	lastHist int64
}

// snapDeal reads the request before a change, when the database has a
// team (nil otherwise: the single-laptop default reads nothing more).
func (s *DB) snapDeal(ctx context.Context, tx *sql.Tx, id int64) (*dealSnap, error) {
	if s.team.Load() == nil {
		return nil, nil
	}
	var last sql.NullInt64
	fields, err := scanDealFields(tx.QueryRowContext(ctx, `SELECT (SELECT h.id FROM deal_history h WHERE h.request_id = r.id
		ORDER BY h.id DESC LIMIT 1), r.`+strings.Join(dealSyncFields, ", r.")+` FROM deal_requests r WHERE r.id = ?`, id), &last)
	if err != nil {
		return nil, err
	}
	return &dealSnap{fields: fields, lastHist: last.Int64}, nil
}

// dealState is a request as its event is made from it, read in one query:
// its global id, its pod's, the key that filed it ("" before that is
// recorded), its synced fields and its history lines after a given one.
type dealState struct {
	uid, podUID, owner string
	fields             map[string]any
	history            json.RawMessage // a JSON array of historySyncFields objects, or nil
}

// historyJSON is the history lines of request r after line ?, oldest
// first, as a JSON array of objects with historySyncFields' keys in
// order (the order json.Marshal gives a map).
var historyJSON = func() string {
	pairs := make([]string, len(historySyncFields))
	for i, f := range historySyncFields {
		pairs[i] = "'" + f + "', h." + f
	}
	return `(SELECT json_group_array(json_object(` + strings.Join(pairs, ", ") + `) ORDER BY h.id)
		FROM deal_history h WHERE h.request_id = r.id AND h.id > ?)`
}()

// readDealState reads it. The pod and the filer are subqueries: as joins
// the same lookups cost several times as much. A history that is not
// valid UTF-8 (which SQLite's JSON would carry as is, and json.Marshal of
// the lines would not) is read line by line instead.
func readDealState(ctx context.Context, tx *sql.Tx, id, after int64) (dealState, error) {
	var st dealState
	var pod, owner sql.NullString
	var hist string
	fields, err := scanDealFields(tx.QueryRowContext(ctx, dealStateSQL, after, id), &st.uid, &pod, &owner, &hist)
	if err != nil {
		return st, err
	}
	st.fields = fields
	return st, st.takeHistory(ctx, tx, id, after, pod, owner, hist)
}

// readDealHead is readDealState without the synced fields, for a change
// that works them out (dealWrite.fieldsAfter).
func readDealHead(ctx context.Context, tx *sql.Tx, id, after int64) (dealState, error) {
	var st dealState
	var pod, owner sql.NullString
	var hist string
	if err := tx.QueryRowContext(ctx, dealHeadSQL, after, id).Scan(&st.uid, &pod, &owner, &hist); err != nil {
		return st, err
	}
	return st, st.takeHistory(ctx, tx, id, after, pod, owner, hist)
}

// The two reads of a request its event is made from: its ids, filer and
// new history lines (dealHeadSQL), and those with its synced fields.
var (
	dealHeadColumns = `SELECT r.uid, (SELECT p.uid FROM pods p WHERE p.id = r.pod_id),
		(SELECT o.owner_key FROM sync_owners o WHERE o.record_uid = r.uid), ` + historyJSON
	dealHeadSQL  = dealHeadColumns + ` FROM deal_requests r WHERE r.id = ?`
	dealStateSQL = dealHeadColumns + `, r.` + strings.Join(dealSyncFields, ", r.") + ` FROM deal_requests r WHERE r.id = ?`
)

// takeHistory keeps the pod, the filer and the history lines a read gave.
func (st *dealState) takeHistory(ctx context.Context, tx *sql.Tx, id, after int64, pod, owner sql.NullString, hist string) error {
	st.podUID, st.owner = pod.String, owner.String
	switch {
	case hist == "[]":
	case utf8.ValidString(hist):
		st.history = json.RawMessage(hist)
	default:
		lines, err := dealHistoryRows(ctx, tx, id, after)
		if err != nil {
			return err
		}
		if st.history, err = json.Marshal(lines); err != nil {
			return err
		}
	}
	return nil
}

// scanDealFields scans a row of head's columns, then dealSyncFields.
func scanDealFields(row *sql.Row, head ...any) (map[string]any, error) {
	vals := make([]any, len(dealSyncFields))
	ptrs := append(head, make([]any, len(vals))...)
	for i := range vals {
		ptrs[len(head)+i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return nil, err
	}
	fields := make(map[string]any, len(dealSyncFields))
	for i, f := range dealSyncFields {
		fields[f] = plain(vals[i])
	}
	return fields, nil
}

func dealRow(ctx context.Context, tx *sql.Tx, id int64) (uid string, podID int64, fields map[string]any, err error) {
	cols := strings.Join(dealSyncFields, ", ")
	vals := make([]any, len(dealSyncFields)+2)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err = tx.QueryRowContext(ctx, `SELECT uid, pod_id, `+cols+` FROM deal_requests WHERE id = ?`, id).Scan(ptrs...); err != nil {
		return "", 0, nil, err
	}
	uid, _ = plain(vals[0]).(string)
	podID, _ = vals[1].(int64)
	fields = map[string]any{}
	for i, f := range dealSyncFields {
		fields[f] = plain(vals[i+2])
	}
	return uid, podID, fields, nil
}

// plain turns what the driver scanned into a value JSON carries as is.
func plain(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

func dealHistoryRows(ctx context.Context, tx *sql.Tx, requestID, after int64) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(historySyncFields, ", ")+` FROM deal_history
		WHERE request_id = ? AND id > ? ORDER BY id`, requestID, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(historySyncFields))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		line := map[string]any{}
		for i, f := range historySyncFields {
			line[f] = plain(vals[i])
		}
		out = append(out, line)
	}
	return out, rows.Err()
}

// emitDeal writes the event for a change to request id, in the change's
// transaction, when its pod is shared with the database's team (this
// member holds a seat in it). It checks the change against the authority
// rule first, as every other replica will: a change this member may not
// make is refused here, and rolls back.
func (s *DB) emitDeal(ctx context.Context, tx *sql.Tx, kind tsync.Kind, id int64, before *dealSnap) error {
	return s.emitDealWrite(ctx, tx, kind, id, before, nil)
}

// dealWrite is what an UPDATE of a request set: each synced column it
// wrote, with the value it bound (a bool as the 0 or 1 SQLite keeps).
type dealWrite map[string]any

// fieldsAfter is the request's synced fields after w, worked out from the
// fields before it: what a read would give, without the read. ok is false
// when w holds a kind asStored does not know; the row is read instead.
func (w dealWrite) fieldsAfter(before map[string]any) (_ map[string]any, ok bool) {
	after := maps.Clone(before)
	for f, v := range w {
		if after[f], ok = asStored(v); !ok {
			return nil, false
		}
	}
	return after, true
}

// emitDealWrite is emitDeal for a change whose UPDATE wrote only the
// columns of wrote (nil: the change is read back instead): the fields
// after it come from the snapshot before and what it wrote.
func (s *DB) emitDealWrite(ctx context.Context, tx *sql.Tx, kind tsync.Kind, id int64, before *dealSnap, wrote dealWrite) error {
	t := s.team.Load()
	if t == nil {
		return nil
	}
	var after int64
	if before != nil {
		after = before.lastHist
	}
	var fields map[string]any
	if before != nil && wrote != nil {
		fields, _ = wrote.fieldsAfter(before.fields)
	}
	var st dealState
	var err error
	if fields != nil {
		st, err = readDealHead(ctx, tx, id, after)
		st.fields = fields
	} else {
		st, err = readDealState(ctx, tx, id, after)
	}
	if err != nil {
		return err
	}
	m, err := s.seatsOf(ctx, tx, st.podUID)
	if err != nil {
		return err
	}
	if len(m.SeatsOf(t.cfg.MemberKey)) == 0 {
		return s.refuseWhileAsked(ctx, tx, t, st.podUID)
	}
	p := dealEditPayload{Request: st.uid, Fields: map[string]any{}, History: st.history}
	for _, f := range dealSyncFields {
		if before == nil || !sameValue(before.fields[f], st.fields[f]) {
			p.Fields[f] = st.fields[f]
		}
	}
	payload, err := json.Marshal(p)
	if err != nil {
		return err
	}
	ev, err := s.newEvent(st.podUID, kind, payload)
	if err != nil {
		return err
	}
	if err := tsync.Authorize(m, ev, tsync.Target{FiledBy: st.owner}); err != nil {
		return data.Conflictf("In team %s, %s", t.cfg.Team, err)
	}
	if kind == tsync.KindDealFiled {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_owners (record_uid, owner_key) VALUES (?, ?)
			ON CONFLICT (record_uid) DO NOTHING`, st.uid, ev.Signer); err != nil {
			return err
		}
	}
	for f := range p.Fields {
		if err := setFieldClock(ctx, tx, st.uid, f, ev); err != nil {
			return err
		}
	}
	return s.queue(ctx, tx, ev)
}

func ownerOf(ctx context.Context, tx *sql.Tx, uid string) (string, error) {
	var owner string
	err := tx.QueryRowContext(ctx, `SELECT owner_key FROM sync_owners WHERE record_uid = ?`, uid).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return owner, err
}

func setFieldClock(ctx context.Context, tx *sql.Tx, uid, field string, ev tsync.Event) error {
	_, err := tx.ExecContext(ctx, setFieldClockSQL, uid, field, ev.Clock.String(), ev.ID)
	return err
}

const setFieldClockSQL = `INSERT INTO sync_fields (record_uid, field, hlc, event_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (record_uid, field) DO UPDATE SET hlc = excluded.hlc, event_id = excluded.event_id`

// ShareDealDesk sends the requests the pod already holds to the team, each
// as filed by this member with its history so far, then the pod's form and
// its meetings (sharePodRecord): how a pod that lived on one laptop becomes
// a team's. Records already shared are left alone.
func (s *DB) ShareDealDesk(ctx context.Context, podUID string) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		podID, err := podIDByUID(ctx, tx, podUID)
		if err != nil {
			return err
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM deal_requests r WHERE pod_id = ? AND NOT EXISTS
			(SELECT 1 FROM sync_owners o WHERE o.record_uid = r.uid) ORDER BY id`, podID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.emitDeal(ctx, tx, tsync.KindDealFiled, id, nil); err != nil {
				return err
			}
			n++
		}
		_, err = s.sharePodRecord(ctx, tx, podID, podUID)
		return err
	})
	return n, err
}

// ApplyEvent takes another replica's event in one transaction: a
// redelivery or replay is a no-op; an event whose signature or signer's
// authority fails is kept in sync_refused with why and never applied.
// An event for a pod or request this replica does not hold yet returns
// an error wrapping tsync.ErrNotYet, to be delivered again later.
func (s *DB) ApplyEvent(ctx context.Context, ev tsync.Event) (tsync.Applied, error) {
	out, err := s.ApplyEvents(ctx, []tsync.Event{ev})
	if err != nil {
		return 0, err
	}
	return out[0].Result, out[0].Err
}

// ApplyEvents takes a batch of other replicas' events in one transaction,
// one commit for all, each event inside a savepoint of its own: an event
// that fails rolls back alone, and its outcome says why (tsync.ErrNotYet:
// it waits for another event; any other error: to be retried), while the
// batch's others are kept. An event that waits for a later one of the same
// batch is tried again after it. The error is the batch's: nothing of it
// was committed.
func (s *DB) ApplyEvents(ctx context.Context, evs []tsync.Event) ([]tsync.Outcome, error) {
	t := s.team.Load()
	if t == nil {
		return nil, data.Conflictf("This database belongs to no team")
	}
	out := make([]tsync.Outcome, len(evs))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		todo := make([]int, len(evs))
		for i := range evs {
			todo[i] = i
		}
		for len(todo) > 0 {
			var waiting []int
			for _, i := range todo {
				var err error
				if out[i], err = s.applySaved(ctx, tx, t, evs[i]); err != nil {
					return err
				}
				if errors.Is(out[i].Err, tsync.ErrNotYet) {
					waiting = append(waiting, i)
				}
			}
			if len(waiting) == len(todo) {
				break // none of them moved: they wait for events not in this batch
			}
			todo = waiting
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, ev := range evs {
		if out[i].Err == nil && !ev.Clock.IsZero() {
			t.clock.Observe(ev.Clock)
		}
	}
	return out, nil
}

// applySaved applies ev inside a savepoint, rolled back when ev fails or
// is refused (a refusal found half-way, by a rule of the record, leaves
// nothing of the event but its refusal). The error is the transaction's
// (the savepoint itself failed): the batch stops.
func (s *DB) applySaved(ctx context.Context, tx *sql.Tx, t *team, ev tsync.Event) (tsync.Outcome, error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT event`); err != nil {
		return tsync.Outcome{}, err
	}
	res, why, err := s.applyOne(ctx, tx, t, ev)
	if err != nil || why != "" {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO event`); rerr != nil {
			return tsync.Outcome{}, rerr
		}
	}
	if err == nil && why != "" {
		body, _ := json.Marshal(ev)
		res = tsync.EventRefused
		_, err = tx.ExecContext(ctx, `INSERT INTO sync_refused (id, kind, pod_uid, signer, hlc, reason, body, refused_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, ev.ID, string(ev.Kind), ev.Pod, ev.Signer, ev.Clock.String(), why, string(body), s.stamp())
		if err != nil {
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO event`); rerr != nil {
				return tsync.Outcome{}, rerr
			}
		}
	}
	if _, rerr := tx.ExecContext(ctx, `RELEASE event`); rerr != nil {
		return tsync.Outcome{}, rerr
	}
	return tsync.Outcome{Result: res, Err: err}, nil
}

// applyOne takes ev in tx: nothing when it was taken, refused or made here
// before; applied and recorded when its signature and authority hold;
// otherwise why it is refused, to be recorded once what it did is undone.
func (s *DB) applyOne(ctx context.Context, tx *sql.Tx, t *team, ev tsync.Event) (tsync.Applied, string, error) {
	var seen int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_applied WHERE id = ?1)
		+ (SELECT count(*) FROM sync_refused WHERE id = ?1) + (SELECT count(*) FROM sync_outbox WHERE id = ?1)`, ev.ID).
		Scan(&seen); err != nil {
		return 0, "", err
	}
	if seen > 0 {
		return tsync.EventDuplicate, "", nil
	}
	why := ""
	if err := ev.Verify(); err != nil {
		why = err.Error()
	} else if ev.Team != t.cfg.Team {
		why = "the event is for team " + ev.Team + ", not " + t.cfg.Team
	}
	if why == "" {
		var err error
		if why, err = s.applyChecked(ctx, tx, ev); err != nil {
			return 0, "", err
		}
	}
	if why != "" {
		return tsync.EventRefused, why, nil
	}
	// The event is kept as it came, signed, so who signed what can be
	// checked again later on this laptop (VerifyEvents).
	body, err := json.Marshal(ev)
	if err != nil {
		return 0, "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sync_applied (id, kind, pod_uid, signer, hlc, applied_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		ev.ID, string(ev.Kind), ev.Pod, ev.Signer, ev.Clock.String(), s.stamp(), string(body))
	return tsync.EventApplied, "", err
}

// applyChecked runs the authority rule and applies ev; a refusal comes
// back as its reason, with nothing changed.
func (s *DB) applyChecked(ctx context.Context, tx *sql.Tx, ev tsync.Event) (string, error) {
	if _, err := podIDByUID(ctx, tx, ev.Pod); errors.Is(err, data.ErrNotFound) {
		return "", fmt.Errorf("event %s: pod %s: %w", ev.ID, ev.Pod, tsync.ErrNotYet)
	} else if err != nil {
		return "", err
	}
	if !tsync.DeskKind(ev.Kind) {
		// A rep's laptop holds the pod's deal desk only, whatever a hub
		// set up by hand lets through.
		if only, err := s.deskOnly(ctx, tx, ev.Pod); err != nil || only {
			return tsync.DeskOnlyReason, err
		}
	}
	switch ev.Kind {
	case tsync.KindPodShared, tsync.KindJoinAsked, tsync.KindJoinApproved, tsync.KindJoinRefused:
		return s.takeJoin(ctx, tx, ev)
	}
	m, err := s.seatsOf(ctx, tx, ev.Pod)
	if err != nil {
		return "", err
	}
	if tsync.MeetingRecordKind(ev.Kind) || ev.Kind == tsync.KindPodEdited {
		return s.applyMeetingEvent(ctx, tx, ev, m)
	}
	var target tsync.Target
	var p dealPayload
	deal := strings.HasPrefix(string(ev.Kind), "deal.")
	if deal {
		dec := json.NewDecoder(bytes.NewReader(ev.Payload))
		dec.UseNumber()
		if err := dec.Decode(&p); err != nil || p.Request == "" {
			return "the deal-desk event names no request", nil
		}
		if target.FiledBy, err = ownerOf(ctx, tx, p.Request); err != nil {
			return "", err
		}
		if target.FiledBy == "" && ev.Kind != tsync.KindDealFiled {
			if _, err := requestIDByUID(ctx, tx, p.Request); errors.Is(err, data.ErrNotFound) {
				return "", fmt.Errorf("event %s: request %s: %w", ev.ID, p.Request, tsync.ErrNotYet)
			}
		}
	}
	if isRecordKind(ev.Kind) {
		if target, err = recordTarget(ctx, tx, ev); err != nil {
			return "", err
		}
	}
	if err := tsync.Authorize(m, ev, target); err != nil {
		var r *tsync.Refusal
		if errors.As(err, &r) {
			return r.Reason, nil
		}
		return "", err
	}
	switch {
	case deal:
		return applyDeal(ctx, tx, ev, p, s.stamp())
	case isRecordKind(ev.Kind):
		return applyRecord(ctx, tx, ev, s.stamp())
	}
	return "this version of Triad does not apply " + string(ev.Kind) + " events yet", nil
}

func requestIDByUID(ctx context.Context, tx *sql.Tx, uid string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM deal_requests WHERE uid = ?`, uid).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, data.NotFoundf("No deal-desk request with global id %s is on this laptop", uid)
	}
	return id, err
}

// jsonValue turns a decoded JSON value into what a column takes.
func jsonValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, string:
		return x, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case json.Number:
		return x.Int64()
	}
	return nil, fmt.Errorf("a field holds %T", v)
}

// applyDeal applies a deal.* event that passed the authority rule: each
// field it sets wins when its clock is later than the one that last set
// that field; its history lines join the request's (once each).
func applyDeal(ctx context.Context, tx *sql.Tx, ev tsync.Event, p dealPayload, now string) (string, error) {
	for f := range p.Fields {
		if !isField(dealSyncFields, f) {
			return "the event sets " + f + ", which is not a synced field of a deal-desk request", nil
		}
	}
	for _, line := range p.History {
		for f := range line {
			if !isField(historySyncFields, f) {
				return "a history line of the event holds " + f + ", which is not a field of the history", nil
			}
		}
		if u, _ := line["uid"].(string); len(u) < 16 {
			return "a history line of the event has no global id", nil
		}
	}
	reqID, err := requestIDByUID(ctx, tx, p.Request)
	if errors.Is(err, data.ErrNotFound) {
		if ev.Kind != tsync.KindDealFiled {
			return "", fmt.Errorf("event %s: request %s: %w", ev.ID, p.Request, tsync.ErrNotYet)
		}
		podID, err := podIDByUID(ctx, tx, ev.Pod)
		if errors.Is(err, data.ErrNotFound) {
			return "", fmt.Errorf("event %s: pod %s: %w", ev.ID, ev.Pod, tsync.ErrNotYet)
		} else if err != nil {
			return "", err
		}
		cols := []string{"uid", "pod_id", "created_at", "updated_at"}
		args := []any{p.Request, podID, now, now}
		for _, f := range dealSyncFields {
			v, err := jsonValue(p.Fields[f])
			if err != nil {
				return "field " + f + ": " + err.Error(), nil
			}
			cols, args = append(cols, f), append(args, v)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO deal_requests (`+strings.Join(cols, ", ")+`) VALUES (?`+
			strings.Repeat(", ?", len(cols)-1)+`)`, args...)
		if err != nil {
			if why, ok := constraintReason(err); ok {
				return why, nil
			}
			return "", err
		}
		reqID, _ = res.LastInsertId()
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_owners (record_uid, owner_key) VALUES (?, ?)
			ON CONFLICT (record_uid) DO NOTHING`, p.Request, ev.Signer); err != nil {
			return "", err
		}
		for f := range p.Fields {
			if err := setFieldClock(ctx, tx, p.Request, f, ev); err != nil {
				return "", err
			}
		}
	} else if err != nil {
		return "", err
	} else {
		var sets []string
		var args []any
		fields := make([]string, 0, len(p.Fields))
		for f := range p.Fields {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			var hlc, eid string
			err := tx.QueryRowContext(ctx, `SELECT hlc, event_id FROM sync_fields WHERE record_uid = ? AND field = ?`, p.Request, f).Scan(&hlc, &eid)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return "", err
			}
			if err == nil {
				had, _ := tsync.ParseHLC(hlc)
				if !tsync.Later(ev.Clock, ev.ID, had, eid) {
					continue // a later edit already set this field
				}
			}
			v, err := jsonValue(p.Fields[f])
			if err != nil {
				return "field " + f + ": " + err.Error(), nil
			}
			sets, args = append(sets, f+" = ?"), append(args, v)
			if err := setFieldClock(ctx, tx, p.Request, f, ev); err != nil {
				return "", err
			}
		}
		if len(sets) > 0 {
			args = append(args, now, reqID)
			if _, err := tx.ExecContext(ctx, `UPDATE deal_requests SET `+strings.Join(sets, ", ")+`, updated_at = ? WHERE id = ?`, args...); err != nil {
				if why, ok := constraintReason(err); ok {
					return why, nil
				}
				return "", err
			}
		}
	}
	for _, line := range p.History {
		cols := []string{"request_id"}
		args := []any{reqID}
		for _, f := range historySyncFields {
			v, err := jsonValue(line[f])
			if err != nil {
				return "history " + f + ": " + err.Error(), nil
			}
			if v == nil {
				continue // the column's default
			}
			cols, args = append(cols, f), append(args, v)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO deal_history (`+strings.Join(cols, ", ")+`) VALUES (?`+
			strings.Repeat(", ?", len(cols)-1)+`) ON CONFLICT (uid) DO NOTHING`, args...); err != nil {
			if why, ok := constraintReason(err); ok {
				return why, nil
			}
			return "", err
		}
	}
	return "", nil
}

// constraintReason turns a CHECK or NOT NULL failure into a refusal: a
// signed event with values this schema refuses is kept, not applied.
func constraintReason(err error) (string, bool) {
	msg := err.Error()
	if strings.Contains(msg, "constraint failed") {
		return "the event's values break a rule of the record: " + msg, true
	}
	return "", false
}

// DealDeskExport is the deal desk of the pod with global id podUID as
// canonical JSON: requests by global id, their synced fields, and their
// history ordered by time and global id, with none of this laptop's own
// integer keys or timestamps. Two replicas that have taken the same
// events give the same bytes.
func (s *DB) DealDeskExport(ctx context.Context, podUID string) ([]byte, error) {
	type request struct {
		UID     string           `json:"uid"`
		Fields  map[string]any   `json:"fields"`
		History []map[string]any `json:"history"`
	}
	out := struct {
		Pod      string    `json:"pod"`
		Requests []request `json:"requests"`
	}{Pod: podUID, Requests: []request{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		podID, err := podIDByUID(ctx, tx, podUID)
		if err != nil {
			return err
		}
		ids, err := queryIDs(ctx, tx, `SELECT id FROM deal_requests WHERE pod_id = ? ORDER BY uid`, podID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			uid, _, fields, err := dealRow(ctx, tx, id)
			if err != nil {
				return err
			}
			hist, err := dealHistoryRows(ctx, tx, id, 0)
			if err != nil {
				return err
			}
			sort.SliceStable(hist, func(i, j int) bool {
				ai, aj := fmt.Sprint(hist[i]["at"]), fmt.Sprint(hist[j]["at"])
				if ai != aj {
					return ai < aj
				}
				return fmt.Sprint(hist[i]["uid"]) < fmt.Sprint(hist[j]["uid"])
			})
			out.Requests = append(out.Requests, request{UID: uid, Fields: fields, History: hist})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(out, "", "  ")
}
