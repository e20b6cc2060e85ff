package dealdesk

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
)

// "Ask the Tech Lead" on a request waiting for sign-off writes the mail to
// the Tech Lead, copied to the rep, with what the decision needs, and
// words it as the reminder once 80% of the time has gone.
func TestAskTheTechLeadWritesTheSignOffMail(t *testing.T) {
	e := apptest.NewShared(t)
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	r, err := e.DB.CreateDealRequest(context.Background(), data.DealRequest{PodID: pod.ID, Customer: "Initrode, Inc.", DealName: "Payroll; EU",
		Value: data.Dollars(210_000), RepName: "Zoë Ørsted", RepEmail: "zoe@northwind.example", Features: "SEPA instant payouts",
		NeedsNewFeature: true, Terms: "Go-live by March", ReceivedAt: e.Now().Add(-2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opened := e.Outbox(dir)
	pg := NewPage(e.Scope(), r.ID, shell.DealDesk{})
	e.ShowContent(pg.sc, pg.Build())

	ask := func() apptest.Draft {
		t.Helper()
		b := apptest.FindButton(e.Screen(), "Ask the Tech Lead")
		if b == nil {
			t.Fatal("a request waiting for sign-off offers no Ask the Tech Lead")
		}
		test.Tap(b)
		e.Wait()
		if len(pg.asked) != 1 || !strings.HasSuffix(pg.asked[0], " - ask-tech-lead - "+r.Reference()+".eml") {
			t.Fatalf("wrote %q", pg.asked)
		}
		if n := len(*opened); n == 0 || (*opened)[n-1].Path != pg.asked[0] {
			t.Errorf("opened %v, want the draft", *opened)
		}
		return apptest.ReadDraft(t, pg.asked[0])
	}
	d := ask()
	tl := pod.Leader(data.RoleTechLead)
	if !slices.Equal(apptest.Addresses(d.To), []string{tl.Email}) || !slices.Equal(apptest.Addresses(d.Cc), []string{"zoe@northwind.example"}) {
		t.Errorf("to %v cc %v, want the Tech Lead, copied to the rep", apptest.Addresses(d.To), apptest.Addresses(d.Cc))
	}
	if d.Cc[0].Name != "Zoë Ørsted" {
		t.Errorf("the rep's name reads %q", d.Cc[0].Name)
	}
	if !strings.HasPrefix(d.Subject, "["+r.Reference()+"] Sign-off needed by ") || !strings.Contains(d.Subject, "Initrode, Inc.") {
		t.Errorf("subject %q", d.Subject)
	}
	for _, want := range []string{"Customer: Initrode, Inc.", "Deal: Payroll; EU", "Value: $210,000 ARR", "Feature: SEPA instant payouts",
		"Terms: Go-live by March", "22 h left", "What approving would do", "the 40% warning level", "maintenance"} {
		if !strings.Contains(d.Plain, want) {
			t.Errorf("the mail lacks %q:\n%s", want, d.Plain)
		}
	}
	if d.Header.Get("X-Unsent") != "1" || !strings.Contains(d.HTML, "Initrode") {
		t.Error("not a multipart draft")
	}

	e.Advance(18 * time.Hour) // 20 of 24 hours gone
	if d := ask(); !strings.HasPrefix(d.Subject, "["+r.Reference()+"] Reminder: sign-off due ") {
		t.Errorf("past 80%% the subject reads %q", d.Subject)
	}
	e.Advance(5 * time.Hour)
	if d := ask(); !strings.HasPrefix(d.Subject, "["+r.Reference()+"] Overdue: ") {
		t.Errorf("past the due time the subject reads %q", d.Subject)
	}
}

// A rep without an address is named before anything is written; a
// request that needs no sign-off offers nothing to ask.
func TestAskTheTechLeadNamesWhoCannotBeReached(t *testing.T) {
	e := apptest.NewShared(t)
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	r := e.Request(pod.ID, "Umbrella Health", 240_000, time.Hour) // Maya Chen, no address
	dir := t.TempDir()
	opened := e.Outbox(dir)
	pg := NewPage(e.Scope(), r.ID, shell.DealDesk{})
	e.ShowContent(pg.sc, pg.Build())
	test.Tap(apptest.FindButton(e.Screen(), "Ask the Tech Lead"))
	e.Wait()
	if said := e.DialogText(); !strings.Contains(said, "Maya Chen (rep for Umbrella Health) has no e-mail address") {
		t.Errorf("the error does not name the rep: %s", said)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 || len(*opened) != 0 || pg.asked != nil {
		t.Errorf("wrote %v and opened %v for an unreachable rep", files, *opened)
	}

	small := e.Request(pod.ID, "Vandelay", 20_000, time.Hour)
	pg = NewPage(e.Scope(), small.ID, shell.DealDesk{})
	e.ShowContent(pg.sc, pg.Build())
	if apptest.FindButton(e.Screen(), "Ask the Tech Lead") != nil {
		t.Error("a request below the threshold offers Ask the Tech Lead")
	}
}
