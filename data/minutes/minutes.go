// Package minutes renders one meeting's minutes as a PDF. Its input is the
// plain Minutes value below, filled by whoever reads the meeting from the
// store; this package knows nothing of SQL or of the window, and it never
// reads the clock: the same Minutes always renders to the same bytes.
//
// Every string in Minutes is treated as untrusted text typed by a person:
// it may hold emoji, right-to-left script, bidi overrides, control
// characters or 100,000 characters, and the renderer copes with all of it
// (see text.go).
package minutes

import (
	"time"

	"triad/data"
	"triad/data/chart"
)

// Minutes is everything the PDF shows about one weekly meeting.
type Minutes struct {
	Pod         string    // the pod's name
	Date        data.Date // the meeting's day
	Start, End  time.Time // when it started and ended, in the pod's local zone; zero when not recorded
	Facilitator string    // who ran the meeting (also the PDF's author)
	Currency    string    // ISO code for every amount, e.g. "USD"

	Attendance Attendance
	Agenda     []AgendaItem
	// AgendaTaken is the minutes the agenda took in all: the items' clock
	// time summed to the second and rounded once, so it agrees with the
	// meeting's clock rather than with a sum of rounded items.
	AgendaTaken int
	Decisions   []Decision
	DealDesk    DealDesk
	Roadmap     *DebtCheck     // nil when no debt check was taken this week
	Charts      []chart.Figure // trend charts, drawn in order
	Revenue     []RevenueGoal  // progress toward each feature's revenue goal
	Celebrate   string         // e.g. "SSO passed its $250,000 goal"; empty for none
	Actions     Actions
	// NextMeeting is the next meeting's day; zero when none is planned.
	NextMeeting data.Date

	// GeneratedAt is printed in the footer and is the PDF's creation date:
	// a closed meeting's close (so re-rendering gives identical bytes), or
	// the real time of generation for a meeting that is not closed. It is
	// in the pod's zone. When zero, the meeting's end (or its day) is used.
	GeneratedAt time.Time

	// Draft, when set, says why these are not the minutes of record (the
	// meeting is not closed); every page is marked DRAFT.
	Draft string
	// Notice, when set, is printed under the header: how far the record
	// behind these minutes can be trusted.
	Notice string
	// History lists the meeting's closes and reopens, oldest first, each
	// with who and when (and why, for a reopen).
	History []string
	// LateCommitments are commitments to decisions of earlier meetings
	// that came in after those meetings closed.
	LateCommitments []LateCommitment
}

// LateCommitment is one leader's commitment to an earlier meeting's
// decision, recorded after that meeting closed.
type LateCommitment struct {
	Question   string    // the decision's question
	DecidedOn  data.Date // the meeting it was decided in
	Member     string
	Role       string
	Commitment Commitment
	At         time.Time // when it was recorded, in the pod's zone
}

// Person is someone in the room, or someone who should have been.
type Person struct {
	Name  string
	Role  string // "Tech Lead", or a guest's reason to be there: "Sales Director"
	Email string // optional; used to address the mail draft
}

// Attendance lists who was there.
type Attendance struct {
	Present []Person // pod members who attended
	Absent  []Person // pod members who did not
	Guests  []Person // invited non-members; Role says why they came
}

// AgendaItem is one topic discussed.
type AgendaItem struct {
	Title       string
	Presenter   string
	Kind        string    // "Feature proposal", "Deal desk", "Roadmap", ...
	Planned     int       // minutes allotted
	Actual      int       // minutes spent; 0 when not timed
	CarriedFrom data.Date // the meeting this item was carried over from; zero for a new item
	CarriesOver bool      // comes back at the next meeting (not reached, or marked to carry over)
	Notes       string
	Outcome     string  // what was concluded, in words
	OutcomeType Outcome // its kind, shown as a tag
	// Questions holds the Triad's three answers; nil when the item did
	// not go through them (e.g. a status update).
	Questions *TriadAnswers
	// Logged: a decision in the minutes' decision log came from this item,
	// so its decision outcome is that decision, not one more.
	Logged bool
}

