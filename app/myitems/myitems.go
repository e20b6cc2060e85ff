// Package myitems is "My items": one person's open action items across
// every pod, to tick off between meetings. In a team the person is this
// laptop's member; with none, one laptop serves everyone, so the screen
// asks whose items to show and remembers the answer.
package myitems

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// PrefOwner is the preference that remembers, with no team, whose items
// the screen showed last.
const PrefOwner = "myitems.owner"

// Screen lists the items, grouped by pod, overdue first.
type Screen struct {
	latest shell.Latest
	sc     *shell.Scope

	name   string              // with no team: whose items are shown
	items  data.MyItems        // as last read
	ticked map[int64]time.Time // ticked off here since then (zero: opened again)

	who     *widget.Select // with no team: whose items
	chooser *fyne.Container
	member  *widget.Label // in a team: who this laptop is, and the seats
	summary *widget.Label
	body    *fyne.Container
}

// New is the screen, showing the person remembered from last time.
func New(sc *shell.Scope) *Screen {
	return &Screen{sc: sc, name: sc.App.Preferences().String(PrefOwner), ticked: map[int64]time.Time{}}
}

// Build lays the screen out and starts reading the items.
func (s *Screen) Build() fyne.CanvasObject {
	s.who = widget.NewSelect(nil, s.onChoose)
	s.who.PlaceHolder = "Choose a person"
	s.chooser = container.NewHBox(widget.NewLabel("Show the open items of"),
		container.NewGridWrap(fyne.NewSize(260, s.who.MinSize().Height), s.who))
	s.chooser.Hide()
	s.member = kit.Wrapped("")
	s.member.Hide()
	s.summary = widget.NewLabel("")
	s.summary.Importance = widget.LowImportance
	s.body = container.NewVBox()
	top := container.NewVBox(
		container.NewHBox(kit.Title("My items"), widget.NewSeparator(), s.summary),
		s.member, s.chooser, widget.NewSeparator())
	s.reload()
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body)))
}

// Reload reads the items of the person shown again: an action given to
// them, or ticked off, on another laptop.
func (s *Screen) Reload() { s.reload() }

// reload reads the items of the person shown.
func (s *Screen) reload() {
	q := data.MyItemsQuery{Name: s.name}
	shell.Load(s.latest.Next(s.sc), "Loading your action items", func() (data.MyItems, error) {
		return s.sc.Store.MyItems(s.sc.Ctx(), q)
	}, func(m data.MyItems) {
		s.items, s.ticked = m, map[int64]time.Time{}
		s.showWho()
		s.render()
	})
}

// onChoose shows another person's items and remembers them.
func (s *Screen) onChoose(name string) {
	if name == "" || name == s.name {
		return
	}
	s.name = name
	s.sc.App.Preferences().SetString(PrefOwner, name)
	s.reload()
}

// showWho says whose items these are: the team's member and their seats,
// or the chooser of the people who own open items.
func (s *Screen) showWho() {
	m := s.items
	kit.ShowIf(s.member, m.Team)
	kit.ShowIf(s.chooser, !m.Team)
	if m.Team {
		s.member.SetText(memberLine(m))
		return
	}
	s.who.Options = m.Owners
	s.who.Selected = ""
	for _, o := range m.Owners {
		if strings.EqualFold(o, s.name) {
			s.who.Selected = o
		}
	}
	if s.who.Selected == "" && s.name != "" {
		// The person remembered has nothing open now: still say whose
		// (empty) list this is.
		s.who.Options = append(append([]string(nil), m.Owners...), s.name)
		s.who.Selected = s.name
	}
	s.who.Refresh()
}

// memberLine is "Priya Raman: Tech Lead of Payments, Product Manager of Growth".
func memberLine(m data.MyItems) string {
	name := m.Member
	if name == "" {
		name = "This laptop's member"
	}
	if len(m.Seats) == 0 {
		return name + " holds no leader seat in a shared pod, and the pods' action items are owned by their leaders."
	}
	var seats []string
	for _, st := range m.Seats {
		seats = append(seats, st.Role.Title()+" of "+st.PodName)
	}
	return name + ": " + strings.Join(seats, ", ")
}

