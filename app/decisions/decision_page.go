package decisions

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

// Page shows one decision. While it is proposed the page is an
// editor: question, context, options, each leader's position, the decision
// maker and the call. Once decided it is the record: the call, the three
// perspectives side by side with any dissent marked, and each leader's
// commitment; from there it can be superseded or reversed.
type Page struct {
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
	earlier  data.Decision    // what d supersedes, if anything
	later    data.Decision    // what superseded d, if anything
	currency string           // the pod's currency, for option costs
	changes  []data.FieldEdit // who changed what, in a team

	body   *fyne.Container
	editor *decisionEditor // while the decision is proposed
	record *decisionRecord // once it is decided
}

// decisionEditor is the page while the decision is proposed: question,
// context, options, each leader's position, the decision maker and the call.
type decisionEditor struct {
	pg       *Page
	problems kit.FieldProblems
	summary  *widget.Label

	question, context *kit.Entry
	meeting           *widget.Select
	options           []*optionEditor
	optionBox         *fyne.Container
	addOptionBtn      *widget.Button
	positions         []*widget.RadioGroup // in perspective order
	reasons           []*kit.Entry
	decider, chosen   *widget.Select
	rationale         *kit.Entry
	revisit           *kit.Entry
	save, decide, del *widget.Button
	// draft keeps what is typed until the proposal is saved; nil while
	// the proposal is locked in a closed meeting.
	draft *kit.Draft
}

