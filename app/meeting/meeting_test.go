package meeting

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/sqlite"
)

// openTestMeeting makes a pod with a draft meeting and shows it.
func openTestMeeting(t *testing.T) (*apptest.Env, *sqlite.DB, *Screen) {
	t.Helper()
	e := apptest.New(t)
	e.HoldAutosave()
	p := apptest.Pod(t, e.DB, "Payments")
	m := apptest.Meeting(t, e.DB, p.ID, data.NewDate(2026, 11, 25))
	return e, e.DB, openMeeting(e, m.ID)
}

// openMeeting shows a meeting's screen as the router does and returns it.
func openMeeting(e *apptest.Env, id int64) *Screen {
	ms := New(e.Scope(), id)
	e.Show(ms.sc, ms.Build())
	return ms
}

func shortcut(e *apptest.Env, key fyne.KeyName, mod fyne.KeyModifier) {
	e.Shortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

func TestMeetingAgendaAddReorderAdvance(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	if ms.agenda.list.Length() != 4 || !apptest.ContainsText(e.Screen(), "Weekly meeting · Wed 25 Nov 2026") {
		t.Fatalf("a new meeting shows %d agenda items", ms.agenda.list.Length())
	}

	// Add two items: one with the button, one with Ctrl+I.
	test.Tap(ms.agenda.add)
	e.Wait()
	test.Type(ms.editor.title, "Pricing page") // replaces the selected "New agenda item"
	shortcut(e, fyne.KeyI, fyne.KeyModifierShortcutDefault)
	e.Wait()
	if e.Sh.Win.Canvas().Focused() != ms.editor.title {
		t.Error("a new item does not put the cursor in its title")
	}
	ms.editor.title.SetText("Refund flow")
	ms.editor.planned.SetText("5")
	items := apptest.Run(t, db, ms.meetingID).Items
	if len(items) != 6 || items[4].Title != "Pricing page" || items[5].Title != "New agenda item" {
		t.Fatalf("after adding: %v (the pending edit was written when the next item was added)", titlesOf(items))
	}
	if ms.header.saveState.Text != "Saving…" {
		t.Errorf("save state while an edit waits = %q", ms.header.saveState.Text)
	}

	// Move "Refund flow" up with Alt+Up typed in its title field, then to
	// the top with the button.
	ms.editor.title.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt})
	e.Wait()
	for i := 0; i < 4; i++ {
		test.Tap(ms.agenda.up)
		e.Wait()
	}
	items = apptest.Run(t, db, ms.meetingID).Items
	if got := titlesOf(items); got[0] != "Refund flow" || got[5] != "Pricing page" || items[0].PlannedMinutes != 5 {
		t.Fatalf("after moving: %v", got)
	}
	if ms.header.saveState.Text != "Saved" {
		t.Errorf("save state = %q", ms.header.saveState.Text)
	}

	// Start: the clock is on item 1. Eleven minutes later it is red; Next
	// moves it to item 2 and stores item 1's time.
	start := e.Sh.Now()
	test.Tap(ms.clock.start)
	e.Wait()
	if !ms.clock.start.Hidden || ms.clock.next.Hidden || !strings.HasPrefix(ms.clock.current.Text, "1. Refund flow") {
		t.Fatalf("after start: %q", ms.clock.current.Text)
	}
	e.Sh.Now = func() time.Time { return start.Add(4 * time.Minute) }
	ms.clock.refresh()
	if ms.clock.itemClock.Text != "4:00" || ms.clock.itemClock.Color != theme.Color(theme.ColorNameWarning) {
		t.Errorf("at 4 of 5 minutes: %s %v", ms.clock.itemClock.Text, ms.clock.itemClock.Color)
	}
	e.Sh.Now = func() time.Time { return start.Add(6 * time.Minute) }
	ms.clock.refresh()
	if ms.clock.itemClock.Color != theme.Color(theme.ColorNameError) || !strings.Contains(ms.clock.itemPlanned.Text, "1:00 over") {
		t.Errorf("over time: %v %q", ms.clock.itemClock.Color, ms.clock.itemPlanned.Text)
	}
	shortcut(e, fyne.KeyPageDown, fyne.KeyModifierShortcutDefault) // Next
	e.Wait()
	r := apptest.Run(t, db, ms.meetingID)
	if r.Items[0].ActualSeconds != 360 || data.MeetingClock(r.Items, e.Sh.Now()).Current != 1 {
		t.Fatalf("after next: %+v", r.Items[0])
	}
	if !strings.HasPrefix(ms.clock.current.Text, "2. Deal desk") || ms.editor.title.Text != "Deal desk" {
		t.Errorf("the screen did not follow the clock: %q / %q", ms.clock.current.Text, ms.editor.title.Text)
	}

	// Pause and resume with Ctrl+P; the paused minutes do not count.
	shortcut(e, fyne.KeyP, fyne.KeyModifierShortcutDefault)
	e.Wait()
	if ms.clock.pause.Text != "Resume" {
		t.Errorf("pause button says %q", ms.clock.pause.Text)
	}
	e.Sh.Now = func() time.Time { return start.Add(30 * time.Minute) }
	test.Tap(ms.clock.pause)
	e.Wait()
	e.Sh.Now = func() time.Time { return start.Add(32 * time.Minute) }
	ms.clock.refresh()
	if ms.clock.itemClock.Text != "2:00" {
		t.Errorf("after pause/resume item 2 shows %s, want 2:00", ms.clock.itemClock.Text)
	}
	// Previous goes back to item 1, which keeps its earlier time.
	test.Tap(ms.clock.prev)
	e.Wait()
	e.Sh.Now = func() time.Time { return start.Add(33 * time.Minute) }
	ms.clock.refresh()
	if ms.clock.itemClock.Text != "7:00" {
		t.Errorf("back on item 1: %s, want 7:00", ms.clock.itemClock.Text)
	}
}

