package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"triad/data"
	tsync "triad/data/sync"
)

var _ data.MeetingRunStore = (*DB)(nil)

// MeetingRun loads a meeting with its attendees, agenda and actions,
// preparing a new meeting's attendance and agenda the first time.
//
// A prepared meeting (every meeting after its first opening) is read on a
// reader, so opening one never waits for, nor holds up, a save. Only the
// first opening writes, and it is one write transaction of its own.
func (s *DB) MeetingRun(ctx context.Context, meetingID int64) (data.MeetingRun, error) {
	var r data.MeetingRun
	prepared := false
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var at sql.NullString
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT agenda_prepared_at, status FROM meetings WHERE id = ?`, meetingID).Scan(&at, &status); err != nil {
			if err == sql.ErrNoRows {
				return data.NotFoundf("That meeting no longer exists")
			}
			return err
		}
		// A closed meeting is read as it closed, prepared or not: nothing of
		// its record changes after close.
		if prepared = at.Valid || status == string(data.MeetingClosed); !prepared {
			return nil
		}
		var err error
		r, err = loadRun(ctx, tx, meetingID)
		return err
	})
	if err != nil || prepared {
		return r, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			return s.prepareMeeting(ctx, tx, meetingID)
		}); err != nil {
			return err
		}
		var err error
		r, err = loadRun(ctx, tx, meetingID)
		return err
	})
	return r, err
}

// prepareMeeting adds the leaders as attendees and, for a draft, the
// standing items and what carries over from the previous closed meeting.
// It runs once per meeting (agenda_prepared_at).
func (s *DB) prepareMeeting(ctx context.Context, tx *sql.Tx, meetingID int64) error {
	var prepared sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT agenda_prepared_at FROM meetings WHERE id = ?`, meetingID).Scan(&prepared); err != nil {
		if err == sql.ErrNoRows {
			return data.NotFoundf("That meeting no longer exists")
		}
		return err
	}
	if prepared.Valid {
		return nil
	}
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil || m.Status == data.MeetingClosed {
		return err
	}
	pod, err := getPod(ctx, tx, m.PodID)
	if err != nil {
		return err
	}
	now := s.stamp()
	for _, l := range pod.Leaders {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendees (meeting_id, member_id, role, name, email, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, meetingID, l.ID, string(l.Role), l.Name, l.Email, now); err != nil {
			return err
		}
	}
	if m.Status == data.MeetingDraft {
		base, err := nextPosition(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		tmpl, err := podTemplate(ctx, tx, m.PodID)
		if err != nil {
			return err
		}
		for _, it := range data.NewAgendaFrom(tmpl, nil) {
			it.MeetingID = meetingID
			it.Position += base
			if _, err := insertItem(ctx, tx, it, now); err != nil {
				return err
			}
		}
		// What carries over is worked out again whenever the meeting
		// before this one closes (CloseMeeting), until this one starts.
		if err := carryInto(ctx, tx, m, now); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE meetings SET agenda_prepared_at = ? WHERE id = ?`, now, meetingID)
	return err
}

// planMeeting is what preparing m adds, computed without writing, by the
// rules prepareMeeting and carryInto apply: the pod's leaders as
// attendees, with placeholder ids (-1, -2, -3 by seat), and for a draft the
// standing items and what carries over from the previous closed meeting,
// a carried guest presenter coming back as a (placeholder) guest not yet
// marked present. existing is the meeting as stored. The minutes of a
// never-opened draft show this plan. Positions count from 0; the caller
// places them after existing's items.
func planMeeting(ctx context.Context, tx *sql.Tx, m data.Meeting, existing data.MeetingRun) (data.MeetingRun, error) {
	plan := data.MeetingRun{Meeting: m}
	pod, err := getPod(ctx, tx, m.PodID)
	if err != nil {
		return plan, err
	}
	plan.Pod = pod
	seat := map[data.Role]int64{} // this meeting's placeholder attendee id per seat
	for i, l := range pod.Leaders {
		id := -int64(i + 1)
		plan.Attendees = append(plan.Attendees, data.Attendee{ID: id, MeetingID: m.ID, MemberID: l.ID, Role: l.Role, Name: l.Name, Email: l.Email})
		seat[l.Role] = id
	}
	if m.Status != data.MeetingDraft {
		return plan, nil
	}
	tmpl, err := podTemplate(ctx, tx, m.PodID)
	if err != nil {
		return plan, err
	}
	plan.Items = data.NewAgendaFrom(tmpl, nil)
	for i := range plan.Items {
		plan.Items[i].MeetingID = m.ID
	}
	prev, ok, err := previousMeeting(ctx, tx, m)
	if err != nil || !ok {
		return plan, err
	}
	prevRun, err := loadRun(ctx, tx, prev.ID)
	if err != nil {
		return plan, err
	}
	origin, err := carryOrigins(ctx, tx, m.PodID)
	if err != nil {
		return plan, err
	}
	// A draft never opened carries nothing yet, so only Add applies (the
	// store recarries only drafts already opened).
	carried := tmpl.WithoutRecurring(data.Recarry(prev, prevRun.Items, existing.Items, origin).Add)
	mapSeat := func(old int64) int64 {
		if a, ok := prevRun.Attendee(old); ok && a.Role != "" {
			return seat[a.Role]
		}
		return 0 // a guest does not answer for a function
	}
	guests := append([]data.Attendee(nil), existing.Attendees...)
	presenter := func(old int64) int64 {
		a, ok := prevRun.Attendee(old)
		switch {
		case !ok:
			return 0
		case a.Role != "":
			return seat[a.Role]
		}
		for _, g := range guests {
			if g.IsGuest() && strings.EqualFold(g.Name, a.Name) {
				return g.ID
			}
		}
		g := data.Attendee{ID: -int64(len(plan.Attendees) + 1), MeetingID: m.ID, Name: a.Name, Email: a.Email, GuestRole: a.GuestRole}
		plan.Attendees = append(plan.Attendees, g)
		guests = append(guests, g)
		return g.ID
	}
	for _, it := range carried {
		it.PresenterID = presenter(it.PresenterID)
		a := &it.Answers
		a.EngineeringBy, a.ProductBy, a.MarketBy = mapSeat(a.EngineeringBy), mapSeat(a.ProductBy), mapSeat(a.MarketBy)
		it.MeetingID, it.Position = m.ID, len(plan.Items)
		plan.Items = append(plan.Items, it)
	}
	return plan, nil
}

func nextPosition(ctx context.Context, tx *sql.Tx, meetingID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position) + 1, 0) FROM agenda_items WHERE meeting_id = ?`, meetingID).Scan(&n)
	return n, err
}

