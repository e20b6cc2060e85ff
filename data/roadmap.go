package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Effort is an amount of work in tenths of the pod's effort unit, so half a
// point or 1.5 person-weeks are exact.
type Effort int64

// MaxEffort is the most one roadmap item may carry: 1,000 units. Anything
// larger is a typo (or an epic that should be split), not a plan.
const MaxEffort Effort = 10000

// ParseEffort reads "8", "1.5" or "0.5" units. It refuses negatives, zero,
// more than one decimal and anything above MaxEffort.
func ParseEffort(s string, unit EffortUnit) (Effort, error) {
	shown := strings.TrimSpace(s)
	if shown == "" {
		return 0, fmt.Errorf("Enter the effort in %s, e.g. 5", unit.Plural())
	}
	if strings.HasPrefix(shown, "-") || strings.HasPrefix(shown, "−") {
		return 0, fmt.Errorf("Effort cannot be negative (got %s)", shown)
	}
	whole, frac, _ := strings.Cut(shown, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 6 {
		return 0, fmt.Errorf("%q is not a number of %s", shown, unit.Plural())
	}
	if len(frac) > 1 {
		return 0, fmt.Errorf("%q has too many decimals: use at most one, e.g. 2.5", shown)
	}
	w, _ := strconv.Atoi(whole)
	f := 0
	if frac != "" {
		f, _ = strconv.Atoi(frac)
	}
	e := Effort(w*10 + f)
	if msg := e.check(unit); msg != "" {
		return 0, fmt.Errorf("%s", msg)
	}
	return e, nil
}

func (e Effort) check(unit EffortUnit) string {
	switch {
	case e < 0:
		return "Effort cannot be negative"
	case e == 0:
		return "Effort must be more than zero; leave it empty if it is not estimated yet"
	case e > MaxEffort:
		return fmt.Sprintf("%s is too much for one item (at most %s); split it into smaller items", e.Format(unit), MaxEffort.Format(unit))
	}
	return ""
}

// Number renders the effort without its unit: "8" or "1.5".
func (e Effort) Number() string {
	if e%10 == 0 {
		return strconv.FormatInt(int64(e/10), 10)
	}
	sign := ""
	if e < 0 {
		sign, e = "-", -e
	}
	return fmt.Sprintf("%s%d.%d", sign, e/10, e%10)
}

// Format renders "8 points", "1 point", "1.5 person-weeks".
func (e Effort) Format(unit EffortUnit) string {
	if e == 10 {
		return "1 " + unit.Singular()
	}
	return e.Number() + " " + unit.Plural()
}

// EffortUnit is the one unit a pod estimates in.
type EffortUnit string

const (
	UnitPoints      EffortUnit = "points"
	UnitPersonWeeks EffortUnit = "person_weeks"
)

// EffortUnits lists the choices in the order they are offered.
var EffortUnits = []EffortUnit{UnitPoints, UnitPersonWeeks}

// Valid reports whether u is a known unit.
func (u EffortUnit) Valid() bool { return u == UnitPoints || u == UnitPersonWeeks }

// Plural is "points" or "person-weeks".
func (u EffortUnit) Plural() string {
	if u == UnitPersonWeeks {
		return "person-weeks"
	}
	return "points"
}

// Singular is "point" or "person-week".
func (u EffortUnit) Singular() string {
	if u == UnitPersonWeeks {
		return "person-week"
	}
	return "point"
}

// RoadmapKind separates new value from keeping the product healthy.
type RoadmapKind string

const (
	KindFeature     RoadmapKind = "feature"
	KindMaintenance RoadmapKind = "maintenance"
)

// Label is how the kind reads on screen.
func (k RoadmapKind) Label() string {
	if k == KindMaintenance {
		return "Maintenance"
	}
	return "Feature"
}

// MaintenanceKind says what sort of maintenance an item is.
type MaintenanceKind string

const (
	MaintTechDebt    MaintenanceKind = "tech_debt"
	MaintBugs        MaintenanceKind = "bugs"
	MaintUpgrades    MaintenanceKind = "upgrades"
	MaintReliability MaintenanceKind = "reliability"
)

// MaintenanceKinds lists the subkinds in the order they are offered.
var MaintenanceKinds = []MaintenanceKind{MaintTechDebt, MaintBugs, MaintUpgrades, MaintReliability}

// Label is how the subkind reads on screen.
func (m MaintenanceKind) Label() string {
	switch m {
	case MaintTechDebt:
		return "Tech debt"
	case MaintBugs:
		return "Bugs"
	case MaintUpgrades:
		return "Upgrades"
	case MaintReliability:
		return "Reliability"
	}
	return string(m)
}

// ItemStatus is where a roadmap item is in its life.
type ItemStatus string

const (
	StatusProposed   ItemStatus = "proposed"
	StatusPlanned    ItemStatus = "planned"
	StatusInProgress ItemStatus = "in_progress"
	StatusShipped    ItemStatus = "shipped"
	StatusDropped    ItemStatus = "dropped"
)

// ItemStatuses lists the statuses in life order.
var ItemStatuses = []ItemStatus{StatusProposed, StatusPlanned, StatusInProgress, StatusShipped, StatusDropped}

// Label is how the status reads on screen.
func (s ItemStatus) Label() string {
	switch s {
	case StatusProposed:
		return "Proposed"
	case StatusPlanned:
		return "Planned"
	case StatusInProgress:
		return "In progress"
	case StatusShipped:
		return "Shipped"
	case StatusDropped:
		return "Dropped"
	}
	return string(s)
}

// Committed reports whether the item is work the team has signed up for,
// the only items the debt check weighs.
func (s ItemStatus) Committed() bool { return s == StatusPlanned || s == StatusInProgress }

// RoadmapItem is one piece of planned work of a pod.
type RoadmapItem struct {
	ID      int64
	PodID   int64
	Title   string
	Kind    RoadmapKind
	Subkind MaintenanceKind // maintenance only
	Effort  *Effort         // nil: not estimated yet
	Target  Quarter
	Status  ItemStatus
	// ShippedOn is the day it shipped; required when Status is shipped.
	ShippedOn Date
	// Customers who asked for it; none means an internal item.
	Customers []string
	// ExpectedARR is what a feature is expected to bring (features only).
	ExpectedARR Money
	// GoalOverride replaces the pod's revenue goal for this feature.
	GoalOverride *Money

	// Filled in by the store, read-only.
	Deals         []DealSource // the deal requests among the customers
	RealizedARR   Money        // sum of the dated entries
	GoalReachedOn Date         // when realized ARR first reached the goal
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// MaxCustomersPerItem keeps the source list a list, not a paste of a CRM.
const MaxCustomersPerItem = 50

// Normalize trims what the user typed and drops repeated customer names.
func (it *RoadmapItem) Normalize() {
	it.Title = CleanLine(it.Title)
	var cs []string
	seen := map[string]bool{}
	for _, c := range it.Customers {
		c = CleanLine(c)
		key := strings.ToLower(c)
		if c == "" || seen[key] {
			continue
		}
		seen[key] = true
		cs = append(cs, c)
	}
	it.Customers = cs
	if it.Kind == KindFeature {
		it.Subkind = ""
	}
	if it.Kind == KindMaintenance {
		it.ExpectedARR, it.GoalOverride = 0, nil
	}
	if it.Status != StatusShipped {
		it.ShippedOn = Date{}
	}
}

// Validate checks an item against today (a ship date cannot be in the
// future) and returns every problem. Fields: title, kind, subkind, effort,
// target, status, shipped_on, customers, expected_arr, goal.
func (it RoadmapItem) Validate(unit EffortUnit, today Date) error {
	var ps problems
	switch {
	case it.Title == "":
		ps.add("title", "The item needs a title")
	default:
		var tp problems
		checkName(&tp, "title", "The item", it.Title, true)
		for _, p := range tp {
			ps.add("title", "%s", strings.Replace(p.Message, "The item's name", "The title", 1))
		}
	}
	switch it.Kind {
	case KindFeature:
	case KindMaintenance:
		valid := false
		for _, m := range MaintenanceKinds {
			valid = valid || it.Subkind == m
		}
		if !valid {
			ps.add("subkind", "Choose the kind of maintenance: tech debt, bugs, upgrades or reliability")
		}
	default:
		ps.add("kind", "Choose feature or maintenance")
	}
	if it.Effort != nil {
		if msg := it.Effort.check(unit); msg != "" {
			ps.add("effort", "%s", msg)
		}
	}
	if it.Target.IsZero() {
		ps.add("target", "Choose the target quarter, e.g. 2026-Q4")
	} else if err := it.Target.Validate(); err != nil {
		ps.add("target", "Target quarter: %s", err)
	}
	valid := false
	for _, s := range ItemStatuses {
		valid = valid || it.Status == s
	}
	if !valid {
		ps.add("status", "Choose a status")
	}
	if it.Status == StatusShipped {
		switch {
		case it.ShippedOn.IsZero():
			ps.add("shipped_on", "A shipped item needs the day it shipped")
		case it.ShippedOn.After(today):
			ps.add("shipped_on", "The ship date %s is in the future; mark it shipped on the day it ships", it.ShippedOn.Long())
		}
	}
	if len(it.Customers) > MaxCustomersPerItem {
		ps.add("customers", "At most %d customers per item (got %d)", MaxCustomersPerItem, len(it.Customers))
	}
	for _, c := range it.Customers {
		var cp problems
		checkName(&cp, "customers", "Customer "+strconvQuote(c), c, true)
		if len(cp) > 0 {
			ps.add("customers", "%s", cp[0].Message)
			break
		}
	}
	if it.ExpectedARR < 0 {
		ps.add("expected_arr", "Expected ARR cannot be negative")
	}
	if it.GoalOverride != nil && *it.GoalOverride <= 0 {
		ps.add("goal", "The feature's revenue goal must be more than zero; leave it empty to use the pod's goal")
	}
	return ps.err()
}

func strconvQuote(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.Quote(s)
}

// Source is "Internal" or the customers who asked for it.
func (it RoadmapItem) Source() string {
	if len(it.Customers) == 0 {
		return "Internal"
	}
	return strings.Join(it.Customers, ", ")
}

// KindLabel is "Feature" or "Maintenance · Tech debt".
func (it RoadmapItem) KindLabel() string {
	if it.Kind == KindMaintenance && it.Subkind != "" {
		return "Maintenance · " + it.Subkind.Label()
	}
	return it.Kind.Label()
}

// Goal is the revenue goal that applies to this feature.
func (it RoadmapItem) Goal(podGoal Money) Money {
	if it.GoalOverride != nil {
		return *it.GoalOverride
	}
	return podGoal
}

// ARREntry is annual recurring revenue a shipped feature brought in, booked
// on a day. Entries are kept as history; the feature's realized ARR is their sum.
type ARREntry struct {
	ID     int64
	ItemID int64
	Date   Date
	Amount Money
	Note   string
}

// MaxARREntry is the largest single entry accepted ($10bn): beyond it the
// amount is a typo.
const MaxARREntry = Money(1_000_000_000_000)

// Validate checks an entry for a feature shipped on shippedOn, as of today.
// Fields: date, amount, note.
func (e ARREntry) Validate(shippedOn, today Date) error {
	var ps problems
	switch {
	case e.Date.IsZero():
		ps.add("date", "Enter the day the revenue was booked")
	case e.Date.After(today):
		ps.add("date", "%s is in the future; record revenue once it is booked", e.Date.Long())
	case !shippedOn.IsZero() && e.Date.Before(shippedOn):
		ps.add("date", "%s is before the feature shipped (%s)", e.Date.Long(), shippedOn.Long())
	}
	switch {
	case e.Amount <= 0:
		ps.add("amount", "The amount must be more than zero")
	case e.Amount > MaxARREntry:
		ps.add("amount", "That amount is too large for one entry")
	}
	checkText(&ps, "note", "The note", e.Note, 2000)
	return ps.err()
}
