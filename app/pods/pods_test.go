package pods

import "triad/app/kit"

import "triad/app/shell"

import "time"

import "context"

import "strings"

import "triad/data"

import "triad/app/internal/apptest"

import "fyne.io/fyne/v2/test"

import "testing"

func fillPodForm(f *Form) {
	test.Type(f.name, "Payments")
	test.Type(f.leaderName[0], "Priya Raman")
	test.Type(f.leaderEmail[0], "priya@example.com")
	test.Type(f.leaderName[1], "José Ñúñez")
	test.Type(f.leaderName[2], "王小明")
}

func TestPodFormSavesToStore(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	f := NewForm(e.Scope(), data.NewPod())
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	fillPodForm(f)
	f.day.SetSelected("Thursday")
	f.at.SetText("09:30")
	test.Type(f.quota, "25")
	if f.zone.Text != data.MachineZone() {
		t.Errorf("a new pod's zone is %q, want the machine's %q", f.zone.Text, data.MachineZone())
	}
	f.zone.SetText("Mars/Olympus")
	test.Tap(f.save)
	e.Wait()
	if got := f.problems["time_zone"].Text; !strings.Contains(got, "not a time zone") {
		t.Errorf("unknown zone message = %q", got)
	}
	f.zone.SetText("Europe/Berlin")
	test.Tap(f.save)
	e.Wait()

	pods, err := db.Pods(context.Background())
	if err != nil || len(pods) != 1 {
		t.Fatalf("pods = %v, %v", pods, err)
	}
	p := pods[0]
	if p.Name != "Payments" || p.MeetingDay != time.Thursday || p.MeetingTime.String() != "09:30" ||
		p.Leaders[1].Name != "José Ñúñez" || p.Leaders[2].Name != "王小明" ||
		p.Overrides.MaintenanceQuota == nil || *p.Overrides.MaintenanceQuota != 2500 || p.Overrides.DealThreshold != nil ||
		p.TimeZone != "Europe/Berlin" {
		t.Errorf("stored pod = %+v", p)
	}
	if got, ok := e.Last().(shell.Pods); !ok || got.Show != p.ID {
		t.Errorf("saving went to %#v, not the new pod's page", e.Last())
	}
}

func TestPodFormShowsProblemsAndSavesNothing(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	f := NewForm(e.Scope(), data.NewPod())
	e.ShowContent(f.sc, f.Build())
	test.Type(f.name, "Payments")
	test.Type(f.leaderEmail[0], "priya.example.com")
	test.Type(f.leaderName[1], "Daniel")
	test.Type(f.leaderName[2], "Sofia")
	test.Type(f.threshold, "fifty grand")
	test.Tap(f.save)
	e.Wait()

	if got := f.problems["tech_lead.name"].Text; got != "Tech Lead needs a name" {
		t.Errorf("tech lead name message = %q", got)
	}
	if got := f.problems["tech_lead.email"].Text; !strings.Contains(got, "That email address is missing an @") {
		t.Errorf("email message = %q", got)
	}
	if got := f.problems["deal_threshold"].Text; !strings.Contains(got, "not an amount") {
		t.Errorf("threshold message = %q", got)
	}
	if f.problems["tech_lead.name"].Hidden || f.summary.Hidden {
		t.Error("problems are not visible")
	}
	if pods, _ := db.Pods(context.Background()); len(pods) != 0 {
		t.Errorf("invalid pod reached the store: %+v", pods)
	}

	// Fixing the fields and saving again works.
	test.Type(f.leaderName[0], "Priya")
	f.leaderEmail[0].SetText("priya@example.com")
	f.threshold.SetText("75k")
	test.Tap(f.save)
	e.Wait()
	pods, _ := db.Pods(context.Background())
	if len(pods) != 1 || *pods[0].Overrides.DealThreshold != data.Dollars(75_000) {
		t.Fatalf("after fixing: %+v", pods)
	}
}

func TestDuplicatePodNameMessage(t *testing.T) {
	e := apptest.New(t)
	for i := 0; i < 2; i++ {
		f := NewForm(e.Scope(), data.NewPod())
		e.ShowContent(f.sc, f.Build())
		fillPodForm(f)
		test.Tap(f.save)
		e.Wait()
		if i == 1 && !strings.Contains(f.problems["name"].Text, "already exists") {
			t.Errorf("duplicate name message = %q", f.problems["name"].Text)
		}
	}
}

