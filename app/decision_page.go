package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// decisionPage shows one decision. While it is proposed the page is an
// editor: question, context, options, each leader's position, the decision
// maker and the call. Once decided it is the record: the call, the three
// perspectives side by side with any dissent marked, and each leader's
// commitment; from there it can be superseded or reversed.
type decisionPage struct {
	sc     *shell.Scope
	podID  int64
	id     int64 // 0 for a new decision
	supers int64 // for a new decision: the decision it will supersede

	// Set when the page is opened from a meeting: back returns there, and a
	// new decision starts in that meeting, from that agenda item.
	fromMeeting  int64
	agendaItemID int64
	question0    string // a new decision's question, from the agenda item

	pod      data.Pod
	meetings []data.Meeting
	d        data.Decision
	earlier  data.Decision // what d supersedes, if anything
	later    data.Decision // what superseded d, if anything
	currency string        // the pod's currency, for option costs

	body     *fyne.Container
	problems kit.FieldProblems
	summary  *widget.Label

	// The editor.
	question, context *kit.Entry
	meeting           *widget.Select
	options           []*optionEditor
	optionBox         *fyne.Container
	addOption         *widget.Button
	positions         []*widget.RadioGroup // in perspective order
	reasons           []*kit.Entry
	decider, chosen   *widget.Select
	rationale         *kit.Entry
	revisit           *kit.Entry
	save, decide, del *widget.Button

	// The record.
	commitSummary *widget.Label
	commitButtons map[int64]*widget.Button // member id -> commit / disagree-and-commit
	lateReason    map[int64]*kit.Entry
	latePosition  map[int64]*widget.RadioGroup
	lateSave      map[int64]*widget.Button
	supersede     *widget.Button
	reverse       *widget.Button
	reverseDialog *reverseDialog
	follow        *followUps
}

// optionEditor is one option's fields in the editor.
type optionEditor struct {
	title, pros, cons, cost, effort *kit.Entry
	remove                          *widget.Button
}

func newDecisionPage(sc *shell.Scope, podID, id int64) *decisionPage {
	return &decisionPage{sc: sc, podID: podID, id: id, problems: kit.FieldProblems{}}
}

func (pg *decisionPage) build() fyne.CanvasObject {
	pg.body = container.NewVBox(widget.NewLabel("Loading the decision…"))
	pg.reload()
	return container.NewVScroll(container.NewPadded(container.New(&kit.Column{Width: 1100}, pg.body)))
}

type decisionPageData struct {
	pod      data.Pod
	meetings []data.Meeting
	d        data.Decision
	earlier  data.Decision
	later    data.Decision
	currency string
}

func (pg *decisionPage) reload() {
	shell.Run(pg.sc, func() (decisionPageData, error) {
		var v decisionPageData
		var err error
		ctx := pg.sc.Ctx()
		if v.pod, err = pg.sc.Store.Pod(ctx, pg.podID); err != nil {
			return v, err
		}
		if v.meetings, err = pg.sc.Store.Meetings(ctx, pg.podID); err != nil {
			return v, err
		}
		global, err := pg.sc.Store.Settings(ctx)
		if err != nil {
			return v, err
		}
		v.currency = v.pod.Overrides.Apply(global).Currency
		if pg.id == 0 {
			v.d = data.NewDecision(v.pod, defaultMeeting(v.meetings, pg.sc.Now()))
			if pg.fromMeeting != 0 {
				v.d.MeetingID, v.d.AgendaItemID, v.d.Question = pg.fromMeeting, pg.agendaItemID, pg.question0
			}
			v.d.SupersedesID = pg.supers
		} else if v.d, err = pg.sc.Store.Decision(ctx, pg.id); err != nil {
			return v, err
		}
		if v.d.SupersedesID != 0 {
			if v.earlier, err = pg.sc.Store.Decision(ctx, v.d.SupersedesID); err != nil && !errors.Is(err, data.ErrNotFound) {
				return v, err
			}
		}
		if v.d.SupersededByID != 0 {
			if v.later, err = pg.sc.Store.Decision(ctx, v.d.SupersededByID); err != nil && !errors.Is(err, data.ErrNotFound) {
				return v, err
			}
		}
		return v, nil
	}, func(v decisionPageData, err error) {
		if err != nil {
			pg.sc.ShowError("Opening the decision", err)
			return
		}
		pg.pod, pg.meetings, pg.d, pg.earlier, pg.later, pg.currency = v.pod, v.meetings, v.d, v.earlier, v.later, v.currency
		pg.show()
	})
}

