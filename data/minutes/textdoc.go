package minutes

import (
	"strconv"
	"strings"
	"time"

	"triad/data"
	"triad/data/textout"
)

// TextDoc is the minutes as text, section for section as the PDF prints
// them: the header, the agenda with each item's notes, outcome and Triad
// answers, the decisions, the deal desk, the debt check, the trends (by
// name: the charts are in the PDF), revenue goals, the action items and
// the next meeting. "Copy as text" renders it as plain text or Markdown.
func TextDoc(m Minutes) textout.Doc {
	d := textout.Doc{Title: m.Title(), Lines: []string{whenLine(&m)}}
	head := d.Add("")
	if dr := strings.TrimSpace(m.Draft); dr != "" {
		head.Add(textout.Para("DRAFT: " + dr))
	}
	next := "Not scheduled"
	if !m.NextMeeting.IsZero() {
		next = m.NextMeeting.Long()
	}
	fields := []textout.Field{
		{Label: "Facilitator", Value: orDash(oneLine(m.Facilitator))},
		{Label: "Present", Value: people(m.Attendance.Present, "Nobody recorded")},
		{Label: "Absent", Value: people(m.Attendance.Absent, "None")},
		{Label: "Guests", Value: people(m.Attendance.Guests, "None")},
		{Label: "Next meeting", Value: next},
	}
	if len(m.History) > 0 {
		fields = append(fields, textout.Field{Label: "Record", Value: Clean(strings.Join(m.History, "\n"))})
	}
	head.Add(textout.Fields(fields...))
	if note := strings.TrimSpace(Clean(m.Notice)); note != "" {
		head.Add(textout.Para("Note: " + note))
	}
	head.Add(textout.Para("At a glance: " + glanceText(&m)))

	textAgenda(&d, m)
	textDecisions(&d, m)
	textDealDesk(&d, m)
	textRoadmap(&d, m)
	if len(m.Charts) > 0 {
		var names []textout.Item
		for _, f := range m.Charts {
			names = append(names, textout.Item{Text: orDash(oneLine(f.Title))})
		}
		d.Add("Trends", textout.Note("The charts are in the PDF:"), textout.List(names...))
	}
	textRevenue(&d, m)
	textActions(&d, m)
	d.Add("", textout.Para("Next meeting: "+next+"."))
	return d
}

// Markdown is the minutes as Markdown, for chat tools that format it.
func (m Minutes) Markdown() string { return TextDoc(m).Markdown() }

// PlainText is the minutes as plain text.
func (m Minutes) PlainText() string { return TextDoc(m).Plain() }

func textAgenda(d *textout.Doc, m Minutes) {
	s := d.Add("Agenda")
	if len(m.Agenda) == 0 {
		s.Add(textout.Note("No agenda items were recorded."))
		return
	}
	planned, actual := 0, 0
	for _, it := range m.Agenda {
		planned += max(it.Planned, 0)
		actual += max(it.Actual, 0)
	}
	total := "Planned " + fmtMinutes(planned)
	if actual > 0 {
		total += ", taken " + fmtMinutes(actual)
	}
	s.Add(textout.Note(plural(len(m.Agenda), "item") + ". " + total + "."))
	for i, it := range m.Agenda {
		b := textout.Block{Sub: strconv.Itoa(i+1) + ". " + orDash(oneLine(it.Title))}
		var lines []string
		if meta := agendaMeta(it); meta != "" {
			lines = append(lines, meta)
		}
		outcome := "Outcome: " + it.OutcomeType.Label()
		if o := strings.TrimSpace(Clean(it.Outcome)); o != "" {
			outcome += " — " + o
		}
		lines = append(lines, outcome)
		b.Text = strings.Join(lines, "\n")
		if q := it.Questions; q != nil {
			b.Items = []textout.Item{
				answerItem("Engineering: can we build it?", q.CanBuild, "How long", orDash(oneLine(q.HowLong)), q.EngineerBy),
				answerItem("Product: should we build it?", q.ShouldBuild, "Solves the problem", orDash(Clean(q.SolvesProblem)), q.ProductBy),
				answerItem("Sales / GTM: can we sell it?", q.CanSell, "Will pay", willPayText(q, m.Currency), q.GTMBy),
			}
		}
		s.Add(b)
		if notes := strings.TrimSpace(Clean(it.Notes)); notes != "" {
			s.Add(textout.Fields(textout.Field{Label: "Notes", Value: notes}))
		}
	}
}

