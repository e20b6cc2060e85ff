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
	"time"
	"unicode/utf8"

	sqlite3 "github.com/mattn/go-sqlite3"

	"triad/data"
)

// maxImportBytes bounds what an import reads: far past any real history,
// and short of what would take the laptop's memory.
const maxImportBytes = 1 << 30

// ImportError names the record and field that made an import fail.
type ImportError struct {
	Table  string
	Index  int // position in the file's list for that table; -1 for the table or file as a whole
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
		if where != "" {
			where += "."
		}
		where += e.Field
	}
	if where == "" {
		return e.Reason
	}
	return where + ": " + e.Reason
}

func (e *ImportError) Is(target error) bool { return target == data.ErrInvalid }

// ImportJSON loads an export into this database, which must hold no pods
// yet. Everything is checked first and written in one transaction: when any
// record is wrong, nothing is written and the error names it.
//
// Every record goes through the rules a person's input gets in the window,
// and what Triad derives from a rule (a request's due time, a debt check's
// band, an agenda item's time spent) is computed again rather than taken
// from the file, so a hand-edited export cannot make the minutes misjudge.
func (s *DB) ImportJSON(ctx context.Context, r io.Reader) error {
	raw, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return &ImportError{Index: -1, Reason: "cannot read the file: " + err.Error()}
	}
	if len(raw) > maxImportBytes {
		return &ImportError{Index: -1, Reason: "the file is larger than 1 GiB; that is not a Triad export"}
	}
	exp, err := parseExport(raw)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var pods int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pods`).Scan(&pods); err != nil {
			return err
		}
		if pods > 0 {
			return data.KindError(data.ErrConflict, "%s already holds pods; import only into a new or empty database", s.path)
		}
		imp, err := newImporter(ctx, tx, exp, s.now())
		if err != nil {
			return err
		}
		if err := imp.check(); err != nil {
			return err
		}
		imp.derive()
		// Rows may point at later rows of their own table (a decision
		// superseded by a later one): check links once everything is in.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		// A new database has its default settings row; the file's replaces it.
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings`); err != nil {
			return err
		}
		for _, t := range imp.tables {
			for i, row := range imp.rows[t] {
				if err := imp.insert(t, i, row); err != nil {
					return err
				}
			}
		}
		if err := imp.foreignKeyCheck(); err != nil {
			return err
		}
		// The same validation a person's input gets, on what was loaded.
		for _, v := range importValidators {
			if err := v(imp); err != nil {
				return err
			}
		}
		return nil
	})
}

