package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/data"
	"triad/data/demo"
	"triad/data/sqlite"
)

// decisionPod makes a pod with one past meeting.
func decisionPod(t *testing.T, db *sqlite.DB) (data.Pod, data.Meeting) {
	t.Helper()
	p := data.NewPod()
	p.Name = "Payments"
	names := []string{"Priya Raman", "Daniel Okafor", "Sofia Lindqvist"}
	for i := range p.Leaders {
		p.Leaders[i].Name = names[i]
	}
	p, err := db.CreatePod(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.CreateMeeting(context.Background(), data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 19)})
	if err != nil {
		t.Fatal(err)
	}
	return p, m
}

// richTextContains reports whether any rich text under o shows s, and
// whether s is in a bold segment.
func richTextContains(o fyne.CanvasObject, s string) (found, bold bool) {
	walk(o, func(c fyne.CanvasObject) {
		rt, ok := c.(*widget.RichText)
		if !ok {
			return
		}
		for _, seg := range rt.Segments {
			ts, ok := seg.(*widget.TextSegment)
			if ok && strings.Contains(ts.Text, s) {
				found = true
				bold = bold || ts.Style.TextStyle.Bold
			}
		}
	})
	return found, bold
}

func TestRecordDecisionAndDisagreeAndCommit(t *testing.T) {
	u, db := newTestUI(t)
	p, m := decisionPod(t, db)

	// A new decision through the editor: an empty question is refused first.
	pg := newDecisionPage(u.sh.NewScope(), p.ID, 0)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if pg.editor.meeting.Selected != m.Date.Long() || pg.editor.decider.Selected != "Daniel Okafor (Product Manager)" {
		t.Fatalf("defaults: meeting %q, decider %q", pg.editor.meeting.Selected, pg.editor.decider.Selected)
	}
	test.Type(pg.editor.options[0].title, "Buy a fraud-scoring service")
	test.Type(pg.editor.options[0].cost, "48k")
	test.Type(pg.editor.options[1].title, "Build our own model")
	test.Type(pg.editor.options[1].cost, "lots")
	test.Tap(pg.editor.decide)
	u.sh.Wait()
	if got := pg.editor.problems["question"].Text; !strings.Contains(got, "Write the question") || pg.editor.problems["question"].Hidden {
		t.Errorf("question message = %q", got)
	}
	if got := pg.editor.problems["option.2.cost"].Text; !strings.Contains(got, "not an amount") {
		t.Errorf("cost message = %q", got)
	}
	if got := pg.editor.problems["chosen"].Text; !strings.Contains(got, "Choose the option") {
		t.Errorf("chosen message = %q", got)
	}
	if log, _ := db.DecisionLog(context.Background(), data.DecisionFilter{PodID: p.ID}); len(log) != 0 {
		t.Fatalf("a refused decision reached the store: %d", len(log))
	}

	test.Type(pg.editor.question, "Buy or build fraud scoring?")
	pg.editor.options[1].cost.SetText("")
	pg.editor.chosen.SetSelected(pg.editor.chosen.Options[0])
	pg.editor.positions[0].SetSelected("Agree")
	pg.editor.positions[1].SetSelected("Agree")
	pg.editor.positions[2].SetSelected("Disagree")
	test.Type(pg.editor.reasons[2], "The fee eats our margin on small merchants.")
	test.Type(pg.editor.rationale, "Speed beats fit this year.")
	test.Tap(pg.editor.decide)
	u.sh.Wait()

	log, _ := db.DecisionLog(context.Background(), data.DecisionFilter{PodID: p.ID})
	if len(log) != 1 || log[0].Decision.State != data.DecisionDecided || log[0].Decision.Options[0].Cost != data.Dollars(48_000) {
		t.Fatalf("after recording the call: %+v", log)
	}
	if !containsText(u.screen, "Committed 0/3 — waiting for Priya Raman, Daniel Okafor and Sofia Lindqvist") ||
		!containsText(u.screen, "Disagrees — dissent on record") {
		t.Fatal("the record does not show the outstanding commitments and the dissent")
	}

	// Sofia disagreed: her button is "Disagree and commit".
	sofia, priya, daniel := p.Leaders[2].ID, p.Leaders[0].ID, p.Leaders[1].ID
	if got := pg.record.commitButtons[sofia].Text; got != "Disagree and commit" {
		t.Fatalf("Sofia's button = %q", got)
	}
	test.Tap(pg.record.commitButtons[priya])
	u.sh.Wait()
	test.Tap(pg.record.commitButtons[daniel])
	u.sh.Wait()
	if !containsText(u.screen, "Committed 2/3 — waiting for Sofia Lindqvist") {
		t.Fatal("two commitments: summary not shown")
	}
	test.Tap(pg.record.commitButtons[sofia])
	u.sh.Wait()
	if !strings.Contains(pg.record.commitSummary.Text, "ommitted 3/3") || !containsText(u.screen, "Disagreed and committed") {
		t.Fatalf("summary = %q", pg.record.commitSummary.Text)
	}
	d, _ := db.Decision(context.Background(), log[0].Decision.ID)
	if pv := d.Perspective(sofia); pv.Commitment != data.DisagreeAndCommit || pv.Position != data.PositionDisagree || pv.Reasoning == "" {
		t.Errorf("Sofia on record: %+v", pv)
	}
	if d.CommitmentSummary() != "committed 3/3" {
		t.Errorf("stored summary = %q", d.CommitmentSummary())
	}
}