func answerItem(question string, v Verdict, detailLabel, detail, by string) textout.Item {
	it := textout.Item{Text: question + " " + v.Label(), Under: []string{detailLabel + ": " + detail}}
	if b := oneLine(by); b != "" {
		it.Under = append(it.Under, "— "+b)
	}
	return it
}

func textDecisions(d *textout.Doc, m Minutes) {
	s := d.Add("Decisions")
	if len(m.Decisions) == 0 {
		s.Add(textout.Note("No decisions were taken."))
	}
	for i, dc := range m.Decisions {
		s.Add(textout.Block{Sub: "Decision " + strconv.Itoa(i+1) + ": " + orDash(oneLine(dc.Question)), Fields: decisionFields(dc)})
		var items []textout.Item
		for _, p := range dc.Positions {
			who := orDash(oneLine(p.Member))
			if r := oneLine(p.Role); r != "" {
				who += " (" + r + ")"
			}
			commit := p.Commitment.Label()
			if oneLine(dc.Chosen) == "" {
				commit = "" // nobody commits to a decision not taken yet
			}
			it := textout.Item{Text: who + ": " + p.Stance.Label(), Strong: p.Stance == StanceDisagree}
			if commit != "" {
				it.Text += "; " + strings.ToLower(commit[:1]) + commit[1:]
			}
			if r := strings.TrimSpace(Clean(p.Reasoning)); r != "" {
				it.Under = []string{r}
			}
			items = append(items, it)
		}
		if len(items) > 0 {
			s.Add(textout.List(items...))
		}
		var lines []string
		ds := dissenters(dc)
		for _, p := range ds {
			lines = append(lines, "Dissent: "+dissentSentence(dc, p))
		}
		if len(ds) == 0 && len(dc.Positions) > 0 && oneLine(dc.Chosen) != "" {
			lines = append(lines, "No dissent: every member agrees and commits.")
		}
		if c, _ := commitText(dc); c != "" {
			lines = append(lines, c)
		}
		if len(lines) > 0 {
			s.Add(textout.Para(strings.Join(lines, "\n")))
		}
	}
	if len(m.LateCommitments) > 0 {
		var items []textout.Item
		for _, c := range m.LateCommitments {
			who := orDash(oneLine(c.Member))
			if r := oneLine(c.Role); r != "" {
				who += " (" + r + ")"
			}
			items = append(items, textout.Item{
				Text:  who + ": " + c.Commitment.Label() + " — " + orDash(oneLine(c.Question)),
				Under: []string{"decided " + c.DecidedOn.Long() + ", recorded " + c.At.Format("Mon 2 Jan 2006 15:04 MST")},
			})
		}
		s.Add(textout.Sub("Late commitments"),
			textout.Note("Commitments to decisions of earlier meetings, recorded after those meetings closed."),
			textout.List(items...))
	}
}

// decisionFields are a decision's call, reasons, options and decider as
// the PDF labels them.
func decisionFields(dc Decision) []textout.Field {
	chosen := oneLine(dc.Chosen)
	var fs []textout.Field
	if chosen == "" {
		fs = append(fs, textout.Field{Label: "Decided", Value: "Not decided yet"})
	} else {
		fs = append(fs, textout.Field{Label: "Decided", Value: chosen})
	}
	if why := strings.TrimSpace(Clean(dc.Why)); why != "" {
		fs = append(fs, textout.Field{Label: "Why", Value: why})
	}
	if len(dc.Options) > 0 {
		opts := make([]string, len(dc.Options))
		for j, o := range dc.Options {
			opts[j] = orDash(oneLine(o))
		}
		fs = append(fs, textout.Field{Label: "Options considered", Value: strings.Join(opts, "; ")})
	}
	if dec := oneLine(dc.Decider); dec != "" {
		label := "Decided by"
		if chosen == "" {
			label = "To be decided by"
		}
		fs = append(fs, textout.Field{Label: label, Value: dec})
	}
	return fs
}

