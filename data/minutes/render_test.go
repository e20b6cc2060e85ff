package minutes

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"triad/assets"
	"triad/data"
	"triad/data/chart"
)

var sampleOut = flag.String("sample", "", "also write the sample meeting's PDF to this file")

// poppler runs a poppler-utils tool (pdftotext, pdfinfo) on pdf.
func poppler(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is needed to read the PDFs back (apt-get install poppler-utils)", tool)
	}
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path, "-")...).CombinedOutput()
	if tool == "pdfinfo" {
		out, err = exec.Command(tool, append(args, path)...).CombinedOutput()
	}
	if err != nil {
		t.Fatalf("%s failed on the PDF: %v\n%s", tool, err, out)
	}
	return string(out)
}

// pdfPages returns the text of each page, white space folded.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	raw := poppler(t, pdf, "pdftotext", "-enc", "UTF-8")
	pages := strings.Split(strings.TrimSuffix(raw, "\f"), "\f")
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
}

func render(t testing.TB, m Minutes) []byte {
	t.Helper()
	pdf, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-64:], []byte("%%EOF")) {
		t.Fatalf("output is not a complete PDF (%d bytes)", len(pdf))
	}
	return pdf
}

func TestSampleMinutesShowEverySectionWithItsFigures(t *testing.T) {
	pdf := render(t, sampleMinutes())
	if *sampleOut != "" {
		if err := os.WriteFile(*sampleOut, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, " ")
	want := []string{
		// header and attendance
		"TRIAD MEETING MINUTES", "Atlas Payments", "Wed 25 Nov 2026 · 10:00–11:07 CET (1 h 7 min)",
		"Łukasz Wiśniewski (Tech Lead), José Ñúñez (Product Manager), Ольга Петрова (Product Marketing Manager)",
		"陈伟 (Solutions Engineer, APAC), Νίκος Παπαδόπουλος (Finance Business Partner)",
		"5 agenda items · 4 decisions (1 with dissent) · 3 deal requests (1 overdue), 1 approved, 1 turned down · action items: 3 new, 1 carried over, 2 overdue, 1 done",
		// agenda
		"Agenda", "Instant payouts for EU merchants", "Japanese invoice format (適格請求書)",
		"carried from Wed 18 Nov 2026", "27 min of 20 min planned (7 min over)",
		"Outcome: Decision — Build EUR and GBP first",
		"Engineering: can we build it?", "With changes How long: 6–8 weeks, 2 engineers — Łukasz Wiśniewski",
		"Will pay: $1 per payout (flat fee) — Ольга Петрова",
		"Nordlicht GmbH and 株式会社サクラ物流", "Łukasz will check the limits with the partner before the next meeting.",
		// decisions
		"Decisions", "Decision 1: Which currencies does instant payout launch with?",
		"Decided: EUR and GBP now, USD later", "Disagrees Disagrees and commits",
		"Dissent: Ольга Петрова disagrees with this decision and commits to carry it out.",
		"No dissent: every member agrees and commits.",
		// deal desk
		"Deal desk", "Deals over $50,000 that need a new feature need the Tech Lead's sign-off within 24 h.",
		"Nordlicht GmbH $240,000", "株式会社サクラ物流 $185,000",
		"OVERDUE — waiting 31 h, 7 h past the SLA", "Brightwater Retail $72,500",
		"7 h 20 min",
		// roadmap
		"Roadmap debt check", "Close to target — maintenance is 14% of the roadmap, against a quota of 20%.",
		"2 maintenance items short of the 20% quota", "Features 12 · Maintenance 2 · Total 14",
		"Disputed by Ольга Петрова",
		// trends, revenue
		"Trends", "Maintenance share of the roadmap (%)", "Deal-desk sign-off time (hours)", "Nov 25",
		"Revenue goals", "Celebrate: Smart retries passed its $250,000 revenue goal, six weeks early.",
		"$262,500 of $250,000 (105%)", "$148,000 of $400,000 (37%)",
		// actions
		"Action items", "New (3)", "Carried over (1)", "Done since last week (1)", "Overdue (2)",
		"Confirm the bank partner's API rate limits for the largest merchants Łukasz Wiśniewski Wed 2 Dec 2026",
		"agreed Wed 18 Nov 2026", "Fri 20 Nov 2026", "Thu 19 Nov 2026 6 days overdue",
		"Generated Wed 25 Nov 2026 11:12 CET",
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("the minutes do not say %q", w)
		}
	}
	// Rows: the values must stand on one line of the page, in this order.
	layout := poppler(t, pdf, "pdftotext", "-layout", "-enc", "UTF-8")
	for _, r := range [][]string{
		{"Facilitator", "José Ñúñez"},
		{"Absent", "Zoë Achterberg (Design Lead)"},
		{"Next meeting", "Wed 2 Dec 2026"},
		{"1", "Instant payouts for EU merchants", "Łukasz Wiśniewski", "20 min", "27 min", "Decision"},
		{"5", "Japanese invoice format (適格請求書)", "陈伟", "10 min", "5 min", "Noted"},
		{"Total", "1 h 2 min"},
		{"Ольга Петрова", "Disagrees", "Disagrees and", "US prospects are 60% of the pipeline"},
		{"株式会社サクラ物流", "$185,000", "Japanese invoice format", "陈伟", "OVERDUE"},
		{"Kestrel Logistics", "$98,750.50", "Turned down", "Łukasz Wiśniewski", "26 h"},
		{"as delegate for José Ñúñez", "later than the SLA"},
		{"Smart retries", "$262,500 of $250,000 (105%)"},
		{"Write the post-incident review", "Łukasz Wiśniewski", "Thu 19 Nov 2026"},
	} {
		if !hasRow(layout, r...) {
			t.Errorf("no line of the minutes reads %q", r)
		}
	}
	for i, p := range pages {
		footer := fmt.Sprintf("Page %d of %d", i+1, len(pages))
		if !strings.Contains(p, footer) {
			t.Errorf("page %d has no %q footer", i+1, footer)
		}
	}
	if strings.Contains(all, string(StandIn)) {
		t.Errorf("the sample needs no stand-in characters, but the PDF has one")
	}

	info := poppler(t, pdf, "pdfinfo", "-isodates")
	for _, w := range []string{
		"Title:           Triad minutes — Atlas Payments — Wed 25 Nov 2026",
		"Author:          José Ñúñez",
		"Subject:         Minutes of the weekly Triad meeting of Atlas Payments on Wed 25 Nov 2026",
		"Creator:         Triad",
		"CreationDate:    2026-11-25T10:12:00Z",
	} {
		if !strings.Contains(info, w) {
			t.Errorf("pdfinfo lacks %q:\n%s", w, info)
		}
	}
	assertInsideMargins(t, pdf)
}

