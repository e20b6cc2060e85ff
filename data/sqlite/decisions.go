package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
)

var _ data.DecisionStore = (*DB)(nil)

// kindDecision is the search index's kind for decisions; rowid is
// id*16 + 1 (see 0005_decisions.sql).
const kindDecision = "decision"

const decisionColumns = `d.id, d.pod_id, d.meeting_id, (SELECT dm.date FROM meetings dm WHERE dm.id = d.meeting_id) AS meeting_date, d.agenda_item_id, d.question, d.context,
	d.decider_id, d.decider_name, d.chosen_option, d.rationale, d.revisit_on, d.state, d.decided_at,
	d.supersedes_id, d.superseded_by_id, d.reversed_reason, d.closed_at, d.created_at, d.updated_at`

// Decision returns one decision with its options, perspectives and actions.
func (s *DB) Decision(ctx context.Context, id int64) (data.Decision, error) {
	var d data.Decision
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = getDecision(ctx, tx, id)
		return err
	})
	return d, err
}

// CreateDecision stores a new proposed decision with one perspective per
// leader of the pod.
func (s *DB) CreateDecision(ctx context.Context, d data.Decision) (data.Decision, error) {
	d.Normalize()
	d.ID = 0
	d.State = data.DecisionProposed
	err := s.tx(ctx, func(tx *sql.Tx) error {
		pod, err := getPod(ctx, tx, d.PodID)
		if err != nil {
			return err
		}
		if err := checkMeeting(ctx, tx, &d, pod); err != nil {
			return err
		}
		d.Perspectives = mergePerspectives(pod, nil, d.Perspectives)
		if err := d.Validate(pod); err != nil {
			return err
		}
		if d.SupersedesID != 0 {
			earlier, err := getDecision(ctx, tx, d.SupersedesID)
			if err != nil {
				return err
			}
			probe := d
			probe.ID = -1 // not yet stored; CheckSupersede only needs it non-zero and different
			if err := data.CheckSupersede(earlier, probe); err != nil {
				return err
			}
		}
		now := s.stamp()
		res, err := tx.ExecContext(ctx, `INSERT INTO decisions (pod_id, meeting_id, agenda_item_id, question, context,
			decider_id, decider_name, chosen_option, rationale, revisit_on, state, supersedes_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?)`,
			d.PodID, d.MeetingID, nullID(d.AgendaItemID), d.Question, d.Context,
			nullID(d.DeciderID), deciderName(pod, d.DeciderID), nullID(int64(d.Chosen)), d.Rationale,
			nullString(d.RevisitOn.String()), nullID(d.SupersedesID), now, now)
		if err != nil {
			return err
		}
		d.ID, _ = res.LastInsertId()
		if err := writeOptions(ctx, tx, d); err != nil {
			return err
		}
		for _, pv := range d.Perspectives {
			if _, err := tx.ExecContext(ctx, `INSERT INTO decision_positions (decision_id, member_id, role, member_name, position, reasoning)
				VALUES (?, ?, ?, ?, ?, ?)`, d.ID, pv.MemberID, string(pv.Role), pv.Name, string(pv.Position), pv.Reasoning); err != nil {
				return err
			}
		}
		if err := s.emitDecision(ctx, tx, d.ID, nil); err != nil {
			return err
		}
		d, err = getDecision(ctx, tx, d.ID)
		return err
	})
	if err != nil {
		return data.Decision{}, err
	}
	return d, nil
}

// UpdateDecision saves a proposed decision.
func (s *DB) UpdateDecision(ctx context.Context, d data.Decision) (data.Decision, error) {
	return s.saveDecision(ctx, d, false)
}

// Decide saves d and marks it decided in one transaction.
func (s *DB) Decide(ctx context.Context, d data.Decision) (data.Decision, error) {
	return s.saveDecision(ctx, d, true)
}