// parseExport reads the document's envelope and rows, with messages that
// speak of the file, never of Go's types.
func parseExport(raw []byte) (*Export, error) {
	// Notepad and other editors put a byte-order mark in front of UTF-8.
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &ImportError{Index: -1, Reason: "the file is empty; it is not a Triad export"}
	}
	if !utf8.Valid(raw) {
		return nil, &ImportError{Index: -1, Reason: "the file is not text in UTF-8, so it is not a Triad export"}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, &ImportError{Index: -1, Reason: "the file is not JSON, so it is not a Triad export (" + jsonProblem(raw, err) + ")"}
	}
	if dec.More() {
		return nil, &ImportError{Index: -1, Reason: "the file holds more than one JSON document; a Triad export is one"}
	}
	obj, ok := top.(map[string]any)
	if !ok {
		return nil, &ImportError{Index: -1, Reason: fmt.Sprintf("the file is JSON but holds %s, not a Triad export (an object with format, version, schema and tables)", jsonKind(top))}
	}
	for k := range obj {
		switch k {
		case "format", "version", "schema", "tables":
		default:
			return nil, &ImportError{Index: -1, Field: k, Reason: "is not part of a Triad export"}
		}
	}
	exp := &Export{Tables: map[string][]map[string]any{}}
	format, ok := obj["format"].(string)
	if v, there := obj["format"]; !there {
		return nil, &ImportError{Index: -1, Field: "format", Reason: fmt.Sprintf("is missing; a Triad export says %q", ExportFormat)}
	} else if !ok || format != ExportFormat {
		return nil, &ImportError{Index: -1, Field: "format", Reason: fmt.Sprintf("is %s, not %q: this is not a Triad export", jsonShown(v), ExportFormat)}
	}
	exp.Format = format
	whole := func(name string) (int, error) {
		n, ok := obj[name].(json.Number)
		if !ok {
			return 0, &ImportError{Index: -1, Field: name, Reason: "must be a whole number"}
		}
		v, err := n.Int64()
		if err != nil || v < 0 || v > 1<<30 {
			return 0, &ImportError{Index: -1, Field: name, Reason: fmt.Sprintf("must be a whole number, not %s", n)}
		}
		return int(v), nil
	}
	var err error
	if exp.Version, err = whole("version"); err != nil {
		return nil, err
	}
	if exp.Version != ExportVersion {
		return nil, &ImportError{Index: -1, Field: "version", Reason: fmt.Sprintf("export format version %d is not one this Triad reads (%d)", exp.Version, ExportVersion)}
	}
	if exp.Schema, err = whole("schema"); err != nil {
		return nil, err
	}
	if exp.Schema < 1 || exp.Schema > SchemaVersion() {
		return nil, &ImportError{Index: -1, Field: "schema", Reason: fmt.Sprintf("database version %d; this Triad reads up to %d", exp.Schema, SchemaVersion())}
	}
	if exp.Schema != SchemaVersion() {
		return nil, &ImportError{Index: -1, Field: "schema", Reason: fmt.Sprintf("the export is of database version %d; export it again with this version of Triad (%d)", exp.Schema, SchemaVersion())}
	}
	tables, ok := obj["tables"].(map[string]any)
	if !ok {
		return nil, &ImportError{Index: -1, Field: "tables", Reason: "must be an object holding each table's list of records"}
	}
	for _, name := range sortedKeys(tables) {
		v := tables[name]
		list, ok := v.([]any)
		if !ok {
			return nil, &ImportError{Table: name, Index: -1, Reason: fmt.Sprintf("must be a list of records, not %s", jsonKind(v))}
		}
		rows := make([]map[string]any, len(list))
		for i, item := range list {
			row, ok := item.(map[string]any)
			if !ok {
				return nil, &ImportError{Table: name, Index: i, Reason: fmt.Sprintf("must be a record (an object of field and value), not %s", jsonKind(item))}
			}
			rows[i] = row
		}
		exp.Tables[name] = rows
	}
	return exp, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonProblem words a decoding error with where it happened.
func jsonProblem(raw []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := 1, 1
		for _, b := range raw[:min(int(se.Offset), len(raw))] {
			if b == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return fmt.Sprintf("%s at line %d, column %d", se.Error(), line, col)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "it ends in the middle of a value"
	}
	return "it cannot be read as JSON"
}

// jsonKind names a JSON value's kind in words.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "true or false"
	case json.Number:
		return "a number"
	case string:
		return "text"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "a value of another kind"
}

// jsonShown is a short rendering of a value for a message.
func jsonShown(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", truncate(x, 40))
	case json.Number:
		return truncate(x.String(), 40)
	}
	return jsonKind(v)
}

type column struct {
	name    string
	typ     string
	notNull bool
	hasDef  bool
	pk      bool
}

// link is a column that points at another table's id.
type link struct {
	column, parent string
}

// importer holds one import: the file's rows converted to what the columns
// store, and where each record sits in the file, so an error names it.
type importer struct {
	ctx    context.Context
	tx     *sql.Tx
	now    time.Time
	tables []string // parents first
	cols   map[string]map[string]column
	links  map[string][]link
	file   map[string][]map[string]any // as read
	rows   map[string][]map[string]any // converted, derived facts recomputed
	index  map[string]map[int64]int    // table -> id -> position in the file

	// What the validators have read, for the ones after them.
	settings  data.Settings
	pods      map[int64]data.Pod
	meetings  map[int64]data.Meeting
	attendees map[int64]data.Attendee
}

