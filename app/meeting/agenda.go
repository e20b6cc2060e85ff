package meeting

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/decisions"
	"triad/app/kit"
	"triad/data"
)

// agendaPane is the agenda list and its buttons.
type agendaPane struct {
	ms                 *Screen
	list               *widget.List
	add, up, down, del *widget.Button
	summary            *widget.Label
}

// editorPane edits the selected agenda item.
type editorPane struct {
	ms           *Screen
	title        *kit.Entry
	kind         *widget.Select
	presenter    *kit.Choice[int64]
	planned      *kit.Entry
	carryOver    *widget.Check
	info         *widget.Label // where the item came from, how long it took
	standingNote *widget.Label // what a standing item is, under its panel
	problem      *widget.Label

	questions                              *fyne.Container
	heads                                  [3]*widget.Label
	canBuild, shouldBuild, solves, canSell *widget.Select
	howLong, willPay                       *kit.Entry
	engBy, prodBy, marketBy                *kit.Choice[int64]
	standingBox                            *fyne.Container
	panel                                  *fyne.Container // info, questions, live panel: scrolls above the notes
	center                                 *fyne.Container // the panel over the notes
	notes                                  *kit.Entry
	notesHint                              *widget.Label
	outcomeType                            *widget.Select
	outcome                                *kit.Entry
	empty                                  *widget.Label
	body                                   fyne.CanvasObject
}

func (ap *agendaPane) build() fyne.CanvasObject {
	ap.list = widget.NewList(
		func() int { return len(ap.ms.run.Items) },
		func() fyne.CanvasObject {
			num := widget.NewLabelWithStyle("10", fyne.TextAlignTrailing, fyne.TextStyle{})
			title := kit.Bold("Agenda item")
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("Feature proposal · Priya")
			detail.SizeName = theme.SizeNameCaptionText
			detail.Truncation = fyne.TextTruncateEllipsis
			clock := widget.NewLabelWithStyle("10:00 of 10", fyne.TextAlignTrailing, fyne.TextStyle{})
			clock.SizeName = theme.SizeNameCaptionText
			text := container.New(layout.NewCustomPaddedVBoxLayout(-6), title, container.NewBorder(nil, nil, nil, clock, detail))
			// One width for every number, the running one's arrow included,
			// so the titles line up past item 9 and do not jump when the
			// clock moves (the theme's digits are all one width).
			widest := widget.NewLabelWithStyle("▶ 10", fyne.TextAlignTrailing, fyne.TextStyle{}).MinSize()
			return container.NewBorder(nil, nil, container.NewGridWrap(widest, num), nil, text)
		},
		ap.updateRow,
	)
	ap.list.OnSelected = func(id widget.ListItemID) {
		if id < len(ap.ms.run.Items) && ap.ms.run.Items[id].ID != ap.ms.selectedID {
			ap.ms.selectedID = ap.ms.run.Items[id].ID
			ap.ms.editor.fill()
		}
	}
	ap.add = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), ap.ms.onAddItem)
	ap.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { ap.ms.onMove(-1) })
	ap.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { ap.ms.onMove(+1) })
	ap.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), ap.ms.onDeleteItem)
	ap.summary = widget.NewLabel("")
	ap.summary.Importance = widget.LowImportance
	buttons := container.NewHBox(ap.add, layout.NewSpacer(), ap.up, ap.down, ap.del)
	top := container.NewBorder(nil, nil, kit.Bold("Agenda"), ap.summary)
	return container.NewBorder(container.NewVBox(widget.NewSeparator(), top), buttons, nil, nil, ap.list)
}

