package data

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// DecisionState is where a decision is in its life. The Triad argues while
// a decision is proposed; once the decider makes the call it is decided and
// every leader commits; later it may be superseded by a newer decision or
// reversed outright. Superseded and reversed are final.
type DecisionState string

const (
	DecisionProposed   DecisionState = "proposed"
	DecisionDecided    DecisionState = "decided"
	DecisionSuperseded DecisionState = "superseded"
	DecisionReversed   DecisionState = "reversed"
)

// DecisionStates lists the states in the order a filter offers them.
var DecisionStates = []DecisionState{DecisionProposed, DecisionDecided, DecisionSuperseded, DecisionReversed}

// Label is how the state reads on screen.
func (s DecisionState) Label() string {
	switch s {
	case DecisionProposed:
		return "Proposed"
	case DecisionDecided:
		return "Decided"
	case DecisionSuperseded:
		return "Superseded"
	case DecisionReversed:
		return "Reversed"
	}
	return string(s)
}

// Valid reports whether s is one of the four states.
func (s DecisionState) Valid() bool {
	switch s {
	case DecisionProposed, DecisionDecided, DecisionSuperseded, DecisionReversed:
		return true
	}
	return false
}

// CanMove reports whether a decision may go from one state to another.
// Only these moves exist: proposed -> decided, decided -> superseded,
// decided -> reversed.
func CanMove(from, to DecisionState) bool {
	switch from {
	case DecisionProposed:
		return to == DecisionDecided
	case DecisionDecided:
		return to == DecisionSuperseded || to == DecisionReversed
	}
	return false
}

// Position is a leader's stance on a proposed decision.
type Position string

const (
	PositionNone     Position = "" // not stated yet
	PositionAgree    Position = "agree"
	PositionDisagree Position = "disagree"
	PositionAbstain  Position = "abstain"
)

// Positions lists the stances a leader can take.
var Positions = []Position{PositionAgree, PositionDisagree, PositionAbstain}

// Label is how the position reads on screen.
func (p Position) Label() string {
	switch p {
	case PositionNone:
		return "No position yet"
	case PositionAgree:
		return "Agrees"
	case PositionDisagree:
		return "Disagrees"
	case PositionAbstain:
		return "Abstains"
	}
	return string(p)
}

// Valid reports whether p is a stated position or "not stated".
func (p Position) Valid() bool {
	return p == PositionNone || p == PositionAgree || p == PositionDisagree || p == PositionAbstain
}

// Commitment is what a leader records once the call is made.
type Commitment string

const (
	CommitmentNone    Commitment = ""                // outstanding
	Commit            Commitment = "commit"          // agreed or abstained, and commits
	DisagreeAndCommit Commitment = "disagree_commit" // disagreed, says so, and commits anyway
)

// Label is how the commitment reads on screen.
func (c Commitment) Label() string {
	switch c {
	case CommitmentNone:
		return "Not committed yet"
	case Commit:
		return "Committed"
	case DisagreeAndCommit:
		return "Disagreed and committed"
	}
	return string(c)
}

// DecisionOption is one option the Triad considered.
type DecisionOption struct {
	Title  string
	Pros   string
	Cons   string
	Cost   Money  // estimated cost, when the option costs money; 0 when not given
	Effort string // estimated effort in words, e.g. "two sprints"
}

// Perspective is one leader's voice on a decision. The name is a copy of
// the member's name as it was, so the record still reads right after the
// person in the seat changes.
type Perspective struct {
	MemberID    int64
	Role        Role
	Name        string
	Position    Position
	Reasoning   string
	Commitment  Commitment
	CommittedAt time.Time
}

// Dissent reports whether this leader disagreed with the call.
func (p Perspective) Dissent() bool { return p.Position == PositionDisagree }

