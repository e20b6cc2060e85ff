package myitems

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/internal/apptest"
	"triad/app/shell"
	"triad/data"
	tsync "triad/data/sync"
)

// show builds the screen on e's window and waits for what it reads.
func show(e *apptest.Env) *Screen {
	sc := e.Scope()
	s := New(sc)
	e.ShowContent(sc, s.Build())
	return s
}

// rows is what the list shows, in order: a pod's name as "# Pod", an item
// as its text and due line.
func rows(s *Screen) []string {
	var out []string
	apptest.Walk(s.body, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok {
			return
		}
		switch {
		case l.SizeName != "":
			out = append(out, "# "+l.Text)
		case l.TextStyle.Bold || strings.HasPrefix(l.Text, "Due") || strings.HasPrefix(l.Text, "Overdue") ||
			strings.HasPrefix(l.Text, "No due") || strings.HasPrefix(l.Text, "Done"):
			out = append(out, l.Text)
		}
	})
	return out
}

// With no team the screen asks whose items to show, among those who own
// open ones; it lists the chosen person's across both pods, pod by pod,
// overdue first, and remembers the choice. A tap on an item opens its
// meeting on the item it came from; ticking it off records it as the
// meeting screen does, and it is gone the next time the screen opens.
func TestMyItemsChosenListedOpenedAndTickedOff(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	pay := apptest.Pod(t, e.DB, "Payments")
	growth := apptest.Pod(t, e.DB, "Growth")
	payRun := apptest.Run(t, e.DB, apptest.Meeting(t, e.DB, pay.ID, data.NewDate(2026, 11, 19)).ID)
	grRun := apptest.Run(t, e.DB, apptest.Meeting(t, e.DB, growth.ID, data.NewDate(2026, 11, 20)).ID)
	item, err := e.DB.AddAgendaItem(ctx, data.AgendaItem{MeetingID: payRun.Meeting.ID, Title: "Partner API", Kind: data.KindTopic})
	if err != nil {
		t.Fatal(err)
	}
	add := func(run data.MeetingRun, agenda int64, text string, owner int, due data.Date) data.ActionItem {
		a, err := e.DB.AddActionItem(ctx, data.ActionItem{MeetingID: run.Meeting.ID, AgendaItemID: agenda, Text: text,
			OwnerID: run.Attendees[owner].ID, Due: due})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	later := add(payRun, 0, "Estimate SSO", 0, data.NewDate(2026, 12, 9))
	late := add(payRun, item.ID, "Scope the webhook API", 0, data.NewDate(2026, 11, 23))
	add(payRun, 0, "Price the webhook API", 1, data.NewDate(2026, 11, 20))
	add(grRun, 0, "Size the growth backlog", 0, data.Date{})

	s := show(e)
	if !s.chooser.Visible() || strings.Join(s.who.Options, ", ") != "Daniel Okafor, Priya Raman" {
		t.Fatalf("the chooser offers %v (shown %v)", s.who.Options, s.chooser.Visible())
	}
	if len(rows(s)) != 0 || !apptest.ContainsText(s.body, "Choose whose open action items") || s.summary.Text != "" {
		t.Fatalf("with no one chosen the list shows %v", rows(s))
	}
	s.who.SetSelected("Priya Raman")
	e.Wait()
	want := []string{"# Growth", "Size the growth backlog", "No due date",
		"# Payments", "Scope the webhook API", "Overdue · due Mon 23 Nov", "Estimate SSO", "Due Wed 9 Dec"}
	if got := rows(s); strings.Join(got, " / ") != strings.Join(want, " / ") {
		t.Fatalf("Priya's items:\n got %s\nwant %s", strings.Join(got, " / "), strings.Join(want, " / "))
	}
	if s.summary.Text != "3 open · 1 overdue" {
		t.Errorf("summary %q", s.summary.Text)
	}
	if got := e.App.Preferences().String(PrefOwner); got != "Priya Raman" {
		t.Errorf("remembered %q", got)
	}

	var opens []*widget.Button
	var checks []*widget.Check
	apptest.Walk(s.body, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			opens = append(opens, w)
		case *widget.Check:
			checks = append(checks, w)
		}
	})
	if !apptest.ContainsText(s.body, "Meeting of Thu 19 Nov · from Partner API") {
		t.Error("the item does not say the meeting and item it came from")
	}
	test.Tap(opens[1])
	if got, want := e.Last(), (shell.Meeting{ID: payRun.Meeting.ID, Item: item.ID}); got != want {
		t.Errorf("the tap went to %#v, want %#v", got, want)
	}
	checks[1].SetChecked(true) // as a click on the box does (test.Tap lands beside a box this small)
	e.Wait()
	hist, err := e.DB.ActionHistory(ctx, late.ID)
	if err != nil || len(hist) != 1 || hist[0].Field != data.ActionFieldDone || hist[0].Actor != "Daniel Okafor" {
		t.Fatalf("the tick's history: %+v, %v", hist, err)
	}
	if s.summary.Text != "2 open" || !checks[1].Checked {
		t.Errorf("after the tick: %q, checked %v", s.summary.Text, checks[1].Checked)
	}

	again := show(e)
	want = []string{"# Growth", "Size the growth backlog", "No due date", "# Payments", later.Text, "Due Wed 9 Dec"}
	if got := rows(again); strings.Join(got, " / ") != strings.Join(want, " / ") || again.who.Selected != "Priya Raman" {
		t.Errorf("opened again: %s, chosen %q", strings.Join(got, " / "), again.who.Selected)
	}
}

