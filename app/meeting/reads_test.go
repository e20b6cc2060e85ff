package meeting

import (
	"context"
	"sync/atomic"
	"testing"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// everyMeetingCounter is the real store with its reads of all of a pod's
// meetings counted.
type everyMeetingCounter struct {
	shell.Store
	reads atomic.Int32
}

func (c *everyMeetingCounter) Meetings(ctx context.Context, podID int64) ([]data.Meeting, error) {
	c.reads.Add(1)
	return c.Store.Meetings(ctx, podID)
}

// The standing panels count "since the last meeting" from one lookup of
// that meeting: ten years of a pod's meetings are never read to find it.
func TestStandingPanelsFindTheLastMeetingWithoutReadingEveryMeeting(t *testing.T) {
	e := apptest.New(t)
	e.HoldAutosave()
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	store := &everyMeetingCounter{Store: e.Sh.Store}
	e.Sh.Store = store
	ms := openMeeting(e, apptest.DemoMeeting(t, e.DB, pod.ID, "").ID)
	selectItem(t, e, ms, "Deal desk")
	if !apptest.ContainsText(ms.editor.standingBox, "Received since the last meeting") {
		t.Error("the deal desk panel does not count from the last meeting")
	}
	selectItem(t, e, ms, "Roadmap debt check")
	if n := store.reads.Load(); n != 0 {
		t.Errorf("opening the meeting and its standing panels read every meeting of the pod %d times", n)
	}
}
