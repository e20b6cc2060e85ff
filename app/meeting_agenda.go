package app

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

	"triad/app/kit"
	"triad/data"
)

// agendaPane is the agenda list and its buttons.
type agendaPane struct {
	agendaList                            *widget.List
	addItemBtn, upBtn, downBtn, deleteBtn *widget.Button
	agendaSummary                         *widget.Label
}

// editorPane edits the selected agenda item.
type editorPane struct {
	itemTitle   *kit.Entry
	kind        *widget.Select
	presenter   *kit.Choice[int64]
	planned     *kit.Entry
	carryOver   *widget.Check
	itemInfo    *widget.Label
	itemProblem *widget.Label

	questions                              *fyne.Container
	questionHeads                          [3]*widget.Label
	canBuild, shouldBuild, solves, canSell *widget.Select
	howLong, willPay                       *kit.Entry
	engBy, prodBy, marketBy                *kit.Choice[int64]
	standingBox                            *fyne.Container
	notes                                  *kit.Entry
	notesHint                              *widget.Label
	outcomeType                            *widget.Select
	outcome                                *kit.Entry
	editorEmpty                            *widget.Label
	editorBody                             fyne.CanvasObject
}

func (ms *meetingScreen) buildAgenda() fyne.CanvasObject {
	ms.agendaList = widget.NewList(
		func() int { return len(ms.run.Items) },
		func() fyne.CanvasObject {
			num := widget.NewLabelWithStyle("10", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
			title := kit.Bold("Agenda item")
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("Feature proposal · Priya")
			detail.SizeName = theme.SizeNameCaptionText
			detail.Truncation = fyne.TextTruncateEllipsis
			clock := widget.NewLabelWithStyle("10:00 of 10", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
			clock.SizeName = theme.SizeNameCaptionText
			text := container.New(layout.NewCustomPaddedVBoxLayout(-6), title, container.NewBorder(nil, nil, nil, clock, detail))
			return container.NewBorder(nil, nil, num, nil, text)
		},
		ms.updateAgendaRow,
	)
	ms.agendaList.OnSelected = func(id widget.ListItemID) {
		if id < len(ms.run.Items) && ms.run.Items[id].ID != ms.selectedID {
			ms.selectedID = ms.run.Items[id].ID
			ms.fillEditor()
		}
	}
	ms.addItemBtn = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), ms.onAddItem)
	ms.upBtn = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { ms.onMove(-1) })
	ms.downBtn = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { ms.onMove(+1) })
	ms.deleteBtn = widget.NewButtonWithIcon("", theme.DeleteIcon(), ms.onDeleteItem)
	ms.agendaSummary = widget.NewLabel("")
	ms.agendaSummary.Importance = widget.LowImportance
	buttons := container.NewHBox(ms.addItemBtn, layout.NewSpacer(), ms.upBtn, ms.downBtn, ms.deleteBtn)
	top := container.NewBorder(nil, nil, kit.Bold("Agenda"), ms.agendaSummary)
	return container.NewBorder(container.NewVBox(widget.NewSeparator(), top), buttons, nil, nil, ms.agendaList)
}

