package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

// PodActionItems lists every action item of a pod, open or done, in the
// order of the meetings they came from. The minutes sort them into new,
// carried over, done and overdue as they stood on the meeting's day, which
// needs the done ones too (OpenActionItems has only the open).
func (s *DB) PodActionItems(ctx context.Context, podID int64) ([]data.ActionItem, error) {
	var out []data.ActionItem
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, podID); err != nil {
			return err
		}
		var err error
		if out, err = queryActions(ctx, tx, `WHERE a.pod_id = ? ORDER BY m.date, a.id`, podID); err != nil {
			return err
		}
		return attachActionHistory(ctx, tx, podID, out)
	})
	return out, err
}
