package decisions

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// watchedStore is the real store with its searches counted, and those for
// one text held until the test lets them go: a slow query on a large file.
type watchedStore struct {
	shell.Store

	mu       sync.Mutex
	searched []string // the text of every Search and DecisionLog, in order

	slow      string        // the text whose reads are held
	started   chan struct{} // a held read has begun
	cancelled chan struct{} // a held read's context was cancelled
	release   chan struct{} // closed: held reads go on
}

func watch(s shell.Store) *watchedStore {
	return &watchedStore{Store: s, started: make(chan struct{}, 8), cancelled: make(chan struct{}, 8), release: make(chan struct{})}
}

func (w *watchedStore) note(ctx context.Context, text string) {
	w.mu.Lock()
	w.searched = append(w.searched, text)
	w.mu.Unlock()
	if text != w.slow || w.slow == "" {
		return
	}
	w.started <- struct{}{}
	<-ctx.Done()
	w.cancelled <- struct{}{}
	<-w.release
}

// Search answers as the store does, even for a query whose context was
// cancelled meanwhile: the worst case, an answer that arrives late.
func (w *watchedStore) Search(ctx context.Context, r data.SearchRequest) ([]data.SearchHit, error) {
	w.note(ctx, r.Text)
	return w.Store.Search(context.Background(), r)
}

func (w *watchedStore) DecisionLog(ctx context.Context, f data.DecisionFilter) ([]data.DecisionEntry, error) {
	w.note(ctx, f.Text)
	return w.Store.DecisionLog(context.Background(), f)
}

// texts is what was searched for, the empty text (the log unfiltered) left out.
func (w *watchedStore) texts() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, s := range w.searched {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// within waits for ch, failing the test if it takes longer than a
// busy machine ever needs.
func within(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not happen", what)
	}
}

// searchWorld is two pods whose records mention "zebracorn": in pod one a
// decision, an agenda item's notes, an action item and a deal request; in
// pod two an agenda item. Pod one also has a decision about the ledger.
type searchWorld struct {
	one, two              data.Pod
	meeting, otherMeeting data.Meeting
	decision, ledger      data.Decision
	item, otherItem       data.AgendaItem
	action                data.ActionItem
	request               data.DealRequest
}