func (ms *meetingScreen) updateAgendaRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(ms.run.Items) {
		return
	}
	it := ms.run.Items[id]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	num := row.Objects[1].(*widget.Label)
	title := text.Objects[0].(*widget.Label)
	line2 := text.Objects[1].(*fyne.Container)
	detail := line2.Objects[0].(*widget.Label)
	clock := line2.Objects[1].(*widget.Label)

	st := data.MeetingClock(ms.run.Items, ms.sc.Now())
	elapsed := st.ItemElapsed[id]
	num.SetText(kit.Itoa(id + 1))
	if id == st.Current && st.Running {
		num.SetText("▶ " + kit.Itoa(id+1))
	}
	title.SetText(it.Title)
	var parts []string
	parts = append(parts, it.Kind.Label())
	if a, ok := ms.run.Attendee(it.PresenterID); ok {
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

func (ms *meetingScreen) refreshAgenda() {
	var planned int
	for _, it := range ms.run.Items {
		planned += it.PlannedMinutes
	}
	ms.agendaSummary.SetText(kit.Itoa(len(ms.run.Items)) + " items · " + kit.Itoa(planned) + " min")
	ms.agendaList.Refresh()
	if i := ms.run.ItemIndex(ms.selectedID); i >= 0 {
		ms.agendaList.Select(i)
		ms.agendaList.ScrollTo(i)
	} else {
		ms.agendaList.UnselectAll()
	}
	for _, b := range []*widget.Button{ms.addItemBtn, ms.upBtn, ms.downBtn, ms.deleteBtn} {
		if ms.editable() {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// onAddItem appends a topic and puts the cursor in its title.
func (ms *meetingScreen) onAddItem() {
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
		ms.refreshAgenda()
		ms.fillEditor()
		ms.focus(ms.itemTitle)
		ms.itemTitle.TypedShortcut(&fyne.ShortcutSelectAll{})
	})
}

func (ms *meetingScreen) onMove(by int) {
	i := ms.run.ItemIndex(ms.selectedID)
	if !ms.editable() || i < 0 || i+by < 0 || i+by >= len(ms.run.Items) {
		return
	}
	id := ms.selectedID
	ms.do("Moving the agenda item", func() error { return ms.sc.Store.MoveAgendaItem(ms.sc.Ctx(), id, i+by) })
}

// onDeleteItem removes the selected item, asking first when it holds
// anything (notes, an outcome, time on the clock) or is a standing item.
func (ms *meetingScreen) onDeleteItem() {
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

func (ms *meetingScreen) buildEditor() fyne.CanvasObject {
	ms.itemTitle = ms.entry(data.MaxNameLen)
	ms.itemTitle.SetPlaceHolder("Title")
	ms.itemTitle.OnChanged = func(s string) { ms.edit(func(it *data.AgendaItem) { it.Title = s }) }
	kinds := make([]string, len(data.ItemKinds))
	for i, k := range data.ItemKinds {
		kinds[i] = k.Label()
	}
	ms.kind = widget.NewSelect(kinds, func(s string) {
		ms.edit(func(it *data.AgendaItem) { it.Kind = data.ItemKindFromLabel(s) })
		ms.showKindParts()
	})
	ms.presenter = kit.NewChoice("Presenter", func(id int64, _ bool) {
		ms.edit(func(it *data.AgendaItem) { it.PresenterID = id })
	})
	ms.planned = ms.entry(10)
	ms.planned.OnChanged = func(s string) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			ms.showItemProblem("Planned time is a whole number of minutes, e.g. 10")
			return
		}
		ms.edit(func(it *data.AgendaItem) { it.PlannedMinutes = n })
	}
	ms.carryOver = widget.NewCheck("Carry over to next meeting", func(on bool) { ms.edit(func(it *data.AgendaItem) { it.CarryOver = on }) })
	ms.itemInfo = widget.NewLabel("")
	ms.itemInfo.Importance = widget.LowImportance
	ms.itemInfo.Truncation = fyne.TextTruncateEllipsis
	ms.itemProblem = kit.ProblemLabel()

	ms.planned.SetPlaceHolder("10")
	minLabel := widget.NewLabel("min")
	fixed := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	meta := container.NewHBox(fixed(150, ms.kind), fixed(180, ms.presenter.Select),
		container.NewBorder(nil, nil, nil, minLabel, fixed(52, ms.planned)))
	titleRow := container.NewBorder(nil, nil, nil, meta, ms.itemTitle)

	ms.buildQuestions()
	ms.standingBox = container.NewVBox()

	ms.notes = ms.notesEntry()
	ms.notes.SetPlaceHolder("Notes: what was said, the numbers, the open points…")
	ms.notes.OnChanged = func(s string) {
		ms.edit(func(it *data.AgendaItem) { it.Notes = s })
		if w := kit.TextWrapping(s); w != ms.notes.Wrapping {
			ms.notes.Wrapping = w
			ms.notes.Refresh()
		}
		if hide := ms.notes.Wrapping != fyne.TextWrapOff; hide != ms.notesHint.Hidden {
			ms.notesHint.Hidden = hide
			ms.notesHint.Refresh()
		}
	}
	ms.notesHint = widget.NewLabel("Long notes are shown without word wrap so typing stays fast; the minutes wrap them.")
	ms.notesHint.SizeName = theme.SizeNameCaptionText
	ms.notesHint.Importance = widget.LowImportance
	ms.notesHint.Hide()
	ms.outcomeType = widget.NewSelect([]string{"Info", "Decision", "Action"}, func(s string) {
		ms.edit(func(it *data.AgendaItem) { it.OutcomeType = data.OutcomeTypeFromLabel(s) })
	})
	ms.outcomeType.PlaceHolder = "Outcome type"
	ms.outcome = ms.entry(data.MaxNoteLen)
	ms.outcome.SetPlaceHolder("Outcome: what was decided, agreed or learned")
	ms.outcome.OnChanged = func(s string) { ms.edit(func(it *data.AgendaItem) { it.Outcome = s }) }

	notesBox := container.NewStack(ms.notes)
	top := container.NewVBox(titleRow, ms.itemInfo, ms.itemProblem, ms.questions, ms.standingBox)
	bottom := container.NewVBox(ms.notesHint,
		container.NewBorder(nil, nil, fixed(150, ms.outcomeType), ms.carryOver, ms.outcome))
	ms.editorBody = container.NewBorder(top, bottom, nil, nil, notesBox)
	ms.editorEmpty = kit.Wrapped("Choose an agenda item, or add one with “Add” (Ctrl+I).")
	return container.NewStack(ms.editorBody, ms.editorEmpty)
}

// buildQuestions lays the three functions' questions side by side.
func (ms *meetingScreen) buildQuestions() {
	verdict := func(q data.Question, set func(*data.TriadAnswers, data.Verdict)) *widget.Select {
		s := widget.NewSelect(q.Choices(), nil)
		s.PlaceHolder = "Unanswered"
		s.OnChanged = func(v string) { ms.edit(func(it *data.AgendaItem) { set(&it.Answers, q.Verdict(v)) }) }
		return s
	}
	by := func(set func(*data.TriadAnswers, int64)) *kit.Choice[int64] {
		return kit.NewChoice("Who answered", func(id int64, _ bool) { ms.edit(func(it *data.AgendaItem) { set(&it.Answers, id) }) })
	}
	ms.canBuild = verdict(data.QuestionCanBuild, func(a *data.TriadAnswers, v data.Verdict) { a.CanBuild = v })
	ms.shouldBuild = verdict(data.QuestionShouldBuild, func(a *data.TriadAnswers, v data.Verdict) { a.ShouldBuild = v })
	ms.solves = verdict(data.QuestionSolvesProblem, func(a *data.TriadAnswers, v data.Verdict) { a.SolvesProblem = v })
	ms.canSell = verdict(data.QuestionCanSell, func(a *data.TriadAnswers, v data.Verdict) { a.CanSell = v })
	ms.engBy = by(func(a *data.TriadAnswers, id int64) { a.EngineeringBy = id })
	ms.prodBy = by(func(a *data.TriadAnswers, id int64) { a.ProductBy = id })
	ms.marketBy = by(func(a *data.TriadAnswers, id int64) { a.MarketBy = id })
	ms.howLong = ms.entry(data.MaxNameLen)
	ms.howLong.SetPlaceHolder("e.g. 3 sprints")
	ms.howLong.OnChanged = func(s string) { ms.edit(func(it *data.AgendaItem) { it.Answers.HowLong = s }) }
	ms.willPay = ms.entry(kit.LineLimit)
	ms.willPay.SetPlaceHolder("e.g. 12k a year")
	ms.willPay.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			ms.edit(func(it *data.AgendaItem) { it.Answers.WillPay = nil })
			return
		}
		m, err := data.ParseMoney(s)
		if err != nil {
			ms.showItemProblem("How much will they pay: " + err.Error())
			return
		}
		ms.edit(func(it *data.AgendaItem) { it.Answers.WillPay = &m })
	}
	column := func(i int, function string, rows ...fyne.CanvasObject) fyne.CanvasObject {
		ms.questionHeads[i] = widget.NewLabel("")
		ms.questionHeads[i].SizeName = theme.SizeNameCaptionText
		head := container.NewBorder(nil, nil, kit.Bold(function), ms.questionHeads[i])
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
	ms.questions = container.NewGridWithColumns(3,
		column(0, "Engineering", q("Can we build it?"), ms.canBuild, q("How long will it take?"), ms.howLong, ms.engBy.Select),
		column(1, "Product", q("Should we build it?"), ms.shouldBuild, q("Does it solve the problem?"), ms.solves, ms.prodBy.Select),
		column(2, "Go-to-market", q("Can we sell it?"), ms.canSell, q("How much will they pay?"), ms.willPay, ms.marketBy.Select),
	)
}

