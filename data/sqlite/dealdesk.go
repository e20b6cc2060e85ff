package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"triad/data"
	tsync "triad/data/sync"
)

const dealColumns = `r.id, r.pod_id, coalesce((SELECT p.name FROM pods p WHERE p.id = r.pod_id), ''), r.customer, r.deal_name, r.value, r.close_date, r.rep_name, r.rep_email,
	r.features, r.needs_new_feature, r.terms, r.notes, r.received_at, r.rule_threshold, r.rule_sla_minutes,
	r.rule_currency, r.due_at, r.state, r.created_at, r.updated_at, r.decided_at,
	(SELECT h.comment FROM deal_history h WHERE h.request_id = r.id AND h.from_state != ''
		ORDER BY h.id DESC LIMIT 1),
	r.sla_started_at,
	(SELECT h.signoff_change || ' ' || h.at FROM deal_history h WHERE h.request_id = r.id AND h.signoff_change != ''
		ORDER BY h.id DESC LIMIT 1),
	coalesce(r.uid, '')`

// CreateDealRequest validates r and records it under its pod's rule as it
// stands now, with the first line of its history.
func (s *DB) CreateDealRequest(ctx context.Context, r data.DealRequest) (data.DealRequest, error) {
	r.Normalize()
	if err := r.Validate(s.now()); err != nil {
		return data.DealRequest{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rule, err := dealRule(ctx, tx, r.PodID)
		if err != nil {
			return err
		}
		r.ApplyRule(rule)
		r.State = data.DealNoSignOff
		if r.NeedsSignOff() {
			r.State = data.DealPending
		}
		now := s.stamp()
		res, err := tx.ExecContext(ctx, `INSERT INTO deal_requests (pod_id, customer, deal_name, value, close_date,
			rep_name, rep_email, features, needs_new_feature, terms, notes, received_at,
			rule_threshold, rule_sla_minutes, rule_currency, due_at, state, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.PodID, r.Customer, r.DealName, int64(r.Value), nullString(r.CloseDate.String()),
			r.RepName, r.RepEmail, r.Features, r.NeedsNewFeature, r.Terms, r.Notes, data.UTCTime(r.ReceivedAt),
			int64(r.Rule.Threshold), int64(r.Rule.SLA/time.Minute), r.Rule.Currency, nullString(data.UTCTime(r.DueAt)),
			string(r.State), now, now)
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		if err := appendDealEvent(ctx, tx, data.DealEvent{RequestID: r.ID, At: s.now(), Actor: r.RepName,
			To: r.State, Comment: receivedComment(r)}); err != nil {
			return err
		}
		if err := s.emitDeal(ctx, tx, tsync.KindDealFiled, r.ID, nil); err != nil {
			return err
		}
		r, err = getDealRequest(ctx, tx, r.ID)
		return err
	})
	if err != nil {
		return data.DealRequest{}, err
	}
	return r, nil
}

// receivedComment explains the rule on the history's first line, so the
// record says why a request did or did not need a sign-off.
func receivedComment(r data.DealRequest) string {
	th := r.Rule.Threshold.Format(r.Rule.Currency)
	switch {
	case r.NeedsSignOff():
		return "Needs the Engineering Lead's sign-off: above " + th + " and needs a new feature. Due within " +
			data.FormatHours(r.Rule.SLA) + " hours."
	case !r.NeedsNewFeature:
		return "No sign-off required: no new feature needed."
	}
	return "No sign-off required: " + r.Value.Format(r.Rule.Currency) + " is not above " + th + "."
}

// UpdateDealRequest saves edited fields. The request keeps the rule it was
// received under, so its due time moves only if received-at is corrected.
// Saving a request sent back for changes resubmits it.
func (s *DB) UpdateDealRequest(ctx context.Context, r data.DealRequest) (data.DealRequest, error) {
	r.Normalize()
	if err := r.Validate(s.now()); err != nil {
		return data.DealRequest{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		snap, wrote, err := s.writeDealEdit(ctx, tx, r)
		if err != nil {
			return err
		}
		if err := s.emitDealWrite(ctx, tx, tsync.KindDealEdited, r.ID, snap, wrote); err != nil {
			return err
		}
		r, err = getDealRequest(ctx, tx, r.ID)
		return err
	})
	if err != nil {
		return data.DealRequest{}, err
	}
	return r, nil
}

// writeDealEdit writes the edit of r, with its history line, and says what
// the request's synced fields were before it (nil with no team) and what
// it wrote of them, for its event.
func (s *DB) writeDealEdit(ctx context.Context, tx *sql.Tx, r data.DealRequest) (*dealSnap, dealWrite, error) {
	old, err := getDealRequest(ctx, tx, r.ID)
	if err != nil {
		return nil, nil, err
	}
	if !old.State.Editable() {
		return nil, nil, data.Conflictf("This request is %s, so it can no longer be edited; reopen it first", strings.ToLower(old.State.Label()))
	}
	if old.PodID != r.PodID {
		return nil, nil, data.Conflictf("A request stays with the pod it was sent to; withdraw it and send a new one to the other pod")
	}
	snap, err := s.snapDeal(ctx, tx, r.ID)
	if err != nil {
		return nil, nil, err
	}
	r.Rule = old.Rule
	next := data.DealNoSignOff
	if r.NeedsSignOff() {
		next = data.DealPending
	}
	changes := data.DealChanges(old, r)
	flip := data.SignOffChangeOf(old, r)
	comment := data.EditComment(changes, flip)
	if old.State == data.DealChangesRequested {
		if next, err = data.NextState(old.State, data.ActResubmit, r.NeedsSignOff()); err != nil {
			return nil, nil, err
		}
		comment = "Resubmitted with the requested changes."
		if len(changes) > 0 {
			comment += " " + strings.TrimPrefix(data.EditComment(changes, flip), "Edited: ")
		}
	}
	// Back in the queue from anywhere else (resubmitted, or an edit that
	// now needs a sign-off): a fresh round with the full SLA, which the
	// history line below starts (data.SignOffClock).
	at := s.now()
	r.SLAStartedAt = old.SLAStartedAt
	restart := next == data.DealPending && old.State != data.DealPending
	if restart {
		r.SLAStartedAt = at
	}
	r.ApplyRule(old.Rule)
	wrote := dealWrite{"customer": r.Customer, "deal_name": r.DealName, "value": int64(r.Value),
		"close_date": nullString(r.CloseDate.String()), "rep_name": r.RepName, "rep_email": r.RepEmail,
		"features": r.Features, "needs_new_feature": r.NeedsNewFeature, "terms": r.Terms, "notes": r.Notes,
		"received_at": data.UTCTime(r.ReceivedAt), "due_at": nullString(data.UTCTime(r.DueAt)),
		"sla_started_at": nullString(data.UTCTime(r.SLAStartedAt)), "state": string(next)}
	if _, err := tx.ExecContext(ctx, `UPDATE deal_requests SET customer = ?, deal_name = ?, value = ?, close_date = ?,
		rep_name = ?, rep_email = ?, features = ?, needs_new_feature = ?, terms = ?, notes = ?, received_at = ?,
		due_at = ?, sla_started_at = ?, state = ?, updated_at = ? WHERE id = ?`,
		wrote["customer"], wrote["deal_name"], wrote["value"], wrote["close_date"], wrote["rep_name"], wrote["rep_email"],
		wrote["features"], wrote["needs_new_feature"], wrote["terms"], wrote["notes"], wrote["received_at"],
		wrote["due_at"], wrote["sla_started_at"], wrote["state"], s.stamp(), r.ID); err != nil {
		return nil, nil, err
	}
	if restart {
		if _, err := tx.ExecContext(ctx, `DELETE FROM deal_reminders WHERE request_id = ?`, r.ID); err != nil {
			return nil, nil, err
		}
	}
	err = appendDealEvent(ctx, tx, data.DealEvent{RequestID: r.ID, At: at, Actor: r.RepName,
		From: old.State, To: next, Comment: comment, Changes: changes, SignOffChange: flip})
	return snap, wrote, err
}

// DealRequest returns one request.
func (s *DB) DealRequest(ctx context.Context, id int64) (data.DealRequest, error) {
	var r data.DealRequest
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = getDealRequest(ctx, tx, id)
		return err
	})
	return r, err
}

// DealRequests returns the requests f picks, in queue order.
func (s *DB) DealRequests(ctx context.Context, f data.DealFilter) ([]data.DealRequest, error) {
	var where []string
	var args []any
	if f.PodID != 0 {
		where = append(where, "r.pod_id = ?")
		args = append(args, f.PodID)
	}
	if len(f.States) > 0 {
		marks := make([]string, len(f.States))
		for i, st := range f.States {
			marks[i] = "?"
			args = append(args, string(st))
		}
		where = append(where, "r.state IN ("+strings.Join(marks, ", ")+")")
	}
	clause := ""
	if len(where) > 0 {
		clause = "WHERE " + strings.Join(where, " AND ")
	}
	var rs []data.DealRequest
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		rs, err = queryDealRequests(ctx, tx, clause, args...)
		return err
	})
	data.SortQueue(rs)
	return rs, err
}

// DealHistory returns a request's history, oldest first.
func (s *DB) DealHistory(ctx context.Context, requestID int64) ([]data.DealEvent, error) {
	var es []data.DealEvent
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getDealRequest(ctx, tx, requestID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, request_id, at, actor, on_behalf_of, recorded_by, from_state, to_state,
			comment, changes, signoff_change FROM deal_history WHERE request_id = ? ORDER BY id`, requestID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e data.DealEvent
			var at, from, to, changes, flip string
			if err := rows.Scan(&e.ID, &e.RequestID, &at, &e.Actor, &e.OnBehalfOf, &e.RecordedBy, &from, &to,
				&e.Comment, &changes, &flip); err != nil {
				return err
			}
			e.Changes, e.SignOffChange = data.DecodeChanges(changes), data.SignOffChange(flip)
			e.At, _ = data.ParseUTCTime(at)
			e.From, e.To = data.DealState(from), data.DealState(to)
			es = append(es, e)
		}
		return rows.Err()
	})
	return es, err
}

