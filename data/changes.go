package data

import (
	"context"
	"time"
)

// FieldEdit is one edit of one field of a record shared with a team,
// as every laptop in it keeps it: what the field was set to, what it held
// before, who set it and when. The loser of two edits made at the same
// time on two laptops stays on record too.
type FieldEdit struct {
	Field    string // "question", "options", "Tech Lead's commitment" …
	Value    string // as people read it; "" for empty
	Replaced string // what it held before this edit
	By       string // the member's name in the pod (their key when unknown)
	At       time.Time
	Current  bool // the value the record holds now
}

// ChangeStore lists who changed what on records shared with a team. A
// database in no team has no changes to list.
type ChangeStore interface {
	// DecisionChanges lists the edits of a decision and of its leaders'
	// positions and commitments, oldest first.
	DecisionChanges(ctx context.Context, decisionID int64) ([]FieldEdit, error)
}