func (s *DB) saveDecision(ctx context.Context, d data.Decision, decide bool) (data.Decision, error) {
	d.Normalize()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		stored, err := getDecision(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		before, err := s.snapDecision(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if stored.State != data.DecisionProposed {
			return data.Conflictf("This decision is already %s; reload it to see the call", strings.ToLower(stored.State.Label()))
		}
		// Nothing moves out of a closed meeting either.
		if _, err := editableMeeting(ctx, tx, stored.MeetingID); err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, stored.PodID)
		if err != nil {
			return err
		}
		d.PodID, d.State = stored.PodID, data.DecisionProposed
		d.SupersedesID, d.SupersededByID = stored.SupersedesID, 0
		if err := checkMeeting(ctx, tx, &d, pod); err != nil {
			return err
		}
		d.Perspectives = mergePerspectives(pod, stored.Perspectives, d.Perspectives)
		if err := d.Validate(pod); err != nil {
			return err
		}
		var earlier data.Decision
		if decide {
			if err := data.CheckDecide(d, pod); err != nil {
				return err
			}
			if d.SupersedesID != 0 {
				if earlier, err = getDecision(ctx, tx, d.SupersedesID); err != nil {
					return err
				}
				if err := data.CheckSupersede(earlier, d); err != nil {
					return err
				}
			}
		}
		now := s.stamp()
		if err := writeProposal(ctx, tx, d, pod, now); err != nil {
			return err
		}
		if decide {
			if _, err := tx.ExecContext(ctx, `UPDATE decisions SET state = 'decided', decided_at = ? WHERE id = ?`, now, d.ID); err != nil {
				return err
			}
			if earlier.ID != 0 {
				if err := s.markSupersededSynced(ctx, tx, earlier.ID, d.ID, now); err != nil {
					return err
				}
			}
		}
		if err := s.emitDecision(ctx, tx, d.ID, before); err != nil {
			return err
		}
		d, err = getDecision(ctx, tx, d.ID)
		return err
	})
	if err != nil {
		return data.Decision{}, err
	}
	return d, nil
}

// writeProposal stores what the decision editor saves of a proposed
// decision: its fields, options and the leaders' positions.
func writeProposal(ctx context.Context, tx *sql.Tx, d data.Decision, pod data.Pod, now string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE decisions SET meeting_id = ?, agenda_item_id = ?, question = ?, context = ?,
		decider_id = ?, decider_name = ?, chosen_option = NULL, rationale = ?, revisit_on = ?, updated_at = ? WHERE id = ?`,
		d.MeetingID, nullID(d.AgendaItemID), d.Question, d.Context, nullID(d.DeciderID), deciderName(pod, d.DeciderID),
		d.Rationale, nullString(d.RevisitOn.String()), now, d.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM decision_options WHERE decision_id = ?`, d.ID); err != nil {
		return err
	}
	if err := writeOptions(ctx, tx, d); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE decisions SET chosen_option = ? WHERE id = ?`, nullID(int64(d.Chosen)), d.ID); err != nil {
		return err
	}
	for _, pv := range d.Perspectives {
		if _, err := tx.ExecContext(ctx, `UPDATE decision_positions SET position = ?, reasoning = ? WHERE decision_id = ? AND member_id = ?`,
			string(pv.Position), pv.Reasoning, d.ID, pv.MemberID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteDecision removes a proposed decision; a decided one stays on record.
func (s *DB) DeleteDecision(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDecision(ctx, tx, id)
		if err != nil {
			return err
		}
		if d.State != data.DecisionProposed {
			return data.Conflictf("A %s decision stays on record; supersede or reverse it instead", strings.ToLower(d.State.Label()))
		}
		if _, err := editableMeeting(ctx, tx, d.MeetingID); err != nil {
			return err
		}
		if err := s.refuseUnsharedDelete(ctx, tx, d.PodID, "a proposed decision"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM decisions WHERE id = ?`, id)
		return err
	})
}

