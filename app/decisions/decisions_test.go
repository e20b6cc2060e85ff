package decisions

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
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

func TestRecordDecisionAndDisagreeAndCommit(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p, m := decisionPod(t, db)

	// A new decision through the editor: an empty question is refused first.
	pg := newPage(e.Scope(), p.ID, 0)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if pg.editor.meeting.Selected != m.Date.Long() || pg.editor.decider.Selected != "Daniel Okafor (Product Manager)" {
		t.Fatalf("defaults: meeting %q, decider %q", pg.editor.meeting.Selected, pg.editor.decider.Selected)
	}
	test.Type(pg.editor.options[0].title, "Buy a fraud-scoring service")
	test.Type(pg.editor.options[0].cost, "48k")
	test.Type(pg.editor.options[1].title, "Build our own model")
	test.Type(pg.editor.options[1].cost, "lots")
	test.Tap(pg.editor.decide)
	e.Wait()
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
	e.Wait()

	log, _ := db.DecisionLog(context.Background(), data.DecisionFilter{PodID: p.ID})
	if len(log) != 1 || log[0].Decision.State != data.DecisionDecided || log[0].Decision.Options[0].Cost != data.Dollars(48_000) {
		t.Fatalf("after recording the call: %+v", log)
	}
	if !apptest.ContainsText(e.Screen(), "Committed 0/3 — waiting for Priya Raman, Daniel Okafor and Sofia Lindqvist") ||
		!apptest.ContainsText(e.Screen(), "Disagrees — dissent on record") {
		t.Fatal("the record does not show the outstanding commitments and the dissent")
	}

	// Sofia disagreed: her button is "Disagree and commit".
	sofia, priya, daniel := p.Leaders[2].ID, p.Leaders[0].ID, p.Leaders[1].ID
	if got := pg.record.commitButtons[sofia].Text; got != "Disagree and commit" {
		t.Fatalf("Sofia's button = %q", got)
	}
	test.Tap(pg.record.commitButtons[priya])
	e.Wait()
	test.Tap(pg.record.commitButtons[daniel])
	e.Wait()
	if !apptest.ContainsText(e.Screen(), "Committed 2/3 — waiting for Sofia Lindqvist") {
		t.Fatal("two commitments: summary not shown")
	}
	test.Tap(pg.record.commitButtons[sofia])
	e.Wait()
	if !strings.Contains(pg.record.commitSummary.Text, "ommitted 3/3") || !apptest.ContainsText(e.Screen(), "Disagreed and committed") {
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
	e := apptest.New(t)
	db := e.DB
	if err := demo.Fill(context.Background(), db, e.Sh.Now()); err != nil {
		t.Fatal(err)
	}
	pods, _ := db.Pods(context.Background())
	var payments data.Pod
	for _, p := range pods {
		if p.Name == "Payments" {
			payments = p
		}
	}
	tab := NewLog(e.Scope(), payments.ID)
	e.ShowContent(tab.sc, tab.Build())
	e.Wait()
	if len(tab.entries) != 5 || tab.count.Text != "5 decisions, newest first" {
		t.Fatalf("log shows %d entries (%q)", len(tab.entries), tab.count.Text)
	}
	// Newest first.
	if tab.entries[0].Decision.Question != "Retire the legacy PDF invoice template?" {
		t.Errorf("first entry = %q", tab.entries[0].Decision.Question)
	}

	test.Type(tab.search, "margin")
	e.Pause()
	if len(tab.entries) != 1 || !strings.HasPrefix(tab.entries[0].Decision.Question, "Buy a fraud-scoring") {
		t.Fatalf("search 'margin': %d entries", len(tab.entries))
	}
	row := tab.list.CreateItem()
	tab.list.UpdateItem(0, row)
	found, bold := apptest.RichTextContains(row, "margin")
	if !found || !bold {
		t.Errorf("the matched word is not shown in bold (found %v, bold %v)", found, bold)
	}

	for _, q := range []string{`"`, `(`, `NEAR(`, `-`, `*`, `title:`, `a OR`, `"unbalanced`, "🚀", `'; DROP TABLE decisions; --`} {
		tab.search.SetText(q)
		e.Pause()
		if !tab.problem.Hidden {
			t.Errorf("search %q shows a problem: %q", q, tab.problem.Text)
		}
	}

	// Filters: Sofia disagreed on two decisions (one decided, one proposed).
	tab.search.SetText("")
	e.Pause()
	tab.member.Select.SetSelected("Sofia Lindqvist")
	tab.position.SetSelected(data.PositionDisagree.Label())
	e.Wait()
	if len(tab.entries) != 2 {
		t.Errorf("Sofia disagreed on %d decisions, want 2", len(tab.entries))
	}
	tab.state.SetSelected(data.DecisionSuperseded.Label())
	tab.member.Select.SetSelected(anyone)
	tab.position.SetSelected(anyPosition)
	e.Wait()
	if len(tab.entries) != 1 || !strings.HasPrefix(tab.entries[0].Decision.Question, "Settle merchant payouts weekly") {
		t.Errorf("superseded filter: %+v", tab.entries)
	}
	tab.from.SetText("someday")
	e.Wait()
	if tab.problem.Hidden || !strings.Contains(tab.problem.Text, "not a date") {
		t.Errorf("bad date message = %q", tab.problem.Text)
	}
}

func TestSupersedeAndReverseFromThePage(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	if err := demo.Fill(context.Background(), db, e.Sh.Now()); err != nil {
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
	pg := newPage(e.Scope(), payments.ID, es[0].Decision.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if !apptest.ContainsText(e.Screen(), "Follow-up: 1 action item of the meeting") {
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
	e.Wait()
	d, _ := db.Decision(context.Background(), es[0].Decision.ID)
	if d.State != data.DecisionReversed || !apptest.ContainsText(e.Screen(), "Reversed: Finance withdrew its approval.") {
		t.Errorf("after reversing: %s", d.State)
	}

	// Supersede the fraud decision through a new one.
	// A proposed decision opens in the editor with the stated positions selected.
	es, _ = db.DecisionLog(context.Background(), data.DecisionFilter{PodID: payments.ID, State: data.DecisionProposed})
	pg = newPage(e.Scope(), payments.ID, es[0].Decision.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if pg.editor.positions[0].Selected != "Agree" || pg.editor.positions[1].Selected != "" || pg.editor.positions[2].Selected != "Disagree" {
		t.Errorf("positions shown: %q %q %q", pg.editor.positions[0].Selected, pg.editor.positions[1].Selected, pg.editor.positions[2].Selected)
	}
	// The sample proposal was left open in a meeting that has since closed:
	// its record is locked, and the editor says so instead of offering to decide.
	if m, err := db.Meeting(context.Background(), es[0].Decision.MeetingID); err != nil || m.Status != data.MeetingClosed {
		t.Fatalf("the sample proposal's meeting is %s (%v), want closed", m.Status, err)
	}
	if !pg.editor.decide.Disabled() || !pg.editor.save.Disabled() || !apptest.ContainsText(e.Screen(), "which is closed: its record is read-only") {
		t.Error("a proposal in a closed meeting can be decided from the editor")
	}
	if !pg.editor.question.Disabled() || !pg.editor.context.Disabled() || !pg.editor.options[0].title.Disabled() || pg.editor.draft != nil {
		t.Error("a locked proposal takes typing it could never save")
	}

	es, _ = db.DecisionLog(context.Background(), data.DecisionFilter{PodID: payments.ID, Text: "fraud scoring"})
	pg = newPage(e.Scope(), payments.ID, es[0].Decision.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	test.Tap(pg.record.supersede)
	r, ok := e.Last().(shell.NewDecision)
	if !ok || r.Supersedes != es[0].Decision.ID || r.PodID != payments.ID {
		t.Fatalf("Supersede went to %#v", e.Last())
	}
	next := NewDraft(e.Scope(), r)
	e.ShowContent(next.sc, next.Build())
	if !apptest.ContainsText(e.Screen(), "Once decided, this replaces “Buy a fraud-scoring service or build our own model?”") {
		t.Fatal("the new decision does not say what it replaces")
	}
}