// defaultMeeting picks the meeting a new decision belongs to: the latest
// open one on or before today, else the next open one.
func defaultMeeting(ms []data.Meeting, now time.Time) int64 {
	today := data.DateOf(now)
	var next int64
	for _, m := range ms { // newest first
		if m.Status == data.MeetingClosed {
			continue // its record is locked
		}
		if !m.Date.After(today) {
			return m.ID
		}
		next = m.ID
	}
	return next
}

func (pg *decisionPage) show() {
	pg.problems = kit.FieldProblems{}
	var content []fyne.CanvasObject
	if pg.d.State == data.DecisionProposed {
		content = pg.editor()
	} else {
		content = pg.record()
	}
	pg.body.Objects = content
	pg.body.Refresh()
}

// header is the back link, the state and the question.
func (pg *decisionPage) header(title string) []fyne.CanvasObject {
	back := widget.NewButtonWithIcon("Decision log", theme.NavigateBackIcon(), func() { pg.sc.Go(pg.backRoute()) })
	if pg.fromMeeting != 0 {
		back.SetText("Back to the meeting")
	}
	back.Importance = widget.LowImportance
	state := widget.NewLabelWithStyle(pg.d.State.Label(), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	state.Importance = decisionImportance(pg.d.State)
	heading := kit.Title(title)
	heading.Wrapping = fyne.TextWrapWord
	return []fyne.CanvasObject{container.NewBorder(nil, nil, back, state, widget.NewLabel(pg.pod.Name)), heading}
}

func (pg *decisionPage) problemLabel(field string) *widget.Label { return pg.problems.Label(field) }

func (pg *decisionPage) field(field string, input fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(input, pg.problemLabel(field))
}

// ---- The editor (proposed) ----

func (pg *decisionPage) editor() []fyne.CanvasObject {
	d := pg.d
	title := "New decision"
	if d.ID != 0 {
		title = "Edit proposed decision"
	}
	out := pg.header(title)
	if pg.earlier.ID != 0 {
		note := kit.Wrapped("Once decided, this replaces “" + pg.earlier.Question + "” (" + pg.earlier.MeetingDate.Long() + "), which is then marked superseded.")
		note.Importance = widget.WarningImportance
		out = append(out, note)
	}

	if pg.agendaItemID != 0 && d.AgendaItemID == pg.agendaItemID {
		from := kit.Low("From the agenda item “" + pg.question0 + "”; it lists this decision once saved.")
		out = append(out, from)
	}
	if len(pg.meetings) == 0 {
		note := kit.Wrapped("Decisions are made in a meeting, and " + pg.pod.Name + " has none yet: create one on the Meetings tab first.")
		note.Importance = widget.WarningImportance
		out = append(out, note)
	}
	pg.question = kit.NewLineEntry(data.MaxQuestionLen)
	pg.question.SetPlaceHolder("The question being decided, e.g. Do we build SSO before the enterprise launch?")
	pg.question.SetText(d.Question)
	pg.meeting = widget.NewSelect(nil, nil)
	// A closed meeting's record is locked: a decision goes into an open
	// meeting, and one already in a closed meeting stays there until it is
	// reopened.
	locked := false
	for _, m := range pg.meetings {
		if m.ID == d.MeetingID && m.Status == data.MeetingClosed && d.ID != 0 {
			locked = true
		}
		if m.Status == data.MeetingClosed && m.ID != d.MeetingID {
			continue
		}
		pg.meeting.Options = append(pg.meeting.Options, meetingChoice(m))
		if m.ID == d.MeetingID {
			pg.meeting.SetSelected(meetingChoice(m))
		}
	}
	if locked {
		note := widget.NewLabel("This proposal belongs to the meeting of " + d.MeetingDate.Long() +
			", which is closed: its record is read-only. Reopen the meeting to change or decide it.")
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		out = append(out, note)
	}
	pg.context = kit.NewProse(d.Context, "What led here: the facts, the numbers, the deadline", 3)
	out = append(out, widget.NewForm(
		widget.NewFormItem("Question", pg.field("question", pg.question)),
		widget.NewFormItem("Meeting", pg.field("meeting", pg.meeting)),
		widget.NewFormItem("Context", pg.field("context", pg.context)),
	))

	out = append(out, kit.Section("Options considered"), pg.problemLabel("options"))
	pg.options = nil
	pg.optionBox = container.NewVBox()
	for _, o := range d.Options {
		pg.addOptionEditor(o)
	}
	if len(d.Options) == 0 {
		pg.addOptionEditor(data.DecisionOption{})
		pg.addOptionEditor(data.DecisionOption{})
	}
	pg.addOption = widget.NewButtonWithIcon("Add option", theme.ContentAddIcon(), func() {
		pg.addOptionEditor(data.DecisionOption{})
		pg.refreshChosen()
	})
	out = append(out, pg.optionBox, container.NewHBox(pg.addOption))

	out = append(out, kit.Section("Perspectives"))
	hint := kit.Low("Each leader says where they stand and why. Disagreement is welcome: it stays on record.")
	out = append(out, hint)
	pg.positions, pg.reasons = nil, nil
	cols := container.NewGridWithColumns(3)
	for _, pv := range d.Perspectives {
		radio := widget.NewRadioGroup(positionLabels(), nil)
		if pv.Position != data.PositionNone {
			radio.SetSelected(positionChoice(pv.Position))
		}
		reason := kit.NewProse(pv.Reasoning, "Why, from the "+pv.Role.Function()+" side", 3)
		pg.positions = append(pg.positions, radio)
		pg.reasons = append(pg.reasons, reason)
		cols.Add(widget.NewCard("", "", container.NewVBox(
			perspectiveTitle(pv), radio, pg.field("perspective."+string(pv.Role), reason))))
	}
	out = append(out, cols)

	out = append(out, kit.Section("The call"))
	pg.decider = widget.NewSelect(nil, nil)
	for _, l := range pg.pod.Leaders {
		pg.decider.Options = append(pg.decider.Options, leaderChoice(l))
		if l.ID == d.DeciderID {
			pg.decider.SetSelected(leaderChoice(l))
		}
	}
	pg.chosen = widget.NewSelect(nil, nil)
	pg.chosen.PlaceHolder = "(not chosen yet)"
	pg.refreshChosen()
	if o, ok := d.ChosenOption(); ok {
		pg.chosen.SetSelected(optionChoice(d.Chosen, o.Title))
	}
	pg.rationale = kit.NewProse(d.Rationale, "Why this option", 2)
	pg.revisit = kit.NewLineEntry(kit.LineLimit)
	pg.revisit.SetPlaceHolder("YYYY-MM-DD (optional)")
	pg.revisit.SetText(d.RevisitOn.String())
	out = append(out, widget.NewForm(
		widget.NewFormItem("Decision maker", pg.field("decider", pg.decider)),
		widget.NewFormItem("Chosen option", pg.field("chosen", pg.chosen)),
		widget.NewFormItem("Why", pg.field("rationale", pg.rationale)),
		widget.NewFormItem("Revisit on", pg.field("revisit", pg.revisit)),
	))

	pg.summary = kit.ProblemLabel()
	pg.save = widget.NewButtonWithIcon("Save proposal", theme.DocumentSaveIcon(), func() { pg.onSave(false) })
	pg.decide = widget.NewButtonWithIcon("Record the call", theme.ConfirmIcon(), func() { pg.onSave(true) })
	pg.decide.Importance = widget.HighImportance
	pg.del = widget.NewButtonWithIcon("Delete proposal", theme.DeleteIcon(), pg.onDelete)
	pg.del.Importance = widget.LowImportance
	if d.ID == 0 {
		pg.del.Hide()
	}
	if locked {
		pg.save.Disable()
		pg.decide.Disable()
		pg.del.Disable()
	}
	buttons := container.NewBorder(nil, nil, pg.del, container.NewHBox(pg.save, pg.decide), pg.summary)
	out = append(out, widget.NewSeparator(), buttons)
	return out
}

func (pg *decisionPage) addOptionEditor(o data.DecisionOption) {
	ed := &optionEditor{}
	ed.title = kit.NewNameEntry()
	ed.title.SetPlaceHolder("Short name, e.g. Buy a fraud-scoring service")
	ed.title.SetText(o.Title)
	ed.title.OnChanged = func(string) { pg.refreshChosen() }
	ed.pros = kit.NewProse(o.Pros, "Pros", 2)
	ed.cons = kit.NewProse(o.Cons, "Cons", 2)
	ed.cost = kit.NewLineEntry(kit.LineLimit)
	ed.cost.SetPlaceHolder("Cost, e.g. 48k (optional)")
	if o.Cost > 0 {
		ed.cost.SetText(o.Cost.Input())
	}
	ed.effort = kit.NewLineEntry(kit.LineLimit)
	ed.effort.SetPlaceHolder("Effort, e.g. two sprints (optional)")
	ed.effort.SetText(o.Effort)
	pg.options = append(pg.options, ed)
	n := len(pg.options)
	field := "option." + kit.Itoa(n)
	var card *widget.Card
	ed.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, e := range pg.options {
			if e == ed {
				pg.options = append(pg.options[:i], pg.options[i+1:]...)
				pg.optionBox.Remove(card)
			}
		}
		pg.refreshChosen()
	})
	ed.remove.Importance = widget.LowImportance
	card = widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, kit.Bold("Option"), ed.remove,
			pg.field(field+".title", ed.title)),
		container.NewGridWithColumns(2, pg.field(field+".pros", captioned("Pros", ed.pros)), pg.field(field+".cons", captioned("Cons", ed.cons))),
		container.NewGridWithColumns(2, pg.field(field+".cost", captioned("Estimated cost", ed.cost)),
			pg.field(field+".effort", captioned("Estimated effort", ed.effort))),
	))
	pg.optionBox.Add(card)
}

