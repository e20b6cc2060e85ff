package sqlite

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"triad/data"
	tsync "triad/data/sync"
)

// The pod's meeting template travels with its form: the facilitator's
// template is the Tech Lead's once it arrives, a reset brings the
// built-in one back on both, and only the facilitator changes it.
func TestTheMeetingTemplateSyncsWithThePodsForm(t *testing.T) {
	a, b := teamOfTwo(t)
	own := data.MeetingTemplate{PodID: a.pod.ID, Items: []data.TemplateItem{
		{Standing: data.StandingDealDesk, Minutes: 15},
		{Title: "Partner API review 🚀", Kind: data.KindTopic, Minutes: 20},
	}}
	saved, err := a.db.SaveMeetingTemplate(ctx, own)
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	got, err := b.db.MeetingTemplate(ctx, b.pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Default || !sameTemplate(got, saved) {
		t.Fatalf("the Tech Lead's template: %+v, want the facilitator's %+v", got, saved)
	}
	// A new meeting on the Tech Lead's laptop starts from it.
	samePod(t, a.pod.UID, a.db, b.db)

	if _, err := b.db.SaveMeetingTemplate(ctx, data.MeetingTemplate{PodID: b.pod.ID, Items: []data.TemplateItem{{Title: "Mine", Kind: data.KindTopic, Minutes: 5}}}); !errors.Is(err, data.ErrConflict) {
		t.Fatalf("the Tech Lead saving a template: %v, want refused", err)
	}
	if got, _ := b.db.MeetingTemplate(ctx, b.pod.ID); !sameTemplate(got, saved) {
		t.Fatalf("a refused template changed the Tech Lead's: %+v", got)
	}

	if err := a.db.ResetMeetingTemplate(ctx, a.pod.ID); err != nil {
		t.Fatal(err)
	}
	deliver(t, a.db, b.db)
	if got, _ := b.db.MeetingTemplate(ctx, b.pod.ID); !got.Default {
		t.Fatalf("after the reset the Tech Lead's template is %+v, want the built-in one", got)
	}
	samePod(t, a.pod.UID, a.db, b.db)
}

// A template another laptop could not have saved (no items past the
// limit, an unknown kind) is refused whole, with why, and the pod's own
// stays.
func TestATemplateNoLaptopCouldSaveIsRefused(t *testing.T) {
	a, b := teamOfTwo(t)
	ev, err := a.db.newEvent(a.pod.UID, tsync.KindPodEdited, []byte(`{"fields":{"meeting_template":"[{\"title\":\"\",\"kind\":\"nonsense\",\"minutes\":-5}]"}}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.db.ApplyEvent(ctx, ev)
	if err != nil || res != tsync.EventRefused {
		t.Fatalf("a broken template: %d, %v; want refused", res, err)
	}
	refused, _, _ := b.db.RefusedChanges(ctx, 1)
	if len(refused) != 1 || !strings.Contains(refused[0].Reason, "meeting template") {
		t.Fatalf("refused: %+v", refused)
	}
	if got, _ := b.db.MeetingTemplate(ctx, b.pod.ID); !got.Default {
		t.Fatalf("the template after a refused one: %+v", got)
	}
}

func sameTemplate(a, b data.MeetingTemplate) bool {
	strip := func(t data.MeetingTemplate) []data.TemplateItem {
		out := append([]data.TemplateItem(nil), t.Items...)
		for i := range out {
			out[i].ID = 0
		}
		return out
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// Sharing a pod sends its form in two events, the meeting template in one
// of its own, so a laptop of a build that does not know the template
// refuses that one alone. A pod shared by such a build, whose template
// no event has set, sends it once from the facilitator's laptop when it
// next syncs.
func TestTheTemplateTravelsApartAndOnceForAPodSharedBefore(t *testing.T) {
	a, b := teamOfTwo(t)
	if _, err := a.db.ShareDealDesk(ctx, a.pod.UID); err != nil {
		t.Fatal(err)
	}
	evs, err := a.db.PendingEvents(ctx, 1000)
	if err != nil {
		t.Fatal(err)
	}
	withTemplate := 0
	for _, ev := range evs {
		if ev.Kind != tsync.KindPodEdited {
			continue
		}
		var p podPayload
		if err := json.Unmarshal(ev.Payload, &p); err != nil {
			t.Fatal(err)
		}
		if _, ok := p.Fields[templateField]; ok {
			withTemplate++
			if len(p.Fields) != 1 {
				t.Errorf("the template travels with %d other fields: %v", len(p.Fields)-1, p.Fields)
			}
		}
	}
	if withTemplate != 1 {
		t.Fatalf("%d events carry the template, want 1", withTemplate)
	}
	deliver(t, a.db, b.db)

	// As an older build left both laptops: the facilitator's own template,
	// kept on that laptop only, and no clock for the field on either.
	for _, db := range []*DB{a.db, b.db} {
		if _, err := db.db.ExecContext(ctx, `DELETE FROM sync_fields WHERE record_uid = ? AND field = ?`, a.pod.UID, templateField); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.db.db.ExecContext(ctx, `INSERT INTO pod_template_items (pod_id, position, standing, title, kind, planned_minutes, updated_at)
		VALUES (?, 0, '', 'Weekly numbers', 'topic', 10, '2026-11-01T09:00:00.000Z')`, a.pod.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := b.db.SendNewFormFields(ctx); err != nil || n != 0 {
		t.Fatalf("the Tech Lead's laptop sent %d pods' fields (%v), want none: only the facilitator's sends", n, err)
	}
	if n, err := a.db.SendNewFormFields(ctx); err != nil || n != 1 {
		t.Fatalf("the facilitator's laptop sent %d pods' fields (%v), want 1", n, err)
	}
	if n, err := a.db.SendNewFormFields(ctx); err != nil || n != 0 {
		t.Fatalf("sent again: %d (%v), want 0", n, err)
	}
	deliver(t, a.db, b.db)
	got, err := b.db.MeetingTemplate(ctx, b.pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Default || len(got.Items) != 1 || got.Items[0].Title != "Weekly numbers" {
		t.Fatalf("the Tech Lead's template: %+v", got)
	}
	samePod(t, a.pod.UID, a.db, b.db)
}
