package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"triad/data"
)

var _ data.MinutesStore = (*DB)(nil)

// MinutesRecord reads everything a meeting's minutes report in one
// read-only transaction. A closed meeting gives the record frozen when it
// closed; one closed before records were frozen is read live and marked
// Rebuilt; a draft whose agenda was never prepared gets the attendees and
// agenda it would get (Preview), none of them written.
func (s *DB) MinutesRecord(ctx context.Context, meetingID int64) (data.MinutesRecord, error) {
	var rec data.MinutesRecord
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		rec, err = s.minutesRecord(ctx, tx, meetingID)
		return err
	})
	return rec, err
}

// minutesRecord is MinutesRecord inside tx: the frozen record of a closed
// meeting, else the record read live. It only reads.
func (s *DB) minutesRecord(ctx context.Context, tx *sql.Tx, meetingID int64) (data.MinutesRecord, error) {
	var rec data.MinutesRecord
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil {
		return rec, err
	}
	if m.Status == data.MeetingClosed {
		frozen, ok, err := storedRecord(ctx, tx, meetingID)
		if err != nil {
			return rec, fmt.Errorf("the record frozen when the meeting of %s closed cannot be read: %w", m.Date.Long(), err)
		}
		if ok {
			return frozen, nil
		}
	}
	rec, err = s.buildRecord(ctx, tx, m, s.now())
	rec.Rebuilt = m.Status == data.MeetingClosed
	return rec, err
}

// MeetingHistory is the meeting's status changes (started, closed,
// reopened), oldest first, with who and why.
func (s *DB) MeetingHistory(ctx context.Context, meetingID int64) ([]data.MeetingEvent, error) {
	var es []data.MeetingEvent
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		var err error
		es, err = queryEvents(ctx, tx, meetingID)
		return err
	})
	return es, err
}

// freezeRecord stores the meeting's record as it stands in tx, the
// transaction that closes it at at (eventID is the close).
func (s *DB) freezeRecord(ctx context.Context, tx *sql.Tx, meetingID, eventID int64, at time.Time) error {
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	rec, err := s.buildRecord(ctx, tx, m, at)
	if err != nil {
		return err
	}
	rec.FrozenAt = at.UTC().Truncate(time.Millisecond) // as the close's time is stored
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meeting_records (meeting_id, event_id, taken_at, body) VALUES (?, ?, ?, ?)`,
		meetingID, eventID, data.UTCTime(at), string(body))
	return err
}

// buildRecord reads m's record from tx as it stands, now being the clock
// for a meeting that is not closed. It only reads.
func (s *DB) buildRecord(ctx context.Context, tx *sql.Tx, m data.Meeting, now time.Time) (data.MinutesRecord, error) {
	var rec data.MinutesRecord
	v := s.view(tx)
	run, err := loadRun(ctx, tx, m.ID)
	if err != nil {
		return rec, err
	}
	var prepared sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT agenda_prepared_at FROM meetings WHERE id = ?`, m.ID).Scan(&prepared); err != nil {
		return rec, err
	}
	if !prepared.Valid && m.Status == data.MeetingDraft {
		// What opening the meeting would add, shown but not stored.
		plan, err := planMeeting(ctx, tx, m, run)
		if err != nil {
			return rec, err
		}
		base := len(run.Items)
		for _, it := range plan.Items {
			it.Position += base
			run.Items = append(run.Items, it)
		}
		run.Attendees = append(plan.Attendees, run.Attendees...)
		rec.Preview = true
	}
	rec.Run = run
	if rec.Meetings, err = queryMeetings(ctx, tx, `WHERE pod_id = ? ORDER BY date DESC`, m.PodID); err != nil {
		return rec, err
	}
	if rec.Roadmap, err = v.Roadmap(ctx, m.PodID); err != nil {
		return rec, err
	}
	if rec.Actions, err = queryActions(ctx, tx, `WHERE a.pod_id = ? ORDER BY m.date, a.id`, m.PodID); err != nil {
		return rec, err
	}
	// Each action's re-datings and reassignments, so the minutes say who
	// moved it from the record, not from the live history.
	if err := attachActionHistory(ctx, tx, m.PodID, rec.Actions); err != nil {
		return rec, err
	}
	deals, err := v.DealRequests(ctx, data.DealFilter{PodID: m.PodID})
	if err != nil {
		return rec, err
	}
	for _, r := range deals {
		h, err := v.DealHistory(ctx, r.ID)
		if err != nil {
			return rec, err
		}
		rec.Deals = append(rec.Deals, data.DealRecord{Request: r, History: h})
	}
	if rec.Decisions, err = queryDecisions(ctx, tx, `WHERE d.meeting_id = ? ORDER BY d.id`, m.ID); err != nil {
		return rec, err
	}
	if err := loadDetails(ctx, tx, rec.Decisions); err != nil {
		return rec, err
	}
	since, _, _ := data.MinutesWindow(m, rec.Meetings)
	asOf := data.MinutesAsOf(m, now)
	rec.LateCommitments, err = lateCommitments(ctx, tx, m, since, asOf)
	return rec, err
}