// DecideDealRequest applies d to the request as it stands in the database
// (not as a possibly stale screen saw it) and appends the history line.
// Approve, reject, request changes and reopen are done by the pod's Tech
// Lead, or by a delegate on their behalf; withdraw by the sales rep.
func (s *DB) DecideDealRequest(ctx context.Context, d data.DealDecision) (data.DealRequest, error) {
	d.Delegate = data.CleanLine(d.Delegate)
	d.RecordedBy = data.CleanLine(d.RecordedBy)
	d.Comment = strings.TrimSpace(d.Comment)
	if err := d.Validate(); err != nil {
		return data.DealRequest{}, err
	}
	var r data.DealRequest
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = getDealRequest(ctx, tx, d.RequestID); err != nil {
			return err
		}
		next, err := data.NextState(r.State, d.Action, r.NeedsSignOff())
		if err != nil {
			return err
		}
		snap, err := s.snapDeal(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, r.PodID)
		if err != nil {
			return err
		}
		ev, err := decisionEvent(pod, r, d)
		if err != nil {
			return err
		}
		// In a team the laptop says who is at it: its member, whose key
		// signs the event, not whoever the dialog offered.
		if t, uid, err := s.sharedPod(ctx, tx, pod.ID); err != nil {
			return err
		} else if uid != "" {
			ev.RecordedBy = t.cfg.Name
			if strings.EqualFold(strings.TrimSuffix(ev.Actor, " (Tech Lead)"), t.cfg.Name) {
				ev.RecordedBy = ""
			}
		}
		ev.At, ev.From, ev.To = s.now(), r.State, next
		now := s.stamp()
		decided := any(nil)
		if next == data.DealApproved || next == data.DealRejected || next == data.DealChangesRequested {
			decided = now
		}
		// A reopened request back in the queue starts a fresh round.
		slaStart, due := nullString(data.UTCTime(r.SLAStartedAt)), nullString(data.UTCTime(r.DueAt))
		if next == data.DealPending && r.State != data.DealPending {
			r.SLAStartedAt = ev.At
			r.ApplyRule(r.Rule)
			slaStart, due = data.UTCTime(ev.At), nullString(data.UTCTime(r.DueAt))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deal_requests SET state = ?, decided_at = ?, sla_started_at = ?, due_at = ?,
			updated_at = ? WHERE id = ?`, string(next), decided, slaStart, due, now, r.ID); err != nil {
			return err
		}
		if d.Action == data.ActReopen {
			// A reopened request is a new round: its reminders may fire again.
			if _, err := tx.ExecContext(ctx, `DELETE FROM deal_reminders WHERE request_id = ?`, r.ID); err != nil {
				return err
			}
		}
		if err := appendDealEvent(ctx, tx, ev); err != nil {
			return err
		}
		kind := tsync.KindDealDecided
		if d.Action == data.ActWithdraw {
			kind = tsync.KindDealWithdrawn
		}
		if err := s.emitDeal(ctx, tx, kind, r.ID, snap); err != nil {
			return err
		}
		r, err = getDealRequest(ctx, tx, r.ID)
		return err
	})
	if err != nil {
		return data.DealRequest{}, err
	}
	return r, nil
}

// decisionEvent says who took decision d on r: the pod's Tech Lead, or one
// of the pod's named delegates for them (a withdrawal: the rep), and who
// keyed it in at this laptop when that was someone else (by default the
// facilitator). Names not on the pod are refused.
func decisionEvent(pod data.Pod, r data.DealRequest, d data.DealDecision) (data.DealEvent, error) {
	ev := data.DealEvent{RequestID: r.ID, Comment: d.Comment}
	tl := pod.Leader(data.RoleTechLead).Name
	decider := tl
	if d.Action == data.ActWithdraw {
		ev.Actor, decider = r.RepName, r.RepName
	} else {
		approver := tl + " (Tech Lead)"
		ev.Actor = approver
		if d.Delegate != "" {
			name, ok := pod.Delegate(d.Delegate)
			if !ok {
				msg := "This pod names no delegates; add them to the pod, or let " + tl + " decide"
				if len(pod.Delegates) > 0 {
					msg = "Choose a delegate from the pod's list: " + strings.Join(pod.Delegates, ", ")
				}
				return ev, &data.ValidationError{Problems: []data.Problem{{Field: "delegate", Message: msg}}}
			}
			ev.Actor, ev.OnBehalfOf, decider = name, approver, name
		}
	}
	rec := d.RecordedBy
	if rec == "" {
		rec = pod.Facilitator()
	}
	known := false
	for _, l := range pod.Leaders {
		known = known || strings.EqualFold(l.Name, rec)
	}
	if _, ok := pod.Delegate(rec); ok || strings.EqualFold(rec, decider) {
		known = true
	}
	if !known {
		return ev, &data.ValidationError{Problems: []data.Problem{{Field: "recorded_by",
			Message: "Who records the decision must be one of the pod's leaders or delegates"}}}
	}
	if !strings.EqualFold(rec, decider) {
		ev.RecordedBy = rec
	}
	return ev, nil
}

// MarkDealReminder records that kind fired for the request. It reports
// false when it had already fired, so two checks racing cannot both notify.
func (s *DB) MarkDealReminder(ctx context.Context, requestID int64, kind data.ReminderKind) (bool, error) {
	var first bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getDealRequest(ctx, tx, requestID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO deal_reminders (request_id, kind, fired_at) VALUES (?, ?, ?)
			ON CONFLICT (request_id, kind) DO NOTHING`, requestID, string(kind), s.stamp())
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		first = n == 1
		return nil
	})
	return first, err
}

