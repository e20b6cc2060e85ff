package data

import (
	"context"
	"strings"
)

// TemplateItem is one line of a pod's meeting template: a standing item
// (Standing set: its content comes from the pod's state) or a recurring
// topic (Standing empty) that every new meeting opens with.
type TemplateItem struct {
	ID       int64
	Standing StandingKind
	Title    string
	Kind     ItemKind
	Minutes  int
}

// MeetingTemplate is what a pod's new meetings start from, in order.
type MeetingTemplate struct {
	PodID int64
	Items []TemplateItem
	// Default is set when the pod has not saved a template of its own: the
	// items are Triad's built-in standing items (read-only: the store sets it).
	Default bool
}

// MaxTemplateItems bounds a template; an hour's meeting has a handful.
const MaxTemplateItems = 30

// DefaultTemplate is Triad's built-in template: the standing items with
// their timeboxes (StandingItems).
func DefaultTemplate(podID int64) MeetingTemplate {
	t := MeetingTemplate{PodID: podID, Default: true}
	for _, s := range StandingItems {
		t.Items = append(t.Items, TemplateItem{Standing: s.Kind, Title: s.Title, Kind: s.ItemKind, Minutes: s.Minutes})
	}
	return t
}

// standingItem is the built-in description of a standing kind.
func standingItem(k StandingKind) (StandingItem, bool) {
	for _, s := range StandingItems {
		if s.Kind == k {
			return s, true
		}
	}
	return StandingItem{}, false
}

// Normalize trims titles and gives each standing item its own kind (a
// deal-desk item is always of the deal-desk kind, whatever was sent).
func (t *MeetingTemplate) Normalize() {
	for i := range t.Items {
		it := &t.Items[i]
		it.Title = CleanLine(it.Title)
		if s, ok := standingItem(it.Standing); ok {
			it.Kind = s.ItemKind
			if it.Title == "" {
				it.Title = s.Title
			}
		}
	}
}

// Validate checks a template and returns every problem found. Fields are
// "items" and "items.N.title", "items.N.kind", "items.N.minutes",
// "items.N.standing" with N counting from 1.
func (t MeetingTemplate) Validate() error {
	var ps problems
	switch n := len(t.Items); {
	case n == 0:
		ps.add("items", "A template needs at least one item; reset it to get the standing items back")
	case n > MaxTemplateItems:
		ps.add("items", "A template holds at most %d items", MaxTemplateItems)
	}
	seen := map[StandingKind]bool{}
	titles := map[string]bool{}
	for i, it := range t.Items {
		f := "items." + itoa(i+1) + "."
		if it.Standing != StandingNone {
			if s, ok := standingItem(it.Standing); !ok {
				ps.add(f+"standing", "Item %d is not one of the standing items", i+1)
			} else if it.Kind != s.ItemKind {
				ps.add(f+"kind", "%s is a standing item of the %s kind", s.Title, strings.ToLower(s.ItemKind.Label()))
			} else if seen[it.Standing] {
				ps.add(f+"standing", "%s is on the template twice", it.Title)
			}
			seen[it.Standing] = true
		}
		if it.Title == "" {
			ps.add(f+"title", "Item %d needs a title", i+1)
		} else {
			checkName(&ps, f+"title", "Item "+itoa(i+1), it.Title, true)
			key := strings.ToLower(it.Title)
			if titles[key] {
				ps.add(f+"title", "%s is on the template twice", it.Title)
			}
			titles[key] = true
		}
		if !it.Kind.valid() {
			ps.add(f+"kind", "Choose what kind of item %s is", orItem(it.Title, i))
		}
		if it.Minutes < 0 || it.Minutes > MaxPlannedMinutes {
			ps.add(f+"minutes", "%s: the timebox must be between 0 and %d minutes", orItem(it.Title, i), MaxPlannedMinutes)
		}
	}
	return ps.err()
}

func orItem(title string, i int) string {
	if title != "" {
		return title
	}
	return "item " + itoa(i+1)
}

// TotalMinutes is the template's planned time.
func (t MeetingTemplate) TotalMinutes() int {
	n := 0
	for _, it := range t.Items {
		n += max(it.Minutes, 0)
	}
	return n
}

// Recurring reports whether title is one of the template's recurring
// topics (ignoring case and spacing): a topic every meeting opens with is
// not carried over as well, or it would be on the agenda twice.
func (t MeetingTemplate) Recurring(title string) bool {
	want := strings.ToLower(CleanLine(title))
	for _, it := range t.Items {
		if it.Standing == StandingNone && strings.ToLower(CleanLine(it.Title)) == want {
			return true
		}
	}
	return false
}

// WithoutRecurring drops from carried the items the template brings anyway.
func (t MeetingTemplate) WithoutRecurring(carried []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, it := range carried {
		if !t.Recurring(it.Title) {
			out = append(out, it)
		}
	}
	return out
}

// NewAgendaFrom is the agenda a new meeting opens with: the template's
// items, then the carried-over ones (less the template's recurring
// topics), positioned in that order.
func NewAgendaFrom(t MeetingTemplate, carried []AgendaItem) []AgendaItem {
	var out []AgendaItem
	for _, it := range t.Items {
		out = append(out, AgendaItem{Title: it.Title, Kind: it.Kind, PlannedMinutes: it.Minutes, Standing: it.Standing})
	}
	out = append(out, t.WithoutRecurring(carried)...)
	for i := range out {
		out[i].Position = i
	}
	return out
}

// TemplateStore keeps each pod's meeting template.
type TemplateStore interface {
	// MeetingTemplate is the pod's template, or the built-in one (Default)
	// when it has not saved its own.
	MeetingTemplate(ctx context.Context, podID int64) (MeetingTemplate, error)
	// SaveMeetingTemplate replaces the pod's template; meetings already
	// prepared keep their agendas.
	SaveMeetingTemplate(ctx context.Context, t MeetingTemplate) (MeetingTemplate, error)
	// ResetMeetingTemplate goes back to the built-in template.
	ResetMeetingTemplate(ctx context.Context, podID int64) error
}
