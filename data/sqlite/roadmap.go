package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"triad/data"
)

var _ data.RoadmapStore = (*DB)(nil)

// Roadmap reads everything the roadmap view shows, in one transaction.
func (s *DB) Roadmap(ctx context.Context, podID int64) (data.Roadmap, error) {
	var r data.Roadmap
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if r.Pod, err = getPod(ctx, tx, podID); err != nil {
			return err
		}
		global, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		r.Settings = r.Pod.Overrides.Apply(global)
		if r.Unit, err = getEffortUnit(ctx, tx, podID); err != nil {
			return err
		}
		if r.Items, err = queryRoadmapItems(ctx, tx, `WHERE i.pod_id = ? ORDER BY i.target_year, i.target_quarter, i.title COLLATE NOCASE, i.id`, podID); err != nil {
			return err
		}
		if r.Entries, err = queryEntries(ctx, tx, `WHERE i.pod_id = ? ORDER BY e.date, e.id`, podID); err != nil {
			return err
		}
		if r.Snapshots, err = querySnapshots(ctx, tx, `WHERE d.pod_id = ? ORDER BY m.date, d.id`, podID); err != nil {
			return err
		}
		if r.Celebrations, err = queryCelebrations(ctx, tx, `WHERE pod_id = ? ORDER BY crossed_on DESC, id DESC`, podID); err != nil {
			return err
		}
		r.Meetings, err = queryMeetings(ctx, tx, `WHERE pod_id = ? ORDER BY date DESC`, podID)
		return err
	})
	return r, err
}