// Outcome is how an agenda item ended: the outcome types a facilitator
// picks from (data.OutcomeTypes), or none.
type Outcome string

const (
	OutcomeNone     Outcome = ""
	OutcomeNoted    Outcome = "noted"    // an information item
	OutcomeDecision Outcome = "decision" // a decision was taken
	OutcomeAction   Outcome = "action"   // an action was agreed
)

// Label is how the outcome reads in the minutes.
func (o Outcome) Label() string {
	switch o {
	case OutcomeNoted:
		return "Noted"
	case OutcomeDecision:
		return "Decision"
	case OutcomeAction:
		return "Action"
	case OutcomeNone:
		return "No outcome recorded"
	}
	return string(o)
}

// Verdict answers a yes/no Triad question.
type Verdict string

const (
	VerdictUnanswered  Verdict = ""
	VerdictYes         Verdict = "yes"
	VerdictNo          Verdict = "no"
	VerdictWithChanges Verdict = "with_changes"
)

// Label is how the verdict reads: "Yes", "No", "With changes", "Not answered".
func (v Verdict) Label() string {
	switch v {
	case VerdictYes:
		return "Yes"
	case VerdictNo:
		return "No"
	case VerdictWithChanges:
		return "With changes"
	case VerdictUnanswered:
		return "Not answered"
	}
	return string(v)
}

// TriadAnswers are the three questions every proposal answers, each from
// its own side of the company.
type TriadAnswers struct {
	// Engineering: can we build it, and how long will it take?
	CanBuild   Verdict
	HowLong    string // "6–8 weeks"
	EngineerBy string // who answered

	// Product: should we build it; does it solve the customer's problem?
	ShouldBuild   Verdict
	SolvesProblem string
	ProductBy     string

	// Sales / GTM: can we sell it, and what will customers pay?
	CanSell     Verdict
	WillPay     data.Money // the amount read from WillPaySaid; 0 when none
	WillPaySaid string     // the PMM's words: "8 USD per merchant a month"
	GTMBy       string
}

// Decision is one question the Triad settled (or failed to).
type Decision struct {
	Question  string
	Options   []string // the options considered, the chosen one among them
	Chosen    string   // empty while undecided
	Why       string
	Decider   string
	Positions []Position
}

// Committed counts the members who committed (or disagreed and committed)
// to a decision taken, and names those still to commit.
func (dc Decision) Committed() (n, of int, waiting []string) {
	for _, p := range dc.Positions {
		of++
		if p.Commitment == Commit || p.Commitment == DisagreeAndCommit {
			n++
		} else {
			waiting = append(waiting, p.Member)
		}
	}
	return n, of, waiting
}

// Stance is a member's view of the decision.
type Stance string

const (
	StanceAgree    Stance = "agree"
	StanceDisagree Stance = "disagree"
	StanceAbstain  Stance = "abstain"
)

// Label is how the stance reads.
func (s Stance) Label() string {
	switch s {
	case StanceAgree:
		return "Agrees"
	case StanceDisagree:
		return "Disagrees"
	case StanceAbstain:
		return "Abstains"
	}
	return "No position"
}

// Commitment is whether a member will carry out the decision.
type Commitment string

const (
	Commit                Commitment = "commit"
	DisagreeAndCommit     Commitment = "disagree_and_commit"
	CommitmentOutstanding Commitment = "outstanding"
)

// Label is how the commitment reads.
func (c Commitment) Label() string {
	switch c {
	case Commit:
		return "Commits"
	case DisagreeAndCommit:
		return "Disagrees and commits"
	case CommitmentOutstanding, "":
		return "Not yet committed"
	}
	return string(c)
}

// Position is one member's stance on a decision, with reasons.
type Position struct {
	Member     string
	Role       string // "Tech Lead"
	Stance     Stance
	Reasoning  string
	Commitment Commitment
}

// DealDesk is the week's deal-desk activity: deals above the threshold
// that need a new feature need the Tech Lead's sign-off within the SLA.
type DealDesk struct {
	Threshold data.Money    // requests above this that need a new feature need sign-off
	SLA       time.Duration // time allowed to sign off
	Requests  []DealRequest // received since the last meeting, or still open
	SignOffs  []SignOff     // given since the last meeting
}