// captioned puts a small label over an input, which stays readable once
// the placeholder is gone.
func captioned(label string, input fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.LowImportance
	return container.New(layout.NewCustomPaddedVBoxLayout(0), l, input)
}

// refreshChosen offers the options as they are named now, keeping the
// choice when its option is still there.
func (pg *decisionPage) refreshChosen() {
	if pg.chosen == nil {
		return
	}
	old := pg.chosenIndex()
	var opts []string
	for i, ed := range pg.options {
		opts = append(opts, optionChoice(i+1, ed.title.Text))
	}
	pg.chosen.Options = opts
	if old > 0 && old <= len(opts) {
		pg.chosen.Selected = opts[old-1]
	} else {
		pg.chosen.Selected = ""
	}
	pg.chosen.Refresh()
}

func (pg *decisionPage) chosenIndex() int {
	for i, o := range pg.chosen.Options {
		if o == pg.chosen.Selected && o != "" {
			return i + 1
		}
	}
	return 0
}

func optionChoice(n int, title string) string {
	if strings.TrimSpace(title) == "" {
		title = "(unnamed)"
	}
	return kit.Itoa(n) + ". " + title
}

func meetingChoice(m data.Meeting) string { return m.Date.Long() }

func leaderChoice(l data.Leader) string { return l.Name + " (" + l.Role.Title() + ")" }