// StatePosition records a leader's position and reasoning.
func (s *DB) StatePosition(ctx context.Context, decisionID, memberID int64, pos data.Position, reasoning string) (data.Decision, error) {
	var d data.Decision
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = getDecision(ctx, tx, decisionID); err != nil {
			return err
		}
		before, err := s.snapDecision(ctx, tx, decisionID)
		if err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, d.PodID)
		if err != nil {
			return err
		}
		if err := data.CheckPosition(d, pod, memberID, pos, reasoning); err != nil {
			return err
		}
		// Positions are what was said in the meeting and are locked with it.
		// The one exception is a leader who was absent: after the call they
		// state a position and commit late, on the decision's own record.
		if pv := d.Perspective(memberID); d.State != data.DecisionDecided || pv == nil || pv.Position != data.PositionNone {
			if _, err := editableMeeting(ctx, tx, d.MeetingID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decision_positions SET position = ?, reasoning = ? WHERE decision_id = ? AND member_id = ?`,
			string(pos), strings.TrimSpace(reasoning), decisionID, memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET updated_at = ? WHERE id = ?`, s.stamp(), decisionID); err != nil {
			return err
		}
		if err := s.emitDecision(ctx, tx, decisionID, before); err != nil {
			return err
		}
		d, err = getDecision(ctx, tx, decisionID)
		return err
	})
	if err != nil {
		return data.Decision{}, err
	}
	return d, nil
}

// RecordCommitment records "commit" or "disagree and commit" for a leader,
// with when. It works after the decision's meeting closed: a leader who was
// absent commits later. The closed meeting's frozen minutes keep what stood
// at close; the late commitment is printed in the next minutes.
func (s *DB) RecordCommitment(ctx context.Context, decisionID, memberID int64, c data.Commitment) (data.Decision, error) {
	var d data.Decision
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = getDecision(ctx, tx, decisionID); err != nil {
			return err
		}
		pod, err := getPod(ctx, tx, d.PodID)
		if err != nil {
			return err
		}
		if err := data.CheckCommitment(d, pod, memberID, c); err != nil {
			return err
		}
		before, err := s.snapDecision(ctx, tx, decisionID)
		if err != nil {
			return err
		}
		if pv := d.Perspective(memberID); pv != nil && pv.Commitment == c {
			return nil // recorded already; a second tap changes nothing
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE decision_positions SET commitment = ?, committed_at = ? WHERE decision_id = ? AND member_id = ?`,
			string(c), now, decisionID, memberID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET updated_at = ? WHERE id = ?`, now, decisionID); err != nil {
			return err
		}
		if err := s.emitDecision(ctx, tx, decisionID, before); err != nil {
			return err
		}
		d, err = getDecision(ctx, tx, decisionID)
		return err
	})
	if err != nil {
		return data.Decision{}, err
	}
	return d, nil
}

// Supersede links later as earlier's replacement, both ways.
func (s *DB) Supersede(ctx context.Context, earlierID, laterID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		earlier, err := getDecision(ctx, tx, earlierID)
		if err != nil {
			return err
		}
		later, err := getDecision(ctx, tx, laterID)
		if err != nil {
			return err
		}
		if err := data.CheckSupersede(earlier, later); err != nil {
			return err
		}
		before, err := s.snapDecision(ctx, tx, laterID)
		if err != nil {
			return err
		}
		// The later decision's record gains the link; the earlier one's
		// state is its own life and moves on after its meeting closed.
		if _, err := editableMeeting(ctx, tx, later.MeetingID); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET supersedes_id = ?, updated_at = ? WHERE id = ?`, earlierID, now, laterID); err != nil {
			return err
		}
		if later.State == data.DecisionDecided {
			if err := s.markSupersededSynced(ctx, tx, earlierID, laterID, now); err != nil {
				return err
			}
		}
		return s.emitDecision(ctx, tx, laterID, before)
	})
}

func markSuperseded(ctx context.Context, tx *sql.Tx, earlierID, laterID int64, now string) error {
	_, err := tx.ExecContext(ctx, `UPDATE decisions SET state = 'superseded', superseded_by_id = ?, closed_at = ?, updated_at = ?
		WHERE id = ? AND state = 'decided'`, laterID, now, now, earlierID)
	return err
}

// ReverseDecision marks a decided decision reversed, with the reason.
func (s *DB) ReverseDecision(ctx context.Context, id int64, reason string) (data.Decision, error) {
	var d data.Decision
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = getDecision(ctx, tx, id); err != nil {
			return err
		}
		if err := data.CheckReverse(d, reason); err != nil {
			return err
		}
		before, err := s.snapDecision(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE decisions SET state = 'reversed', reversed_reason = ?, closed_at = ?, updated_at = ? WHERE id = ?`,
			strings.TrimSpace(reason), now, now, id); err != nil {
			return err
		}
		if err := s.emitDecision(ctx, tx, id, before); err != nil {
			return err
		}
		d, err = getDecision(ctx, tx, id)
		return err
	})
	if err != nil {
		return data.Decision{}, err
	}
	return d, nil
}