func titlesOf(items []data.AgendaItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

func TestMeetingEditsAndTriadQuestions(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	ms.editor.kind.SetSelected("Feature proposal")
	if ms.editor.questions.Hidden {
		t.Fatal("a feature proposal does not show the Triad questions")
	}
	if ms.editor.heads[0].Text != "2 unanswered" {
		t.Errorf("engineering head = %q", ms.editor.heads[0].Text)
	}
	ms.editor.canBuild.SetSelected("With changes")
	test.Type(ms.editor.howLong, "3 sprints")
	ms.editor.engBy.Select.SetSelected("Priya Raman (TL)")
	test.Type(ms.editor.willPay, "12k a year") // the field's own hint is an answer
	if !ms.editor.problem.Hidden {
		t.Errorf("the hint's own example shows %q", ms.editor.problem.Text)
	}
	if a := ms.run.Items[ms.run.ItemIndex(ms.selectedID)].Answers; a.WillPayText != "12k a year" || a.WillPay == nil || *a.WillPay != data.Dollars(12_000) {
		t.Errorf("the answer is %q, %v", a.WillPayText, a.WillPay)
	}
	ms.editor.willPay.SetText("8 USD per merchant a month")
	if !ms.editor.problem.Hidden || ms.editor.heads[0].Text != "✓ answered" || ms.editor.heads[2].Text != "1 unanswered" {
		t.Errorf("heads: %q %q, problem %q", ms.editor.heads[0].Text, ms.editor.heads[2].Text, ms.editor.problem.Text)
	}
	ms.editor.title.SetText("")
	if !strings.Contains(ms.editor.problem.Text, "needs a title") {
		t.Errorf("empty title shows %q", ms.editor.problem.Text)
	}
	ms.editor.title.SetText("Saved cards 💳")
	long := strings.Repeat("Notes that go on. ", 200) // past kit.LongTextChars
	ms.editor.notes.SetText(long)
	if ms.editor.notes.Wrapping != fyne.TextWrapOff || ms.editor.notesHint.Hidden {
		t.Error("a long note keeps word wrap")
	}
	// A long paste switches wrapping off before the text goes in.
	ms.editor.notes.SetText("short")
	if ms.editor.notes.Wrapping != fyne.TextWrapWord || !ms.editor.notesHint.Hidden {
		t.Error("a short note is not wrapped")
	}
	clip := e.Sh.Win.Clipboard()
	clip.SetContent(long)
	ms.editor.notes.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if ms.editor.notes.Wrapping != fyne.TextWrapOff || len(ms.editor.notes.Text) != len(long)+len("short") || ms.editor.notesHint.Hidden {
		t.Errorf("after a long paste: wrapping %v, %d characters", ms.editor.notes.Wrapping, len(ms.editor.notes.Text))
	}
	ms.editor.notes.SetText(long)
	ms.sc.Saver.Flush()
	it := apptest.Run(t, db, ms.meetingID).Items[0]
	a := it.Answers
	if it.Title != "Saved cards 💳" || it.Kind != data.KindFeatureProposal || a.CanBuild != data.VerdictQualified || a.HowLong != "3 sprints" ||
		a.WillPay == nil || *a.WillPay != data.Dollars(8) || a.WillPayText != "8 USD per merchant a month" || a.EngineeringBy == 0 || it.Notes != long {
		t.Errorf("stored item = %+v", it)
	}
}

func TestMeetingCloseAsksWhenNobodyPresentThenReadOnlyAndReopen(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	var asked string
	e.Sh.Confirm = func(_, msg, _ string, yes func()) { asked = msg; yes() }

	test.Tap(ms.clock.closeBtn)
	e.Wait()
	if !strings.Contains(asked, "Nobody is marked present") {
		t.Errorf("closing with nobody present asked %q", asked)
	}
	if apptest.Run(t, db, ms.meetingID).Meeting.Status != data.MeetingClosed || !ms.editor.notes.Disabled() || ms.header.readOnlyNote.Hidden || ms.clock.reopen.Hidden {
		t.Fatal("a closed meeting is not read-only on screen")
	}
	test.Tap(ms.agenda.add)
	e.Wait()
	if n := len(apptest.Run(t, db, ms.meetingID).Items); n != 4 {
		t.Errorf("an item was added to a closed meeting (%d items)", n)
	}
	if !strings.Contains(ms.header.history.Text, "Closed ") || !strings.Contains(ms.header.history.Text, "by Daniel Okafor") || ms.header.history.Hidden {
		t.Errorf("the closed meeting's history reads %q", ms.header.history.Text)
	}
	// Reopening asks who and why, and refuses without a reason.
	test.Tap(ms.clock.reopen)
	rd := ms.reopenDialog
	if rd == nil || rd.who.Selected != "Daniel Okafor" {
		t.Fatal("reopening did not ask who (the facilitator by default)")
	}
	test.Tap(rd.Confirm)
	e.Wait()
	if rd.Problem.Text == "" || apptest.Run(t, db, ms.meetingID).Meeting.Status != data.MeetingClosed {
		t.Fatalf("reopened without a reason (problem %q)", rd.Problem.Text)
	}
	test.Type(rd.reason, "The PMM's answer was missing")
	test.Tap(rd.Confirm)
	e.Wait()
	r := apptest.Run(t, db, ms.meetingID)
	if r.Meeting.Status != data.MeetingInProgress || len(r.Events) != 2 || r.Events[1].Kind != "reopened" || ms.editor.notes.Disabled() ||
		r.Events[1].By != "Daniel Okafor" || r.Events[1].Reason != "The PMM's answer was missing" {
		t.Errorf("after reopen: %s %+v", r.Meeting.Status, r.Events)
	}
	if !strings.Contains(ms.header.history.Text, "Reopened ") || !strings.Contains(ms.header.history.Text, ": The PMM's answer was missing") {
		t.Errorf("the history after reopening reads %q", ms.header.history.Text)
	}

	// With someone present, closing still asks, but without the warning.
	ms.attendance.box.Objects[0].(*widget.Check).SetChecked(true)
	e.Wait()
	test.Tap(ms.clock.closeBtn)
	e.Wait()
	if strings.Contains(asked, "Nobody") {
		t.Errorf("asked %q with a leader present", asked)
	}
}

func TestMeetingActionItems(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	shortcut(e, fyne.KeyJ, fyne.KeyModifierShortcutDefault)
	if e.Sh.Win.Canvas().Focused() != ms.actions.text {
		t.Error("Ctrl+J does not go to the action field")
	}
	test.Tap(ms.actions.add)
	if ms.actions.problem.Hidden {
		t.Error("an empty action gives no message")
	}
	test.Type(ms.actions.text, "Send the pricing memo")
	ms.actions.owner.Select.SetSelected("Sofia Lindqvist (PMM)")
	due := time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local) // already past: overdue
	ms.actions.due.SetDate(&due)
	test.Tap(ms.actions.add)
	e.Wait()
	open, _ := db.OpenActionItems(context.Background(), apptest.Run(t, db, ms.meetingID).Pod.ID)
	if len(open) != 1 || open[0].OwnerName != "Sofia Lindqvist" || open[0].Due.String() != "2026-11-20" || open[0].AgendaTitle != "Deal desk" {
		t.Fatalf("open actions = %+v", open)
	}
	if !strings.Contains(ms.actions.openTab.Text, "1 overdue") || !apptest.ContainsText(ms.actions.rows, "Overdue") || ms.actions.text.Text != "" {
		t.Errorf("tab %q", ms.actions.openTab.Text)
	}

	// Edit it: a new owner and a later date; it is no longer overdue.
	ms.onEditAction(open[0])
	f := ms.actionDialog
	f.text.SetText(" ")
	test.Tap(f.Confirm)
	if !strings.Contains(f.Problem.Text, "Say what needs doing") {
		t.Errorf("empty action: %q", f.Problem.Text)
	}
	f.text.SetText("Send the pricing memo to sales")
	f.owner.Select.SetSelected("Daniel Okafor (PM)")
	later := time.Date(2026, 12, 2, 0, 0, 0, 0, time.Local)
	f.due.SetDate(&later)
	test.Tap(f.Confirm)
	e.Wait()
	open, _ = db.OpenActionItems(context.Background(), open[0].PodID)
	if open[0].Text != "Send the pricing memo to sales" || open[0].OwnerName != "Daniel Okafor" || open[0].Due.String() != "2026-12-02" {
		t.Errorf("edited action = %+v", open[0])
	}
	if strings.Contains(ms.actions.openTab.Text, "overdue") {
		t.Errorf("tab after edit %q", ms.actions.openTab.Text)
	}

	// Ticking it off records when.
	apptest.Walk(ms.actions.rows, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok {
			c.SetChecked(true)
		}
	})
	e.Wait()
	if open, _ = db.OpenActionItems(context.Background(), open[0].PodID); len(open) != 0 {
		t.Errorf("still open after ticking off: %+v", open)
	}
	if r := apptest.Run(t, db, ms.meetingID); !r.Actions[0].Done() || !r.Actions[0].DoneAt.Equal(e.Sh.Now()) {
		t.Errorf("done at %v", r.Actions[0].DoneAt)
	}
}

