package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// An edit's event carries the request's new history lines as SQLite made
// them into JSON in the read of the request: byte for byte what encoding
// the lines one by one gives, for text that JSON escapes (markup, quotes,
// control characters, line separators, emoji, CJK, right-to-left).
func TestAnEditsHistoryLinesTravelAsTheLinesEncodedOneByOne(t *testing.T) {
	a, _ := teamOfTwo(t)
	r, err := a.db.CreateDealRequest(ctx, sampleDeal(a.pod.ID, a.db.now()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ notes, mark string }{
		{`<b>Tom & "Jerry"</b> \ back`, `<b>Tom & "Jerry"</b>`},
		{"tab\there, bell\a, nul-free \x1f and a line\nbreak\u2028sep\u2029par", "bell\a"},
		{"CIO 😀 決裁者 שלום عربى", "😀 決裁者 שלום"},
	} {
		notes := c.notes
		var before int64
		if err := a.db.db.QueryRowContext(ctx, `SELECT max(id) FROM deal_history WHERE request_id = ?`, r.ID).Scan(&before); err != nil {
			t.Fatal(err)
		}
		r.Notes = notes
		if r, err = a.db.UpdateDealRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		evs, err := a.db.PendingEvents(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			History json.RawMessage `json:"history"`
		}
		if err := json.Unmarshal(evs[len(evs)-1].Payload, &p); err != nil {
			t.Fatal(err)
		}
		var want []byte
		err = a.db.tx(ctx, func(tx *sql.Tx) error {
			lines, err := dealHistoryRows(ctx, tx, r.ID, before)
			if err == nil {
				want, err = json.Marshal(lines)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(p.History, want) {
			t.Errorf("notes %q: the event's history\n%s\nwant\n%s", notes, p.History, want)
		}
		var lines []map[string]any
		_ = json.Unmarshal(p.History, &lines)
		if len(lines) == 0 || !strings.Contains(fmt.Sprint(lines), c.mark) {
			t.Errorf("notes %q: the history lines do not carry them: %s", notes, p.History)
		}
	}
}
