package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"triad/data"
	"triad/data/demo"
)

// importNow is the clock of the sample company and of the databases it
// is imported into, so "received in the future" means the same each run.
var importNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

var demoOnce struct {
	sync.Once
	b   []byte
	err error
}

// demoExport is the sample company's export, made once per test binary.
func demoExport(t testing.TB) []byte {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := tempDirFor("triad-demo-export-")
		if err != nil {
			demoOnce.err = err
			return
		}
		defer removeAll(dir)
		db, err := Open(dir+"/demo.db", Options{Now: func() time.Time { return importNow }})
		if err != nil {
			demoOnce.err = err
			return
		}
		defer db.Close()
		if err := demo.Fill(ctx, db, importNow); err != nil {
			demoOnce.err = err
			return
		}
		demoOnce.b, demoOnce.err = db.exportBytes(ctx)
	})
	if demoOnce.err != nil {
		t.Fatal(demoOnce.err)
	}
	return demoOnce.b
}

// openImportTarget is a new, empty database on the sample company's clock.
func openImportTarget(t testing.TB) *DB {
	t.Helper()
	dir, err := tempDirFor("triad-import-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeAll(dir) })
	db, err := Open(dir+"/triad.db", Options{Now: func() time.Time { return importNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// editExport decodes an export, lets edit change its records and encodes it again.
func editExport(t testing.TB, b []byte, edit func(tables map[string][]map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var exp Export
	if err := dec.Decode(&exp); err != nil {
		t.Fatal(err)
	}
	edit(exp.Tables)
	out, err := json.Marshal(exp)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// where returns the position of the first record of rows that match has.
func where(t testing.TB, rows []map[string]any, match func(map[string]any) bool) int {
	t.Helper()
	for i, r := range rows {
		if match(r) {
			return i
		}
	}
	t.Fatal("no record matches")
	return -1
}

func num(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

// nameOf is how an error names a record: pods[0] (id 1).
func nameOf(tables map[string][]map[string]any, table string, i int) string {
	if id, ok := tables[table][i]["id"]; ok {
		return fmt.Sprintf("%s[%d] (id %v)", table, i, id)
	}
	return fmt.Sprintf("%s[%d]", table, i)
}

// goWords are what an error must never show a facilitator.
var goWords = []string{"Go struct", "Go value", "unmarshal", "int64", "float64", "map[", "interface", "CHECK constraint", "constraint failed", "json:"}

func assertWords(t *testing.T, err error) {
	t.Helper()
	for _, w := range goWords {
		if strings.Contains(err.Error(), w) {
			t.Errorf("the error shows %q: %v", w, err)
		}
	}
}

// assertNothingImported checks a refused import wrote nothing.
func assertNothingImported(t *testing.T, db *DB) {
	t.Helper()
	pods, _ := db.Pods(ctx)
	st, _ := db.Settings(ctx)
	var rows int
	var tables []string
	if err := db.tx(ctx, func(tx *sql.Tx) (err error) { tables, err = exportTables(ctx, tx); return err }); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		var n int
		if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM "`+table+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		rows += n
	}
	if len(pods) != 0 || st != data.DefaultSettings() || rows != 1 { // the default settings row
		t.Errorf("a refused import wrote data: %d pods, %d rows, settings %+v", len(pods), rows, st)
	}
}

func TestDemoExportImportExportIsIdentical(t *testing.T) {
	first := demoExport(t)
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(first)); err != nil {
		t.Fatal(err)
	}
	second, err := dst.exportBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export -> import -> export differs (%d vs %d bytes)", len(first), len(second))
	}
}

// Each record the window would refuse is refused by the import too, with
// the record and field named in words, and nothing is written.
func TestImportRefusesWhatTheWindowRefuses(t *testing.T) {
	good := demoExport(t)
	cases := []struct {
		name  string
		edit  func(tb map[string][]map[string]any) (table string, i int)
		field string
		want  string
	}{
		{"5 MB note", func(tb map[string][]map[string]any) (string, int) {
			tb["agenda_items"][0]["notes"] = strings.Repeat("note ", 1<<20)
			return "agenda_items", 0
		}, "notes", "The notes is too long (5242880 characters; at most 100000)"},
		{"deal notes past the form's limit", func(tb map[string][]map[string]any) (string, int) {
			tb["deal_requests"][0]["notes"] = strings.Repeat("n", 6000)
			return "deal_requests", 0
		}, "notes", "The notes is too long (6000 characters; at most 5000)"},
		{"customer with a right-to-left override", func(tb map[string][]map[string]any) (string, int) {
			tb["deal_requests"][0]["customer"] = "Acme \u202eproC"
			return "deal_requests", 0
		}, "customer", "The customer's name has invisible control characters; retype it"},
		{"customer of a roadmap item with a right-to-left override", func(tb map[string][]map[string]any) (string, int) {
			tb["roadmap_item_sources"][0]["customer"] = "Acme \u202eproC"
			i := where(t, tb["roadmap_items"], func(r map[string]any) bool {
				return num(r["id"]) == num(tb["roadmap_item_sources"][0]["item_id"])
			})
			return "roadmap_items", i
		}, "customers", "invisible control characters"},
		{"blank pod name", func(tb map[string][]map[string]any) (string, int) {
			tb["pods"][0]["name"] = "   "
			return "pods", 0
		}, "name", "The pod needs a name"},
		{"blank leader name", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["pod_members"], func(r map[string]any) bool { return r["role"] == "tech_lead" })
			tb["pod_members"][i]["name"] = "   "
			return "pod_members", i
		}, "name", "Tech Lead needs a name"},
		{"blank action", func(tb map[string][]map[string]any) (string, int) {
			tb["action_items"][0]["text"] = "  \n  "
			return "action_items", 0
		}, "text", "Say what needs doing"},
		{"blank agenda title", func(tb map[string][]map[string]any) (string, int) {
			tb["agenda_items"][0]["title"] = "   "
			return "agenda_items", 0
		}, "title", "The agenda item needs a title"},
		{"received yesterday, in words", func(tb map[string][]map[string]any) (string, int) {
			tb["deal_requests"][0]["received_at"] = "yesterday"
			return "deal_requests", 0
		}, "received_at", `is "yesterday", which is not a time`},
		{"received in the future", func(tb map[string][]map[string]any) (string, int) {
			tb["deal_requests"][0]["received_at"] = "2030-01-01T09:00:00.000Z"
			return "deal_requests", 0
		}, "received_at", "The request cannot have been received in the future"},
		{"meeting on 31 February", func(tb map[string][]map[string]any) (string, int) {
			tb["meetings"][0]["date"] = "2026-02-31"
			return "meetings", 0
		}, "date", `is "2026-02-31", which is not a day on the calendar`},
		{"$50,000.00 request marked pending", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["deal_requests"], func(r map[string]any) bool { return r["state"] == "pending" })
			tb["deal_requests"][i]["value"] = json.Number("5000000")
			tb["deal_requests"][i]["rule_threshold"] = json.Number("5000000")
			return "deal_requests", i
		}, "state", "The request is pending, but $50,000 is not above its threshold of $50,000, so it needs no sign-off"},
		{"big new-feature request recorded as needing no sign-off", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["deal_requests"], func(r map[string]any) bool { return r["state"] == "pending" })
			tb["deal_requests"][i]["state"] = "no_signoff"
			return "deal_requests", i
		}, "state", "the Engineering Lead must sign off"},
		{"request withdrawn behind its history's back", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["deal_requests"], func(r map[string]any) bool { return r["state"] == "pending" })
			tb["deal_requests"][i]["state"] = "withdrawn"
			return "deal_requests", i
		}, "state", "The request is withdrawn, but its history last left it pending"},
		{"the receipt cut out of a request's history", func(tb map[string][]map[string]any) (string, int) {
			// A decided request: drop the line that recorded its receipt.
			h := tb["deal_history"]
			next := where(t, h, func(r map[string]any) bool { return r["from_state"] == "pending" })
			first := where(t, h, func(r map[string]any) bool {
				return num(r["request_id"]) == num(h[next]["request_id"]) && r["from_state"] == ""
			})
			id := h[next]["id"]
			tb["deal_history"] = append(h[:first:first], h[first+1:]...)
			return "deal_history", where(t, tb["deal_history"], func(r map[string]any) bool { return r["id"] == id })
		}, "from_state", "The first line of a request's history records its receipt"},
		{"weekday past Saturday", func(tb map[string][]map[string]any) (string, int) {
			tb["pods"][0]["meeting_weekday"] = json.Number("9")
			return "pods", 0
		}, "meeting_weekday", "is not a value Triad allows here"},
		{"closed meeting with no end", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["meetings"], func(r map[string]any) bool { return r["status"] == "closed" })
			tb["meetings"][i]["ended_at"] = nil
			return "meetings", i
		}, "ended_at", "A closed meeting needs the time it ended"},
		{"closed meeting passed off as in progress", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["meetings"], func(r map[string]any) bool { return r["status"] == "closed" })
			tb["meetings"][i]["status"], tb["meetings"][i]["ended_at"] = "in_progress", nil
			return "meetings", i
		}, "status", "The meeting is in progress, but its history says it was last closed"},
		{"presenter from another meeting", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["agenda_items"], func(r map[string]any) bool { return num(r["meeting_id"]) == 1 })
			j := where(t, tb["meeting_attendees"], func(r map[string]any) bool { return num(r["meeting_id"]) != 1 })
			tb["agenda_items"][i]["presenter_id"] = tb["meeting_attendees"][j]["id"]
			return "agenda_items", i
		}, "presenter_id", "who is on the list of another meeting"},
		{"decision from an agenda item not in the file", func(tb map[string][]map[string]any) (string, int) {
			tb["decisions"][0]["agenda_item_id"] = json.Number("99999")
			return "decisions", 0
		}, "agenda_item_id", "refers to agenda_items record 99999, which is not in the file"},
		{"decision option numbered with a gap", func(tb map[string][]map[string]any) (string, int) {
			i := where(t, tb["decision_options"], func(r map[string]any) bool { return num(r["position"]) == 1 })
			tb["decision_options"][i]["position"] = json.Number("7")
			return "decision_options", i
		}, "position", "number them from 1 without gaps"},
		{"the same id twice", func(tb map[string][]map[string]any) (string, int) {
			tb["meetings"][1]["id"] = tb["meetings"][0]["id"]
			return "meetings", 1
		}, "id", "each record needs its own id"},
		{"celebration below its goal", func(tb map[string][]map[string]any) (string, int) {
			tb["roadmap_celebrations"][0]["realized"] = json.Number("1")
			return "roadmap_celebrations", 0
		}, "realized", "does not fit with goal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var record string
			bad := editExport(t, good, func(tb map[string][]map[string]any) {
				table, i := c.edit(tb)
				record = nameOf(tb, table, i)
			})
			dst := openImportTarget(t)
			err := dst.ImportJSON(ctx, bytes.NewReader(bad))
			if err == nil {
				t.Fatal("imported")
			}
			if want := record + "." + c.field + ": " + c.want; !strings.HasPrefix(err.Error(), record+"."+c.field+": ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant   %s…", err, want)
			}
			assertWords(t, err)
			assertNothingImported(t, dst)
		})
	}
}

