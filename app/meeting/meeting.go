package meeting

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Screen is where the facilitator spends the hour: attendance, the
// timeboxed agenda with a live clock, the selected item's notes, outcome
// and Triad answers, and the action items. Every edit is saved by the
// autosaver; there is no Save button.
//
// The files: meeting.go (this: loading, the clock, lifecycle, shortcuts),
// meeting_agenda.go (agenda list and item editor), meeting_actions.go
// (action items and the standing items' panels).
type Screen struct {
	sc        *shell.Scope
	meetingID int64

	run         data.MeetingRun
	settings    data.Settings     // the pod's effective rules (currency)
	openActions []data.ActionItem // the pod's open actions, all meetings
	selectedID  int64             // the agenda item in the editor
	mayEdit     bool              // this laptop's member keeps the record (always, with no team)
	team        string            // the team the pod is shared with
	// stored is each item as the store holds it (or will, once its
	// pending save runs); held is what autosave holds back of an item
	// because it fails validation: kept as a draft, never dropped.
	stored    map[int64]data.AgendaItem
	held      map[int64][]data.Problem
	standing  map[int64]*standingEntry // the standing items' panels, by item
	filling   bool                     // the editor is being filled; ignore OnChanged
	stopClock func()                   // stops the running clock's ticker; nil while it does not run
	shortcuts map[string]func()        // by ShortcutName, for the canvas and entries

	header     *headerPane     // title, state, autosave and minutes; the meeting's history
	clock      *clockBar       // the clock and the lifecycle buttons
	agenda     *agendaPane     // the agenda list
	editor     *editorPane     // the selected item
	actions    *actionsPane    // the action items, open ones and attendance tabs
	attendance *attendancePane // who is here
	right      *fyne.Container // the item over the bottom panel, shared as the item asks (wantHeight)

	// The open dialogs, for tests.
	guestDialog  *guestDialog
	reopenDialog *reopenDialog
	actionDialog *actionDialog
	reviseDialog *reviseDialog
}

// headerPane is the screen's top line and what it says under the clock.
type headerPane struct {
	ms                       *Screen
	back                     *widget.Button
	title, status, saveState *widget.Label
	readOnlyNote             *widget.Label
	history                  *widget.Label   // closes and reopens, with who and why
	saveProblem              *widget.Label   // why the last autosave failed
	notes                    *fyne.Container // the three above, capped so the notes keep their room
	minutes                  *minutesMenu    // export, mail, open (minutes.go)
}

// clockBar is the meeting's clock: the item on it, its time against its
// timebox, the total and projected end, and the buttons that move it.
type clockBar struct {
	ms                                         *Screen
	start, pause, prev, next, closeBtn, reopen *widget.Button
	current                                    *widget.Label
	itemClock                                  *canvas.Text
	itemPlanned, total, projected              *widget.Label
}

// attendancePane ticks who came and adds guests.
type attendancePane struct {
	ms  *Screen
	box *fyne.Container
	add *widget.Button
}

func New(sc *shell.Scope, meetingID int64) *Screen {
	ms := &Screen{sc: sc, meetingID: meetingID, stored: map[int64]data.AgendaItem{}, held: map[int64][]data.Problem{}, standing: map[int64]*standingEntry{}}
	ms.header, ms.clock, ms.agenda = &headerPane{ms: ms}, &clockBar{ms: ms}, &agendaPane{ms: ms}
	ms.editor, ms.actions, ms.attendance = &editorPane{ms: ms}, &actionsPane{ms: ms}, &attendancePane{ms: ms}
	return ms
}

