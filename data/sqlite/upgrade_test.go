package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestUpgradeFromEveryVersion builds a database at each earlier schema
// version from the migration files, fills every table that version has
// (testdata/fixtures/NNNN.sql, one file per migration), upgrades it by
// opening it, and checks every row it held is still there, column for column.
func TestUpgradeFromEveryVersion(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		v := m.version
		t.Run(fmt.Sprintf("from version %d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "triad.db")
			raw, err := sql.Open("sqlite3", dsn(path, "rwc"))
			if err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, raw, v); err != nil {
				t.Fatal(err)
			}
			for _, fm := range ms {
				f := fm.version
				if f > v {
					break
				}
				fixture, err := os.ReadFile(filepath.Join("testdata", "fixtures", fmt.Sprintf("%04d.sql", f)))
				if err != nil {
					t.Fatalf("every migration needs a fixture of its tables: %v", err)
				}
				if _, err := raw.Exec(string(fixture)); err != nil {
					t.Fatalf("fixture %04d: %v", f, err)
				}
			}
			before := dumpTables(t, raw)
			raw.Close()
			for table, rows := range before {
				if len(rows) == 0 {
					t.Errorf("version %d: table %s has no fixture rows", v, table)
				}
			}

			db, err := Open(path, Options{Check: "full"})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			after := dumpTables(t, db.db)
			for table, rows := range before {
				got := after[table]
				if len(got) != len(rows) {
					t.Errorf("%s: %d rows before the upgrade, %d after", table, len(rows), len(got))
					continue
				}
				for i := range rows {
					for col, val := range rows[i] {
						if !reflect.DeepEqual(got[i][col], val) {
							t.Errorf("%s row %d column %s: %v before, %v after", table, i, col, val, got[i][col])
						}
					}
				}
			}
			// And the upgraded database works.
			if _, err := db.Pods(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// dumpTables reads every user-data table (as export sees them), rows in rowid order.
func dumpTables(t *testing.T, db *sql.DB) map[string][]map[string]any {
	t.Helper()
	tables, err := exportTables(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]map[string]any{}
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `" ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		list := []map[string]any{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			row := map[string]any{}
			for i, c := range cols {
				row[c] = vals[i]
			}
			list = append(list, row)
		}
		rows.Close()
		out[table] = list
	}
	return out
}
