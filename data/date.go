package data

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day with no time zone: a meeting "on 2026-11-25" is on
// that day wherever the laptop is. It is stored as YYYY-MM-DD.
type Date struct {
	t time.Time // midnight UTC; zero means "no date"
}

// NewDate returns the given calendar day.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads YYYY-MM-DD (the form the date picker and the store use).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, fmt.Errorf("Enter a date as YYYY-MM-DD")
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date; use YYYY-MM-DD, e.g. 2026-11-25", s)
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return Date{}, fmt.Errorf("%q is out of range; use a year between 1900 and 2200", s)
	}
	return Date{t}, nil
}

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String is YYYY-MM-DD, or "" for no date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Long is how a person reads it: "Wed 25 Nov 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("Mon 2 Jan 2006")
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	y, m, dd := d.t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// Weekday of the day.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// AddDays moves by n calendar days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Before, After and Equal compare calendar days.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// DaysUntil counts calendar days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// ClockTime is a time of day in minutes after midnight, local to the pod.
type ClockTime int

// ParseClock reads "10:00", "9:30" or "14:05".
func ParseClock(s string) (ClockTime, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day; use HH:MM, e.g. 10:00", s)
	}
	return ClockTime(t.Hour()*60 + t.Minute()), nil
}

// String renders HH:MM.
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// UTCTime formats t for the store: UTC, millisecond precision, sortable.
func UTCTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// ParseUTCTime reads what UTCTime wrote; "" is the zero time.
func ParseUTCTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02T15:04:05.000Z", s)
}

// MarshalText writes the day as YYYY-MM-DD ("" for no date), so a frozen
// record of a meeting keeps its days.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// At is the moment clock c on day d in loc. A time that does not exist
// there (02:30 on a spring-forward night) is refused rather than shifted
// an hour, and a time that happens twice (the autumn hour) is the first.
func (d Date) At(c ClockTime, loc *time.Location) (time.Time, error) {
	y, m, dd := d.t.Date()
	t := time.Date(y, m, dd, int(c)/60, int(c)%60, 0, 0, loc)
	if t.Hour()*60+t.Minute() != int(c) || t.Day() != dd {
		return time.Time{}, fmt.Errorf("%s does not exist on %s in %s: the clocks go forward that night; enter a time after the change",
			c, d.Long(), loc)
	}
	// Go may give either of a repeated hour; the first is when a meeting
	// at that time would have started.
	if earlier := t.Add(-time.Hour); earlier.Hour() == t.Hour() && earlier.Minute() == t.Minute() {
		return earlier, nil
	}
	return t, nil
}