// hasRow reports whether one line of text holds all fields, in order.
func hasRow(text string, fields ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		rest, ok := line, true
		for _, f := range fields {
			i := strings.Index(rest, f)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(f):]
		}
		if ok {
			return true
		}
	}
	return false
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// assertInsideMargins checks with pdftotext's word boxes that no text
// runs past the page margins.
func assertInsideMargins(t *testing.T, pdf []byte) {
	t.Helper()
	boxes := poppler(t, pdf, "pdftotext", "-bbox", "-enc", "UTF-8")
	n := 0
	for _, m := range wordRE.FindAllStringSubmatch(boxes, -1) {
		n++
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		const slack = 1.0
		if x0 < marginLeft-slack || x1 > pageW-marginRight+slack || y0 < 20 || y1 > pageH-20 {
			t.Errorf("%q at (%.1f,%.1f)-(%.1f,%.1f) runs past the margins", html.UnescapeString(m[5]), x0, y0, x1, y1)
		}
	}
	if n == 0 {
		t.Fatal("pdftotext found no words at all")
	}
}

// hostile is text a facilitator might paste: every trap at once.
var hostile = []string{
	"Ship it 🎉🚀 👨‍👩‍👧 👍🏽 🇩🇪 ❤️",
	"مرحبا بالعالم — עסקה של 1,250 ש״ח",
	"陈伟 · 山田花子 · 株式会社サクラ物流 · 한국어 · 𠀋",
	"Total \u202e000,01$\u202c and \u2067isolated\u2069 \u200bzero\u200dwidth\ufeff",
	"PDF syntax ( ) \\ \\( \\) %%EOF endstream endobj trailer << /Type /Catalog >>",
	"control \x00\x01\x07\x1b\x7f\u0085 chars\tand\r\nCRLF",
	"invalid \xff\xfe UTF-8 \xc3",
	"private use \ue000\uf8ff and noncharacters \ufffe\uffff",
	"combining e\u0301 n\u0303 and Zalgo Z\u0336\u0337\u0338a\u0334",
	strings.Repeat("W", 3000), // one word far wider than any column
	"",
	"   ",
}

