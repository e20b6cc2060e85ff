package roadmap

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
	"triad/data/chart"
)

// View is a pod's Roadmap tab: the debt check on top, where the pod
// stands against its revenue goal, both trends, then the items themselves
// and whose requests they are.
type View struct {
	sc    *shell.Scope
	podID int64

	rm      data.Roadmap
	windows []data.QuarterRange // the planning-window choices, as offered
	window  data.QuarterRange

	windowSel    *widget.Select
	unitSel      *widget.Select
	addItem      *widget.Button
	debtTile     *fyne.Container // the ratio, band and what to do
	revenueTile  *fyne.Container // realized ARR this year and goals reached
	debtDetails  *fyne.Container // item counts behind the ratio
	meetingSel   *widget.Select
	meetingIDs   map[string]int64
	recordSnap   *widget.Button
	snapStatus   *widget.Label
	celebrations *fyne.Container
	debtChart    *figureView
	revenueChart *figureView
	revenueBox   *fyne.Container
	itemsBox     *fyne.Container
	customersBox *fyne.Container

	debtPanel *DebtCheckPanel  // the open meeting debt check
	itemForm  *roadmapItemForm // the open item form
	arrForm   *arrForm         // the open realized-ARR form
	// celebrate shows a feature reaching its goal; replaceable in tests.
	celebrate func(data.Celebration)
}

func NewView(sc *shell.Scope, podID int64) *View {
	v := &View{sc: sc, podID: podID, meetingIDs: map[string]int64{}}
	v.celebrate = v.showCelebration
	sc.HoldsUnsaved(v.unsaved)
	return v
}

// unsaved says what an open form holds that closing the window would
// lose: the roadmap's forms are dialogs, whose Cancel asks, so they keep
// no draft.
func (v *View) unsaved() string {
	switch {
	case v.itemForm != nil && v.itemForm.dlg.HoldsTyping():
		what := "the roadmap item you are editing"
		if t := v.itemForm.title.Text; t != "" {
			what = "the roadmap item “" + t + "” you are editing"
		}
		return "Not saved: " + what + ". It is lost if Triad closes now."
	case v.arrForm != nil && v.arrForm.dlg.HoldsTyping():
		return "Not saved: the realized ARR you are booking for " + v.arrForm.item.Title + ". It is lost if Triad closes now."
	}
	return ""
}

func (v *View) today() data.Date { return data.DateOf(v.sc.Now()) }

// windowChoices are the planning windows the view offers, the default first.
func windowChoices(today data.Date) ([]data.QuarterRange, []string) {
	q := data.QuarterOf(today)
	ws := []data.QuarterRange{
		data.DefaultPlanningWindow(today),
		{From: q, To: q},
		{From: q.Next(), To: q.Next()},
		{From: q, To: q.Add(3)},
	}
	labels := []string{
		"This quarter and next (" + ws[0].String() + ")",
		"This quarter (" + ws[1].String() + ")",
		"Next quarter (" + ws[2].String() + ")",
		"Next four quarters (" + ws[3].String() + ")",
	}
	return ws, labels
}

func unitLabel(u data.EffortUnit) string {
	if u == data.UnitPersonWeeks {
		return "Person-weeks"
	}
	return "Points"
}