// LinkActionItem records a follow-up action item for a decision.
func (s *DB) LinkActionItem(ctx context.Context, decisionID, actionItemID int64) error {
	if actionItemID <= 0 {
		return data.Invalidf("Choose an action item to link")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := getDecision(ctx, tx, decisionID)
		if err != nil {
			return err
		}
		// The trigger refuses a missing action item too; this says so in words.
		var podID int64
		err = tx.QueryRowContext(ctx, `SELECT pod_id FROM action_items WHERE id = ?`, actionItemID).Scan(&podID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && podID != d.PodID) {
			return data.NotFoundf("That action item no longer exists in this pod")
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO decision_actions (decision_id, action_item_id) VALUES (?, ?)`, decisionID, actionItemID)
		return err
	})
}

// OpenDecisions lists decided decisions still waiting for a commitment.
func (s *DB) OpenDecisions(ctx context.Context, podID int64) ([]data.Decision, error) {
	var ds []data.Decision
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		ds, err = queryDecisions(ctx, tx, `WHERE d.pod_id = ? AND d.state = 'decided'
			AND EXISTS (SELECT 1 FROM decision_positions p WHERE p.decision_id = d.id AND p.commitment = '')
			ORDER BY meeting_date, d.id`, podID)
		if err != nil {
			return err
		}
		return loadDetails(ctx, tx, ds)
	})
	return ds, err
}

// DecisionLog lists a pod's decisions filtered by state, by a leader's
// position, by meeting day and by text: newest meeting first, or with
// text best match first (bm25 over the newest matches, see
// rankedCandidates), each entry then carrying the question and a passage
// with the hits marked.
func (s *DB) DecisionLog(ctx context.Context, f data.DecisionFilter) ([]data.DecisionEntry, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = data.DefaultLogLimit
	}
	terms := data.SearchTerms(f.Text)
	var where []string
	var args []any
	if len(terms) > 0 {
		// The ranked matches, as a list of decision ids filled in inside
		// the transaction.
		where = append(where, `d.id IN (SELECT value FROM json_each(?))`)
		args = append(args, nil)
	}
	where = append(where, `d.pod_id = ?`)
	args = append(args, f.PodID)
	if f.State != "" {
		where = append(where, `d.state = ?`)
		args = append(args, string(f.State))
	}
	if f.Position != data.PositionNone {
		where = append(where, `EXISTS (SELECT 1 FROM decision_positions p WHERE p.decision_id = d.id AND p.member_id = ? AND p.position = ?)`)
		args = append(args, f.MemberID, string(f.Position))
	}
	if !f.From.IsZero() {
		where = append(where, `m.date >= ?`)
		args = append(args, f.From.String())
	}
	if !f.To.IsZero() {
		where = append(where, `m.date <= ?`)
		args = append(args, f.To.String())
	}
	q := `SELECT ` + decisionColumns + ` FROM decisions d JOIN meetings m ON m.id = d.meeting_id WHERE ` + strings.Join(where, " AND ")
	if len(terms) == 0 {
		q += ` ORDER BY m.date DESC, d.id DESC LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}

	var entries []data.DecisionEntry
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var expr string
		var ranked []candidate
		if len(terms) > 0 {
			var err error
			if expr, err = matchExpr(ctx, tx, f.PodID, terms); err != nil {
				return err
			}
			if ranked, err = rankedCandidates(ctx, tx, expr, rowDecision); err != nil {
				return err
			}
			ids := make([]int64, len(ranked))
			for i, c := range ranked {
				ids[i] = c.rowid >> 4
			}
			args[0] = idList(ids)
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return searchError(err)
		}
		var ds []data.Decision
		for rows.Next() {
			d, err := scanDecision(rows)
			if err != nil {
				rows.Close()
				return err
			}
			ds = append(ds, d)
		}
		if err := rows.Close(); err != nil {
			return searchError(err)
		}
		if err := rows.Err(); err != nil {
			return searchError(err)
		}
		if len(terms) > 0 {
			ds = rankedPage(ds, ranked, f.Offset, f.Limit)
		}
		if err := loadDetails(ctx, tx, ds); err != nil {
			return err
		}
		entries = make([]data.DecisionEntry, len(ds))
		for i, d := range ds {
			entries[i] = data.DecisionEntry{Decision: d, Title: data.PlainRuns(d.Question)}
		}
		if expr == "" || len(ds) == 0 {
			return nil
		}
		// Snippets for the page of results only.
		return markEntries(ctx, tx, expr, entries)
	})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return entries, err
}

