package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// sidebar lists the pods; choosing one opens its page.
type sidebar struct {
	ui       *UI
	pods     []data.Pod
	list     *widget.List
	selected int64 // pod id shown, 0 for none
	status   *widget.Label
	count    string          // "2 pods"
	warning  string          // a lasting problem, shown above the count
	sync     string          // the team sync's status line; "" with no team
	syncLine *syncLine       // it, shown under the count; a tap opens the Team screen
	asks     *fyne.Container // who asks to join a pod this laptop facilitates
}

func newSidebar(u *UI) *sidebar { return &sidebar{ui: u} }

func (s *sidebar) build() fyne.CanvasObject {
	s.list = widget.NewList(
		func() int { return len(s.pods) },
		func() fyne.CanvasObject {
			name := kit.Bold("Pod name")
			name.Truncation = fyne.TextTruncateEllipsis
			when := widget.NewLabel("Thursdays at 10:00")
			when.SizeName = theme.SizeNameCaptionText
			when.Importance = widget.LowImportance
			return container.NewVBox(name, when)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.pods) {
				return
			}
			p := s.pods[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.Name)
			box.Objects[1].(*widget.Label).SetText(meetsLine(p))
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.pods) && s.pods[id].ID != s.selected {
			s.selected = s.pods[id].ID
			s.ui.Go(shell.Pod{ID: s.selected})
		}
	}
	heading := kit.Subheading("Pods")
	newPod := widget.NewButtonWithIcon("New pod", theme.ContentAddIcon(), func() { s.ui.Go(shell.NewPod{}) })
	newPod.Importance = widget.HighImportance
	settings := widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), func() { s.ui.Go(shell.Settings{}) })
	dealDesk := widget.NewButtonWithIcon("Deal desk", theme.MailSendIcon(), func() { s.ui.Go(shell.DealDesk{}) })
	// One search over every pod's records, beside whatever screen is shown.
	search := widget.NewButtonWithIcon("Search", theme.SearchIcon(), func() { s.ui.Go(shell.Search{}) })
	// The open action items of whoever uses this laptop, across every pod.
	myItems := widget.NewButtonWithIcon("My items", theme.AccountIcon(), func() { s.ui.Go(shell.MyItems{}) })
	s.status = widget.NewLabel("")
	s.status.SizeName = theme.SizeNameCaptionText
	s.status.Wrapping = fyne.TextWrapWord
	s.asks = container.NewVBox()
	s.syncLine = newSyncLine(func() { s.ui.Go(shell.Team{}) })
	bottom := container.NewVBox(s.status, s.syncLine, s.asks, newPod, myItems, search, dealDesk, settings)
	return container.NewBorder(heading, bottom, nil, nil, s.list)
}

// setWarning shows a lasting problem (a failing automatic backup) under
// the pod count until it is cleared with "".
func (s *sidebar) setWarning(w string) {
	s.warning = w
	s.showStatus()
}

// setSync shows the team sync's status line under the pod count.
func (s *sidebar) setSync(line string) {
	s.sync = line
	s.syncLine.show(line)
}

func (s *sidebar) showStatus() {
	text := s.count
	if s.warning != "" {
		text = s.warning + "\n" + text
	}
	s.status.SetText(text)
}

// meetsLine is "Thursdays at 10:00".
func meetsLine(p data.Pod) string {
	return fmt.Sprintf("%ss at %s", p.MeetingDay, p.MeetingTime)
}

// reload fetches the pods and shows selectID (or keeps the current pod, or
// opens the first). With no pods it shows the welcome screen.
func (s *sidebar) reload(selectID int64) {
	sc := s.ui.sh.Window()
	shell.Load(sc, "Loading the pods", func() ([]data.Pod, error) {
		return sc.Store.Pods(sc.Ctx())
	}, func(pods []data.Pod) {
		s.pods = pods
		s.list.Refresh()
		s.count = fmt.Sprintf("%d pods", len(pods))
		if len(pods) == 1 {
			s.count = "1 pod"
		}
		s.showStatus()
		s.reloadAsks()
		if len(pods) == 0 {
			s.selected = 0
			s.list.UnselectAll()
			s.ui.Go(shell.Welcome{})
			return
		}
		want := selectID
		if want == 0 {
			want = s.selected
		}
		idx := 0
		for i, p := range pods {
			if p.ID == want {
				idx = i
			}
		}
		// Select fires only on a change, so clear first: the page must
		// reopen with fresh data even when its pod was already selected.
		s.selected = 0
		s.list.UnselectAll()
		s.list.Select(idx)
	})
}

// clearSelection deselects without opening anything, for screens that are
// not a pod's page (new pod, settings).
func (s *sidebar) clearSelection() {
	s.selected = 0
	s.list.UnselectAll()
}

// markSelected highlights a pod in the list without reopening its page.
func (s *sidebar) markSelected(podID int64) {
	if s.selected == podID {
		return
	}
	for i, p := range s.pods {
		if p.ID == podID {
			s.selected = podID
			s.list.Select(i)
			return
		}
	}
}
