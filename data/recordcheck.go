package data

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckRecord checks one line of a meeting's status history as stored:
// a known kind, a time, who acted as a name, and a reason only on a
// reopen, bounded as the reopen dialog bounds it. Lines from before who
// and why were kept have neither, so neither is required here.
func (e MeetingEvent) CheckRecord() error {
	var ps problems
	switch e.Kind {
	case "started", "closed", "reopened":
	default:
		ps.add("kind", "The status change %q is not started, closed or reopened", e.Kind)
	}
	if e.At.IsZero() {
		ps.add("at", "The status change needs the time it happened")
	}
	if err := CheckCopiedName("actor", "Who changed the status", e.By, false); err != nil {
		ps = append(ps, err.(*ValidationError).Problems...)
	}
	switch {
	case e.Reason != "" && e.Kind != "reopened":
		ps.add("reason", "Only a reopen records why; this line is %s", e.Kind)
	case !utf8.ValidString(e.Reason):
		ps.add("reason", "The reason has characters that are not valid text")
	case utf8.RuneCountInString(e.Reason) > MaxReopenReason:
		ps.add("reason", "Keep the reason under %d characters", MaxReopenReason)
	case strings.IndexFunc(e.Reason, hiddenControl) >= 0:
		ps.add("reason", "The reason has invisible control characters")
	}
	return ps.err()
}

// Validate checks one line of an action item's history as stored: who
// made the change, what it changed, and values that read as that field's
// values (a day, a name, "done").
func (e ActionEvent) Validate() error {
	var ps problems
	if err := CheckCopiedName("actor", "Who made the change", e.Actor, true); err != nil {
		ps = append(ps, err.(*ValidationError).Problems...)
	}
	if e.At.IsZero() {
		ps.add("at", "The history line needs the time it happened")
	}
	for _, v := range []struct{ field, value string }{{"old_value", e.Old}, {"new_value", e.New}} {
		switch e.Field {
		case ActionFieldDue:
			if d, err := ParseDate(v.value); v.value != "" && (err != nil || d.String() != v.value) {
				ps.add(v.field, "%q is not a day on the calendar; write days as YYYY-MM-DD", v.value)
			}
		case ActionFieldOwner:
			if err := CheckCopiedName(v.field, "The owner", v.value, false); err != nil {
				ps = append(ps, err.(*ValidationError).Problems...)
			}
		case ActionFieldDone:
			if v.value != "" && v.value != "done" {
				ps.add(v.field, "A done line reads \"done\" or nothing, not %q", v.value)
			}
		}
	}
	switch e.Field {
	case ActionFieldDue, ActionFieldOwner, ActionFieldDone:
		if e.Old == e.New {
			ps.add("new_value", "The line changes nothing: %q before and after", e.New)
		}
	default:
		ps.add("field", "The change %q is not due, owner or done", string(e.Field))
	}
	return ps.err()
}

// checkDealEventRecord checks what a deal-desk history line says beyond
// the move itself: who keyed it in, the fields an edit changed, and an
// edit that changed whether a sign-off is needed, which must have changed
// something and left the request where the new rule puts it.
func checkDealEventRecord(ps *problems, e DealEvent) {
	if err := CheckCopiedName("recorded_by", "Who recorded the decision", e.RecordedBy, false); err != nil {
		*ps = append(*ps, err.(*ValidationError).Problems...)
	}
	for _, c := range e.Changes {
		if _, ok := dealFieldLabels[c.Field]; !ok {
			ps.add("changes", "%q is not a field of a deal-desk request", c.Field)
			break
		}
		if strings.IndexFunc(c.Old+c.New, hiddenControl) >= 0 || strings.ContainsAny(c.Old+c.New, "\t\n\r") {
			ps.add("changes", "The change to %s has invisible control characters or line breaks", c.Label)
			break
		}
	}
	switch e.SignOffChange {
	case SignOffUnchanged:
	case SignOffDropped, SignOffAdded:
		want := DealNoSignOff
		if e.SignOffChange == SignOffAdded {
			want = DealPending
		}
		switch {
		case len(e.Changes) == 0:
			ps.add("signoff_change", "The line says an edit changed whether a sign-off is needed, but lists no field it changed")
		case e.To != want:
			ps.add("signoff_change", "%s, yet the line leaves the request %s", e.SignOffChange.Label(), strings.ToLower(e.To.Label()))
		}
	default:
		ps.add("signoff_change", "%q is not dropped or added", string(e.SignOffChange))
	}
}

