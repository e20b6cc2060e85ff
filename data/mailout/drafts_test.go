package mailout

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"triad/data"
	"triad/data/demo"
	"triad/data/handoff"
	"triad/data/minutes"
	"triad/data/sqlite"
)

var demoNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// parsed is a draft as a mail client reads it.
type parsed struct {
	header       mail.Header
	subject      string
	to, cc, from []string // "Name <address>"
	text, html   string
	calendar     []byte // the inline text/calendar part
	calendarType string
	files        map[string][]byte
	contentTypes []string // of every leaf part, in order
}

func readMail(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the draft: %v", err)
	}
	p := parsed{header: msg.Header, files: map[string][]byte{}}
	dec := new(mime.WordDecoder)
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	list := func(key string) []string {
		if msg.Header.Get(key) == "" {
			return nil
		}
		as, err := msg.Header.AddressList(key)
		if err != nil {
			t.Fatalf("%s %q: %v", key, msg.Header.Get(key), err)
		}
		var out []string
		for _, a := range as {
			out = append(out, a.Name+" <"+a.Address+">")
		}
		return out
	}
	p.to, p.cc, p.from = list("To"), list("Cc"), list("From")
	var walk func(h map[string][]string, body io.Reader)
	walk = func(h map[string][]string, body io.Reader) {
		get := func(k string) string {
			if v := h[k]; len(v) > 0 {
				return v[0]
			}
			return ""
		}
		ct, params, err := mime.ParseMediaType(get("Content-Type"))
		if err != nil {
			t.Fatalf("Content-Type %q: %v", get("Content-Type"), err)
		}
		if strings.HasPrefix(ct, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				part, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(part.Header, part)
			}
		}
		var r io.Reader = body
		switch strings.ToLower(get("Content-Transfer-Encoding")) {
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			r = quotedprintable.NewReader(body)
		}
		content, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		p.contentTypes = append(p.contentTypes, get("Content-Type"))
		if disp, dp, _ := mime.ParseMediaType(get("Content-Disposition")); disp == "attachment" {
			name, _ := dec.DecodeHeader(dp["filename"])
			p.files[name] = content
			return
		}
		switch ct {
		case "text/plain":
			p.text = strings.ReplaceAll(string(content), "\r\n", "\n")
		case "text/html":
			p.html = string(content)
		case "text/calendar":
			p.calendar, p.calendarType = content, get("Content-Type")
		}
	}
	walk(msg.Header, msg.Body)
	return p
}

// fixture is the sample company with the Payments pod's leaders renamed
// to names that need encoding in a header (and a comma).
type fixture struct {
	db  *sqlite.DB
	pod data.Pod
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "triad.db"), sqlite.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := demo.Fill(ctx, db, demoNow); err != nil {
		t.Fatal(err)
	}
	pods, err := db.Pods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pods {
		if p.Name != "Payments" {
			continue
		}
		p.Leaders[0].Name, p.Leaders[0].Email = "王芳", "wang.fang@example.com"
		p.Leaders[1].Name, p.Leaders[1].Email = "Zoë Ørsted", "zoe.orsted@example.com"
		p.Leaders[2].Name, p.Leaders[2].Email = "Lindqvist, Sofia", "sofia@example.com"
		p.TimeZone = "Europe/Berlin"
		if p, err = db.UpdatePod(ctx, p); err != nil {
			t.Fatal(err)
		}
		return fixture{db: db, pod: p}
	}
	t.Fatal("no Payments pod in the sample data")
	return fixture{}
}

func (f fixture) meeting(t *testing.T, status data.MeetingStatus) data.Meeting {
	t.Helper()
	ms, err := f.db.Meetings(context.Background(), f.pod.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Status == status {
			return m
		}
	}
	t.Fatalf("no %s meeting", status)
	return data.Meeting{}
}