// DealDigest returns what a pod's meeting reviews: requests received since
// since, decisions taken since (approve, reject, changes), and requests
// overdue at now.
func (s *DB) DealDigest(ctx context.Context, podID int64, since, now time.Time) (data.DealDigest, error) {
	var dg data.DealDigest
	from := data.UTCTime(since)
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, podID); err != nil {
			return err
		}
		var err error
		if dg.Received, err = queryDealRequests(ctx, tx, `WHERE r.pod_id = ? AND r.received_at >= ?
			ORDER BY r.received_at DESC, r.id DESC`, podID, from); err != nil {
			return err
		}
		if dg.Decided, err = queryDealRequests(ctx, tx, `WHERE r.pod_id = ? AND r.decided_at >= ?
			AND r.state IN ('approved', 'rejected', 'changes_requested') ORDER BY r.decided_at DESC, r.id DESC`, podID, from); err != nil {
			return err
		}
		dg.Overdue, err = queryDealRequests(ctx, tx, `WHERE r.pod_id = ? AND r.state = 'pending' AND r.due_at <= ?
			ORDER BY r.due_at, r.id`, podID, data.UTCTime(now))
		return err
	})
	return dg, err
}

// dealRule is the pod's deal-desk rule as the settings stand now.
func dealRule(ctx context.Context, tx *sql.Tx, podID int64) (data.DealRule, error) {
	pod, err := getPod(ctx, tx, podID)
	if err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return data.DealRule{}, &data.ValidationError{Problems: []data.Problem{{Field: "pod",
				Message: "That pod no longer exists; choose another"}}}
		}
		return data.DealRule{}, err
	}
	var st data.Settings
	var sla int64
	if err := tx.QueryRowContext(ctx, `SELECT deal_threshold, signoff_sla_minutes, currency FROM settings WHERE id = 1`).
		Scan(&st.DealThreshold, &sla, &st.Currency); err != nil {
		return data.DealRule{}, err
	}
	st.SignOffSLA = time.Duration(sla) * time.Minute
	return data.RuleFrom(pod.Overrides.Apply(st)), nil
}