func (v *View) Build() fyne.CanvasObject {
	var labels []string
	v.windows, labels = windowChoices(v.today())
	v.window = v.windows[0]
	v.windowSel = widget.NewSelect(labels, nil)
	windowBox := container.New(&kit.Column{MinWidth: 345}, v.windowSel)
	v.windowSel.SetSelectedIndex(0)
	v.windowSel.OnChanged = func(string) {
		v.window = v.windows[v.windowSel.SelectedIndex()]
		v.refresh()
	}
	v.unitSel = widget.NewSelect([]string{unitLabel(data.UnitPoints), unitLabel(data.UnitPersonWeeks)}, nil)
	unitBox := container.New(&kit.Column{MinWidth: 160}, v.unitSel)
	v.addItem = widget.NewButtonWithIcon("Add item", theme.ContentAddIcon(), func() { v.openItemForm(data.RoadmapItem{}) })
	v.addItem.Importance = widget.HighImportance
	toolbar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("Planning window"), windowBox),
		container.NewHBox(widget.NewLabel("Estimates in"), unitBox, v.addItem))

	v.debtTile = container.NewVBox()
	v.revenueTile = container.NewVBox()
	v.debtDetails = container.NewVBox()
	v.meetingSel = widget.NewSelect(nil, nil)
	v.meetingSel.PlaceHolder = "Choose a meeting"
	v.recordSnap = widget.NewButtonWithIcon("Record snapshot", theme.DocumentSaveIcon(), v.onRecordSnapshot)
	v.recordSnap.Importance = widget.HighImportance
	v.snapStatus = kit.Low("")
	recorder := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Meeting"), v.recordSnap, v.meetingSel), v.snapStatus)

	v.celebrations = container.NewVBox()
	v.debtChart = newFigureView(chart.DebtTrend(nil, 2000))
	v.revenueChart = newFigureView(chart.RevenueTrend(nil, data.Dollars(1_000_000), "USD", v.today()))

	v.revenueBox = container.NewVBox()
	v.itemsBox = container.NewVBox()
	v.customersBox = container.NewVBox()
	// Where the pod stands, then which way it is going, then the detail:
	// the first screen answers the triad's two questions.
	body := container.NewVBox(
		container.NewGridWithColumns(2, tile(v.debtTile), tile(v.revenueTile)),
		container.NewGridWithColumns(2, container.NewPadded(v.debtChart), container.NewPadded(v.revenueChart)),
		container.NewGridWithColumns(2,
			widget.NewCard("Weekly snapshot", "", container.NewVBox(v.debtDetails, widget.NewSeparator(), recorder)),
			widget.NewCard("Shipped features", "", v.revenueBox)),
		widget.NewCard("Roadmap items", "", v.itemsBox),
		widget.NewCard("Customer concentration", "Committed effort in the planning window that customers asked for", v.customersBox),
	)
	v.reload()
	return container.NewBorder(toolbar, nil, nil, nil, container.NewVScroll(body))
}

// Reload reads the roadmap again and redraws it for the window and unit
// chosen; the view stays where it is scrolled.
func (v *View) Reload() { v.reload() }

func (v *View) reload() {
	shell.Load(v.sc, "Opening the roadmap", func() (data.Roadmap, error) {
		return v.sc.Store.Roadmap(v.sc.Ctx(), v.podID)
	}, func(r data.Roadmap) {
		v.rm = r
		v.refresh()
	})
}

func (v *View) check() data.DebtCheck {
	return data.CheckDebt(v.rm.Items, v.window, v.rm.Settings.MaintenanceQuota, v.rm.Unit)
}

// refresh redraws every section from v.rm and the chosen window.
func (v *View) refresh() {
	r := v.rm
	v.unitSel.OnChanged = nil
	v.unitSel.SetSelected(unitLabel(r.Unit))
	v.unitSel.OnChanged = v.onUnitChanged

	c := v.check()
	v.debtTile.Objects = []fyne.CanvasObject{debtSummary(c)}
	v.debtTile.Refresh()
	counts := kit.Wrapped(debtCounts(c))
	v.debtDetails.Objects = []fyne.CanvasObject{counts}
	v.debtDetails.Refresh()
	v.refreshMeetings()
	v.refreshCelebrations()

	v.debtChart.SetFigure(debtTrendOf(r.Snapshots, r.Settings.MaintenanceQuota))
	progress := data.RevenueProgress(r.Items, r.Settings.RevenueGoal)
	v.revenueChart.SetFigure(chart.RevenueTrend(revenueSeries(progress, r.Entries), r.Settings.RevenueGoal, r.Settings.Currency, v.today()))

	v.refreshRevenue(progress)
	v.refreshItems()
	v.refreshCustomers()
}

// debtTrendOf charts the weekly snapshots against today's quota.
func debtTrendOf(snaps []data.DebtSnapshot, quota data.Percent) chart.Figure {
	points := make([]chart.DebtPoint, len(snaps))
	for i, s := range snaps {
		points[i] = chart.DebtPoint{Date: s.MeetingDate, Ratio: s.Check.Ratio, Band: s.Check.Band}
	}
	return chart.DebtTrend(points, quota)
}

