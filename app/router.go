package app

import (
	"fyne.io/fyne/v2"

	"triad/app/shell"
	"triad/data"
)

// Go shows the screen r names. It is the one place that builds screens:
// a screen that links to another hands its route here.
func (u *UI) Go(r shell.Route) {
	switch r := r.(type) {
	case shell.Pods:
		// The sidebar reads the pods, then comes back with a Pod or Welcome.
		u.sidebar.reload(r.Show)
	case shell.Welcome:
		u.showRoute(r, nil, welcomeScreen(u))
	case shell.Pod:
		u.sidebar.markSelected(r.ID)
		pg := newPodPage(u, r.ID)
		u.showRoute(r, pg, pg.build())
		pg.selectTab(r.Tab)
	case shell.NewPod:
		u.sidebar.clearSelection()
		f := newPodForm(u, data.NewPod())
		u.showRoute(r, f, f.build())
	case shell.EditPod:
		f := newPodForm(u, r.Pod)
		u.showRoute(r, f, f.build())
	case shell.Settings:
		u.sidebar.clearSelection()
		s := newSettingsScreen(u)
		u.showRoute(r, s, s.build())
	case shell.DealDesk:
		u.sidebar.clearSelection()
		q := newDealQueue(u, 0)
		u.showRoute(r, q, q.build())
	case shell.DealRequest:
		u.sidebar.clearSelection()
		pg := newDealPage(u, r.ID, r.Back)
		u.showRoute(r, pg, pg.build())
	case shell.NewDealRequest:
		u.sidebar.clearSelection()
		f := newDealForm(u, data.DealRequest{PodID: r.PodID, ReceivedAt: u.now()}, r.Back, r.Back)
		u.showRoute(r, f, f.build())
	case shell.EditDealRequest:
		f := newDealForm(u, r.Request, shell.DealRequest{ID: r.Request.ID, Back: r.Back}, r.Back)
		u.showRoute(r, f, f.build())
	case shell.Meeting:
		ms := newMeetingScreen(u, r.ID)
		u.showRoute(r, ms, ms.build())
		u.leave = append(u.leave, ms.leave)
		u.saveView = ms.showSaveState
		u.heldBack = ms.heldBackSummary
		ms.addShortcuts()
	case shell.Decision:
		pg := newDecisionPage(u, r.PodID, r.ID)
		pg.fromMeeting = r.FromMeeting
		u.showRoute(r, pg, pg.build())
	case shell.NewDecision:
		pg := newDecisionPage(u, r.PodID, 0)
		pg.fromMeeting, pg.agendaItemID, pg.question0, pg.supers = r.FromMeeting, r.AgendaItemID, r.Question, r.Supersedes
		u.showRoute(r, pg, pg.build())
	}
}

// showRoute shows content as the screen of route r; current is the
// screen's struct, which tests reach through u.current.
func (u *UI) showRoute(r shell.Route, current any, content fyne.CanvasObject) {
	u.show(content)
	u.route, u.current = r, current
}
