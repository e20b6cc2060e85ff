package handoff

import (
	"time"

	"triad/data"
	"triad/data/calendar"
	"triad/data/minutes"
	"triad/data/textout"
)

// Agenda is the pre-read mail for a draft meeting: to the three leaders
// and the meeting's guests, from the Product Manager, with the agenda,
// the requests awaiting sign-off, the debt check and the open decisions,
// and the meeting itself as a calendar invitation (that week's occurrence
// of the pod's series, its description the agenda). stamp is when the
// draft is written.
func Agenda(rec data.HandoffRecord, p minutes.PreRead, stamp time.Time) (Mail, error) {
	pod := rec.Pod
	to := leaders(pod)
	var guests []data.Recipient
	for _, g := range p.Guests {
		guests = append(guests, data.Recipient{Name: g.Name, Role: "guest", Email: g.Email})
	}
	to = append(to, guests...)
	m := Mail{
		Kind:    KindAgenda,
		Group:   "leaders and guests",
		Pod:     p.Pod,
		Date:    p.Date,
		From:    facilitator(pod),
		To:      to,
		Subject: "Agenda: " + data.CleanLine(p.Pod) + " Triad meeting, " + p.Date.Long() + " " + p.Start.Format("15:04 MST"),
	}
	if err := data.CheckRecipients(m.Recipients()); err != nil {
		return Mail{}, err
	}
	pre := minutes.PreReadDoc(p)
	invite, err := meetingCalendar(rec, p, calendar.Request, stamp)
	if err != nil {
		return Mail{}, err
	}
	m.Calendar, m.CalendarName = invite, CalendarFileName(p.Pod, p.Date)
	m.Doc = textout.Doc{Title: pre.Title, Lines: pre.Lines}
	m.Doc.Add("", greeting(names(to)...), textout.Para("Here is what the Triad meeting will go through. The meeting is attached as a calendar invitation."))
	m.Doc.Sections = append(m.Doc.Sections, pre.Sections...)
	m.Doc.Add("", signOff(m.From))
	return m, nil
}

// AgendaOf is the pre-read mail of rec's draft meeting as things stand at
// now, which also stamps the invitation it carries.
func AgendaOf(rec data.HandoffRecord, now time.Time) (Mail, error) {
	p, err := minutes.PreReadFromRecord(rec, minutes.Options{Now: func() time.Time { return now }})
	if err != nil {
		return Mail{}, err
	}
	return Agenda(rec, p, now)
}

// MeetingFile is rec's draft meeting as an .ics file to import into one's
// own calendar ("Add to calendar" on a draft): the invitation the pre-read
// carries, as PUBLISH, with its file name. stamp is when it is written.
func MeetingFile(rec data.HandoffRecord, stamp time.Time) (ics []byte, name string, err error) {
	p, err := minutes.PreReadFromRecord(rec, minutes.Options{Now: func() time.Time { return stamp }})
	if err != nil {
		return nil, "", err
	}
	ics, err = meetingCalendar(rec, p, calendar.Publish, stamp)
	return ics, CalendarFileName(p.Pod, p.Date), err
}

// meetingCalendar is that week's occurrence of the pod's series, booked
// for the agenda's planned time, the pre-read as its description and the
// meeting's guests invited.
func meetingCalendar(rec data.HandoffRecord, p minutes.PreRead, method calendar.Method, stamp time.Time) ([]byte, error) {
	var guests []data.Recipient
	for _, g := range p.Guests {
		guests = append(guests, data.Recipient{Name: g.Name, Role: "guest", Email: g.Email})
	}
	return calendar.Meeting(rec.Pod, rec.Minutes.Run.Meeting, calendar.Options{
		Method:      method,
		Stamp:       stamp,
		Length:      Booked(p.PlannedMinutes()),
		Description: minutes.PreReadDoc(p).Plain(),
		Guests:      guests,
	})
}

// SeriesFile is the pod's weekly series as an .ics file to import ("Add to
// calendar" on a pod, `triad calendar`): from the first meeting day on or
// after from, booked for the template's planned time.
func SeriesFile(pod data.Pod, tmpl data.MeetingTemplate, from data.Date, stamp time.Time) ([]byte, error) {
	return calendar.Series(pod, from, calendar.Options{Method: calendar.Publish, Stamp: stamp, Length: Booked(tmpl.TotalMinutes())})
}

// Booked is how long a meeting is booked in the calendar: its planned
// minutes rounded up to a quarter of an hour, or the default hour when
// nothing is planned.
func Booked(planned int) time.Duration {
	if planned <= 0 {
		return calendar.DefaultLength
	}
	return time.Duration((planned+14)/15*15) * time.Minute
}

func names(rs []data.Recipient) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Name
	}
	return out
}

// Invitation is the weekly series for the leaders' calendars ("Add to
// calendar" on a pod): to the three leaders, from the Product Manager,
// carrying the series from the first meeting day on or after from.
func Invitation(pod data.Pod, from data.Date, length time.Duration, stamp time.Time) (Mail, error) {
	ics, err := calendar.Series(pod, from, calendar.Options{Method: calendar.Request, Stamp: stamp, Length: length})
	if err != nil {
		return Mail{}, err
	}
	m := Mail{
		Kind:         KindInvitation,
		Group:        "leaders",
		Pod:          pod.Name,
		From:         facilitator(pod),
		To:           leaders(pod),
		Subject:      "Invitation: " + data.CleanLine(pod.Name) + " Triad meeting, every " + pod.MeetingDay.String() + " at " + pod.MeetingTime.String(),
		Calendar:     ics,
		CalendarName: CalendarFileName(pod.Name, data.Date{}),
	}
	zone := pod.TimeZone
	if zone == "" {
		zone = "UTC"
	}
	m.Doc = textout.Doc{Title: data.CleanLine(pod.Name) + " Triad meeting"}
	m.Doc.Add("", greeting(names(m.To)...),
		textout.Para("The "+data.CleanLine(pod.Name)+" Triad meets every "+pod.MeetingDay.String()+" at "+pod.MeetingTime.String()+" ("+zone+
			"), for "+minutesText(length)+". The weekly series is attached: accept it to put it in your calendar."),
		textout.Fields(
			textout.Field{Label: "Tech Lead", Value: pod.Leaders[0].Name},
			textout.Field{Label: "Product Manager", Value: pod.Leaders[1].Name},
			textout.Field{Label: "Product Marketing Manager", Value: pod.Leaders[2].Name},
		),
		signOff(m.From))
	return m, nil
}

func minutesText(d time.Duration) string {
	if d <= 0 {
		d = calendar.DefaultLength
	}
	mins := int(d / time.Minute)
	switch {
	case mins%60 == 0 && mins == 60:
		return "an hour"
	case mins%60 == 0:
		return itoa(mins/60) + " hours"
	case mins > 60:
		return itoa(mins/60) + " h " + itoa(mins%60) + " min"
	}
	return itoa(mins) + " minutes"
}

// CalendarFileName is an .ics file's default name: "Triad - <pod>.ics" for
// the weekly series, with the meeting's day for one meeting.
func CalendarFileName(pod string, day data.Date) string {
	name := "Triad - " + minutes.SafeFileNamePart(pod, "Pod")
	if !day.IsZero() {
		name += " - " + day.String()
	}
	return name + ".ics"
}
