package pods

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
	"triad/data/atomicfile"
	"triad/data/handoff"
	"triad/data/mailout"
)

// calendarMenu is the pod page's "Add to calendar": the pod's weekly
// meeting as a series, either as an .ics file the user's calendar imports
// or as an invitation mail to the three leaders. Both start from the first
// meeting day from today, are booked for the template's planned time and
// keep the pod's UID, so a second import updates the series.
type calendarMenu struct {
	pg        *Page
	outbox    kit.Outbox
	button    *widget.Button
	handedOff []string // what the last hand-off wrote, for tests
}

func newCalendarMenu(pg *Page) *calendarMenu {
	cm := &calendarMenu{pg: pg, outbox: kit.NewOutbox(pg.sc)}
	cm.button = widget.NewButtonWithIcon("Add to calendar", theme.CalendarIcon(), cm.showMenu)
	return cm
}

func (cm *calendarMenu) menu() *fyne.Menu {
	return fyne.NewMenu("Add to calendar",
		fyne.NewMenuItem("Open the weekly series in my calendar (.ics)", cm.onSeriesFile),
		fyne.NewMenuItem("Invite the three leaders by mail", cm.onInvitation),
	)
}

func (cm *calendarMenu) showMenu() { kit.ShowMenuBelow(cm.button, cm.menu()) }

// series is what both hand-offs read: the pod and its meeting template,
// and the pod's today.
type series struct {
	pod   data.Pod
	tmpl  data.MeetingTemplate
	today data.Date
}

func (cm *calendarMenu) read() (series, error) {
	sc, id := cm.pg.sc, cm.pg.podID
	p, err := sc.Store.Pod(sc.Ctx(), id)
	if err != nil {
		return series{}, err
	}
	t, err := sc.Store.MeetingTemplate(sc.Ctx(), id)
	return series{p, t, data.DateOf(sc.Now().In(data.PodLocation(p)))}, err
}

// onSeriesFile writes the series as "Triad - <pod>.ics" and opens it in
// the calendar, which imports it.
func (cm *calendarMenu) onSeriesFile() {
	cm.outbox.HandOver(kit.HandOver{
		Action: "Writing the calendar file", Title: "Calendar file written", Button: cm.button,
		Write: func(dir string) ([]string, error) {
			s, err := cm.read()
			if err != nil {
				return nil, err
			}
			ics, err := handoff.SeriesFile(s.pod, s.tmpl, s.today, cm.pg.sc.Now())
			if err != nil {
				return nil, err
			}
			path := filepath.Join(dir, handoff.CalendarFileName(s.pod.Name, data.Date{}))
			if err := atomicfile.WriteBytes(path, ics); err != nil {
				return nil, err
			}
			return []string{path}, nil
		},
		Done: func(paths []string) { cm.handedOff = paths },
	})
}

// onInvitation writes the invitation mail to the leaders, the series in
// it as text/calendar; method=REQUEST, and opens it in the mail client.
func (cm *calendarMenu) onInvitation() {
	cm.outbox.HandOver(kit.HandOver{
		Action: "Writing the invitation", Title: "Invitation written", Button: cm.button,
		Write: func(dir string) ([]string, error) {
			s, err := cm.read()
			if err != nil {
				return nil, err
			}
			now := cm.pg.sc.Now()
			m, err := handoff.Invitation(s.pod, s.today, handoff.Booked(s.tmpl.TotalMinutes()), now)
			if err != nil {
				return nil, err
			}
			return mailout.WriteDrafts(dir, []handoff.Mail{m}, now)
		},
		Done: func(paths []string) { cm.handedOff = paths },
	})
}