func TestNewMeetingAndDuplicateDate(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p := data.NewPod()
	p.Name = "Growth"
	p.MeetingDay = time.Monday
	for i := range p.Leaders {
		p.Leaders[i].Name = "Person " + kit.Itoa(i)
	}
	p, err := db.CreatePod(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	pg := NewPage(e.Scope(), p.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	if pg.emptyNote.Hidden {
		t.Error("a pod without meetings does not say what to do")
	}
	test.Tap(pg.newMeeting)
	d := pg.newMeetingDialog
	if got := data.DateOf(*d.entry.Date).String(); got != "2026-11-30" {
		t.Fatalf("proposed date = %s, want the next Monday", got)
	}
	test.Tap(d.Confirm)
	e.Wait()

	// The next proposal skips the taken Monday; choosing it by hand is refused.
	test.Tap(pg.newMeeting)
	d = pg.newMeetingDialog
	if got := data.DateOf(*d.entry.Date).String(); got != "2026-12-07" {
		t.Fatalf("second proposal = %s, want the Monday after", got)
	}
	taken := time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local)
	d.entry.SetDate(&taken)
	test.Tap(d.Confirm)
	e.Wait()
	if !strings.Contains(d.Problem.Text, "already has a meeting on Mon 30 Nov 2026") {
		t.Errorf("duplicate date message = %q", d.Problem.Text)
	}
	ms, _ := db.Meetings(context.Background(), p.ID)
	if len(ms) != 1 || ms[0].Date.String() != "2026-11-30" {
		t.Errorf("meetings = %+v", ms)
	}
	if !pg.emptyNote.Hidden || pg.meetingList.Length() != 1 {
		t.Error("the meeting list did not show the new meeting")
	}
}

func TestDeletePodAsksAndSaysWhatGoes(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	p := data.NewPod()
	p.Name = "Growth"
	for i := range p.Leaders {
		p.Leaders[i].Name = "Person " + kit.Itoa(i)
	}
	p, _ = db.CreatePod(context.Background(), p)
	d, _ := data.ParseDate("2026-11-30")
	db.CreateMeeting(context.Background(), data.Meeting{PodID: p.ID, Date: d})
	var asked string
	e.Sh.Confirm = func(_, msg, _ string, yes func()) { asked = msg; yes() }

	pg := NewPage(e.Scope(), p.ID)
	e.ShowContent(pg.sc, pg.Build())
	e.Wait()
	test.Tap(pg.delete)
	e.Wait()
	if !strings.Contains(asked, "1 meetings") && !strings.Contains(asked, "1 meeting") {
		t.Errorf("confirmation = %q, want it to name the meetings", asked)
	}
	if pods, _ := db.Pods(context.Background()); len(pods) != 0 {
		t.Errorf("pod not deleted")
	}
	if got, ok := e.Last().(shell.Pods); !ok || got.Show != 0 {
		t.Errorf("deleting went to %#v, not the list of pods", e.Last())
	}
}

func TestSettingsScreenValidatesAndSaves(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	s := NewSettings(e.Scope())
	e.ShowContent(s.sc, s.Build())
	e.Wait()
	if s.threshold.Text != "50,000" || s.sla.Text != "24" || s.quota.Text != "20%" {
		t.Fatalf("loaded settings: %q %q %q", s.threshold.Text, s.sla.Text, s.quota.Text)
	}
	s.quota.SetText("120")
	test.Tap(s.save)
	e.Wait()
	if !strings.Contains(s.problems["maintenance_quota"].Text, "between 0 and 100") {
		t.Errorf("quota message = %q", s.problems["maintenance_quota"].Text)
	}
	s.quota.SetText("25%")
	s.threshold.SetText("$75,000")
	test.Tap(s.save)
	e.Wait()
	st, _ := db.Settings(context.Background())
	if st.MaintenanceQuota != 2500 || st.DealThreshold != data.Dollars(75_000) || s.status.Text != "Saved." {
		t.Errorf("saved settings = %+v, status %q", st, s.status.Text)
	}
}

// The pod form keeps the pod's deal-desk delegates, one name a line.
func TestPodFormSavesDelegates(t *testing.T) {
	e := apptest.New(t)
	db := e.DB
	f := NewForm(e.Scope(), data.NewPod())
	e.ShowContent(f.sc, f.Build())
	e.Wait()
	fillPodForm(f)
	f.delegates.SetText("Marta Silva\n\n  Omar  Haddad \n")
	test.Tap(f.save)
	e.Wait()
	pods, _ := db.Pods(context.Background())
	if len(pods) != 1 || strings.Join(pods[0].Delegates, "|") != "Marta Silva|Omar Haddad" {
		t.Fatalf("stored delegates = %+v", pods)
	}
	// Editing shows them again; a name twice is refused under the field.
	f = NewForm(e.Scope(), pods[0])
	e.ShowContent(f.sc, f.Build())
	if f.delegates.Text != "Marta Silva\nOmar Haddad" {
		t.Errorf("form shows %q", f.delegates.Text)
	}
	f.delegates.SetText("Marta Silva\nmarta silva")
	test.Tap(f.save)
	e.Wait()
	if l := f.problems["delegates"]; l.Hidden || !strings.Contains(l.Text, "twice") {
		t.Errorf("duplicate delegate message: %q (hidden %v)", l.Text, l.Hidden)
	}
}

func TestSettingsConcentrationLimit(t *testing.T) {
	e := apptest.NewShared(t)
	db := e.DB
	s := NewSettings(e.Scope())
	e.ShowContent(s.sc, s.Build())
	e.Wait()
	if s.concentration.Text != "40%" {
		t.Fatalf("loaded limit %q", s.concentration.Text)
	}
	s.concentration.SetText("0")
	test.Tap(s.save)
	e.Wait()
	if !strings.Contains(s.problems["concentration_limit"].Text, "above 0%") {
		t.Errorf("zero limit message = %q", s.problems["concentration_limit"].Text)
	}
	s.concentration.SetText("35%")
	test.Tap(s.save)
	e.Wait()
	if st, _ := db.Settings(context.Background()); st.ConcentrationLimit != 3500 {
		t.Errorf("saved limit = %v", st.ConcentrationLimit)
	}
}

// The pod page's tabs are its meetings, deal desk, roadmap and decisions,
// and a route picks one by its kind, not its label.
func TestPodPageTabs(t *testing.T) {
	e := apptest.New(t)
	p := apptest.Pod(t, e.DB, "Payments")
	pg := NewPage(e.Scope(), p.ID)
	e.ShowContent(pg.sc, pg.Build())
	var tabs []string
	for _, it := range pg.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if strings.Join(tabs, ",") != "Meetings,Deal desk,Roadmap,Decisions" {
		t.Errorf("tabs = %v", tabs)
	}
	pg.SelectTab(shell.TabRoadmap)
	if pg.tabs.Selected().Text != "Roadmap" {
		t.Errorf("TabRoadmap selects %q", pg.tabs.Selected().Text)
	}
}
