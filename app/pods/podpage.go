package pods

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/dealdesk"
	"triad/app/decisions"
	"triad/app/kit"
	"triad/app/roadmap"
	"triad/app/shell"
	"triad/data"
)

// Page is a pod's home: who its leaders are, when it meets, and its
// meetings, newest first.
type Page struct {
	sc    *shell.Scope
	podID int64

	pod      data.Pod
	meetings []data.Meeting
	deskOnly bool // a rep's laptop: the pod's deal desk is all it holds

	root         *fyne.Container
	title        *widget.Label
	subtitle     *widget.Label
	leaderCards  *fyne.Container
	meetingList  *widget.List
	olderButton  *widget.Button // the next page of meetings
	emptyNote    *widget.Label
	joinNote     *widget.Label // this member's ask to join the pod, waiting or refused
	newMeeting   *widget.Button
	edit, delete *widget.Button

	calendar         *calendarMenu // "Add to calendar": the weekly series
	template         *widget.Button
	tabs             *container.AppTabs
	tabItems         [4]*container.TabItem // by shell.PodTab
	tabNew           [4]func() tab         // each feature's tab, made when first shown
	tabShown         [4]tab                // the tabs made so far
	own              *dealdesk.Queue       // a rep's "Your requests" tab
	newMeetingDialog *newMeetingDialog     // the open "New weekly meeting" dialog
	templateEditor   *templateEditor       // the open meeting template, for tests
}

// What the empty meeting list says: with the button that makes one, and
// on a laptop whose member does not make the pod's meetings.
const (
	noMeetingsYet          = "No meetings yet. “New weekly meeting” creates one on the pod's next meeting day; Triad then prepares its agenda."
	noMeetingsYetElsewhere = "No meetings yet. The pod's facilitator or its Product Manager makes each week's meeting; " +
		"it shows here when it reaches this laptop."
)

// meetingPage is how many meetings the page reads at a time: ten years
// of weekly meetings is five hundred rows, and the newest are the ones
// opened.
const meetingPage = 50

// tab is a feature's screen on a tab of the page.
type tab interface {
	Build() fyne.CanvasObject
	Reload()
}

// buildTabs makes the pod page's tabs, one per shell.PodTab in its
// order, each feature's built by its own screen when the tab is first
// shown: opening a pod reads and lays out its meetings only.
func (pg *Page) buildTabs(meetings fyne.CanvasObject) *container.AppTabs {
	pg.tabNew = [4]func() tab{
		shell.TabDealDesk:  func() tab { return dealdesk.NewQueue(pg.sc, pg.podID) },
		shell.TabRoadmap:   func() tab { return roadmap.NewView(pg.sc, pg.podID) },
		shell.TabDecisions: func() tab { return decisions.NewLog(pg.sc, pg.podID) },
	}
	lazy := func() fyne.CanvasObject { return container.NewStack() } // filled when first shown
	pg.tabItems = [4]*container.TabItem{
		shell.TabMeetings:  container.NewTabItemWithIcon("Meetings", theme.CalendarIcon(), meetings),
		shell.TabDealDesk:  container.NewTabItemWithIcon("Deal desk", theme.MailSendIcon(), lazy()),
		shell.TabRoadmap:   container.NewTabItemWithIcon("Roadmap", theme.ListIcon(), lazy()),
		shell.TabDecisions: container.NewTabItemWithIcon("Decisions", theme.ConfirmIcon(), lazy()),
	}
	tabs := container.NewAppTabs(pg.tabItems[:]...)
	tabs.OnSelected = func(item *container.TabItem) {
		for t, it := range pg.tabItems {
			if it == item {
				pg.buildTab(shell.PodTab(t))
			}
		}
	}
	return tabs
}

// buildTab builds tab t's content, once.
func (pg *Page) buildTab(t shell.PodTab) {
	if pg.tabNew[t] == nil || pg.tabShown[t] != nil {
		return
	}
	s := pg.tabNew[t]()
	pg.tabShown[t] = s
	stack := pg.tabItems[t].Content.(*fyne.Container)
	stack.Objects = []fyne.CanvasObject{s.Build()}
	stack.Refresh()
}

// Reload reads the pod, its meetings (as many as are shown) and every tab
// built so far again, each in place: the tab selected stays, and each list
// where it is scrolled.
func (pg *Page) Reload() {
	pg.reload()
	for _, s := range pg.tabShown {
		if s != nil {
			s.Reload()
		}
	}
}

