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
	invite, err := calendar.Meeting(pod, rec.Minutes.Run.Meeting, calendar.Options{
		Method:      calendar.Request,
		Stamp:       stamp,
		Length:      Booked(p.PlannedMinutes()),
		Description: pre.Plain(),
		Guests:      guests,
	})
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
