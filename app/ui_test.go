package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"triad/app/kit"
	"triad/data"
	"triad/data/sqlite"
)

// newTestUI opens a real database in a temp folder and builds the window
// around it, with the clock fixed at Wed 25 Nov 2026 10:00 local.
func newTestUI(t *testing.T) (*UI, *sqlite.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	u := newUI(a, db, Info{Version: "test"}, true)
	u.sh.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local) }
	t.Cleanup(u.sh.Win.Close)
	u.sh.Wait()
	return u, db
}

func fillPodForm(f *podForm) {
	test.Type(f.name, "Payments")
	test.Type(f.leaderName[0], "Priya Raman")
	test.Type(f.leaderEmail[0], "priya@example.com")
	test.Type(f.leaderName[1], "José Ñúñez")
	test.Type(f.leaderName[2], "王小明")
}

func TestWelcomeWhenEmpty(t *testing.T) {
	u, _ := newTestUI(t)
	if !containsText(u.screen, "Welcome to Triad") || !containsText(u.screen, "Load sample data") {
		t.Fatal("an empty database does not show the welcome screen")
	}
}

func TestPodFormSavesToStore(t *testing.T) {
	u, db := newTestUI(t)
	f := newPodForm(u.sh.NewScope(), data.NewPod())
	show(u, f.sc, f.build())
	u.sh.Wait()
	fillPodForm(f)
	f.day.SetSelected("Thursday")
	f.at.SetText("09:30")
	test.Type(f.quota, "25")
	if f.zone.Text != data.MachineZone() {
		t.Errorf("a new pod's zone is %q, want the machine's %q", f.zone.Text, data.MachineZone())
	}
	f.zone.SetText("Mars/Olympus")
	test.Tap(f.save)
	u.sh.Wait()
	if got := f.problems["time_zone"].Text; !strings.Contains(got, "not a time zone") {
		t.Errorf("unknown zone message = %q", got)
	}
	f.zone.SetText("Europe/Berlin")
	test.Tap(f.save)
	u.sh.Wait()

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
	if u.sidebar.selected != p.ID || !containsText(u.screen, "Meets every Thursday at 09:30") {
		t.Error("saving did not open the new pod's page")
	}
}

func TestPodFormShowsProblemsAndSavesNothing(t *testing.T) {
	u, db := newTestUI(t)
	f := newPodForm(u.sh.NewScope(), data.NewPod())
	show(u, f.sc, f.build())
	test.Type(f.name, "Payments")
	test.Type(f.leaderEmail[0], "priya.example.com")
	test.Type(f.leaderName[1], "Daniel")
	test.Type(f.leaderName[2], "Sofia")
	test.Type(f.threshold, "fifty grand")
	test.Tap(f.save)
	u.sh.Wait()

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
	u.sh.Wait()
	pods, _ := db.Pods(context.Background())
	if len(pods) != 1 || *pods[0].Overrides.DealThreshold != data.Dollars(75_000) {
		t.Fatalf("after fixing: %+v", pods)
	}
}

func TestDuplicatePodNameMessage(t *testing.T) {
	u, _ := newTestUI(t)
	for i := 0; i < 2; i++ {
		f := newPodForm(u.sh.NewScope(), data.NewPod())
		show(u, f.sc, f.build())
		fillPodForm(f)
		test.Tap(f.save)
		u.sh.Wait()
		if i == 1 && !strings.Contains(f.problems["name"].Text, "already exists") {
			t.Errorf("duplicate name message = %q", f.problems["name"].Text)
		}
	}
}

