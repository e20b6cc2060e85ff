package data

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// DebtBand is how a pod stands against its maintenance quota.
type DebtBand string

const (
	BandOnTarget  DebtBand = "on_target"  // at or above the quota
	BandClose     DebtBand = "close"      // less than CloseBand below it
	BandOffTarget DebtBand = "off_target" // further below
	BandNoPlan    DebtBand = "no_plan"    // no estimated committed work in the window
)

// CloseBand is how far below the quota still counts as close: 5 points.
const CloseBand Percent = 500

// Label is how the band reads on screen.
func (b DebtBand) Label() string {
	switch b {
	case BandOnTarget:
		return "On target"
	case BandClose:
		return "Close to target"
	case BandOffTarget:
		return "Off target"
	case BandNoPlan:
		return "Nothing planned"
	}
	return string(b)
}

// Valid reports whether b is a known band.
func (b DebtBand) Valid() bool {
	return b == BandOnTarget || b == BandClose || b == BandOffTarget || b == BandNoPlan
}

// ItemRef names an item in a result without copying all of it.
type ItemRef struct {
	ID    int64
	Title string
}

// DebtCheck is the roadmap debt check of a pod over a planning window: the
// share of committed effort that is maintenance, against the quota.
type DebtCheck struct {
	Window QuarterRange
	Quota  Percent
	Unit   EffortUnit

	Maintenance Effort  // estimated maintenance effort
	Total       Effort  // estimated effort of every committed item
	Ratio       Percent // Maintenance / Total, rounded down; 0 when Total is 0
	Band        DebtBand
	// Shortfall is the maintenance effort to add to reach the quota; 0 when
	// on target. Unreachable is set when adding maintenance cannot reach it
	// (a 100% quota with features planned).
	Shortfall   Effort
	Unreachable bool

	MaintenanceItems int       // committed maintenance items in the window
	FeatureItems     int       // committed feature items in the window
	Unestimated      []ItemRef // committed items in the window with no effort: flagged, not weighed
}

// Items is how many committed items the window holds, estimated or not.
func (c DebtCheck) Items() int { return c.MaintenanceItems + c.FeatureItems }

// CheckDebt computes the debt check: of the planned and in-progress items
// whose target quarter is in the window, maintenance effort divided by total
// effort, compared with quota. Items without an effort cannot be weighed;
// they are counted and listed in Unestimated so nobody mistakes a partial
// answer for a whole one. Comparisons are done in integers so 19.99%
// against 20% is "close", never rounded to "on target".
func CheckDebt(items []RoadmapItem, window QuarterRange, quota Percent, unit EffortUnit) DebtCheck {
	c := DebtCheck{Window: window, Quota: quota, Unit: unit}
	for _, it := range items {
		if !it.Status.Committed() || !window.Contains(it.Target) {
			continue
		}
		if it.Kind == KindMaintenance {
			c.MaintenanceItems++
		} else {
			c.FeatureItems++
		}
		if it.Effort == nil {
			c.Unestimated = append(c.Unestimated, ItemRef{ID: it.ID, Title: it.Title})
			continue
		}
		c.Total += *it.Effort
		if it.Kind == KindMaintenance {
			c.Maintenance += *it.Effort
		}
	}
	sort.SliceStable(c.Unestimated, func(i, j int) bool { return c.Unestimated[i].Title < c.Unestimated[j].Title })
	c.Judge()
	return c
}

// Judge sets the ratio, band, shortfall and unreachable flag from the
// check's Maintenance, Total and Quota. It is the whole judgement, so a
// recorded snapshot can be judged again from its own figures.
func (c *DebtCheck) Judge() {
	c.Ratio, c.Band, c.Shortfall, c.Unreachable = 0, BandNoPlan, 0, false
	if c.Total == 0 {
		return
	}
	m, t, q := int64(c.Maintenance), int64(c.Total), int64(c.Quota)
	c.Ratio = Percent(m * 10000 / t)
	switch {
	case m*10000 >= q*t:
		c.Band = BandOnTarget
	case m*10000 >= (q-int64(CloseBand))*t:
		c.Band = BandClose
	default:
		c.Band = BandOffTarget
	}
	if c.Band != BandOnTarget {
		// Adding x of maintenance: (m+x)/(t+x) >= q  <=>  x >= (q·t − m)/(1 − q).
		if q >= 10000 {
			c.Unreachable = true
			c.Shortfall = Effort(t - m)
		} else {
			need := q*t - 10000*m
			c.Shortfall = Effort((need + (10000 - q) - 1) / (10000 - q))
		}
	}
}

// Headline is the one line a triad reads first: "18.5% maintenance against a 20% quota".
func (c DebtCheck) Headline() string {
	if c.Band == BandNoPlan {
		return fmt.Sprintf("No estimated work planned for %s", c.Window)
	}
	return fmt.Sprintf("%s maintenance against a %s quota", c.Ratio.Format(), c.Quota.Format())
}

// Advice says what to do: "Add 6 points of maintenance to reach 20%."
func (c DebtCheck) Advice() string {
	switch {
	case c.Band == BandNoPlan && len(c.Unestimated) > 0:
		return fmt.Sprintf("Estimate the %d planned items to see the split.", len(c.Unestimated))
	case c.Band == BandNoPlan:
		return "Plan items for this window to see the split."
	case c.Band == BandOnTarget:
		return fmt.Sprintf("%s of %s are maintenance: the quota is met.", c.Maintenance.Number(), c.Total.Format(c.Unit))
	case c.Unreachable:
		return fmt.Sprintf("A %s quota leaves no room for features: move %s of feature work out of the window.", c.Quota.Format(), c.Shortfall.Format(c.Unit))
	}
	return fmt.Sprintf("Add %s of maintenance to reach %s.", c.Shortfall.Format(c.Unit), c.Quota.Format())
}