func hostileMinutes() Minutes {
	m := sampleMinutes()
	note := string([]rune(strings.Repeat("Ten thousand characters of notes, with a 🎉 and a \u202e now and then. ", 150))[:10000])
	h := func(i int) string { return hostile[i%len(hostile)] }
	m.Pod = h(0) + h(3)
	m.Facilitator = h(1)
	m.Currency = "\u202eUSD"
	m.Attendance.Guests = append(m.Attendance.Guests, Person{Name: h(2), Role: h(4)}, Person{Name: h(9)})
	for i := range hostile {
		notes := h(i)
		if i < 2 {
			notes += "\n" + note
		}
		m.Agenda = append(m.Agenda, AgendaItem{
			Title: h(i), Presenter: h(i + 1), Kind: h(i + 2), Planned: -5, Actual: 1 << 20,
			Notes: notes, Outcome: h(i + 3), OutcomeType: Outcome(h(i)),
			Questions: &TriadAnswers{CanBuild: Verdict(h(i)), HowLong: h(i + 1), SolvesProblem: h(i + 2), WillPay: data.Money(-1 << 62), WillPaySaid: h(i + 3), GTMBy: h(i + 4)},
		})
		m.Decisions = append(m.Decisions, Decision{Question: h(i), Options: []string{h(i + 1), h(i + 2)}, Chosen: h(i + 3), Why: h(i + 4),
			Positions: []Position{{Member: h(i), Role: h(i + 1), Stance: Stance(h(i)), Reasoning: h(i + 2), Commitment: Commitment(h(i + 3))}}})
		m.DealDesk.Requests = append(m.DealDesk.Requests, DealRequest{Customer: h(i), Value: data.Money(1<<63 - 1), Ask: h(i + 1), State: h(i + 2), Waiting: -time.Hour, Overdue: i%2 == 0})
		m.Actions.Overdue = append(m.Actions.Overdue, ActionItem{Text: h(i), Owner: h(i + 1)})
		m.Revenue = append(m.Revenue, RevenueGoal{Feature: h(i), Goal: data.Money(i - 3), Actual: data.Money(1<<63 - 1)})
	}
	m.Roadmap.Shortfall = note
	m.Roadmap.Counts = append(m.Roadmap.Counts, Count{Label: h(0), N: -1})
	m.Roadmap.Response.Comment = h(3)
	m.Celebrate = h(0)
	m.Charts = append(m.Charts,
		chart.Figure{Width: 100, Height: 50, Title: h(2), Texts: []chart.Text{{X: 0, Y: 0, Text: h(0) + h(9), Size: 9}}},
		chart.Figure{Width: math.NaN(), Height: 10},
		chart.Figure{Width: 10, Height: 10, Lines: []chart.Line{{X1: math.Inf(1), Y2: math.NaN()}}, Dots: []chart.Dot{{X: 1e300, Y: 1, R: 1e300}}, Rects: []chart.Rect{{X: -1e9, W: 2e9, H: 5}}},
		chart.Figure{},
	)
	return m
}