func TestMeetingGuestsAndLeaving(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	test.Tap(ms.attendance.add)
	g := ms.guestDialog
	test.Type(g.email, "lee@")
	test.Tap(g.Confirm)
	if !strings.Contains(g.Problem.Text, "needs a name") {
		t.Errorf("guest without a name: %q", g.Problem.Text)
	}
	test.Type(g.name, "Lee Chen")
	test.Type(g.role, "Treasury")
	g.email.SetText("lee.chen@example.com")
	test.Tap(g.Confirm)
	e.Wait()
	r := apptest.Run(t, db, ms.meetingID)
	if len(r.Attendees) != 4 || r.Attendees[3].Name != "Lee Chen" || !r.Attendees[3].Present || r.Attendees[3].GuestRole != "Treasury" {
		t.Fatalf("attendees = %+v", r.Attendees)
	}
	listed := false
	apptest.Walk(ms.attendance.box, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == "Lee Chen (Treasury)" && c.Checked {
			listed = true
		}
	})
	if ms.actions.attendanceTab.Text != "Attendance (1 of 4)" || !listed {
		t.Errorf("attendance tab %q", ms.actions.attendanceTab.Text)
	}

	// Leaving the meeting writes the pending edit and drops its shortcuts.
	test.Type(ms.editor.outcome, "Agreed")
	e.ShowContent(e.Scope(), widget.NewLabel("Settings"))
	if got := apptest.Run(t, db, ms.meetingID).Items[0].Outcome; got != "Agreed" {
		t.Errorf("outcome after leaving = %q", got)
	}
	shortcut(e, fyne.KeyI, fyne.KeyModifierShortcutDefault)
	// A field of the meeting may still hold the focus: it passes the key
	// on to nothing now.
	ms.editor.title.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault})
	e.Wait()
	if n := len(apptest.Run(t, db, ms.meetingID).Items); n != 4 {
		t.Errorf("Ctrl+I still adds items after leaving the meeting (%d items)", n)
	}
}