// SetEffortUnit sets the unit the pod estimates in.
func (s *DB) SetEffortUnit(ctx context.Context, podID int64, unit data.EffortUnit) error {
	if !unit.Valid() {
		return &data.ValidationError{Problems: []data.Problem{{Field: "effort_unit", Message: "Choose points or person-weeks"}}}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE pods SET effort_unit = ?, updated_at = ? WHERE id = ?`, string(unit), s.stamp(), podID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFoundf("That pod no longer exists")
		}
		return nil
	})
}

// SaveRoadmapItem validates and stores an item with its customers.
func (s *DB) SaveRoadmapItem(ctx context.Context, it data.RoadmapItem) (data.RoadmapItem, *data.Celebration, error) {
	var cel *data.Celebration
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		it, cel, err = s.saveRoadmapItem(ctx, tx, it)
		return err
	})
	if err != nil {
		return data.RoadmapItem{}, nil, err
	}
	return it, cel, nil
}

// saveRoadmapItem is SaveRoadmapItem inside a transaction; the change
// goes to the team when the pod is shared.
func (s *DB) saveRoadmapItem(ctx context.Context, tx *sql.Tx, it data.RoadmapItem) (data.RoadmapItem, *data.Celebration, error) {
	before, err := s.snapRoadmapItem(ctx, tx, it.ID)
	if err != nil {
		return data.RoadmapItem{}, nil, err
	}
	saved, cel, err := s.writeRoadmapItem(ctx, tx, it)
	if err == nil {
		err = s.emitRoadmapItem(ctx, tx, saved.ID, before)
	}
	if err != nil {
		return data.RoadmapItem{}, nil, err
	}
	return saved, cel, nil
}

// itemOptionals are the item's columns that may be NULL, as stored.
func itemOptionals(it data.RoadmapItem) (effort, goal, subkind, shipped any) {
	if it.Effort != nil {
		effort = int64(*it.Effort)
	}
	if it.GoalOverride != nil {
		goal = int64(*it.GoalOverride)
	}
	if it.Subkind != "" {
		subkind = string(it.Subkind)
	}
	if !it.ShippedOn.IsZero() {
		shipped = it.ShippedOn.String()
	}
	return effort, goal, subkind, shipped
}

// writeRoadmapItem validates and stores an item with its customers.
func (s *DB) writeRoadmapItem(ctx context.Context, tx *sql.Tx, it data.RoadmapItem) (data.RoadmapItem, *data.Celebration, error) {
	it.Normalize()
	today := data.DateOf(s.now())
	var cel *data.Celebration
	err := func() error {
		unit, err := getEffortUnit(ctx, tx, it.PodID)
		if err != nil {
			return err
		}
		// Validated before the first write: the unit only words the messages.
		if err := it.Validate(unit, today); err != nil {
			return err
		}
		effort, goal, subkind, shipped := itemOptionals(it)
		now := s.stamp()
		deals := map[string]any{}
		if it.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO roadmap_items (pod_id, title, kind, subkind, effort_tenths,
				target_year, target_quarter, status, shipped_on, expected_arr, goal_override, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				it.PodID, it.Title, string(it.Kind), subkind, effort, it.Target.Year, it.Target.Q, string(it.Status),
				shipped, int64(it.ExpectedARR), goal, now, now)
			if err != nil {
				return err
			}
			it.ID, _ = res.LastInsertId()
		} else {
			old, err := getItem(ctx, tx, it.ID)
			if err != nil {
				return err
			}
			if old.PodID != it.PodID {
				return data.Conflictf("That item belongs to another pod")
			}
			if old.RealizedARR > 0 && (it.Kind != data.KindFeature || it.Status != data.StatusShipped) {
				return &data.ValidationError{Problems: []data.Problem{{Field: "status",
					Message: "This feature has realized ARR booked, so it stays a shipped feature"}}}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE roadmap_items SET title = ?, kind = ?, subkind = ?, effort_tenths = ?,
				target_year = ?, target_quarter = ?, status = ?, shipped_on = ?, expected_arr = ?, goal_override = ?, updated_at = ?
				WHERE id = ?`,
				it.Title, string(it.Kind), subkind, effort, it.Target.Year, it.Target.Q, string(it.Status),
				shipped, int64(it.ExpectedARR), goal, now, it.ID); err != nil {
				return err
			}
			// A customer still listed keeps the deal request it came from.
			if deals, err = sourceDeals(ctx, tx, it.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM roadmap_item_sources WHERE item_id = ?`, it.ID); err != nil {
				return err
			}
		}
		for i, c := range it.Customers {
			if _, err := tx.ExecContext(ctx, `INSERT INTO roadmap_item_sources (item_id, customer, position, deal_request_id) VALUES (?, ?, ?, ?)`,
				it.ID, c, i, deals[strings.ToLower(c)]); err != nil {
				return err
			}
		}
		saved, err := getItem(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		// A lower goal can put a feature over it without a new entry.
		cel, err = s.celebrateIfCrossedFrom(ctx, tx, saved, 0, today)
		if err != nil {
			return err
		}
		it, err = getItem(ctx, tx, it.ID)
		return err
	}()
	if err != nil {
		return data.RoadmapItem{}, nil, err
	}
	return it, cel, nil
}

// AddARREntry books realized ARR on a shipped feature.
func (s *DB) AddARREntry(ctx context.Context, e data.ARREntry) (data.RoadmapItem, *data.Celebration, error) {
	e.Note = strings.TrimSpace(e.Note)
	today := data.DateOf(s.now())
	var it data.RoadmapItem
	var cel *data.Celebration
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if it, err = getItem(ctx, tx, e.ItemID); err != nil {
			return err
		}
		if it.Kind != data.KindFeature || it.Status != data.StatusShipped {
			return &data.ValidationError{Problems: []data.Problem{{Field: "item",
				Message: "Realized ARR is booked on shipped features only; mark “" + it.Title + "” shipped first"}}}
		}
		if err := e.Validate(it.ShippedOn, today); err != nil {
			return err
		}
		before := it.RealizedARR
		if before+e.Amount < before {
			return data.Invalidf("That amount is too large")
		}
		snap, err := s.snapRoadmapItem(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO roadmap_arr_entries (item_id, date, amount, note, created_at) VALUES (?, ?, ?, ?, ?)`,
			e.ItemID, e.Date.String(), int64(e.Amount), e.Note, s.stamp())
		if err != nil {
			return err
		}
		it.RealizedARR = before + e.Amount
		if cel, err = s.celebrateIfCrossedFrom(ctx, tx, it, before, e.Date); err != nil {
			return err
		}
		entryID, _ := res.LastInsertId()
		if err := s.emitARREntry(ctx, tx, it.ID, entryID, snap); err != nil {
			return err
		}
		it, err = getItem(ctx, tx, it.ID)
		return err
	})
	if err != nil {
		return data.RoadmapItem{}, nil, err
	}
	return it, cel, nil
}

