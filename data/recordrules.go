package data

import (
	"fmt"
	"strings"
	"time"
)

// The rules below check a record as it is stored, not as it is typed: a
// record loaded from an export must be one the window could have written.
// The forms never produce these inconsistencies, so they have no field of
// their own on screen; the import names the record and field instead.

// ValidCurrency reports whether code is one of the currencies Triad offers.
func ValidCurrency(code string) bool { return isCurrencyCode(code) }

// Validate checks a rule recorded on a request: the same bounds the
// settings have, since the rule is a copy of the settings of the day.
func (r DealRule) Validate() error {
	var ps problems
	if r.Threshold < 0 {
		ps.add("rule_threshold", "The threshold the request was judged by cannot be negative")
	}
	if msg := checkSLA(r.SLA); msg != "" {
		ps.add("rule_sla_minutes", "The SLA the request was judged by: %s", msg)
	}
	if !isCurrencyCode(r.Currency) {
		ps.add("rule_currency", "The currency the request was judged in is not one Triad knows")
	}
	return ps.err()
}

// CheckStateRule says whether the request's state can follow from its own
// rule. A request that needs a sign-off is pending until someone acts, and
// only a pending one is approved, rejected or sent back; one that does not
// need it is recorded as "no sign-off required" and never waits in the
// queue. Withdrawn fits either.
func (r DealRequest) CheckStateRule() error {
	var ps problems
	needs := r.NeedsSignOff()
	switch {
	case !r.State.Valid():
		ps.add("state", "The state %q is not one of the deal desk's states", string(r.State))
	case r.State == DealWithdrawn:
	case needs && r.State == DealNoSignOff:
		ps.add("state", "The request is recorded as needing no sign-off, but %s is above its threshold of %s and it needs a new feature, so the Engineering Lead must sign off",
			r.Value.Format(r.Rule.Currency), r.Rule.Threshold.Format(r.Rule.Currency))
	case !needs && r.State != DealNoSignOff:
		why := "it needs no new feature"
		if r.NeedsNewFeature {
			why = r.Value.Format(r.Rule.Currency) + " is not above its threshold of " + r.Rule.Threshold.Format(r.Rule.Currency)
		}
		ps.add("state", "The request is %s, but %s, so it needs no sign-off", strings.ToLower(r.State.Label()), why)
	}
	return ps.err()
}

// Validate checks one line of a request's history.
func (e DealEvent) Validate() error {
	var ps problems
	for _, err := range []error{CheckCopiedName("actor", "Who acted", e.Actor, true),
		CheckCopiedName("on_behalf_of", "The approver signed for", e.OnBehalfOf, false)} {
		if err != nil {
			ps = append(ps, err.(*ValidationError).Problems...)
		}
	}
	if e.From != "" && !e.From.Valid() {
		ps.add("from_state", "The state %q is not one of the deal desk's states", string(e.From))
	}
	if !e.To.Valid() {
		ps.add("to_state", "The state %q is not one of the deal desk's states", string(e.To))
	}
	if e.At.IsZero() {
		ps.add("at", "The history line needs the time it happened")
	}
	checkText(&ps, "comment", "The comment", e.Comment, MaxNoteLen)
	checkDealEventRecord(&ps, e)
	return ps.err()
}

// CheckTimes says whether a meeting's start and end fit its status, as
// Start, Close and Reopen leave them: a draft has neither, a meeting in
// progress has a start and no end, a closed one has both, in order.
func (m Meeting) CheckTimes() error {
	var ps problems
	switch m.Status {
	case MeetingDraft:
		if !m.StartedAt.IsZero() || !m.EndedAt.IsZero() {
			ps.add("status", "A draft meeting has not started, yet the record has a start or end time")
		}
	case MeetingInProgress:
		if m.StartedAt.IsZero() {
			ps.add("started_at", "A meeting in progress needs the time it started")
		}
		if !m.EndedAt.IsZero() {
			ps.add("ended_at", "A meeting in progress has not ended, yet the record has an end time")
		}
	case MeetingClosed:
		switch {
		case m.StartedAt.IsZero():
			ps.add("started_at", "A closed meeting needs the time it started")
		case m.EndedAt.IsZero():
			ps.add("ended_at", "A closed meeting needs the time it ended")
		case m.EndedAt.Before(m.StartedAt):
			ps.add("ended_at", "The meeting ends before it starts")
		}
	default:
		ps.add("status", "The status %q is not draft, in progress or closed", string(m.Status))
	}
	return ps.err()
}

// CheckAttendee checks one attendee of a meeting of pod p: a guest as the
// guest form does, a leader as the pod's own seat.
func CheckAttendee(a Attendee, p Pod) error {
	if err := checkAttendee(a, p); err != nil {
		return err
	}
	// What the form would have stored: a name of spaces is no name.
	a.Normalize()
	return checkAttendee(a, p)
}

