package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	tsync "triad/data/sync"
)

// VerifyEvents checks again, offline, the signature of every event this
// laptop holds: those it made (the outbox) and those it took from the
// others, as they arrived. A body that no longer matches its signer's
// signature, or its own id, is listed; nothing is written.
func (s *DB) VerifyEvents(ctx context.Context) (tsync.Verification, error) {
	var v tsync.Verification
	signers := map[string]bool{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_applied WHERE body IS NULL`).Scan(&v.Unkept); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, body FROM sync_outbox
			UNION ALL SELECT id, body FROM sync_applied WHERE body IS NOT NULL ORDER BY 1`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, body string
			if err := rows.Scan(&id, &body); err != nil {
				return err
			}
			v.Checked++
			var ev tsync.Event
			if err := json.Unmarshal([]byte(body), &ev); err != nil {
				v.Failures = append(v.Failures, fmt.Sprintf("event %s: its body is not an event: %v", id, err))
				continue
			}
			if ev.ID != id {
				v.Failures = append(v.Failures, fmt.Sprintf("event %s: its body is event %s", id, ev.ID))
				continue
			}
			if err := ev.Verify(); err != nil {
				v.Failures = append(v.Failures, fmt.Sprintf("event %s (%s): %v", id, ev.Kind, err))
				continue
			}
			signers[ev.Signer] = true
		}
		return rows.Err()
	})
	v.Signers = len(signers)
	return v, err
}
