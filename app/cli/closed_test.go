package cli

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/sqlite"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// demoDraft is the sample company with a new draft meeting of its first
// pod that nobody has opened, the database closed again.
func demoDraft(t *testing.T, h *harness) (string, data.Meeting) {
	t.Helper()
	db := demoDB(t, h)
	s, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pods, err := s.Pods(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreateMeeting(context.Background(), data.Meeting{PodID: pods[0].ID, Date: data.NewDate(2027, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return db, draft
}

// Exporting a never-opened draft's minutes writes nothing: the database
// file's bytes are the same after, and the draft is still unprepared.
func TestMinutesOfADraftLeaveTheDatabaseUnchanged(t *testing.T) {
	h := newHarness(t)
	db, draft := demoDraft(t, h)
	before := fileSum(t, db)
	out := filepath.Join(t.TempDir(), "draft.pdf")
	if code := Main([]string{"minutes", "--db", db, "--meeting", strconv.FormatInt(draft.ID, 10), "--out", out}, h.env); code != ExitOK {
		t.Fatalf("minutes exit %d: %s", code, h.stderr)
	}
	if after := fileSum(t, db); after != before {
		t.Errorf("triad minutes of a draft changed the database (sha256 %x -> %x)", before, after)
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		if fi, _ := os.Stat(db + "-wal"); fi.Size() > 0 {
			t.Errorf("a write-ahead log of %d bytes was left beside the database", fi.Size())
		}
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(pdf) == 0 {
		t.Fatal("no PDF")
	}
	// And the window, opening the draft later, still prepares it then.
	s, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec, err := s.MinutesRecord(context.Background(), draft.ID)
	if err != nil || !rec.Preview {
		t.Errorf("after the export the draft is no longer unprepared (preview %v, %v)", rec.Preview, err)
	}
}

// `triad meeting ID` shows who closed and reopened a meeting and why, and
// `triad meetings` flags the reopened one.
func TestMeetingDetailShowsTheHistory(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	s, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pods, _ := s.Pods(ctx)
	var closed data.Meeting
	ms, _ := s.Meetings(ctx, pods[0].ID)
	for _, m := range ms {
		if m.Status == data.MeetingClosed {
			closed = m
			break
		}
	}
	at := closed.EndedAt
	if err := s.ReopenMeeting(ctx, closed.ID, at.Add(time.Hour), "José Ñúñez", "The PMM's answer was missing"); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseMeeting(ctx, closed.ID, at.Add(70*time.Minute), "José Ñúñez"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	id := strconv.FormatInt(closed.ID, 10)
	if code := Main([]string{"meeting", id, "--db", db}, h.env); code != ExitOK {
		t.Fatalf("meeting exit %d: %s", code, h.stderr)
	}
	out := h.stdout.String()
	for _, want := range []string{"State:    Closed", "Reopened ", "by José Ñúñez: The PMM's answer was missing", "Minutes:  as frozen at close"} {
		if !strings.Contains(out, want) {
			t.Errorf("triad meeting %s does not say %q:\n%s", id, want, out)
		}
	}
	h.stdout.Reset()
	if code := Main([]string{"meetings", "--db", db}, h.env); code != ExitOK {
		t.Fatalf("meetings exit %d", code)
	}
	if !strings.Contains(h.stdout.String(), id+"\t"+pods[0].Name+"\t"+closed.Date.String()+"\tclosed\treopened once, last by José Ñúñez: The PMM's answer was missing") {
		t.Errorf("triad meetings does not flag the reopened meeting:\n%s", h.stdout)
	}
	for _, bad := range [][]string{{"meeting"}, {"meeting", "x"}, {"meeting", "-3"}} {
		if code := Main(append(bad, "--db", db), h.env); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
	if code := Main([]string{"meeting", "9999", "--db", db}, h.env); code != ExitFailure {
		t.Errorf("unknown meeting: exit %d", code)
	}
}