// CheckFrozen checks a meeting's record as frozen at close when it comes
// from outside the store (an imported file), where nothing vouches for
// its body: it must describe one closed meeting of one pod at the moment
// it was frozen, every part of it must pass the rules the window applies
// to that part, and what Triad derives from a rule (a request's due time,
// an item's time spent, a debt check's judgement) must be what the rule
// gives. A record is evidence and is never rewritten, so one that
// disagrees with its rules is refused rather than corrected. now is the
// time of the check: a rule that refuses the future (a request received
// later) judges by it, as the import does the live records, since a
// record holds the pod's later data too and the minutes leave it out.
func (r MinutesRecord) CheckFrozen(now time.Time) error {
	m, pod, at := r.Run.Meeting, r.Run.Pod, r.FrozenAt
	bad := func(part string, err error) error {
		msg := err.Error()
		if ve, ok := err.(*ValidationError); ok && len(ve.Problems) > 0 {
			msg = ve.Problems[0].Message
			if f := ve.Problems[0].Field; f != "" {
				msg = f + ": " + msg
			}
		}
		return &ValidationError{Problems: []Problem{{Field: "body", Message: part + ": " + msg}}}
	}
	plain := func(format string, args ...any) error {
		return &ValidationError{Problems: []Problem{{Field: "body", Message: fmt.Sprintf(format, args...)}}}
	}
	switch {
	case at.IsZero():
		return plain("The record does not say when it was frozen")
	case r.Preview || r.Rebuilt:
		return plain("A record frozen at close is neither a preview nor rebuilt from live data")
	case m.Status != MeetingClosed || UTCTime(m.EndedAt) != UTCTime(at): // as stored, to the millisecond
		return plain("The record's meeting must be closed at the moment the record was frozen (%s)", UTCTime(at))
	case pod.ID == 0 || m.PodID != pod.ID:
		return plain("The record's meeting belongs to pod %d, but the record holds pod %d", m.PodID, pod.ID)
	}
	if err := pod.Validate(); err != nil {
		return bad("the pod", err)
	}
	if err := m.Validate(); err != nil {
		return bad("the meeting", err)
	}
	if err := m.CheckTimes(); err != nil {
		return bad("the meeting", err)
	}
	if err := m.CheckEvents(r.Run.Events); err != nil {
		return bad("the meeting", err)
	}
	for i, e := range r.Run.Events {
		if err := e.CheckRecord(); err != nil {
			return bad(fmt.Sprintf("status change %d", i+1), err)
		}
	}
	for _, a := range r.Run.Attendees {
		if a.MeetingID != m.ID {
			return plain("Attendee %d is on another meeting's list", a.ID)
		}
		if err := CheckAttendee(a, pod); err != nil {
			return bad(fmt.Sprintf("attendee %d", a.ID), err)
		}
	}
	for _, it := range r.Run.Items {
		part := fmt.Sprintf("agenda item %d", it.ID)
		if it.MeetingID != m.ID {
			return plain("Agenda item %d belongs to another meeting", it.ID)
		}
		if err := it.Validate(); err != nil {
			return bad(part, err)
		}
		for _, iv := range it.Intervals {
			if err := CheckInterval(iv); err != nil {
				return bad(part, err)
			}
		}
		if got := ActualSeconds(it.Intervals); it.ActualSeconds != got {
			return plain("Agenda item %d says %d s were spent on it, but its clock intervals add up to %d s", it.ID, it.ActualSeconds, got)
		}
	}
	seenMeeting := false
	for _, o := range r.Meetings {
		if o.PodID != pod.ID {
			return plain("Meeting %d of the record belongs to another pod", o.ID)
		}
		if err := o.Validate(); err != nil {
			return bad(fmt.Sprintf("meeting %d", o.ID), err)
		}
		seenMeeting = seenMeeting || o.ID == m.ID
	}
	if !seenMeeting {
		return plain("The record's list of the pod's meetings does not hold its own meeting")
	}
	for _, list := range [][]ActionItem{r.Run.Actions, r.Actions} {
		for _, a := range list {
			part := fmt.Sprintf("action item %d", a.ID)
			if a.PodID != pod.ID {
				return plain("Action item %d belongs to another pod", a.ID)
			}
			if err := a.Validate(); err != nil {
				return bad(part, err)
			}
			for _, e := range a.History {
				if e.ActionID != a.ID {
					return plain("A history line of action item %d is another action's", a.ID)
				}
				if err := e.Validate(); err != nil {
					return bad(part, err)
				}
			}
		}
	}
	for _, d := range r.Deals {
		q := d.Request
		part := fmt.Sprintf("deal request %d", q.ID)
		if q.PodID != pod.ID {
			return plain("Deal request %d belongs to another pod", q.ID)
		}
		for _, check := range []func() error{func() error { return q.Validate(now) }, q.CheckDecidedAt, q.Rule.Validate, q.CheckStateRule} {
			if err := check(); err != nil {
				return bad(part, err)
			}
		}
		if _, err := q.CheckHistory(d.History); err != nil {
			return bad(part, err)
		}
		for _, e := range d.History {
			if err := e.Validate(); err != nil {
				return bad(part, err)
			}
		}
		want := time.Time{}
		if q.NeedsSignOff() {
			want = DueAt(q.ClockStart(), q.Rule.SLA)
		}
		if !q.DueAt.Equal(want) {
			return plain("Deal request %d is due %s, but its rule makes it due %s", q.ID, timeOrNone(q.DueAt), timeOrNone(want))
		}
	}
	for _, d := range r.Decisions {
		part := fmt.Sprintf("decision %d", d.ID)
		if d.MeetingID != m.ID || d.PodID != pod.ID {
			return plain("Decision %d was not made in the record's meeting", d.ID)
		}
		if err := d.Validate(pod); err != nil {
			return bad(part, err)
		}
		if err := d.CheckLifecycle(); err != nil {
			return bad(part, err)
		}
	}
	for _, c := range r.LateCommitments {
		if err := CheckCopiedName("name", "The leader", c.Name, true); err != nil {
			return bad("a late commitment", err)
		}
		if c.Commitment != Commit && c.Commitment != DisagreeAndCommit {
			return plain("A late commitment must be commit or disagree and commit, not %q", string(c.Commitment))
		}
		if err := CheckCopiedName("question", "The decision's question", CleanLine(c.Question), true); err != nil {
			return bad("a late commitment", err)
		}
	}
	return r.checkFrozenRoadmap(DateOf(now), bad, plain)
}

