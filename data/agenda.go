package data

import (
	"strings"
	"time"
)

// ItemKind says what an agenda item is for; it decides what the item's
// editor shows (feature proposals get the three Triad questions).
type ItemKind string

const (
	KindTopic           ItemKind = "topic"
	KindFeatureProposal ItemKind = "feature_proposal"
	KindDealDesk        ItemKind = "deal_desk"
	KindRoadmap         ItemKind = "roadmap"
	KindDecision        ItemKind = "decision"
	KindInfo            ItemKind = "info"
)

// ItemKinds lists the kinds in the order a picker shows them.
var ItemKinds = []ItemKind{KindTopic, KindFeatureProposal, KindDealDesk, KindRoadmap, KindDecision, KindInfo}

// Label is how the kind reads on screen.
func (k ItemKind) Label() string {
	switch k {
	case KindTopic:
		return "Topic"
	case KindFeatureProposal:
		return "Feature proposal"
	case KindDealDesk:
		return "Deal desk"
	case KindRoadmap:
		return "Roadmap"
	case KindDecision:
		return "Decision"
	case KindInfo:
		return "Info"
	}
	return string(k)
}

// ItemKindFromLabel is the inverse of Label; unknown labels give "".
func ItemKindFromLabel(s string) ItemKind {
	for _, k := range ItemKinds {
		if k.Label() == s {
			return k
		}
	}
	return ""
}

func (k ItemKind) valid() bool { return ItemKindFromLabel(k.Label()) == k }

// OutcomeType classifies what an agenda item ended with, for the minutes.
type OutcomeType string

const (
	OutcomeNone     OutcomeType = ""
	OutcomeInfo     OutcomeType = "info"
	OutcomeDecision OutcomeType = "decision"
	OutcomeAction   OutcomeType = "action"
)

// OutcomeTypes lists the outcome types a facilitator picks from.
var OutcomeTypes = []OutcomeType{OutcomeInfo, OutcomeDecision, OutcomeAction}

// Label is how the outcome type reads on screen.
func (o OutcomeType) Label() string {
	switch o {
	case OutcomeInfo:
		return "Info"
	case OutcomeDecision:
		return "Decision"
	case OutcomeAction:
		return "Action"
	}
	return ""
}

// OutcomeTypeFromLabel is the inverse of Label.
func OutcomeTypeFromLabel(s string) OutcomeType {
	for _, o := range OutcomeTypes {
		if o.Label() == s {
			return o
		}
	}
	return OutcomeNone
}

// StandingKind marks an agenda item Triad generates for every meeting from
// the pod's state. The zero value is an ordinary item.
type StandingKind string

const (
	StandingNone          StandingKind = ""
	StandingDealDesk      StandingKind = "deal_desk"
	StandingRoadmapDebt   StandingKind = "roadmap_debt"
	StandingOpenDecisions StandingKind = "open_decisions"
	StandingActionReview  StandingKind = "action_review"
)

// Attendee is one person at one meeting: a leader of the pod (MemberID set)
// or a guest. Records keep the name as it was on the day.
type Attendee struct {
	ID        int64
	MeetingID int64
	MemberID  int64 // the pod seat; 0 for a guest
	Role      Role  // the seat; "" for a guest
	Name      string
	Email     string
	GuestRole string // what a guest does, e.g. "Solutions engineer"
	Present   bool
}

// IsGuest reports whether the attendee is not one of the pod's leaders.
func (a Attendee) IsGuest() bool { return a.MemberID == 0 }

// Describe is "Priya Raman (TL)" or "Lee Chen (Solutions engineer)".
func (a Attendee) Describe() string {
	switch {
	case a.Role != "":
		return a.Name + " (" + a.Role.Short() + ")"
	case a.GuestRole != "":
		return a.Name + " (" + a.GuestRole + ")"
	}
	return a.Name + " (guest)"
}

// Normalize trims what was typed.
func (a *Attendee) Normalize() {
	a.Name = CleanLine(a.Name)
	a.Email = strings.TrimSpace(a.Email)
	a.GuestRole = CleanLine(a.GuestRole)
}

// Validate checks a guest's details.
func (a Attendee) Validate() error {
	var ps problems
	checkName(&ps, "name", "The guest", a.Name, true)
	if msg := CheckEmail(a.Email); msg != "" {
		ps.add("email", "%s", msg)
	}
	checkName(&ps, "guest_role", "The guest's role", a.GuestRole, false)
	return ps.err()
}

