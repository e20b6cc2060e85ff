package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"triad/data"
)

// importValidators check imported records with the domain's own rules,
// inside the import transaction, in this order: later ones lean on what
// earlier ones read (the pods, the meetings and their attendees). Every
// table of the export has one; TestEveryTableHasAnImportRule keeps it so.
var importValidators = []func(imp *importer) error{
	validateImportedSettings,
	validateImportedPods,
	validateImportedMeetings,
	validateImportedAttendees,
	validateImportedAgenda,
	validateImportedClock,
	validateImportedActions,
	validateImportedDealRequests,
	validateImportedDealHistory,
	validateImportedRoadmap,
	validateImportedSnapshots,
	validateImportedDecisions,
	validateImportedDrafts,
	validateImportedFormDrafts,
	validateImportedActionHistory,
	validateImportedRecords,
	validateImportedTemplates,
}

// importRuleTables are the tables the validators above cover, some through
// their parent's record (a pod's members with the pod). A name here whose
// table this database does not have yet simply has no records.
var importRuleTables = []string{
	"settings", "pods", "pod_members", "meetings", "meeting_attendees", "meeting_events",
	"agenda_items", "agenda_item_intervals", "action_items",
	"deal_requests", "deal_history", "deal_reminders",
	"roadmap_items", "roadmap_item_sources", "roadmap_arr_entries", "roadmap_celebrations",
	"debt_snapshots", "decisions", "decision_options", "decision_positions", "decision_actions",
	"agenda_item_drafts", "pod_delegates", "action_item_history", "meeting_records",
	"pod_template_items", "form_drafts",
}

// The domain's field names, where they differ from the columns.
var (
	settingsFields = map[string]string{"signoff_sla": "signoff_sla_minutes", "maintenance_quota": "maintenance_quota_bp",
		"concentration_limit": "concentration_limit_bp"}
	podFields      = map[string]string{"meeting_day": "meeting_weekday", "meeting_time": "meeting_time_minutes"}
	agendaFields   = map[string]string{"planned": "planned_minutes"}
	dealFields     = map[string]string{"pod": "pod_id"}
	roadmapFields  = map[string]string{"target": "target_quarter", "effort": "effort_tenths", "goal": "goal_override"}
	decisionFields = map[string]string{"meeting": "meeting_id", "pod": "pod_id", "decider": "decider_id",
		"chosen": "chosen_option", "revisit": "revisit_on", "reversed": "reversed_reason",
		"superseded_by": "superseded_by_id", "supersedes": "supersedes_id"}
)

func validateImportedSettings(imp *importer) error {
	st, err := readSettings(imp.ctx, imp.tx)
	if err != nil {
		return &ImportError{Table: "settings", Index: 0, Reason: "the record must have id 1"}
	}
	if err := st.Validate(); err != nil {
		return imp.failProblem("settings", 1, err, settingsFields)
	}
	imp.settings = st
	return nil
}

func validateImportedPods(imp *importer) error {
	pods, err := queryPods(imp.ctx, imp.tx, "ORDER BY id")
	if err != nil {
		return err
	}
	imp.pods = map[int64]data.Pod{}
	for _, p := range pods {
		for _, l := range p.Leaders {
			if l.ID == 0 {
				return imp.failByID("pods", p.ID, "", fmt.Sprintf("the pod has no %s; pod_members needs a record for each of the three seats", l.Role.Title()))
			}
		}
		n := p
		n.Normalize()
		if err := storedAndTrimmed(p.Validate, n.Validate); err != nil {
			var ve *data.ValidationError
			if errors.As(err, &ve) {
				// A leader's problem is the member's record, not the pod's.
				for _, r := range data.Roles {
					if field, ok := strings.CutPrefix(ve.Problems[0].Field, string(r)+"."); ok {
						return imp.failByID("pod_members", p.Leader(r).ID, field, ve.Problems[0].Message)
					}
				}
			}
			return imp.failProblem("pods", p.ID, err, podFields)
		}
		imp.pods[p.ID] = p
	}
	return nil
}

