package pods

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// readCounter is the real store with the pod page's reads counted.
type readCounter struct {
	shell.Store
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) count(what string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads[what]++
}

func (c *readCounter) Meetings(ctx context.Context, podID int64) ([]data.Meeting, error) {
	c.count("every meeting")
	return c.Store.Meetings(ctx, podID)
}

func (c *readCounter) DealRequests(ctx context.Context, f data.DealFilter) ([]data.DealRequest, error) {
	c.count("deal desk")
	return c.Store.DealRequests(ctx, f)
}

func (c *readCounter) Roadmap(ctx context.Context, podID int64) (data.Roadmap, error) {
	c.count("roadmap")
	return c.Store.Roadmap(ctx, podID)
}

func (c *readCounter) DecisionLog(ctx context.Context, f data.DecisionFilter) ([]data.DecisionEntry, error) {
	c.count("decisions")
	return c.Store.DecisionLog(ctx, f)
}

// Opening a pod builds and reads its meetings tab only, a page of
// meetings at that; another tab is built, and read, when first shown.
func TestPodPageBuildsTabsWhenShownAndPagesMeetings(t *testing.T) {
	e := apptest.New(t)
	p := apptest.Pod(t, e.DB, "Payments")
	first := data.NewDate(2025, 1, 2)
	for w := range meetingPage + 5 {
		apptest.Meeting(t, e.DB, p.ID, first.AddDays(7*w))
	}
	store := &readCounter{Store: e.Sh.Store, reads: map[string]int{}}
	e.Sh.Store = store

	pg := NewPage(e.Scope(), p.ID)
	e.ShowContent(pg.sc, pg.Build())
	if fmt.Sprint(store.reads) != "map[]" {
		t.Errorf("opening the pod read %v, want its page of meetings only", store.reads)
	}
	if len(pg.meetings) != meetingPage || !pg.olderButton.Visible() || pg.meetings[0].Date != first.AddDays(7*(meetingPage+4)) {
		t.Fatalf("first page: %d meetings from %s, older shown %v", len(pg.meetings), pg.meetings[0].Date, pg.olderButton.Visible())
	}
	test.Tap(pg.olderButton)
	e.Wait()
	if len(pg.meetings) != meetingPage+5 || pg.olderButton.Visible() || pg.meetings[meetingPage+4].Date != first {
		t.Errorf("after older: %d meetings, older shown %v", len(pg.meetings), pg.olderButton.Visible())
	}

	pg.SelectTab(shell.TabDecisions)
	e.Wait()
	pg.SelectTab(shell.TabMeetings)
	pg.SelectTab(shell.TabDecisions)
	e.Wait()
	if fmt.Sprint(store.reads) != "map[decisions:1]" {
		t.Errorf("showing the decisions tab twice read %v, want the log once", store.reads)
	}
	if !apptest.ContainsText(e.Screen(), "New decision") {
		t.Error("the decisions tab shows nothing")
	}
	pg.SelectTab(shell.TabDealDesk)
	pg.SelectTab(shell.TabRoadmap)
	e.Wait()
	if fmt.Sprint(store.reads) != "map[deal desk:1 decisions:1 roadmap:1]" {
		t.Errorf("every tab shown once read %v", store.reads)
	}
	// Creating a meeting reloads as many meetings as were shown.
	pg.reload()
	e.Wait()
	if len(pg.meetings) != meetingPage+5 || pg.olderButton.Visible() {
		t.Errorf("after a reload %d meetings are shown (older offered %v), want all %d still", len(pg.meetings), pg.olderButton.Visible(), meetingPage+5)
	}
}
