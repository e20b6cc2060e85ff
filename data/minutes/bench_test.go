package minutes

import (
	"bytes"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// benchmarkRender reports the time and allocations of one Render, and the
// size of the PDF it makes (pdf-bytes) and its page count (pages).
func benchmarkRender(b *testing.B, m Minutes) {
	pdf, err := Render(m)
	if err != nil {
		b.Fatal(err)
	}
	pages, _, err := renderOnce(&m)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pdf)), "pdf-bytes")
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkRenderTypical renders a typical week: 10 agenda items, 5
// decisions, 10 deal requests and 15 action items.
func BenchmarkRenderTypical(b *testing.B) { benchmarkRender(b, typicalMinutes()) }

// BenchmarkRenderFiftyPages renders a meeting that fills about 50 pages.
func BenchmarkRenderFiftyPages(b *testing.B) { benchmarkRender(b, longMinutes()) }

// BenchmarkRenderLatinOnly renders the typical week with no Chinese or
// Japanese text, which spares loading the 4 MB fallback font.
func BenchmarkRenderLatinOnly(b *testing.B) { benchmarkRender(b, latinOnlyMinutes()) }

// latinOnlyMinutes is the typical week with no Chinese or Japanese text.
func latinOnlyMinutes() Minutes {
	m := typicalMinutes()
	m.Attendance.Guests = nil
	for i := range m.Agenda {
		m.Agenda[i].Notes, m.Agenda[i].Title, m.Agenda[i].Presenter = "Notes in plain Latin text. ", "A proposal", "José Ñúñez"
	}
	for i := range m.DealDesk.Requests {
		m.DealDesk.Requests[i].Customer, m.DealDesk.Requests[i].RequestedBy = "Nordlicht GmbH", "Zoë Achterberg"
	}
	for _, list := range [][]ActionItem{m.Actions.New, m.Actions.CarriedOver, m.Actions.Overdue} {
		for i := range list {
			list[i].Owner = "Ольга Петрова"
		}
	}
	return m
}

// textRun is one run of text as the renderer drew it.
type textRun struct {
	page       int
	f          *face
	size, x, y float64
	text       string
}

// benchmarkFloor is the floor Render is measured against: raw gofpdf
// writing exactly the text Render draws for m (every run, on its page, in
// its face, size and place) with the same embedded fonts, and nothing
// else: no layout, no measuring, no rules or charts.
func benchmarkFloor(b *testing.B, m Minutes) {
	var runs []textRun
	if _, _, err := renderTraced(&m, func(page int, f *face, size, x, y float64, text string) {
		runs = append(runs, textRun{page, f, size, x, y, text})
	}); err != nil {
		b.Fatal(err)
	}
	faces := map[*face]bool{}
	for _, r := range runs {
		faces[r.f] = true
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "pt", SizeStr: "A4"})
		pdf.SetAutoPageBreak(false, 0)
		pdf.SetCatalogSort(true)
		for _, f := range []*face{faceRegular, faceBold, faceFallback} {
			if faces[f] {
				// A copy each, as Render makes: gofpdf writes into the bytes.
				pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.bytes))
			}
		}
		page := 0
		for _, r := range runs {
			for page < r.page {
				pdf.AddPage()
				page++
			}
			pdf.SetFont(r.f.family, r.f.style, r.size)
			pdf.Text(r.x, r.y, r.text)
		}
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderFloor is the raw gofpdf floor of BenchmarkRenderTypical
// and BenchmarkRenderLatinOnly: Render's time over the floor's is the
// overhead of Triad's layout (the goal is at most 1.2).
func BenchmarkRenderFloor(b *testing.B) {
	b.Run("typical", func(b *testing.B) { benchmarkFloor(b, typicalMinutes()) })
	b.Run("latin-only", func(b *testing.B) { benchmarkFloor(b, latinOnlyMinutes()) })
}