// showDeskOnly turns the page of a pod where this laptop's member is only
// a sales rep into its deal desk: the queue, and the rep's own requests.
// The meetings, roadmap and decisions are not on this laptop, so their
// tabs would only ever be empty; the pod's form is its facilitator's.
func (pg *Page) showDeskOnly(mine []int64) {
	pg.deskOnly = true
	pg.own = dealdesk.NewQueue(pg.sc, pg.podID).Only(mine)
	own := container.NewTabItemWithIcon("Your requests", theme.AccountIcon(), pg.own.Build())
	pg.tabs.SetItems([]*container.TabItem{pg.tabItems[shell.TabDealDesk], own})
	pg.buildTab(shell.TabDealDesk)
	pg.tabs.Select(pg.tabItems[shell.TabDealDesk])
}

// showRights offers only the pod's actions this laptop's store takes: a
// shared pod is not deleted (the delete would not reach the team), its
// form, with the meeting template, is edited on its facilitator's laptop,
// and its meetings are made by its facilitator or PM.
//
// While this member's ask to join the pod waits for its facilitator, the
// page says so in place of its tabs: the pod's record arrives with the
// approval, and the store takes no change before it.
func (pg *Page) showRights(h data.PodHolding) {
	waiting := h.Asked != ""
	kit.ShowIf(pg.delete, !h.Shared && !waiting)
	kit.ShowIf(pg.edit, !h.FormElsewhere && !h.DealDeskOnly && !waiting)
	kit.ShowIf(pg.template, !h.FormElsewhere && !h.DealDeskOnly && !waiting)
	kit.ShowIf(pg.tabs, !waiting)
	kit.ShowIf(pg.newMeeting, !h.RecordElsewhere)
	switch {
	case waiting:
		pg.joinNote.SetText("You asked to join " + pg.pod.Name + " as " + h.Asked + ", and its facilitator has not answered yet. " +
			"The pod's meetings, deal desk, roadmap and decisions arrive once they approve; until then nothing can be changed here, " +
			"as it would reach no other laptop.")
	case h.Refused != "":
		pg.joinNote.SetText("The facilitator of " + pg.pod.Name + " refused your ask to join it as " + h.Refused + ". " +
			"The pod stays on this laptop only: what you do here reaches no one else. A new invitation lets you ask again.")
	}
	kit.ShowIf(pg.joinNote, waiting || h.Refused != "")
}

// SelectTab shows one of the page's tabs.
func (pg *Page) SelectTab(t shell.PodTab) {
	if t != shell.TabMeetings && int(t) < len(pg.tabItems) {
		pg.tabs.Select(pg.tabItems[t])
	}
}

func NewPage(sc *shell.Scope, podID int64) *Page { return &Page{sc: sc, podID: podID} }

func (pg *Page) Build() fyne.CanvasObject {
	pg.title = kit.Title("")
	pg.title.Truncation = fyne.TextTruncateEllipsis
	pg.subtitle = widget.NewLabel("")
	pg.subtitle.Importance = widget.LowImportance
	pg.subtitle.Truncation = fyne.TextTruncateEllipsis
	pg.edit = widget.NewButtonWithIcon("Edit pod", theme.DocumentCreateIcon(), pg.onEdit)
	pg.delete = widget.NewButtonWithIcon("Delete pod", theme.DeleteIcon(), pg.onDelete)
	pg.delete.Importance = widget.LowImportance
	header := container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(pg.edit, pg.delete)),
		container.NewVBox(pg.title, pg.subtitle))

	pg.leaderCards = container.NewGridWithColumns(3)

	pg.meetingList = widget.NewList(
		func() int { return len(pg.meetings) },
		func() fyne.CanvasObject {
			date := kit.Bold("Thu 26 Nov 2026")
			status := widget.NewLabel("In progress")
			detail := widget.NewLabel("")
			detail.Importance = widget.LowImportance
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(date, status), nil, detail)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(pg.meetings) {
				return
			}
			m := pg.meetings[id]
			row := o.(*fyne.Container)
			detail := row.Objects[0].(*widget.Label)
			left := row.Objects[1].(*fyne.Container)
			left.Objects[0].(*widget.Label).SetText(m.Date.Long())
			status := left.Objects[1].(*widget.Label)
			status.SetText(m.Status.Label())
			status.Importance = kit.StatusImportance(m.Status)
			status.Refresh()
			detail.SetText(meetingDetail(m, pg.sc.Now()))
		},
	)
	pg.meetingList.OnSelected = func(id widget.ListItemID) {
		if id < len(pg.meetings) {
			pg.sc.Go(shell.Meeting{ID: pg.meetings[id].ID})
		}
	}
	pg.newMeeting = widget.NewButtonWithIcon("New weekly meeting", theme.ContentAddIcon(), pg.onNewMeeting)
	pg.newMeeting.Importance = widget.HighImportance
	pg.emptyNote = widget.NewLabel(noMeetingsYet)
	pg.emptyNote.Wrapping = fyne.TextWrapWord
	pg.emptyNote.Hide()
	// What new meetings start from and when they are, beside the button
	// that makes one.
	pg.calendar = newCalendarMenu(pg)
	pg.template = widget.NewButtonWithIcon("Meeting template…", theme.ListIcon(), pg.onTemplate)
	meetingsTop := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(pg.template, pg.calendar.button), pg.newMeeting),
		pg.emptyNote)
	pg.olderButton = widget.NewButtonWithIcon("Show older meetings", theme.MoreVerticalIcon(), pg.onOlder)
	pg.olderButton.Hide()
	meetings := container.NewBorder(meetingsTop, container.NewHBox(pg.olderButton), nil, nil, pg.meetingList)

	pg.joinNote = widget.NewLabel("")
	pg.joinNote.Wrapping = fyne.TextWrapWord
	pg.joinNote.Importance = widget.WarningImportance
	pg.joinNote.Hide()

	pg.tabs = pg.buildTabs(meetings)
	pg.root = container.NewBorder(
		container.NewVBox(header, pg.leaderCards, pg.joinNote),
		nil, nil, nil, pg.tabs)
	pg.reload()
	return container.NewPadded(pg.root)
}