// lateCommitments are the commitments to decisions of m's pod's earlier
// closed meetings that the closed meeting's own record does not hold:
// they came in after it closed. Each is printed once, in the first
// minutes whose window (since, asOf] holds the moment it was recorded.
// A meeting closed before records were frozen has no record to compare
// with; there a commitment recorded after its close counts as late.
func lateCommitments(ctx context.Context, tx *sql.Tx, m data.Meeting, since, asOf time.Time) ([]data.LateCommitment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.question, dm.id, dm.date, dm.ended_at, p.member_id, p.member_name, p.role,
			p.position, p.commitment, p.committed_at
		FROM decision_positions p
		JOIN decisions d ON d.id = p.decision_id
		JOIN meetings dm ON dm.id = d.meeting_id
		WHERE d.pod_id = ? AND d.meeting_id != ? AND dm.date < ? AND dm.status = 'closed'
		  AND p.commitment != '' AND p.committed_at > ? AND p.committed_at <= ?
		ORDER BY p.committed_at, d.id, p.role`,
		m.PodID, m.ID, m.Date.String(), data.UTCTime(since), data.UTCTime(asOf))
	if err != nil {
		return nil, err
	}
	type candidate struct {
		c                 data.LateCommitment
		meetingID, member int64
		ended             string
	}
	var cs []candidate
	for rows.Next() {
		var k candidate
		var date, role, position, commitment, at string
		var ended sql.NullString
		if err := rows.Scan(&k.c.DecisionID, &k.c.Question, &k.meetingID, &date, &ended, &k.member, &k.c.Name, &role,
			&position, &commitment, &at); err != nil {
			rows.Close()
			return nil, err
		}
		k.ended = ended.String
		k.c.MeetingDate, _ = data.ParseDate(date)
		k.c.Role, k.c.Position, k.c.Commitment = data.Role(role), data.Position(position), data.Commitment(commitment)
		k.c.At, _ = data.ParseUTCTime(at)
		cs = append(cs, k)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	// What each earlier meeting's frozen record says was committed.
	type key struct{ decision, member int64 }
	frozen := map[int64]map[key]data.Commitment{} // by meeting; nil map: no record
	var out []data.LateCommitment
	for _, k := range cs {
		held, seen := frozen[k.meetingID]
		if !seen {
			rec, ok, err := storedRecord(ctx, tx, k.meetingID)
			if err != nil {
				return nil, fmt.Errorf("the record of the meeting of %s cannot be read: %w", k.c.MeetingDate.Long(), err)
			}
			if ok {
				held = map[key]data.Commitment{}
				for _, d := range rec.Decisions {
					for _, pv := range d.Perspectives {
						held[key{d.ID, pv.MemberID}] = pv.Commitment
					}
				}
			}
			frozen[k.meetingID] = held
		}
		late := k.c.At.After(parsedUTC(k.ended))
		if held != nil {
			late = held[key{k.c.DecisionID, k.member}] != k.c.Commitment
		}
		if late {
			out = append(out, k.c)
		}
	}
	return out, nil
}

func parsedUTC(s string) time.Time {
	t, _ := data.ParseUTCTime(s)
	return t
}