// What a rule derives is computed again, whatever the file claims.
func TestImportRecomputesDerivedFacts(t *testing.T) {
	var reqID, snapID, itemID int64
	var received string
	file := editExport(t, demoExport(t), func(tb map[string][]map[string]any) {
		// Without the records frozen at close, as for meetings closed before
		// records were kept: a changed debt check of a closed meeting with a
		// record is refused (TestImportRefusesAClosedMeetingChangedSinceItsRecord).
		delete(tb, "meeting_records")
		i := where(t, tb["deal_requests"], func(r map[string]any) bool { return r["state"] == "pending" })
		reqID, received = num(tb["deal_requests"][i]["id"]), tb["deal_requests"][i]["received_at"].(string)
		tb["deal_requests"][i]["rule_sla_minutes"] = json.Number("1440")
		tb["deal_requests"][i]["due_at"] = "2027-06-01T00:00:00.000Z" // a week's grace nobody granted
		s := tb["debt_snapshots"][0]
		snapID = num(s["id"])
		// 19.99% against 20%, recorded as on target.
		s["maintenance_tenths"], s["total_tenths"], s["quota_bp"] = json.Number("1999"), json.Number("10000"), json.Number("2000")
		s["band"], s["ratio_bp"], s["shortfall_tenths"], s["unreachable"] = "on_target", json.Number("2000"), json.Number("0"), json.Number("0")
		s["unestimated_titles"], s["unestimated_items"] = "Audit log export\nSCA exemptions", json.Number("0")
		j := where(t, tb["agenda_items"], func(r map[string]any) bool { return num(r["actual_seconds"]) > 0 })
		itemID = num(tb["agenda_items"][j]["id"])
		tb["agenda_items"][j]["actual_seconds"] = json.Number("99999")
	})
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	r, err := dst.DealRequest(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	at, _ := data.ParseUTCTime(received)
	if !r.DueAt.Equal(at.Add(24 * time.Hour)) {
		t.Errorf("due %s, want 24 hours after %s", r.DueAt, received)
	}
	var sn data.DebtSnapshot
	var secs int
	err = dst.tx(ctx, func(tx *sql.Tx) error {
		ss, err := querySnapshots(ctx, tx, `WHERE d.id = ?`, snapID)
		if err != nil || len(ss) != 1 {
			return fmt.Errorf("snapshot: %v", err)
		}
		sn = ss[0]
		return tx.QueryRowContext(ctx, `SELECT actual_seconds FROM agenda_items WHERE id = ?`, itemID).Scan(&secs)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := sn.Check
	var unestimated int
	dst.db.QueryRowContext(ctx, `SELECT unestimated_items FROM debt_snapshots WHERE id = ?`, snapID).Scan(&unestimated)
	if unestimated != 2 {
		t.Errorf("%d unestimated items recorded for two titles", unestimated)
	}
	if c.Band != data.BandClose || c.Ratio != 1999 || c.Shortfall != 2 || c.Unreachable {
		t.Errorf("snapshot judged %s at %s, shortfall %d; want close at 19.99%%, shortfall 2", c.Band, c.Ratio.Format(), c.Shortfall)
	}
	if line := sn.Lines()[0]; !strings.Contains(line, "19.99% maintenance against a 20% quota (close to target)") {
		t.Errorf("the minutes would print %q", line)
	}
	if secs == 99999 {
		t.Error("the agenda item's time spent was taken from the file")
	}
}

func TestImportAcceptsAByteOrderMark(t *testing.T) {
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(append([]byte("\xef\xbb\xbf"), demoExport(t)...))); err != nil {
		t.Fatal(err)
	}
	if pods, _ := dst.Pods(ctx); len(pods) != 2 {
		t.Errorf("%d pods", len(pods))
	}
}

// A file that is not an export says what it is, in words.
func TestImportOfSomethingElseSaysSo(t *testing.T) {
	head := fmt.Sprintf(`{"format": "triad-export", "version": 1, "schema": %d, `, SchemaVersion())
	cases := []struct{ file, want string }{
		{"", "the file is empty"},
		{"{", "the file is not JSON"},
		{"name,date\nPayments,2026-11-26\n", "the file is not JSON"},
		{`{"format": "triad-export"} {}`, "more than one JSON document"},
		{"[1, 2, 3]", "holds a list, not a Triad export"},
		{`"triad-export"`, "holds text, not a Triad export"},
		{`{"format": "triad-export", "version": "1"}`, "version: must be a whole number"},
		{`{"format": 7}`, "format: is 7, not \"triad-export\""},
		{head + `"tables": []}`, "tables: must be an object"},
		{head + `"tables": {"pods": {}}}`, "pods: must be a list of records, not an object"},
		{head + `"tables": {"pods": [5]}}`, "pods[0]: must be a record"},
		{head + `"tables": {"settings": [{"id": 1, "currency": {"code": "EUR"}}]}}`, "settings[0] (id 1).currency: must be a single value, not an object"},
		{head + `"tables": {"settings": [{"id": 1, "currency": ["EUR"]}]}}`, "currency: must be a single value, not a list"},
		{head + `"tables": {"settings": [{"id": 1.5}]}}`, "id: must be a whole number, not 1.5"},
		{"\xff\xfe{\x00", "not text in UTF-8"},
	}
	for _, c := range cases {
		dst := openImportTarget(t)
		err := dst.ImportJSON(ctx, strings.NewReader(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want it to say %q", truncate(c.file, 40), err, c.want)
			continue
		}
		assertWords(t, err)
	}
}

// Every table of the database is checked by a rule of the import: a new
// table needs its rule before its records can be trusted.
func TestEveryTableHasAnImportRule(t *testing.T) {
	db := openTemp(t)
	var tables []string
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		tables, err = exportTables(ctx, tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, table := range importRuleTables {
		covered[table] = true
	}
	sort.Strings(tables)
	for _, table := range tables {
		if !covered[table] {
			t.Errorf("the import has no rule for the records of %s", table)
		}
	}
}

func tempDirFor(prefix string) (string, error) {
	// Each import gets a fresh database; on a RAM disk the syncs cost nothing.
	if d, err := os.MkdirTemp("/dev/shm", prefix); err == nil {
		return d, nil
	}
	return os.MkdirTemp("", prefix)
}

func removeAll(dir string) { os.RemoveAll(dir) }