func loadRun(ctx context.Context, tx *sql.Tx, meetingID int64) (data.MeetingRun, error) {
	var r data.MeetingRun
	var err error
	if r.Meeting, err = getMeeting(ctx, tx, meetingID); err != nil {
		return r, err
	}
	if r.Pod, err = getPod(ctx, tx, r.Meeting.PodID); err != nil {
		return r, err
	}
	if r.Attendees, err = queryAttendees(ctx, tx, meetingID); err != nil {
		return r, err
	}
	if r.Items, err = queryItems(ctx, tx, meetingID); err != nil {
		return r, err
	}
	if r.Actions, err = queryActions(ctx, tx, `WHERE a.meeting_id = ? ORDER BY a.id`, meetingID); err != nil {
		return r, err
	}
	r.Events, err = queryEvents(ctx, tx, meetingID)
	return r, err
}

func queryEvents(ctx context.Context, tx *sql.Tx, meetingID int64) ([]data.MeetingEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT kind, at, actor, reason FROM meeting_events WHERE meeting_id = ? ORDER BY at, id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []data.MeetingEvent
	for rows.Next() {
		var e data.MeetingEvent
		var at string
		if err := rows.Scan(&e.Kind, &at, &e.By, &e.Reason); err != nil {
			return nil, err
		}
		e.At, _ = data.ParseUTCTime(at)
		es = append(es, e)
	}
	return es, rows.Err()
}

