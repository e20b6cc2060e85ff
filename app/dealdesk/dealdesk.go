package dealdesk

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/app/shell"
	"triad/data"
)

// Queue is the deal desk's queue: requests waiting for the Engineering
// Lead's sign-off, most urgent first, with a live countdown, and the
// decided ones below. With a pod it is that pod's "Deal desk" tab; without
// one it is the cross-pod screen opened from the sidebar, with a pod filter.
type Queue struct {
	latest shell.Latest // the newest load; an older answer arriving late is dropped
	sc     *shell.Scope
	podID  int64          // 0 for every pod
	only   map[int64]bool // when set, the requests shown: a rep's own

	pods     []data.Pod
	decides  func(podUID string) bool // whether this laptop's member decides a pod's requests
	settings data.Settings
	all      []data.DealRequest              // the pod filter's requests, in queue order
	efforts  map[int64][]data.CustomerEffort // planned roadmap effort per customer, by pod
	shown    []data.DealRequest              // after the state filter

	stateFilter        *widget.Select
	podFilter          *kit.Choice[int64] // a pod by id; 0 for all
	pendingN, overdueN *widget.Label
	pendingARR         *widget.Label
	warnings           *fyne.Container
	list               *widget.List
	empty              *widget.Label
	newRequest         *widget.Button
	files              bool // a new request may be filed from this queue

	dialog *decisionDialog // the open decision dialog, for tests
}

const (
	allStates = "All states"
	allPods   = "All pods"
)

func NewQueue(sc *shell.Scope, podID int64) *Queue { return &Queue{sc: sc, podID: podID} }

// Only narrows the queue to the requests with these ids (a rep's own, on
// the rep's pod page); none: the list says so.
func (q *Queue) Only(ids []int64) *Queue {
	q.only = map[int64]bool{}
	for _, id := range ids {
		q.only[id] = true
	}
	return q
}

