package sqlite

import (
	"context"
	"database/sql"

	"triad/data"
)

var _ data.TemplateStore = (*DB)(nil)

// MeetingTemplate is the pod's template, or the built-in one when it has
// not saved its own.
func (s *DB) MeetingTemplate(ctx context.Context, podID int64) (data.MeetingTemplate, error) {
	var t data.MeetingTemplate
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, podID); err != nil {
			return err
		}
		var err error
		t, err = podTemplate(ctx, tx, podID)
		return err
	})
	return t, err
}

// SaveMeetingTemplate checks t and replaces the pod's template with it in
// one transaction; a refused template leaves the saved one as it was.
func (s *DB) SaveMeetingTemplate(ctx context.Context, t data.MeetingTemplate) (data.MeetingTemplate, error) {
	t.Normalize()
	t.Default = false
	if err := t.Validate(); err != nil {
		return t, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, t.PodID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pod_template_items WHERE pod_id = ?`, t.PodID); err != nil {
			return err
		}
		now := s.stamp()
		for i := range t.Items {
			it := &t.Items[i]
			res, err := tx.ExecContext(ctx, `INSERT INTO pod_template_items (pod_id, position, standing, title, kind, planned_minutes, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, t.PodID, i, string(it.Standing), it.Title, string(it.Kind), it.Minutes, now)
			if err != nil {
				return err
			}
			if it.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		return nil
	})
	return t, err
}

// ResetMeetingTemplate removes the pod's own template.
func (s *DB) ResetMeetingTemplate(ctx context.Context, podID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, podID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM pod_template_items WHERE pod_id = ?`, podID)
		return err
	})
}

// podTemplate reads the pod's template inside tx.
func podTemplate(ctx context.Context, tx *sql.Tx, podID int64) (data.MeetingTemplate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, standing, title, kind, planned_minutes FROM pod_template_items
		WHERE pod_id = ? ORDER BY position, id`, podID)
	if err != nil {
		return data.MeetingTemplate{}, err
	}
	defer rows.Close()
	t := data.MeetingTemplate{PodID: podID}
	for rows.Next() {
		var it data.TemplateItem
		var standing, kind string
		if err := rows.Scan(&it.ID, &standing, &it.Title, &kind, &it.Minutes); err != nil {
			return t, err
		}
		it.Standing, it.Kind = data.StandingKind(standing), data.ItemKind(kind)
		t.Items = append(t.Items, it)
	}
	if err := rows.Err(); err != nil {
		return t, err
	}
	if len(t.Items) == 0 {
		return data.DefaultTemplate(podID), nil
	}
	return t, nil
}