// celebrateIfCrossedFrom records the celebration when the feature's
// realized ARR, moving from before, reached the goal that applies to it, unless the
// feature was celebrated before.
func (s *DB) celebrateIfCrossedFrom(ctx context.Context, tx *sql.Tx, it data.RoadmapItem, before data.Money, on data.Date) (*data.Celebration, error) {
	if it.Kind != data.KindFeature || it.Status != data.StatusShipped {
		return nil, nil
	}
	global, err := readSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	pod, err := getPod(ctx, tx, it.PodID)
	if err != nil {
		return nil, err
	}
	st := pod.Overrides.Apply(global)
	goal := it.Goal(st.RevenueGoal)
	if !data.GoalCrossed(before, it.RealizedARR, goal, !it.GoalReachedOn.IsZero()) {
		return nil, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO roadmap_celebrations (item_id, pod_id, title, goal, realized, crossed_on, currency, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		it.ID, it.PodID, it.Title, int64(goal), int64(it.RealizedARR), on.String(), st.Currency, s.stamp())
	if err != nil {
		return nil, err
	}
	id, _ := res.LastInsertId()
	cs, err := queryCelebrations(ctx, tx, `WHERE id = ?`, id)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return &cs[0], nil
}

// RecordDebtSnapshot computes the pod's debt check now and freezes it into
// the meeting. A meeting holds one snapshot; a second is refused.
func (s *DB) RecordDebtSnapshot(ctx context.Context, meetingID int64, window data.QuarterRange) (data.DebtSnapshot, error) {
	if err := window.Validate(); err != nil {
		return data.DebtSnapshot{}, &data.ValidationError{Problems: []data.Problem{{Field: "window", Message: "The " + err.Error()}}}
	}
	var snap data.DebtSnapshot
	err := s.tx(ctx, func(tx *sql.Tx) error {
		m, err := getMeeting(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM debt_snapshots WHERE meeting_id = ?`, meetingID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Conflictf("The meeting of %s already has its debt-check snapshot; a snapshot is recorded once", m.Date.Long())
		}
		if err := m.Editable(); err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, m.PodID)
		if err != nil {
			return err
		}
		global, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		unit, err := getEffortUnit(ctx, tx, m.PodID)
		if err != nil {
			return err
		}
		items, err := queryRoadmapItems(ctx, tx, `WHERE i.pod_id = ?`, m.PodID)
		if err != nil {
			return err
		}
		c := data.CheckDebt(items, window, pod.Overrides.Apply(global).MaintenanceQuota, unit)
		titles := make([]string, len(c.Unestimated))
		for i, r := range c.Unestimated {
			titles[i] = r.Title
		}
		unreachable := 0
		if c.Unreachable {
			unreachable = 1
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO debt_snapshots (meeting_id, pod_id, window_from, window_to, effort_unit,
			quota_bp, ratio_bp, band, maintenance_tenths, total_tenths, shortfall_tenths, unreachable,
			maintenance_items, feature_items, unestimated_items, unestimated_titles, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.ID, m.PodID, window.From.String(), window.To.String(), string(unit),
			int64(c.Quota), int64(c.Ratio), string(c.Band), int64(c.Maintenance), int64(c.Total), int64(c.Shortfall), unreachable,
			c.MaintenanceItems, c.FeatureItems, len(c.Unestimated), strings.Join(titles, "\n"), s.stamp())
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if err := s.emitDebtSnapshot(ctx, tx, id); err != nil {
			return err
		}
		snap, err = getSnapshot(ctx, tx, `WHERE d.id = ?`, id)
		return err
	})
	return snap, err
}

// DebtSnapshot returns the snapshot recorded into a meeting.
func (s *DB) DebtSnapshot(ctx context.Context, meetingID int64) (data.DebtSnapshot, error) {
	var snap data.DebtSnapshot
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		snap, err = getSnapshot(ctx, tx, `WHERE d.meeting_id = ?`, meetingID)
		return err
	})
	return snap, err
}

// RespondToDebtSnapshot records the Product Marketing Manager's answer.
func (s *DB) RespondToDebtSnapshot(ctx context.Context, snapshotID int64, a data.DebtAnswer) (data.DebtSnapshot, error) {
	a.Comment = strings.TrimSpace(a.Comment)
	if err := a.Validate(); err != nil {
		return data.DebtSnapshot{}, err
	}
	var snap data.DebtSnapshot
	err := s.tx(ctx, func(tx *sql.Tx) error {
		old, err := getSnapshot(ctx, tx, `WHERE d.id = ?`, snapshotID)
		if err != nil {
			return err
		}
		if old.Response != data.ResponsePending {
			return data.Conflictf("The Product Marketing Manager already answered this snapshot (%s)", strings.ToLower(old.Response.Label()))
		}
		// The answer is part of the meeting's record: after close it needs a reopen.
		if _, err := editableMeeting(ctx, tx, old.MeetingID); err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, old.PodID)
		if err != nil {
			return err
		}
		pmm := pod.Leader(data.RoleMarketing)
		var who any
		if pmm.ID != 0 {
			who = pmm.ID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE debt_snapshots SET response = ?, response_comment = ?, respondent_id = ?,
			respondent_name = ?, responded_at = ? WHERE id = ?`,
			string(a.Response), a.Comment, who, pmm.Name, s.stamp(), snapshotID); err != nil {
			return err
		}
		if err := s.emitDebtAnswer(ctx, tx, snapshotID); err != nil {
			return err
		}
		snap, err = getSnapshot(ctx, tx, `WHERE d.id = ?`, snapshotID)
		return err
	})
	return snap, err
}

// CelebrationsSince lists celebrations crossed on or after since.
func (s *DB) CelebrationsSince(ctx context.Context, podID int64, since data.Date) ([]data.Celebration, error) {
	var cs []data.Celebration
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		cs, err = queryCelebrations(ctx, tx, `WHERE pod_id = ? AND crossed_on >= ? ORDER BY crossed_on, id`, podID, since.String())
		return err
	})
	return cs, err
}