func (ms *Screen) build() fyne.CanvasObject {
	ms.header.back = widget.NewButtonWithIcon("Pod", theme.NavigateBackIcon(), ms.onBack)
	ms.header.back.Importance = widget.LowImportance
	ms.header.title = kit.Subheading("Weekly meeting")
	ms.header.title.Truncation = fyne.TextTruncateEllipsis
	ms.header.status = widget.NewLabel("")
	ms.header.saveState = widget.NewLabel("Saved")
	ms.header.saveState.Importance = widget.LowImportance
	ms.header.readOnlyNote = kit.Wrapped(closedNote)
	ms.header.readOnlyNote.Importance = widget.WarningImportance
	ms.header.readOnlyNote.Hide()
	ms.header.history = kit.Low("")
	ms.header.history.Hide()
	ms.header.saveProblem = kit.ProblemLabel()

	ms.clock.start = widget.NewButtonWithIcon("Start meeting", theme.MediaPlayIcon(), ms.onStart)
	ms.clock.start.Importance = widget.HighImportance
	ms.clock.pause = widget.NewButtonWithIcon("Pause", theme.MediaPauseIcon(), ms.onPause)
	ms.clock.prev = widget.NewButtonWithIcon("Previous", theme.MediaSkipPreviousIcon(), ms.onPrevious)
	ms.clock.next = widget.NewButtonWithIcon("Next item", theme.MediaSkipNextIcon(), ms.onNext)
	ms.clock.next.Importance = widget.HighImportance
	ms.clock.closeBtn = widget.NewButtonWithIcon("Close meeting", theme.ConfirmIcon(), ms.onClose)
	ms.clock.reopen = widget.NewButtonWithIcon("Reopen", theme.ViewRefreshIcon(), ms.onReopen)

	ms.clock.current = kit.Truncated("Not started")
	ms.clock.itemClock = canvas.NewText("0:00", theme.Color(theme.ColorNameForeground))
	ms.clock.itemClock.TextSize = 30
	// The theme's digits are all one width, so the clock does not jump as
	// it runs without a monospaced style (each text style costs the
	// window its own parsed copy of every font).
	ms.clock.itemPlanned = widget.NewLabel("")
	ms.clock.total = widget.NewLabel("")
	ms.clock.projected = widget.NewLabel("")

	ms.header.minutes = newMinutesMenu(ms)
	header := container.NewBorder(nil, nil, ms.header.back, container.NewHBox(ms.header.status, ms.header.saveState, ms.header.minutes.widget()), ms.header.title)
	// Tight pairs: the clock's lines take the height of the big clock, not
	// two padded rows, so the item below keeps that room.
	clockLeft := container.NewBorder(nil, nil, ms.clock.itemClock, nil,
		kit.NewTight(ms.clock.current, ms.clock.itemPlanned))
	clockRight := kit.NewTight(ms.clock.total, ms.clock.projected)
	controls := container.NewHBox(ms.clock.start, ms.clock.prev, ms.clock.pause, ms.clock.next, ms.clock.closeBtn, ms.clock.reopen)
	clockBar := container.NewBorder(nil, nil, nil, container.NewHBox(clockRight, widget.NewSeparator(), container.NewCenter(controls)), clockLeft)
	clockCard := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), container.NewPadded(clockBar))

	ms.attendance.box = container.NewVBox()
	ms.attendance.add = widget.NewButtonWithIcon("Add guest", theme.ContentAddIcon(), ms.onAddGuest)
	left := ms.agenda.build()
	split := container.NewVSplit(ms.editor.build(), ms.actions.build())
	// The bottom panel gets its rows when the window has room for them
	// beside the item's minimum; the item takes the rest.
	ms.right = container.New(&kit.TrailingRoom{Want: ms.actions.wantHeight}, split)
	body := container.NewHSplit(container.NewPadded(left), container.NewPadded(ms.right))
	// The agenda's titles truncate; the item's one-line fields would clip
	// what they ask for, so the item gets the larger share.
	body.Offset = 0.26

	// The closed note, the history and a failed save are capped and
	// scroll: together they could otherwise push the item and the bottom
	// panel off a laptop's screen.
	ms.header.notes = container.New(&kit.MaxHeight{Max: headerNotesHeight},
		container.NewVScroll(kit.NewTight(ms.header.readOnlyNote, ms.header.history, ms.header.saveProblem)))
	ms.header.fitNotes()
	ms.reload()
	return container.NewPadded(container.NewBorder(
		container.NewVBox(header, clockCard, ms.header.notes), nil, nil, nil, body))
}