// DealRequest is a request for a non-standard deal.
type DealRequest struct {
	Customer    string
	Value       data.Money
	Ask         string // what the customer wants: "custom SSO, 3-year price lock"
	RequestedBy string
	State       string        // as the deal desk names it: "Awaiting sign-off", "Signed off"
	Waiting     time.Duration // how long the current round has waited for sign-off so far (open requests)
	Overdue     bool          // waited past the SLA without a sign-off

	Received time.Time // when it reached the desk, in the minutes' zone
	// Round is when the current sign-off round started, when that was not
	// receipt: RoundLabel says how ("Resubmitted", "Reopened", ...).
	Round      time.Time
	RoundLabel string
	Due        time.Time // zero when no sign-off is needed
	Paused     bool      // changes requested: the SLA clock waits for the rep
	// SignOffEdit is set when an edit changed whether the request needs a
	// sign-off: what the edit changed, and when.
	SignOffEdit string
}

// SignOff is a sign-off given on a request.
type SignOff struct {
	Customer   string
	Value      data.Money
	Approver   string        // the member who signed
	OnBehalfOf string        // set when Approver signed as a delegate for this member
	RecordedBy string        // who keyed the decision in, when not Approver
	Approved   bool          // false: the request was turned down
	Took       time.Duration // from the request to the sign-off
}

// Band is the roadmap's maintenance health.
type Band string

const (
	BandGreen Band = "green" // at or above quota
	BandAmber Band = "amber" // a little under
	BandRed   Band = "red"   // well under: debt is piling up
)

// Label is how the band reads, in the words of the window and the
// trend chart's legend.
func (b Band) Label() string {
	switch b {
	case BandGreen:
		return "On target"
	case BandAmber:
		return "Close to target"
	case BandRed:
		return "Off target"
	}
	return string(b)
}

// DebtCheck is the roadmap's technical-debt check as taken in the meeting.
type DebtCheck struct {
	Ratio     data.Percent // share of roadmap items that are maintenance
	Quota     data.Percent // the share the pod committed to
	Band      Band
	Shortfall string      // one sentence, e.g. "2 maintenance items short of the 20% quota"
	Counts    []Count     // e.g. features 12, maintenance 2
	Response  PMMResponse // the Product Marketing Manager's answer to the check
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// ResponseState is how the PMM answered the debt check.
type ResponseState string

const (
	ResponsePending  ResponseState = ""
	ResponseAccepted ResponseState = "accepted"
	ResponseDisputed ResponseState = "disputed"
)

// Label is how the response reads.
func (r ResponseState) Label() string {
	switch r {
	case ResponseAccepted:
		return "Accepted"
	case ResponseDisputed:
		return "Disputed"
	}
	return "No response yet"
}

// PMMResponse is the Product Marketing Manager's answer to the debt check.
type PMMResponse struct {
	State   ResponseState
	By      string
	Comment string
}

// RevenueGoal is one feature's progress toward the revenue it was built to earn.
type RevenueGoal struct {
	Feature string
	Goal    data.Money
	Actual  data.Money
}

// Actions are the action items, grouped the way the meeting reviews them.
type Actions struct {
	New         []ActionItem // agreed in this meeting
	CarriedOver []ActionItem // open from earlier meetings, not yet due
	Done        []ActionItem // completed since the last meeting
	Overdue     []ActionItem // open and past their due date
}

// ActionItem is a piece of work someone owns.
type ActionItem struct {
	Text        string
	Owner       string
	OwnerID     int64     // the attendee who owns it (of the meeting it came from); 0 for nobody
	Due         data.Date // zero when no due date was set
	DoneOn      data.Date // for done items
	CarriedFrom data.Date // the meeting it was first agreed in, for carried items
	// Changes are the re-datings and reassignments since the last meeting,
	// each with who and when: "Re-dated from … to … by Sam Lee, Tue 1 Dec".
	Changes []string
}
