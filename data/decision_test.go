package data

import (
	"errors"
	"strings"
	"testing"
)

// decisionPod is a pod with member ids 11 (TL), 12 (PM), 13 (PMM).
func decisionPod() Pod {
	p := NewPod()
	p.ID, p.Name = 7, "Payments"
	names := []string{"Priya Raman", "Daniel Okafor", "Sofia Lindqvist"}
	for i := range p.Leaders {
		p.Leaders[i].ID = int64(11 + i)
		p.Leaders[i].Name = names[i]
	}
	return p
}

// decided is a decided decision where Priya agrees, Daniel agrees and
// Sofia disagrees, nobody committed yet.
func decided() Decision {
	d := NewDecision(decisionPod(), 3)
	d.ID = 1
	d.Question = "Build our own fraud scoring or buy it?"
	d.Options = []DecisionOption{{Title: "Buy"}, {Title: "Build"}}
	d.Chosen = 1
	d.State = DecisionDecided
	d.Perspectives[0].Position = PositionAgree
	d.Perspectives[1].Position = PositionAgree
	d.Perspectives[2].Position = PositionDisagree
	return d
}

func TestCanMove(t *testing.T) {
	cases := []struct {
		from, to DecisionState
		ok       bool
	}{
		{DecisionProposed, DecisionDecided, true},
		{DecisionProposed, DecisionSuperseded, false},
		{DecisionProposed, DecisionReversed, false},
		{DecisionProposed, DecisionProposed, false},
		{DecisionDecided, DecisionSuperseded, true},
		{DecisionDecided, DecisionReversed, true},
		{DecisionDecided, DecisionProposed, false},
		{DecisionDecided, DecisionDecided, false},
		{DecisionSuperseded, DecisionDecided, false},
		{DecisionSuperseded, DecisionReversed, false},
		{DecisionReversed, DecisionDecided, false},
		{DecisionReversed, DecisionSuperseded, false},
		{"", DecisionDecided, false},
	}
	for _, c := range cases {
		if got := CanMove(c.from, c.to); got != c.ok {
			t.Errorf("CanMove(%q, %q) = %v, want %v", c.from, c.to, got, c.ok)
		}
	}
}

func TestCheckDecide(t *testing.T) {
	pod := decisionPod()
	cases := []struct {
		name  string
		edit  func(d *Decision)
		field string // "" for no problem
		msg   string
	}{
		{"ready", func(d *Decision) {}, "", ""},
		{"no decider", func(d *Decision) { d.DeciderID = 0 }, "decider", "Name the decision maker"},
		{"decider outside the pod", func(d *Decision) { d.DeciderID = 99 }, "decider", "one of Payments's three leaders"},
		{"another leader decides", func(d *Decision) { d.DeciderID = 11 }, "", ""},
		{"no chosen option", func(d *Decision) { d.Chosen = 0 }, "chosen", "Choose the option"},
		{"chosen out of range", func(d *Decision) { d.Chosen = 3 }, "chosen", "Choose the option"},
		{"no options", func(d *Decision) { d.Options = nil; d.Chosen = 0 }, "options", "at least one option"},
		{"already decided", func(d *Decision) { d.State = DecisionDecided }, "state", "Only a proposed decision"},
		{"superseded", func(d *Decision) { d.State = DecisionSuperseded }, "state", "superseded"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decided()
			d.State = DecisionProposed
			c.edit(&d)
			err := CheckDecide(d, pod)
			if c.field == "" {
				if err != nil {
					t.Fatalf("CheckDecide = %v, want nil", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(ve.For(c.field), c.msg) {
				t.Fatalf("CheckDecide = %v, want %s: %q", err, c.field, c.msg)
			}
		})
	}
}

func TestCheckCommitment(t *testing.T) {
	pod := decisionPod()
	cases := []struct {
		name   string
		edit   func(d *Decision)
		member int64
		c      Commitment
		msg    string // "" when allowed
		kind   error
	}{
		{"agree commits", nil, 11, Commit, "", nil},
		{"abstain commits", func(d *Decision) { d.Perspectives[0].Position = PositionAbstain }, 11, Commit, "", nil},
		{"dissent disagrees and commits", nil, 13, DisagreeAndCommit, "", nil},
		{"dissent cannot plain commit", nil, 13, Commit, "record “disagree and commit”", ErrInvalid},
		{"agree cannot disagree-and-commit", nil, 11, DisagreeAndCommit, "is for a leader who disagreed", ErrInvalid},
		{"abstain cannot disagree-and-commit", func(d *Decision) { d.Perspectives[0].Position = PositionAbstain }, 11, DisagreeAndCommit, "abstains", ErrInvalid},
		{"no position, no commitment", func(d *Decision) { d.Perspectives[1].Position = PositionNone }, 12, Commit, "has not stated a position", ErrInvalid},
		{"outside the pod", nil, 99, Commit, "not one of them", ErrInvalid},
		{"member id zero", nil, 0, Commit, "not one of them", ErrInvalid},
		{"still proposed", func(d *Decision) { d.State = DecisionProposed }, 11, Commit, "still proposed", ErrInvalid},
		{"superseded", func(d *Decision) { d.State = DecisionSuperseded }, 11, Commit, "no longer takes commitments", ErrInvalid},
		{"reversed", func(d *Decision) { d.State = DecisionReversed }, 11, Commit, "no longer takes commitments", ErrInvalid},
		{"other pod's decision", func(d *Decision) { d.PodID = 8 }, 11, Commit, "another pod", ErrInvalid},
		{"same commitment twice is harmless", func(d *Decision) { d.Perspectives[0].Commitment = Commit }, 11, Commit, "", nil},
		{"cannot change a commitment", func(d *Decision) {
			d.Perspectives[2].Commitment = DisagreeAndCommit
		}, 13, Commit, "already recorded", ErrConflict},
		{"unknown commitment", nil, 11, "maybe", "Choose “commit”", ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decided()
			if c.edit != nil {
				c.edit(&d)
			}
			err := CheckCommitment(d, pod, c.member, c.c)
			if c.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.msg) || !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want %v containing %q", err, c.kind, c.msg)
			}
		})
	}
}

