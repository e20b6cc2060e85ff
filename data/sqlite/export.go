package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
)

// ExportFormat names Triad's JSON export; ExportVersion is its version.
// Version 1: {"format", "version", "schema", "tables": {table: [row…]}},
// each row an object of column -> value with the row's own id, rows in id
// order, tables by name. Money is integer cents, times UTC text, as stored.
const (
	ExportFormat  = "triad-export"
	ExportVersion = 1
)

// Export is the whole database as one JSON document.
type Export struct {
	Format  string                      `json:"format"`
	Version int                         `json:"version"`
	Schema  int                         `json:"schema"`
	Tables  map[string][]map[string]any `json:"tables"`
}

// exportTables lists the tables that hold user data, parents before
// children (by their foreign keys), leaving out SQLite's own tables and
// full-text indexes, which triggers rebuild on import.
func exportTables(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var all []string
	virtual := map[string]bool{}
	for rows.Next() {
		var name string
		var ddl sql.NullString
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return nil, err
		}
		// sync_*: a team replica's own state (its outbox, the events it
		// took or refused, who holds which seat), not the records: an
		// export, and a database imported from it, belongs to no team.
		if strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "sync_") {
			continue
		}
		if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(ddl.String)), "CREATE VIRTUAL TABLE") {
			virtual[name] = true
		}
		all = append(all, name)
	}
	rows.Close()
	var tables []string
	for _, name := range all {
		skip := virtual[name]
		for v := range virtual { // FTS5 shadow tables: <name>_data, _idx, _content, _docsize, _config
			if strings.HasPrefix(name, v+"_") {
				skip = true
			}
		}
		if !skip {
			tables = append(tables, name)
		}
	}
	// Order parents first.
	deps := map[string][]string{}
	for _, t := range tables {
		fk, err := q.QueryContext(ctx, `SELECT "table" FROM pragma_foreign_key_list(?)`, t)
		if err != nil {
			return nil, err
		}
		for fk.Next() {
			var parent string
			fk.Scan(&parent)
			if parent != t {
				deps[t] = append(deps[t], parent)
			}
		}
		fk.Close()
	}
	// Links a trigger checks (0006_links.sql) order the import as
	// foreign keys do: the trigger refuses a row whose target is not in yet.
	for child, parents := range triggerLinks {
		deps[child] = append(deps[child], parents...)
	}
	var ordered []string
	done := map[string]bool{}
	var visit func(string)
	visit = func(t string) {
		if done[t] {
			return
		}
		done[t] = true
		for _, p := range deps[t] {
			visit(p)
		}
		ordered = append(ordered, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return ordered, nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ExportJSON writes the whole database as indented JSON.
func (s *DB) ExportJSON(ctx context.Context, w io.Writer) error {
	exp := Export{Format: ExportFormat, Version: ExportVersion, Tables: map[string][]map[string]any{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&exp.Schema); err != nil {
			return err
		}
		tables, err := exportTables(ctx, tx)
		if err != nil {
			return err
		}
		for _, t := range tables {
			rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+t+`" ORDER BY rowid`)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			list := []map[string]any{}
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				row := map[string]any{}
				for i, c := range cols {
					if b, ok := vals[i].([]byte); ok {
						row[c] = map[string]string{"base64": base64.StdEncoding.EncodeToString(b)}
					} else {
						row[c] = vals[i]
					}
				}
				list = append(list, row)
			}
			rows.Close()
			exp.Tables[t] = list
		}
		return nil
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(exp)
}

// exportBytes is ExportJSON into memory, for tests and round trips.
func (s *DB) exportBytes(ctx context.Context) ([]byte, error) {
	var b bytes.Buffer
	err := s.ExportJSON(ctx, &b)
	return b.Bytes(), err
}