func appendDealEvent(ctx context.Context, tx *sql.Tx, e data.DealEvent) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO deal_history (uid, request_id, at, actor, on_behalf_of, recorded_by, from_state, to_state,
		comment, changes, signoff_change) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, newUID(), e.RequestID, data.UTCTime(e.At), e.Actor, e.OnBehalfOf,
		e.RecordedBy, string(e.From), string(e.To), e.Comment, data.EncodeChanges(e.Changes), string(e.SignOffChange))
	return err
}

func getDealRequest(ctx context.Context, tx *sql.Tx, id int64) (data.DealRequest, error) {
	rs, err := queryDealRequests(ctx, tx, `WHERE r.id = ?`, id)
	if err != nil {
		return data.DealRequest{}, err
	}
	if len(rs) == 0 {
		return data.DealRequest{}, data.NotFoundf("That deal-desk request no longer exists")
	}
	return rs[0], nil
}

func queryDealRequests(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.DealRequest, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+dealColumns+` FROM deal_requests r `+where, args...)
	if err != nil {
		return nil, err
	}
	var rs []data.DealRequest
	index := map[int64]int{}
	for rows.Next() {
		var r data.DealRequest
		var closeDate, due, decided, comment, slaStart, flip sql.NullString
		var received, created, updated, state string
		var sla int64
		if err := rows.Scan(&r.ID, &r.PodID, &r.PodName, &r.Customer, &r.DealName, &r.Value, &closeDate,
			&r.RepName, &r.RepEmail, &r.Features, &r.NeedsNewFeature, &r.Terms, &r.Notes, &received,
			&r.Rule.Threshold, &sla, &r.Rule.Currency, &due, &state, &created, &updated, &decided, &comment,
			&slaStart, &flip, &r.UID); err != nil {
			rows.Close()
			return nil, err
		}
		r.Rule.SLA = time.Duration(sla) * time.Minute
		if closeDate.Valid {
			r.CloseDate, _ = data.ParseDate(closeDate.String)
		}
		r.ReceivedAt, _ = data.ParseUTCTime(received)
		r.DueAt, _ = data.ParseUTCTime(due.String)
		r.DecidedAt, _ = data.ParseUTCTime(decided.String)
		r.CreatedAt, _ = data.ParseUTCTime(created)
		r.UpdatedAt, _ = data.ParseUTCTime(updated)
		r.State = data.DealState(state)
		r.LastComment = comment.String
		r.SLAStartedAt, _ = data.ParseUTCTime(slaStart.String)
		if kind, at, ok := strings.Cut(flip.String, " "); ok {
			r.SignOffChange = data.SignOffChange(kind)
			r.SignOffChangedAt, _ = data.ParseUTCTime(at)
		}
		index[r.ID] = len(rs)
		rs = append(rs, r)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return rs, nil
	}
	// Which reminders fired, read after the rows above are closed, for the
	// same selection (a subquery rather than a list of ids, which a long
	// history would push past SQLite's limit on parameters).
	rem, err := tx.QueryContext(ctx, `SELECT request_id, kind FROM deal_reminders WHERE request_id IN
		(SELECT r.id FROM deal_requests r `+where+`) ORDER BY request_id, fired_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rem.Close()
	for rem.Next() {
		var id int64
		var kind string
		if err := rem.Scan(&id, &kind); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			rs[i].Reminded = append(rs[i].Reminded, data.ReminderKind(kind))
		}
	}
	return rs, rem.Err()
}