// kept is reqs without those Only leaves out.
func (q *Queue) kept(reqs []data.DealRequest) []data.DealRequest {
	if q.only == nil {
		return reqs
	}
	out := reqs[:0:0]
	for _, r := range reqs {
		if q.only[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

func (q *Queue) Build() fyne.CanvasObject {
	var states []string
	for _, s := range data.DealStates {
		states = append(states, s.Label())
	}
	q.stateFilter = kit.NewFilter(allStates, states, q.applyFilter)
	q.podFilter = kit.NewFilterChoice[int64](allPods, q.reload)

	q.pendingN, q.overdueN, q.pendingARR = statValue(), statValue(), statValue()
	stats := container.NewHBox(
		stat(q.pendingN, "pending"), widget.NewSeparator(),
		stat(q.overdueN, "overdue"), widget.NewSeparator(),
		stat(q.pendingARR, "pending ARR"))
	q.warnings = container.NewVBox()

	q.newRequest = widget.NewButtonWithIcon("New request", theme.ContentAddIcon(), q.onNew)
	q.newRequest.Importance = widget.HighImportance

	filters := container.NewHBox(widget.NewLabel("Show"), q.stateFilter)
	if q.podID == 0 {
		filters.Add(widget.NewLabel("in"))
		filters.Add(q.podFilter.Select)
	}
	q.list = widget.NewList(func() int { return len(q.shown) }, q.newRow, q.updateRow)
	q.list.OnSelected = func(id widget.ListItemID) {
		q.list.UnselectAll()
		if id < len(q.shown) {
			q.open(q.shown[id].ID)
		}
	}
	q.empty = kit.Low("")
	q.empty.Hide()

	header := stats
	if q.podID == 0 {
		title := kit.Title("Deal desk")
		header = container.NewHBox(title, widget.NewSeparator(), stats)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, q.newRequest, header),
		q.warnings,
		widget.NewSeparator(),
		filters,
		q.empty)
	q.startTicker()
	q.reload()
	body := container.NewBorder(top, nil, nil, nil, q.list)
	if q.podID == 0 {
		return container.NewPadded(body)
	}
	return body
}

// startTicker keeps the countdowns current while the screen is shown.
func (q *Queue) startTicker() { q.sc.Every(q.sc.Tick, q.refreshTimes) }

// refreshTimes redraws what depends on the clock: countdowns, colours, totals.
func (q *Queue) refreshTimes() {
	q.updateTotals()
	q.list.Refresh()
}

type dealQueueData struct {
	decides  func(podUID string) bool
	pods     []data.Pod
	settings data.Settings
	reqs     []data.DealRequest
	efforts  map[int64][]data.CustomerEffort // planned roadmap effort per customer, by pod
	files    bool                            // a new request may be filed here (filingPods)
}

// Reload reads the requests again for the filters as they stand; the
// list stays where it is scrolled.
func (q *Queue) Reload() { q.reload() }

func (q *Queue) reload() {
	if q.list == nil {
		return // the pod filter fires while the screen is still being built
	}
	podID := q.podID
	if podID == 0 {
		podID = q.selectedPodID()
	}
	query := q.latest.Next(q.sc)
	shell.Load(query, "Loading the deal desk", func() (dealQueueData, error) {
		var d dealQueueData
		var err error
		if d.pods, err = q.sc.Store.Pods(q.sc.Ctx()); err != nil {
			return d, err
		}
		if d.decides, err = deciders(q.sc); err != nil {
			return d, err
		}
		if d.settings, err = q.sc.Store.Settings(q.sc.Ctx()); err != nil {
			return d, err
		}
		if d.reqs, err = q.sc.Store.DealRequests(q.sc.Ctx(), data.DealFilter{PodID: podID}); err != nil {
			return d, err
		}
		if d.efforts, err = q.loadEfforts(d.pods, d.reqs); err != nil {
			return d, err
		}
		files := d.pods
		if q.podID != 0 {
			files = nil
			for _, p := range d.pods {
				if p.ID == q.podID {
					files = append(files, p)
				}
			}
		}
		if files, err = filingPods(q.sc, files); err != nil {
			return d, err
		}
		d.files = len(files) > 0
		return d, nil
	}, func(d dealQueueData) {
		q.pods, q.decides, q.settings, q.all, q.efforts = d.pods, d.decides, d.settings, q.kept(d.reqs), d.efforts
		if q.podID == 0 {
			labels, ids := []string{allPods}, []int64{0}
			for _, p := range d.pods {
				labels, ids = append(labels, p.Name), append(ids, p.ID)
			}
			q.podFilter.SetOptions(labels, ids)
		}
		// In a team, a pod's requests are filed by its reps and its
		// facilitator: on another member's laptop there is none to file.
		q.files = d.files
		kit.ShowIf(q.newRequest, d.files || len(d.pods) == 0)
		kit.EnableIf(q.newRequest, d.files)
		q.applyFilter()
	})
}

func (q *Queue) selectedPodID() int64 {
	id, _ := q.podFilter.Value()
	return id
}

// applyFilter narrows the loaded requests to the chosen state.
func (q *Queue) applyFilter() {
	if q.list == nil {
		return
	}
	q.shown = q.shown[:0]
	for _, r := range q.all {
		if q.stateFilter.Selected == allStates || r.State.Label() == q.stateFilter.Selected {
			q.shown = append(q.shown, r)
		}
	}
	switch {
	case len(q.pods) == 0:
		q.empty.SetText("Create a pod first: each request goes to a pod's Tech Lead for sign-off.")
	case len(q.all) == 0 && q.only != nil:
		q.empty.SetText("You have filed no requests in this pod yet: “New request” files one for its Tech Lead's sign-off.")
	case len(q.all) == 0 && !q.files:
		q.empty.SetText("No deal-desk requests yet. In this team a pod's requests are filed by its sales reps and its facilitator: " +
			"each shows here when it reaches this laptop, with the time left for the Tech Lead's sign-off.")
	case len(q.all) == 0:
		q.empty.SetText("No deal-desk requests yet. Sales may promise a feature in a contract only with Engineering's sign-off: " +
			"when a rep asks, “New request” records it, and Triad works out whether the pod's Tech Lead must sign off, and by when.")
	case len(q.shown) == 0:
		q.empty.SetText("No " + strings.ToLower(q.stateFilter.Selected) + " requests.")
	}
	q.empty.Hidden = len(q.shown) > 0
	q.empty.Refresh()
	q.updateTotals()
	q.updateWarnings()
	q.list.Refresh()
}

func (q *Queue) updateTotals() {
	t := data.Totals(q.all, q.sc.Now())
	q.pendingN.SetText(kit.Itoa(t.Pending))
	q.overdueN.SetText(kit.Itoa(t.Overdue))
	q.overdueN.Importance = widget.MediumImportance
	if t.Overdue > 0 {
		q.overdueN.Importance = widget.DangerImportance
	}
	q.overdueN.Refresh()
	q.pendingARR.SetText(t.ARRText())
}

// updateWarnings shows the sales-driven-development guard: per pod, any
// customer holding more of the committed ARR than the pod allows.
func (q *Queue) updateWarnings() {
	q.warnings.Objects = nil
	byPod := map[int64][]data.DealRequest{}
	for _, r := range q.all {
		byPod[r.PodID] = append(byPod[r.PodID], r)
	}
	for _, p := range q.pods {
		reqs, ok := byPod[p.ID]
		if !ok {
			continue
		}
		st := p.Overrides.Apply(q.settings)
		total, _ := data.Concentration(reqs)
		for _, w := range data.SalesDrivenWarnings(reqs, q.efforts[p.ID], st.ConcentrationLimit) {
			q.warnings.Add(warningBanner(concentrationText(p.Name, w, total, st, q.podID == 0)))
		}
	}
	q.warnings.Refresh()
}

// concentrationText names both halves of the guard: the customer's share
// of committed ARR and of the planned roadmap effort.
func concentrationText(pod string, w data.SalesDrivenWarning, total data.Money, st data.Settings, namePod bool) string {
	where := ""
	if namePod {
		where = pod + ": "
	}
	arr := "none of the committed ARR"
	if w.ARR > 0 {
		arr = fmt.Sprintf("%s of committed ARR (%s of %s)", w.ARRShare.Format(), w.ARR.Short(st.Currency), total.Short(st.Currency))
	}
	effort := "none of the planned roadmap effort"
	switch {
	case w.Items == 1:
		effort = w.EffortShare.Format() + " of the planned roadmap effort (1 item)"
	case w.Items > 1:
		effort = fmt.Sprintf("%s of the planned roadmap effort (%d items)", w.EffortShare.Format(), w.Items)
	}
	return fmt.Sprintf("%s%s holds %s and %s, above the %s warning level: is one customer writing the roadmap?",
		where, w.Customer, arr, effort, st.ConcentrationLimit.Format())
}

// loadEfforts reads the planned roadmap effort per customer of each pod
// with requests, over the current planning window. Runs off the UI goroutine.
func (q *Queue) loadEfforts(pods []data.Pod, reqs []data.DealRequest) (map[int64][]data.CustomerEffort, error) {
	window := data.DefaultPlanningWindow(data.DateOf(q.sc.Now()))
	has := map[int64]bool{}
	for _, r := range reqs {
		has[r.PodID] = true
	}
	efforts := map[int64][]data.CustomerEffort{}
	for _, p := range pods {
		if !has[p.ID] {
			continue
		}
		es, err := q.sc.Store.CustomerRoadmapEffort(q.sc.Ctx(), p.ID, window)
		if err != nil {
			return nil, err
		}
		efforts[p.ID] = es
	}
	return efforts, nil
}

func warningBanner(text string) fyne.CanvasObject {
	l := kit.Wrapped(text)
	l.Importance = widget.WarningImportance
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x26))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewBorder(nil, nil, container.NewCenter(icon), nil, l))
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

