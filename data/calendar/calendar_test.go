package calendar

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"triad/data"
)

// pod is a pod whose names need every kind of care a calendar line takes:
// commas and semicolons (escaped in text, quoted in parameters), a double
// quote, and names outside ASCII.
func pod() data.Pod {
	p := data.NewPod()
	p.ID = 3
	p.Name = "Payments; EU, UK"
	p.MeetingDay = time.Thursday
	p.MeetingTime = 10 * 60
	p.TimeZone = "Europe/Berlin"
	p.CreatedAt = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.UpdatedAt = time.Date(2026, 3, 2, 3, 4, 5, 0, time.UTC)
	p.Leaders[0].Name, p.Leaders[0].Email = "Raman, Priya; PhD", "priya@example.com"
	p.Leaders[1].Name, p.Leaders[1].Email = "王芳", "wang.fang@example.com"
	p.Leaders[2].Name, p.Leaders[2].Email = `Zoë "Z" Ørsted`, "zoe@example.com"
	return p
}

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var stamp = time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)

// checkLines holds a file to RFC 5545 §3.1: every line ends in CRLF, no
// bare CR or LF, no line longer than 75 octets, continuation lines start
// with one space, and folding never splits a UTF-8 character.
func checkLines(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatal("the file does not end with CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets long (75 at most): %q", i+1, len(l), l)
		}
		if !strings.HasPrefix(string(l), " ") && !propertyStart.Match(l) {
			t.Errorf("line %d is neither a property nor a continuation: %q", i+1, l)
		}
		if !utf8Valid(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}

// propertyStart is how a line that is not a continuation begins: a
// property name, then its parameters or its value.
var propertyStart = regexp.MustCompile(`^[A-Z][A-Z0-9-]*[;:]`)

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// unfold undoes RFC 5545 folding.
func unfold(b []byte) string { return strings.ReplaceAll(string(b), "\r\n ", "") }

func parse(t *testing.T, b []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the file does not parse back: %v\n%s", err, b)
	}
	return cal
}

func TestSeriesIsAWeeklyEventInThePodsZoneWithItsLeaders(t *testing.T) {
	b, err := Series(pod(), day("2027-03-01"), Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, b)
	cal := parse(t, b)
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	ev := evs[0]
	if got := ev.GetProperty(ics.ComponentPropertyRrule).Value; got != "FREQ=WEEKLY;BYDAY=TH" {
		t.Errorf("RRULE = %q", got)
	}
	start := ev.GetProperty(ics.ComponentPropertyDtStart)
	if start.Value != "20270304T100000" || start.ICalParameters["TZID"][0] != "Europe/Berlin" {
		t.Errorf("DTSTART = %q %v, want the first Thursday on or after 1 March, 10:00 Berlin", start.Value, start.ICalParameters)
	}
	if end := ev.GetProperty(ics.ComponentPropertyDtEnd).Value; end != "20270304T110000" {
		t.Errorf("DTEND = %q, want an hour later", end)
	}
	if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != "Payments; EU, UK Triad meeting" {
		t.Errorf("SUMMARY parses back as %q", got)
	}
	if !strings.Contains(unfold(b), `SUMMARY:Payments\; EU\, UK Triad meeting`) {
		t.Errorf("SUMMARY is not escaped as RFC 5545 text:\n%s", b)
	}
	var names, mails []string
	for _, a := range ev.Attendees() {
		names = append(names, a.ICalParameters["CN"][0])
		mails = append(mails, a.Email())
	}
	if want := []string{"Raman, Priya; PhD", "王芳", `Zoë ^'Z^' Ørsted`}; strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("attendee names %q, want %q", names, want)
	}
	if want := "priya@example.com wang.fang@example.com zoe@example.com"; strings.Join(mails, " ") != want {
		t.Errorf("attendee addresses %q", mails)
	}
	text := unfold(b)
	for _, want := range []string{`ATTENDEE;CN="Raman, Priya; PhD";`, `ORGANIZER;CN="王芳":mailto:wang.fang@example.com`} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q: a name with a comma or semicolon must be a quoted parameter\n%s", want, text)
		}
	}
	if strings.Contains(text, `\,`+" Priya") || strings.Contains(text, `CN=Raman`) {
		t.Errorf("a parameter is backslash-escaped, which RFC 5545 does not allow:\n%s", text)
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 || tzs[0].GetProperty(ics.ComponentPropertyTzid).Value != "Europe/Berlin" {
		t.Fatalf("want one VTIMEZONE for Europe/Berlin")
	}
	for _, want := range []string{"BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("VTIMEZONE lacks\n%s\nin\n%s", want, b)
		}
	}
}