func positionLabels() []string {
	var s []string
	for _, p := range data.Positions {
		s = append(s, positionChoice(p))
	}
	return s
}

// positionChoice is the radio label: "Agree", "Disagree", "Abstain".
func positionChoice(p data.Position) string {
	switch p {
	case data.PositionAgree:
		return "Agree"
	case data.PositionDisagree:
		return "Disagree"
	case data.PositionAbstain:
		return "Abstain"
	}
	return ""
}

func positionFrom(choice string) data.Position {
	for _, p := range data.Positions {
		if positionChoice(p) == choice || p.Label() == choice {
			return p
		}
	}
	return data.PositionNone
}

func perspectiveTitle(pv data.Perspective) fyne.CanvasObject {
	role := kit.Bold(pv.Role.Title())
	role.Truncation = fyne.TextTruncateEllipsis
	name := kit.Truncated(pv.Name)
	return container.NewVBox(role, name)
}

// collect reads the editor into a decision, reporting what cannot be parsed.
func (pg *decisionPage) collect() (data.Decision, []data.Problem) {
	d := pg.d
	var probs []data.Problem
	d.Question = pg.question.Text
	d.Context = pg.context.Text
	d.MeetingID = 0
	for _, m := range pg.meetings {
		if meetingChoice(m) == pg.meeting.Selected {
			d.MeetingID, d.MeetingDate = m.ID, m.Date
		}
	}
	if d.MeetingID != pg.d.MeetingID {
		d.AgendaItemID = 0 // the agenda item belongs to the meeting first chosen
	}
	d.Options = nil
	for i, ed := range pg.options {
		o := data.DecisionOption{Title: ed.title.Text, Pros: ed.pros.Text, Cons: ed.cons.Text, Effort: ed.effort.Text}
		if s := strings.TrimSpace(ed.cost.Text); s != "" {
			m, err := data.ParseMoney(s)
			if err != nil {
				probs = append(probs, data.Problem{Field: "option." + kit.Itoa(i+1) + ".cost", Message: "Option " + kit.Itoa(i+1) + "'s cost: " + err.Error()})
			}
			o.Cost = m
		}
		d.Options = append(d.Options, o)
	}
	d.Chosen = pg.chosenIndex()
	for i := range d.Perspectives {
		if i < len(pg.positions) {
			d.Perspectives[i].Position = positionFrom(pg.positions[i].Selected)
			d.Perspectives[i].Reasoning = pg.reasons[i].Text
		}
	}
	d.DeciderID, d.DeciderName = 0, ""
	for _, l := range pg.pod.Leaders {
		if leaderChoice(l) == pg.decider.Selected {
			d.DeciderID, d.DeciderName = l.ID, l.Name
		}
	}
	d.Rationale = pg.rationale.Text
	d.RevisitOn = data.Date{}
	if s := strings.TrimSpace(pg.revisit.Text); s != "" {
		r, err := data.ParseDate(s)
		if err != nil {
			probs = append(probs, data.Problem{Field: "revisit", Message: err.Error()})
		}
		d.RevisitOn = r
	}
	d.Normalize()
	return d, probs
}