// headerNotesHeight is the most the notes under the clock take: the
// closed note and a line of history; more scrolls (a 1280x720 laptop's
// window has no more to give them).
const headerNotesHeight = 72

// fitNotes hides the notes' frame when it has nothing to show, so it
// takes no gap either.
func (hd *headerPane) fitNotes() {
	if hd.notes == nil {
		return
	}
	kit.ShowIf(hd.notes, !hd.readOnlyNote.Hidden || !hd.history.Hidden || !hd.saveProblem.Hidden)
}

type meetingData struct {
	run      data.MeetingRun
	settings data.Settings
	mayEdit  bool   // this laptop's member may edit the record (in a team, the facilitator or the PM)
	team     string // the team the pod is shared with, for saying why not
	open     []data.ActionItem
	drafts   map[int64]map[string]string // held-back text by item
}

// reload reads the meeting again (after a structural change) and shows it.
func (ms *Screen) reload() {
	ms.do("Opening the meeting", func() error { return nil })
}

// Reload reads the meeting again and shows it, keeping what is being
// typed: the window calls it when another laptop's change arrives.
func (ms *Screen) Reload() { ms.reload() }

// do flushes pending edits, runs change against the store, then reloads
// the meeting and refreshes the screen: one round trip off the UI goroutine.
func (ms *Screen) do(action string, change func() error) { ms.doThen(action, change, nil) }

// doThen is do, then after (on the UI goroutine) when it worked.
func (ms *Screen) doThen(action string, change func() error, after func()) {
	shell.Write(ms.sc, action, func() (meetingData, error) {
		if err := ms.sc.Saver.Flush(); err != nil {
			return meetingData{}, err
		}
		changeErr := change()
		d, err := ms.load() // reload even after a refusal: the store may have moved on
		if changeErr != nil {
			return d, changeErr
		}
		return d, err
	}, func(d meetingData, err error) {
		if err != nil {
			ms.sc.ShowError(action, err)
			if d.run.Meeting.ID == 0 {
				return
			}
		}
		ms.apply(d)
		if err == nil && after != nil {
			after()
		}
	})
}

func (ms *Screen) load() (meetingData, error) {
	ctx := ms.sc.Ctx()
	r, err := ms.sc.Store.MeetingRun(ctx, ms.meetingID)
	if err != nil {
		return meetingData{}, err
	}
	st, err := ms.sc.Store.Settings(ctx)
	if err != nil {
		return meetingData{}, err
	}
	open, err := ms.sc.Store.OpenActionItems(ctx, r.Meeting.PodID)
	if err != nil {
		return meetingData{}, err
	}
	o, inTeam, err := ms.sc.Store.TeamOverview(ctx)
	if err != nil {
		return meetingData{}, err
	}
	drafts, err := ms.sc.Store.AgendaItemDrafts(ctx, ms.meetingID)
	return meetingData{run: r, settings: r.Pod.Overrides.Apply(st), open: open, drafts: drafts,
		mayEdit: !inTeam || o.EditsMeetingRecord(r.Pod.UID), team: o.Team}, err
}