func textDealDesk(d *textout.Doc, m Minutes) {
	dd := m.DealDesk
	s := d.Add("Deal desk")
	if rule := dealRule(dd, m.Currency); rule != "" {
		s.Add(textout.Note(rule))
	}
	s.Add(textout.Sub("Requests received"))
	s.Add(dealList(dd.Requests, dd.SLA, m.Currency, "No deal requests this week."))
	s.Add(textout.Sub("Sign-offs given"))
	if len(dd.SignOffs) == 0 {
		s.Add(textout.Note("No sign-offs were given this week."))
		return
	}
	var items []textout.Item
	for _, so := range dd.SignOffs {
		verdict := "Approved"
		if !so.Approved {
			verdict = "Turned down"
		}
		who := orDash(oneLine(so.Approver))
		if b := oneLine(so.OnBehalfOf); b != "" {
			who += " as delegate for " + b
		}
		who = strings.ReplaceAll(recordedBy(who, so), "\n", ", ")
		took := fmtDuration(so.Took)
		if dd.SLA > 0 && so.Took > dd.SLA {
			took += ", later than the SLA"
		}
		items = append(items, textout.Item{
			Text:   orDash(oneLine(so.Customer)) + ", " + so.Value.Format(m.Currency) + ": " + verdict,
			Strong: dd.SLA > 0 && so.Took > dd.SLA,
			Under:  []string{"Signed by " + who, "Time to sign-off: " + took},
		})
	}
	s.Add(textout.List(items...))
}

// dealList lists requests as DealItem gives each, or says none.
func dealList(reqs []DealRequest, sla time.Duration, currency, none string) textout.Block {
	if len(reqs) == 0 {
		return textout.Note(none)
	}
	var items []textout.Item
	for _, r := range reqs {
		items = append(items, DealItem(r, sla, currency))
	}
	return textout.List(items...)
}

// DealItem is one request as the deal desk's list gives it: customer and
// value, then what is asked, by whom, its state and its times.
func DealItem(r DealRequest, sla time.Duration, currency string) textout.Item {
	it := textout.Item{Text: orDash(oneLine(r.Customer)) + ", " + r.Value.Format(currency), Strong: r.Overdue}
	if ask := strings.TrimSpace(Clean(r.Ask)); ask != "" {
		it.Under = append(it.Under, ask)
	}
	if by := oneLine(r.RequestedBy); by != "" {
		it.Under = append(it.Under, "Requested by "+by)
	}
	state := orDash(oneLine(r.State))
	switch {
	case r.Overdue:
		state = overdueText(r, sla) + " (" + state + ")"
	case r.Waiting > 0:
		state += ", waiting " + fmtDuration(r.Waiting)
	}
	it.Under = append(it.Under, state)
	it.Under = append(it.Under, dealTimeLines(r)...)
	if e := strings.TrimSpace(Clean(r.SignOffEdit)); e != "" {
		it.Under = append(it.Under, e)
	}
	return it
}

func textRoadmap(d *textout.Doc, m Minutes) {
	s := d.Add("Roadmap debt check")
	rc := m.Roadmap
	if rc == nil {
		s.Add(textout.Note("No debt check was taken this week."))
		return
	}
	s.Add(textout.Para(DebtHeadline(*rc)))
	s.Add(textout.Fields(DebtFields(*rc)...))
}

// DebtHeadline is the check's one line: "Close to target — maintenance is
// 18% of the roadmap, against a quota of 20%."
func DebtHeadline(rc DebtCheck) string {
	if rc.Band != BandGreen && rc.Band != BandAmber && rc.Band != BandRed {
		return rc.Band.Label() + "." // nothing estimated is planned: there is no share to give
	}
	return rc.Band.Label() + " — maintenance is " + rc.Ratio.Format() + " of the roadmap, against a quota of " + rc.Quota.Format() + "."
}

