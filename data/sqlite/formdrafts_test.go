package sqlite

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"triad/data"
)

func TestFormDraftIsSavedReadAndCleared(t *testing.T) {
	db := openTemp(t)
	k := data.DealDraftKey(0)
	if _, err := db.FormDraft(ctx, k); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("no draft yet: %v", err)
	}
	typed := map[string]string{"customer": "Globex ‮", "features": strings.Repeat("SSO and audit log. ", 400), "value": "120k"}
	if err := db.SaveFormDraft(ctx, k, typed); err != nil {
		t.Fatal(err)
	}
	got, err := db.FormDraft(ctx, k)
	if err != nil || !data.SameFields(got.Fields, typed) || got.SavedAt.IsZero() {
		t.Fatalf("draft = %+v, %v", got, err)
	}
	// A later save replaces the draft whole: a field no longer typed goes.
	if err := db.SaveFormDraft(ctx, k, map[string]string{"customer": "Globex"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.FormDraft(ctx, k); len(got.Fields) != 1 || got.Fields["customer"] != "Globex" {
		t.Errorf("replaced draft = %v", got.Fields)
	}
	// Another form's draft of the same words is its own.
	if _, err := db.FormDraft(ctx, data.PodDraftKey(0)); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the pod form sees the deal form's draft: %v", err)
	}
	if err := db.SaveFormDraft(ctx, k, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FormDraft(ctx, k); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("cleared draft still there: %v", err)
	}
}

func TestFormDraftRefusesWhatNoFormMakes(t *testing.T) {
	db := openTemp(t)
	for name, c := range map[string]struct {
		k      data.DraftKey
		fields map[string]string
	}{
		"unknown form":    {data.DraftKey{Form: "minutes", Subject: "new"}, map[string]string{"notes": "x"}},
		"unknown subject": {data.DraftKey{Form: data.DraftDecision, Subject: "request 4"}, map[string]string{"question": "x"}},
		"id zero":         {data.DraftKey{Form: data.DraftDecision, Subject: "decision 0"}, map[string]string{"question": "x"}},
		"field name":      {data.DecisionDraftKey(0, 0, 0, 1), map[string]string{"Question; DROP": "x"}},
		"too long":        {data.DecisionDraftKey(0, 0, 0, 1), map[string]string{"context": strings.Repeat("x", data.MaxDraftLen+1)}},
		"not text":        {data.DecisionDraftKey(0, 0, 0, 1), map[string]string{"context": "\xff"}},
	} {
		if err := db.SaveFormDraft(ctx, c.k, c.fields); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s: saved (%v)", name, err)
		}
	}
}