func queryAttendees(ctx context.Context, tx *sql.Tx, meetingID int64) ([]data.Attendee, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, meeting_id, member_id, role, name, email, guest_role, present
		FROM meeting_attendees WHERE meeting_id = ?
		ORDER BY CASE role WHEN 'tech_lead' THEN 0 WHEN 'product_manager' THEN 1 WHEN 'marketing_manager' THEN 2 ELSE 3 END, id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []data.Attendee
	for rows.Next() {
		var a data.Attendee
		var member sql.NullInt64
		var role string
		if err := rows.Scan(&a.ID, &a.MeetingID, &member, &role, &a.Name, &a.Email, &a.GuestRole, &a.Present); err != nil {
			return nil, err
		}
		a.Role = data.Role(role)
		if role != "" {
			// A seat keeps its place even if the member row went away.
			a.MemberID = member.Int64
			if a.MemberID == 0 {
				a.MemberID = -1
			}
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

const itemColumns = `id, meeting_id, position, title, presenter_id, kind, planned_minutes, notes, outcome, outcome_type,
	carry_over, carried_from_item_id, carried_from_date, standing, actual_seconds,
	eng_can_build, eng_how_long, eng_by, prod_should_build, prod_solves_problem, prod_by, gtm_can_sell, gtm_will_pay, gtm_by, edited, gtm_will_pay_text`

func queryItems(ctx context.Context, tx *sql.Tx, meetingID int64) ([]data.AgendaItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+itemColumns+` FROM agenda_items WHERE meeting_id = ? ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, err
	}
	var items []data.AgendaItem
	index := map[int64]int{}
	for rows.Next() {
		var it data.AgendaItem
		var presenter, carriedID, engBy, prodBy, gtmBy, willPay sql.NullInt64
		var carriedDate sql.NullString
		var kind, outcomeType, standing, canBuild, should, solves, canSell string
		if err := rows.Scan(&it.ID, &it.MeetingID, &it.Position, &it.Title, &presenter, &kind, &it.PlannedMinutes,
			&it.Notes, &it.Outcome, &outcomeType, &it.CarryOver, &carriedID, &carriedDate, &standing, &it.ActualSeconds,
			&canBuild, &it.Answers.HowLong, &engBy, &should, &solves, &prodBy, &canSell, &willPay, &gtmBy, &it.Edited, &it.Answers.WillPayText); err != nil {
			rows.Close()
			return nil, err
		}
		it.PresenterID, it.CarriedFromID = presenter.Int64, carriedID.Int64
		it.Kind, it.OutcomeType, it.Standing = data.ItemKind(kind), data.OutcomeType(outcomeType), data.StandingKind(standing)
		it.CarriedFrom, _ = data.ParseDate(carriedDate.String)
		if !carriedDate.Valid {
			it.CarriedFrom = data.Date{}
		}
		a := &it.Answers
		a.CanBuild, a.ShouldBuild, a.SolvesProblem, a.CanSell = data.Verdict(canBuild), data.Verdict(should), data.Verdict(solves), data.Verdict(canSell)
		a.EngineeringBy, a.ProductBy, a.MarketBy = engBy.Int64, prodBy.Int64, gtmBy.Int64
		if willPay.Valid {
			v := data.Money(willPay.Int64)
			a.WillPay = &v
		}
		index[it.ID] = len(items)
		items = append(items, it)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	ivs, err := tx.QueryContext(ctx, `SELECT i.item_id, i.started_at, i.ended_at FROM agenda_item_intervals i
		JOIN agenda_items a ON a.id = i.item_id WHERE a.meeting_id = ? ORDER BY i.started_at, i.id`, meetingID)
	if err != nil {
		return nil, err
	}
	defer ivs.Close()
	for ivs.Next() {
		var itemID int64
		var start string
		var end sql.NullString
		if err := ivs.Scan(&itemID, &start, &end); err != nil {
			return nil, err
		}
		var iv data.Interval
		iv.Start, _ = data.ParseUTCTime(start)
		iv.End, _ = data.ParseUTCTime(end.String)
		if i, ok := index[itemID]; ok {
			items[i].Intervals = append(items[i].Intervals, iv)
		}
	}
	return items, ivs.Err()
}

func itemArgs(it data.AgendaItem) []any {
	a := it.Answers
	var willPay any
	if a.WillPay != nil {
		willPay = int64(*a.WillPay)
	}
	var carriedDate any
	if !it.CarriedFrom.IsZero() {
		carriedDate = it.CarriedFrom.String()
	}
	return []any{it.Title, nullID(it.PresenterID), string(it.Kind), it.PlannedMinutes, it.Notes, it.Outcome, string(it.OutcomeType),
		it.CarryOver, nullID(it.CarriedFromID), carriedDate, string(it.Standing),
		string(a.CanBuild), a.HowLong, nullID(a.EngineeringBy), string(a.ShouldBuild), string(a.SolvesProblem), nullID(a.ProductBy),
		string(a.CanSell), willPay, nullID(a.MarketBy), a.WillPayText}
}

func nullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}

func insertItem(ctx context.Context, tx *sql.Tx, it data.AgendaItem, now string) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (title, presenter_id, kind, planned_minutes, notes, outcome, outcome_type,
		carry_over, carried_from_item_id, carried_from_date, standing,
		eng_can_build, eng_how_long, eng_by, prod_should_build, prod_solves_problem, prod_by, gtm_can_sell, gtm_will_pay, gtm_by, gtm_will_pay_text,
		meeting_id, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append(itemArgs(it), it.MeetingID, it.Position, now, now)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// editableMeeting loads a meeting and refuses it when closed.
func editableMeeting(ctx context.Context, tx *sql.Tx, meetingID int64) (data.Meeting, error) {
	m, err := getMeeting(ctx, tx, meetingID)
	if err != nil {
		return m, err
	}
	return m, m.Editable()
}

// itemMeeting returns the meeting an item belongs to.
func itemMeeting(ctx context.Context, tx *sql.Tx, itemID int64) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT meeting_id FROM agenda_items WHERE id = ?`, itemID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, data.NotFoundf("That agenda item no longer exists")
	}
	return id, err
}

func attendeeMeeting(ctx context.Context, tx *sql.Tx, attendeeID int64) (data.Attendee, error) {
	as, err := tx.QueryContext(ctx, `SELECT meeting_id, member_id IS NULL AND role = '' FROM meeting_attendees WHERE id = ?`, attendeeID)
	if err != nil {
		return data.Attendee{}, err
	}
	defer as.Close()
	var a data.Attendee
	if !as.Next() {
		return a, data.NotFoundf("That attendee is no longer on the meeting")
	}
	var guest bool
	if err := as.Scan(&a.MeetingID, &guest); err != nil {
		return a, err
	}
	a.ID = attendeeID
	if !guest {
		a.MemberID = -1
	}
	return a, as.Err()
}

// checkAttendees refuses presenter/owner/answerer ids that are not
// attendees of the meeting.
func checkAttendees(ctx context.Context, tx *sql.Tx, meetingID int64, ids ...int64) error {
	for _, id := range ids {
		if id == 0 {
			continue
		}
		a, err := attendeeMeeting(ctx, tx, id)
		if err != nil || a.MeetingID != meetingID {
			return data.Invalidf("Pick a person who is on this meeting's attendance list")
		}
	}
	return nil
}

// SetPresent marks an attendee present or absent.
func (s *DB) SetPresent(ctx context.Context, attendeeID int64, present bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		a, err := attendeeMeeting(ctx, tx, attendeeID)
		if err != nil {
			return err
		}
		if _, err := editableMeeting(ctx, tx, a.MeetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, a.MeetingID, tsync.KindMeetingEdited, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE meeting_attendees SET present = ? WHERE id = ?`, present, attendeeID)
			return err
		})
	})
}

// AddGuest adds a guest, marked present.
func (s *DB) AddGuest(ctx context.Context, meetingID int64, g data.Attendee) (data.Attendee, error) {
	g.Normalize()
	g.MemberID, g.Role, g.MeetingID, g.Present = 0, "", meetingID, true
	if err := g.Validate(); err != nil {
		return data.Attendee{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			res, err := tx.ExecContext(ctx, `INSERT INTO meeting_attendees (meeting_id, name, email, guest_role, present, created_at)
				VALUES (?, ?, ?, ?, 1, ?)`, meetingID, g.Name, g.Email, g.GuestRole, s.stamp())
			if err != nil {
				return err
			}
			g.ID, _ = res.LastInsertId()
			return nil
		})
	})
	return g, err
}

// RemoveGuest takes a guest off the list; items they presented keep their
// content and lose the presenter.
func (s *DB) RemoveGuest(ctx context.Context, attendeeID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		a, err := attendeeMeeting(ctx, tx, attendeeID)
		if err != nil {
			return err
		}
		if !a.IsGuest() {
			return data.Invalidf("The pod's leaders stay on the list; mark them absent instead")
		}
		if _, err := editableMeeting(ctx, tx, a.MeetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, a.MeetingID, tsync.KindMeetingEdited, func() error {
			_, err := tx.ExecContext(ctx, `DELETE FROM meeting_attendees WHERE id = ?`, attendeeID)
			return err
		})
	})
}

// AddAgendaItem validates and appends an item to a meeting's agenda.
func (s *DB) AddAgendaItem(ctx context.Context, it data.AgendaItem) (data.AgendaItem, error) {
	it.Normalize()
	if err := it.Validate(); err != nil {
		return data.AgendaItem{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := editableMeeting(ctx, tx, it.MeetingID); err != nil {
			return err
		}
		a := it.Answers
		if err := checkAttendees(ctx, tx, it.MeetingID, it.PresenterID, a.EngineeringBy, a.ProductBy, a.MarketBy); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, it.MeetingID, tsync.KindMeetingEdited, func() error {
			var err error
			if it.Position, err = nextPosition(ctx, tx, it.MeetingID); err != nil {
				return err
			}
			it.ID, err = insertItem(ctx, tx, it, s.stamp())
			return err
		})
	})
	if err != nil {
		return data.AgendaItem{}, err
	}
	return it, nil
}

// UpdateAgendaItem saves an item's editable fields. Position and the clock
// are changed by their own methods.
func (s *DB) UpdateAgendaItem(ctx context.Context, it data.AgendaItem) error {
	it.Normalize()
	if err := it.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateAgendaItem(ctx, tx, it)
		return err
	})
}

// updateAgendaItem is UpdateAgendaItem's work in tx. It returns the
// shared meeting's snapshot, with the row after the save as itemAfter
// worked it out; nil when the pod is not shared.
func (s *DB) updateAgendaItem(ctx context.Context, tx *sql.Tx, it data.AgendaItem) (*meetingSnap, error) {
	meetingID, err := itemMeeting(ctx, tx, it.ID)
	if err != nil {
		return nil, err
	}
	if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
		return nil, err
	}
	a := it.Answers
	if err := checkAttendees(ctx, tx, meetingID, it.PresenterID, a.EngineeringBy, a.ProductBy, a.MarketBy); err != nil {
		return nil, err
	}
	snap, err := s.snapMeetingPart(ctx, tx, meetingID, it.ID)
	if err != nil {
		return nil, err
	}
	items, err := queryItems(ctx, tx, meetingID)
	if err != nil {
		return nil, err
	}
	var before *data.AgendaItem
	for i, old := range items {
		// A save that changes nothing (an autosave on leaving a field)
		// does not count as the facilitator's edit.
		if old.ID == it.ID && !old.SameContent(it) {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET edited = 1 WHERE id = ?`, it.ID); err != nil {
				return nil, err
			}
			items[i].Edited = true
		}
		if old.ID == it.ID {
			before = &items[i]
		}
	}
	if err := updateItem(ctx, tx, it, s.stamp()); err != nil {
		return nil, err
	}
	if snap != nil && before != nil {
		if snap.after, err = itemAfter(ctx, tx, snap.state, *before, it); err != nil {
			return nil, err
		}
	}
	return snap, s.emitMeeting(ctx, tx, tsync.KindMeetingEdited, snap)
}

