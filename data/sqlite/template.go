package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

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
		snap, err := s.snapPod(ctx, tx, t.PodID)
		if err != nil {
			return err
		}
		if err := replaceTemplate(ctx, tx, &t, s.stamp()); err != nil {
			return err
		}
		return s.emitPod(ctx, tx, snap)
	})
	return t, err
}

// replaceTemplate makes t's items the pod's template, giving each its id;
// no items: the pod has no template of its own.
func replaceTemplate(ctx context.Context, tx *sql.Tx, t *data.MeetingTemplate, now string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM pod_template_items WHERE pod_id = ?`, t.PodID); err != nil {
		return err
	}
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
}

// ResetMeetingTemplate removes the pod's own template.
func (s *DB) ResetMeetingTemplate(ctx context.Context, podID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getPod(ctx, tx, podID); err != nil {
			return err
		}
		snap, err := s.snapPod(ctx, tx, podID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pod_template_items WHERE pod_id = ?`, podID); err != nil {
			return err
		}
		return s.emitPod(ctx, tx, snap)
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

// templateField is the pod's own meeting template as a field of its form
// (see podForm): a JSON list of its items, "[]" when the pod has none and
// uses the built-in one. The whole template is one value, last writer
// wins: two laptops' templates are never merged item by item into one
// neither made.
const templateField = "meeting_template"

// templateLine is one item of the template as the field carries it.
type templateLine struct {
	Standing string `json:"standing,omitempty"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Minutes  int    `json:"minutes"`
}

// templateValue is the pod's template as templateField holds it.
func templateValue(ctx context.Context, tx *sql.Tx, podID int64) (string, error) {
	t, err := podTemplate(ctx, tx, podID)
	if err != nil {
		return "", err
	}
	lines := []templateLine{}
	if !t.Default {
		for _, it := range t.Items {
			lines = append(lines, templateLine{Standing: string(it.Standing), Title: it.Title, Kind: string(it.Kind), Minutes: it.Minutes})
		}
	}
	b, err := json.Marshal(lines)
	return string(b), err
}

// writeTemplateField takes another laptop's template (v, as templateField
// holds it) for the pod: why it is refused, or "" once it is the pod's.
func writeTemplateField(ctx context.Context, tx *sql.Tx, podID int64, v any, now string) (string, error) {
	var lines []templateLine
	text, _ := v.(string)
	if json.Unmarshal([]byte(text), &lines) != nil {
		return "the meeting template is not a list of items", nil
	}
	t := data.MeetingTemplate{PodID: podID}
	for _, l := range lines {
		t.Items = append(t.Items, data.TemplateItem{Standing: data.StandingKind(l.Standing), Title: l.Title, Kind: data.ItemKind(l.Kind), Minutes: l.Minutes})
	}
	if len(t.Items) > 0 {
		t.Normalize()
		if err := t.Validate(); err != nil {
			return "the meeting template: " + err.Error(), nil
		}
	}
	return "", replaceTemplate(ctx, tx, &t, now)
}
