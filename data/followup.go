package data

import "context"

// FollowUpStore writes a decision's follow-up: a new action item of the
// decision's meeting, linked to the decision in the same transaction, so a
// failure leaves neither an unlinked action nor a link to nothing.
type FollowUpStore interface {
	AddFollowUpAction(ctx context.Context, decisionID int64, a ActionItem) (ActionItem, error)
}
