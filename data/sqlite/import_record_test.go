package sqlite

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"triad/data"
)

// editRecord decodes the body of the export's latest record, lets edit
// change it, and writes it back.
func editRecord(t *testing.T, tb map[string][]map[string]any, edit func(body map[string]any)) int {
	t.Helper()
	rows := tb["meeting_records"]
	if len(rows) == 0 {
		t.Fatal("the sample company's export holds no frozen record")
	}
	i := len(rows) - 1
	dec := json.NewDecoder(strings.NewReader(rows[i]["body"].(string)))
	dec.UseNumber()
	var body map[string]any
	if err := dec.Decode(&body); err != nil {
		t.Fatal(err)
	}
	edit(body)
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	rows[i]["body"] = string(b)
	return i
}

// The records frozen at close come through an export and an import as
// they were, so a closed meeting's minutes on the new laptop are its
// record, not a rebuild.
func TestImportKeepsFrozenRecords(t *testing.T) {
	good := demoExport(t)
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(good)); err != nil {
		t.Fatal(err)
	}
	var id int64
	editExport(t, good, func(tb map[string][]map[string]any) {
		id = num(tb["meeting_records"][len(tb["meeting_records"])-1]["meeting_id"])
	})
	rec, err := dst.MinutesRecord(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Rebuilt || rec.FrozenAt.IsZero() {
		t.Errorf("the imported closed meeting's minutes are rebuilt (%v) or not frozen (%v)", rec.Rebuilt, rec.FrozenAt)
	}
}

// A record's body is JSON anyone can edit: each way of making it say what
// did not stand at close is refused, with the record named, and nothing
// is imported.
func TestImportRefusesATamperedRecord(t *testing.T) {
	good := demoExport(t)
	cases := []struct {
		name  string
		edit  func(tb map[string][]map[string]any) (string, int)
		field string
		want  string
	}{
		{"a field a record does not have", func(tb map[string][]map[string]any) (string, int) {
			return "meeting_records", editRecord(t, tb, func(b map[string]any) { b["Signature"] = "trust me" })
		}, "body", "a field \"Signature\" that a record does not have"},
		{"not JSON of a record", func(tb map[string][]map[string]any) (string, int) {
			i := len(tb["meeting_records"]) - 1
			tb["meeting_records"][i]["body"] = `{"Run": 7}`
			return "meeting_records", i
		}, "body", "cannot be read as a meeting's frozen record"},
		{"a debt check judged against its figures", func(tb map[string][]map[string]any) (string, int) {
			return "meeting_records", editRecord(t, tb, func(b map[string]any) {
				rm := b["Roadmap"].(map[string]any)
				sn := rm["Snapshots"].([]any)[0].(map[string]any)
				sn["Check"].(map[string]any)["Band"] = "on_target"
			})
		}, "body", "its figures judge it"},
		{"a due time the rule does not give", func(tb map[string][]map[string]any) (string, int) {
			return "meeting_records", editRecord(t, tb, func(b map[string]any) {
				for _, d := range b["Deals"].([]any) {
					r := d.(map[string]any)["Request"].(map[string]any)
					if r["DueAt"] != "0001-01-01T00:00:00Z" {
						r["DueAt"] = "2027-06-01T00:00:00Z"
						return
					}
				}
				t.Fatal("no request with a due time in the record")
			})
		}, "body", "but its rule makes it due"},
		{"a hidden character in a frozen name", func(tb map[string][]map[string]any) (string, int) {
			return "meeting_records", editRecord(t, tb, func(b map[string]any) {
				b["Run"].(map[string]any)["Pod"].(map[string]any)["Name"] = "Pay\u202ements"
			})
		}, "body", "the pod"},
		{"the record of another meeting", func(tb map[string][]map[string]any) (string, int) {
			return "meeting_records", editRecord(t, tb, func(b map[string]any) {
				b["Run"].(map[string]any)["Meeting"].(map[string]any)["ID"] = json.Number("999")
			})
		}, "body", "is the record of meeting 999"},
		{"frozen at a start, not a close", func(tb map[string][]map[string]any) (string, int) {
			i := len(tb["meeting_records"]) - 1
			m := tb["meeting_records"][i]["meeting_id"]
			for _, e := range tb["meeting_events"] {
				if e["meeting_id"] == m && e["kind"] == "started" {
					tb["meeting_records"][i]["event_id"] = e["id"]
					return "meeting_records", i
				}
			}
			t.Fatal("no start line")
			return "", 0
		}, "event_id", "a record is frozen when a meeting closes"},
		{"an agenda changed after close", func(tb map[string][]map[string]any) (string, int) {
			i := len(tb["meeting_records"]) - 1
			m := tb["meeting_records"][i]["meeting_id"]
			j := where(t, tb["agenda_items"], func(r map[string]any) bool { return r["meeting_id"] == m && r["standing"] == "" })
			tb["agenda_items"][j]["notes"] = "Rewritten after close"
			return "meeting_records", i
		}, "body", "the agenda it froze differ from the closed meeting's own"},
		{"a debt check changed after close", func(tb map[string][]map[string]any) (string, int) {
			i := len(tb["meeting_records"]) - 1
			m := tb["meeting_records"][i]["meeting_id"]
			j := where(t, tb["debt_snapshots"], func(r map[string]any) bool { return r["meeting_id"] == m })
			tb["debt_snapshots"][j]["maintenance_tenths"] = json.Number("1")
			return "meeting_records", i
		}, "body", "the debt check it froze differ"},
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
			if !strings.HasPrefix(err.Error(), record+"."+c.field+": ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant   %s.%s: …%s…", err, record, c.field, c.want)
			}
			assertWords(t, err)
			assertNothingImported(t, dst)
		})
	}
}