// apply shows freshly loaded data. The screen's own copy of each item's
// text is newer than the store's while typing goes on, so it is kept.
func (ms *Screen) apply(d meetingData) {
	old := map[int64]data.AgendaItem{}
	for _, it := range ms.run.Items {
		old[it.ID] = it
	}
	ms.stored = map[int64]data.AgendaItem{}
	for i, it := range d.run.Items {
		ms.stored[it.ID] = it
		switch o, ok := old[it.ID]; {
		case ok && ms.sc.Saver.Pending():
			d.run.Items[i] = keepEdits(it, o)
		case len(d.drafts[it.ID]) > 0:
			// Held-back text from an earlier sitting: shown where it was typed.
			d.run.Items[i] = it.WithDrafts(d.drafts[it.ID])
			_, ms.held[it.ID] = d.run.Items[i].HoldBack(it)
		default:
			delete(ms.held, it.ID)
		}
	}
	first := ms.run.Meeting.ID == 0
	ms.run, ms.settings, ms.openActions = d.run, d.settings, d.open
	ms.mayEdit, ms.team = d.mayEdit, d.team
	if first && ms.run.Meeting.Status == data.MeetingDraft && !data.AnyPresent(ms.run.Attendees) {
		ms.actions.tabs.Select(ms.actions.attendanceTab) // the first thing to do when people arrive
	}
	if ms.run.ItemIndex(ms.selectedID) < 0 {
		ms.selectedID = 0
		st := data.MeetingClock(ms.run.Items, ms.sc.Now())
		switch {
		case st.Current >= 0:
			ms.selectedID = ms.run.Items[st.Current].ID
		case len(ms.run.Items) > 0:
			ms.selectedID = ms.run.Items[0].ID
		}
	}
	if first {
		// The agenda list's rows come on the next turn of the UI goroutine:
		// filling every part at once held it about 55 ms on a large history
		// (shaping and truncating each row's text), past what a window may
		// take without input or painting getting a turn.
		ms.refreshExceptAgenda()
		ms.sc.Next(ms.agenda.refresh)
		return
	}
	ms.refresh()
}

// keepEdits returns stored with the editable fields of edited.
func keepEdits(stored, edited data.AgendaItem) data.AgendaItem {
	stored.Title, stored.PresenterID, stored.Kind, stored.PlannedMinutes = edited.Title, edited.PresenterID, edited.Kind, edited.PlannedMinutes
	stored.Notes, stored.Outcome, stored.OutcomeType, stored.CarryOver = edited.Notes, edited.Outcome, edited.OutcomeType, edited.CarryOver
	stored.Answers = edited.Answers
	return stored
}

func (ms *Screen) refresh() {
	ms.refreshExceptAgenda()
	ms.agenda.refresh()
}

func (ms *Screen) refreshExceptAgenda() {
	m := ms.run.Meeting
	ms.sc.Win.SetTitle("Triad — " + ms.run.Pod.Name + " · " + m.Date.Long())
	ms.header.back.SetText(ms.run.Pod.Name)
	ms.header.title.SetText("Weekly meeting · " + m.Date.Long())
	ms.header.status.SetText(m.Status.Label())
	ms.header.status.Importance = kit.StatusImportance(m.Status)
	ms.header.status.Refresh()
	closed := m.Status == data.MeetingClosed
	ms.header.readOnlyNote.SetText(closedNote)
	if !ms.mayEdit {
		ms.header.readOnlyNote.SetText("In team " + ms.team + " the facilitator or the Product Manager keeps this meeting's record: " +
			"it shows here as it arrives from their laptop. You tick your own action items here, and record your position on a decision from its page.")
	}
	ms.header.readOnlyNote.Hidden = !closed && ms.mayEdit
	ms.header.readOnlyNote.Refresh()
	ms.header.history.SetText(meetingHistory(ms.run))
	kit.ShowIf(ms.header.history, ms.header.history.Text != "")
	ms.header.fitNotes()
	kit.ShowIf(ms.clock.start, m.Status == data.MeetingDraft && ms.mayEdit)
	kit.ShowIf(ms.clock.pause, m.Status == data.MeetingInProgress && ms.mayEdit)
	kit.ShowIf(ms.clock.prev, m.Status == data.MeetingInProgress && ms.mayEdit)
	kit.ShowIf(ms.clock.next, m.Status == data.MeetingInProgress && ms.mayEdit)
	kit.ShowIf(ms.clock.closeBtn, !closed && ms.mayEdit)
	kit.ShowIf(ms.clock.reopen, closed && ms.mayEdit)
	ms.attendance.refresh()
	ms.editor.fill()
	ms.actions.refresh()
	ms.clock.refresh()
	if m.Status == data.MeetingInProgress {
		ms.startTicker()
	} else {
		ms.stopTicking()
	}
}

// editable is whether the record may be changed from this screen: the
// meeting is not closed, and this laptop's member keeps its record.
func (ms *Screen) editable() bool { return ms.run.Meeting.Status != data.MeetingClosed && ms.mayEdit }