func checkAttendee(a Attendee, p Pod) error {
	if a.IsGuest() {
		if a.Role != "" {
			return &ValidationError{Problems: []Problem{{Field: "role",
				Message: "A guest has no seat; a leader's attendance names the leader's seat"}}}
		}
		return a.Validate()
	}
	var ps problems
	l, ok := p.Member(a.MemberID)
	switch {
	case !ok:
		ps.add("member_id", "The attendee is not one of %s's leaders", p.Name)
	case l.Role != a.Role:
		ps.add("role", "%s sits in the %s seat, not %s", l.Name, l.Role.Title(), a.Role.Title())
	}
	checkName(&ps, "name", "The attendee", a.Name, true)
	if msg := CheckEmail(a.Email); msg != "" {
		ps.add("email", "%s", msg)
	}
	checkName(&ps, "guest_role", "The guest's role", a.GuestRole, false)
	return ps.err()
}

// CheckInterval checks one stretch of the meeting clock.
func CheckInterval(iv Interval) error {
	var ps problems
	if iv.Start.IsZero() {
		ps.add("started_at", "The clock interval needs the time it started")
	}
	if !iv.End.IsZero() && iv.End.Before(iv.Start) {
		ps.add("ended_at", "The clock interval ends before it starts")
	}
	return ps.err()
}

// MaxSnapshotEffort bounds a snapshot's total: a hundred thousand items
// of the largest size, far past any real window, and small enough that the
// judgement's integer arithmetic cannot overflow.
const MaxSnapshotEffort = MaxEffort * 100000

// CheckRecord checks a snapshot's own consistency: its window, unit and
// counts, and the Product Marketing Manager's answer, which is given once
// and names who gave it.
func (s DebtSnapshot) CheckRecord() error {
	var ps problems
	c := s.Check
	if err := c.Window.Validate(); err != nil {
		ps.add("window_from", "The planning window: %s", err)
	}
	if !c.Unit.Valid() {
		ps.add("effort_unit", "Choose points or person-weeks")
	}
	if c.Quota < 0 || c.Quota > 10000 {
		ps.add("quota_bp", "The maintenance quota must be between 0%% and 100%%")
	}
	switch {
	case c.Maintenance < 0 || c.Total < c.Maintenance:
		ps.add("maintenance_tenths", "Maintenance effort must be between zero and the total effort")
	case c.Total > MaxSnapshotEffort:
		ps.add("total_tenths", "The total effort is more than a planning window can hold (at most %s)", MaxSnapshotEffort.Format(c.Unit))
	}
	if c.MaintenanceItems < 0 || c.FeatureItems < 0 {
		ps.add("feature_items", "Item counts cannot be negative")
	}
	if s.RecordedAt.IsZero() {
		ps.add("recorded_at", "The snapshot needs the time it was recorded")
	}
	for _, t := range c.Unestimated {
		if err := CheckCopiedName("unestimated_titles", "An unestimated item", t.Title, true); err != nil {
			ps = append(ps, err.(*ValidationError).Problems...)
			break
		}
	}
	switch s.Response {
	case ResponsePending:
		if s.RespondedBy != "" || !s.RespondedAt.IsZero() || s.Comment != "" {
			ps.add("response", "The snapshot is awaiting an answer, yet the record names an answer")
		}
	case ResponseAccepted, ResponseDisputed:
		if err := (DebtAnswer{Response: s.Response, Comment: s.Comment}).Validate(); err != nil {
			for _, p := range err.(*ValidationError).Problems {
				ps.add("response_comment", "%s", p.Message)
			}
		}
		if err := CheckCopiedName("respondent_name", "Who answered", s.RespondedBy, true); err != nil {
			ps = append(ps, err.(*ValidationError).Problems...)
		}
		if s.RespondedAt.IsZero() {
			ps.add("responded_at", "The answer needs the time it was given")
		}
	default:
		ps.add("response", "The answer %q is not accepted, disputed or awaiting", string(s.Response))
	}
	return ps.err()
}

// Validate checks a celebration as recorded.
func (c Celebration) Validate() error {
	var ps problems
	if err := CheckCopiedName("title", "The celebrated feature", c.Title, true); err != nil {
		ps = append(ps, err.(*ValidationError).Problems...)
	}
	if c.Goal <= 0 {
		ps.add("goal", "The revenue goal must be more than zero")
	}
	if c.Realized < c.Goal {
		ps.add("realized", "A celebration records a goal reached, but %s is below the goal of %s",
			c.Realized.Format(c.Currency), c.Goal.Format(c.Currency))
	}
	if c.CrossedOn.IsZero() {
		ps.add("crossed_on", "The celebration needs the day the goal was reached")
	}
	if !isCurrencyCode(c.Currency) {
		ps.add("currency", "The currency is not one Triad knows")
	}
	return ps.err()
}

// ActualSeconds is what an agenda item's time spent is: the closed
// intervals summed, to the second, as the clock stores it when one closes.
func ActualSeconds(ivs []Interval) int {
	var closed []Interval
	for _, iv := range ivs {
		if !iv.End.IsZero() {
			closed = append(closed, iv)
		}
	}
	return int(Elapsed(closed, time.Time{}) / time.Second)
}