func (ap *agendaPane) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(ap.ms.run.Items) {
		return
	}
	it := ap.ms.run.Items[id]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	num := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	title := text.Objects[0].(*widget.Label)
	line2 := text.Objects[1].(*fyne.Container)
	detail := line2.Objects[0].(*widget.Label)
	clock := line2.Objects[1].(*widget.Label)

	st := data.MeetingClock(ap.ms.run.Items, ap.ms.sc.Now())
	elapsed := st.ItemElapsed[id]
	num.SetText(kit.Itoa(id + 1))
	if id == st.Current && st.Running {
		num.SetText("▶ " + kit.Itoa(id+1))
	}
	title.SetText(it.Title)
	var parts []string
	parts = append(parts, it.Kind.Label())
	if a, ok := ap.ms.run.Attendee(it.PresenterID); ok {
		parts = append(parts, a.Name)
	}
	if it.Kind == data.KindFeatureProposal {
		if n := it.Answers.Unanswered(); n > 0 {
			parts = append(parts, kit.Itoa(n)+" of 6 answers open")
		} else {
			parts = append(parts, "all answered")
		}
	}
	if !it.CarriedFrom.IsZero() {
		parts = append(parts, "carried from "+it.CarriedFrom.Long())
	}
	if it.Standing != data.StandingNone {
		parts = append(parts, "standing")
	}
	detail.SetText(strings.Join(parts, " · "))
	if it.Reached() {
		clock.SetText(data.FormatElapsed(elapsed) + " of " + kit.Itoa(it.PlannedMinutes))
		switch data.PaceOf(elapsed, it.Planned()) {
		case data.PaceOver:
			clock.Importance = widget.DangerImportance
		case data.PaceWarning:
			clock.Importance = widget.WarningImportance
		default:
			clock.Importance = widget.SuccessImportance
		}
	} else {
		clock.SetText(kit.Itoa(it.PlannedMinutes) + " min")
		clock.Importance = widget.LowImportance
	}
	clock.Refresh()
}

// refreshSummary counts the items and their planned minutes.
func (ap *agendaPane) refreshSummary() {
	var planned int
	for _, it := range ap.ms.run.Items {
		planned += it.PlannedMinutes
	}
	ap.summary.SetText(kit.Itoa(len(ap.ms.run.Items)) + " items · " + kit.Itoa(planned) + " min")
}

