package pods

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	ics "github.com/arran4/golang-ical"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/calendar"
)

// samplePodPage shows the sample pod Payments' page with the hand-offs
// going into a temporary folder.
func samplePodPage(t *testing.T) (*apptest.Env, *Page, string, data.Pod) {
	t.Helper()
	e := apptest.NewShared(t)
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	dir := t.TempDir()
	pg := NewPage(e.Scope(), pod.ID)
	e.ShowContent(pg.sc, pg.Build())
	return e, pg, dir, pod
}

// "Add to calendar" on a pod writes the weekly series as an .ics file and
// opens it; the invitation mail carries the same series to the leaders.
func TestAddToCalendarWritesThePodsWeeklySeries(t *testing.T) {
	e, pg, dir, pod := samplePodPage(t)
	opened := e.Outbox(dir)
	test.Tap(apptest.FindButton(e.Screen(), "Add to calendar"))
	e.TapMenuItem("Open the weekly series in my calendar (.ics)")
	e.Wait()

	want := filepath.Join(dir, "Triad - Payments.ics")
	if !slices.Equal(pg.calendar.handedOff, []string{want}) || len(*opened) != 1 || (*opened)[0].Path != filepath.ToSlash(want) {
		t.Fatalf("wrote %q and opened %v, want %s", pg.calendar.handedOff, *opened, want)
	}
	if said := e.DialogText(); !strings.Contains(said, "Calendar file written") || !strings.Contains(said, dir) {
		t.Errorf("the report does not say where the file went: %s", said)
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	cal := apptest.ReadCalendar(t, b)
	ev := cal.Events()[0]
	if r := ev.GetProperty(ics.ComponentPropertyRrule); r == nil || r.Value != "FREQ=WEEKLY;BYDAY=TH" {
		t.Errorf("RRULE %v, want every Thursday", r)
	}
	if ev.Id() != calendar.SeriesUID(pod) {
		t.Errorf("UID %s, want the pod's %s, so a second import updates the series", ev.Id(), calendar.SeriesUID(pod))
	}
	start, err := ev.GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	end, err := ev.GetEndAt()
	if err != nil {
		t.Fatal(err)
	}
	loc := data.PodLocation(pod)
	first := data.NextMeetingDate(pod.MeetingDay, data.DateOf(e.Now().In(loc)), nil)
	if wantStart := first.Time(loc).Add(10 * time.Hour); !start.Equal(wantStart) || end.Sub(start) != 30*time.Minute {
		t.Errorf("runs %v–%v, want from %v for the template's 30 minutes", start, end, wantStart)
	}
	var who []string
	for _, a := range ev.Attendees() {
		who = append(who, strings.ToLower(a.Email()))
	}
	var leaders []string
	for _, l := range pod.Leaders {
		leaders = append(leaders, strings.ToLower(l.Email))
	}
	if !slices.Equal(who, leaders) {
		t.Errorf("attendees %v, want the leaders %v", who, leaders)
	}

	test.Tap(apptest.FindButton(e.Screen(), "Add to calendar"))
	e.TapMenuItem("Invite the three leaders by mail")
	e.Wait()
	if len(pg.calendar.handedOff) != 1 || !strings.HasSuffix(pg.calendar.handedOff[0], " - invitation - leaders.eml") {
		t.Fatalf("the invitation wrote %q", pg.calendar.handedOff)
	}
	d := apptest.ReadDraft(t, pg.calendar.handedOff[0])
	if !slices.Equal(apptest.Addresses(d.To), leaders) || d.Header.Get("X-Unsent") != "1" || !strings.HasPrefix(d.Subject, "Invitation: Payments Triad meeting") {
		t.Errorf("to %v, subject %q", apptest.Addresses(d.To), d.Subject)
	}
	if !strings.Contains(d.Header.Get("Content-Type"), "multipart/") || d.Parts["text/calendar"] == nil {
		t.Fatalf("the invitation carries no text/calendar part: %v", d.Header)
	}
	inv := apptest.ReadCalendar(t, d.Parts["text/calendar"])
	if inv.Events()[0].Id() != calendar.SeriesUID(pod) || !strings.Contains(string(d.Parts["text/calendar"]), "METHOD:REQUEST") {
		t.Error("the invitation is not the pod's series as a request")
	}
	if _, ok := d.Files["Triad - Payments.ics"]; !ok {
		t.Errorf("the series is not attached: %v", d.Files)
	}
}

// The template editor saves the items as edited, in their order, refuses
// a timebox that is not a number and goes back to Triad's template.
func TestMeetingTemplateEditorSavesAndResets(t *testing.T) {
	e, pg, _, pod := samplePodPage(t)
	ctx := context.Background()
	test.Tap(apptest.FindButton(e.Screen(), "Meeting template…"))
	e.Wait()
	te := pg.templateEditor
	if te == nil || len(te.rows) != 4 || te.rows[0].title.Text != "Deal desk" || te.rows[0].kind != nil {
		t.Fatalf("the editor does not show Triad's four standing items: %v", te)
	}
	if !te.reset.Disabled() {
		t.Error("Triad's own template offers to reset to itself")
	}
	if len(te.addStanding.Options) != 0 {
		t.Errorf("all standing items are on the template, yet %v are offered", te.addStanding.Options)
	}

	test.Tap(te.addTopic)
	topic := te.rows[4]
	if e.Win().Canvas().Focused() != topic.title {
		t.Error("a new topic's title does not get the focus")
	}
	test.Type(topic.title, "Support escalations")
	topic.minutes.SetText("15")
	test.Tap(topic.up)          // above the action review
	test.Tap(te.rows[1].remove) // no debt check at this pod
	if !slices.Equal(te.addStanding.Options, []string{"Roadmap debt check"}) {
		t.Errorf("the dropped standing item is not offered back: %v", te.addStanding.Options)
	}
	if te.total.Text != "Planned 35 min" {
		t.Errorf("the total reads %q", te.total.Text)
	}

	topic.minutes.SetText("a quarter of an hour")
	test.Tap(te.Confirm)
	e.Wait()
	if !strings.Contains(te.Problem.Text, "whole number of minutes") {
		t.Errorf("a timebox in words gives %q", te.Problem.Text)
	}
	if tmpl, _ := e.DB.MeetingTemplate(ctx, pod.ID); !tmpl.Default {
		t.Fatal("a refused template was saved")
	}
	topic.minutes.SetText("15")
	test.Tap(te.Confirm)
	e.Wait()
	tmpl, err := e.DB.MeetingTemplate(ctx, pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range tmpl.Items {
		got = append(got, it.Title+" "+string(it.Kind)+" "+string(it.Standing)+" "+strconv.Itoa(it.Minutes))
	}
	want := []string{"Deal desk deal_desk deal_desk 10", "Open decisions decision open_decisions 5",
		"Support escalations topic  15", "Action items review info action_review 5"}
	if tmpl.Default || !slices.Equal(got, want) {
		t.Fatalf("saved %q, want %q", got, want)
	}

	// Opened again, it shows the pod's own; reset asks, then goes back.
	test.Tap(apptest.FindButton(e.Screen(), "Meeting template…"))
	e.Wait()
	te = pg.templateEditor
	if len(te.rows) != 4 || te.rows[2].title.Text != "Support escalations" || te.rows[2].kind.Selected != "Topic" {
		t.Fatalf("the saved template is not what the editor shows")
	}
	var asked string
	e.Sh.Confirm = func(_, msg, _ string, yes func()) { asked = msg; yes() }
	test.Tap(te.reset)
	e.Wait()
	if !strings.Contains(asked, "Deal desk 10 min") {
		t.Errorf("reset asked %q", asked)
	}
	if tmpl, _ := e.DB.MeetingTemplate(ctx, pod.ID); !tmpl.Default {
		t.Error("reset left the pod's own template")
	}
}

// The template editor's kinds are the agenda's, so a recurring topic can
// be a feature proposal with its Triad questions.
func TestTemplateTopicKindsAreTheAgendas(t *testing.T) {
	e, pg, _, _ := samplePodPage(t)
	test.Tap(apptest.FindButton(e.Screen(), "Meeting template…"))
	e.Wait()
	te := pg.templateEditor
	test.Tap(te.addTopic)
	kinds := te.rows[len(te.rows)-1].kind
	var want []string
	for _, k := range data.ItemKinds {
		want = append(want, k.Label())
	}
	if !slices.Equal(kinds.Options, want) {
		t.Errorf("a topic's kinds are %v, want %v", kinds.Options, want)
	}
}