// rankedPage puts the decisions the filters kept in the order of ranked
// and returns the page [offset, offset+limit).
func rankedPage(ds []data.Decision, ranked []candidate, offset, limit int) []data.Decision {
	byID := make(map[int64]data.Decision, len(ds))
	for _, d := range ds {
		byID[d.ID] = d
	}
	kept := make([]data.Decision, 0, len(ds))
	for _, c := range ranked {
		if d, ok := byID[c.rowid>>4]; ok {
			kept = append(kept, d)
		}
	}
	return page(kept, offset, limit)
}

// markEntries fills each entry's highlighted question and snippet.
func markEntries(ctx context.Context, tx *sql.Tx, expr string, entries []data.DecisionEntry) error {
	index := make(map[int64]int, len(entries))
	args := []any{data.HitStart, data.HitEnd, data.HitStart, data.HitEnd, expr}
	for i, e := range entries {
		index[e.Decision.ID*16+1] = i
		args = append(args, e.Decision.ID*16+1)
	}
	rows, err := tx.QueryContext(ctx, `SELECT rowid, highlight(search_index, 0, ?, ?), snippet(search_index, 1, ?, ?, '…', 14)
		FROM search_index WHERE search_index MATCH ? AND rowid IN (`+placeholders(len(entries))+`)`, args...)
	if err != nil {
		return searchError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var rowid int64
		var title, snip string
		if err := rows.Scan(&rowid, &title, &snip); err != nil {
			return err
		}
		if i, ok := index[rowid]; ok {
			entries[i].Title, entries[i].Snippet = data.ParseMarked(title), data.ParseMarked(snip)
		}
	}
	return searchError(rows.Err())
}

// podMatch confines the words (FTS5 syntax built from data.SearchTerms)
// to one pod's rows and to the text columns, so neither the scope token
// nor a pod's id can be matched by what the user typed.
// With podID 0 the words are matched in every pod.
func podMatch(podID int64, words string) string {
	if podID == 0 {
		return fmt.Sprintf(`{title body} : (%s)`, words)
	}
	return fmt.Sprintf(`scope : "p%d" AND {title body} : (%s)`, podID, words)
}

// maxExpansions is how many words a prefix may stand for before the
// search falls back to FTS5's own prefix query.
const maxExpansions = 48

// matchExpr builds the pod's match expression for terms. A plain prefix
// word ("pric") is replaced by the index words it begins
// ("price" OR "priced" OR "pricing"): FTS5 reads such exact words lazily,
// newest first, and stops at the page, while its own prefix query first
// merges every matching row of the whole history.
func matchExpr(ctx context.Context, tx *sql.Tx, podID int64, terms []data.SearchTerm) (string, error) {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		q := ftsTerm(t)
		if t.Prefix && inVocabulary(t) {
			words, err := expandPrefix(ctx, tx, t.Text)
			if err != nil {
				return "", err
			}
			switch {
			case len(words) == 0:
				q = ftsTerm(data.SearchTerm{Text: t.Text}) // no word starts so; nothing to find
			case len(words) <= maxExpansions:
				alts := make([]string, len(words))
				for i, w := range words {
					alts[i] = ftsTerm(data.SearchTerm{Text: w})
				}
				q = "(" + strings.Join(alts, " OR ") + ")"
			}
		}
		parts = append(parts, q)
	}
	return podMatch(podID, strings.Join(parts, " AND ")), nil
}

