package data

import (
	"context"
	"strings"
)

// Autosave writes every field of an agenda item that passes validation and
// holds back the ones that do not, so one bad field (a title with an
// invisible U+202E) never stops the notes typed after it from reaching the
// disk. What is held back is kept as a draft, never dropped.

// AgendaDraftStore keeps held-back text of agenda items.
type AgendaDraftStore interface {
	// SaveAgendaItemDrafts replaces the item's drafts with drafts (field
	// name to text); an empty map clears them.
	SaveAgendaItemDrafts(ctx context.Context, itemID int64, drafts map[string]string) error
	// AgendaItemDrafts returns the drafts of a meeting's items by item id.
	AgendaItemDrafts(ctx context.Context, meetingID int64) (map[int64]map[string]string, error)
}

// DraftFields are the agenda item's text fields a draft can hold.
var DraftFields = []string{"title", "notes", "outcome", "how_long", "will_pay"}

// HoldBack splits an edited item into what can be saved and what cannot:
// the returned item is edited with every field that fails validation put
// back to its value in saved (what the store holds), and problems says
// which fields were held back and why. The returned item always validates
// when saved does.
func (it AgendaItem) HoldBack(saved AgendaItem) (AgendaItem, []Problem) {
	err := it.Validate()
	if err == nil {
		return it, nil
	}
	ve, ok := err.(*ValidationError)
	if !ok {
		return saved, []Problem{{Field: "item", Message: err.Error()}}
	}
	out := it
	for _, p := range ve.Problems {
		switch p.Field {
		case "title":
			out.Title = saved.Title
		case "kind":
			out.Kind = saved.Kind
		case "planned":
			out.PlannedMinutes = saved.PlannedMinutes
		case "notes":
			out.Notes = saved.Notes
		case "outcome":
			out.Outcome = saved.Outcome
		case "outcome_type":
			out.OutcomeType = saved.OutcomeType
		case "answers":
			out.Answers = saved.Answers
		default:
			return saved, ve.Problems
		}
	}
	return out, ve.Problems
}

// HeldDrafts is the text of an edited item's held-back fields, keyed as
// DraftFields, for the draft store.
func (it AgendaItem) HeldDrafts(held []Problem) map[string]string {
	drafts := map[string]string{}
	for _, p := range held {
		switch p.Field {
		case "title":
			drafts["title"] = it.Title
		case "notes":
			drafts["notes"] = it.Notes
		case "outcome":
			drafts["outcome"] = it.Outcome
		case "answers":
			drafts["how_long"] = it.Answers.HowLong
			drafts["will_pay"] = it.Answers.WillPayText
		}
	}
	return drafts
}

// WithDrafts is the item as the facilitator left it: saved, with any
// held-back text put back in its fields.
func (it AgendaItem) WithDrafts(drafts map[string]string) AgendaItem {
	for f, v := range drafts {
		switch f {
		case "title":
			it.Title = v
		case "notes":
			it.Notes = v
		case "outcome":
			it.Outcome = v
		case "how_long":
			it.Answers.HowLong = v
		case "will_pay":
			it.Answers.WillPayText, it.Answers.WillPay = v, nil
			if m, ok := AmountIn(v); ok {
				it.Answers.WillPay = &m
			}
		}
	}
	return it
}

// HeldBackSummary says in a few words which fields need fixing:
// "the title needs fixing", "the title and the notes need fixing".
func HeldBackSummary(held []Problem) string {
	names := map[string]string{"title": "the title", "kind": "the kind", "planned": "the planned time",
		"notes": "the notes", "outcome": "the outcome", "outcome_type": "the outcome's kind", "answers": "the Triad answers"}
	var parts []string
	seen := map[string]bool{}
	for _, p := range held {
		n := names[p.Field]
		if n == "" {
			n = "a field"
		}
		if !seen[n] {
			seen[n] = true
			parts = append(parts, n)
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		if strings.HasSuffix(parts[0], "s") { // the notes, the Triad answers
			return parts[0] + " need fixing"
		}
		return parts[0] + " needs fixing"
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1] + " need fixing"
}