// revenueSeries is each shipped feature's running total, in ship order so
// a feature keeps its colour as the others catch up.
func revenueSeries(progress []data.FeatureRevenue, entries []data.ARREntry) []chart.RevenueSeries {
	byShip := append([]data.FeatureRevenue(nil), progress...)
	sort.SliceStable(byShip, func(i, j int) bool { return byShip[i].Item.ShippedOn.Before(byShip[j].Item.ShippedOn) })
	var out []chart.RevenueSeries
	for _, fr := range byShip {
		var es []data.ARREntry
		for _, e := range entries {
			if e.ItemID == fr.Item.ID {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			out = append(out, chart.RevenueSeries{Name: fr.Item.Title, Points: data.CumulativeARR(es), Goal: fr.Goal})
		}
	}
	return out
}

// refreshMeetings offers the pod's meetings, this week's first: the
// latest meeting on or before six days from now. Weekly snapshots always
// use the meeting's default planning window, so the trend compares like
// with like whatever window the view shows.
func (v *View) refreshMeetings() {
	recorded := map[int64]data.DebtSnapshot{}
	for _, s := range v.rm.Snapshots {
		recorded[s.MeetingID] = s
	}
	v.meetingIDs = map[string]int64{}
	var opts []string
	pick := ""
	today := v.today()
	for _, m := range v.rm.Meetings { // newest first
		label := m.Date.Long()
		if s, ok := recorded[m.ID]; ok {
			label += " · " + s.Check.Ratio.Format() + " recorded"
		}
		opts = append(opts, label)
		v.meetingIDs[label] = m.ID
		if pick == "" && !m.Date.After(today.AddDays(6)) {
			pick = label
		}
	}
	if pick == "" && len(opts) > 0 {
		pick = opts[len(opts)-1]
	}
	v.meetingSel.Options = opts
	if _, ok := v.meetingIDs[v.meetingSel.Selected]; !ok {
		v.meetingSel.Selected = pick
	}
	v.meetingSel.Refresh()
	v.meetingSel.OnChanged = func(string) { v.updateRecordButton() }
	v.updateRecordButton()
}

func (v *View) selectedMeeting() (int64, bool) {
	id, ok := v.meetingIDs[v.meetingSel.Selected]
	return id, ok
}

func (v *View) hasSnapshot(meetingID int64) bool {
	for _, s := range v.rm.Snapshots {
		if s.MeetingID == meetingID {
			return true
		}
	}
	return false
}

func (v *View) updateRecordButton() {
	id, ok := v.selectedMeeting()
	switch {
	case len(v.rm.Meetings) == 0:
		v.recordSnap.Disable()
		v.snapStatus.SetText("Create a weekly meeting first (Meetings tab).")
		return
	case ok && v.hasSnapshot(id):
		v.recordSnap.SetText("Open snapshot")
		v.recordSnap.SetIcon(theme.VisibilityIcon())
	default:
		v.recordSnap.SetText("Record snapshot")
		v.recordSnap.SetIcon(theme.DocumentSaveIcon())
	}
	v.recordSnap.Enable()
	v.snapStatus.SetText(snapshotNote(v.rm))
}

// snapshotNote says how many weeks are recorded and whether the latest
// still waits for the Product Marketing Manager.
func snapshotNote(r data.Roadmap) string {
	n := len(r.Snapshots)
	if n == 0 {
		return "No weekly snapshot yet: record one in each meeting to see the trend."
	}
	last := r.Snapshots[n-1]
	who := data.RoleMarketing.Title()
	if l := r.Pod.Leader(data.RoleMarketing); l != nil && l.Name != "" {
		who = l.Name
	}
	switch last.Response {
	case data.ResponsePending:
		return fmt.Sprintf("%d weekly snapshots. The latest (%s) awaits %s's answer.", n, last.MeetingDate.Long(), who)
	case data.ResponseDisputed:
		return fmt.Sprintf("%d weekly snapshots. %s disputed the latest (%s).", n, who, last.MeetingDate.Long())
	}
	return fmt.Sprintf("%d weekly snapshots. %s accepted the latest (%s).", n, who, last.MeetingDate.Long())
}

// onRecordSnapshot opens the meeting's debt check (the same panel the
// meeting screen shows), recording this week's snapshot first when the
// meeting has none.
func (v *View) onRecordSnapshot() {
	id, ok := v.selectedMeeting()
	if !ok {
		v.snapStatus.SetText("Choose the meeting to record the snapshot into.")
		return
	}
	p := NewDebtCheckPanel(v.sc, v.podID, id)
	v.debtPanel = p
	content := p.Build()
	if !v.hasSnapshot(id) {
		p.onRecord()
	}
	title := "Roadmap debt check"
	for _, m := range v.rm.Meetings {
		if m.ID == id {
			title = "Meeting of " + m.Date.Long()
		}
	}
	d := dialog.NewCustom(title, "Close", container.NewVScroll(content), v.sc.Win)
	d.SetOnClosed(func() {
		v.debtPanel = nil
		v.reload()
	})
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

func (v *View) onUnitChanged(label string) {
	unit := data.UnitPoints
	if label == unitLabel(data.UnitPersonWeeks) {
		unit = data.UnitPersonWeeks
	}
	if unit == v.rm.Unit {
		return
	}
	change := func() {
		shell.Run(v.sc, func() (struct{}, error) {
			return struct{}{}, v.sc.Store.SetEffortUnit(v.sc.Ctx(), v.podID, unit)
		}, func(_ struct{}, err error) {
			if err != nil {
				v.sc.ShowError("Changing the effort unit", err)
			}
			v.reload()
		})
	}
	estimated := 0
	for _, it := range v.rm.Items {
		if it.Effort != nil {
			estimated++
		}
	}
	if estimated == 0 {
		change()
		return
	}
	// Estimates are numbers in the pod's unit: switching keeps the numbers,
	// so say so before 13 points silently become 13 person-weeks.
	v.unitSel.OnChanged = nil
	v.unitSel.SetSelected(unitLabel(v.rm.Unit))
	v.unitSel.OnChanged = v.onUnitChanged
	v.sc.Confirm("Change the effort unit",
		fmt.Sprintf("%d items are estimated in %s. Switching to %s keeps their numbers as they are, so re-estimate them afterwards.",
			estimated, v.rm.Unit.Plural(), unit.Plural()),
		"Switch to "+unit.Plural(), change)
}

// refreshCelebrations shows the features that reached their goal in the
// last 30 days as a banner: the moment lasts beyond its dialog.
func (v *View) refreshCelebrations() {
	v.celebrations.Objects = nil
	since := v.today().AddDays(-30)
	for _, c := range v.rm.Celebrations {
		if c.CrossedOn.Before(since) {
			continue
		}
		l := kit.Bold(c.Line())
		l.Importance = widget.SuccessImportance
		l.Wrapping = fyne.TextWrapWord
		v.celebrations.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.ConfirmIcon()), nil, l))
	}
	v.celebrations.Refresh()
}