func (pg *decisionPage) onSave(decide bool) {
	d, probs := pg.collect()
	probs = kit.Merge(probs, d.Validate(pg.pod))
	if decide {
		probs = kit.Merge(probs, data.CheckDecide(d, pg.pod))
	}
	kit.Save(pg.sc, kit.Submit[data.Decision]{
		Problems: probs,
		Show:     pg.showProblems,
		Buttons:  []*widget.Button{pg.save, pg.decide},
		Action:   "Saving the decision",
		Write: func() (data.Decision, error) {
			ctx := pg.sc.Ctx()
			var err error
			if d.ID == 0 {
				if d, err = pg.sc.Store.CreateDecision(ctx, d); err != nil {
					return d, err
				}
			}
			if decide {
				return pg.sc.Store.Decide(ctx, d)
			}
			return pg.sc.Store.UpdateDecision(ctx, d)
		},
		Then: func(saved data.Decision) {
			if saved.ID != 0 {
				pg.id = saved.ID // created, even if deciding then failed
				pg.d.ID = saved.ID
				pg.del.Show()
			}
		},
		Failed: func(err error) { kit.SetProblem(pg.summary, shell.Message("Saving the decision", err)) },
		Done:   func(data.Decision) { pg.reload() },
	})
}

func (pg *decisionPage) showProblems(probs []data.Problem) {
	if pg.summary == nil {
		pg.problems.Show(probs)
		return
	}
	pg.problems.Report(probs, pg.summary)
}

func (pg *decisionPage) onDelete() {
	if pg.d.ID == 0 {
		return
	}
	pg.sc.Confirm("Delete proposal", "Delete the proposed decision “"+pg.d.Question+"”? This cannot be undone.", "Delete", func() {
		id := pg.d.ID
		shell.Run(pg.sc, func() (struct{}, error) {
			return struct{}{}, pg.sc.Store.DeleteDecision(pg.sc.Ctx(), id)
		}, func(_ struct{}, err error) {
			if err != nil {
				pg.sc.ShowError("Deleting the decision", err)
				return
			}
			pg.sc.Go(pg.backRoute())
		})
	})
}