// AnyPresent reports whether anybody was marked present.
func AnyPresent(as []Attendee) bool {
	for _, a := range as {
		if a.Present {
			return true
		}
	}
	return false
}

// Verdict answers a yes/no Triad question, with a middle option whose
// wording depends on the question ("With changes", "Partly", "Later").
type Verdict string

const (
	VerdictUnanswered Verdict = ""
	VerdictYes        Verdict = "yes"
	VerdictNo         Verdict = "no"
	VerdictQualified  Verdict = "qualified"
)

func (v Verdict) valid() bool {
	return v == VerdictUnanswered || v == VerdictYes || v == VerdictNo || v == VerdictQualified
}

// Question is one of the four yes/no Triad questions; it words the middle answer.
type Question int

const (
	QuestionCanBuild Question = iota
	QuestionShouldBuild
	QuestionSolvesProblem
	QuestionCanSell
)

// Choices are the labels of the three answers, in picker order.
func (q Question) Choices() []string {
	middle := map[Question]string{QuestionCanBuild: "With changes", QuestionShouldBuild: "Later",
		QuestionSolvesProblem: "Partly", QuestionCanSell: "With changes"}[q]
	return []string{"Yes", middle, "No"}
}

// Label words v for question q; "" when unanswered.
func (q Question) Label(v Verdict) string {
	c := q.Choices()
	switch v {
	case VerdictYes:
		return c[0]
	case VerdictQualified:
		return c[1]
	case VerdictNo:
		return c[2]
	}
	return ""
}

// Verdict is the inverse of Label.
func (q Question) Verdict(label string) Verdict {
	c := q.Choices()
	switch label {
	case c[0]:
		return VerdictYes
	case c[1]:
		return VerdictQualified
	case c[2]:
		return VerdictNo
	}
	return VerdictUnanswered
}

// TriadAnswers are the three functions' answers on a feature proposal:
// Engineering (can we build it, how long), Product (should we build it,
// does it solve the problem) and Go-to-market (can we sell it, what will
// they pay). Each side records the attendee who answered.
type TriadAnswers struct {
	CanBuild      Verdict
	HowLong       string // free text: "3 sprints", "two weeks"
	EngineeringBy int64  // attendee id; 0 unknown
	ShouldBuild   Verdict
	SolvesProblem Verdict
	ProductBy     int64
	CanSell       Verdict
	WillPayText   string // what the PMM said: "8 USD per merchant a month"
	WillPay       *Money // the amount in WillPayText, nil when it holds none
	MarketBy      int64
}

// Unanswered counts the six questions still open.
func (t TriadAnswers) Unanswered() int {
	n := 0
	for _, open := range []bool{t.CanBuild == "", strings.TrimSpace(t.HowLong) == "",
		t.ShouldBuild == "", t.SolvesProblem == "", t.CanSell == "", t.WillPay == nil && t.WillPayText == ""} {
		if open {
			n++
		}
	}
	return n
}

// AgendaItem is one line of a meeting's agenda, with its notes, outcome
// and the time it took.
type AgendaItem struct {
	ID             int64
	MeetingID      int64
	Position       int // 0-based order in the agenda
	Title          string
	PresenterID    int64 // attendee id; 0 for nobody in particular
	Kind           ItemKind
	PlannedMinutes int
	Notes          string
	Outcome        string
	OutcomeType    OutcomeType
	CarryOver      bool         // bring it to the next meeting even if discussed
	CarriedFrom    Date         // the meeting it was first on, when carried over
	CarriedFromID  int64        // the item it was copied from
	Standing       StandingKind // generated from the pod's state
	Answers        TriadAnswers
	ActualSeconds  int        // time spent, summed from Intervals when one closes
	Intervals      []Interval // when the clock ran on this item
	Edited         bool       // changed by hand since it was generated (read-only: the store sets it)
}

// MaxPlannedMinutes bounds one item's timebox.
const MaxPlannedMinutes = 240

// Normalize trims what was typed.
func (it *AgendaItem) Normalize() {
	it.Title = CleanLine(it.Title)
	it.Answers.HowLong = CleanLine(it.Answers.HowLong)
	it.Answers.WillPayText = CleanLine(it.Answers.WillPayText)
}

