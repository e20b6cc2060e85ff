package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"triad/data"
)

// recarryAfter works the carry-over out again for the pod's drafts that
// carry from closed (the closed meeting just before them), have been
// opened already and have not started. A draft never
// opened gets its carry-over when it is first opened.
func recarryAfter(ctx context.Context, tx *sql.Tx, closed data.Meeting, now string) error {
	drafts, err := queryMeetings(ctx, tx, `WHERE pod_id = ? AND status = 'draft' AND agenda_prepared_at IS NOT NULL AND date > ?`,
		closed.PodID, closed.Date.String())
	if err != nil {
		return err
	}
	if len(drafts) == 0 {
		return nil
	}
	for _, d := range drafts {
		// Only drafts that carry from this meeting: closing an old meeting
		// again must not rework the agenda of a draft that follows a later one.
		prev, ok, err := previousMeeting(ctx, tx, d)
		if err != nil {
			return err
		}
		if !ok || prev.ID != closed.ID {
			continue
		}
		if err := carryInto(ctx, tx, d, now); err != nil {
			return err
		}
	}
	return nil
}

// carryInto brings into draft what its previous closed meeting carries
// over (data.Recarry): new items go at the end of the agenda, copies that
// nobody edited are refreshed, and what the facilitator added or typed
// stays as it is.
func carryInto(ctx context.Context, tx *sql.Tx, draft data.Meeting, now string) error {
	if draft.Status != data.MeetingDraft {
		return nil
	}
	prev, ok, err := previousMeeting(ctx, tx, draft)
	if err != nil || !ok {
		return err
	}
	prevRun, err := loadRun(ctx, tx, prev.ID)
	if err != nil {
		return err
	}
	run, err := loadRun(ctx, tx, draft.ID)
	if err != nil {
		return err
	}
	origin, err := carryOrigins(ctx, tx, draft.PodID)
	if err != nil {
		return err
	}
	plan := data.Recarry(prev, prevRun.Items, run.Items, origin)
	// A recurring topic of the pod's template is on every agenda already.
	tmpl, err := podTemplate(ctx, tx, draft.PodID)
	if err != nil {
		return err
	}
	plan.Add = tmpl.WithoutRecurring(plan.Add)
	people := &attendeeMapper{ctx: ctx, tx: tx, now: now, prev: prevRun, draft: run}
	for _, id := range plan.Remove {
		if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, it := range plan.Retarget {
		if !it.Edited {
			if err := people.mapItem(&it); err != nil {
				return err
			}
		}
		if err := updateItem(ctx, tx, it, now); err != nil {
			return err
		}
	}
	base, err := nextPosition(ctx, tx, draft.ID)
	if err != nil {
		return err
	}
	for i, it := range plan.Add {
		if err := people.mapItem(&it); err != nil {
			return err
		}
		it.MeetingID, it.Position = draft.ID, base+i
		if _, err := insertItem(ctx, tx, it, now); err != nil {
			return err
		}
	}
	if len(plan.Remove) > 0 {
		return renumber(ctx, tx, draft.ID, 0, -1)
	}
	return nil
}

// carryOrigins maps each agenda item of the pod to the first item of its
// carry chain, so a topic carried week after week is recognised as one.
func carryOrigins(ctx context.Context, tx *sql.Tx, podID int64) (func(int64) int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.carried_from_item_id FROM agenda_items a
		JOIN meetings m ON m.id = a.meeting_id WHERE m.pod_id = ?`, podID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	up := map[int64]int64{}
	for rows.Next() {
		var id int64
		var from sql.NullInt64
		if err := rows.Scan(&id, &from); err != nil {
			return nil, err
		}
		up[id] = from.Int64
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return func(id int64) int64 {
		for steps := 0; steps < len(up); steps++ { // a chain cannot be longer than the items
			next, ok := up[id]
			if !ok || next == 0 {
				break
			}
			id = next
		}
		return id
	}, nil
}

// attendeeMapper turns the previous meeting's attendees on a carried item
// into the draft's: a leader's seat into the same seat, a guest presenter
// into the same guest, added to the draft (not yet marked present).
// Answers given by guests are dropped, as before: a guest does not speak
// for a function.
type attendeeMapper struct {
	ctx   context.Context
	tx    *sql.Tx
	now   string
	prev  data.MeetingRun
	draft data.MeetingRun
}

func (m *attendeeMapper) seat(old int64) int64 {
	a, ok := m.prev.Attendee(old)
	if !ok || a.Role == "" {
		return 0
	}
	for _, d := range m.draft.Attendees {
		if d.Role == a.Role {
			return d.ID
		}
	}
	return 0
}

func (m *attendeeMapper) presenter(old int64) (int64, error) {
	a, ok := m.prev.Attendee(old)
	if !ok {
		return 0, nil
	}
	if a.Role != "" {
		return m.seat(old), nil
	}
	for _, d := range m.draft.Attendees {
		if d.IsGuest() && strings.EqualFold(d.Name, a.Name) {
			return d.ID, nil
		}
	}
	res, err := m.tx.ExecContext(m.ctx, `INSERT INTO meeting_attendees (meeting_id, name, email, guest_role, present, created_at)
		VALUES (?, ?, ?, ?, 0, ?)`, m.draft.Meeting.ID, a.Name, a.Email, a.GuestRole, m.now)
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	g := a
	g.ID, g.MeetingID, g.Present = id, m.draft.Meeting.ID, false
	m.draft.Attendees = append(m.draft.Attendees, g)
	return id, nil
}

func (m *attendeeMapper) mapItem(it *data.AgendaItem) error {
	var err error
	if it.PresenterID, err = m.presenter(it.PresenterID); err != nil {
		return err
	}
	a := &it.Answers
	a.EngineeringBy, a.ProductBy, a.MarketBy = m.seat(a.EngineeringBy), m.seat(a.ProductBy), m.seat(a.MarketBy)
	return nil
}
