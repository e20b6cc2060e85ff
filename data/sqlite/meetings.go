package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

const meetingColumns = `id, pod_id, date, status, created_at, started_at, ended_at`

// Meetings returns a pod's meetings, newest first.
func (s *DB) Meetings(ctx context.Context, podID int64) ([]data.Meeting, error) {
	var ms []data.Meeting
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		ms, err = queryMeetings(ctx, tx, `WHERE pod_id = ? ORDER BY date DESC`, podID)
		return err
	})
	return ms, err
}

// MeetingsPage returns limit of a pod's meetings from offset, newest first.
func (s *DB) MeetingsPage(ctx context.Context, podID int64, offset, limit int) ([]data.Meeting, error) {
	if offset < 0 || limit <= 0 {
		return nil, data.Invalidf("The page of meetings is out of range")
	}
	var ms []data.Meeting
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		ms, err = queryMeetings(ctx, tx, `WHERE pod_id = ? ORDER BY date DESC LIMIT ? OFFSET ?`, podID, limit, offset)
		return err
	})
	return ms, err
}

// PreviousMeeting returns the pod's latest closed meeting before m's day,
// the one data.PreviousMeeting picks, by one indexed lookup.
func (s *DB) PreviousMeeting(ctx context.Context, m data.Meeting) (data.Meeting, bool, error) {
	var prev data.Meeting
	var found bool
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		prev, found, err = previousMeeting(ctx, tx, m)
		return err
	})
	return prev, found, err
}

func previousMeeting(ctx context.Context, tx *sql.Tx, m data.Meeting) (data.Meeting, bool, error) {
	ms, err := queryMeetings(ctx, tx, `WHERE pod_id = ? AND status = ? AND date < ? AND id <> ? ORDER BY date DESC LIMIT 1`,
		m.PodID, string(data.MeetingClosed), m.Date.String(), m.ID)
	if err != nil || len(ms) == 0 {
		return data.Meeting{}, false, err
	}
	return ms[0], true, nil
}

// Meeting returns one meeting.
func (s *DB) Meeting(ctx context.Context, id int64) (data.Meeting, error) {
	var m data.Meeting
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = getMeeting(ctx, tx, id)
		return err
	})
	return m, err
}

// CreateMeeting adds a draft meeting. A pod meets at most once a day; a
// second meeting on the same date is refused with a readable message.
func (s *DB) CreateMeeting(ctx context.Context, m data.Meeting) (data.Meeting, error) {
	if err := m.Validate(); err != nil {
		return data.Meeting{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		pod, err := getPod(ctx, tx, m.PodID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM meetings WHERE pod_id = ? AND date = ?`,
			m.PodID, m.Date.String()).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &data.ValidationError{Problems: []data.Problem{{Field: "date",
				Message: pod.Name + " already has a meeting on " + m.Date.Long() + "; pick another date"}}}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO meetings (pod_id, date, status, created_at) VALUES (?, ?, 'draft', ?)`,
			m.PodID, m.Date.String(), s.stamp())
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if m, err = getMeeting(ctx, tx, id); err != nil {
			return err
		}
		return s.emitNewMeeting(ctx, tx, id)
	})
	if err != nil {
		return data.Meeting{}, err
	}
	return m, nil
}

func getMeeting(ctx context.Context, tx *sql.Tx, id int64) (data.Meeting, error) {
	ms, err := queryMeetings(ctx, tx, `WHERE id = ?`, id)
	if err != nil {
		return data.Meeting{}, err
	}
	if len(ms) == 0 {
		return data.Meeting{}, data.NotFoundf("That meeting no longer exists")
	}
	return ms[0], nil
}

func queryMeetings(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.Meeting, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+meetingColumns+` FROM meetings `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []data.Meeting
	for rows.Next() {
		var m data.Meeting
		var date, status, created string
		var started, ended sql.NullString
		if err := rows.Scan(&m.ID, &m.PodID, &date, &status, &created, &started, &ended); err != nil {
			return nil, err
		}
		m.Date, _ = data.ParseDate(date)
		m.Status = data.MeetingStatus(status)
		m.CreatedAt, _ = data.ParseUTCTime(created)
		m.StartedAt, _ = data.ParseUTCTime(started.String)
		m.EndedAt, _ = data.ParseUTCTime(ended.String)
		ms = append(ms, m)
	}
	return ms, rows.Err()
}