func validateImportedMeetings(imp *importer) error {
	ms, err := queryMeetings(imp.ctx, imp.tx, "ORDER BY id")
	if err != nil {
		return err
	}
	// The status history in the order the meeting screen reads it.
	events := map[int64][]data.MeetingEvent{}
	rows, err := imp.tx.QueryContext(imp.ctx, `SELECT id, meeting_id, kind, at, actor, reason FROM meeting_events ORDER BY at, id`)
	if err != nil {
		return err
	}
	type line struct {
		id int64
		e  data.MeetingEvent
	}
	var lines []line
	for rows.Next() {
		var l line
		var id int64
		var at string
		if err := rows.Scan(&l.id, &id, &l.e.Kind, &at, &l.e.By, &l.e.Reason); err != nil {
			rows.Close()
			return err
		}
		l.e.At, _ = data.ParseUTCTime(at)
		events[id] = append(events[id], l.e)
		lines = append(lines, l)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	// Who closed or reopened a meeting and why are printed in its minutes.
	for _, l := range lines {
		if err := l.e.CheckRecord(); err != nil {
			return imp.failProblem("meeting_events", l.id, err, map[string]string{"by": "actor"})
		}
	}
	imp.meetings = map[int64]data.Meeting{}
	for _, m := range ms {
		if err := m.Validate(); err != nil {
			return imp.failProblem("meetings", m.ID, err, map[string]string{"pod": "pod_id"})
		}
		if err := m.CheckTimes(); err != nil {
			return imp.failProblem("meetings", m.ID, err, nil)
		}
		if err := m.CheckEvents(events[m.ID]); err != nil {
			return imp.failProblem("meetings", m.ID, err, nil)
		}
		imp.meetings[m.ID] = m
	}
	return nil
}

func validateImportedAttendees(imp *importer) error {
	imp.attendees = map[int64]data.Attendee{}
	for _, row := range imp.rows["meetings"] {
		m := imp.meetings[row["id"].(int64)]
		as, err := queryAttendees(imp.ctx, imp.tx, m.ID)
		if err != nil {
			return err
		}
		for _, a := range as {
			if err := data.CheckAttendee(a, imp.pods[m.PodID]); err != nil {
				return imp.failProblem("meeting_attendees", a.ID, err, nil)
			}
			imp.attendees[a.ID] = a
		}
	}
	return nil
}

// sameMeeting refuses an attendee of another meeting in one of the row's
// person fields: the minutes print that person as having been there.
func (imp *importer) sameMeeting(table string, i int, row map[string]any, meetingID int64, fields ...string) error {
	for _, f := range fields {
		id, ok := row[f].(int64)
		if !ok {
			continue
		}
		if a := imp.attendees[id]; a.MeetingID != meetingID {
			return imp.fail(table, i, f, "names attendee %d, who is on the list of another meeting", id)
		}
	}
	return nil
}

func validateImportedAgenda(imp *importer) error {
	for _, row := range imp.rows["meetings"] {
		items, err := queryItems(imp.ctx, imp.tx, row["id"].(int64))
		if err != nil {
			return err
		}
		for _, it := range items {
			n := it
			n.Normalize()
			if err := storedAndTrimmed(it.Validate, n.Validate); err != nil {
				return imp.failProblem("agenda_items", it.ID, err, agendaFields)
			}
		}
	}
	for i, row := range imp.rows["agenda_items"] {
		if err := imp.sameMeeting("agenda_items", i, row, row["meeting_id"].(int64), "presenter_id", "eng_by", "prod_by", "gtm_by"); err != nil {
			return err
		}
	}
	return nil
}

func validateImportedClock(imp *importer) error {
	itemMeeting := map[int64]int64{}
	for _, row := range imp.rows["agenda_items"] {
		itemMeeting[row["id"].(int64)] = row["meeting_id"].(int64)
	}
	running := map[int64]int{} // meeting -> position of its open interval
	for i, row := range imp.rows["agenda_item_intervals"] {
		var iv data.Interval
		s, _ := row["started_at"].(string)
		e, _ := row["ended_at"].(string)
		iv.Start, _ = data.ParseUTCTime(s)
		iv.End, _ = data.ParseUTCTime(e)
		if err := data.CheckInterval(iv); err != nil {
			return imp.failProblem("agenda_item_intervals", row["id"].(int64), err, nil)
		}
		if !iv.Running() {
			continue
		}
		mid := itemMeeting[row["item_id"].(int64)]
		if j, ok := running[mid]; ok {
			return imp.fail("agenda_item_intervals", i, "ended_at", "the clock runs on one item at a time, but agenda_item_intervals[%d] of the same meeting is open too", j)
		}
		running[mid] = i
		if m := imp.meetings[mid]; m.Status != data.MeetingInProgress {
			return imp.fail("agenda_item_intervals", i, "ended_at", "the clock is running, but the meeting of %s is %s", m.Date, strings.ToLower(m.Status.Label()))
		}
	}
	return nil
}

func validateImportedActions(imp *importer) error {
	as, err := queryActions(imp.ctx, imp.tx, "ORDER BY a.id")
	if err != nil {
		return err
	}
	for _, a := range as {
		n := a
		n.Normalize()
		if err := storedAndTrimmed(a.Validate, n.Validate); err != nil {
			return imp.failProblem("action_items", a.ID, err, nil)
		}
		if m := imp.meetings[a.MeetingID]; m.PodID != a.PodID {
			return imp.failByID("action_items", a.ID, "pod_id", fmt.Sprintf("is pod %d, but its meeting belongs to pod %d", a.PodID, m.PodID))
		}
	}
	for i, row := range imp.rows["action_items"] {
		if id, ok := row["owner_id"].(int64); ok {
			owner := imp.attendees[id]
			if imp.meetings[owner.MeetingID].PodID != row["pod_id"].(int64) {
				return imp.fail("action_items", i, "owner_id", "names attendee %d, who attended another pod's meeting", id)
			}
		}
		name, _ := row["owner_name"].(string)
		if err := data.CheckCopiedName("owner_name", "The owner", name, false); err != nil {
			return imp.failProblem("action_items", row["id"].(int64), err, nil)
		}
	}
	return nil
}

// storedAndTrimmed runs a form's validation on a record as stored, then
// as the form would have trimmed it: the first refuses a line break or a
// hidden character the trimming would have hidden, the second a name of
// spaces, which the form stores as no name at all.
func storedAndTrimmed(stored, trimmed func() error) error {
	if err := stored(); err != nil {
		return err
	}
	return trimmed()
}

func validateImportedDealRequests(imp *importer) error {
	rs, err := queryDealRequests(imp.ctx, imp.tx, "ORDER BY r.id")
	if err != nil {
		return err
	}
	for _, r := range rs {
		n := r
		n.Normalize()
		if err := storedAndTrimmed(func() error { return r.Validate(imp.now) }, func() error { return n.Validate(imp.now) }); err != nil {
			return imp.failProblem("deal_requests", r.ID, err, dealFields)
		}
		if err := r.CheckDecidedAt(); err != nil {
			return imp.failProblem("deal_requests", r.ID, err, nil)
		}
		if err := r.Rule.Validate(); err != nil {
			return imp.failProblem("deal_requests", r.ID, err, nil)
		}
		if err := r.CheckStateRule(); err != nil {
			return imp.failProblem("deal_requests", r.ID, err, nil)
		}
	}
	return nil
}

func validateImportedDealHistory(imp *importer) error {
	lines := map[int64][]data.DealEvent{}
	ids := map[int64][]int64{}
	for _, row := range imp.rows["deal_history"] {
		var e data.DealEvent
		at, _ := row["at"].(string)
		e.At, _ = data.ParseUTCTime(at)
		e.Actor, _ = row["actor"].(string)
		e.OnBehalfOf, _ = row["on_behalf_of"].(string)
		from, _ := row["from_state"].(string)
		to, _ := row["to_state"].(string)
		e.From, e.To = data.DealState(from), data.DealState(to)
		e.Comment, _ = row["comment"].(string)
		e.RecordedBy, _ = row["recorded_by"].(string)
		changes, _ := row["changes"].(string)
		for _, c := range strings.Split(changes, "\n") {
			if changes != "" && strings.Count(c, "\t") != 2 {
				return imp.failByID("deal_history", row["id"].(int64), "changes",
					"each line names a field, its old value and its new value, separated by tabs")
			}
		}
		e.Changes = data.DecodeChanges(changes)
		flip, _ := row["signoff_change"].(string)
		e.SignOffChange = data.SignOffChange(flip)
		if err := e.Validate(); err != nil {
			return imp.failProblem("deal_history", row["id"].(int64), err, nil)
		}
		req := row["request_id"].(int64)
		lines[req] = append(lines[req], e)
		ids[req] = append(ids[req], row["id"].(int64))
	}
	// The history is read in id order, as the deal desk shows it.
	for req := range lines {
		order := make([]int, len(ids[req]))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return ids[req][order[a]] < ids[req][order[b]] })
		es, is := make([]data.DealEvent, len(order)), make([]int64, len(order))
		for i, j := range order {
			es[i], is[i] = lines[req][j], ids[req][j]
		}
		lines[req], ids[req] = es, is
	}
	for _, row := range imp.rows["deal_requests"] {
		id := row["id"].(int64)
		r := data.DealRequest{State: data.DealState(fmt.Sprint(row["state"]))}
		at, err := r.CheckHistory(lines[id])
		switch {
		case err != nil && at >= 0:
			return imp.failProblem("deal_history", ids[id][at], err, nil)
		case err != nil:
			return imp.failProblem("deal_requests", id, err, nil)
		}
	}
	return nil
}

