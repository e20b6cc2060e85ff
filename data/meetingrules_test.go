package data

import (
	"errors"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func TestLifecycle(t *testing.T) {
	draft := Meeting{ID: 1, Status: MeetingDraft, Date: NewDate(2026, 11, 26)}
	started, ev, err := draft.Start(at(0))
	if err != nil || started.Status != MeetingInProgress || !started.StartedAt.Equal(at(0)) || ev.Kind != "started" {
		t.Fatalf("start: %+v %+v %v", started, ev, err)
	}
	if _, _, err := started.Start(at(1)); !errors.Is(err, ErrConflict) {
		t.Error("a started meeting started again")
	}
	closed, ev, err := started.Close(at(50), " Ana  Ruiz ")
	if err != nil || closed.Status != MeetingClosed || !closed.EndedAt.Equal(at(50)) || ev.Kind != "closed" || ev.By != "Ana Ruiz" {
		t.Fatalf("close: %+v %v", closed, err)
	}
	if err := closed.Editable(); !errors.Is(err, ErrConflict) || !errors.Is(err, ErrMeetingClosed) {
		t.Error("a closed meeting is editable")
	}
	if _, _, err := closed.Close(at(51), ""); err == nil {
		t.Error("closed twice")
	}
	// A reopen is on record: who and why are required.
	if _, _, err := closed.Reopen(at(60), "", "missing answer"); !errors.Is(err, ErrInvalid) {
		t.Errorf("reopened without saying who: %v", err)
	}
	if _, _, err := closed.Reopen(at(60), "Ana Ruiz", "  "); !errors.Is(err, ErrInvalid) {
		t.Errorf("reopened without saying why: %v", err)
	}
	reopened, ev, err := closed.Reopen(at(60), "Ana Ruiz", " The PMM's answer was missing ")
	if err != nil || reopened.Status != MeetingInProgress || !reopened.EndedAt.IsZero() || !reopened.StartedAt.Equal(at(0)) || ev.Kind != "reopened" ||
		ev.By != "Ana Ruiz" || ev.Reason != "The PMM's answer was missing" {
		t.Fatalf("reopen: %+v %+v %v", reopened, ev, err)
	}
	if reopened.Editable() != nil || started.Editable() != nil || draft.Editable() != nil {
		t.Error("an open meeting is read-only")
	}
	if _, _, err := draft.Reopen(at(1), "Ana Ruiz", "why"); err == nil {
		t.Error("a draft was reopened")
	}
	// A draft that never ran can be closed (cancelled); it starts and ends then.
	c, _, err := draft.Close(at(5), "")
	if err != nil || !c.StartedAt.Equal(at(5)) || !c.EndedAt.Equal(at(5)) {
		t.Errorf("closing a draft: %+v %v", c, err)
	}
}

func TestElapsedFromTimestamps(t *testing.T) {
	cases := []struct {
		name string
		ivs  []Interval
		now  time.Time
		want time.Duration
	}{
		{"not started", nil, at(10), 0},
		{"running", []Interval{{Start: at(0)}}, at(7), 7 * time.Minute},
		{"paused then resumed", []Interval{{at(0), at(4)}, {Start: at(10)}}, at(13), 7 * time.Minute},
		{"paused", []Interval{{at(0), at(4)}}, at(60), 4 * time.Minute},
		// The app was closed at 10:05 and opened again at 10:20 while the
		// item ran: the open interval still counts from its stored start.
		{"restart", []Interval{{Start: at(0)}}, at(20), 20 * time.Minute},
		// The laptop slept from 10:05 to 10:35: the meeting in the room
		// went on, so the wall clock's half hour counts.
		{"sleep gap", []Interval{{Start: at(0)}}, at(35), 35 * time.Minute},
		{"clock set back", []Interval{{Start: at(10)}}, at(5), 0},
	}
	for _, c := range cases {
		if got := Elapsed(c.ivs, c.now); got != c.want {
			t.Errorf("%s: elapsed %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMonotonicReadingIgnored(t *testing.T) {
	// time.Now carries a monotonic reading that stops while the machine
	// sleeps; Duration must use the wall clock.
	start := time.Now()
	if d := (Interval{Start: start}).Duration(start.Add(time.Minute)); d != time.Minute {
		t.Errorf("duration = %v", d)
	}
}

func TestPace(t *testing.T) {
	ten := 10 * time.Minute
	cases := []struct {
		elapsed, planned time.Duration
		want             Pace
	}{
		{0, ten, PaceOnTime},
		{7*time.Minute + 59*time.Second, ten, PaceOnTime},
		{8 * time.Minute, ten, PaceWarning},
		{ten, ten, PaceWarning},
		{ten + time.Second, ten, PaceOver},
		{time.Hour, 0, PaceOnTime},
	}
	for _, c := range cases {
		if got := PaceOf(c.elapsed, c.planned); got != c.want {
			t.Errorf("PaceOf(%v, %v) = %v, want %v", c.elapsed, c.planned, got, c.want)
		}
	}
}

func TestMeetingClock(t *testing.T) {
	items := []AgendaItem{
		{PlannedMinutes: 10, Intervals: []Interval{{at(0), at(12)}}},                   // over by 2
		{PlannedMinutes: 15, Intervals: []Interval{{at(12), at(15)}, {Start: at(20)}}}, // paused 15-20, running
		{PlannedMinutes: 5},
		{PlannedMinutes: 20},
	}
	st := MeetingClock(items, at(25))
	if st.Current != 1 || !st.Running {
		t.Fatalf("current %d running %v", st.Current, st.Running)
	}
	if st.ItemElapsed[0] != 12*time.Minute || st.ItemElapsed[1] != 8*time.Minute {
		t.Errorf("item elapsed %v", st.ItemElapsed)
	}
	if st.TotalElapsed != 20*time.Minute || st.TotalPlanned != 50*time.Minute {
		t.Errorf("total %v of %v", st.TotalElapsed, st.TotalPlanned)
	}
	// 7 minutes left on item 2, then 5 + 20.
	if st.Remaining != 32*time.Minute || !st.ProjectedEnd.Equal(at(57)) {
		t.Errorf("remaining %v, end %v", st.Remaining, st.ProjectedEnd)
	}

	// Paused on item 2: the clock stands still, the projected end moves.
	items[1].Intervals[1].End = at(22)
	st = MeetingClock(items, at(40))
	if st.Running || st.Current != 1 || st.TotalElapsed != 17*time.Minute || !st.ProjectedEnd.Equal(at(40+10+25)) {
		t.Errorf("paused: %+v", st)
	}

	// Going back to item 1 makes it current again; an overrun item adds nothing.
	items[0].Intervals = append(items[0].Intervals, Interval{Start: at(41)})
	st = MeetingClock(items, at(42))
	if st.Current != 0 || !st.Running || st.Remaining != 25*time.Minute {
		t.Errorf("back to item 1: %+v", st)
	}

	if st := MeetingClock(nil, at(0)); st.Current != -1 || st.Running {
		t.Errorf("empty agenda: %+v", st)
	}
}

func TestFormatElapsed(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 65 * time.Second: "1:05", 61*time.Minute + 2*time.Second: "1:01:02", -time.Second: "0:00"} {
		if got := FormatElapsed(d); got != want {
			t.Errorf("FormatElapsed(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCarryOver(t *testing.T) {
	prev := Meeting{ID: 1, PodID: 7, Date: NewDate(2026, 11, 19), Status: MeetingClosed}
	pay := Money(500000)
	items := []AgendaItem{
		{ID: 1, Title: "Deal desk", Standing: StandingDealDesk, Kind: KindDealDesk},         // standing: regenerated, never carried
		{ID: 2, Title: "Discussed", Kind: KindTopic, Intervals: []Interval{{at(0), at(5)}}}, // reached: stays
		{ID: 3, Title: "Not reached", Kind: KindFeatureProposal, PlannedMinutes: 15, Answers: TriadAnswers{CanBuild: VerdictYes, WillPay: &pay}},
		{ID: 4, Title: "Keep going", Kind: KindDecision, CarryOver: true, Intervals: []Interval{{at(5), at(9)}}, Notes: "old notes"},
		{ID: 5, Title: "Carried twice", Kind: KindTopic, CarriedFrom: NewDate(2026, 11, 12)},
	}
	got := CarryOver(prev, items)
	if len(got) != 3 {
		t.Fatalf("carried %d items: %+v", len(got), got)
	}
	if got[0].Title != "Not reached" || got[0].PlannedMinutes != 15 || got[0].Answers.CanBuild != VerdictYes || *got[0].Answers.WillPay != pay ||
		!got[0].CarriedFrom.Equal(prev.Date) || got[0].CarriedFromID != 3 || got[0].Reached() {
		t.Errorf("not reached copy: %+v", got[0])
	}
	if got[1].Title != "Keep going" || got[1].Notes != "last week: old notes" || got[1].CarryOver {
		t.Errorf("carry-over copy: %+v", got[1])
	}
	if !got[2].CarriedFrom.Equal(NewDate(2026, 11, 12)) {
		t.Errorf("an item carried twice shows %v, want its first date", got[2].CarriedFrom)
	}

	agenda := NewAgenda(got)
	wantTitles := []string{"Deal desk", "Roadmap debt check", "Open decisions", "Action items review", "Not reached", "Keep going", "Carried twice"}
	if len(agenda) != len(wantTitles) {
		t.Fatalf("agenda has %d items", len(agenda))
	}
	for i, w := range wantTitles {
		if agenda[i].Title != w || agenda[i].Position != i {
			t.Errorf("agenda[%d] = %q at %d, want %q", i, agenda[i].Title, agenda[i].Position, w)
		}
	}
	if agenda[3].Standing != StandingActionReview || agenda[4].Standing != StandingNone {
		t.Error("standing kinds are wrong")
	}
}

func TestPreviousMeeting(t *testing.T) {
	m := Meeting{ID: 9, PodID: 1, Date: NewDate(2026, 11, 26)}
	all := []Meeting{
		{ID: 1, PodID: 1, Date: NewDate(2026, 11, 12), Status: MeetingClosed},
		{ID: 2, PodID: 1, Date: NewDate(2026, 11, 19), Status: MeetingClosed},
		{ID: 3, PodID: 1, Date: NewDate(2026, 11, 22), Status: MeetingDraft},  // never ran
		{ID: 4, PodID: 2, Date: NewDate(2026, 11, 25), Status: MeetingClosed}, // other pod
		{ID: 5, PodID: 1, Date: NewDate(2026, 12, 3), Status: MeetingClosed},  // later
		m,
	}
	p, ok := PreviousMeeting(m, all)
	if !ok || p.ID != 2 {
		t.Errorf("previous = %+v, %v; want meeting 2", p, ok)
	}
	if _, ok := PreviousMeeting(all[0], all); ok {
		t.Error("the first meeting has a previous one")
	}
}

func TestOverdue(t *testing.T) {
	today := NewDate(2026, 11, 25)
	cases := []struct {
		name string
		a    ActionItem
		want bool
	}{
		{"due yesterday", ActionItem{Due: today.AddDays(-1)}, true},
		{"due today", ActionItem{Due: today}, false},
		{"due tomorrow", ActionItem{Due: today.AddDays(1)}, false},
		{"no date", ActionItem{}, false},
		{"done late", ActionItem{Due: today.AddDays(-3), DoneAt: at(0)}, false},
	}
	var all []ActionItem
	for _, c := range cases {
		if got := c.a.Overdue(today); got != c.want {
			t.Errorf("%s: overdue = %v", c.name, got)
		}
		all = append(all, c.a)
	}
	if CountOverdue(all, today) != 1 {
		t.Error("CountOverdue")
	}
}

func TestAgendaItemValidate(t *testing.T) {
	ok := AgendaItem{Title: "Pricing page", Kind: KindTopic, PlannedMinutes: 10}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	neg := Money(-1)
	long := make([]byte, MaxNoteLen+1)
	for i := range long {
		long[i] = 'x'
	}
	cases := []struct {
		field string
		mod   func(*AgendaItem)
	}{
		{"title", func(it *AgendaItem) { it.Title = "" }},
		{"title", func(it *AgendaItem) { it.Title = "a\u202eb" }},
		{"kind", func(it *AgendaItem) { it.Kind = "chat" }},
		{"planned", func(it *AgendaItem) { it.PlannedMinutes = -5 }},
		{"planned", func(it *AgendaItem) { it.PlannedMinutes = 999 }},
		{"notes", func(it *AgendaItem) { it.Notes = string(long) }},
		{"answers", func(it *AgendaItem) { it.Answers.WillPay = &neg }},
		{"answers", func(it *AgendaItem) { it.Answers.CanBuild = "maybe" }},
	}
	for _, c := range cases {
		it := ok
		c.mod(&it)
		var ve *ValidationError
		if err := it.Validate(); !errors.As(err, &ve) || ve.For(c.field) == "" {
			t.Errorf("%s: err = %v", c.field, err)
		}
	}
	cjk := ok
	cjk.Title = "定价页面 🚀 مرحبا"
	if err := cjk.Validate(); err != nil {
		t.Errorf("CJK/emoji/RTL title refused: %v", err)
	}
}

func TestTriadAnswers(t *testing.T) {
	pay := Money(100)
	a := TriadAnswers{CanBuild: VerdictQualified, HowLong: "2 sprints", WillPay: &pay}
	if a.Unanswered() != 3 {
		t.Errorf("unanswered = %d, want 3", a.Unanswered())
	}
	if QuestionCanBuild.Label(VerdictQualified) != "With changes" || QuestionSolvesProblem.Label(VerdictQualified) != "Partly" ||
		QuestionShouldBuild.Verdict("Later") != VerdictQualified || QuestionCanSell.Verdict("") != VerdictUnanswered {
		t.Error("verdict labels")
	}
}

// fakeClock hands out timers that fire only when the test advances time.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Duration
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Duration
	f       func()
	stopped bool
}

func (t *fakeTimer) Stop() bool { was := !t.stopped; t.stopped = true; return was }

func (c *fakeClock) After(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now + d, f: f}
	c.timers = append(c.timers, t)
	return t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now += d
	var due []*fakeTimer
	for _, t := range c.timers {
		if !t.stopped && t.at <= c.now {
			t.stopped = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	for _, t := range due {
		t.f()
	}
}

func TestDebouncer(t *testing.T) {
	clock := &fakeClock{}
	d := &Debouncer{Delay: AutosaveDelay, After: clock.After}
	var saved []string
	var states []bool
	d.OnState = func(pending bool, err error) { states = append(states, pending) }
	typeText := func(key, v string) { d.Schedule(key, func() error { saved = append(saved, key+"="+v); return nil }) }

	// Keystrokes 300 ms apart: nothing is written while typing goes on.
	for i, v := range []string{"P", "Pr", "Pri", "Pric"} {
		if i > 0 {
			clock.advance(300 * time.Millisecond)
		}
		typeText("title", v)
	}
	typeText("notes", "n")
	if len(saved) != 0 {
		t.Fatalf("saved while typing: %v", saved)
	}
	// The last keystroke's value is written once, within a second.
	clock.advance(AutosaveDelay)
	if len(saved) != 2 || saved[0] != "title=Pric" || saved[1] != "notes=n" {
		t.Fatalf("saved = %v", saved)
	}
	if AutosaveDelay >= time.Second {
		t.Error("the delay must keep writes within a second of the last keystroke")
	}
	if states[len(states)-1] {
		t.Error("the state still says saving")
	}

	// Closing the window flushes what the timer has not written yet.
	typeText("title", "Pricing")
	clock.advance(100 * time.Millisecond)
	if err := d.Flush(); err != nil || saved[len(saved)-1] != "title=Pricing" || d.Pending() {
		t.Fatalf("flush: %v %v", saved, err)
	}
	n := len(saved)
	clock.advance(time.Second)
	if len(saved) != n {
		t.Error("a flushed save ran again when its timer was due")
	}

	// A failed save is reported, and the others still run.
	d.Schedule("a", func() error { return errors.New("disk full") })
	typeText("b", "x")
	if err := d.Flush(); err == nil || saved[len(saved)-1] != "b=x" {
		t.Errorf("flush with a failure: %v %v", err, saved)
	}
}
