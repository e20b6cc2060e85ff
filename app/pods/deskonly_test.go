package pods

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
	tsync "triad/data/sync"
)

// A rep's laptop in a team shows a pod where the rep holds no other seat
// as its deal desk and the rep's own requests: no meetings, roadmap or
// decisions tabs, which this laptop never holds.
func TestARepsPodPageIsItsDealDesk(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	p := apptest.Pod(t, e.DB, "Payments")
	apptest.Meeting(t, e.DB, p.ID, data.NewDate(2026, 11, 26)) // from before the team: not the rep's to see
	req := func(customer string) data.DealRequest {
		return data.DealRequest{PodID: p.ID, Customer: customer, Value: data.Dollars(120_000), RepName: "Maya Chen",
			Features: "SAML single sign-on", NeedsNewFeature: true, ReceivedAt: time.Now().UTC()}
	}
	if _, err := e.DB.CreateDealRequest(ctx, req("Globex")); err != nil {
		t.Fatal(err)
	}
	rep, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	p, err = e.DB.Pod(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Maya Chen", rep); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.AddMember(ctx, p.UID, tsync.Member{Key: rep.Public, Seat: tsync.SeatRep, Name: "Maya Chen"}); err != nil {
		t.Fatal(err)
	}
	mine, err := e.DB.CreateDealRequest(ctx, req("Initech"))
	if err != nil {
		t.Fatal(err)
	}

	pg := NewPage(e.Scope(), p.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Sh.Win.Resize(fyne.NewSize(1280, 800)) // room for the lists' rows
	e.Wait()
	var titles []string
	for _, it := range pg.tabs.Items {
		titles = append(titles, it.Text)
	}
	if len(titles) != 2 || titles[0] != "Deal desk" || titles[1] != "Your requests" || pg.tabs.Selected().Text != "Deal desk" {
		t.Fatalf("a rep's pod page shows the tabs %v (selected %q)", titles, pg.tabs.Selected().Text)
	}
	if !drawn(e.Screen(), "Globex") || !drawn(e.Screen(), "Initech") {
		t.Error("the deal desk does not list the pod's requests")
	}
	if pg.edit.Visible() || !apptest.ContainsText(e.Screen(), "You are a sales rep in this pod") {
		t.Error("the page does not say it holds the deal desk only, or offers the pod's form")
	}
	pg.tabs.Select(pg.tabs.Items[1])
	e.Wait()
	own := pg.tabs.Items[1].Content
	if !drawn(own, "Initech") || drawn(own, "Globex") {
		t.Errorf("the rep's own requests (%d) are not the one it filed", mine.ID)
	}
	pg.SelectTab(shell.TabRoadmap) // a link to a tab this laptop does not hold changes nothing
	if pg.tabs.Selected() != pg.tabs.Items[1] {
		t.Error("selecting the roadmap left the rep's tabs")
	}
}

// drawn reports whether a label laid out under o, a list's rows
// included, shows s.
func drawn(o fyne.CanvasObject, s string) bool {
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// An invitee's laptop, its ask to join waiting for the facilitator, shows
// the pod's page as that wait: what it asked and what comes on approval,
// with no tab, no edit and no delete the store would refuse.
func TestAPodPageWaitingForItsFacilitatorSaysSo(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	p, _ := podOfTeam(t, e, "Lea Roy")
	facilitator, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.AddMember(ctx, p.UID, tsync.Member{Key: facilitator.Public, Seat: tsync.SeatFacilitator, Name: "Dan"}); err != nil {
		t.Fatal(err)
	}
	grant, err := tsync.NewGrant(facilitator, "acme", p.UID, tsync.SeatMarketing)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.AskToJoin(ctx, p.UID, tsync.SeatMarketing, grant); err != nil {
		t.Fatal(err)
	}

	pg := showPage(e, p.ID)
	if !pg.joinNote.Visible() || !strings.Contains(pg.joinNote.Text, "You asked to join Payments as Product Marketing Manager") {
		t.Fatalf("the waiting page says %q (shown %v)", pg.joinNote.Text, pg.joinNote.Visible())
	}
	if pg.tabs.Visible() || pg.edit.Visible() || pg.delete.Visible() || pg.template.Visible() {
		t.Errorf("the waiting page offers changes the store refuses: tabs %v, edit %v, delete %v, template %v",
			pg.tabs.Visible(), pg.edit.Visible(), pg.delete.Visible(), pg.template.Visible())
	}
}

// The Tech Lead's laptop holds the whole pod, and offers no new meeting
// and no new request: the facilitator or the PM makes meetings, reps and
// the facilitator file requests, and the store refuses either here.
func TestATechLeadsPodPageOffersNoNewMeeting(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	p, me := podOfTeam(t, e, "Priya Raman")
	if err := e.DB.AddMember(ctx, p.UID, tsync.Member{Key: me.Public, Seat: tsync.SeatTechLead, Name: "Priya Raman"}); err != nil {
		t.Fatal(err)
	}
	pg := showPage(e, p.ID)
	if pg.newMeeting.Visible() || pg.edit.Visible() || pg.template.Visible() || !pg.tabs.Visible() || pg.joinNote.Visible() {
		t.Errorf("the Tech Lead's page: new meeting %v, edit %v, template %v, tabs %v, join note %v",
			pg.newMeeting.Visible(), pg.edit.Visible(), pg.template.Visible(), pg.tabs.Visible(), pg.joinNote.Visible())
	}
	if !pg.emptyNote.Visible() || pg.emptyNote.Text != noMeetingsYetElsewhere {
		t.Errorf("the empty meeting list says %q", pg.emptyNote.Text)
	}
	// Nor a new deal-desk request: the pod's reps and its facilitator file
	// those, and the store refuses one from the Tech Lead's seat.
	pg.SelectTab(shell.TabDealDesk)
	e.Wait()
	if bs := e.VisibleButtons("New request"); len(bs) != 0 {
		t.Error("the Tech Lead's deal desk offers a new request")
	}
	if !drawn(pg.tabItems[shell.TabDealDesk].Content, "filed by its sales reps and its facilitator") {
		t.Error("the Tech Lead's empty deal desk does not say who files its requests")
	}
}

// podOfTeam is a pod "Payments" of a database that belongs to team acme,
// as member, whose key it returns; the member holds no seat in it yet.
func podOfTeam(t *testing.T, e *apptest.Env, member string) (data.Pod, *tsync.Key) {
	t.Helper()
	ctx := context.Background()
	p, err := e.DB.Pod(ctx, apptest.Pod(t, e.DB, "Payments").ID)
	if err != nil {
		t.Fatal(err)
	}
	key, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", member, key); err != nil {
		t.Fatal(err)
	}
	return p, key
}

// showPage shows the pod's page in a window with room for its rows.
func showPage(e *apptest.Env, podID int64) *Page {
	pg := NewPage(e.Scope(), podID)
	e.ShowContent(pg.sc, pg.Build())
	e.Sh.Win.Resize(fyne.NewSize(1280, 800))
	e.Wait()
	return pg
}