func TestDecisionLogSearchHighlightsAndSurvivesHostileInput(t *testing.T) {
	u, db := newTestUI(t)
	if err := demo.Fill(context.Background(), db, u.sh.Now()); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(context.Background())
	var payments data.Pod
	for _, p := range pods {
		if p.Name == "Payments" {
			payments = p
		}
	}
	tab := newDecisionsTab(u.sh.NewScope(), payments.ID)
	show(u, tab.sc, tab.build())
	u.sh.Wait()
	if len(tab.entries) != 5 || tab.count.Text != "5 decisions, newest first" {
		t.Fatalf("log shows %d entries (%q)", len(tab.entries), tab.count.Text)
	}
	// Newest first.
	if tab.entries[0].Decision.Question != "Retire the legacy PDF invoice template?" {
		t.Errorf("first entry = %q", tab.entries[0].Decision.Question)
	}

	test.Type(tab.search, "margin")
	u.sh.Wait()
	if len(tab.entries) != 1 || !strings.HasPrefix(tab.entries[0].Decision.Question, "Buy a fraud-scoring") {
		t.Fatalf("search 'margin': %d entries", len(tab.entries))
	}
	row := tab.list.CreateItem()
	tab.list.UpdateItem(0, row)
	found, bold := richTextContains(row, "margin")
	if !found || !bold {
		t.Errorf("the matched word is not shown in bold (found %v, bold %v)", found, bold)
	}

	for _, q := range []string{`"`, `(`, `NEAR(`, `-`, `*`, `title:`, `a OR`, `"unbalanced`, "🚀", `'; DROP TABLE decisions; --`} {
		tab.search.SetText(q)
		u.sh.Wait()
		if !tab.problem.Hidden {
			t.Errorf("search %q shows a problem: %q", q, tab.problem.Text)
		}
	}

	// Filters: Sofia disagreed on two decisions (one decided, one proposed).
	tab.search.SetText("")
	tab.member.Select.SetSelected("Sofia Lindqvist")
	tab.position.SetSelected(data.PositionDisagree.Label())
	u.sh.Wait()
	if len(tab.entries) != 2 {
		t.Errorf("Sofia disagreed on %d decisions, want 2", len(tab.entries))
	}
	tab.state.SetSelected(data.DecisionSuperseded.Label())
	tab.member.Select.SetSelected(anyone)
	tab.position.SetSelected(anyPosition)
	u.sh.Wait()
	if len(tab.entries) != 1 || !strings.HasPrefix(tab.entries[0].Decision.Question, "Settle merchant payouts weekly") {
		t.Errorf("superseded filter: %+v", tab.entries)
	}
	tab.from.SetText("someday")
	u.sh.Wait()
	if tab.problem.Hidden || !strings.Contains(tab.problem.Text, "not a date") {
		t.Errorf("bad date message = %q", tab.problem.Text)
	}
}

