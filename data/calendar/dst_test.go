package calendar

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
)

// python finds a python3 with the icalendar module (Debian's
// python3-icalendar, which .ci/run installs). The python3 first on PATH may
// be another installation, so Debian's own is tried too. Without one the
// test is skipped with what to install, except in CI, where a skip would
// hide that the check never ran.
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if err := exec.Command(p, "-c", "import icalendar, dateutil").Run(); err == nil {
			return p
		}
	}
	msg := "python3 -c 'import icalendar' fails: install python3-icalendar (apt-get install python3-icalendar) to check the file with a real calendar parser"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestARealCalendarParserSeesTheWeeklySeriesAcrossDaylightSaving reads the
// series back with python3-icalendar, expands its RRULE with the file's
// own VTIMEZONE and checks every occurrence against Go's zone database:
// the meeting stays at 10:00 local on its weekday while the UTC time moves
// by an hour at each change, in spring and in autumn, in both hemispheres'
// rules.
func TestARealCalendarParserSeesTheWeeklySeriesAcrossDaylightSaving(t *testing.T) {
	py := python(t)
	cases := []struct {
		zone   string
		day    time.Weekday
		clock  int
		from   string
		shifts int // offset changes the occurrences must cross
	}{
		{"Europe/Berlin", time.Thursday, 10 * 60, "2027-03-01", 2},
		{"America/New_York", time.Monday, 9*60 + 30, "2027-02-15", 2},
		{"Australia/Sydney", time.Wednesday, 16 * 60, "2027-03-01", 2},
		{"Asia/Kolkata", time.Tuesday, 11 * 60, "2027-03-01", 0},
	}
	for _, c := range cases {
		t.Run(c.zone, func(t *testing.T) {
			p := pod()
			p.TimeZone, p.MeetingDay, p.MeetingTime = c.zone, c.day, data.ClockTime(c.clock)
			b, err := Series(p, day(c.from), Options{Stamp: stamp})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "series.ics")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			const n = 40
			out, err := exec.Command(py, filepath.Join("testdata", "expand.py"), path, fmt.Sprint(n)).CombinedOutput()
			if err != nil {
				t.Fatalf("python3-icalendar cannot read the file: %v\n%s\n%s", err, out, b)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			loc, _ := time.LoadLocation(c.zone)
			first := day(c.from)
			for first.Weekday() != c.day {
				first = first.AddDays(1)
			}
			shifts, lastOffset := 0, 0
			for i := 0; i < n; i++ {
				y, m, d := first.AddDays(7 * i).Time(time.UTC).Date()
				want := time.Date(y, m, d, c.clock/60, c.clock%60, 0, 0, loc)
				wantLine := want.UTC().Format("2006-01-02T15:04:05Z") + " " + want.Format("Mon 15:04")
				if i >= len(lines) || lines[i] != wantLine {
					got := "nothing"
					if i < len(lines) {
						got = lines[i]
					}
					t.Fatalf("occurrence %d: python reads %s, want %s\n%s", i+1, got, wantLine, b)
				}
				_, off := want.Zone()
				if i > 0 && off != lastOffset {
					shifts++
				}
				lastOffset = off
			}
			if shifts != c.shifts {
				t.Errorf("the occurrences crossed %d offset changes, want %d: the case no longer tests daylight saving", shifts, c.shifts)
			}
			var attendees []string
			for _, l := range lines[n:] {
				attendees = append(attendees, l)
			}
			want := []string{
				"ATTENDEE Raman, Priya; PhD mailto:priya@example.com",
				"ATTENDEE 王芳 mailto:wang.fang@example.com",
			}
			for i, w := range want {
				if i >= len(attendees) || attendees[i] != w {
					t.Errorf("python reads the attendees as %q, want %q first", attendees, want)
					break
				}
			}
		})
	}
}