// itemSetColumns are the columns updateItem sets, in itemArgs' order.
var itemSetColumns = []string{"title", "presenter_id", "kind", "planned_minutes", "notes", "outcome", "outcome_type",
	"carry_over", "carried_from_item_id", "carried_from_date", "standing",
	"eng_can_build", "eng_how_long", "eng_by", "prod_should_build", "prod_solves_problem", "prod_by",
	"gtm_can_sell", "gtm_will_pay", "gtm_by", "gtm_will_pay_text"}

var updateItemSQL = `UPDATE agenda_items SET ` + strings.Join(itemSetColumns, " = ?, ") + ` = ?, updated_at = ? WHERE id = ?`

func updateItem(ctx context.Context, tx *sql.Tx, it data.AgendaItem, now string) error {
	_, err := tx.ExecContext(ctx, updateItemSQL, append(itemArgs(it), now, it.ID)...)
	return err
}

// DeleteAgendaItem removes an item (a standing one for this meeting only)
// and closes the gap in the order. Action items raised under it stay.
func (s *DB) DeleteAgendaItem(ctx context.Context, itemID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		meetingID, err := itemMeeting(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = ?`, itemID); err != nil {
				return err
			}
			return renumber(ctx, tx, meetingID, 0, -1)
		})
	})
}

// MoveAgendaItem moves an item to index to (clamped to the agenda).
func (s *DB) MoveAgendaItem(ctx context.Context, itemID int64, to int) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		meetingID, err := itemMeeting(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			return renumber(ctx, tx, meetingID, itemID, to)
		})
	})
}

// queryIDs runs a query of one integer column in tx and returns its rows,
// closed before it returns so the caller may write in the same tx.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	return queryColumn[int64](ctx, tx, query, args...)
}

// renumber rewrites positions 0..n-1 in agenda order, with moving placed at to.
func renumber(ctx context.Context, tx *sql.Tx, meetingID, moving int64, to int) error {
	all, err := queryIDs(ctx, tx, `SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id`, meetingID)
	if err != nil {
		return err
	}
	ids := slices.DeleteFunc(all, func(id int64) bool { return id == moving })
	if moving != 0 {
		to = max(0, min(to, len(ids)))
		ids = append(ids[:to], append([]int64{moving}, ids[to:]...)...)
	}
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = ? WHERE id = ?`, i, id); err != nil {
			return err
		}
	}
	return nil
}

