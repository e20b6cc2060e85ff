package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"triad/data"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// AppID is PRAGMA application_id of every Triad database ('TRIA').
const AppID = 0x54524941

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded steps in order. Files are named
// NNNN_name.sql with increasing numbers. A number may be missing (steps
// are written on separate branches, each reserving its own number), but
// never repeated: user_version is the number of the last step applied.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version < 1 || (i > 0 && m.version == ms[i-1].version) {
			return nil, fmt.Errorf("migration %s: its number must be positive and unique", m.name)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema this build of Triad writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are part of the binary; tests catch this
	}
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate brings db from its user_version up to target, one transaction per
// step, so a failure leaves the database at the last complete version.
func migrate(ctx context.Context, db *sql.DB, target int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version <= current || m.version > target {
			continue
		}
		if err := applyMigration(ctx, db, m); err != nil {
			return fmt.Errorf("upgrading the database to version %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// afterMigration holds the steps SQL alone cannot take, run in the same
// transaction as the numbered file.
var afterMigration = map[int]func(ctx context.Context, tx *sql.Tx) error{
	// Existing pods get the machine's zone, as a pod created here would.
	9: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE pods SET time_zone = ? WHERE time_zone = ''`, data.MachineZone())
		return err
	},
}

func applyMigration(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if after := afterMigration[m.version]; after != nil {
		if err := after(ctx, tx); err != nil {
			return err
		}
	}
	// PRAGMA takes no bound parameters; the version is an int we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	return tx.Commit()
}