func TestCheckPosition(t *testing.T) {
	pod := decisionPod()
	cases := []struct {
		name   string
		edit   func(d *Decision)
		member int64
		pos    Position
		msg    string
	}{
		{"proposed, any change", func(d *Decision) { d.State = DecisionProposed }, 13, PositionAgree, ""},
		{"decided, late position", func(d *Decision) { d.Perspectives[1].Position = PositionNone }, 12, PositionAbstain, ""},
		{"decided, same position with reasoning", nil, 13, PositionDisagree, ""},
		{"decided, cannot flip", nil, 13, PositionAgree, "cannot change now"},
		{"committed, frozen", func(d *Decision) { d.Perspectives[0].Commitment = Commit }, 11, PositionAgree, "already committed"},
		{"reversed", func(d *Decision) { d.State = DecisionReversed }, 11, PositionAgree, "can no longer change"},
		{"outside the pod", nil, 42, PositionAgree, "three leaders"},
		{"no position", func(d *Decision) { d.State = DecisionProposed }, 11, PositionNone, "Choose agree, disagree or abstain"},
		{"unknown position", func(d *Decision) { d.State = DecisionProposed }, 11, "meh", "Choose agree, disagree or abstain"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decided()
			if c.edit != nil {
				c.edit(&d)
			}
			err := CheckPosition(d, pod, c.member, c.pos, "because")
			if c.msg == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want %q", err, c.msg)
			}
		})
	}
}

func TestCheckSupersedeAndReverse(t *testing.T) {
	earlier := decided()
	later := decided()
	later.ID, later.State = 2, DecisionProposed
	cases := []struct {
		name string
		edit func(e, l *Decision)
		msg  string
	}{
		{"proposed replacement", nil, ""},
		{"decided replacement", func(e, l *Decision) { l.State = DecisionDecided }, ""},
		{"itself", func(e, l *Decision) { l.ID = e.ID }, "cannot supersede itself"},
		{"other pod", func(e, l *Decision) { l.PodID = 99 }, "same pod"},
		{"earlier only proposed", func(e, l *Decision) { e.State = DecisionProposed }, "Only a decided decision"},
		{"earlier reversed", func(e, l *Decision) { e.State = DecisionReversed }, "Only a decided decision"},
		{"earlier replaced by another", func(e, l *Decision) { e.SupersededByID = 5 }, "already been superseded"},
		{"later reversed", func(e, l *Decision) { l.State = DecisionReversed }, "cannot supersede another"},
		{"later replaces another", func(e, l *Decision) { l.SupersedesID = 9 }, "already supersedes"},
		{"unsaved", func(e, l *Decision) { l.ID = 0 }, "Save the new decision"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, l := earlier, later
			if c.edit != nil {
				c.edit(&e, &l)
			}
			err := CheckSupersede(e, l)
			if (c.msg == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.msg)) {
				t.Fatalf("CheckSupersede = %v, want %q", err, c.msg)
			}
		})
	}

	if err := CheckReverse(decided(), "Churn data says otherwise"); err != nil {
		t.Errorf("reverse a decided decision: %v", err)
	}
	var ve *ValidationError
	if err := CheckReverse(decided(), "   "); !errors.As(err, &ve) || !strings.Contains(ve.For("reversed"), "Say why") {
		t.Errorf("reverse without a reason: %v", err)
	}
	p := decided()
	p.State = DecisionProposed
	if err := CheckReverse(p, "why"); err == nil || !strings.Contains(err.Error(), "Only a decided decision") {
		t.Errorf("reverse a proposed decision: %v", err)
	}
}

