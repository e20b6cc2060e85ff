package decisions

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Log is the pod-wide decision log: newest first, filters by
// state, by a leader's position and by meeting date, and full-text search
// (best match first, SearchDelay after the last key) with the matched
// words in bold. It reads a page of decisions at a time.
type Log struct {
	sc    *shell.Scope
	podID int64

	pod     data.Pod
	entries []data.DecisionEntry
	ta      typeahead // the newest query; an older one is cancelled and its answer dropped

	search      *kit.Entry
	state       *widget.Select
	member      *kit.Choice[int64] // a leader by id; 0 for anyone
	position    *widget.Select
	from, to    *kit.Entry
	problem     *widget.Label
	count       *widget.Label
	list        *widget.List
	empty       *widget.Label
	more        *widget.Button // the next page of decisions
	newDecision *widget.Button
	notes       *otherHits      // "Also in meeting notes…", under the decisions
	notesShown  bool            // the notes are under the decisions
	center      *fyne.Container // the list, or the list over the notes
}

// logPage is how many decisions the log reads at a time.
const logPage = 50

const (
	anyState    = "Any state"
	anyone      = "Anyone"
	anyPosition = "Any position"
)

func NewLog(sc *shell.Scope, podID int64) *Log {
	return &Log{sc: sc, podID: podID, ta: typeahead{sc: sc}}
}

func (t *Log) Build() fyne.CanvasObject {
	t.search = kit.NewLineEntry(kit.LineLimit).Holding("Search decisions, meeting notes, action items and deal requests…", "")
	t.search.OnChanged = func(string) { t.typed() }
	var states []string
	for _, s := range data.DecisionStates {
		states = append(states, s.Label())
	}
	t.state = kit.NewFilter(anyState, states, t.reload)
	t.member = kit.NewFilterChoice[int64](anyone, t.reload)
	var positions []string
	for _, p := range data.Positions {
		positions = append(positions, p.Label())
	}
	t.position = kit.NewFilter(anyPosition, positions, t.reload)
	t.from = kit.NewLineEntry(kit.LineLimit).Holding("From YYYY-MM-DD", "")
	t.from.OnChanged = func(string) { t.typed() }
	t.to = kit.NewLineEntry(kit.LineLimit).Holding("To YYYY-MM-DD", "")
	t.to.OnChanged = func(string) { t.typed() }
	t.problem = kit.ProblemLabel()
	t.count = widget.NewLabel("")
	t.count.Importance = widget.LowImportance
	t.newDecision = widget.NewButtonWithIcon("New decision", theme.ContentAddIcon(), t.onNew)
	t.newDecision.Importance = widget.HighImportance
	t.empty = kit.Wrapped("")
	t.empty.Hide()
	t.more = widget.NewButtonWithIcon("Show more decisions", theme.MoreVerticalIcon(), func() { t.ta.now(t.next) })
	t.more.Hide()

	t.list = t.buildList()

	filters := container.NewGridWithColumns(5, t.state, t.member.Select, t.position, t.from, t.to)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, t.newDecision, t.search),
		filters, t.problem, t.count, t.empty)
	t.notes = newOtherHits(t.sc, t.podID)
	t.center = container.NewStack(t.decisions())
	t.loadPod()
	return container.NewBorder(top, nil, nil, nil, t.center)
}

// buildList is the log: each decision's question, meeting and commitments,
// and the call or the matched words; a row opens the decision.
func (t *Log) buildList() *widget.List {
	list := widget.NewList(
		func() int { return len(t.entries) },
		func() fyne.CanvasObject {
			title := widget.NewRichText()
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewRichText()
			meta.Truncation = fyne.TextTruncateEllipsis
			snippet := widget.NewRichText()
			snippet.Truncation = fyne.TextTruncateEllipsis
			state := widget.NewLabel("Superseded")
			return container.NewBorder(nil, nil, nil, state,
				container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, meta, snippet))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(t.entries) {
				return
			}
			e := t.entries[id]
			row := o.(*fyne.Container)
			lines := row.Objects[0].(*fyne.Container)
			setRuns(lines.Objects[0].(*widget.RichText), e.Title, true)
			setMeta(lines.Objects[1].(*widget.RichText), e.Decision)
			snip := lines.Objects[2].(*widget.RichText)
			if len(e.Snippet) > 0 {
				setRuns(snip, e.Snippet, false)
			} else {
				setRuns(snip, data.PlainRuns(callLine(e.Decision)), false)
			}
			state := row.Objects[1].(*widget.Label)
			state.SetText(e.Decision.State.Label())
			state.Importance = decisionImportance(e.Decision.State)
			state.Refresh()
		},
	)
	list.OnSelected = func(id widget.ListItemID) {
		list.UnselectAll()
		if id < len(t.entries) {
			t.open(t.entries[id].Decision.ID)
		}
	}
	return list
}

// decisions is the list with its "Show more" button under it.
func (t *Log) decisions() fyne.CanvasObject {
	return container.NewBorder(nil, container.NewHBox(t.more), nil, nil, t.list)
}

