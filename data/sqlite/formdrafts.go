package sqlite

import (
	"context"
	"database/sql"
	"sort"

	"triad/data"
)

// SaveFormDraft replaces k's draft with fields; none clears it.
func (s *DB) SaveFormDraft(ctx context.Context, k data.DraftKey, fields map[string]string) error {
	if err := data.ValidateDraft(k, fields); err != nil {
		return err
	}
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names) // the same draft writes the same rows
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM form_drafts WHERE form = ? AND subject = ?`, k.Form, k.Subject); err != nil {
			return err
		}
		at := s.stamp()
		for _, f := range names {
			if _, err := tx.ExecContext(ctx, `INSERT INTO form_drafts (form, subject, field, value, saved_at)
				VALUES (?, ?, ?, ?, ?)`, k.Form, k.Subject, f, fields[f], at); err != nil {
				return err
			}
		}
		return nil
	})
}

// FormDraft is k's draft, data.ErrNotFound when there is none.
func (s *DB) FormDraft(ctx context.Context, k data.DraftKey) (data.FormDraft, error) {
	d := data.FormDraft{Key: k, Fields: map[string]string{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT field, value, saved_at FROM form_drafts
			WHERE form = ? AND subject = ? ORDER BY field`, k.Form, k.Subject)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var f, v, at string
			if err := rows.Scan(&f, &v, &at); err != nil {
				return err
			}
			d.Fields[f] = v
			if t, err := data.ParseUTCTime(at); err == nil && t.After(d.SavedAt) {
				d.SavedAt = t
			}
		}
		return rows.Err()
	})
	if err == nil && len(d.Fields) == 0 {
		err = data.ErrNotFound
	}
	return d, err
}