const closedNote = "This meeting is closed, so its record is read-only. Reopen it to change anything; the reopening is recorded."

// refreshClock redraws the clock from the stored timestamps; the ticker
// calls it every second, but it never counts ticks.
func (cb *clockBar) refresh() {
	now := cb.ms.sc.Now()
	st := data.MeetingClock(cb.ms.run.Items, now)
	m := cb.ms.run.Meeting
	cb.pause.SetText("Pause")
	cb.pause.SetIcon(theme.MediaPauseIcon())
	if m.Status == data.MeetingInProgress && !st.Running {
		cb.pause.SetText("Resume")
		cb.pause.SetIcon(theme.MediaPlayIcon())
	}
	planned := "Planned " + minutes(st.TotalPlanned)
	switch {
	case st.Current < 0:
		cb.current.SetText("Not started · " + kit.Itoa(len(cb.ms.run.Items)) + " items")
		cb.itemClock.Text = "0:00"
		cb.itemClock.Color = theme.Color(theme.ColorNameDisabled)
		cb.itemPlanned.SetText("“Start meeting” starts the clock on item 1")
		cb.total.SetText(planned)
		at := cb.ms.run.Pod.MeetingTime
		start := m.Date.Time(time.Local).Add(time.Duration(at) * time.Minute)
		cb.projected.SetText("Ends ≈ " + start.Add(st.TotalPlanned).Format("15:04") + " if on time")
	case m.Status == data.MeetingClosed:
		cb.current.SetText("Closed · " + kit.Itoa(len(cb.ms.run.Items)) + " items")
		cb.itemClock.Text = data.FormatElapsed(st.TotalElapsed)
		cb.itemClock.Color = paceColor(data.PaceOf(st.TotalElapsed, st.TotalPlanned))
		cb.itemPlanned.SetText("on the clock, of " + minutes(st.TotalPlanned) + " planned" + overBy(st.TotalElapsed, st.TotalPlanned))
		cb.total.SetText("Closed " + m.EndedAt.Local().Format("Mon 2 Jan 15:04"))
		cb.projected.SetText("Ran " + m.StartedAt.Local().Format("15:04") + "–" + m.EndedAt.Local().Format("15:04"))
	default:
		it := cb.ms.run.Items[st.Current]
		elapsed := st.ItemElapsed[st.Current]
		state := ""
		if !st.Running {
			state = "Paused · "
		}
		cb.current.SetText(state + kit.Itoa(st.Current+1) + ". " + it.Title)
		cb.itemClock.Text = data.FormatElapsed(elapsed)
		cb.itemClock.Color = paceColor(data.PaceOf(elapsed, it.Planned()))
		cb.itemPlanned.SetText("of " + minutes(it.Planned()) + leftOrOver(elapsed, it.Planned()))
		cb.total.SetText("Total " + data.FormatElapsed(st.TotalElapsed) + " of " + minutes(st.TotalPlanned))
		cb.projected.SetText("Ends ≈ " + st.ProjectedEnd.Local().Format("15:04"))
	}
	cb.itemClock.Refresh()
	// Only the running item's row moves with the clock (every other change
	// to the rows comes through the agenda's own refresh or the edited
	// row's): redrawing every row each second cost the window a few ms a row.
	if st.Current >= 0 {
		cb.ms.agenda.list.RefreshItem(st.Current)
	}
}

func minutes(d time.Duration) string { return fmt.Sprintf("%d min", int(d/time.Minute)) }

func overBy(elapsed, planned time.Duration) string {
	if planned > 0 && elapsed > planned {
		return " · " + data.FormatElapsed(elapsed-planned) + " over"
	}
	return ""
}

// leftOrOver is "4:49 left" or "1:00 over" for the item on the clock.
func leftOrOver(elapsed, planned time.Duration) string {
	switch {
	case planned <= 0:
		return ""
	case elapsed > planned:
		return " · " + data.FormatElapsed(elapsed-planned) + " over"
	}
	return " · " + data.FormatElapsed(planned-elapsed) + " left"
}

