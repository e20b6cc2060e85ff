package data

import (
	"strings"
	"time"
)

// FieldChange is one field an edit of a deal-desk request changed, with
// the values as they read on screen.
type FieldChange struct {
	Field    string // "value", "customer", ...
	Label    string // "Value", "Customer", ...
	Old, New string
}

// SignOffChange says how an edit changed whether a request needs the Tech
// Lead's sign-off.
type SignOffChange string

const (
	SignOffUnchanged SignOffChange = ""
	SignOffDropped   SignOffChange = "dropped" // needed one before the edit, not after
	SignOffAdded     SignOffChange = "added"   // did not need one, now does
)

// Label is how the change reads in the queue and the minutes.
func (c SignOffChange) Label() string {
	switch c {
	case SignOffDropped:
		return "Sign-off requirement removed by an edit"
	case SignOffAdded:
		return "Sign-off requirement added by an edit"
	}
	return ""
}

// SignOffChangeOf compares whether old and edited need a sign-off under
// the rule old was received under.
func SignOffChangeOf(old, edited DealRequest) SignOffChange {
	before := NeedsSignOff(old.Value, old.NeedsNewFeature, old.Rule.Threshold)
	after := NeedsSignOff(edited.Value, edited.NeedsNewFeature, old.Rule.Threshold)
	switch {
	case before && !after:
		return SignOffDropped
	case !before && after:
		return SignOffAdded
	}
	return SignOffUnchanged
}

// DealChanges lists the fields edited differs from old in, in form order.
// Long texts are shortened: the history line says what changed, the
// request holds the full text.
func DealChanges(old, edited DealRequest) []FieldChange {
	cur := old.Rule.Currency
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return UTCTime(t)
	}
	fields := []FieldChange{
		{"customer", "Customer", old.Customer, edited.Customer},
		{"deal_name", "Deal", old.DealName, edited.DealName},
		{"value", "Value", old.Value.Format(cur), edited.Value.Format(cur)},
		{"close_date", "Expected close", old.CloseDate.String(), edited.CloseDate.String()},
		{"rep_name", "Sales rep", old.RepName, edited.RepName},
		{"rep_email", "Rep's e-mail", old.RepEmail, edited.RepEmail},
		{"features", "Features", shortText(old.Features, 60), shortText(edited.Features, 60)},
		{"needs_new_feature", "Needs a new feature", yesNo(old.NeedsNewFeature), yesNo(edited.NeedsNewFeature)},
		{"terms", "Terms", shortText(old.Terms, 60), shortText(edited.Terms, 60)},
		{"notes", "Notes", shortText(old.Notes, 60), shortText(edited.Notes, 60)},
		{"received_at", "Received", when(old.ReceivedAt), when(edited.ReceivedAt)},
	}
	raw := map[string][2]string{
		"features": {old.Features, edited.Features},
		"terms":    {old.Terms, edited.Terms},
		"notes":    {old.Notes, edited.Notes},
	}
	var out []FieldChange
	for _, f := range fields {
		changed := f.Old != f.New
		if r, ok := raw[f.Field]; ok {
			changed = r[0] != r[1]
		}
		if f.Field == "received_at" {
			changed = !old.ReceivedAt.Equal(edited.ReceivedAt)
		}
		if changed {
			out = append(out, f)
		}
	}
	return out
}

// ChangesText is "Value: $60,000.00 → $40,000.00; Needs a new feature: yes → no".
func ChangesText(cs []FieldChange) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		old, new := c.Old, c.New
		if old == "" {
			old = "(empty)"
		}
		if new == "" {
			new = "(empty)"
		}
		parts[i] = c.Label + ": " + old + " → " + new
	}
	return strings.Join(parts, "; ")
}

// EncodeChanges and DecodeChanges keep field changes in one text column,
// one "field<TAB>old<TAB>new" line per field. Values are single lines
// (shortText folds them), so tabs and newlines never occur inside one.
func EncodeChanges(cs []FieldChange) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = c.Field + "\t" + flat(c.Old) + "\t" + flat(c.New)
	}
	return strings.Join(lines, "\n")
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// DecodeChanges reads what EncodeChanges wrote.
func DecodeChanges(s string) []FieldChange {
	var out []FieldChange
	for _, line := range strings.Split(s, "\n") {
		p := strings.SplitN(line, "\t", 3)
		if len(p) != 3 {
			continue
		}
		label := dealFieldLabels[p[0]]
		if label == "" {
			label = p[0]
		}
		out = append(out, FieldChange{Field: p[0], Label: label, Old: p[1], New: p[2]})
	}
	return out
}

var dealFieldLabels = map[string]string{
	"customer": "Customer", "deal_name": "Deal", "value": "Value", "close_date": "Expected close",
	"rep_name": "Sales rep", "rep_email": "Rep's e-mail", "features": "Features",
	"needs_new_feature": "Needs a new feature", "terms": "Terms", "notes": "Notes", "received_at": "Received",
}

// EditComment is the history line of an edit: what changed, and a warning
// when the edit changed whether the request needs a sign-off.
func EditComment(cs []FieldChange, flip SignOffChange) string {
	s := "Edited: nothing changed."
	if len(cs) > 0 {
		s = "Edited: " + ChangesText(cs) + "."
	}
	if flip != SignOffUnchanged {
		s += " " + flip.Label() + "."
	}
	return s
}

// SLAClock is a request's sign-off clock at one moment.
type SLAClock struct {
	State     DealState // the request's state at that moment
	Start     time.Time // when the current round's clock started
	Due       time.Time // Start plus the SLA; zero when no sign-off is needed
	Restarted bool      // the round started at a resubmission or reopening, not at receipt
	Paused    bool      // changes were requested: the clock waits for the rep
}

// Running reports whether the clock is counting down.
func (c SLAClock) Running() bool { return c.State == DealPending && !c.Due.IsZero() }

// Overdue reports whether a running clock has passed its due time at now.
func (c SLAClock) Overdue(now time.Time) bool { return c.Running() && !now.Before(c.Due) }

// Waited is how long the current round has waited at now.
func (c SLAClock) Waited(now time.Time) time.Duration {
	if c.Start.IsZero() || now.Before(c.Start) {
		return 0
	}
	return now.Sub(c.Start)
}

// SignOffClock replays a request's history up to now and returns its
// sign-off clock then. The clock starts when the request is received. It
// pauses while changes are requested (the rep has the request, not the
// Tech Lead) and, whenever the request goes back into the queue - a
// resubmission after changes, a reopening, or an edit that makes it need
// a sign-off - a fresh round starts with the full SLA. history is oldest
// first; its first line records receipt. Lines after now are ignored, so
// minutes of an earlier week show that week's clock.
func SignOffClock(r DealRequest, history []DealEvent, now time.Time) SLAClock {
	c := SLAClock{State: r.State, Start: r.ReceivedAt.UTC()}
	for i, e := range history {
		if i > 0 && e.At.After(now) {
			break
		}
		c.State = e.To
		if i > 0 && e.To == DealPending && e.From != DealPending {
			c.Start, c.Restarted = e.At.UTC(), true
		}
	}
	c.Paused = c.State == DealChangesRequested
	if r.NeedsSignOff() && r.Rule.SLA > 0 {
		c.Due = DueAt(c.Start, r.Rule.SLA)
	}
	return c
}