func TestHostileTextRendersWithinTheMargins(t *testing.T) {
	pdf := render(t, hostileMinutes())
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, " ")
	for _, w := range []string{
		"PDF syntax ( ) \\ \\( \\) %%EOF endstream endobj trailer << /Type /Catalog >>",
		"Ship it [party popper]",
		"陈伟 · 山田花子 · 株式会社サクラ物流",
		"Total 000,01$ and isolated zerowidth", // overrides gone: the characters read in stored order
	} {
		if !strings.Contains(all, w) {
			t.Errorf("hostile minutes do not say %q", w)
		}
	}
	for _, bad := range []string{"\u202e", "\u2067", "\u200b", "\ufeff", "\x00", "\x1b"} {
		if strings.Contains(all, bad) {
			t.Errorf("invisible control %q reached the PDF", bad)
		}
	}
	if len(pages) < 8 {
		t.Errorf("the hostile minutes take %d pages; ten-thousand-character notes should fill more", len(pages))
	}
	if !strings.Contains(all, "Ten thousand characters of notes, with a [party popper] and a now and then.") {
		t.Error("the long note is not in the minutes")
	}
	assertInsideMargins(t, pdf)
}

func TestEmptyMinutesRender(t *testing.T) {
	pages := pdfPages(t, render(t, Minutes{}))
	all := strings.Join(pages, " ")
	for _, w := range []string{"No agenda items were recorded.", "No decisions were taken.", "No deal requests this week.",
		"No debt check was taken this week.", "No action items.", "No next meeting is scheduled.", "Page 1 of 1"} {
		if !strings.Contains(all, w) {
			t.Errorf("empty minutes do not say %q", w)
		}
	}
}

func TestLongTablesRepeatTheirHeaderOnEveryPage(t *testing.T) {
	m := Minutes{Pod: "Atlas", Date: day("2026-11-25")}
	for i := 0; i < 150; i++ {
		m.Actions.New = append(m.Actions.New, ActionItem{Text: fmt.Sprintf("Action number %03d: follow up with the customer", i), Owner: "Ольга Петрова", Due: day("2026-12-02")})
	}
	pages := pdfPages(t, render(t, m))
	if len(pages) < 4 {
		t.Fatalf("150 action items fit on %d pages; expected several", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, "Action Owner Due") {
			t.Errorf("page %d lacks the table header", i+1)
		}
	}
	all := strings.Join(pages, " ")
	for i := 0; i < 150; i++ {
		if !strings.Contains(all, fmt.Sprintf("Action number %03d", i)) {
			t.Errorf("action %d is missing", i)
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a, b := render(t, sampleMinutes()), render(t, sampleMinutes())
	if !bytes.Equal(a, b) {
		t.Errorf("two renders of the same minutes differ (%d and %d bytes)", len(a), len(b))
	}
	// Without GeneratedAt the date comes from the meeting, never the clock.
	m := Minutes{Pod: "Atlas", Date: day("2026-11-25"), End: time.Date(2026, 11, 25, 11, 0, 0, 0, cet)}
	if !bytes.Equal(render(t, m), render(t, m)) {
		t.Error("minutes without a generation time render differently twice")
	}
	if info := poppler(t, render(t, m), "pdfinfo", "-isodates"); !strings.Contains(info, "CreationDate:    2026-11-25T10:00:00Z") {
		t.Errorf("the creation date is not the meeting's end:\n%s", info)
	}
}

// Rendering from many goroutines at once must neither race (run with
// -race) nor change the shared embedded font bytes, and every copy must
// come out identical.
func TestConcurrentRendersAreIndependent(t *testing.T) {
	sums := func() [3][32]byte {
		return [3][32]byte{sha256.Sum256(assets.DejaVuSans), sha256.Sum256(assets.DejaVuSansBold), sha256.Sum256(assets.DroidSansFallback)}
	}
	before := sums()
	want := render(t, sampleMinutes())
	const n = 4
	results := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Render(sampleMinutes())
		}()
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("render %d: %v", i, errs[i])
		}
		if !bytes.Equal(results[i], want) {
			t.Errorf("concurrent render %d differs from a render alone", i)
		}
	}
	if sums() != before {
		t.Error("rendering changed the embedded font bytes")
	}
}