func TestSeriesUIDIsStableSoReimportUpdates(t *testing.T) {
	p := pod()
	a, _ := Series(p, day("2027-03-01"), Options{Stamp: stamp})
	p.MeetingDay, p.MeetingTime = time.Friday, 9*60+30
	p.UpdatedAt = p.UpdatedAt.Add(48 * time.Hour)
	b, err := Series(p, day("2027-03-01"), Options{Stamp: stamp.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	ea, eb := parse(t, a).Events()[0], parse(t, b).Events()[0]
	if ea.Id() != eb.Id() || ea.Id() != SeriesUID(p) {
		t.Errorf("UIDs %q and %q: the same pod must keep one UID", ea.Id(), eb.Id())
	}
	sa := ea.GetProperty(ics.ComponentPropertySequence).Value
	sb := eb.GetProperty(ics.ComponentPropertySequence).Value
	if len(sb) < len(sa) || (len(sb) == len(sa) && sb <= sa) {
		t.Errorf("SEQUENCE %s then %s: a changed pod must raise it so calendars take the new time", sa, sb)
	}
	other := pod()
	other.CreatedAt = other.CreatedAt.Add(time.Millisecond) // same id, another database
	if SeriesUID(other) == SeriesUID(pod()) {
		t.Error("two pods created at different times share a UID")
	}
	again, _ := Series(pod(), day("2027-03-01"), Options{Stamp: stamp})
	if !bytes.Equal(a, again) {
		t.Error("the same pod and options give different bytes")
	}
}

func TestOneMeetingIsThatWeeksOccurrenceOfTheSeries(t *testing.T) {
	p := pod()
	m := data.Meeting{ID: 9, PodID: p.ID, Date: day("2027-03-25"), CreatedAt: stamp}
	b, err := Meeting(p, m, Options{Method: Request, Stamp: stamp, Length: 90 * time.Minute,
		Description: "Agenda:\n1. Deal desk, 10 min", Guests: []data.Recipient{{Name: "Lee Chen", Role: "Sales", Email: "lee@example.com"}}})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, b)
	cal := parse(t, b)
	if !strings.Contains(string(b), "METHOD:REQUEST\r\n") {
		t.Error("an invitation needs METHOD:REQUEST")
	}
	ev := cal.Events()[0]
	if ev.Id() != SeriesUID(p) {
		t.Errorf("UID %q, want the series' %q", ev.Id(), SeriesUID(p))
	}
	if r := ev.GetProperty(ics.ComponentPropertyRecurrenceId); r == nil || r.Value != "20270325T100000" {
		t.Errorf("RECURRENCE-ID = %v, want the occurrence of 25 March", r)
	}
	if ev.GetProperty(ics.ComponentPropertyRrule) != nil {
		t.Error("one meeting must not recur")
	}
	if end := ev.GetProperty(ics.ComponentPropertyDtEnd).Value; end != "20270325T113000" {
		t.Errorf("DTEND = %q, want 90 minutes after 10:00", end)
	}
	if got := ev.GetProperty(ics.ComponentPropertyDescription).Value; got != "Agenda:\n1. Deal desk, 10 min" {
		t.Errorf("DESCRIPTION parses back as %q", got)
	}
	if n := len(ev.Attendees()); n != 4 {
		t.Errorf("%d attendees, want the three leaders and the guest", n)
	}

	m.Date = day("2027-03-26") // a Friday: not on the series
	b, err = Meeting(p, m, Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	ev = parse(t, b).Events()[0]
	if ev.Id() == SeriesUID(p) || ev.GetProperty(ics.ComponentPropertyRecurrenceId) != nil {
		t.Error("a meeting on another day is an event of its own")
	}
}

func TestAMissingOrInvalidAddressIsNamed(t *testing.T) {
	p := pod()
	p.Leaders[1].Email = ""
	p.Leaders[2].Email = "zoe-at-example.com"
	_, err := Series(p, day("2027-03-01"), Options{Stamp: stamp})
	if !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	for _, want := range []string{"王芳 (Product Manager) has no e-mail address", `Zoë "Z" Ørsted (Product Marketing Manager): That email address is missing an @`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
}

func TestZonesWithoutDaylightSavingAndWithoutAZone(t *testing.T) {
	p := pod()
	p.TimeZone = "Asia/Tokyo"
	b, err := Series(p, day("2027-03-01"), Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD") ||
		strings.Contains(string(b), "DAYLIGHT") {
		t.Errorf("Tokyo's VTIMEZONE:\n%s", b)
	}
	p.TimeZone = ""
	b, err = Series(p, day("2027-03-01"), Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "DTSTART;TZID=UTC:20270304T100000") {
		t.Errorf("a pod without a zone meets in UTC, as its minutes print:\n%s", b)
	}
}

func TestYearlyRuleFallsBackToDatesWhenChangesDoNotFollowOne(t *testing.T) {
	loc := time.FixedZone("X", 0)
	mk := func(y int, m time.Month, d int) transition {
		return transition{localOnset: time.Date(y, m, d, 2, 0, 0, 0, loc)}
	}
	if r, ok := yearlyRule([]transition{mk(2027, 3, 14), mk(2028, 3, 12), mk(2029, 3, 11)}); !ok || r != "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" {
		t.Errorf("second Sunday of March: %q %v", r, ok)
	}
	if _, ok := yearlyRule([]transition{mk(2027, 3, 14), mk(2028, 4, 2), mk(2029, 3, 11)}); ok {
		t.Error("changes in different months are no yearly rule")
	}
	if _, ok := yearlyRule([]transition{mk(2027, 3, 14), mk(2028, 3, 12)}); ok {
		t.Error("two years are not enough to call it a rule")
	}
}