// attendeeChoices are the meeting's attendees as a choice offers them,
// with "—" (nobody) first.
func (ms *meetingScreen) attendeeChoices() ([]string, []int64) {
	labels, ids := []string{"—"}, []int64{0}
	for _, a := range ms.run.Attendees {
		labels, ids = append(labels, a.Describe()), append(ids, a.ID)
	}
	return labels, ids
}

func (ms *meetingScreen) selectedItem() (data.AgendaItem, bool) {
	i := ms.run.ItemIndex(ms.selectedID)
	if i < 0 {
		return data.AgendaItem{}, false
	}
	return ms.run.Items[i], true
}

// fillEditor shows the selected item. OnChanged handlers ignore what it sets.
func (ms *meetingScreen) fillEditor() {
	it, ok := ms.selectedItem()
	ms.editorEmpty.Hidden = ok
	ms.editorEmpty.Refresh()
	if !ok {
		ms.editorBody.Hide()
		return
	}
	ms.editorBody.Show()
	ms.filling = true
	defer func() { ms.filling = false }()
	ms.hideItemProblem()
	defer func() {
		if h := ms.held[it.ID]; len(h) > 0 {
			ms.filling = false
			ms.showItemProblem(h[0].Message)
		}
	}()
	kit.SetText(ms.itemTitle, it.Title)
	ms.kind.SetSelected(it.Kind.Label())
	labels, ids := ms.attendeeChoices()
	for _, c := range []*kit.Choice[int64]{ms.presenter, ms.engBy, ms.prodBy, ms.marketBy} {
		c.SetOptions(labels, ids)
	}
	ms.presenter.Set(it.PresenterID)
	kit.SetText(ms.planned, kit.Itoa(it.PlannedMinutes))
	ms.carryOver.SetChecked(it.CarryOver)
	var info []string
	if !it.CarriedFrom.IsZero() {
		info = append(info, "Carried from "+it.CarriedFrom.Long())
	}
	if it.Standing != data.StandingNone {
		info = append(info, "Standing item: generated for every meeting; deleting it removes it from this meeting only")
	}
	if it.ActualSeconds > 0 && ms.run.Meeting.Status == data.MeetingClosed {
		info = append(info, "Took "+data.FormatElapsed(secondsDur(it.ActualSeconds)))
	}
	ms.itemInfo.SetText(strings.Join(info, " · "))
	ms.itemInfo.Hidden = len(info) == 0
	ms.itemInfo.Refresh()

	a := it.Answers
	kit.SetSelected(ms.canBuild, data.QuestionCanBuild.Label(a.CanBuild))
	kit.SetSelected(ms.shouldBuild, data.QuestionShouldBuild.Label(a.ShouldBuild))
	kit.SetSelected(ms.solves, data.QuestionSolvesProblem.Label(a.SolvesProblem))
	kit.SetSelected(ms.canSell, data.QuestionCanSell.Label(a.CanSell))
	ms.engBy.Set(a.EngineeringBy)
	ms.prodBy.Set(a.ProductBy)
	ms.marketBy.Set(a.MarketBy)
	kit.SetText(ms.howLong, a.HowLong)
	pay := ""
	if a.WillPay != nil {
		pay = a.WillPay.Format(ms.settings.Currency)
	}
	kit.SetText(ms.willPay, pay)

	if ms.notes.Text != it.Notes {
		ms.notes.Wrapping = kit.TextWrapping(it.Notes)
		ms.notes.SetText(it.Notes)
	}
	ms.notesHint.Hidden = ms.notes.Wrapping != fyne.TextWrapOff
	ms.notesHint.Refresh()
	kit.SetSelected(ms.outcomeType, it.OutcomeType.Label())
	kit.SetText(ms.outcome, it.Outcome)
	ms.showKindParts()
	ms.refreshAnswerHeads()
	ms.setEditorEnabled(ms.editable())
}