func statValue() *widget.Label {
	l := kit.Subheading("0")
	return l
}

func stat(value *widget.Label, caption string) fyne.CanvasObject {
	c := widget.NewLabel(caption)
	c.Importance = widget.LowImportance
	// The caption sits on the value's baseline rather than at its top.
	return container.NewCenter(container.NewHBox(value, container.NewVBox(layout.NewSpacer(), c)))
}

// Row layout: a colour bar, the countdown or state in a fixed column, the
// request's summary and details, and the decision buttons.
const dealStatusWidth = 178

func (q *Queue) newRow() fyne.CanvasObject {
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bar.SetMinSize(fyne.NewSize(5, 10))
	status := kit.Bold("overdue by 12 h 59 m")
	status.Truncation = fyne.TextTruncateEllipsis
	left := container.NewBorder(nil, nil, bar, nil,
		container.New(&kit.FixedWidth{Width: dealStatusWidth}, status))
	title := kit.Bold("Customer — deal")
	title.Truncation = fyne.TextTruncateEllipsis
	detail := kit.Truncated("Pod · $0 ARR · rep · due")
	detail.Importance = widget.LowImportance
	detail.SizeName = theme.SizeNameCaptionText
	approve := widget.NewButtonWithIcon("Approve", theme.ConfirmIcon(), nil)
	approve.Importance = widget.HighImportance
	reject := widget.NewButtonWithIcon("Reject", theme.CancelIcon(), nil)
	changes := widget.NewButtonWithIcon("Changes", theme.DocumentCreateIcon(), nil)
	// The gap keeps the list's scroll bar off the last button.
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.Padding()*2, 0))
	buttons := container.NewHBox(approve, reject, changes, gap)
	return container.NewBorder(nil, nil, left, container.NewCenter(buttons),
		container.New(kit.Tight{}, title, detail))
}