func validateImportedRoadmap(imp *importer) error {
	today := data.DateOf(imp.now)
	items := map[int64]data.RoadmapItem{}
	for _, prow := range imp.rows["pods"] {
		podID := prow["id"].(int64)
		unit, err := getEffortUnit(imp.ctx, imp.tx, podID)
		if err != nil {
			return err
		}
		list, err := queryRoadmapItems(imp.ctx, imp.tx, "WHERE i.pod_id = ? ORDER BY i.id", podID)
		if err != nil {
			return err
		}
		for _, it := range list {
			n := it
			n.Title = data.CleanLine(n.Title)
			n.Customers = make([]string, len(it.Customers))
			for i, c := range it.Customers {
				n.Customers[i] = data.CleanLine(c)
			}
			if err := storedAndTrimmed(func() error { return it.Validate(unit, today) }, func() error { return n.Validate(unit, today) }); err != nil {
				return imp.failProblem("roadmap_items", it.ID, err, roadmapFields)
			}
			items[it.ID] = it
		}
	}
	entries, err := queryEntries(imp.ctx, imp.tx, "ORDER BY e.id")
	if err != nil {
		return err
	}
	for _, e := range entries {
		shipped := items[e.ItemID].ShippedOn
		n := e
		n.Note = strings.TrimSpace(n.Note)
		if err := storedAndTrimmed(func() error { return e.Validate(shipped, today) }, func() error { return n.Validate(shipped, today) }); err != nil {
			return imp.failProblem("roadmap_arr_entries", e.ID, err, nil)
		}
	}
	cels, err := queryCelebrations(imp.ctx, imp.tx, "ORDER BY id")
	if err != nil {
		return err
	}
	for _, c := range cels {
		if err := c.Validate(); err != nil {
			return imp.failProblem("roadmap_celebrations", c.ID, err, nil)
		}
		if it := items[c.ItemID]; it.PodID != c.PodID {
			return imp.failByID("roadmap_celebrations", c.ID, "pod_id", fmt.Sprintf("is pod %d, but the feature belongs to pod %d", c.PodID, it.PodID))
		}
	}
	return nil
}

