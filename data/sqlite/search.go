package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"

	"triad/data"
)

var _ data.SearchStore = (*DB)(nil)

// The index's kind numbers: rowid = ref_id*16 + kind (see 0005_decisions.sql).
const (
	rowDecision    = 1
	rowAgendaItem  = 2
	rowActionItem  = 3
	rowDealRequest = 4
)

// rankWindow is how many matches a query ranks: all of them when there
// are fewer, else the newest rankWindow. bm25 must score every row it
// ranks, and a word in most rows of ten years ("pricing") has a hundred
// thousand; scoring them would take longer than the search box may
// (5 ms). The window keeps every query bounded, and for such a word the
// newest matches are the ones a person looks for; a rare word is ranked
// over all its matches.
const rankWindow = 1000

// bm25Weights weigh a word in a title (a question, an item's title) four
// times one in the body; the scope token (the pod) counts for nothing.
const bm25Weights = "4.0, 1.0, 0.0"

// candidate is a match and its score (higher is better).
type candidate struct {
	rowid int64
	score float64
}

// rankedCandidates returns the matches of expr of the given kinds (all
// when none), best first: bm25 over the newest rankWindow of them, newer
// first among equal scores. FTS5 reads the matches newest first and stops
// at the window, so the work is bounded whatever the words.
func rankedCandidates(ctx context.Context, tx *sql.Tx, expr string, kinds ...int) ([]candidate, error) {
	q := `SELECT rowid, -bm25(search_index, ` + bm25Weights + `) FROM search_index WHERE search_index MATCH ?`
	args := []any{expr}
	if len(kinds) > 0 {
		q += ` AND (rowid & 15) IN (` + placeholders(len(kinds)) + `)`
		for _, k := range kinds {
			args = append(args, k)
		}
	}
	q += ` ORDER BY rowid DESC LIMIT ?`
	args = append(args, rankWindow)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	var cs []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.rowid, &c.score); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, searchError(err)
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		return cs[i].rowid > cs[j].rowid
	})
	return cs, nil
}

// page is s[offset:offset+limit], clipped.
func page[T any](s []T, offset, limit int) []T {
	if offset >= len(s) {
		return nil
	}
	s = s[offset:]
	if len(s) > limit {
		s = s[:limit]
	}
	return s
}

// markHits reads the shown page's hits with their highlighted titles and
// snippets in one query. Snippets are built for these rows only: FTS5
// seeks each of them by rowid in the words' lists, instead of building a
// snippet for every match before the ranking.
func markHits(ctx context.Context, tx *sql.Tx, expr string, shown []candidate) ([]data.SearchHit, error) {
	if len(shown) == 0 {
		return nil, nil
	}
	at := make(map[int64]int, len(shown))
	args := []any{data.HitStart, data.HitEnd, data.HitStart, data.HitEnd, expr}
	for i, c := range shown {
		at[c.rowid] = i
		args = append(args, c.rowid)
	}
	rows, err := tx.QueryContext(ctx, `SELECT s.rowid, s.kind, s.ref_id, s.pod_id, s.meeting_id, coalesce(m.date, ''),
			coalesce(highlight(search_index, 0, ?, ?), ''), coalesce(snippet(search_index, 1, ?, ?, '…', 14), '')
		FROM search_index s LEFT JOIN meetings m ON m.id = s.meeting_id
		WHERE search_index MATCH ? AND s.rowid IN (`+placeholders(len(shown))+`)`, args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	hits := make([]data.SearchHit, len(shown))
	found := make([]bool, len(shown))
	for rows.Next() {
		var h data.SearchHit
		var rowid int64
		var date, title, snip string
		var meeting sql.NullInt64
		if err := rows.Scan(&rowid, &h.Kind, &h.RefID, &h.PodID, &meeting, &date, &title, &snip); err != nil {
			return nil, err
		}
		i, ok := at[rowid]
		if !ok {
			continue
		}
		h.MeetingID = meeting.Int64
		h.MeetingDate, _ = data.ParseDate(date)
		h.Title, h.Snippet = data.ParseMarked(title), data.ParseMarked(snip)
		h.Score, h.Seq = shown[i].score, rowid
		hits[i], found[i] = h, true
	}
	if err := rows.Err(); err != nil {
		return nil, searchError(err)
	}
	out := hits[:0]
	for i, h := range hits {
		if found[i] {
			out = append(out, h)
		}
	}
	return out, nil
}

// Search searches decisions, agenda notes and outcomes, action items and
// deal requests, of one pod or of every pod, best first, in one read.
func (s *DB) Search(ctx context.Context, r data.SearchRequest) ([]data.SearchHit, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	kinds := make([]int, len(r.Kinds))
	for i, k := range r.Kinds {
		kinds[i] = rowKind(k)
	}
	return s.search(ctx, r.PodID, r.Text, r.Limit, r.Offset, kinds...)
}

// rowKind is the index's number for a kind of hit (data.SearchRequest
// has checked it is one).
func rowKind(kind string) int {
	switch kind {
	case data.HitDecision:
		return rowDecision
	case data.HitAgendaItem:
		return rowAgendaItem
	case data.HitActionItem:
		return rowActionItem
	}
	return rowDealRequest
}

// search is Search for the given kinds (every kind when none).
func (s *DB) search(ctx context.Context, podID int64, text string, limit, offset int, kinds ...int) ([]data.SearchHit, error) {
	terms := data.SearchTerms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	if limit <= 0 || limit > data.MaxSearchLimit {
		limit = data.DefaultSearchLimit
	}
	var hits []data.SearchHit
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		expr, err := matchExpr(ctx, tx, podID, terms)
		if err != nil {
			return err
		}
		cs, err := rankedCandidates(ctx, tx, expr, kinds...)
		if err != nil {
			return err
		}
		hits, err = markHits(ctx, tx, expr, page(cs, offset, limit))
		return err
	})
	if ctx.Err() != nil {
		return nil, ctx.Err() // a stale query, stopped: no partial answer
	}
	return hits, err
}

// idList is ids as one JSON argument, for `IN (SELECT value FROM json_each(?))`.
func idList(ids []int64) string {
	b, _ := json.Marshal(ids)
	return string(b)
}