// closeClock ends the meeting's open interval at at and stores the item's
// actual seconds. A clock set back before the start ends it at its start.
func closeClock(ctx context.Context, tx *sql.Tx, meetingID int64, at time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.item_id, i.started_at FROM agenda_item_intervals i
		JOIN agenda_items a ON a.id = i.item_id WHERE a.meeting_id = ? AND i.ended_at IS NULL`, meetingID)
	if err != nil {
		return err
	}
	type open struct {
		id, item int64
		start    time.Time
	}
	var opens []open
	for rows.Next() {
		var o open
		var start string
		if err := rows.Scan(&o.id, &o.item, &start); err != nil {
			rows.Close()
			return err
		}
		o.start, _ = data.ParseUTCTime(start)
		opens = append(opens, o)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, o := range opens {
		end := at
		if end.Before(o.start) {
			end = o.start
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_item_intervals SET ended_at = ? WHERE id = ?`, data.UTCTime(end), o.id); err != nil {
			return err
		}
		if err := storeActualSeconds(ctx, tx, o.item); err != nil {
			return err
		}
	}
	return nil
}

func storeActualSeconds(ctx context.Context, tx *sql.Tx, itemID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT started_at, ended_at FROM agenda_item_intervals WHERE item_id = ? AND ended_at IS NOT NULL`, itemID)
	if err != nil {
		return err
	}
	var ivs []data.Interval
	for rows.Next() {
		var s, e string
		if err := rows.Scan(&s, &e); err != nil {
			rows.Close()
			return err
		}
		var iv data.Interval
		iv.Start, _ = data.ParseUTCTime(s)
		iv.End, _ = data.ParseUTCTime(e)
		ivs = append(ivs, iv)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	secs := int(data.Elapsed(ivs, time.Time{}) / time.Second)
	_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET actual_seconds = ? WHERE id = ?`, secs, itemID)
	return err
}