func TestNewMeetingAndDuplicateDate(t *testing.T) {
	u, db := newTestUI(t)
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
	pg := newPodPage(u.sh.NewScope(), p.ID)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	if pg.emptyNote.Hidden {
		t.Error("a pod without meetings does not say what to do")
	}
	test.Tap(pg.newMeeting)
	d := pg.newMeetingDialog
	if got := data.DateOf(*d.entry.Date).String(); got != "2026-11-30" {
		t.Fatalf("proposed date = %s, want the next Monday", got)
	}
	test.Tap(d.Confirm)
	u.sh.Wait()

	// The next proposal skips the taken Monday; choosing it by hand is refused.
	test.Tap(pg.newMeeting)
	d = pg.newMeetingDialog
	if got := data.DateOf(*d.entry.Date).String(); got != "2026-12-07" {
		t.Fatalf("second proposal = %s, want the Monday after", got)
	}
	taken := time.Date(2026, 11, 30, 0, 0, 0, 0, time.Local)
	d.entry.SetDate(&taken)
	test.Tap(d.Confirm)
	u.sh.Wait()
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
	u, db := newTestUI(t)
	p := data.NewPod()
	p.Name = "Growth"
	for i := range p.Leaders {
		p.Leaders[i].Name = "Person " + kit.Itoa(i)
	}
	p, _ = db.CreatePod(context.Background(), p)
	d, _ := data.ParseDate("2026-11-30")
	db.CreateMeeting(context.Background(), data.Meeting{PodID: p.ID, Date: d})
	var asked string
	u.sh.Confirm = func(_, msg, _ string, yes func()) { asked = msg; yes() }

	u.sidebar.reload(p.ID)
	u.sh.Wait()
	pg := newPodPage(u.sh.NewScope(), p.ID)
	show(u, pg.sc, pg.build())
	u.sh.Wait()
	test.Tap(pg.delete)
	u.sh.Wait()
	if !strings.Contains(asked, "1 meetings") && !strings.Contains(asked, "1 meeting") {
		t.Errorf("confirmation = %q, want it to name the meetings", asked)
	}
	if pods, _ := db.Pods(context.Background()); len(pods) != 0 {
		t.Errorf("pod not deleted")
	}
	if !containsText(u.screen, "Welcome to Triad") {
		t.Error("deleting the last pod does not return to the welcome screen")
	}
}

func TestSettingsScreenValidatesAndSaves(t *testing.T) {
	u, db := newTestUI(t)
	s := newSettingsScreen(u.sh.NewScope())
	show(u, s.sc, s.build())
	u.sh.Wait()
	if s.threshold.Text != "50,000" || s.sla.Text != "24" || s.quota.Text != "20%" {
		t.Fatalf("loaded settings: %q %q %q", s.threshold.Text, s.sla.Text, s.quota.Text)
	}
	s.quota.SetText("120")
	test.Tap(s.save)
	u.sh.Wait()
	if !strings.Contains(s.problems["maintenance_quota"].Text, "between 0 and 100") {
		t.Errorf("quota message = %q", s.problems["maintenance_quota"].Text)
	}
	s.quota.SetText("25%")
	s.threshold.SetText("$75,000")
	test.Tap(s.save)
	u.sh.Wait()
	st, _ := db.Settings(context.Background())
	if st.MaintenanceQuota != 2500 || st.DealThreshold != data.Dollars(75_000) || s.status.Text != "Saved." {
		t.Errorf("saved settings = %+v, status %q", st, s.status.Text)
	}
}

func TestReloadReopensTheSelectedPod(t *testing.T) {
	u, db := newTestUI(t)
	p := data.NewPod()
	p.Name = "Growth"
	for i := range p.Leaders {
		p.Leaders[i].Name = "Person " + kit.Itoa(i)
	}
	p, _ = db.CreatePod(context.Background(), p)
	u.sidebar.reload(p.ID)
	u.sh.Wait()
	// A screen opened from the pod page keeps the pod selected, as the
	// meeting screen does; going back reloads the same pod.
	show(u, u.sh.NewScope(), widget.NewLabel("a meeting"))
	u.sidebar.reload(p.ID)
	u.sh.Wait()
	if !containsText(u.screen, "Meets every") {
		t.Error("reloading the pod that is already selected did not reopen its page")
	}
}