// Validate checks an item and returns every problem found. Fields are
// "title", "kind", "planned", "notes", "outcome", "outcome_type", "answers".
func (it AgendaItem) Validate() error {
	var ps problems
	switch {
	case it.Title == "":
		ps.add("title", "The agenda item needs a title")
	default:
		checkName(&ps, "title", "The agenda item", it.Title, true)
	}
	if !it.Kind.valid() {
		ps.add("kind", "Choose what kind of item this is")
	}
	if it.PlannedMinutes < 0 || it.PlannedMinutes > MaxPlannedMinutes {
		ps.add("planned", "Planned time must be between 0 and %d minutes", MaxPlannedMinutes)
	}
	checkText(&ps, "notes", "The notes", it.Notes, MaxNoteLen)
	checkText(&ps, "outcome", "The outcome", it.Outcome, MaxNoteLen)
	if it.OutcomeType != OutcomeNone && OutcomeTypeFromLabel(it.OutcomeType.Label()) != it.OutcomeType {
		ps.add("outcome_type", "Choose info, decision or action as the outcome")
	}
	a := it.Answers
	if !a.CanBuild.valid() || !a.ShouldBuild.valid() || !a.SolvesProblem.valid() || !a.CanSell.valid() {
		ps.add("answers", "An answer to a Triad question is not one of the choices")
	}
	checkName(&ps, "answers", "How long it will take", a.HowLong, false)
	checkName(&ps, "answers", "What they will pay", a.WillPayText, false)
	if a.WillPay != nil && *a.WillPay < 0 {
		ps.add("answers", "What they will pay cannot be negative")
	}
	return ps.err()
}

// Reached reports whether the clock ever ran on the item.
func (it AgendaItem) Reached() bool { return len(it.Intervals) > 0 }

// Planned is the item's timebox.
func (it AgendaItem) Planned() time.Duration { return time.Duration(it.PlannedMinutes) * time.Minute }

// ActionItem is something a person agreed to do, with a due date.
type ActionItem struct {
	ID           int64
	PodID        int64
	MeetingID    int64
	MeetingDate  Date  // of the meeting it came from (read-only)
	AgendaItemID int64 // the item it came from; 0 when none or deleted
	AgendaTitle  string
	Text         string
	OwnerID      int64  // attendee id; 0 for nobody yet
	OwnerName    string // the owner's name as it was
	Due          Date   // zero when no date was set
	DoneAt       time.Time
	CreatedAt    time.Time
	// History is the action's recorded changes, oldest first; filled where
	// a reader needs it (the minutes), empty elsewhere.
	History []ActionEvent
}

// Done reports whether the action was completed.
func (a ActionItem) Done() bool { return !a.DoneAt.IsZero() }

// Overdue reports whether an open action's due date has passed on today.
// An action due today is not overdue yet.
func (a ActionItem) Overdue(today Date) bool {
	return !a.Done() && !a.Due.IsZero() && a.Due.Before(today)
}

// Normalize trims what was typed.
func (a *ActionItem) Normalize() { a.Text = strings.TrimSpace(a.Text) }

// Validate checks an action item.
func (a ActionItem) Validate() error {
	var ps problems
	if a.Text == "" {
		ps.add("text", "Say what needs doing")
	}
	checkText(&ps, "text", "The action", a.Text, 2000)
	if strings.IndexFunc(a.Text, hiddenControl) >= 0 {
		ps.add("text", "The action has invisible control characters; retype it")
	}
	return ps.err()
}

// CountOverdue counts the open actions past their due date.
func CountOverdue(as []ActionItem, today Date) int {
	n := 0
	for _, a := range as {
		if a.Overdue(today) {
			n++
		}
	}
	return n
}

// SameContent reports whether o holds what it holds: the fields a person
// edits, not its place in the agenda or its clock.
func (it AgendaItem) SameContent(o AgendaItem) bool {
	a, b := it.Answers, o.Answers
	samePay := (a.WillPay == nil) == (b.WillPay == nil) && (a.WillPay == nil || *a.WillPay == *b.WillPay)
	return it.Title == o.Title && it.PresenterID == o.PresenterID && it.Kind == o.Kind &&
		it.PlannedMinutes == o.PlannedMinutes && it.Notes == o.Notes && it.Outcome == o.Outcome &&
		it.OutcomeType == o.OutcomeType && it.CarryOver == o.CarryOver &&
		a.CanBuild == b.CanBuild && a.HowLong == b.HowLong && a.EngineeringBy == b.EngineeringBy &&
		a.ShouldBuild == b.ShouldBuild && a.SolvesProblem == b.SolvesProblem && a.ProductBy == b.ProductBy &&
		a.CanSell == b.CanSell && a.MarketBy == b.MarketBy && a.WillPayText == b.WillPayText && samePay
}
