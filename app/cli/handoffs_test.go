package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"triad/data"
	"triad/data/sqlite"
)

func paths(t *testing.T, out string) []string {
	t.Helper()
	var ps []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		if !filepath.IsAbs(l) {
			t.Errorf("%q is not a path", l)
		}
		if _, err := os.Stat(l); err != nil {
			t.Errorf("printed %s, which does not exist", l)
		}
		ps = append(ps, l)
	}
	return ps
}

func TestCalendarWritesThePodsWeeklySeries(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	out := filepath.Join(t.TempDir(), "payments.ics")
	h.stdout.Reset()
	if code := Main([]string{"calendar", "--db", db, "--pod", "  payments ", "--out", out}, h.env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	if got := paths(t, h.stdout.String()); len(got) != 1 || got[0] != out {
		t.Errorf("printed %q, want %s", got, out)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Events()[0]
	if r := ev.GetProperty(ics.ComponentPropertyRrule); r == nil || r.Value != "FREQ=WEEKLY;BYDAY=TH" {
		t.Errorf("RRULE %v, want weekly on the pod's Thursday", r)
	}
	if n := len(ev.Attendees()); n != 3 {
		t.Errorf("%d attendees, want the three leaders", n)
	}
	if !strings.Contains(string(b), "SUMMARY:Payments Triad meeting\r\n") {
		t.Errorf("no summary:\n%s", b)
	}

	for args, want := range map[string]int{
		"calendar --pod Nowhere":            ExitFailure,
		"calendar":                          ExitUsage,
		"calendar --pod P --from yesterday": ExitUsage,
	} {
		h.stderr.Reset()
		if code := Main(append(strings.Fields(args), "--db", db), h.env); code != want {
			t.Errorf("%s: exit %d, want %d (%s)", args, code, want, h.stderr)
		}
	}
}

func TestMailAgendaOfANeverOpenedDraftWritesOneDraftAndLeavesTheDatabase(t *testing.T) {
	h := newHarness(t)
	db, draft := demoDraft(t, h)
	before := fileSum(t, db)
	dir := t.TempDir()
	h.stdout.Reset()
	if code := Main([]string{"mail", "--db", db, "--kind", "agenda", "--meeting", strconv.FormatInt(draft.ID, 10), "--out", dir}, h.env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, h.stderr)
	}
	if after := fileSum(t, db); after != before {
		t.Error("writing the agenda of a draft changed the database")
	}
	got := paths(t, h.stdout.String())
	if len(got) != 1 || filepath.Dir(got[0]) != dir || !strings.HasSuffix(got[0], " - agenda - leaders and guests.eml") {
		t.Fatalf("printed %q", got)
	}
	raw, _ := os.ReadFile(got[0])
	for _, want := range []string{"X-Unsent: 1", "Subject: Agenda: ", "text/calendar; method=REQUEST"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the draft lacks %q", want)
		}
	}
}

func TestMailFollowupsAndAskAndInvitation(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	h.stdout.Reset()
	if code := Main([]string{"meetings", "--db", db}, h.env); code != ExitOK {
		t.Fatal(h.stderr)
	}
	var closed string
	for _, line := range strings.Split(h.stdout.String(), "\n") {
		if f := strings.Split(line, "\t"); len(f) >= 4 && f[1] == "Payments" && f[3] == "closed" && closed == "" {
			closed = f[0]
		}
	}
	dir := t.TempDir()
	h.stdout.Reset()
	if code := Main([]string{"mail", "--db", db, "--kind", "followups", "--meeting", closed, "--out", dir}, h.env); code != ExitOK {
		t.Fatalf("followups exit %d: %s", code, h.stderr)
	}
	got := paths(t, h.stdout.String())
	if len(got) < 2 {
		t.Fatalf("follow-ups: %q, want one draft per owner", got)
	}
	for _, p := range got {
		if !strings.Contains(filepath.Base(p), " - actions - ") && !strings.Contains(filepath.Base(p), " - commitments - ") && !strings.Contains(filepath.Base(p), " - deal-outcome - ") {
			t.Errorf("unexpected draft %s", filepath.Base(p))
		}
	}

	h.stdout.Reset()
	if code := Main([]string{"mail", "--db", db, "--kind", "ask", "--request", "1", "--reminder", "soon", "--out", dir}, h.env); code != ExitOK {
		t.Fatalf("ask exit %d: %s", code, h.stderr)
	}
	if got := paths(t, h.stdout.String()); len(got) != 1 || !strings.HasSuffix(got[0], " - ask-tech-lead - DD-1.eml") {
		t.Errorf("ask: %q", got)
	}
	h.stdout.Reset()
	if code := Main([]string{"mail", "--db", db, "--kind", "invitation", "--pod", "Payments", "--out", dir}, h.env); code != ExitOK {
		t.Fatalf("invitation exit %d: %s", code, h.stderr)
	}
	if got := paths(t, h.stdout.String()); len(got) != 1 || !strings.HasSuffix(got[0], " - invitation - leaders.eml") {
		t.Errorf("invitation: %q", got)
	}
}

func TestMailNamesAMissingAddressAndWritesNothing(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	s, err := sqlite.Open(db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pods, _ := s.Pods(ctx)
	p := pods[0]
	p.Leaders[0].Email = ""
	if _, err := s.UpdatePod(ctx, p); err != nil {
		t.Fatal(err)
	}
	draft, err := s.CreateMeeting(ctx, data.Meeting{PodID: p.ID, Date: data.NewDate(2027, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	dir := t.TempDir()
	h.stdout.Reset()
	code := Main([]string{"mail", "--db", db, "--kind", "agenda", "--meeting", strconv.FormatInt(draft.ID, 10), "--out", dir}, h.env)
	if code != ExitFailure {
		t.Fatalf("exit %d, want 1", code)
	}
	if want := p.Leaders[0].Name + " (Tech Lead) has no e-mail address"; !strings.Contains(h.stderr.String(), want) {
		t.Errorf("stderr %q does not say %q", h.stderr, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || h.stdout.Len() != 0 {
		t.Errorf("%d files written, stdout %q", len(entries), h.stdout)
	}
}

func TestMailUsage(t *testing.T) {
	h := newHarness(t)
	db := demoDB(t, h)
	for _, args := range [][]string{{"mail"}, {"mail", "--kind", "agenda"}, {"mail", "--kind", "spam", "--meeting", "1"},
		{"mail", "--kind", "ask"}, {"mail", "--kind", "ask", "--request", "1", "--reminder", "later"}, {"mail", "--kind", "invitation"}} {
		if code := Main(append(args, "--db", db), h.env); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := Main([]string{"mail", "--db", db, "--kind", "followups", "--meeting", "999"}, h.env); code != ExitFailure {
		t.Errorf("an unknown meeting: exit %d, want 1", code)
	}
}