func TestMeetingHistoryKeepsTheHeaderShort(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	r := data.MeetingRun{Meeting: data.Meeting{ID: 7}, Pod: data.Pod{TimeZone: "Europe/Berlin"}}
	r.Events = append(r.Events, data.MeetingEvent{Kind: "started", At: at})
	for i := 0; i < 3; i++ {
		r.Events = append(r.Events,
			data.MeetingEvent{Kind: "closed", At: at.Add(time.Duration(2*i+1) * time.Hour), By: "Ana"},
			data.MeetingEvent{Kind: "reopened", At: at.Add(time.Duration(2*i+2) * time.Hour), By: "Ana", Reason: "again"})
	}
	lines := strings.Split(meetingHistory(r), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "4 earlier closes and reopens") ||
		lines[2] != "Reopened Wed 25 Nov 2026 16:00 CET by Ana: again" {
		t.Errorf("history lines = %q", lines)
	}
}

// A title with an invisible U+202E cannot be saved, but the notes typed
// after it are: every valid field is written, the header says what is held
// back (and tells the window, which asks before closing), and the
// held-back title is kept as a draft that comes back when the meeting is
// opened again.
func TestMeetingBadTitleHoldsBackOnlyTheTitle(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	oldTitle := ms.editor.title.Text
	test.Type(ms.editor.title, "\u202e")
	typed := ms.editor.title.Text
	test.Type(ms.editor.notes, "Typed after the title went bad")
	if !strings.Contains(ms.editor.problem.Text, "kept as a draft") {
		t.Errorf("problem line: %q", ms.editor.problem.Text)
	}
	if got := ms.header.saveState.Text; got != "Not saved: the title needs fixing" {
		t.Errorf("header says %q", got)
	}
	if got := e.Host.HeldBack(); got != "the title needs fixing" {
		t.Errorf("the screen tells the window it holds back %q", got)
	}
	e.Sh.Saver.Flush() // what the window's close button does
	it := apptest.Run(t, db, ms.meetingID).Items[0]
	if it.Notes != "Typed after the title went bad" || it.Title != oldTitle {
		t.Errorf("stored: title %q, notes %q", it.Title, it.Notes)
	}
	drafts, err := db.AgendaItemDrafts(context.Background(), ms.meetingID)
	if err != nil {
		t.Fatal(err)
	}
	if got := drafts[it.ID]["title"]; got != typed || typed == oldTitle {
		t.Errorf("draft title %q", got)
	}

	// Opened again, the field shows what was typed, with the problem.
	again := openMeeting(e, ms.meetingID)
	e.Wait()
	if again.editor.title.Text != typed || again.editor.problem.Hidden {
		t.Errorf("reopened: title %q, problem shown %v", again.editor.title.Text, !again.editor.problem.Hidden)
	}
	// Fixed, the title is saved and the draft goes.
	again.editor.title.SetText("Pricing tiers")
	e.Sh.Saver.Flush()
	if got := apptest.Run(t, db, ms.meetingID).Items[0].Title; got != "Pricing tiers" {
		t.Errorf("fixed title stored as %q", got)
	}
	drafts, _ = db.AgendaItemDrafts(context.Background(), ms.meetingID)
	if len(drafts) != 0 {
		t.Errorf("drafts left after the fix: %v", drafts)
	}
	if again.header.saveState.Text == "Not saved: the title needs fixing" {
		t.Error("the header still says not saved")
	}
}

