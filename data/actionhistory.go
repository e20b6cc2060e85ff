package data

import (
	"strings"
	"time"
)

// ActionChange re-dates, reassigns or ticks off an action item. Action
// items live past the meeting that raised them, so these changes are
// allowed on actions of closed meetings; each one is recorded with who
// made it and when. A nil field is left as it is.
type ActionChange struct {
	ActionID int64
	Due      *Date   // a zero Date clears the due date
	Owner    *string // the new owner's name; "" leaves the action without one
	Done     *bool
	By       string // who made the change; "" is the pod's facilitator
	At       time.Time
}

// Validate checks the change before anything is written.
func (c ActionChange) Validate() error {
	var ps problems
	if c.ActionID == 0 {
		ps.add("action", "Choose an action item")
	}
	if c.Due == nil && c.Owner == nil && c.Done == nil {
		ps.add("action", "Nothing to change")
	}
	if c.At.IsZero() {
		ps.add("at", "The change needs a time")
	}
	if c.Owner != nil {
		checkName(&ps, "owner", "The owner", CleanLine(*c.Owner), false)
	}
	checkName(&ps, "by", "Who made the change", CleanLine(c.By), false)
	return ps.err()
}

// ActionField names what an action-history line changed.
type ActionField string

const (
	ActionFieldDue   ActionField = "due"
	ActionFieldOwner ActionField = "owner"
	ActionFieldDone  ActionField = "done"
)

// ActionEvent is one line of an action item's history. Values are as the
// line reads: a day (YYYY-MM-DD) or "" for the due date, a name or "" for
// the owner, "done" or "" for done.
type ActionEvent struct {
	ID       int64
	ActionID int64
	At       time.Time
	Actor    string
	Field    ActionField
	Old, New string
}

// Text is how the line reads: "Re-dated from Tue 1 Dec 2026 to Fri 4 Dec
// 2026", "Reassigned from Sam Lee to Priya Raman", "Ticked off".
func (e ActionEvent) Text() string {
	day := func(s string) string {
		if d, err := ParseDate(s); err == nil && s != "" {
			return d.Long()
		}
		return "no due date"
	}
	who := func(s string) string {
		if s == "" {
			return "nobody"
		}
		return s
	}
	switch e.Field {
	case ActionFieldDue:
		return "Re-dated from " + day(e.Old) + " to " + day(e.New)
	case ActionFieldOwner:
		return "Reassigned from " + who(e.Old) + " to " + who(e.New)
	case ActionFieldDone:
		if e.New != "" {
			return "Ticked off"
		}
		return "Opened again"
	}
	return string(e.Field)
}

// ActionChanges compares an action with a change to it and returns the
// history lines the change makes, one per field that really changes; none
// when the change leaves everything as it was.
func ActionChanges(a ActionItem, c ActionChange, actor string) []ActionEvent {
	var out []ActionEvent
	add := func(f ActionField, old, new string) {
		if old != new {
			out = append(out, ActionEvent{ActionID: a.ID, At: c.At.UTC(), Actor: actor, Field: f, Old: old, New: new})
		}
	}
	if c.Due != nil {
		add(ActionFieldDue, dateText(a.Due), dateText(*c.Due))
	}
	if c.Owner != nil {
		add(ActionFieldOwner, a.OwnerName, CleanLine(*c.Owner))
	}
	if c.Done != nil {
		old := ""
		if a.Done() {
			old = "done"
		}
		new := ""
		if *c.Done {
			new = "done"
		}
		add(ActionFieldDone, old, new)
	}
	return out
}

func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// ActionOwners are the people an action may be given to after its
// meeting: the pod's leaders and whoever was on the meeting's attendance
// list, each once, in that order.
func ActionOwners(p Pod, attendees []Attendee) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		name = CleanLine(name)
		key := strings.ToLower(name)
		if name == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, name)
	}
	for _, l := range p.Leaders {
		add(l.Name)
	}
	for _, a := range attendees {
		add(a.Name)
	}
	return out
}

// Facilitator is who runs the pod's meeting and its laptop: the Product
// Manager. Changes made at the laptop without a name are recorded as theirs.
func (p Pod) Facilitator() string {
	if pm := p.Leader(RoleProduct); pm != nil {
		return pm.Name
	}
	return ""
}
