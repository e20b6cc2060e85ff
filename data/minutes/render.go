package minutes

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"triad/data/chart"
)

// Render lays out the minutes as a PDF and returns its bytes. The same
// Minutes always gives the same bytes: nothing is read from the clock and
// gofpdf's dates and resource order are fixed.
func Render(m Minutes) ([]byte, error) {
	_, out, err := renderOnce(&m)
	return out, err
}

// renderOnce lays the document out once. "Page N of M" needs M, known only at
// the end, so every page's footer is drawn then, on its own page (gofpdf
// appends to a page's content; the footer sits below the body). gofpdf's
// own page-count alias is unreliable with UTF-8 fonts, and laying the
// document out twice to count first cost a whole extra pass.
func renderOnce(m *Minutes) (pages int, out []byte, err error) { return renderTraced(m, nil) }

// renderTraced is renderOnce telling trace of every run of text drawn.
func renderTraced(m *Minutes, trace func(page int, f *face, size, x, y float64, text string)) (pages int, out []byte, err error) {
	for _, f := range []*face{faceRegular, faceBold} {
		if err := f.load(); err != nil {
			return 0, nil, err
		}
	}
	defer func() {
		// gofpdf is archived; a panic deep inside it must fail this one
		// document, not the program.
		if r := recover(); r != nil {
			pages, out, err = 0, nil, fmt.Errorf("rendering the minutes failed: %v", r)
		}
	}()
	d := newDoc(m)
	d.trace = trace
	d.metadata()
	d.pdf.SetHeaderFunc(d.runningHeader)
	d.newPage()
	d.titleBlock()
	d.agenda()
	d.decisions()
	d.dealDesk()
	d.roadmap()
	d.trends()
	d.revenue()
	d.actions()
	d.nextMeeting()
	// The fallback font is read only when some text needs it.
	if faceFallback.err != nil {
		return 0, nil, faceFallback.err
	}
	d.totalPages = d.pdf.PageNo()
	for p := 1; p <= d.totalPages; p++ {
		d.pdf.SetPage(p)
		d.footer()
	}
	if err := d.pdf.Error(); err != nil {
		return 0, nil, fmt.Errorf("rendering the minutes failed: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return 0, nil, fmt.Errorf("rendering the minutes failed: %w", err)
	}
	return d.totalPages, buf.Bytes(), nil
}

// generatedAt is the document's date: given, or the meeting's end, or its
// day, so that it never depends on when rendering happens.
func (m *Minutes) generatedAt() time.Time {
	switch {
	case !m.GeneratedAt.IsZero():
		return m.GeneratedAt
	case !m.End.IsZero():
		return m.End
	case !m.Date.IsZero():
		return m.Date.Time(time.UTC)
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// Title is the document's title: "Triad minutes — Atlas — Wed 25 Nov 2026".
func (m *Minutes) Title() string {
	return "Triad minutes — " + oneLine(m.Pod) + " — " + m.Date.Long()
}

func (d *doc) metadata() {
	m := d.m
	p := d.pdf
	p.SetTitle(pdfText(m.Title()), true)
	p.SetAuthor(pdfText(oneLine(m.Facilitator)), true)
	p.SetSubject(pdfText("Minutes of the weekly Triad meeting of "+oneLine(m.Pod)+" on "+m.Date.Long()), true)
	p.SetCreator("Triad", true)
	p.SetKeywords("Triad minutes", true)
	// gofpdf writes the date without a zone, which readers take as UTC.
	t := m.generatedAt().UTC()
	p.SetCreationDate(t)
	p.SetModificationDate(t)
}

// oneLine folds a value meant for one line (a name, a title).
func oneLine(s string) string { return strings.Join(strings.Fields(Clean(s)), " ") }

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (d *doc) runningHeader() {
	d.curFace = nil
	d.draftMark()
	if d.pdf.PageNo() == 1 {
		return
	}
	b := clamp(layout([]span{{text: d.m.Title()}}, sizeSmall, 10, contentW, colMuted), 1, contentW)
	d.drawLines(b, marginLeft, marginTop-14, contentW, 0, 1)
	d.setDraw(colRule)
	d.pdf.SetLineWidth(0.5)
	d.pdf.Line(marginLeft, marginTop, marginLeft+contentW, marginTop)
}

// draftMark marks every page of minutes that are not the record of a
// closed meeting: a pale DRAFT across the page, drawn before the content so
// the text stays readable, and a red line above the margin saying why.
func (d *doc) draftMark() {
	if d.m.Draft == "" {
		return
	}
	mark := layout([]span{{text: "DRAFT", bold: true}}, 120, 130, pageW, colDraftMark)
	mark.align = chart.AlignCenter
	d.pdf.TransformBegin()
	d.pdf.TransformRotate(40, pageW/2, pageH/2)
	d.drawLines(mark, 0, pageH/2-65, pageW, 0, 1)
	d.pdf.TransformEnd()
	d.curFace = nil
	top := marginTop - 40
	if d.pdf.PageNo() == 1 {
		top = marginTop - 30
	}
	b := clamp(layout([]span{{text: "DRAFT", bold: true}, {text: " — " + d.m.Draft}}, sizeSmall, 10, contentW, colBad), 1, contentW)
	d.drawLines(b, marginLeft, top, contentW, 0, 1)
	d.curFace = nil
}

func (d *doc) footer() {
	d.curFace = nil
	y := pageH - marginBottom + 22
	d.setDraw(colRule)
	d.pdf.SetLineWidth(0.5)
	d.pdf.Line(marginLeft, y-6, marginLeft+contentW, y-6)
	gen := layout([]span{{text: "Generated " + d.m.generatedAt().Format("Mon 2 Jan 2006 15:04 MST")}}, sizeSmall, 10, contentW/2, colMuted)
	d.drawLines(gen, marginLeft, y, contentW/2, 0, 1)
	page := "Page " + strconv.Itoa(d.pdf.PageNo()) + " of " + strconv.Itoa(d.totalPages)
	pb := layout([]span{{text: page}}, sizeSmall, 10, contentW/2, colMuted)
	pb.align = chart.AlignRight
	d.drawLines(pb, marginLeft+contentW/2, y, contentW/2, 0, 1)
	d.curFace = nil
}

// --- header block ----------------------------------------------------------

func (d *doc) titleBlock() {
	m := d.m
	kicker := layout([]span{{text: "TRIAD MEETING MINUTES", bold: true}}, 8.5, 12, contentW, colAccent)
	d.drawLines(kicker, marginLeft, d.y, contentW, 0, 1)
	d.y += 14
	title := clamp(layout([]span{{text: orDash(oneLine(m.Pod)), bold: true}}, 22, 27, contentW, colText), 3, contentW)
	d.drawLines(title, marginLeft, d.y, contentW, 0, len(title.lines))
	d.y += title.height() + 2

	when := whenLine(m)
	d.para([]span{{text: when}}, 0, 11, 15, colText)
	d.y += 8

	labelW := 92.0
	d.labelled("Facilitator", []span{{text: orDash(oneLine(m.Facilitator))}}, labelW)
	d.labelled("Present", []span{{text: people(m.Attendance.Present, "Nobody recorded")}}, labelW)
	d.labelled("Absent", []span{{text: people(m.Attendance.Absent, "None")}}, labelW)
	d.labelled("Guests", []span{{text: people(m.Attendance.Guests, "None")}}, labelW)
	next := "Not scheduled"
	if !m.NextMeeting.IsZero() {
		next = m.NextMeeting.Long()
	}
	d.labelled("Next meeting", []span{{text: next}}, labelW)
	if len(m.History) > 0 {
		d.labelled("Record", []span{{text: strings.Join(m.History, "\n")}}, labelW)
	}
	d.y += 6
	if note := strings.TrimSpace(m.Notice); note != "" {
		d.shaded([]span{{text: "Note: ", bold: true}, {text: note}}, sizeBody, lineBody, colText, colWarnFill, true)
		d.y += 4
	}
	d.glance()
}

// whenLine is the meeting's day and times in the pod's zone:
// "Wed 25 Nov 2026 · 10:00–10:58 CET (58 min)".
func whenLine(m *Minutes) string {
	when := m.Date.Long()
	if when == "" {
		when = "Date not recorded"
	}
	if !m.Start.IsZero() {
		// The zone is the pod's and is printed: "10:00–10:58 CET" reads the
		// same wherever the minutes are opened.
		when += " · " + m.Start.Format("15:04")
		zone := m.Start.Format("MST")
		if !m.End.IsZero() {
			end := m.End.Format("15:04")
			if y, mo, dd := m.End.Date(); y != m.Start.Year() || mo != m.Start.Month() || dd != m.Start.Day() {
				end = m.End.Format("Mon 2 Jan 15:04") // closed on another day, e.g. after a reopen
			}
			when += "–" + end
			if ez := m.End.Format("MST"); ez != zone {
				when += " " + zone + "/" + ez // a change of daylight saving during the meeting
				zone = ""
			}
		}
		if zone != "" {
			when += " " + zone
		}
		if !m.End.IsZero() {
			if mins := int(m.End.Sub(m.Start).Round(time.Minute) / time.Minute); mins > 0 {
				when += " (" + fmtMinutes(mins) + ")"
			}
		}
	}
	return when
}

func people(ps []Person, none string) string {
	if len(ps) == 0 {
		return none
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = orDash(oneLine(p.Name))
		if r := oneLine(p.Role); r != "" {
			parts[i] += " (" + r + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// glance is a one-paragraph summary a reader sees before anything else.
func (d *doc) glance() {
	d.shaded([]span{{text: "At a glance: ", bold: true}, {text: glanceText(d.m)}}, sizeBody, lineBody, colText, colHeadFill, false)
	d.y += 4
}

// glanceText counts what the minutes hold, as their sections list it:
// "6 agenda items (1 carries over) · 3 decisions (1 with dissent), 1 still
// open · 2 deal requests (1 overdue), 1 approved · action items: 3 new,
// 1 carried over, 2 overdue, 1 done · 1 late commitment". A decision is
// one of the log or an agenda item's decision outcome that the log does
// not hold.
func glanceText(m *Minutes) string {
	agenda := plural(len(m.Agenda), "agenda item")
	carry := 0
	for _, it := range m.Agenda {
		if it.CarriesOver {
			carry++
		}
	}
	switch {
	case carry == 1:
		agenda += " (1 carries over)"
	case carry > 1:
		agenda += " (" + strconv.Itoa(carry) + " carry over)"
	}
	parts := []string{agenda, glanceDecisions(m), glanceDeals(m.DealDesk), glanceActions(m.Actions)}
	if n := len(m.LateCommitments); n > 0 {
		parts = append(parts, plural(n, "late commitment"))
	}
	return strings.Join(parts, " · ")
}

// glanceDecisions counts the decisions taken (the log's and the agenda
// outcomes it does not hold), those with dissent, and the log's still open.
func glanceDecisions(m *Minutes) string {
	taken, dissent, open := 0, 0, 0
	for _, dc := range m.Decisions {
		switch {
		case dc.Chosen == "":
			open++
		case len(dissenters(dc)) > 0:
			taken++
			dissent++
		default:
			taken++
		}
	}
	for _, it := range m.Agenda {
		if it.OutcomeType == OutcomeDecision && !it.Logged {
			taken++
		}
	}
	return plural(taken, "decision") + counted(dissent, " (%d with dissent)") + counted(open, ", %d still open")
}

// glanceDeals counts the deal desk's requests, the overdue among them, and
// the sign-offs given since the last meeting.
func glanceDeals(dd DealDesk) string {
	overdue, approved, rejected := 0, 0, 0
	for _, r := range dd.Requests {
		if r.Overdue {
			overdue++
		}
	}
	for _, so := range dd.SignOffs {
		if so.Approved {
			approved++
		} else {
			rejected++
		}
	}
	return plural(len(dd.Requests), "deal request") + counted(overdue, " (%d overdue)") +
		counted(approved, ", %d approved") + counted(rejected, ", %d turned down")
}

// glanceActions counts the action items by the groups the minutes list.
func glanceActions(a Actions) string {
	return "action items: " + strconv.Itoa(len(a.New)) + " new" + counted(len(a.CarriedOver), ", %d carried over") +
		counted(len(a.Overdue), ", %d overdue") + counted(len(a.Done), ", %d done")
}

// counted is format with n in it, or "" when n is 0: a count the glance
// leaves out when there is nothing to count.
func counted(n int, format string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(format, n)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func fmtMinutes(n int) string {
	if n < 60 {
		return strconv.Itoa(n) + " min"
	}
	if n%60 == 0 {
		return strconv.Itoa(n/60) + " h"
	}
	return fmt.Sprintf("%d h %d min", n/60, n%60)
}

// fmtDuration reads like a person would say it: "45 min", "31 h", "3 d 4 h".
func fmtDuration(t time.Duration) string {
	if t < 0 {
		t = 0
	}
	mins := int(t.Round(time.Minute) / time.Minute)
	switch {
	case mins < 60:
		return strconv.Itoa(mins) + " min"
	case mins < 48*60:
		h, mm := mins/60, mins%60
		if mm == 0 || h >= 10 {
			return strconv.Itoa(int(t.Round(time.Hour)/time.Hour)) + " h"
		}
		return fmt.Sprintf("%d h %d min", h, mm)
	}
	hours := int(t.Round(time.Hour) / time.Hour)
	if hours%24 == 0 {
		return strconv.Itoa(hours/24) + " d"
	}
	return fmt.Sprintf("%d d %d h", hours/24, hours%24)
}

// --- agenda ----------------------------------------------------------------

func (d *doc) agenda() {
	m := d.m
	d.heading("Agenda", keepSection)
	if len(m.Agenda) == 0 {
		d.text("No agenda items were recorded.", colMuted)
		return
	}
	cols := []column{
		{title: "#", share: 0.05},
		{title: "Item", share: 0.37},
		{title: "Presenter", share: 0.18},
		{title: "Planned", share: 0.10, align: chart.AlignRight},
		{title: "Actual", share: 0.10, align: chart.AlignRight},
		{title: "Outcome", share: 0.20},
	}
	var rows []row
	planned, actual := 0, max(m.AgendaTaken, 0)
	for i, it := range m.Agenda {
		item := []span{{text: orDash(oneLine(it.Title))}}
		if !it.CarriedFrom.IsZero() {
			item = append(item, span{text: "\ncarried from " + it.CarriedFrom.Long()})
		}
		item = append(item, carriesOverSpans(it)...)
		act := txt("—")
		if it.Actual > 0 {
			act = txt(fmtMinutes(it.Actual))
			if it.Planned > 0 && it.Actual > it.Planned {
				act = colored(fmtMinutes(it.Actual), colBad)
			}
		}
		rows = append(rows, row{cells: []cell{
			txt(strconv.Itoa(i + 1)),
			{spans: item},
			txt(orDash(oneLine(it.Presenter))),
			txt(plannedText(it.Planned)),
			act,
			colored(it.OutcomeType.Label(), colMuted),
		}})
		planned += max(it.Planned, 0)
	}
	totalActual := txt(fmtMinutes(actual))
	if actual > planned && planned > 0 {
		totalActual = colored(fmtMinutes(actual), colBad)
	}
	rows = append(rows, row{cells: []cell{txt(""), bold("Total"), txt(""), bold(fmtMinutes(planned)), totalActual, txt("")}})
	d.table(cols, rows)

	for i, it := range m.Agenda {
		d.agendaItem(i+1, it)
	}
}

func plannedText(n int) string {
	if n <= 0 {
		return "—"
	}
	return fmtMinutes(n)
}

func (d *doc) agendaItem(n int, it AgendaItem) {
	title := strconv.Itoa(n) + ". " + orDash(oneLine(it.Title))
	d.subheading(title, 3*lineBody)
	if meta := agendaMeta(it); meta != "" {
		d.para([]span{{text: meta}}, 0, sizeBody, lineBody, colMuted)
	}
	outcome := []span{{text: "Outcome: ", bold: true}, {text: it.OutcomeType.Label(), bold: true}}
	if o := Clean(it.Outcome); strings.TrimSpace(o) != "" {
		outcome = append(outcome, span{text: " — " + strings.TrimSpace(o)})
	}
	d.para(outcome, 0, sizeBody, lineBody, colText)
	if q := it.Questions; q != nil {
		d.y += 3
		d.table([]column{
			{title: "Engineering: can we build it?", share: 1.0 / 3},
			{title: "Product: should we build it?", share: 1.0 / 3},
			{title: "Sales / GTM: can we sell it?", share: 1.0 / 3},
		}, []row{{cells: []cell{
			answerCell(q.CanBuild, "How long", orDash(oneLine(q.HowLong)), q.EngineerBy),
			answerCell(q.ShouldBuild, "Solves the problem", orDash(Clean(q.SolvesProblem)), q.ProductBy),
			answerCell(q.CanSell, "Will pay", d.willPay(q), q.GTMBy),
		}}})
	}
	if notes := strings.TrimSpace(Clean(it.Notes)); notes != "" {
		d.y += 2
		d.para([]span{{text: "Notes", bold: true}}, 0, sizeBody, lineBody, colMuted)
		d.para([]span{{text: notes}}, 0, sizeBody, lineBody, colText)
	}
	d.y += 4
}

// agendaMeta is the line under an item's title: "Feature proposal ·
// presented by Lee Chen · 12 min of 10 min planned (2 min over)".
func agendaMeta(it AgendaItem) string {
	var meta []string
	if k := oneLine(it.Kind); k != "" {
		meta = append(meta, k)
	}
	if p := oneLine(it.Presenter); p != "" {
		meta = append(meta, "presented by "+p)
	}
	switch {
	case it.Planned > 0 && it.Actual > 0:
		t := fmtMinutes(it.Actual) + " of " + fmtMinutes(it.Planned) + " planned"
		if it.Actual > it.Planned {
			t += " (" + fmtMinutes(it.Actual-it.Planned) + " over)"
		}
		meta = append(meta, t)
	case it.Planned > 0:
		meta = append(meta, fmtMinutes(it.Planned)+" planned")
	case it.Actual > 0:
		meta = append(meta, fmtMinutes(it.Actual)+" taken")
	}
	if !it.CarriedFrom.IsZero() {
		meta = append(meta, "carried from "+it.CarriedFrom.Long())
	}
	if it.CarriesOver {
		meta = append(meta, carriesOverText)
	}
	if len(meta) == 0 {
		return ""
	}
	s := strings.Join(meta, " · ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func (d *doc) willPay(q *TriadAnswers) string { return willPayText(q, d.m.Currency) }

// willPayText is what the PMM said, in their words; an answer recorded
// before the words were kept shows its amount.
func willPayText(q *TriadAnswers, currency string) string {
	if t := oneLine(q.WillPaySaid); t != "" {
		return t
	}
	if q.WillPay <= 0 {
		return "—"
	}
	return q.WillPay.Format(currency)
}

func answerCell(v Verdict, detailLabel, detail, by string) cell {
	c := cell{spans: []span{{text: v.Label(), bold: true}, {text: "\n" + detailLabel + ": " + detail}}}
	if b := oneLine(by); b != "" {
		c.spans = append(c.spans, span{text: "\n— " + b})
	}
	return c
}

// --- decisions ---------------------------------------------------------------

func dissenters(dc Decision) []Position {
	var out []Position
	for _, p := range dc.Positions {
		if oneLine(dc.Chosen) == "" && p.Stance != StanceDisagree {
			continue // before the call, only disagreement is dissent
		}
		if p.Stance == StanceDisagree || p.Commitment == DisagreeAndCommit || p.Commitment == CommitmentOutstanding {
			out = append(out, p)
		}
	}
	return out
}

func (d *doc) decisions() {
	m := d.m
	d.heading("Decisions", keepSection)
	defer d.lateCommitments()
	if len(m.Decisions) == 0 {
		d.text("No decisions were taken.", colMuted)
		return
	}
	for i, dc := range m.Decisions {
		d.subheading(fmt.Sprintf("Decision %d: %s", i+1, orDash(oneLine(dc.Question))), 3*lineBody)
		chosen := oneLine(dc.Chosen)
		if chosen == "" {
			d.para([]span{{text: "Not decided yet.", bold: true}}, 0, sizeBody, lineBody, colWarn)
		} else {
			d.para([]span{{text: "Decided: ", bold: true}, {text: chosen}}, 0, sizeBody, lineBody, colText)
		}
		if why := strings.TrimSpace(Clean(dc.Why)); why != "" {
			d.para([]span{{text: "Why: ", bold: true}, {text: why}}, 0, sizeBody, lineBody, colText)
		}
		if len(dc.Options) > 0 {
			opts := make([]string, len(dc.Options))
			for j, o := range dc.Options {
				opts[j] = orDash(oneLine(o))
			}
			d.para([]span{{text: "Options considered: ", bold: true}, {text: strings.Join(opts, "; ")}}, 0, sizeBody, lineBody, colText)
		}
		if dec := oneLine(dc.Decider); dec != "" {
			label := "Decided by: "
			if chosen == "" {
				label = "To be decided by: "
			}
			d.para([]span{{text: label, bold: true}, {text: dec}}, 0, sizeBody, lineBody, colText)
		}
		if len(dc.Positions) > 0 {
			d.y += 3
			var rows []row
			for _, p := range dc.Positions {
				who := orDash(oneLine(p.Member))
				if r := oneLine(p.Role); r != "" {
					who += "\n" + r
				}
				stance := txt(p.Stance.Label())
				if p.Stance == StanceDisagree {
					stance = cell{spans: []span{{text: p.Stance.Label(), bold: true}}, color: colBad}
				}
				commit := txt(p.Commitment.Label())
				switch p.Commitment {
				case DisagreeAndCommit:
					commit = colored(p.Commitment.Label(), colWarn)
				case CommitmentOutstanding, "":
					commit = cell{spans: []span{{text: p.Commitment.Label(), bold: true}}, color: colBad}
					if chosen == "" {
						// Nobody commits to a decision not taken yet.
						commit = colored("—", colMuted)
					}
				}
				r := row{cells: []cell{txt(who), stance, commit, txt(orDash(strings.TrimSpace(Clean(p.Reasoning))))}}
				if p.Stance == StanceDisagree {
					r.fill = &colWarnFill
				}
				rows = append(rows, r)
			}
			d.table([]column{
				{title: "Member", share: 0.22},
				{title: "Position", share: 0.13},
				{title: "Commitment", share: 0.18},
				{title: "Reasoning", share: 0.47},
			}, rows)
		}
		d.dissentLine(dc)
		d.commitLine(dc)
		d.y += 4
	}
}

// lateCommitments lists commitments to earlier meetings' decisions that
// came in after those meetings closed: their own minutes stay as they were.
func (d *doc) lateCommitments() {
	if len(d.m.LateCommitments) == 0 {
		return
	}
	d.subheading("Late commitments", 2*lineBody)
	d.text("Commitments to decisions of earlier meetings, recorded after those meetings closed.", colMuted)
	var rows []row
	for _, c := range d.m.LateCommitments {
		who := orDash(oneLine(c.Member))
		if r := oneLine(c.Role); r != "" {
			who += "\n" + r
		}
		commit := txt(c.Commitment.Label())
		if c.Commitment == DisagreeAndCommit {
			commit = colored(c.Commitment.Label(), colWarn)
		}
		decision := orDash(oneLine(c.Question)) + "\n(decided " + c.DecidedOn.Long() + ")"
		rows = append(rows, row{cells: []cell{txt(who), txt(decision), commit, txt(c.At.Format("Mon 2 Jan 2006 15:04 MST"))}})
	}
	d.table([]column{
		{title: "Member", share: 0.22},
		{title: "Decision", share: 0.40},
		{title: "Commitment", share: 0.18},
		{title: "Recorded", share: 0.20},
	}, rows)
	d.y += 4
}

// dissentLine states disagreement in a sentence, so that nobody has to
// read a table to learn that a member was against the decision.
func (d *doc) dissentLine(dc Decision) {
	ds := dissenters(dc)
	if len(ds) == 0 {
		if len(dc.Positions) > 0 && oneLine(dc.Chosen) != "" {
			d.para([]span{{text: "No dissent: ", bold: true}, {text: "every member agrees and commits."}}, 0, sizeBody, lineBody, colGood)
		}
		return
	}
	for _, p := range ds {
		s := dissentSentence(dc, p)
		d.para([]span{{text: "Dissent: ", bold: true}, {text: s}}, 0, sizeBody, lineBody, colBad)
	}
}

// dealRule is the desk's rule in a sentence, or "".
func dealRule(dd DealDesk, currency string) string {
	var rule []string
	if dd.Threshold > 0 {
		rule = append(rule, "Deals over "+dd.Threshold.Format(currency)+" that need a new feature need the Tech Lead's sign-off")
	}
	if dd.SLA > 0 {
		rule = append(rule, "within "+fmtDuration(dd.SLA))
	}
	if len(rule) == 0 {
		return ""
	}
	return strings.Join(rule, " ") + "."
}

// overdueText is an overdue request's state: "OVERDUE — waiting 31 h, 7 h
// past the SLA".
func overdueText(r DealRequest, sla time.Duration) string {
	s := "OVERDUE"
	if r.Waiting > 0 {
		s += " — waiting " + fmtDuration(r.Waiting)
		if sla > 0 {
			s += ", " + fmtDuration(r.Waiting-sla) + " past the SLA"
		}
	}
	return s
}

// dissentSentence says in words how p stands against dc.
func dissentSentence(dc Decision, p Position) string {
	name := orDash(oneLine(p.Member))
	switch {
	case oneLine(dc.Chosen) == "":
		return name + " disagrees with this proposal."
	case p.Stance == StanceDisagree && p.Commitment == DisagreeAndCommit:
		return name + " disagrees with this decision and commits to carry it out."
	case p.Stance == StanceDisagree && p.Commitment == Commit:
		return name + " disagrees with this decision and commits to it."
	case p.Stance == StanceDisagree:
		return name + " disagrees with this decision and has not committed to it."
	case p.Commitment == CommitmentOutstanding || p.Commitment == "":
		return name + " has not committed to this decision yet."
	}
	return name + " disagrees and commits."
}

// --- deal desk ---------------------------------------------------------------

func (d *doc) dealDesk() {
	m := d.m
	dd := m.DealDesk
	d.heading("Deal desk", 2*lineBody+2+subheadingH+keepTable) // its rule, then the first table
	if rule := dealRule(dd, m.Currency); rule != "" {
		d.text(rule, colMuted)
		d.y += 2
	}

	d.subheading("Requests received", keepTable)
	if len(dd.Requests) == 0 {
		d.text("No deal requests this week.", colMuted)
	} else {
		var rows []row
		for _, r := range dd.Requests {
			state := oneLine(r.State)
			stateCell := txt(orDash(state))
			if r.Overdue {
				s := overdueText(r, dd.SLA)
				if state != "" {
					s += "\n" + state
				}
				stateCell = cell{spans: []span{{text: s, bold: true}}, color: colBad}
			} else if r.Waiting > 0 {
				stateCell = txt(orDash(state) + "\nwaiting " + fmtDuration(r.Waiting))
			}
			stateCell.spans = append(stateCell.spans, dealTimeSpans(r)...)
			rw := row{cells: []cell{
				txt(orDash(oneLine(r.Customer))),
				txt(r.Value.Format(m.Currency)),
				txt(orDash(strings.TrimSpace(Clean(r.Ask)))),
				txt(orDash(oneLine(r.RequestedBy))),
				stateCell,
			}}
			if r.Overdue {
				rw.fill = &colBadFill
			}
			rows = append(rows, rw)
		}
		d.table([]column{
			{title: "Customer", share: 0.19},
			{title: "Value", share: 0.13, align: chart.AlignRight},
			{title: "Request", share: 0.30},
			{title: "Requested by", share: 0.15},
			{title: "State", share: 0.23},
		}, rows)
	}

	d.subheading("Sign-offs given", keepTable)
	if len(dd.SignOffs) == 0 {
		d.text("No sign-offs were given this week.", colMuted)
		return
	}
	var rows []row
	for _, s := range dd.SignOffs {
		verdict := colored("Approved", colGood)
		if !s.Approved {
			verdict = colored("Turned down", colBad)
		}
		who := orDash(oneLine(s.Approver))
		if b := oneLine(s.OnBehalfOf); b != "" {
			who += "\nas delegate for " + b
		}
		who = recordedBy(who, s)
		took := txt(fmtDuration(s.Took))
		if dd.SLA > 0 && s.Took > dd.SLA {
			took = colored(fmtDuration(s.Took)+"\nlater than the SLA", colBad)
		}
		rows = append(rows, row{cells: []cell{
			txt(orDash(oneLine(s.Customer))),
			txt(s.Value.Format(m.Currency)),
			verdict,
			txt(who),
			took,
		}})
	}
	d.table([]column{
		{title: "Customer", share: 0.24},
		{title: "Value", share: 0.15, align: chart.AlignRight},
		{title: "Decision", share: 0.15},
		{title: "Signed by", share: 0.26},
		{title: "Time to sign-off", share: 0.20},
	}, rows)
}

// --- roadmap -------------------------------------------------------------------

func bandColors(b Band) (fill, ink chart.Color) {
	switch b {
	case BandGreen:
		return colGoodFill, colGood
	case BandAmber:
		return colWarnFill, colWarn
	case BandRed:
		return colBadFill, colBad
	}
	return colHeadFill, colMuted
}

func (d *doc) roadmap() {
	// The check is a handful of lines read together: keep it on one page.
	d.room(14 + 150)
	d.heading("Roadmap debt check", keepSection)
	rc := d.m.Roadmap
	if rc == nil {
		d.text("No debt check was taken this week.", colMuted)
		return
	}
	fill, ink := bandColors(rc.Band)
	head := []span{
		{text: rc.Band.Label(), bold: true},
		{text: " — maintenance is " + rc.Ratio.Format() + " of the roadmap, against a quota of " + rc.Quota.Format() + "."},
	}
	d.shaded(head, 10, 14, ink, fill, true)
	d.y += 6

	labelW := 92.0
	if s := strings.TrimSpace(Clean(rc.Shortfall)); s != "" {
		d.labelled("Shortfall", []span{{text: s}}, labelW)
	}
	if len(rc.Counts) > 0 {
		parts := make([]string, len(rc.Counts))
		for i, c := range rc.Counts {
			parts[i] = oneLine(c.Label) + " " + strconv.Itoa(c.N)
		}
		d.labelled("Items", []span{{text: strings.Join(parts, " · ")}}, labelW)
	}
	resp := []span{{text: rc.Response.State.Label(), bold: true}}
	if by := oneLine(rc.Response.By); by != "" && rc.Response.State != ResponsePending {
		resp = append(resp, span{text: " by " + by})
	}
	if c := strings.TrimSpace(Clean(rc.Response.Comment)); c != "" {
		resp = append(resp, span{text: ": “" + c + "”"})
	}
	d.labelled("PMM response", resp, labelW)
}

// --- trends --------------------------------------------------------------------

func (d *doc) trends() {
	if len(d.m.Charts) == 0 {
		return
	}
	const gap = 18.0
	w := (contentW - gap) / 2
	pairs := make([][]chart.Figure, 0, (len(d.m.Charts)+1)/2)
	for i := 0; i < len(d.m.Charts); i += 2 {
		pairs = append(pairs, d.m.Charts[i:min(i+2, len(d.m.Charts))])
	}
	h, top := pairSize(pairs[0], w)
	d.heading("Trends", h+top+12) // the heading stays with its first row of charts
	for _, pair := range pairs {
		h, top := pairSize(pair, w)
		d.room(h + top + 12)
		for j, f := range pair {
			x := marginLeft + float64(j)*(w+gap)
			if t := oneLine(f.Title); t != "" && !drawsOwnTitle(f) {
				b := clamp(layout([]span{{text: t, bold: true}}, sizeBody, lineBody, w, colText), 1, w)
				d.drawLines(b, x, d.y, w, 0, 1)
			}
			d.figure(f, x, d.y+top, w, h)
		}
		d.y += h + top + 12
	}
}

// pairSize is the height of a row of charts drawn w wide, and the room
// above them for their titles.
func pairSize(pair []chart.Figure, w float64) (h, top float64) {
	for _, f := range pair {
		if f.Width > 0 && f.Height > 0 {
			h = max(h, w*f.Height/f.Width)
		}
	}
	h = min(h, 240)
	for _, f := range pair {
		if oneLine(f.Title) != "" && !drawsOwnTitle(f) {
			top = lineBody + 2
		}
	}
	return h, top
}

// drawsOwnTitle reports whether a figure already carries its title as one
// of its texts (the roadmap charts do, so the window shows it too); the
// minutes then do not print it a second time.
func drawsOwnTitle(f chart.Figure) bool {
	for _, t := range f.Texts {
		if t.Text == f.Title {
			return true
		}
	}
	return false
}

// --- revenue -------------------------------------------------------------------

func (d *doc) revenue() {
	m := d.m
	if len(m.Revenue) == 0 && strings.TrimSpace(m.Celebrate) == "" {
		return
	}
	d.heading("Revenue goals", keepSection)
	if c := strings.TrimSpace(Clean(m.Celebrate)); c != "" {
		d.shaded([]span{{text: "Celebrate: ", bold: true}, {text: c}}, 10, 14, colGood, colGoodFill, true)
		d.y += 8
	}
	nameW, barW := contentW*0.32, contentW*0.28
	figW := contentW - nameW - barW - 12
	for _, g := range m.Revenue {
		name := clamp(layout([]span{{text: orDash(oneLine(g.Feature)), bold: true}}, sizeBody, lineBody, nameW-8, colText), 3, nameW-8)
		share := 0.0
		if g.Goal > 0 {
			share = float64(g.Actual) / float64(g.Goal)
		}
		figure := g.Actual.Format(m.Currency) + " of " + g.Goal.Format(m.Currency)
		if g.Goal > 0 {
			figure += " (" + strconv.Itoa(int(share*100+0.5)) + "%)"
		}
		fig := clamp(layout([]span{{text: figure}}, sizeBody, lineBody, figW, colText), 3, figW)
		fig.align = chart.AlignRight
		h := max(name.height(), fig.height(), lineBody) + 6
		d.room(h)
		d.drawLines(name, marginLeft, d.y, nameW-8, 0, len(name.lines))
		barX, barY := marginLeft+nameW, d.y+lineBody/2-4
		d.setFill(colHeadFill)
		d.pdf.Rect(barX, barY, barW, 8, "F")
		ink := chart.Series
		if share >= 1 {
			ink = chart.Good
		}
		d.setFill(ink)
		d.pdf.Rect(barX, barY, barW*min(max(share, 0), 1), 8, "F")
		d.drawLines(fig, marginLeft+nameW+barW+12, d.y, figW, 0, len(fig.lines))
		d.y += h
	}
}

// --- actions -------------------------------------------------------------------

// keepTable is the room a table's heading keeps below it: the column
// header and a first row of two or three lines, so a heading never ends a
// page with nothing but the column header under it.
const keepTable = 5 * lineTable

// keepSection is what a section's heading keeps below it on its page, at
// least: a few lines of its first part. subheadingH is a subheading's own
// height.
const (
	keepSection = 58.0
	subheadingH = 23.0
)

func (d *doc) actions() {
	m := d.m
	a := m.Actions
	d.heading("Action items", keepSection)
	if len(a.New)+len(a.CarriedOver)+len(a.Done)+len(a.Overdue) == 0 {
		d.text("No action items.", colMuted)
		return
	}
	due := func(it ActionItem) string {
		if it.Due.IsZero() {
			return "No due date"
		}
		return it.Due.Long()
	}
	base := func(it ActionItem) []cell {
		return []cell{actionTextCell(it), txt(orDash(oneLine(it.Owner)))}
	}
	group := func(title string, items []ActionItem, last string, lastCell func(ActionItem) cell, fill *chart.Color) {
		d.subheading(title+" ("+strconv.Itoa(len(items))+")", keepTable)
		if len(items) == 0 {
			d.text("None.", colMuted)
			return
		}
		var rows []row
		for _, it := range items {
			rows = append(rows, row{cells: append(base(it), lastCell(it)), fill: fill})
		}
		d.table([]column{
			{title: "Action", share: 0.56},
			{title: "Owner", share: 0.2},
			{title: last, share: 0.24},
		}, rows)
	}
	group("New", a.New, "Due", func(it ActionItem) cell { return txt(due(it)) }, nil)
	group("Carried over", a.CarriedOver, "Due", func(it ActionItem) cell {
		s := due(it)
		if !it.CarriedFrom.IsZero() {
			s += "\nagreed " + it.CarriedFrom.Long()
		}
		return txt(s)
	}, nil)
	group("Done since last week", a.Done, "Done", func(it ActionItem) cell {
		if it.DoneOn.IsZero() {
			return colored("Done", colGood)
		}
		return colored(it.DoneOn.Long(), colGood)
	}, nil)
	group("Overdue", a.Overdue, "Due", func(it ActionItem) cell {
		s := due(it)
		if !it.Due.IsZero() && !m.Date.IsZero() {
			if late := it.Due.DaysUntil(m.Date); late > 0 {
				s += "\n" + plural(late, "day") + " overdue"
			}
		}
		return cell{spans: []span{{text: s, bold: true}}, color: colBad}
	}, &colBadFill)
}

// nextMeeting closes the minutes with the next date. The header already
// gives it, so when the last page is full it is not worth a page of its own.
func (d *doc) nextMeeting() {
	d.y += 10
	if d.y+14 > bottomLimit {
		return
	}
	next := "No next meeting is scheduled."
	if !d.m.NextMeeting.IsZero() {
		next = d.m.NextMeeting.Long() + "."
	}
	d.para([]span{{text: "Next meeting: ", bold: true}, {text: next}}, 0, 10, 14, colText)
}