// meetingDetail is the line beside a meeting: when it ran, or how far off it is.
func meetingDetail(m data.Meeting, now time.Time) string {
	switch {
	case !m.EndedAt.IsZero():
		return fmt.Sprintf("Ran %s–%s", m.StartedAt.Local().Format("15:04"), m.EndedAt.Local().Format("15:04"))
	case !m.StartedAt.IsZero():
		return "Started at " + m.StartedAt.Local().Format("15:04")
	}
	days := data.DateOf(now).DaysUntil(m.Date)
	switch {
	case days == 0:
		return "Today"
	case days == 1:
		return "Tomorrow"
	case days > 1:
		return fmt.Sprintf("In %d days", days)
	case days == -1:
		return "Yesterday; not started"
	}
	return fmt.Sprintf("%d days ago; not started", -days)
}

type podPageData struct {
	pod      data.Pod
	meetings []data.Meeting
	holding  data.PodHolding
}

// reload reads the pod and its newest meetings, as many as are shown.
func (pg *Page) reload() {
	limit := max(meetingPage, len(pg.meetings))
	shell.Load(pg.sc, "Opening the pod", func() (podPageData, error) {
		p, err := pg.sc.Store.Pod(pg.sc.Ctx(), pg.podID)
		if err != nil {
			return podPageData{}, err
		}
		h, err := pg.sc.Store.PodHolding(pg.sc.Ctx(), pg.podID)
		if err != nil {
			return podPageData{}, err
		}
		ms, err := pg.sc.Store.MeetingsPage(pg.sc.Ctx(), pg.podID, 0, limit+1) // one more says whether older ones exist
		return podPageData{p, ms, h}, err
	}, func(d podPageData) {
		var older bool
		switch {
		case d.holding.DealDeskOnly && !pg.deskOnly:
			pg.showDeskOnly(d.holding.Mine)
		case pg.own != nil:
			pg.own.Only(d.holding.Mine).Reload() // the rep's requests as they stand now
		}
		pg.pod = d.pod
		pg.showRights(d.holding)
		pg.meetings, older = upTo(d.meetings, limit)
		kit.ShowIf(pg.olderButton, older)
		pg.refresh()
	})
}

// onOlder adds the next page of older meetings to the list.
func (pg *Page) onOlder() {
	offset := len(pg.meetings)
	shell.Load(pg.sc, "Showing older meetings", func() ([]data.Meeting, error) {
		return pg.sc.Store.MeetingsPage(pg.sc.Ctx(), pg.podID, offset, meetingPage+1)
	}, func(ms []data.Meeting) {
		ms, older := upTo(ms, meetingPage)
		pg.meetings = append(pg.meetings[:offset:offset], ms...)
		kit.ShowIf(pg.olderButton, older)
		pg.meetingList.Refresh()
	})
}

// upTo is the first n of ms, and whether there were more.
func upTo(ms []data.Meeting, n int) ([]data.Meeting, bool) {
	if len(ms) > n {
		return ms[:n], true
	}
	return ms, false
}

func (pg *Page) refresh() {
	p := pg.pod
	pg.title.SetText(p.Name)
	sub := "Meets every " + p.MeetingDay.String() + " at " + p.MeetingTime.String()
	if p.TimeZone != "" {
		sub += " " + p.TimeZone
	}
	if p.Description != "" {
		sub += " · " + p.Description
	}
	if pg.deskOnly {
		sub = "You are a sales rep in this pod: this laptop holds its deal desk · " + sub
	}
	pg.subtitle.SetText(sub)
	pg.leaderCards.Objects = nil
	for _, l := range p.Leaders {
		pg.leaderCards.Add(leaderCard(l))
	}
	pg.leaderCards.Refresh()
	pg.emptyNote.Hidden = len(pg.meetings) > 0
	pg.emptyNote.Text = noMeetingsYet
	if pg.newMeeting.Hidden {
		pg.emptyNote.Text = noMeetingsYetElsewhere
	}
	pg.emptyNote.Refresh()
	pg.meetingList.Refresh()
}