// decisionRecord is the page once the decision is taken: the call, the
// perspectives side by side, the commitments, the follow-ups, and the
// ways to supersede or reverse it.
type decisionRecord struct {
	pg            *Page
	problems      kit.FieldProblems
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

func newPage(sc *shell.Scope, podID, id int64) *Page {
	return &Page{sc: sc, podID: podID, id: id}
}

// NewPage is the page of the decision r names.
func NewPage(sc *shell.Scope, r shell.Decision) *Page {
	pg := newPage(sc, r.PodID, r.ID)
	pg.fromMeeting = r.FromMeeting
	return pg
}

// NewDraft is the editor of the decision r describes, not recorded yet.
func NewDraft(sc *shell.Scope, r shell.NewDecision) *Page {
	pg := newPage(sc, r.PodID, 0)
	pg.fromMeeting, pg.agendaItemID, pg.question0, pg.supers = r.FromMeeting, r.AgendaItemID, r.Question, r.Supersedes
	return pg
}

func (pg *Page) Build() fyne.CanvasObject {
	pg.body = container.NewVBox(widget.NewLabel("Loading the decision…"))
	pg.reload()
	return container.NewVScroll(container.NewPadded(container.New(&kit.Column{Width: 1100}, pg.body)))
}

// Reload reads the decision again and shows it: a position, a commitment
// or the call recorded on another laptop.
func (pg *Page) Reload() {
	if pg.id != 0 {
		pg.reload()
	}
}

// HoldsTyping says a reload would take away what is typed: the editor
// holds a draft or has a field in use, or the record has a late position
// being entered. The page is built again from the record when it reloads.
func (pg *Page) HoldsTyping() bool {
	switch {
	case pg.editor != nil:
		return pg.editor.draft.Held() || pg.sc.Win.Canvas().Focused() != nil
	case pg.record != nil:
		for member, reason := range pg.record.lateReason {
			if reason.Text != "" || pg.record.latePosition[member].Selected != "" {
				return true
			}
		}
	}
	return false
}

type decisionPageData struct {
	pod      data.Pod
	meetings []data.Meeting
	d        data.Decision
	earlier  data.Decision
	later    data.Decision
	currency string
	changes  []data.FieldEdit
}

func (pg *Page) reload() {
	shell.Load(pg.sc, "Opening the decision", func() (decisionPageData, error) {
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
		v.changes, err = decisionChanges(pg.sc, pg.id)
		return v, err
	}, func(v decisionPageData) {
		pg.pod, pg.meetings, pg.d, pg.earlier, pg.later, pg.currency = v.pod, v.meetings, v.d, v.earlier, v.later, v.currency
		pg.changes = v.changes
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

func (pg *Page) show() {
	var content []fyne.CanvasObject
	pg.editor, pg.record = nil, nil
	if pg.d.State == data.DecisionProposed {
		pg.editor = &decisionEditor{pg: pg, problems: kit.FieldProblems{}}
		content = pg.editor.build()
	} else {
		pg.record = &decisionRecord{pg: pg, problems: kit.FieldProblems{}}
		content = pg.record.build()
	}
	pg.body.Objects = append(content, pg.changesSection()...)
	pg.body.Refresh()
}

// header is the back link, the state and the question.
func (pg *Page) header(title string) []fyne.CanvasObject {
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

// ---- The editor (proposed) ----

func (de *decisionEditor) build() []fyne.CanvasObject {
	title := "New decision"
	if de.pg.d.ID != 0 {
		title = "Edit proposed decision"
	}
	out := append(de.pg.header(title), de.notes()...)
	question, locked := de.questionForm()
	out = append(out, question...)
	out = append(out, de.optionsSection()...)
	out = append(out, de.perspectivesSection()...)
	out = append(out, de.callSection()...)
	out = append(out, widget.NewSeparator(), de.buttons(locked))
	if locked {
		de.lock() // nothing typed here could be saved
	} else {
		de.startDraft()
		out = append(out[:2:2], append([]fyne.CanvasObject{de.draft.Banner}, out[2:]...)...) // under the heading
	}
	return out
}

// warning is a word-wrapped line in the warning colour.
func warning(text string) *widget.Label {
	l := kit.Wrapped(text)
	l.Importance = widget.WarningImportance
	return l
}

// notes say what the decision replaces, which agenda item it comes from,
// and that a pod without meetings cannot decide yet.
func (de *decisionEditor) notes() []fyne.CanvasObject {
	pg, d := de.pg, de.pg.d
	var out []fyne.CanvasObject
	if pg.earlier.ID != 0 {
		out = append(out, warning("Once decided, this replaces “"+pg.earlier.Question+"” ("+pg.earlier.MeetingDate.Long()+"), which is then marked superseded."))
	}
	if pg.agendaItemID != 0 && d.AgendaItemID == pg.agendaItemID {
		if d.ID == 0 {
			out = append(out, kit.Low("From the agenda item “"+pg.question0+"”; it lists this decision once saved."))
		} else {
			out = append(out, kit.Low("From the agenda item “"+pg.question0+"”, which lists it."))
		}
	}
	if len(pg.meetings) == 0 {
		out = append(out, warning("Decisions are made in a meeting, and "+pg.pod.Name+" has none yet: create one on the Meetings tab first."))
	}
	return out
}

// questionForm is the question, its meeting and its context; locked when
// the proposal belongs to a closed meeting.
func (de *decisionEditor) questionForm() (out []fyne.CanvasObject, locked bool) {
	d := de.pg.d
	de.question = kit.NewLineEntry(data.MaxQuestionLen)
	de.question.SetPlaceHolder("The question being decided, e.g. Do we build SSO before the enterprise launch?")
	de.question.SetText(d.Question)
	de.meeting = widget.NewSelect(nil, nil)
	// A closed meeting's record is locked: a decision goes into an open
	// meeting, and one already in a closed meeting stays there until it is
	// reopened.
	for _, m := range de.pg.meetings {
		if m.ID == d.MeetingID && m.Status == data.MeetingClosed && d.ID != 0 {
			locked = true
		}
		if m.Status == data.MeetingClosed && m.ID != d.MeetingID {
			continue
		}
		de.meeting.Options = append(de.meeting.Options, meetingChoice(m))
		if m.ID == d.MeetingID {
			de.meeting.SetSelected(meetingChoice(m))
		}
	}
	if locked {
		out = append(out, warning("This proposal belongs to the meeting of "+d.MeetingDate.Long()+
			", which is closed: its record is read-only. Reopen the meeting to change or decide it."))
	}
	de.context = kit.NewProse(d.Context, "What led here: the facts, the numbers, the deadline", 3)
	return append(out, widget.NewForm(
		widget.NewFormItem("Question", de.problems.Field("question", de.question)),
		widget.NewFormItem("Meeting", de.problems.Field("meeting", de.meeting)),
		widget.NewFormItem("Context", de.problems.Field("context", de.context)),
	)), locked
}

// optionsSection is an editor per option (two empty ones to begin) and
// the button that adds one.
func (de *decisionEditor) optionsSection() []fyne.CanvasObject {
	d := de.pg.d
	de.options = nil
	de.optionBox = container.NewVBox()
	for _, o := range d.Options {
		de.addOption(o)
	}
	if len(d.Options) == 0 {
		de.addOption(data.DecisionOption{})
		de.addOption(data.DecisionOption{})
	}
	de.addOptionBtn = widget.NewButtonWithIcon("Add option", theme.ContentAddIcon(), func() {
		de.addOption(data.DecisionOption{})
		de.refreshChosen()
		de.changed()
	})
	return []fyne.CanvasObject{kit.Section("Options considered"), de.problems.Label("options"),
		de.optionBox, container.NewHBox(de.addOptionBtn)}
}

// perspectivesSection is each leader's position and reasoning, side by side.
func (de *decisionEditor) perspectivesSection() []fyne.CanvasObject {
	de.positions, de.reasons = nil, nil
	cols := container.NewGridWithColumns(3)
	for _, pv := range de.pg.d.Perspectives {
		radio := widget.NewRadioGroup(positionLabels(), nil)
		if pv.Position != data.PositionNone {
			radio.SetSelected(positionChoice(pv.Position))
		}
		reason := kit.NewProse(pv.Reasoning, "Why, from the "+pv.Role.Function()+" side", 3)
		de.positions = append(de.positions, radio)
		de.reasons = append(de.reasons, reason)
		cols.Add(widget.NewCard("", "", container.NewVBox(
			perspectiveTitle(pv), radio, de.problems.Field("perspective."+string(pv.Role), reason))))
	}
	return []fyne.CanvasObject{kit.Section("Perspectives"),
		kit.Low("Each leader says where they stand and why. Disagreement is welcome: it stays on record."), cols}
}

// callSection is who decides, what was chosen, why, and when to look again.
func (de *decisionEditor) callSection() []fyne.CanvasObject {
	d := de.pg.d
	de.decider = widget.NewSelect(nil, nil)
	for _, l := range de.pg.pod.Leaders {
		de.decider.Options = append(de.decider.Options, leaderChoice(l))
		if l.ID == d.DeciderID {
			de.decider.SetSelected(leaderChoice(l))
		}
	}
	de.chosen = widget.NewSelect(nil, nil)
	de.chosen.PlaceHolder = "(not chosen yet)"
	de.refreshChosen()
	if o, ok := d.ChosenOption(); ok {
		de.chosen.SetSelected(optionChoice(d.Chosen, o.Title))
	}
	de.rationale = kit.NewProse(d.Rationale, "Why this option", 2)
	de.revisit = kit.NewLineEntry(kit.LineLimit)
	de.revisit.SetPlaceHolder("YYYY-MM-DD (optional)")
	de.revisit.SetText(d.RevisitOn.String())
	return []fyne.CanvasObject{kit.Section("The call"), widget.NewForm(
		widget.NewFormItem("Decision maker", de.problems.Field("decider", de.decider)),
		widget.NewFormItem("Chosen option", de.problems.Field("chosen", de.chosen)),
		widget.NewFormItem("Why", de.problems.Field("rationale", de.rationale)),
		widget.NewFormItem("Revisit on", de.problems.Field("revisit", de.revisit)),
	)}
}

// buttons save, decide or delete the proposal; none works while it is locked.
func (de *decisionEditor) buttons(locked bool) fyne.CanvasObject {
	de.summary = kit.ProblemLabel()
	de.save = widget.NewButtonWithIcon("Save proposal", theme.DocumentSaveIcon(), func() { de.onSave(false) })
	de.decide = widget.NewButtonWithIcon("Record the call", theme.ConfirmIcon(), func() { de.onSave(true) })
	de.decide.Importance = widget.HighImportance
	de.del = widget.NewButtonWithIcon("Delete proposal", theme.DeleteIcon(), de.onDelete)
	de.del.Importance = widget.LowImportance
	if de.pg.d.ID == 0 {
		de.del.Hide()
	}
	if locked {
		de.save.Disable()
		de.decide.Disable()
		de.del.Disable()
	}
	return container.NewBorder(nil, nil, de.del, container.NewHBox(de.save, de.decide), de.summary)
}

// lock makes every field read-only: the proposal's meeting is closed.
func (de *decisionEditor) lock() {
	for _, w := range []fyne.Disableable{de.question, de.context, de.meeting, de.decider, de.chosen, de.rationale, de.revisit, de.addOptionBtn} {
		w.Disable()
	}
	for i := range de.positions {
		de.positions[i].Disable()
		de.reasons[i].Disable()
	}
	for _, o := range de.options {
		for _, w := range []fyne.Disableable{o.title, o.pros, o.cons, o.cost, o.effort, o.remove} {
			w.Disable()
		}
	}
}

func (de *decisionEditor) addOption(o data.DecisionOption) {
	ed := &optionEditor{}
	ed.title = kit.NewNameEntry()
	ed.title.SetPlaceHolder("Short name, e.g. Buy a fraud-scoring service")
	ed.title.SetText(o.Title)
	ed.title.OnChanged = func(string) { de.refreshChosen() }
	ed.pros = kit.NewProse(o.Pros, "Pros", 2)
	ed.cons = kit.NewProse(o.Cons, "Cons", 2)
	ed.cost = kit.NewLineEntry(kit.LineLimit)
	ed.cost.SetPlaceHolder("Cost, e.g. 48k (optional)")
	if o.Cost > 0 {
		ed.cost.SetText(de.pg.sc.MoneyInput(o.Cost, de.pg.currency))
	}
	ed.effort = kit.NewLineEntry(kit.LineLimit)
	ed.effort.SetPlaceHolder("Effort, e.g. two sprints (optional)")
	ed.effort.SetText(o.Effort)
	de.options = append(de.options, ed)
	n := len(de.options)
	field := "option." + kit.Itoa(n)
	var card *widget.Card
	ed.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, e := range de.options {
			if e == ed {
				de.options = append(de.options[:i], de.options[i+1:]...)
				de.optionBox.Remove(card)
			}
		}
		de.refreshChosen()
		de.changed()
	})
	ed.remove.Importance = widget.LowImportance
	card = widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, kit.Bold("Option"), ed.remove,
			de.problems.Field(field+".title", ed.title)),
		container.NewGridWithColumns(2, de.problems.Field(field+".pros", captioned("Pros", ed.pros)), de.problems.Field(field+".cons", captioned("Cons", ed.cons))),
		container.NewGridWithColumns(2, de.problems.Field(field+".cost", captioned("Estimated cost", ed.cost)),
			de.problems.Field(field+".effort", captioned("Estimated effort", ed.effort))),
	))
	de.optionBox.Add(card)
	de.watchOption(ed)
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
func (de *decisionEditor) refreshChosen() {
	if de.chosen == nil {
		return
	}
	old := de.chosenIndex()
	var opts []string
	for i, ed := range de.options {
		opts = append(opts, optionChoice(i+1, ed.title.Text))
	}
	de.chosen.Options = opts
	if old > 0 && old <= len(opts) {
		de.chosen.Selected = opts[old-1]
	} else {
		de.chosen.Selected = ""
	}
	de.chosen.Refresh()
}

func (de *decisionEditor) chosenIndex() int {
	for i, o := range de.chosen.Options {
		if o == de.chosen.Selected && o != "" {
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
func (de *decisionEditor) collect() (data.Decision, []data.Problem) {
	d := de.pg.d
	var probs []data.Problem
	d.Question = de.question.Text
	d.Context = de.context.Text
	d.MeetingID = 0
	for _, m := range de.pg.meetings {
		if meetingChoice(m) == de.meeting.Selected {
			d.MeetingID, d.MeetingDate = m.ID, m.Date
		}
	}
	if d.MeetingID != de.pg.d.MeetingID {
		d.AgendaItemID = 0 // the agenda item belongs to the meeting first chosen
	}
	d.Options = nil
	for i, ed := range de.options {
		o := data.DecisionOption{Title: ed.title.Text, Pros: ed.pros.Text, Cons: ed.cons.Text, Effort: ed.effort.Text}
		if s := strings.TrimSpace(ed.cost.Text); s != "" {
			m, err := de.pg.sc.ParseMoney(s, de.pg.currency)
			if err != nil {
				probs = append(probs, data.Problem{Field: "option." + kit.Itoa(i+1) + ".cost", Message: "Option " + kit.Itoa(i+1) + "'s cost: " + err.Error()})
			}
			o.Cost = m
		}
		d.Options = append(d.Options, o)
	}
	d.Chosen = de.chosenIndex()
	for i := range d.Perspectives {
		if i < len(de.positions) {
			d.Perspectives[i].Position = positionFrom(de.positions[i].Selected)
			d.Perspectives[i].Reasoning = de.reasons[i].Text
		}
	}
	d.DeciderID, d.DeciderName = 0, ""
	for _, l := range de.pg.pod.Leaders {
		if leaderChoice(l) == de.decider.Selected {
			d.DeciderID, d.DeciderName = l.ID, l.Name
		}
	}
	d.Rationale = de.rationale.Text
	d.RevisitOn = data.Date{}
	if s := strings.TrimSpace(de.revisit.Text); s != "" {
		r, err := data.ParseDate(s)
		if err != nil {
			probs = append(probs, data.Problem{Field: "revisit", Message: err.Error()})
		}
		d.RevisitOn = r
	}
	d.Normalize()
	return d, probs
}

func (de *decisionEditor) onSave(decide bool) {
	d, probs := de.collect()
	probs = kit.Merge(probs, d.Validate(de.pg.pod))
	if decide {
		probs = kit.Merge(probs, data.CheckDecide(d, de.pg.pod))
	}
	draft := de.draft // the one of the proposal as it was when saving began
	kit.Save(de.pg.sc, kit.Submit[data.Decision]{
		Problems: probs,
		Show:     de.showProblems,
		Buttons:  []*widget.Button{de.save, de.decide},
		Action:   "Saving the decision",
		Write: func() (data.Decision, error) {
			ctx := de.pg.sc.Ctx()
			var err error
			if d.ID == 0 {
				if d, err = de.pg.sc.Store.CreateDecision(ctx, d); err != nil {
					return d, err
				}
				draft.Saved() // the new decision's draft: it is a proposal now
			}
			if decide {
				d, err = de.pg.sc.Store.Decide(ctx, d)
			} else {
				d, err = de.pg.sc.Store.UpdateDecision(ctx, d)
			}
			if err == nil {
				draft.Saved()
			}
			return d, err
		},
		Then: func(saved data.Decision) {
			if saved.ID != 0 && de.pg.d.ID == 0 {
				de.pg.id = saved.ID // created, even if deciding then failed
				de.pg.d.ID = saved.ID
				de.del.Show()
				// What is typed from now on is a draft of this proposal.
				de.draft.Stop()
				de.startDraft()
			}
		},
		Failed: func(err error) { kit.SetProblem(de.summary, shell.Message("Saving the decision", err)) },
		Done: func(data.Decision) {
			de.draft.Stop()
			de.pg.reload()
		},
	})
}

func (de *decisionEditor) showProblems(probs []data.Problem) {
	if de.summary == nil {
		de.problems.Show(probs)
		return
	}
	de.problems.Report(probs, de.summary)
}

func (de *decisionEditor) onDelete() {
	if de.pg.d.ID == 0 {
		return
	}
	de.pg.sc.Confirm("Delete proposal", "Delete the proposed decision “"+de.pg.d.Question+"”? This cannot be undone.", "Delete", func() {
		id := de.pg.d.ID
		shell.Load(de.pg.sc, "Deleting the decision", func() (struct{}, error) {
			return struct{}{}, de.pg.sc.Store.DeleteDecision(de.pg.sc.Ctx(), id) // its draft goes with it
		}, func(_ struct{}) {
			de.draft.Stop()
			de.pg.sc.Go(de.pg.backRoute())
		})
	})
}

// ---- The record (decided, superseded, reversed) ----

func (rec *decisionRecord) build() []fyne.CanvasObject {
	d := rec.pg.d
	out := append(rec.pg.header(d.Question), rec.lineage()...)
	out = append(out, rec.call(), kit.Section("Perspectives and commitments"), rec.perspectives())

	// The options, the chosen one marked.
	opts := container.NewGridWithColumns(2)
	for i, o := range d.Options {
		opts.Add(optionCard(i+1 == d.Chosen, o, rec.pg.currency))
	}
	out = append(out, kit.Section("Options considered"), opts)
	out = append(out, rec.followUps()...)

	if d.State == data.DecisionDecided {
		rec.supersede = widget.NewButtonWithIcon("Supersede with a new decision", theme.ContentRedoIcon(), rec.onSupersede)
		rec.reverse = widget.NewButtonWithIcon("Reverse…", theme.ContentUndoIcon(), rec.onReverse)
		rec.reverse.Importance = widget.DangerImportance
		out = append(out, widget.NewSeparator(), container.NewHBox(rec.supersede, rec.reverse))
	}
	return out
}

// lineage is who decided and when to revisit, the meeting, what the
// decision superseded or what replaced or reversed it, and its context.
func (rec *decisionRecord) lineage() []fyne.CanvasObject {
	d := rec.pg.d
	meta := []string{}
	if d.DeciderName != "" {
		meta = append(meta, "Decided by "+d.DeciderName+deciderRole(rec.pg.pod, d.DeciderID))
	}
	if !d.RevisitOn.IsZero() {
		meta = append(meta, "revisit on "+d.RevisitOn.Long())
	}
	meetingLink := widget.NewButtonWithIcon("Meeting of "+d.MeetingDate.Long(), theme.CalendarIcon(), func() {
		rec.pg.sc.Go(shell.Meeting{ID: d.MeetingID})
	})
	meetingLink.Importance = widget.LowImportance
	out := []fyne.CanvasObject{container.NewBorder(nil, nil, meetingLink, nil, kit.Wrapped(strings.Join(meta, " · ")))}
	switch d.State {
	case data.DecisionSuperseded:
		out = append(out, rec.linkLine("Superseded by", rec.pg.later))
	case data.DecisionReversed:
		l := kit.Wrapped("Reversed: " + d.ReversedReason)
		l.Importance = widget.DangerImportance
		out = append(out, l)
	}
	if rec.pg.earlier.ID != 0 {
		out = append(out, rec.linkLine("Supersedes", rec.pg.earlier))
	}
	if d.Context != "" {
		out = append(out, kit.Wrapped(d.Context))
	}
	return out
}

// call is the option chosen, why, and where the commitments stand.
func (rec *decisionRecord) call() fyne.CanvasObject {
	d := rec.pg.d
	call := kit.Wrapped("")
	call.TextStyle.Bold = true
	if o, ok := d.ChosenOption(); ok {
		call.SetText("Chosen: " + o.Title)
	}
	why := kit.Wrapped(d.Rationale)
	if d.Rationale == "" {
		why.Hide()
	}
	rec.commitSummary = kit.Bold("")
	rec.commitSummary.Wrapping = fyne.TextWrapWord
	rec.setCommitSummary()
	return widget.NewCard("The call", "", container.NewVBox(call, why, rec.commitSummary))
}

// perspectives are the three leaders' cards, side by side.
func (rec *decisionRecord) perspectives() fyne.CanvasObject {
	rec.commitButtons = map[int64]*widget.Button{}
	rec.lateReason = map[int64]*kit.Entry{}
	rec.latePosition = map[int64]*widget.RadioGroup{}
	rec.lateSave = map[int64]*widget.Button{}
	cols := container.NewGridWithColumns(len(rec.pg.d.Perspectives))
	for _, pv := range rec.pg.d.Perspectives {
		cols.Add(rec.perspectiveCard(pv))
	}
	return cols
}

func deciderRole(p data.Pod, id int64) string {
	if l, ok := p.Member(id); ok {
		return " (" + l.Role.Title() + ")"
	}
	return ""
}

func (rec *decisionRecord) linkLine(label string, other data.Decision) fyne.CanvasObject {
	if other.ID == 0 {
		return widget.NewLabel(label + " a decision that no longer exists")
	}
	b := widget.NewButtonWithIcon(label+": "+other.Question+" ("+other.MeetingDate.Long()+")", theme.NavigateNextIcon(), func() {
		rec.pg.sc.Go(shell.Decision{PodID: rec.pg.podID, ID: other.ID})
	})
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

func (rec *decisionRecord) setCommitSummary() {
	d := rec.pg.d
	s := d.CommitmentSummary()
	if s == "" {
		rec.commitSummary.Hide()
		return
	}
	n, _ := d.Commitments()
	rec.commitSummary.SetText(strings.ToUpper(s[:1]) + s[1:])
	switch {
	case n == len(d.Perspectives):
		rec.commitSummary.Importance = widget.SuccessImportance
	case d.State == data.DecisionDecided:
		rec.commitSummary.Importance = widget.WarningImportance
	default:
		rec.commitSummary.Importance = widget.LowImportance
	}
	rec.commitSummary.Refresh()
}

// perspectiveCard is one leader's column: where they stood and why, any
// dissent marked, and their commitment or the button to record it.
func (rec *decisionRecord) perspectiveCard(pv data.Perspective) fyne.CanvasObject {
	d := rec.pg.d
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
		r := widget.NewLabel("“" + pv.Reasoning + "”") // quoted, not italic: a text style of its own costs its own fonts
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
			save.OnTapped = func() { rec.onLatePosition(member) }
			rec.latePosition[member], rec.lateReason[member], rec.lateSave[member] = radio, reason, save
			parts = append(parts, radio, rec.problems.Field("perspective."+string(pv.Role), reason), container.NewHBox(save))
		} else {
			c := data.Commit
			label := "Commit"
			if pv.Position == data.PositionDisagree {
				c, label = data.DisagreeAndCommit, "Disagree and commit"
			}
			member := pv.MemberID
			b := widget.NewButtonWithIcon(label, theme.ConfirmIcon(), func() { rec.onCommit(member, c) })
			b.Importance = widget.HighImportance
			rec.commitButtons[member] = b
			parts = append(parts, container.NewHBox(b), rec.problems.Label("commit."+itoa64(member)))
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

func (rec *decisionRecord) onCommit(member int64, c data.Commitment) {
	if b := rec.commitButtons[member]; b != nil {
		b.Disable()
	}
	id := rec.pg.d.ID
	shell.Run(rec.pg.sc, func() (data.Decision, error) {
		return rec.pg.sc.Store.RecordCommitment(rec.pg.sc.Ctx(), id, member, c)
	}, func(d data.Decision, err error) {
		if err != nil {
			if b := rec.commitButtons[member]; b != nil {
				b.Enable()
			}
			if l := rec.problems["commit."+itoa64(member)]; l != nil {
				l.SetText(shell.Message("Recording the commitment", err))
				l.Show()
			}
			return
		}
		rec.pg.d = d
		rec.pg.show()
	})
}

func (rec *decisionRecord) onLatePosition(member int64) {
	pos := positionFrom(rec.latePosition[member].Selected)
	reason := rec.lateReason[member].Text
	pv := rec.pg.d.Perspective(member)
	field := "perspective."
	if pv != nil {
		field += string(pv.Role)
	}
	if err := data.CheckPosition(rec.pg.d, rec.pg.pod, member, pos, reason); err != nil {
		if l := rec.problems[field]; l != nil {
			l.SetText(err.Error())
			l.Show()
		}
		return
	}
	id := rec.pg.d.ID
	shell.Run(rec.pg.sc, func() (data.Decision, error) {
		return rec.pg.sc.Store.StatePosition(rec.pg.sc.Ctx(), id, member, pos, reason)
	}, func(d data.Decision, err error) {
		if err != nil {
			if l := rec.problems[field]; l != nil {
				l.SetText(shell.Message("Recording the position", err))
				l.Show()
			}
			return
		}
		rec.pg.d = d
		rec.pg.show()
	})
}

// onSupersede opens a new decision that will replace this one once decided.
func (rec *decisionRecord) onSupersede() {
	rec.pg.sc.Go(shell.NewDecision{PodID: rec.pg.podID, Supersedes: rec.pg.d.ID})
}

// backRoute is where the page's back button goes: the meeting it was
// opened from, else the pod's decision log.
func (pg *Page) backRoute() shell.Route {
	if pg.fromMeeting != 0 {
		// Back on the agenda item the decision comes from, which lists it.
		item := pg.agendaItemID
		if pg.d.MeetingID == pg.fromMeeting && pg.d.AgendaItemID != 0 {
			item = pg.d.AgendaItemID
		}
		return shell.Meeting{ID: pg.fromMeeting, Item: item}
	}
	return shell.Pod{ID: pg.podID, Tab: shell.TabDecisions}
}

// reverseDialog is the open "Reverse" dialog, for tests.
type reverseDialog struct {
	*kit.Dialog
	reason *kit.Entry
}

func (rec *decisionRecord) onReverse() {
	rd := &reverseDialog{Dialog: kit.NewDialog("Reverse decision", theme.ContentUndoIcon()),
		reason: kit.NewProse("", "Why the Triad is reversing this call", 4)}
	rd.Confirm.Importance = widget.DangerImportance
	rd.Unsaved = func() bool { return strings.TrimSpace(rd.reason.Text) != "" } // Cancel asks before the reason goes
	rd.Confirm.OnTapped = func() {
		if err := data.CheckReverse(rec.pg.d, rd.reason.Text); err != nil {
			rd.SetProblem(kit.FirstProblem(err))
			return
		}
		id, why := rec.pg.d.ID, rd.reason.Text
		kit.Write(rec.pg.sc, rd.Dialog, "Reversing the decision", func() (data.Decision, error) {
			return rec.pg.sc.Store.ReverseDecision(rec.pg.sc.Ctx(), id, why)
		}, func(r data.Decision) {
			rec.pg.d = r
			rec.pg.show()
		}, nil)
	}
	intro := kit.Wrapped("The decision stays in the log, marked reversed, with your reason.")
	rec.reverseDialog = rd
	rd.Show(rec.pg.sc.Win, "Reverse “"+rec.pg.d.Question+"”", container.NewVBox(intro, rd.reason, rd.Problem), fyne.NewSize(520, 320))
}