// fullDisk is the store with a disk that fills up: agenda saves fail with
// the store's disk-full error while full is set.
type fullDisk struct {
	*sqlite.DB
	full bool
}

func (f *fullDisk) UpdateAgendaItem(ctx context.Context, it data.AgendaItem) error {
	if f.full {
		return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so the last change was not saved; everything saved before it is intact. Free some space and try again.", f.Path())
	}
	return f.DB.UpdateAgendaItem(ctx, it)
}

// Path is a long one, as on a laptop with deep folders: the message that
// names it must still fit the window.
func (f *fullDisk) Path() string { return strings.Repeat("/a-long-folder-name", 8) + "/triad.db" }

// A full disk says so in a few words in the header and in full under the
// clock, without widening the window; once space is back the pending edit
// is written and the header says Saved.
func TestMeetingDiskFullFitsTheWindowAndRecovers(t *testing.T) {
	e := apptest.New(t)
	e.HoldAutosave()
	store := &fullDisk{DB: e.DB}
	e.Sh.Store = store
	p := apptest.Pod(t, e.DB, "Payments")
	m := apptest.Meeting(t, e.DB, p.ID, data.NewDate(2026, 11, 25))
	ms := openMeeting(e, m.ID)
	db := e.DB
	widthBefore := e.Sh.Win.Content().MinSize().Width

	store.full = true
	test.Type(ms.editor.notes, "Typed while the disk is full")
	e.Sh.Saver.Flush()
	if got := ms.header.saveState.Text; got != "Not saved: the disk is full" {
		t.Errorf("header: %q", got)
	}
	if ms.header.saveProblem.Hidden || !strings.Contains(ms.header.saveProblem.Text, "is full") {
		t.Errorf("reason: %q (hidden %v)", ms.header.saveProblem.Text, ms.header.saveProblem.Hidden)
	}
	if w := e.Sh.Win.Content().MinSize().Width; w > widthBefore+1 || w > 1280 {
		t.Errorf("the message widened the window from %v to %v", widthBefore, w)
	}
	if !e.Sh.Saver.Pending() {
		t.Fatal("the failed edit was dropped")
	}
	store.full = false
	e.Sh.Saver.Flush() // what the retry timer does a few seconds later
	if got := apptest.Run(t, db, m.ID).Items[0].Notes; got != "Typed while the disk is full" {
		t.Errorf("after space came back the notes are %q", got)
	}
	if ms.header.saveState.Text != "Saved" || !ms.header.saveProblem.Hidden {
		t.Errorf("after recovery: %q, reason shown %v", ms.header.saveState.Text, !ms.header.saveProblem.Hidden)
	}
}