// showNotes puts the other hits under the decisions, or takes them away;
// shown as they are, the split stays where it was dragged.
func (t *Log) showNotes(shown bool) {
	if shown == t.notesShown {
		return
	}
	t.notesShown = shown
	if shown {
		split := container.NewVSplit(t.decisions(), t.notes.panel)
		split.Offset = 0.55
		t.center.Objects = []fyne.CanvasObject{split}
	} else {
		t.center.Objects = []fyne.CanvasObject{t.decisions()}
	}
	t.center.Refresh()
}

// Reload reads the pod's leaders and the log again for the filters and
// the words as they stand, as many decisions as are shown, the list where
// it is scrolled.
func (t *Log) Reload() {
	if t.pod.ID == 0 {
		return // the first read is still under way
	}
	t.loadPodThen(func() { t.query(t.ta.now, false) })
}

// loadPod reads the pod's leaders for the member filter, then the log.
func (t *Log) loadPod() { t.loadPodThen(t.reload) }

// loadPodThen reads the pod's leaders for the member filter, then runs next.
func (t *Log) loadPodThen(next func()) {
	shell.Load(t.sc, "Opening the decision log", func() (data.Pod, error) {
		return t.sc.Store.Pod(t.sc.Ctx(), t.podID)
	}, func(p data.Pod) {
		t.pod = p
		labels, ids := []string{anyone}, []int64{0}
		for _, l := range p.Leaders {
			labels, ids = append(labels, l.Name), append(ids, l.ID)
		}
		t.member.SetOptions(labels, ids)
		next()
	})
}

// typed reloads SearchDelay after the last key in a text field; until
// then the count says the list answers the words before.
func (t *Log) typed() {
	if t.count.Text != "" {
		t.count.SetText("Searching…")
	}
	t.query(t.ta.typed, true)
}

// reload reloads at once: a filter was picked.
func (t *Log) reload() { t.query(t.ta.now, true) }

// filter reads the controls; problems are shown instead of querying.
func (t *Log) filter() (data.DecisionFilter, []string) {
	f := data.DecisionFilter{PodID: t.podID, Text: t.search.Text}
	var probs []string
	for _, s := range data.DecisionStates {
		if s.Label() == t.state.Selected {
			f.State = s
		}
	}
	f.MemberID, _ = t.member.Value()
	for _, p := range data.Positions {
		if p.Label() == t.position.Selected {
			f.Position = p
		}
	}
	if f.Position != data.PositionNone && f.MemberID == 0 {
		probs = append(probs, "Choose whose position to filter by")
	}
	if s := strings.TrimSpace(t.from.Text); s != "" {
		d, err := data.ParseDate(s)
		if err != nil {
			probs = append(probs, "From: "+err.Error())
		}
		f.From = d
	}
	if s := strings.TrimSpace(t.to.Text); s != "" {
		d, err := data.ParseDate(s)
		if err != nil {
			probs = append(probs, "To: "+err.Error())
		}
		f.To = d
	}
	if len(probs) == 0 {
		if err := f.Validate(); err != nil {
			probs = append(probs, err.Error())
		}
	}
	return f, probs
}

// query checks the filters at once, showing what is wrong instead of
// searching, and hands the search to run (now, or after the typing pause):
// afresh, the first page from the top, or again, what is shown in place.
func (t *Log) query(run func(func(*shell.Scope)), afresh bool) {
	if t.list == nil || t.pod.ID == 0 {
		return
	}
	f, probs := t.filter()
	if len(probs) > 0 {
		t.ta.stop() // an answer to the filter before must not arrive now
		t.count.SetText("")
		t.problem.SetText(strings.Join(probs, "\n"))
		t.problem.Show()
		return
	}
	t.problem.Hide()
	n := logPage
	if !afresh {
		n = max(logPage, len(t.entries))
	}
	run(func(q *shell.Scope) { t.first(q, f, n, afresh) })
}

// first reads the first n decisions for f, and the other records that
// match its words, under q; top scrolls the list back to its top.
func (t *Log) first(q *shell.Scope, f data.DecisionFilter, n int, top bool) {
	t.notes.search(q, f.Text, t.showNotes)
	f.Limit = n + 1 // one more says whether there is a next page
	shell.Run(q, func() ([]data.DecisionEntry, error) {
		return t.sc.Store.DecisionLog(q.Context(), f)
	}, func(es []data.DecisionEntry, err error) {
		if err != nil {
			t.problem.SetText(shell.Message("Searching the decisions", err))
			t.problem.Show()
			return
		}
		var more bool
		t.entries, more = upTo(es, n)
		t.list.Refresh()
		if top {
			t.list.ScrollToTop()
		}
		t.showCount(f, more)
	})
}

// next reads the following page of decisions for the filters as they
// stand (a change to them runs first instead, ending this).
func (t *Log) next(q *shell.Scope) {
	f, probs := t.filter()
	if len(probs) > 0 {
		return
	}
	f.Limit, f.Offset = logPage+1, len(t.entries)
	shell.Run(q, func() ([]data.DecisionEntry, error) {
		return t.sc.Store.DecisionLog(q.Context(), f)
	}, func(es []data.DecisionEntry, err error) {
		if err != nil {
			t.problem.SetText(shell.Message("Showing more decisions", err))
			t.problem.Show()
			return
		}
		es, more := upTo(es, logPage)
		t.entries = append(t.entries, es...)
		t.list.Refresh()
		t.showCount(f, more)
	})
}

