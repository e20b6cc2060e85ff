package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"unicode/utf8"

	"triad/data"
)

// maxDraftLen bounds a draft: past the notes limit by a margin, since the
// text is a draft because it may be too long, but never unbounded.
const maxDraftLen = 2 * data.MaxNoteLen

// SaveAgendaItemDrafts replaces an agenda item's held-back text.
func (s *DB) SaveAgendaItemDrafts(ctx context.Context, itemID int64, drafts map[string]string) error {
	for f, v := range drafts {
		if !slices.Contains(data.DraftFields, f) {
			return fmt.Errorf("%w: no draft field %q", data.ErrInvalid, f)
		}
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxDraftLen {
			return fmt.Errorf("%w: the draft of the %s is not text Triad can keep", data.ErrInvalid, f)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_item_drafts WHERE agenda_item_id = ?`, itemID); err != nil {
			return err
		}
		at := s.stamp()
		for _, f := range data.DraftFields {
			v, ok := drafts[f]
			if !ok {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_item_drafts (agenda_item_id, field, value, saved_at)
				SELECT id, ?, ?, ? FROM agenda_items WHERE id = ?`, f, v, at, itemID); err != nil {
				return err
			}
		}
		return nil
	})
}

// AgendaItemDrafts returns the held-back text of a meeting's items.
func (s *DB) AgendaItemDrafts(ctx context.Context, meetingID int64) (map[int64]map[string]string, error) {
	out := map[int64]map[string]string{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT d.agenda_item_id, d.field, d.value FROM agenda_item_drafts d
			JOIN agenda_items a ON a.id = d.agenda_item_id WHERE a.meeting_id = ?`, meetingID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var f, v string
			if err := rows.Scan(&id, &f, &v); err != nil {
				return err
			}
			if out[id] == nil {
				out[id] = map[string]string{}
			}
			out[id][f] = v
		}
		return rows.Err()
	})
	return out, err
}
