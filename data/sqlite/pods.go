package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
)

const podColumns = `id, name, description, meeting_weekday, meeting_time_minutes,
	deal_threshold, signoff_sla_minutes, maintenance_quota_bp, revenue_goal, currency,
	concentration_limit_bp, created_at, updated_at, time_zone, coalesce(uid, '')`

// Pods returns every pod with its leaders, by name.
func (s *DB) Pods(ctx context.Context) ([]data.Pod, error) {
	var pods []data.Pod
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		pods, err = queryPods(ctx, tx, "ORDER BY name COLLATE NOCASE, id")
		return err
	})
	return pods, err
}

// Pod returns one pod with its leaders.
func (s *DB) Pod(ctx context.Context, id int64) (data.Pod, error) {
	var p data.Pod
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = getPod(ctx, tx, id)
		return err
	})
	return p, err
}

// CreatePod validates and stores a new pod and its three leaders.
func (s *DB) CreatePod(ctx context.Context, p data.Pod) (data.Pod, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return data.Pod{}, err
	}
	if p.TimeZone == "" {
		p.TimeZone = data.MachineZone() // the pod meets where it is created unless told otherwise
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := checkPodNameFree(ctx, tx, p.Name, 0); err != nil {
			return err
		}
		now := s.stamp()
		res, err := tx.ExecContext(ctx, `INSERT INTO pods (name, description, meeting_weekday, meeting_time_minutes,
			deal_threshold, signoff_sla_minutes, maintenance_quota_bp, revenue_goal, currency, concentration_limit_bp,
			created_at, updated_at, time_zone)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append([]any{p.Name, p.Description, int(p.MeetingDay), int(p.MeetingTime)}, append(overrideArgs(p.Overrides), now, now, p.TimeZone)...)...)
		if err != nil {
			return mapConstraint(err, p.Name)
		}
		p.ID, _ = res.LastInsertId()
		for i := range p.Leaders {
			l := &p.Leaders[i]
			res, err := tx.ExecContext(ctx, `INSERT INTO pod_members (pod_id, role, name, email) VALUES (?, ?, ?, ?)`,
				p.ID, string(l.Role), l.Name, l.Email)
			if err != nil {
				return err
			}
			l.ID, _ = res.LastInsertId()
		}
		if err := saveDelegates(ctx, tx, p.ID, p.Delegates); err != nil {
			return err
		}
		p, err = getPod(ctx, tx, p.ID)
		return err
	})
	if err != nil {
		return data.Pod{}, err
	}
	return p, nil
}

// UpdatePod validates and saves a pod's fields and leaders. Member ids stay
// the same when the person in a seat changes.
func (s *DB) UpdatePod(ctx context.Context, p data.Pod) (data.Pod, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return data.Pod{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		stored, err := getPod(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if p.TimeZone == "" {
			p.TimeZone = stored.TimeZone // a caller that does not know zones keeps the pod's
		}
		if err := checkPodNameFree(ctx, tx, p.Name, p.ID); err != nil {
			return err
		}
		snap, err := s.snapPod(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE pods SET name = ?, description = ?, meeting_weekday = ?, meeting_time_minutes = ?,
			deal_threshold = ?, signoff_sla_minutes = ?, maintenance_quota_bp = ?, revenue_goal = ?, currency = ?,
			concentration_limit_bp = ?, updated_at = ?, time_zone = ?
			WHERE id = ?`,
			append([]any{p.Name, p.Description, int(p.MeetingDay), int(p.MeetingTime)}, append(overrideArgs(p.Overrides), s.stamp(), p.TimeZone, p.ID)...)...)
		if err != nil {
			return mapConstraint(err, p.Name)
		}
		for _, l := range p.Leaders {
			if _, err := tx.ExecContext(ctx, `INSERT INTO pod_members (pod_id, role, name, email) VALUES (?, ?, ?, ?)
				ON CONFLICT (pod_id, role) DO UPDATE SET name = excluded.name, email = excluded.email`,
				p.ID, string(l.Role), l.Name, l.Email); err != nil {
				return err
			}
		}
		if err := saveDelegates(ctx, tx, p.ID, p.Delegates); err != nil {
			return err
		}
		if err := s.emitPod(ctx, tx, snap); err != nil {
			return err
		}
		p, err = getPod(ctx, tx, p.ID)
		return err
	})
	if err != nil {
		return data.Pod{}, err
	}
	return p, nil
}