// ---- The record (decided, superseded, reversed) ----

func (pg *decisionPage) record() []fyne.CanvasObject {
	d := pg.d
	out := pg.header(d.Question)

	meta := []string{}
	if d.DeciderName != "" {
		meta = append(meta, "Decided by "+d.DeciderName+deciderRole(pg.pod, d.DeciderID))
	}
	if !d.RevisitOn.IsZero() {
		meta = append(meta, "revisit on "+d.RevisitOn.Long())
	}
	metaLabel := kit.Wrapped(strings.Join(meta, " · "))
	meetingLink := widget.NewButtonWithIcon("Meeting of "+d.MeetingDate.Long(), theme.CalendarIcon(), func() {
		pg.sc.Go(shell.Meeting{ID: d.MeetingID})
	})
	meetingLink.Importance = widget.LowImportance
	out = append(out, container.NewBorder(nil, nil, meetingLink, nil, metaLabel))

	switch d.State {
	case data.DecisionSuperseded:
		out = append(out, pg.linkLine("Superseded by", pg.later))
	case data.DecisionReversed:
		l := kit.Wrapped("Reversed: " + d.ReversedReason)
		l.Importance = widget.DangerImportance
		out = append(out, l)
	}
	if pg.earlier.ID != 0 {
		out = append(out, pg.linkLine("Supersedes", pg.earlier))
	}

	if d.Context != "" {
		ctxLabel := kit.Wrapped(d.Context)
		out = append(out, ctxLabel)
	}

	// The call.
	call := kit.Wrapped("")
	call.TextStyle.Bold = true
	if o, ok := d.ChosenOption(); ok {
		call.SetText("Chosen: " + o.Title)
	}
	why := kit.Wrapped(d.Rationale)
	if d.Rationale == "" {
		why.Hide()
	}
	pg.commitSummary = kit.Bold("")
	pg.commitSummary.Wrapping = fyne.TextWrapWord
	pg.setCommitSummary()
	out = append(out, widget.NewCard("The call", "", container.NewVBox(call, why, pg.commitSummary)))

	// The three perspectives, side by side.
	out = append(out, kit.Section("Perspectives and commitments"))
	pg.commitButtons = map[int64]*widget.Button{}
	pg.lateReason = map[int64]*kit.Entry{}
	pg.latePosition = map[int64]*widget.RadioGroup{}
	pg.lateSave = map[int64]*widget.Button{}
	cols := container.NewGridWithColumns(len(d.Perspectives))
	for _, pv := range d.Perspectives {
		cols.Add(pg.perspectiveCard(pv))
	}
	out = append(out, cols)

	// The options, the chosen one marked.
	out = append(out, kit.Section("Options considered"))
	opts := container.NewGridWithColumns(2)
	for i, o := range d.Options {
		opts.Add(optionCard(i+1 == d.Chosen, o, pg.currency))
	}
	out = append(out, opts)

	out = append(out, pg.followUps()...)

	if d.State == data.DecisionDecided {
		pg.supersede = widget.NewButtonWithIcon("Supersede with a new decision", theme.ContentRedoIcon(), pg.onSupersede)
		pg.reverse = widget.NewButtonWithIcon("Reverse…", theme.ContentUndoIcon(), pg.onReverse)
		pg.reverse.Importance = widget.DangerImportance
		out = append(out, widget.NewSeparator(), container.NewHBox(pg.supersede, pg.reverse))
	}
	return out
}

func deciderRole(p data.Pod, id int64) string {
	if l, ok := p.Member(id); ok {
		return " (" + l.Role.Title() + ")"
	}
	return ""
}