// Decision is one call the Triad made (or is making), from an agenda item
// of a meeting.
type Decision struct {
	ID           int64
	PodID        int64
	MeetingID    int64
	MeetingDate  Date  // the meeting's day, read with the decision
	AgendaItemID int64 // the agenda item it came from; 0 when none

	Question string
	Context  string
	Options  []DecisionOption

	// Perspectives holds one entry per leader of the pod, in Roles order.
	Perspectives []Perspective

	DeciderID   int64  // pod member who makes the call; the PM by default
	DeciderName string // copy of the decider's name as it was
	Chosen      int    // 1-based index into Options; 0 when no option is chosen
	Rationale   string // why this option
	RevisitOn   Date   // when to look at it again; zero for never

	State          DecisionState
	DecidedAt      time.Time
	SupersedesID   int64 // the earlier decision this one replaces
	SupersededByID int64 // the later decision that replaced this one
	ReversedReason string
	ClosedAt       time.Time // when superseded or reversed

	ActionItemIDs []int64 // follow-up action items of the meeting

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits on decision text.
const (
	MaxDecisionOptions = 10
	MaxQuestionLen     = 500
	MaxDecisionText    = 20000 // context, pros, cons, reasoning, rationale
)

// NewDecision starts a proposed decision for pod p in meeting m: one
// perspective per leader, and the Product Manager as decider.
func NewDecision(p Pod, meetingID int64) Decision {
	d := Decision{PodID: p.ID, MeetingID: meetingID, State: DecisionProposed}
	for _, l := range p.Leaders {
		d.Perspectives = append(d.Perspectives, Perspective{MemberID: l.ID, Role: l.Role, Name: l.Name})
	}
	if pm := p.Leader(RoleProduct); pm != nil {
		d.DeciderID, d.DeciderName = pm.ID, pm.Name
	}
	return d
}

// ChosenOption returns the chosen option, if one is chosen.
func (d Decision) ChosenOption() (DecisionOption, bool) {
	if d.Chosen < 1 || d.Chosen > len(d.Options) {
		return DecisionOption{}, false
	}
	return d.Options[d.Chosen-1], true
}

// Perspective returns the perspective of a member, if that member is on it.
func (d *Decision) Perspective(memberID int64) *Perspective {
	for i := range d.Perspectives {
		if d.Perspectives[i].MemberID == memberID && memberID != 0 {
			return &d.Perspectives[i]
		}
	}
	return nil
}

// Normalize trims what was typed, so blank options and trailing spaces are
// not stored.
func (d *Decision) Normalize() {
	d.Question = CleanLine(d.Question)
	d.Context = strings.TrimSpace(d.Context)
	d.Rationale = strings.TrimSpace(d.Rationale)
	d.ReversedReason = strings.TrimSpace(d.ReversedReason)
	var opts []DecisionOption
	for i, o := range d.Options {
		o.Title = CleanLine(o.Title)
		o.Pros = strings.TrimSpace(o.Pros)
		o.Cons = strings.TrimSpace(o.Cons)
		o.Effort = CleanLine(o.Effort)
		if o.Title == "" && o.Pros == "" && o.Cons == "" && o.Effort == "" && o.Cost == 0 {
			// A blank option row is dropped; the chosen index follows.
			if d.Chosen > len(opts) && d.Chosen == i+1 {
				d.Chosen = 0
			} else if d.Chosen > i+1 {
				d.Chosen--
			}
			continue
		}
		opts = append(opts, o)
	}
	d.Options = opts
	for i := range d.Perspectives {
		d.Perspectives[i].Reasoning = strings.TrimSpace(d.Perspectives[i].Reasoning)
	}
}

// Validate checks a decision against the pod it belongs to and returns
// every problem at once. Field names are "question", "context", "meeting",
// "options", "option.N.title" (N from 1), "option.N.pros", "option.N.cons",
// "option.N.effort", "option.N.cost", "perspective.<role>", "decider",
// "chosen", "rationale", "revisit", "state".
func (d Decision) Validate(p Pod) error {
	var ps problems
	switch {
	case d.Question == "":
		ps.add("question", "Write the question being decided, e.g. “Do we build SSO before the enterprise launch?”")
	default:
		checkLongText(&ps, "question", "The question", d.Question, MaxQuestionLen)
	}
	checkLongText(&ps, "context", "The context", d.Context, MaxDecisionText)
	if d.MeetingID == 0 {
		ps.add("meeting", "Choose the meeting this decision is made in")
	}
	if d.PodID != p.ID || p.ID == 0 {
		ps.add("pod", "This decision belongs to another pod")
	}
	if !d.State.Valid() {
		ps.add("state", "The decision's state %q is unknown", string(d.State))
	}
	if len(d.Options) > MaxDecisionOptions {
		ps.add("options", "At most %d options can be compared; merge or drop some", MaxDecisionOptions)
	}
	for i, o := range d.Options {
		n := i + 1
		field := "option." + itoa(n)
		if o.Title == "" {
			ps.add(field+".title", "Option %d needs a short name", n)
		} else {
			checkLongText(&ps, field+".title", fmt.Sprintf("Option %d's name", n), o.Title, MaxNameLen)
		}
		checkLongText(&ps, field+".pros", fmt.Sprintf("Option %d's pros", n), o.Pros, MaxDecisionText)
		checkLongText(&ps, field+".cons", fmt.Sprintf("Option %d's cons", n), o.Cons, MaxDecisionText)
		checkLongText(&ps, field+".effort", fmt.Sprintf("Option %d's effort", n), o.Effort, MaxNameLen)
		if o.Cost < 0 {
			ps.add(field+".cost", "Option %d's cost cannot be negative", n)
		}
	}
	if len(d.Perspectives) != len(p.Leaders) {
		ps.add("perspectives", "A decision records the view of each of the pod's %d leaders", len(p.Leaders))
	}
	for _, pv := range d.Perspectives {
		field := "perspective." + string(pv.Role)
		if _, ok := p.Member(pv.MemberID); !ok {
			ps.add(field, "%s is not one of %s's leaders", orSomeone(pv.Name), p.Name)
			continue
		}
		if !pv.Position.Valid() {
			ps.add(field, "%s's position %q is unknown", pv.Name, string(pv.Position))
		}
		checkLongText(&ps, field, pv.Name+"'s reasoning", pv.Reasoning, MaxDecisionText)
		if pv.Commitment != CommitmentNone {
			if err := CheckCommitment(d, p, pv.MemberID, pv.Commitment); err != nil && d.State == DecisionDecided {
				ps.add(field, "%s", err.Error())
			}
		}
	}
	if d.DeciderID != 0 {
		if _, ok := p.Member(d.DeciderID); !ok {
			ps.add("decider", "The decision maker must be one of %s's three leaders", p.Name)
		}
	}
	if d.Chosen < 0 || d.Chosen > len(d.Options) {
		ps.add("chosen", "The chosen option is not one of the options listed")
	}
	checkLongText(&ps, "rationale", "The reason for the call", d.Rationale, MaxDecisionText)
	checkLongText(&ps, "reversed", "The reason for reversing", d.ReversedReason, MaxDecisionText)
	if !d.RevisitOn.IsZero() && !d.MeetingDate.IsZero() && d.RevisitOn.Before(d.MeetingDate) {
		ps.add("revisit", "The revisit date is before the meeting (%s); pick a later day", d.MeetingDate.Long())
	}
	if d.State != DecisionProposed {
		ps = append(ps, decideProblems(d)...)
	}
	return ps.err()
}

// CheckDecide says why d cannot be marked decided, or returns nil: it needs
// a decision maker and a chosen option, and must still be proposed.
func CheckDecide(d Decision, p Pod) error {
	var ps problems
	if d.State != DecisionProposed {
		ps.add("state", "Only a proposed decision can be decided; this one is %s", strings.ToLower(d.State.Label()))
	}
	ps = append(ps, decideProblems(d)...)
	if d.DeciderID != 0 {
		if _, ok := p.Member(d.DeciderID); !ok {
			ps.add("decider", "The decision maker must be one of %s's three leaders", p.Name)
		}
	}
	return ps.err()
}

func decideProblems(d Decision) problems {
	var ps problems
	if d.DeciderID == 0 {
		ps.add("decider", "Name the decision maker before recording the call")
	}
	if len(d.Options) == 0 {
		ps.add("options", "List at least one option before recording the call")
	}
	if _, ok := d.ChosenOption(); !ok {
		ps.add("chosen", "Choose the option the Triad goes with")
	}
	return ps
}

// CheckCommitment says why member may not record commitment c on d, or
// returns nil. The rules: only a decided decision takes commitments; only
// one of the pod's leaders commits; a leader who has not stated a position
// cannot commit; "disagree and commit" is for a leader who disagreed, and a
// leader who disagreed commits that way so the dissent stays on record; a
// commitment, once recorded, stands.
func CheckCommitment(d Decision, p Pod, memberID int64, c Commitment) error {
	leader, ok := p.Member(memberID)
	if !ok {
		return Invalidf("Only %s's three leaders commit to its decisions; that person is not one of them", p.Name)
	}
	if d.PodID != p.ID {
		return Invalidf("This decision belongs to another pod")
	}
	if d.State != DecisionDecided {
		switch d.State {
		case DecisionProposed:
			return Invalidf("Commitments are recorded once the call is made; this decision is still proposed")
		default:
			return Invalidf("This decision is %s; it no longer takes commitments", strings.ToLower(d.State.Label()))
		}
	}
	pv := d.Perspective(memberID)
	if pv == nil {
		return Invalidf("%s has no perspective on this decision", leader.Name)
	}
	if pv.Commitment != CommitmentNone && pv.Commitment != c {
		return KindError(ErrConflict, "%s has already recorded “%s”", pv.Name, strings.ToLower(pv.Commitment.Label()))
	}
	if pv.Position == PositionNone {
		return Invalidf("%s has not stated a position yet; record it before committing", pv.Name)
	}
	switch c {
	case Commit:
		if pv.Position == PositionDisagree {
			return Invalidf("%s disagreed: record “disagree and commit” so the disagreement stays on record", pv.Name)
		}
	case DisagreeAndCommit:
		if pv.Position != PositionDisagree {
			return Invalidf("“Disagree and commit” is for a leader who disagreed; %s %s", pv.Name, strings.ToLower(pv.Position.Label()))
		}
	default:
		return Invalidf("Choose “commit” or “disagree and commit”")
	}
	return nil
}

// CheckPosition says why member may not state position pos on d now, or
// returns nil. Positions are stated while the decision is proposed, and
// after the call by a leader who had not stated one and has not committed.
func CheckPosition(d Decision, p Pod, memberID int64, pos Position, reasoning string) error {
	if _, ok := p.Member(memberID); !ok {
		return Invalidf("Only %s's three leaders state positions on its decisions", p.Name)
	}
	pv := d.Perspective(memberID)
	if pv == nil {
		return Invalidf("That leader has no perspective on this decision")
	}
	if pos == PositionNone || !pos.Valid() {
		return Invalidf("Choose agree, disagree or abstain")
	}
	switch d.State {
	case DecisionProposed:
	case DecisionDecided:
		if pv.Commitment != CommitmentNone {
			return Invalidf("%s has already committed; the position they committed with stays on record", pv.Name)
		}
		if pv.Position != PositionNone && pv.Position != pos {
			return Invalidf("%s's position was on record when the call was made; it cannot change now", pv.Name)
		}
	default:
		return Invalidf("This decision is %s; positions can no longer change", strings.ToLower(d.State.Label()))
	}
	var ps problems
	checkLongText(&ps, "perspective."+string(pv.Role), pv.Name+"'s reasoning", strings.TrimSpace(reasoning), MaxDecisionText)
	return ps.err()
}

// CheckSupersede says why later may not supersede earlier, or returns nil:
// both of the same pod, different, earlier decided and not already
// replaced, later not itself superseded or reversed.
func CheckSupersede(earlier, later Decision) error {
	switch {
	case earlier.ID == 0 || later.ID == 0:
		return Invalidf("Save the new decision before linking it")
	case earlier.ID == later.ID:
		return Invalidf("A decision cannot supersede itself")
	case earlier.PodID != later.PodID:
		return Invalidf("A decision can only be superseded by a decision of the same pod")
	case earlier.State != DecisionDecided:
		return Invalidf("Only a decided decision can be superseded; “%s” is %s", earlier.Question, strings.ToLower(earlier.State.Label()))
	case earlier.SupersededByID != 0 && earlier.SupersededByID != later.ID:
		return Invalidf("“%s” has already been superseded", earlier.Question)
	case later.State != DecisionProposed && later.State != DecisionDecided:
		return Invalidf("A %s decision cannot supersede another", strings.ToLower(later.State.Label()))
	case later.SupersedesID != 0 && later.SupersedesID != earlier.ID:
		return Invalidf("“%s” already supersedes another decision", later.Question)
	}
	return nil
}

// CheckReverse says why d may not be reversed with reason, or returns nil.
func CheckReverse(d Decision, reason string) error {
	if !CanMove(d.State, DecisionReversed) {
		return Invalidf("Only a decided decision can be reversed; this one is %s", strings.ToLower(d.State.Label()))
	}
	var ps problems
	if strings.TrimSpace(reason) == "" {
		ps.add("reversed", "Say why the decision is reversed; the reason stays on record")
	}
	checkLongText(&ps, "reversed", "The reason for reversing", strings.TrimSpace(reason), MaxDecisionText)
	return ps.err()
}

// Commitments counts who has committed and who is outstanding.
func (d Decision) Commitments() (committed int, outstanding []string) {
	for _, pv := range d.Perspectives {
		if pv.Commitment != CommitmentNone {
			committed++
		} else {
			outstanding = append(outstanding, pv.Name)
		}
	}
	return committed, outstanding
}

// CommitmentSummary reads "committed 3/3" or "committed 2/3 — waiting for
// Sofia Lindqvist", or "" while the decision is still proposed.
func (d Decision) CommitmentSummary() string {
	if d.State == DecisionProposed || len(d.Perspectives) == 0 {
		return ""
	}
	n, waiting := d.Commitments()
	s := fmt.Sprintf("committed %d/%d", n, len(d.Perspectives))
	if len(waiting) > 0 && d.State == DecisionDecided {
		s += " — waiting for " + joinNames(waiting)
	}
	return s
}

// Dissenters names the leaders who disagreed.
func (d Decision) Dissenters() []string {
	var names []string
	for _, pv := range d.Perspectives {
		if pv.Dissent() {
			names = append(names, pv.Name)
		}
	}
	return names
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func orSomeone(name string) string {
	if name == "" {
		return "That person"
	}
	return name
}

// checkLongText validates multi-line free text: valid UTF-8, within max
// characters, and free of invisible controls (tabs and newlines are fine).
func checkLongText(ps *problems, field, label, value string, max int) {
	switch {
	case !utf8.ValidString(value):
		ps.add(field, "%s has characters that are not valid text", label)
	case utf8.RuneCountInString(value) > max:
		ps.add(field, "%s is too long (%d characters; at most %d)", label, utf8.RuneCountInString(value), max)
	case strings.IndexFunc(value, hiddenControl) >= 0:
		ps.add(field, "%s has invisible control characters; retype it", label)
	}
}

// DecisionFilter selects decisions for the pod-wide log.
type DecisionFilter struct {
	PodID    int64
	State    DecisionState // "" for any
	MemberID int64         // with Position: decisions where this leader took it
	Position Position      // "" for any
	From, To Date          // meeting days, inclusive; zero for open-ended
	Text     string        // what the user typed in the search box
	Limit    int           // at most this many; 0 for DefaultLogLimit
	Offset   int
}

// DefaultLogLimit is how many decisions the log shows at once.
const DefaultLogLimit = 200

// Validate checks the filter before it reaches the store.
func (f DecisionFilter) Validate() error {
	var ps problems
	if f.State != "" && !f.State.Valid() {
		ps.add("state", "Choose a state from the list")
	}
	if !f.Position.Valid() {
		ps.add("position", "Choose a position from the list")
	}
	if f.Position != PositionNone && f.MemberID == 0 {
		ps.add("member", "Choose whose position to filter by")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		ps.add("to", "The end date is before the start date")
	}
	if f.Limit < 0 || f.Offset < 0 {
		ps.add("limit", "The page of results is out of range")
	}
	return ps.err()
}

// DecisionEntry is one line of the decision log: the decision and, when
// the log answers a search, the highlighted question and snippet.
type DecisionEntry struct {
	Decision Decision
	Title    []Run // the question, with hits marked
	Snippet  []Run // the best-matching passage, with hits marked; nil without a search
}

// SearchHit is one match from the search index: a decision, an agenda
// item's title, notes or outcome, an action item or a deal request.
type SearchHit struct {
	Kind      string // HitDecision, HitAgendaItem, HitActionItem or HitDealRequest
	RefID     int64  // id of the decision (agenda item, action item, deal request)
	PodID     int64
	MeetingID int64 // 0 for a deal request, which belongs to no meeting
	// MeetingDate is the day of the meeting (zero for a deal request).
	MeetingDate Date
	Title       []Run
	Snippet     []Run
	// Score is how well the hit matches, higher is better (bm25); Seq
	// orders hits of equal score, newer is higher. See RankHits.
	Score float64
	Seq   int64
}