// DeletePod removes a pod and everything it holds.
func (s *DB) DeletePod(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.refuseUnsharedDelete(ctx, tx, id, "a pod"); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM pods WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.NotFoundf("That pod no longer exists")
		}
		return nil
	})
}

// podUsageQueries count what a pod holds, for the delete prompt: one
// line for each table a pod's deletion empties (a migration that adds such
// a table adds its line here).
func podUsageQueries() []struct{ label, query string } {
	return []struct{ label, query string }{
		{"meetings", `SELECT count(*) FROM meetings WHERE pod_id = ?`},
		{"deal-desk requests", `SELECT count(*) FROM deal_requests WHERE pod_id = ?`},
		{"decisions", `SELECT count(*) FROM decisions WHERE pod_id = ?`},
		{"agenda items", `SELECT count(*) FROM agenda_items WHERE meeting_id IN (SELECT id FROM meetings WHERE pod_id = ?)`},
		{"action items", `SELECT count(*) FROM action_items WHERE pod_id = ?`},
		{"roadmap items", `SELECT count(*) FROM roadmap_items WHERE pod_id = ?`},
		{"debt-check snapshots", `SELECT count(*) FROM debt_snapshots WHERE pod_id = ?`},
		{"template items", `SELECT count(*) FROM pod_template_items WHERE pod_id = ?`},
	}
}

// PodUsage counts what deleting the pod would remove.
func (s *DB) PodUsage(ctx context.Context, id int64) (data.PodUsage, error) {
	var u data.PodUsage
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		for _, q := range podUsageQueries() {
			var n int
			if err := tx.QueryRowContext(ctx, q.query, id).Scan(&n); err != nil {
				return err
			}
			u = append(u, data.UsageCount{Label: q.label, N: n})
		}
		return nil
	})
	return u, err
}