// render shows the items pod by pod, with what was ticked off here.
func (s *Screen) render() {
	today := data.DateOf(s.sc.Now())
	s.body.Objects = nil
	open, overdue := 0, 0
	for _, p := range s.items.Pods {
		s.body.Add(kit.Subheading(p.PodName))
		for _, a := range p.Items {
			if at, ok := s.ticked[a.ID]; ok {
				a.DoneAt = at
			}
			if !a.Done() {
				open++
				if a.Overdue(today) {
					overdue++
				}
			}
			s.body.Add(s.row(a, today))
		}
	}
	if len(s.items.Pods) == 0 {
		s.body.Add(kit.Low(s.emptyText()))
	}
	s.body.Refresh()
	if !s.items.Team && s.name == "" {
		s.summary.SetText("") // nobody's items are shown: "0 open" would say something of no one
		return
	}
	s.summary.SetText(summaryText(open, overdue, s.items))
}

// emptyText says why there is nothing to show.
func (s *Screen) emptyText() string {
	switch {
	case s.items.Team:
		return "Nothing open: every action item of your seats is done."
	case len(s.items.Owners) == 0:
		return "No one owns an open action item. Actions raised in a meeting, with an owner, show here."
	case s.name == "":
		return "Choose whose open action items to show; the choice is remembered."
	}
	return "Nothing open for " + s.name + "."
}

// summaryText is "5 open · 2 overdue", and how many are left out.
func summaryText(open, overdue int, m data.MyItems) string {
	text := kit.Itoa(open) + " open"
	if overdue > 0 {
		text += " · " + kit.Itoa(overdue) + " overdue"
	}
	if shown := m.Shown(); m.Total > shown {
		text += " · the first " + kit.Itoa(shown) + " of " + kit.Itoa(m.Total) + " shown"
	}
	return text
}

// row is one action: its done box, its text and due date, and the meeting
// and item it came from, which a tap opens.
func (s *Screen) row(a data.ActionItem, today data.Date) fyne.CanvasObject {
	check := widget.NewCheck("", func(on bool) { s.onTick(a, on) })
	check.Checked = a.Done()
	text := kit.Truncated(a.Text)
	text.TextStyle.Bold = !a.Done()
	if a.Done() {
		text.Importance = widget.LowImportance
	}
	due := kit.DueLabel(a, today)
	from := "Meeting of " + kit.ShortDate(a.MeetingDate)
	if a.AgendaTitle != "" {
		from += " · from " + a.AgendaTitle
	}
	where := kit.Truncated(from)
	where.Importance = widget.LowImportance
	open := widget.NewButtonWithIcon("Open meeting", theme.NavigateNextIcon(), func() {
		s.sc.Go(shell.Meeting{ID: a.MeetingID, Item: a.AgendaItemID})
	})
	open.Importance = widget.LowImportance
	lines := container.NewVBox(container.NewBorder(nil, nil, nil, due, text), container.NewBorder(nil, nil, nil, open, where))
	return container.NewBorder(nil, nil, check, nil, lines)
}

// onTick ticks an action off (or opens it again) as the meeting screen
// does: in a team the store signs it as this laptop's member, its owner.
func (s *Screen) onTick(a data.ActionItem, on bool) {
	at := s.sc.Now()
	shell.Write(s.sc, "Ticking off the action", func() (struct{}, error) {
		return struct{}{}, s.sc.Store.SetActionDone(s.sc.Ctx(), a.ID, on, at)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.sc.ShowError("Ticking off the action", err)
		} else if on {
			s.ticked[a.ID] = at.UTC()
		} else {
			s.ticked[a.ID] = time.Time{}
		}
		s.render()
	})
}