// Two guests with the same name and role are two choices: the second one
// picked as presenter is the one stored, not the first of that name.
func TestMeetingSameNamedGuestsAreTwoChoices(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if _, err := db.AddGuest(ctx, ms.meetingID, data.Attendee{Name: "Lee Chen", GuestRole: "Treasury"}); err != nil {
			t.Fatal(err)
		}
	}
	ms = openMeeting(e, ms.meetingID)
	e.Wait()
	guests := apptest.Run(t, db, ms.meetingID).Attendees[3:]
	if len(guests) != 2 || guests[0].Describe() != guests[1].Describe() {
		t.Fatalf("guests = %+v", guests)
	}
	opts := ms.editor.presenter.Select.Options
	if len(opts) != 6 || opts[4] == opts[5] {
		t.Fatalf("the presenter choices do not tell the guests apart: %q", opts)
	}
	ms.editor.presenter.Select.SetSelectedIndex(5) // "—", three leaders, then the guests
	e.Sh.Saver.Flush()
	if got := apptest.Run(t, db, ms.meetingID).Items[0].PresenterID; got != guests[1].ID {
		t.Errorf("presenter stored as attendee %d, want the second guest %d (the first is %d)", got, guests[1].ID, guests[0].ID)
	}
}

// The due date is optional: left empty it is not marked invalid, and
// Enter in it adds the action as Enter in the action's text does.
func TestTheOptionalDueDateIsNotAnErrorAndEnterAdds(t *testing.T) {
	u, db, ms := openTestMeeting(t)
	test.NewTempWindow(t, ms.actions.due) // renders it, so Fyne sets its validator
	if err := ms.actions.due.Validate(); err != nil {
		t.Errorf("an empty due date is invalid: %v", err)
	}
	ms.actions.due.SetText("31/31/2026")
	if ms.actions.due.Validate() == nil {
		t.Error("a date that is not one passes")
	}
	ms.actions.due.SetText("")
	test.Type(ms.actions.text, "Send the pricing memo")
	ms.actions.owner.Select.SetSelected("Sofia Lindqvist (PMM)")
	ms.actions.due.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.Wait()
	open, _ := db.OpenActionItems(context.Background(), apptest.Run(t, db, ms.meetingID).Pod.ID)
	if len(open) != 1 || open[0].Text != "Send the pricing memo" || !open[0].Due.IsZero() {
		t.Fatalf("Enter in the due date added %+v", open)
	}
}