// expandPrefix lists the index's words that begin with prefix (a plain
// lower-case ASCII word), up to maxExpansions+1.
func expandPrefix(ctx context.Context, tx *sql.Tx, prefix string) ([]string, error) {
	upper := prefix[:len(prefix)-1] + string(prefix[len(prefix)-1]+1)
	rows, err := tx.QueryContext(ctx, `SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?`, prefix, upper, maxExpansions+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var words []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			return nil, err
		}
		words = append(words, w)
	}
	return words, rows.Err()
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// SearchPod searches everything the pod's index holds, best first (see
// Search).
func (s *DB) SearchPod(ctx context.Context, podID int64, text string, limit int) ([]data.SearchHit, error) {
	return s.search(ctx, podID, text, limit, 0)
}

// searchError keeps SQLite's wording off the screen: ftsQuery makes
// every input a valid query, so an FTS error here is a defect, reported
// plainly rather than as "fts5: syntax error near …".
func searchError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrError {
		return data.Invalidf("Triad could not search for that; try other words")
	}
	return err
}

// checkMeeting makes sure d's meeting belongs to pod and reads its day.
func checkMeeting(ctx context.Context, tx *sql.Tx, d *data.Decision, pod data.Pod) error {
	if d.MeetingID == 0 {
		return &data.ValidationError{Problems: []data.Problem{{Field: "meeting", Message: "Choose the meeting this decision is made in"}}}
	}
	m, err := getMeeting(ctx, tx, d.MeetingID)
	if errors.Is(err, data.ErrNotFound) || (err == nil && m.PodID != pod.ID) {
		return &data.ValidationError{Problems: []data.Problem{{Field: "meeting", Message: "Choose one of " + pod.Name + "'s meetings"}}}
	}
	if err != nil {
		return err
	}
	if err := m.Editable(); err != nil {
		return err
	}
	d.MeetingDate = m.Date
	return nil
}

// mergePerspectives returns one perspective per leader of pod, in Roles
// order: the stored one (keeping the name as it was and any commitment)
// updated with the position and reasoning given for that member. Given
// perspectives for anyone else are kept, so Validate can refuse them.
func mergePerspectives(pod data.Pod, stored, given []data.Perspective) []data.Perspective {
	out := make([]data.Perspective, 0, len(pod.Leaders))
	used := map[int64]bool{}
	for _, l := range pod.Leaders {
		pv := data.Perspective{MemberID: l.ID, Role: l.Role, Name: l.Name}
		for _, s := range stored {
			if s.MemberID == l.ID {
				pv = s
			}
		}
		for _, g := range given {
			if g.MemberID == l.ID {
				pv.Position, pv.Reasoning = g.Position, g.Reasoning
				used[l.ID] = true
			}
		}
		out = append(out, pv)
	}
	for _, g := range given {
		if _, ok := pod.Member(g.MemberID); !ok && !used[g.MemberID] {
			out = append(out, g)
		}
	}
	return out
}

func deciderName(pod data.Pod, id int64) string {
	l, _ := pod.Member(id)
	return l.Name
}

func writeOptions(ctx context.Context, tx *sql.Tx, d data.Decision) error {
	for i, o := range d.Options {
		var cost any
		if o.Cost > 0 {
			cost = int64(o.Cost)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decision_options (decision_id, position, title, pros, cons, cost, effort)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, d.ID, i+1, o.Title, o.Pros, o.Cons, cost, o.Effort); err != nil {
			return err
		}
	}
	return nil
}

func getDecision(ctx context.Context, tx *sql.Tx, id int64) (data.Decision, error) {
	ds, err := queryDecisions(ctx, tx, `WHERE d.id = ?`, id)
	if err != nil {
		return data.Decision{}, err
	}
	if len(ds) == 0 {
		return data.Decision{}, data.NotFoundf("That decision no longer exists")
	}
	if err := loadDetails(ctx, tx, ds); err != nil {
		return data.Decision{}, err
	}
	return ds[0], nil
}

