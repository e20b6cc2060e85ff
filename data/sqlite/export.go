package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
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
		if strings.HasPrefix(name, "sqlite_") {
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
	err := s.tx(ctx, func(tx *sql.Tx) error {
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

// ImportError names the record and field that made an import fail.
type ImportError struct {
	Table  string
	Index  int // position in the file's list for that table
	ID     any
	Field  string
	Reason string
}

func (e *ImportError) Error() string {
	where := e.Table
	if e.Index >= 0 {
		where += fmt.Sprintf("[%d]", e.Index)
		if e.ID != nil {
			where += fmt.Sprintf(" (id %v)", e.ID)
		}
	}
	if e.Field != "" {
		where += "." + e.Field
	}
	return where + ": " + e.Reason
}

func (e *ImportError) Is(target error) bool { return target == data.ErrInvalid }

// ImportJSON loads an export into this database, which must hold no pods
// yet. Everything is checked first and written in one transaction: when any
// record is wrong, nothing is written and the error names it.
func (s *DB) ImportJSON(ctx context.Context, r io.Reader) error {
	dec := json.NewDecoder(io.LimitReader(r, 1<<30))
	dec.UseNumber()
	var exp Export
	if err := dec.Decode(&exp); err != nil {
		return &ImportError{Index: -1, Reason: "the file is not a Triad export (" + err.Error() + ")"}
	}
	if exp.Format != ExportFormat {
		return &ImportError{Index: -1, Field: "format", Reason: fmt.Sprintf("is %q, not %q: this is not a Triad export", exp.Format, ExportFormat)}
	}
	if exp.Version != ExportVersion {
		return &ImportError{Index: -1, Field: "version", Reason: fmt.Sprintf("export format version %d is not one this Triad reads (%d)", exp.Version, ExportVersion)}
	}
	if exp.Schema < 1 || exp.Schema > SchemaVersion() {
		return &ImportError{Index: -1, Field: "schema", Reason: fmt.Sprintf("database version %d; this Triad reads up to %d", exp.Schema, SchemaVersion())}
	}
	if exp.Schema != SchemaVersion() {
		return &ImportError{Index: -1, Field: "schema", Reason: fmt.Sprintf("the export is of database version %d; export it again with this version of Triad (%d)", exp.Schema, SchemaVersion())}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		tables, err := exportTables(ctx, tx)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, t := range tables {
			known[t] = true
		}
		for t := range exp.Tables {
			if !known[t] {
				return &ImportError{Table: t, Index: -1, Reason: "is not a table Triad knows"}
			}
		}
		if n := len(exp.Tables["settings"]); n != 1 {
			return &ImportError{Table: "settings", Index: -1, Reason: fmt.Sprintf("exactly one record is expected, the file has %d", n)}
		}
		// Rows may point at later rows of their own table (a decision
		// superseded by a later one): check links once everything is in.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		var pods int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pods`).Scan(&pods); err != nil {
			return err
		}
		if pods > 0 {
			return data.KindError(data.ErrConflict, "%s already holds pods; import only into a new or empty database", s.path)
		}
		for _, t := range tables {
			cols, err := tableColumns(ctx, tx, t)
			if err != nil {
				return err
			}
			if t == "settings" {
				// A new database has its default settings row; the file's replaces it.
				if _, err := tx.ExecContext(ctx, `DELETE FROM settings`); err != nil {
					return err
				}
			}
			for i, row := range exp.Tables[t] {
				if err := insertRow(ctx, tx, t, cols, i, row); err != nil {
					return err
				}
			}
		}
		// Foreign keys are checked per statement; this also reports any row
		// whose parent is missing, naming the table.
		fk, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
		if err != nil {
			return err
		}
		if fk.Next() {
			var table, parent string
			var rowid sql.NullInt64
			var idx int
			fk.Scan(&table, &rowid, &parent, &idx)
			fk.Close()
			return &ImportError{Table: table, Index: -1, Reason: fmt.Sprintf("row %d refers to a missing %s record", rowid.Int64, parent)}
		}
		fk.Close()
		// The same validation a person's input gets, on what was loaded.
		for _, validate := range importValidators {
			if err := validate(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// importValidators check imported records with the domain's own rules,
// inside the import transaction. Each feature adds its types from an init
// in its own file.
var importValidators = []func(ctx context.Context, tx *sql.Tx) error{
	validateImportedSettings,
	validateImportedPods,
}

func validateImportedSettings(ctx context.Context, tx *sql.Tx) error {
	st, err := readSettings(ctx, tx)
	if err != nil {
		return &ImportError{Table: "settings", Index: 0, Reason: "the record must have id 1 (" + err.Error() + ")"}
	}
	if err := st.Validate(); err != nil {
		return &ImportError{Table: "settings", Index: 0, ID: 1, Reason: err.Error()}
	}
	return nil
}

func validateImportedPods(ctx context.Context, tx *sql.Tx) error {
	pods, err := queryPods(ctx, tx, "ORDER BY id")
	if err != nil {
		return err
	}
	for i, p := range pods {
		for _, l := range p.Leaders {
			if l.ID == 0 {
				return &ImportError{Table: "pod_members", Index: -1, Reason: fmt.Sprintf("pod %d (%s) has no %s", p.ID, p.Name, l.Role.Title())}
			}
		}
		if err := p.Validate(); err != nil {
			var ve *data.ValidationError
			field := ""
			if errors.As(err, &ve) && len(ve.Problems) > 0 {
				field = ve.Problems[0].Field
			}
			return &ImportError{Table: "pods", Index: i, ID: p.ID, Field: field, Reason: err.Error()}
		}
	}
	return nil
}

type column struct {
	name    string
	typ     string
	notNull bool
	hasDef  bool
}

func tableColumns(ctx context.Context, tx *sql.Tx, table string) (map[string]column, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value IS NOT NULL, pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := map[string]column{}
	for rows.Next() {
		var c column
		var pk int
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.hasDef, &pk); err != nil {
			return nil, err
		}
		c.typ = strings.ToUpper(c.typ)
		if pk > 0 && c.typ == "INTEGER" {
			c.hasDef = true // rowid alias
		}
		cols[c.name] = c
	}
	return cols, rows.Err()
}

func insertRow(ctx context.Context, tx *sql.Tx, table string, cols map[string]column, i int, row map[string]any) error {
	id := row["id"]
	bad := func(field, reason string) error {
		return &ImportError{Table: table, Index: i, ID: id, Field: field, Reason: reason}
	}
	names := make([]string, 0, len(row))
	for name := range row {
		if _, ok := cols[name]; !ok {
			return bad(name, "is not a field of "+table)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	for name, c := range cols {
		if v, ok := row[name]; c.notNull && !c.hasDef && (!ok || v == nil) {
			return bad(name, "is required")
		}
	}
	args := make([]any, len(names))
	quoted := make([]string, len(names))
	for j, name := range names {
		v, err := importValue(cols[name], row[name])
		if err != nil {
			return bad(name, err.Error())
		}
		args[j] = v
		quoted[j] = `"` + name + `"`
	}
	q := `INSERT INTO "` + table + `" (` + strings.Join(quoted, ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + `)`
	if len(names) == 0 {
		q = `INSERT INTO "` + table + `" DEFAULT VALUES`
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
			return bad("", "refused by the database: "+se.Error())
		}
		return err
	}
	return nil
}

// importValue converts a JSON value to what the column stores, refusing
// a type that does not fit.
func importValue(c column, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		if strings.Contains(c.typ, "INT") {
			n, err := x.Int64()
			if err != nil {
				return nil, fmt.Errorf("must be a whole number, not %s", x)
			}
			return n, nil
		}
		if strings.Contains(c.typ, "TEXT") {
			return nil, fmt.Errorf("must be text, not the number %s", x)
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("is not a number: %s", x)
		}
		return f, nil
	case string:
		if strings.Contains(c.typ, "INT") || strings.Contains(c.typ, "REAL") {
			return nil, fmt.Errorf("must be a number, not the text %q", truncate(x, 40))
		}
		return x, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case map[string]any:
		if b64, ok := x["base64"].(string); ok && len(x) == 1 {
			b, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				return nil, fmt.Errorf("has bad base64 data")
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("has a value of the wrong kind (%T)", v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// exportBytes is ExportJSON into memory, for tests and round trips.
func (s *DB) exportBytes(ctx context.Context) ([]byte, error) {
	var b bytes.Buffer
	err := s.ExportJSON(ctx, &b)
	return b.Bytes(), err
}
