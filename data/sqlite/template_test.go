package sqlite

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"triad/data"
)

func customTemplate(podID int64) data.MeetingTemplate {
	return data.MeetingTemplate{PodID: podID, Items: []data.TemplateItem{
		{Standing: data.StandingDealDesk, Title: "Deal desk", Kind: data.KindDealDesk, Minutes: 15},
		{Title: "Customer escalations", Kind: data.KindTopic, Minutes: 10},
		{Standing: data.StandingRoadmapDebt, Title: "Roadmap debt check", Kind: data.KindRoadmap, Minutes: 5},
	}}
}

func templatePod(t *testing.T) (*DB, data.Pod) {
	t.Helper()
	db, err := Open(tempPath(t), Options{Now: func() time.Time { return time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := data.NewPod()
	p.Name = "Payments"
	p.MeetingDay = time.Thursday
	for i, n := range []string{"王芳", "Zoë Ørsted", "Sam Lee"} {
		p.Leaders[i].Name = n
	}
	p, err = db.CreatePod(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return db, p
}

func agendaTitles(items []data.AgendaItem) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title+" "+strconv.Itoa(it.PlannedMinutes))
	}
	return strings.Join(out, "|")
}

func TestANewMeetingStartsFromThePodsTemplate(t *testing.T) {
	db, p := templatePod(t)
	tm, err := db.MeetingTemplate(ctx, p.ID)
	if err != nil || !tm.Default || tm.TotalMinutes() != 30 {
		t.Fatalf("a pod without a template: %+v %v", tm, err)
	}
	saved, err := db.SaveMeetingTemplate(ctx, customTemplate(p.ID))
	if err != nil {
		t.Fatal(err)
	}
	if saved.Default || saved.Items[0].ID == 0 {
		t.Errorf("saved %+v", saved)
	}
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2027, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	// A draft nobody opened shows the agenda it would get, from the template.
	rec, err := db.MinutesRecord(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Deal desk 15|Customer escalations 10|Roadmap debt check 5"
	if got := agendaTitles(rec.Run.Items); got != want {
		t.Errorf("preview agenda %q, want %q", got, want)
	}
	run, err := db.MeetingRun(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := agendaTitles(run.Items); got != want {
		t.Errorf("agenda %q, want %q", got, want)
	}
	if run.Items[1].Standing != data.StandingNone || run.Items[0].Standing != data.StandingDealDesk {
		t.Errorf("a recurring topic is an ordinary item, a standing one stays standing: %+v", run.Items[:2])
	}

	// Saving a new template leaves a prepared agenda as it is.
	if _, err := db.SaveMeetingTemplate(ctx, data.MeetingTemplate{PodID: p.ID, Items: []data.TemplateItem{{Title: "Only this", Kind: data.KindTopic, Minutes: 60}}}); err != nil {
		t.Fatal(err)
	}
	if run, _ = db.MeetingRun(ctx, m.ID); agendaTitles(run.Items) != want {
		t.Errorf("a prepared agenda changed with the template: %q", agendaTitles(run.Items))
	}
	if err := db.ResetMeetingTemplate(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if tm, _ := db.MeetingTemplate(ctx, p.ID); !tm.Default {
		t.Error("reset left the pod's own template")
	}
}

func TestARefusedTemplateLeavesTheSavedOne(t *testing.T) {
	db, p := templatePod(t)
	if _, err := db.SaveMeetingTemplate(ctx, customTemplate(p.ID)); err != nil {
		t.Fatal(err)
	}
	bad := customTemplate(p.ID)
	bad.Items = append(bad.Items, data.TemplateItem{Title: "customer escalations", Kind: data.KindTopic})
	if _, err := db.SaveMeetingTemplate(ctx, bad); !errors.Is(err, data.ErrInvalid) || !strings.Contains(err.Error(), "on the template twice") {
		t.Errorf("err = %v", err)
	}
	tm, err := db.MeetingTemplate(ctx, p.ID)
	if err != nil || len(tm.Items) != 3 {
		t.Errorf("the saved template is now %+v (%v)", tm, err)
	}
	if _, err := db.SaveMeetingTemplate(ctx, data.MeetingTemplate{PodID: 999, Items: customTemplate(0).Items}); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("a template for no pod: %v", err)
	}
}

func TestTemplatesComeThroughExportAndImport(t *testing.T) {
	db, p := templatePod(t)
	if _, err := db.SaveMeetingTemplate(ctx, customTemplate(p.ID)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := db.ExportJSON(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"pod_template_items"`) || !strings.Contains(buf.String(), "Customer escalations") {
		t.Fatal("the export has no template")
	}
	dst := openImportTarget(t)
	if err := dst.ImportJSON(ctx, bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	tm, err := dst.MeetingTemplate(ctx, p.ID)
	if err != nil || tm.Default || len(tm.Items) != 3 || tm.Items[1].Title != "Customer escalations" {
		t.Errorf("imported template %+v (%v)", tm, err)
	}

	bad := editExport(t, buf.Bytes(), func(tb map[string][]map[string]any) {
		tb["pod_template_items"][2]["title"] = "Customer Escalations"
	})
	dst = openImportTarget(t)
	err = dst.ImportJSON(ctx, bytes.NewReader(bad))
	if err == nil || !strings.HasPrefix(err.Error(), "pod_template_items[2] (id 3).title: ") || !strings.Contains(err.Error(), "on the template twice") {
		t.Errorf("err = %v", err)
	}
	assertNothingImported(t, dst)
}

// A recurring topic left unreached is on next week's agenda once: the
// template brings it, so it is not carried as well. An ordinary item
// left unreached is carried as before.
func TestARecurringTopicIsNotCarriedTwice(t *testing.T) {
	db, p := templatePod(t)
	if _, err := db.SaveMeetingTemplate(ctx, customTemplate(p.ID)); err != nil {
		t.Fatal(err)
	}
	first, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2027, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MeetingRun(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: first.ID, Title: "SSO pricing", Kind: data.KindTopic, PlannedMinutes: 20}); err != nil {
		t.Fatal(err)
	}
	// A draft opened before the first meeting closes gets its carry-over at the close.
	early, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2027, 3, 11)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MeetingRun(ctx, early.ID); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2027, 3, 4, 10, 0, 0, 0, time.UTC)
	if err := db.StartMeeting(ctx, first.ID, at); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseMeeting(ctx, first.ID, at.Add(time.Hour), "Zoë Ørsted"); err != nil {
		t.Fatal(err)
	}
	want := "Deal desk 15|Customer escalations 10|Roadmap debt check 5|SSO pricing 20"
	run, err := db.MeetingRun(ctx, early.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := agendaTitles(run.Items); got != want {
		t.Errorf("the draft opened early: %q, want %q", got, want)
	}
	later, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2027, 3, 18)})
	if err != nil {
		t.Fatal(err)
	}
	if run, err = db.MeetingRun(ctx, later.ID); err != nil {
		t.Fatal(err)
	}
	if got := agendaTitles(run.Items); got != want {
		t.Errorf("a draft opened after the close: %q, want %q", got, want)
	}
}
