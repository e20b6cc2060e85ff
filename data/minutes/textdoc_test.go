package minutes

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func readPDF(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext (apt-get install poppler-utils): %v: %s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestTextHasThePDFsSectionsAndContent copies the minutes as text and
// checks them against the PDF itself: every section the PDF prints is a
// heading of the Markdown, and what each section names (items, decisions,
// requests, actions, people) reads the same in both.
func TestTextHasThePDFsSectionsAndContent(t *testing.T) {
	m := sampleMinutes()
	pdf, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	inPDF := readPDF(t, pdf)
	md := m.Markdown()
	plain := fold(m.PlainText())
	for _, h := range []string{"Agenda", "Decisions", "Deal desk", "Roadmap debt check", "Trends", "Revenue goals", "Action items"} {
		if !strings.Contains(inPDF, h) {
			t.Fatalf("the PDF has no %q section: the sample no longer covers it", h)
		}
		if !strings.Contains(md, "\n## "+h+"\n") {
			t.Errorf("the Markdown has no section %q", h)
		}
	}
	var want []string
	for _, it := range m.Agenda {
		want = append(want, oneLine(it.Title), oneLine(it.Presenter))
	}
	for _, d := range m.Decisions {
		want = append(want, oneLine(d.Question))
		for _, p := range d.Positions {
			want = append(want, oneLine(p.Member))
		}
	}
	for _, r := range m.DealDesk.Requests {
		want = append(want, oneLine(r.Customer), r.Value.Format(m.Currency))
	}
	for _, g := range [][]ActionItem{m.Actions.New, m.Actions.CarriedOver, m.Actions.Done, m.Actions.Overdue} {
		for _, a := range g {
			want = append(want, oneLine(a.Text), oneLine(a.Owner))
		}
	}
	want = append(want, glanceText(&m), whenLine(&m))
	if m.Roadmap != nil {
		want = append(want, m.Roadmap.Ratio.Format(), m.Roadmap.Band.Label())
	}
	for _, w := range want {
		if w == "" {
			continue
		}
		short := w
		if len([]rune(short)) > 40 {
			short = string([]rune(short)[:40]) // the PDF wraps long lines
		}
		if !strings.Contains(inPDF, fold(short)) {
			continue // hyphenated or clamped in the PDF's narrow columns
		}
		if !strings.Contains(plain, fold(w)) {
			t.Errorf("the PDF says %q; the text does not", w)
		}
	}
}

func TestTextIsTheSameForTheSameMinutes(t *testing.T) {
	if a, b := sampleMinutes().Markdown(), sampleMinutes().Markdown(); a != b {
		t.Error("the same minutes give different text")
	}
}
