package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"triad/data"
	tsync "triad/data/sync"
)

// The pod's form as it syncs: its own columns, each leader's name and
// email ("leader.tech_lead.name"), the Tech Lead's delegates (a JSON
// list, one field) and the meeting template (templateField). Each is last-writer-wins on its clock, kept under the
// pod's global id.
var podFormColumns = []string{"concentration_limit_bp", "currency", "deal_threshold", "description", "maintenance_quota_bp",
	"meeting_time_minutes", "meeting_weekday", "name", "revenue_goal", "signoff_sla_minutes", "time_zone"}

const delegatesField = "delegates"

func podForm(ctx context.Context, tx *sql.Tx, podID int64) (map[string]any, error) {
	vals := make([]any, len(podFormColumns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := tx.QueryRowContext(ctx, `SELECT `+strings.Join(podFormColumns, ", ")+` FROM pods WHERE id = ?`, podID).Scan(ptrs...); err != nil {
		return nil, err
	}
	form := map[string]any{}
	for i, c := range podFormColumns {
		form[c] = plain(vals[i])
	}
	pod, err := getPod(ctx, tx, podID)
	if err != nil {
		return nil, err
	}
	for _, l := range pod.Leaders {
		form["leader."+string(l.Role)+".name"], form["leader."+string(l.Role)+".email"] = l.Name, l.Email
	}
	delegates, _ := json.Marshal(append([]string{}, pod.Delegates...))
	form[delegatesField] = string(delegates)
	if form[templateField], err = templateValue(ctx, tx, podID); err != nil {
		return nil, err
	}
	return form, nil
}

func podFormField(f string) bool {
	if isField(podFormColumns, f) || f == delegatesField || f == templateField {
		return true
	}
	for _, r := range data.Roles {
		if f == "leader."+string(r)+".name" || f == "leader."+string(r)+".email" {
			return true
		}
	}
	return false
}

// podSnap is a shared pod's form before a change.
type podSnap struct {
	podID  int64
	podUID string
	form   map[string]any
}

// snapPod reads the pod's form before a change when it is shared; nil otherwise.
func (s *DB) snapPod(ctx context.Context, tx *sql.Tx, podID int64) (*podSnap, error) {
	if s.team.Load() == nil {
		return nil, nil
	}
	_, uid, err := s.sharedPod(ctx, tx, podID)
	if err != nil || uid == "" {
		return nil, err
	}
	form, err := podForm(ctx, tx, podID)
	if err != nil {
		return nil, err
	}
	return &podSnap{podID: podID, podUID: uid, form: form}, nil
}

// podPayload is a pod.edited event's payload: the fields it set.
type podPayload struct {
	Fields map[string]any `json:"fields"`
}

// emitPod writes the pod.edited event for a change of the form (snap is
// the form before it; nil: the pod is not shared), after the authority
// check: only the facilitator edits the form. The meeting template goes
// in an event of its own: a laptop of a build that does not know the
// field refuses that event alone, and still takes the rest of the form.
func (s *DB) emitPod(ctx context.Context, tx *sql.Tx, snap *podSnap) error {
	if snap == nil {
		return nil
	}
	after, err := podForm(ctx, tx, snap.podID)
	if err != nil {
		return err
	}
	changed := map[string]any{}
	for f, v := range after {
		if old, had := snap.form[f]; !had || fmt.Sprint(old) != fmt.Sprint(v) {
			changed[f] = v
		}
	}
	return s.emitPodChanges(ctx, tx, snap, changed)
}

// emitPodChanges sends the fields changed, the meeting template apart.
func (s *DB) emitPodChanges(ctx context.Context, tx *sql.Tx, snap *podSnap, changed map[string]any) error {
	form, template := map[string]any{}, map[string]any{}
	for f, v := range changed {
		if f == templateField {
			template[f] = v
		} else {
			form[f] = v
		}
	}
	for _, fields := range []map[string]any{form, template} {
		if err := s.emitPodFields(ctx, tx, snap, fields); err != nil {
			return err
		}
	}
	return nil
}

// emitPodFields writes one pod.edited event setting fields (none: no event).
func (s *DB) emitPodFields(ctx context.Context, tx *sql.Tx, snap *podSnap, fields map[string]any) error {
	if len(fields) == 0 {
		return nil
	}
	payload, err := json.Marshal(podPayload{Fields: fields})
	if err != nil {
		return err
	}
	ev, err := s.newEvent(snap.podUID, tsync.KindPodEdited, payload)
	if err != nil {
		return err
	}
	if err := s.checkOwn(ctx, tx, ev, tsync.Target{}); err != nil {
		return err
	}
	for f := range fields {
		if err := supersede(ctx, tx, snap.podUID, f, snap.form[f]); err != nil {
			return err
		}
		if err := setFieldClock(ctx, tx, snap.podUID, f, ev); err != nil {
			return err
		}
	}
	return s.queue(ctx, tx, ev)
}

// SendNewFormFields sends, for each shared pod this laptop's member
// facilitates, the fields of the pod's form no event has set yet: a field
// a newer build of Triad added to the form (the meeting template) reaches
// the team's other laptops once, from the facilitator's, instead of only
// when it is next edited. It returns how many pods it sent fields of.
func (s *DB) SendNewFormFields(ctx context.Context) (int, error) {
	t := s.team.Load()
	if t == nil || t.key == nil {
		return 0, nil
	}
	sent := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		pods, err := queryColumn[string](ctx, tx, `SELECT DISTINCT pod_uid FROM sync_members WHERE member_key = ? AND seat = ?
			ORDER BY pod_uid`, t.cfg.MemberKey, string(tsync.SeatFacilitator))
		if err != nil {
			return err
		}
		for _, uid := range pods {
			podID, err := podIDByUID(ctx, tx, uid)
			if errors.Is(err, data.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			n, err := s.sendUnclockedFields(ctx, tx, podID, uid)
			if err != nil {
				return err
			}
			if n > 0 {
				sent++
			}
		}
		return nil
	})
	return sent, err
}

// sendUnclockedFields emits the pod's form fields that have no clock yet,
// when some of its fields have one (a pod never sent is sharePodRecord's).
func (s *DB) sendUnclockedFields(ctx context.Context, tx *sql.Tx, podID int64, podUID string) (int, error) {
	clocked, err := queryColumn[string](ctx, tx, `SELECT field FROM sync_fields WHERE record_uid = ?`, podUID)
	if err != nil || len(clocked) == 0 {
		return 0, err
	}
	unsent, err := podForm(ctx, tx, podID)
	if err != nil {
		return 0, err
	}
	for _, f := range clocked {
		delete(unsent, f)
	}
	snap := &podSnap{podID: podID, podUID: podUID, form: map[string]any{}}
	return len(unsent), s.emitPodChanges(ctx, tx, snap, unsent)
}

// applyPodForm takes another laptop's pod.edited event.
func (s *DB) applyPodForm(ctx context.Context, tx *sql.Tx, ev tsync.Event, m tsync.Membership) (string, error) {
	if err := tsync.Authorize(m, ev, tsync.Target{}); err != nil {
		var r *tsync.Refusal
		if errors.As(err, &r) {
			return r.Reason, nil
		}
		return "", err
	}
	var p podPayload
	dec := json.NewDecoder(bytes.NewReader(ev.Payload))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return "the pod event holds no fields", nil
	}
	for f := range p.Fields {
		if !podFormField(f) {
			return "the event sets " + f + ", which is not a field of the pod's form", nil
		}
	}
	podID, err := podIDByUID(ctx, tx, ev.Pod)
	if err != nil {
		return "", err
	}
	cur, err := podForm(ctx, tx, podID)
	if err != nil {
		return "", err
	}
	win, err := lastWriterWins(ctx, tx, ev.Pod, p.Fields, cur, ev)
	if err != nil {
		return "", err
	}
	for _, f := range win {
		if why, err := writePodField(ctx, tx, podID, f, p.Fields[f], s.stamp()); why != "" || err != nil {
			return why, err
		}
	}
	return "", setFieldClocks(ctx, tx, ev.Pod, win, ev)
}