// Changing a timebox moves the header's planned total and projected end
// at once, not at the next refresh.
func TestATimeboxChangeUpdatesTheHeaderAtOnce(t *testing.T) {
	_, _, ms := openTestMeeting(t)
	ms.agenda.list.Select(0)
	before, beforeEnd := ms.clock.total.Text, ms.clock.projected.Text
	if !strings.Contains(before, "30 min") || !strings.Contains(ms.agenda.summary.Text, "30 min") {
		t.Fatalf("the standing agenda plans %q / %q, want 30 min", before, ms.agenda.summary.Text)
	}
	ms.editor.planned.SetText(strconv.Itoa(ms.run.Items[0].PlannedMinutes + 15))
	if !strings.Contains(ms.clock.total.Text, "45 min") || !strings.Contains(ms.agenda.summary.Text, "45 min") {
		t.Errorf("after a 15-minute longer timebox the header says %q and the agenda %q", ms.clock.total.Text, ms.agenda.summary.Text)
	}
	if ms.clock.projected.Text == beforeEnd {
		t.Errorf("the projected end stays %q", beforeEnd)
	}
}

// Before the meeting is read, the item's pane shows only its hint: the
// empty title, kind and presenter fields are not drawn under it.
func TestTheItemPaneShowsOnlyItsHintUntilTheMeetingIsRead(t *testing.T) {
	e, _, ms := openTestMeeting(t)
	fresh := &editorPane{ms: ms}
	fresh.build() // as the screen builds it, before the meeting is read
	if fresh.body.Visible() || !fresh.empty.Visible() {
		t.Fatalf("before the meeting is read: fields shown %v, hint shown %v", fresh.body.Visible(), fresh.empty.Visible())
	}
	e.Wait()
	if !ms.editor.body.Visible() || ms.editor.empty.Visible() {
		t.Fatalf("once read, with an item chosen: fields shown %v, hint shown %v", ms.editor.body.Visible(), ms.editor.empty.Visible())
	}
}

// A closed meeting takes no new action, so its empty action list does not
// point at a form it does not show.
func TestAClosedMeetingsEmptyActionsPointAtNoForm(t *testing.T) {
	e, db, ms := openTestMeeting(t)
	emptyLine := func(ms *Screen) string {
		for _, o := range ms.actions.rows.Objects {
			if l, ok := o.(*widget.Label); ok {
				return l.Text
			}
		}
		return ""
	}
	if got := emptyLine(ms); !strings.Contains(got, "Type one above") {
		t.Fatalf("an open meeting's empty action list says %q", got)
	}
	if err := db.CloseMeeting(context.Background(), ms.meetingID, e.Now(), "Dan"); err != nil {
		t.Fatal(err)
	}
	ms = openMeeting(e, ms.meetingID)
	e.Wait()
	if got := emptyLine(ms); got != "No action items." {
		t.Errorf("a closed meeting's empty action list says %q", got)
	}
}