func validateImportedSnapshots(imp *importer) error {
	ss, err := querySnapshots(imp.ctx, imp.tx, "ORDER BY d.id")
	if err != nil {
		return err
	}
	for _, sn := range ss {
		if err := sn.CheckRecord(); err != nil {
			return imp.failProblem("debt_snapshots", sn.ID, err, nil)
		}
		if m := imp.meetings[sn.MeetingID]; m.PodID != sn.PodID {
			return imp.failByID("debt_snapshots", sn.ID, "pod_id", fmt.Sprintf("is pod %d, but its meeting belongs to pod %d", sn.PodID, m.PodID))
		}
		if sn.RespondentID != 0 {
			p := imp.pods[sn.PodID]
			if _, ok := p.Member(sn.RespondentID); !ok {
				return imp.failByID("debt_snapshots", sn.ID, "respondent_id", "The answer must come from one of "+p.Name+"'s leaders")
			}
		}
	}
	return nil
}

func validateImportedDecisions(imp *importer) error {
	for _, prow := range imp.rows["pods"] {
		p := imp.pods[prow["id"].(int64)]
		ds, err := queryDecisions(imp.ctx, imp.tx, "WHERE d.pod_id = ? ORDER BY d.id", p.ID)
		if err != nil {
			return err
		}
		if err := loadDetails(imp.ctx, imp.tx, ds); err != nil {
			return err
		}
		for _, d := range ds {
			if m := imp.meetings[d.MeetingID]; m.PodID != d.PodID {
				return imp.failByID("decisions", d.ID, "meeting_id", fmt.Sprintf("is a meeting of pod %d, but the decision belongs to pod %d", m.PodID, d.PodID))
			}
			n := d
			n.Question = data.CleanLine(n.Question)
			if err := storedAndTrimmed(func() error { return d.Validate(p) }, func() error { return n.Validate(p) }); err != nil {
				return imp.failProblem("decisions", d.ID, err, decisionFields)
			}
			if err := d.CheckLifecycle(); err != nil {
				return imp.failProblem("decisions", d.ID, err, decisionFields)
			}
		}
	}
	// Options are numbered 1, 2, 3 … without gaps: the call names one by number.
	count := map[int64]int64{}
	for _, row := range imp.rows["decision_options"] {
		count[row["decision_id"].(int64)]++
	}
	for i, row := range imp.rows["decision_options"] {
		if pos := row["position"].(int64); pos > count[row["decision_id"].(int64)] {
			return imp.fail("decision_options", i, "position", "is %d, but decision %d has %d options; number them from 1 without gaps", pos, row["decision_id"], count[row["decision_id"].(int64)])
		}
	}
	decisionPod := map[int64]int64{}
	for _, row := range imp.rows["decisions"] {
		decisionPod[row["id"].(int64)] = row["pod_id"].(int64)
	}
	for i, row := range imp.rows["decision_positions"] {
		p := imp.pods[decisionPod[row["decision_id"].(int64)]]
		l, ok := p.Member(row["member_id"].(int64))
		if ok && string(l.Role) != row["role"] {
			return imp.fail("decision_positions", i, "role", "%s sits in the %s seat of %s", l.Name, l.Role.Title(), p.Name)
		}
		name, _ := row["member_name"].(string)
		if err := data.CheckCopiedName("member_name", "The leader", name, true); err != nil {
			return imp.fail("decision_positions", i, "member_name", "%s", err)
		}
	}
	for i, row := range imp.rows["decision_actions"] {
		a := imp.rows["action_items"][imp.index["action_items"][row["action_item_id"].(int64)]]
		if a["pod_id"].(int64) != decisionPod[row["decision_id"].(int64)] {
			return imp.fail("decision_actions", i, "action_item_id", "is an action item of another pod")
		}
	}
	return nil
}

