package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"
)

// manyCompanies is the sample company n times over, each copy with its own
// ids and pod names: n*2 pods, n*10 meetings, n*63 agenda items.
func manyCompanies(b *testing.B, n int) []byte {
	base := demoExport(b)
	db := openImportTarget(b)
	var links map[string][]link
	if err := db.tx(ctx, func(tx *sql.Tx) error {
		imp, err := newImporter(ctx, tx, &Export{Tables: map[string][]map[string]any{"settings": {{}}}}, importNow)
		links = imp.links
		return err
	}); err != nil {
		b.Fatal(err)
	}
	const stride = 1_000_000
	return editExport(b, base, func(tb map[string][]map[string]any) {
		for table, rows := range tb {
			if table == "settings" {
				continue
			}
			out := []map[string]any{}
			for k := 0; k < n; k++ {
				shift := func(v any) any {
					x, ok := v.(json.Number)
					if !ok {
						return v
					}
					i, _ := x.Int64()
					return json.Number(strconv.FormatInt(i+int64(k)*stride, 10))
				}
				for _, r := range rows {
					c := map[string]any{}
					for f, v := range r {
						c[f] = v
					}
					if _, ok := c["id"]; ok {
						c["id"] = shift(c["id"])
					}
					for _, l := range links[table] {
						if l.parent != "settings" {
							c[l.column] = shift(c[l.column])
						}
					}
					if table == "pods" && k > 0 {
						c["name"] = fmt.Sprintf("%s %d", c["name"], k)
					}
					out = append(out, c)
				}
			}
			tb[table] = out
		}
	})
}

func BenchmarkImport100Pods(b *testing.B) {
	file := manyCompanies(b, 50)
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openImportTarget(b)
		b.StartTimer()
		start := time.Now()
		if err := db.ImportJSON(ctx, bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/import")
	}
}