func TestDecisionValidate(t *testing.T) {
	pod := decisionPod()
	cases := []struct {
		name  string
		edit  func(d *Decision)
		field string
		msg   string
	}{
		{"empty question", func(d *Decision) { d.Question = "" }, "question", "Write the question"},
		{"long question", func(d *Decision) { d.Question = strings.Repeat("q", MaxQuestionLen+1) }, "question", "too long"},
		{"megabyte of context", func(d *Decision) { d.Context = strings.Repeat("x", 1<<20) }, "context", "too long"},
		{"control characters", func(d *Decision) { d.Context = "a\x02b" }, "context", "invisible control"},
		{"bidi override", func(d *Decision) { d.Rationale = "ok\u202eko" }, "rationale", "invisible control"},
		{"option without name", func(d *Decision) { d.Options[1].Title = "" }, "option.2.title", "Option 2 needs a short name"},
		{"negative cost", func(d *Decision) { d.Options[0].Cost = -1 }, "option.1.cost", "cannot be negative"},
		{"no meeting", func(d *Decision) { d.MeetingID = 0 }, "meeting", "Choose the meeting"},
		{"outsider's perspective", func(d *Decision) { d.Perspectives[2].MemberID = 99 }, "perspective.marketing_manager", "not one of Payments's leaders"},
		{"decider outside", func(d *Decision) { d.DeciderID = 99 }, "decider", "three leaders"},
		{"decided without decider", func(d *Decision) { d.State = DecisionDecided; d.DeciderID = 0 }, "decider", "Name the decision maker"},
		{"revisit before meeting", func(d *Decision) {
			d.MeetingDate = NewDate(2026, 11, 19)
			d.RevisitOn = NewDate(2026, 11, 1)
		}, "revisit", "before the meeting"},
		{"too many options", func(d *Decision) {
			for len(d.Options) <= MaxDecisionOptions {
				d.Options = append(d.Options, DecisionOption{Title: "more"})
			}
		}, "options", "At most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := decided()
			d.State = DecisionProposed
			c.edit(&d)
			var ve *ValidationError
			if err := d.Validate(pod); !errors.As(err, &ve) || !strings.Contains(ve.For(c.field), c.msg) {
				t.Fatalf("Validate = %v, want %s: %q", err, c.field, c.msg)
			}
		})
	}
	d := decided()
	d.Question = "Ship 🚀 the 支付 flow for عربي users?"
	if err := d.Validate(pod); err != nil {
		t.Errorf("a valid decision refused: %v", err)
	}
}

func TestNewDecisionAndNormalize(t *testing.T) {
	pod := decisionPod()
	d := NewDecision(pod, 3)
	if d.DeciderID != 12 || d.DeciderName != "Daniel Okafor" || len(d.Perspectives) != 3 || d.Perspectives[2].Name != "Sofia Lindqvist" {
		t.Fatalf("NewDecision = %+v", d)
	}
	d.Question = "  Do we   ship? "
	d.Options = []DecisionOption{{Title: " A "}, {}, {Title: "C"}}
	d.Chosen = 3
	d.Normalize()
	if d.Question != "Do we ship?" || len(d.Options) != 2 || d.Chosen != 2 {
		t.Errorf("Normalize: %q %d options, chosen %d", d.Question, len(d.Options), d.Chosen)
	}
	d.Options = []DecisionOption{{Title: "A"}, {}}
	d.Chosen = 2
	d.Normalize()
	if d.Chosen != 0 {
		t.Errorf("choosing a blank option survives: chosen %d", d.Chosen)
	}
}

func TestCommitmentSummary(t *testing.T) {
	d := decided()
	if got := d.CommitmentSummary(); got != "committed 0/3 — waiting for Priya Raman, Daniel Okafor and Sofia Lindqvist" {
		t.Errorf("none: %q", got)
	}
	d.Perspectives[0].Commitment = Commit
	d.Perspectives[1].Commitment = Commit
	if got := d.CommitmentSummary(); got != "committed 2/3 — waiting for Sofia Lindqvist" {
		t.Errorf("two: %q", got)
	}
	d.Perspectives[2].Commitment = DisagreeAndCommit
	if got := d.CommitmentSummary(); got != "committed 3/3" {
		t.Errorf("all: %q", got)
	}
	if got := d.Dissenters(); len(got) != 1 || got[0] != "Sofia Lindqvist" {
		t.Errorf("dissenters = %v", got)
	}
	d.State = DecisionProposed
	if got := d.CommitmentSummary(); got != "" {
		t.Errorf("proposed: %q", got)
	}
}

func TestDecisionFilterValidate(t *testing.T) {
	bad := []DecisionFilter{
		{State: "maybe"},
		{Position: PositionDisagree},
		{From: NewDate(2026, 2, 1), To: NewDate(2026, 1, 1)},
		{Limit: -1},
	}
	for _, f := range bad {
		if err := f.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", f, err)
		}
	}
	if err := (DecisionFilter{State: DecisionDecided, MemberID: 3, Position: PositionDisagree}).Validate(); err != nil {
		t.Error(err)
	}
}