func (ap *agendaPane) refresh() {
	ap.refreshSummary()
	ap.list.Refresh()
	if i := ap.ms.run.ItemIndex(ap.ms.selectedID); i >= 0 {
		ap.list.Select(i)
		ap.list.ScrollTo(i)
	} else {
		ap.list.UnselectAll()
	}
	for _, b := range []*widget.Button{ap.add, ap.up, ap.down, ap.del} {
		if ap.ms.editable() {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// onAddItem appends a topic and puts the cursor in its title.
func (ms *Screen) onAddItem() {
	if !ms.editable() || ms.run.Meeting.ID == 0 {
		return
	}
	var added data.AgendaItem
	ms.doThen("Adding an agenda item", func() error {
		var err error
		added, err = ms.sc.Store.AddAgendaItem(ms.sc.Ctx(), data.AgendaItem{
			MeetingID: ms.meetingID, Title: "New agenda item", Kind: data.KindTopic, PlannedMinutes: 10})
		return err
	}, func() {
		ms.selectedID = added.ID
		ms.agenda.refresh()
		ms.editor.fill()
		ms.focus(ms.editor.title)
		ms.editor.title.TypedShortcut(&fyne.ShortcutSelectAll{})
	})
}

func (ms *Screen) onMove(by int) {
	i := ms.run.ItemIndex(ms.selectedID)
	if !ms.editable() || i < 0 || i+by < 0 || i+by >= len(ms.run.Items) {
		return
	}
	id := ms.selectedID
	ms.do("Moving the agenda item", func() error { return ms.sc.Store.MoveAgendaItem(ms.sc.Ctx(), id, i+by) })
}

// onDeleteItem removes the selected item, asking first when it holds
// anything (notes, an outcome, time on the clock) or is a standing item.
func (ms *Screen) onDeleteItem() {
	i := ms.run.ItemIndex(ms.selectedID)
	if !ms.editable() || i < 0 {
		return
	}
	it := ms.run.Items[i]
	del := func() {
		ms.selectedID = 0
		if i+1 < len(ms.run.Items) {
			ms.selectedID = ms.run.Items[i+1].ID
		} else if i > 0 {
			ms.selectedID = ms.run.Items[i-1].ID
		}
		ms.do("Deleting the agenda item", func() error { return ms.sc.Store.DeleteAgendaItem(ms.sc.Ctx(), it.ID) })
	}
	switch {
	case it.Standing != data.StandingNone:
		ms.sc.Confirm("Remove standing item", "Remove “"+it.Title+"” from this meeting? It comes back on the next meeting's agenda.", "Remove", del)
	case strings.TrimSpace(it.Notes) != "" || it.Outcome != "" || it.Reached():
		ms.sc.Confirm("Delete agenda item", "Delete “"+it.Title+"” with its notes, outcome and time? This cannot be undone.", "Delete", del)
	default:
		del()
	}
}

func (ed *editorPane) build() fyne.CanvasObject {
	ed.title = ed.ms.entry(data.MaxNameLen)
	ed.title.SetPlaceHolder("Title")
	ed.title.OnChanged = func(s string) { ed.ms.edit(func(it *data.AgendaItem) { it.Title = s }) }
	kinds := make([]string, len(data.ItemKinds))
	for i, k := range data.ItemKinds {
		kinds[i] = k.Label()
	}
	ed.kind = widget.NewSelect(kinds, func(s string) {
		ed.ms.edit(func(it *data.AgendaItem) { it.Kind = data.ItemKindFromLabel(s) })
		ed.showKindParts()
	})
	ed.presenter = kit.NewChoice("Presenter", func(id int64, _ bool) {
		ed.ms.edit(func(it *data.AgendaItem) { it.PresenterID = id })
	})
	ed.planned = ed.ms.entry(10)
	ed.planned.OnChanged = func(s string) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			ed.showProblem("Planned time is a whole number of minutes, e.g. 10")
			return
		}
		ed.ms.edit(func(it *data.AgendaItem) { it.PlannedMinutes = n })
		// The planned total and the projected end follow the timebox at once.
		ed.ms.agenda.refreshSummary()
		ed.ms.clock.refresh()
	}
	// "Carry over" as the README and the minutes say it: the longer label
	// took the outcome's room on a laptop's screen.
	ed.carryOver = widget.NewCheck("Carry over", func(on bool) { ed.ms.edit(func(it *data.AgendaItem) { it.CarryOver = on }) })
	ed.info = widget.NewLabel("")
	ed.info.Importance = widget.LowImportance
	ed.info.Truncation = fyne.TextTruncateEllipsis
	ed.info.SizeName = theme.SizeNameCaptionText // a note on the item, not its content: the panel below keeps the room
	// Under the live panel, not above it: the panel is what the meeting
	// looks at, and the top of the scroll is the room it gets first.
	ed.standingNote = kit.Low("Standing item: generated for every meeting; deleting it removes it from this meeting only")
	ed.standingNote.SizeName = theme.SizeNameCaptionText
	ed.problem = kit.ProblemLabel()

	ed.planned.SetPlaceHolder("10")
	minLabel := widget.NewLabel("min")
	fixed := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	// The kind's box fits the longest kind whole: at 150 it read "Feature propo…".
	kindWidth := float32(150)
	for _, k := range kinds {
		probe := widget.NewSelect(nil, nil)
		probe.PlaceHolder = k
		kindWidth = max(kindWidth, probe.MinSize().Width)
	}
	meta := container.NewHBox(fixed(kindWidth, ed.kind), fixed(180, ed.presenter.Select),
		container.NewBorder(nil, nil, nil, minLabel, fixed(52, ed.planned)))
	titleRow := container.NewBorder(nil, nil, nil, meta, ed.title)

	ed.buildQuestions()
	ed.standingBox = container.NewVBox()

	ed.buildNotesAndOutcome()

	// The item's questions or live panel take their height above the notes
	// and scroll once the notes would drop below notesRows lines, so a
	// long panel never pushes the notes, or the window, off the screen.
	ed.notes.SetMinRowsVisible(notesRows)
	ed.panel = container.NewVBox(ed.info, ed.questions, ed.standingBox, ed.standingNote)
	ed.center = kit.NewPanelOverFill(panelFloor(), ed.panel, ed.notes)
	top := container.NewVBox(titleRow, ed.problem)
	bottom := container.NewVBox(ed.notesHint,
		container.NewBorder(nil, nil, fixed(150, ed.outcomeType), ed.carryOver, ed.outcome))
	ed.body = container.NewBorder(top, bottom, nil, nil, ed.center)
	ed.empty = kit.Wrapped("Choose an agenda item, or add one with “Add” (Ctrl+I).")
	// Until fill shows an item, only the hint: the meeting is still being
	// read, and the empty fields under it would show through.
	ed.body.Hide()
	return container.NewStack(ed.body, ed.empty)
}

// buildNotesAndOutcome makes the item's notes, the line that says when
// they stop wrapping, and its outcome fields.
func (ed *editorPane) buildNotesAndOutcome() {
	ed.notes = ed.ms.notesEntry()
	ed.notes.SetPlaceHolder("Notes: what was said, the numbers, the open points…")
	ed.notes.OnChanged = func(s string) {
		ed.ms.editText(func(it *data.AgendaItem) { it.Notes = s })
		ed.notes.SetWrapping(kit.TextWrapping(s))
		if hide := ed.notes.Wrapping != fyne.TextWrapOff; hide != ed.notesHint.Hidden {
			ed.notesHint.Hidden = hide
			ed.notesHint.Refresh()
		}
	}
	ed.notesHint = widget.NewLabel("Long notes are shown without word wrap so typing stays fast; the minutes wrap them.")
	ed.notesHint.SizeName = theme.SizeNameCaptionText
	ed.notesHint.Importance = widget.LowImportance
	ed.notesHint.Hide()
	ed.outcomeType = widget.NewSelect([]string{"Info", "Decision", "Action"}, func(s string) {
		ed.ms.edit(func(it *data.AgendaItem) { it.OutcomeType = data.OutcomeTypeFromLabel(s) })
	})
	ed.outcomeType.PlaceHolder = "Outcome type"
	ed.outcome = ed.ms.entry(data.MaxNoteLen)
	ed.outcome.SetPlaceHolder("Outcome: what was decided, agreed or learned")
	ed.outcome.OnChanged = func(s string) { ed.ms.editText(func(it *data.AgendaItem) { it.Outcome = s }) }
}

// notesRows is the fewest lines of notes the item shows: what is said is
// the record, so the panel above scrolls before the notes shrink further.
const notesRows = 4

// panelFloor is the least of a long panel above the notes that stays in
// view when the window is short: two rows of controls (each function's
// first question), or panelRows rows of the deal desk, whichever is more.
func panelFloor() float32 {
	controls := 2*widget.NewSelect(nil, nil).MinSize().Height + theme.Padding()
	rows := panelRows * widget.NewLabel("").MinSize().Height
	return fyne.Max(controls, rows)
}

// panelRows is how many rows of a live panel (the deal desk's sections,
// the open decisions) stay in view on a 1280x720 laptop: a section, the
// next one's heading and its first request, so the panel reads as a list
// and not as a slot.
const panelRows = 3

// buildQuestions lays the three functions' questions side by side.
func (ed *editorPane) buildQuestions() {
	verdict := func(q data.Question, set func(*data.TriadAnswers, data.Verdict)) *widget.Select {
		s := widget.NewSelect(q.Choices(), nil)
		s.PlaceHolder = "Unanswered"
		s.OnChanged = func(v string) { ed.ms.edit(func(it *data.AgendaItem) { set(&it.Answers, q.Verdict(v)) }) }
		return s
	}
	by := func(set func(*data.TriadAnswers, int64)) *kit.Choice[int64] {
		return kit.NewChoice("Who answered", func(id int64, _ bool) { ed.ms.edit(func(it *data.AgendaItem) { set(&it.Answers, id) }) })
	}
	ed.canBuild = verdict(data.QuestionCanBuild, func(a *data.TriadAnswers, v data.Verdict) { a.CanBuild = v })
	ed.shouldBuild = verdict(data.QuestionShouldBuild, func(a *data.TriadAnswers, v data.Verdict) { a.ShouldBuild = v })
	ed.solves = verdict(data.QuestionSolvesProblem, func(a *data.TriadAnswers, v data.Verdict) { a.SolvesProblem = v })
	ed.canSell = verdict(data.QuestionCanSell, func(a *data.TriadAnswers, v data.Verdict) { a.CanSell = v })
	ed.engBy = by(func(a *data.TriadAnswers, id int64) { a.EngineeringBy = id })
	ed.prodBy = by(func(a *data.TriadAnswers, id int64) { a.ProductBy = id })
	ed.marketBy = by(func(a *data.TriadAnswers, id int64) { a.MarketBy = id })
	ed.howLong = ed.ms.entry(data.MaxNameLen)
	ed.howLong.SetPlaceHolder("e.g. 3 sprints")
	ed.howLong.OnChanged = func(s string) { ed.ms.edit(func(it *data.AgendaItem) { it.Answers.HowLong = s }) }
	ed.willPay = ed.ms.entry(data.MaxNameLen)
	ed.willPay.SetPlaceHolder("e.g. 12k a year")
	// What the PMM said is the answer, in their words; the amount in it,
	// when there is one, is read beside it.
	ed.willPay.OnChanged = func(s string) { ed.ms.edit(func(it *data.AgendaItem) { it.Answers.SetWillPay(s) }) }
	column := func(i int, function string, rows ...fyne.CanvasObject) fyne.CanvasObject {
		ed.heads[i] = widget.NewLabel("")
		ed.heads[i].SizeName = theme.SizeNameCaptionText
		head := container.NewBorder(nil, nil, kit.Bold(function), ed.heads[i])
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = theme.InputRadiusSize()
		bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
		bg.StrokeWidth = 1
		body := container.New(layout.NewCustomPaddedVBoxLayout(2), append([]fyne.CanvasObject{head}, rows...)...)
		return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(0, 6, 6, 6), body))
	}
	q := func(text string) fyne.CanvasObject {
		t := canvas.NewText(text, theme.Color(theme.ColorNamePlaceHolder))
		t.TextSize = theme.CaptionTextSize()
		return container.New(layout.NewCustomPaddedLayout(4, 2, 4, 0), t)
	}
	ed.questions = container.NewGridWithColumns(3,
		column(0, "Engineering", q("Can we build it?"), ed.canBuild, q("How long will it take?"), ed.howLong, ed.engBy.Select),
		column(1, "Product", q("Should we build it?"), ed.shouldBuild, q("Does it solve the problem?"), ed.solves, ed.prodBy.Select),
		column(2, "Go-to-market", q("Can we sell it?"), ed.canSell, q("How much will they pay?"), ed.willPay, ed.marketBy.Select),
	)
}

