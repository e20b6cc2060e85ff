package sqlite

import (
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