func newImporter(ctx context.Context, tx *sql.Tx, exp *Export, now time.Time) (*importer, error) {
	tables, err := exportTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	imp := &importer{ctx: ctx, tx: tx, now: now, tables: tables, file: exp.Tables,
		cols: map[string]map[string]column{}, links: map[string][]link{},
		rows: map[string][]map[string]any{}, index: map[string]map[int64]int{}}
	known := map[string]bool{}
	for _, t := range tables {
		known[t] = true
	}
	for _, t := range sortedKeys(exp.Tables) {
		if !known[t] {
			return nil, &ImportError{Table: t, Index: -1, Reason: "is not a table Triad knows"}
		}
	}
	if n := len(exp.Tables["settings"]); n != 1 {
		return nil, &ImportError{Table: "settings", Index: -1, Reason: fmt.Sprintf("exactly one record is expected, the file has %d", n)}
	}
	for _, t := range tables {
		if imp.cols[t], err = tableColumns(ctx, tx, t); err != nil {
			return nil, err
		}
		fk, err := tx.QueryContext(ctx, `SELECT "from", "table" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, t)
		if err != nil {
			return nil, err
		}
		for fk.Next() {
			var l link
			if err := fk.Scan(&l.column, &l.parent); err != nil {
				fk.Close()
				return nil, err
			}
			imp.links[t] = append(imp.links[t], l)
		}
		if err := fk.Close(); err != nil {
			return nil, err
		}
	}
	for child, ls := range triggerColumns {
		imp.links[child] = append(imp.links[child], ls...)
	}
	return imp, nil
}

// triggerColumns are the links triggers check (see triggerLinks), by column.
var triggerColumns = map[string][]link{
	"decisions":        {{"agenda_item_id", "agenda_items"}},
	"decision_actions": {{"action_item_id", "action_items"}},
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
		c.pk = pk > 0
		if pk > 0 && c.typ == "INTEGER" {
			c.hasDef = true // rowid alias
		}
		cols[c.name] = c
	}
	return cols, rows.Err()
}

func (imp *importer) fail(table string, i int, field, format string, args ...any) error {
	var id any
	if i >= 0 && i < len(imp.file[table]) {
		if n, ok := imp.file[table][i]["id"].(json.Number); ok {
			id = truncate(n.String(), 20)
		}
	}
	return &ImportError{Table: table, Index: i, ID: id, Field: field, Reason: fmt.Sprintf(format, args...)}
}

// failByID names the record with the given id.
func (imp *importer) failByID(table string, id int64, field, reason string) error {
	i, ok := imp.index[table][id]
	if !ok {
		return &ImportError{Table: table, Index: -1, Field: field, Reason: fmt.Sprintf("record with id %d: %s", id, reason)}
	}
	return &ImportError{Table: table, Index: i, ID: id, Field: field, Reason: reason}
}

// failProblem reports the first problem of a domain validation error on
// the record with the given id, naming the column the problem is about.
func (imp *importer) failProblem(table string, id int64, err error, fields map[string]string) error {
	var ve *data.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		p := ve.Problems[0]
		field := p.Field
		if c, ok := fields[field]; ok {
			field = c
		}
		reason := p.Message
		if n := len(ve.Problems) - 1; n > 0 {
			reason += fmt.Sprintf(" (and %d more %s)", n, plural(n, "problem", "problems"))
		}
		return imp.failByID(table, id, field, reason)
	}
	return imp.failByID(table, id, "", err.Error())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// check converts every field of every record and refuses what no form
// could produce: unknown fields, wrong kinds, text past the longest note,
// times and days that are not real, ids twice, links to records that are
// not in the file.
func (imp *importer) check() error {
	for _, t := range imp.tables {
		cols := imp.cols[t]
		_, hasID := cols["id"]
		imp.index[t] = map[int64]int{}
		conv := make([]map[string]any, len(imp.file[t]))
		imp.rows[t] = conv
		for i, row := range imp.file[t] {
			out := make(map[string]any, len(row))
			for _, name := range sortedKeys(row) {
				v := row[name]
				c, ok := cols[name]
				if !ok {
					return imp.fail(t, i, name, "is not a field of %s", t)
				}
				val, err := importValue(c, v)
				if err != nil {
					return imp.fail(t, i, name, "%s", err)
				}
				if msg := checkFormat(name, val); msg != "" {
					return imp.fail(t, i, name, "%s", msg)
				}
				out[name] = val
			}
			for _, name := range sortedKeys(cols) {
				c := cols[name]
				if v, ok := out[name]; c.notNull && !c.hasDef && (!ok || v == nil) {
					return imp.fail(t, i, name, "is required")
				}
			}
			if hasID {
				id, ok := out["id"].(int64)
				switch {
				case !ok:
					return imp.fail(t, i, "id", "is required: other records refer to this one by it")
				case id <= 0:
					return imp.fail(t, i, "id", "must be a positive whole number, not %d", id)
				}
				if j, dup := imp.index[t][id]; dup {
					return imp.fail(t, i, "id", "is %d, the same as %s[%d]; each record needs its own id", id, t, j)
				}
				imp.index[t][id] = i
			}
			conv[i] = out
		}
	}
	for _, t := range imp.tables {
		for _, l := range imp.links[t] {
			for i, row := range imp.rows[t] {
				v, ok := row[l.column].(int64)
				if !ok {
					continue
				}
				if _, there := imp.index[l.parent][v]; !there {
					return imp.fail(t, i, l.column, "refers to %s record %d, which is not in the file", l.parent, v)
				}
			}
		}
	}
	return nil
}

// maxImportValue bounds one value of any field. What a person types has
// its own, far smaller limit, checked with the record's rules; this one
// keeps a value nobody could use from reaching them at all.
const maxImportValue = 16 << 20

// checkFormat checks a value against what its column holds by name:
// times, calendar days and quarters. An empty string in place of a time
// or day is refused: the file writes "no value" as null.
func checkFormat(name string, v any) string {
	s, ok := v.(string)
	if !ok {
		if b, isBytes := v.([]byte); isBytes && len(b) > maxImportValue {
			return "is too large (more than 16 MiB)"
		}
		return ""
	}
	if len(s) > maxImportValue {
		return "is too long (more than 16 MiB of text)"
	}
	switch {
	case name == "at" || strings.HasSuffix(name, "_at"):
		t, err := data.ParseUTCTime(s)
		if err != nil || s == "" || data.UTCTime(t) != s {
			return fmt.Sprintf("is %q, which is not a time; times are UTC, written YYYY-MM-DDTHH:MM:SS.sssZ, e.g. 2026-11-25T09:00:00.000Z", truncate(s, 40))
		}
		if t.Year() < 1900 || t.Year() > 2200 {
			return fmt.Sprintf("is %q; use a year between 1900 and 2200", s)
		}
	case name == "date" || name == "due" || strings.HasSuffix(name, "_date") || strings.HasSuffix(name, "_on"):
		d, err := data.ParseDate(s)
		if err != nil || d.String() != s {
			return fmt.Sprintf("is %q, which is not a day on the calendar; write days as YYYY-MM-DD, e.g. 2026-11-25", truncate(s, 40))
		}
	case name == "window_from" || name == "window_to":
		q, err := data.ParseQuarter(s)
		if err != nil || q.String() != s {
			return fmt.Sprintf("is %q, which is not a quarter; write quarters as YYYY-Qn, e.g. 2026-Q4", truncate(s, 40))
		}
	}
	return ""
}

// derive computes again what Triad derives from a rule, over whatever the
// file says: the file records the inputs, the rule gives the rest. A
// request's due time follows from its receipt, value and recorded rule; a
// debt check's ratio, band, shortfall and unestimated count from its
// figures; an agenda item's time spent from its clock intervals.
func (imp *importer) derive() {
	// An export from before global ids: each history line gets its own
	// (pods and requests get theirs from a trigger as they are inserted).
	for _, row := range imp.rows["deal_history"] {
		if _, there := imp.cols["deal_history"]["uid"]; there && row["uid"] == nil {
			row["uid"] = newUID()
		}
	}
	// A request's history, in the order the deal desk reads it, says when
	// its current sign-off round started (data.SignOffClock).
	history := map[int64][]data.DealEvent{}
	hist := append([]map[string]any(nil), imp.rows["deal_history"]...)
	sort.SliceStable(hist, func(i, j int) bool {
		a, _ := hist[i]["id"].(int64)
		b, _ := hist[j]["id"].(int64)
		return a < b
	})
	for _, row := range hist {
		req, _ := row["request_id"].(int64)
		at, _ := row["at"].(string)
		from, _ := row["from_state"].(string)
		to, _ := row["to_state"].(string)
		e := data.DealEvent{From: data.DealState(from), To: data.DealState(to)}
		e.At, _ = data.ParseUTCTime(at)
		history[req] = append(history[req], e)
	}
	for _, row := range imp.rows["deal_requests"] {
		id, _ := row["id"].(int64)
		value, _ := row["value"].(int64)
		needsNew, _ := row["needs_new_feature"].(int64)
		threshold, _ := row["rule_threshold"].(int64)
		sla, _ := row["rule_sla_minutes"].(int64)
		received, _ := row["received_at"].(string)
		state, _ := row["state"].(string)
		r := data.DealRequest{Value: data.Money(value), NeedsNewFeature: needsNew == 1, State: data.DealState(state),
			Rule: data.DealRule{Threshold: data.Money(threshold)}}
		r.ReceivedAt, _ = data.ParseUTCTime(received)
		// A resubmitted or reopened request's round starts when it went
		// back into the queue, so it is not overdue the moment it returns.
		row["sla_started_at"] = nil
		clock := data.SignOffClock(r, history[id], time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))
		if clock.Restarted {
			row["sla_started_at"] = data.UTCTime(clock.Start)
		}
		row["due_at"] = nil
		if r.NeedsSignOff() && sla > 0 && sla <= 1<<31 {
			row["due_at"] = data.UTCTime(data.DueAt(clock.Start, time.Duration(sla)*time.Minute))
		}
	}
	for _, row := range imp.rows["debt_snapshots"] {
		// The count of unestimated items is the list of their titles, one a line.
		row["unestimated_items"] = int64(0)
		if titles, _ := row["unestimated_titles"].(string); titles != "" {
			row["unestimated_items"] = int64(strings.Count(titles, "\n") + 1)
		}
		m, _ := row["maintenance_tenths"].(int64)
		t, _ := row["total_tenths"].(int64)
		q, _ := row["quota_bp"].(int64)
		if m < 0 || t < m || t > int64(data.MaxSnapshotEffort) || q < 0 || q > 10000 {
			continue // refused by the snapshot's own check, with the field named
		}
		c := data.DebtCheck{Maintenance: data.Effort(m), Total: data.Effort(t), Quota: data.Percent(q)}
		c.Judge()
		row["ratio_bp"], row["band"], row["shortfall_tenths"] = int64(c.Ratio), string(c.Band), int64(c.Shortfall)
		row["unreachable"] = int64(0)
		if c.Unreachable {
			row["unreachable"] = int64(1)
		}
	}
	intervals := map[int64][]data.Interval{}
	for _, row := range imp.rows["agenda_item_intervals"] {
		item, _ := row["item_id"].(int64)
		var iv data.Interval
		s, _ := row["started_at"].(string)
		e, _ := row["ended_at"].(string)
		iv.Start, _ = data.ParseUTCTime(s)
		iv.End, _ = data.ParseUTCTime(e)
		intervals[item] = append(intervals[item], iv)
	}
	for _, row := range imp.rows["agenda_items"] {
		id, _ := row["id"].(int64)
		row["actual_seconds"] = int64(data.ActualSeconds(intervals[id]))
	}
}

func (imp *importer) insert(table string, i int, row map[string]any) error {
	names := make([]string, 0, len(row))
	for name := range row {
		names = append(names, name)
	}
	sort.Strings(names)
	args := make([]any, len(names))
	quoted := make([]string, len(names))
	for j, name := range names {
		args[j] = row[name]
		quoted[j] = `"` + name + `"`
	}
	q := `INSERT INTO "` + table + `" (` + strings.Join(quoted, ", ") + `) VALUES (` + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + `)`
	if len(names) == 0 {
		q = `INSERT INTO "` + table + `" DEFAULT VALUES`
	}
	if _, err := imp.tx.ExecContext(imp.ctx, q, args...); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
			field, reason := constraintWords(table, imp.cols[table], se.Error())
			return imp.fail(table, i, field, "%s", reason)
		}
		return err
	}
	return nil
}

// constraintWords turns SQLite's constraint message into the field it is
// about and a sentence, so nobody reads a CHECK expression.
func constraintWords(table string, cols map[string]column, msg string) (field, reason string) {
	colsIn := func(list string) []string {
		var out []string
		for _, part := range strings.Split(list, ",") {
			part = strings.TrimSpace(part)
			part = strings.TrimPrefix(part, table+".")
			if _, ok := cols[part]; ok {
				out = append(out, part)
			}
		}
		return out
	}
	switch {
	case strings.HasPrefix(msg, "UNIQUE constraint failed: "):
		fs := colsIn(strings.TrimPrefix(msg, "UNIQUE constraint failed: "))
		if len(fs) == 1 {
			return fs[0], "another " + table + " record has the same " + fs[0] + "; each must be different"
		}
		return strings.Join(fs, ", "), "another " + table + " record has the same " + strings.Join(fs, " and ")
	case strings.HasPrefix(msg, "NOT NULL constraint failed: "):
		fs := colsIn(strings.TrimPrefix(msg, "NOT NULL constraint failed: "))
		return strings.Join(fs, ", "), "is required"
	case strings.HasPrefix(msg, "CHECK constraint failed: "):
		expr := strings.TrimPrefix(msg, "CHECK constraint failed: ")
		// The columns the rule speaks of, in the order it names them.
		at := map[string]int{}
		var named []string
		for name := range cols {
			if i := wordIndex(expr, name); i >= 0 {
				at[name] = i
				named = append(named, name)
			}
		}
		sort.Slice(named, func(i, j int) bool { return at[named[i]] < at[named[j]] })
		switch len(named) {
		case 0:
			return "", "a value is outside what Triad allows for this record"
		case 1:
			return named[0], "is not a value Triad allows here"
		}
		return named[0], "does not fit with " + strings.Join(named[1:], " and ") + " on the same record"
	case strings.HasPrefix(msg, "FOREIGN KEY constraint failed"):
		if _, col, ok := strings.Cut(msg, "."); ok {
			return col, "refers to a record that is not in the file"
		}
		return "", "refers to a record that is not in the file"
	}
	// A trigger's own sentence (the history is append-only, …) is already words.
	return "", msg
}

// wordIndex is where name first occurs in expr as a whole identifier, or -1.
func wordIndex(expr, name string) int {
	ident := func(b byte) bool {
		return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	for i := 0; ; {
		j := strings.Index(expr[i:], name)
		if j < 0 {
			return -1
		}
		j += i
		end := j + len(name)
		if (j == 0 || !ident(expr[j-1])) && (end == len(expr) || !ident(expr[end])) {
			return j
		}
		i = j + 1
	}
}

// foreignKeyCheck reports a link SQLite finds broken once every row is
// in, naming the field; check() has caught the usual ones already.
func (imp *importer) foreignKeyCheck() error {
	fk, err := imp.tx.QueryContext(imp.ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer fk.Close()
	if !fk.Next() {
		return fk.Err()
	}
	var table, parent string
	var rowid sql.NullInt64
	var fkid int
	if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
		return err
	}
	field := ""
	if ls := imp.links[table]; fkid < len(ls) {
		field = ls[fkid].column
	}
	return imp.failByID(table, rowid.Int64, field, "refers to a "+parent+" record that is not in the file")
}

// importValue converts a JSON value to what the column stores, refusing
// a kind that does not fit.
func importValue(c column, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case json.Number:
		if strings.Contains(c.typ, "INT") {
			n, err := x.Int64()
			if err != nil {
				return nil, fmt.Errorf("must be a whole number, not %s", truncate(x.String(), 40))
			}
			return n, nil
		}
		if strings.Contains(c.typ, "TEXT") {
			return nil, fmt.Errorf("must be text, not the number %s", truncate(x.String(), 40))
		}
		f, err := x.Float64()
		if err != nil {
			return nil, fmt.Errorf("is not a number: %s", truncate(x.String(), 40))
		}
		return f, nil
	case string:
		if strings.Contains(c.typ, "INT") || strings.Contains(c.typ, "REAL") {
			return nil, fmt.Errorf("must be a number, not the text %q", truncate(x, 40))
		}
		return x, nil
	case bool:
		if !strings.Contains(c.typ, "INT") {
			return nil, fmt.Errorf("must be text, not true or false")
		}
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	case map[string]any:
		// Bytes are exported as {"base64": …}; no column of Triad's holds
		// bytes, but a column without a declared type could.
		if b64, ok := x["base64"].(string); ok && len(x) == 1 && (c.typ == "" || c.typ == "BLOB") {
			b, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				return nil, fmt.Errorf("has bad base64 data")
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("must be a single value, not %s", jsonKind(v))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