// checkPodNameFree refuses a name another pod has, ignoring case in any script.
func checkPodNameFree(ctx context.Context, tx *sql.Tx, name string, self int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM pods WHERE id != ?`, self)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var other string
		if err := rows.Scan(&id, &other); err != nil {
			return err
		}
		if strings.EqualFold(other, name) {
			return &data.ValidationError{Problems: []data.Problem{{Field: "name", Message: "A pod named “" + other + "” already exists; choose another name"}}}
		}
	}
	return rows.Err()
}

func mapConstraint(err error, name string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return &data.ValidationError{Problems: []data.Problem{{Field: "name", Message: "A pod named “" + name + "” already exists; choose another name"}}}
	}
	return err
}

func getPod(ctx context.Context, tx *sql.Tx, id int64) (data.Pod, error) {
	pods, err := queryPods(ctx, tx, "WHERE id = ?", id)
	if err != nil {
		return data.Pod{}, err
	}
	if len(pods) == 0 {
		return data.Pod{}, data.NotFoundf("That pod no longer exists")
	}
	return pods[0], nil
}

func queryPods(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]data.Pod, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+podColumns+` FROM pods `+where, args...)
	if err != nil {
		return nil, err
	}
	var pods []data.Pod
	index := map[int64]int{}
	for rows.Next() {
		p := data.NewPod()
		var day, minutes int
		var threshold, sla, quota, goal, concentration sql.NullInt64
		var currency sql.NullString
		var created, updated string
		if err := rows.Scan(&p.ID, &p.Name, &p.Description, &day, &minutes,
			&threshold, &sla, &quota, &goal, &currency, &concentration, &created, &updated, &p.TimeZone, &p.UID); err != nil {
			rows.Close()
			return nil, err
		}
		p.MeetingDay, p.MeetingTime = time.Weekday(day), data.ClockTime(minutes)
		p.Overrides = overridesFrom(threshold, sla, quota, goal, currency)
		if concentration.Valid {
			v := data.Percent(concentration.Int64)
			p.Overrides.ConcentrationLimit = &v
		}
		p.CreatedAt, _ = data.ParseUTCTime(created)
		p.UpdatedAt, _ = data.ParseUTCTime(updated)
		index[p.ID] = len(pods)
		pods = append(pods, p)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(pods) == 0 {
		return pods, nil
	}
	// Leaders of the pods just read, in one query (rows above are closed
	// first: a nested query on open rows can starve a small pool).
	members, err := tx.QueryContext(ctx, `SELECT id, pod_id, role, name, email FROM pod_members`)
	if err != nil {
		return nil, err
	}
	defer members.Close()
	for members.Next() {
		var l data.Leader
		var podID int64
		var role string
		if err := members.Scan(&l.ID, &podID, &role, &l.Name, &l.Email); err != nil {
			return nil, err
		}
		l.Role = data.Role(role)
		i, ok := index[podID]
		if !ok {
			continue
		}
		if seat := pods[i].Leader(l.Role); seat != nil {
			*seat = l
		}
	}
	if err := members.Close(); err != nil {
		return nil, err
	}
	return pods, loadDelegates(ctx, tx, pods, index)
}

// saveDelegates replaces a pod's delegate list. History lines keep the
// names as they were, so taking someone off the list rewrites nothing.
func saveDelegates(ctx context.Context, tx *sql.Tx, podID int64, names []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM pod_delegates WHERE pod_id = ?`, podID); err != nil {
		return err
	}
	for i, n := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pod_delegates (pod_id, position, name) VALUES (?, ?, ?)`, podID, i, n); err != nil {
			return err
		}
	}
	return nil
}

func loadDelegates(ctx context.Context, tx *sql.Tx, pods []data.Pod, index map[int64]int) error {
	rows, err := tx.QueryContext(ctx, `SELECT pod_id, name FROM pod_delegates ORDER BY pod_id, position, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var podID int64
		var name string
		if err := rows.Scan(&podID, &name); err != nil {
			return err
		}
		if i, ok := index[podID]; ok {
			pods[i].Delegates = append(pods[i].Delegates, name)
		}
	}
	return rows.Err()
}

func overrideArgs(o data.Overrides) []any {
	args := []any{nil, nil, nil, nil, nil, nil}
	if o.DealThreshold != nil {
		args[0] = int64(*o.DealThreshold)
	}
	if o.SignOffSLA != nil {
		args[1] = int64(*o.SignOffSLA / time.Minute)
	}
	if o.MaintenanceQuota != nil {
		args[2] = int64(*o.MaintenanceQuota)
	}
	if o.RevenueGoal != nil {
		args[3] = int64(*o.RevenueGoal)
	}
	if o.Currency != nil {
		args[4] = *o.Currency
	}
	if o.ConcentrationLimit != nil {
		args[5] = int64(*o.ConcentrationLimit)
	}
	return args
}

func overridesFrom(threshold, sla, quota, goal sql.NullInt64, currency sql.NullString) data.Overrides {
	var o data.Overrides
	if threshold.Valid {
		v := data.Money(threshold.Int64)
		o.DealThreshold = &v
	}
	if sla.Valid {
		v := time.Duration(sla.Int64) * time.Minute
		o.SignOffSLA = &v
	}
	if quota.Valid {
		v := data.Percent(quota.Int64)
		o.MaintenanceQuota = &v
	}
	if goal.Valid {
		v := data.Money(goal.Int64)
		o.RevenueGoal = &v
	}
	if currency.Valid {
		v := currency.String
		o.Currency = &v
	}
	return o
}