// queryDecisions reads the decisions where picks; where may order by
// meeting_date. The meeting's date is a subquery, not a join: in this
// SQLite a join of two rows by their keys costs several times the lookup.
func queryDecisions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.Decision, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+decisionColumns+` FROM decisions d `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []data.Decision
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

func scanDecision(rows *sql.Rows, extra ...any) (data.Decision, error) {
	var d data.Decision
	var date, state, created, updated string
	var agenda, decider, chosen, supersedes, supersededBy sql.NullInt64
	var revisit, decidedAt, closedAt sql.NullString
	dest := []any{&d.ID, &d.PodID, &d.MeetingID, &date, &agenda, &d.Question, &d.Context,
		&decider, &d.DeciderName, &chosen, &d.Rationale, &revisit, &state, &decidedAt,
		&supersedes, &supersededBy, &d.ReversedReason, &closedAt, &created, &updated}
	if err := rows.Scan(append(dest, extra...)...); err != nil {
		return d, err
	}
	d.MeetingDate, _ = data.ParseDate(date)
	d.AgendaItemID, d.DeciderID, d.Chosen = agenda.Int64, decider.Int64, int(chosen.Int64)
	d.SupersedesID, d.SupersededByID = supersedes.Int64, supersededBy.Int64
	if revisit.Valid {
		d.RevisitOn, _ = data.ParseDate(revisit.String)
	}
	d.State = data.DecisionState(state)
	d.DecidedAt, _ = data.ParseUTCTime(decidedAt.String)
	d.ClosedAt, _ = data.ParseUTCTime(closedAt.String)
	d.CreatedAt, _ = data.ParseUTCTime(created)
	d.UpdatedAt, _ = data.ParseUTCTime(updated)
	return d, nil
}

// loadDetails reads the options, perspectives and action items of ds in
// three queries, whatever the number of decisions.
func loadDetails(ctx context.Context, tx *sql.Tx, ds []data.Decision) error {
	if len(ds) == 0 {
		return nil
	}
	index := make(map[int64]int, len(ds))
	ids := make([]any, len(ds))
	for i, d := range ds {
		index[d.ID] = i
		ids[i] = d.ID
	}
	in := "(" + placeholders(len(ids)) + ")"

	rows, err := tx.QueryContext(ctx, `SELECT decision_id, title, pros, cons, cost, effort FROM decision_options
		WHERE decision_id IN `+in+` ORDER BY decision_id, position`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var o data.DecisionOption
		var cost sql.NullInt64
		if err := rows.Scan(&id, &o.Title, &o.Pros, &o.Cons, &cost, &o.Effort); err != nil {
			rows.Close()
			return err
		}
		o.Cost = data.Money(cost.Int64)
		ds[index[id]].Options = append(ds[index[id]].Options, o)
	}
	if err := rows.Close(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT decision_id, member_id, role, member_name, position, reasoning, commitment, committed_at
		FROM decision_positions WHERE decision_id IN `+in+`
		ORDER BY decision_id, CASE role WHEN 'tech_lead' THEN 0 WHEN 'product_manager' THEN 1 ELSE 2 END`, ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var pv data.Perspective
		var role, pos, c string
		var at sql.NullString
		if err := rows.Scan(&id, &pv.MemberID, &role, &pv.Name, &pos, &pv.Reasoning, &c, &at); err != nil {
			rows.Close()
			return err
		}
		pv.Role, pv.Position, pv.Commitment = data.Role(role), data.Position(pos), data.Commitment(c)
		pv.CommittedAt, _ = data.ParseUTCTime(at.String)
		ds[index[id]].Perspectives = append(ds[index[id]].Perspectives, pv)
	}
	if err := rows.Close(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT decision_id, action_item_id FROM decision_actions
		WHERE decision_id IN `+in+` ORDER BY decision_id, action_item_id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, action int64
		if err := rows.Scan(&id, &action); err != nil {
			return err
		}
		ds[index[id]].ActionItemIDs = append(ds[index[id]].ActionItemIDs, action)
	}
	return rows.Err()
}
