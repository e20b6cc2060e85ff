package minutes_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
	"triad/data/sqlite"
)

// The agenda's total is the clock time it took, rounded once: three items
// of 40 seconds each show a minute apiece but took 2 minutes in all, as the
// meeting's clock said, not 3.
func TestTheAgendaTotalIsTheClockRoundedOnce(t *testing.T) {
	ctx := context.Background()
	c := &clock{}
	c.set(utc("2026-11-18", "08:00"))
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: c.now})
	must(t, err)
	t.Cleanup(func() { db.Close() })
	p := data.NewPod()
	p.Name, p.MeetingDay, p.MeetingTime, p.TimeZone = "Payments", time.Thursday, 10*60, "UTC"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "José Ñúñez", "Wang Fang"
	p, err = db.CreatePod(ctx, p)
	must(t, err)
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 19)})
	must(t, err)
	r, err := db.MeetingRun(ctx, m.ID)
	must(t, err)
	for _, it := range r.Items {
		must(t, db.DeleteAgendaItem(ctx, it.ID))
	}
	var ids []int64
	for _, title := range []string{"Checkout latency", "Refund flow", "Partner API"} {
		it, err := db.AddAgendaItem(ctx, data.AgendaItem{MeetingID: m.ID, Title: title, Kind: data.KindTopic, PlannedMinutes: 5})
		must(t, err)
		ids = append(ids, it.ID)
	}
	start := utc("2026-11-19", "10:00")
	must(t, db.StartMeeting(ctx, m.ID, start))
	for i, id := range ids {
		must(t, db.GoToItem(ctx, m.ID, id, start.Add(time.Duration(i)*40*time.Second)))
	}
	must(t, db.CloseMeeting(ctx, m.ID, start.Add(120*time.Second), "José Ñúñez"))

	mm, err := minutes.Assemble(ctx, db, m.ID, minutes.Options{Now: func() time.Time { return start.Add(time.Hour) }})
	must(t, err)
	for _, it := range mm.Agenda {
		if it.Actual != 1 {
			t.Errorf("%s shows %d min, want 1 (40 s)", it.Title, it.Actual)
		}
	}
	if mm.AgendaTaken != 2 {
		t.Errorf("the agenda took %d min, want 2 (120 s rounded once)", mm.AgendaTaken)
	}
	pdf, err := minutes.Render(mm)
	must(t, err)
	path := filepath.Join(t.TempDir(), "m.pdf")
	must(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").CombinedOutput()
	must(t, err)
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == "Total" {
			if got := strings.Join(f, " "); got != "Total 15 min 2 min" {
				t.Errorf("the agenda table's total row reads %q", got)
			}
			return
		}
	}
	t.Errorf("no total row in the agenda table:\n%s", out)
}