func paceColor(p data.Pace) color.Color {
	switch p {
	case data.PaceWarning:
		return theme.Color(theme.ColorNameWarning)
	case data.PaceOver:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameSuccess)
}

// startTicker redraws the clock every second while the meeting runs and
// the screen is shown; it never counts ticks (refreshClock reads the
// stored timestamps).
func (ms *Screen) startTicker() {
	if ms.stopClock == nil {
		ms.stopClock = ms.sc.Every(ms.sc.ClockTick, ms.clock.refresh)
	}
}

func (ms *Screen) stopTicking() {
	if ms.stopClock != nil {
		ms.stopClock()
		ms.stopClock = nil
	}
}

// leave runs when another screen replaces this one or the window closes
// (the scope has stopped the clock and dropped the shortcuts by then):
// pending edits are written in the background, since the autosaver
// outlives the screen, nothing typed waits on this screen.
func (ms *Screen) leave() {
	shell.Run(ms.sc.Window(), func() (struct{}, error) { return struct{}{}, ms.sc.Saver.Flush() },
		func(_ struct{}, err error) {
			if err != nil {
				ms.sc.ShowError("Saving the last edit", err)
			}
		})
	// A field of this screen may keep the window's focus after it goes:
	// the keys it passes on then reach nothing.
	ms.shortcuts = nil
	ms.sc.Win.SetTitle("Triad")
}

// screen is the meeting as the router shows it.
func (ms *Screen) Build() shell.Screen {
	content := ms.build()
	ms.addShortcuts()
	return shell.Screen{Content: content, Leave: ms.leave, SaveState: ms.header.showSaveState, HeldBack: ms.heldBackSummary}
}

func (hd *headerPane) showSaveState(pending bool, err error) {
	held := hd.ms.heldBackSummary()
	switch {
	case held != "":
		hd.saveState.SetText("Not saved: " + held)
		hd.saveState.Importance = widget.DangerImportance
	case err != nil:
		// The header gets a few words, the reason goes in a wrapped line
		// under the clock: a long message in the header's row would widen
		// the window past the screen and push its buttons off.
		hd.saveState.SetText(saveFailureShort(err))
		hd.saveState.Importance = widget.DangerImportance
	case pending:
		hd.saveState.SetText("Saving…")
		hd.saveState.Importance = widget.LowImportance
	default:
		hd.saveState.SetText("Saved")
		hd.saveState.Importance = widget.LowImportance
	}
	hd.saveState.Refresh()
	if err != nil && held == "" {
		hd.saveProblem.SetText(err.Error() + " Triad tries again every few seconds by itself; what you typed stays here meanwhile.")
		hd.saveProblem.Show()
	} else {
		hd.saveProblem.Hide()
	}
	hd.fitNotes()
}

// saveFailureShort is a failed autosave in the header's few words.
func saveFailureShort(err error) string {
	switch {
	case errors.Is(err, data.ErrDiskFull):
		return "Not saved: the disk is full"
	case errors.Is(err, data.ErrInUse):
		return "Not saved: the file is busy"
	}
	return "Not saved"
}

func (ms *Screen) onBack() {
	if ms.run.Pod.ID != 0 {
		ms.sc.Go(shell.Pods{Show: ms.run.Pod.ID})
	}
}

// ---- lifecycle and clock actions ----

func (ms *Screen) onStart() {
	if ms.run.Meeting.Status != data.MeetingDraft {
		return
	}
	at := ms.sc.Now()
	ms.selectedID = 0 // follow the clock to item 1
	ms.do("Starting the meeting", func() error { return ms.sc.Store.StartMeeting(ms.sc.Ctx(), ms.meetingID, at) })
}

// onNext closes the current item and starts the clock on the next one.
func (ms *Screen) onNext() { ms.step(+1) }

func (ms *Screen) onPrevious() { ms.step(-1) }

func (ms *Screen) step(by int) {
	if ms.run.Meeting.Status != data.MeetingInProgress {
		return
	}
	st := data.MeetingClock(ms.run.Items, ms.sc.Now())
	to := st.Current + by
	if st.Current < 0 {
		to = 0
	}
	if to < 0 || to >= len(ms.run.Items) {
		return
	}
	ms.goTo(ms.run.Items[to].ID)
}

