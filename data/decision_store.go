package data

import "context"

// DecisionStore keeps decisions, their perspectives and commitments, and
// answers the pod-wide decision log and search.
type DecisionStore interface {
	Decision(ctx context.Context, id int64) (Decision, error)
	// CreateDecision stores a new proposed decision. A decision with
	// SupersedesID set will replace that earlier one once it is decided.
	CreateDecision(ctx context.Context, d Decision) (Decision, error)
	// UpdateDecision saves a proposed decision's text, options, positions,
	// decider and call.
	UpdateDecision(ctx context.Context, d Decision) (Decision, error)
	// Decide saves d and marks it decided, in one step; an earlier decision
	// it supersedes becomes superseded.
	Decide(ctx context.Context, d Decision) (Decision, error)
	// DeleteDecision removes a decision that is still proposed.
	DeleteDecision(ctx context.Context, id int64) error
	StatePosition(ctx context.Context, decisionID, memberID int64, pos Position, reasoning string) (Decision, error)
	RecordCommitment(ctx context.Context, decisionID, memberID int64, c Commitment) (Decision, error)
	// Supersede links later as the replacement of earlier, both ways. When
	// later is already decided, earlier becomes superseded at once.
	Supersede(ctx context.Context, earlierID, laterID int64) error
	ReverseDecision(ctx context.Context, id int64, reason string) (Decision, error)
	// LinkActionItem records a follow-up action item of the meeting.
	LinkActionItem(ctx context.Context, decisionID, actionItemID int64) error
	// DecisionLog lists a pod's decisions, newest first, filtered.
	DecisionLog(ctx context.Context, f DecisionFilter) ([]DecisionEntry, error)
	// OpenDecisions lists a pod's decided decisions that still wait for a
	// leader's commitment, oldest first: the meeting's "Open decisions".
	OpenDecisions(ctx context.Context, podID int64) ([]Decision, error)
	// SearchPod searches everything the pod's index holds, best match first.
	SearchPod(ctx context.Context, podID int64, text string, limit int) ([]SearchHit, error)
}
