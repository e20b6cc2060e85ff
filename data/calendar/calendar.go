// Package calendar writes a pod's weekly Triad meeting as iCalendar
// (RFC 5545) for the leaders' own calendars: the weekly series, or one
// meeting. It uses github.com/arran4/golang-ical for the format (line
// folding, text escaping) and knows nothing of SQL or of the window.
//
// The files are deterministic: the same pod, meeting and options give
// the same bytes, and the UIDs are stable, so importing a file again
// updates the entries it made rather than adding new ones.
package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"triad/data"
)

// Method says what the file is for (RFC 5546): PUBLISH for a file a
// person imports, REQUEST for the invitation a mail carries.
type Method string

const (
	Publish Method = "PUBLISH"
	Request Method = "REQUEST"
)

// DefaultLength is a meeting's length in the calendar when the pod's
// template does not say more: the Triad meets for an hour.
const DefaultLength = time.Hour

// Options are what the calendar file needs beyond the pod.
type Options struct {
	Method Method
	// Stamp is when the file was written (DTSTAMP); it is the caller's
	// clock, so tests and re-runs give the same bytes.
	Stamp time.Time
	// Length is how long the meeting is booked for; 0 means DefaultLength.
	Length time.Duration
	// Description is the event's text (the agenda, for one meeting),
	// already cleaned for display by the caller.
	Description string
	// Guests are invited besides the three leaders (one meeting only).
	Guests []data.Recipient
}

// Leaders are the pod's three leaders as recipients, in seat order.
func Leaders(p data.Pod) []data.Recipient {
	out := make([]data.Recipient, 0, len(p.Leaders))
	for _, l := range p.Leaders {
		out = append(out, data.Recipient{Name: l.Name, Role: l.Role.Title(), Email: l.Email})
	}
	return out
}

// Series is the pod's weekly meeting as a recurring event: every week on
// the pod's day at its time, in its zone, from the first such day on or
// after from. Its UID is the pod's (SeriesUID).
func Series(p data.Pod, from data.Date, opt Options) ([]byte, error) {
	if err := checkPod(p); err != nil {
		return nil, err
	}
	first := data.NextMeetingDate(p.MeetingDay, from, nil)
	start := meetingStart(p, first)
	cal, ev, err := newEvent(p, SeriesUID(p), start, opt, Leaders(p))
	if err != nil {
		return nil, err
	}
	ev.SetSummary(fmt.Sprintf("%s Triad meeting", data.CleanLine(p.Name)))
	ev.AddRrule("FREQ=WEEKLY;BYDAY=" + weekdays[p.MeetingDay])
	return serialize(cal), nil
}

// Meeting is one meeting of the pod. A meeting on the pod's weekday is
// that week's occurrence of the series (same UID, RECURRENCE-ID of the
// occurrence), so importing it after the series updates that week with the
// agenda rather than adding a second entry; a meeting on another day is an
// event of its own.
func Meeting(p data.Pod, m data.Meeting, opt Options) ([]byte, error) {
	if err := checkPod(p); err != nil {
		return nil, err
	}
	if m.Date.IsZero() {
		return nil, data.Invalidf("The meeting has no date")
	}
	start := meetingStart(p, m.Date)
	people := append(Leaders(p), opt.Guests...)
	uid := meetingUID(p, m)
	onSeries := m.Date.Weekday() == p.MeetingDay
	if onSeries {
		uid = SeriesUID(p)
	}
	cal, ev, err := newEvent(p, uid, start, opt, people)
	if err != nil {
		return nil, err
	}
	if onSeries {
		ev.AddProperty(ics.ComponentPropertyRecurrenceId, start.Format(localLayout), ics.WithTZID(zoneName(p)))
	}
	ev.SetSummary(fmt.Sprintf("%s Triad meeting, %s", data.CleanLine(p.Name), m.Date.Long()))
	return serialize(cal), nil
}

// SeriesUID is the pod's weekly series' UID. It comes from the pod's id
// and creation time, which never change (and travel through export and
// import), so it is the same in every file Triad writes for the pod; two
// databases' pods with the same id still differ by their creation time.
func SeriesUID(p data.Pod) string {
	return uid("series", p.ID, p.CreatedAt)
}

func meetingUID(p data.Pod, m data.Meeting) string {
	return uid(fmt.Sprintf("meeting %d of pod %d %s", m.ID, p.ID, data.UTCTime(p.CreatedAt)), m.ID, m.CreatedAt)
}

func uid(kind string, id int64, created time.Time) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("triad %s %d %s", kind, id, data.UTCTime(created))))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:] + "@triad"
}

