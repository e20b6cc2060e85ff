package meeting

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	ics "github.com/arran4/golang-ical"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/handoff"
	minutespdf "triad/data/minutes"
)

// handoffScreen opens a meeting of the sample pod Payments (its draft when
// date is "") with the hand-offs going into a temporary folder; the window
// and the store share the test's clock.
func handoffScreen(t *testing.T, date string) (*apptest.Env, *Screen, string, *[]*url.URL, data.Pod) {
	t.Helper()
	e := apptest.NewShared(t)
	e.Demo()
	pod := apptest.DemoPod(t, e.DB, "Payments")
	dir := t.TempDir()
	opened := e.Outbox(dir)
	ms := openMeeting(e, apptest.DemoMeeting(t, e.DB, pod.ID, date).ID)
	return e, ms, dir, opened, pod
}

func leaderAddresses(p data.Pod) []string {
	var out []string
	for _, l := range p.Leaders {
		out = append(out, strings.ToLower(l.Email))
	}
	return out
}

func openedPaths(us []*url.URL) []string {
	var out []string
	for _, u := range us {
		out = append(out, filepath.FromSlash(u.Path))
	}
	return out
}

// "Send agenda" on a draft writes the pre-read to the three leaders with
// the meeting as an invitation, opens it and says where it went.
func TestSendAgendaWritesThePreReadAndOpensIt(t *testing.T) {
	e, ms, dir, opened, pod := handoffScreen(t, "")
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Send agenda (the pre-read)")
	e.Wait()

	paths := ms.header.minutes.handedOff
	if len(paths) != 1 || filepath.Dir(paths[0]) != dir || !strings.HasSuffix(paths[0], " - agenda - leaders and guests.eml") {
		t.Fatalf("wrote %q, want the agenda draft in %s", paths, dir)
	}
	if got := openedPaths(*opened); !slices.Equal(got, paths) {
		t.Errorf("opened %q, want the draft", got)
	}
	if said := e.DialogText(); !strings.Contains(said, "Agenda written") || !strings.Contains(said, dir) || !strings.Contains(said, filepath.Base(paths[0])) {
		t.Errorf("the report does not say where the draft went: %s", said)
	}
	d := apptest.ReadDraft(t, paths[0])
	if d.Header.Get("X-Unsent") != "1" {
		t.Error("the agenda is not a draft (X-Unsent: 1)")
	}
	if got := apptest.Addresses(d.To); !slices.Equal(got, leaderAddresses(pod)) {
		t.Errorf("To %v, want the three leaders %v", got, leaderAddresses(pod))
	}
	if !strings.HasPrefix(d.Subject, "Agenda: Payments Triad meeting, ") {
		t.Errorf("subject %q", d.Subject)
	}
	for _, it := range ms.run.Items {
		if !strings.Contains(d.Plain, it.Title) {
			t.Errorf("the agenda mail leaves out %q:\n%s", it.Title, d.Plain)
		}
	}
	for _, section := range []string{"Agenda\n------", "Deal desk: awaiting sign-off", "Roadmap debt check as it stands"} {
		if !strings.Contains(d.Plain, section) {
			t.Errorf("the agenda mail has no %q section", section)
		}
	}
	invite, ok := d.Parts["text/calendar"]
	if !ok || !strings.Contains(d.HTML, "<") {
		t.Fatalf("the draft lacks its HTML or its invitation: %v", keys(d.Parts))
	}
	cal := apptest.ReadCalendar(t, invite)
	if m := cal.CalendarProperties; !hasProp(m, ics.PropertyMethod, "REQUEST") {
		t.Errorf("the invitation's method is not REQUEST")
	}
}

