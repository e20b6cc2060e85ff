package calendar

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	ics "github.com/arran4/golang-ical"
)

// horizon is how many years of a zone's transitions are looked at: enough
// to recognise its yearly rule, and the span a zone without one (or whose
// rule changes) is listed for date by date.
const horizon = 12

// transition is one change of a zone's offset.
type transition struct {
	at         time.Time // the instant, UTC
	from, to   int       // offsets in seconds east of UTC
	name       string    // the abbreviation after the change, e.g. "CEST"
	dst        bool      // daylight saving time after the change
	localOnset time.Time // the wall clock reading at the change, in the old offset
}

// transitions lists loc's offset changes from the start of the year
// before from for horizon years, read from Go's own zone data (embedded in
// the binary, so every laptop writes the same file).
func transitions(loc *time.Location, from time.Time) []transition {
	start := time.Date(from.Year()-1, time.January, 1, 0, 0, 0, 0, loc)
	stop := start.AddDate(horizon, 0, 0)
	var out []transition
	t := start
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(stop) {
			return out
		}
		_, before := end.Add(-time.Second).Zone()
		name, after := end.Zone()
		if before != after {
			out = append(out, transition{
				at: end.UTC(), from: before, to: after, name: name, dst: end.IsDST(),
				localOnset: end.In(time.FixedZone("", before)),
			})
		}
		t = end
	}
}

// observance is one STANDARD or DAYLIGHT sub-component: changes of the
// same kind, offsets and name.
type observance struct {
	dst      bool
	from, to int
	name     string
	onsets   []transition
}

// addVTimezone writes loc as the VTIMEZONE named tzid. Each kind of change
// becomes one observance; when its changes follow one yearly rule (the
// last Sunday of March at 02:00, the second Sunday of March, ...) it gets
// that RRULE so the series stays right beyond the years looked at,
// otherwise its dates are listed (RDATE). A zone without changes gets one
// STANDARD observance with its fixed offset.
func addVTimezone(cal *ics.Calendar, tzid string, loc *time.Location, from time.Time) {
	tz := cal.AddTimezone(tzid)
	ts := transitions(loc, from)
	if len(ts) == 0 {
		name, off := from.In(loc).Zone()
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(off))
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(off))
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		return
	}
	var obs []*observance
	for _, t := range ts {
		var o *observance
		for _, c := range obs {
			if c.dst == t.dst && c.from == t.from && c.to == t.to && c.name == t.name {
				o = c
			}
		}
		if o == nil {
			o = &observance{dst: t.dst, from: t.from, to: t.to, name: t.name}
			obs = append(obs, o)
		}
		o.onsets = append(o.onsets, t)
	}
	sort.SliceStable(obs, func(i, j int) bool { return obs[i].onsets[0].at.Before(obs[j].onsets[0].at) })
	last := ts[len(ts)-1].at
	for _, o := range obs {
		var c *ics.ComponentBase
		if o.dst {
			d := &ics.Daylight{}
			tz.Components = append(tz.Components, d)
			c = &d.ComponentBase
		} else {
			c = &tz.AddStandard().ComponentBase
		}
		first := o.onsets[0]
		c.AddProperty(ics.ComponentPropertyDtStart, first.localOnset.Format(localLayout))
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(o.from))
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(o.to))
		c.AddProperty(ics.ComponentProperty(ics.PropertyTzname), o.name)
		if rule, ok := yearlyRule(o.onsets); ok {
			// A rule whose last change is well before the end of the years
			// looked at has stopped (a zone that gave up daylight saving).
			if end := o.onsets[len(o.onsets)-1]; end.at.Before(last.AddDate(-1, 0, 0)) {
				rule += ";UNTIL=" + end.at.Format(utcLayout)
			}
			c.AddRrule(rule)
			continue
		}
		for _, t := range o.onsets[1:] {
			c.AddRdate(t.localOnset.Format(localLayout))
		}
	}
}

// yearlyRule is the RRULE of changes that happen once a year on the same
// weekday of the same month at the same wall time: the nth such weekday,
// or the last (-1). It needs three years in a row to call it a rule.
func yearlyRule(ts []transition) (string, bool) {
	if len(ts) < 3 {
		return "", false
	}
	first := ts[0].localOnset
	nth := func(t time.Time) int { return (t.Day()-1)/7 + 1 }
	lastOfMonth := func(t time.Time) bool { return t.AddDate(0, 0, 7).Month() != t.Month() }
	sameNth, sameLast := true, true
	for i, t := range ts {
		l := t.localOnset
		if l.Year() != first.Year()+i || l.Month() != first.Month() || l.Weekday() != first.Weekday() ||
			l.Hour() != first.Hour() || l.Minute() != first.Minute() || l.Second() != first.Second() {
			return "", false
		}
		sameNth = sameNth && nth(l) == nth(first) && nth(l) < 5
		sameLast = sameLast && lastOfMonth(l)
	}
	var by string
	switch {
	case sameNth:
		by = strconv.Itoa(nth(first))
	case sameLast:
		by = "-1"
	default:
		return "", false
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s%s", int(first.Month()), by, weekdays[first.Weekday()]), true
}

// utcOffset is "+0100", "-0430" or, with seconds, "+005328".
func utcOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	s := fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds%3600/60)
	if sec := seconds % 60; sec != 0 {
		s += fmt.Sprintf("%02d", sec)
	}
	return s
}

var weekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

const (
	localLayout = "20060102T150405"
	utcLayout   = "20060102T150405Z"
)