// attendeeChoices are the meeting's attendees as a choice offers them,
// with "—" (nobody) first.
func (ms *Screen) attendeeChoices() ([]string, []int64) {
	labels, ids := []string{"—"}, []int64{0}
	for _, a := range ms.run.Attendees {
		labels, ids = append(labels, a.Describe()), append(ids, a.ID)
	}
	return labels, ids
}

func (ms *Screen) selectedItem() (data.AgendaItem, bool) {
	i := ms.run.ItemIndex(ms.selectedID)
	if i < 0 {
		return data.AgendaItem{}, false
	}
	return ms.run.Items[i], true
}

// fillEditor shows the selected item. OnChanged handlers ignore what it sets.
func (ed *editorPane) fill() {
	it, ok := ed.ms.selectedItem()
	ed.empty.Hidden = ok
	ed.empty.Refresh()
	if !ok {
		ed.body.Hide()
		return
	}
	ed.body.Show()
	ed.ms.filling = true
	defer func() { ed.ms.filling = false }()
	ed.hideProblem()
	defer func() {
		if h := ed.ms.held[it.ID]; len(h) > 0 {
			ed.ms.filling = false
			ed.showProblem(h[0].Message)
		}
	}()
	kit.SetText(ed.title, it.Title)
	ed.kind.SetSelected(it.Kind.Label())
	labels, ids := ed.ms.attendeeChoices()
	for _, c := range []*kit.Choice[int64]{ed.presenter, ed.engBy, ed.prodBy, ed.marketBy} {
		c.SetOptions(labels, ids)
	}
	ed.presenter.Set(it.PresenterID)
	kit.SetText(ed.planned, kit.Itoa(it.PlannedMinutes))
	ed.carryOver.SetChecked(it.CarryOver)
	var info []string
	if !it.CarriedFrom.IsZero() {
		info = append(info, "Carried from "+it.CarriedFrom.Long())
	}
	ed.standingNote.Hidden = it.Standing == data.StandingNone
	if it.ActualSeconds > 0 && ed.ms.run.Meeting.Status == data.MeetingClosed {
		info = append(info, "Took "+data.FormatElapsed(secondsDur(it.ActualSeconds)))
	}
	ed.info.SetText(strings.Join(info, " · "))
	ed.info.Hidden = len(info) == 0
	ed.info.Refresh()

	a := it.Answers
	kit.SetSelected(ed.canBuild, data.QuestionCanBuild.Label(a.CanBuild))
	kit.SetSelected(ed.shouldBuild, data.QuestionShouldBuild.Label(a.ShouldBuild))
	kit.SetSelected(ed.solves, data.QuestionSolvesProblem.Label(a.SolvesProblem))
	kit.SetSelected(ed.canSell, data.QuestionCanSell.Label(a.CanSell))
	ed.engBy.Set(a.EngineeringBy)
	ed.prodBy.Set(a.ProductBy)
	ed.marketBy.Set(a.MarketBy)
	kit.SetText(ed.howLong, a.HowLong)
	kit.SetText(ed.willPay, a.WillPaySaid(ed.ms.settings.Currency))

	if ed.notes.Text != it.Notes {
		ed.notes.Wrapping = kit.TextWrapping(it.Notes)
		ed.notes.SetText(it.Notes)
	}
	ed.notesHint.Hidden = ed.notes.Wrapping != fyne.TextWrapOff
	ed.notesHint.Refresh()
	kit.SetSelected(ed.outcomeType, it.OutcomeType.Label())
	kit.SetText(ed.outcome, it.Outcome)
	ed.showKindParts()
	ed.refreshHeads()
	ed.setEnabled(ed.ms.editable())
}