func (r MinutesRecord) checkFrozenRoadmap(today Date, bad func(string, error) error, plain func(string, ...any) error) error {
	rm, pod := r.Roadmap, r.Run.Pod
	if rm.Pod.ID != pod.ID {
		return plain("The record's roadmap is pod %d's, not its meeting's pod %d", rm.Pod.ID, pod.ID)
	}
	st := rm.Settings
	if st.ConcentrationLimit == 0 {
		// The roadmap's rules carry the concentration limit only when the
		// pod overrides it; the minutes do not print it.
		st.ConcentrationLimit = DefaultConcentrationLimit
	}
	if err := st.Validate(); err != nil {
		return bad("the pod's rules", err)
	}
	shipped := map[int64]Date{}
	for _, it := range rm.Items {
		if it.PodID != pod.ID {
			return plain("Roadmap item %d belongs to another pod", it.ID)
		}
		if err := it.Validate(rm.Unit, today); err != nil {
			return bad(fmt.Sprintf("roadmap item %d", it.ID), err)
		}
		shipped[it.ID] = it.ShippedOn
	}
	for _, e := range rm.Entries {
		if err := e.Validate(shipped[e.ItemID], today); err != nil {
			return bad(fmt.Sprintf("revenue entry %d", e.ID), err)
		}
	}
	for _, s := range rm.Snapshots {
		part := fmt.Sprintf("debt check %d", s.ID)
		if s.PodID != pod.ID {
			return plain("Debt check %d belongs to another pod", s.ID)
		}
		if err := s.CheckRecord(); err != nil {
			return bad(part, err)
		}
		judged := s.Check
		judged.Judge()
		if judged.Band != s.Check.Band || judged.Ratio != s.Check.Ratio || judged.Shortfall != s.Check.Shortfall || judged.Unreachable != s.Check.Unreachable {
			return plain("Debt check %d says %s, but its figures judge it %s", s.ID, s.Check.Band, judged.Band)
		}
	}
	for _, c := range rm.Celebrations {
		if err := c.Validate(); err != nil {
			return bad(fmt.Sprintf("celebration %d", c.ID), err)
		}
	}
	return nil
}

func timeOrNone(t time.Time) string {
	if t.IsZero() {
		return "never (no sign-off needed)"
	}
	return UTCTime(t)
}

// DecodeFrozenRecord reads a record's body as stored, refusing a field the
// record does not have and anything after the one JSON object, so a body
// written by hand cannot carry what the checks never see.
func DecodeFrozenRecord(body string) (MinutesRecord, error) {
	var rec MinutesRecord
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, &ValidationError{Problems: []Problem{{Field: "body", Message: "The record cannot be read as a meeting's frozen record (" + jsonWords(err) + ")"}}}
	}
	if dec.More() {
		return rec, &ValidationError{Problems: []Problem{{Field: "body", Message: "The record holds more than one JSON value"}}}
	}
	return rec, nil
}

// jsonWords words a decoding error without Go's type names.
func jsonWords(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return "it is not JSON at character " + fmt.Sprint(e.Offset)
	case *json.UnmarshalTypeError:
		if e.Field != "" {
			return "the field " + e.Field + " holds a value of the wrong kind"
		}
		return "a value is of the wrong kind"
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return "it has a field " + f + " that a record does not have"
	}
	if strings.Contains(msg, "parsing time") {
		return "a time is not written as a time"
	}
	return "it is not a record"
}
