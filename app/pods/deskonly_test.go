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
