package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	gosync "sync"

	"triad/data"
	tsync "triad/data/sync"
)

// syncTable is one table of a meeting's record as it travels between a
// team's laptops: its own columns as they are, its links to other rows as
// their global ids, never this laptop's integer keys.
type syncTable struct {
	name       string
	parent     string            // column holding the parent row's local id
	parentOf   string            // the parent's table
	fields     []string          // columns carried as they are, sorted
	links      map[string]string // columns holding another row's local id -> that row's table
	appendOnly bool              // rows are only ever added: they merge by union
	stamps     []string          // this laptop's own time columns, filled in on insert
	derived    [2]string         // a NOT NULL column and the SQL giving it from the parent's local id
	fixup      string            // run after a row is written, with its local id
	inMeeting  string            // WHERE picking a meeting's rows, ? being the meeting's local id
	inPod      string            // WHERE picking a pod's rows, ? being the pod's local id
}

// creatorField is the pseudo-field whose clock says which event added an
// append-only row, so a close that undoes the event removes the row too.
const creatorField = "+"

var meetingTables = []syncTable{
	{name: "meetings", parent: "pod_id", parentOf: "pods", fields: []string{"date", "ended_at", "started_at", "status"},
		stamps: []string{"created_at"}, inMeeting: "t.id = ?", inPod: "t.pod_id = ?",
		// A meeting that arrives has been prepared on the laptop it was made
		// on: its attendees and agenda come as its edits, never made again here.
		fixup: `UPDATE meetings SET agenda_prepared_at = coalesce(agenda_prepared_at, created_at) WHERE id = ?`},
	{name: "meeting_attendees", parent: "meeting_id", parentOf: "meetings",
		fields: []string{"email", "guest_role", "name", "present", "role"}, stamps: []string{"created_at"},
		inMeeting: "t.meeting_id = ?", inPod: "t.meeting_id IN (SELECT id FROM meetings WHERE pod_id = ?)",
		// A leader's row points at this laptop's seat of the same role.
		fixup: `UPDATE meeting_attendees SET member_id = (SELECT pm.id FROM pod_members pm JOIN meetings m ON m.pod_id = pm.pod_id
			WHERE m.id = meeting_attendees.meeting_id AND pm.role = meeting_attendees.role) WHERE id = ?`},
	{name: "agenda_items", parent: "meeting_id", parentOf: "meetings",
		fields: []string{"actual_seconds", "carried_from_date", "carry_over", "edited", "eng_can_build", "eng_how_long",
			"gtm_can_sell", "gtm_will_pay", "gtm_will_pay_text", "kind", "notes", "outcome", "outcome_type", "planned_minutes",
			"position", "prod_should_build", "prod_solves_problem", "standing", "title"},
		links: map[string]string{"carried_from_item_id": "agenda_items", "eng_by": "meeting_attendees", "gtm_by": "meeting_attendees",
			"presenter_id": "meeting_attendees", "prod_by": "meeting_attendees"},
		stamps: []string{"created_at", "updated_at"}, inMeeting: "t.meeting_id = ?",
		inPod: "t.meeting_id IN (SELECT id FROM meetings WHERE pod_id = ?)"},
	{name: "agenda_item_intervals", parent: "item_id", parentOf: "agenda_items", fields: []string{"ended_at", "started_at"},
		inMeeting: "t.item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?)",
		inPod:     "t.item_id IN (SELECT ai.id FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id WHERE m.pod_id = ?)"},
	{name: "action_items", parent: "meeting_id", parentOf: "meetings", fields: []string{"done_at", "due", "owner_name", "text"},
		links:  map[string]string{"agenda_item_id": "agenda_items", "owner_id": "meeting_attendees"},
		stamps: []string{"created_at"}, derived: [2]string{"pod_id", `(SELECT pod_id FROM meetings WHERE id = ?)`},
		inMeeting: "t.meeting_id = ?", inPod: "t.pod_id = ?"},
	{name: "meeting_events", parent: "meeting_id", parentOf: "meetings", fields: []string{"actor", "at", "kind", "reason"},
		appendOnly: true, inMeeting: "t.meeting_id = ?", inPod: "t.meeting_id IN (SELECT id FROM meetings WHERE pod_id = ?)"},
	{name: "action_item_history", parent: "action_id", parentOf: "action_items",
		fields: []string{"actor", "at", "field", "new_value", "old_value"}, appendOnly: true,
		inMeeting: "t.action_id IN (SELECT id FROM action_items WHERE meeting_id = ?)",
		inPod:     "t.action_id IN (SELECT id FROM action_items WHERE pod_id = ?)"},
}