// goalsReached is "1 of 2 shipped features reached their goal".
func goalsReached(reached, shipped int) string {
	switch shipped {
	case 0:
		return "No shipped features yet"
	case 1:
		if reached == 1 {
			return "The shipped feature reached its goal"
		}
		return "The shipped feature has not reached its goal yet"
	}
	return fmt.Sprintf("%d of %d shipped features reached their goal", reached, shipped)
}

// tile frames a headline measure.
func tile(content fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", content)
}

// refreshRevenue shows the year's realized ARR and each shipped feature's
// progress to its goal.
func (v *View) refreshRevenue(progress []data.FeatureRevenue) {
	st := v.rm.Settings
	v.revenueBox.Objects = nil
	total := data.RealizedThisYear(v.rm.Items, v.today())
	big := canvas.NewText(total.Short(st.Currency), toColor(chart.Series))
	big.TextSize = theme.TextSize() * 3
	big.TextStyle = fyne.TextStyle{Bold: true}
	year := v.today().Time(time.UTC).Year()
	sum := container.NewVBox(
		kit.Bold("realized ARR"),
		widget.NewLabel(fmt.Sprintf("from features shipped in %d", year)))
	reached := 0
	for _, fr := range progress {
		if fr.Reached {
			reached++
		}
	}
	goals := kit.Wrapped(goalsReached(reached, len(progress)))
	v.revenueTile.Objects = []fyne.CanvasObject{container.NewHBox(big, sum), goals, v.celebrations}
	v.revenueTile.Refresh()
	if len(progress) == 0 {
		// Wrapped: unwrapped, this line alone made the tab wider than a
		// 1366-pixel laptop's window.
		note := kit.Wrapped("No shipped features yet. Mark a feature shipped, then book the ARR it brings here.")
		note.Importance = widget.LowImportance
		v.revenueBox.Add(note)
	}
	for _, fr := range progress {
		fr := fr
		bar := widget.NewProgressBar()
		bar.Max = 1
		bar.Value = float64(fr.Progress) / 10000
		bar.TextFormatter = func() string {
			return fr.Realized.Short(st.Currency) + " of " + fr.Goal.Short(st.Currency)
		}
		title := kit.Truncated(fr.Item.Title)
		title.TextStyle = fyne.TextStyle{Bold: true}
		state := widget.NewLabel("")
		switch {
		case fr.Reached && !fr.Item.GoalReachedOn.IsZero():
			state.SetText("Goal reached " + fr.Item.GoalReachedOn.Time(time.UTC).Format("2 Jan 2006"))
			state.Importance = widget.SuccessImportance
		case fr.Realized == 0:
			state.SetText("Shipped " + fr.Item.ShippedOn.Long() + "; no ARR booked")
			state.Importance = widget.LowImportance
		default:
			state.SetText((fr.Goal - fr.Realized).Short(st.Currency) + " to go")
		}
		add := widget.NewButtonWithIcon("Book ARR", theme.ContentAddIcon(), func() { v.openARRForm(fr.Item) })
		v.revenueBox.Add(container.NewBorder(nil, nil, nil, add,
			container.NewVBox(container.NewBorder(nil, nil, nil, state, title), bar)))
	}
	v.revenueBox.Refresh()
}