func write(t *testing.T, mails []handoff.Mail) []parsed {
	t.Helper()
	dir := t.TempDir()
	paths, err := WriteDrafts(dir, mails, demoNow)
	if err != nil {
		t.Fatal(err)
	}
	var out []parsed
	for _, p := range paths {
		if filepath.Dir(p) != dir || !strings.HasSuffix(p, ".eml") {
			t.Errorf("draft written to %s", p)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pm := readMail(t, raw)
		if pm.header.Get("X-Unsent") != "1" {
			t.Errorf("%s: no X-Unsent: 1, so Outlook would not open it as a draft", filepath.Base(p))
		}
		if pm.text == "" || pm.html == "" {
			t.Errorf("%s: want a text and an HTML part, got %q", filepath.Base(p), pm.contentTypes)
		}
		for _, ct := range pm.contentTypes {
			if strings.HasPrefix(ct, "text/") && !strings.Contains(strings.ToLower(ct), "charset=utf-8") {
				t.Errorf("%s: part %q has no UTF-8 charset", filepath.Base(p), ct)
			}
		}
		if strings.Contains(string(raw), "王芳") || strings.Contains(string(raw), "Zoë") {
			t.Errorf("%s: a non-ASCII name is in the raw message unencoded", filepath.Base(p))
		}
		out = append(out, pm)
	}
	return out
}

func TestAgendaDraftGoesToTheLeadersWithTheMeetingAsAnInvitation(t *testing.T) {
	f := newFixture(t)
	draft := f.meeting(t, data.MeetingDraft)
	rec, pre := preRead(t, f, draft.ID)
	m, err := handoff.Agenda(rec, pre, demoNow)
	if err != nil {
		t.Fatal(err)
	}
	got := write(t, []handoff.Mail{m})
	if len(got) != 1 {
		t.Fatalf("%d drafts", len(got))
	}
	d := got[0]
	want := []string{"王芳 <wang.fang@example.com>", "Zoë Ørsted <zoe.orsted@example.com>", "Lindqvist, Sofia <sofia@example.com>"}
	if strings.Join(d.to[:3], "|") != strings.Join(want, "|") {
		t.Errorf("To = %q, want the three leaders %q", d.to, want)
	}
	if strings.Join(d.from, "") != "Zoë Ørsted <zoe.orsted@example.com>" {
		t.Errorf("From = %q, want the Product Manager", d.from)
	}
	if wantSubject := "Agenda: Payments Triad meeting, " + draft.Date.Long() + " 10:00 CET"; d.subject != wantSubject {
		t.Errorf("Subject = %q, want %q", d.subject, wantSubject)
	}
	for _, section := range []string{"Agenda\n------", "1. Deal desk — 10 min", "Deal desk: awaiting sign-off", "Roadmap debt check as it stands", "Open decisions", "Due "} {
		if !strings.Contains(d.text, section) {
			t.Errorf("the text part lacks %q:\n%s", section, d.text)
		}
	}
	if !strings.Contains(d.html, "<h2") || !strings.Contains(d.html, "Roadmap debt check as it stands") {
		t.Errorf("the HTML part lacks the sections:\n%s", d.html)
	}
	if !strings.Contains(d.calendarType, "method=REQUEST") {
		t.Errorf("the invitation's part is %q, want text/calendar; method=REQUEST", d.calendarType)
	}
	file := d.files[handoff.CalendarFileName("Payments", draft.Date)]
	if file == nil || !bytes.Equal(file, d.calendar) {
		t.Fatalf("want the invitation attached as %q too; files %v", handoff.CalendarFileName("Payments", draft.Date), keys(d.files))
	}
	if !bytes.Contains(d.calendar, []byte("\r\nMETHOD:REQUEST\r\n")) {
		t.Error("the invitation lost its CRLF line ends or its method")
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(d.calendar))
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Events()[0]
	if desc := ev.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(desc, "1. Deal desk — 10 min") {
		t.Errorf("the invitation's description is not the agenda: %q", desc)
	}
	if n := len(ev.Attendees()); n < 3 {
		t.Errorf("%d attendees in the invitation", n)
	}
}

// preRead reads a meeting's hand-off record and builds its pre-read.
func preRead(t *testing.T, f fixture, meetingID int64) (data.HandoffRecord, minutes.PreRead) {
	t.Helper()
	rec, err := f.db.HandoffRecord(context.Background(), meetingID)
	if err != nil {
		t.Fatal(err)
	}
	pre, err := minutes.PreReadFromRecord(rec, minutes.Options{Now: func() time.Time { return demoNow }})
	if err != nil {
		t.Fatal(err)
	}
	return rec, pre
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAMissingAddressIsNamedAndNoDraftIsWritten(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.pod
	p.Leaders[1].Email = ""
	if _, err := f.db.UpdatePod(ctx, p); err != nil {
		t.Fatal(err)
	}
	draft := f.meeting(t, data.MeetingDraft)
	if _, err := f.db.MeetingRun(ctx, draft.ID); err != nil { // open it, to add a guest
		t.Fatal(err)
	}
	if _, err := f.db.AddGuest(ctx, draft.ID, data.Attendee{Name: "Lee Chen", GuestRole: "Sales"}); err != nil {
		t.Fatal(err)
	}
	rec, pre := preRead(t, f, draft.ID)
	_, err := handoff.Agenda(rec, pre, demoNow)
	if !errors.Is(err, data.ErrInvalid) {
		t.Fatalf("err = %v, want the unreachable people named", err)
	}
	for _, want := range []string{"Zoë Ørsted (Product Manager) has no e-mail address", "Lee Chen (guest) has no e-mail address"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}

	// The writer checks too, before it writes anything: one unreachable
	// recipient in the second of two drafts leaves the folder empty.
	ok := handoff.Mail{Kind: handoff.KindActions, Pod: "Payments", Group: "a", Subject: "s",
		To: []data.Recipient{{Name: "王芳", Email: "wang.fang@example.com"}}}
	bad := ok
	bad.Group, bad.To = "b", []data.Recipient{{Name: "Typo", Role: "action owner", Email: "typo.example.com"}}
	dir := t.TempDir()
	paths, err := WriteDrafts(dir, []handoff.Mail{ok, bad}, demoNow)
	if err == nil || !strings.Contains(err.Error(), "Typo (action owner): That email address is missing an @") || !strings.Contains(err.Error(), "no draft was written") {
		t.Errorf("err = %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || len(paths) != 0 {
		t.Errorf("%d files written, want none", len(entries))
	}
}
