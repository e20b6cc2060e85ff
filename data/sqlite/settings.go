package sqlite

import (
	"context"
	"database/sql"
	"time"

	"triad/data"
)

// Settings returns the global defaults.
func (s *DB) Settings(ctx context.Context) (data.Settings, error) {
	var st data.Settings
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		st, err = readSettings(ctx, tx)
		return err
	})
	return st, err
}

func readSettings(ctx context.Context, tx *sql.Tx) (data.Settings, error) {
	var st data.Settings
	var sla, quota int64
	if err := tx.QueryRowContext(ctx, `SELECT deal_threshold, signoff_sla_minutes, maintenance_quota_bp, revenue_goal, currency,
		concentration_limit_bp
		FROM settings WHERE id = 1`).Scan(&st.DealThreshold, &sla, &quota, &st.RevenueGoal, &st.Currency,
		&st.ConcentrationLimit); err != nil {
		return st, err
	}
	st.SignOffSLA = time.Duration(sla) * time.Minute
	st.MaintenanceQuota = data.Percent(quota)
	return st, nil
}

// SaveSettings validates and stores the global defaults.
func (s *DB) SaveSettings(ctx context.Context, st data.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE settings SET deal_threshold = ?, signoff_sla_minutes = ?, maintenance_quota_bp = ?,
			revenue_goal = ?, currency = ?, concentration_limit_bp = ?, updated_at = ? WHERE id = 1`,
			int64(st.DealThreshold), int64(st.SignOffSLA/time.Minute), int64(st.MaintenanceQuota),
			int64(st.RevenueGoal), st.Currency, int64(st.ConcentrationLimit), s.stamp())
		return err
	})
}

// EffectiveSettings returns the rules pod plays by: the global defaults
// with the pod's overrides on top.
func (s *DB) EffectiveSettings(ctx context.Context, podID int64) (data.Settings, error) {
	var st data.Settings
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		global, err := readSettings(ctx, tx)
		if err != nil {
			return err
		}
		p, err := getPod(ctx, tx, podID)
		if err != nil {
			return err
		}
		st = p.Overrides.Apply(global)
		return nil
	})
	return st, err
}
