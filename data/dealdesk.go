package data

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// DealState is where a deal-desk request is in its life.
type DealState string

const (
	DealPending          DealState = "pending"           // waiting for the Engineering Lead
	DealApproved         DealState = "approved"          // the rep may promise the feature
	DealRejected         DealState = "rejected"          // the rep may not; a reason is on record
	DealChangesRequested DealState = "changes_requested" // back to the rep to rework
	DealWithdrawn        DealState = "withdrawn"         // the rep dropped it
	DealNoSignOff        DealState = "no_signoff"        // below the rule: recorded, nobody needs to sign
)

// DealStates lists every state in the order filters show them.
var DealStates = []DealState{DealPending, DealChangesRequested, DealApproved, DealRejected, DealWithdrawn, DealNoSignOff}

// Label is how the state reads on screen.
func (s DealState) Label() string {
	switch s {
	case DealPending:
		return "Pending"
	case DealApproved:
		return "Approved"
	case DealRejected:
		return "Rejected"
	case DealChangesRequested:
		return "Changes requested"
	case DealWithdrawn:
		return "Withdrawn"
	case DealNoSignOff:
		return "No sign-off required"
	case "":
		return "New"
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s DealState) Valid() bool {
	for _, v := range DealStates {
		if v == s {
			return true
		}
	}
	return false
}

// Editable reports whether the request's fields may still change: once
// someone has decided on it, the record of what was decided stays as it was.
func (s DealState) Editable() bool {
	return s == DealPending || s == DealChangesRequested || s == DealNoSignOff
}

// DealAction is what someone does to a request.
type DealAction string

const (
	ActApprove        DealAction = "approve"
	ActReject         DealAction = "reject"
	ActRequestChanges DealAction = "request_changes"
	ActWithdraw       DealAction = "withdraw"
	ActResubmit       DealAction = "resubmit" // the rep saved the reworked request
	ActReopen         DealAction = "reopen"   // explicit: the only way out of a final state
)

// Label is the action's button text.
func (a DealAction) Label() string {
	switch a {
	case ActApprove:
		return "Approve"
	case ActReject:
		return "Reject"
	case ActRequestChanges:
		return "Request changes"
	case ActWithdraw:
		return "Withdraw"
	case ActResubmit:
		return "Resubmit"
	case ActReopen:
		return "Reopen"
	}
	return string(a)
}

// NeedsComment reports whether the action must say why. A rejection without
// a reason, or a reopened decision without one, leaves the rep guessing.
func (a DealAction) NeedsComment() bool {
	return a == ActReject || a == ActRequestChanges || a == ActReopen
}

// NextState applies action to a request in state from. needsSignOff is the
// request's rule: a reopened or resubmitted request that needs no sign-off
// goes back to "no sign-off required" rather than into the queue.
// Approved and rejected are final: only ActReopen leaves them.
func NextState(from DealState, action DealAction, needsSignOff bool) (DealState, error) {
	back := DealNoSignOff
	if needsSignOff {
		back = DealPending
	}
	switch action {
	case ActApprove, ActReject, ActRequestChanges:
		if from != DealPending {
			return from, Conflictf("Only a pending request can be %s; this one is %s", map[DealAction]string{
				ActApprove: "approved", ActReject: "rejected", ActRequestChanges: "sent back for changes"}[action],
				strings.ToLower(from.Label()))
		}
		return map[DealAction]DealState{ActApprove: DealApproved, ActReject: DealRejected,
			ActRequestChanges: DealChangesRequested}[action], nil
	case ActWithdraw:
		if !from.Editable() {
			return from, Conflictf("A request that is %s cannot be withdrawn; reopen it first", strings.ToLower(from.Label()))
		}
		return DealWithdrawn, nil
	case ActResubmit:
		if from != DealChangesRequested {
			return from, Conflictf("Only a request sent back for changes can be resubmitted; this one is %s", strings.ToLower(from.Label()))
		}
		return back, nil
	case ActReopen:
		if from != DealApproved && from != DealRejected && from != DealWithdrawn {
			return from, Conflictf("Only an approved, rejected or withdrawn request can be reopened; this one is %s", strings.ToLower(from.Label()))
		}
		return back, nil
	}
	return from, Invalidf("Unknown deal-desk action %q", action)
}

// DealRequest asks Engineering's permission to promise a feature in a contract.
type DealRequest struct {
	ID              int64
	UID             string // global id, the same on every laptop of a team
	PodID           int64
	PodName         string // filled in by the store for cross-pod lists
	Customer        string // the account
	DealName        string
	Value           Money // ARR
	CloseDate       Date  // expected; optional
	RepName         string
	RepEmail        string
	Features        string // what the customer wants
	NeedsNewFeature bool
	Terms           string // non-standard terms
	Notes           string
	ReceivedAt      time.Time // when the request reached the desk; UTC in the store

	// The rule that applied when the request was received. It is kept with
	// the request so that changing the settings later never moves a due time.
	Rule  DealRule
	State DealState
	DueAt time.Time // zero when no sign-off is needed
	// SLAStartedAt is when the current round's sign-off clock started: the
	// resubmission or reopening that put it back in the queue; zero while
	// the clock runs from ReceivedAt.
	SLAStartedAt time.Time
	Reminded     []ReminderKind

	// SignOffChange is set when the latest edit that changed whether the
	// request needs a sign-off did so ("dropped" or "added"), at SignOffChangedAt.
	SignOffChange    SignOffChange
	SignOffChangedAt time.Time

	CreatedAt time.Time
	UpdatedAt time.Time
	DecidedAt time.Time // last approve/reject/changes; zero while undecided

	LastComment string // the latest history line's comment since receipt, e.g. the reason for a rejection
}

// DealRule is the part of a pod's settings a request is judged by.
type DealRule struct {
	Threshold Money
	SLA       time.Duration
	Currency  string
}

// RuleFrom takes the deal-desk rule out of a pod's effective settings.
func RuleFrom(s Settings) DealRule {
	return DealRule{Threshold: s.DealThreshold, SLA: s.SignOffSLA, Currency: s.Currency}
}

// NeedsSignOff is the deal-desk rule: the Engineering Lead signs off a
// request worth more than the threshold that needs a new feature. A value
// exactly at the threshold does not need it.
func NeedsSignOff(value Money, needsNewFeature bool, threshold Money) bool {
	return needsNewFeature && value > threshold
}

// DueAt is when the sign-off is due: received plus the SLA, in UTC, so a
// daylight-saving change or a laptop moving time zone never moves it.
func DueAt(received time.Time, sla time.Duration) time.Time {
	return received.UTC().Add(sla)
}

// NeedsSignOff applies the request's recorded rule to its current fields.
func (r DealRequest) NeedsSignOff() bool {
	return NeedsSignOff(r.Value, r.NeedsNewFeature, r.Rule.Threshold)
}

// ApplyRule records rule on r and sets its due time from it: the SLA
// after the current round's clock started.
func (r *DealRequest) ApplyRule(rule DealRule) {
	r.Rule = rule
	r.ReceivedAt = r.ReceivedAt.UTC()
	r.DueAt = time.Time{}
	if r.NeedsSignOff() {
		r.DueAt = DueAt(r.ClockStart(), rule.SLA)
	}
}

// ClockStart is when the current round's sign-off clock started.
func (r DealRequest) ClockStart() time.Time {
	if !r.SLAStartedAt.IsZero() {
		return r.SLAStartedAt.UTC()
	}
	return r.ReceivedAt.UTC()
}

// Normalize trims what was typed.
func (r *DealRequest) Normalize() {
	r.Customer = CleanLine(r.Customer)
	r.DealName = CleanLine(r.DealName)
	r.RepName = CleanLine(r.RepName)
	r.RepEmail = strings.TrimSpace(r.RepEmail)
	r.Features = strings.TrimSpace(r.Features)
	r.Terms = strings.TrimSpace(r.Terms)
	r.Notes = strings.TrimSpace(r.Notes)
}

// Limits on a request's free text: a feature description is a few
// paragraphs, not a pasted specification. They are also what a word-wrapped
// entry can edit without lag.
const (
	MaxDealFeaturesLen = 5000
	MaxDealTermsLen    = 5000
	MaxDealNotesLen    = 5000
)

// Validate checks a request against now (a request cannot arrive in the
// future) and returns every problem at once. Fields are "pod", "customer",
// "deal_name", "value", "rep_name", "rep_email", "features", "terms",
// "notes" and "received_at".
func (r DealRequest) Validate(now time.Time) error {
	var ps problems
	if r.PodID == 0 {
		ps.add("pod", "Choose the pod whose Engineering Lead signs off")
	}
	if r.Customer == "" {
		ps.add("customer", "Enter the customer (account) the deal is with")
	} else {
		checkName(&ps, "customer", "The customer", r.Customer, true)
	}
	checkName(&ps, "deal_name", "The deal", r.DealName, false)
	if r.Value < 0 {
		ps.add("value", "The deal value cannot be negative")
	}
	if r.RepName == "" {
		ps.add("rep_name", "Enter the sales rep who asks")
	} else {
		checkName(&ps, "rep_name", "The sales rep", r.RepName, true)
	}
	if msg := CheckEmail(r.RepEmail); msg != "" {
		ps.add("rep_email", "%s", msg)
	}
	if r.Features == "" {
		ps.add("features", "Describe the feature(s) the customer wants")
	}
	checkText(&ps, "features", "The feature description", r.Features, MaxDealFeaturesLen)
	checkText(&ps, "terms", "The non-standard terms", r.Terms, MaxDealTermsLen)
	checkText(&ps, "notes", "The notes", r.Notes, MaxDealNotesLen)
	switch {
	case r.ReceivedAt.IsZero():
		ps.add("received_at", "Enter when the request was received")
	case r.ReceivedAt.After(now.Add(time.Minute)): // a minute's grace for clocks read a moment apart
		ps.add("received_at", "The request cannot have been received in the future (%s is after now)",
			r.ReceivedAt.Local().Format("Mon 2 Jan 15:04"))
	}
	return ps.err()
}

// DealDecision is one person acting on a request.
type DealDecision struct {
	RequestID int64
	Action    DealAction
	// Delegate is one of the pod's named delegates deciding for the Tech
	// Lead; "" when the Tech Lead decides. Withdrawals are the rep's and
	// take no delegate.
	Delegate string
	// RecordedBy is who keyed the decision in at this laptop; "" is the
	// pod's facilitator. When it is not the person deciding, the history
	// says so ("recorded by Sam Lee for Priya Raman (Tech Lead)").
	RecordedBy string
	Comment    string
}

// Validate checks the decision before anything is written.
func (d DealDecision) Validate() error {
	var ps problems
	if d.RequestID == 0 {
		ps.add("request", "Choose a request")
	}
	if d.Action.NeedsComment() && strings.TrimSpace(d.Comment) == "" {
		switch d.Action {
		case ActReject:
			ps.add("comment", "Give the reason for rejecting, so the rep can tell the customer")
		case ActRequestChanges:
			ps.add("comment", "Say what the rep should change")
		default:
			ps.add("comment", "Say why the decision is reopened")
		}
	}
	checkText(&ps, "comment", "The comment", d.Comment, MaxNoteLen)
	checkName(&ps, "delegate", "The delegate", CleanLine(d.Delegate), false)
	checkName(&ps, "recorded_by", "Who records the decision", CleanLine(d.RecordedBy), false)
	if d.Action == ActWithdraw && CleanLine(d.Delegate) != "" {
		ps.add("delegate", "A withdrawal is the sales rep's; it takes no delegate")
	}
	return ps.err()
}

// DealEvent is one line of a request's history. History is append-only:
// the store refuses to change or delete a line.
type DealEvent struct {
	ID         int64
	RequestID  int64
	At         time.Time
	Actor      string // who acted: the Tech Lead, a delegate, or the rep
	OnBehalfOf string // the approver a delegate signed for; "" otherwise
	RecordedBy string // who keyed it in, when not the actor; "" otherwise
	From, To   DealState
	Comment    string
	// Changes lists what an edit changed, field by field.
	Changes []FieldChange
	// SignOffChange is set on an edit that changed whether the request
	// needs a sign-off.
	SignOffChange SignOffChange
}

// Who is "Priya Raman (Tech Lead)", "Marta Silva for Priya Raman (Tech
// Lead)" when a delegate acted, and "recorded by Sam Lee for Priya Raman
// (Tech Lead)" when someone else keyed in the Tech Lead's decision.
func (e DealEvent) Who() string {
	switch {
	case e.OnBehalfOf != "" && e.RecordedBy != "":
		return e.Actor + " for " + e.OnBehalfOf + ", recorded by " + e.RecordedBy
	case e.OnBehalfOf != "":
		return e.Actor + " for " + e.OnBehalfOf
	case e.RecordedBy != "":
		return "recorded by " + e.RecordedBy + " for " + e.Actor
	}
	return e.Actor
}

// Change is "Pending → Approved", or "Recorded · Pending" for the first line.
func (e DealEvent) Change() string {
	if e.From == "" {
		return "Recorded · " + e.To.Label()
	}
	if e.From == e.To {
		return "Edited · " + e.To.Label()
	}
	if e.SignOffChange != "" {
		return "Edited · " + e.From.Label() + " → " + e.To.Label()
	}
	return e.From.Label() + " → " + e.To.Label()
}

// ReminderKind is a moment the Engineering Lead is reminded of a request.
type ReminderKind string

const (
	ReminderSoon    ReminderKind = "soon"    // 80% of the SLA has passed
	ReminderOverdue ReminderKind = "overdue" // the SLA has passed
)

// ReminderKinds lists the reminders in the order they fire.
var ReminderKinds = []ReminderKind{ReminderSoon, ReminderOverdue}

// ReminderAt is when kind fires for r: at 80% of its SLA, or at its due time.
func (r DealRequest) ReminderAt(kind ReminderKind) time.Time {
	if kind == ReminderSoon {
		return r.ClockStart().Add(r.Rule.SLA * 8 / 10)
	}
	return r.DueAt
}

// RemindersDue returns the reminders that have come due for r at now and
// have not fired yet, earliest first. Only pending requests with a due
// time are reminded. The caller records each one as fired, so each fires
// once per request, even across restarts.
func RemindersDue(r DealRequest, now time.Time) []ReminderKind {
	if r.State != DealPending || r.DueAt.IsZero() {
		return nil
	}
	var due []ReminderKind
	for _, k := range ReminderKinds {
		if r.HasReminded(k) || now.Before(r.ReminderAt(k)) {
			continue
		}
		due = append(due, k)
	}
	return due
}

// HasReminded reports whether kind has already fired for r.
func (r DealRequest) HasReminded(kind ReminderKind) bool {
	for _, k := range r.Reminded {
		if k == kind {
			return true
		}
	}
	return false
}

// Urgency is how a pending request's due time reads at a glance.
type Urgency int

const (
	UrgencyNone    Urgency = iota // no due time (not pending, or no sign-off needed)
	UrgencyOK                     // more than 4 hours left
	UrgencySoon                   // under 4 hours left: amber
	UrgencyOverdue                // past due: red
)

// SoonWindow is how close to due a request turns amber.
const SoonWindow = 4 * time.Hour

// UrgencyAt classifies r at now.
func (r DealRequest) UrgencyAt(now time.Time) Urgency {
	if r.State != DealPending || r.DueAt.IsZero() {
		return UrgencyNone
	}
	left := r.DueAt.Sub(now)
	switch {
	case left <= 0:
		return UrgencyOverdue
	case left < SoonWindow:
		return UrgencySoon
	}
	return UrgencyOK
}

// TimeLeft is "5 h 12 m left" or "overdue by 3 h"; "" when r has no due time.
func (r DealRequest) TimeLeft(now time.Time) string {
	if r.State != DealPending || r.DueAt.IsZero() {
		return ""
	}
	left := r.DueAt.Sub(now)
	if left <= 0 {
		return "overdue by " + FormatSpan(-left)
	}
	return FormatSpan(left) + " left"
}

// FormatSpan renders a duration to the minute, coarsely: "2 d 3 h",
// "5 h 12 m", "3 h", "42 m", "under 1 m". Seconds are rounded down so a
// countdown never shows more time than there is.
func FormatSpan(d time.Duration) string {
	d = d.Truncate(time.Minute)
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d m", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	case mins > 0:
		return fmt.Sprintf("%d m", mins)
	}
	return "under 1 m"
}

