package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

var _ data.HandoffStore = (*DB)(nil)

// HandoffRecord reads what a meeting's mail drafts need in one read-only
// transaction: the minutes' record (frozen, or live with the agenda a
// never-opened draft would get, none of it written) and the pod's open
// decisions as they stand.
func (s *DB) HandoffRecord(ctx context.Context, meetingID int64) (data.HandoffRecord, error) {
	var rec data.HandoffRecord
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if rec.Minutes, err = s.minutesRecord(ctx, tx, meetingID); err != nil {
			return err
		}
		if rec.Pod, err = getPod(ctx, tx, rec.Minutes.Run.Pod.ID); err != nil {
			return err
		}
		if rec.Owners, err = actionOwners(ctx, tx, rec.Pod.ID); err != nil {
			return err
		}
		rec.OpenDecisions, err = queryDecisions(ctx, tx, `WHERE d.pod_id = ? AND (d.state = 'proposed' OR (d.state = 'decided'
			AND EXISTS (SELECT 1 FROM decision_positions p WHERE p.decision_id = d.id AND p.commitment = '')))
			ORDER BY meeting_date, d.id`, rec.Pod.ID)
		if err != nil {
			return err
		}
		return loadDetails(ctx, tx, rec.OpenDecisions)
	})
	return rec, err
}

// DealHandoff reads a request with its history, its pod's roadmap and the
// pod's requests in one read-only transaction.
func (s *DB) DealHandoff(ctx context.Context, requestID int64) (data.DealHandoff, error) {
	var h data.DealHandoff
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		v := s.view(tx)
		var err error
		if h.Request, err = getDealRequest(ctx, tx, requestID); err != nil {
			return err
		}
		if h.History, err = v.DealHistory(ctx, requestID); err != nil {
			return err
		}
		if h.Roadmap, err = v.Roadmap(ctx, h.Request.PodID); err != nil {
			return err
		}
		h.Requests, err = v.DealRequests(ctx, data.DealFilter{PodID: h.Request.PodID})
		return err
	})
	return h, err
}

// actionOwners are the attendees that the pod's action items name as owners.
func actionOwners(ctx context.Context, tx *sql.Tx, podID int64) (map[int64]data.Attendee, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, meeting_id, COALESCE(member_id, 0), role, name, email, guest_role FROM meeting_attendees
		WHERE id IN (SELECT owner_id FROM action_items WHERE pod_id = ? AND owner_id IS NOT NULL)`, podID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]data.Attendee{}
	for rows.Next() {
		var a data.Attendee
		var role string
		if err := rows.Scan(&a.ID, &a.MeetingID, &a.MemberID, &role, &a.Name, &a.Email, &a.GuestRole); err != nil {
			return nil, err
		}
		a.Role = data.Role(role)
		out[a.ID] = a
	}
	return out, rows.Err()
}
