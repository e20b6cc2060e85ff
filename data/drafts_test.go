package data

import (
	"strings"
	"testing"
)

func TestHoldBackSavesEveryValidField(t *testing.T) {
	saved := AgendaItem{ID: 7, Title: "Pricing tiers", Kind: KindTopic, PlannedMinutes: 10, Notes: "old notes"}
	cases := []struct {
		name       string
		edit       func(*AgendaItem)
		wantTitle  string
		wantNotes  string
		held       string
		draftField string
	}{
		{"all valid", func(it *AgendaItem) { it.Notes = "new notes" }, "Pricing tiers", "new notes", "", ""},
		{"a bad title keeps the notes", func(it *AgendaItem) {
			it.Title = "Pricing \u202e tiers"
			it.Notes = "typed after the title"
		}, "Pricing tiers", "typed after the title", "the title needs fixing", "title"},
		{"notes past the limit keep the title", func(it *AgendaItem) {
			it.Title = "Pricing v2"
			it.Notes = strings.Repeat("x", MaxNoteLen+1)
		}, "Pricing v2", "old notes", "the notes need fixing", "notes"},
		{"two bad fields", func(it *AgendaItem) {
			it.Title = ""
			it.Outcome = strings.Repeat("y", MaxNoteLen+1)
			it.Notes = "kept"
		}, "Pricing tiers", "kept", "the title and the outcome need fixing", "outcome"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edited := saved
			c.edit(&edited)
			out, held := edited.HoldBack(saved)
			if out.Title != c.wantTitle || out.Notes != c.wantNotes {
				t.Errorf("saved title %q notes %.20q, want %q %.20q", out.Title, out.Notes, c.wantTitle, c.wantNotes)
			}
			if err := out.Validate(); err != nil {
				t.Errorf("what is saved does not validate: %v", err)
			}
			if got := HeldBackSummary(held); got != c.held {
				t.Errorf("summary %q, want %q", got, c.held)
			}
			drafts := edited.HeldDrafts(held)
			if c.draftField != "" {
				if _, ok := drafts[c.draftField]; !ok {
					t.Errorf("no draft of %s in %v", c.draftField, drafts)
				}
			}
			// Saved plus drafts is exactly what was typed, for the text fields.
			back := out.WithDrafts(drafts)
			if back.Title != edited.Title || back.Notes != edited.Notes || back.Outcome != edited.Outcome {
				t.Errorf("saved + drafts differs from what was typed")
			}
		})
	}
}