func TestFontsAreReadable(t *testing.T) {
	loadFaces(t)
	for _, r := range "AaZz09 .,é€Łж陈サ" {
		if !faceRegular.covers(r) && !faceFallback.covers(r) {
			t.Errorf("no font covers %q", r)
		}
	}
	if _, _, err := readMetrics([]byte("not a font")); err == nil {
		t.Error("readMetrics accepted garbage")
	}
	if _, _, err := readMetrics(assets.DejaVuSans[:2000]); err == nil {
		t.Error("readMetrics accepted a truncated font")
	}
}

// A paragraph that would leave its last line alone at the top of the next
// page takes a second line over with it.
func TestParagraphLeavesNoWidowAcrossPages(t *testing.T) {
	loadFaces(t)
	b := layout([]span{{text: longNote}}, sizeBody, lineBody, contentW, colText)
	// longNote's third paragraph ends on line 12 (counting from 0), alone.
	if len(b.lines[12]) == 0 || len(b.lines[13]) != 0 {
		t.Fatalf("the note no longer lays out as this test expects")
	}
	d := newDoc(&Minutes{})
	d.newPage()
	d.y = bottomLimit - 12.5*lineBody // room for lines 0–11 exactly
	d.para([]span{{text: longNote}}, 0, sizeBody, lineBody, colText)
	if got := d.pdf.PageNo(); got != 2 {
		t.Fatalf("the note ends on page %d, want 2", got)
	}
	// Lines 11 and 12 moved over, followed by the blank line and the last paragraph.
	if want := d.pageTop() + float64(len(b.lines)-11)*lineBody; d.y != want {
		t.Errorf("page 2 ends at %.1f, want %.1f (two lines of the paragraph carried over)", d.y, want)
	}
}

// A Hebrew or Arabic paragraph is set against the right margin, as its
// readers expect; a paragraph that starts in a left-to-right script stays
// at the left even when it holds a Hebrew name.
func TestRightToLeftParagraphsStartAtTheRightMargin(t *testing.T) {
	loadFaces(t)
	type run struct{ x, end float64 }
	for _, c := range []struct {
		text      string
		wantRight bool
	}{
		{"החלטנו לדחות את ההשקה בשבוע", true},
		{"قررنا تأجيل الإطلاق أسبوعا", true},
		{"We moved the launch for שלום by a week", false},
	} {
		d := newDoc(&Minutes{})
		var runs []run
		d.trace = func(_ int, f *face, size, x, _ float64, text string) {
			w := 0.0
			for _, r := range text {
				w += f.advance(r, size)
			}
			runs = append(runs, run{x, x + w})
		}
		d.newPage()
		d.para([]span{{text: c.text}}, 0, sizeBody, lineBody, colText)
		if len(runs) == 0 {
			t.Fatalf("%q drew nothing", c.text)
		}
		first, last := runs[0].x, runs[0].end
		for _, r := range runs {
			first, last = min(first, r.x), max(last, r.end)
		}
		right := marginLeft + contentW
		if c.wantRight {
			if math.Abs(last-right) > 0.5 || first < marginLeft+contentW/3 {
				t.Errorf("%q drawn from %.1f to %.1f, want it to end at the right margin %.1f", c.text, first, last, right)
			}
		} else if math.Abs(first-marginLeft) > 0.5 {
			t.Errorf("%q starts at %.1f, want the left margin %.1f", c.text, first, marginLeft)
		}
	}
}