// statusOrder puts live work first.
func statusOrder(s data.ItemStatus) int {
	switch s {
	case data.StatusInProgress:
		return 0
	case data.StatusPlanned:
		return 1
	case data.StatusProposed:
		return 2
	case data.StatusShipped:
		return 3
	}
	return 4
}

// itemColumns are the relative widths of the items list's columns.
func itemColumns() []float32 { return []float32{3.8, 3, 1.5, 1.2, 1.6, 2.4} }

// unitHeader heads the effort column, so each cell is just a number.
func unitHeader(u data.EffortUnit) string {
	if u == data.UnitPersonWeeks {
		return "Person-weeks"
	}
	return "Points"
}

func (v *View) refreshItems() {
	unit := v.rm.Unit
	v.itemsBox.Objects = nil
	items := append([]data.RoadmapItem(nil), v.rm.Items...)
	sort.SliceStable(items, func(i, j int) bool { return statusOrder(items[i].Status) < statusOrder(items[j].Status) })
	if len(items) == 0 {
		note := kit.Wrapped("No roadmap items yet. “Add item” records a feature or a piece of maintenance with its effort and target quarter.")
		v.itemsBox.Add(note)
	} else {
		head := container.New(&kit.Weighted{Weights: itemColumns()})
		for _, h := range []string{"Title", "Kind", unitHeader(unit), "Quarter", "Status", "Source"} {
			l := kit.Truncated(h)
			l.TextStyle = fyne.TextStyle{Bold: true}
			head.Add(l)
		}
		// A blank as wide as the rows' edit button keeps the columns aligned.
		gap := canvas.NewRectangle(color.Transparent)
		gap.SetMinSize(widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil).MinSize())
		v.itemsBox.Add(container.NewBorder(nil, nil, nil, gap, head))
	}
	for _, it := range items {
		it := it
		title := kit.Truncated(it.Title)
		title.TextStyle = fyne.TextStyle{Bold: true}
		kind := kit.Truncated(it.KindLabel())
		switch {
		case it.Kind == data.KindMaintenance:
			kind.Importance = widget.HighImportance
		case it.ExpectedARR > 0:
			kind.SetText("Feature · " + it.ExpectedARR.Short(v.rm.Settings.Currency) + " expected")
		}
		effort := kit.Truncated("")
		if it.Effort == nil {
			effort.SetText("Not estimated")
			effort.Importance = widget.WarningImportance
		} else {
			effort.SetText(it.Effort.Number())
		}
		status := kit.Truncated(it.Status.Label())
		switch it.Status {
		case data.StatusInProgress:
			status.Importance = widget.SuccessImportance
		case data.StatusDropped, data.StatusProposed:
			status.Importance = widget.LowImportance
		}
		source := kit.Truncated(it.Source())
		if len(it.Customers) == 0 {
			source.Importance = widget.LowImportance
		}
		if len(it.Deals) > 0 {
			source.SetText(sourceWithDeals(it))
		}
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { v.openItemForm(it) })
		row := container.New(&kit.Weighted{Weights: itemColumns()},
			title, kind, effort, kit.Truncated(it.Target.String()), status, source)
		v.itemsBox.Add(container.NewBorder(nil, nil, nil, edit, row))
	}
	v.itemsBox.Refresh()
}