func TestSupersedeAndReverseFromThePage(t *testing.T) {
	u, db := newTestUI(t)
	if err := demo.Fill(context.Background(), db, u.sh.Now()); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(context.Background())
	var payments data.Pod
	for _, p := range pods {
		if p.Name == "Payments" {
			payments = p
		}
	}
	es, _ := db.DecisionLog(context.Background(), data.DecisionFilter{PodID: payments.ID, Text: "net-60"})
	if len(es) != 1 {
		t.Fatalf("net-60 decisions: %d", len(es))
	}
	if err := db.LinkActionItem(context.Background(), es[0].Decision.ID, 7); err != nil {
		t.Fatal(err)
	}
	pg := newDecisionPage(u.sh.NewScope(), payments.ID, es[0].Decision.ID)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if !containsText(u.screen, "Follow-up: 1 action item of the meeting") {
		t.Error("the linked action item is not shown")
	}
	if !strings.Contains(pg.record.commitSummary.Text, "waiting for Sofia Lindqvist") {
		t.Errorf("summary = %q", pg.record.commitSummary.Text)
	}
	test.Tap(pg.record.reverse)
	rd := pg.record.reverseDialog
	test.Tap(rd.Confirm)
	if !strings.Contains(rd.Problem.Text, "Say why") {
		t.Errorf("empty reason message = %q", rd.Problem.Text)
	}
	test.Type(rd.reason, "Finance withdrew its approval.")
	test.Tap(rd.Confirm)
	u.sh.Wait()
	d, _ := db.Decision(context.Background(), es[0].Decision.ID)
	if d.State != data.DecisionReversed || !containsText(u.screen, "Reversed: Finance withdrew its approval.") {
		t.Errorf("after reversing: %s", d.State)
	}

	// Supersede the fraud decision through a new one.
	// A proposed decision opens in the editor with the stated positions selected.
	es, _ = db.DecisionLog(context.Background(), data.DecisionFilter{PodID: payments.ID, State: data.DecisionProposed})
	pg = newDecisionPage(u.sh.NewScope(), payments.ID, es[0].Decision.ID)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if pg.editor.positions[0].Selected != "Agree" || pg.editor.positions[1].Selected != "" || pg.editor.positions[2].Selected != "Disagree" {
		t.Errorf("positions shown: %q %q %q", pg.editor.positions[0].Selected, pg.editor.positions[1].Selected, pg.editor.positions[2].Selected)
	}
	// The sample proposal was left open in a meeting that has since closed:
	// its record is locked, and the editor says so instead of offering to decide.
	if m, err := db.Meeting(context.Background(), es[0].Decision.MeetingID); err != nil || m.Status != data.MeetingClosed {
		t.Fatalf("the sample proposal's meeting is %s (%v), want closed", m.Status, err)
	}
	if !pg.editor.decide.Disabled() || !pg.editor.save.Disabled() || !containsText(u.screen, "which is closed: its record is read-only") {
		t.Error("a proposal in a closed meeting can be decided from the editor")
	}

	es, _ = db.DecisionLog(context.Background(), data.DecisionFilter{PodID: payments.ID, Text: "fraud scoring"})
	pg = newDecisionPage(u.sh.NewScope(), payments.ID, es[0].Decision.ID)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	test.Tap(pg.record.supersede)
	u.sh.Wait()
	next := u.screen
	if !containsText(next, "Once decided, this replaces “Buy a fraud-scoring service or build our own model?”") {
		t.Fatal("the new decision does not say what it replaces")
	}
}