// maxImportedDraft is the longest held-back draft the autosaver keeps:
// past the notes limit by a margin, since a draft is text that did not
// pass the form's rules.
const maxImportedDraft = 2 * data.MaxNoteLen

// validateImportedDrafts checks agenda-item drafts. A draft is kept
// precisely because it broke a form rule (a hidden character, a note too
// long), so only its size is bounded; it never reaches the record.
func validateImportedDrafts(imp *importer) error {
	for i, row := range imp.rows["agenda_item_drafts"] {
		v, _ := row["value"].(string)
		if n := utf8.RuneCountInString(v); n > maxImportedDraft {
			return imp.fail("agenda_item_drafts", i, "value", "The draft is too long (%d characters; at most %d)", n, maxImportedDraft)
		}
	}
	return nil
}

// validateImportedFormDrafts checks the drafts of forms left unsaved with
// the rule the store saves them by (a key some form makes, field names,
// bounded text) and that the record each is about came with the file: a
// draft of a decision that is not there could never be shown again.
func validateImportedFormDrafts(imp *importer) error {
	for i, row := range imp.rows["form_drafts"] {
		form, _ := row["form"].(string)
		subject, _ := row["subject"].(string)
		field, _ := row["field"].(string)
		value, _ := row["value"].(string)
		k := data.DraftKey{Form: data.DraftForm(form), Subject: subject}
		link, linked, err := k.Link()
		if err != nil {
			return imp.fail("form_drafts", i, "subject", "%s", strings.TrimPrefix(err.Error(), data.ErrInvalid.Error()+": "))
		}
		if err := data.ValidateDraft(k, map[string]string{field: value}); err != nil {
			return imp.fail("form_drafts", i, "value", "%s", strings.TrimPrefix(err.Error(), data.ErrInvalid.Error()+": "))
		}
		if linked {
			if _, ok := imp.index[link.Table][link.ID]; !ok {
				return imp.fail("form_drafts", i, "subject", "names %s %d, which is not in the file", link.Table, link.ID)
			}
		}
		if at, _ := row["saved_at"].(string); at != "" {
			if _, err := data.ParseUTCTime(at); err != nil {
				return imp.fail("form_drafts", i, "saved_at", "is not a time: %q", truncate(at, 40))
			}
		}
	}
	return nil
}