func secondsDur(s int) time.Duration { return time.Duration(s) * time.Second }

// showKindParts shows the Triad questions for a feature proposal and the
// live panel for a standing item.
func (ed *editorPane) showKindParts() {
	it, ok := ed.ms.selectedItem()
	if !ok {
		return
	}
	ed.questions.Hidden = it.Kind != data.KindFeatureProposal
	ed.questions.Refresh()
	ed.standingBox.Objects = nil
	if it.Standing != data.StandingNone {
		ed.standingBox.Add(ed.ms.standingPanel(it))
	} else {
		ed.standingBox.Add(decisions.ItemPanel(ed.ms.sc, ed.ms.run.Meeting, it, ed.ms.editable(), func() { recordDecisionFrom(ed.ms, it) }))
	}
	ed.standingBox.Refresh()
	ed.panel.Refresh()
	kit.Relayout(ed.center) // another item's panel has another height
	if ed.ms.right != nil {
		kit.Relayout(ed.ms.right) // and asks for another share of the bottom panel's
	}
}

// refreshAnswerHeads marks each function's column with what is still open.
func (ed *editorPane) refreshHeads() {
	it, ok := ed.ms.selectedItem()
	if !ok {
		return
	}
	a := it.Answers
	open := [3]int{}
	for i, unanswered := range [][]bool{
		{a.CanBuild == "", strings.TrimSpace(a.HowLong) == ""},
		{a.ShouldBuild == "", a.SolvesProblem == ""},
		{a.CanSell == "", a.WillPay == nil},
	} {
		for _, u := range unanswered {
			if u {
				open[i]++
			}
		}
	}
	for i, h := range ed.heads {
		switch open[i] {
		case 0:
			h.SetText("✓ answered")
			h.Importance = widget.SuccessImportance
		default:
			h.SetText(kit.Itoa(open[i]) + " unanswered")
			h.Importance = widget.WarningImportance
		}
		h.Refresh()
	}
}