// CheckCopiedName checks a name kept as a copy of what a person was called
// on the day (an owner, a decider, whoever acted). Nobody types it, so it
// must read as a name: not blank when required, no line breaks, no
// invisible or reordering characters.
func CheckCopiedName(field, label, value string, required bool) error {
	var ps problems
	if required && CleanLine(value) == "" {
		ps.add(field, "%s needs a name", label)
	} else {
		checkName(&ps, field, label, value, false)
	}
	return ps.err()
}

// CheckLifecycle says whether a decision's record fits its state, as the
// moves leave it: a call made records when; a superseded decision names
// the one that replaced it and when; a reversed one says why and when.
func (d Decision) CheckLifecycle() error {
	var ps problems
	switch d.State {
	case DecisionProposed:
		if !d.DecidedAt.IsZero() || !d.ClosedAt.IsZero() {
			ps.add("state", "The decision is still proposed, yet the record has the time of a call")
		}
	case DecisionDecided:
		if !d.ClosedAt.IsZero() || d.SupersededByID != 0 {
			ps.add("state", "The decision is in force, yet the record says it was superseded or reversed")
		}
	case DecisionSuperseded:
		if d.SupersededByID == 0 {
			ps.add("superseded_by", "A superseded decision names the decision that replaced it")
		}
		if d.ClosedAt.IsZero() {
			ps.add("closed_at", "A superseded decision needs the time it was superseded")
		}
	case DecisionReversed:
		if CleanLine(d.ReversedReason) == "" {
			ps.add("reversed", "Say why the decision is reversed; the reason stays on record")
		}
		if d.ClosedAt.IsZero() {
			ps.add("closed_at", "A reversed decision needs the time it was reversed")
		}
	}
	if d.SupersededByID != 0 && d.SupersededByID == d.ID || d.SupersedesID != 0 && d.SupersedesID == d.ID {
		ps.add("supersedes", "A decision cannot supersede itself")
	}
	// A proposed decision may not have its decision maker yet.
	if err := CheckCopiedName("decider_name", "The decision maker", d.DeciderName, d.State != DecisionProposed); err != nil {
		ps = append(ps, err.(*ValidationError).Problems...)
	}
	return ps.err()
}

// CheckDecidedAt says whether a request's decision time fits its state:
// approved, rejected and sent-back requests record when that happened.
func (r DealRequest) CheckDecidedAt() error {
	var ps problems
	switch r.State {
	case DealApproved, DealRejected, DealChangesRequested:
		if r.DecidedAt.IsZero() {
			ps.add("decided_at", "A request that is %s records when that was decided", strings.ToLower(r.State.Label()))
		}
	}
	return ps.err()
}

// CheckHistory says whether a request's history, oldest line first,
// accounts for its state: it opens with the line that recorded receipt,
// each line starts in the state the one before left, and the last leaves
// the request where it stands. It returns the position of the line at
// fault, or -1 when the fault is the request's own state.
func (r DealRequest) CheckHistory(events []DealEvent) (int, error) {
	if len(events) == 0 {
		return -1, &ValidationError{Problems: []Problem{{Field: "state",
			Message: "The request has no history; every request keeps the line that recorded its receipt"}}}
	}
	for i, e := range events {
		switch {
		case i == 0 && e.From != "":
			return i, &ValidationError{Problems: []Problem{{Field: "from_state",
				Message: "The first line of a request's history records its receipt, so it starts from no state"}}}
		case i > 0 && e.From != events[i-1].To:
			return i, &ValidationError{Problems: []Problem{{Field: "from_state",
				Message: fmt.Sprintf("The line starts from %s, but the line before left the request %s",
					strings.ToLower(e.From.Label()), strings.ToLower(events[i-1].To.Label()))}}}
		}
	}
	if last := events[len(events)-1]; last.To != r.State {
		return -1, &ValidationError{Problems: []Problem{{Field: "state",
			Message: fmt.Sprintf("The request is %s, but its history last left it %s",
				strings.ToLower(r.State.Label()), strings.ToLower(last.To.Label()))}}}
	}
	return -1, nil
}

// CheckEvents says whether a meeting's status history, oldest first,
// ends where the meeting stands: a draft has none yet, a meeting in
// progress was last started or reopened, a closed one was last closed.
func (m Meeting) CheckEvents(events []MeetingEvent) error {
	last := ""
	if len(events) > 0 {
		last = events[len(events)-1].Kind
	}
	ok := false
	switch m.Status {
	case MeetingDraft:
		ok = last == ""
	case MeetingInProgress:
		ok = last == "started" || last == "reopened"
	case MeetingClosed:
		ok = last == "closed"
	}
	if ok {
		return nil
	}
	said := "has no status history"
	if last != "" {
		said = "was last " + last
	}
	return &ValidationError{Problems: []Problem{{Field: "status",
		Message: fmt.Sprintf("The meeting is %s, but its history says it %s", strings.ToLower(m.Status.Label()), said)}}}
}
