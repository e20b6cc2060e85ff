package app

import (
	"fyne.io/fyne/v2"

	"triad/app/dealdesk"
	"triad/app/decisions"
	"triad/app/meeting"
	"triad/app/myitems"
	"triad/app/pods"
	"triad/app/shell"
	"triad/app/team"
	"triad/data"
)

// Go shows the screen r names. It is the one place that builds screens:
// a screen that links to another hands its route here. Each screen gets a
// scope of its own, which ends when the next screen is shown.
func (u *UI) Go(r shell.Route) {
	if r, ok := r.(shell.Pods); ok {
		// The sidebar reads the pods, then comes back with a Pod or Welcome.
		u.sidebar.reload(r.Show)
		return
	}
	sc := u.sh.NewScope()
	var current any
	var s shell.Screen
	page := func(v any, content fyne.CanvasObject) { current, s = v, shell.Screen{Content: content} }
	switch r := r.(type) {
	case shell.Welcome:
		page(nil, welcomeScreen(u))
	case shell.Pod:
		u.sidebar.markSelected(r.ID)
		pg := pods.NewPage(sc, r.ID)
		page(pg, pg.Build())
		pg.SelectTab(r.Tab)
	case shell.NewPod:
		u.sidebar.clearSelection()
		f := pods.NewForm(sc, data.NewPod())
		page(f, f.Build())
	case shell.EditPod:
		f := pods.NewForm(sc, r.Pod)
		page(f, f.Build())
	case shell.Settings:
		u.sidebar.clearSelection()
		st := pods.NewSettings(sc)
		page(st, st.Build())
	case shell.DealDesk:
		u.sidebar.clearSelection()
		q := dealdesk.NewQueue(sc, 0)
		page(q, q.Build())
	case shell.DealRequest:
		u.sidebar.clearSelection()
		pg := dealdesk.NewPage(sc, r.ID, r.Back)
		page(pg, pg.Build())
	case shell.NewDealRequest:
		u.sidebar.clearSelection()
		f := dealdesk.NewForm(sc, data.DealRequest{PodID: r.PodID, ReceivedAt: u.sh.Now()}, r.Back, r.Back)
		page(f, f.Build())
	case shell.EditDealRequest:
		f := dealdesk.NewForm(sc, r.Request, shell.DealRequest{ID: r.Request.ID, Back: r.Back}, r.Back)
		page(f, f.Build())
	case shell.Meeting:
		ms := meeting.New(sc, r.ID)
		ms.ReturnTo(r.Item)
		current, s = ms, ms.Build()
	case shell.Decision:
		pg := decisions.NewPage(sc, r)
		page(pg, pg.Build())
	case shell.NewDecision:
		pg := decisions.NewDraft(sc, r)
		page(pg, pg.Build())
	case shell.Search:
		u.sidebar.clearSelection()
		se := decisions.NewSearch(sc, r)
		page(se, se.Build())
		sc.OnShow(se.Focus)
	case shell.MyItems:
		u.sidebar.clearSelection()
		mi := myitems.New(sc)
		page(mi, mi.Build())
	case shell.Team:
		u.sidebar.clearSelection()
		ts := team.New(sc, u.sidebar.sync)
		page(ts, ts.Build())
	default:
		panic("no screen for the route")
	}
	u.show(sc, s)
	u.route, u.current = r, current
}