func getEffortUnit(ctx context.Context, tx *sql.Tx, podID int64) (data.EffortUnit, error) {
	var u string
	err := tx.QueryRowContext(ctx, `SELECT effort_unit FROM pods WHERE id = ?`, podID).Scan(&u)
	if err == sql.ErrNoRows {
		return "", data.NotFoundf("That pod no longer exists")
	}
	return data.EffortUnit(u), err
}

// sourceDeals maps an item's customers (lower case) to the deal request
// each came from, for the customers that came from one.
func sourceDeals(ctx context.Context, tx *sql.Tx, itemID int64) (map[string]any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT customer, deal_request_id FROM roadmap_item_sources
		WHERE item_id = ? AND deal_request_id IS NOT NULL`, itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	deals := map[string]any{}
	for rows.Next() {
		var c string
		var id int64
		if err := rows.Scan(&c, &id); err != nil {
			return nil, err
		}
		deals[strings.ToLower(c)] = id
	}
	return deals, rows.Err()
}

func getItem(ctx context.Context, tx *sql.Tx, id int64) (data.RoadmapItem, error) {
	items, err := queryRoadmapItems(ctx, tx, `WHERE i.id = ?`, id)
	if err != nil {
		return data.RoadmapItem{}, err
	}
	if len(items) == 0 {
		return data.RoadmapItem{}, data.NotFoundf("That roadmap item no longer exists")
	}
	return items[0], nil
}

// queryItems reads items with their realized ARR and celebration date,
// then their customers (after the first rows are closed).
func queryRoadmapItems(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.RoadmapItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.pod_id, i.title, i.kind, i.subkind, i.effort_tenths,
		i.target_year, i.target_quarter, i.status, i.shipped_on, i.expected_arr, i.goal_override, i.created_at, i.updated_at,
		(SELECT coalesce(sum(amount), 0) FROM roadmap_arr_entries e WHERE e.item_id = i.id),
		(SELECT crossed_on FROM roadmap_celebrations c WHERE c.item_id = i.id)
		FROM roadmap_items i `+where, args...)
	if err != nil {
		return nil, err
	}
	var items []data.RoadmapItem
	index := map[int64]int{}
	for rows.Next() {
		var it data.RoadmapItem
		var kind, status, created, updated string
		var subkind, shipped, crossed sql.NullString
		var effort, goal sql.NullInt64
		if err := rows.Scan(&it.ID, &it.PodID, &it.Title, &kind, &subkind, &effort, &it.Target.Year, &it.Target.Q,
			&status, &shipped, &it.ExpectedARR, &goal, &created, &updated, &it.RealizedARR, &crossed); err != nil {
			rows.Close()
			return nil, err
		}
		it.Kind, it.Subkind, it.Status = data.RoadmapKind(kind), data.MaintenanceKind(subkind.String), data.ItemStatus(status)
		if effort.Valid {
			e := data.Effort(effort.Int64)
			it.Effort = &e
		}
		if goal.Valid {
			g := data.Money(goal.Int64)
			it.GoalOverride = &g
		}
		it.ShippedOn, _ = data.ParseDate(shipped.String)
		it.GoalReachedOn, _ = data.ParseDate(crossed.String)
		it.CreatedAt, _ = data.ParseUTCTime(created)
		it.UpdatedAt, _ = data.ParseUTCTime(updated)
		index[it.ID] = len(items)
		items = append(items, it)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return items, nil
	}
	ids := make([]any, 0, len(items))
	marks := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.ID)
		marks = append(marks, "?")
	}
	srows, err := tx.QueryContext(ctx, `SELECT s.item_id, s.customer, r.id, r.deal_name, r.value, r.state
		FROM roadmap_item_sources s LEFT JOIN deal_requests r ON r.id = s.deal_request_id
		WHERE s.item_id IN (`+strings.Join(marks, ",")+`) ORDER BY s.item_id, s.position`, ids...)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var id int64
		var c string
		var reqID, value sql.NullInt64
		var dealName, state sql.NullString
		if err := srows.Scan(&id, &c, &reqID, &dealName, &value, &state); err != nil {
			return nil, err
		}
		it := &items[index[id]]
		it.Customers = append(it.Customers, c)
		if reqID.Valid {
			it.Deals = append(it.Deals, data.DealSource{RequestID: reqID.Int64, Customer: c, DealName: dealName.String,
				Value: data.Money(value.Int64), State: data.DealState(state.String)})
		}
	}
	return items, srows.Err()
}