func openClock(ctx context.Context, tx *sql.Tx, itemID int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO agenda_item_intervals (item_id, started_at) VALUES (?, ?)`, itemID, data.UTCTime(at))
	return err
}

func saveStatus(ctx context.Context, tx *sql.Tx, m data.Meeting, ev data.MeetingEvent) (eventID int64, err error) {
	var started, ended any
	if !m.StartedAt.IsZero() {
		started = data.UTCTime(m.StartedAt)
	}
	if !m.EndedAt.IsZero() {
		ended = data.UTCTime(m.EndedAt)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meetings SET status = ?, started_at = ?, ended_at = ? WHERE id = ?`,
		string(m.Status), started, ended, m.ID); err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO meeting_events (meeting_id, kind, at, actor, reason) VALUES (?, ?, ?, ?, ?)`,
		m.ID, ev.Kind, data.UTCTime(ev.At), ev.By, ev.Reason)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// StartMeeting moves a draft to in progress and starts the clock on the
// first agenda item.
func (s *DB) StartMeeting(ctx context.Context, meetingID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		m, err := getMeeting(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		m, ev, err := m.Start(at)
		if err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			// A meeting started before it was ever opened gets its attendees
			// and standing items first, as opening it would give them.
			if err := s.prepareMeeting(ctx, tx, meetingID); err != nil {
				return err
			}
			var first int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id LIMIT 1`, meetingID).Scan(&first)
			if err == sql.ErrNoRows {
				return data.Invalidf("Add an agenda item before starting the meeting")
			}
			if err != nil {
				return err
			}
			if _, err := saveStatus(ctx, tx, m, ev); err != nil {
				return err
			}
			return openClock(ctx, tx, first, at)
		})
	})
}

func runningMeeting(ctx context.Context, tx *sql.Tx, meetingID int64) error {
	m, err := editableMeeting(ctx, tx, meetingID)
	if err != nil {
		return err
	}
	if m.Status != data.MeetingInProgress {
		return data.Conflictf("Start the meeting first")
	}
	return nil
}

// GoToItem closes the current item's interval and starts the clock on itemID.
func (s *DB) GoToItem(ctx context.Context, meetingID, itemID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := runningMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		if owner, err := itemMeeting(ctx, tx, itemID); err != nil {
			return err
		} else if owner != meetingID {
			return data.NotFoundf("That agenda item is not on this meeting")
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			if err := closeClock(ctx, tx, meetingID, at); err != nil {
				return err
			}
			return openClock(ctx, tx, itemID, at)
		})
	})
}

// PauseMeeting stops the clock; the current item stays current.
func (s *DB) PauseMeeting(ctx context.Context, meetingID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := runningMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			return closeClock(ctx, tx, meetingID, at)
		})
	})
}