// validateImportedActionHistory checks each line of an action item's
// history as the store writes it: who changed it, which field, and values
// that read as that field's. The lines are not replayed against the
// action: an action edited in its own (open) meeting changes without a
// line, so the history need not add up to the action as it stands.
func validateImportedActionHistory(imp *importer) error {
	for _, row := range imp.rows["action_item_history"] {
		var e data.ActionEvent
		at, _ := row["at"].(string)
		e.At, _ = data.ParseUTCTime(at)
		e.Actor, _ = row["actor"].(string)
		field, _ := row["field"].(string)
		e.Field = data.ActionField(field)
		e.Old, _ = row["old_value"].(string)
		e.New, _ = row["new_value"].(string)
		if err := e.Validate(); err != nil {
			return imp.failProblem("action_item_history", row["id"].(int64), err, nil)
		}
	}
	return nil
}

// validateImportedRecords checks the records frozen when meetings closed.
// They are kept rather than dropped (the minutes of a closed meeting on the
// new laptop are then what stood at close, not a rebuild from data edited
// since) and checked rather than trusted: the body is JSON anyone can edit,
// and the minutes print it as the record. Each must read strictly as a
// record, belong to its meeting and to a close of that meeting at the
// moment it was frozen, pass the window's rules part by part
// (data.MinutesRecord.CheckFrozen), and the latest record of a meeting
// that is still closed must agree with what the meeting itself holds,
// which nothing can change after close: its times, attendees, agenda and
// debt check.
func validateImportedRecords(imp *importer) error {
	type closeEvent struct {
		meetingID int64
		kind, at  string
	}
	events := map[int64]closeEvent{}
	lastClose := map[int64]int64{} // meeting -> its latest close, as the history orders it
	for _, row := range imp.rows["meeting_events"] {
		id := row["id"].(int64)
		e := closeEvent{row["meeting_id"].(int64), fmt.Sprint(row["kind"]), fmt.Sprint(row["at"])}
		events[id] = e
		if e.kind == "closed" {
			prev, ok := lastClose[e.meetingID]
			if !ok || events[prev].at < e.at || (events[prev].at == e.at && prev < id) {
				lastClose[e.meetingID] = id
			}
		}
	}
	order := make([]int, len(imp.rows["meeting_records"]))
	for i := range order {
		order[i] = i
	}
	rows := imp.rows["meeting_records"]
	sort.Slice(order, func(a, b int) bool { return rows[order[a]]["id"].(int64) < rows[order[b]]["id"].(int64) })
	latest := map[int64]int{}       // meeting -> position of its latest record
	lastTaken := map[int64]string{} // meeting -> taken_at of the record before
	usedEvent := map[int64]int64{}  // close event -> record id
	for _, i := range order {
		row := rows[i]
		id, meetingID, eventID := row["id"].(int64), row["meeting_id"].(int64), row["event_id"].(int64)
		taken, _ := row["taken_at"].(string)
		ev := events[eventID]
		switch {
		case ev.meetingID != meetingID:
			return imp.fail("meeting_records", i, "event_id", "is a status change of meeting %d, not of meeting %d", ev.meetingID, meetingID)
		case ev.kind != "closed":
			return imp.fail("meeting_records", i, "event_id", "is a %s line; a record is frozen when a meeting closes", ev.kind)
		case ev.at != taken:
			return imp.fail("meeting_records", i, "taken_at", "is %s, but the close it was frozen at happened at %s", taken, ev.at)
		case taken <= lastTaken[meetingID]:
			return imp.fail("meeting_records", i, "taken_at", "is not after the meeting's earlier record; each close freezes a later one")
		}
		if other, dup := usedEvent[eventID]; dup {
			return imp.fail("meeting_records", i, "event_id", "is the close record %d was frozen at; a close freezes one record", other)
		}
		usedEvent[eventID], lastTaken[meetingID], latest[meetingID] = id, taken, i
		rec, err := imp.frozenRecord(row)
		if err != nil {
			return imp.failProblem("meeting_records", id, err, nil)
		}
		live := imp.meetings[meetingID]
		m := rec.Run.Meeting
		switch {
		case m.ID != meetingID || m.PodID != live.PodID || m.Date != live.Date:
			return imp.fail("meeting_records", i, "body", "is the record of meeting %d of pod %d on %s, not of meeting %d of pod %d on %s",
				m.ID, m.PodID, m.Date, meetingID, live.PodID, live.Date)
		case data.UTCTime(rec.FrozenAt) != taken:
			return imp.fail("meeting_records", i, "body", "says it was frozen at %s, but the record was taken at %s", data.UTCTime(rec.FrozenAt), taken)
		}
		if err := rec.CheckFrozen(imp.now); err != nil {
			return imp.failProblem("meeting_records", id, err, nil)
		}
	}
	for meetingID, i := range latest {
		row := rows[i]
		if row["event_id"].(int64) != lastClose[meetingID] {
			return imp.fail("meeting_records", i, "event_id", "is not the meeting's latest close, which froze no record; its minutes would show an older close")
		}
		live := imp.meetings[meetingID]
		if live.Status != data.MeetingClosed {
			continue // reopened since: its records are of earlier closes
		}
		rec, _ := imp.frozenRecord(row)
		run, err := loadRun(imp.ctx, imp.tx, meetingID)
		if err != nil {
			return err
		}
		// The meeting's own debt check is locked with it, the PMM's answer too.
		var frozenSnaps []data.DebtSnapshot
		for _, sn := range rec.Roadmap.Snapshots {
			if sn.MeetingID == meetingID {
				frozenSnaps = append(frozenSnaps, sn)
			}
		}
		liveSnaps, err := querySnapshots(imp.ctx, imp.tx, "WHERE d.meeting_id = ? ORDER BY d.id", meetingID)
		if err != nil {
			return err
		}
		for _, part := range []struct {
			name         string
			frozen, real any
		}{
			{"debt check", frozenSnaps, liveSnaps},
			{"start and end", [2]time.Time{rec.Run.Meeting.StartedAt, rec.Run.Meeting.EndedAt}, [2]time.Time{run.Meeting.StartedAt, run.Meeting.EndedAt}},
			{"attendees", rec.Run.Attendees, run.Attendees},
			{"agenda", rec.Run.Items, run.Items},
		} {
			a, errA := json.Marshal(part.frozen)
			b, errB := json.Marshal(part.real)
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				return imp.fail("meeting_records", i, "body", "the %s it froze differ from the closed meeting's own; nothing of a closed meeting changes after close", part.name)
			}
		}
	}
	return nil
}