func syncTableNamed(name string) (syncTable, bool) {
	for _, t := range meetingTables {
		if t.name == name {
			return t, true
		}
	}
	return syncTable{}, false
}

// columns lists what a row carries: its fields, then its links, sorted.
func (t syncTable) columns() []string { return tableReads()[t.name].cols }

// tableRead is what read selects of a table, built once: a shared
// meeting's save reads its row before and after, and building the text
// anew each time cost as much as a quarter of the read.
type tableRead struct {
	cols []string // columns(): fields and links, sorted
	sel  string   // uid, the parent's uid, then cols with links as uids
}

var tableReads = gosync.OnceValue(func() map[string]tableRead {
	out := map[string]tableRead{}
	for _, t := range meetingTables {
		cols := append([]string(nil), t.fields...)
		for c := range t.links {
			cols = append(cols, c)
		}
		sort.Strings(cols)
		sel := []string{"t.uid", fmt.Sprintf("(SELECT p.uid FROM %s p WHERE p.id = t.%s)", t.parentOf, t.parent)}
		for _, c := range cols {
			if lt, ok := t.links[c]; ok {
				sel = append(sel, fmt.Sprintf("(SELECT l.uid FROM %s l WHERE l.id = t.%s)", lt, c))
			} else {
				sel = append(sel, "t."+c)
			}
		}
		out[t.name] = tableRead{cols: cols, sel: strings.Join(sel, ", ")}
	}
	return out
})

func (t syncTable) carries(col string) bool {
	if _, ok := t.links[col]; ok {
		return true
	}
	return isField(t.fields, col)
}

// syncRec is one row as it travels: its table, its global id, its
// parent's global id and its columns (links as global ids).
type syncRec struct {
	Table  string         `json:"table"`
	UID    string         `json:"uid"`
	Parent string         `json:"parent"`
	New    bool           `json:"new,omitempty"` // every column, for a row the receiver may not have
	Fields map[string]any `json:"fields"`
}

// read returns t's rows matching where, ordered by global id.
func (t syncTable) read(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]syncRec, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+tableReads()[t.name].sel+` FROM `+t.name+` t WHERE `+where+` ORDER BY t.uid`, args...)
	if err != nil {
		return nil, err
	}
	return t.scan(rows)
}

