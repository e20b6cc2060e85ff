package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fuzzBase is a small but whole export: one pod of the sample company,
// its first meetings and every record that hangs off them. Each fuzz input
// changes one field of one record of it.
var fuzzBase struct {
	sync.Once
	file     []byte
	tables   []string            // tables with records, by name
	template []byte              // an empty database, copied for each input
	fields   map[string][]string // table -> its fields, by name
	err      error
}

func loadFuzzBase(t testing.TB) {
	t.Helper()
	fuzzBase.Do(func() {
		full := demoExport(t)
		dir, err := tempDirFor("triad-fuzz-base-")
		if err != nil {
			fuzzBase.err = err
			return
		}
		defer removeAll(dir)
		db, err := Open(filepath.Join(dir, "triad.db"), Options{Now: func() time.Time { return importNow }})
		if err != nil {
			fuzzBase.err = err
			return
		}
		var links map[string][]link
		var order []string
		if err := db.tx(ctx, func(tx *sql.Tx) error {
			imp, err := newImporter(ctx, tx, &Export{Tables: map[string][]map[string]any{"settings": {{}}}}, importNow)
			if err != nil {
				return err
			}
			links, order = imp.links, imp.tables
			return nil
		}); err != nil {
			fuzzBase.err = err
			return
		}
		db.Close()
		fuzzBase.template, fuzzBase.err = os.ReadFile(filepath.Join(dir, "triad.db"))
		if fuzzBase.err != nil {
			return
		}
		fuzzBase.file = editExport(t, full, func(tb map[string][]map[string]any) {
			keep := map[string]map[string]bool{}
			key := func(v any) string { return string(v.(json.Number)) }
			meetings := 0
			for _, table := range order {
				keep[table] = map[string]bool{}
				kept := []map[string]any{}
				for _, row := range tb[table] {
					ok := true
					switch table {
					case "pods":
						ok = key(row["id"]) == "1"
					case "meetings":
						ok = key(row["pod_id"]) == "1" && meetings < 4
					}
					for _, l := range links[table] {
						if v, set := row[l.column].(json.Number); set && !keep[l.parent][string(v)] {
							if l.column == "carried_from_item_id" || l.column == "presenter_id" {
								row[l.column] = nil // an optional link to a record left out
								continue
							}
							ok = false
						}
					}
					if !ok {
						continue
					}
					if table == "meetings" {
						meetings++
					}
					if id, has := row["id"]; has {
						keep[table][key(id)] = true
					}
					kept = append(kept, row)
				}
				tb[table] = kept
			}
			fuzzBase.fields = map[string][]string{}
			for table, rows := range tb {
				if len(rows) == 0 {
					continue
				}
				fuzzBase.tables = append(fuzzBase.tables, table)
				for f := range rows[0] {
					fuzzBase.fields[table] = append(fuzzBase.fields[table], f)
				}
				sort.Strings(fuzzBase.fields[table])
			}
			sort.Strings(fuzzBase.tables)
		})
	})
	if fuzzBase.err != nil {
		t.Fatal(fuzzBase.err)
	}
}