// In a team the person is this laptop's member: the screen names them
// and their seats, offers no chooser, and lists the items of their seat.
func TestMyItemsInATeamAreTheMembersSeats(t *testing.T) {
	e := apptest.New(t)
	ctx := context.Background()
	pay := apptest.Pod(t, e.DB, "Payments")
	key, err := tsync.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUpTeam(ctx, "acme", "nats://127.0.0.1:4222", "Priya Raman", key); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SharePod(ctx, pay.UID, []tsync.Seat{tsync.SeatFacilitator, tsync.SeatTechLead}, nil); err != nil {
		t.Fatal(err)
	}
	run := apptest.Run(t, e.DB, apptest.Meeting(t, e.DB, pay.ID, data.NewDate(2026, 11, 19)).ID)
	for i, text := range []string{"The Tech Lead's", "The PM's"} {
		if _, err := e.DB.AddActionItem(ctx, data.ActionItem{MeetingID: run.Meeting.ID, Text: text, OwnerID: run.Attendees[i].ID}); err != nil {
			t.Fatal(err)
		}
	}
	s := show(e)
	if s.chooser.Visible() || !s.member.Visible() || s.member.Text != "Priya Raman: Tech Lead of Payments" {
		t.Errorf("who: chooser shown %v, member %q", s.chooser.Visible(), s.member.Text)
	}
	if got := strings.Join(rows(s), " / "); got != "# Payments / The Tech Lead's / No due date" {
		t.Errorf("the member's items: %s", got)
	}
}

// The person remembered keeps their place when nothing of theirs is open
// any more: the chooser still names them, over an empty list.
func TestMyItemsRemembersAPersonWithNothingOpen(t *testing.T) {
	e := apptest.New(t)
	pay := apptest.Pod(t, e.DB, "Payments")
	run := apptest.Run(t, e.DB, apptest.Meeting(t, e.DB, pay.ID, data.NewDate(2026, 11, 19)).ID)
	if _, err := e.DB.AddActionItem(context.Background(), data.ActionItem{MeetingID: run.Meeting.ID, Text: "Priya's", OwnerID: run.Attendees[0].ID}); err != nil {
		t.Fatal(err)
	}
	e.App.Preferences().SetString(PrefOwner, "Daniel Okafor")
	s := show(e)
	if s.who.Selected != "Daniel Okafor" || strings.Join(s.who.Options, ", ") != "Priya Raman, Daniel Okafor" {
		t.Errorf("chosen %q among %v", s.who.Selected, s.who.Options)
	}
	if len(rows(s)) != 0 || !apptest.ContainsText(s.body, "Nothing open for Daniel Okafor.") || s.summary.Text != "0 open" {
		t.Errorf("the list shows %v, summary %q", rows(s), s.summary.Text)
	}
}