// showCount says what the log shows, or why it is empty, and offers the
// next page when there is one.
func (t *Log) showCount(f data.DecisionFilter, more bool) {
	n := len(t.entries)
	searching := len(data.SearchTerms(f.Text)) > 0
	kit.ShowIf(t.more, more)
	switch {
	case n == 0 && !searching && f.State == "" && f.Position == "" && f.From.IsZero() && f.To.IsZero():
		t.empty.SetText("No decisions yet. When the Triad makes a call, record it with “New decision”: " +
			"the question, the options, each leader's position, who decides and what was chosen.")
		t.empty.Show()
	case n == 0 && searching:
		t.empty.SetText("No decision mentions “" + strings.TrimSpace(f.Text) + "”." + shortWordsHint(f.Text, " Try fewer or shorter words."))
		t.empty.Show()
	case n == 0:
		t.empty.SetText("No decision matches these filters.")
		t.empty.Show()
	default:
		t.empty.Hide()
	}
	order := "newest first"
	if searching {
		order = "best match first"
	}
	switch {
	case n == 0:
		t.count.SetText("")
	case more:
		t.count.SetText(fmt.Sprintf("%d decisions shown, %s; more below", n, order))
	case n == 1:
		t.count.SetText("1 decision")
	default:
		t.count.SetText(fmt.Sprintf("%d decisions, %s", n, order))
	}
}

func (t *Log) onNew() {
	if t.pod.ID == 0 {
		return
	}
	t.sc.Go(shell.NewDecision{PodID: t.podID})
}

func (t *Log) open(id int64) {
	t.sc.Go(shell.Decision{PodID: t.podID, ID: id})
}

// setRuns shows runs in a rich text, matched words in bold.
func setRuns(rt *widget.RichText, runs []data.Run, strong bool) {
	rt.Segments = runSegments(runs, strong)
	rt.Refresh()
}

// runSegments is runs as rich-text segments on one line, matched words
// bold in the primary colour, the rest bold when strong.
func runSegments(runs []data.Run, strong bool) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(runs))
	for _, r := range runs {
		style := widget.RichTextStyleInline
		if strong {
			style = widget.RichTextStyleStrong
		}
		if r.Hit {
			style = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameText,
				TextStyle: fyne.TextStyle{Bold: true}}
		}
		// One line per row: the log is a list, the page shows everything.
		segs = append(segs, &widget.TextSegment{Text: oneLine(r.Text), Style: style})
	}
	return segs
}

// oneLine folds every run of white space, newlines included, into one
// space, keeping a space at either end so runs still join as words.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// setMeta fills the small line under a decision in the log: the meeting,
// who decided, the commitments (amber while someone is outstanding) and
// any dissent (red).
func setMeta(rt *widget.RichText, d data.Decision) {
	style := func(color fyne.ThemeColorName, bold bool) widget.RichTextStyle {
		return widget.RichTextStyle{Inline: true, ColorName: color, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: bold}}
	}
	plain := style(theme.ColorNamePlaceHolder, false)
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: d.MeetingDate.Long(), Style: plain}}
	add := func(text string, st widget.RichTextStyle) {
		segs = append(segs, &widget.TextSegment{Text: " · ", Style: plain}, &widget.TextSegment{Text: text, Style: st})
	}
	if d.DeciderName != "" && d.State != data.DecisionProposed {
		add("decided by "+d.DeciderName, plain)
	}
	if s := d.CommitmentSummary(); s != "" {
		n, _ := d.Commitments()
		switch {
		case n == len(d.Perspectives):
			add(s, style(theme.ColorNameSuccess, false))
		case d.State == data.DecisionDecided:
			add(s, style(theme.ColorNameWarning, true))
		default:
			add(s, plain)
		}
	}
	if ds := d.Dissenters(); len(ds) > 0 {
		add("dissent: "+strings.Join(ds, ", "), style(theme.ColorNameError, true))
	}
	rt.Segments = segs
	rt.Refresh()
}

// callLine is what a log row shows without a search: the call, or what is open.
func callLine(d data.Decision) string {
	if o, ok := d.ChosenOption(); ok && d.State != data.DecisionProposed {
		s := "Chose: " + o.Title
		if d.Rationale != "" {
			s += " — " + d.Rationale
		}
		return s
	}
	n := len(d.Options)
	switch n {
	case 0:
		return "No options listed yet"
	case 1:
		return "1 option on the table"
	}
	return fmt.Sprintf("%d options on the table", n)
}

func decisionImportance(s data.DecisionState) widget.Importance {
	switch s {
	case data.DecisionDecided:
		return widget.SuccessImportance
	case data.DecisionProposed:
		return widget.WarningImportance
	case data.DecisionReversed:
		return widget.DangerImportance
	}
	return widget.LowImportance
}