// A draft of a record goes in the same transaction as the record; a
// proposal decided elsewhere takes its editor's draft with it.
func TestFormDraftGoesWithItsRecord(t *testing.T) {
	f := newDecisionFixture(t)
	db := f.db
	kept, err := db.CreateDecision(ctx, f.proposal("Buy or build fraud scoring?"))
	if err != nil {
		t.Fatal(err)
	}
	deleted, err := db.CreateDecision(ctx, f.proposal("Offer net-60?"))
	if err != nil {
		t.Fatal(err)
	}
	decided, err := db.CreateDecision(ctx, f.proposal("Ship SSO first?"))
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.MeetingRun(ctx, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	item := run.Items[0]
	typed := map[string]string{"question": "typed"}
	keys := map[string]data.DraftKey{
		"kept":       data.DecisionDraftKey(kept.ID, 0, 0, 0),
		"deleted":    data.DecisionDraftKey(deleted.ID, 0, 0, 0),
		"superseder": data.DecisionDraftKey(0, 0, deleted.ID, 0),
		"decided":    data.DecisionDraftKey(decided.ID, 0, 0, 0),
		"from item":  data.DecisionDraftKey(0, item.ID, 0, 0),
		"in pod":     data.DecisionDraftKey(0, 0, 0, f.pod.ID),
		"pod":        data.PodDraftKey(f.pod.ID),
		"new pod":    data.PodDraftKey(0),
		"debt":       data.DebtAnswerDraftKey(f.meeting.ID),
	}
	for _, k := range keys {
		if err := db.SaveFormDraft(ctx, k, typed); err != nil {
			t.Fatal(err)
		}
	}
	there := func(name string) bool {
		_, err := db.FormDraft(ctx, keys[name])
		return err == nil
	}
	if err := db.DeleteDecision(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	if there("deleted") || there("superseder") || !there("kept") {
		t.Errorf("after deleting a proposal: its draft %v, its superseder's %v, another's %v", there("deleted"), there("superseder"), there("kept"))
	}
	if _, err := db.Decide(ctx, decided); err != nil {
		t.Fatal(err)
	}
	if there("decided") || !there("kept") {
		t.Errorf("after deciding: its draft %v, another's %v", there("decided"), there("kept"))
	}
	if err := db.DeleteAgendaItem(ctx, item.ID); err != nil {
		t.Fatal(err)
	}
	if there("from item") {
		t.Error("the draft of a decision from a deleted agenda item is still there")
	}
	if err := db.DeletePod(ctx, f.pod.ID); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"kept", "in pod", "pod", "debt"} {
		if there(name) {
			t.Errorf("draft %q outlives its pod", name)
		}
	}
	if !there("new pod") {
		t.Error("the new pod's draft went with another pod")
	}
}

// The import keeps drafts whose records came with the file and refuses,
// in words, one whose record did not or that no form makes.
func TestImportChecksFormDrafts(t *testing.T) {
	good := demoExport(t)
	var decisionID json.Number
	withDrafts := editExport(t, good, func(tb map[string][]map[string]any) {
		i := where(t, tb["decisions"], func(r map[string]any) bool { return r["state"] == "proposed" })
		decisionID = tb["decisions"][i]["id"].(json.Number)
		tb["form_drafts"] = []map[string]any{
			{"form": "decision", "subject": "decision " + decisionID.String(), "field": "question", "value": "Typed, not saved", "saved_at": "2026-11-19T09:10:00.000Z"},
			{"form": "deal_request", "subject": "new", "field": "customer", "value": "Initech", "saved_at": "2026-11-19T09:12:00.000Z"},
		}
	})
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(withDrafts)); err != nil {
		t.Fatal(err)
	}
	id, _ := decisionID.Int64()
	if d, err := dst.FormDraft(ctx, data.DecisionDraftKey(id, 0, 0, 0)); err != nil || d.Fields["question"] != "Typed, not saved" {
		t.Errorf("imported draft = %+v, %v", d, err)
	}
	for name, c := range map[string]struct {
		row  map[string]any
		want string
	}{
		"record not in the file": {map[string]any{"form": "decision", "subject": "decision 99999", "field": "question", "value": "x", "saved_at": "2026-11-19T09:10:00.000Z"},
			"form_drafts[0].subject: names decisions 99999, which is not in the file"},
		"no such form": {map[string]any{"form": "minutes", "subject": "new", "field": "notes", "value": "x", "saved_at": "2026-11-19T09:10:00.000Z"},
			"form_drafts[0]"},
		"subject no form makes": {map[string]any{"form": "pod", "subject": "decision 1", "field": "name", "value": "x", "saved_at": "2026-11-19T09:10:00.000Z"},
			"form_drafts[0].subject: the pod form keeps no draft of \"decision 1\""},
		"saved at no time": {map[string]any{"form": "pod", "subject": "new", "field": "name", "value": "x", "saved_at": "yesterday"},
			"form_drafts[0].saved_at"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := editExport(t, good, func(tb map[string][]map[string]any) { tb["form_drafts"] = []map[string]any{c.row} })
			dst := openImportTarget(t)
			err := dst.ImportJSON(ctx, bytes.NewReader(bad))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
			assertWords(t, err)
			assertNothingImported(t, dst)
		})
	}
}

// The debt check answered, the comment typed for it is in the record and
// its draft goes.
func TestDebtAnswerDraftGoesWithTheAnswer(t *testing.T) {
	f := newDecisionFixture(t)
	k := data.DebtAnswerDraftKey(f.meeting.ID)
	snap, err := f.db.RecordDebtSnapshot(ctx, f.meeting.ID, data.DefaultPlanningWindow(f.meeting.Date))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.SaveFormDraft(ctx, k, map[string]string{"comment": "Sales disputes"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.RespondToDebtSnapshot(ctx, snap.ID, data.DebtAnswer{Response: data.ResponseDisputed, Comment: "Sales disputes the share"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.FormDraft(ctx, k); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("the answered comment's draft is still kept: %v", err)
	}
}
