package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

// AddFollowUpAction adds an action item to the decision's meeting and links
// it to the decision, in one transaction. The action belongs to the
// decision's meeting whatever a.MeetingID says.
func (s *DB) AddFollowUpAction(ctx context.Context, decisionID int64, a data.ActionItem) (data.ActionItem, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return data.ActionItem{}, err
	}
	var out data.ActionItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDecision(ctx, tx, decisionID)
		if err != nil {
			return err
		}
		a.MeetingID = d.MeetingID
		if out, err = s.addActionItem(ctx, tx, a); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO decision_actions (decision_id, action_item_id) VALUES (?, ?)`, decisionID, out.ID)
		return err
	})
	if err != nil {
		return data.ActionItem{}, err
	}
	return out, nil
}
