package minutes_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
	"triad/data/sqlite"
)

// clock is the store's clock, moved by the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func utc(d, hm string) time.Time { t, _ := time.Parse("2006-01-02 15:04", d+" "+hm); return t.UTC() }
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
func pagesOf(t *testing.T, pdf []byte) []string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.pdf")
	must(t, os.WriteFile(path, pdf, 0o600))
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

// berlinMeeting is a pod in Europe/Berlin whose meeting of Thu 19 Nov 2026
// ran 10:00–10:58 CET with a deal request on the desk and a decision the
// absent PMM has not committed to; it is closed by José.
func berlinMeeting(t *testing.T, path string, c *clock) (*sqlite.DB, data.Pod, data.Meeting, data.Decision) {
	t.Helper()
	ctx := context.Background()
	c.set(utc("2026-11-18", "08:00"))
	db, err := sqlite.Open(path, sqlite.Options{Now: c.now})
	must(t, err)
	p := data.NewPod()
	p.Name, p.MeetingDay, p.MeetingTime, p.TimeZone = "Payments", time.Thursday, 10*60, "Europe/Berlin"
	p.Leaders[0].Name, p.Leaders[1].Name, p.Leaders[2].Name = "Priya Raman", "José Ñúñez", "王小明"
	p, err = db.CreatePod(ctx, p)
	must(t, err)
	m, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 19)})
	must(t, err)
	_, err = db.CreateDealRequest(ctx, data.DealRequest{PodID: p.ID, Customer: "Acme Corp", DealName: "Renewal", Value: data.Dollars(120_000),
		RepName: "Maya Chen", Features: "SAML single sign-on", NeedsNewFeature: true, ReceivedAt: utc("2026-11-18", "07:00")})
	must(t, err)
	r, err := db.MeetingRun(ctx, m.ID)
	must(t, err)
	must(t, db.SetPresent(ctx, r.Attendees[0].ID, true))
	must(t, db.SetPresent(ctx, r.Attendees[1].ID, true))
	d := data.NewDecision(p, m.ID)
	d.Question = "Buy or build fraud scoring?"
	d.Options = []data.DecisionOption{{Title: "Buy a service"}, {Title: "Build our own"}}
	d.Chosen, d.Rationale = 1, "Speed matters more than fit."
	d.Perspectives[0].Position, d.Perspectives[0].Reasoning = data.PositionAgree, "No model team."
	d.Perspectives[1].Position, d.Perspectives[1].Reasoning = data.PositionAgree, "Merchants are leaving."
	d, err = db.CreateDecision(ctx, d)
	must(t, err)
	d, err = db.Decide(ctx, d)
	must(t, err)
	c.set(utc("2026-11-19", "09:58"))
	must(t, db.StartMeeting(ctx, m.ID, utc("2026-11-19", "09:00")))
	must(t, db.CloseMeeting(ctx, m.ID, utc("2026-11-19", "09:58"), "José Ñúñez"))
	return db, p, m, d
}

func minutesOf(t *testing.T, db *sqlite.DB, id int64, now time.Time) []byte {
	t.Helper()
	m, err := minutes.Assemble(context.Background(), db, id, minutes.Options{Now: func() time.Time { return now }})
	must(t, err)
	pdf, err := minutes.Render(m)
	must(t, err)
	return pdf
}

// TestRenderInZone is run by TestClosedMinutesAreFrozen in a child process
// with another TZ: it renders one meeting's minutes to a file.
func TestRenderInZone(t *testing.T) {
	path, id, out := os.Getenv("TRIAD_TEST_DB"), os.Getenv("TRIAD_TEST_MEETING"), os.Getenv("TRIAD_TEST_OUT")
	if path == "" {
		t.Skip("run by TestClosedMinutesAreFrozen")
	}
	db, err := sqlite.Open(path, sqlite.Options{})
	must(t, err)
	defer db.Close()
	n, _ := strconv.ParseInt(id, 10, 64)
	must(t, os.WriteFile(out, minutesOf(t, db, n, time.Now()), 0o600))
}