// QueueTotals sum up a list of requests for the queue's header.
type QueueTotals struct {
	Pending    int
	Overdue    int
	PendingARR map[string]Money // by currency; pods can use different ones
}

// ARRText is "$1.2M" or "$300k + €80k".
func (t QueueTotals) ARRText() string {
	if len(t.PendingARR) == 0 {
		return Money(0).Short("USD")
	}
	codes := make([]string, 0, len(t.PendingARR))
	for c := range t.PendingARR {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = t.PendingARR[c].Short(c)
	}
	return strings.Join(parts, " + ")
}

// Totals counts the pending and overdue requests in reqs and their ARR.
func Totals(reqs []DealRequest, now time.Time) QueueTotals {
	t := QueueTotals{PendingARR: map[string]Money{}}
	for _, r := range reqs {
		if r.State != DealPending {
			continue
		}
		t.Pending++
		t.PendingARR[r.Rule.Currency] += r.Value
		if r.UrgencyAt(now) == UrgencyOverdue {
			t.Overdue++
		}
	}
	return t
}

// SortQueue orders requests for the queue: pending ones first by due time
// (most urgent on top), then the rest by their last change, most recent
// first, so this week's decisions sit right under the open requests.
func SortQueue(reqs []DealRequest) {
	sort.SliceStable(reqs, func(i, j int) bool {
		a, b := reqs[i], reqs[j]
		ap, bp := a.State == DealPending, b.State == DealPending
		if ap != bp {
			return ap
		}
		if ap && !a.DueAt.Equal(b.DueAt) {
			return a.DueAt.Before(b.DueAt)
		}
		if !ap && !a.UpdatedAt.Equal(b.UpdatedAt) {
			return a.UpdatedAt.After(b.UpdatedAt)
		}
		if !a.ReceivedAt.Equal(b.ReceivedAt) {
			return a.ReceivedAt.After(b.ReceivedAt)
		}
		return a.ID > b.ID
	})
}

