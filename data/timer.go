package data

import "time"

// Interval is one stretch of time the meeting clock ran on an agenda item.
// End is zero while it runs.
//
// The clock is never a tick counter: everything is computed from these
// stored wall-clock timestamps, so a hidden window, an app restart or a
// sleeping laptop changes nothing. Time asleep counts, because the meeting
// in the room went on. Times read back from the store carry no monotonic
// reading, so subtraction uses the wall clock that includes the sleep.
type Interval struct {
	Start, End time.Time
}

// Running reports whether the interval is still open.
func (iv Interval) Running() bool { return iv.End.IsZero() }

// Duration is the interval's length at now; a clock set back before its
// start counts as nothing rather than negative time.
func (iv Interval) Duration(now time.Time) time.Duration {
	end := iv.End
	if end.IsZero() {
		end = now
	}
	d := end.Round(0).Sub(iv.Start.Round(0))
	if d < 0 {
		return 0
	}
	return d
}

// Elapsed sums the intervals at now.
func Elapsed(ivs []Interval, now time.Time) time.Duration {
	var d time.Duration
	for _, iv := range ivs {
		d += iv.Duration(now)
	}
	return d
}

// Pace is how an item's elapsed time compares with its timebox.
type Pace int

const (
	PaceOnTime  Pace = iota // under 80% of planned
	PaceWarning             // 80% to 100%: amber, wrap up
	PaceOver                // past 100%: red
)

// PaceOf classifies elapsed against planned. An item with no timebox is
// never late.
func PaceOf(elapsed, planned time.Duration) Pace {
	switch {
	case planned <= 0:
		return PaceOnTime
	case elapsed > planned:
		return PaceOver
	case elapsed*5 >= planned*4:
		return PaceWarning
	}
	return PaceOnTime
}

// ClockState is the meeting clock at one instant, derived from the items'
// intervals.
type ClockState struct {
	Current      int  // index of the item the clock is on (or was on when paused); -1 before start
	Running      bool // an interval is open
	ItemElapsed  []time.Duration
	TotalElapsed time.Duration
	TotalPlanned time.Duration
	Remaining    time.Duration // planned time still ahead, from now
	ProjectedEnd time.Time     // now + Remaining
}

// MeetingClock computes the clock for items (in agenda order) at now. The
// current item is the one with the latest interval. Remaining counts what
// is left of the current item's timebox (nothing once it is over) and the
// full timebox of every item not reached yet; items already left count 0.
func MeetingClock(items []AgendaItem, now time.Time) ClockState {
	st := ClockState{Current: -1, ItemElapsed: make([]time.Duration, len(items))}
	var latest time.Time
	for i, it := range items {
		st.ItemElapsed[i] = Elapsed(it.Intervals, now)
		st.TotalElapsed += st.ItemElapsed[i]
		st.TotalPlanned += it.Planned()
		for _, iv := range it.Intervals {
			if st.Current < 0 || !iv.Start.Before(latest) {
				st.Current, latest = i, iv.Start
				st.Running = iv.Running()
			}
		}
	}
	for i, it := range items {
		switch {
		case i == st.Current:
			if left := it.Planned() - st.ItemElapsed[i]; left > 0 {
				st.Remaining += left
			}
		case !it.Reached():
			st.Remaining += it.Planned()
		}
	}
	st.ProjectedEnd = now.Add(st.Remaining)
	return st
}

// FormatElapsed renders a duration as m:ss, or h:mm:ss past an hour.
func FormatElapsed(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	if s >= 3600 {
		return itoa(s/3600) + ":" + pad2(s/60%60) + ":" + pad2(s%60)
	}
	return itoa(s/60) + ":" + pad2(s%60)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
