package sqlite

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"triad/data"
)

// A meeting's frozen record names rows by the integer keys of the laptop
// that froze it. Another laptop of the team stores that record's body as
// it came, byte for byte, so every laptop holds the same evidence, with a
// map of each key it names to the row's global id; reading it there puts
// this laptop's keys in their place.

// recordIDTables says which table each id field of a frozen record names.
// Every int64 field of the record's types is listed (recordIDTablesCover
// in the tests walks them), so a field added later cannot travel with
// another laptop's key in it unnoticed.
var recordIDTables = map[string]string{
	"Meeting.ID": "meetings", "Meeting.PodID": "pods",
	"Pod.ID": "pods", "Leader.ID": "pod_members",
	"Attendee.ID": "meeting_attendees", "Attendee.MeetingID": "meetings", "Attendee.MemberID": "pod_members",
	"AgendaItem.ID": "agenda_items", "AgendaItem.MeetingID": "meetings", "AgendaItem.PresenterID": "meeting_attendees",
	"AgendaItem.CarriedFromID":   "agenda_items",
	"TriadAnswers.EngineeringBy": "meeting_attendees", "TriadAnswers.ProductBy": "meeting_attendees",
	"TriadAnswers.MarketBy": "meeting_attendees",
	"ActionItem.ID":         "action_items", "ActionItem.PodID": "pods", "ActionItem.MeetingID": "meetings",
	"ActionItem.AgendaItemID": "agenda_items", "ActionItem.OwnerID": "meeting_attendees",
	"ActionEvent.ID": "action_item_history", "ActionEvent.ActionID": "action_items",
	"RoadmapItem.ID": "roadmap_items", "RoadmapItem.PodID": "pods", "DealSource.RequestID": "deal_requests",
	"ARREntry.ID": "roadmap_arr_entries", "ARREntry.ItemID": "roadmap_items",
	"DebtSnapshot.ID": "debt_snapshots", "DebtSnapshot.MeetingID": "meetings", "DebtSnapshot.PodID": "pods",
	"DebtSnapshot.RespondentID": "pod_members", "ItemRef.ID": "roadmap_items",
	"Celebration.ID": "roadmap_celebrations", "Celebration.ItemID": "roadmap_items", "Celebration.PodID": "pods",
	"DealRequest.ID": "deal_requests", "DealRequest.PodID": "pods",
	"DealEvent.ID": "deal_history", "DealEvent.RequestID": "deal_requests",
	"Decision.ID": "decisions", "Decision.PodID": "pods", "Decision.MeetingID": "meetings",
	"Decision.AgendaItemID": "agenda_items", "Decision.DeciderID": "pod_members",
	"Decision.SupersedesID": "decisions", "Decision.SupersededByID": "decisions",
	"Perspective.MemberID":      "pod_members",
	"LateCommitment.DecisionID": "decisions",
}

var int64Type = reflect.TypeOf(int64(0))

// recordRef is one id a record names: the table and the field holding it.
type recordRef struct {
	table string
	id    *int64
}

// recordRefs lists every non-zero id rec names, with its table.
func recordRefs(rec *data.MinutesRecord) ([]recordRef, error) {
	var out []recordRef
	var walk func(v reflect.Value) error
	walk = func(v reflect.Value) error {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				return walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				if err := walk(v.Index(i)); err != nil {
					return err
				}
			}
		case reflect.Map:
			if v.Len() > 0 {
				return fmt.Errorf("a frozen record's %s is a map, whose keys cannot be told from ids", v.Type())
			}
		case reflect.Struct:
			t := v.Type()
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				if !f.IsExported() {
					continue
				}
				if f.Type == int64Type {
					table, ok := recordIDTables[t.Name()+"."+f.Name]
					if !ok {
						return fmt.Errorf("a frozen record's %s.%s names a row of no known table", t.Name(), f.Name)
					}
					if p := v.Field(i).Addr().Interface().(*int64); *p != 0 {
						out = append(out, recordRef{table, p})
					}
					continue
				}
				if err := walk(v.Field(i)); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return out, walk(reflect.ValueOf(rec).Elem())
}

// recordIDs maps table -> this laptop's id (as text, as JSON keys are) ->
// the row's global id, for every id rec names that has one. A leader's
// seat has no global id of its own: it is the pod's and the role's.
type recordIDs map[string]map[string]string

