package mailout

import (
	"bytes"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"triad/data"
	"triad/data/minutes"
)

func meeting() minutes.Minutes {
	d, _ := data.ParseDate("2026-11-25")
	next, _ := data.ParseDate("2026-12-02")
	due, _ := data.ParseDate("2026-11-19")
	cet := time.FixedZone("CET", 3600)
	return minutes.Minutes{
		Pod:         "Atlas Payments",
		Date:        d,
		Start:       time.Date(2026, 11, 25, 10, 0, 0, 0, cet),
		End:         time.Date(2026, 11, 25, 11, 7, 0, 0, cet),
		Facilitator: "José Ñúñez",
		Currency:    "USD",
		Attendance: minutes.Attendance{
			Present: []minutes.Person{
				{Name: "Łukasz Wiśniewski", Role: "Tech Lead", Email: "lukasz@atlas.example"},
				{Name: "José Ñúñez", Role: "Product Manager", Email: "jose@atlas.example"},
				{Name: "Ольга Петрова", Role: "Product Marketing Manager", Email: "olga@atlas.example"},
			},
			Absent: []minutes.Person{{Name: "Zoë Achterberg", Email: "zoe@atlas.example"}},
			Guests: []minutes.Person{
				{Name: "陈伟", Role: "Solutions Engineer", Email: "chen.wei@atlas.example"},
				{Name: "No Address", Role: "Finance"},
				{Name: "Typo", Email: "not-an-address"},
				{Name: "Olga again", Email: "OLGA@atlas.example"},
			},
		},
		Decisions: []minutes.Decision{{
			Question: "Which currencies does instant payout launch with?",
			Chosen:   "EUR and GBP now, USD later",
			Positions: []minutes.Position{
				{Member: "Ольга Петрова", Stance: minutes.StanceDisagree, Commitment: minutes.DisagreeAndCommit},
			},
		}},
		DealDesk: minutes.DealDesk{Requests: []minutes.DealRequest{
			{Customer: "株式会社サクラ物流", Value: data.Dollars(185000), Overdue: true},
			{Customer: "Brightwater Retail", Value: data.Dollars(72500)},
		}},
		Actions: minutes.Actions{
			New:     []minutes.ActionItem{{Text: "Confirm the bank partner's API rate limits", Owner: "Łukasz Wiśniewski", Due: next}},
			Overdue: []minutes.ActionItem{{Text: "Write the post-incident review", Owner: "Łukasz Wiśniewski", Due: due}},
		},
		Celebrate:   "Smart retries passed its $250,000 goal 🎉",
		NextMeeting: next,
	}
}

// readDraft parses an .eml as a mail client would and returns its
// header, its text body and its attachments by file name.
func readDraft(t *testing.T, raw []byte) (mail.Header, string, map[string][]byte) {
	t.Helper()
	p := readMail(t, raw)
	if mediaType, _, err := mime.ParseMediaType(p.header.Get("Content-Type")); err != nil || mediaType != "multipart/mixed" {
		t.Fatalf("Content-Type %q (%v), want multipart/mixed", p.header.Get("Content-Type"), err)
	}
	return p.header, p.text, p.files
}

func addresses(t *testing.T, h mail.Header, key string) []string {
	t.Helper()
	if h.Get(key) == "" {
		return nil
	}
	list, err := h.AddressList(key)
	if err != nil {
		t.Fatalf("%s: %v (%q)", key, err, h.Get(key))
	}
	var out []string
	for _, a := range list {
		out = append(out, a.Name+" <"+a.Address+">")
	}
	return out
}

