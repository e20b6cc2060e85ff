package sqlite

import (
	"strings"
	"testing"
)

// A request's row shows its last sign-off change. Most history lines have
// none, so without an index of the lines that do, every read (two per
// edit) walked back through the request's whole history: a request edited
// 10,000 times cost 10,000 line reads per edit.
func TestLastSignOffChangeIsFoundWithoutWalkingTheHistory(t *testing.T) {
	db, _, _ := openDealDB(t)
	rows, err := db.db.Query(`EXPLAIN QUERY PLAN SELECT ` + dealColumns + ` FROM deal_requests r JOIN pods p ON p.id = r.pod_id WHERE r.id = 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "INDEX deal_history_signoff") {
		t.Fatalf("the last sign-off change is looked for line by line:\n%s", strings.Join(plan, "\n"))
	}
}