// scan reads rows that select what read selects, and closes them.
func (t syncTable) scan(rows *sql.Rows) ([]syncRec, error) {
	defer rows.Close()
	cols := t.columns()
	var out []syncRec
	for rows.Next() {
		vals := make([]any, len(cols)+2)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := syncRec{Table: t.name, Fields: make(map[string]any, len(cols))}
		r.UID, _ = plain(vals[0]).(string)
		r.Parent, _ = plain(vals[1]).(string)
		for i, c := range cols {
			r.Fields[c] = plain(vals[i+2])
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// meetingState is a meeting's record by global id, every table's rows.
func meetingState(ctx context.Context, tx *sql.Tx, meetingID int64) (map[string]syncRec, error) {
	state := map[string]syncRec{}
	for _, t := range meetingTables {
		recs, err := t.read(ctx, tx, t.inMeeting, meetingID)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			state[r.UID] = r
		}
	}
	return state, nil
}

// meetingSnap is a shared meeting's record before a change, so the event
// carries only what the change did.
type meetingSnap struct {
	meetingID  int64
	meetingUID string // "" when not read with the snapshot
	// base is the last close or reopen of the meeting this laptop had
	// taken when the change began: the event's base (see lifecycleHead).
	base     string
	baseRead bool
	podUID   string
	state    map[string]syncRec
	// item, when set, is the one agenda item a change can touch: only its
	// row is read, before and after (saving the notes as they are typed).
	item int64
	// after, when set, is that row after the change, as the change worked
	// it out (itemAfter); nil: emitMeeting reads it.
	after map[string]syncRec
}

// read is the part of the meeting's record the change can touch.
func (snap *meetingSnap) read(ctx context.Context, tx *sql.Tx) (map[string]syncRec, error) {
	if snap.item == 0 {
		return meetingState(ctx, tx, snap.meetingID)
	}
	t, _ := syncTableNamed("agenda_items")
	recs, err := t.read(ctx, tx, "t.id = ?", snap.item)
	state := map[string]syncRec{}
	for _, r := range recs {
		state[r.UID] = r
	}
	return state, err
}

// snapMeeting reads meeting meetingID before a change when its pod is
// shared with the database's team; nil otherwise (nothing more is read).
func (s *DB) snapMeeting(ctx context.Context, tx *sql.Tx, meetingID int64) (*meetingSnap, error) {
	return s.snapMeetingPart(ctx, tx, meetingID, 0)
}

func (s *DB) snapMeetingPart(ctx context.Context, tx *sql.Tx, meetingID, itemID int64) (*meetingSnap, error) {
	t := s.team.Load()
	if t == nil {
		return nil, nil
	}
	// The meeting's global id, its pod's and its base in one read; the pod
	// is shared when this member holds a seat in it.
	var uid, podUID sql.NullString
	var base string
	err := tx.QueryRowContext(ctx, `SELECT m.uid, (SELECT p.uid FROM pods p WHERE p.id = m.pod_id),
		coalesce(`+lifecycleHeadOf("m.uid")+`, '') FROM meetings m WHERE m.id = ?`, meetingID).Scan(&uid, &podUID, &base)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.NotFoundf("That meeting no longer exists")
	}
	if err != nil || !podUID.Valid {
		return nil, err
	}
	if mine, err := s.holdsSeat(ctx, tx, t, podUID.String); err != nil || !mine {
		return nil, err
	}
	snap := &meetingSnap{meetingID: meetingID, meetingUID: uid.String, podUID: podUID.String, item: itemID,
		base: base, baseRead: true}
	if snap.state, err = snap.read(ctx, tx); err != nil {
		return nil, err
	}
	return snap, nil
}

// recordDelete is a row the change deleted, with the clock of each of its
// fields as the deleting laptop had them: an edit the delete had not seen
// keeps the record.
type recordDelete struct {
	Table string            `json:"table"`
	UID   string            `json:"uid"`
	Seen  map[string]string `json:"seen"`
}

// meetingPayload is the payload of the meeting.* and action.* events.
type meetingPayload struct {
	Meeting string         `json:"meeting"`
	Base    string         `json:"base,omitempty"` // the last close or reopen the laptop had taken
	Records []syncRec      `json:"records,omitempty"`
	Deleted []recordDelete `json:"deleted,omitempty"`
	Seen    []string       `json:"seen,omitempty"`   // a close: the meeting's events it had taken
	Closed  *closedRecord  `json:"closed,omitempty"` // a close: the record as it closed it
}

// closedRecord is a meeting's record as a close froze it: its rows and
// the clock that set each of their fields. Their fields' histories do not
// travel (they can be long: every save of the notes): each replica's
// follow from the events it took, less those the close undid.
type closedRecord struct {
	Records    []syncRec                    `json:"records"`
	Clocks     map[string]map[string]string `json:"clocks"`
	Tombstones []tombRow                    `json:"tombstones"` // its records deleted, for their creations arriving late
	// Minutes is the record of what the minutes report, as the close froze
	// it (travellingMinutes, gzipped: the pod's whole deal desk, roadmap
	// and action list, tens of kilobytes that compress tenfold). Every
	// laptop keeps this one rather than freezing its own, which would
	// miss what had not reached it yet. Absent for a meeting closed before
	// records were frozen.
	Minutes []byte `json:"minutes,omitempty"`
	// History is the field histories of Records as the closing laptop
	// holds them (closeHistory, gzipped). A laptop that refused an edit the
	// close had seen (its own close had frozen the meeting first, and this
	// later close stands) takes the record without that edit's lines; here
	// they come back.
	History []byte `json:"history,omitempty"`
}

// sameValue reports whether two column values read back the same, as
// their printed forms compare (an int64 and the json.Number a close
// carried of it are the same value); the kinds a read gives are compared
// directly, which a save's diff of some twenty columns does without
// printing each twice.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case nil:
		if b == nil {
			return true
		}
	case string:
		if y, ok := b.(string); ok {
			return x == y
		}
	case int64:
		if y, ok := b.(int64); ok {
			return x == y
		}
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// diffRecords lists the rows after holds that before did not (every
// column) or holds differently (the columns that changed), in table order
// so a row's parent and links come first, and the rows before held that
// after does not. Append-only rows are never deleted one by one.
func diffRecords(before, after map[string]syncRec) (changed []syncRec, gone []syncRec) {
	for _, t := range meetingTables {
		var uids []string
		for uid, r := range after {
			if r.Table == t.name {
				uids = append(uids, uid)
			}
		}
		sort.Strings(uids)
		for _, uid := range uids {
			a := after[uid]
			b, had := before[uid]
			if !had {
				a.New = true
				changed = append(changed, a)
				continue
			}
			d := syncRec{Table: a.Table, UID: uid, Parent: a.Parent, Fields: map[string]any{}}
			for f, v := range a.Fields {
				if !sameValue(b.Fields[f], v) {
					d.Fields[f] = v
				}
			}
			if len(d.Fields) > 0 {
				changed = append(changed, d)
			}
		}
		var goneUIDs []string
		for uid, r := range before {
			if _, still := after[uid]; !still && r.Table == t.name && !t.appendOnly {
				goneUIDs = append(goneUIDs, uid)
			}
		}
		sort.Strings(goneUIDs)
		for _, uid := range goneUIDs {
			gone = append(gone, before[uid])
		}
	}
	return changed, gone
}

// emitMeeting writes the event for a change to a shared meeting, in the
// change's transaction, after checking it against the authority rule as
// every other replica will: a change this member may not make is refused
// here and rolls back. snap is the meeting before the change (nil: the
// pod is not shared, nothing to do); a change that changed nothing sends
// nothing.
func (s *DB) emitMeeting(ctx context.Context, tx *sql.Tx, kind tsync.Kind, snap *meetingSnap) error {
	if snap == nil {
		return nil
	}
	after, err := snap.after, error(nil)
	if after == nil {
		if after, err = snap.read(ctx, tx); err != nil {
			return err
		}
	}
	changed, gone := diffRecords(snap.state, after)
	if len(changed) == 0 && len(gone) == 0 && kind != tsync.KindMeetingClosed {
		return nil
	}
	meetingUID := snap.meetingUID
	if meetingUID == "" {
		if err := tx.QueryRowContext(ctx, `SELECT uid FROM meetings WHERE id = ?`, snap.meetingID).Scan(&meetingUID); err != nil {
			return err
		}
	}
	ev, t, err := s.draftEvent(snap.podUID, kind)
	if err != nil {
		return err
	}
	p := meetingPayload{Meeting: meetingUID, Records: changed}
	p.Base = snap.base
	if !snap.baseRead {
		if p.Base, err = lifecycleHead(ctx, tx, meetingUID); err != nil {
			return err
		}
	}
	target, err := meetingTarget(ctx, tx, kind, changed)
	if err != nil {
		return err
	}
	if err := s.checkOwn(ctx, tx, ev, target); err != nil {
		return err
	}
	for _, r := range gone {
		d := recordDelete{Table: r.Table, UID: r.UID}
		if d.Seen, err = fieldClocks(ctx, tx, r.UID); err != nil {
			return err
		}
		if err := buryRecord(ctx, tx, meetingUID, r, snap.state, ev.ID); err != nil {
			return err
		}
		p.Deleted = append(p.Deleted, d)
	}
	if err := recordLocalEdits(ctx, tx, ev, changed, snap.state); err != nil {
		return err
	}
	if kind == tsync.KindMeetingClosed {
		if p.Seen, p.Closed, err = closeContents(ctx, tx, meetingUID, after); err != nil {
			return err
		}
	}
	if ev.Payload, err = json.Marshal(p); err != nil {
		return err
	}
	if err := ev.Sign(t.key); err != nil {
		return err
	}
	if err := logMeetingEvent(ctx, tx, meetingUID, ev, p, true); err != nil {
		return err
	}
	return s.queue(ctx, tx, ev)
}

// checkOwn runs the authority rule on this member's own event.
func (s *DB) checkOwn(ctx context.Context, tx *sql.Tx, ev tsync.Event, target tsync.Target) error {
	m, err := s.seatsOf(ctx, tx, ev.Pod)
	if err != nil {
		return err
	}
	ev.Signer = s.team.Load().key.Public
	if err := tsync.Authorize(m, ev, target); err != nil {
		return data.Conflictf("In team %s, %s", s.team.Load().cfg.Team, err)
	}
	return nil
}

// recordLocalEdits sets the clock of every field this change set, the
// value each replaced kept in the field's history.
func recordLocalEdits(ctx context.Context, tx *sql.Tx, ev tsync.Event, changed []syncRec, before map[string]syncRec) error {
	for _, r := range changed {
		t, _ := syncTableNamed(r.Table)
		if t.appendOnly {
			if err := setFieldClock(ctx, tx, r.UID, creatorField, ev); err != nil {
				return err
			}
			continue
		}
		for f := range r.Fields {
			if !r.New {
				if err := supersede(ctx, tx, r.UID, f, before[r.UID].Fields[f]); err != nil {
					return err
				}
			}
			if err := setFieldClock(ctx, tx, r.UID, f, ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// meetingTarget is what the authority rule needs of an action.done: the
// seat of the owner of the action it ticks.
func meetingTarget(ctx context.Context, tx *sql.Tx, kind tsync.Kind, recs []syncRec) (tsync.Target, error) {
	var t tsync.Target
	action := ""
	for _, r := range recs {
		if r.Table == "action_items" {
			action = r.UID
		}
	}
	if kind != tsync.KindActionDone || action == "" {
		return t, nil
	}
	var role string
	err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT att.role FROM meeting_attendees att WHERE att.id = a.owner_id), (SELECT pm.role
		FROM pod_members pm WHERE pm.pod_id = a.pod_id AND pm.name = a.owner_name AND a.owner_name != ''), '')
		FROM action_items a WHERE a.uid = ?`, action).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	t.ActionOwnerSeat = tsync.Seat(role)
	return t, err
}

// actionKnown reports whether an action.done's action is on this laptop:
// a tick that arrives before the action waits for it.
func actionKnown(ctx context.Context, tx *sql.Tx, recs []syncRec) (bool, error) {
	for _, r := range recs {
		if r.Table == "action_items" {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM action_items WHERE uid = ?`, r.UID).Scan(&n)
			return n > 0, err
		}
	}
	return true, nil
}

