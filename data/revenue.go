package data

import (
	"fmt"
	"sort"
	"time"
)

// GoalCrossed reports whether a feature whose realized ARR moves from
// before to after has just reached its goal and should be celebrated. A
// feature is celebrated once in its life: already is true once it has been,
// whatever its revenue does afterwards.
func GoalCrossed(before, after, goal Money, already bool) bool {
	return !already && goal > 0 && after >= goal && before < goal
}

// Celebration is the recorded moment a feature reached its revenue goal.
type Celebration struct {
	ID        int64
	ItemID    int64
	PodID     int64
	Title     string // the feature's title at the time
	Goal      Money
	Realized  Money // realized ARR when it crossed
	CrossedOn Date  // the day of the entry that crossed
	Currency  string
	CreatedAt time.Time
}

// Line is how the celebration reads in the window and in the minutes.
func (c Celebration) Line() string {
	return fmt.Sprintf("%s reached its %s ARR goal on %s (%s realized).",
		c.Title, c.Goal.Short(c.Currency), c.CrossedOn.Long(), c.Realized.Format(c.Currency))
}

// FeatureRevenue is one shipped feature's realized ARR against its goal.
type FeatureRevenue struct {
	Item     RoadmapItem
	Goal     Money
	Realized Money
	Progress Percent // Realized / Goal, capped at 100%
	Reached  bool
}

// RevenueProgress lists the shipped features with their goal progress,
// those closest to their goal first.
func RevenueProgress(items []RoadmapItem, podGoal Money) []FeatureRevenue {
	var out []FeatureRevenue
	for _, it := range items {
		if it.Kind != KindFeature || it.Status != StatusShipped {
			continue
		}
		g := it.Goal(podGoal)
		fr := FeatureRevenue{Item: it, Goal: g, Realized: it.RealizedARR}
		if g > 0 {
			p := int64(it.RealizedARR) * 10000 / int64(g)
			if p > 10000 {
				p = 10000
			}
			fr.Progress = Percent(p)
		}
		fr.Reached = !it.GoalReachedOn.IsZero() || (g > 0 && it.RealizedARR >= g)
		out = append(out, fr)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Progress != out[j].Progress {
			return out[i].Progress > out[j].Progress
		}
		return out[i].Item.Title < out[j].Item.Title
	})
	return out
}

// RealizedThisYear is the pod's realized ARR from features shipped in
// today's calendar year.
func RealizedThisYear(items []RoadmapItem, today Date) Money {
	var sum Money
	for _, it := range items {
		if it.Kind == KindFeature && it.Status == StatusShipped && !it.ShippedOn.IsZero() &&
			it.ShippedOn.t.Year() == today.t.Year() {
			sum += it.RealizedARR
		}
	}
	return sum
}

// ARRPoint is a running total of realized ARR on a day.
type ARRPoint struct {
	Date  Date
	Total Money
}

// CumulativeARR turns dated entries into a running total, one point per
// day that has entries, in date order.
func CumulativeARR(entries []ARREntry) []ARRPoint {
	es := append([]ARREntry(nil), entries...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Date.Before(es[j].Date) })
	var out []ARRPoint
	var total Money
	for _, e := range es {
		total += e.Amount
		if n := len(out); n > 0 && out[n-1].Date.Equal(e.Date) {
			out[n-1].Total = total
			continue
		}
		out = append(out, ARRPoint{Date: e.Date, Total: total})
	}
	return out
}