// UnestimatedNote flags the items the ratio could not weigh, or "".
func (c DebtCheck) UnestimatedNote() string {
	switch n := len(c.Unestimated); {
	case n == 0:
		return ""
	case n == 1:
		return fmt.Sprintf("1 planned item has no effort and is not in the ratio: %s", c.Unestimated[0].Title)
	default:
		names := ""
		for i, r := range c.Unestimated {
			if i == 3 {
				names += fmt.Sprintf(", and %d more", n-3)
				break
			}
			if i > 0 {
				names += ", "
			}
			names += r.Title
		}
		return fmt.Sprintf("%d planned items have no effort and are not in the ratio: %s", n, names)
	}
}

// DebtResponse is the Product Marketing Manager's answer to a snapshot.
type DebtResponse string

const (
	ResponsePending  DebtResponse = "pending"
	ResponseAccepted DebtResponse = "accepted"
	ResponseDisputed DebtResponse = "disputed"
)

// Label is how the response reads on screen.
func (r DebtResponse) Label() string {
	switch r {
	case ResponseAccepted:
		return "Accepted"
	case ResponseDisputed:
		return "Disputed"
	}
	return "Awaiting the Product Marketing Manager"
}

// DebtSnapshot is the debt check as it stood when recorded into a meeting.
// It keeps its own copy of every figure, so later roadmap changes leave it
// as it was.
type DebtSnapshot struct {
	ID          int64
	MeetingID   int64
	PodID       int64
	MeetingDate Date
	Check       DebtCheck // Unestimated holds titles only
	RecordedAt  time.Time

	Response     DebtResponse
	Comment      string // why it is disputed
	RespondedBy  string // the PMM's name at the time
	RespondedAt  time.Time
	RespondentID int64 // pod_members.id
}

// Lines are the snapshot as the minutes print it: the figures, what to
// do, the items left unweighed, and the Product Marketing Manager's answer.
func (s DebtSnapshot) Lines() []string {
	c := s.Check
	head := c.Headline()
	if c.Band != BandNoPlan {
		head += " (" + strings.ToLower(c.Band.Label()) + ")"
	}
	lines := []string{head + ", " + c.Window.String() + ".", c.Advice()}
	if note := c.UnestimatedNote(); note != "" {
		lines = append(lines, note+".")
	}
	switch s.Response {
	case ResponseAccepted:
		lines = append(lines, "Accepted by "+s.RespondedBy+".")
	case ResponseDisputed:
		lines = append(lines, "Disputed by "+s.RespondedBy+": "+s.Comment)
	default:
		lines = append(lines, "Not yet answered by the Product Marketing Manager.")
	}
	return lines
}

// DebtAnswer is what the PMM says about a snapshot.
type DebtAnswer struct {
	Response DebtResponse // accepted or disputed
	Comment  string
}

// Validate requires a comment with a dispute.
func (a DebtAnswer) Validate() error {
	var ps problems
	switch a.Response {
	case ResponseAccepted:
	case ResponseDisputed:
		if CleanLine(a.Comment) == "" {
			ps.add("comment", "Say what is disputed, so the triad can follow it up")
		}
	default:
		ps.add("response", "Choose accepted or disputed")
	}
	checkText(&ps, "comment", "The comment", a.Comment, 5000)
	return ps.err()
}

// CustomerEffort is how much committed roadmap effort one customer's
// requests account for.
type CustomerEffort struct {
	Customer string
	Effort   Effort
	Items    int
	Share    Percent // of the window's total estimated effort
}

// CustomerConcentration attributes the effort of committed, customer-linked
// items in the window to the customers who asked for them. An item asked
// for by several customers is split evenly between them, so shares never
// add up to more than the customer-driven part of the roadmap. Largest
// first; unestimated items count as items with no effort.
func CustomerConcentration(items []RoadmapItem, window QuarterRange) []CustomerEffort {
	byName := map[string]*CustomerEffort{}
	var order []string
	var total Effort
	for _, it := range items {
		if !it.Status.Committed() || !window.Contains(it.Target) {
			continue
		}
		if it.Effort != nil {
			total += *it.Effort
		}
		n := Effort(len(it.Customers))
		for i, c := range it.Customers {
			ce, ok := byName[c]
			if !ok {
				ce = &CustomerEffort{Customer: c}
				byName[c] = ce
				order = append(order, c)
			}
			ce.Items++
			if it.Effort != nil {
				share := *it.Effort / n
				if Effort(i) < *it.Effort%n {
					share++ // the remainder goes to the first customers, one tenth each
				}
				ce.Effort += share
			}
		}
	}
	out := make([]CustomerEffort, 0, len(order))
	for _, c := range order {
		ce := *byName[c]
		if total > 0 {
			ce.Share = Percent(int64(ce.Effort) * 10000 / int64(total))
		}
		out = append(out, ce)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Effort != out[j].Effort {
			return out[i].Effort > out[j].Effort
		}
		return out[i].Customer < out[j].Customer
	})
	return out
}