// fieldClocks returns the clock of each field of a record as "hlc event".
func fieldClocks(ctx context.Context, tx *sql.Tx, uid string) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT field, hlc, event_id FROM sync_fields WHERE record_uid = ?`, uid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var f, h, id string
		if err := rows.Scan(&f, &h, &id); err != nil {
			return nil, err
		}
		out[f] = h + " " + id
	}
	return out, rows.Err()
}

// laterThan reports whether clock (as "hlc event") comes after other; an
// empty other is before everything.
func laterThan(clock, other string) bool {
	if other == "" {
		return clock != ""
	}
	ch, cid, _ := strings.Cut(clock, " ")
	oh, oid, _ := strings.Cut(other, " ")
	a, _ := tsync.ParseHLC(ch)
	b, _ := tsync.ParseHLC(oh)
	return tsync.Later(a, cid, b, oid)
}

func clockOf(ev tsync.Event) string { return ev.Clock.String() + " " + ev.ID }

// syncMeeting runs change, a store method's work on meeting meetingID in
// tx, then writes the event for what it did when the meeting's pod is
// shared with the database's team.
func (s *DB) syncMeeting(ctx context.Context, tx *sql.Tx, meetingID int64, kind tsync.Kind, change func() error) error {
	snap, err := s.snapMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	return s.emitMeeting(ctx, tx, kind, snap)
}

// emitNewMeeting writes the meeting.created event of a meeting just made.
func (s *DB) emitNewMeeting(ctx context.Context, tx *sql.Tx, meetingID int64) error {
	snap, err := s.snapMeeting(ctx, tx, meetingID)
	if err != nil || snap == nil {
		return err
	}
	snap.state = nil // every row is new
	return s.emitMeeting(ctx, tx, tsync.KindMeetingCreated, snap)
}

// actionKind is the kind of an action item's revision: a tick (or
// untick) alone is action.done, which its owner may make too.
func actionKind(c data.ActionChange) tsync.Kind {
	if c.Done != nil && c.Due == nil && c.Owner == nil {
		return tsync.KindActionDone
	}
	return tsync.KindActionEdited
}

// snapClosing reads, before a close, the meeting and the pod's drafts
// whose carry-over the close works out again.
func (s *DB) snapClosing(ctx context.Context, tx *sql.Tx, m data.Meeting) ([]*meetingSnap, error) {
	snap, err := s.snapMeeting(ctx, tx, m.ID)
	if err != nil || snap == nil {
		return nil, err
	}
	snaps := []*meetingSnap{snap}
	drafts, err := queryIDs(ctx, tx, `SELECT id FROM meetings WHERE pod_id = ? AND status = 'draft' AND date > ?`, m.PodID, m.Date.String())
	if err != nil {
		return nil, err
	}
	for _, id := range drafts {
		d, err := s.snapMeeting(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		snaps = append(snaps, d)
	}
	return snaps, nil
}

// emitClosing writes the close, then the drafts' carry-over edits.
func (s *DB) emitClosing(ctx context.Context, tx *sql.Tx, snaps []*meetingSnap) error {
	for i, snap := range snaps {
		kind := tsync.KindMeetingEdited
		if i == 0 {
			kind = tsync.KindMeetingClosed
		}
		if err := s.emitMeeting(ctx, tx, kind, snap); err != nil {
			return err
		}
	}
	return nil
}

// actorAt is who made a change at this laptop when the caller does not
// say: in a team, the member at it, whose key signs the change; otherwise
// the pod's facilitator.
func (s *DB) actorAt(ctx context.Context, tx *sql.Tx, pod data.Pod) (string, error) {
	if who, err := s.signerAt(ctx, tx, pod.ID); who != "" || err != nil {
		return who, err
	}
	return pod.Facilitator(), nil
}

// signerAt is the member whose key signs this laptop's changes of the pod
// with local id podID when it is shared with the team; "" otherwise. A
// close or reopen there records them, whoever the window names: the
// record says who signed it.
func (s *DB) signerAt(ctx context.Context, tx *sql.Tx, podID int64) (string, error) {
	t, uid, err := s.sharedPod(ctx, tx, podID)
	if err != nil || uid == "" || t.cfg.Name == "" {
		return "", err
	}
	return t.cfg.Name, nil
}