// DebtFields are the check's shortfall, counts and the PMM's response.
func DebtFields(rc DebtCheck) []textout.Field {
	var fs []textout.Field
	if sf := strings.TrimSpace(Clean(rc.Shortfall)); sf != "" {
		fs = append(fs, textout.Field{Label: "Shortfall", Value: sf})
	}
	if len(rc.Counts) > 0 {
		parts := make([]string, len(rc.Counts))
		for i, c := range rc.Counts {
			parts[i] = oneLine(c.Label) + " " + strconv.Itoa(c.N)
		}
		fs = append(fs, textout.Field{Label: "Items", Value: strings.Join(parts, " · ")})
	}
	resp := rc.Response.State.Label()
	if by := oneLine(rc.Response.By); by != "" && rc.Response.State != ResponsePending {
		resp += " by " + by
	}
	if c := strings.TrimSpace(Clean(rc.Response.Comment)); c != "" {
		resp += ": “" + c + "”"
	}
	return append(fs, textout.Field{Label: "PMM response", Value: resp})
}

func textRevenue(d *textout.Doc, m Minutes) {
	if len(m.Revenue) == 0 && strings.TrimSpace(m.Celebrate) == "" {
		return
	}
	s := d.Add("Revenue goals")
	if c := strings.TrimSpace(Clean(m.Celebrate)); c != "" {
		s.Add(textout.Para("Celebrate: " + c))
	}
	var items []textout.Item
	for _, g := range m.Revenue {
		figure := g.Actual.Format(m.Currency) + " of " + g.Goal.Format(m.Currency)
		if g.Goal > 0 {
			figure += " (" + strconv.Itoa(int(float64(g.Actual)/float64(g.Goal)*100+0.5)) + "%)"
		}
		items = append(items, textout.Item{Text: orDash(oneLine(g.Feature)) + ": " + figure})
	}
	if len(items) > 0 {
		s.Add(textout.List(items...))
	}
}

func textActions(d *textout.Doc, m Minutes) {
	a := m.Actions
	s := d.Add("Action items")
	if len(a.New)+len(a.CarriedOver)+len(a.Done)+len(a.Overdue) == 0 {
		s.Add(textout.Note("No action items."))
		return
	}
	group := func(title string, items []ActionItem, overdue bool) {
		s.Add(textout.Sub(title + " (" + strconv.Itoa(len(items)) + ")"))
		if len(items) == 0 {
			s.Add(textout.Note("None."))
			return
		}
		var list []textout.Item
		for _, it := range items {
			list = append(list, ActionLine(it, m.Date, overdue))
		}
		s.Add(textout.List(list...))
	}
	group("New", a.New, false)
	group("Carried over", a.CarriedOver, false)
	group("Done since last week", a.Done, false)
	group("Overdue", a.Overdue, true)
}

// ActionLine is one action as the lists give it: what, who, and when it
// is due (how late, for an overdue one on the meeting's day), done or was
// agreed, with who re-dated or reassigned it since the last meeting.
func ActionLine(it ActionItem, day data.Date, overdue bool) textout.Item {
	line := textout.Item{Text: orDash(strings.TrimSpace(Clean(it.Text))), Strong: overdue}
	var when []string
	if o := oneLine(it.Owner); o != "" {
		when = append(when, o)
	}
	switch {
	case !it.DoneOn.IsZero():
		when = append(when, "done "+it.DoneOn.Long())
	case it.Due.IsZero():
		when = append(when, "no due date")
	default:
		due := "due " + it.Due.Long()
		if late := it.Due.DaysUntil(day); overdue && !day.IsZero() && late > 0 {
			due += ", " + plural(late, "day") + " overdue"
		}
		when = append(when, due)
	}
	if !it.CarriedFrom.IsZero() {
		when = append(when, "agreed "+it.CarriedFrom.Long())
	}
	line.Under = append([]string{strings.Join(when, " · ")}, it.Changes...)
	return line
}