func writePodField(ctx context.Context, tx *sql.Tx, podID int64, f string, v any, now string) (string, error) {
	var err error
	switch {
	case f == templateField:
		return writeTemplateField(ctx, tx, podID, v, now)
	case f == delegatesField:
		var names []string
		s, _ := v.(string)
		if json.Unmarshal([]byte(s), &names) != nil {
			return "the delegates are not a list of names", nil
		}
		err = saveDelegates(ctx, tx, podID, names)
	case strings.HasPrefix(f, "leader."):
		parts := strings.Split(f, ".")
		_, err = tx.ExecContext(ctx, `UPDATE pod_members SET `+parts[2]+` = ? WHERE pod_id = ? AND role = ?`, v, podID, parts[1])
	default:
		col, verr := jsonValue(v)
		if verr != nil {
			return "field " + f + ": " + verr.Error(), nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE pods SET `+f+` = ? WHERE id = ?`, col, podID)
	}
	if err != nil {
		if why, ok := constraintReason(err); ok {
			return why, nil
		}
	}
	return "", err
}

// sharePodRecord sends the pod's form and its meetings not yet shared, as
// made by this member: how a pod that lived on one laptop becomes a
// team's. A closed meeting goes with its close, so it is frozen everywhere.
func (s *DB) sharePodRecord(ctx context.Context, tx *sql.Tx, podID int64, podUID string) (int, error) {
	var clocked int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_fields WHERE record_uid = ?`, podUID).Scan(&clocked); err != nil {
		return 0, err
	}
	if clocked == 0 {
		if err := s.emitPod(ctx, tx, &podSnap{podID: podID, podUID: podUID, form: map[string]any{}}); err != nil {
			return 0, err
		}
	}
	ids, err := queryIDs(ctx, tx, `SELECT id FROM meetings m WHERE pod_id = ? AND NOT EXISTS
		(SELECT 1 FROM sync_meeting_log l WHERE l.meeting_uid = m.uid) ORDER BY date, id`, podID)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := s.emitMeeting(ctx, tx, tsync.KindMeetingCreated, &meetingSnap{meetingID: id, podUID: podUID}); err != nil {
			return 0, err
		}
		m, err := getMeeting(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		if m.Status == data.MeetingClosed {
			snap, err := s.snapMeeting(ctx, tx, id)
			if err != nil {
				return 0, err
			}
			if err := s.emitMeeting(ctx, tx, tsync.KindMeetingClosed, snap); err != nil {
				return 0, err
			}
		}
	}
	return len(ids), nil
}

// podSection is one part of the pod export: one kind of record.
type podSection struct {
	name string
	read func(ctx context.Context, tx *sql.Tx, podID int64, podUID string) (any, error)
}

// podExportSections are the pod export's parts, one per kind of record;
// a kind that comes to sync adds its line.
var podExportSections = []podSection{
	{"form", func(ctx context.Context, tx *sql.Tx, podID int64, _ string) (any, error) {
		return podForm(ctx, tx, podID)
	}},
	{"meetings", tableSection("meetings")},
	{"attendees", tableSection("meeting_attendees")},
	{"agenda_items", tableSection("agenda_items")},
	{"clock_intervals", tableSection("agenda_item_intervals")},
	{"action_items", tableSection("action_items")},
	{"meeting_events", tableSection("meeting_events")},
	{"action_history", tableSection("action_item_history")},
	{"superseded", supersededSection},
	{"frozen_minutes", frozenMinutesSection},
	{"decisions_and_roadmap", func(ctx context.Context, tx *sql.Tx, _ int64, podUID string) (any, error) {
		return decisionsExport(ctx, tx, podUID)
	}},
}

func tableSection(table string) func(context.Context, *sql.Tx, int64, string) (any, error) {
	return func(ctx context.Context, tx *sql.Tx, podID int64, _ string) (any, error) {
		t, _ := syncTableNamed(table)
		recs, err := t.read(ctx, tx, t.inPod, podID)
		if recs == nil {
			recs = []syncRec{}
		}
		return recs, err
	}
}

// frozenMinutesSection is the record each closed meeting of the pod's
// minutes show (its latest close's), as the sha256 of its body: every
// laptop keeps the closing laptop's body byte for byte. An earlier close
// of the meeting's may be held on the laptops that took it and not on one
// that refused it at the time (a later close made apart stood then).
func frozenMinutesSection(ctx context.Context, tx *sql.Tx, podID int64, _ string) (any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.uid, r.taken_at, r.body FROM meeting_records r JOIN meetings m ON m.id = r.meeting_id
		WHERE m.pod_id = ? AND m.status = 'closed'
		  AND r.id = (SELECT max(r2.id) FROM meeting_records r2 WHERE r2.meeting_id = m.id) ORDER BY m.uid`, podID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type frozen struct {
		Meeting string `json:"meeting"`
		TakenAt string `json:"taken_at"`
		SHA256  string `json:"sha256"`
	}
	out := []frozen{}
	for rows.Next() {
		var f frozen
		var body string
		if err := rows.Scan(&f.Meeting, &f.TakenAt, &body); err != nil {
			return nil, err
		}
		sum := sha256.Sum256([]byte(body))
		f.SHA256 = hex.EncodeToString(sum[:])
		out = append(out, f)
	}
	return out, rows.Err()
}

// supersededSection is every field history line of the pod's records.
func supersededSection(ctx context.Context, tx *sql.Tx, podID int64, podUID string) (any, error) {
	uids := []string{podUID}
	for _, t := range meetingTables {
		got, err := queryColumn[string](ctx, tx, `SELECT t.uid FROM `+t.name+` t WHERE `+t.inPod, podID)
		if err != nil {
			return nil, err
		}
		uids = append(uids, got...)
	}
	sort.Strings(uids)
	lines, err := supersededOf(ctx, tx, uids)
	if lines == nil {
		lines = []supersededLine{}
	}
	return lines, err
}

// PodExport is the shared record of the pod with global id podUID as
// canonical JSON: one section per kind of record (the form, meetings,
// attendees, agenda and action items, status events, action history,
// field histories), rows by global id, links as global ids, none of this
// laptop's own integer keys or timestamps. Two replicas that have taken
// the same events give the same bytes. The deal desk has its own
// (DealDeskExport).
func (s *DB) PodExport(ctx context.Context, podUID string) ([]byte, error) {
	out := map[string]any{"pod": podUID}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		podID, err := podIDByUID(ctx, tx, podUID)
		if err != nil {
			return err
		}
		for _, sec := range podExportSections {
			if out[sec.name], err = sec.read(ctx, tx, podID, podUID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(out, "", "  ")
}