func (ed *editorPane) setEnabled(on bool) {
	for _, e := range []*kit.Entry{ed.title, ed.planned, ed.howLong, ed.willPay, ed.notes, ed.outcome} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	for _, d := range []fyne.Disableable{ed.kind, ed.presenter.Select, ed.carryOver, ed.canBuild, ed.shouldBuild, ed.solves,
		ed.canSell, ed.engBy.Select, ed.prodBy.Select, ed.marketBy.Select, ed.outcomeType} {
		if on {
			d.Enable()
		} else {
			d.Disable()
		}
	}
}

func (ed *editorPane) showProblem(msg string) {
	if ed.ms.filling {
		return
	}
	ed.problem.SetText(msg + ". Everything else is saved; this is kept as a draft until it is fixed.")
	ed.problem.Show()
}

func (ed *editorPane) hideProblem() {
	if !ed.problem.Hidden {
		ed.problem.Hide()
	}
}

// edit applies a change to the selected item and schedules its save. The
// saved value is a copy taken now, so later typing cannot race with it; a
// newer edit of the same item replaces it in the queue.
func (ms *Screen) edit(change func(*data.AgendaItem)) { ms.editItem(change, true) }

// editText is edit for the notes and the outcome, which neither the
// agenda row nor the answer heads show. Refreshing them re-measured the
// row's labels on every key: in the real window that was most of what a
// typed key cost (perf under Xvfb, .ci/drills/window-keystroke-cost.sh).
func (ms *Screen) editText(change func(*data.AgendaItem)) { ms.editItem(change, false) }