// A closed meeting's minutes are what stood at close: later back-dated
// deal requests, late commitments and the laptop's time zone change
// nothing; the times print in the pod's zone; a late commitment shows in
// the next meeting's minutes; a reopen is on record with who and why.
func TestClosedMinutesAreFrozen(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed (apt-get install poppler-utils)")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "triad.db")
	c := &clock{}
	db, p, m, d := berlinMeeting(t, path, c)
	atClose := minutesOf(t, db, m.ID, utc("2026-11-20", "12:00"))
	text := strings.Join(pagesOf(t, atClose), " ")
	for _, want := range []string{"Thu 19 Nov 2026 · 10:00–10:58 CET (58 min)", "Generated Thu 19 Nov 2026 10:58 CET",
		"Closed Thu 19 Nov 2026 10:58 CET by José Ñúñez", "Acme Corp"} {
		if !strings.Contains(text, want) {
			t.Errorf("the closed minutes do not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "DRAFT") {
		t.Error("a closed meeting's minutes are marked DRAFT")
	}

	// Same bytes on a laptop in another zone.
	must(t, db.Close())
	frozenAgreesWithLive(t, path, m.ID)
	for _, tz := range []string{"America/New_York", "Asia/Tokyo"} {
		out := filepath.Join(t.TempDir(), "m.pdf")
		cmd := exec.Command(os.Args[0], "-test.run=^TestRenderInZone$")
		cmd.Env = append(os.Environ(), "TZ="+tz, "TRIAD_TEST_DB="+path, "TRIAD_TEST_MEETING="+strconv.FormatInt(m.ID, 10), "TRIAD_TEST_OUT="+out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("rendering with TZ=%s: %v\n%s", tz, err, b)
		}
		got, err := os.ReadFile(out)
		must(t, err)
		if !bytes.Equal(got, atClose) {
			t.Errorf("with TZ=%s the closed meeting's minutes differ (%d bytes, want %d)", tz, len(got), len(atClose))
		}
	}
	db, err := sqlite.Open(path, sqlite.Options{Now: c.now})
	must(t, err)
	defer db.Close()

	// After close: a request back-dated to before the meeting, and the PMM
	// states a position and commits late.
	c.set(utc("2026-11-21", "10:00"))
	_, err = db.CreateDealRequest(ctx, data.DealRequest{PodID: p.ID, Customer: "Back-dated Ltd", DealName: "Pilot", Value: data.Dollars(90_000),
		RepName: "Maya Chen", Features: "Payouts in BRL", NeedsNewFeature: true, ReceivedAt: utc("2026-11-18", "09:00")})
	must(t, err)
	_, err = db.StatePosition(ctx, d.ID, p.Leaders[2].ID, data.PositionDisagree, "Margins on small merchants")
	must(t, err)
	_, err = db.RecordCommitment(ctx, d.ID, p.Leaders[2].ID, data.DisagreeAndCommit)
	must(t, err)
	if later := minutesOf(t, db, m.ID, utc("2026-11-22", "12:00")); !bytes.Equal(later, atClose) {
		t.Errorf("the closed meeting's minutes changed after close (%d bytes, were %d)", len(later), len(atClose))
		if strings.Contains(strings.Join(pagesOf(t, later), " "), "Back-dated Ltd") {
			t.Error("a deal request entered after close appears in the closed meeting's deal desk")
		}
	}

	// The next meeting, a draft nobody opened, prints the late commitment.
	next, err := db.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2026, 11, 26)})
	must(t, err)
	draft := pagesOf(t, minutesOf(t, db, next.ID, utc("2026-11-24", "08:30")))
	all := strings.Join(draft, " ")
	for _, want := range []string{"Late commitments", "王小明", "Disagrees and commits", "Buy or build fraud scoring?",
		"Sat 21 Nov 2026 11:00 CET", "Generated Tue 24 Nov 2026 09:30 CET", "Deal desk", "Roadmap debt check"} {
		if !strings.Contains(all, want) {
			t.Errorf("the next meeting's draft minutes do not say %q:\n%s", want, all)
		}
	}
	for i, pg := range draft {
		if !strings.Contains(pg, "DRAFT") {
			t.Errorf("page %d of %d of a draft's minutes is not marked DRAFT", i+1, len(draft))
		}
	}

	// Reopened and closed again: the history is in the minutes.
	c.set(utc("2026-11-23", "08:00"))
	must(t, db.ReopenMeeting(ctx, m.ID, utc("2026-11-23", "08:00"), "José Ñúñez", "The PMM's answer was missing"))
	must(t, db.CloseMeeting(ctx, m.ID, utc("2026-11-23", "08:10"), "José Ñúñez"))
	again := strings.Join(pagesOf(t, minutesOf(t, db, m.ID, utc("2026-11-24", "08:30"))), " ")
	for _, want := range []string{"Closed Thu 19 Nov 2026 10:58 CET by José Ñúñez", "Reopened Mon 23 Nov 2026 09:00 CET by José Ñúñez: The PMM's answer was missing",
		"Closed Mon 23 Nov 2026 09:10 CET by José Ñúñez", "Generated Mon 23 Nov 2026 09:10 CET", "Thu 19 Nov 2026 · 10:00–Mon 23 Nov 09:10 CET"} {
		if !strings.Contains(again, want) {
			t.Errorf("the re-closed minutes do not say %q:\n%s", want, again)
		}
	}
}

// frozenAgreesWithLive checks that freezing loses nothing the minutes use:
// right after close, minutes from the frozen record and minutes rebuilt
// from the live tables (a copy of the file with the record removed) render
// the same bytes, but for the rebuilt one's note.
func frozenAgreesWithLive(t *testing.T, path string, meetingID int64) {
	t.Helper()
	ctx := context.Background()
	b, err := os.ReadFile(path)
	must(t, err)
	cp := filepath.Join(t.TempDir(), "copy.db")
	must(t, os.WriteFile(cp, b, 0o600))
	raw, err := sql.Open("sqlite3", cp)
	must(t, err)
	_, err = raw.Exec(`DELETE FROM meeting_records`)
	must(t, err)
	must(t, raw.Close())
	render := func(p string) ([]byte, bool) {
		db, err := sqlite.Open(p, sqlite.Options{})
		must(t, err)
		defer db.Close()
		rec, err := db.MinutesRecord(ctx, meetingID)
		must(t, err)
		m := minutes.FromRecord(rec, minutes.Options{Now: time.Now})
		m.Notice = ""
		pdf, err := minutes.Render(m)
		must(t, err)
		return pdf, rec.Rebuilt
	}
	frozen, rebuilt := render(path)
	live, rebuiltLive := render(cp)
	if rebuilt || !rebuiltLive {
		t.Fatalf("rebuilt: frozen %v, live %v", rebuilt, rebuiltLive)
	}
	if !bytes.Equal(frozen, live) {
		t.Errorf("the frozen record renders differently from the live data it froze (%d bytes, live %d)", len(frozen), len(live))
	}
}