func newSearchWorld(t *testing.T, e *apptest.Env) searchWorld {
	t.Helper()
	ctx := context.Background()
	var w searchWorld
	w.one, w.meeting = decisionPod(t, e.DB)
	w.two = apptest.Pod(t, e.DB, "Growth")
	w.otherMeeting = apptest.Meeting(t, e.DB, w.two.ID, data.NewDate(2026, 11, 19))
	note := func(m data.Meeting, title, notes string) data.AgendaItem {
		it, err := e.DB.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: title, Kind: data.KindTopic, PlannedMinutes: 5, Notes: notes})
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	w.item = note(w.meeting, "Wallet rollout", "Zebracorn wants the wallet in Lisbon first")
	w.otherItem = note(w.otherMeeting, "Referrals", "zebracorn referral numbers")
	var err error
	if w.action, err = e.DB.AddActionItem(ctx, data.ActionItem{MeetingID: w.meeting.ID, Text: "Ask zebracorn for a quote"}); err != nil {
		t.Fatal(err)
	}
	w.request = e.Request(w.one.ID, "Zebracorn Ltd", 90_000, time.Hour)
	decide := func(q string) data.Decision {
		d := data.NewDecision(w.one, w.meeting.ID)
		d.Question = q
		d.Options = []data.DecisionOption{{Title: "Yes"}, {Title: "No"}}
		d, err := e.DB.CreateDecision(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	w.decision = decide("Partner with Zebracorn on wallets?")
	w.ledger = decide("Move the ledger to its own database?")
	return w
}

// Typing "pri" at speed runs one query, after the pause, not three: in
// the search screen and in the decision log.
func TestTypingQuicklyRunsOneQuery(t *testing.T) {
	e := apptest.New(t)
	w := newSearchWorld(t, e)
	store := watch(e.Sh.Store)
	e.Sh.Store = store

	s := NewSearch(e.Scope(), shell.Search{})
	e.ShowContent(s.sc, s.Build())
	test.Type(s.entry, "pri")
	if got := store.texts(); len(got) != 0 {
		t.Fatalf("searched while typing: %q", got)
	}
	if s.status.Text != "Searching…" {
		t.Errorf("while the answer is due the screen says %q", s.status.Text)
	}
	e.Pause()
	if got := store.texts(); !reflect.DeepEqual(got, []string{"pri"}) {
		t.Errorf("the search screen searched %q, want once for pri", got)
	}

	store.searched = nil
	log := NewLog(e.Scope(), w.one.ID)
	e.ShowContent(log.sc, log.Build())
	test.Type(log.search, "pri")
	e.Pause()
	// One query: the decisions and the other records it reads together.
	if got := store.texts(); !reflect.DeepEqual(got, []string{"pri", "pri"}) {
		t.Errorf("the decision log searched %q, want pri once for decisions and once for the rest", got)
	}
}

// A slow query that a newer keystroke replaced is cancelled at once, and
// its late answer never replaces the newer one on screen.
func TestStaleQueryIsCancelledAndNeverShown(t *testing.T) {
	for _, c := range []struct {
		name  string
		reads int // how many reads one query makes
		open  func(e *apptest.Env, w searchWorld) (box func() *kit.Entry, shown func() string)
	}{
		{"search screen", 1, func(e *apptest.Env, w searchWorld) (func() *kit.Entry, func() string) {
			s := NewSearch(e.Scope(), shell.Search{})
			e.ShowContent(s.sc, s.Build())
			return func() *kit.Entry { return s.entry }, func() string { return hitTitles(s.results.hits) }
		}},
		{"decision log", 2, func(e *apptest.Env, w searchWorld) (func() *kit.Entry, func() string) {
			l := NewLog(e.Scope(), w.one.ID)
			e.ShowContent(l.sc, l.Build())
			return func() *kit.Entry { return l.search }, func() string {
				var qs []string
				for _, en := range l.entries {
					qs = append(qs, en.Decision.Question)
				}
				return strings.Join(qs, "; ") + " | " + hitTitles(l.notes.results.hits)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := apptest.New(t)
			w := newSearchWorld(t, e)
			store := watch(e.Sh.Store)
			store.slow = "ledger"
			e.Sh.Store = store
			box, shown := c.open(e, w)
			e.Sh.Inline = false // the slow reads run on goroutines of their own, as in the window

			test.Type(box(), "ledger")
			e.Timers.Fire()
			for range c.reads {
				within(t, store.started, "the slow read")
			}
			box().SetText("zebracorn") // the next keystroke ends the slow query at once
			for range c.reads {
				within(t, store.cancelled, "cancelling the slow read")
			}
			// The newer query runs here, so its answer is shown before the
			// stale one arrives (the test driver would run two answers on
			// two goroutines at once, which the window never does).
			e.Sh.Inline = true
			e.Timers.Fire()
			close(store.release)
			e.Wait() // the stale answer has arrived
			got := shown()
			if strings.Contains(got, "ledger") || !strings.Contains(got, "Zebracorn") {
				t.Errorf("shown after the stale answer arrived: %s", got)
			}
		})
	}
}

func hitTitles(hits []data.SearchHit) string {
	var ts []string
	for _, h := range hits {
		ts = append(ts, data.RunsText(h.Title))
	}
	return strings.Join(ts, "; ")
}

// The search screen searches every pod, ranked as the store ranks, names
// each hit's kind and pod, and opens each record through its route; the
// pod choice narrows it to one pod.
func TestSearchEveryPodOpensEachRecord(t *testing.T) {
	e := apptest.New(t)
	w := newSearchWorld(t, e)
	s := NewSearch(e.Scope(), shell.Search{})
	e.ShowContent(s.sc, s.Build())
	test.Type(s.entry, "zebracorn")
	e.Pause()

	want, err := e.DB.Search(context.Background(), data.SearchRequest{Text: "zebracorn", Limit: searchPage})
	if err != nil || len(want) != 5 {
		t.Fatalf("the store finds %d, %v", len(want), err)
	}
	if !reflect.DeepEqual(s.results.hits, want) {
		t.Errorf("shown %s, want the store's ranking %s", hitTitles(s.results.hits), hitTitles(want))
	}
	if s.status.Text != "5 matches, best first" || s.pod.Select.Selected != "Every pod" {
		t.Errorf("status %q in %q", s.status.Text, s.pod.Select.Selected)
	}
	back := shell.Search{Text: "zebracorn"}
	routes := map[string]shell.Route{
		data.HitDecision + fmt.Sprint(w.decision.ID):    shell.Decision{PodID: w.one.ID, ID: w.decision.ID},
		data.HitAgendaItem + fmt.Sprint(w.item.ID):      shell.Meeting{ID: w.meeting.ID},
		data.HitAgendaItem + fmt.Sprint(w.otherItem.ID): shell.Meeting{ID: w.otherMeeting.ID},
		data.HitActionItem + fmt.Sprint(w.action.ID):    shell.Meeting{ID: w.meeting.ID},
		data.HitDealRequest + fmt.Sprint(w.request.ID):  shell.DealRequest{ID: w.request.ID, Back: back},
	}
	for i, h := range s.results.hits {
		s.results.list.Select(i)
		key := h.Kind + fmt.Sprint(h.RefID)
		if got := e.Last(); !reflect.DeepEqual(got, routes[key]) {
			t.Errorf("%s opened %#v, want %#v", key, got, routes[key])
		}
		delete(routes, key)
		row := s.results.list.CreateItem()
		s.results.list.UpdateItem(i, row)
		pod := w.one.Name
		if h.PodID == w.two.ID {
			pod = w.two.Name
		}
		if found, _ := apptest.RichTextContains(row, kindLabel(h.Kind)+" · "+pod); !found {
			t.Errorf("row %d does not say %q of pod %s", i, kindLabel(h.Kind), pod)
		}
	}
	if len(routes) != 0 {
		t.Errorf("not shown: %v", routes)
	}

	s.pod.Set(w.two.ID) // picking a pod searches at once
	e.Wait()
	if len(s.results.hits) != 1 || s.results.hits[0].RefID != w.otherItem.ID {
		t.Errorf("in %s: %s", w.two.Name, hitTitles(s.results.hits))
	}
	if r, ok := s.back().(shell.Search); !ok || r.PodID != w.two.ID || r.Text != "zebracorn" {
		t.Errorf("a deal request opened now returns to %#v", s.back())
	}
}

// A route back to the search (from a deal request) shows it as it was,
// searched at once; short words say why they find little.
func TestSearchReopensAndExplainsShortWords(t *testing.T) {
	e := apptest.New(t)
	w := newSearchWorld(t, e)
	s := NewSearch(e.Scope(), shell.Search{PodID: w.one.ID, Text: "zebracorn"})
	e.ShowContent(s.sc, s.Build())
	if s.pod.Select.Selected != w.one.Name || len(s.results.hits) != 4 {
		t.Errorf("reopened on %q with %d hits, want %s's 4", s.pod.Select.Selected, len(s.results.hits), w.one.Name)
	}
	s.entry.SetText("ze")
	e.Pause()
	if len(s.results.hits) != 0 || !strings.Contains(s.status.Text, "one or two letters match whole words only") {
		t.Errorf("ze: %d hits, status %q", len(s.results.hits), s.status.Text)
	}
	s.entry.SetText("")
	e.Pause()
	if !strings.Contains(s.status.Text, "Type to search Payments's decisions") {
		t.Errorf("empty box says %q", s.status.Text)
	}
}

// The search screen and the decision log read a page at a time; "Show
// more" adds the next.
func TestSearchAndLogPageTheirResults(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	p, m := decisionPod(t, e.DB)
	for i := range logPage + 5 {
		d := data.NewDecision(p, m.ID)
		d.Question = fmt.Sprintf("Ship okapi feature %d?", i)
		if _, err := e.DB.CreateDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	log := NewLog(e.Scope(), p.ID)
	e.ShowContent(log.sc, log.Build())
	if len(log.entries) != logPage || !log.more.Visible() || log.count.Text != "50 decisions shown, newest first; more below" {
		t.Fatalf("first page: %d entries, more shown %v, %q", len(log.entries), log.more.Visible(), log.count.Text)
	}
	test.Tap(log.more)
	e.Wait()
	if len(log.entries) != logPage+5 || log.more.Visible() || log.count.Text != "55 decisions, newest first" {
		t.Errorf("after more: %d entries, more shown %v, %q", len(log.entries), log.more.Visible(), log.count.Text)
	}

	s := NewSearch(e.Scope(), shell.Search{Text: "okapi"})
	e.ShowContent(s.sc, s.Build())
	if len(s.results.hits) != searchPage || !s.more.Visible() {
		t.Fatalf("first page: %d hits, more shown %v", len(s.results.hits), s.more.Visible())
	}
	test.Tap(s.more)
	e.Wait()
	seen := map[int64]bool{}
	for _, h := range s.results.hits {
		seen[h.RefID] = true
	}
	if len(s.results.hits) != logPage+5 || len(seen) != logPage+5 || s.more.Visible() {
		t.Errorf("after more: %d hits (%d different), more shown %v", len(s.results.hits), len(seen), s.more.Visible())
	}
}