func (pg *decisionPage) linkLine(label string, other data.Decision) fyne.CanvasObject {
	if other.ID == 0 {
		return widget.NewLabel(label + " a decision that no longer exists")
	}
	b := widget.NewButtonWithIcon(label+": "+other.Question+" ("+other.MeetingDate.Long()+")", theme.NavigateNextIcon(), func() {
		pg.sc.Go(shell.Decision{PodID: pg.podID, ID: other.ID})
	})
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

func (pg *decisionPage) setCommitSummary() {
	d := pg.d
	s := d.CommitmentSummary()
	if s == "" {
		pg.commitSummary.Hide()
		return
	}
	n, _ := d.Commitments()
	pg.commitSummary.SetText(strings.ToUpper(s[:1]) + s[1:])
	switch {
	case n == len(d.Perspectives):
		pg.commitSummary.Importance = widget.SuccessImportance
	case d.State == data.DecisionDecided:
		pg.commitSummary.Importance = widget.WarningImportance
	default:
		pg.commitSummary.Importance = widget.LowImportance
	}
	pg.commitSummary.Refresh()
}

// perspectiveCard is one leader's column: where they stood and why, any
// dissent marked, and their commitment or the button to record it.
func (pg *decisionPage) perspectiveCard(pv data.Perspective) fyne.CanvasObject {
	d := pg.d
	parts := []fyne.CanvasObject{perspectiveTitle(pv)}
	pos := kit.Bold(pv.Position.Label())
	switch pv.Position {
	case data.PositionAgree:
		pos.Importance = widget.SuccessImportance
	case data.PositionDisagree:
		pos.SetText("Disagrees — dissent on record")
		pos.Importance = widget.DangerImportance
	case data.PositionAbstain:
		pos.Importance = widget.MediumImportance
	default:
		pos.Importance = widget.LowImportance
	}
	parts = append(parts, pos)
	if pv.Reasoning != "" {
		r := widget.NewLabelWithStyle("“"+pv.Reasoning+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		r.Wrapping = fyne.TextWrapWord
		parts = append(parts, r)
	}
	parts = append(parts, widget.NewSeparator())
	commit := widget.NewLabelWithStyle(pv.Commitment.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: pv.Commitment != data.CommitmentNone})
	commit.Wrapping = fyne.TextWrapWord
	switch pv.Commitment {
	case data.Commit:
		commit.Importance = widget.SuccessImportance
	case data.DisagreeAndCommit:
		commit.Importance = widget.SuccessImportance
	default:
		commit.Importance = widget.WarningImportance
	}
	parts = append(parts, commit)
	if pv.Commitment != data.CommitmentNone && !pv.CommittedAt.IsZero() {
		when := widget.NewLabel("on " + pv.CommittedAt.Local().Format("Mon 2 Jan 2006"))
		when.SizeName = theme.SizeNameCaptionText
		when.Importance = widget.LowImportance
		parts = append(parts, when)
	}

	if d.State == data.DecisionDecided && pv.Commitment == data.CommitmentNone {
		if pv.Position == data.PositionNone {
			// A position first: nobody commits without having said where they stand.
			radio := widget.NewRadioGroup(positionLabels(), nil)
			reason := kit.NewProse("", "Why", 2)
			save := widget.NewButton("Record position", nil)
			member := pv.MemberID
			save.OnTapped = func() { pg.onLatePosition(member) }
			pg.latePosition[member], pg.lateReason[member], pg.lateSave[member] = radio, reason, save
			parts = append(parts, radio, pg.field("perspective."+string(pv.Role), reason), container.NewHBox(save))
		} else {
			c := data.Commit
			label := "Commit"
			if pv.Position == data.PositionDisagree {
				c, label = data.DisagreeAndCommit, "Disagree and commit"
			}
			member := pv.MemberID
			b := widget.NewButtonWithIcon(label, theme.ConfirmIcon(), func() { pg.onCommit(member, c) })
			b.Importance = widget.HighImportance
			pg.commitButtons[member] = b
			parts = append(parts, container.NewHBox(b), pg.problemLabel("commit."+itoa64(member)))
		}
	}
	return widget.NewCard("", "", container.NewVBox(parts...))
}

func itoa64(n int64) string { return kit.Itoa(int(n)) }

func optionCard(chosen bool, o data.DecisionOption, currency string) fyne.CanvasObject {
	title := kit.Bold(o.Title)
	title.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{title}
	if chosen {
		mark := kit.Bold("✓ Chosen")
		mark.Importance = widget.SuccessImportance
		parts = append(parts, mark)
	}
	line := func(label, text string) {
		if text == "" {
			return
		}
		l := kit.Wrapped(label + ": " + text)
		parts = append(parts, l)
	}
	line("Pros", o.Pros)
	line("Cons", o.Cons)
	var est []string
	if o.Cost > 0 {
		est = append(est, o.Cost.Format(currency))
	}
	if o.Effort != "" {
		est = append(est, o.Effort)
	}
	line("Estimate", strings.Join(est, " · "))
	return widget.NewCard("", "", container.NewVBox(parts...))
}

func (pg *decisionPage) onCommit(member int64, c data.Commitment) {
	if b := pg.commitButtons[member]; b != nil {
		b.Disable()
	}
	id := pg.d.ID
	shell.Run(pg.sc, func() (data.Decision, error) {
		return pg.sc.Store.RecordCommitment(pg.sc.Ctx(), id, member, c)
	}, func(d data.Decision, err error) {
		if err != nil {
			if b := pg.commitButtons[member]; b != nil {
				b.Enable()
			}
			if l := pg.problems["commit."+itoa64(member)]; l != nil {
				l.SetText(shell.Message("Recording the commitment", err))
				l.Show()
			}
			return
		}
		pg.d = d
		pg.show()
	})
}

func (pg *decisionPage) onLatePosition(member int64) {
	pos := positionFrom(pg.latePosition[member].Selected)
	reason := pg.lateReason[member].Text
	pv := pg.d.Perspective(member)
	field := "perspective."
	if pv != nil {
		field += string(pv.Role)
	}
	if err := data.CheckPosition(pg.d, pg.pod, member, pos, reason); err != nil {
		if l := pg.problems[field]; l != nil {
			l.SetText(err.Error())
			l.Show()
		}
		return
	}
	id := pg.d.ID
	shell.Run(pg.sc, func() (data.Decision, error) {
		return pg.sc.Store.StatePosition(pg.sc.Ctx(), id, member, pos, reason)
	}, func(d data.Decision, err error) {
		if err != nil {
			if l := pg.problems[field]; l != nil {
				l.SetText(shell.Message("Recording the position", err))
				l.Show()
			}
			return
		}
		pg.d = d
		pg.show()
	})
}

// onSupersede opens a new decision that will replace this one once decided.
func (pg *decisionPage) onSupersede() {
	pg.sc.Go(shell.NewDecision{PodID: pg.podID, Supersedes: pg.d.ID})
}

// backRoute is where the page's back button goes: the meeting it was
// opened from, else the pod's decision log.
func (pg *decisionPage) backRoute() shell.Route {
	if pg.fromMeeting != 0 {
		return shell.Meeting{ID: pg.fromMeeting}
	}
	return shell.Pod{ID: pg.podID, Tab: shell.TabDecisions}
}

// reverseDialog is the open "Reverse" dialog, for tests.
type reverseDialog struct {
	*kit.Dialog
	reason *kit.Entry
}

func (pg *decisionPage) onReverse() {
	rd := &reverseDialog{Dialog: kit.NewDialog("Reverse decision", theme.ContentUndoIcon()),
		reason: kit.NewProse("", "Why the Triad is reversing this call", 4)}
	rd.Confirm.Importance = widget.DangerImportance
	rd.Confirm.OnTapped = func() {
		if err := data.CheckReverse(pg.d, rd.reason.Text); err != nil {
			rd.SetProblem(kit.FirstProblem(err))
			return
		}
		id, why := pg.d.ID, rd.reason.Text
		kit.Write(pg.sc, rd.Dialog, "Reversing the decision", func() (data.Decision, error) {
			return pg.sc.Store.ReverseDecision(pg.sc.Ctx(), id, why)
		}, func(r data.Decision) {
			pg.d = r
			pg.show()
		}, nil)
	}
	intro := kit.Wrapped("The decision stays in the log, marked reversed, with your reason.")
	pg.reverseDialog = rd
	rd.Show(pg.sc.Win, "Reverse “"+pg.d.Question+"”", container.NewVBox(intro, rd.reason, rd.Problem), fyne.NewSize(520, 320))
}