// globalIDsOf is the map of the ids rec names, read in tx.
func globalIDsOf(ctx context.Context, tx *sql.Tx, rec data.MinutesRecord) (recordIDs, error) {
	refs, err := recordRefs(&rec)
	if err != nil {
		return nil, err
	}
	out := recordIDs{}
	for _, r := range refs {
		key := strconv.FormatInt(*r.id, 10)
		if _, done := out[r.table][key]; done {
			continue
		}
		var uid sql.NullString
		if r.table == "pod_members" {
			err = tx.QueryRowContext(ctx, `SELECT p.uid || '/' || m.role FROM pod_members m JOIN pods p ON p.id = m.pod_id WHERE m.id = ?`, *r.id).Scan(&uid)
		} else {
			err = tx.QueryRowContext(ctx, `SELECT uid FROM `+r.table+` WHERE id = ?`, *r.id).Scan(&uid)
		}
		if errors.Is(err, sql.ErrNoRows) {
			continue // deleted since: the record keeps the key it froze
		}
		if err != nil {
			return nil, err
		}
		if !uid.Valid {
			continue
		}
		if out[r.table] == nil {
			out[r.table] = map[string]string{}
		}
		out[r.table][key] = uid.String
	}
	return out, nil
}

// localizeRecord puts this laptop's ids in place of those of the laptop
// that froze rec, by ids (its map to global ids). An id this laptop holds
// no row for (a deal request not arrived yet, a row deleted here) becomes
// its negative, so the record stays whole and names nothing of this
// laptop's by mistake.
func localizeRecord(ctx context.Context, tx *sql.Tx, rec *data.MinutesRecord, ids recordIDs) error {
	refs, err := recordRefs(rec)
	if err != nil {
		return err
	}
	local := map[string]int64{} // table + " " + global id -> this laptop's id
	for _, r := range refs {
		uid := ids[r.table][strconv.FormatInt(*r.id, 10)]
		if uid == "" {
			*r.id = -*r.id
			continue
		}
		k := r.table + " " + uid
		id, seen := local[k]
		if !seen {
			if r.table == "pod_members" {
				pod, role, _ := strings.Cut(uid, "/")
				err = tx.QueryRowContext(ctx, `SELECT m.id FROM pod_members m JOIN pods p ON p.id = m.pod_id WHERE p.uid = ? AND m.role = ?`,
					pod, role).Scan(&id)
			} else {
				err = tx.QueryRowContext(ctx, `SELECT id FROM `+r.table+` WHERE uid = ?`, uid).Scan(&id)
			}
			switch {
			case errors.Is(err, sql.ErrNoRows):
				id = 0
			case err != nil:
				return err
			}
			local[k] = id
		}
		if id == 0 {
			*r.id = -*r.id
		} else {
			*r.id = id
		}
	}
	return nil
}

// decodeRecordIDs reads a stored map; NULL is a record frozen here.
func decodeRecordIDs(s sql.NullString) (recordIDs, error) {
	if !s.Valid {
		return nil, nil
	}
	var ids recordIDs
	if err := json.Unmarshal([]byte(s.String), &ids); err != nil {
		return nil, fmt.Errorf("the map of a frozen record's ids cannot be read: %w", err)
	}
	return ids, nil
}

// storedRecord is a meeting's latest frozen record as this laptop reads
// it: with its own ids. ok is false when the meeting has none.
func storedRecord(ctx context.Context, tx *sql.Tx, meetingID int64) (rec data.MinutesRecord, ok bool, err error) {
	var body string
	var ids sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT body, ids FROM meeting_records WHERE meeting_id = ? ORDER BY id DESC LIMIT 1`,
		meetingID).Scan(&body, &ids)
	if errors.Is(err, sql.ErrNoRows) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, err
	}
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return rec, false, err
	}
	m, err := decodeRecordIDs(ids)
	if err != nil {
		return rec, false, err
	}
	if m != nil {
		if err := localizeRecord(ctx, tx, &rec, m); err != nil {
			return rec, false, err
		}
	}
	return rec, true, nil
}

// travellingMinutes is a frozen record as a close carries it: the body as
// the closing laptop stored it and the global ids of the keys it names.
type travellingMinutes struct {
	Body string    `json:"body"`
	IDs  recordIDs `json:"ids"`
}

// packMinutes is the meeting's latest frozen record, packed for its close;
// nil when it has none.
func packMinutes(ctx context.Context, tx *sql.Tx, meetingUID string) ([]byte, error) {
	var tm travellingMinutes
	var ids sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT r.body, r.ids FROM meeting_records r JOIN meetings m ON m.id = r.meeting_id
		WHERE m.uid = ? ORDER BY r.id DESC LIMIT 1`, meetingUID).Scan(&tm.Body, &ids)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// A record frozen on another laptop travels on with that laptop's map.
	if tm.IDs, err = decodeRecordIDs(ids); err != nil {
		return nil, err
	}
	if tm.IDs == nil {
		var rec data.MinutesRecord
		if err := json.Unmarshal([]byte(tm.Body), &rec); err != nil {
			return nil, err
		}
		if tm.IDs, err = globalIDsOf(ctx, tx, rec); err != nil {
			return nil, err
		}
	}
	return packJSON(tm)
}