// ResumeMeeting restarts the clock on the item it was on.
func (s *DB) ResumeMeeting(ctx context.Context, meetingID int64, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := runningMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		items, err := queryItems(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		st := data.MeetingClock(items, at)
		if st.Running {
			return nil
		}
		if st.Current < 0 {
			if len(items) == 0 {
				return data.Invalidf("Add an agenda item first")
			}
			st.Current = 0
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			return openClock(ctx, tx, items[st.Current].ID, at)
		})
	})
}

// CloseMeeting stops the clock and closes the meeting; it becomes
// read-only. In the same transaction it freezes what the minutes report
// (see MinutesRecord), so they show what stood at this moment.
func (s *DB) CloseMeeting(ctx context.Context, meetingID int64, at time.Time, by string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		m, err := getMeeting(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		if who, err := s.signerAt(ctx, tx, m.PodID); err != nil {
			return err
		} else if who != "" {
			by = who
		}
		m, ev, err := m.Close(at, by)
		if err != nil {
			return err
		}
		snaps, err := s.snapClosing(ctx, tx, m)
		if err != nil {
			return err
		}
		// Closed before it was ever opened: its attendees (and a draft's
		// standing items) go into the record now, never after.
		if err := s.prepareMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		if err := closeClock(ctx, tx, meetingID, at); err != nil {
			return err
		}
		eventID, err := saveStatus(ctx, tx, m, ev)
		if err != nil {
			return err
		}
		// The next draft's carry-over first, then the record: it is frozen
		// from what this transaction leaves.
		if err := recarryAfter(ctx, tx, m, s.stamp()); err != nil {
			return err
		}
		if err := s.freezeRecord(ctx, tx, meetingID, eventID, at); err != nil {
			return err
		}
		return s.emitClosing(ctx, tx, snaps)
	})
}

// ReopenMeeting makes a closed meeting editable again and records who did
// it and why. Its frozen records stay; closing it again freezes a new one.
func (s *DB) ReopenMeeting(ctx context.Context, meetingID int64, at time.Time, by, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		m, err := getMeeting(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		if who, err := s.signerAt(ctx, tx, m.PodID); err != nil {
			return err
		} else if who != "" {
			by = who
		}
		m, ev, err := m.Reopen(at, by, reason)
		if err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingReopened, func() error {
			_, err := saveStatus(ctx, tx, m, ev)
			return err
		})
	})
}

func queryActions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.ActionItem, error) {
	return queryActionsWith(ctx, tx, "", where, args...)
}

// queryActionsWith is queryActions after a WITH clause that where reads.
func queryActionsWith(ctx context.Context, tx *sql.Tx, with, where string, args ...any) ([]data.ActionItem, error) {
	rows, err := tx.QueryContext(ctx, with+`SELECT a.id, a.pod_id, a.meeting_id, m.date, a.agenda_item_id, COALESCE(ai.title, ''),
		a.text, a.owner_id, COALESCE(att.name, a.owner_name), a.due, a.done_at, a.created_at
		FROM action_items a JOIN meetings m ON m.id = a.meeting_id
		LEFT JOIN agenda_items ai ON ai.id = a.agenda_item_id
		LEFT JOIN meeting_attendees att ON att.id = a.owner_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ActionItem
	for rows.Next() {
		var a data.ActionItem
		var date, created string
		var item, owner sql.NullInt64
		var due, done sql.NullString
		if err := rows.Scan(&a.ID, &a.PodID, &a.MeetingID, &date, &item, &a.AgendaTitle, &a.Text, &owner, &a.OwnerName,
			&due, &done, &created); err != nil {
			return nil, err
		}
		a.MeetingDate, _ = data.ParseDate(date)
		a.AgendaItemID, a.OwnerID = item.Int64, owner.Int64
		if due.Valid {
			a.Due, _ = data.ParseDate(due.String)
		}
		a.DoneAt, _ = data.ParseUTCTime(done.String)
		a.CreatedAt, _ = data.ParseUTCTime(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

func actionArgs(ctx context.Context, tx *sql.Tx, a data.ActionItem) ([]any, error) {
	ownerName := ""
	if a.OwnerID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM meeting_attendees WHERE id = ?`, a.OwnerID).Scan(&ownerName); err != nil {
			return nil, data.Invalidf("Pick an owner who is on this meeting's attendance list")
		}
	}
	var due any
	if !a.Due.IsZero() {
		due = a.Due.String()
	}
	return []any{a.Text, nullID(a.OwnerID), ownerName, due, nullID(a.AgendaItemID)}, nil
}

// AddActionItem records a new open action raised in a meeting.
func (s *DB) AddActionItem(ctx context.Context, a data.ActionItem) (data.ActionItem, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return data.ActionItem{}, err
	}
	var out data.ActionItem
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.addActionItem(ctx, tx, a)
		return err
	})
	return out, err
}