func (q *Queue) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(q.shown) {
		return
	}
	r := q.shown[id]
	now := q.sc.Now()
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container).Objects
	left := row.Objects[1].(*fyne.Container)
	buttons := row.Objects[2].(*fyne.Container).Objects[0].(*fyne.Container)

	bar := left.Objects[1].(*canvas.Rectangle)
	status := left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label)
	text, imp, col := dealStatus(r, now)
	status.Text, status.Importance = text, imp
	status.Refresh()
	bar.FillColor = col
	bar.Refresh()

	texts[0].(*widget.Label).SetText(r.Summary())
	detail := texts[1].(*widget.Label)
	detail.Importance = widget.LowImportance
	if signOffFlag(r) != "" {
		detail.Importance = widget.WarningImportance
	}
	detail.SetText(dealDetail(r, q.podID == 0))

	pending := r.State == data.DealPending && q.mayDecide(r.PodID)
	for i, action := range []data.DealAction{data.ActApprove, data.ActReject, data.ActRequestChanges} {
		b := buttons.Objects[i].(*widget.Button)
		b.Hidden = !pending
		action := action
		b.OnTapped = func() { q.onDecide(r, action) }
		b.Refresh()
	}
}

// mayDecide is whether this laptop's member decides the requests of the
// pod with local id podID (in a team, its Tech Lead or a delegate).
func (q *Queue) mayDecide(podID int64) bool {
	if q.decides == nil {
		return true
	}
	for _, p := range q.pods {
		if p.ID == podID {
			return q.decides(p.UID)
		}
	}
	return true
}

// deciders reads which pods' requests this laptop's member may decide:
// with no team, every pod's. Runs off the UI goroutine.
func deciders(sc *shell.Scope) (func(podUID string) bool, error) {
	o, team, err := sc.Store.TeamOverview(sc.Ctx())
	if err != nil {
		return nil, err
	}
	return func(uid string) bool { return !team || o.DecidesDeals(uid) }, nil
}