// packJSON is v as gzipped JSON: a close's record and histories hold the
// pod's whole deal desk, roadmap, action list and every save of the
// notes, tens of kilobytes that compress tenfold.
func packJSON(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// unpackJSON reads what packJSON wrote into v, refusing a field v does
// not have; why says what is wrong.
func unpackJSON(packed []byte, v any) (why string) {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return "are not gzip: " + err.Error()
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxMinutes+1))
	if err != nil || len(raw) > maxMinutes {
		return "cannot be unpacked, or are over 64 MB"
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return "cannot be read: " + err.Error()
	}
	return ""
}

// maxMinutes bounds a record unpacked from a close, so a crafted one
// cannot fill the memory: a pod's ten years of history is a few MB.
const maxMinutes = 64 << 20

// unpackMinutes reads what packMinutes wrote; why says what is wrong with
// a close whose record cannot be read, and the close is refused.
func unpackMinutes(packed []byte) (tm travellingMinutes, rec data.MinutesRecord, why string) {
	if why := unpackJSON(packed, &tm); why != "" {
		return tm, rec, "the close's frozen minutes " + why
	}
	rec, err := data.DecodeFrozenRecord(tm.Body)
	if err != nil {
		return tm, rec, "the close's frozen minutes: " + err.Error()
	}
	return tm, rec, ""
}

// keepArrivedMinutes stores the record another laptop's close of meeting
// froze, as it came, against this laptop's latest close of the meeting.
// It must be the record of that meeting as it closed, and pass the rules
// an imported record passes; otherwise the close is refused (why).
func (s *DB) keepArrivedMinutes(ctx context.Context, tx *sql.Tx, meetingUID string, meetingID int64, packed []byte) (string, error) {
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil || m.Status != data.MeetingClosed || packed == nil {
		return "", err
	}
	tm, rec, why := unpackMinutes(packed)
	if why != "" {
		return why, nil
	}
	if got := tm.IDs["meetings"][strconv.FormatInt(rec.Run.Meeting.ID, 10)]; got != meetingUID {
		return "the close's frozen minutes are of another meeting", nil
	}
	if err := localizeRecord(ctx, tx, &rec, tm.IDs); err != nil {
		return "", err
	}
	if data.UTCTime(rec.FrozenAt) != data.UTCTime(m.EndedAt) {
		return fmt.Sprintf("the close's frozen minutes were frozen at %s, but the meeting closed at %s",
			data.UTCTime(rec.FrozenAt), data.UTCTime(m.EndedAt)), nil
	}
	if err := rec.CheckFrozen(s.now()); err != nil {
		return "the close's frozen minutes break a rule of the record: " + err.Error(), nil
	}
	var eventID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM meeting_events WHERE meeting_id = ? AND kind = 'closed' ORDER BY at DESC, id DESC LIMIT 1`,
		meetingID).Scan(&eventID)
	if errors.Is(err, sql.ErrNoRows) {
		return "the close's frozen minutes came without the close", nil
	}
	if err != nil {
		return "", err
	}
	ids, err := json.Marshal(tm.IDs)
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meeting_records (meeting_id, event_id, taken_at, body, ids) VALUES (?, ?, ?, ?, ?)`,
		meetingID, eventID, data.UTCTime(m.EndedAt), tm.Body, string(ids))
	return "", err
}
