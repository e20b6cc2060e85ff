package minutes_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/demo"
	"triad/data/minutes"
	"triad/data/sqlite"
)

// demoNow is when the sample data is made; meetings fall around it.
var demoNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func demoDB(t testing.TB, dir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(dir, "triad.db"), sqlite.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Fill(context.Background(), db, demoNow); err != nil {
		t.Fatal(err)
	}
	return db
}

// latestClosed is the pod's newest closed meeting.
func latestClosed(t testing.TB, db *sqlite.DB, pod string) (data.Pod, data.Meeting) {
	t.Helper()
	ctx := context.Background()
	pods, err := db.Pods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		if p.Name != pod {
			continue
		}
		ms, err := db.Meetings(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Status == data.MeetingClosed {
				return p, m
			}
		}
	}
	t.Fatalf("no closed meeting of %s in the sample data", pod)
	return data.Pod{}, data.Meeting{}
}

var opts = minutes.Options{Now: func() time.Time { return demoNow }}

// pdfText is the PDF's text with runs of white space folded to one space.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed to read the PDFs back (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestDemoMeetingMinutes assembles the sample Payments pod's latest closed
// meeting and reads the PDF back: every section is there with the
// figures the store holds.
func TestDemoMeetingMinutes(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, t.TempDir())
	pod, meeting := latestClosed(t, db, "Payments")
	m, err := minutes.Assemble(ctx, db, meeting.ID, opts)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := minutes.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	want := func(what string, subs ...string) {
		t.Helper()
		for _, s := range subs {
			if !strings.Contains(text, s) {
				t.Errorf("%s: the minutes do not say %q", what, s)
			}
		}
	}
	want("sections", "Payments", meeting.Date.Long(), "Agenda", "Decisions", "Deal desk", "Requests received",
		"Sign-offs given", "Roadmap debt check", "Trends", "Action items", "Next meeting")

	run, err := db.MeetingRun(ctx, meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Facilitator != pod.Leaders[1].Name {
		t.Errorf("facilitator %q, want the Product Manager %q", m.Facilitator, pod.Leaders[1].Name)
	}
	want("header", "Facilitator", pod.Leaders[1].Name,
		meeting.StartedAt.UTC().Format("15:04")+"–"+meeting.EndedAt.UTC().Format("15:04"))
	for _, a := range run.Attendees {
		if a.Present {
			want("attendance", a.Name+" ("+a.Role.Title()+")")
		}
	}
	for _, it := range run.Items {
		if it.Answers.WillPayText != "" {
			want("the PMM's answer in words", "Will pay: "+it.Answers.WillPayText)
		}
	}
	timed := 0
	for _, it := range run.Items {
		if it.PresenterID == 0 || it.ActualSeconds == 0 {
			continue
		}
		presenter, _ := run.Attendee(it.PresenterID)
		want("agenda item "+it.Title, fmt.Sprintf("presented by %s · %d min of %d min planned",
			presenter.Name, (it.ActualSeconds+30)/60, it.PlannedMinutes))
		timed++
	}
	if timed == 0 {
		t.Error("the sample meeting has no timed item with a presenter to check")
	}

	log, err := db.DecisionLog(ctx, data.DecisionFilter{PodID: pod.ID, From: meeting.Date, To: meeting.Date})
	if err != nil {
		t.Fatal(err)
	}
	dissent := 0
	for _, e := range log {
		want("decision", e.Decision.Question)
		for _, p := range e.Decision.Perspectives {
			if p.Dissent() {
				want("dissent", "Dissent: "+p.Name+" disagrees", p.Reasoning)
				dissent++
			}
		}
	}
	if dissent == 0 {
		t.Error("the sample meeting has no dissent to check")
	}

	// Stark Logistics' request was still waiting, a day past its SLA, when
	// the meeting closed; it was signed off only later.
	want("overdue deal", "Stark Logistics", "$120,000", "OVERDUE")
	if strings.Contains(text, "No deal requests") {
		t.Error("the deal desk says no requests")
	}

	snap, err := db.DebtSnapshot(ctx, meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	want("debt check", "maintenance is "+snap.Check.Ratio.Format()+" of the roadmap", snap.Check.Advice())
	if snap.Check.Band != data.BandClose {
		t.Errorf("the sample snapshot is %s; the test expects it close to target", snap.Check.Band)
	}
	want("band", "Close to target — maintenance is")

	actions, err := db.PodActionItems(ctx, pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	overdue := 0
	for _, a := range actions {
		if a.MeetingDate.Before(meeting.Date) && !a.Due.IsZero() && a.Due.Before(meeting.Date) &&
			(a.DoneAt.IsZero() || a.DoneAt.After(meeting.EndedAt)) {
			want("overdue action", a.Text, a.OwnerName, a.Due.Long(), fmt.Sprintf("%d days overdue", a.Due.DaysUntil(meeting.Date)))
			overdue++
		}
		if a.MeetingID == meeting.ID {
			want("new action", a.Text)
		}
	}
	if overdue == 0 || len(m.Actions.Overdue) != overdue {
		t.Errorf("%d overdue actions in the store, %d in the minutes", overdue, len(m.Actions.Overdue))
	}
	want("next meeting", "Next meeting: "+meeting.Date.AddDays(7).Long())
}

// TestSameMeetingSameBytes: rendering a meeting twice, even from a store
// opened later with another clock, gives the same PDF.
func TestSameMeetingSameBytes(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, t.TempDir())
	_, meeting := latestClosed(t, db, "Mobile App")
	var pdfs [2][]byte
	for i, now := range []time.Time{demoNow, demoNow.Add(50 * time.Hour)} {
		o := opts
		o.Now = func() time.Time { return now }
		m, err := minutes.Assemble(ctx, db, meeting.ID, o)
		if err != nil {
			t.Fatal(err)
		}
		if pdfs[i], err = minutes.Render(m); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Fatal("the same closed meeting rendered to different bytes")
	}
}

func TestFindMeetingNamesWhatIsMissing(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t, t.TempDir())
	_, meeting := latestClosed(t, db, "Payments")
	got, err := minutes.FindMeeting(ctx, db, "  payments ", meeting.Date)
	if err != nil || got.ID != meeting.ID {
		t.Fatalf("FindMeeting = %v, %v; want meeting %d", got.ID, err, meeting.ID)
	}
	for _, c := range []struct {
		pod  string
		date data.Date
		want string
	}{
		{"Atlas", meeting.Date, `No pod named "Atlas" (pods: Mobile App, Payments)`},
		{"Payments", meeting.Date.AddDays(1), `Pod "Payments" has no meeting on ` + meeting.Date.AddDays(1).String()},
	} {
		_, err := minutes.FindMeeting(ctx, db, c.pod, c.date)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("FindMeeting(%q, %s) = %v; want %q", c.pod, c.date, err, c.want)
		}
	}
}