// goTo starts the clock on an item and shows it in the editor.
func (ms *Screen) goTo(itemID int64) {
	at := ms.sc.Now()
	ms.selectedID = itemID
	ms.do("Moving to the item", func() error { return ms.sc.Store.GoToItem(ms.sc.Ctx(), ms.meetingID, itemID, at) })
}

func (ms *Screen) onPause() {
	if ms.run.Meeting.Status != data.MeetingInProgress {
		return
	}
	at := ms.sc.Now()
	if data.MeetingClock(ms.run.Items, at).Running {
		ms.do("Pausing", func() error { return ms.sc.Store.PauseMeeting(ms.sc.Ctx(), ms.meetingID, at) })
		return
	}
	ms.do("Resuming", func() error { return ms.sc.Store.ResumeMeeting(ms.sc.Ctx(), ms.meetingID, at) })
}

// onClose ends the meeting; with nobody marked present it asks first.
func (ms *Screen) onClose() {
	if !ms.editable() {
		return
	}
	by := ms.run.Pod.Facilitator()
	closeNow := func() {
		at := ms.sc.Now()
		ms.doThen("Closing the meeting", func() error { return ms.sc.Store.CloseMeeting(ms.sc.Ctx(), ms.meetingID, at, by) }, ms.afterClose)
	}
	msg := "Close the meeting of " + ms.run.Meeting.Date.Long() + "? The clock stops and its record becomes read-only until someone reopens it."
	if !data.AnyPresent(ms.run.Attendees) {
		msg = "Nobody is marked present. Close the meeting of " + ms.run.Meeting.Date.Long() +
			" anyway?\n\nTick the people who came under Attendance first if this is a mistake."
	}
	ms.sc.Confirm("Close meeting", msg, "Close meeting", closeNow)
}

// reopenDialog asks who reopens a closed meeting and why: the reopen is
// part of the meeting's record and its minutes print it.
type reopenDialog struct {
	*kit.Dialog
	who    *widget.Select
	reason *kit.Entry
}

func (ms *Screen) onReopen() {
	if ms.run.Meeting.Status != data.MeetingClosed {
		return
	}
	var names []string
	for _, l := range ms.run.Pod.Leaders {
		if l.Name != "" {
			names = append(names, l.Name)
		}
	}
	r := &reopenDialog{Dialog: kit.NewDialog("Reopen meeting", theme.ViewRefreshIcon()),
		who: widget.NewSelect(names, nil), reason: kit.NewEntry("The reason", data.MaxReopenReason, nil)}
	if f := ms.run.Pod.Facilitator(); f != "" {
		r.who.SetSelected(f)
	}
	r.reason.SetPlaceHolder("e.g. The PMM's answer to the debt check was not recorded")
	r.reason.SetMinRowsVisible(3)
	r.Confirm.Importance = widget.WarningImportance
	r.Confirm.OnTapped = func() {
		at, by, why := ms.sc.Now(), r.who.Selected, r.reason.Text
		// The same rule the store applies, so the dialog says what is missing.
		if _, _, err := ms.run.Meeting.Reopen(at, by, why); err != nil {
			r.SetProblem(err.Error())
			return
		}
		r.Hide()
		ms.do("Reopening the meeting", func() error { return ms.sc.Store.ReopenMeeting(ms.sc.Ctx(), ms.meetingID, at, by, why) })
	}
	intro := kit.Wrapped("Reopening makes the meeting editable again. Who reopened it, when and why go on its record and into its minutes; closing it again freezes a new record.")
	form := widget.NewForm(widget.NewFormItem("Reopened by", r.who), widget.NewFormItem("Why", r.reason))
	ms.reopenDialog = r
	r.Show(ms.sc.Win, "Reopen the meeting of "+ms.run.Meeting.Date.Long(), container.NewVBox(intro, form, r.Problem), fyne.NewSize(480, 320))
	ms.sc.Win.Canvas().Focus(r.reason)
}