// frozenRecord is an imported meeting_records row's body, with this
// file's ids in place of those of the laptop that froze it when its ids
// column maps them (a record frozen on another laptop of a team).
func (imp *importer) frozenRecord(row map[string]any) (data.MinutesRecord, error) {
	body, _ := row["body"].(string)
	rec, err := data.DecodeFrozenRecord(body)
	if err != nil {
		return rec, err
	}
	var ids sql.NullString
	ids.String, ids.Valid = row["ids"].(string)
	m, err := decodeRecordIDs(ids)
	if err != nil {
		return rec, &data.ValidationError{Problems: []data.Problem{{Field: "ids", Message: err.Error()}}}
	}
	if m != nil {
		err = localizeRecord(imp.ctx, imp.tx, &rec, m)
	}
	return rec, err
}

// validateImportedTemplates checks each pod's meeting template as the pod
// settings save it: the items in order, each standing item once, titles,
// kinds and timeboxes within bounds.
func validateImportedTemplates(imp *importer) error {
	rows, err := imp.tx.QueryContext(imp.ctx, `SELECT id, pod_id, standing, title, kind, planned_minutes FROM pod_template_items ORDER BY pod_id, position, id`)
	if err != nil {
		return err
	}
	templates := map[int64]*data.MeetingTemplate{}
	ids := map[int64][]int64{} // each template's row ids, in item order
	var pods []int64
	for rows.Next() {
		var id, pod int64
		var it data.TemplateItem
		var standing, kind string
		if err := rows.Scan(&id, &pod, &standing, &it.Title, &kind, &it.Minutes); err != nil {
			rows.Close()
			return err
		}
		it.Standing, it.Kind = data.StandingKind(standing), data.ItemKind(kind)
		if templates[pod] == nil {
			templates[pod] = &data.MeetingTemplate{PodID: pod}
			pods = append(pods, pod)
		}
		templates[pod].Items = append(templates[pod].Items, it)
		ids[pod] = append(ids[pod], id)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, pod := range pods {
		t := *templates[pod]
		n := data.MeetingTemplate{PodID: pod, Items: append([]data.TemplateItem(nil), t.Items...)}
		n.Normalize()
		err := storedAndTrimmed(t.Validate, n.Validate)
		var ve *data.ValidationError
		if !errors.As(err, &ve) || len(ve.Problems) == 0 {
			continue
		}
		// "items.3.title" is the third item's title; "items" the template's.
		id, field := ids[pod][0], ""
		if parts := strings.SplitN(ve.Problems[0].Field, ".", 3); len(parts) == 3 {
			if i, convErr := strconv.Atoi(parts[1]); convErr == nil && i >= 1 && i <= len(ids[pod]) {
				id, field = ids[pod][i-1], parts[2]
				if field == "minutes" {
					field = "planned_minutes"
				}
			}
		}
		return imp.failByID("pod_template_items", id, field, ve.Problems[0].Message)
	}
	return nil
}