func TestSortActions(t *testing.T) {
	day := func(s string) data.Date { d, _ := data.ParseDate(s); return d }
	at := func(s string) time.Time { return day(s).Time(time.UTC).Add(12 * time.Hour) }
	prev := data.Meeting{ID: 1, Date: day("2026-11-12")}
	this := data.Meeting{ID: 2, Date: day("2026-11-19")}
	since, asOf := at("2026-11-12"), at("2026-11-19")
	all := []data.ActionItem{
		{Text: "old done", MeetingID: 1, MeetingDate: prev.Date, DoneAt: at("2026-11-10")},
		{Text: "done this week", MeetingID: 1, MeetingDate: prev.Date, DoneAt: at("2026-11-15")},
		{Text: "done after the meeting", MeetingID: 1, MeetingDate: prev.Date, Due: day("2026-11-30"), DoneAt: at("2026-11-22")},
		{Text: "overdue", MeetingID: 1, MeetingDate: prev.Date, Due: day("2026-11-18")},
		{Text: "due on the day", MeetingID: 1, MeetingDate: prev.Date, Due: day("2026-11-19")},
		{Text: "no due date", MeetingID: 1, MeetingDate: prev.Date},
		{Text: "new", MeetingID: 2, MeetingDate: this.Date, Due: day("2026-11-26")},
		{Text: "later meeting", MeetingID: 3, MeetingDate: day("2026-11-26")},
	}
	got := minutes.SortActions(all, this, since, asOf)
	texts := func(items []minutes.ActionItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Text)
		}
		return strings.Join(s, ", ")
	}
	for _, c := range []struct{ group, got, want string }{
		{"new", texts(got.New), "new"},
		{"done", texts(got.Done), "done this week"},
		{"overdue", texts(got.Overdue), "overdue"},
		{"carried over", texts(got.CarriedOver), "due on the day, done after the meeting, no due date"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.group, c.got, c.want)
		}
	}
}