// pick returns name when it is in list, else one of list chosen by name.
func pick(list []string, name string) string {
	for _, s := range list {
		if s == name {
			return s
		}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return list[int(h.Sum32()%uint32(len(list)))]
}

// openFuzzTarget copies the empty template into dir and opens it.
func openFuzzTarget(t *testing.T, dir, name string) *DB {
	path := filepath.Join(dir, name)
	for _, s := range []string{"", "-wal", "-shm", ".open"} {
		os.Remove(path + s)
	}
	if err := os.WriteFile(path, fuzzBase.template, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path, Options{Check: "none", Now: func() time.Time { return importNow }})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// FuzzImportRecords changes one field of one record of a valid export to
// a hostile but well-formed value (or drops, copies or removes the record)
// and imports it. Either the import is refused with the record named in
// words and nothing written, or what it wrote passes every rule again:
// exported and imported once more, it comes back byte for byte.
func FuzzImportRecords(f *testing.F) {
	loadFuzzBase(f)
	dir, err := tempDirFor("triad-fuzz-")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { removeAll(dir) })
	f.Add("deal_requests", uint16(0), "customer", uint8(0), "Acme \u202eproC", int64(0))
	f.Add("pods", uint16(0), "name", uint8(0), "   ", int64(0))
	f.Fuzz(func(t *testing.T, table string, row uint16, field string, kind uint8, text string, n int64) {
		table = pick(fuzzBase.tables, table)
		field = pick(fuzzBase.fields[table], field)
		file := editExport(t, fuzzBase.file, func(tb map[string][]map[string]any) {
			rows := tb[table]
			i := int(row) % len(rows)
			r := rows[i]
			switch kind % 12 {
			case 0:
				r[field] = text
			case 1:
				r[field] = json.Number(strconv.FormatInt(n, 10))
			case 2:
				r[field] = nil
			case 3:
				r[field] = n%2 == 0
			case 4: // long text: past a name's limit, a note's, or both
				r[field] = strings.Repeat(text+"x", 1+int(uint64(n)%120000)/(len(text)+1))
			case 5:
				r[field] = rows[(i+1)%len(rows)][field]
			case 6:
				delete(r, field)
			case 7:
				r[field] = strconv.FormatInt(n, 10)
			case 8: // a blank or a hidden character in the value
				s, _ := r[field].(string)
				r[field] = s + []string{" ", "\u202e", "\u200b", "\n", "\x00", "\t"}[uint64(n)%6]
			case 9: // the record twice
				copyRow := map[string]any{}
				for k, v := range r {
					copyRow[k] = v
				}
				tb[table] = append(rows, copyRow)
			case 10: // the record left out
				tb[table] = append(rows[:i:i], rows[i+1:]...)
			case 11: // a time or day moved, or garbled
				s, _ := r[field].(string)
				if len(s) > 0 {
					b := []byte(s)
					b[int(uint64(n)%uint64(len(b)))] = "0123456789-:TZ. "[uint64(n)%16]
					r[field] = string(b)
				}
			}
		})
		db := openFuzzTarget(t, dir, "in.db")
		defer db.Close()
		err := db.ImportJSON(ctx, bytes.NewReader(file))
		if err != nil {
			msg := err.Error()
			if msg == "" || !strings.HasPrefix(msg, table) && !strings.Contains(msg, "[") {
				t.Fatalf("the error does not name a record: %q", msg)
			}
			for _, w := range goWords {
				if strings.Contains(msg, w) {
					t.Fatalf("the error shows %q: %s", w, msg)
				}
			}
			var pods int
			db.db.QueryRowContext(ctx, `SELECT count(*) FROM pods`).Scan(&pods)
			if pods != 0 {
				t.Fatalf("a refused import left %d pods", pods)
			}
			return
		}
		if err := db.Check(ctx); err != nil {
			t.Fatal(err)
		}
		first, err := db.exportBytes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again := openFuzzTarget(t, dir, "again.db")
		defer again.Close()
		if err := again.ImportJSON(ctx, bytes.NewReader(first)); err != nil {
			t.Fatalf("what the import let in does not import again: %v", err)
		}
		second, err := again.exportBytes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatal("export -> import -> export differs")
		}
	})
}

// The fuzz base is a valid export that reaches most tables, or the fuzzer
// would only ever see refusals.
func TestFuzzBaseImports(t *testing.T) {
	loadFuzzBase(t)
	db := openImportTarget(t)
	if err := db.ImportJSON(ctx, bytes.NewReader(fuzzBase.file)); err != nil {
		t.Fatal(err)
	}
	if len(fuzzBase.tables) < 17 {
		t.Errorf("the base holds records in %d tables only: %v", len(fuzzBase.tables), fuzzBase.tables)
	}
}