func secondsDur(s int) time.Duration { return time.Duration(s) * time.Second }

// showKindParts shows the Triad questions for a feature proposal and the
// live panel for a standing item.
func (ms *meetingScreen) showKindParts() {
	it, ok := ms.selectedItem()
	if !ok {
		return
	}
	ms.questions.Hidden = it.Kind != data.KindFeatureProposal
	ms.questions.Refresh()
	ms.standingBox.Objects = nil
	if it.Standing != data.StandingNone {
		ms.standingBox.Add(ms.standingPanel(it))
	} else {
		ms.standingBox.Add(itemDecisionsPanel(ms, it))
	}
	ms.standingBox.Refresh()
}

// refreshAnswerHeads marks each function's column with what is still open.
func (ms *meetingScreen) refreshAnswerHeads() {
	it, ok := ms.selectedItem()
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
	for i, h := range ms.questionHeads {
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

func (ms *meetingScreen) setEditorEnabled(on bool) {
	for _, e := range []*kit.Entry{ms.itemTitle, ms.planned, ms.howLong, ms.willPay, ms.notes, ms.outcome} {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	for _, d := range []fyne.Disableable{ms.kind, ms.presenter.Select, ms.carryOver, ms.canBuild, ms.shouldBuild, ms.solves,
		ms.canSell, ms.engBy.Select, ms.prodBy.Select, ms.marketBy.Select, ms.outcomeType} {
		if on {
			d.Enable()
		} else {
			d.Disable()
		}
	}
}

func (ms *meetingScreen) showItemProblem(msg string) {
	if ms.filling {
		return
	}
	ms.itemProblem.SetText(msg + ". Everything else is saved; this is kept as a draft until it is fixed.")
	ms.itemProblem.Show()
}

func (ms *meetingScreen) hideItemProblem() {
	if !ms.itemProblem.Hidden {
		ms.itemProblem.Hide()
	}
}

// edit applies a change to the selected item and schedules its save. The
// saved value is a copy taken now, so later typing cannot race with it; a
// newer edit of the same item replaces it in the queue.
func (ms *meetingScreen) edit(change func(*data.AgendaItem)) {
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
		ms.showItemProblem(held[0].Message)
	} else {
		delete(ms.held, it.ID)
		ms.hideItemProblem()
	}
	ms.stored[it.ID] = save
	ms.agendaList.RefreshItem(i)
	ms.refreshAnswerHeads()
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
func (ms *meetingScreen) heldBackSummary() string {
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