// The tables and columns the deal desk's record, carry-over and closed
// meetings added are checked like the rest.
func TestImportChecksTheNewerRecords(t *testing.T) {
	good := demoExport(t)
	cases := []struct {
		name  string
		edit  func(tb map[string][]map[string]any) (string, int)
		field string
		want  string
	}{
		{"a reopen by a name with a line break", func(tb map[string][]map[string]any) (string, int) {
			j := where(t, tb["meeting_events"], func(r map[string]any) bool { return r["kind"] == "closed" })
			tb["meeting_events"][j]["actor"] = "Ana\nRuiz"
			return "meeting_events", j
		}, "actor", "invisible control characters"},
		{"a reason on a start", func(tb map[string][]map[string]any) (string, int) {
			j := where(t, tb["meeting_events"], func(r map[string]any) bool { return r["kind"] == "started" })
			tb["meeting_events"][j]["reason"] = "Because"
			return "meeting_events", j
		}, "reason", "Only a reopen records why"},
		{"a pod zone that is no zone", func(tb map[string][]map[string]any) (string, int) {
			tb["pods"][0]["time_zone"] = "Mars/Olympus"
			return "pods", 0
		}, "time_zone", "not a time zone"},
		{"a delegate with a hidden character", func(tb map[string][]map[string]any) (string, int) {
			tb["pod_delegates"] = append(tb["pod_delegates"], map[string]any{"id": json.Number("900"),
				"pod_id": tb["pods"][0]["id"], "position": json.Number("9"), "name": "Marta\u202e Silva"})
			return "pods", 0
		}, "delegates", "invisible control characters"},
		{"an action history line that changes nothing", func(tb map[string][]map[string]any) (string, int) {
			tb["action_item_history"] = append(tb["action_item_history"], map[string]any{"id": json.Number("900"),
				"action_id": tb["action_items"][0]["id"], "at": "2026-11-20T09:00:00.000Z", "actor": "Sam Lee",
				"field": "due", "old_value": "2026-11-20", "new_value": "2026-11-20"})
			return "action_item_history", len(tb["action_item_history"]) - 1
		}, "new_value", "changes nothing"},
		{"an action re-dated to no day", func(tb map[string][]map[string]any) (string, int) {
			tb["action_item_history"] = append(tb["action_item_history"], map[string]any{"id": json.Number("901"),
				"action_id": tb["action_items"][0]["id"], "at": "2026-11-20T09:00:00.000Z", "actor": "Sam Lee",
				"field": "due", "old_value": "", "new_value": "next Friday"})
			return "action_item_history", len(tb["action_item_history"]) - 1
		}, "new_value", "not a day on the calendar"},
		{"a sign-off flip with no change", func(tb map[string][]map[string]any) (string, int) {
			j := where(t, tb["deal_history"], func(r map[string]any) bool { return r["from_state"] == "" })
			tb["deal_history"][j]["signoff_change"] = "dropped"
			return "deal_history", j
		}, "signoff_change", "lists no field it changed"},
		{"an edit's changes that are not field, old, new", func(tb map[string][]map[string]any) (string, int) {
			j := where(t, tb["deal_history"], func(r map[string]any) bool { return r["from_state"] == "" })
			tb["deal_history"][j]["changes"] = "value only"
			return "deal_history", j
		}, "changes", "separated by tabs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var record string
			bad := editExport(t, good, func(tb map[string][]map[string]any) {
				delete(tb, "meeting_records") // so the live checks speak first
				table, i := c.edit(tb)
				record = nameOf(tb, table, i)
			})
			dst := openImportTarget(t)
			err := dst.ImportJSON(ctx, bytes.NewReader(bad))
			if err == nil {
				t.Fatal("imported")
			}
			if !strings.HasPrefix(err.Error(), record+"."+c.field+": ") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant   %s.%s: …%s…", err, record, c.field, c.want)
			}
			assertWords(t, err)
			assertNothingImported(t, dst)
		})
	}
}

// A resubmitted request's round starts at its resubmission: the import
// works that out from the history, so the request is not overdue the
// moment it lands on the new laptop.
func TestImportDerivesTheSignOffRound(t *testing.T) {
	var reqID int64
	file := editExport(t, demoExport(t), func(tb map[string][]map[string]any) {
		delete(tb, "meeting_records")
		i := where(t, tb["deal_requests"], func(r map[string]any) bool { return r["state"] == "pending" })
		r := tb["deal_requests"][i]
		reqID = num(r["id"])
		r["sla_started_at"], r["due_at"] = nil, nil
		next := json.Number("9000")
		for _, h := range []map[string]any{
			{"from_state": "pending", "to_state": "changes_requested", "at": "2026-11-23T10:00:00.000Z", "actor": "Priya Raman", "comment": "Shorter lock."},
			{"from_state": "changes_requested", "to_state": "pending", "at": "2026-11-23T15:00:00.000Z", "actor": "Maya Chen", "comment": "Resubmitted with the requested changes."},
		} {
			h["id"], h["request_id"] = next, r["id"]
			tb["deal_history"] = append(tb["deal_history"], h)
			next = json.Number("9001")
		}
	})
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	r, err := dst.DealRequest(ctx, reqID)
	if err != nil {
		t.Fatal(err)
	}
	start, _ := data.ParseUTCTime("2026-11-23T15:00:00.000Z")
	if !r.SLAStartedAt.Equal(start) || !r.DueAt.Equal(data.DueAt(start, r.Rule.SLA)) {
		t.Errorf("round started %s, due %s; want from the resubmission at %s", r.SLAStartedAt, r.DueAt, start)
	}
}
