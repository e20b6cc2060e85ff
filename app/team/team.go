package team

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// PageSize is how many refused events, and how many kept deletes, the
// screen lists at first and adds with each "Show more".
const PageSize = 50

// Screen shows the team as this laptop knows it. It only reads: it is
// reloaded whole when another member's change arrives.
type Screen struct {
	sc     *shell.Scope
	status string // the sync's status line, as the sidebar shows it

	seen   seenData
	shownR int // how many refused events are listed (PageSize more per "Show more")
	shownK int // how many kept deletes are listed

	statusLabel *widget.Label
	body        *fyne.Container
}

type seenData struct {
	overview     data.TeamOverview
	team         bool
	refused      []data.RefusedChange
	refusedTotal int
	kept         []data.KeptDelete
	keptTotal    int
}

// New is the Team screen; status is the sync's last status line.
func New(sc *shell.Scope, status string) *Screen {
	return &Screen{sc: sc, status: status, shownR: PageSize, shownK: PageSize}
}

// Build lays the screen out and starts reading what it shows.
func (s *Screen) Build() fyne.CanvasObject {
	s.statusLabel = kit.Wrapped(statusText(s.status))
	s.body = container.NewVBox()
	s.Reload()
	return kit.Page(900, container.NewVBox(kit.Title("Team"), s.statusLabel, s.body))
}

// SetStatus shows the sync's new status line.
func (s *Screen) SetStatus(line string) {
	s.status = line
	if s.statusLabel != nil {
		s.statusLabel.SetText(statusText(line))
	}
}

func statusText(line string) string {
	if line == "" {
		return "Not syncing: Triad syncs while its window is open on a database of a team."
	}
	return line
}

// Reload reads the team again, keeping as many lines listed as shown.
func (s *Screen) Reload() {
	r, k := s.shownR, s.shownK
	shell.Load(s.sc, "Reading the team", func() (seenData, error) {
		return read(s.sc, r, k)
	}, func(d seenData) {
		s.seen = d
		s.fill()
	})
}

func read(sc *shell.Scope, refused, kept int) (seenData, error) {
	var d seenData
	var err error
	ctx := sc.Ctx()
	if d.overview, d.team, err = sc.Store.TeamOverview(ctx); err != nil || !d.team {
		return d, err
	}
	if d.refused, d.refusedTotal, err = sc.Store.RefusedChanges(ctx, refused); err != nil {
		return d, err
	}
	d.kept, d.keptTotal, err = sc.Store.KeptDeletes(ctx, kept)
	return d, err
}

// Seen is what the screen shows, for tests.
func (s *Screen) Seen() (o data.TeamOverview, refused []data.RefusedChange, kept []data.KeptDelete) {
	return s.seen.overview, s.seen.refused, s.seen.kept
}

func (s *Screen) fill() {
	s.body.Objects = nil
	if !s.seen.team {
		s.body.Add(kit.Wrapped("This database belongs to no team: it stays on this laptop. " +
			"To share a pod, run triad team create (triad help team says how)."))
		s.body.Refresh()
		return
	}
	o := s.seen.overview
	s.body.Add(kit.Wrapped(teamLine(o)))
	s.body.Add(kit.Low(fmt.Sprintf("%s waiting for the hub · %s sent · this laptop's key %s",
		changes(o.Waiting), changes(o.Sent), o.Key)))
	s.addSeats(o)
	s.addJoins(o.Joins)
	s.addRefused()
	s.addKept()
	s.body.Refresh()
}

// teamLine is "Team acme through nats://hub:4222, as Dan Okafor".
func teamLine(o data.TeamOverview) string {
	line := "Team " + o.Team + " through " + o.Hub
	if o.Name != "" {
		line += ", as " + o.Name
	}
	return line
}

func changes(n int) string {
	if n == 1 {
		return "1 change"
	}
	return fmt.Sprintf("%d changes", n)
}

func (s *Screen) addSeats(o data.TeamOverview) {
	s.body.Add(kit.Section("Seats"))
	if len(o.Pods) == 0 {
		s.body.Add(kit.Wrapped("This laptop holds no seat yet."))
	}
	for _, p := range o.Pods {
		var mine, others []string
		for _, x := range p.Seats {
			if x.Mine {
				mine = append(mine, SeatName(x.Seat))
			} else {
				others = append(others, SeatName(x.Seat)+": "+orKey(x.Name, x.Key))
			}
		}
		s.body.Add(kit.Bold(p.Name))
		s.body.Add(kit.Wrapped("You: " + orNone(strings.Join(mine, ", "))))
		s.body.Add(kit.Wrapped("Others: " + orNone(strings.Join(others, " · "))))
	}
}

func (s *Screen) addJoins(joins []data.TeamJoin) {
	s.body.Add(kit.Section("Joins asked"))
	if len(joins) == 0 {
		s.body.Add(kit.Low("No one has asked to join."))
	}
	for _, j := range joins {
		s.body.Add(kit.Wrapped(joinLine(j)))
	}
}

// joinLine is "26 Nov 10:04 · Priya Raman asked to join Payments as Tech
// Lead: waiting for the facilitator".
func joinLine(j data.TeamJoin) string {
	who := orKey(j.Name, j.Key)
	if j.Mine {
		who = "You"
	}
	state := map[string]string{"asked": "waiting for the facilitator", "approved": "approved", "refused": "refused"}[j.State]
	if state == "" {
		state = j.State
	}
	return fmt.Sprintf("%s · %s asked to join %s as %s: %s", when(j.At), who, j.Pod, SeatName(j.Seat), state)
}

func orKey(name, key string) string {
	if name != "" {
		return name
	}
	return key
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