// refreshCustomers shows how much of the window's committed effort each
// customer's requests take.
func (v *View) refreshCustomers() {
	v.customersBox.Objects = nil
	cs := data.CustomerConcentration(v.rm.Items, v.window)
	if len(cs) == 0 {
		note := kit.Wrapped("No committed item in " + v.window.String() + " was asked for by a customer.")
		note.Importance = widget.LowImportance
		v.customersBox.Add(note)
	}
	for _, ce := range cs {
		bar := widget.NewProgressBar()
		bar.Max = 1
		bar.Value = float64(ce.Share) / 10000
		share := ce.Share
		bar.TextFormatter = func() string { return share.Format() + " of planned effort" }
		detail := kit.Truncated(fmt.Sprintf("%s across %d items", ce.Effort.Format(v.rm.Unit), ce.Items))
		if ce.Items == 1 {
			detail.SetText(ce.Effort.Format(v.rm.Unit) + " in 1 item")
		}
		name := kit.Truncated(ce.Customer)
		name.TextStyle = fyne.TextStyle{Bold: true}
		v.customersBox.Add(container.New(&kit.Weighted{Weights: []float32{3, 4, 3}}, name, bar, detail))
	}
	v.customersBox.Refresh()
}

// showCelebration is the moment a feature reaches its revenue goal.
func (v *View) showCelebration(c data.Celebration) {
	title := kit.Title("Revenue goal reached!")
	title.Alignment = fyne.TextAlignCenter
	title.Importance = widget.SuccessImportance
	line := widget.NewLabelWithStyle(c.Line(), fyne.TextAlignCenter, fyne.TextStyle{})
	line.Wrapping = fyne.TextWrapWord
	thanks := widget.NewLabel("Engineering built it, Product chose it, Marketing sold it. Tell the team.")
	thanks.Alignment = fyne.TextAlignCenter
	thanks.Wrapping = fyne.TextWrapWord
	thanks.Importance = widget.LowImportance
	icon := container.NewGridWrap(fyne.NewSize(56, 56), widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())))
	d := dialog.NewCustom("Celebrate", "Close", container.NewVBox(
		container.NewCenter(icon), title, line, thanks), v.sc.Win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}

// sourceWithDeals lists an item's customers for its roadmap row, the ones
// an approved deal request brought first and marked "(deal)".
func sourceWithDeals(it data.RoadmapItem) string {
	fromDeal := map[string]bool{}
	var parts []string
	for _, d := range it.Deals {
		if !fromDeal[strings.ToLower(d.Customer)] {
			fromDeal[strings.ToLower(d.Customer)] = true
			parts = append(parts, d.Customer+" (deal)")
		}
	}
	for _, c := range it.Customers {
		if !fromDeal[strings.ToLower(c)] {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, ", ")
}

// CelebrationLines are the features that reached their revenue goal, one
// line each, for the meeting that celebrates them.
func CelebrationLines(cs []data.Celebration) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, c := range cs {
		l := kit.Bold(c.Line())
		l.Importance = widget.SuccessImportance
		l.Wrapping = fyne.TextWrapWord
		out = append(out, container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil, l))
	}
	return out
}