func (ms *Screen) editItem(change func(*data.AgendaItem), shown bool) {
	if ms.filling || !ms.editable() {
		return
	}
	i := ms.run.ItemIndex(ms.selectedID)
	if i < 0 {
		return
	}
	change(&ms.run.Items[i])
	it := ms.run.Items[i]
	it.Normalize()
	// Every valid field is saved; one that fails validation is held back
	// as a draft, so it neither blocks the rest nor is lost.
	save, held := it.HoldBack(ms.stored[it.ID])
	hadHeld := len(ms.held[it.ID]) > 0
	if len(held) > 0 {
		ms.held[it.ID] = held
		ms.editor.showProblem(held[0].Message)
	} else {
		delete(ms.held, it.ID)
		ms.editor.hideProblem()
	}
	ms.stored[it.ID] = save
	if shown {
		ms.agenda.list.RefreshItem(i)
		ms.editor.refreshHeads()
	}
	ctx := ms.sc.Ctx()
	store := ms.sc.Store
	key := "item " + strconv.FormatInt(it.ID, 10)
	ms.sc.Saver.Schedule(key, func() error { return store.UpdateAgendaItem(ctx, save) })
	if len(held) > 0 || hadHeld {
		drafts := it.HeldDrafts(held)
		ms.sc.Saver.Schedule("draft "+key, func() error { return store.SaveAgendaItemDrafts(ctx, it.ID, drafts) })
	}
}

// heldBackSummary says what autosave holds back on this screen, or "".
func (ms *Screen) heldBackSummary() string {
	switch len(ms.held) {
	case 0:
		return ""
	case 1:
		for _, h := range ms.held {
			return data.HeldBackSummary(h)
		}
	}
	return kit.Itoa(len(ms.held)) + " agenda items need fixing"
}

// gapVBox stacks objects with a set gap (negative to overlap padding): a title and its
// caption in a list row read as one entry.
type gapVBox struct{ gap float32 }

func (l *gapVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h + l.gap
	}
}

func (l *gapVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = fyne.Max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height += l.gap
		}
	}
	return s
}