// "Add to calendar" on a draft writes that week's meeting as an .ics file
// the calendar imports, with the agenda as its description.
func TestAddToCalendarWritesTheDraftMeeting(t *testing.T) {
	e, ms, dir, opened, pod := handoffScreen(t, "")
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Add to calendar")
	e.Wait()

	paths := ms.header.minutes.handedOff
	day := ms.run.Meeting.Date
	if len(paths) != 1 || paths[0] != filepath.Join(dir, "Triad - Payments - "+day.String()+".ics") {
		t.Fatalf("wrote %q", paths)
	}
	if got := openedPaths(*opened); !slices.Equal(got, paths) {
		t.Errorf("opened %q, want the calendar file", got)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	cal := apptest.ReadCalendar(t, b)
	if !hasProp(cal.CalendarProperties, ics.PropertyMethod, "PUBLISH") {
		t.Error("a file to import is not PUBLISH")
	}
	ev := cal.Events()[0]
	start, err := ev.GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	loc := data.PodLocation(pod)
	if want := day.Time(loc).Add(time.Duration(pod.MeetingTime) * time.Minute); !start.Equal(want) {
		t.Errorf("starts %v, want %v", start, want)
	}
	if desc := ev.GetProperty(ics.ComponentPropertyDescription); desc == nil || !strings.Contains(desc.Value, ms.run.Items[0].Title) {
		t.Errorf("the description is not the agenda: %v", desc)
	}
	if n := len(ev.Attendees()); n != 3 {
		t.Errorf("%d attendees, want the three leaders", n)
	}
}

// "Copy as text" puts the minutes (and, before the meeting, the pre-read)
// on the clipboard as the PDF's sections in plain text or Markdown.
func TestCopyAsTextPutsTheMinutesOnTheClipboard(t *testing.T) {
	e, ms, _, _, _ := handoffScreen(t, "")
	closed := latestClosed(t, e.DB)
	ms = openMeeting(e, closed.ID)
	want, err := minutespdf.Assemble(context.Background(), e.DB, closed.ID, minutespdf.Options{Now: e.Now})
	if err != nil {
		t.Fatal(err)
	}
	clip := e.App.Clipboard()
	clip.SetContent("")
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Copy as text", "Minutes as Markdown")
	e.Wait()
	if got := clip.Content(); got != want.Markdown() || !strings.HasPrefix(got, "# ") {
		t.Errorf("the clipboard holds %.200q, want the minutes as Markdown", got)
	}
	if ms.header.minutes.status.Hidden || ms.header.minutes.status.Text != "Minutes copied as Markdown" {
		t.Errorf("the status line says %q", ms.header.minutes.status.Text)
	}
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Copy as text", "Minutes as plain text")
	e.Wait()
	if got := clip.Content(); got != want.PlainText() || strings.Contains(got, "**") {
		t.Errorf("the clipboard holds %.200q, want the minutes as plain text", got)
	}

	// A closed meeting has no pre-read: the item is there, and does nothing.
	clip.SetContent("untouched")
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Copy as text", "Pre-read as plain text")
	e.Wait()
	if clip.Content() != "untouched" {
		t.Error("a closed meeting copied a pre-read")
	}

	// Before the meeting, the pre-read.
	pod := apptest.DemoPod(t, e.DB, "Payments")
	ms = openMeeting(e, apptest.DemoMeeting(t, e.DB, pod.ID, "").ID)
	rec, err := e.DB.HandoffRecord(context.Background(), ms.meetingID)
	if err != nil {
		t.Fatal(err)
	}
	pre, err := minutespdf.PreReadFromRecord(rec, minutespdf.Options{Now: e.Now})
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Copy as text", "Pre-read as Markdown")
	e.Wait()
	if got := clip.Content(); got != pre.Markdown() || !strings.Contains(got, "Pre-read — Payments") {
		t.Errorf("the clipboard holds %.200q, want the pre-read", got)
	}
}

// Closing a meeting offers the minutes mail and each follow-up as a list
// to tick; what is ticked is written and opened, and someone without an
// address is shown but cannot be ticked.
func TestClosingOffersTheFollowUpsToTick(t *testing.T) {
	e, ms, dir, opened, pod := handoffScreen(t, "")
	ctx := context.Background()
	// A rep with no address whose request is decided before the meeting.
	r := e.Request(pod.ID, "Umbrella Health", 90_000, 2*time.Hour)
	if _, err := e.DB.DecideDealRequest(ctx, data.DealDecision{RequestID: r.ID, Action: data.ActApprove}); err != nil {
		t.Fatal(err)
	}
	for _, a := range ms.run.Attendees[:2] { // the Product Marketing Manager is away
		if err := e.DB.SetPresent(ctx, a.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	e.Sh.Confirm = func(_, _, _ string, yes func()) { yes() }
	ms.reload()
	e.Wait()
	test.Tap(ms.clock.closeBtn)
	e.Wait()

	fd := ms.header.minutes.followUps
	if fd == nil {
		t.Fatal("closing offered no follow-ups")
	}
	rec, err := e.DB.HandoffRecord(ctx, ms.meetingID)
	if err != nil {
		t.Fatal(err)
	}
	mails, _, err := handoff.FollowUps(rec, handoff.FollowUpOptions{Now: e.Now})
	if err != nil {
		t.Fatal(err)
	}
	if len(fd.checks) != len(mails) || len(mails) < 3 {
		t.Fatalf("the list has %d follow-ups, the meeting has %d", len(fd.checks), len(mails))
	}
	if said := e.DialogText(); !strings.Contains(said, "The meeting is closed.") {
		t.Errorf("the offer does not say the meeting closed: %s", said)
	}
	var maya, untick int = -1, -1
	for i, m := range mails {
		switch {
		case m.Kind == handoff.KindDealOutcome && m.To[0].Name == "Maya Chen":
			maya = i
		case untick < 0 && m.Kind == handoff.KindActions:
			untick = i
		}
	}
	if maya < 0 || untick < 0 {
		t.Fatalf("no follow-up for the rep without an address or for an action owner: %v", mails)
	}
	if !fd.checks[maya].Disabled() || fd.checks[maya].Checked {
		t.Error("the rep without an address can be ticked")
	}
	if said := e.DialogText(); !strings.Contains(said, "Maya Chen (rep for Umbrella Health) has no e-mail address") {
		t.Errorf("the list does not say what to fix: %s", said)
	}
	test.Tap(fd.checks[untick]) // not this one
	want := len(mails) - 1      // the minutes, and all but the unticked and the unreachable
	if fd.Confirm.Text != "Write "+strconv.Itoa(want)+" drafts" {
		t.Errorf("the button reads %q, want %d drafts", fd.Confirm.Text, want)
	}
	test.Tap(fd.Confirm)
	e.Wait()

	paths := ms.header.minutes.handedOff
	if len(paths) != want+1 { // and the minutes' PDF beside their draft
		t.Fatalf("wrote %d files, want %d drafts and the PDF: %q", len(paths), want, paths)
	}
	if !strings.HasSuffix(paths[0], ".eml") || !strings.HasSuffix(paths[1], ".pdf") {
		t.Errorf("the minutes come first, draft then PDF: %q", paths[:2])
	}
	if got := openedPaths(*opened); !slices.Equal(got, append([]string{paths[0]}, paths[2:]...)) {
		t.Errorf("opened %q, want every draft and not the PDF, which rides in its draft", got)
	}
	var written []handoff.Mail
	for i, m := range mails {
		if i != maya && i != untick {
			written = append(written, m)
		}
	}
	for i, p := range paths[2:] {
		if filepath.Dir(p) != dir {
			t.Errorf("%s is not in %s", p, dir)
		}
		d := apptest.ReadDraft(t, p)
		m := written[i]
		if d.Subject != m.Subject || d.Header.Get("X-Unsent") != "1" || !slices.Equal(apptest.Addresses(d.To), []string{strings.ToLower(m.To[0].Email)}) {
			t.Errorf("%s: to %v, subject %q; want %s, %q", filepath.Base(p), apptest.Addresses(d.To), d.Subject, m.To[0].Email, m.Subject)
		}
		if !strings.Contains(d.Plain, "Hello "+strings.Fields(m.To[0].Name)[0]) || !strings.Contains(d.HTML, "<") {
			t.Errorf("%s has no greeting or no HTML part", filepath.Base(p))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "Triad - Payments - "+ms.run.Meeting.Date.String()+" - actions - "+mails[untick].Group+".eml")); err == nil {
		t.Error("the unticked follow-up was written")
	}
	minutesMail := apptest.ReadDraft(t, paths[0])
	if _, ok := minutesMail.Files[filepath.Base(paths[1])]; !ok {
		t.Errorf("the minutes draft does not carry the PDF: %v", keys(minutesMail.Files))
	}

	// The menu offers them again, and a draft meeting's items are not there.
	test.Tap(ms.header.minutes.button)
	e.TapMenuItem("Follow-up mails…")
	if ms.header.minutes.followUps == fd || len(ms.header.minutes.followUps.checks) != len(mails) {
		t.Error("the Minutes menu does not offer the follow-ups again")
	}
}

// The follow-ups, the agenda and the calendar entry each belong to one
// state of the meeting; the menu says so by disabling the others.
func TestTheMinutesMenuOffersWhatTheMeetingsStateAllows(t *testing.T) {
	_, ms, _, _, _ := handoffScreen(t, "")
	enabled := func() map[string]bool {
		out := map[string]bool{}
		for _, it := range ms.header.minutes.menu().Items {
			out[it.Label] = !it.Disabled
		}
		return out
	}
	if got := enabled(); !got["Send agenda (the pre-read)"] || !got["Add to calendar"] || got["Follow-up mails…"] {
		t.Errorf("a draft offers %v", got)
	}
	ms.run.Meeting.Status = data.MeetingClosed
	if got := enabled(); got["Send agenda (the pre-read)"] || got["Add to calendar"] || !got["Follow-up mails…"] {
		t.Errorf("a closed meeting offers %v", got)
	}
}

// Ctrl+M opens the Minutes menu, from the keyboard.
func TestCtrlMOpensTheMinutesMenu(t *testing.T) {
	e, ms, _, _, _ := handoffScreen(t, "")
	shortcut(e, fyne.KeyM, fyne.KeyModifierShortcutDefault)
	if e.Win().Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+M opened nothing")
	}
	e.TapMenuItem("Add to calendar")
	e.Wait()
	if len(ms.header.minutes.handedOff) != 1 {
		t.Error("the menu Ctrl+M opened does not work")
	}
}

func hasProp(ps []ics.CalendarProperty, p ics.Property, value string) bool {
	for _, x := range ps {
		if x.IANAToken == string(p) && x.Value == value {
			return true
		}
	}
	return false
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