func TestDraftParsesBackWithThePDFAttached(t *testing.T) {
	m := meeting()
	pdf, err := minutes.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdfName := minutes.FileName(m.Pod, m.Date)
	at := time.Date(2026, 11, 25, 11, 15, 0, 0, time.UTC)
	path, err := Save(dir, m, pdfName, pdf, at)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "Triad minutes - Atlas Payments - 2026-11-25.eml"); path != want {
		t.Errorf("saved to %q, want %q", path, want)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, body, files := readDraft(t, raw)

	if got := h.Get("X-Unsent"); got != "1" {
		t.Errorf("X-Unsent = %q, want 1", got)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subject != "Triad minutes — Atlas Payments — Wed 25 Nov 2026" {
		t.Errorf("Subject = %q (%v)", subject, err)
	}
	wantTo := []string{"Łukasz Wiśniewski <lukasz@atlas.example>", "José Ñúñez <jose@atlas.example>", "Ольга Петрова <olga@atlas.example>", "陈伟 <chen.wei@atlas.example>"}
	if got := addresses(t, h, "To"); strings.Join(got, ", ") != strings.Join(wantTo, ", ") {
		t.Errorf("To = %q, want %q", got, wantTo)
	}
	if got := addresses(t, h, "Cc"); len(got) != 1 || got[0] != "Zoë Achterberg <zoe@atlas.example>" {
		t.Errorf("Cc = %q, want the absent member", got)
	}
	if got := addresses(t, h, "From"); len(got) != 1 || got[0] != "José Ñúñez <jose@atlas.example>" {
		t.Errorf("From = %q, want the facilitator", got)
	}
	if d, err := h.Date(); err != nil || !d.Equal(at) {
		t.Errorf("Date = %v (%v), want %v", d, err, at)
	}

	if len(files) != 1 {
		t.Fatalf("attachments %d, want 1", len(files))
	}
	if got, ok := files[pdfName]; !ok || !bytes.Equal(got, pdf) {
		t.Errorf("attachment %q is not byte-identical to the PDF (%d vs %d bytes)", pdfName, len(got), len(pdf))
	}

	for _, w := range []string{
		"Attached are the minutes of the Atlas Payments Triad meeting (Wed 25 Nov 2026, 10:00–11:07).",
		"- Which currencies does instant payout launch with? — EUR and GBP now, USD later (disagreed: Ольга Петрова)",
		"Deal desk: 2 request(s) this week; overdue for sign-off: 株式会社サクラ物流 $185,000.",
		"Celebrate: Smart retries passed its $250,000 goal 🎉",
		"- Confirm the bank partner's API rate limits — Łukasz Wiśniewski, due Wed 2 Dec 2026",
		"Overdue action items\n- Write the post-incident review — Łukasz Wiśniewski, due Thu 19 Nov 2026",
		"Next meeting: Wed 2 Dec 2026.",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("summary lacks %q:\n%s", w, body)
		}
	}
}

// Names are typed by people: quotes, commas, line breaks and bidi tricks
// must neither break the headers nor smuggle in new ones.
func TestHostileNamesCannotInjectHeaders(t *testing.T) {
	m := meeting()
	m.Pod = "Atlas\r\nBcc: eve@evil.example"
	m.Facilitator = "Eve \"the boss\", <x@y>"
	m.Attendance.Present = []minutes.Person{
		{Name: "Eve\r\nBcc: eve@evil.example", Email: "eve@atlas.example"},
		{Name: `Quote " and \ backslash, comma`, Email: "q@atlas.example"},
		{Name: "Pay \u202e0001$\u202c", Email: "p@atlas.example"},
		{Name: "Bad", Email: "x@y.example\r\nBcc: eve@evil.example"},
	}
	var buf bytes.Buffer
	msg, err := Compose(m, "m.pdf", []byte("%PDF-1.3 tiny"), time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := msg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	h, _, files := readDraft(t, buf.Bytes())
	if h.Get("Bcc") != "" {
		t.Errorf("a Bcc header was injected: %q", h.Get("Bcc"))
	}
	got := addresses(t, h, "To")
	want := []string{"Eve Bcc: eve@evil.example <eve@atlas.example>", `Quote " and \ backslash, comma <q@atlas.example>`, "Pay 0001$ <p@atlas.example>",
		"陈伟 <chen.wei@atlas.example>", "Olga again <OLGA@atlas.example>"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("To = %q, want %q", got, want)
	}
	if !bytes.Equal(files["m.pdf"], []byte("%PDF-1.3 tiny")) {
		t.Error("attachment changed")
	}
}

func TestFailedDraftWriteLeavesNothing(t *testing.T) {
	m := meeting()
	dir := t.TempDir()
	if _, err := Save(filepath.Join(dir, "missing"), m, "m.pdf", []byte("%PDF"), time.Now()); err == nil {
		t.Fatal("saving into a missing folder succeeded")
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("folder holds %d entries after a failed save", len(es))
	}
}

func TestNonASCIIAttachmentNameSurvives(t *testing.T) {
	m := meeting()
	m.Pod = "Платежи 支付"
	name := minutes.FileName(m.Pod, m.Date)
	msg, err := Compose(m, name, []byte("%PDF-1.3 tiny"), time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	_, _, files := readDraft(t, buf.Bytes())
	if _, ok := files[name]; !ok {
		var names []string
		for n := range files {
			names = append(names, n)
		}
		t.Errorf("attachment names %q, want %q", names, name)
	}
}