// dealStatus is the left column of a row: the countdown for a pending
// request, coloured by urgency, or the state for the others.
func dealStatus(r data.DealRequest, now time.Time) (string, widget.Importance, color.Color) {
	switch r.UrgencyAt(now) {
	case data.UrgencyOverdue:
		return r.TimeLeft(now), widget.DangerImportance, theme.Color(theme.ColorNameError)
	case data.UrgencySoon:
		return r.TimeLeft(now), widget.WarningImportance, theme.Color(theme.ColorNameWarning)
	case data.UrgencyOK:
		return r.TimeLeft(now), widget.MediumImportance, theme.Color(theme.ColorNamePrimary)
	}
	switch r.State {
	case data.DealApproved:
		return r.State.Label(), widget.SuccessImportance, theme.Color(theme.ColorNameSuccess)
	case data.DealChangesRequested:
		return r.State.Label(), widget.MediumImportance, theme.Color(theme.ColorNameForeground)
	}
	return r.State.Label(), widget.LowImportance, theme.Color(theme.ColorNameDisabled)
}

// dealDetail is the second line of a row: where, how much, who, and when.
func dealDetail(r data.DealRequest, withPod bool) string {
	var parts []string
	if withPod {
		parts = append(parts, r.PodName)
	}
	parts = append(parts, r.Value.Format(r.Rule.Currency)+" ARR", r.RepName)
	switch r.State {
	case data.DealPending:
		if !r.SLAStartedAt.IsZero() {
			parts = append(parts, "back in the queue "+kit.ShortTime(r.SLAStartedAt))
		}
		parts = append(parts, "due "+kit.ShortTime(r.DueAt))
	case data.DealChangesRequested:
		parts = append(parts, "changes requested "+kit.ShortTime(r.DecidedAt)+", SLA paused")
		if r.LastComment != "" {
			parts = append(parts, "“"+strings.Join(strings.Fields(r.LastComment), " ")+"”")
		}
	case data.DealApproved, data.DealRejected:
		parts = append(parts, strings.ToLower(r.State.Label())+" "+kit.ShortTime(r.DecidedAt))
		if r.LastComment != "" {
			// The reason reads at a glance; the row truncates a long one.
			parts = append(parts, "“"+strings.Join(strings.Fields(r.LastComment), " ")+"”")
		}
	case data.DealNoSignOff:
		if !r.NeedsNewFeature {
			parts = append(parts, "no new feature needed")
		} else {
			parts = append(parts, "not above the "+r.Rule.Threshold.Short(r.Rule.Currency)+" threshold")
		}
	default:
		parts = append(parts, "received "+kit.ShortTime(r.ReceivedAt))
	}
	if flag := signOffFlag(r); flag != "" {
		// An edit that changed whether sign-off is needed leads the line:
		// it is what a reviewer of the queue must not miss.
		parts = append([]string{flag}, parts...)
	}
	return strings.Join(parts, " · ")
}

// signOffFlag is "Sign-off requirement removed by an edit Tue 1 Dec
// 14:00", or "" when no edit changed whether the request needs a sign-off.
func signOffFlag(r data.DealRequest) string {
	if r.SignOffChange == data.SignOffUnchanged {
		return ""
	}
	return r.SignOffChange.Label() + " " + kit.ShortTime(r.SignOffChangedAt)
}

func (q *Queue) open(id int64) {
	q.sc.Go(shell.DealRequest{ID: id, Back: q.backTo()})
}

// backTo returns to this queue from a request's page or form.
func (q *Queue) backTo() shell.Route {
	if q.podID == 0 {
		return shell.DealDesk{}
	}
	return shell.Pod{ID: q.podID, Tab: shell.TabDealDesk}
}

func (q *Queue) onNew() {
	podID := q.podID
	if podID == 0 {
		podID = q.selectedPodID()
	}
	q.sc.Go(shell.NewDealRequest{PodID: podID, Back: q.backTo()})
}

// onDecide asks for the comment (and a delegate) and applies the decision.
func (q *Queue) onDecide(r data.DealRequest, action data.DealAction) {
	pod := data.NewPod()
	for _, p := range q.pods {
		if p.ID == r.PodID {
			pod = p
		}
	}
	showDecisionDialog(q.sc, r, action, pod, func(data.DealRequest) { q.reload() },
		func(dd *decisionDialog) { q.dialog = dd })
}