// addActionItem stores a validated action item of an editable meeting.
func (s *DB) addActionItem(ctx context.Context, tx *sql.Tx, a data.ActionItem) (data.ActionItem, error) {
	m, err := editableMeeting(ctx, tx, a.MeetingID)
	if err != nil {
		return data.ActionItem{}, err
	}
	if err := checkAttendees(ctx, tx, a.MeetingID, a.OwnerID); err != nil {
		return data.ActionItem{}, err
	}
	if a.AgendaItemID != 0 {
		if owner, err := itemMeeting(ctx, tx, a.AgendaItemID); err != nil || owner != a.MeetingID {
			return data.ActionItem{}, data.Invalidf("That agenda item is not on this meeting")
		}
	}
	args, err := actionArgs(ctx, tx, a)
	if err != nil {
		return data.ActionItem{}, err
	}
	var id int64
	if err := s.syncMeeting(ctx, tx, m.ID, tsync.KindMeetingEdited, func() error {
		res, err := tx.ExecContext(ctx, `INSERT INTO action_items (text, owner_id, owner_name, due, agenda_item_id, pod_id, meeting_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, append(args, m.PodID, m.ID, s.stamp())...)
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		return nil
	}); err != nil {
		return data.ActionItem{}, err
	}
	as, err := queryActions(ctx, tx, `WHERE a.id = ?`, id)
	if err != nil {
		return data.ActionItem{}, err
	}
	if len(as) == 0 {
		return data.ActionItem{}, data.NotFoundf("action item %d", id)
	}
	return as[0], nil
}

func actionMeeting(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var m int64
	err := tx.QueryRowContext(ctx, `SELECT meeting_id FROM action_items WHERE id = ?`, id).Scan(&m)
	if err == sql.ErrNoRows {
		return 0, data.NotFoundf("That action item no longer exists")
	}
	return m, err
}

// UpdateActionItem saves an action's text, owner, due date and source item.
func (s *DB) UpdateActionItem(ctx context.Context, a data.ActionItem) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		meetingID, err := actionMeeting(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		if err := checkAttendees(ctx, tx, meetingID, a.OwnerID); err != nil {
			return err
		}
		args, err := actionArgs(ctx, tx, a)
		if err != nil {
			return err
		}
		old, err := getAction(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			if _, err = tx.ExecContext(ctx, `UPDATE action_items SET text = ?, owner_id = ?, owner_name = ?, due = ?, agenda_item_id = ? WHERE id = ?`,
				append(args, a.ID)...); err != nil {
				return err
			}
			return recordActionEdit(ctx, tx, old, s.now())
		})
	})
}

// recordActionEdit appends history lines for the due date and owner an
// edit changed (old is the action before it), as the pod's facilitator.
func recordActionEdit(ctx context.Context, tx *sql.Tx, old data.ActionItem, at time.Time) error {
	cur, err := getAction(ctx, tx, old.ID)
	if err != nil {
		return err
	}
	pod, err := getPod(ctx, tx, old.PodID)
	if err != nil {
		return err
	}
	c := data.ActionChange{ActionID: old.ID, Due: &cur.Due, Owner: &cur.OwnerName, At: at}
	for _, e := range data.ActionChanges(old, c, pod.Facilitator()) {
		if err := insertActionEvent(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}

// SetActionDone ticks an action off (recording when) or opens it again,
// as the pod's facilitator. It works on actions of closed meetings: that
// is where most get done.
func (s *DB) SetActionDone(ctx context.Context, id int64, done bool, at time.Time) error {
	_, err := s.ReviseActionItem(ctx, data.ActionChange{ActionID: id, Done: &done, At: at})
	return err
}

// DeleteActionItem removes an action raised by mistake.
func (s *DB) DeleteActionItem(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		meetingID, err := actionMeeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := editableMeeting(ctx, tx, meetingID); err != nil {
			return err
		}
		return s.syncMeeting(ctx, tx, meetingID, tsync.KindMeetingEdited, func() error {
			_, err := tx.ExecContext(ctx, `DELETE FROM action_items WHERE id = ?`, id)
			return err
		})
	})
}

// OpenActionItems lists a pod's open actions: dated ones soonest first,
// then undated, oldest first.
func (s *DB) OpenActionItems(ctx context.Context, podID int64) ([]data.ActionItem, error) {
	var out []data.ActionItem
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryActions(ctx, tx, `WHERE a.pod_id = ? AND a.done_at IS NULL ORDER BY a.due IS NULL, a.due, a.id`, podID)
		return err
	})
	return out, err
}