// meetingHistory is the meeting's closes and reopens, one per line, in the
// pod's zone; "" when it was never closed. Only the latest few are shown,
// so the header keeps its height; the minutes list them all.
func meetingHistory(r data.MeetingRun) string {
	const shown = 3
	loc := data.PodLocation(r.Pod)
	es := data.StatusHistory(r.Events)
	var lines []string
	if len(es) > shown {
		lines = append(lines, fmt.Sprintf("%d earlier closes and reopens (all in the minutes and `triad meeting %d`)", len(es)-shown+1, r.Meeting.ID))
		es = es[len(es)-shown+1:]
	}
	for _, e := range es {
		lines = append(lines, e.Describe(loc))
	}
	return strings.Join(lines, "\n")
}

// ---- attendance ----

func (att *attendancePane) refresh() {
	att.box.Objects = nil
	for _, a := range att.ms.run.Attendees {
		a := a
		check := widget.NewCheck(a.Describe(), func(on bool) {
			if att.ms.filling {
				return
			}
			att.ms.do("Marking attendance", func() error { return att.ms.sc.Store.SetPresent(att.ms.sc.Ctx(), a.ID, on) })
		})
		att.ms.filling = true
		check.SetChecked(a.Present)
		att.ms.filling = false
		if !att.ms.editable() {
			check.Disable()
		}
		row := fyne.CanvasObject(check)
		if a.IsGuest() && att.ms.editable() {
			remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
				att.ms.do("Removing the guest", func() error { return att.ms.sc.Store.RemoveGuest(att.ms.sc.Ctx(), a.ID) })
			})
			remove.Importance = widget.LowImportance
			row = container.NewBorder(nil, nil, nil, remove, check)
		}
		att.box.Add(row)
	}
	att.box.Add(container.NewHBox(att.add))
	att.box.Refresh()
	kit.ShowIf(att.add, att.ms.editable())
	present := 0
	for _, a := range att.ms.run.Attendees {
		if a.Present {
			present++
		}
	}
	att.ms.actions.attendanceTab.Text = "Attendance (" + kit.Itoa(present) + " of " + kit.Itoa(len(att.ms.run.Attendees)) + ")"
	att.ms.actions.tabs.Refresh()
}

// guestDialog is the open "Add guest" form.
type guestDialog struct {
	*kit.Dialog
	name, role, email *kit.Entry
}

// onAddGuest asks for a guest's name, role and email and adds them, present.
func (ms *Screen) onAddGuest() {
	if !ms.editable() {
		return
	}
	g := &guestDialog{Dialog: kit.NewDialog("Add guest", theme.ContentAddIcon()),
		name: kit.NewNameEntry(), role: kit.NewNameEntry(), email: kit.NewLineEntry(data.MaxEmailLen)}
	g.name.SetPlaceHolder("Lee Chen")
	g.role.SetPlaceHolder("e.g. Solutions engineer")
	g.email.SetPlaceHolder("lee.chen@example.com")
	g.Confirm.OnTapped = func() {
		guest := data.Attendee{Name: g.name.Text, GuestRole: g.role.Text, Email: g.email.Text}
		guest.Normalize()
		if err := guest.Validate(); err != nil {
			g.SetProblem(err.Error())
			return
		}
		g.Hide()
		ms.do("Adding the guest", func() error {
			_, err := ms.sc.Store.AddGuest(ms.sc.Ctx(), ms.meetingID, guest)
			return err
		})
	}
	g.name.OnSubmitted = func(string) { g.Confirm.OnTapped() }
	g.email.OnSubmitted = func(string) { g.Confirm.OnTapped() }
	form := widget.NewForm(widget.NewFormItem("Name", g.name), widget.NewFormItem("Role", g.role), widget.NewFormItem("Email", g.email))
	ms.guestDialog = g
	g.Show(ms.sc.Win, "Add a guest", container.NewVBox(form, g.Problem), fyne.NewSize(440, 280))
	ms.sc.Win.Canvas().Focus(g.name)
}