// leaderCard is one seat of the Triad in four tight lines: the seat, the
// person, how to reach them, and the questions they answer.
func leaderCard(l data.Leader) fyne.CanvasObject {
	role := kit.Bold(l.Role.Title())
	role.Truncation = fyne.TextTruncateEllipsis
	role.Importance = widget.HighImportance
	name := kit.Bold(l.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	email := widget.NewLabel(l.Email)
	if l.Email == "" {
		email.SetText("No email address")
	}
	email.Importance = widget.LowImportance
	email.Truncation = fyne.TextTruncateEllipsis
	// Subdued rather than italic: each text style costs the window its own
	// parsed copy of every font (Fyne loads fonts per style).
	q := widget.NewLabel(roleQuestions(l.Role))
	q.Importance = widget.LowImportance
	q.Truncation = fyne.TextTruncateEllipsis
	q.SizeName = theme.SizeNameCaptionText
	return widget.NewCard("", "", container.New(kit.Tight{}, role, name, email, q))
}

func (pg *Page) onEdit() {
	if pg.pod.ID == 0 {
		return
	}
	pg.sc.Go(shell.EditPod{Pod: pg.pod})
}

// onDelete asks first, saying exactly what will go.
func (pg *Page) onDelete() {
	if pg.pod.ID == 0 {
		return
	}
	id := pg.pod.ID
	shell.Load(pg.sc, "Checking the pod", func() (data.PodUsage, error) {
		return pg.sc.Store.PodUsage(pg.sc.Ctx(), id)
	}, func(u data.PodUsage) {
		msg := "Delete the pod “" + pg.pod.Name + "”?"
		if !u.Empty() {
			msg += "\n\nThis also deletes its " + u.String() + ". This cannot be undone."
		}
		pg.sc.Confirm("Delete pod", msg, "Delete", pg.deleteNow)
	})
}

func (pg *Page) deleteNow() {
	id := pg.pod.ID
	shell.Load(pg.sc, "Deleting the pod", func() (struct{}, error) {
		return struct{}{}, pg.sc.Store.DeletePod(pg.sc.Ctx(), id)
	}, func(_ struct{}) {
		pg.sc.Go(shell.Pods{})
	})
}

// onNewMeeting proposes the pod's next meeting day; the date can be changed.
func (pg *Page) onNewMeeting() {
	if pg.pod.ID == 0 {
		return
	}
	// The meetings shown are the newest, so the days still to come are
	// among them unless fifty are planned ahead; the store refuses a taken
	// day plainly all the same.
	taken := make([]data.Date, len(pg.meetings))
	for i, m := range pg.meetings {
		taken[i] = m.Date
	}
	next := data.NextMeetingDate(pg.pod.MeetingDay, data.DateOf(pg.sc.Now()), taken)
	nd := &newMeetingDialog{Dialog: kit.NewDialog("Create meeting", theme.ConfirmIcon()), entry: widget.NewDateEntry()}
	t := next.Time(time.Local)
	nd.entry.SetDate(&t)
	hint := widget.NewLabel(pg.pod.Name + " meets on " + pg.pod.MeetingDay.String() + "s at " + pg.pod.MeetingTime.String() + ".")
	hint.Importance = widget.LowImportance
	nd.Confirm.OnTapped = func() {
		if nd.entry.Date == nil {
			nd.SetProblem("Pick a date from the calendar, or type one")
			return
		}
		m := data.Meeting{PodID: pg.pod.ID, Date: data.DateOf(*nd.entry.Date)}
		kit.Write(pg.sc, nd.Dialog, "Creating the meeting", func() (data.Meeting, error) {
			return pg.sc.Store.CreateMeeting(pg.sc.Ctx(), m)
		}, func(data.Meeting) { pg.reload() }, nil)
	}
	body := container.NewVBox(hint, widget.NewForm(widget.NewFormItem("Date", nd.entry)), nd.Problem)
	pg.newMeetingDialog = nd
	nd.Show(pg.sc.Win, "New weekly meeting", body, fyne.NewSize(440, 240))
}

// newMeetingDialog is the open "New weekly meeting" dialog, for tests.
type newMeetingDialog struct {
	*kit.Dialog
	entry *widget.DateEntry
}
