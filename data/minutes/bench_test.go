package minutes

import "testing"

// benchmarkRender reports the time and allocations of one Render, and the
// size of the PDF it makes (pdf-bytes) and its page count (pages).
func benchmarkRender(b *testing.B, m Minutes) {
	pdf, err := Render(m)
	if err != nil {
		b.Fatal(err)
	}
	pages, _, err := renderPass(&m, 0)
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
func BenchmarkRenderLatinOnly(b *testing.B) {
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
	benchmarkRender(b, m)
}