// DefaultConcentrationLimit is the share of committed ARR one customer may
// hold before Triad warns of sales-driven development.
const DefaultConcentrationLimit Percent = 4000

// CustomerShare is one customer's part of a pod's committed ARR.
type CustomerShare struct {
	Customer string
	ARR      Money
	Share    Percent // of the pod's committed ARR
}

// Commits reports whether r is a feature commitment in force: approved by
// the Engineering Lead, or below the threshold yet still promising a new
// feature. Both bind the roadmap to one customer's contract.
func (r DealRequest) Commits() bool {
	return r.State == DealApproved || (r.State == DealNoSignOff && r.NeedsNewFeature)
}

// Concentration returns each customer's share of the committed ARR in reqs,
// largest first. Customers are matched ignoring case and spacing, so
// "Acme Corp" and "acme  corp" are one account.
func Concentration(reqs []DealRequest) (total Money, shares []CustomerShare) {
	index := map[string]int{}
	for _, r := range reqs {
		if !r.Commits() {
			continue
		}
		key := strings.ToLower(CleanLine(r.Customer))
		i, ok := index[key]
		if !ok {
			i = len(shares)
			index[key] = i
			shares = append(shares, CustomerShare{Customer: CleanLine(r.Customer)})
		}
		shares[i].ARR += r.Value
		total += r.Value
	}
	for i := range shares {
		if total > 0 {
			// Basis points, rounded down so 40.004% does not read as over 40%.
			shares[i].Share = Percent(int64(shares[i].ARR) * 10000 / int64(total))
		}
	}
	sort.SliceStable(shares, func(i, j int) bool {
		if shares[i].ARR != shares[j].ARR {
			return shares[i].ARR > shares[j].ARR
		}
		return shares[i].Customer < shares[j].Customer
	})
	return total, shares
}