func queryEntries(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.ARREntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.item_id, e.date, e.amount, e.note
		FROM roadmap_arr_entries e JOIN roadmap_items i ON i.id = e.item_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []data.ARREntry
	for rows.Next() {
		var e data.ARREntry
		var date string
		if err := rows.Scan(&e.ID, &e.ItemID, &date, &e.Amount, &e.Note); err != nil {
			return nil, err
		}
		e.Date, _ = data.ParseDate(date)
		es = append(es, e)
	}
	return es, rows.Err()
}

func getSnapshot(ctx context.Context, tx *sql.Tx, where string, args ...any) (data.DebtSnapshot, error) {
	ss, err := querySnapshots(ctx, tx, where, args...)
	if err != nil {
		return data.DebtSnapshot{}, err
	}
	if len(ss) == 0 {
		return data.DebtSnapshot{}, data.NotFoundf("No debt-check snapshot has been recorded for that meeting")
	}
	return ss[0], nil
}

func querySnapshots(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.DebtSnapshot, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.meeting_id, d.pod_id, m.date, d.window_from, d.window_to, d.effort_unit,
		d.quota_bp, d.ratio_bp, d.band, d.maintenance_tenths, d.total_tenths, d.shortfall_tenths, d.unreachable,
		d.maintenance_items, d.feature_items, d.unestimated_titles, d.recorded_at,
		d.response, d.response_comment, coalesce(d.respondent_id, 0), d.respondent_name, d.responded_at
		FROM debt_snapshots d JOIN meetings m ON m.id = d.meeting_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ss []data.DebtSnapshot
	for rows.Next() {
		var sn data.DebtSnapshot
		c := &sn.Check
		var date, from, to, unit, band, titles, recorded, response string
		var responded sql.NullString
		var unreachable int
		if err := rows.Scan(&sn.ID, &sn.MeetingID, &sn.PodID, &date, &from, &to, &unit,
			&c.Quota, &c.Ratio, &band, &c.Maintenance, &c.Total, &c.Shortfall, &unreachable,
			&c.MaintenanceItems, &c.FeatureItems, &titles, &recorded,
			&response, &sn.Comment, &sn.RespondentID, &sn.RespondedBy, &responded); err != nil {
			return nil, err
		}
		sn.MeetingDate, _ = data.ParseDate(date)
		c.Window.From, _ = data.ParseQuarter(from)
		c.Window.To, _ = data.ParseQuarter(to)
		c.Unit, c.Band, c.Unreachable = data.EffortUnit(unit), data.DebtBand(band), unreachable == 1
		if titles != "" {
			for _, t := range strings.Split(titles, "\n") {
				c.Unestimated = append(c.Unestimated, data.ItemRef{Title: t})
			}
		}
		sn.RecordedAt, _ = data.ParseUTCTime(recorded)
		sn.Response = data.DebtResponse(response)
		sn.RespondedAt, _ = data.ParseUTCTime(responded.String)
		ss = append(ss, sn)
	}
	return ss, rows.Err()
}

func queryCelebrations(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.Celebration, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, item_id, pod_id, title, goal, realized, crossed_on, currency, created_at
		FROM roadmap_celebrations `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []data.Celebration
	for rows.Next() {
		var c data.Celebration
		var crossed, created string
		if err := rows.Scan(&c.ID, &c.ItemID, &c.PodID, &c.Title, &c.Goal, &c.Realized, &crossed, &c.Currency, &created); err != nil {
			return nil, err
		}
		c.CrossedOn, _ = data.ParseDate(crossed)
		c.CreatedAt, _ = data.ParseUTCTime(created)
		cs = append(cs, c)
	}
	return cs, rows.Err()
}