// checkPod refuses a pod the file would be wrong for: without its day
// and time, or with leaders the invitation cannot reach.
func checkPod(p data.Pod) error {
	if p.MeetingDay < time.Sunday || p.MeetingDay > time.Saturday || p.MeetingTime < 0 || p.MeetingTime >= 24*60 {
		return data.Invalidf("The pod %s has no weekly day and time; set them in the pod form", data.CleanLine(p.Name))
	}
	if msg := data.CheckTimeZone(p.TimeZone); msg != "" {
		return data.Invalidf("The pod %s: %s", data.CleanLine(p.Name), msg)
	}
	return nil
}

// zoneName is the TZID the file uses: the pod's zone, UTC for a pod
// from before zones were kept (as the minutes print it).
func zoneName(p data.Pod) string {
	if p.TimeZone == "" {
		return "UTC"
	}
	return p.TimeZone
}

// meetingStart is the meeting's wall-clock start on day in the pod's zone.
func meetingStart(p data.Pod, day data.Date) time.Time {
	loc := data.PodLocation(p)
	y, m, d := day.Time(time.UTC).Date()
	return time.Date(y, m, d, int(p.MeetingTime)/60, int(p.MeetingTime)%60, 0, 0, loc)
}

// newEvent is the calendar with the pod's zone and one event starting at
// start, its attendees and organizer (the Product Manager, who runs the
// meeting). Every attendee needs an address: one missing is named.
func newEvent(p data.Pod, id string, start time.Time, opt Options, people []data.Recipient) (*ics.Calendar, *ics.VEvent, error) {
	if err := data.CheckRecipients(people); err != nil {
		return nil, nil, fmt.Errorf("the invitation cannot reach everyone: %w", err)
	}
	method := opt.Method
	if method == "" {
		method = Publish
	}
	length := opt.Length
	if length <= 0 {
		length = DefaultLength
	}
	cal := ics.NewCalendarFor("Triad//Triad meeting")
	cal.SetMethod(ics.Method(method))
	cal.SetCalscale("GREGORIAN")
	tzid := zoneName(p)
	addVTimezone(cal, tzid, start.Location(), start)

	ev := cal.AddEvent(id)
	ev.SetDtStampTime(opt.Stamp)
	if !p.UpdatedAt.IsZero() {
		ev.SetModifiedAt(p.UpdatedAt)
		// A later file for the same pod (a new day or time) must replace
		// the earlier one: SEQUENCE grows with the pod's last change.
		ev.SetSequence(int(max(p.UpdatedAt.Unix()-sequenceEpoch, 0) / 60))
	}
	ev.AddProperty(ics.ComponentPropertyDtStart, start.Format(localLayout), ics.WithTZID(tzid))
	ev.AddProperty(ics.ComponentPropertyDtEnd, start.Add(length).Format(localLayout), ics.WithTZID(tzid))
	if d := strings.TrimSpace(opt.Description); d != "" {
		ev.SetDescription(d)
	}
	if pm := p.Leader(data.RoleProduct); pm != nil {
		addPerson(ev, "ORGANIZER", data.Recipient{Name: pm.Name, Email: pm.Email}, false)
	}
	for _, r := range people {
		addPerson(ev, "ATTENDEE", r, true)
	}
	return cal, ev, nil
}

// sequenceEpoch keeps SEQUENCE a small number of minutes (2020 onwards).
const sequenceEpoch = 1577836800

// addPerson adds an ORGANIZER or ATTENDEE line with the person's name.
//
// golang-ical v0.3.4 escapes a parameter value with backslashes
// ("CN=Raman\, Priya"), which RFC 5545 does not allow: a name with a
// comma, semicolon or colon must be a quoted string, and calendars read
// the backslash form as two parameters. So the parameters are written
// into the property name here, quoted by the RFC's rules (RFC 6868 for a
// double quote), and the library still folds the line.
func addPerson(ev *ics.VEvent, prop string, r data.Recipient, attendee bool) {
	name := paramText(data.CleanLine(r.Name))
	head := prop + `;CN="` + name + `"`
	if attendee {
		head += ";CUTYPE=INDIVIDUAL;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE"
	}
	ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
		IANAToken: head,
		Value:     "mailto:" + strings.TrimSpace(r.Email),
	}})
}

// paramText makes s safe inside a quoted parameter value: a double quote
// becomes ^' and a caret ^^ (RFC 6868); control characters go.
func paramText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '^':
			b.WriteString("^^")
		case r == '"':
			b.WriteString("^'")
		case r < ' ' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// serialize writes the calendar with CRLF line ends, as RFC 5545 requires
// (the library's default on Unix is a bare LF).
func serialize(cal *ics.Calendar) []byte {
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}