// DealDigest is the deal desk as a meeting sees it: what came in and what
// was decided since the last meeting, and what is overdue now.
type DealDigest struct {
	Received []DealRequest // received since, newest first
	Decided  []DealRequest // decided since, newest first
	Overdue  []DealRequest // pending past due, most overdue first
}

// shortText cuts s to n characters with an ellipsis, for one-line summaries.
func shortText(s string, n int) string {
	s = CleanLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Summary is "Acme Corp — Renewal 2027" for lists.
func (r DealRequest) Summary() string {
	if r.DealName == "" {
		return shortText(r.Customer, 80)
	}
	return shortText(r.Customer+" — "+r.DealName, 80)
}

// DealFilter picks requests for a deal-desk list. Zero fields match all.
type DealFilter struct {
	PodID  int64
	States []DealState
}

// DealDeskStore keeps feature-commitment requests and their history.
type DealDeskStore interface {
	// CreateDealRequest records a request under its pod's current rule.
	CreateDealRequest(ctx context.Context, r DealRequest) (DealRequest, error)
	// UpdateDealRequest saves edited fields. The recorded rule stays; a
	// request sent back for changes is resubmitted by saving it.
	UpdateDealRequest(ctx context.Context, r DealRequest) (DealRequest, error)
	DealRequest(ctx context.Context, id int64) (DealRequest, error)
	DealRequests(ctx context.Context, f DealFilter) ([]DealRequest, error) // queue order (SortQueue)
	DealHistory(ctx context.Context, requestID int64) ([]DealEvent, error) // oldest first
	// DecideDealRequest applies a decision and appends it to the history.
	DecideDealRequest(ctx context.Context, d DealDecision) (DealRequest, error)
	// MarkDealReminder records that a reminder fired; false when it already had.
	MarkDealReminder(ctx context.Context, requestID int64, kind ReminderKind) (bool, error)
	// DealDigest is what a pod's meeting reviews: received and decided since, and overdue at now.
	DealDigest(ctx context.Context, podID int64, since, now time.Time) (DealDigest, error)
}
